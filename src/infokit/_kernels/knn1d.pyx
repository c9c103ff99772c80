# cython: language_level=3, auto_pickle=False, autotestdict=False
"""One-dimensional kNN fast paths: thin wrappers over cpp/include/infokit/knn_pair1d.hpp.

Everything here trusts its inputs (C-contiguous float64 arrays of equal length,
k below the number of candidates, n < 2**31); infokit.estimate._knn validates them.
"""
from libc.stdint cimport int32_t, int64_t
from libc.stddef cimport ptrdiff_t

cdef extern from "infokit/knn_pair1d.hpp" namespace "infokit" nogil:
    cdef cppclass Pair1D:
        Pair1D()
        void build(const double* x, ptrdiff_t sx, const double* y, ptrdiff_t sy, int32_t n, int n_threads) except +
        void permute_y(const int64_t* perm) except +
        double run(int mode, int k, int32_t theiler, int n_threads, double* locals, int64_t* n_zero) except +


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

    def __init__(self, const double[:, ::1] x, const double[:, ::1] y, int n_threads):
        self.x = x
        self.y = y
        self.n = <int32_t>x.shape[0]
        self.eng = new Pair1D()
        cdef const double* xp = NULL
        cdef const double* yp = NULL
        if self.n > 0:
            xp = &x[0, 0]
            yp = &y[0, 0]
        with nogil:
            self.eng.build(xp, x.shape[1], yp, y.shape[1], self.n, n_threads)

    def __dealloc__(self):
        if self.eng != NULL:
            del self.eng

    def permute_y(self, const int64_t[::1] perm):
        """Pair row i with the y of original row perm[i] (perm: a permutation of 0..n-1)."""
        if perm.shape[0] != self.n:
            raise ValueError("perm must have one entry per sample")
        if self.n > 0:
            self.eng.permute_y(&perm[0])

    def run(self, int mode, int k, int theiler, int n_threads, double[::1] locals=None):
        """Return (sum of pointwise terms, number of zero radii); mode 1 KSG-1, 2 KSG-2."""
        cdef double total
        cdef int64_t nz = 0
        cdef double* lp = NULL
        if locals is not None and locals.shape[0] > 0:
            lp = &locals[0]
        with nogil:
            total = self.eng.run(mode, k, theiler, n_threads, lp, &nz)
        return total, nz
