# cython: language_level=3
"""Histogram kernels (see cpp/include/infokit/histogram/histogram.hpp).

Private: :mod:`infokit._histogram` validates the data, computes NumPy's edges
and picks each axis's compare type; these wrappers only describe the columns
to C++ (pointer, signed element stride, dtype), copy a column that is not
aligned for its type (or whose stride is not a whole number of elements),
allocate the outputs, release the GIL and call the kernel.

Every function takes ``columns`` (a list of d 1-D arrays of one length, dtype
float64 / float32 / int8..int64 / uint8..uint64, any strides) and ``edges``
(a list of d 1-D float64 or float32 arrays of n_bins + 1 non-decreasing
values; float32 edges only for float32 columns).
"""

import numpy as np

from libc.stddef cimport ptrdiff_t
from libc.stdint cimport int64_t
from libcpp.vector cimport vector

cdef extern from "infokit/histogram/histogram.hpp" namespace "infokit" nogil:
    int kHistF64
    int kHistF32
    int kHistI8
    int kHistI16
    int kHistI32
    int kHistI64
    int kHistU8
    int kHistU16
    int kHistU32
    int kHistU64
    int kHistCmpF64
    int kHistCmpF32
    cdef cppclass HistAxis:
        const void* data
        ptrdiff_t stride
        int dtype
        int ctype
        const void* edges
        ptrdiff_t n_bins
        int try_uniform
        int inclusive
    int cpp_axis_uniform "infokit::histogram_axis_uniform"(const HistAxis& axis) except +
    int cpp_simd_limit "infokit::histogram_simd_limit"(int limit)
    void cpp_counts "infokit::histogram_counts"(const HistAxis* axes, int d, ptrdiff_t n, int64_t* counts,
                                                int n_threads) except +
    void cpp_weighted "infokit::histogram_weighted"(const HistAxis* axes, int d, ptrdiff_t n, const double* w,
                                                    ptrdiff_t w_stride, ptrdiff_t block, double* out) except +
    void cpp_bin_indices "infokit::histogram_bin_indices"(const HistAxis* axes, int d, ptrdiff_t n,
                                                          int64_t* out, int n_threads) except +
    int cpp_column_range "infokit::column_range"(const void* data, int dtype, ptrdiff_t stride, ptrdiff_t n,
                                                 double* out, int n_threads) except +
    void cpp_flat_codes "infokit::histogram_flat_codes"(const HistAxis* axes, int d, ptrdiff_t n,
                                                        int64_t* out, int n_threads) except +

_DTYPES = {
    np.dtype(np.float64): kHistF64,
    np.dtype(np.float32): kHistF32,
    np.dtype(np.int8): kHistI8,
    np.dtype(np.int16): kHistI16,
    np.dtype(np.int32): kHistI32,
    np.dtype(np.int64): kHistI64,
    np.dtype(np.uint8): kHistU8,
    np.dtype(np.uint16): kHistU16,
    np.dtype(np.uint32): kHistU32,
    np.dtype(np.uint64): kHistU64,
}
_F32 = np.dtype(np.float32)
_F64 = np.dtype(np.float64)


cdef size_t _address(a):
    return <size_t>a.__array_interface__["data"][0]


cdef ptrdiff_t _prepare(list columns, list edges, bint inclusive, bint try_uniform,
                        vector[HistAxis]& axes, list keep) except -1:
    """Fill ``axes``; returns the common length. ``keep`` holds copies alive."""
    cdef Py_ssize_t d = len(columns), k
    cdef HistAxis a
    cdef ptrdiff_t n = -1
    if d < 1 or len(edges) != d:
        raise ValueError("histogram kernels need d >= 1 columns and one edges array per column")
    for k in range(d):
        col = columns[k]
        e = edges[k]
        if not isinstance(col, np.ndarray) or col.ndim != 1:
            raise ValueError("histogram columns must be 1-D arrays")
        code = _DTYPES.get(col.dtype)
        if code is None:
            raise TypeError(f"histogram columns must be float or integer arrays, got {col.dtype}")
        if not col.flags.aligned or col.strides[0] % col.itemsize != 0:
            col = np.array(col, copy=True)  # aligned and contiguous
        keep.append(col)
        if n < 0:
            n = col.shape[0]
        elif col.shape[0] != n:
            raise ValueError("histogram columns must have the same length")
        if not isinstance(e, np.ndarray) or e.ndim != 1 or e.shape[0] < 2:
            raise ValueError("histogram edges must be 1-D arrays of at least 2 values")
        if e.dtype == _F32:
            if col.dtype != _F32:
                raise TypeError("float32 edges are only for float32 columns")
            a.ctype = kHistCmpF32
        elif e.dtype == _F64:
            a.ctype = kHistCmpF64
        else:
            raise TypeError(f"histogram edges must be float32 or float64, got {e.dtype}")
        e = np.ascontiguousarray(e)
        keep.append(e)
        a.data = <const void*>_address(col)
        a.stride = col.strides[0] // col.itemsize
        a.dtype = code
        a.edges = <const void*>_address(e)
        a.n_bins = e.shape[0] - 1
        a.try_uniform = 1 if try_uniform else 0
        a.inclusive = 1 if inclusive else 0
        axes.push_back(a)
    return n


cdef int64_t _total(vector[HistAxis]& axes) except -1:
    cdef int64_t total = 1
    cdef size_t k
    for k in range(axes.size()):
        total *= axes[k].n_bins
        if total > (1 << 56):
            raise ValueError("too many histogram bins")
    return total


def simd_limit(int limit):
    """Widest SIMD form of the fused path (2 AVX2 where available, 1 SSE2, 0 none); returns the old one.

    For tests: every form gives the same counts.
    """
    if limit < 0 or limit > 2:
        raise ValueError("simd_limit takes 0, 1 or 2")
    return cpp_simd_limit(limit)


def axis_uniform(column, edges, bint inclusive=True):
    """Whether the uniform (multiply) path serves this axis (else binary search)."""
    cdef vector[HistAxis] axes
    keep = []
    _prepare([column], [edges], inclusive, True, axes, keep)
    return bool(cpp_axis_uniform(axes[0]))


def histogram_counts(list columns, list edges, bint inclusive=True, bint try_uniform=True, int n_threads=1):
    """int64 counts, C order over the axes, flattened; one extra last entry counts dropped samples."""
    cdef vector[HistAxis] axes
    keep = []
    cdef ptrdiff_t n = _prepare(columns, edges, inclusive, try_uniform, axes, keep)
    cdef int64_t total = _total(axes)
    out = np.zeros(total + 1, dtype=np.int64)
    cdef int64_t[::1] o = out
    cdef int d = <int>axes.size()
    with nogil:
        cpp_counts(axes.data(), d, n, &o[0], n_threads)
    return out


def histogram_weighted(list columns, list edges, weights, Py_ssize_t block=0, bint inclusive=True,
                       bint try_uniform=True):
    """float64 sums of ``weights`` (1-D float64, any strides), as histogram_counts.

    Summed in sample order within blocks of ``block`` samples (0: one block),
    the block sums added in order, on one thread.
    """
    cdef vector[HistAxis] axes
    keep = []
    cdef ptrdiff_t n = _prepare(columns, edges, inclusive, try_uniform, axes, keep)
    if not isinstance(weights, np.ndarray) or weights.ndim != 1 or weights.dtype != _F64:
        raise TypeError("histogram weights must be a 1-D float64 array")
    if weights.shape[0] != n:
        raise ValueError("histogram weights must have one value per sample")
    if not weights.flags.aligned or weights.strides[0] % 8 != 0:
        weights = np.array(weights, copy=True)
    cdef const double[:] w = weights
    cdef int64_t total = _total(axes)
    out = np.zeros(total + 1, dtype=np.float64)
    cdef double[::1] o = out
    cdef int d = <int>axes.size()
    if n == 0:
        return out
    cdef ptrdiff_t ws = w.strides[0] // 8
    with nogil:
        cpp_weighted(axes.data(), d, n, &w[0], ws, block, &o[0])
    return out


def bin_indices(list columns, list edges, bint inclusive=True, bint try_uniform=True, int n_threads=1):
    """int64 (n, d): each sample's bin on each axis, -1 where the value is dropped."""
    cdef vector[HistAxis] axes
    keep = []
    cdef ptrdiff_t n = _prepare(columns, edges, inclusive, try_uniform, axes, keep)
    cdef int d = <int>axes.size()
    out = np.empty((n, d), dtype=np.int64)
    cdef int64_t[:, ::1] o = out
    if n == 0:
        return out
    with nogil:
        cpp_bin_indices(axes.data(), d, n, &o[0, 0], n_threads)
    return out


def flat_codes(list columns, list edges, bint inclusive=True, bint try_uniform=True, int n_threads=1):
    """int64 (n,): each sample's flat bin (C order over the axes), -1 where any axis drops it."""
    cdef vector[HistAxis] axes
    keep = []
    cdef ptrdiff_t n = _prepare(columns, edges, inclusive, try_uniform, axes, keep)
    _total(axes)
    cdef int d = <int>axes.size()
    out = np.empty(n, dtype=np.int64)
    cdef int64_t[::1] o = out
    if n == 0:
        return out
    with nogil:
        cpp_flat_codes(axes.data(), d, n, &o[0], n_threads)
    return out


def column_range(col, int n_threads=1):
    """``(min, max, all_finite)`` of a 1-D float64 / float32 array (any strides), in one threaded pass.

    NaN is ignored by min and max; ``all_finite`` is False when any value is
    NaN or +-inf. -0.0 is reported as 0.0. An empty column gives ``(inf, -inf, False)``.
    """
    if not isinstance(col, np.ndarray) or col.ndim != 1 or col.dtype not in (_F64, _F32):
        raise TypeError("column_range takes a 1-D float64 or float32 array")
    if not col.flags.aligned or col.strides[0] % col.itemsize != 0:
        col = np.array(col, copy=True)
    cdef double out[2]
    cdef const void* data = <const void*>_address(col)
    cdef ptrdiff_t stride = col.strides[0] // col.itemsize
    cdef ptrdiff_t n = col.shape[0]
    cdef int dtype = kHistF32 if col.dtype == _F32 else kHistF64
    cdef int finite
    with nogil:
        finite = cpp_column_range(data, dtype, stride, n, out, n_threads)
    return float(out[0]), float(out[1]), bool(finite)
