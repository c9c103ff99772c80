# cython: language_level=3, auto_pickle=False, autotestdict=False
"""One-dimensional kNN fast paths: thin wrappers over cpp/include/infokit/knn/pair1d.hpp
(KSG) and cpp/include/infokit/knn/ross1d.hpp (Ross mixed MI).

Everything here trusts its inputs (C-contiguous float64 arrays of equal length,
k below the number of candidates, n < 2**31); infokit.estimate._samples and infokit.estimate._knn_core validate them.
"""
from libc.stdint cimport int32_t, int64_t
from libc.stddef cimport ptrdiff_t
from libcpp.memory cimport shared_ptr, make_shared, static_pointer_cast

include "_buffers.pxi"

cdef extern from "infokit/knn/common.hpp" namespace "infokit" nogil:
    cdef struct KnnSum:
        double sum
        int32_t n_terms
        int32_t n_zero

cdef extern from "infokit/knn/pair1d.hpp" namespace "infokit" nogil:
    cdef cppclass Marginal1D:
        Marginal1D()
        void build(const double* v, ptrdiff_t stride, int32_t n) except +

    cdef cppclass Column1D(Marginal1D):
        Column1D()
        void build_column(const double* v, ptrdiff_t stride, int32_t n) except +

    cdef cppclass Pair1D:
        Pair1D()
        void build_columns(shared_ptr[const Column1D] x, shared_ptr[const Marginal1D] y) except +
        void build(const double* x, ptrdiff_t sx, const double* y, ptrdiff_t sy, int32_t n, int n_threads) except +
        void build_with(const double* x, ptrdiff_t sx, shared_ptr[const Marginal1D] y) except +
        void permute_y(const int64_t* perm) except +
        KnnSum run(int mode, int k, int32_t theiler, int n_threads, double* locals) except +


cdef extern from "infokit/core/dispatch.hpp" namespace "infokit" nogil:
    cdef enum class Isa(int):
        automatic
        baseline
        avx2
    void set_isa(Isa isa)
    Isa active_isa()


def set_kernel_isa(str name):
    """Choose the form of this module's kernels: "auto" (the fastest this CPU runs) or "baseline".

    For tests, which run both forms on the same data and compare the bits.
    Not to be called while kernels of this module run on other threads.
    """
    if name == "auto":
        set_isa(Isa.automatic)
    elif name == "baseline":
        set_isa(Isa.baseline)
    else:
        raise ValueError(f"unknown kernel form {name!r}: expected 'auto' or 'baseline'")


def kernel_isa():
    """The form this module's kernels run now: "baseline" or "avx2"."""
    return "avx2" if active_isa() == Isa.avx2 else "baseline"


cdef extern from "infokit/knn/ross1d.hpp" namespace "infokit" nogil:
    cdef cppclass RossLabels:
        RossLabels()
        int32_t n
        int32_t n_kept
        void build(const int64_t* codes, int32_t n, int32_t n_classes) except +

    KnnSum ross_mi_1d(const double* x, ptrdiff_t sx, const RossLabels& lab, int k, int n_threads, double* locals) except +


cdef class KsgPair1D:
    """KSG estimators 1 and 2 for one column x against one column y (grid fast path).

    x, y: (n, 1) float64 C-contiguous arrays, kept alive by this object. The
    sorted marginals are built once; permute_y re-pairs the rows for a
    permutation test without re-sorting.
    """
    cdef Pair1D* eng
    cdef object x
    cdef object y
    cdef int32_t n

    def __cinit__(self, *args, **kwargs):
        self.eng = NULL

    def __init__(self, x, y, int n_threads):
        cdef const double[:, ::1] xv = _aligned(x)
        cdef const double[:, ::1] yv = _aligned(y)
        self.x = xv
        self.y = yv
        self.n = <int32_t>xv.shape[0]
        self.eng = new Pair1D()
        cdef const double* xp = NULL
        cdef const double* yp = NULL
        if self.n > 0:
            xp = &xv[0, 0]
            yp = &yv[0, 0]
        with nogil:
            self.eng.build(xp, xv.shape[1], yp, yv.shape[1], self.n, n_threads)

    def __dealloc__(self):
        if self.eng != NULL:
            del self.eng

    def permute_y(self, perm):
        """Pair row i with the y of original row perm[i] (perm: a permutation of 0..n-1)."""
        cdef const int64_t[::1] pv = _aligned(perm)
        if pv.shape[0] != self.n:
            raise ValueError("perm must have one entry per sample")
        if self.n > 0:
            self.eng.permute_y(&pv[0])

    def run(self, int mode, int k, int theiler, int n_threads, double[::1] locals=None):
        """Return (sum of pointwise terms, number of terms (n), number of zero radii);
        mode 1 KSG-1, 2 KSG-2 (the values of infokit._kernels.knn.MODE_KSG1 / MODE_KSG2)."""
        cdef KnnSum r
        cdef double* lp = NULL
        if locals is not None and locals.shape[0] > 0:
            lp = &locals[0]
        with nogil:
            r = self.eng.run(mode, k, theiler, n_threads, lp)
        return r.sum, r.n_terms, r.n_zero


cdef class SortedColumn1D:
    """One column sorted once, to serve as a KsgTarget1D or as the x of its score().

    x: (n,) float64 C-contiguous, kept alive by this object; read-only
    afterwards, so it may be paired on several threads at once.
    """
    cdef shared_ptr[Column1D] col
    cdef object x
    cdef int32_t n

    def __init__(self, x):
        cdef const double[::1] xv = _aligned(x)
        self.x = xv
        self.n = <int32_t>xv.shape[0]
        self.col = make_shared[Column1D]()
        cdef const double* xp = NULL
        if self.n > 0:
            xp = &xv[0]
        with nogil:
            self.col.get().build_column(xp, 1, self.n)

    def __len__(self):
        return self.n


cdef class KsgTarget1D:
    """One column y sorted once, scored against many columns x (KSG 1 and 2).

    y: (n,) float64 C-contiguous, or a SortedColumn1D (shared, not sorted
    again). Each score() sorts x (unless x is a SortedColumn1D), pairs it with
    the shared sorted y and runs the grid search; the object is read-only
    afterwards, so score() may run on several threads at once.
    """
    cdef shared_ptr[Marginal1D] y
    cdef object keep
    cdef int32_t n

    def __init__(self, y):
        cdef const double[::1] yv
        cdef const double* yp = NULL
        cdef SortedColumn1D col
        if isinstance(y, SortedColumn1D):
            col = y
            self.keep = col
            self.n = col.n
            self.y = static_pointer_cast[Marginal1D, Column1D](col.col)
            return
        yv = _aligned(y)
        self.n = <int32_t>yv.shape[0]
        self.y = make_shared[Marginal1D]()
        if self.n > 0:
            yp = &yv[0]
        with nogil:
            self.y.get().build(yp, 1, self.n)

    def score(self, x, int mode, int k, int n_threads, double[::1] locals=None):
        """Return (sum of pointwise terms, number of terms (n), number of zero radii) of x against y."""
        cdef const double[::1] xv
        cdef SortedColumn1D col
        cdef KnnSum r
        cdef double* lp = NULL
        cdef Pair1D eng
        if locals is not None and locals.shape[0] > 0:
            lp = &locals[0]
        if isinstance(x, SortedColumn1D):
            col = x
            if col.n != self.n:
                raise ValueError("x must have one entry per sample of y")
            if self.n == 0:
                return 0.0, 0, 0
            with nogil:
                eng.build_columns(<shared_ptr[const Column1D]>col.col, <shared_ptr[const Marginal1D]>self.y)
                r = eng.run(mode, k, 0, n_threads, lp)
            return r.sum, r.n_terms, r.n_zero
        xv = _aligned(x)
        if xv.shape[0] != self.n:
            raise ValueError("x must have one entry per sample of y")
        if self.n == 0:
            return 0.0, 0, 0
        with nogil:
            eng.build_with(&xv[0], 1, <shared_ptr[const Marginal1D]>self.y)
            r = eng.run(mode, k, 0, n_threads, lp)
        return r.sum, r.n_terms, r.n_zero


cdef class RossLabels1D:
    """Discrete labels prepared once (codes, class sizes) for Ross's estimator.

    codes: (n,) int64 in [0, n_classes). score(x) gives Ross's MI of the 1-D
    continuous column x with these labels (points of single-member classes
    dropped, their locals NaN); thread-safe, read-only.
    """
    cdef RossLabels lab

    def __init__(self, codes, int n_classes):
        cdef const int64_t[::1] cv = _aligned(codes)
        cdef const int64_t* cp = NULL
        if cv.shape[0] > 0:
            cp = &cv[0]
        with nogil:
            self.lab.build(cp, <int32_t>cv.shape[0], n_classes)

    @property
    def n_kept(self):
        """Number of points whose label occurs at least twice."""
        return self.lab.n_kept

    def score(self, x, int k, int n_threads, double[::1] locals=None):
        """Return (sum of Ross's pointwise terms in nats, number of kept points, number
        of kept points whose within-class k_c-th neighbour distance is 0) of x against
        the labels; the estimate is sum / n_kept, and (0.0, 0, 0) when no label repeats."""
        cdef const double[::1] xv = _aligned(x)
        if xv.shape[0] != self.lab.n:
            raise ValueError("x must have one entry per label")
        if locals is not None and locals.shape[0] != self.lab.n:
            raise ValueError("locals must have one entry per label")
        cdef KnnSum r
        cdef double* lp = NULL
        if locals is not None and locals.shape[0] > 0:
            lp = &locals[0]
        if self.lab.n == 0:
            return 0.0, 0, 0
        with nogil:
            r = ross_mi_1d(&xv[0], 1, self.lab, k, n_threads, lp)
        return r.sum, r.n_terms, r.n_zero
