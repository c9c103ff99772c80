"""Type stub for infokit._kernels.knn (compiled; see knn.pyx)."""

from typing import Any

import numpy as np
import numpy.typing as npt
from typing_extensions import disjoint_base

_F64 = npt.NDArray[np.float64]

MODE_KSG1: int
MODE_KSG2: int
MODE_CMI1: int
MODE_CMI2: int
MODE_GKOV: int
METRIC_CHEBYSHEV: int
METRIC_EUCLIDEAN: int

@disjoint_base
class Ksg:
    def __init__(self, groups: list[Any], spaces: list[Any], mode: int, k: int, theiler: int) -> None: ...
    def set_group(self, g: int, values: _F64) -> None: ...
    def run(self, n_threads: int, locals: _F64 | None = None) -> tuple[float, int, int]: ...

def knn_radius(x: _F64, k: int, theiler: int, metric: int, n_threads: int, out: _F64) -> None: ...
def knn_cross_radius(queries: _F64, x: _F64, k: int, metric: int, n_threads: int, out: _F64) -> None: ...
def knn_indices(x: _F64, k: int, theiler: int, n_threads: int, out: npt.NDArray[np.int64]) -> None: ...
def ross_mi(
    x: _F64, codes: npt.NDArray[np.int64], n_classes: int, k: int, n_threads: int, locals: _F64 | None = None
) -> tuple[float, int, int]: ...
