"""Bin rules: the one home of how many bins, and which edges, a histogram uses.

NumPy's rules (an int, explicit edges, ``"sturges"``, ``"scott"``, ``"fd"``,
``"sqrt"``, ``"rice"``, ``"doane"``, ``"auto"``, ``"stone"``) are NumPy's
exactly: :func:`numpy.histogram_bin_edges` is the oracle of the tests, down to
the dtype of the edges. Two more:

``"quantile"``
    Equal-frequency bins: the edges are the data's quantiles at
    ``linspace(0, 1, k + 1)`` (NumPy's default linear interpolation), with
    ``k = ceil(log2(n) + 1)`` (Sturges' count) and the outer edges at the
    range when one is given. **Ties**: where many equal values make adjacent
    quantiles equal, the duplicate edges are merged, so the result may have
    fewer than ``k`` bins (a constant sample gets one bin ``[v - 0.5, v + 0.5]``,
    NumPy's rule for an empty range).
``"knuth"``
    Knuth's Bayesian rule (Knuth 2006, arXiv:physics/0605197): ``M`` equal bins
    maximising the log posterior
    ``n log M + lgamma(M / 2) - M lgamma(1 / 2) - lgamma(n + M / 2)
    + sum_k lgamma(n_k + 1 / 2)`` (the formula of astropy's ``knuth_bin_width``),
    searched over every ``M = 1 .. max(100, floor(sqrt(n)))`` (astropy runs a
    local Nelder-Mead search from the Freedman-Diaconis count instead); the
    smallest maximiser wins a tie.

Private: :func:`infokit.histogram_bin_edges` is the public door.
"""

from __future__ import annotations

import math
import operator
import warnings
from typing import Any

import numpy as np

__all__ = ["RULES", "bin_edges", "outer_edges", "unsigned_subtract", "bin_type"]

RULES = ("auto", "fd", "doane", "scott", "stone", "rice", "sturges", "sqrt", "quantile", "knuth")


def unsigned_subtract(a: Any, b: Any) -> Any:
    """``a - b`` for ``a >= b`` with an unsigned result for signed integers (NumPy's helper)."""
    signed_to_unsigned = {
        np.byte: np.ubyte,
        np.short: np.ushort,
        np.intc: np.uintc,
        np.int_: np.uint,
        np.longlong: np.ulonglong,
    }
    dt = np.result_type(a, b)
    unsigned_dt = signed_to_unsigned.get(dt.type)
    if unsigned_dt is None:
        return np.subtract(a, b, dtype=dt)
    return np.subtract(np.asarray(a, dtype=dt), np.asarray(b, dtype=dt), casting="unsafe", dtype=unsigned_dt)


def _ptp(x: np.ndarray) -> Any:
    return unsigned_subtract(x.max(), x.min())


def outer_edges(a: np.ndarray, range: Any, name: str = "a", extremes: Any = None) -> tuple[Any, Any]:
    """The first and last edge: ``range``, or the data's min and max (NumPy's ``_get_outer_edges``).

    An empty span is widened to ``[v - 0.5, v + 0.5]``; an empty sample gets ``(0, 1)``.
    ``extremes``, when given, is ``(a.min(), a.max())`` already computed by the
    caller (the histogram estimators get it from the pass that checks
    finiteness), so the data is not read again.
    """
    if range is not None:
        try:
            first_edge, last_edge = range
        except (TypeError, ValueError):
            raise ValueError(f"range must be a pair (min, max), got {range!r}") from None
        for v in (first_edge, last_edge):
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.integer, np.floating)):
                raise TypeError(f"range must hold two real numbers, got {range!r}")
        if not (np.isfinite(first_edge) and np.isfinite(last_edge)):
            raise ValueError(f"supplied range of [{first_edge}, {last_edge}] is not finite")
        if first_edge > last_edge:
            raise ValueError(f"max must be larger than min in range parameter: got range={range!r}")
    elif a.size == 0:
        first_edge, last_edge = 0, 1
    else:
        first_edge, last_edge = (a.min(), a.max()) if extremes is None else extremes
        if not (np.isfinite(first_edge) and np.isfinite(last_edge)):
            raise ValueError(
                f"autodetected range of [{first_edge}, {last_edge}] is not finite: {name} holds NaN or inf; "
                f"pass range=(min, max) to drop those values"
            )
    if first_edge == last_edge:
        first_edge = first_edge - 0.5
        last_edge = last_edge + 0.5
    return first_edge, last_edge


def bin_type(first_edge: Any, last_edge: Any, a: np.ndarray) -> np.dtype:
    """The dtype of NumPy's uniform edges: float, never integer."""
    bt = np.result_type(first_edge, last_edge, a)
    if np.issubdtype(bt, np.integer):
        bt = np.result_type(bt, float)
    return bt


# NumPy's width rules (numpy/lib/_histograms_impl.py), each on data trimmed to the range.
def _bw_sqrt(x: np.ndarray, rng: Any) -> Any:
    return _ptp(x) / np.sqrt(x.size)


def _bw_sturges(x: np.ndarray, rng: Any) -> Any:
    return _ptp(x) / (np.log2(x.size) + 1.0)


def _bw_rice(x: np.ndarray, rng: Any) -> Any:
    return _ptp(x) / (2.0 * x.size ** (1.0 / 3))


def _bw_scott(x: np.ndarray, rng: Any) -> Any:
    return (24.0 * np.pi**0.5 / x.size) ** (1.0 / 3.0) * np.std(x)


def _bw_stone(x: np.ndarray, rng: Any) -> Any:
    n = x.size
    ptp_x = _ptp(x)
    if n <= 1 or ptp_x == 0:
        return 0

    def jhat(nbins: int) -> Any:
        hh = ptp_x / nbins
        p_k = np.histogram(x, bins=nbins, range=rng)[0] / n
        return (2 - (n + 1) * p_k.dot(p_k)) / hh

    upper = max(100, int(np.sqrt(n)))
    nbins = min(range(1, upper + 1), key=jhat)
    if nbins == upper:
        warnings.warn("The number of bins estimated may be suboptimal.", RuntimeWarning, stacklevel=5)
    return ptp_x / nbins


def _bw_doane(x: np.ndarray, rng: Any) -> Any:
    if x.size > 2:
        sg1 = np.sqrt(6.0 * (x.size - 2) / ((x.size + 1.0) * (x.size + 3)))
        sigma = np.std(x)
        if sigma > 0.0:
            temp = x - np.mean(x)
            np.true_divide(temp, sigma, temp)
            np.power(temp, 3, temp)
            g1 = np.mean(temp)
            return _ptp(x) / (1.0 + np.log2(x.size) + np.log2(1.0 + np.absolute(g1) / sg1))
    return 0.0


def _bw_fd(x: np.ndarray, rng: Any) -> Any:
    iqr = np.subtract(*np.percentile(x, [75, 25]))
    return 2.0 * iqr * x.size ** (-1.0 / 3.0)


def _bw_auto(x: np.ndarray, rng: Any) -> Any:
    fd_bw = _bw_fd(x, rng)
    sturges_bw = _bw_sturges(x, rng)
    sqrt_bw = _bw_sqrt(x, rng)
    return min(max(fd_bw, sqrt_bw / 2), sturges_bw)


_WIDTH_RULES = {
    "stone": _bw_stone,
    "auto": _bw_auto,
    "doane": _bw_doane,
    "fd": _bw_fd,
    "rice": _bw_rice,
    "scott": _bw_scott,
    "sqrt": _bw_sqrt,
    "sturges": _bw_sturges,
}


def _knuth_bins(x: np.ndarray, first_edge: Any, last_edge: Any) -> int:
    """Knuth's M over 1 .. max(100, floor(sqrt(n))); x is trimmed to the range, non-empty."""
    from scipy.special import gammaln  # lazily: import infokit stays free of scipy

    n = x.size
    s = np.sort(x.astype(np.float64, copy=False))
    lo, hi = float(first_edge), float(last_edge)
    best_m, best = 1, -math.inf
    for m in range(1, max(100, math.isqrt(n)) + 1):
        e = np.linspace(lo, hi, m + 1)
        cum = np.concatenate((np.searchsorted(s, e[:-1], "left"), np.searchsorted(s, e[-1:], "right")))
        nk = np.diff(cum)
        value = n * math.log(m) + gammaln(0.5 * m) - m * gammaln(0.5) - gammaln(n + 0.5 * m) + gammaln(nk + 0.5).sum()
        if value > best:
            best_m, best = m, value
    return best_m


def _quantile_edges(x: np.ndarray, range: Any, first_edge: Any, last_edge: Any) -> np.ndarray:
    if x.size == 0:
        return np.array([float(first_edge), float(last_edge)])
    k = math.ceil(math.log2(x.size) + 1)
    e = np.quantile(x.astype(np.float64, copy=False), np.linspace(0.0, 1.0, k + 1))
    if range is not None:
        e[0], e[-1] = float(first_edge), float(last_edge)
    e = np.unique(e)  # merges duplicate quantiles (ties)
    if e.size == 1:
        e = np.array([e[0] - 0.5, e[0] + 0.5])
    return e


def bin_edges(
    a: np.ndarray, bins: Any, range: Any, weights: np.ndarray | None, name: str = "a", extremes: Any = None
) -> tuple[np.ndarray, Any]:
    """Edges for a flat array ``a``, and ``(first_edge, last_edge, n_bins)`` when NumPy's uniform path applies.

    Mirrors NumPy's ``_get_bin_edges`` (same checks, same messages' meaning,
    same dtypes); ``"quantile"`` returns explicit edges (uniform part None),
    ``"knuth"`` equal bins. ``extremes``: ``(a.min(), a.max())`` if the caller
    has them (see :func:`outer_edges`).
    """
    n_equal_bins = None
    if isinstance(bins, str):
        if bins not in RULES:
            raise ValueError(f"bins={bins!r} is not a valid estimator for bins; choose one of {', '.join(RULES)}")
        if weights is not None:
            raise TypeError("Automated estimation of the number of bins is not supported for weighted data")
        first_edge, last_edge = outer_edges(a, range, name, extremes)
        if range is not None:
            keep = a >= first_edge
            keep &= a <= last_edge
            if not np.logical_and.reduce(keep):
                a = a[keep]
        if bins == "quantile":
            return _quantile_edges(a, range, first_edge, last_edge), None
        if a.size == 0:
            n_equal_bins = 1
        elif bins == "knuth":
            n_equal_bins = _knuth_bins(a, first_edge, last_edge)
        else:
            width = _WIDTH_RULES[bins](a, (first_edge, last_edge))
            if width:
                if np.issubdtype(a.dtype, np.integer) and width < 1:
                    width = 1
                delta = unsigned_subtract(last_edge, first_edge)
                n_equal_bins = int(np.ceil(delta / width))
            else:
                n_equal_bins = 1
    elif np.ndim(bins) == 0:
        if isinstance(bins, (bool, np.bool_)):
            raise TypeError(f"bins must be an integer, a string, or an array, got {bins!r}")
        try:
            n_equal_bins = operator.index(bins)
        except TypeError:
            raise TypeError(f"bins must be an integer, a string, or an array, got {bins!r}") from None
        if n_equal_bins < 1:
            raise ValueError(f"bins must be positive, when an integer; got {n_equal_bins}")
        first_edge, last_edge = outer_edges(a, range, name, extremes)
    elif np.ndim(bins) == 1:
        edges = np.asarray(bins)
        if edges.dtype.kind not in "biuf":
            raise TypeError(f"bin edges must be real numbers, got dtype {edges.dtype}")
        if edges.size < 2:
            raise ValueError(f"bin edges need at least 2 values, got {edges.size}")
        if edges.dtype.kind == "f" and np.isnan(edges).any():
            raise ValueError("bin edges must not contain NaN")
        if np.any(edges[:-1] > edges[1:]):
            raise ValueError("bins must increase monotonically, when an array")
        return edges, None
    else:
        raise ValueError(f"bins must be 1-D, when an array; got ndim={np.ndim(bins)}")

    bt = bin_type(first_edge, last_edge, a)
    edges = np.linspace(first_edge, last_edge, n_equal_bins + 1, endpoint=True, dtype=bt)
    if np.any(edges[:-1] >= edges[1:]):
        raise ValueError(f"Too many bins for data range. Cannot create {n_equal_bins} finite-sized bins.")
    return edges, (first_edge, last_edge, n_equal_bins)
