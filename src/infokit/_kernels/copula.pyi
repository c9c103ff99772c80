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
