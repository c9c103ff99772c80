"""Private compiled kernels (Cython over the C++ headers in cpp/include/infokit).

Each submodule wraps one kernel family; the public API never exposes them.
"""
