"""Bin rules (infokit._binning): NumPy's rules give NumPy's edges; "quantile" and "knuth" as documented."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_array_equal

import infokit

NUMPY_RULES = ["auto", "fd", "doane", "scott", "stone", "rice", "sturges", "sqrt"]


def _data(kind, n, seed, dtype):
    rng = np.random.default_rng(seed)
    x = {
        "normal": rng.standard_normal(n) * 3 + 1,
        "skewed": rng.exponential(2.0, n),
        "ties": rng.integers(0, 4, n).astype(float),
        "wide": rng.standard_normal(n) * 1e6,
    }[kind]
    if np.dtype(dtype).kind == "i":
        x = np.round(x * 10)
    return x.astype(dtype)


@pytest.mark.filterwarnings("ignore:The number of bins estimated may be suboptimal:RuntimeWarning")
@pytest.mark.hypothesis
@given(
    st.sampled_from(NUMPY_RULES),
    st.sampled_from(["normal", "skewed", "ties", "wide"]),
    st.integers(1, 600),
    st.integers(0, 2**32 - 1),
    st.sampled_from([np.float64, np.float32, np.int64, np.int16]),
    st.booleans(),
)
def test_numpy_rules_give_numpy_edges(rule, kind, n, seed, dtype, with_range):
    x = _data(kind, n, seed, dtype)
    rg = (float(np.percentile(x, 10)), float(np.percentile(x, 90))) if with_range else None
    want = np.histogram_bin_edges(x, bins=rule, range=rg)
    got = infokit.histogram_bin_edges(x, bins=rule, range=rg)
    assert got.dtype == want.dtype
    assert_array_equal(got, want)
    counts, edges = infokit.histogram(x, bins=rule, range=rg)
    assert_array_equal(edges, want)
    assert_array_equal(counts, np.histogram(x, bins=rule, range=rg)[0])


def test_int_and_explicit_edges_like_numpy():
    x = np.arange(10)
    for bins in (1, 3, np.int64(7), [0, 2, 9], np.array([0.5, 1.5, 4.0], np.float32)):
        got = infokit.histogram_bin_edges(x, bins)
        want = np.histogram_bin_edges(x, bins)
        assert got.dtype == want.dtype
        assert_array_equal(got, want)


def test_empty_data_rules_like_numpy():
    for rule in NUMPY_RULES:
        assert_array_equal(infokit.histogram_bin_edges([], rule), np.histogram_bin_edges([], rule))


# ----------------------------------------------------------------- quantile


def test_quantile_equal_frequency():
    x = np.random.default_rng(0).standard_normal(10_000)
    edges = infokit.histogram_bin_edges(x, "quantile")
    k = math.ceil(math.log2(x.size) + 1)
    assert edges.size == k + 1 and edges[0] == x.min() and edges[-1] == x.max()
    assert_array_equal(edges, np.quantile(x, np.linspace(0, 1, k + 1)))
    counts = infokit.histogram(x, bins="quantile")[0]
    assert counts.sum() == x.size and counts.max() - counts.min() <= 2


def test_quantile_ties_merged():
    x = np.array([0.0] * 90 + list(range(1, 11)), float)
    edges = infokit.histogram_bin_edges(x, "quantile")
    assert np.all(np.diff(edges) > 0)  # duplicate quantiles (all the 0s) merged
    assert edges[0] == 0.0 and edges[-1] == 10.0
    assert_array_equal(infokit.histogram_bin_edges(np.full(5, 2.0), "quantile"), [1.5, 2.5])


def test_quantile_with_range():
    x = np.arange(100.0)
    edges = infokit.histogram_bin_edges(x, "quantile", range=(10, 50))
    assert edges[0] == 10 and edges[-1] == 50
    assert np.all(np.diff(edges) > 0)


# -------------------------------------------------------------------- knuth


def _knuth_plain(x):
    """Knuth's log posterior (astropy's knuth_bin_width formula), maximised by brute force with np.histogram."""
    from scipy.special import gammaln

    n = x.size
    best_m, best = 1, -np.inf
    for m in range(1, max(100, int(np.sqrt(n))) + 1):
        nk = np.histogram(x, bins=m)[0]
        logp = n * np.log(m) + gammaln(m / 2) - m * gammaln(0.5) - gammaln(n + m / 2) + np.sum(gammaln(nk + 0.5))
        if logp > best:
            best_m, best = m, logp
    return best_m


@pytest.mark.parametrize("kind,n", [("normal", 200), ("normal", 5000), ("skewed", 1000), ("ties", 300)])
def test_knuth_matches_plain_implementation(kind, n):
    x = _data(kind, n, 7, np.float64)
    edges = infokit.histogram_bin_edges(x, "knuth")
    m = _knuth_plain(x)
    assert edges.size == m + 1
    assert_array_equal(edges, np.linspace(x.min(), x.max(), m + 1))


def test_knuth_bins_grow_with_n():
    small = infokit.histogram_bin_edges(_data("normal", 100, 1, np.float64), "knuth").size
    large = infokit.histogram_bin_edges(_data("normal", 20_000, 1, np.float64), "knuth").size
    assert 2 <= small < large
