"""Type stub for infokit._kernels.knn1d (compiled; see knn1d.pyx)."""

import numpy as np
import numpy.typing as npt
from typing_extensions import disjoint_base

_F64 = npt.NDArray[np.float64]

@disjoint_base
class KsgPair1D:
    def __init__(self, x: _F64, y: _F64, n_threads: int) -> None: ...
    def permute_y(self, perm: npt.NDArray[np.int64]) -> None: ...
    def run(
        self, mode: int, k: int, theiler: int, n_threads: int, locals: _F64 | None = None
    ) -> tuple[float, int, int]: ...

@disjoint_base
class SortedColumn1D:
    def __init__(self, x: _F64) -> None: ...
    def __len__(self) -> int: ...

@disjoint_base
class KsgTarget1D:
    def __init__(self, y: _F64 | SortedColumn1D) -> None: ...
    def score(
        self, x: _F64 | SortedColumn1D, mode: int, k: int, n_threads: int, locals: _F64 | None = None
    ) -> tuple[float, int, int]: ...

@disjoint_base
class RossLabels1D:
    def __init__(self, codes: npt.NDArray[np.int64], n_classes: int) -> None: ...
    @property
    def n_kept(self) -> int: ...
    def score(self, x: _F64, k: int, n_threads: int, locals: _F64 | None = None) -> tuple[float, int, int]: ...
