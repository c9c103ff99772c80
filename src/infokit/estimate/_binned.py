"""Histogram estimators: bin each variable, then any discrete estimator on the bin codes.

``method="histogram"`` of :func:`~infokit.estimate.entropy`,
:func:`~infokit.estimate.mutual_info` and
:func:`~infokit.estimate.conditional_mutual_info`. Each column is cut by a bin
rule (:func:`infokit.histogram_bin_edges`: an int, explicit edges, NumPy's
rules, ``"quantile"``, ``"knuth"``) over its own finite range; a d-column
variable's joint bin is its code (C order over the columns). The discrete
estimators of :mod:`._discrete` (plug-in, Miller–Madow, ..., NSB) then run on
the codes, so every bias correction of the labels applies to histograms.
Binning happens once per call; the permutation test permutes codes and
re-bins nothing (:class:`HistogramNullModel`).

For entropy the result is by default the *differential* entropy of the
histogram density: :math:`\\hat H_{\\text{bins}} + \\sum_b \\hat p_b \\log
\\text{vol}_b` with vol_b the bin's volume (the product of its widths), the
quantity the kNN entropy estimators estimate; ``differential=False`` gives the
discrete entropy of the bin codes. For MI and CMI the volumes cancel.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from infokit._binning import bin_edges
from infokit._histogram import bin_codes, histogram_bin_edges
from infokit._kernels import histogram as _kh
from infokit._validation import (
    NAN_POLICIES,
    as_float_samples,
    base_scale,
    check_bool,
    check_choice,
    check_same_length,
    resolve_n_jobs,
)
from infokit.estimate._discrete import discrete_conditional_mutual_info, discrete_entropy, discrete_mutual_info
from infokit.estimate._docs import fill_doc
from infokit.estimate._registry import register
from infokit.estimate._samples import check_sample_count, prepare

__all__ = [
    "HistogramNullModel",
    "adaptive_partition_mutual_info",
    "histogram_conditional_mutual_info",
    "histogram_entropy",
    "histogram_mutual_info",
    "histogram_null_model",
]


def _column_bins(bins: Any, d: int, name: str) -> list[Any]:
    """``bins`` for each of a variable's d columns: one spec for all, or a sequence of d specs."""
    if isinstance(bins, (str, numbers.Integral)) and not isinstance(bins, bool):
        return [bins] * d
    if isinstance(bins, np.ndarray) and bins.ndim == 1 and d == 1:
        return [bins]
    if isinstance(bins, Sequence) and not isinstance(bins, str):
        specs = list(bins)
        if d == 1 and specs and all(isinstance(b, numbers.Real) and not isinstance(b, bool) for b in specs):
            return [np.asarray(specs, dtype=np.float64)]  # explicit edges of a 1-D variable
        if len(specs) != d:
            raise ValueError(f"bins for {name} must be one rule, or one per column ({d}); got {len(specs)}")
        return specs
    raise TypeError(f"bins must be an int, a rule name, edges or one of these per column; got {bins!r}")


class _Binned:
    """A variable's bin codes, number of cells, and (for entropy) the log-volume of each cell."""

    def __init__(self, a: np.ndarray, bins: Any, name: str, n_jobs: int = 1) -> None:
        d = a.shape[1]
        self.edges = [histogram_bin_edges(a[:, j], bins=b) for j, b in zip(range(d), _column_bins(bins, d, name))]
        self.codes = bin_codes([a[:, j] for j in range(d)], self.edges, n_jobs=n_jobs)
        dropped = int(np.count_nonzero(self.codes < 0))
        if dropped:  # only explicit edges can leave values out: refuse rather than estimate on a subset
            raise ValueError(
                f"{dropped} values of {name} lie outside the bin edges given for it; widen the edges "
                "or use a bin rule, which covers the data's range"
            )
        self.shape = tuple(len(e) - 1 for e in self.edges)
        self.n_cells = int(np.prod(self.shape, dtype=np.int64))

    def mean_log_volume(self) -> float:
        """:math:`\\sum_b \\hat p_b \\log vol_b`, from each sample's bin on each axis."""
        idx = np.unravel_index(self.codes, self.shape)
        total = 0.0
        for axis, e in zip(idx, self.edges):
            with np.errstate(divide="ignore"):
                total += float(np.mean(np.log(np.diff(e))[axis]))
        return total


def _check_estimator(estimator: Any) -> str:
    if not isinstance(estimator, str):
        raise TypeError(f"estimator must be the name of a discrete estimator, got {estimator!r}")
    return estimator


@fill_doc
def histogram_entropy(
    x: ArrayLike,
    *,
    bins: Any = "auto",
    estimator: str = "plugin",
    differential: bool = True,
    base: float | None = None,
    nan_policy: str = "raise",
) -> float:
    """Entropy of continuous samples from a histogram.

    :math:`\\hat H = \\hat H_{\\text{est}}(\\text{bin codes}) + \\sum_b \\hat p_b \\log
    \\text{vol}_b` (differential), or the first term alone (``differential=False``).

    Parameters
    ----------
    x : array-like, shape (n,) or (n, d)
        Continuous samples; a 2-D array is binned column by column into a d-D grid.
    bins : int, str, edges, or one per column, default "auto"
        A bin count, a rule of :func:`infokit.histogram_bin_edges` (``"auto"``,
        ``"fd"``, ``"sturges"``, ``"scott"``, ``"sqrt"``, ``"rice"``,
        ``"doane"``, ``"stone"``, ``"quantile"``, ``"knuth"``) or explicit
        edges, for every column, or a sequence with one entry per column.
    estimator : str, default "plugin"
        The discrete entropy estimator applied to the bin counts (any of
        :func:`~infokit.estimate.discrete_entropy`'s).
    differential : bool, default True
        Add the mean log bin volume: the differential entropy of the
        histogram density, comparable with the kNN entropy estimators.
    %(base)s
    %(nan_policy)s

    Returns
    -------
    float

    Notes
    -----
    Complexity: O(n d) to bin (C++), O(n) to count.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import entropy
    >>> x = np.random.default_rng(0).normal(size=100_000)
    >>> truth = 0.5 * np.log(2 * np.pi * np.e)            # 1.4189 nats
    >>> bool(abs(entropy(x, method="histogram", bins=100) - truth) < 0.01)
    True
    """
    differential = check_bool(differential, "differential")
    scale = base_scale(base)
    (xa,), has_nan = prepare([x], ["x"], nan_policy=nan_policy, noise=None, random_state=None)
    if has_nan:
        return math.nan
    b = _Binned(xa, bins, "x")
    estimator = _check_estimator(estimator)
    # The alphabet is known (every cell of the grid), for the estimators that use it.
    n_bins = b.n_cells if estimator in ("james_stein", "nsb") else None
    h = discrete_entropy(b.codes, estimator=estimator, n_bins=n_bins)
    assert isinstance(h, float)
    if differential:
        h += b.mean_log_volume()
    return float(h * scale)


@fill_doc
def histogram_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    *,
    bins: Any = "auto",
    estimator: str = "plugin",
    base: float | None = None,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> float:
    """Mutual information of continuous samples from a histogram: I(X; Y) of the bin codes.

    Each variable is binned on its own (``bins`` as in :func:`histogram_entropy`;
    a pair of specs ``(bins_x, bins_y)`` bins x and y differently), and
    :func:`~infokit.estimate.discrete_mutual_info` with ``estimator`` runs on
    the codes: the plug-in is :math:`\\sum \\hat p(a, b) \\log \\frac{\\hat
    p(a, b)}{\\hat p(a) \\hat p(b)}` over the cells. Binning biases the
    plug-in upwards by about ``(cells_x - 1)(cells_y - 1) / (2 n)`` at
    independence; coarser bins, or ``estimator="miller_madow"``, lower it.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
    bins : int, str, edges, per-column specs, or a pair (bins_x, bins_y), default "auto"
        Or ``"adaptive"`` for one column each: the Darbellay–Vajda (1999)
        adaptive partition (:func:`adaptive_partition_mutual_info`).
    estimator : str, default "plugin"
        A discrete estimator of :func:`~infokit.estimate.discrete_mutual_info`
        (the adaptive partition is its own plug-in estimate: "plugin" only).
    %(base)s
    %(nan_policy)s
    n_jobs : int, optional
        Threads for the range scan, the binning and the counts (None: 1, -1:
        all cores); the result is bit-identical for any value.

    Returns
    -------
    float

    Notes
    -----
    For one column each and the plug-in, the data is read twice: one pass
    finds each column's range and checks that it is finite, one counts the
    joint histogram (C++); the MI is then computed from the table.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import mutual_info
    >>> rng = np.random.default_rng(0)
    >>> x = rng.uniform(-2, 2, 10_000)
    >>> y = x**2 + 0.1 * rng.normal(size=10_000)      # the tutorials' example: 30 bins
    >>> round(mutual_info(x, y, method="histogram", bins=30), 2)   # truth 2.18: bins lose detail
    1.89
    """
    scale = base_scale(base)
    threads = resolve_n_jobs(n_jobs)
    adaptive = isinstance(bins, str) and bins == "adaptive"
    if not adaptive and estimator == "plugin":
        pair = _finite_pair(x, y, nan_policy, threads)
        if pair is not None:
            # One column each, all finite: the joint counts straight from the
            # 2-D histogram kernel and the plug-in MI of the table (no
            # per-sample codes), edges from the ranges the finiteness pass found.
            (xc, yc), extremes = pair
            bx, by = _split_pair(bins, 2)
            return float(_plugin_mi_2d(xc, yc, bx, by, extremes, threads) * scale)
    (xa, ya), has_nan = prepare([x, y], ["x", "y"], nan_policy=nan_policy, noise=None, random_state=None)
    if has_nan:
        return math.nan
    estimator = _check_estimator(estimator)
    if adaptive:
        if xa.shape[1] != 1 or ya.shape[1] != 1 or estimator != "plugin":
            raise ValueError("bins='adaptive' partitions one column of x against one of y, with estimator='plugin'")
        return float(_adaptive_partition(xa[:, 0], ya[:, 0]) * scale)
    bx, by = _split_pair(bins, 2)
    if estimator == "plugin" and xa.shape[1] == 1 and ya.shape[1] == 1:
        return float(_plugin_mi_2d(xa[:, 0], ya[:, 0], bx, by, None, threads) * scale)
    cx, cy = _Binned(xa, bx, "x", threads), _Binned(ya, by, "y", threads)
    return float(discrete_mutual_info(cx.codes, cy.codes, estimator=estimator) * scale)


def _finite_pair(
    x: ArrayLike, y: ArrayLike, nan_policy: str, n_threads: int
) -> tuple[tuple[np.ndarray, np.ndarray], list[tuple[Any, Any]]] | None:
    """Two one-column samples as float64 columns and each one's (min, max), or None for the general path.

    What :func:`~infokit.estimate._samples.prepare` checks, in one pass over
    each column instead of five (``isfinite``, its ``all``, the span's min and
    max, then the bin range's min and max again): the C++ range scan reports
    min, max and whether every value is finite. Anything it cannot vouch for
    (more than one column, a NaN or inf, a span that overflows) returns None,
    and the general path, which owns those rules and their messages, runs
    instead; the arguments are checked in the same order as there.
    """
    xa, ya = as_float_samples(x, "x"), as_float_samples(y, "y")
    check_same_length([xa, ya], ["x", "y"])
    check_choice(nan_policy, "nan_policy", NAN_POLICIES)
    if xa.shape[1] != 1 or ya.shape[1] != 1:
        return None
    cols, extremes = [], []
    for a in (xa, ya):
        col = np.ascontiguousarray(a[:, 0], dtype=np.float64)  # float32: the cast prepare() makes
        lo, hi, finite = _kh.column_range(col, n_threads)
        if not finite or not math.isfinite(hi - lo):
            return None
        cols.append(col)
        # NumPy scalars, as a.min() / a.max() return them: the edges' dtype follows.
        extremes.append((np.float64(lo), np.float64(hi)))
    check_sample_count(len(cols[0]))
    return (cols[0], cols[1]), extremes


def _plugin_mi_2d(
    x: np.ndarray, y: np.ndarray, bins_x: Any, bins_y: Any, extremes: list[tuple[Any, Any]] | None, n_threads: int
) -> float:
    """Plug-in MI of two columns from their joint histogram (the same cells as the codes path).

    ``extremes``: each column's (min, max), when the caller has them.
    """
    from infokit._histogram import histogram2d
    from infokit.dist import mutual_info as table_mi

    (ex,), (ey,) = _column_bins(bins_x, 1, "x"), _column_bins(bins_y, 1, "y")
    ext_x, ext_y = (None, None) if extremes is None else extremes
    edges_x = bin_edges(x, ex, None, None, "x", ext_x)[0]
    edges_y = bin_edges(y, ey, None, None, "y", ext_y)[0]
    counts, _, _ = histogram2d(x, y, bins=[edges_x, edges_y], n_jobs=n_threads)
    if counts.sum() != len(x):  # explicit edges that leave values out: the codes path says which
        _Binned(x.reshape(-1, 1), bins_x, "x")
        _Binned(y.reshape(-1, 1), bins_y, "y")
    return float(table_mi(counts))


# The uniformity test of a cell: its points over the 16 sub-cells of two levels
# of median splits, chi-square with 15 degrees of freedom at the 5% level. (A
# one-level, 4-cell test stops at the root for Y = X^2, whose quadrants are
# uniform; two levels see the dependence inside them.)
_DV_CHI2_15_95 = 24.995790139728616
_DV_MIN_POINTS = 16


@fill_doc
def adaptive_partition_mutual_info(x: ArrayLike, y: ArrayLike, *, base: float | None = None) -> float:
    r"""Darbellay and Vajda's (1999) adaptive-partition estimate of I(X; Y) for two columns.

    In rank space (marginals equiprobable: ordinal ranks, ties broken by
    position), a cell is split into four at the medians of its points' ranks
    unless its points lie uniformly over the 16 sub-cells of two such splits
    (chi-square test against the sub-cells' areas, 15 degrees of freedom, 5%
    level) or it holds fewer than 16 points; the whole square is always
    split once. The estimate sums, over the final cells C, :math:`\frac{N_C}{n} \log
    \frac{N_C / n}{p_x(C) \, p_y(C)}`, with :math:`p_x(C), p_y(C)` the
    cell's widths in rank space over n: a partition that follows the data,
    finer where the dependence is, with no bin count to choose.

    Parameters
    ----------
    x, y : array-like, shape (n,)
    %(base)s

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import mutual_info
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=20_000)
    >>> y = 0.6 * x + 0.8 * rng.normal(size=20_000)          # I = 0.2231 nats
    >>> bool(abs(mutual_info(x, y, method="histogram", bins="adaptive") - 0.2231) < 0.03)
    True
    """
    scale = base_scale(base)
    (xa, ya), _ = prepare([x, y], ["x", "y"], nan_policy="raise", noise=None, random_state=None)
    if xa.shape[1] != 1 or ya.shape[1] != 1:
        raise ValueError("the adaptive partition takes one column of x and one of y")
    return float(_adaptive_partition(xa[:, 0], ya[:, 0]) * scale)


def _adaptive_partition(x: np.ndarray, y: np.ndarray) -> float:
    """The Darbellay–Vajda estimate (nats) of two prepared columns."""
    n = len(x)
    u = np.empty(n, dtype=np.int64)
    v = np.empty(n, dtype=np.int64)
    u[np.argsort(x, kind="stable")] = np.arange(n)
    v[np.argsort(y, kind="stable")] = np.arange(n)

    def quarters(idx: np.ndarray, u0: int, u1: int, v0: int, v1: int) -> list[tuple[np.ndarray, int, int, int, int]]:
        """The cell split at the medians of its points' ranks, as four (points, ranges) cells."""
        mu = min(max(int(np.median(u[idx])) + 1, u0 + 1), u1 - 1)
        mv = min(max(int(np.median(v[idx])) + 1, v0 + 1), v1 - 1)
        left, low = u[idx] < mu, v[idx] < mv
        return [
            (idx[left & low], u0, mu, v0, mv),
            (idx[left & ~low], u0, mu, mv, v1),
            (idx[~left & low], mu, u1, v0, mv),
            (idx[~left & ~low], mu, u1, mv, v1),
        ]

    def splittable(cell: tuple[np.ndarray, int, int, int, int]) -> bool:
        idx, u0, u1, v0, v1 = cell
        return len(idx) >= 4 and u1 - u0 >= 2 and v1 - v0 >= 2

    total = 0.0
    stack = [(np.arange(n), 0, n, 0, n, True)]  # points, u range, v range, split regardless (the root)
    while stack:
        idx, u0, u1, v0, v1, force = stack.pop()
        m = len(idx)
        if m == 0:
            continue
        cell = (idx, u0, u1, v0, v1)
        split = splittable(cell) and (force or m >= _DV_MIN_POINTS)
        if split and not force:
            subs = [q for c in quarters(*cell) for q in (quarters(*c) if splittable(c) else [c])]
            counts = np.array([len(q[0]) for q in subs], dtype=np.float64)
            expected = np.array([(q[2] - q[1]) * (q[4] - q[3]) for q in subs], dtype=np.float64)
            expected *= m / expected.sum()  # points expected in each sub-cell by its area in rank space
            split = float(((counts - expected) ** 2 / expected).sum()) > _DV_CHI2_15_95
        if not split:
            px, py = (u1 - u0) / n, (v1 - v0) / n
            total += (m / n) * math.log((m / n) / (px * py))
            continue
        stack += [(*c, False) for c in quarters(*cell)]
    return total


def _split_pair(bins: Any, k: int) -> list[Any]:
    """``bins`` for each of k variables: a tuple of k specs (one per variable), else the same for all."""
    if isinstance(bins, tuple) and len(bins) == k:
        return list(bins)
    return [bins] * k


@fill_doc
def histogram_conditional_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    z: ArrayLike,
    *,
    bins: Any = "auto",
    estimator: str = "plugin",
    base: float | None = None,
    nan_policy: str = "raise",
) -> float:
    """Conditional mutual information I(X; Y | Z) of continuous samples from histograms.

    The three variables are binned on their own (``bins`` as in
    :func:`histogram_mutual_info`, or a triple of specs) and
    :func:`~infokit.estimate.discrete_conditional_mutual_info` runs on the codes.

    Parameters
    ----------
    x, y, z : array-like, shape (n,) or (n, d)
    bins : int, str, edges, per-column specs, or a triple, default "auto"
    estimator : str, default "plugin"
    %(base)s
    %(nan_policy)s

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import conditional_mutual_info
    >>> rng = np.random.default_rng(0)
    >>> z = rng.normal(size=20_000)
    >>> x, y = z + rng.normal(size=20_000), z + rng.normal(size=20_000)   # independent given z
    >>> bool(abs(conditional_mutual_info(x, y, z, method="histogram", bins=8)) < 0.03)
    True
    """
    scale = base_scale(base)
    arrs, has_nan = prepare([x, y, z], ["x", "y", "z"], nan_policy=nan_policy, noise=None, random_state=None)
    if has_nan:
        return math.nan
    specs = _split_pair(bins, 3)
    codes = [_Binned(a, b, nm).codes for a, b, nm in zip(arrs, specs, ("x", "y", "z"))]
    return float(discrete_conditional_mutual_info(*codes, estimator=_check_estimator(estimator)) * scale)


class HistogramNullModel:
    """Bin once; a permutation re-pairs the codes of y (nothing is re-binned)."""

    def __init__(
        self, cx: NDArray[np.int64] | None, cy: NDArray[np.int64] | None, estimator: str, scale: float
    ) -> None:
        self._cx, self._cy, self._estimator, self._scale = cx, cy, estimator, scale
        self.n = 0 if cy is None else len(cy)

    def estimate(self, perm: NDArray[np.int64] | None = None) -> float:
        if self._cx is None or self._cy is None:
            return math.nan
        cy = self._cy if perm is None else self._cy[perm]
        return float(discrete_mutual_info(self._cx, cy, estimator=self._estimator) * self._scale)


def histogram_null_model(
    x: ArrayLike,
    y: ArrayLike,
    *,
    rng: np.random.Generator,
    n_jobs: int | None,
    bins: Any = "auto",
    estimator: str = "plugin",
    base: float | None = None,
    nan_policy: str = "raise",
) -> HistogramNullModel | None:
    """The null model of :func:`histogram_mutual_info` for :func:`~infokit.estimate.mi_test`.

    None for ``bins="adaptive"``: its partition follows the pairing, so each
    permutation is re-estimated in full.
    """
    if isinstance(bins, str) and bins == "adaptive":
        return None
    scale = base_scale(base)
    (xa, ya), has_nan = prepare([x, y], ["x", "y"], nan_policy=nan_policy, noise=None, random_state=None)
    if has_nan:
        return HistogramNullModel(None, None, estimator, scale)
    bx, by = _split_pair(bins, 2)
    return HistogramNullModel(
        _Binned(xa, bx, "x").codes, _Binned(ya, by, "y").codes, _check_estimator(estimator), scale
    )


register("entropy", "histogram", histogram_entropy, kind="continuous")
register("mutual_info", "histogram", histogram_mutual_info, kind="continuous", null_model=histogram_null_model)
register("conditional_mutual_info", "histogram", histogram_conditional_mutual_info, kind="continuous")
