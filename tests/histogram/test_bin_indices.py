"""Per-sample bin codes (infokit._histogram.bin_indices / bin_codes): the histogram, sample by sample."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_array_equal

import infokit
from infokit._histogram import bin_codes, bin_indices
from infokit.reference import histogram as ref


def test_codes_rebuild_histogramdd(rng):
    z = rng.standard_normal((5000, 3))
    z[::97, 1] = np.nan
    edges = [np.linspace(-2, 2, 9), np.linspace(-1, 3, 5), np.array([-np.inf, -0.5, 0.0, 0.5, np.inf])]
    idx = bin_indices(z, edges)
    assert idx.dtype == np.int64 and idx.shape == (5000, 3)
    assert_array_equal(idx, ref.bin_indices([z[:, k] for k in range(3)], edges))
    codes = bin_codes(z, edges, n_jobs=2)
    shape = tuple(e.size - 1 for e in edges)
    H = np.bincount(codes[codes >= 0], minlength=int(np.prod(shape))).reshape(shape)
    assert_array_equal(H, np.histogramdd(z, bins=edges)[0])
    ok = (idx >= 0).all(axis=1)
    assert_array_equal(codes >= 0, ok)
    assert_array_equal(codes[ok], np.ravel_multi_index(tuple(idx[ok].T), shape))


def test_columns_as_sequence_and_dtypes(rng):
    x = rng.integers(0, 10, 1000).astype(np.int16)
    y = rng.standard_normal(1000).astype(np.float32)[::-1]
    ex = infokit.histogram_bin_edges(x, bins=5)
    ey = infokit.histogram_bin_edges(y, bins="auto")
    idx = bin_indices([x, y], [ex, ey])
    assert_array_equal(np.bincount(idx[:, 0], minlength=5), np.histogram(x, bins=5)[0])
    assert_array_equal(np.bincount(idx[:, 1], minlength=ey.size - 1), np.histogram(y, bins="auto")[0])
    assert (idx >= 0).all()


def test_dropped_values_and_exclusive_rule():
    x = np.array([-1.0, 0.0, 0.5, 1.0, np.nan, np.inf, 2.0])
    e = [np.array([0.0, 0.5, 1.0])]
    assert_array_equal(bin_indices(x, e)[:, 0], [-1, 0, 1, 1, -1, -1, -1])
    assert_array_equal(bin_indices(x, e, right_edge="exclusive")[:, 0], [-1, 0, 1, -1, -1, -1, -1])
    assert_array_equal(bin_codes(x, e), [-1, 0, 1, 1, -1, -1, -1])


def test_permuting_codes_is_rebinning(rng):
    # What a permutation test does: permute one side's codes instead of re-binning.
    x, y = rng.standard_normal((2, 2000))
    ex, ey = np.linspace(-3, 3, 7), np.linspace(-3, 3, 5)
    perm = rng.permutation(2000)
    ix = bin_indices(x, [ex])[:, 0]
    iy = bin_indices(y, [ey])[:, 0]
    assert_array_equal(iy[perm], bin_indices(y[perm], [ey])[:, 0])
    assert_array_equal(bin_codes([x, y[perm]], [ex, ey]), np.where((ix >= 0) & (iy[perm] >= 0), ix * 4 + iy[perm], -1))
