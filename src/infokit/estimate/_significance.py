"""Permutation test and bootstrap interval for any mutual-information estimate.

Both work with every ``method`` of :func:`infokit.estimate.mutual_info`. For the
KSG estimators the permutation test reuses the marginal search structures:
permuting y leaves the SETS of x values and y values unchanged, so only the
joint KD-tree is rebuilt per permutation.
"""

from __future__ import annotations

import numbers
from typing import Any, NamedTuple

import numpy as np

from infokit._validation import check_choice, check_int, check_random_state, resolve_n_jobs

__all__ = ["MITestResult", "MIBootstrapResult", "mi_test", "mi_bootstrap"]

_KNN_METHODS = ("ksg", "ksg2", "mixed", "gkov")


class MITestResult(NamedTuple):
    """Result of :func:`mi_test`."""

    estimate: float
    pvalue: float
    null_distribution: np.ndarray


class MIBootstrapResult(NamedTuple):
    """Result of :func:`mi_bootstrap`."""

    estimate: float
    low: float
    high: float
    samples: np.ndarray


def _rows(a: Any) -> np.ndarray:
    """Array view of samples or labels whose first axis is the sample."""
    arr = a.to_numpy() if hasattr(a, "to_numpy") and not isinstance(a, np.ndarray) else np.asarray(a)
    if arr.ndim == 0:
        raise ValueError("samples must be at least 1-D")
    return arr


def _ksg_null(
    x: Any, y: Any, method: str, n_permutations: int, rng: np.random.Generator, threads: int, options: dict
) -> tuple[float, np.ndarray]:
    """Observed KSG estimate and its permutation null, marginal structures reused."""
    from infokit._kernels import knn as _k
    from infokit._kernels import knn1d as _k1
    from infokit._validation import base_scale
    from infokit.estimate import _knn

    opts = dict(options)
    k = opts.pop("k", 3)
    metric = opts.pop("metric", "chebyshev")
    noise = opts.pop("noise", None)
    theiler = check_int(opts.pop("theiler", 0), "theiler", minimum=0)
    clip = bool(opts.pop("clip", False))
    nan_policy = opts.pop("nan_policy", "raise")
    scale = base_scale(opts.pop("base", None))
    if opts:
        raise TypeError(f"unexpected option(s) for method={method!r}: {', '.join(sorted(opts))}")
    check_choice(metric, "metric", _knn._KSG_METRICS)
    (xa, ya), has_nan = _knn._samples((x, y), ("x", "y"), nan_policy=nan_policy, noise=noise, random_state=rng)
    n = len(xa)
    if has_nan:
        return float("nan"), np.full(n_permutations, np.nan)
    k = _knn._check_k(k, n, theiler)
    if _knn._is_constant(xa) or _knn._is_constant(ya):
        return 0.0, np.zeros(n_permutations)
    mode = 1 if method == "ksg" else 2
    if xa.shape[1] == 1 and ya.shape[1] == 1:
        # Rank-grid fast path: sorted marginals kept, only y-ranks re-paired.
        pair = _k1.KsgPair1D(xa, ya, threads)

        def value() -> float:
            v = pair.run(mode, k, theiler, threads)[0] / n * scale
            return max(v, 0.0) if clip else v

        def shuffle(perm: np.ndarray) -> None:
            pair.permute_y(perm)

    else:
        eng = _k.Ksg([xa, ya], [[0], [1]], mode, k, theiler)

        def value() -> float:
            v = eng.run(threads)[0] / n * scale
            return max(v, 0.0) if clip else v

        def shuffle(perm: np.ndarray) -> None:
            eng.set_group(1, np.ascontiguousarray(ya[perm]))

    observed = value()
    null = np.empty(n_permutations)
    for b in range(n_permutations):
        shuffle(rng.permutation(n))
        null[b] = value()
    return observed, null


def mi_test(
    x: Any,
    y: Any,
    *,
    method: str = "ksg",
    n_permutations: int = 1000,
    random_state: Any = None,
    n_jobs: int | None = None,
    **options: Any,
) -> MITestResult:
    r"""Permutation test of independence based on a mutual-information estimate.

    The null distribution is the estimate recomputed after shuffling the rows
    of ``y`` (which destroys any dependence while keeping both marginals). The
    one-sided p-value is :math:`(1 + \#\{b : \hat I_b \ge \hat I\}) / (B + 1)`,
    never 0 (Phipson & Smyth 2010).

    Parameters
    ----------
    x, y : array-like
        Paired samples, as accepted by :func:`infokit.estimate.mutual_info`.
    method : str, default "ksg"
        Any method of :func:`infokit.estimate.mutual_info`.
    n_permutations : int, default 1000
        Number B of shuffles.
    random_state : None, int or Generator
        Seeds the shuffles (and the jitter when ``noise`` is given).
    n_jobs : int, optional
        Threads inside each kNN estimate (bit-identical results for any value).
    **options
        Passed to the estimator (``k``, ``noise``, ``base``, ...).

    Returns
    -------
    MITestResult
        ``estimate``, ``pvalue`` and ``null_distribution`` (shape (B,)).

    Notes
    -----
    Complexity: B + 1 estimates. For ``"ksg"`` / ``"ksg2"`` the sorted
    marginals (or marginal KD-trees) are built once and only the joint tree is
    rebuilt per shuffle.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import mi_test
    >>> rng = np.random.default_rng(7)
    >>> x = rng.normal(size=500)
    >>> res = mi_test(x, x + rng.normal(size=500), n_permutations=99, random_state=0)
    >>> round(res.pvalue, 6)          # nothing in the null reaches the estimate
    0.01
    """
    n_permutations = check_int(n_permutations, "n_permutations", minimum=1)
    rng = check_random_state(random_state)
    threads = resolve_n_jobs(n_jobs)
    if method in ("ksg", "ksg2") and options.get("lnc") is None and not options.get("return_locals", False):
        options = {key: v for key, v in options.items() if key not in ("lnc", "return_locals")}
        observed, null = _ksg_null(x, y, method, n_permutations, rng, threads, options)
    else:
        from infokit.estimate import mutual_info

        if options.get("return_locals", False):
            raise ValueError("return_locals is not supported by mi_test")
        if method in _KNN_METHODS:
            options = {**options, "n_jobs": n_jobs}
        if method in _KNN_METHODS and options.get("noise") is not None and "random_state" not in options:
            options["random_state"] = int(rng.integers(2**63 - 1))
        xa, ya = _rows(x), _rows(y)
        observed = float(mutual_info(xa, ya, method=method, **options))
        null = np.empty(n_permutations)
        for b in range(n_permutations):
            null[b] = mutual_info(xa, ya[rng.permutation(len(ya))], method=method, **options)
    if np.isnan(observed):
        return MITestResult(float("nan"), float("nan"), null)
    pvalue = (1.0 + np.count_nonzero(null >= observed)) / (n_permutations + 1.0)
    return MITestResult(float(observed), float(pvalue), null)


def mi_bootstrap(
    x: Any,
    y: Any,
    *,
    method: str = "ksg",
    n_resamples: int = 1000,
    confidence_level: float = 0.95,
    random_state: Any = None,
    n_jobs: int | None = None,
    **options: Any,
) -> MIBootstrapResult:
    r"""Percentile bootstrap confidence interval for a mutual-information estimate.

    Rows are resampled with replacement ``n_resamples`` times; the interval is
    the :math:`(1 \mp \text{confidence\_level})/2` quantiles of the resampled
    estimates.

    Parameters
    ----------
    x, y : array-like
        Paired samples, as accepted by :func:`infokit.estimate.mutual_info`.
    method : str, default "ksg"
        Any method of :func:`infokit.estimate.mutual_info`.
    n_resamples : int, default 1000
    confidence_level : float, default 0.95
        In (0, 1).
    random_state : None, int or Generator
        Seeds the resampling (and the jitter when ``noise`` is given).
    n_jobs : int, optional
        Threads inside each kNN estimate.
    **options
        Passed to the estimator.

    Returns
    -------
    MIBootstrapResult
        ``estimate`` (on the full data), ``low``, ``high`` and ``samples``.

    Notes
    -----
    Complexity: ``n_resamples + 1`` estimates. Resampling with replacement
    duplicates rows, and duplicates are each other's zero-distance neighbours,
    which biases kNN estimators upwards: for ``"ksg"``, ``"ksg2"`` and
    ``"mixed"`` pass ``noise=`` (e.g. 1e-10... 1e-3 relative) so that copies
    become distinct, or use ``method="gkov"``, which is built for ties.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import mi_bootstrap
    >>> rng = np.random.default_rng(8)
    >>> x = rng.integers(0, 3, 300)
    >>> res = mi_bootstrap(x, x, method="gkov", n_resamples=50, random_state=0)
    >>> bool(res.low <= res.estimate <= res.high)
    True
    """
    n_resamples = check_int(n_resamples, "n_resamples", minimum=1)
    if (
        isinstance(confidence_level, bool)
        or not isinstance(confidence_level, numbers.Real)
        or not 0 < confidence_level < 1
    ):
        raise ValueError(f"confidence_level must be in (0, 1), got {confidence_level!r}")
    if options.get("return_locals", False):
        raise ValueError("return_locals is not supported by mi_bootstrap")
    from infokit.estimate import mutual_info

    rng = check_random_state(random_state)
    if method in _KNN_METHODS:
        options = {**options, "n_jobs": n_jobs}
        if options.get("noise") is not None and "random_state" not in options:
            options["random_state"] = int(rng.integers(2**63 - 1))
    xa, ya = _rows(x), _rows(y)
    if len(xa) != len(ya):
        raise ValueError(f"inputs must have the same number of samples; got x: {len(xa)}, y: {len(ya)}")
    estimate = float(mutual_info(xa, ya, method=method, **options))
    n = len(xa)
    samples = np.empty(n_resamples)
    for b in range(n_resamples):
        idx = rng.integers(0, n, n)
        samples[b] = mutual_info(xa[idx], ya[idx], method=method, **options)
    alpha = (1.0 - float(confidence_level)) / 2.0
    low, high = np.quantile(samples, [alpha, 1.0 - alpha])
    return MIBootstrapResult(estimate, float(low), float(high), samples)
