# Shared by every kernel module (``include "_buffers.pxi"``): the one place where
# Python buffers are made safe for the C++ kernels before a memoryview is taken.

import numpy as _np


cdef object _aligned(object a):
    """``a``, or a C-contiguous copy in fresh (aligned) memory where ``a`` is misaligned.

    Contiguity does not imply alignment: a field of a packed structured array or
    a ``frombuffer`` view at a byte offset is contiguous yet misaligned, and the
    kernels' typed loads of it are undefined behaviour (traps on some CPUs,
    sanitizer errors everywhere).
    """
    if isinstance(a, _np.ndarray) and not a.flags.aligned:
        return _np.array(a, order="C", copy=True)
    return a


cdef inline ptrdiff_t _elem_stride(Py_ssize_t stride_bytes, Py_ssize_t itemsize) noexcept nogil:
    # Both signed: a negative stride (x[::-1]) divided by an unsigned sizeof
    # would wrap to a huge positive count.
    return stride_bytes // itemsize
