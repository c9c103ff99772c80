"""infokit.histogram / histogram2d / histogramdd against NumPy: the same counts, edges and dtypes.

Property tests draw data from a pool that makes edge cases common: the bin
edges themselves, their float neighbours (1 ULP either side), NaN, +-inf and
out-of-range values, in float32, float64 and integer dtypes, through
contiguous, strided, negative-stride and unaligned views
(docs/conventions.md#Histograms).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

import infokit

pytestmark = pytest.mark.hypothesis

FLOATS = [np.float64, np.float32]
INTS = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]


def _view(a, kind):
    if kind == "strided":
        return np.repeat(a, 3)[1::3]
    if kind == "reversed":
        return a[::-1].copy()[::-1]
    if kind == "unaligned":
        buf = np.zeros(a.nbytes + 1, np.uint8)
        u = np.frombuffer(buf[1:].data, dtype=a.dtype, count=a.size)
        u[...] = a
        return u
    return a


def _agree(ours, numpy):
    """Same result as NumPy, or a ValueError where NumPy raises one (too many bins for a tiny range ...)."""
    try:
        with np.errstate(all="ignore"):
            want = numpy()
    except ValueError:
        with pytest.raises(ValueError):
            ours()
        return
    with np.errstate(all="ignore"):
        _same(ours(), want)


def _same(got, want):
    assert got[0].dtype == want[0].dtype, (got[0].dtype, want[0].dtype)
    assert_array_equal(got[0], want[0])
    for g, w in zip(got[1:], want[1:]):
        if isinstance(w, list):
            for ge, we in zip(g, w):
                assert ge.dtype == we.dtype
                assert_array_equal(ge, we)
        else:
            assert g.dtype == w.dtype
            assert_array_equal(g, w)


@st.composite
def float_case(draw):
    dtype = draw(st.sampled_from(FLOATS))
    lo = draw(st.sampled_from([0.0, -1.0, 0.1, -3.7, 1e-3, 123.456, 1e15, -2.5e-7]))
    width = draw(st.sampled_from([1.0, 0.3, 7.0, 1e3, 1e-4]))
    n_bins = draw(st.integers(1, 60))
    edges = np.linspace(lo, lo + width, n_bins + 1)
    pool = np.concatenate(
        [
            edges,
            np.nextafter(edges, np.inf),
            np.nextafter(edges, -np.inf),
            [lo - 1, lo + 2 * width, np.nan, np.inf, -np.inf],
        ]
    ).astype(dtype)
    n = draw(st.integers(0, 300))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    x = np.where(
        rng.random(n) < 0.5, rng.choice(pool, n), rng.uniform(lo - width / 4, lo + 1.25 * width, n).astype(dtype)
    )
    x = x.astype(dtype)
    rng_kind = draw(st.sampled_from(["python", "numpy32", "none"]))
    rg = {"python": (lo, lo + width), "numpy32": (np.float32(lo), np.float32(lo + width)), "none": None}[rng_kind]
    view = draw(st.sampled_from(["contig", "strided", "reversed", "unaligned"]))
    return _view(x, view), n_bins, rg, rng


@given(float_case(), st.sampled_from([1, 2, 3]))
def test_histogram_counts_equal_numpy(case, n_jobs):
    x, n_bins, rg, _ = case
    if rg is None:
        x = x[np.isfinite(x)]
    _agree(
        lambda: infokit.histogram(x, bins=n_bins, range=rg, n_jobs=n_jobs),
        lambda: np.histogram(x, bins=n_bins, range=rg),
    )


@given(float_case())
def test_histogram_weights_and_density_equal_numpy(case):
    x, n_bins, rg, rng = case
    if rg is None:
        x = x[np.isfinite(x)]
    w = rng.exponential(1.0, x.size)
    # Equal bins: numpy sums weights blockwise with bincount; infokit in the same order, bit for bit.
    _agree(
        lambda: infokit.histogram(x, bins=n_bins, range=rg, weights=w),
        lambda: np.histogram(x, bins=n_bins, range=rg, weights=w),
    )
    _agree(
        lambda: infokit.histogram(x, bins=n_bins, range=rg, density=True),
        lambda: np.histogram(x, bins=n_bins, range=rg, density=True),
    )


@given(float_case(), st.sampled_from([1, 2, 3]))
def test_histogram_explicit_edges_equal_numpy(case, n_jobs):
    x, _, _, rng = case
    lo, hi = (
        (float(np.nanmin(x[np.isfinite(x)])), float(np.nanmax(x[np.isfinite(x)]))) if np.isfinite(x).any() else (0, 1)
    )
    edges = np.sort(np.concatenate([rng.uniform(lo - 1, hi + 1, 5), rng.choice(x, 3) if x.size else [0.5]]))
    edges = edges[np.isfinite(edges)]
    if edges.size < 2:
        edges = np.array([0.0, 1.0])
    for e in (edges, edges.astype(x.dtype)):
        _agree(lambda e=e: infokit.histogram(x, bins=e, n_jobs=n_jobs), lambda e=e: np.histogram(x, bins=e))
    w = rng.random(x.size)
    # NumPy sums weights over explicit edges as differences of cumulative sums: equal to rounding.
    assert_allclose(
        infokit.histogram(x, bins=edges, weights=w)[0],
        np.histogram(x, bins=edges, weights=w)[0],
        rtol=1e-12,
        atol=1e-12 * max(1.0, w.sum()),
    )


@given(float_case(), float_case(), st.sampled_from([1, 2, 3]))
def test_histogram2d_and_dd_equal_numpy(cx, cy, n_jobs):
    x, nx, rx, rng = cx
    y, ny, ry, _ = cy
    n = min(x.size, y.size)
    x, y = x[:n], y[:n]
    if rx is None or ry is None:
        keep = np.isfinite(x) & np.isfinite(y)
        x, y, rx, ry = x[keep], y[keep], None, None
        rg = None
    else:
        rg = [rx, ry]
    b = (nx, ny)
    _agree(
        lambda: infokit.histogram2d(x, y, bins=b, range=rg, n_jobs=n_jobs),
        lambda: np.histogram2d(x, y, bins=b, range=rg),
    )
    w = rng.random(x.size)
    _agree(
        lambda: infokit.histogram2d(x, y, bins=b, range=rg, weights=w),
        lambda: np.histogram2d(x, y, bins=b, range=rg, weights=w),
    )
    z = np.stack([x, y, x], axis=1)
    rz = None if rg is None else [rx, ry, rx]
    b3 = (nx, ny, 3)
    _agree(
        lambda: infokit.histogramdd(z, bins=b3, range=rz, n_jobs=n_jobs), lambda: np.histogramdd(z, bins=b3, range=rz)
    )
    _agree(
        lambda: infokit.histogramdd(z, bins=b3, range=rz, density=True),
        lambda: np.histogramdd(z, bins=b3, range=rz, density=True),
    )


@given(st.sampled_from(INTS), st.integers(0, 400), st.integers(1, 40), st.integers(0, 2**32 - 1), st.booleans())
def test_integer_data_equal_numpy(dtype, n, n_bins, seed, with_range):
    rng = np.random.default_rng(seed)
    info = np.iinfo(dtype)
    x = rng.integers(max(info.min, -1000), min(info.max, 1000), n, endpoint=True).astype(dtype)
    rg = (int(x.min()) + 1, int(x.max()) - 1) if with_range and n and int(x.max()) - int(x.min()) > 2 else None
    _same(infokit.histogram(x, bins=n_bins, range=rg), np.histogram(x, bins=n_bins, range=rg))
    if n:
        _same(infokit.histogram(x, bins="auto"), np.histogram(x, bins="auto"))
        y = x[::-1].copy()
        _same(infokit.histogram2d(x, y, bins=n_bins), np.histogram2d(x, y, bins=n_bins))


def test_mixed_dtypes_2d_equal_numpy(rng):
    x = rng.normal(0, 50, 5000)
    for dx, dy in [
        (np.float32, np.float64),
        (np.int8, np.float32),
        (np.int64, np.float32),
        (np.uint16, np.int32),
        (np.float16, np.float32),
    ]:
        a = np.clip(x, -100, 100).astype(dx)
        b = np.clip(x[::-1], -100, 100).astype(dy)
        _same(infokit.histogram2d(a, b, bins=17), np.histogram2d(a, b, bins=17))
        _same(
            infokit.histogram2d(a, b, bins=17, range=[[-30, 30], [-20.5, 40]]),
            np.histogram2d(a, b, bins=17, range=[[-30, 30], [-20.5, 40]]),
        )


def test_float16_and_bool_follow_numpy(rng):
    x = rng.normal(0, 3, 1000).astype(np.float16)
    _same(infokit.histogram(x, bins=13), np.histogram(x, bins=13))
    b = rng.random(100) < 0.3
    with pytest.warns(RuntimeWarning):
        want = np.histogram(b, bins=3)
    _same(infokit.histogram(b, bins=3), want)


def test_dtypes_pinned():
    x = np.array([0.0, 0.5, 1.0])
    # histogram: int64 (NumPy's intp) counts; histogram2d / dd: float64, as NumPy.
    assert infokit.histogram(x)[0].dtype == np.int64
    assert infokit.histogram2d(x, x)[0].dtype == np.float64
    assert infokit.histogramdd(x[:, None])[0].dtype == np.float64
    assert infokit.histogram(x.astype(np.float32))[1].dtype == np.float32
    assert infokit.histogram(x, weights=np.ones(3))[0].dtype == np.float64
    assert infokit.histogram(x, density=True)[0].dtype == np.float64


def test_values_on_the_last_edge_and_exclusive_rule():
    x = np.array([0.0, 0.5, 1.0, 1.5, 2.0, 2.0, np.nan, -0.0, 2.0000000000000004])
    assert_array_equal(infokit.histogram(x, bins=2, range=(0, 2))[0], [3, 4])
    # exclusive: every bin half-open, a value on the right edge is dropped
    assert_array_equal(infokit.histogram(x, bins=2, range=(0, 2), right_edge="exclusive")[0], [3, 2])
    assert_array_equal(infokit.histogram(x, bins=[0, 1, 2], right_edge="exclusive")[0], [3, 2])
    H = infokit.histogram2d(x, x, bins=2, range=[[0, 2], [0, 2]], right_edge="exclusive")[0]
    assert_array_equal(H, [[3, 0], [0, 2]])
    H = infokit.histogramdd(np.stack([x, x], 1), bins=2, range=[[0, 2], [0, 2]], right_edge="exclusive")[0]
    assert_array_equal(H, [[3, 0], [0, 2]])


@given(float_case())
def test_exclusive_is_inclusive_minus_the_right_edge(case):
    x, n_bins, rg, _ = case
    if rg is None:
        x = x[np.isfinite(x)]
    try:
        inc, edges = infokit.histogram(x, bins=n_bins, range=rg)
    except ValueError:
        return
    exc, _ = infokit.histogram(x, bins=n_bins, range=rg, right_edge="exclusive")
    on_edge = np.count_nonzero(x.astype(edges.dtype) == edges[-1])
    assert_array_equal(exc[:-1], inc[:-1])
    assert exc[-1] == inc[-1] - on_edge


def test_fast_histogram_convention():
    fh = pytest.importorskip("fast_histogram")
    rng = np.random.default_rng(0)
    x, y = rng.normal(0, 1, (2, 100_000))
    x[:10] = 3.0  # exactly the upper edge: fast-histogram drops it
    got = infokit.histogram(x, bins=30, range=(-3, 3), right_edge="exclusive")[0]
    assert_array_equal(got, fh.histogram1d(x, bins=30, range=(-3, 3)))
    got2 = infokit.histogram2d(x, y, bins=(30, 20), range=[[-3, 3], [-2, 2]], right_edge="exclusive")[0]
    assert_array_equal(got2, fh.histogram2d(x, y, bins=(30, 20), range=[[-3, 3], [-2, 2]]))


def test_empty_input_follows_numpy():
    for a in (np.array([]), np.array([], np.float32), np.array([], np.int64)):
        _same(infokit.histogram(a), np.histogram(a))
        _same(infokit.histogram(a, bins="auto"), np.histogram(a, bins="auto"))
    _same(infokit.histogram2d([], [], bins=3), np.histogram2d([], [], bins=3))


def test_constant_data_and_degenerate_range_follow_numpy():
    x = np.full(10, 3.0)
    _same(infokit.histogram(x, bins=4), np.histogram(x, bins=4))
    # A range with min == max is widened by 0.5 either side, as NumPy does.
    _same(infokit.histogram(x, bins=4, range=(3, 3)), np.histogram(x, bins=4, range=(3, 3)))


def test_pandas_and_lists():
    pd = pytest.importorskip("pandas")
    s = pd.Series([0.0, 1.0, 2.0, 2.0])
    _same(infokit.histogram(s, bins=2), np.histogram(s.to_numpy(), bins=2))
    _same(infokit.histogram([[0, 1], [2, 2]], bins=2), np.histogram([[0, 1], [2, 2]], bins=2))


def test_n_jobs_bit_identical_large(rng):
    x = rng.standard_normal(300_001)
    y = rng.standard_normal(300_001).astype(np.float32)
    w = rng.random(300_001)
    base = infokit.histogram2d(x, y, bins=(50, 40), range=[[-3, 3], [-3, 3]], weights=w)[0]
    for n_jobs in (2, 3, -1):
        assert_array_equal(
            infokit.histogram2d(x, y, bins=(50, 40), range=[[-3, 3], [-3, 3]], weights=w, n_jobs=n_jobs)[0], base
        )
        assert_array_equal(infokit.histogram(x, bins=77, n_jobs=n_jobs)[0], np.histogram(x, bins=77)[0])


def test_inputs_the_kernels_leave_to_numpy_still_equal_numpy():
    # A range near the largest double.
    x = np.array([-1e308, -1e300, 0.0, 5e307, 7e307, 1e308])
    _same(infokit.histogram(x, bins=7, range=(-1e308, 7e307)), np.histogram(x, bins=7, range=(-1e308, 7e307)))
    # int64 beyond 2**53 with integer range / edges: NumPy compares exactly in int64.
    big = np.array([2**60, 2**60 + 1, 2**60 + 3, 2**61], dtype=np.int64)
    _same(infokit.histogram(big, bins=3, range=(2**60 + 1, 2**61)), np.histogram(big, bins=3, range=(2**60 + 1, 2**61)))
    edges = np.array([2**60, 2**60 + 1, 2**60 + 2, 2**61], dtype=np.int64)
    _same(infokit.histogram(big, bins=edges), np.histogram(big, bins=edges))
    _same(infokit.histogram2d(big, big, bins=[edges, edges]), np.histogram2d(big, big, bins=[edges, edges]))
    # longdouble data
    ld = np.linspace(0, 1, 11, dtype=np.longdouble)
    _same(infokit.histogram(ld, bins=4), np.histogram(ld, bins=4))
    _same(infokit.histogramdd(ld[:, None], bins=4), np.histogramdd(ld[:, None], bins=4))


def test_exclusive_rule_for_dtypes_numpy_would_handle():
    x = np.array([0.0, 0.25, 0.5, 1.0], dtype=np.float16)
    assert_array_equal(infokit.histogram(x, bins=2, range=(0, 1), right_edge="exclusive")[0], [2, 1])
    assert_array_equal(infokit.histogram(x, bins=2, range=(0, 1))[0], [2, 2])
