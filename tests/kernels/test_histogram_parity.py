"""Compiled histogram kernels vs their reference twins (infokit.reference.histogram).

Exact for counts, codes and (same order) weighted sums. Parametrized over the
column dtypes, the two compare types, contiguous / strided / negative-stride /
unaligned columns, the uniform and the search path, both right-edge rules and
n_threads 1 / 2 / 3 (bit-identical).
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from infokit._kernels import histogram as k
from infokit.reference import histogram as ref

DTYPES = [np.float64, np.float32, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]


def _column(rng, n, dtype):
    if np.dtype(dtype).kind == "f":
        x = rng.normal(0.0, 40.0, n)
        edges = np.linspace(-50, 50, 41)
        special = rng.random(n) < 0.2
        x[special] = rng.choice(np.concatenate([edges, [np.nan, np.inf, -np.inf]]), special.sum())
        return x.astype(dtype)
    info = np.iinfo(dtype)
    return rng.integers(max(info.min, -60), min(info.max, 60), n, endpoint=True).astype(dtype)


def _views(a):
    doubled = np.repeat(a, 2)
    buf = np.zeros(a.nbytes + 1, np.uint8)
    unaligned = np.frombuffer(buf[1:].data, dtype=a.dtype, count=a.size)
    unaligned[...] = a
    return {
        "contig": a,
        "reversed": a[::-1].copy()[::-1],
        "strided": doubled[::2],
        "unaligned": unaligned,
    }


def _edges(kind, cmp):
    if kind == "uniform":
        e = np.linspace(-50, 50, 41)
    elif kind == "uneven":
        e = np.array([-np.inf, -30.0, -1.5, 0.0, 0.0, 2.25, 17.0, 49.0, np.inf])
    else:  # a few bins over the middle
        e = np.linspace(-3.3, 7.1, 8)
    return e.astype(cmp)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("view", ["contig", "reversed", "strided", "unaligned"])
@pytest.mark.parametrize("kind", ["uniform", "uneven", "narrow"])
@pytest.mark.parametrize("inclusive", [True, False])
def test_counts_and_codes_match_twin(rng, dtype, view, kind, inclusive):
    cmps = [np.float64, np.float32] if dtype == np.float32 else [np.float64]
    for cmp in cmps:
        e = _edges(kind, cmp)
        x = _views(_column(rng, 5003, dtype))[view]
        y = _column(rng, 5003, np.float64)
        ey = np.linspace(-60, 60, 13)
        expect = ref.histogram_counts([x], [e], inclusive)
        for uniform in (True, False):
            assert_array_equal(k.histogram_counts([x], [e], inclusive, uniform), expect)
            assert_array_equal(
                k.bin_indices([x, y], [e, ey], inclusive, uniform), ref.bin_indices([x, y], [e, ey], inclusive)
            )
            assert_array_equal(
                k.flat_codes([x, y], [e, ey], inclusive, uniform), ref.flat_codes([x, y], [e, ey], inclusive)
            )
            assert_array_equal(
                k.histogram_counts([x, y], [e, ey], inclusive, uniform),
                ref.histogram_counts([x, y], [e, ey], inclusive),
            )


@pytest.mark.parametrize("n", [0, 1, 3, 4, 5, 1023, 1025, 70_001])
@pytest.mark.parametrize("n_threads", [1, 2, 3])
def test_threads_bit_identical_and_sizes(rng, n, n_threads):
    x = rng.standard_normal(n)
    y = rng.standard_normal(n).astype(np.float32)
    z = rng.integers(-3, 4, n)
    e = [np.linspace(-2, 2, 11), np.linspace(-2, 2, 7).astype(np.float32), np.linspace(-2.5, 2.5, 6)]
    expect = ref.histogram_counts([x, y, z], e)
    assert_array_equal(k.histogram_counts([x, y, z], e, True, True, n_threads), expect)
    assert_array_equal(k.histogram_counts([x], e[:1], True, True, n_threads), ref.histogram_counts([x], e[:1]))
    assert_array_equal(k.histogram_counts([x, y], e[:2], True, True, n_threads), ref.histogram_counts([x, y], e[:2]))
    assert_array_equal(k.bin_indices([x, y, z], e, True, True, n_threads), ref.bin_indices([x, y, z], e))


@pytest.mark.parametrize("block", [0, 1, 7, 65536])
def test_weighted_same_order_as_twin(rng, block):
    n = 20_000
    x, y = rng.standard_normal((2, n))
    w = rng.exponential(1.0, n) * 10.0 ** rng.integers(-8, 8, n)
    e = [np.linspace(-2, 2, 9), np.array([-1.0, 0.0, 0.3, 1.0])]
    for cols, es in (([x], e[:1]), ([x, y], e)):
        assert_array_equal(k.histogram_weighted(cols, es, w, block), ref.histogram_weighted(cols, es, w, block))
        assert_array_equal(
            k.histogram_weighted(cols, es, w[::-1], block), ref.histogram_weighted(cols, es, w[::-1], block)
        )


def test_uniform_path_is_taken_for_linspace_edges(rng):
    x = rng.standard_normal(100)
    for lo, hi, n in [(-4, 4, 100), (0, 1, 7), (-3.3, 5.1, 1000), (1e15, 1e15 + 1000, 999)]:
        assert k.axis_uniform(x, np.linspace(lo, hi, n + 1))
    assert k.axis_uniform(x.astype(np.float32), np.linspace(-4, 4, 51).astype(np.float32))
    # Edges that are not equally spaced (or span inf) take the binary search.
    assert not k.axis_uniform(x, np.array([0.0, 1.0, 2.0, 10.0]))
    assert not k.axis_uniform(x, np.array([-np.inf, 0.0, np.inf]))


def test_edge_values_and_their_neighbours(rng):
    # Every edge, its float neighbours, NaN and +-inf: the uniform path (with its
    # SIMD screen and scalar fix-up) agrees with the plain search.
    for lo, hi, n in [(0.0, 1.0, 10), (-4.0, 4.0, 100), (0.1, 0.7, 3), (1e15, 1e15 + 1e3, 999), (-1e-300, 1e-300, 5)]:
        for cmp in (np.float64, np.float32):
            e = np.linspace(lo, hi, n + 1).astype(cmp)
            if np.any(np.diff(e) <= 0):
                continue
            vals = np.concatenate([e, np.nextafter(e, np.inf), np.nextafter(e, -np.inf), [np.nan, np.inf, -np.inf]])
            x = rng.permutation(np.tile(vals.astype(cmp), 3))
            for inclusive in (True, False):
                expect = ref.histogram_counts([x], [e], inclusive)
                assert_array_equal(k.histogram_counts([x], [e], inclusive), expect)
                assert_array_equal(
                    k.histogram_counts([x, x[::-1]], [e, e], inclusive),
                    ref.histogram_counts([x, x[::-1]], [e, e], inclusive),
                )


@pytest.fixture(params=[2, 1, 0], ids=["avx2-or-sse2", "sse2", "scalar"])
def simd(request):
    old = k.simd_limit(request.param)
    yield request.param
    k.simd_limit(old)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("d", [1, 2, 3])
def test_every_simd_form_counts_alike(rng, simd, dtype, d):
    n = 10_007
    cols, edges = [], []
    for a in range(d):
        e = np.linspace(-2 - a, 2 + 0.3 * a, 11 + 7 * a).astype(dtype)
        x = rng.normal(0, 1.5, n).astype(dtype)
        x[:: 5 + a] = rng.choice(
            np.concatenate([e, np.nextafter(e, np.inf), np.nextafter(e, -np.inf), [np.nan, np.inf]]), len(x[:: 5 + a])
        ).astype(dtype)
        cols.append(x if a != 1 else np.repeat(x, 2)[::2])
        edges.append(e)
    for inclusive in (True, False):
        want = ref.histogram_counts(cols, edges, inclusive)
        for n_threads in (1, 2):
            assert_array_equal(k.histogram_counts(cols, edges, inclusive, True, n_threads), want)
        # lengths not a multiple of the SIMD width
        assert_array_equal(
            k.histogram_counts([c[:-3] for c in cols], edges, inclusive),
            ref.histogram_counts([c[:-3] for c in cols], edges, inclusive),
        )


def test_kernel_refuses_what_it_cannot_read():
    x = np.arange(4.0)
    with pytest.raises(TypeError):
        k.histogram_counts([x.astype(np.complex128)], [np.linspace(0, 1, 3)])
    with pytest.raises(TypeError):
        k.histogram_counts([x], [np.linspace(0, 1, 3).astype(np.float32)])  # float32 edges for a float64 column
    with pytest.raises(ValueError):
        k.histogram_counts([x, x[:3]], [np.linspace(0, 1, 3)] * 2)
    with pytest.raises(ValueError):
        k.histogram_counts([x], [np.array([0.0])])
    with pytest.raises(TypeError):
        k.histogram_weighted([x], [np.linspace(0, 1, 3)], np.ones(4, np.float32))
    with pytest.raises(ValueError):
        k.histogram_weighted([x], [np.linspace(0, 1, 3)], np.ones(3))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("view", ["contiguous", "strided", "reversed"])
@pytest.mark.parametrize("n", [0, 1, 7, 100_003, 600_001])
@pytest.mark.parametrize("simd", [0, 1, 2])
def test_column_range_matches_twin(rng, dtype, view, n, simd):
    # The range scan of the histogram estimators: min, max (NaN ignored) and
    # finiteness, for every special value in every position of a SIMD step,
    # in each of its forms (scalar, SSE2, AVX2 where the CPU has it).
    old = k.simd_limit(simd)
    try:
        _column_range_cases(rng, dtype, view, n)
    finally:
        k.simd_limit(old)


def _column_range_cases(rng, dtype, view, n):
    base = rng.standard_normal(3 * n).astype(dtype)
    col = {"contiguous": base[:n], "strided": base[::3], "reversed": base[::-3]}[view]
    assert col.size == n
    assert k.column_range(col) == ref.column_range(col)
    for special in (np.nan, np.inf, -np.inf, -0.0, 1e30):
        for at in sorted({0, 5, 13, n // 2, n - 3, n - 1} & set(range(n))):
            c = col.copy()
            c[at] = special
            got = k.column_range(c)
            assert got == pytest.approx(ref.column_range(c)) and got[2] == ref.column_range(c)[2], (special, at)
            for threads in (2, 3):
                assert k.column_range(c, threads) == got


def test_column_range_all_nan_and_zeros():
    assert k.column_range(np.full(9, np.nan)) == (np.inf, -np.inf, False)
    assert k.column_range(np.array([-0.0, 0.0, -0.0])) == (0.0, 0.0, True)
    assert str(k.column_range(np.array([-0.0]))[0]) == "0.0"


@pytest.mark.parametrize("edge_dtype", [np.float64, np.float32])
@pytest.mark.parametrize("d", [1, 2])
def test_float32_guess_in_float_is_exact_at_every_edge(rng, simd, edge_dtype, d):
    # The AVX2 form computes the guess of contiguous float32 columns in float,
    # eight at a time, also against float64 edges (histogram2d's: its edges are
    # float64 whatever the data): every float next to every edge, NaN, +-inf.
    cases = [(-4.0, 4.0, 100), (0.1, 0.7, 3), (-3.3, 5.1, 1000), (1e6, 1e6 + 3.0, 7), (0.0, 1e-30, 9)]
    for lo, hi, n in cases:
        e = np.linspace(lo, hi, n + 1).astype(edge_dtype)
        if np.any(np.diff(e) <= 0):
            continue
        near = e.astype(np.float32)
        vals = np.concatenate(
            [
                near,
                np.nextafter(near, np.float32(np.inf)),
                np.nextafter(near, np.float32(-np.inf)),
                [np.nan, np.inf, -np.inf],
            ]
        ).astype(np.float32)
        cols = [rng.permutation(np.tile(vals, 5)) for _ in range(d)]
        cols[0][::7] = rng.uniform(lo, hi, len(cols[0][::7])).astype(np.float32)
        for inclusive in (True, False):
            want = ref.histogram_counts(cols, [e] * d, inclusive)
            assert_array_equal(k.histogram_counts(cols, [e] * d, inclusive), want, err_msg=f"{lo, hi, n}")
            assert_array_equal(k.histogram_counts(cols, [e] * d, inclusive, True, 2), want)
