"""Type stub for infokit._kernels.copula (compiled; see copula.pyx)."""

import numpy as np
import numpy.typing as npt

def normal_scores(
    x: npt.NDArray[np.float64],
    half_scores: npt.NDArray[np.float64],
    out: npt.NDArray[np.float64],
    ties: npt.NDArray[np.int64],
    n_threads: int = 1,
) -> None: ...
def normal_scores_project(
    x: npt.NDArray[np.float64],
    half_scores: npt.NDArray[np.float64],
    w: npt.NDArray[np.float64] | None,
    codes: npt.NDArray[np.int64] | None,
    proj1: npt.NDArray[np.float64],
    proj2: npt.NDArray[np.float64],
    moments: npt.NDArray[np.float64],
    ties: npt.NDArray[np.int64],
    n_threads: int = 1,
) -> None: ...
