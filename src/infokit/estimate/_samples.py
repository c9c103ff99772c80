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
* jitter against ties: ``noise * std(column) * N(0, 1)`` added to each column,
  variables in argument order, from ``random_state`` (:func:`add_jitter`);
  proportional to the spread so that shifting a column changes nothing
  (scikit-learn scales by the mean instead, scikit-learn#30772);
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

from infokit._validation import apply_nan_policy, as_float_samples, check_int, check_random_state, check_same_length

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
    "prepare",
]

# The kernels index samples with int32.
MAX_SAMPLES = 2**31 - 1


def check_sample_count(n: int, name: str = "samples") -> None:
    """The kernels index with int32: refuse more than ``MAX_SAMPLES`` rows."""
    if n > MAX_SAMPLES:
        raise ValueError(f"at most {MAX_SAMPLES} {name} are supported, got {n}")


def check_noise(noise: Any) -> float | None:
    """``noise``: None (no jitter) or a finite real >= 0, relative to each column's std."""
    if noise is None:
        return None
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not math.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be None or a finite real >= 0, got {noise!r}")
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


def jitter(arrays: list[np.ndarray], noise: float | None, random_state: Any) -> list[np.ndarray]:
    """Jitter every variable (in argument order, one generator) unless ``noise`` is None."""
    if noise is None:
        return arrays
    rng = check_random_state(random_state)
    return [add_jitter(a, noise, rng) for a in arrays]


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
    return jitter(arrs, noise, random_state), False
