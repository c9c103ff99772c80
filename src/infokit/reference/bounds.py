"""NumPy / SciPy twins of :mod:`infokit._kernels.bounds` (masked log-sum-exp).

Twins
-----
``lse_axis``
    ``infokit._kernels.bounds.lse_axis``: log-sum-exp (or log-mean-exp) of each
    row (axis 1) or column (axis 0).
``lse_all``
    ``infokit._kernels.bounds.lse_all``: the same over the whole matrix.

Regions are the kernels' ints: 0 = every entry, 1 = every entry but
``S[i, i]`` (i < min(N, M)). Masking is done with ``numpy.where`` (never
``S - inf * eye``, which turns the off-diagonal into NaN), the sums by
:func:`scipy.special.logsumexp`, imported on first use so that importing this
module stays cheap. Special values follow the kernels' header: NaN in a slice
gives NaN, else +inf gives +inf, else an all -inf slice gives -inf.
"""

from __future__ import annotations

import numpy as np

__all__ = ["lse_axis", "lse_all"]


def _masked(s: np.ndarray, region: int) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(s, dtype=np.float64)
    keep = np.ones(a.shape, dtype=bool)
    if region == 1:
        k = min(a.shape)
        keep[np.arange(k), np.arange(k)] = False
    elif region != 0:
        raise ValueError(f"unknown region {region}")
    return np.where(keep, a, -np.inf), keep


def _lse(a: np.ndarray, axis: int | None) -> np.ndarray:
    from scipy.special import logsumexp

    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.asarray(logsumexp(a, axis=axis))
    # SciPy gives NaN for a slice holding +inf and -inf entries (inf - inf); the
    # kernels give +inf there (NaN slices stay NaN).
    nan = np.isnan(a).any(axis=axis)
    posinf = np.isposinf(a).any(axis=axis)
    return np.where(nan, np.nan, np.where(posinf, np.inf, out))


def lse_axis(s: np.ndarray, axis: int, region: int = 0, mean: bool = False) -> np.ndarray:
    """Log-sum-exp (``mean``: log-mean-exp) of each row (axis 1) or column (axis 0) of ``s`` over ``region``."""
    a, keep = _masked(s, region)
    out = _lse(a, axis)
    if mean:
        out = out - np.log(keep.sum(axis=axis))
    return out


def lse_all(s: np.ndarray, region: int = 0, mean: bool = False) -> float:
    """Log-sum-exp (``mean``: log-mean-exp) over every entry of ``s`` in ``region``."""
    a, keep = _masked(s, region)
    out = float(_lse(a, None))
    if mean and np.isfinite(out):
        out -= float(np.log(np.int64(keep.sum())))
    return out
