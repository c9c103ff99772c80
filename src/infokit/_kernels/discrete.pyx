# cython: language_level=3
"""Compiled kernels of the discrete estimators (label encoding, contingency
tables, plug-in MI, entropy from counts, expected MI, the joint entropies of
code pairs behind greedy feature selection).

Thin wrappers: typed memoryviews in, one ``with nogil:`` call into
``cpp/include/infokit``, numbers out. Callers (infokit.estimate._discrete)
validate everything; these functions trust their inputs.
"""

from libc.stddef cimport ptrdiff_t
from libc.stdint cimport int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t, uint32_t, uint64_t

include "_buffers.pxi"

ctypedef fused label_t:
    int8_t
    int16_t
    int32_t
    int64_t
    uint8_t
    uint16_t
    uint32_t
    uint64_t

ctypedef fused narrow_code_t:
    uint8_t
    uint16_t
    int32_t

ctypedef fused count_t:
    int64_t
    double

cdef extern from "infokit/discrete/labels.hpp" namespace "infokit" nogil:
    void c_label_minmax "infokit::label_minmax"[T](const T* x, ptrdiff_t n, ptrdiff_t stride, T* mn, T* mx,
                                                    int n_threads) except +
    void c_count_range "infokit::count_range"[T](const T* x, ptrdiff_t n, ptrdiff_t stride, T xmin,
                                                  int64_t rng, int64_t* counts, int n_threads) except +
    int64_t c_encode_labels "infokit::encode_labels"[T](const T* x, ptrdiff_t n, ptrdiff_t stride,
                                                         int64_t* codes, int n_threads) except +
    int64_t c_encode_rows "infokit::encode_rows"[T](const T* x, ptrdiff_t n, ptrdiff_t d, ptrdiff_t s0,
                                                     ptrdiff_t s1, int64_t* codes, int n_threads) except +

cdef extern from "infokit/discrete/contingency.hpp" namespace "infokit" nogil:
    void c_dense_table "infokit::dense_table"[T](const T* x, ptrdiff_t sx, const T* y, ptrdiff_t sy, ptrdiff_t n,
                                                  T xmin, T ymin, int64_t ry, int64_t cells, int64_t* counts,
                                                  int n_threads) except +
    int64_t c_csr_table "infokit::csr_table"(const int64_t* cx, const int64_t* cy, ptrdiff_t n, int64_t kx,
                                             int64_t ky, int64_t* indptr, int64_t* indices,
                                             int64_t* data) except +
    double c_mi_dense "infokit::mi_dense"[C](const C* t, int64_t kx, int64_t ky, ptrdiff_t s0, ptrdiff_t s1,
                                             double* a, double* b, int n_threads) except +
    double c_mi_csr "infokit::mi_csr"[C](const int64_t* indptr, const int64_t* indices, const C* data,
                                         int64_t kx, int64_t ky, double* a, double* b,
                                         int n_threads) except +

cdef extern from "infokit/discrete/entropy.hpp" namespace "infokit" nogil:
    int kPlugin
    int kMillerMadow
    int kGrassberger
    int kChaoShen
    int kJamesStein
    double c_entropy_from_counts "infokit::entropy_from_counts"[C](const C* counts, ptrdiff_t k, ptrdiff_t stride,
                                                                    int estimator, double n_cells) except +

cdef extern from "infokit/discrete/pair_entropies.hpp" namespace "infokit" nogil:
    void c_pair_entropies "infokit::pair_entropies"[T](const T* codes, ptrdiff_t n, const int64_t* levels,
                                                        const T* y, int64_t ly, const int64_t* ks,
                                                        const int64_t* js, ptrdiff_t n_pairs, const double* xlogx,
                                                        int64_t table_size, int64_t max_dense_cells,
                                                        double* h_pair, double* h_triple, int n_threads) except +

cdef extern from "infokit/discrete/expected_mi.hpp" namespace "infokit" nogil:
    double c_expected_mutual_info "infokit::expected_mutual_info"(const int64_t* a, ptrdiff_t ka,
                                                                  const int64_t* b, ptrdiff_t kb,
                                                                  int n_threads) except +

# Estimator ids of entropy_from_counts (DiscreteEstimator in
# discrete/entropy.hpp, the one definition).
ESTIMATOR_PLUGIN = kPlugin
ESTIMATOR_MILLER_MADOW = kMillerMadow
ESTIMATOR_GRASSBERGER = kGrassberger
ESTIMATOR_CHAO_SHEN = kChaoShen
ESTIMATOR_JAMES_STEIN = kJamesStein


def _label_minmax(const label_t[:] x, int n_threads=1):
    """Smallest and largest label of a non-empty 1-D integer array."""
    cdef label_t mn = 0, mx = 0
    cdef ptrdiff_t n = x.shape[0]
    cdef ptrdiff_t stride = _elem_stride(x.strides[0], sizeof(label_t))
    if n == 0:
        raise ValueError("x is empty")
    with nogil:
        c_label_minmax(&x[0], n, stride, &mn, &mx, n_threads)
    return mn, mx


def _count_range(const label_t[:] x, label_t xmin, int64_t[::1] counts, int n_threads=1):
    """Add ``counts[v - xmin] += 1`` for every label v (all within the range of counts)."""
    cdef ptrdiff_t n = x.shape[0]
    cdef ptrdiff_t stride = _elem_stride(x.strides[0], sizeof(label_t))
    if n == 0:
        return
    with nogil:
        c_count_range(&x[0], n, stride, xmin, counts.shape[0], &counts[0], n_threads)


def _encode_labels(const label_t[:] x, int64_t[::1] codes, int n_threads=1):
    """Write dense codes (sorted label order) of x into codes; return the number of classes."""
    cdef ptrdiff_t n = x.shape[0]
    cdef ptrdiff_t stride = _elem_stride(x.strides[0], sizeof(label_t))
    cdef int64_t k = 0
    if n == 0:
        return 0
    with nogil:
        k = c_encode_labels(&x[0], n, stride, &codes[0], n_threads)
    return k


def _encode_rows(const label_t[:, :] x, int64_t[::1] codes, int n_threads=1):
    """Row-wise codes (lexicographic row order) of a 2-D integer array; return K."""
    cdef ptrdiff_t n = x.shape[0], d = x.shape[1]
    cdef ptrdiff_t s0 = _elem_stride(x.strides[0], sizeof(label_t)), s1 = _elem_stride(x.strides[1], sizeof(label_t))
    cdef int64_t k = 0
    if n == 0 or d == 0:
        return 0
    with nogil:
        k = c_encode_rows(&x[0, 0], n, d, s0, s1, &codes[0], n_threads)
    return k


def _dense_table(const label_t[:] x, const label_t[:] y, label_t xmin, label_t ymin, int64_t[:, ::1] counts,
                int n_threads=1):
    """Add the pair counts of (x - xmin, y - ymin) into the zeroed C-contiguous table counts."""
    cdef ptrdiff_t n = x.shape[0]
    cdef ptrdiff_t sx = _elem_stride(x.strides[0], sizeof(label_t)), sy = _elem_stride(y.strides[0], sizeof(label_t))
    cdef int64_t ry = counts.shape[1]
    cdef int64_t cells = counts.shape[0] * counts.shape[1]
    if n == 0:
        return
    with nogil:
        c_dense_table(&x[0], sx, &y[0], sy, n, xmin, ymin, ry, cells, &counts[0, 0], n_threads)


def csr_table(cx, cy, int64_t kx, int64_t ky, int64_t[::1] indptr,
              int64_t[::1] indices, int64_t[::1] data):
    """CSR counts of code pairs; indices/data need min(n, kx*ky) room. Return nnz."""
    cdef const int64_t[::1] cxv = _aligned(cx)
    cdef const int64_t[::1] cyv = _aligned(cy)
    cdef ptrdiff_t n = cxv.shape[0]
    cdef int64_t nnz = 0
    if n == 0:
        indptr[:] = 0
        return 0
    with nogil:
        nnz = c_csr_table(&cxv[0], &cyv[0], n, kx, ky, &indptr[0], &indices[0], &data[0])
    return nnz


def _mi_dense(const count_t[:, :] table, double[::1] a, double[::1] b, int n_threads=1):
    """Fill the marginals a, b of a dense table and return its plug-in MI in nats."""
    cdef int64_t kx = table.shape[0], ky = table.shape[1]
    cdef ptrdiff_t s0 = _elem_stride(table.strides[0], sizeof(count_t)), s1 = _elem_stride(table.strides[1], sizeof(count_t))
    cdef double r = 0.0
    if kx == 0 or ky == 0:
        return 0.0
    with nogil:
        r = c_mi_dense(&table[0, 0], kx, ky, s0, s1, &a[0], &b[0], n_threads)
    return r


def _mi_csr(const int64_t[::1] indptr, const int64_t[::1] indices, const count_t[::1] data,
           double[::1] a, double[::1] b, int n_threads=1):
    """Fill the marginals a, b of a CSR table and return its plug-in MI in nats."""
    cdef int64_t kx = a.shape[0], ky = b.shape[0]
    cdef double r = 0.0
    if kx == 0 or ky == 0 or data.shape[0] == 0:
        a[:] = 0.0
        b[:] = 0.0
        return 0.0
    with nogil:
        r = c_mi_csr(&indptr[0], &indices[0], &data[0], kx, ky, &a[0], &b[0], n_threads)
    return r


def _entropy_from_counts(const count_t[:] counts, int estimator, double n_cells):
    """Entropy in nats of a count vector (estimator codes: 0 plugin, 1 miller_madow,
    2 grassberger, 3 chao_shen, 4 james_stein over n_cells cells)."""
    cdef ptrdiff_t k = counts.shape[0]
    cdef ptrdiff_t stride = _elem_stride(counts.strides[0], sizeof(count_t))
    cdef double r = 0.0
    if k == 0:
        return 0.0
    with nogil:
        r = c_entropy_from_counts(&counts[0], k, stride, estimator, n_cells)
    return r


def expected_mutual_info(a, b, int n_threads=1):
    """Expected MI in nats of positive marginals a and b (same total) under permutation."""
    cdef const int64_t[::1] av = _aligned(a)
    cdef const int64_t[::1] bv = _aligned(b)
    cdef double r = 0.0
    if av.shape[0] == 0 or bv.shape[0] == 0:
        return 0.0
    with nogil:
        r = c_expected_mutual_info(&av[0], av.shape[0], &bv[0], bv.shape[0], n_threads)
    return r


def _pair_entropies(const narrow_code_t[:, ::1] codes, const int64_t[::1] levels, const narrow_code_t[::1] y,
                    int64_t ly, const int64_t[::1] ks, const int64_t[::1] js, const double[::1] xlogx,
                    int64_t max_dense_cells, double[::1] h_pair, h_triple, int n_threads):
    cdef ptrdiff_t n = codes.shape[1], n_pairs = ks.shape[0]
    cdef double[::1] h3
    cdef double* h3p = NULL
    if h_triple is not None:
        h3 = h_triple
        if h3.shape[0] < n_pairs:
            raise ValueError("h_triple is shorter than ks")
        if n_pairs:
            h3p = &h3[0]
    if js.shape[0] != n_pairs or h_pair.shape[0] < n_pairs:
        raise ValueError("ks, js and h_pair must have the same length")
    if not 0 <= max_dense_cells < (<int64_t>1 << 32):  # the dense path's per-row offsets are 32-bit
        raise ValueError("max_dense_cells must be in [0, 2**32)")
    if n_pairs == 0:
        return
    if n == 0 or y.shape[0] != n or xlogx.shape[0] == 0:
        raise ValueError("codes must have n >= 1 columns, y n entries and xlogx at least one")
    with nogil:
        c_pair_entropies(&codes[0, 0], n, &levels[0], &y[0], ly, &ks[0], &js[0], n_pairs, &xlogx[0],
                         xlogx.shape[0], max_dense_cells, &h_pair[0], h3p, n_threads)


# Public wrappers with plain signatures (the fused-type functions above carry
# Cython's generic dispatcher signature, which a stub cannot describe).

def label_minmax(x, int n_threads=1):
    """Smallest and largest label of a non-empty 1-D integer array (any stride)."""
    return _label_minmax(_aligned(x), n_threads)


def count_range(x, xmin, counts, int n_threads=1):
    """Add ``counts[v - xmin] += 1`` for every label v of the 1-D integer array x."""
    _count_range(_aligned(x), x.dtype.type(xmin), counts, n_threads)


def encode_labels(x, codes, int n_threads=1):
    """Dense codes (sorted label order) of a 1-D integer array into int64 codes; returns K."""
    return _encode_labels(_aligned(x), codes, n_threads)


def encode_rows(x, codes, int n_threads=1):
    """Row-wise codes (lexicographic row order) of a 2-D integer array; returns K."""
    return _encode_rows(_aligned(x), codes, n_threads)


def dense_table(x, y, xmin, ymin, counts, int n_threads=1):
    """Add the pair counts of (x - xmin, y - ymin) (same integer dtype) into the zeroed int64 table."""
    _dense_table(_aligned(x), _aligned(y), x.dtype.type(xmin), y.dtype.type(ymin), counts, n_threads)


def mi_dense(table, a, b, int n_threads=1):
    """Fill the float64 marginals a, b of a 2-D int64/float64 table; return its plug-in MI (nats)."""
    return _mi_dense(_aligned(table), a, b, n_threads)


def mi_csr(indptr, indices, data, a, b, int n_threads=1):
    """Fill the float64 marginals a, b of a CSR table; return its plug-in MI (nats)."""
    return _mi_csr(_aligned(indptr), _aligned(indices), _aligned(data), a, b, n_threads)


def pair_entropies(codes, levels, y, ly, ks, js, xlogx, h_pair, h_triple=None, max_dense_cells=1 << 16,
                   int n_threads=1):
    """Plug-in H(X_k, X_j) (into h_pair) and H(X_k, X_j, Y) (into h_triple, unless None), nats,
    for each pair (ks[i], js[i]) of rows of a C-contiguous (p, n) uint8/uint16/int32 code matrix;
    y has the same dtype; xlogx[c] = c log c for the counts c it covers."""
    _pair_entropies(_aligned(codes), _aligned(levels), _aligned(y), ly, _aligned(ks), _aligned(js),
                    _aligned(xlogx), max_dense_cells, h_pair, h_triple, n_threads)


def entropy_from_counts(counts, int estimator, double n_cells):
    """Entropy (nats) of an int64/float64 count vector; estimator codes 0 plugin,
    1 miller_madow, 2 grassberger, 3 chao_shen, 4 james_stein (over n_cells cells)."""
    return _entropy_from_counts(_aligned(counts), estimator, n_cells)
