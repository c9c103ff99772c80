"""What every k-nearest-neighbour estimator shares: kernel calls, results, tie warnings.

The searches run in C++ (:mod:`infokit._kernels.knn`: a max-norm KD-tree over
the joint space plus sorted marginals or marginal trees for the counts;
:mod:`infokit._kernels.knn1d`: the rank-grid fast path for one column against
one column). The pointwise formulas (KSG 1 and 2, Frenzel–Pompe, GKOV) live in
the C++ headers under ``cpp/include/infokit/knn/``; the estimator modules
(:mod:`._knn_ksg`, :mod:`._knn_density`, :mod:`._knn_mixed`) document them.

Kernel contract (checked here, trusted there): float64 C-contiguous (n, d)
arrays of one length n < 2**31, finite, with finite pairwise differences,
``1 <= k <= n - 1 - 2 * theiler`` (see :mod:`._samples`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from infokit._kernels import knn as _k
from infokit._kernels import knn1d as _k1
from infokit._validation import TiesWarning, base_scale, check_bool, check_choice, check_int, resolve_n_jobs, warn
from infokit.estimate._samples import check_k, power_of_two_scale, prepare

__all__ = [
    "DENSITY_METRICS",
    "KSG_METRICS",
    "METRIC_CODES",
    "MODES",
    "KnnInput",
    "finish",
    "kernel_mean",
    "nan_result",
    "prepare_knn",
    "run_engine",
    "run_pair1d",
    "warn_ties",
]

KSG_METRICS = ("chebyshev",)
DENSITY_METRICS = ("chebyshev", "euclidean")
# Kernel codes, declared once in the C++ headers and exported by the Cython layer.
MODES = {"ksg1": _k.MODE_KSG1, "ksg2": _k.MODE_KSG2, "cmi1": _k.MODE_CMI1, "cmi2": _k.MODE_CMI2, "gkov": _k.MODE_GKOV}
METRIC_CODES = {"chebyshev": _k.METRIC_CHEBYSHEV, "euclidean": _k.METRIC_EUCLIDEAN}


def kernel_mean(result: tuple[float, int, int]) -> float:
    """The estimate of a kNN kernel result ``(sum of terms, n_terms, n_zero_radius)``.

    Every estimate kernel (``Ksg.run``, ``ross_mi``, ``KsgPair1D.run``,
    ``KsgTarget1D.score``, ``RossLabels1D.score``) returns that triple; the mean
    is ``sum / n_terms`` (the very division the kernels once did in C++, bit for
    bit), 0.0 when there are no terms (Ross without a repeated label).
    """
    total, n_terms, _ = result
    return total / n_terms if n_terms else 0.0


def finish(total: float, locals_: np.ndarray | None, scale: float, clip: bool, return_locals: bool) -> Any:
    """The public result: the estimate in units of ``base`` (and the pointwise terms)."""
    value = total * scale
    if clip and value < 0:
        value = 0.0
    if return_locals:
        assert locals_ is not None
        return float(value), locals_ * scale
    return float(value)


def nan_result(n: int, return_locals: bool) -> Any:
    """The result under ``nan_policy="propagate"`` when the data hold NaN."""
    if return_locals:
        return float("nan"), np.full(n, np.nan)
    return float("nan")


def warn_ties(n_zero: int, n: int) -> None:
    """Warn (pointing at the user's call) when some k-th neighbour distances are 0.

    A zero radius means duplicate points: the strict counts of KSG are then
    undefined and the estimate is biased. Say so instead of returning a
    silently wrong number.
    """
    if n_zero:
        warn(
            f"{n_zero} of {n} points have a zero distance to their k-th neighbour "
            "(duplicate points): kNN estimates are biased by ties. Leave noise='auto' (the default: "
            "tied columns are jittered) or pass a float noise, or use a discrete method or method='gkov'.",
            TiesWarning,
        )


def run_engine(
    groups: list[np.ndarray], spaces: list[list[int]], mode: str, k: int, theiler: int, n_jobs: int, want_locals: bool
) -> tuple[float, np.ndarray | None]:
    """Mean pointwise term of the KD-tree engine (any dimensions, any KSG-family mode)."""
    n = len(groups[0])
    eng = _k.Ksg(groups, spaces, MODES[mode], k, theiler)
    locals_ = np.empty(n) if want_locals else None
    result = eng.run(n_jobs, locals_)
    if mode != "gkov":  # GKOV is built for ties; the KSG family is not
        warn_ties(result[2], n)
    return kernel_mean(result), locals_


def run_pair1d(
    x: np.ndarray, y: np.ndarray, mode: str, k: int, theiler: int, n_jobs: int, want_locals: bool
) -> tuple[float, np.ndarray | None]:
    """KSG-1/2 of one column against one column: the rank-grid fast path.

    Same counts as :func:`run_engine` (the KD-tree path), pointwise terms
    identical bit for bit; only the order of the final sum differs.
    """
    n = len(x)
    eng = _k1.KsgPair1D(x, y, n_jobs)
    locals_ = np.empty(n) if want_locals else None
    result = eng.run(MODES[mode], k, theiler, n_jobs, locals_)
    warn_ties(result[2], n)
    return kernel_mean(result), locals_


@dataclass
class KnnInput:
    """Validated samples and options of one kNN estimate, before any search."""

    arrays: list[np.ndarray]
    k: int
    theiler: int
    threads: int
    scale: float
    clip: bool
    return_locals: bool
    has_nan: bool = False
    #: ``x * 2**e`` per column (all variables' columns in order): the exact
    #: rescale to comparable spreads, for estimators that must undo it.
    exponents: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def n(self) -> int:
        return len(self.arrays[0])

    def result(self, total: float, locals_: np.ndarray | None) -> Any:
        """The public result for a mean pointwise term ``total`` (and its terms)."""
        return finish(total, locals_, self.scale, self.clip, self.return_locals)

    def nan(self) -> Any:
        """The result under ``nan_policy="propagate"`` when the data hold NaN."""
        return nan_result(self.n, self.return_locals)

    def zero(self) -> Any:
        """Exactly 0 (a constant variable carries no information), terms all 0."""
        return self.result(0.0, np.zeros(self.n))


def prepare_knn(
    arrays: Sequence[Any],
    names: Sequence[str],
    *,
    metric: str,
    base: float | None,
    k: Any,
    noise: Any,
    random_state: Any,
    theiler: Any,
    nan_policy: str,
    n_jobs: Any,
    clip: Any = False,
    return_locals: Any = False,
    metrics: tuple[str, ...] = KSG_METRICS,
) -> KnnInput:
    """Every check of an estimate that searches neighbours within one sample.

    Shared by the KSG family, GKOV and Kozachenko–Leonenko, and by the KSG
    permutation test, so the plain call and the fast path validate alike.
    """
    check_choice(metric, "metric", metrics)
    theiler = check_int(theiler, "theiler", minimum=0)
    return_locals = check_bool(return_locals, "return_locals")
    clip = check_bool(clip, "clip")
    scale = base_scale(base)
    arrs, has_nan = prepare(arrays, names, nan_policy=nan_policy, noise=noise, random_state=random_state)
    if has_nan:
        return KnnInput(arrs, 0, theiler, 1, scale, clip, return_locals, has_nan=True)
    k = check_k(k, len(arrs[0]), theiler)
    arrs, exps = power_of_two_scale(arrs)
    return KnnInput(arrs, k, theiler, resolve_n_jobs(n_jobs), scale, clip, return_locals, exponents=exps)
