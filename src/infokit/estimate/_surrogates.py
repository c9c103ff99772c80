"""Surrogate schemes for significance tests on serially dependent data.

A null model re-pairs y as ``y[perm]`` (see :mod:`._significance`), so every
scheme here is a way of drawing ``perm``:

* ``"iid"``: ``rng.permutation(n)``, the classical shuffle (valid for i.i.d. rows);
* ``"block"``: the contiguous blocks ``[0, b), [b, 2b), ...`` (the last one
  shorter when ``b`` does not divide ``n``) in a random order, each block
  keeping its internal order;
* ``"circular"``: ``y`` rotated by a random offset ``s`` in
  ``[min_shift, n - min_shift]``, ``perm = (arange(n) + s) % n``.

The automatic block size (:func:`default_block_size`) comes from the
autocorrelation of both series (see ``docs/conventions.md#Significance``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from infokit._validation import check_choice, check_int, to_numpy, warn

__all__ = ["SURROGATES", "Surrogate", "default_block_size"]

SURROGATES = ("iid", "block", "circular")

_INV_E = math.exp(-1.0)


def _columns(a: Any) -> list[np.ndarray]:
    """The columns of samples or labels as float vectors (labels as integer codes)."""
    try:
        arr = to_numpy(a)
    except TypeError as exc:  # masked entries: the estimator gives the real message
        raise ValueError(f"cannot read the samples to choose a block size ({exc}); pass block_size") from exc
    if arr.ndim == 0:
        raise ValueError("samples must be at least 1-D; pass block_size")
    arr = arr.reshape(len(arr), -1)
    cols = []
    for j in range(arr.shape[1]):
        col = arr[:, j]
        if col.dtype.kind in "biuf":
            cols.append(col.astype(np.float64))
        else:  # labels: their codes persist as long as the labels do
            codes: dict[Any, int] = {}
            cols.append(np.array([codes.setdefault(v, len(codes)) for v in col.tolist()], dtype=np.float64))
    return cols


def _efold_lag(col: np.ndarray, max_lag: int) -> int:
    """First lag h >= 1 at which the sample autocorrelation falls below 1/e (``max_lag + 1`` if none does).

    NaN entries count as the mean; a constant column has no memory (lag 1).
    """
    finite = np.isfinite(col)
    z = np.where(finite, col, 0.0)
    z = np.where(finite, z - (z[finite].mean() if finite.any() else 0.0), 0.0)
    n = len(z)
    var = float(z @ z)
    if n < 2 or var == 0.0:
        return 1
    size = 1 << (2 * n - 1).bit_length()  # zero padding: a linear, not circular, correlation
    f = np.fft.rfft(z, size)
    acf = np.fft.irfft(f * np.conj(f), size)[: max_lag + 1] / var
    below = np.flatnonzero(acf[1:] < _INV_E)
    return int(below[0]) + 1 if below.size else max_lag + 1


def _memory_block_size(x: Any, y: Any, n: int) -> tuple[int, int, bool]:
    """``(b, tau, capped)`` of the rule in :func:`default_block_size`."""
    cap = max(1, n // 5)
    tau = max([_efold_lag(c, cap) for a in (x, y) for c in _columns(a)] or [1])
    b = max(math.ceil(round(n ** (1.0 / 3.0), 9)), 2 * tau)
    return min(b, cap), tau, tau > cap


def default_block_size(x: Any, y: Any, n: int, *, warn_capped: bool = True) -> int:
    """The automatic block size (and default ``min_shift``) for ``n`` rows of ``x`` and ``y``.

    ``b = max(ceil(n ** (1/3)), 2 * tau)``, where ``tau`` is the largest, over
    every column of x and y, first lag at which the sample autocorrelation
    falls below 1/e (the e-folding time: 9.5 rows for an AR(1) with phi =
    0.9), capped at ``n // 5`` so that at least 5 blocks (120 orders) remain.
    ``warn_capped`` warns when even ``tau`` exceeds the cap: blocks shorter
    than the memory make a block test reject too often.
    """
    b, tau, capped = _memory_block_size(x, y, n)
    if capped and warn_capped:
        warn(
            f"the series' memory (autocorrelation above 1/e up to lag {tau - 1}) is long for n={n}: the block "
            f"size is capped at n // 5 = {b}, shorter than that memory, so the test may reject too often; "
            "use surrogate='circular' or a longer series",
            UserWarning,
        )
    return b


class Surrogate:
    """Draws the permutations ``perm`` of one scheme (``y`` is re-paired as ``y[perm]``)."""

    def __init__(self, scheme: str, n: int, x: Any, y: Any, *, block_size: Any = None, min_shift: Any = None) -> None:
        self.scheme = check_choice(scheme, "surrogate", SURROGATES)
        self.n = n
        if block_size is not None and scheme != "block":
            raise ValueError(f"block_size applies to surrogate='block' only, got surrogate={scheme!r}")
        if min_shift is not None and scheme != "circular":
            raise ValueError(f"min_shift applies to surrogate='circular' only, got surrogate={scheme!r}")
        if scheme == "block":
            if block_size is None:
                self.block_size = default_block_size(x, y, n)
            else:
                self.block_size = check_int(block_size, "block_size", minimum=1)
                if self.block_size > n:
                    raise ValueError(f"block_size must be <= n = {n} (the number of rows), got {self.block_size}")
            starts = np.arange(0, n, self.block_size, dtype=np.int64)
            self._starts = starts
            self._lengths = np.minimum(self.block_size, n - starts)
        elif scheme == "circular":
            if min_shift is None:
                self.min_shift = default_block_size(x, y, n, warn_capped=False)
            else:
                self.min_shift = check_int(min_shift, "min_shift", minimum=1)
            if 2 * self.min_shift > n:
                raise ValueError(
                    f"min_shift must be <= n // 2 = {n // 2} so that a shift in [min_shift, n - min_shift] "
                    f"exists, got min_shift={self.min_shift} for n={n}"
                )

    def draw(self, rng: np.random.Generator) -> NDArray[np.int64]:
        """One permutation of ``arange(n)``."""
        n = self.n
        if self.scheme == "iid":
            return rng.permutation(n)
        if self.scheme == "block":
            order = rng.permutation(len(self._starts))
            starts, lengths = self._starts[order], self._lengths[order]
            placed = np.cumsum(lengths) - lengths  # where each block lands
            return np.repeat(starts - placed, lengths) + np.arange(n, dtype=np.int64)
        shift = int(rng.integers(self.min_shift, n - self.min_shift + 1))
        return (np.arange(n, dtype=np.int64) + shift) % n
