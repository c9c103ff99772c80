# cython: language_level=3, auto_pickle=False, autotestdict=False
"""kNN information estimators: thin wrappers over cpp/include/infokit/knn/engine.hpp.

Everything here trusts its inputs (C-contiguous float64 (n, d) arrays, k below
the number of candidates, n < 2**31); infokit.estimate._samples and infokit.estimate._knn_core validate them.
"""
from libc.stdint cimport int32_t, int64_t
from libc.stddef cimport ptrdiff_t
from libcpp.vector cimport vector

include "_buffers.pxi"

cdef extern from "infokit/knn/common.hpp" namespace "infokit" nogil:
    cdef struct Column:
        const double* p
        ptrdiff_t stride
    cdef struct KnnSum:
        double sum
        int32_t n_terms
        int32_t n_zero
    # KsgMode and Metric are scoped enums: read as ints.
    const int c_MODE_KSG1 "static_cast<int>(infokit::KsgMode::ksg1)"
    const int c_MODE_KSG2 "static_cast<int>(infokit::KsgMode::ksg2)"
    const int c_MODE_CMI1 "static_cast<int>(infokit::KsgMode::cmi1)"
    const int c_MODE_CMI2 "static_cast<int>(infokit::KsgMode::cmi2)"
    const int c_MODE_GKOV "static_cast<int>(infokit::KsgMode::gkov)"
    const int c_METRIC_CHEBYSHEV "static_cast<int>(infokit::Metric::chebyshev)"
    const int c_METRIC_EUCLIDEAN "static_cast<int>(infokit::Metric::euclidean)"

cdef extern from "infokit/knn/engine.hpp" namespace "infokit" nogil:
    cdef cppclass KsgEngine:
        KsgEngine(int32_t n, int k, int32_t theiler, int mode)
        void add_group(const vector[Column]& cols) except +
        void add_space(const vector[int]& groups) except +
        void prepare() except +
        void set_group(int g, const vector[Column]& cols) except +
        KnnSum run(int n_threads, double* locals) except +
    void c_knn_radius "infokit::knn_radius"(const vector[Column]& cols, int32_t n, int k, int32_t theiler,
                                            int metric, int n_threads, double* out) except +
    void c_knn_cross_radius "infokit::knn_cross_radius"(const vector[Column]& queries, int32_t m,
                                                        const vector[Column]& cols, int32_t n, int k,
                                                        int metric, int n_threads, double* out) except +
    void c_knn_indices "infokit::knn_indices"(const vector[Column]& cols, int32_t n, int k, int32_t theiler,
                                              int n_threads, int64_t* out) except +
    KnnSum c_ross_mi "infokit::ross_mi"(const vector[Column]& cols, int32_t n, const int64_t* codes,
                                        int32_t n_classes, int k, int n_threads, double* locals) except +

# Estimator modes of Ksg (KsgMode in knn/common.hpp, the one definition);
# MODE_KSG1 / MODE_KSG2 are also the modes of knn1d.KsgPair1D.run.
MODE_KSG1 = c_MODE_KSG1
MODE_KSG2 = c_MODE_KSG2
MODE_CMI1 = c_MODE_CMI1
MODE_CMI2 = c_MODE_CMI2
MODE_GKOV = c_MODE_GKOV
# Metrics of knn_radius / knn_cross_radius (Metric in knn/common.hpp).
METRIC_CHEBYSHEV = c_METRIC_CHEBYSHEV
METRIC_EUCLIDEAN = c_METRIC_EUCLIDEAN


cdef vector[Column] _columns(const double[:, ::1] a):
    # Column j of a C-contiguous (n, d) array: start at a[0, j], stride d.
    cdef vector[Column] out
    cdef Column c
    cdef Py_ssize_t j
    if a.shape[0] == 0:
        return out
    for j in range(a.shape[1]):
        c.p = &a[0, j]
        c.stride = a.shape[1]
        out.push_back(c)
    return out


cdef class Ksg:
    """A configured KSG-family estimate whose marginal structures can be reused.

    groups: list of (n, d_g) float64 C-contiguous arrays (the variables);
    spaces: list of lists of group indices (the count spaces); mode: MODE_KSG1,
    MODE_KSG2, MODE_CMI1 (Frenzel–Pompe), MODE_CMI2 (CMI KSG-2 form) or MODE_GKOV.
    """
    cdef KsgEngine* eng
    cdef list keep
    cdef int32_t n

    def __cinit__(self, *args, **kwargs):
        self.eng = NULL

    def __init__(self, list groups, list spaces, int mode, int k, int theiler):
        cdef const double[:, ::1] a
        cdef vector[int] sp
        groups = [_aligned(g) for g in groups]
        self.keep = groups
        self.n = <int32_t>groups[0].shape[0]
        self.eng = new KsgEngine(self.n, k, theiler, mode)
        for g in groups:
            a = g
            self.eng.add_group(_columns(a))
        for s in spaces:
            sp.clear()
            for gi in s:
                sp.push_back(<int>gi)
            self.eng.add_space(sp)
        with nogil:
            self.eng.prepare()

    def __dealloc__(self):
        if self.eng != NULL:
            del self.eng

    def set_group(self, int g, values):
        """Replace group g's rows by `values` (a permutation of the same rows)."""
        values = _aligned(values)
        cdef const double[:, ::1] v = values
        self.keep[g] = values
        self.eng.set_group(g, _columns(v))

    def run(self, int n_threads, double[::1] locals=None):
        """Return (sum of pointwise terms, number of terms (n), number of points with zero radius)."""
        cdef KnnSum r
        cdef double* lp = NULL
        if locals is not None:
            lp = &locals[0]
        with nogil:
            r = self.eng.run(n_threads, lp)
        return r.sum, r.n_terms, r.n_zero


def knn_radius(x, int k, int theiler, int metric, int n_threads, double[::1] out):
    """out[i] = distance from row i to its k-th nearest other row (metric: METRIC_CHEBYSHEV or METRIC_EUCLIDEAN)."""
    cdef const double[:, ::1] xv = _aligned(x)
    cdef vector[Column] cols = _columns(xv)
    cdef int32_t n = <int32_t>xv.shape[0]
    with nogil:
        c_knn_radius(cols, n, k, theiler, metric, n_threads, &out[0])


def knn_cross_radius(queries, x, int k, int metric, int n_threads, double[::1] out):
    """out[i] = distance from queries[i] to its k-th nearest row of x."""
    cdef const double[:, ::1] qv = _aligned(queries)
    cdef const double[:, ::1] xv = _aligned(x)
    cdef vector[Column] qc = _columns(qv)
    cdef vector[Column] xc = _columns(xv)
    cdef int32_t m = <int32_t>qv.shape[0]
    cdef int32_t n = <int32_t>xv.shape[0]
    with nogil:
        c_knn_cross_radius(qc, m, xc, n, k, metric, n_threads, &out[0])


def knn_indices(x, int k, int theiler, int n_threads, int64_t[:, ::1] out):
    """out[i, :] = ids of the k nearest other rows of row i (max-norm, nearest first)."""
    cdef const double[:, ::1] xv = _aligned(x)
    cdef vector[Column] cols = _columns(xv)
    cdef int32_t n = <int32_t>xv.shape[0]
    with nogil:
        c_knn_indices(cols, n, k, theiler, n_threads, &out[0, 0])


def ross_mi(x, codes, int n_classes, int k, int n_threads, double[::1] locals=None):
    """Ross (2014) MI between rows of x and labels codes (0..n_classes-1).

    Return (sum of pointwise terms in nats, number of kept points, number of
    kept points whose within-class k_c-th neighbour distance is 0); the
    estimate is sum / n_kept, and (0.0, 0, 0) when no label repeats.
    """
    cdef const double[:, ::1] xv = _aligned(x)
    cdef const int64_t[::1] cv = _aligned(codes)
    cdef vector[Column] cols = _columns(xv)
    cdef int32_t n = <int32_t>xv.shape[0]
    cdef KnnSum r
    cdef double* lp = NULL
    if locals is not None:
        lp = &locals[0]
    with nogil:
        r = c_ross_mi(cols, n, &cv[0], n_classes, k, n_threads, lp)
    return r.sum, r.n_terms, r.n_zero
