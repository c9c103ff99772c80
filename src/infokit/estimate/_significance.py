"""Permutation test and bootstrap interval for any mutual-information estimate.

Both work with every ``method`` of :func:`infokit.estimate.mutual_info`, through
one small interface that an estimator family may implement for speed (the
*null model*, registered with the method in :mod:`._registry`)::

    model = null_model(x, y, rng=rng, n_jobs=n_jobs, **options)  # prepare once
    model.estimate()        # the estimate on the data as given
    model.estimate(perm)    # the estimate with y re-paired as y[perm]

A family whose preparation survives a permutation of one side (sorted
marginals, bin assignments, covariances of each side) returns such a model;
one that returns None, or registers none, is re-estimated from scratch per
permutation (:class:`Refit`). Either way validation, options and warnings are
those of the plain call.
"""

from __future__ import annotations

import numbers
from typing import Any, NamedTuple, Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray

from infokit._validation import check_int, check_random_state, check_same_length, resolve_n_jobs, to_numpy
from infokit.estimate._api import resolve
from infokit.estimate._docs import fill_doc
from infokit.estimate._registry import Method

__all__ = ["MITestResult", "MIBootstrapResult", "NullModel", "Refit", "mi_test", "mi_bootstrap"]


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


class NullModel(Protocol):
    """A prepared estimate that can be re-evaluated under permutations of y."""

    n: int  # rows of y that a permutation reorders

    def estimate(self, perm: NDArray[np.int64] | None = None) -> float: ...


def _rows(a: Any) -> np.ndarray:
    """Array view of samples or labels whose first axis is the sample."""
    arr = to_numpy(a)
    if arr.ndim == 0:
        raise ValueError("samples must be at least 1-D")
    return arr


def _with_seed(method: Method, options: dict[str, Any], rng: np.random.Generator) -> dict[str, Any]:
    """Options for repeated plain calls: a fixed jitter seed drawn from ``rng``.

    Every re-estimate then jitters with the same draw, so the resamples differ
    by the resampling only.
    """
    if options.get("noise") is not None and "random_state" in method.options and "random_state" not in options:
        return {**options, "random_state": int(rng.integers(2**63 - 1))}
    return options


def _checked_options(method: Method, options: dict[str, Any], what: str) -> dict[str, Any]:
    """The estimator options of a repeated estimate, checked as the plain call checks them.

    Repeated estimates return one number each, so ``return_locals=True`` is
    refused (and a ``False`` one dropped: it is the default).
    """
    if options.get("return_locals"):
        raise ValueError(f"return_locals is not supported by {what}")
    options = {key: v for key, v in options.items() if key != "return_locals"}
    method.check_options(options)
    return options


def _refit_options(method: Method, options: dict[str, Any], n_jobs: int, rng: np.random.Generator) -> dict[str, Any]:
    """Checked options plus the thread count and a fixed jitter seed, for plain re-estimates."""
    if "n_jobs" in method.options:
        options = {**options, "n_jobs": n_jobs}
    return _with_seed(method, options, rng)


class Refit:
    """The generic null model: the plain estimator re-run on permuted rows.

    ``permute_first`` permutes the estimator's first argument instead of its
    second: the caller's ``y`` after ``method="auto"`` put it first.
    """

    def __init__(
        self, method: Method, x: ArrayLike, y: ArrayLike, options: dict[str, Any], *, permute_first: bool = False
    ) -> None:
        self._method, self._options, self._permute_first = method, options, permute_first
        self._x, self._y = _rows(x), _rows(y)
        self.n = len(self._x if permute_first else self._y)

    def estimate(self, perm: NDArray[np.int64] | None = None) -> float:
        x, y = self._x, self._y
        if perm is not None:
            x, y = (x[perm], y) if self._permute_first else (x, y[perm])
        return float(self._method(x, y, **self._options))


def _null_model(
    method: Method, x: Any, y: Any, swapped: bool, options: dict[str, Any], rng: np.random.Generator, n_jobs: int
) -> NullModel:
    options = _checked_options(method, options, "mi_test")
    if method.null_model is not None and not swapped:
        model = method.null_model(x, y, rng=rng, n_jobs=n_jobs, **method.fixed, **options)
        if model is not None:
            return model
    return Refit(method, x, y, _refit_options(method, options, n_jobs, rng), permute_first=swapped)


@fill_doc
def mi_test(
    x: ArrayLike,
    y: ArrayLike,
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
    %(xy_method)s
    n_permutations : int, default 1000
        Number B of shuffles.
    random_state : None, int or Generator
        Seeds the shuffles (and the jitter when ``noise`` is given).
    %(estimator_jobs_options)s

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
    chosen, (x, y), swapped = resolve("mutual_info", method, x, y)
    model = _null_model(chosen, x, y, swapped, dict(options), rng, threads)
    observed = model.estimate()
    if np.isnan(observed):
        return MITestResult(float("nan"), float("nan"), np.full(n_permutations, np.nan))
    n = model.n
    null = np.empty(n_permutations)
    for b in range(n_permutations):
        null[b] = model.estimate(rng.permutation(n))
    pvalue = (1.0 + np.count_nonzero(null >= observed)) / (n_permutations + 1.0)
    return MITestResult(float(observed), float(pvalue), null)


@fill_doc
def mi_bootstrap(
    x: ArrayLike,
    y: ArrayLike,
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
    %(xy_method)s
    n_resamples : int, default 1000
    confidence_level : float, default 0.95
        In (0, 1).
    random_state : None, int or Generator
        Seeds the resampling (and the jitter when ``noise`` is given).
    %(estimator_jobs_options)s

    Returns
    -------
    MIBootstrapResult
        ``estimate`` (on the full data), ``low``, ``high`` and ``samples``.

    Notes
    -----
    Complexity: ``n_resamples + 1`` estimates. Resampling with replacement
    duplicates rows, and duplicates are each other's zero-distance neighbours,
    which biases kNN estimators upwards: for ``"ksg"``, ``"ksg2"`` and
    ``"ross"`` pass ``noise=`` (e.g. 1e-10... 1e-3 relative) so that copies
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
    rng = check_random_state(random_state)
    threads = resolve_n_jobs(n_jobs)
    chosen, (x, y), _ = resolve("mutual_info", method, x, y)
    options = _refit_options(chosen, _checked_options(chosen, options, "mi_bootstrap"), threads, rng)
    xa, ya = _rows(x), _rows(y)
    n = check_same_length([xa, ya], ["x", "y"])
    estimate = float(chosen(xa, ya, **options))
    samples = np.empty(n_resamples)
    for b in range(n_resamples):
        idx = rng.integers(0, n, n)
        samples[b] = chosen(xa[idx], ya[idx], **options)
    alpha = (1.0 - float(confidence_level)) / 2.0
    low, high = np.quantile(samples, [alpha, 1.0 - alpha])
    return MIBootstrapResult(estimate, float(low), float(high), samples)
