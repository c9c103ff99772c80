# cython: language_level=3, auto_pickle=False, autotestdict=False
"""Copula normalisation: a thin wrapper over cpp/include/infokit/copula/normal_scores.hpp.

Everything here trusts its inputs (finite float64 values, 1 <= n < 2**31, a
score table of 2n + 1 entries); infokit.estimate._gaussian validates them.
"""
from libc.stdint cimport int32_t, int64_t
from libc.stddef cimport ptrdiff_t

cdef extern from "infokit/copula/normal_scores.hpp" namespace "infokit" nogil:
    void cpp_normal_scores "infokit::normal_scores"(
        const double* x, ptrdiff_t row_stride, ptrdiff_t col_stride, int32_t n, ptrdiff_t p,
        const double* half_scores, double* out, int64_t* ties, int n_threads) except +
    void cpp_normal_scores_project "infokit::normal_scores_project"(
        const double* x, ptrdiff_t row_stride, ptrdiff_t col_stride, int32_t n, ptrdiff_t p,
        const double* half_scores, const double* w, const int64_t* codes, int dw, double* proj1, double* proj2,
        double* moments, int64_t* ties, int n_threads) except +


def normal_scores(const double[:, :] x, const double[::1] half_scores, double[:, ::1] out,
                  int64_t[::1] ties, int n_threads=1):
    """Normal scores of every column of x (n, p) into out (p, n); ties[j] counts column j's repeats.

    half_scores[m] = ndtri((m / 2) / (n + 1)) for m = 0 .. 2n (entries 0 and 1 unused).
    """
    cdef ptrdiff_t n = x.shape[0], p = x.shape[1]
    if out.shape[0] != p or out.shape[1] != n or ties.shape[0] != p or half_scores.shape[0] != 2 * n + 1:
        raise ValueError("normal_scores: inconsistent shapes")
    if n == 0 or p == 0:
        return
    with nogil:
        cpp_normal_scores(&x[0, 0], x.strides[0] // 8, x.strides[1] // 8, <int32_t>n, p,
                          &half_scores[0], &out[0, 0], &ties[0], n_threads)


def normal_scores_project(const double[:, :] x, const double[::1] half_scores, w, codes,
                          double[:, ::1] proj1, double[:, ::1] proj2, double[:, ::1] moments,
                          int64_t[::1] ties, int n_threads=1):
    """The normal scores of each column of x (n, p) projected, without storing them.

    Exactly one of w ((n, dw) C-contiguous float64 weights) and codes ((n,)
    int64 labels in [0, dw)) is given. proj1[j, k] = sum_i s_j(i) w[i, k],
    proj2[j, k] = sum_i s_j(i)**2 w[i, k] (per-label sums for codes);
    moments[j] = (sum, sum of squares) of column j's scores.
    """
    cdef ptrdiff_t n = x.shape[0], p = x.shape[1]
    cdef int dw = proj1.shape[1]
    cdef const double[:, ::1] wv
    cdef const int64_t[::1] cv
    cdef const double* wp = NULL
    cdef const int64_t* cp = NULL
    if (w is None) == (codes is None):
        raise ValueError("normal_scores_project: give exactly one of w and codes")
    if w is not None:
        wv = w
        if wv.shape[0] != n or wv.shape[1] != dw:
            raise ValueError("normal_scores_project: inconsistent shapes")
        if n > 0 and dw > 0:
            wp = &wv[0, 0]
    else:
        cv = codes
        if cv.shape[0] != n:
            raise ValueError("normal_scores_project: inconsistent shapes")
        if n > 0:
            cp = &cv[0]
    if (proj1.shape[0] != p or proj2.shape[0] != p or proj2.shape[1] != dw or moments.shape[0] != p
            or moments.shape[1] != 2 or ties.shape[0] != p or half_scores.shape[0] != 2 * n + 1):
        raise ValueError("normal_scores_project: inconsistent shapes")
    if n == 0 or p == 0 or dw == 0:
        return
    with nogil:
        cpp_normal_scores_project(&x[0, 0], x.strides[0] // 8, x.strides[1] // 8, <int32_t>n, p,
                                  &half_scores[0], wp, cp, dw, &proj1[0, 0], &proj2[0, 0], &moments[0, 0],
                                  &ties[0], n_threads)
