# cython: language_level=3
from libc.stddef cimport ptrdiff_t

cdef extern from "infokit/parallel.hpp" namespace "infokit" nogil:
    int effective_threads(ptrdiff_t n_items, int n_threads, ptrdiff_t min_items)

def _threads(ptrdiff_t n, int t):
    cdef int r
    with nogil:
        r = effective_threads(n, t, 1)
    return r
