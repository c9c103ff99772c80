"""Stub of the compiled row kernels (infokit._kernels.table); checked by mypy.stubtest.

Inputs are 2-D (n_rows, n_cols) float32 or float64 blocks with any strides;
outputs are caller-allocated: ``out`` (n_rows,), ``sums`` and ``flags``
(k, n_rows) for k inputs, C-contiguous. Each kernel returns the number of
rows it left NaN (bad entries or a sum <= 0; see ``flags`` and ``sums``).
"""

import numpy as np
import numpy.typing as npt

__test__: dict[str, str]

FLAG_NEGATIVE: int
FLAG_NAN: int
FLAG_INF: int
FLAG_OVERFLOW: int

_Block = npt.NDArray[np.float32] | npt.NDArray[np.float64]
_Out = npt.NDArray[np.float64]
_Flags = npt.NDArray[np.uint8]

def row_entropy(p: _Block, out: _Out, sums: _Out, flags: _Flags, n_threads: int = 1) -> int: ...
def row_kl(p: _Block, q: _Block, out: _Out, sums: _Out, flags: _Flags, n_threads: int = 1) -> int: ...
def row_cross_entropy(p: _Block, q: _Block, out: _Out, sums: _Out, flags: _Flags, n_threads: int = 1) -> int: ...
def row_total_variation(p: _Block, q: _Block, out: _Out, sums: _Out, flags: _Flags, n_threads: int = 1) -> int: ...
def row_hellinger(p: _Block, q: _Block, out: _Out, sums: _Out, flags: _Flags, n_threads: int = 1) -> int: ...
def row_js(arrays: list[_Block], weights: _Out, out: _Out, sums: _Out, flags: _Flags, n_threads: int = 1) -> int: ...
def log_pos(x: npt.NDArray[np.float64], out: npt.NDArray[np.float64]) -> None: ...
def kl_normal_standard_rows(
    mu: npt.NDArray[np.float64], logvar: npt.NDArray[np.float64], out: npt.NDArray[np.float64]
) -> None: ...
