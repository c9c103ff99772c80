"""NumPy twins of the histogram kernels (:mod:`infokit._kernels.histogram`).

The kernels' rule (``docs/conventions.md#Histograms``), written the plain way:
a value ``v`` of a column, compared in the dtype of its edges ``e`` (n + 1
values), is kept when ``e[0] <= v <= e[n]`` (``inclusive``; ``< e[n]``
otherwise) and falls in bin ``min(searchsorted(e, v, "right") - 1, n - 1)``,
as in :func:`numpy.histogramdd`. Joint bins are ``numpy.ravel_multi_index``
of the per-axis bins; counts and sums have one extra last entry for the
dropped samples.

Twins: ``histogram_counts``, ``histogram_weighted``, ``bin_indices``,
``flat_codes``, ``column_range``. (``axis_uniform`` reports which of two equal paths a kernel
takes; it has no twin.)
"""

from __future__ import annotations

import numpy as np

__all__ = ["histogram_counts", "histogram_weighted", "bin_indices", "flat_codes", "column_range"]


def _axis_bins(col: np.ndarray, edges: np.ndarray, inclusive: bool) -> np.ndarray:
    v = np.asarray(col).astype(edges.dtype)
    n = edges.size - 1
    keep = (v >= edges[0]) & ((v <= edges[-1]) if inclusive else (v < edges[-1]))
    idx = np.minimum(np.searchsorted(edges, v, side="right") - 1, n - 1)
    return np.where(keep, idx, -1).astype(np.int64)


def bin_indices(columns, edges, inclusive=True, try_uniform=True, n_threads=1):
    """int64 (n, d): each sample's bin on each axis, -1 where dropped."""
    cols = [_axis_bins(c, e, inclusive) for c, e in zip(columns, edges)]
    return np.stack(cols, axis=1) if cols else np.empty((0, 0), np.int64)


def flat_codes(columns, edges, inclusive=True, try_uniform=True, n_threads=1):
    """int64 (n,): joint bin in C order, -1 where any axis drops the sample."""
    idx = bin_indices(columns, edges, inclusive)
    shape = tuple(e.size - 1 for e in edges)
    bad = (idx < 0).any(axis=1)
    codes = np.ravel_multi_index(tuple(np.where(bad, 0, idx[:, k]) for k in range(idx.shape[1])), shape)
    return np.where(bad, -1, codes).astype(np.int64)


def histogram_counts(columns, edges, inclusive=True, try_uniform=True, n_threads=1):
    """int64 counts (flat, C order) plus the count of dropped samples last."""
    total = int(np.prod([e.size - 1 for e in edges]))
    codes = flat_codes(columns, edges, inclusive)
    return np.bincount(np.where(codes < 0, total, codes), minlength=total + 1).astype(np.int64)


def histogram_weighted(columns, edges, weights, block=0, inclusive=True, try_uniform=True):
    """float64 sums of weights per bin, in sample order within blocks of ``block`` samples."""
    total = int(np.prod([e.size - 1 for e in edges]))
    codes = flat_codes(columns, edges, inclusive)
    codes = np.where(codes < 0, total, codes)
    w = np.asarray(weights, dtype=np.float64)
    n = codes.size
    step = n if block <= 0 or block >= n else block
    out = np.zeros(total + 1)
    for b in range(0, n, max(step, 1)):
        out += np.bincount(codes[b : b + step], weights=w[b : b + step], minlength=total + 1)
    return out


def column_range(col, n_threads=1):
    """``(min, max, all_finite)`` of a float column: min and max ignore NaN, -0.0 reads as 0.0."""
    a = np.asarray(col)
    finite = bool(a.size) and bool(np.isfinite(a).all())
    with np.errstate(invalid="ignore"):
        lo = float(np.nanmin(a)) + 0.0 if a.size and not np.isnan(a).all() else np.inf
        hi = float(np.nanmax(a)) + 0.0 if a.size and not np.isnan(a).all() else -np.inf
    return lo, hi, finite
