"""Input preparation for :mod:`infokit.dist` and the one call into the row kernels.

Probability arrays are validated and kept in their dtype, the reduced axes are
normalised, the inputs broadcast and viewed as (n_rows, n_cols) blocks (a copy
only when no view exists), one kernel of :mod:`infokit._kernels.table` runs over
the rows, and what it flagged (negative, NaN, inf, overflowing entries, zero or
non-unit sums) becomes an error or a NaN according to ``nan_policy``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import NDArray

from infokit._kernels import table as _k
from infokit._validation import NAN_POLICIES, check_bool, check_choice, resolve_n_jobs, to_numpy

__all__ = [
    "FloatResult",
    "as_prob",
    "work_dtype",
    "axis_list",
    "norm_axis",
    "broadcast_shape",
    "to_rows",
    "js_weights",
    "table_axes",
    "given_indices",
    "reduce_rows",
    "clamp",
    "finish",
]

# What a public measure returns: a float (a NumPy float32 / float64 scalar) for
# one slice, an array of them for a batch.
FloatResult: TypeAlias = float | np.floating[Any] | NDArray[np.floating[Any]]

# Tolerances of normalize=False on |sum - 1| (relative to 1).
_SUM_TOL_SINGLE = 1e-6
_SUM_TOL_DOUBLE = 1e-9


# ----------------------------------------------------------------------------
# Arrays, axes, shapes
# ----------------------------------------------------------------------------


def as_prob(x: Any, name: str) -> np.ndarray:
    """Array of probabilities / counts, kept in its dtype; TypeError for non-numeric data."""
    a = to_numpy(x)
    if a.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers (bool, int or float), got dtype {a.dtype}")
    if a.ndim == 0:
        raise ValueError(f"{name} must have at least one dimension, got a scalar")
    return a


def work_dtype(arrays: Sequence[np.ndarray]) -> np.dtype:
    """float32 when the inputs promote to float16/float32, float64 otherwise."""
    rt = np.result_type(*arrays)
    return np.dtype(np.float32) if rt in (np.float16, np.float32) else np.dtype(np.float64)


def axis_list(axis: Any, ndim: int, name: str, what: str = "an input") -> list[int]:
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


def norm_axis(axis: Any, ndim: int) -> tuple[int, ...]:
    """Sorted reduced axes; ``None`` means all of them."""
    if axis is None:
        return tuple(range(ndim))
    out = axis_list(axis, ndim, "axis")
    if not out:
        raise ValueError(f"axis must name at least one axis, got {axis!r}")
    return tuple(sorted(out))


def broadcast_shape(arrays: Sequence[np.ndarray], names: Sequence[str]) -> tuple[int, ...]:
    """The common shape of ``arrays``; ValueError listing every shape when there is none."""
    first = arrays[0].shape
    if all(a.shape == first for a in arrays):
        return first
    try:
        return np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        desc = ", ".join(f"{n}: {a.shape}" for n, a in zip(names, arrays))
        raise ValueError(f"input shapes do not broadcast together ({desc})") from None


def to_rows(a: np.ndarray, shape: tuple[int, ...], axes: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
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


def js_weights(weights: Any, k: int) -> np.ndarray:
    """Mixture weights of a Jensen–Shannon divergence of ``k`` distributions, summing to 1."""
    if weights is None:
        return np.full(k, 1.0 / k)
    w = to_numpy(weights)
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


def table_axes(a: np.ndarray, axes: Any, n_vars: int | None, what: str) -> tuple[int, ...]:
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
    out = axis_list(axes, a.ndim, "axes", "a table")
    if n_vars is not None and len(out) != n_vars:
        raise ValueError(f"axes must name {n_vars} axes for {what}, got {axes!r}")
    if len(out) < 2:
        raise ValueError(f"axes must name at least two axes for {what}, got {axes!r}")
    return tuple(out)


def given_indices(given: Any, var: tuple[int, ...], ndim: int) -> tuple[int, ...]:
    """Positions in ``var`` of the conditioning axes ``given`` (axes of the table)."""
    axes = axis_list(given, ndim, "given", "a table")
    if not axes or any(ax not in var for ax in axes):
        raise ValueError(f"given={given!r} must name variable axes of table (variable axes: {var})")
    idx = [var.index(ax) for ax in axes]
    if len(idx) == len(var):
        raise ValueError(f"given={given!r} conditions on every variable; leave at least one out")
    return tuple(idx)


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


def _call(
    kind: str, rows: list[np.ndarray], weights: np.ndarray | None, n_threads: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
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


def reduce_rows(
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
    normalize = check_bool(normalize, "normalize")
    check_choice(nan_policy, "nan_policy", NAN_POLICIES)
    n_threads = resolve_n_jobs(n_jobs)
    arrs = [as_prob(a, n) for a, n in zip(arrays, names)]
    shape = broadcast_shape(arrs, names)
    axes = norm_axis(axis, len(shape))
    dtype = work_dtype(arrs)
    batch_shape = tuple(s for i, s in enumerate(shape) if i not in axes)
    rows = [to_rows(a, shape, axes, dtype) for a in arrs]
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


def clamp(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Clamp into [lo, hi] in place; NaN (propagated slices) stays NaN."""
    np.maximum(values, lo, out=values)
    if hi < np.inf:
        np.minimum(values, hi, out=values)
    return values


def finish(
    values: np.ndarray,
    dtype: np.dtype,
    batch_shape: tuple[int, ...],
    axes: tuple[int, ...] = (),
    keepdims: bool = False,
) -> Any:
    """Shape the per-slice values as the batch, in the result dtype; a scalar for one slice."""
    res = values.reshape(batch_shape)
    if keepdims:
        res = np.expand_dims(res, axes)
    res = res.astype(dtype, copy=False)
    return res[()] if res.ndim == 0 else res
