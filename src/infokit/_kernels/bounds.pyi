"""Stub of the compiled log-sum-exp kernels (infokit._kernels.bounds); checked by mypy.stubtest.

Inputs are 2-D float32 or float64 blocks, aligned, with a unit stride along
one axis; ``out`` is caller-allocated, C-contiguous float64.
"""

import numpy as np
import numpy.typing as npt

__test__: dict[str, str]

REGION_ALL: int
REGION_OFF_DIAGONAL: int

_Block = npt.NDArray[np.float32] | npt.NDArray[np.float64]
_Out = npt.NDArray[np.float64]

def lse_axis(s: _Block, out: _Out, axis: int, region: int, mean: bool, n_threads: int = 1) -> None: ...
def lse_all(s: _Block, region: int, mean: bool, n_threads: int = 1) -> float: ...
def exp_nonpos(x: npt.NDArray[np.float64], out: npt.NDArray[np.float64]) -> None: ...
def exp_nonpos_f(x: npt.NDArray[np.float32], out: npt.NDArray[np.float32]) -> None: ...
