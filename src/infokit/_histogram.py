"""Histograms: NumPy's ``histogram``, ``histogram2d``, ``histogramdd`` and ``histogram_bin_edges``, fast.

The counts equal NumPy's for every input NumPy accepts (values on edges, within
one ULP of them, +-inf, NaN, out-of-range values; float32, float64 and integer
data), because the edges are computed the way NumPy computes them (in
:mod:`infokit._binning`) and each value's bin is the bin NumPy gives it
(``docs/conventions.md#Histograms``). The work is done by the C++ kernels of
:mod:`infokit._kernels.histogram`, threaded (``n_jobs``, bit-identical for any
thread count), reading float32 / float64 / integer data in place with any
strides. Inputs the kernels do not cover (float16, longdouble, exotic mixes of
dtypes) are handed to NumPy itself, so the result is NumPy's either way.

Private helpers for estimators that bin samples: :func:`bin_indices` (each
sample's bin on each axis) and :func:`bin_codes` (each sample's joint bin).
"""

from __future__ import annotations

import builtins
import operator
from collections.abc import Sequence
from typing import Any

import numpy as np

from infokit import _binning
from infokit._kernels import histogram as _k
from infokit._validation import check_choice, resolve_n_jobs, to_numpy

__all__ = ["histogram", "histogram2d", "histogramdd", "histogram_bin_edges"]

_RIGHT_EDGES = ("inclusive", "exclusive")
_KERNEL_DTYPES = frozenset(
    np.dtype(t)
    for t in (np.float64, np.float32, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64)
)
_F32, _F64 = np.dtype(np.float32), np.dtype(np.float64)
_EXACT_INT = 2.0**53
# numpy.histogram sums weights in blocks of this many samples (numpy/lib/_histograms_impl.py).
_NUMPY_BLOCK = 65536


def _as_data(x: Any, name: str) -> np.ndarray:
    """A real-valued array view of ``x`` (bool -> uint8); complex, datetime, strings, objects raise TypeError."""
    if x is None:
        raise TypeError(f"{name} must be array-like data, got None")
    a = to_numpy(x)
    if a.dtype.kind in "Mm":
        raise TypeError(f"{name} holds {a.dtype} values: convert them to numbers before binning")
    if a.dtype.kind == "c":
        raise TypeError(f"{name} is complex ({a.dtype}): histograms need real values")
    if a.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers, got dtype {a.dtype}")
    if a.dtype.kind == "b":
        a = a.view(np.uint8)
    return a


def _weights_array(weights: Any, shape: tuple[int, ...], name: str = "weights") -> np.ndarray:
    w = to_numpy(weights)
    if w.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers, got dtype {w.dtype}")
    if w.shape != shape:
        raise ValueError(f"{name} must have the same shape as the data: {name} {w.shape}, data {shape}")
    return w


def _compare_column(col: np.ndarray, cmp: np.dtype) -> np.ndarray | None:
    """``col`` as the kernel reads it when comparing in ``cmp`` (float32 / float64), or None."""
    if col.dtype == cmp or (cmp == _F64 and col.dtype in _KERNEL_DTYPES):
        return col
    if cmp in (_F32, _F64) and np.can_cast(col.dtype, cmp, casting="safe"):
        return col.astype(cmp)  # exact widening (float16, small integers to float32)
    return None


def _kernel_edges(col_dtype: np.dtype, edges: np.ndarray) -> tuple[np.dtype, np.ndarray] | None:
    """The compare dtype NumPy's searchsorted uses for (data, edges), and the edges in it; None if not covered."""
    cmp = np.result_type(col_dtype, edges.dtype)
    if cmp.kind in "iu":
        # Integer data and integer edges: double comparisons are exact while |edge| <= 2**53.
        if edges.size and np.abs(edges.astype(np.float64)).max() > _EXACT_INT:
            return None
        cmp = _F64
    if cmp not in (_F32, _F64):
        return None
    return cmp, edges.astype(cmp)


def _numpy_formula_ok(a_dtype: np.dtype, edges: np.ndarray, first_edge: Any, last_edge: Any, n: int) -> bool:
    """Does numpy.histogram's uniform path put every value in bin t(v), as the kernel does?

    NumPy keeps ``first_edge <= v <= last_edge``, takes ``int((v - first) / (last - first) * n)``
    and corrects it by one step down and one step up against the edges. That is
    t(v) (conventions.md#Histograms) wherever the formula lands within one bin
    of t; the formula is monotone in v, so checking each bin's lowest and highest
    value covers every value. The range test must also mean what the kernel's
    ``edges[0] <= v <= edges[-1]`` means.
    """
    b = edges.dtype
    proto = np.empty(0, a_dtype)
    for bound, edge in ((first_edge, edges[0]), (last_edge, edges[-1])):
        k = np.result_type(proto, bound)
        if k.kind in "iu" and a_dtype.kind in "iu":
            if abs(float(bound)) > _EXACT_INT:
                return False
        elif k != b or np.asarray(bound).astype(b) != edge:
            return False
    lo = edges[:-1]
    hi = np.nextafter(edges[1:], -np.inf).astype(b)
    hi[-1] = edges[-1]
    probes = np.concatenate((lo, hi))
    t = np.concatenate((np.arange(n), np.arange(n)))
    with np.errstate(all="ignore"):
        norm_denom = _binning.unsigned_subtract(last_edge, first_edge)
        f = (_binning.unsigned_subtract(probes, first_edge) / norm_denom) * n
        if not np.isfinite(f).all():
            return False
        idx = f.astype(np.intp)
    idx[idx == n] -= 1
    return bool(np.all((idx >= 0) & (idx <= n - 1) & (np.abs(idx - t) <= 1)))


def histogram_bin_edges(a: Any, bins: Any = 10, range: Any = None, weights: Any = None) -> np.ndarray:
    """The bin edges :func:`histogram` uses, NumPy's :func:`numpy.histogram_bin_edges` plus two rules.

    Parameters
    ----------
    a : array_like
        Data, flattened. NaN or inf raise ``ValueError`` unless ``range`` is given.
    bins : int, sequence of scalars or str, default 10
        A number of equal bins, explicit (non-decreasing) edges, or a rule:
        NumPy's ``"auto"``, ``"fd"``, ``"doane"``, ``"scott"``, ``"stone"``,
        ``"rice"``, ``"sturges"``, ``"sqrt"`` (the same edges as NumPy, same
        dtype), ``"quantile"`` (equal-frequency edges, ``ceil(log2 n + 1)`` bins,
        duplicate quantiles merged) or ``"knuth"`` (Knuth's Bayesian rule:
        the ``M`` equal bins of largest log posterior, ``M <= max(100, sqrt n)``).
        The rules are in :mod:`infokit._binning`.
    range : (float, float), optional
        Lower and upper edge; values outside are ignored by the rules.
        Default: the data's min and max.
    weights : array_like, optional
        Same shape as ``a``; used by no rule (a rule with weights raises
        ``TypeError``, as in NumPy).

    Returns
    -------
    edges : ndarray
        ``n_bins + 1`` edges (float32 for float32 data, as NumPy).

    Notes
    -----
    Cost: O(n) for the count rules and NumPy's rules (``"fd"`` and
    ``"quantile"`` sort, O(n log n)); ``"knuth"`` sorts once and evaluates
    each ``M`` by binary search, O(n log n + M_max^2 log n); ``"stone"`` is
    NumPy's O(n M_max).

    Examples
    --------
    >>> import numpy as np
    >>> import infokit
    >>> infokit.histogram_bin_edges([0, 1, 2, 3, 4], bins=4)
    array([0., 1., 2., 3., 4.])
    >>> x = np.random.default_rng(0).standard_normal(1000)
    >>> np.array_equal(infokit.histogram_bin_edges(x, "fd"), np.histogram_bin_edges(x, "fd"))
    True
    >>> infokit.histogram_bin_edges([1, 1, 1, 2, 3, 4, 5, 6], "quantile")  # 4 bins; the two 1s merged
    array([1.  , 2.5 , 4.25, 6.  ])
    """
    arr = _as_data(a, "a")
    w = None if weights is None else _weights_array(weights, arr.shape).reshape(-1)
    edges, _ = _binning.bin_edges(arr.reshape(-1), bins, range, w)
    return edges


def histogram(
    a: Any,
    bins: Any = 10,
    range: Any = None,
    density: bool | None = None,
    weights: Any = None,
    *,
    right_edge: str = "inclusive",
    n_jobs: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Histogram of a data set: :func:`numpy.histogram`'s counts and edges, computed in C++.

    Parameters
    ----------
    a : array_like
        Data, flattened: float32, float64, integer or bool values, any strides.
    bins : int, sequence of scalars or str, default 10
        Number of equal bins, explicit non-decreasing edges, or a rule name
        (see :func:`histogram_bin_edges`).
    range : (float, float), optional
        Lower and upper edge of the equal bins; values outside (and NaN) are
        dropped. Default ``(a.min(), a.max())``, which raises ``ValueError``
        when ``a`` holds NaN or inf (as NumPy).
    density : bool, optional
        If true, return ``counts / bin_width / counts.sum()`` (float64), a
        density that integrates to 1 over the range.
    weights : array_like, optional
        One weight per value of ``a`` (same shape); each value adds its weight
        instead of 1.
    right_edge : {"inclusive", "exclusive"}, default "inclusive"
        ``"inclusive"``: bins are ``[e_i, e_i+1)`` except the last, ``[e_n-1, e_n]``
        (NumPy). ``"exclusive"``: every bin is half-open and a value equal to
        the last edge is dropped (fast-histogram's and boost-histogram's rule).
    n_jobs : int, optional
        Threads (scikit-learn's convention; ``None`` = 1). Counts are the same
        for every value. Weighted sums run on one thread, in NumPy's order.

    Returns
    -------
    counts : ndarray
        ``int64`` counts (NumPy's ``intp``); with weights, the weights' dtype
        (float64 sums, bit-identical to NumPy's for equal bins); float64 with
        ``density=True``.
    edges : ndarray
        The ``n_bins + 1`` edges, as :func:`numpy.histogram` returns them.

    Notes
    -----
    A value's bin is ``max{i : e_i <= v}`` (the last bin also takes ``v == e_n``),
    the bin NumPy gives it, also within one ULP of an edge
    (``docs/conventions.md#Histograms``). Equal bins cost one multiply and two
    comparisons per value; explicit edges a binary search. O(n) time for equal
    bins (O(n log n_bins) for edges), O(n_bins * n_jobs) extra memory.

    Examples
    --------
    >>> import numpy as np
    >>> import infokit
    >>> counts, edges = infokit.histogram([0.0, 0.5, 1.0, 1.5, 2.0], bins=2)
    >>> counts, edges
    (array([2, 3]), array([0., 1., 2.]))
    >>> infokit.histogram([0.0, 0.5, 1.0, 1.5, 2.0], bins=2, right_edge="exclusive")[0]
    array([2, 2])
    >>> x = np.random.default_rng(0).standard_normal(100_000)
    >>> np.array_equal(infokit.histogram(x, bins=50)[0], np.histogram(x, bins=50)[0])
    True
    """
    check_choice(right_edge, "right_edge", _RIGHT_EDGES)
    inclusive = right_edge == "inclusive"
    n_threads = resolve_n_jobs(n_jobs)
    arr = _as_data(a, "a")
    w = None
    if weights is not None:
        w = _weights_array(weights, arr.shape).reshape(-1)
    flat = arr if arr.ndim == 1 else arr.reshape(-1)
    edges, uniform = _binning.bin_edges(flat, bins, range, w)
    counts = _histogram_1d(flat, edges, uniform, w, inclusive, n_threads)
    if counts is None:  # not covered by the kernels: NumPy's own answer
        counts = np.histogram(
            flat,
            bins=edges if uniform is None else uniform[2],
            range=None if uniform is None else uniform[:2],
            weights=w,
        )[0]
    if density:
        db = np.array(np.diff(edges), float)
        return counts / db / counts.sum(), edges
    return counts, edges


def _histogram_1d(
    flat: np.ndarray, edges: np.ndarray, uniform: Any, w: np.ndarray | None, inclusive: bool, n_threads: int
) -> np.ndarray | None:
    n_bins = edges.size - 1
    if uniform is not None:
        cmp = edges.dtype
        if inclusive and not _numpy_formula_ok(flat.dtype, edges, uniform[0], uniform[1], n_bins):
            return None
        if cmp not in (_F32, _F64):
            if inclusive:
                return None
            cmp = _F64
        kedges = edges.astype(cmp, copy=False)
    else:
        got = _kernel_edges(flat.dtype, edges)
        if got is None:
            if inclusive:
                return None
            got = (_F64, edges.astype(_F64))
        cmp, kedges = got
    col = _compare_column(flat, cmp)
    if col is None:
        if inclusive:
            return None
        col, kedges = flat.astype(_F64), kedges.astype(_F64)
    if w is None:
        return _k.histogram_counts([col], [kedges], inclusive, True, n_threads)[:n_bins]
    if w.dtype != _F64:
        return None if inclusive else _weighted([col], [kedges], w.astype(_F64), 0, inclusive)[:n_bins]
    # numpy.histogram sums equal bins blockwise (bit-identical here); explicit edges
    # through differences of cumulative sums, which rounds differently from these direct sums.
    return _weighted([col], [kedges], w, _NUMPY_BLOCK, inclusive)[:n_bins]


def _weighted(
    cols: list[np.ndarray], edges: list[np.ndarray], w: np.ndarray, block: int, inclusive: bool
) -> np.ndarray:
    return _k.histogram_weighted(cols, edges, w, block, inclusive, True)


def _sample_columns(sample: Any) -> tuple[list[np.ndarray], np.dtype]:
    """The d columns of ``sample`` (an (N, D) array, or a sequence of D 1-D arrays) and NumPy's sample dtype."""
    if isinstance(sample, (list, tuple)) and sample and all(np.ndim(c) == 1 for c in sample):
        cols = [_as_data(c, f"sample[{i}]") for i, c in enumerate(sample)]
        lengths = {len(c) for c in cols}
        if len(lengths) > 1:
            desc = ", ".join(str(len(c)) for c in cols)
            raise ValueError(f"sample columns must have the same length, got lengths {desc}")
        common = np.result_type(*cols)
        return cols, common
    arr = _as_data(sample, "sample")
    if arr.ndim == 1:
        arr = arr[:, None]
    elif arr.ndim != 2:
        raise ValueError(f"sample must be an (N, D) array or a sequence of D 1-D arrays, got ndim={arr.ndim}")
    return [arr[:, i] for i in builtins.range(arr.shape[1])], arr.dtype


def _dd_edges(col: np.ndarray, bins_i: Any, range_i: Any, i: int) -> np.ndarray:
    if isinstance(bins_i, str):
        return _binning.bin_edges(col, bins_i, range_i, None, name=f"sample[:, {i}]")[0]
    if np.ndim(bins_i) == 0:
        if isinstance(bins_i, (bool, np.bool_)):
            raise TypeError(f"bins[{i}] must be an integer, when a scalar; got {bins_i!r}")
        try:
            n = operator.index(bins_i)
        except TypeError:
            raise TypeError(f"bins[{i}] must be an integer, when a scalar; got {bins_i!r}") from None
        if n < 1:
            raise ValueError(f"bins[{i}] must be positive, when an integer; got {n}")
        smin, smax = _binning.outer_edges(col, range_i, name=f"sample[:, {i}]")
        return np.linspace(smin, smax, n + 1)
    if np.ndim(bins_i) == 1:
        e = np.asarray(bins_i)
        if e.dtype.kind not in "biuf":
            raise TypeError(f"bins[{i}] must hold real numbers, got dtype {e.dtype}")
        if e.size < 2:
            raise ValueError(f"bins[{i}] needs at least 2 edges, got {e.size}")
        if e.dtype.kind == "f" and np.isnan(e).any():
            raise ValueError(f"bins[{i}] must not contain NaN")
        if np.any(e[:-1] > e[1:]):
            raise ValueError(f"bins[{i}] must be monotonically increasing, when an array")
        return e
    raise ValueError(f"bins[{i}] must be a scalar or 1-D array")


def histogramdd(
    sample: Any,
    bins: Any = 10,
    range: Any = None,
    density: bool | None = None,
    weights: Any = None,
    *,
    right_edge: str = "inclusive",
    n_jobs: int | None = None,
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Multidimensional histogram: :func:`numpy.histogramdd`'s result, computed in C++.

    Parameters
    ----------
    sample : (N, D) array_like or sequence of D 1-D arrays
        The points; columns are read in place (any strides, float32, float64,
        integers), a sequence of arrays is never stacked into a copy.
    bins : int, sequence or str, default 10
        One entry per dimension (or one for all): a number of equal bins, an
        array of edges, or a rule name of :func:`histogram_bin_edges`.
    range : sequence of D (min, max) pairs or None, optional
        Outer edges per dimension (``None`` entries: the column's min and max,
        which raises ``ValueError`` for NaN or inf).
    density : bool, optional
        If true, the counts divided by the bin volumes and the total, as NumPy.
    weights : (N,) array_like, optional
        One weight per point.
    right_edge : {"inclusive", "exclusive"}, default "inclusive"
        Whether the last bin of each dimension includes its right edge
        (NumPy) or not (fast-histogram); see :func:`histogram`.
    n_jobs : int, optional
        Threads; results are the same for every value.

    Returns
    -------
    H : ndarray
        float64 counts of shape ``(n_bins_0, ..., n_bins_D-1)``: float64 as in
        NumPy (whole numbers, exact below 2**53); the int64 counts are what
        the kernels produce.
    edges : list of ndarray
        The D edge arrays.

    Notes
    -----
    A point falls in bin ``(t_0, ..., t_D-1)`` with ``t_k`` the bin of its k-th
    coordinate (``docs/conventions.md#Histograms``); a point with any
    coordinate outside its range (or NaN) is dropped. O(N D) time for equal
    bins, O(prod(n_bins) n_jobs) extra memory.

    Examples
    --------
    >>> import numpy as np
    >>> import infokit
    >>> pts = np.array([[0.0, 0.0], [0.5, 1.0], [1.0, 1.0]])
    >>> H, edges = infokit.histogramdd(pts, bins=2)
    >>> H
    array([[1., 0.],
           [0., 2.]])
    >>> r = np.random.default_rng(0).standard_normal((10_000, 3))
    >>> np.array_equal(infokit.histogramdd(r, bins=(5, 6, 7))[0], np.histogramdd(r, bins=(5, 6, 7))[0])
    True
    """
    check_choice(right_edge, "right_edge", _RIGHT_EDGES)
    inclusive = right_edge == "inclusive"
    n_threads = resolve_n_jobs(n_jobs)
    cols, common = _sample_columns(sample)
    d = len(cols)
    n = len(cols[0])
    if isinstance(bins, str) or not hasattr(bins, "__len__"):
        bins = d * [bins]
    elif isinstance(bins, np.ndarray) and bins.ndim == 0:
        bins = d * [bins[()]]
    elif len(bins) != d:
        raise ValueError(f"bins must have one entry per dimension: {len(bins)} entries for {d} dimensions")
    if range is None:
        range = (None,) * d
    elif len(range) != d:
        raise ValueError(f"range must have one entry per dimension: {len(range)} entries for {d} dimensions")
    w = None
    if weights is not None:
        w = to_numpy(weights)
        if w.dtype.kind not in "biuf":
            raise TypeError(f"weights must hold real numbers, got dtype {w.dtype}")
        if w.shape != (n,):
            raise ValueError(f"weights must have one value per point: weights {w.shape}, sample has {n} points")
    edges = [_dd_edges(cols[i].astype(common, copy=False), bins[i], range[i], i) for i in builtins.range(d)]
    shape = tuple(e.size - 1 for e in edges)
    kcols, kedges = [], []
    for col, e in zip(cols, edges):
        # NumPy casts every column to the sample dtype, then compares in
        # result_type(sample dtype, edges dtype). Reading the column straight in
        # that compare dtype gives the same values: the first cast is exact, or
        # (integers into float64) rounds as the direct read does.
        got = _kernel_edges(common, e)
        kcol = None if got is None else _compare_column(col, got[0])
        if got is None or kcol is None:
            if inclusive:
                return _numpy_dd(cols, common, edges, density, w), edges
            got, kcol = (_F64, e.astype(_F64)), col.astype(_F64)
        kcols.append(kcol)
        kedges.append(got[1])
    total = int(np.prod(shape))
    if w is None:
        hist = _k.histogram_counts(kcols, kedges, inclusive, True, n_threads)[:total].astype(np.float64)
    else:
        hist = _weighted(kcols, kedges, w.astype(np.float64, copy=False), 0, inclusive)[:total]
    hist = hist.reshape(shape)
    if density:
        s = hist.sum()
        for i in builtins.range(d):
            sh = np.ones(d, int)
            sh[i] = shape[i]
            hist = hist / np.diff(edges[i]).reshape(sh)
        hist /= s
    return hist, edges


def _numpy_dd(cols: list[np.ndarray], common: np.dtype, edges: list[np.ndarray], density: Any, w: Any) -> np.ndarray:
    sample = np.empty((len(cols[0]), len(cols)), dtype=common)
    for i, c in enumerate(cols):
        sample[:, i] = c
    return np.histogramdd(sample, bins=edges, density=density, weights=w)[0]


def histogram2d(
    x: Any,
    y: Any,
    bins: Any = 10,
    range: Any = None,
    density: bool | None = None,
    weights: Any = None,
    *,
    right_edge: str = "inclusive",
    n_jobs: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two-dimensional histogram: :func:`numpy.histogram2d`'s result, computed in C++.

    Parameters
    ----------
    x, y : array_like, shape (N,)
        Coordinates of the points (the same length), read in place.
    bins : int, [int, int], array, [array, array] or str, default 10
        As in :func:`numpy.histogram2d` (one number or edge array for both
        axes, or one per axis), or a rule name of :func:`histogram_bin_edges`.
    range : [[xmin, xmax], [ymin, ymax]], optional
        Outer edges; points outside are dropped.
    density : bool, optional
        If true, counts divided by bin areas and the total.
    weights : array_like, shape (N,), optional
        One weight per point.
    right_edge : {"inclusive", "exclusive"}, default "inclusive"
        See :func:`histogram`.
    n_jobs : int, optional
        Threads; results are the same for every value.

    Returns
    -------
    H : ndarray, shape (nx, ny)
        float64 counts, as NumPy (``x`` along the first axis).
    xedges, yedges : ndarray
        The edges of each axis.

    Notes
    -----
    Equal bins cost one multiply and two comparisons per coordinate: for
    float64 points on one thread about as fast as ``x.sum() + y.sum()``
    (``benchmarks/test_bench_histogram.py``).

    Examples
    --------
    >>> import numpy as np
    >>> import infokit
    >>> H, xe, ye = infokit.histogram2d([0.0, 0.2, 1.0], [0.0, 1.0, 1.0], bins=2)
    >>> H
    array([[1., 1.],
           [0., 1.]])
    >>> rng = np.random.default_rng(0)
    >>> x, y = rng.standard_normal((2, 100_000))
    >>> np.array_equal(infokit.histogram2d(x, y, bins=30, range=[[-3, 3], [-3, 3]])[0],
    ...                np.histogram2d(x, y, bins=30, range=[[-3, 3], [-3, 3]])[0])
    True
    """
    xa, ya = _as_data(x, "x"), _as_data(y, "y")
    if xa.ndim != 1 or ya.ndim != 1:
        raise ValueError(f"x and y must be 1-D, got x.ndim={xa.ndim}, y.ndim={ya.ndim}")
    if len(xa) != len(ya):
        raise ValueError(f"x and y must have the same length, got {len(xa)} and {len(ya)}")
    if not isinstance(bins, str):
        try:
            nb = len(bins)
        except TypeError:
            nb = 1
        if nb != 1 and nb != 2:
            xedges = yedges = np.asarray(bins)
            bins = [xedges, yedges]
    hist, edges = histogramdd([xa, ya], bins, range, density, weights, right_edge=right_edge, n_jobs=n_jobs)
    return hist, edges[0], edges[1]


def _edges_list(edges: Sequence[Any], d: int) -> list[np.ndarray]:
    if len(edges) != d:
        raise ValueError(f"edges must have one array per column: {len(edges)} arrays for {d} columns")
    out = []
    for i, e in enumerate(edges):
        arr = np.asarray(e)
        if arr.ndim != 1 or arr.size < 2 or arr.dtype.kind not in "biuf":
            raise ValueError(f"edges[{i}] must be a 1-D array of at least 2 real values")
        if arr.dtype.kind == "f" and np.isnan(arr).any():
            raise ValueError(f"edges[{i}] must not contain NaN")
        if np.any(arr[:-1] > arr[1:]):
            raise ValueError(f"edges[{i}] must be non-decreasing")
        out.append(arr)
    return out


def _kernel_inputs(columns: Any, edges: Sequence[Any]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    cols, _ = _sample_columns(columns)
    es = _edges_list(edges, len(cols))
    kcols, kedges = [], []
    for i, (c, e) in enumerate(zip(cols, es)):
        got = _kernel_edges(c.dtype, e)
        if got is None:
            raise TypeError(f"column {i} ({c.dtype}) and edges[{i}] ({e.dtype}) have no float compare type")
        kc = _compare_column(c, got[0])
        if kc is None:
            kc = c.astype(got[0])
        kcols.append(kc)
        kedges.append(got[1])
    return kcols, kedges


def bin_indices(
    columns: Any, edges: Sequence[Any], *, right_edge: str = "inclusive", n_jobs: int | None = None
) -> np.ndarray:
    """Each sample's bin on each axis: int64 ``(n, d)``, -1 where the value is dropped (outside, NaN).

    ``columns`` is an ``(n, d)`` array or a sequence of d 1-D arrays, ``edges``
    d edge arrays (e.g. from :func:`histogram_bin_edges`). Bins follow
    :func:`histogramdd` (``docs/conventions.md#Histograms``), so
    ``np.bincount`` of the joint codes of the rows without -1 is the histogram.
    For estimators: bin once, then permute codes, never re-bin.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit._histogram import bin_indices
    >>> bin_indices([[0.0, 0.5, 1.0, 2.0, np.nan]], [np.array([0.0, 0.5, 1.0])])
    array([[ 0],
           [ 1],
           [ 1],
           [-1],
           [-1]])
    """
    check_choice(right_edge, "right_edge", _RIGHT_EDGES)
    kcols, kedges = _kernel_inputs(columns, edges)
    return _k.bin_indices(kcols, kedges, right_edge == "inclusive", True, resolve_n_jobs(n_jobs))


def bin_codes(
    columns: Any, edges: Sequence[Any], *, right_edge: str = "inclusive", n_jobs: int | None = None
) -> np.ndarray:
    """Each sample's joint bin: int64 ``(n,)``, C order over the axes (``np.ravel_multi_index``), -1 if dropped.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit._histogram import bin_codes
    >>> e = np.array([0.0, 1.0, 2.0])
    >>> bin_codes([np.array([0.5, 1.5, 1.5, 3.0]), np.array([0.5, 0.5, 2.0, 0.0])], [e, e])
    array([ 0,  2,  3, -1])
    """
    check_choice(right_edge, "right_edge", _RIGHT_EDGES)
    kcols, kedges = _kernel_inputs(columns, edges)
    return _k.flat_codes(kcols, kedges, right_edge == "inclusive", True, resolve_n_jobs(n_jobs))
