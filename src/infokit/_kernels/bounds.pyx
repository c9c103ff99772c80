# cython: language_level=3
"""Masked log-sum-exp kernels of the variational bounds (see cpp/include/infokit/bounds/logsumexp.hpp).

Private: :mod:`infokit.bounds` validates the score matrix and hands over a 2-D
float32 / float64 block that is aligned and has a unit stride along one axis
(anything else is copied there); these wrappers only check shapes, release
the GIL and call the C++ kernels. NaN slices give NaN, slices with +inf give
+inf, empty or all -inf slices give -inf.
"""

from libc.stddef cimport ptrdiff_t

cdef extern from "infokit/bounds/logsumexp.hpp" namespace "infokit" nogil:
    int kLseAll
    int kLseOffDiagonal
    void cpp_lse_axis "infokit::lse_axis"[T](
        const T* s, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t n_rows, ptrdiff_t n_cols,
        int axis, int region, bint mean, double* out, int n_threads) except +
    double cpp_lse_all "infokit::lse_all"[T](
        const T* s, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t n_rows, ptrdiff_t n_cols,
        int region, bint mean, int n_threads) except +

cdef extern from "infokit/core/fastmath.hpp" nogil:
    void cpp_exp_nonpos_array "infokit::exp_nonpos_array"(
        const double* x, double* out, ptrdiff_t n)
    void cpp_exp_nonpos_f_array "infokit::exp_nonpos_f_array"(
        const float* x, float* out, ptrdiff_t n)

# Regions (LseRegion in bounds/logsumexp.hpp, the one definition).
REGION_ALL = kLseAll
REGION_OFF_DIAGONAL = kLseOffDiagonal


cdef bint _is_f32(a) except -1:
    ch = a.dtype.char
    if ch == "f":
        return True
    if ch == "d":
        return False
    raise TypeError(f"kernel input must be float32 or float64, got {a.dtype}")


cdef int _strides(tuple shape, tuple strides, ptrdiff_t itemsize, ptrdiff_t* rs, ptrdiff_t* cs) except -1:
    if len(shape) != 2:
        raise ValueError("kernel input must be 2-D")
    if strides[0] % itemsize != 0 or strides[1] % itemsize != 0:
        raise ValueError("kernel input strides must be multiples of the item size")
    rs[0] = strides[0] // itemsize
    cs[0] = strides[1] // itemsize
    # A stride along an axis of length 1 is never used: call it 1.
    if shape[0] == 1:
        rs[0] = 1
    if shape[1] == 1:
        cs[0] = 1
    if rs[0] != 1 and cs[0] != 1:
        raise ValueError("kernel input needs a unit stride along one axis")
    if rs[0] < 1 or cs[0] < 1:
        raise ValueError("kernel input strides must be positive")
    return 0


cdef int _check_region(int region) except -1:
    if region != kLseAll and region != kLseOffDiagonal:
        raise ValueError(f"unknown region {region}")
    return 0


def lse_axis(s, double[::1] out, int axis, int region, bint mean, int n_threads=1):
    """Log-sum-exp (``mean``: log-mean-exp) of each row (axis 1) or column (axis 0) of ``s`` into ``out``."""
    cdef const float[:, :] sf
    cdef const double[:, :] sd
    cdef ptrdiff_t n_rows, n_cols, rs, cs
    _check_region(region)
    if axis != 0 and axis != 1:
        raise ValueError("axis must be 0 or 1")
    f32 = _is_f32(s)
    _strides(tuple(s.shape), tuple(s.strides), 4 if f32 else 8, &rs, &cs)
    n_rows, n_cols = s.shape[0], s.shape[1]
    if out.shape[0] != (n_rows if axis == 1 else n_cols):
        raise ValueError("out must have one entry per reduced slice")
    if n_rows == 0 or n_cols == 0:
        raise ValueError("kernel input must not be empty")
    if f32:
        sf = s
        with nogil:
            cpp_lse_axis[float](&sf[0, 0], rs, cs, n_rows, n_cols, axis, region, mean, &out[0], n_threads)
    else:
        sd = s
        with nogil:
            cpp_lse_axis[double](&sd[0, 0], rs, cs, n_rows, n_cols, axis, region, mean, &out[0], n_threads)


def lse_all(s, int region, bint mean, int n_threads=1):
    """Log-sum-exp (``mean``: log-mean-exp) over every entry of ``s`` in ``region``, as a float."""
    cdef const float[:, :] sf
    cdef const double[:, :] sd
    cdef ptrdiff_t n_rows, n_cols, rs, cs
    cdef double r
    _check_region(region)
    f32 = _is_f32(s)
    _strides(tuple(s.shape), tuple(s.strides), 4 if f32 else 8, &rs, &cs)
    n_rows, n_cols = s.shape[0], s.shape[1]
    if n_rows == 0 or n_cols == 0:
        raise ValueError("kernel input must not be empty")
    if f32:
        sf = s
        with nogil:
            r = cpp_lse_all[float](&sf[0, 0], rs, cs, n_rows, n_cols, region, mean, n_threads)
    else:
        sd = s
        with nogil:
            r = cpp_lse_all[double](&sd[0, 0], rs, cs, n_rows, n_cols, region, mean, n_threads)
    return r


def exp_nonpos(const double[::1] x, double[::1] out):
    """Fast exp (infokit::exp_nonpos, core/fastmath.hpp) of x <= 0, element-wise into ``out``.

    Exposed for the accuracy tests (tests/kernels/test_bounds_kernels.py); results
    below exp(-708) are 0, NaN and x > 0 give unspecified results.
    """
    if x.shape[0] != out.shape[0]:
        raise ValueError("x and out must have the same length")
    if x.shape[0] == 0:
        return
    with nogil:
        cpp_exp_nonpos_array(&x[0], &out[0], x.shape[0])


def exp_nonpos_f(const float[::1] x, float[::1] out):
    """Fast float exp (infokit::exp_nonpos_f, core/fastmath.hpp) of x <= 0, element-wise into ``out``.

    Exposed for the accuracy tests; results below exp(-87) are 0, NaN and
    x > 0 give unspecified results.
    """
    if x.shape[0] != out.shape[0]:
        raise ValueError("x and out must have the same length")
    if x.shape[0] == 0:
        return
    with nogil:
        cpp_exp_nonpos_f_array(&x[0], &out[0], x.shape[0])
