"""Measures of GIVEN distributions: probability vectors and joint probability tables.

Everything here takes probabilities (or counts) that you already have, not
samples; :mod:`infokit.estimate` estimates the same quantities from samples.

Conventions (SciPy's unless noted; each choice is pinned by a test)
------------------------------------------------------------------
* Units: nats; ``base=2`` gives bits, ``base=10`` bans. ``base <= 0`` and
  ``base == 1`` raise ``ValueError`` (SciPy returns inf / nan there).
* Vector measures reduce along ``axis`` (an int, a tuple of ints or ``None`` for
  all axes) and broadcast their inputs like :func:`scipy.stats.entropy`; the
  default is ``axis=-1`` (rows are distributions), **SciPy's is** ``axis=0``.
  ``keepdims=True`` keeps the reduced axes with length 1.
* Inputs are normalised along the reduced axes, as SciPy does, so counts work.
  ``normalize=False`` refuses, with ``ValueError``, any slice whose sum differs
  from 1 by more than 1e-6 relative for float32 / float16 input and 1e-9
  otherwise (the sum is always taken in double); the slice is still divided by
  its sum, which only removes that rounding.
* ``0 log 0 = 0`` and ``0 log(0 / q) = 0``; ``p log(p / 0) = +inf`` for p > 0
  (KL and cross-entropy are ``+inf`` there).
* dtypes: bool, int, float16/32/64 are accepted; pandas Series / DataFrame too
  (the result is a NumPy value). float32 (and float16) input gives a float32
  result, everything else float64; the arithmetic is always in double.
* Bad input raises ``ValueError`` naming the argument: negative entries, ±inf
  entries, a slice that sums to 0 (SciPy returns NaN), an empty slice (SciPy
  returns 0), shapes that do not broadcast, wrong table dimensionality.
  Non-numeric dtypes raise ``TypeError``. An empty *batch* (no slices, e.g.
  shape (0, 3) reduced along axis 1) gives an empty result.
* NaN entries follow ``nan_policy``: ``'propagate'`` (default) makes the result
  of that slice NaN; ``'raise'`` raises ``ValueError``; ``'omit'`` drops the
  NaN entries, i.e. gives them zero mass, at the same positions in every input
  (what SciPy's ``nan_policy='omit'`` does), before normalising. A slice left
  with zero mass then raises like any zero-sum slice.
* Quantities that are non-negative (or bounded) in exact arithmetic are
  clamped into their range, so rounding never yields ``-1e-17`` or a NaN under
  a square root (scipy#20083).
* ``n_jobs`` threads over the slices (``None`` = 1, ``-1`` = all cores). Results
  are bit-identical for every ``n_jobs``.

Speed: every measure runs one fused C++ kernel over the slices (per slice:
its sum, then the ``x log x``-type sum while the slice is still in cache),
O(size) time; float32 / float64 input is read in place through strides
(broadcast and transposed views included), other dtypes are converted to
float64 once. Table measures add NumPy marginal sums (O(table.size)).
"""

from __future__ import annotations

import math
import numbers
from typing import Any, Callable, Sequence

import numpy as np

from infokit._kernels import table as _k
from infokit._validation import NAN_POLICIES, base_scale, check_choice, resolve_n_jobs

__all__ = [
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "js_divergence",
    "js_distance",
    "total_variation",
    "hellinger",
    "joint_entropy",
    "conditional_entropy",
    "mutual_info",
    "conditional_mutual_info",
    "normalized_mutual_info",
    "variation_of_information",
    "NMI_AVERAGE_METHODS",
]

NMI_AVERAGE_METHODS = ("arithmetic", "geometric", "min", "max", "joint", "sqrt")

# Tolerances of normalize=False on |sum - 1| (relative to 1).
_SUM_TOL_SINGLE = 1e-6
_SUM_TOL_DOUBLE = 1e-9


# ----------------------------------------------------------------------------
# Input preparation
# ----------------------------------------------------------------------------


def _as_prob(x: Any, name: str) -> np.ndarray:
    """Array of probabilities / counts, kept in its dtype; TypeError for non-numeric data."""
    if hasattr(x, "to_numpy") and not isinstance(x, np.ndarray):
        x = x.to_numpy()
    a = np.asarray(x)
    if a.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers (bool, int or float), got dtype {a.dtype}")
    if a.ndim == 0:
        raise ValueError(f"{name} must have at least one dimension, got a scalar")
    return a


def _work_dtype(arrays: Sequence[np.ndarray]) -> np.dtype:
    """float32 when the inputs promote to float16/float32, float64 otherwise."""
    rt = np.result_type(*arrays)
    return np.dtype(np.float32) if rt in (np.float16, np.float32) else np.dtype(np.float64)


def _check_bool(value: Any, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def _axis_list(axis: Any, ndim: int, name: str, what: str = "an input") -> list[int]:
    """Non-negative, distinct axes in the order given; TypeError / ValueError naming ``name``."""
    items = axis if isinstance(axis, (tuple, list)) else (axis,)
    out = []
    for ax in items:
        if isinstance(ax, (bool, np.bool_)) or not isinstance(ax, numbers.Integral):
            extra = " or None" if name == "axis" else ""
            raise TypeError(f"{name} must be an int or a tuple of ints{extra}, got {axis!r}")
        ax = int(ax)
        if not -ndim <= ax < ndim:
            raise ValueError(f"{name}={ax} is out of bounds for {what} with ndim={ndim}")
        out.append(ax % ndim)
    if len(set(out)) != len(out):
        raise ValueError(f"{name} contains a repeated axis: {axis!r}")
    return out


def _norm_axis(axis: Any, ndim: int) -> tuple[int, ...]:
    """Sorted reduced axes; ``None`` means all of them."""
    if axis is None:
        return tuple(range(ndim))
    out = _axis_list(axis, ndim, "axis")
    if not out:
        raise ValueError(f"axis must name at least one axis, got {axis!r}")
    return tuple(sorted(out))


def _broadcast_shape(arrays: Sequence[np.ndarray], names: Sequence[str]) -> tuple[int, ...]:
    first = arrays[0].shape
    if all(a.shape == first for a in arrays):
        return first
    try:
        return np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        desc = ", ".join(f"{n}: {a.shape}" for n, a in zip(names, arrays))
        raise ValueError(f"input shapes do not broadcast together ({desc})") from None


def _to_rows(a: np.ndarray, shape: tuple[int, ...], axes: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
    """(n_rows, n_cols) view (a copy only when unavoidable) with the reduced axes last."""
    a = a.astype(dtype, copy=False)
    if a.shape != shape:
        a = np.broadcast_to(a, shape)  # stride-0 view: the kernel reads it without a copy
    ndim = len(shape)
    batch = [i for i in range(ndim) if i not in axes]
    order = batch + list(axes)
    if order != list(range(ndim)):
        a = a.transpose(order)
    n_rows = math.prod(shape[i] for i in batch)
    n_cols = math.prod(shape[i] for i in axes)
    a = a.reshape(n_rows, n_cols)
    if not a.flags.aligned or any(s % a.itemsize for s in a.strides):
        a = np.ascontiguousarray(a)
    return a


# ----------------------------------------------------------------------------
# Running a row kernel and interpreting what it saw
# ----------------------------------------------------------------------------

_KERNELS: dict[str, Callable[..., int]] = {
    "entropy": _k.row_entropy,
    "kl": _k.row_kl,
    "cross_entropy": _k.row_cross_entropy,
    "total_variation": _k.row_total_variation,
    "hellinger": _k.row_hellinger,
}


def _call(kind: str, rows: list[np.ndarray], weights: np.ndarray | None, n_threads: int):
    n_rows = rows[0].shape[0]
    k = len(rows)
    out = np.empty(n_rows)
    sums = np.empty((k, n_rows))
    flags = np.zeros((k, n_rows), dtype=np.uint8)
    if kind == "js":
        assert weights is not None
        n_bad = _k.row_js(rows, weights, out, sums, flags, n_threads)
    else:
        n_bad = _KERNELS[kind](*rows, out, sums, flags, n_threads)
    return out, sums, flags, n_bad


def _check_flags(flags: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Raise for negative / inf / overflow entries; return the rows holding NaN."""
    seen = np.bitwise_or.reduce(flags, axis=1)
    for name, f in zip(names, seen):
        if f & _k.FLAG_NEGATIVE:
            raise ValueError(f"{name} must not contain negative entries")
        if f & _k.FLAG_INF:
            raise ValueError(f"{name} must not contain inf")
        if f & _k.FLAG_OVERFLOW:
            raise ValueError(f"the entries of {name} are too large: a slice's sum overflows")
    return np.asarray((flags & _k.FLAG_NAN).any(axis=0))


def _reduce(
    kind: str,
    arrays: Sequence[Any],
    names: Sequence[str],
    *,
    axis: Any,
    normalize: Any,
    nan_policy: Any,
    n_jobs: Any,
    weights: np.ndarray | None = None,
) -> tuple[np.ndarray, np.dtype, tuple[int, ...], tuple[int, ...]]:
    """Validate, run one row kernel; return (nats per slice, result dtype, batch shape, axes)."""
    normalize = _check_bool(normalize, "normalize")
    check_choice(nan_policy, "nan_policy", NAN_POLICIES)
    n_threads = resolve_n_jobs(n_jobs)
    arrs = [_as_prob(a, n) for a, n in zip(arrays, names)]
    shape = _broadcast_shape(arrs, names)
    axes = _norm_axis(axis, len(shape))
    dtype = _work_dtype(arrs)
    batch_shape = tuple(s for i, s in enumerate(shape) if i not in axes)
    rows = [_to_rows(a, shape, axes, dtype) for a in arrs]
    n_rows, n_cols = rows[0].shape
    if n_rows == 0:
        return np.empty(0), dtype, batch_shape, axes
    if n_cols == 0:
        raise ValueError(f"{names[0]} is empty along the reduced axes {axes}; a distribution needs an outcome")

    out, sums, flags, n_bad = _call(kind, rows, weights, n_threads)
    if n_bad == 0 and normalize:
        # Fast path: the kernel leaves NaN exactly in the rows it did not
        # compute (bad entries or a sum <= 0); none, so all were distributions.
        return out, dtype, batch_shape, axes
    nan_rows = _check_flags(flags, names) if flags.any() else np.zeros(n_rows, dtype=bool)
    if nan_rows.any():
        if nan_policy == "raise":
            which = [n for n, f in zip(names, flags) if (f & _k.FLAG_NAN).any()]
            raise ValueError(f"{', '.join(which)} contain NaN (nan_policy='raise')")
        if nan_policy == "omit":
            # Give NaN entries zero mass at the same position in every input.
            hole = np.zeros(rows[0].shape, dtype=bool)
            for r in rows:
                hole |= np.isnan(r)
            rows = [np.where(hole, r.dtype.type(0), r) for r in rows]
            out, sums, flags, _ = _call(kind, rows, weights, n_threads)
            nan_rows = np.zeros(n_rows, dtype=bool)
    clean = ~nan_rows
    for name, s in zip(names, sums):
        if (s[clean] == 0).any():
            raise ValueError(f"{name} has a slice that sums to 0, which is not a distribution")
    if not normalize:
        tol = _SUM_TOL_SINGLE if dtype == np.float32 else _SUM_TOL_DOUBLE
        for name, s in zip(names, sums):
            dev = np.abs(s[clean] - 1.0)
            if (dev > tol).any():
                raise ValueError(
                    f"{name} does not sum to 1 along the reduced axes (largest deviation "
                    f"{dev.max():.3g} > {tol:g}) and normalize=False"
                )
    out[nan_rows] = np.nan
    return out, dtype, batch_shape, axes


def _clamp(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Clamp into [lo, hi] in place; NaN (propagated slices) stays NaN."""
    np.maximum(values, lo, out=values)
    if hi < np.inf:
        np.minimum(values, hi, out=values)
    return values


def _finish(values: np.ndarray, dtype: np.dtype, batch_shape: tuple[int, ...],
            axes: tuple[int, ...] = (), keepdims: bool = False) -> Any:
    res = values.reshape(batch_shape)
    if keepdims:
        res = np.expand_dims(res, axes)
    res = res.astype(dtype, copy=False)
    return res[()] if res.ndim == 0 else res


# ----------------------------------------------------------------------------
# Vector measures
# ----------------------------------------------------------------------------


def entropy(
    p: Any,
    *,
    base: float | None = None,
    axis: Any = -1,
    keepdims: bool = False,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> Any:
    r"""Shannon entropy of distributions given as probability vectors (or counts).

    .. math:: H(p) = -\sum_i p_i \log p_i, \qquad 0 \log 0 = 0,

    after normalising ``p`` along ``axis``. Equals ``scipy.stats.entropy(p)``
    (with SciPy's ``axis`` made explicit).

    Parameters
    ----------
    p : array-like (bool, int or float), pandas Series / DataFrame accepted
        Probabilities or counts; each slice along ``axis`` is one distribution.
    base : float, optional
        Logarithm base: None gives nats, 2 gives bits.
    axis : int, tuple of int or None, default -1
        Axes holding the outcomes (None: all). SciPy's default is 0.
    keepdims : bool, default False
        Keep the reduced axes with length 1.
    normalize : bool, default True
        Normalise each slice; False refuses slices that do not sum to 1
        (1e-6 relative tolerance for float32, 1e-9 otherwise).
    nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
        NaN entries: NaN result for the slice / ValueError / zero mass.
    n_jobs : int, optional
        Threads over the slices (None: 1, -1: all cores).

    Returns
    -------
    float or ndarray
        Entropy in units of ``base`` (nats by default), shape of ``p`` without
        the reduced axes; float32 for float32 input.

    Raises
    ------
    ValueError
        Negative or infinite entries, a zero-sum or empty slice, a bad ``base``,
        ``axis`` or ``nan_policy``.

    Notes
    -----
    Complexity: O(p.size) time, one fused C++ pass per slice; O(number of
    slices) extra memory (no copy unless the reduced axes cannot be viewed as
    rows). Accumulation in double.

    Examples
    --------
    A fair coin carries one bit, a coin with p = 0.8 about 0.722 bits:

    >>> from infokit.dist import entropy
    >>> float(entropy([0.5, 0.5], base=2))
    1.0
    >>> round(float(entropy([0.8, 0.2], base=2)), 3)
    0.722
    >>> entropy([[1, 1, 0, 0], [1, 1, 1, 1]], base=2)  # counts, one row each
    array([1., 2.])
    """
    scale = base_scale(base)
    keepdims = _check_bool(keepdims, "keepdims")
    out, dtype, bshape, axes = _reduce(
        "entropy", [p], ["p"], axis=axis, normalize=normalize, nan_policy=nan_policy, n_jobs=n_jobs
    )
    return _finish(out * scale, dtype, bshape, axes, keepdims)


def _pair_measure(kind: str, p: Any, q: Any, scale: float, keepdims: Any, lo: float, hi: float,
                  **kw: Any) -> Any:
    keepdims = _check_bool(keepdims, "keepdims")
    out, dtype, bshape, axes = _reduce(kind, [p, q], ["p", "q"], **kw)
    return _finish(_clamp(out, lo, hi) * scale, dtype, bshape, axes, keepdims)


def cross_entropy(
    p: Any,
    q: Any,
    *,
    base: float | None = None,
    axis: Any = -1,
    keepdims: bool = False,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> Any:
    r"""Cross-entropy of ``q`` relative to ``p``.

    .. math:: H(p, q) = -\sum_i p_i \log q_i = H(p) + D_{KL}(p \,\|\, q),

    with ``0 log q = 0`` and ``p log 0 = -inf`` (so the result is ``+inf``
    where ``q_i = 0 < p_i``). Both inputs are normalised along ``axis`` and
    broadcast together.

    Parameters
    ----------
    p, q : array-like (bool, int or float)
        The true distribution ``p`` and the model ``q`` (probabilities or counts).
    base : float, optional
        Logarithm base: None gives nats, 2 gives bits.
    axis : int, tuple of int or None, default -1
        Axes holding the outcomes (None: all).
    keepdims : bool, default False
        Keep the reduced axes with length 1.
    normalize : bool, default True
        False refuses slices that do not sum to 1.
    nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
        How NaN entries are handled (see the module docstring).
    n_jobs : int, optional
        Threads over the slices.

    Returns
    -------
    float or ndarray
        Cross-entropy in units of ``base``, ``>= 0``, possibly ``inf``.

    Notes
    -----
    O(size) time, one fused C++ pass over both inputs.

    Examples
    --------
    >>> from infokit.dist import cross_entropy, entropy, kl_divergence
    >>> p, q = [0.8, 0.2], [0.5, 0.5]
    >>> float(cross_entropy(p, q, base=2))
    1.0
    >>> bool(abs(cross_entropy(p, q) - entropy(p) - kl_divergence(p, q)) < 1e-12)
    True
    >>> float(cross_entropy([0.5, 0.5], [1.0, 0.0]))
    inf
    """
    return _pair_measure("cross_entropy", p, q, base_scale(base), keepdims, 0.0, np.inf,
                         axis=axis, normalize=normalize, nan_policy=nan_policy, n_jobs=n_jobs)


def kl_divergence(
    p: Any,
    q: Any,
    *,
    base: float | None = None,
    axis: Any = -1,
    keepdims: bool = False,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> Any:
    r"""Kullback–Leibler divergence (relative entropy) of ``p`` from ``q``.

    .. math:: D_{KL}(p \,\|\, q) = \sum_i p_i \log \frac{p_i}{q_i}
              = H(p, q) - H(p),

    with ``0 log(0/q) = 0`` and ``p log(p/0) = +inf`` for ``p > 0``. Equals
    ``scipy.stats.entropy(p, q)`` and ``scipy.special.rel_entr(p, q).sum()``
    for normalised input. Not symmetric.

    Parameters
    ----------
    p, q : array-like (bool, int or float)
        Distributions (probabilities or counts), normalised along ``axis`` and
        broadcast together.
    base : float, optional
        Logarithm base: None gives nats, 2 gives bits.
    axis : int, tuple of int or None, default -1
        Axes holding the outcomes (None: all).
    keepdims : bool, default False
        Keep the reduced axes with length 1.
    normalize : bool, default True
        False refuses slices that do not sum to 1.
    nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
        How NaN entries are handled (see the module docstring).
    n_jobs : int, optional
        Threads over the slices.

    Returns
    -------
    float or ndarray
        Divergence in units of ``base``: ``>= 0`` (a rounding-negative value
        for near-identical inputs is clamped to 0), ``inf`` where ``q`` misses
        part of ``p``'s support.

    Notes
    -----
    O(size) time: one fused C++ pass (row sums, then ``x log(x / y)``).

    Examples
    --------
    >>> from infokit.dist import kl_divergence
    >>> round(float(kl_divergence([0.8, 0.2], [0.5, 0.5], base=2)), 6)
    0.278072
    >>> float(kl_divergence([1, 0], [0, 1]))
    inf
    >>> float(kl_divergence([0.0, 1.0], [0.5, 0.5]))  # log 2: 0 log(0/q) = 0
    0.6931471805599453
    """
    return _pair_measure("kl", p, q, base_scale(base), keepdims, 0.0, np.inf,
                         axis=axis, normalize=normalize, nan_policy=nan_policy, n_jobs=n_jobs)


def total_variation(
    p: Any,
    q: Any,
    *,
    axis: Any = -1,
    keepdims: bool = False,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> Any:
    r"""Total variation distance between distributions.

    .. math:: \delta(p, q) = \tfrac12 \sum_i |p_i - q_i| \in [0, 1].

    Parameters
    ----------
    p, q : array-like (bool, int or float)
        Distributions (probabilities or counts), normalised along ``axis`` and
        broadcast together.
    axis : int, tuple of int or None, default -1
        Axes holding the outcomes (None: all).
    keepdims : bool, default False
        Keep the reduced axes with length 1.
    normalize : bool, default True
        False refuses slices that do not sum to 1.
    nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
        How NaN entries are handled (see the module docstring).
    n_jobs : int, optional
        Threads over the slices.

    Returns
    -------
    float or ndarray
        Distance in [0, 1] (unitless).

    Notes
    -----
    O(size) time, one fused C++ pass.

    Examples
    --------
    >>> from infokit.dist import total_variation
    >>> round(float(total_variation([0.8, 0.2], [0.5, 0.5])), 6)
    0.3
    >>> float(total_variation([1, 0], [0, 1]))
    1.0
    """
    return _pair_measure("total_variation", p, q, 1.0, keepdims, 0.0, 1.0,
                         axis=axis, normalize=normalize, nan_policy=nan_policy, n_jobs=n_jobs)


def hellinger(
    p: Any,
    q: Any,
    *,
    axis: Any = -1,
    keepdims: bool = False,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> Any:
    r"""Hellinger distance between distributions.

    .. math:: H(p, q) = \sqrt{\tfrac12 \sum_i \left(\sqrt{p_i} - \sqrt{q_i}\right)^2}
              = \sqrt{1 - \sum_i \sqrt{p_i q_i}} \in [0, 1].

    The first form is computed (no cancellation for near-identical inputs).

    Parameters
    ----------
    p, q : array-like (bool, int or float)
        Distributions (probabilities or counts), normalised along ``axis`` and
        broadcast together.
    axis : int, tuple of int or None, default -1
        Axes holding the outcomes (None: all).
    keepdims : bool, default False
        Keep the reduced axes with length 1.
    normalize : bool, default True
        False refuses slices that do not sum to 1.
    nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
        How NaN entries are handled (see the module docstring).
    n_jobs : int, optional
        Threads over the slices.

    Returns
    -------
    float or ndarray
        Distance in [0, 1] (unitless); 1 for disjoint supports.

    Notes
    -----
    O(size) time, one fused C++ pass.

    Examples
    --------
    >>> from infokit.dist import hellinger
    >>> float(hellinger([1, 0], [0, 1]))
    1.0
    >>> round(float(hellinger([0.5, 0.5], [1.0, 0.0])), 6)  # sqrt(1 - sqrt(0.5))
    0.541196
    """
    return _pair_measure("hellinger", p, q, 1.0, keepdims, 0.0, 1.0,
                         axis=axis, normalize=normalize, nan_policy=nan_policy, n_jobs=n_jobs)


def _js_weights(weights: Any, k: int) -> np.ndarray:
    if weights is None:
        return np.full(k, 1.0 / k)
    if hasattr(weights, "to_numpy") and not isinstance(weights, np.ndarray):
        weights = weights.to_numpy()
    w = np.asarray(weights)
    if w.dtype.kind not in "biuf":
        raise TypeError(f"weights must be real numbers, got dtype {w.dtype}")
    w = w.astype(np.float64)
    if w.shape != (k,):
        raise ValueError(f"weights must have shape ({k},), one per distribution, got {w.shape}")
    if not np.isfinite(w).all() or (w < 0).any():
        raise ValueError("weights must be finite and non-negative")
    total = w.sum()
    if not total > 0:
        raise ValueError("weights must not all be zero")
    return np.ascontiguousarray(w / total)


def _js_nats(dists: Sequence[Any], weights: Any, axis: Any, normalize: Any, nan_policy: Any,
             n_jobs: Any):
    if len(dists) < 2:
        raise ValueError(f"js_divergence needs at least two distributions, got {len(dists)}")
    w = _js_weights(weights, len(dists))
    names = ["p", "q"] + [f"distribution {i}" for i in range(2, len(dists))]
    out, dtype, bshape, axes = _reduce("js", dists, names, axis=axis, normalize=normalize,
                                       nan_policy=nan_policy, n_jobs=n_jobs, weights=w)
    # 0 <= JS <= H(w) (ln 2 for two equal weights) in exact arithmetic.
    h_w = -math.fsum(wi * math.log(wi) for wi in w.tolist() if wi > 0)
    return _clamp(out, 0.0, h_w), dtype, bshape, axes


def js_divergence(
    p: Any,
    q: Any,
    *others: Any,
    weights: Any = None,
    base: float | None = None,
    axis: Any = -1,
    keepdims: bool = False,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> Any:
    r"""Jensen–Shannon divergence of two or more distributions.

    .. math:: JS_w(p_1, \ldots, p_k) = \sum_j w_j D_{KL}(p_j \,\|\, m)
              = H(m) - \sum_j w_j H(p_j), \qquad m = \sum_j w_j p_j,

    with equal weights by default, so for two distributions
    ``JS = (KL(p||m) + KL(q||m)) / 2``, ``0 <= JS <= ln 2`` (1 bit). In general
    ``0 <= JS <= H(w) <= ln k``; the result is clamped into that range.
    ``scipy.spatial.distance.jensenshannon`` returns ``sqrt(JS)``, see
    :func:`js_distance`.

    Parameters
    ----------
    p, q, *others : array-like (bool, int or float)
        Two or more distributions (probabilities or counts), each normalised
        along ``axis``, broadcast together.
    weights : array-like of shape (k,), optional
        Non-negative mixture weights, one per distribution (normalised to sum
        to 1); default equal weights.
    base : float, optional
        Logarithm base: None gives nats, 2 gives bits.
    axis : int, tuple of int or None, default -1
        Axes holding the outcomes (None: all).
    keepdims : bool, default False
        Keep the reduced axes with length 1.
    normalize : bool, default True
        False refuses slices that do not sum to 1.
    nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
        How NaN entries are handled (see the module docstring).
    n_jobs : int, optional
        Threads over the slices.

    Returns
    -------
    float or ndarray
        Divergence in units of ``base``.

    Notes
    -----
    O(k * size) time, one fused C++ pass (the mixture is never materialised);
    the KL form is used because it keeps accuracy for near-identical inputs.

    Examples
    --------
    >>> from infokit.dist import js_divergence
    >>> float(js_divergence([1, 0], [0, 1], base=2))  # disjoint supports: 1 bit
    1.0
    >>> round(float(js_divergence([0.8, 0.2], [0.5, 0.5])), 6)
    0.050672
    >>> round(float(js_divergence([1, 0, 0], [0, 1, 0], [0, 0, 1], base=2)), 6)  # log2(3)
    1.584963
    """
    keepdims = _check_bool(keepdims, "keepdims")
    scale = base_scale(base)
    out, dtype, bshape, axes = _js_nats([p, q, *others], weights, axis, normalize, nan_policy, n_jobs)
    return _finish(out * scale, dtype, bshape, axes, keepdims)


def js_distance(
    p: Any,
    q: Any,
    *others: Any,
    weights: Any = None,
    base: float | None = None,
    axis: Any = -1,
    keepdims: bool = False,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> Any:
    r"""Jensen–Shannon distance: the square root of :func:`js_divergence`.

    .. math:: d_{JS}(p, q) = \sqrt{JS(p, q)},

    a metric for two distributions, ``<= sqrt(ln 2)`` in nats and ``<= 1`` with
    ``base=2``. Same value as ``scipy.spatial.distance.jensenshannon(p, q,
    base)``, except that the divergence is clamped at 0 before the square root,
    so near-identical inputs give 0, never NaN (scipy#20083).

    Parameters
    ----------
    p, q, *others : array-like (bool, int or float)
        Two or more distributions (probabilities or counts), each normalised
        along ``axis``, broadcast together.
    weights : array-like of shape (k,), optional
        Non-negative mixture weights (see :func:`js_divergence`).
    base : float, optional
        Logarithm base of the divergence under the root.
    axis : int, tuple of int or None, default -1
        Axes holding the outcomes (None: all). SciPy's default is 0.
    keepdims : bool, default False
        Keep the reduced axes with length 1.
    normalize : bool, default True
        False refuses slices that do not sum to 1.
    nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
        How NaN entries are handled (see the module docstring).
    n_jobs : int, optional
        Threads over the slices.

    Returns
    -------
    float or ndarray
        The distance, ``>= 0``, never NaN for valid input.

    Notes
    -----
    O(k * size) time, see :func:`js_divergence`.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.dist import js_distance
    >>> float(js_distance([1, 0], [0, 1], base=2))
    1.0
    >>> c1 = np.array([0.027501475, 0.055202297], dtype=np.float32)
    >>> c2 = np.array([0.027537677, 0.055334348], dtype=np.float32)
    >>> bool(np.isfinite(js_distance(c1, c2)))  # scipy gives nan here
    True
    """
    keepdims = _check_bool(keepdims, "keepdims")
    scale = base_scale(base)
    out, dtype, bshape, axes = _js_nats([p, q, *others], weights, axis, normalize, nan_policy, n_jobs)
    return _finish(np.sqrt(out * scale), dtype, bshape, axes, keepdims)


# ----------------------------------------------------------------------------
# Table measures
# ----------------------------------------------------------------------------


def _table_axes(a: np.ndarray, axes: Any, n_vars: int | None, what: str) -> tuple[int, ...]:
    """The variable axes of ``table`` in the caller's order (batch = the other axes).

    ``n_vars`` fixes their number (2 for MI, 3 for CMI); None means "all axes,
    at least two" when ``axes`` is None and "at least two" otherwise.
    """
    if axes is None:
        if n_vars is not None and a.ndim != n_vars:
            raise ValueError(
                f"table must be {n_vars}-D for {what} (got ndim={a.ndim}); pass axes= to pick "
                f"the variable axes of a stacked table"
            )
        if a.ndim < 2:
            raise ValueError(f"table must be at least 2-D for {what}, got ndim={a.ndim}")
        return tuple(range(a.ndim))
    out = _axis_list(axes, a.ndim, "axes", "a table")
    if n_vars is not None and len(out) != n_vars:
        raise ValueError(f"axes must name {n_vars} axes for {what}, got {axes!r}")
    if len(out) < 2:
        raise ValueError(f"axes must name at least two axes for {what}, got {axes!r}")
    return tuple(out)


def _table_entropies(
    table: Any,
    var_axes: tuple[int, ...] | None,
    n_vars: int | None,
    what: str,
    subsets: Sequence[Sequence[int] | None],
    normalize: Any,
    nan_policy: Any,
    n_jobs: Any,
) -> tuple[list[np.ndarray], np.dtype, tuple[int, ...], tuple[int, ...]]:
    """Entropies (nats) of the joint and of marginals of a probability table.

    ``subsets`` index into the variable axes; entry ``i`` of the result is the
    entropy of the marginal on ``var_axes[j] for j in subsets[i]`` (None: the
    joint). The joint is always computed first: it validates the table for
    every marginal.
    """
    a = _as_prob(table, "table")
    var = _table_axes(a, var_axes, n_vars, what)
    check_choice(nan_policy, "nan_policy", NAN_POLICIES)
    if nan_policy == "omit" and a.dtype.kind == "f" and np.isnan(a).any():
        a = np.where(np.isnan(a), 0, a)  # NaN cells carry no mass
        nan_policy = "raise"
    joint, dtype, bshape, _ = _reduce("entropy", [a], ["table"], axis=var, normalize=normalize,
                                      nan_policy=nan_policy, n_jobs=n_jobs)
    results = []
    for sub in subsets:
        keep = set(var) if sub is None else {var[j] for j in sub}
        if keep == set(var):
            results.append(joint)
            continue
        drop = tuple(ax for ax in var if ax not in keep)
        # keepdims leaves length-1 axes where the summed variables were, so the
        # batch axes line up with the joint's; NaN cells propagate into the sums.
        marg = a.sum(axis=drop, keepdims=True, dtype=np.float64)
        h, _, _, _ = _reduce("entropy", [marg], ["table"], axis=var, normalize=True,
                             nan_policy="propagate", n_jobs=n_jobs)
        results.append(h)
    return results, dtype, bshape, var


def joint_entropy(
    table: Any,
    *,
    axes: Any = None,
    base: float | None = None,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> Any:
    r"""Joint entropy of the variables of a joint probability (or count) table.

    .. math:: H(X_1, \ldots, X_d) = -\sum p(x_1, \ldots, x_d) \log p(x_1, \ldots, x_d).

    Parameters
    ----------
    table : array-like, ndim >= 2
        ``table[x1, ..., xd]`` = probability or count of the outcome; it is
        normalised (see ``normalize``).
    axes : tuple of int, optional
        The variable axes (at least two); the other axes are a batch of tables
        and the result has their shape. Default: all axes.
    base : float, optional
        Logarithm base: None gives nats, 2 gives bits.
    normalize : bool, default True
        False refuses tables that do not sum to 1.
    nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
        NaN cells: NaN result / ValueError / zero mass.
    n_jobs : int, optional
        Threads over the tables of a batch.

    Returns
    -------
    float or ndarray
        Joint entropy in units of ``base``.

    Notes
    -----
    O(table.size) time, one C++ pass.

    Examples
    --------
    >>> from infokit.dist import joint_entropy
    >>> float(joint_entropy([[0.25, 0.25], [0.25, 0.25]], base=2))
    2.0
    """
    scale = base_scale(base)
    (h,), dtype, bshape, _ = _table_entropies(table, axes, None, "joint_entropy", [None],
                                              normalize, nan_policy, n_jobs)
    return _finish(h * scale, dtype, bshape)


def _given_indices(given: Any, var: tuple[int, ...], ndim: int) -> tuple[int, ...]:
    """Positions in ``var`` of the conditioning axes ``given`` (axes of the table)."""
    axes = _axis_list(given, ndim, "given", "a table")
    if not axes or any(ax not in var for ax in axes):
        raise ValueError(f"given={given!r} must name variable axes of table (variable axes: {var})")
    idx = [var.index(ax) for ax in axes]
    if len(idx) == len(var):
        raise ValueError(f"given={given!r} conditions on every variable; leave at least one out")
    return tuple(idx)


def conditional_entropy(
    table: Any,
    *,
    given: Any = 0,
    axes: Any = None,
    base: float | None = None,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> Any:
    r"""Conditional entropy of the other variables of a joint table given ``given``.

    For a 2-D table ``p[x, y]`` and the default ``given=0`` (the row variable):

    .. math:: H(Y \mid X) = -\sum_{x,y} p(x, y) \log \frac{p(x, y)}{p(x)}
              = H(X, Y) - H(X).

    ``given=1`` gives ``H(X | Y)``. In general the result is
    ``H(all variables) - H(variables on the given axes)``.

    Parameters
    ----------
    table : array-like, ndim >= 2
        Joint probabilities or counts, one axis per variable.
    given : int or tuple of int, default 0
        The axis (axes) of ``table`` of the conditioning variable(s).
    axes : tuple of int, optional
        The variable axes (default: all); other axes are a batch of tables.
    base : float, optional
        Logarithm base: None gives nats, 2 gives bits.
    normalize : bool, default True
        False refuses tables that do not sum to 1.
    nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
        NaN cells: NaN result / ValueError / zero mass.
    n_jobs : int, optional
        Threads over the tables of a batch.

    Returns
    -------
    float or ndarray
        Conditional entropy in units of ``base``, ``>= 0`` (clamped against
        rounding).

    Notes
    -----
    O(table.size) time: the joint entropy plus one marginal.

    Examples
    --------
    >>> from infokit.dist import conditional_entropy
    >>> t = [[0.25, 0.25], [0.5, 0.0]]          # p(x, y), x = row
    >>> round(float(conditional_entropy(t, base=2)), 6)  # H(Y|X) = 0.5 * 1 + 0.5 * 0
    0.5
    >>> float(conditional_entropy([[0.5, 0.0], [0.0, 0.5]]))  # Y = X
    0.0
    """
    scale = base_scale(base)
    a = _as_prob(table, "table")
    var = _table_axes(a, axes, None, "conditional_entropy")
    idx = _given_indices(given, var, a.ndim)
    (h_all, h_given), dtype, bshape, _ = _table_entropies(
        a, axes, None, "conditional_entropy", [None, idx], normalize, nan_policy, n_jobs
    )
    return _finish(np.maximum(h_all - h_given, 0.0) * scale, dtype, bshape)


def _mi_parts(table: Any, axes: Any, what: str, normalize: Any, nan_policy: Any, n_jobs: Any):
    (hxy, hx, hy), dtype, bshape, _ = _table_entropies(
        table, axes, 2, what, [None, (0,), (1,)], normalize, nan_policy, n_jobs
    )
    # 0 <= I <= min(H(X), H(Y)) in exact arithmetic; clip keeps NaN.
    mi = np.clip(hx + hy - hxy, 0.0, np.minimum(hx, hy))
    return mi, hx, hy, hxy, dtype, bshape


def mutual_info(
    table: Any,
    *,
    axes: Any = None,
    base: float | None = None,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> Any:
    r"""Mutual information of the two variables of a joint probability (or count) table.

    .. math:: I(X; Y) = \sum_{x,y} p(x, y) \log \frac{p(x, y)}{p(x) p(y)}
              = H(X) + H(Y) - H(X, Y),

    with ``X`` on the first and ``Y`` on the second variable axis. A contingency
    table of counts works as is (it is normalised), so this equals
    ``sklearn.metrics.mutual_info_score(None, None, contingency=table)``.

    Parameters
    ----------
    table : array-like, 2-D (or stacked, see ``axes``)
        ``table[x, y]`` = joint probability or count.
    axes : (int, int), optional
        The X and Y axes of a stacked table; the other axes are a batch of
        tables and the result has their shape. Default: the table must be 2-D.
    base : float, optional
        Logarithm base: None gives nats, 2 gives bits.
    normalize : bool, default True
        False refuses tables that do not sum to 1.
    nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
        NaN cells: NaN result / ValueError / zero mass.
    n_jobs : int, optional
        Threads over the tables of a batch.

    Returns
    -------
    float or ndarray
        ``I(X; Y)`` in units of ``base``, clamped into ``[0, min(H(X), H(Y))]``
        against rounding.

    Notes
    -----
    O(table.size) time: one C++ entropy pass over the table, NumPy marginals.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.dist import mutual_info
    >>> round(float(mutual_info(np.outer([0.3, 0.5, 0.2], [0.4, 0.4, 0.2]))), 12)  # independent
    0.0
    >>> float(mutual_info([[0.5, 0.0], [0.0, 0.5]], base=2))  # Y = X: one bit
    1.0
    >>> mutual_info(np.stack([np.eye(2), np.ones((2, 2))]), axes=(1, 2), base=2)
    array([1., 0.])
    """
    scale = base_scale(base)
    mi, _, _, _, dtype, bshape = _mi_parts(table, axes, "mutual_info", normalize, nan_policy, n_jobs)
    return _finish(mi * scale, dtype, bshape)


def conditional_mutual_info(
    table: Any,
    *,
    axes: Any = None,
    base: float | None = None,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> Any:
    r"""Conditional mutual information ``I(X; Y | Z)`` of a 3-D joint table ``p[x, y, z]``.

    .. math:: I(X; Y \mid Z) = \sum_{x,y,z} p(x,y,z) \log \frac{p(z)\, p(x,y,z)}{p(x,z)\, p(y,z)}
              = H(X,Z) + H(Y,Z) - H(X,Y,Z) - H(Z).

    Axis order: ``X`` first, ``Y`` second, the conditioning ``Z`` third.

    Parameters
    ----------
    table : array-like, 3-D (or stacked, see ``axes``)
        ``table[x, y, z]`` = joint probability or count.
    axes : (int, int, int), optional
        The X, Y and Z axes of a stacked table; the other axes are a batch.
    base : float, optional
        Logarithm base: None gives nats, 2 gives bits.
    normalize : bool, default True
        False refuses tables that do not sum to 1.
    nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
        NaN cells: NaN result / ValueError / zero mass.
    n_jobs : int, optional
        Threads over the tables of a batch.

    Returns
    -------
    float or ndarray
        ``I(X; Y | Z)`` in units of ``base``, clamped into
        ``[0, min(H(X|Z), H(Y|Z))]`` against rounding.

    Notes
    -----
    O(table.size) time: four entropies (joint in C++, marginals via NumPy sums).

    Examples
    --------
    X and Y are copies of a fair bit Z: given Z nothing is left to share.

    >>> import numpy as np
    >>> from infokit.dist import conditional_mutual_info
    >>> t = np.zeros((2, 2, 2)); t[0, 0, 0] = t[1, 1, 1] = 0.5
    >>> float(conditional_mutual_info(t))
    0.0

    X, Y fair independent bits and Z = X xor Y: given Z, Y determines X (1 bit).

    >>> t = np.zeros((2, 2, 2))
    >>> for x in (0, 1):
    ...     for y in (0, 1):
    ...         t[x, y, x ^ y] = 0.25
    >>> float(conditional_mutual_info(t, base=2))
    1.0
    """
    scale = base_scale(base)
    (hxyz, hxz, hyz, hz), dtype, bshape, _ = _table_entropies(
        table, axes, 3, "conditional_mutual_info", [None, (0, 2), (1, 2), (2,)],
        normalize, nan_policy, n_jobs,
    )
    upper = np.maximum(np.minimum(hxz - hz, hyz - hz), 0.0)
    cmi = np.clip(hxz + hyz - hxyz - hz, 0.0, upper)
    return _finish(cmi * scale, dtype, bshape)


def normalized_mutual_info(
    table: Any,
    *,
    average_method: str = "arithmetic",
    axes: Any = None,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> Any:
    r"""Normalised mutual information of a 2-D joint table, in [0, 1].

    .. math:: NMI = \frac{I(X; Y)}{D}, \qquad D = \begin{cases}
        \min(H(X), H(Y)) & \texttt{"min"} \\
        \sqrt{H(X) H(Y)} & \texttt{"geometric"} \text{ (alias } \texttt{"sqrt"}) \\
        (H(X) + H(Y)) / 2 & \texttt{"arithmetic"} \text{ (default)} \\
        \max(H(X), H(Y)) & \texttt{"max"} \\
        H(X, Y) & \texttt{"joint"}
        \end{cases}

    The first four match ``sklearn.metrics.normalized_mutual_info_score``'s
    ``average_method``; ``"sqrt"`` is the name of Strehl & Ghosh's NMI, the
    same number as ``"geometric"``; ``"joint"`` is ``I / H(X, Y)``
    (1 minus the normalised variation of information). Unitless (the base
    cancels).

    Degenerate tables follow scikit-learn: if both variables are constant
    (``H(X) = H(Y) = 0``) the result is 1.0; otherwise, if the denominator is 0
    (one variable constant), it is 0.0. Results are clipped into [0, 1]
    against rounding.

    Parameters
    ----------
    table : array-like, 2-D (or stacked, see ``axes``)
        ``table[x, y]`` = joint probability or count.
    average_method : {"arithmetic", "geometric", "min", "max", "joint", "sqrt"}
        The denominator, see above.
    axes : (int, int), optional
        The X and Y axes of a stacked table; the other axes are a batch.
    normalize : bool, default True
        False refuses tables that do not sum to 1.
    nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
        NaN cells: NaN result / ValueError / zero mass.
    n_jobs : int, optional
        Threads over the tables of a batch.

    Returns
    -------
    float or ndarray
        NMI in [0, 1].

    Notes
    -----
    O(table.size) time, as :func:`mutual_info`.

    Examples
    --------
    >>> from infokit.dist import normalized_mutual_info
    >>> t = [[0.5, 0.0], [0.0, 0.5]]
    >>> float(normalized_mutual_info(t))
    1.0
    >>> t = [[0.4, 0.1], [0.0, 0.5]]
    >>> round(float(normalized_mutual_info(t, average_method="min")), 6)
    0.628236
    >>> round(float(normalized_mutual_info(t, average_method="joint")), 6)
    0.448202
    """
    check_choice(average_method, "average_method", NMI_AVERAGE_METHODS)
    mi, hx, hy, hxy, dtype, bshape = _mi_parts(table, axes, "normalized_mutual_info", normalize,
                                               nan_policy, n_jobs)
    if average_method == "arithmetic":
        den = 0.5 * (hx + hy)
    elif average_method in ("geometric", "sqrt"):
        den = np.sqrt(hx * hy)
    elif average_method == "min":
        den = np.minimum(hx, hy)
    elif average_method == "max":
        den = np.maximum(hx, hy)
    else:
        den = hxy
    with np.errstate(divide="ignore", invalid="ignore"):
        nmi = np.clip(mi / den, 0.0, 1.0)
    both_constant = (hx == 0) & (hy == 0)
    nmi = np.where(den == 0, np.where(both_constant, 1.0, 0.0), nmi)
    return _finish(nmi, dtype, bshape)


def variation_of_information(
    table: Any,
    *,
    axes: Any = None,
    base: float | None = None,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> Any:
    r"""Variation of information (Meilă's VI) of a 2-D joint table.

    .. math:: VI(X, Y) = H(X \mid Y) + H(Y \mid X) = 2 H(X, Y) - H(X) - H(Y)
              = H(X, Y) - I(X; Y),

    a metric on partitions: 0 iff X and Y determine each other.

    Parameters
    ----------
    table : array-like, 2-D (or stacked, see ``axes``)
        ``table[x, y]`` = joint probability or count.
    axes : (int, int), optional
        The X and Y axes of a stacked table; the other axes are a batch.
    base : float, optional
        Logarithm base: None gives nats, 2 gives bits.
    normalize : bool, default True
        False refuses tables that do not sum to 1.
    nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
        NaN cells: NaN result / ValueError / zero mass.
    n_jobs : int, optional
        Threads over the tables of a batch.

    Returns
    -------
    float or ndarray
        VI in units of ``base``, ``>= 0``.

    Notes
    -----
    O(table.size) time, as :func:`mutual_info`.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.dist import variation_of_information
    >>> float(variation_of_information([[0.0, 0.5], [0.5, 0.0]]))  # a relabelling
    0.0
    >>> float(variation_of_information(np.full((2, 2), 0.25), base=2))  # independent bits
    2.0
    """
    scale = base_scale(base)
    (hxy, hx, hy), dtype, bshape, _ = _table_entropies(
        table, axes, 2, "variation_of_information", [None, (0,), (1,)], normalize, nan_policy, n_jobs
    )
    vi = np.maximum(hxy - hx, 0.0) + np.maximum(hxy - hy, 0.0)
    return _finish(vi * scale, dtype, bshape)
