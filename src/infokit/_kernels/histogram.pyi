"""Stub of the compiled histogram kernels (infokit._kernels.histogram); checked by mypy.stubtest.

``columns``: d 1-D float / integer arrays of one length, any strides;
``edges``: d 1-D float64 (or, for float32 columns, float32) arrays of
n_bins + 1 non-decreasing values. Counts and sums are flat (C order over the
axes) with one extra last entry for the dropped samples.
"""

import numpy as np
import numpy.typing as npt

__test__: dict[str, str]

def simd_limit(limit: int) -> int: ...
def axis_uniform(column: npt.NDArray[np.generic], edges: npt.NDArray[np.floating], inclusive: bool = True) -> bool: ...
def histogram_counts(
    columns: list[npt.NDArray[np.generic]],
    edges: list[npt.NDArray[np.floating]],
    inclusive: bool = True,
    try_uniform: bool = True,
    n_threads: int = 1,
) -> npt.NDArray[np.int64]: ...
def histogram_weighted(
    columns: list[npt.NDArray[np.generic]],
    edges: list[npt.NDArray[np.floating]],
    weights: npt.NDArray[np.float64],
    block: int = 0,
    inclusive: bool = True,
    try_uniform: bool = True,
) -> npt.NDArray[np.float64]: ...
def bin_indices(
    columns: list[npt.NDArray[np.generic]],
    edges: list[npt.NDArray[np.floating]],
    inclusive: bool = True,
    try_uniform: bool = True,
    n_threads: int = 1,
) -> npt.NDArray[np.int64]: ...
def flat_codes(
    columns: list[npt.NDArray[np.generic]],
    edges: list[npt.NDArray[np.floating]],
    inclusive: bool = True,
    try_uniform: bool = True,
    n_threads: int = 1,
) -> npt.NDArray[np.int64]: ...
def column_range(col: npt.NDArray[np.floating], n_threads: int = 1) -> tuple[float, float, bool]: ...
