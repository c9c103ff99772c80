# cython: language_level=3
"""Row kernels for measures of given distributions (see cpp/include/infokit/dist/table.hpp and dist/gaussian.hpp).

Private: :mod:`infokit.dist` validates and reshapes the inputs into 2-D
(n_rows, n_cols) float32 / float64 blocks (any strides, stride 0 included) and
allocates the outputs; these wrappers only check shapes, release the GIL and
call the C++ kernels. Per row they fill ``out`` (the measure in nats, NaN for
rows with bad input), ``sums`` (each input's row sum, shape (k, n_rows)) and
``flags`` (bit set per input and row: FLAG_NEGATIVE, FLAG_NAN, FLAG_INF,
FLAG_OVERFLOW).
"""

from libc.stddef cimport ptrdiff_t
from libcpp.vector cimport vector

include "_buffers.pxi"

cdef extern from "infokit/dist/table.hpp" namespace "infokit" nogil:
    int kPairKL
    int kPairCrossEntropy
    int kPairTotalVariation
    int kPairHellinger
    unsigned char kRowNegative
    unsigned char kRowNaN
    unsigned char kRowInf
    unsigned char kRowOverflow
    void cpp_row_entropy "infokit::row_entropy"[T](
        const T* p, ptrdiff_t row_stride, ptrdiff_t col_stride,
        ptrdiff_t n_rows, ptrdiff_t n_cols, double* out, double* sums,
        unsigned char* flags, int n_threads) except +
    void cpp_row_pair "infokit::row_pair"[T](
        int measure, const T* p, ptrdiff_t p_row_stride, ptrdiff_t p_col_stride,
        const T* q, ptrdiff_t q_row_stride, ptrdiff_t q_col_stride,
        ptrdiff_t n_rows, ptrdiff_t n_cols, double* out, double* sums,
        unsigned char* flags, int n_threads) except +
    void cpp_row_js "infokit::row_js"[T](
        int k, const T** data, const ptrdiff_t* row_strides,
        const ptrdiff_t* col_strides, const double* w, ptrdiff_t n_rows,
        ptrdiff_t n_cols, double* out, double* sums, unsigned char* flags,
        int n_threads) except +

cdef extern from "infokit/dist/gaussian.hpp" namespace "infokit" nogil:
    void cpp_kl_normal_standard_rows "infokit::kl_normal_standard_rows"(
        const double* mu, ptrdiff_t mu_rs, ptrdiff_t mu_cs, const double* lv, ptrdiff_t lv_rs,
        ptrdiff_t lv_cs, ptrdiff_t n_rows, ptrdiff_t n_cols, double* out) except +

cdef extern from "infokit/core/fastmath.hpp" nogil:
    void cpp_log_pos_array "infokit::log_pos_array"(
        const double* x, double* out, ptrdiff_t n)

# Row flag bits (RowFlag in dist/table.hpp, the one definition).
FLAG_NEGATIVE = kRowNegative
FLAG_NAN = kRowNaN
FLAG_INF = kRowInf
FLAG_OVERFLOW = kRowOverflow


cdef bint _is_f32(a) except -1:
    ch = a.dtype.char
    if ch == "f":
        return True
    if ch == "d":
        return False
    raise TypeError(f"kernel input must be float32 or float64, got {a.dtype}")


cdef ptrdiff_t _elements(ptrdiff_t stride_bytes, ptrdiff_t itemsize) except? -1:
    if stride_bytes % itemsize != 0:
        raise ValueError("kernel input strides must be multiples of the item size")
    return stride_bytes // itemsize


cdef Py_ssize_t _count_nan(double[::1] out) noexcept:
    # Rows the kernel did not compute (bad entries or a sum <= 0) hold NaN.
    cdef Py_ssize_t i, n = 0
    with nogil:
        for i in range(out.shape[0]):
            if out[i] != out[i]:
                n += 1
    return n


cdef int _check_outputs(ptrdiff_t n_rows, ptrdiff_t k, double[::1] out,
                        double[:, ::1] sums, unsigned char[:, ::1] flags) except -1:
    if out.shape[0] != n_rows or sums.shape[0] != k or sums.shape[1] != n_rows \
            or flags.shape[0] != k or flags.shape[1] != n_rows:
        raise ValueError("kernel output shapes do not match the input")
    return 0


def row_entropy(p, double[::1] out, double[:, ::1] sums, unsigned char[:, ::1] flags,
                int n_threads=1):
    """Entropy (nats) of each normalised row of the 2-D float array ``p``.

    Every kernel returns the number of rows left NaN (not computed).
    """
    cdef const float[:, :] pf
    cdef const double[:, :] pd
    cdef ptrdiff_t n_rows, n_cols, rs, cs
    p = _aligned(p)
    if _is_f32(p):
        pf = p
        n_rows, n_cols = pf.shape[0], pf.shape[1]
        _check_outputs(n_rows, 1, out, sums, flags)
        if n_rows == 0 or n_cols == 0:
            return 0
        rs, cs = _elements(pf.strides[0], 4), _elements(pf.strides[1], 4)
        with nogil:
            cpp_row_entropy[float](&pf[0, 0], rs, cs, n_rows, n_cols, &out[0],
                                   &sums[0, 0], &flags[0, 0], n_threads)
    else:
        pd = p
        n_rows, n_cols = pd.shape[0], pd.shape[1]
        _check_outputs(n_rows, 1, out, sums, flags)
        if n_rows == 0 or n_cols == 0:
            return 0
        rs, cs = _elements(pd.strides[0], 8), _elements(pd.strides[1], 8)
        with nogil:
            cpp_row_entropy[double](&pd[0, 0], rs, cs, n_rows, n_cols, &out[0],
                                    &sums[0, 0], &flags[0, 0], n_threads)
    return _count_nan(out)


cdef Py_ssize_t _pair(int measure, p, q, double[::1] out, double[:, ::1] sums,
               unsigned char[:, ::1] flags, int n_threads) except -1:
    cdef const float[:, :] pf, qf
    cdef const double[:, :] pd, qd
    cdef ptrdiff_t n_rows, n_cols, prs, pcs, qrs, qcs
    p, q = _aligned(p), _aligned(q)
    f32 = _is_f32(p)
    if f32 != _is_f32(q) or tuple(p.shape) != tuple(q.shape):
        raise ValueError("p and q must have the same dtype and shape")
    if f32:
        pf = p
        qf = q
        n_rows, n_cols = pf.shape[0], pf.shape[1]
        _check_outputs(n_rows, 2, out, sums, flags)
        if n_rows == 0 or n_cols == 0:
            return 0
        prs, pcs = _elements(pf.strides[0], 4), _elements(pf.strides[1], 4)
        qrs, qcs = _elements(qf.strides[0], 4), _elements(qf.strides[1], 4)
        with nogil:
            cpp_row_pair[float](measure, &pf[0, 0], prs, pcs, &qf[0, 0], qrs, qcs, n_rows,
                                n_cols, &out[0], &sums[0, 0], &flags[0, 0], n_threads)
    else:
        pd = p
        qd = q
        n_rows, n_cols = pd.shape[0], pd.shape[1]
        _check_outputs(n_rows, 2, out, sums, flags)
        if n_rows == 0 or n_cols == 0:
            return 0
        prs, pcs = _elements(pd.strides[0], 8), _elements(pd.strides[1], 8)
        qrs, qcs = _elements(qd.strides[0], 8), _elements(qd.strides[1], 8)
        with nogil:
            cpp_row_pair[double](measure, &pd[0, 0], prs, pcs, &qd[0, 0], qrs, qcs, n_rows,
                                 n_cols, &out[0], &sums[0, 0], &flags[0, 0], n_threads)
    return _count_nan(out)


def row_kl(p, q, double[::1] out, double[:, ::1] sums, unsigned char[:, ::1] flags,
           int n_threads=1):
    """KL divergence sum x log(x/y) (nats) of each pair of normalised rows."""
    return _pair(kPairKL, p, q, out, sums, flags, n_threads)


def row_cross_entropy(p, q, double[::1] out, double[:, ::1] sums,
                      unsigned char[:, ::1] flags, int n_threads=1):
    """Cross-entropy -sum x log y (nats) of each pair of normalised rows."""
    return _pair(kPairCrossEntropy, p, q, out, sums, flags, n_threads)


def row_total_variation(p, q, double[::1] out, double[:, ::1] sums,
                        unsigned char[:, ::1] flags, int n_threads=1):
    """Total variation 0.5 sum |x - y| of each pair of normalised rows."""
    return _pair(kPairTotalVariation, p, q, out, sums, flags, n_threads)


def row_hellinger(p, q, double[::1] out, double[:, ::1] sums,
                  unsigned char[:, ::1] flags, int n_threads=1):
    """Hellinger distance sqrt(0.5 sum (sqrt x - sqrt y)^2) of each pair of rows."""
    return _pair(kPairHellinger, p, q, out, sums, flags, n_threads)


def row_js(list arrays, const double[::1] weights, double[::1] out, double[:, ::1] sums,
           unsigned char[:, ::1] flags, int n_threads=1):
    """Jensen-Shannon divergence (nats) of k same-shape row blocks, weights summing to 1."""
    cdef Py_ssize_t k = len(arrays), i
    cdef const float[:, :] af
    cdef const double[:, :] ad
    cdef vector[const float*] ptr_f
    cdef vector[const double*] ptr_d
    cdef vector[ptrdiff_t] rs, cs
    cdef ptrdiff_t n_rows, n_cols
    arrays = [_aligned(a) for a in arrays]
    if k < 1 or weights.shape[0] != k:
        raise ValueError("row_js needs k >= 1 arrays and k weights")
    cdef bint f32 = _is_f32(arrays[0])
    shape = tuple(arrays[0].shape)
    if len(shape) != 2:
        raise ValueError("kernel inputs must be 2-D")
    n_rows, n_cols = shape[0], shape[1]
    _check_outputs(n_rows, k, out, sums, flags)
    for a in arrays:
        if _is_f32(a) != f32 or tuple(a.shape) != shape:
            raise ValueError("row_js arrays must share one dtype and shape")
    if n_rows == 0 or n_cols == 0:
        return 0
    for i in range(k):
        if f32:
            af = arrays[i]
            ptr_f.push_back(&af[0, 0])
            rs.push_back(_elements(af.strides[0], 4))
            cs.push_back(_elements(af.strides[1], 4))
        else:
            ad = arrays[i]
            ptr_d.push_back(&ad[0, 0])
            rs.push_back(_elements(ad.strides[0], 8))
            cs.push_back(_elements(ad.strides[1], 8))
    # `arrays` (a list we hold) keeps every buffer alive while the pointers are used.
    with nogil:
        if f32:
            cpp_row_js[float](<int>k, ptr_f.data(), rs.data(), cs.data(), &weights[0], n_rows,
                              n_cols, &out[0], &sums[0, 0], &flags[0, 0], n_threads)
        else:
            cpp_row_js[double](<int>k, ptr_d.data(), rs.data(), cs.data(), &weights[0], n_rows,
                               n_cols, &out[0], &sums[0, 0], &flags[0, 0], n_threads)
    return _count_nan(out)


def log_pos(x, double[::1] out):
    """Fast natural log (infokit::log_pos, core/fastmath.hpp) of finite x > 0, element-wise into ``out``.

    Exposed for the accuracy tests (tests/kernels/test_fastmath.py); values outside the
    domain (0, negative, NaN, inf) give unspecified results.
    """
    cdef const double[::1] xv = _aligned(x)
    if xv.shape[0] != out.shape[0]:
        raise ValueError("x and out must have the same length")
    if xv.shape[0] == 0:
        return
    with nogil:
        cpp_log_pos_array(&xv[0], &out[0], xv.shape[0])


def kl_normal_standard_rows(const double[:, :] mu, const double[:, :] logvar, double[::1] out):
    """Row sums of 0.5 (exp(l) - 1 - l + mu**2) over (n_rows, n_cols) float64 blocks (any strides) into ``out``.

    Each term and each row sum has the bits of infokit.dist's NumPy
    formula on C-contiguous rows (see cpp/include/infokit/dist/gaussian.hpp).
    """
    cdef ptrdiff_t n_rows = mu.shape[0], n_cols = mu.shape[1]
    if logvar.shape[0] != n_rows or logvar.shape[1] != n_cols or out.shape[0] != n_rows:
        raise ValueError("mu, logvar and out shapes do not match")
    if n_rows == 0:
        return
    if n_cols == 0:
        out[:] = 0.0
        return
    with nogil:
        cpp_kl_normal_standard_rows(&mu[0, 0], mu.strides[0] // 8, mu.strides[1] // 8, &logvar[0, 0],
                                    logvar.strides[0] // 8, logvar.strides[1] // 8, n_rows, n_cols, &out[0])
