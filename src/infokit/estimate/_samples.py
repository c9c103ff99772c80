"""Preparation of continuous samples: the one home of every sample-level check.

Every estimator that takes real-valued samples (the kNN family today; the
histogram, Gaussian and copula families next) prepares them here, so the rules
are written once:

* shapes: (n,) is one variable, (n, d) one d-dimensional variable; all
  variables of one estimate have the same n (:func:`prepare`);
* ``nan_policy``: "raise", "omit" (drop every row in which any variable is
  non-finite) or "propagate" (the caller returns NaN);
* finite span: finite values so far apart that a difference overflows float64
  have no finite distances and are refused (:func:`check_span`);
* the tie contract of every kNN estimator (:func:`jitter`). kNN estimators
  assume continuous data; tied values read as dependence (copies of a point
  are each other's zero-distance neighbours) and give -inf entropies. With
  ``noise="auto"``, the default, ties are detected up front, column by column
  (one sort), and each tied column is *dequantised*: ``x + delta * (U - 1/2)``
  with ``delta`` its resolution (the smallest gap between its distinct
  values) and U uniform, seeded by ``random_state``; tie-free columns are
  untouched. One :class:`~infokit.TiesWarning` names the tied columns that
  look discrete (at most ``max(20, n // 10)`` distinct values,
  :func:`looks_discrete`); rounded measurements with a few repeats are spread
  silently. The spread never crosses into a neighbouring value's cell, so
  ``round``-ing recovers the data: for values on a grid the MI is exactly
  unchanged (I(X + U; Y) = I(X; Y) for U independent), and a differential
  entropy becomes H(X) + log delta, that of the spread values. Scaling by the
  resolution rather than the spread is what makes that hold: a jitter of
  1e-10 of the std leaves clusters that density estimators read as near
  point masses. An explicit float ``noise`` adds ``noise * std(column) *
  N(0, 1)`` to every column without a warning (proportional to the spread so
  that shifting a column changes nothing; scikit-learn scales by the mean,
  scikit-learn#30772); ``noise=None`` keeps the ties, and the estimators warn
  about any zero radius;
* comparable spreads for the kNN searches: each column times the power of two
  nearest ``1 / std``, exact (:func:`power_of_two_scale`);
* ``k`` against the neighbour candidates: ``1 <= k <= n - 1 - 2 * theiler``
  (:func:`check_k`);
* constant variables carry no information (:func:`is_constant`).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from infokit._validation import (
    TiesWarning,
    apply_nan_policy,
    as_float_samples,
    check_int,
    check_random_state,
    check_same_length,
    shown,
    warn,
)

__all__ = [
    "MAX_SAMPLES",
    "add_jitter",
    "check_k",
    "check_noise",
    "check_sample_count",
    "check_span",
    "check_variant",
    "is_constant",
    "jitter",
    "power_of_two_scale",
    "looks_discrete",
    "prepare",
]

# The kernels index samples with int32.
MAX_SAMPLES = 2**31 - 1


def check_sample_count(n: int, name: str = "samples") -> None:
    """The kernels index with int32: refuse more than ``MAX_SAMPLES`` rows."""
    if n > MAX_SAMPLES:
        raise ValueError(f"at most {MAX_SAMPLES} {name} are supported, got {n}")


def check_noise(noise: Any) -> float | str | None:
    """``noise``: "auto" (jitter tied columns), None (no jitter) or a finite real >= 0."""
    if noise is None or (isinstance(noise, str) and noise == "auto"):
        return noise
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not math.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be 'auto', None or a finite real >= 0, got {noise!r}")
    return float(noise)


def check_variant(variant: Any) -> int:
    """``variant`` of the KSG family: estimator 1 or 2."""
    if isinstance(variant, bool) or variant not in (1, 2):
        raise ValueError(f"variant must be 1 or 2, got {variant!r}")
    return int(variant)


def check_k(k: Any, n: int, theiler: int = 0, *, name: str = "k") -> int:
    """``k`` neighbours among the candidates: ``1 <= k <= n - 1 - 2 * theiler``.

    Each point has ``n - 1`` other samples, of which a Theiler window removes up
    to ``2 * theiler`` (those with ``0 < |i - j| <= theiler``).
    """
    k = check_int(k, name, minimum=1)
    candidates = n - 1 - 2 * theiler
    if k > candidates:
        extra = f" with theiler={theiler}" if theiler else ""
        raise ValueError(
            f"{name}={k} needs more samples: each point has only {max(candidates, 0)} neighbour "
            f"candidates (n={n}{extra}); use a smaller {name} or more samples"
        )
    return k


def check_span(arrays: Sequence[np.ndarray], names: Sequence[str]) -> None:
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


def add_jitter(a: np.ndarray, noise: float, rng: np.random.Generator, *, std: Any = None) -> np.ndarray:
    """``a + noise * std * N(0, 1)``, column by column, as a new contiguous array.

    ``std`` defaults to each column's standard deviation; a caller that has just
    scaled the column to unit spread passes ``std=1.0``.
    """
    scale = noise * (a.std(axis=0) if std is None else std)
    return np.ascontiguousarray(a + scale * rng.standard_normal(a.shape))


def _ties_and_resolution(col: np.ndarray) -> tuple[int, float]:
    """How many values of ``col`` repeat an earlier one, and its resolution.

    The resolution is the smallest positive gap between distinct values (0.0
    for a constant column), never below a few ULPs of the largest value, so
    that a spread over it is never rounded away. One sort for both.
    """
    s = np.sort(col)
    same = s[1:] == s[:-1]
    if not same.any():  # the common case for continuous data: one sort and one pass
        return 0, 0.0
    ties = int(np.count_nonzero(same))
    gaps = np.diff(s)
    positive = gaps[gaps > 0]
    if not positive.size:
        return ties, 0.0
    return ties, max(float(positive.min()), 4.0 * float(np.spacing(np.abs(s[[0, -1]]).max())))


def _column_name(name: str, j: int, d: int) -> str:
    return name if d == 1 else f"{name}[:, {j}]"


def _dequantize(arrays: list[np.ndarray], names: Sequence[str], random_state: Any, pooled: bool) -> list[np.ndarray]:
    """``noise="auto"``: spread each tied column uniformly over its resolution cell.

    With ``pooled`` (two samples of one variable, as for a KL divergence) ties
    and resolution are those of the samples together, so both are spread alike.
    """
    groups: list[list[int]] = [list(range(len(arrays)))] if pooled else [[i] for i in range(len(arrays))]
    out = list(arrays)
    rng: np.random.Generator | None = None
    reports: list[str] = []
    for group in groups:
        d = arrays[group[0]].shape[1]
        for j in range(d):
            col = np.concatenate([arrays[i][:, j] for i in group]) if pooled else arrays[group[0]][:, j]
            ties, step = _ties_and_resolution(col)
            if not ties or step == 0.0:  # a constant column carries no information: the estimators return 0
                continue
            if rng is None:
                rng = check_random_state(random_state)
            for i in group:
                if out[i] is arrays[i]:
                    out[i] = np.array(arrays[i], dtype=np.float64, order="C", copy=True)
                with np.errstate(over="ignore"):
                    out[i][:, j] += step * (rng.random(len(out[i])) - 0.5)
                if not np.isfinite(out[i][:, j]).all():  # values within half a step of the float64 limit
                    raise ValueError(
                        f"the values of {names[i]} are too close to the float64 limit to spread their ties; rescale "
                        "the data"
                    )
            n = len(col)
            if looks_discrete(n, n - ties):
                label = " and ".join(names[i] for i in group) if pooled else names[group[0]]
                reports.append(
                    f"{_column_name(label, j, d)} ({n - ties} distinct values in {n}; resolution {step:.3g})"
                )
    if reports:
        warn(
            f"discrete-looking data in {', '.join(reports)}: kNN estimators read ties as dependence, so each tied "
            "column was spread uniformly over its resolution (the smallest gap between its distinct values), "
            "seeded by random_state. This leaves the MI of discrete values unchanged; a differential entropy "
            "becomes that of the spread values. If these are labels, a discrete method ('discrete', or 'ross' / "
            "'gkov' for mixed pairs) estimates without noise; pass noise=None to keep the ties, or a float noise "
            "to jitter every column by noise x its standard deviation without this warning.",
            TiesWarning,
        )
    return out


def looks_discrete(n: int, distinct: int) -> bool:
    """A column of n values with this few distinct ones reads as discrete: at most max(20, n // 10).

    Rounded measurements (most values distinct, a few repeats) are spread
    silently; a column this coarse is announced, since its user may have
    meant a discrete method.
    """
    return distinct <= max(20, n // 10)


def jitter(
    arrays: list[np.ndarray],
    noise: float | str | None,
    random_state: Any,
    names: Sequence[str] = (),
    *,
    pooled: bool = False,
) -> list[np.ndarray]:
    """Apply the tie contract of ``noise`` to every variable, in argument order, from one generator.

    ``"auto"`` spreads the tied columns only, each over its resolution (with
    one warning naming those that look discrete); a float jitters every
    column by ``noise * std(column)``; None changes nothing. ``names`` name the variables in the
    warning; ``pooled`` treats the arrays as samples of one variable.
    """
    if noise is None:
        return arrays
    if noise == "auto":
        labels = [shown(nm) for nm in names] or [f"variables[{i}]" for i in range(len(arrays))]
        return _dequantize(arrays, labels, random_state, pooled)
    rng = check_random_state(random_state)
    return [add_jitter(a, float(noise), rng) for a in arrays]


def power_of_two_scale(arrays: list[np.ndarray], *, pooled: bool = False) -> tuple[list[np.ndarray], np.ndarray]:
    """Each column times the power of two nearest ``1 / std``: exact, and comparable scales.

    kNN estimators search the max-norm (or Euclidean) ball of the joint space,
    so a column measured in thousands beside one in thousandths leaves the
    small one without neighbours: KSG then returns ~0 for a strong dependence
    (diabetes' bmi against its target: 0.002 nats, scikit-learn 0.18, which
    scales to unit variance). MI is unchanged by scaling a coordinate; a
    power of two is exact, so ties, ranks and the tie contract are unchanged,
    and columns near unit spread (factor 1) are used bit for bit as given.
    Returns the scaled arrays and the exponents e (``x * 2**e``), one per
    column of the concatenated variables, for estimators that must undo the
    scale (a differential entropy adds ``-sum(e) * log 2``). With ``pooled``
    the arrays are samples of one variable and share one exponent per column.
    The spread is measured on at most 65536 evenly spaced rows (a factor of
    two is all the precision an exponent needs; deterministic for any n).
    """
    if pooled:
        stacked = np.concatenate(arrays)
        exps = _exponents(stacked)
        return [np.ldexp(a, exps) if exps.any() else a for a in arrays], exps
    out, all_exps = [], []
    for a in arrays:
        e = _exponents(a)
        out.append(np.ldexp(a, e) if e.any() else a)
        all_exps.append(e)
    return out, np.concatenate(all_exps) if all_exps else np.zeros(0, dtype=np.int64)


# Rows the spread is measured on: an exponent needs the std to within a factor
# of about sqrt(2), which evenly spaced rows give at any n, in microseconds.
_SPREAD_ROWS = 1 << 16


def _exponents(a: np.ndarray) -> np.ndarray:
    """``-round(log2(std))`` per column (0 for a constant or an infinite spread)."""
    rows = a[:: max(1, len(a) // _SPREAD_ROWS)]
    with np.errstate(over="ignore", invalid="ignore"):
        # The std of values beyond ~1e154 overflows in its squares: scale by the max first.
        top = np.max(np.abs(rows), axis=0) if len(rows) else np.ones(a.shape[1])
        safe = np.where(top > 0, top, 1.0)
        std = np.std(rows / safe, axis=0) * safe
    good = np.isfinite(std) & (std > 0)
    e = np.zeros(a.shape[1], dtype=np.int64)
    e[good] = -np.round(np.log2(std[good])).astype(np.int64)
    if len(rows) < len(a):
        for j in np.flatnonzero(~good):  # constant on the sampled rows: measure the whole column
            e[j] = _exact_exponent(a[:, j])
    return e


def _exact_exponent(col: np.ndarray) -> int:
    with np.errstate(over="ignore", invalid="ignore"):
        top = float(np.max(np.abs(col)))
        std = float(np.std(col / top)) * top if top > 0 else 0.0
    return -round(math.log2(std)) if math.isfinite(std) and std > 0 else 0


def is_constant(a: np.ndarray) -> bool:
    """True when every row equals the first (the variable carries no information)."""
    return bool(len(a) == 0 or (a == a[0]).all())


def prepare(
    arrays: Sequence[Any],
    names: Sequence[str],
    *,
    nan_policy: str,
    noise: Any,
    random_state: Any,
) -> tuple[list[np.ndarray], bool]:
    """Validated, jittered float64 C-contiguous (n, d) arrays of equal length.

    Returns ``(arrays, has_nan)``; with ``has_nan`` (``nan_policy="propagate"``
    and a non-finite value) the arrays are returned unchecked and unjittered and
    the caller returns NaN.
    """
    noise = check_noise(noise)
    arrs = [as_float_samples(a, nm) for a, nm in zip(arrays, names)]
    check_same_length(arrs, names)
    arrs, has_nan = apply_nan_policy(arrs, names, nan_policy)
    if has_nan:
        return arrs, True
    arrs = [np.ascontiguousarray(a, dtype=np.float64) for a in arrs]
    check_span(arrs, names)
    check_sample_count(len(arrs[0]))
    return jitter(arrs, noise, random_state, names), False
