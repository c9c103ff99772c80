"""k-nearest-neighbour estimators for continuous (and mixed) samples.

Kraskov–Stögbauer–Grassberger MI (estimators 1 and 2), total correlation,
Frenzel–Pompe conditional MI (and its KSG-2 form), Kozachenko–Leonenko entropy,
Wang–Kulkarni–Verdú KL divergence, Ross's discrete–continuous MI, and the
Gao–Kannan–Oh–Viswanath (GKOV) estimator for mixtures and ties. The searches
run in C++ (:mod:`infokit._kernels.knn`, a max-norm KD-tree plus sorted
marginals); everything here validates inputs and assembles the formulas.

Conventions shared by every estimator
-------------------------------------
* Units: nats; ``base=2`` gives bits.
* ``k``: number of neighbours, an int with ``1 <= k < n - 2 * theiler - 1``.
* ``metric``: ``"chebyshev"`` (max-norm, the KSG convention). Entropy and KL
  divergence also accept ``"euclidean"``.
* ``noise``: None, or a relative jitter: each column gets
  ``noise * std(column) * N(0, 1)`` added, drawn from ``random_state`` (variables
  in argument order). Ties (duplicate values) bias kNN estimators; ``noise=1e-10``
  is the cure (scikit-learn jitters by the column mean instead, which keeps ties
  at large n, scikit-learn#30772).
* ``theiler``: exclude samples with ``|i - j| <= theiler`` from neighbour
  searches AND counts (time series); 0 excludes only the point itself.
* ``return_locals``: also return the pointwise terms whose mean is the estimate.
* ``clip``: negative estimates are returned as they are unless ``clip=True``.
* ``nan_policy``: ``"raise"`` (default), ``"omit"`` (drop rows), ``"propagate"``
  (return NaN). Finite values too far apart for their distance to be finite
  (``1e308`` and ``-1e308``: the difference overflows float64) raise
  ``ValueError``; rescale such data.
* ``n_jobs``: threads over query points; results are bit-identical for any value.
* Ties: with exact duplicate points a k-th neighbour distance can be 0; the KSG
  counts are then 0 (strict) and the estimate is biased. A variable whose rows
  are all identical gives MI exactly 0 (locals all 0).
"""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any, Sequence

import numpy as np
from scipy.special import digamma, gammaln

from infokit._kernels import knn as _k
from infokit._kernels import knn1d as _k1
from infokit._validation import (
    TiesWarning,
    apply_nan_policy,
    as_float_samples,
    base_scale,
    check_choice,
    check_int,
    check_random_state,
    check_same_length,
    resolve_n_jobs,
)
from infokit.estimate._discrete_labels import label_codes
from infokit.estimate._significance import MIBootstrapResult, MITestResult, mi_bootstrap, mi_test

__all__ = [
    "kl_entropy",
    "ksg_mutual_info",
    "ksg_conditional_mutual_info",
    "total_correlation",
    "wkv_kl_divergence",
    "mixed_mutual_info",
    "gkov_mutual_info",
    "mi_test",
    "mi_bootstrap",
    "MITestResult",
    "MIBootstrapResult",
]

_MAX_N = 2**31 - 1
_KSG_METRICS = ("chebyshev",)
_DIST_METRICS = ("chebyshev", "euclidean")
_MODE = {"ksg1": 1, "ksg2": 2, "cmi1": 3, "cmi2": 4, "gkov": 5}


# ---------------------------------------------------------------------------
# Shared validation


def _check_noise(noise: Any) -> float | None:
    if noise is None:
        return None
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not math.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be None or a finite real >= 0, got {noise!r}")
    return float(noise)


def _jitter(arrays: list[np.ndarray], noise: float | None, random_state: Any) -> list[np.ndarray]:
    """Add ``noise * std(column) * N(0, 1)`` to every column, variables in order."""
    if noise is None:
        return arrays
    rng = check_random_state(random_state)
    out = []
    for a in arrays:
        scale = noise * a.std(axis=0)
        out.append(np.ascontiguousarray(a + scale * rng.standard_normal(a.shape)))
    return out


def _check_span(arrays: Sequence[np.ndarray], names: Sequence[str]) -> None:
    """Raise unless every distance between samples is finite.

    Finite values can still be too far apart: (1e308) - (-1e308) overflows to
    inf, and an infinite distance has no k-th neighbour to speak of.
    """
    for a, name in zip(arrays, names):
        with np.errstate(over="ignore"):
            span = np.ptp(a, axis=0) if a.size else np.zeros(1)
        if not np.all(np.isfinite(span)):
            raise ValueError(
                f"the values of {name} are too far apart: max - min overflows float64, "
                "so sample distances are not finite; rescale the data"
            )


def _samples(
    arrays: Sequence[Any],
    names: Sequence[str],
    *,
    nan_policy: str,
    noise: Any,
    random_state: Any,
) -> tuple[list[np.ndarray], bool]:
    """Validated float64 C-contiguous (n, d) arrays of equal length, jittered."""
    noise = _check_noise(noise)
    arrs = [as_float_samples(a, nm) for a, nm in zip(arrays, names)]
    check_same_length(arrs, names)
    arrs, has_nan = apply_nan_policy(arrs, names, nan_policy)
    if has_nan:
        return arrs, True
    arrs = [np.ascontiguousarray(a, dtype=np.float64) for a in arrs]
    _check_span(arrs, names)
    if len(arrs[0]) > _MAX_N:
        raise ValueError(f"at most {_MAX_N} samples are supported, got {len(arrs[0])}")
    return _jitter(arrs, noise, random_state), False


def _check_k(k: Any, n: int, theiler: int = 0, *, name: str = "k") -> int:
    k = check_int(k, name, minimum=1)
    candidates = n - 1 - 2 * theiler
    if k > candidates:
        extra = f" with theiler={theiler}" if theiler else ""
        raise ValueError(
            f"{name}={k} needs more samples: each point has only {max(candidates, 0)} neighbour "
            f"candidates (n={n}{extra}); use a smaller {name} or more samples"
        )
    return k


def _is_constant(a: np.ndarray) -> bool:
    """True when every row equals the first (the variable carries no information)."""
    return bool(len(a) == 0 or (a == a[0]).all())


def _finish(total: float, locals_: np.ndarray | None, scale: float, clip: bool, return_locals: bool) -> Any:
    value = total * scale
    if clip and value < 0:
        value = 0.0
    if return_locals:
        assert locals_ is not None
        return float(value), locals_ * scale
    return float(value)


def _nan_result(n: int, return_locals: bool) -> Any:
    if return_locals:
        return float("nan"), np.full(n, np.nan)
    return float("nan")


def _warn_ties(n_zero: int, n: int) -> None:
    # A zero k-th neighbour distance means duplicate points: the strict
    # counts of KSG are then undefined and the estimate is biased (PARITY 18).
    # Say so instead of returning a silently wrong number.
    if n_zero:
        warnings.warn(
            f"{n_zero} of {n} points have a zero distance to their k-th neighbour "
            "(duplicate points): kNN estimates are biased by ties. Pass noise=1e-10 "
            "(a jitter relative to each column's standard deviation) or use method='gkov'.",
            TiesWarning,
            stacklevel=4,
        )


def _run_engine(
    groups: list[np.ndarray], spaces: list[list[int]], mode: str, k: int, theiler: int, n_jobs: int, want_locals: bool
) -> tuple[float, np.ndarray | None]:
    n = len(groups[0])
    eng = _k.Ksg(groups, spaces, _MODE[mode], k, theiler)
    locals_ = np.empty(n) if want_locals else None
    total, n_zero = eng.run(n_jobs, locals_)
    if mode != "gkov":  # GKOV is built for ties; the KSG family is not
        _warn_ties(n_zero, n)
    return total / n, locals_


def _run_pair1d(
    x: np.ndarray, y: np.ndarray, variant: int, k: int, theiler: int, n_jobs: int, want_locals: bool
) -> tuple[float, np.ndarray | None]:
    """KSG-1/2 of one column against one column: the rank-grid fast path.

    Same counts as :func:`_run_engine` (the KD-tree path), pointwise terms
    identical bit for bit; only the order of the final sum differs.
    """
    n = len(x)
    eng = _k1.KsgPair1D(x, y, n_jobs)
    locals_ = np.empty(n) if want_locals else None
    total, n_zero = eng.run(variant, k, theiler, n_jobs, locals_)
    _warn_ties(n_zero, n)
    return total / n, locals_


# ---------------------------------------------------------------------------
# Mutual information, total correlation, conditional MI


def ksg_mutual_info(
    x: Any,
    y: Any,
    *,
    variant: int = 1,
    base: float | None = None,
    k: int = 3,
    metric: str = "chebyshev",
    noise: float | None = None,
    random_state: Any = None,
    theiler: int = 0,
    return_locals: bool = False,
    clip: bool = False,
    lnc: float | None = None,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> Any:
    r"""Kraskov–Stögbauer–Grassberger estimate of the mutual information I(X; Y).

    With :math:`\rho_i` the max-norm distance from sample :math:`i` to its
    ``k``-th neighbour in the joint space :math:`(x, y)`:

    * ``variant=1`` (estimator 1): :math:`\hat I = \psi(k) + \psi(n)
      - \langle \psi(n_x + 1) + \psi(n_y + 1) \rangle`, with strict counts
      :math:`n_x(i) = \#\{j \ne i : \|x_j - x_i\|_\infty < \rho_i\}`.
    * ``variant=2`` (estimator 2): :math:`\hat I = \psi(k) - 1/k + \psi(n)
      - \langle \psi(n_x) + \psi(n_y) \rangle`, with :math:`n_x(i) = \#\{j \ne i :
      \|x_j - x_i\| \le \epsilon_x(i)\}`, :math:`\epsilon_x(i)` the largest
      x-distance among the ``k`` joint neighbours.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Paired continuous samples (float32 accepted; computed in float64).
    variant : {1, 2}
        KSG estimator 1 or 2.
    base : float, optional
        Logarithm base (None: nats, 2: bits).
    k : int, default 3
        Neighbours; ``1 <= k < n - 2 * theiler - 1``.
    metric : {"chebyshev"}
        The max-norm, for which the unit-ball volumes cancel.
    noise, random_state
        Optional relative jitter against ties (see module notes).
    theiler : int, default 0
        Theiler window: samples with ``|i - j| <= theiler`` are never neighbours
        nor counted.
    return_locals : bool
        Also return the pointwise terms (their mean is the estimate).
    clip : bool
        Return ``max(estimate, 0)`` (off by default: averages of clipped
        estimates are biased).
    lnc : float, optional
        Local non-uniformity correction (Gao, Ver Steeg & Galstyan 2015) with
        threshold ``alpha = lnc`` in (0, 1); helps strongly dependent data.
        KSG estimator 1 only. Costs O(n k d^2) extra work and O(n k) memory.
    nan_policy : {"raise", "omit", "propagate"}
    n_jobs : int, optional
        Threads (None: 1, -1: all cores); the result does not depend on it.

    Returns
    -------
    float, or (float, ndarray of shape (n,)) with ``return_locals``

    Notes
    -----
    Complexity: O(n log n) to build the KD-tree and sorted marginals, about
    O(n (log n + k)) for the searches in low dimension; O(n) memory. One column
    against one column takes a faster path: radix-sorted marginals, a grid in
    rank space for the joint search and bracketed bisections for the counts
    (same counts as the tree, bit for bit). A variable
    whose rows are all identical gives exactly 0. Duplicate points give zero
    radii (see the module notes: pass ``noise``).

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import mutual_info
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=5000)
    >>> y = 0.6 * x + 0.8 * rng.normal(size=5000)      # correlation 0.6
    >>> est = mutual_info(x, y, method="ksg")
    >>> bool(abs(est - (-0.5 * np.log(1 - 0.6**2))) < 0.03)   # 0.2231 nats
    True
    """
    if variant not in (1, 2) or isinstance(variant, bool):
        raise ValueError(f"variant must be 1 or 2, got {variant!r}")
    check_choice(metric, "metric", _KSG_METRICS)
    theiler = check_int(theiler, "theiler", minimum=0)
    scale = base_scale(base)
    if lnc is not None:
        if variant != 1:
            raise ValueError("lnc applies to KSG estimator 1 only (variant=1)")
        if isinstance(lnc, bool) or not isinstance(lnc, numbers.Real) or not 0 < lnc < 1:
            raise ValueError(f"lnc must be None or a threshold alpha in (0, 1), got {lnc!r}")
    (xa, ya), has_nan = _samples((x, y), ("x", "y"), nan_policy=nan_policy, noise=noise, random_state=random_state)
    n = len(xa)
    if has_nan:
        return _nan_result(n, return_locals)
    k = _check_k(k, n, theiler)
    threads = resolve_n_jobs(n_jobs)
    if _is_constant(xa) or _is_constant(ya):
        return _finish(0.0, np.zeros(n), scale, clip, return_locals)
    want = return_locals or lnc is not None
    if xa.shape[1] == 1 and ya.shape[1] == 1:
        mi, locals_ = _run_pair1d(xa, ya, variant, k, theiler, threads, want)
    else:
        mi, locals_ = _run_engine([xa, ya], [[0], [1]], "ksg1" if variant == 1 else "ksg2", k, theiler, threads, want)
    if lnc is not None:
        corr = _lnc_terms(np.hstack([xa, ya]), k, float(lnc), theiler, threads)
        assert locals_ is not None
        locals_ = locals_ + corr
        mi = float(np.mean(locals_))
    return _finish(mi, locals_, scale, clip, return_locals)


def _lnc_terms(points: np.ndarray, k: int, alpha: float, theiler: int, n_jobs: int) -> np.ndarray:
    """Pointwise LNC correction: log(V_box / V_pca) where it is below log(alpha)."""
    n, d = points.shape
    idx = np.empty((n, k), dtype=np.int64)
    _k.knn_indices(points, k, theiler, n_jobs, idx)
    rel = points[idx] - points[:, None, :]  # (n, k, d); the point itself is the origin
    cov = np.einsum("nkd,nke->nde", rel, rel) / k
    _, vecs = np.linalg.eigh(cov)
    proj = np.abs(np.einsum("nkd,nde->nke", rel, vecs)).max(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_pca = np.log(proj).sum(axis=1)
        log_box = np.log(np.abs(rel).max(axis=1)).sum(axis=1)
        use = np.isfinite(log_pca) & np.isfinite(log_box) & (log_pca < log_box + math.log(alpha))
    return np.where(use, log_box - log_pca, 0.0)


def total_correlation(
    variables: Any,
    *,
    variant: int = 1,
    base: float | None = None,
    k: int = 3,
    metric: str = "chebyshev",
    noise: float | None = None,
    random_state: Any = None,
    theiler: int = 0,
    return_locals: bool = False,
    clip: bool = False,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> Any:
    r"""Total correlation (multi-information) of m variables, KSG style.

    :math:`TC = \sum_j H(X_j) - H(X_1, \dots, X_m)`, estimated as in Kraskov et
    al. (2004, eqs. 11 and 12): with the joint max-norm radius :math:`\rho_i`,

    * ``variant=1``: :math:`\psi(k) + (m-1)\psi(n) - \langle \sum_j \psi(n_j + 1) \rangle`
      (strict counts within :math:`\rho_i` in each marginal);
    * ``variant=2``: :math:`\psi(k) - (m-1)/k + (m-1)\psi(n) - \langle \sum_j \psi(n_j) \rangle`
      (counts within the marginal epsilons, inclusive).

    For m = 2 this is :func:`ksg_mutual_info`.

    Parameters
    ----------
    variables : sequence of array-likes, or array-like of shape (n, m)
        A list/tuple of (n,) or (n, d_j) arrays (one per variable), or one
        2-D array whose columns are the variables.
    variant, base, k, metric, noise, random_state, theiler, return_locals, clip, nan_policy, n_jobs
        As in :func:`ksg_mutual_info`.

    Returns
    -------
    float, or (float, ndarray) with ``return_locals``

    Notes
    -----
    Complexity: one joint KD-tree plus one marginal structure per variable,
    O(n log n) build and O(n m log n) counts; O(n) memory.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import total_correlation
    >>> rng = np.random.default_rng(1)
    >>> cov = [[1, .5, .5], [.5, 1, .5], [.5, .5, 1]]
    >>> data = rng.multivariate_normal([0, 0, 0], cov, size=4000)
    >>> truth = -0.5 * np.log(np.linalg.det(cov))           # 0.3466 nats
    >>> bool(abs(total_correlation(data) - truth) < 0.05)
    True
    """
    if variant not in (1, 2) or isinstance(variant, bool):
        raise ValueError(f"variant must be 1 or 2, got {variant!r}")
    check_choice(metric, "metric", _KSG_METRICS)
    theiler = check_int(theiler, "theiler", minimum=0)
    scale = base_scale(base)
    if isinstance(variables, (list, tuple)):
        raw = list(variables)
    else:
        arr = as_float_samples(variables, "variables")
        raw = [arr[:, j] for j in range(arr.shape[1])]
    if len(raw) < 2:
        raise ValueError(f"variables must hold at least 2 variables, got {len(raw)}")
    names = [f"variables[{j}]" for j in range(len(raw))]
    arrs, has_nan = _samples(raw, names, nan_policy=nan_policy, noise=noise, random_state=random_state)
    n = len(arrs[0])
    if has_nan:
        return _nan_result(n, return_locals)
    k = _check_k(k, n, theiler)
    threads = resolve_n_jobs(n_jobs)
    # A constant variable adds nothing: drop it (TC of the rest).
    arrs = [a for a in arrs if not _is_constant(a)]
    if len(arrs) < 2:
        return _finish(0.0, np.zeros(n), scale, clip, return_locals)
    tc, locals_ = _run_engine(
        arrs, [[j] for j in range(len(arrs))], "ksg1" if variant == 1 else "ksg2", k, theiler, threads, return_locals
    )
    return _finish(tc, locals_, scale, clip, return_locals)


def ksg_conditional_mutual_info(
    x: Any,
    y: Any,
    z: Any,
    *,
    variant: int = 1,
    base: float | None = None,
    k: int = 3,
    metric: str = "chebyshev",
    noise: float | None = None,
    random_state: Any = None,
    theiler: int = 0,
    return_locals: bool = False,
    clip: bool = False,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> Any:
    r"""Frenzel–Pompe estimate of the conditional mutual information I(X; Y | Z).

    With :math:`\rho_i` the max-norm distance to the ``k``-th neighbour in
    the joint space :math:`(x, y, z)`:

    * ``variant=1`` (Frenzel & Pompe 2007): :math:`\psi(k) - \langle
      \psi(n_{xz} + 1) + \psi(n_{yz} + 1) - \psi(n_z + 1) \rangle`, strict
      counts within :math:`\rho_i` in the subspaces xz, yz and z.
    * ``variant=2`` (KSG-2 form, as in JIDT): :math:`\psi(k) - 2/k + \langle
      \psi(n_z) - \psi(n_{xz}) + 1/n_{xz} - \psi(n_{yz}) + 1/n_{yz} \rangle`,
      inclusive counts in boxes whose half-widths are the marginal epsilons
      :math:`\epsilon_x, \epsilon_y, \epsilon_z` of the ``k`` joint neighbours.

    Parameters
    ----------
    x, y, z : array-like, shape (n,) or (n, d)
        Paired continuous samples.
    variant, base, k, metric, noise, random_state, theiler, return_locals, clip, nan_policy, n_jobs
        As in :func:`ksg_mutual_info` (``noise`` jitters x, y, z in that order).

    Returns
    -------
    float, or (float, ndarray) with ``return_locals``

    Notes
    -----
    Complexity: one joint KD-tree and three count structures (sorted array when
    one column, KD-tree otherwise), O(n log n) build; O(n) memory. Constant x or
    y gives exactly 0.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import conditional_mutual_info
    >>> rng = np.random.default_rng(2)
    >>> x = rng.normal(size=3000)
    >>> z = x + rng.normal(size=3000)
    >>> y = z + rng.normal(size=3000)        # chain x -> z -> y: I(X; Y | Z) = 0
    >>> bool(abs(conditional_mutual_info(x, y, z, method="ksg")) < 0.03)
    True
    """
    if variant not in (1, 2) or isinstance(variant, bool):
        raise ValueError(f"variant must be 1 or 2, got {variant!r}")
    check_choice(metric, "metric", _KSG_METRICS)
    theiler = check_int(theiler, "theiler", minimum=0)
    scale = base_scale(base)
    (xa, ya, za), has_nan = _samples(
        (x, y, z), ("x", "y", "z"), nan_policy=nan_policy, noise=noise, random_state=random_state
    )
    n = len(xa)
    if has_nan:
        return _nan_result(n, return_locals)
    k = _check_k(k, n, theiler)
    threads = resolve_n_jobs(n_jobs)
    if _is_constant(xa) or _is_constant(ya):
        return _finish(0.0, np.zeros(n), scale, clip, return_locals)
    cmi, locals_ = _run_engine(
        [xa, ya, za], [[0, 2], [1, 2], [2]], "cmi1" if variant == 1 else "cmi2", k, theiler, threads, return_locals
    )
    return _finish(cmi, locals_, scale, clip, return_locals)


# ---------------------------------------------------------------------------
# Entropy and divergence


def _log_unit_ball(d: int, metric: str) -> float:
    """log volume of the radius-1 ball: the cube [-1, 1]^d or the Euclidean ball."""
    if metric == "chebyshev":
        return d * math.log(2.0)
    return 0.5 * d * math.log(math.pi) - float(gammaln(0.5 * d + 1.0))


def kl_entropy(
    x: Any,
    *,
    base: float | None = None,
    k: int = 3,
    metric: str = "chebyshev",
    noise: float | None = None,
    random_state: Any = None,
    theiler: int = 0,
    return_locals: bool = False,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> Any:
    r"""Kozachenko–Leonenko k-nearest-neighbour estimate of differential entropy.

    :math:`\hat H = \psi(n) - \psi(k) + \log c_d + \frac{d}{n}\sum_i \log \rho_i`,
    with :math:`\rho_i` the distance from sample i to its ``k``-th neighbour and
    :math:`c_d` the volume of the unit ball of the metric: :math:`2^d` for the
    max-norm, :math:`\pi^{d/2} / \Gamma(d/2 + 1)` for the Euclidean norm.

    Parameters
    ----------
    x : array-like, shape (n,) or (n, d)
        Continuous samples.
    base : float, optional
        Logarithm base (None: nats).
    k : int, default 3
    metric : {"chebyshev", "euclidean"}
    noise, random_state, theiler, return_locals, nan_policy, n_jobs
        As in :func:`ksg_mutual_info`.

    Returns
    -------
    float, or (float, ndarray) with ``return_locals``
        Duplicate points (a zero radius) give ``-inf``: the differential
        entropy of a point mass.

    Notes
    -----
    Complexity: one KD-tree, O(n log n) build plus n k-NN queries; O(n) memory.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import entropy
    >>> x = np.random.default_rng(3).normal(size=(5000, 2))
    >>> truth = np.log(2 * np.pi * np.e)          # 2-D standard normal: 2.8379 nats
    >>> bool(abs(entropy(x, method="kl") - truth) < 0.05)
    True
    """
    check_choice(metric, "metric", _DIST_METRICS)
    theiler = check_int(theiler, "theiler", minimum=0)
    scale = base_scale(base)
    (xa,), has_nan = _samples((x,), ("x",), nan_policy=nan_policy, noise=noise, random_state=random_state)
    n, d = xa.shape
    if has_nan:
        return _nan_result(n, return_locals)
    k = _check_k(k, n, theiler)
    rho = np.empty(n)
    _k.knn_radius(xa, k, theiler, 0 if metric == "chebyshev" else 1, resolve_n_jobs(n_jobs), rho)
    const = float(digamma(n) - digamma(k)) + _log_unit_ball(d, metric)
    with np.errstate(divide="ignore"):
        locals_ = const + d * np.log(rho)
    return _finish(float(np.mean(locals_)), locals_, scale, False, return_locals)


def wkv_kl_divergence(
    p_samples: Any,
    q_samples: Any,
    *,
    base: float | None = None,
    k: int = 1,
    metric: str = "chebyshev",
    noise: float | None = None,
    random_state: Any = None,
    return_locals: bool = False,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> Any:
    r"""Wang–Kulkarni–Verdú (2009) k-NN estimate of D(P || Q) from two samples.

    :math:`\hat D = \frac{d}{n}\sum_i \log\frac{\nu_k(i)}{\rho_k(i)} + \log\frac{m}{n - 1}`,
    with :math:`\rho_k(i)` the distance from :math:`p_i` to its ``k``-th
    neighbour among the other n - 1 samples of P and :math:`\nu_k(i)` its
    distance to the ``k``-th nearest of the m samples of Q. The unit-ball
    volume cancels, so both metrics give a consistent estimate.

    Parameters
    ----------
    p_samples : array-like, shape (n,) or (n, d)
    q_samples : array-like, shape (m,) or (m, d)
    base : float, optional
    k : int, default 1
        ``k < n`` and ``k <= m``.
    metric : {"chebyshev", "euclidean"}
    noise, random_state
        Jitter p then q (see module notes).
    return_locals, nan_policy, n_jobs
        As in :func:`ksg_mutual_info` (``nan_policy="omit"`` drops rows of each
        sample separately).

    Returns
    -------
    float, or (float, ndarray of shape (n,)) with ``return_locals``
        A duplicate of p_i in P gives +inf; a copy of p_i in Q gives -inf.

    Notes
    -----
    Complexity: two KD-trees (P and Q), O((n + m) log(n + m)); O(n + m) memory.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import kl_divergence
    >>> rng = np.random.default_rng(4)
    >>> p, q = rng.normal(0, 1, 5000), rng.normal(0, 2, 5000)
    >>> truth = np.log(2) + 1 / 8 - 0.5         # KL(N(0,1) || N(0,4)) = 0.3181 nats
    >>> bool(abs(kl_divergence(p, q) - truth) < 0.05)
    True
    """
    check_choice(metric, "metric", _DIST_METRICS)
    scale = base_scale(base)
    noise_v = _check_noise(noise)
    pa = as_float_samples(p_samples, "p_samples")
    qa = as_float_samples(q_samples, "q_samples")
    if pa.shape[1] != qa.shape[1]:
        raise ValueError(f"p_samples and q_samples must have the same dimension, got {pa.shape[1]} and {qa.shape[1]}")
    (pa,), nan_p = apply_nan_policy([pa], ["p_samples"], nan_policy)
    (qa,), nan_q = apply_nan_policy([qa], ["q_samples"], nan_policy)
    n, d = pa.shape
    m = len(qa)
    if nan_p or nan_q:
        return _nan_result(n, return_locals)
    k = _check_k(k, n, name="k")
    if k > m:
        raise ValueError(f"k={k} needs at least k samples in q_samples, got {m}")
    # Distances run within p and from p to q: the span of both together matters.
    _check_span([np.concatenate([pa, qa]).astype(np.float64, copy=False)], ["p_samples and q_samples together"])
    pa, qa = _jitter([np.ascontiguousarray(pa, np.float64), np.ascontiguousarray(qa, np.float64)], noise_v, random_state)
    threads = resolve_n_jobs(n_jobs)
    code = 0 if metric == "chebyshev" else 1
    rho = np.empty(n)
    nu = np.empty(n)
    _k.knn_radius(pa, k, 0, code, threads, rho)
    _k.knn_cross_radius(pa, qa, k, code, threads, nu)
    with np.errstate(divide="ignore", invalid="ignore"):
        locals_ = d * (np.log(nu) - np.log(rho)) + math.log(m / (n - 1))
    return _finish(float(np.mean(locals_)), locals_, scale, False, return_locals)


# ---------------------------------------------------------------------------
# Discrete–continuous


def mixed_mutual_info(
    x: Any,
    y: Any,
    *,
    base: float | None = None,
    k: int = 3,
    metric: str = "chebyshev",
    noise: float | None = None,
    random_state: Any = None,
    return_locals: bool = False,
    clip: bool = False,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> Any:
    r"""Ross (2014) estimate of I(X; Y) for continuous x and discrete labels y.

    For each sample i with label c (occurring :math:`N_c > 1` times), let
    :math:`d_i` be the max-norm distance to its :math:`k_c = \min(k, N_c - 1)`-th
    neighbour among samples with the same label, and :math:`m_i` the number of
    samples (any label, i itself included) strictly within :math:`d_i`. Then
    :math:`\hat I = \psi(n') + \langle \psi(k_c) \rangle - \langle \psi(N_c) \rangle
    - \langle \psi(m_i) \rangle`, averages over the :math:`n'` samples whose label
    repeats. This is what scikit-learn's ``mutual_info_classif`` computes (without
    its clipping at 0).

    Parameters
    ----------
    x : array-like, shape (n,) or (n, d)
        Continuous samples.
    y : array-like, shape (n,) (or (n, d): rows are joint labels)
        Discrete labels of any dtype.
    base, k, noise, random_state, return_locals, clip, nan_policy, n_jobs
        As in :func:`ksg_mutual_info` (``noise`` jitters x only). Samples whose
        label occurs once are ignored, like scikit-learn; their locals are NaN.
    metric : {"chebyshev"}

    Returns
    -------
    float, or (float, ndarray) with ``return_locals``
        0.0 when no label repeats (all-unique labels, scikit-learn#13711) or x is
        constant.

    Notes
    -----
    Complexity: one KD-tree per label plus one over all samples, O(n log n);
    for 1-D x no tree at all: one radix sort, a sorted run per label and walks
    outwards from each point's rank, O(n (k + m)); O(n) memory.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import mutual_info
    >>> rng = np.random.default_rng(5)
    >>> y = rng.integers(0, 2, 4000)
    >>> x = rng.normal(size=4000) + 10 * y           # well separated: I = ln 2
    >>> bool(abs(mutual_info(x, y, method="mixed") - np.log(2)) < 0.02)
    True
    """
    check_choice(metric, "metric", _KSG_METRICS)
    scale = base_scale(base)
    noise_v = _check_noise(noise)
    xa = as_float_samples(x, "x")
    ya = y.to_numpy() if hasattr(y, "to_numpy") and not isinstance(y, np.ndarray) else np.asarray(y)
    check_same_length([xa, ya], ["x", "y"])
    (xa, ya), has_nan = apply_nan_policy([xa, ya], ["x", "y"], nan_policy)
    n = len(xa)
    if has_nan:
        return _nan_result(n, return_locals)
    codes = label_codes(ya, "y")
    k = check_int(k, "k", minimum=1)
    _check_span([np.asarray(xa, dtype=np.float64)], ["x"])
    if n < 2:
        raise ValueError(f"x needs at least 2 samples, got {n}")
    threads = resolve_n_jobs(n_jobs)
    (xa,) = _jitter([np.ascontiguousarray(xa, dtype=np.float64)], noise_v, random_state)
    if _is_constant(xa):
        return _finish(0.0, np.zeros(n), scale, clip, return_locals)
    n_classes = int(codes.max()) + 1 if n else 0
    locals_ = np.empty(n) if return_locals else None
    if xa.shape[1] == 1:  # sorted runs per class instead of trees (same terms, bit for bit)
        mi = _k1.RossLabels1D(codes, n_classes).score(xa.reshape(-1), k, threads, locals_)
    else:
        mi = _k.ross_mi(xa, codes, n_classes, k, threads, locals_)
    return _finish(mi, locals_, scale, clip, return_locals)


def gkov_mutual_info(
    x: Any,
    y: Any,
    *,
    base: float | None = None,
    k: int = 3,
    metric: str = "chebyshev",
    noise: float | None = None,
    random_state: Any = None,
    theiler: int = 0,
    return_locals: bool = False,
    clip: bool = False,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> Any:
    r"""Gao–Kannan–Oh–Viswanath (2017) MI for discrete–continuous mixtures.

    With :math:`\rho_i` the max-norm distance to the ``k``-th joint neighbour:
    if :math:`\rho_i > 0`, :math:`\tilde k_i = k` and :math:`n_x(i)` counts the
    samples with :math:`\|x_j - x_i\| < \rho_i`; if :math:`\rho_i = 0` (ties),
    :math:`\tilde k_i` counts the exact copies of the joint sample and
    :math:`n_x(i)` the exact copies of :math:`x_i`. Counts include i itself, as
    in the authors' code. :math:`\hat I = \langle \psi(\tilde k_i) + \log n
    - \psi(n_x) - \psi(n_y) \rangle`. On tie-free data this is KSG estimator 1
    with :math:`\log n` for :math:`\psi(n)`; on purely discrete data it tends to
    the plug-in MI.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Numeric samples; integer (discrete) columns are welcome.
    base, k, metric, noise, random_state, theiler, return_locals, clip, nan_policy, n_jobs
        As in :func:`ksg_mutual_info`.

    Returns
    -------
    float, or (float, ndarray) with ``return_locals``

    Notes
    -----
    Complexity as :func:`ksg_mutual_info`. A constant variable gives exactly 0.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import mutual_info
    >>> rng = np.random.default_rng(6)
    >>> x = rng.integers(0, 4, 4000)
    >>> y = x + rng.integers(0, 2, 4000)          # discrete: I = H(Y) - H(Y|X)
    >>> truth = (-2 * 0.125 * np.log(0.125) - 3 * 0.25 * np.log(0.25)) - np.log(2)
    >>> bool(abs(mutual_info(x, y, method="gkov") - truth) < 0.03)
    True
    """
    check_choice(metric, "metric", _KSG_METRICS)
    theiler = check_int(theiler, "theiler", minimum=0)
    scale = base_scale(base)
    (xa, ya), has_nan = _samples((x, y), ("x", "y"), nan_policy=nan_policy, noise=noise, random_state=random_state)
    n = len(xa)
    if has_nan:
        return _nan_result(n, return_locals)
    k = _check_k(k, n, theiler)
    threads = resolve_n_jobs(n_jobs)
    if _is_constant(xa) or _is_constant(ya):
        return _finish(0.0, np.zeros(n), scale, clip, return_locals)
    mi, locals_ = _run_engine([xa, ya], [[0], [1]], "gkov", k, theiler, threads, return_locals)
    return _finish(mi, locals_, scale, clip, return_locals)
