"""Argument checks of the variational MI bounds, shared by every backend.

Pure Python (no NumPy, no torch), so ``infokit.torch`` and the NumPy bounds can
both use it and word their errors alike; see ``docs/conventions.md#Variational
bounds``.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

__all__ = ["DIRECTIONS", "check_direction", "check_probability", "check_clip", "check_momentum", "check_shape"]

#: Which side of S[i, j] = f(x_i, y_j) InfoNCE classifies: each x_i among the
#: y_j ("rows", the usual form), each y_j among the x_i ("columns"), or the mean.
DIRECTIONS = ("rows", "columns", "symmetric")


def check_direction(direction: Any) -> str:
    if not isinstance(direction, str) or direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, got {direction!r}")
    return direction


def _real(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    return float(value)


def check_probability(value: Any, name: str) -> float:
    """A real number in [0, 1] (the interpolation weight ``alpha``)."""
    v = _real(value, name)
    if not 0.0 <= v <= 1.0:
        raise ValueError(f"{name} must lie in [0, 1], got {v}")
    return v


def check_clip(clip: Any) -> float | None:
    """SMILE's clipping threshold tau: None (no clipping) or a positive number."""
    if clip is None:
        return None
    v = _real(clip, "clip")
    if not v > 0 or math.isnan(v):
        raise ValueError(f"clip must be positive (or None for no clipping), got {v}")
    return v


def check_momentum(momentum: Any) -> float:
    """An exponential moving average's decay, in [0, 1)."""
    v = _real(momentum, "momentum")
    if not 0.0 <= v < 1.0:
        raise ValueError(f"momentum must lie in [0, 1), got {v}")
    return v


def check_shape(shape: tuple[int, ...], name: str, *, negatives: bool, square: bool, bound: str) -> tuple[int, int]:
    """(N, M) of a score matrix S[i, j] = f(x_i, y_j) whose diagonal holds the N positive pairs.

    ``M >= N`` (columns beyond N are extra negatives); ``square`` refuses them;
    ``negatives`` needs at least one off-diagonal pair (so a 1 x 1 matrix fails).
    """
    if len(shape) != 2:
        raise ValueError(f"{name} must be a 2-D score matrix S[i, j] = f(x_i, y_j), got shape {tuple(shape)}")
    n, m = int(shape[0]), int(shape[1])
    if n == 0:
        raise ValueError(f"{name} is empty (shape {tuple(shape)}): {bound} needs at least one positive pair")
    if m < n:
        raise ValueError(
            f"{name} has shape ({n}, {m}): the diagonal S[i, i] holds the positive pairs, so it needs at "
            f"least as many columns (y_j) as rows (x_i); did you pass the transpose?"
        )
    if square and m != n:
        raise ValueError(f"{bound} needs a square score matrix, got shape ({n}, {m})")
    if negatives and n * m - n == 0:
        raise ValueError(f"{bound} needs off-diagonal (negative) pairs; a {n} x {m} score matrix has none")
    return n, m
