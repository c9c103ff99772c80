"""Compiled discrete kernels vs their reference twins (infokit.reference.discrete).

Exact for counts and codes; ~1e-12 relative for floats. Parametrized over the
integer dtypes, C/F order and non-contiguous views, sizes 0/1/large, and
n_threads 1/2 (results must be bit-identical).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from infokit._kernels import discrete as k
from infokit.reference import discrete as ref

INT_DTYPES = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]
SIZES = [1, 2, 1000, 20_011]


def _labels(rng, n, dtype, spread):
    info = np.iinfo(dtype)
    lo = max(int(info.min), -spread)
    hi = min(int(info.max), spread)
    return rng.integers(lo, hi, size=n, endpoint=True).astype(dtype)


def _views(a):
    """The same labels as contiguous, reversed (negative stride) and strided views."""
    doubled = np.repeat(a, 2)
    return {"contig": a, "reversed": a[::-1].copy()[::-1], "strided": doubled[::2]}


# --------------------------------------------------------------- label encoding


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("n", [*SIZES, 300_007])
@pytest.mark.parametrize("spread", [3, 10**9])  # dense range map vs hashing
@pytest.mark.parametrize("view", ["contig", "reversed", "strided"])
def test_encode_labels(rng, dtype, n, spread, view):
    x = _views(_labels(rng, n, dtype, spread))[view]
    codes = np.empty(n, dtype=np.int64)
    kk = k.encode_labels(x, codes)
    want, kw = ref.encode_labels(x)
    assert kk == kw
    assert_array_equal(codes, want)
    assert k.label_minmax(x) == ref.label_minmax(x)


@pytest.mark.parametrize("dtype", [np.int64, np.uint64])
def test_encode_labels_extreme_values(dtype):
    info = np.iinfo(dtype)
    x = np.array([info.max, info.min, 0, info.max, 1, info.min + 1], dtype=dtype)
    codes = np.empty(x.size, dtype=np.int64)
    assert k.encode_labels(x, codes) == len(np.unique(x))
    assert_array_equal(codes, ref.encode_labels(x)[0])
    assert k.label_minmax(x) == ref.label_minmax(x)


def test_encode_labels_empty():
    assert k.encode_labels(np.empty(0, np.int64), np.empty(0, np.int64)) == 0


@pytest.mark.parametrize("dtype", [np.int8, np.int32, np.uint16, np.int64])
@pytest.mark.parametrize("order", ["C", "F", "strided"])
@pytest.mark.parametrize("n", [1, 5, 3000])
@pytest.mark.parametrize("spread", [2, 10**4])
def test_encode_rows(rng, dtype, order, n, spread):
    x = _labels(rng, n * 3, dtype, spread).reshape(n, 3)
    if order == "F":
        x = np.asfortranarray(x)
    elif order == "strided":
        x = np.repeat(x, 2, axis=1)[:, ::2]
    codes = np.empty(n, dtype=np.int64)
    kk = k.encode_rows(x, codes)
    want, kw = ref.encode_rows(x)
    assert kk == kw
    assert_array_equal(codes, want)


@pytest.mark.parametrize("n_threads", [1, 2])
def test_encode_threads_identical(rng, n_threads):
    x = rng.integers(-(10**12), 10**12, size=300_000)
    a, b = np.empty(x.size, np.int64), np.empty(x.size, np.int64)
    k.encode_labels(x, a, 1)
    k.encode_labels(x, b, n_threads)
    assert_array_equal(a, b)


# ------------------------------------------------------------------- counting


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("n_threads", [1, 2])
def test_count_range(rng, dtype, n, n_threads):
    x = _labels(rng, n, dtype, 50)
    lo, hi = ref.label_minmax(x)
    counts = np.zeros(hi - lo + 1, dtype=np.int64)
    k.count_range(x[::-1], lo, counts, n_threads)
    assert_array_equal(counts, ref.count_range(x, lo, hi - lo + 1))


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("n_threads", [1, 2])
@pytest.mark.parametrize("view", ["contig", "strided"])
def test_dense_table(rng, dtype, n, n_threads, view):
    x = _views(_labels(rng, n, dtype, 20))[view]
    y = _views(_labels(rng, n, dtype, 7))[view]
    (xlo, xhi), (ylo, yhi) = ref.label_minmax(x), ref.label_minmax(y)
    shape = (xhi - xlo + 1, yhi - ylo + 1)
    counts = np.zeros(shape, dtype=np.int64)
    k.dense_table(x, y, xlo, ylo, counts, n_threads)
    assert_array_equal(counts, ref.dense_table(x, y, xlo, ylo, shape))


@pytest.mark.parametrize("n", [0, 1, 7, 50_000])
@pytest.mark.parametrize("kx, ky", [(1, 1), (3, 5000), (400, 400)])
def test_csr_table(rng, n, kx, ky):
    cx = rng.integers(0, kx, n)
    cy = rng.integers(0, ky, n)
    indptr = np.empty(kx + 1, np.int64)
    room = max(min(n, kx * ky), 1)
    indices, data = np.empty(room, np.int64), np.empty(room, np.int64)
    nnz = k.csr_table(cx, cy, kx, ky, indptr, indices, data)
    want = ref.csr_table(cx, cy, kx, ky)
    assert_array_equal(indptr, want[0])
    assert_array_equal(indices[:nnz], want[1])
    assert_array_equal(data[:nnz], want[2])


# --------------------------------------------------------------- plug-in MI


def _mi_cases(rng):
    yield "tiny", np.array([[3]], dtype=np.int64)
    yield "2x2", np.array([[5, 1], [2, 7]], dtype=np.int64)
    yield "zeros", np.array([[0, 4, 0], [0, 0, 0], [3, 0, 2]], dtype=np.int64)
    yield "indep-exact", np.array([[1, 2], [2, 4]], dtype=np.int64)  # MI = 0 exactly
    yield "random-small", rng.integers(0, 6, (7, 9)).astype(np.int64)
    yield "random-large", rng.poisson(1.0, (300, 200)).astype(np.int64)  # entropy-form path
    yield "near-indep-large", rng.poisson(400.0, (80, 80)).astype(np.int64)  # exact-ratio fallback
    yield "float", rng.random((5, 4)) * 3


@pytest.mark.parametrize("n_threads", [1, 2])
def test_mi_dense_and_csr(rng, n_threads):
    import scipy.sparse as sp

    for name, t in _mi_cases(rng):
        want, wa, wb = ref.mi_dense(t)
        for layout in ("C", "F", "strided"):
            tt = {"C": t, "F": np.asfortranarray(t), "strided": np.repeat(t, 2, axis=1)[:, ::2]}[layout]
            a, b = np.empty(t.shape[0]), np.empty(t.shape[1])
            got = k.mi_dense(tt, a, b, n_threads)
            assert_allclose(got, want, rtol=1e-12, atol=1e-15, err_msg=name)
            assert_array_equal(a, wa)
            assert_array_equal(b, wb)
        csr = sp.csr_array(t)
        csr.sort_indices()
        ip, ix = csr.indptr.astype(np.int64), csr.indices.astype(np.int64)
        a2, b2 = np.empty(t.shape[0]), np.empty(t.shape[1])
        got_csr = k.mi_csr(ip, ix, np.ascontiguousarray(csr.data), a2, b2, n_threads)
        want_csr = ref.mi_csr(ip, ix, csr.data, t.shape)[0]
        assert_allclose(got_csr, want_csr, rtol=1e-12, atol=1e-15, err_msg=name)
        # Dense and sparse forms of one table: same bits.
        assert got_csr == k.mi_dense(t, a, b, 1), name


def test_mi_threads_bit_identical(rng):
    t = rng.poisson(2.0, (3000, 50)).astype(np.int64)
    a, b = np.empty(3000), np.empty(50)
    assert k.mi_dense(t, a, b, 1) == k.mi_dense(t, a, b, 2)


# --------------------------------------------------------- entropy from counts

ESTIMATOR_TWINS = [
    (0, lambda c, K: ref.entropy_from_counts_plugin(c)),
    (1, lambda c, K: ref.entropy_from_counts_miller_madow(c)),
    (2, lambda c, K: ref.entropy_from_counts_grassberger(c)),
    (3, lambda c, K: ref.entropy_from_counts_chao_shen(c)),
    (4, ref.entropy_from_counts_james_stein),
]


@pytest.mark.parametrize("code, twin", ESTIMATOR_TWINS)
@pytest.mark.parametrize(
    "counts",
    [[1], [7], [1, 1], [1, 1, 1, 1, 1], [3, 0, 1], [100, 1, 1, 2], list(range(0, 60)), [10**6, 3, 10**5]],
)
@pytest.mark.parametrize("extra_cells", [0, 5])
@pytest.mark.parametrize("dtype", [np.int64, np.float64])
def test_entropy_from_counts(code, twin, counts, extra_cells, dtype):
    c = np.array(counts, dtype=dtype)
    cells = np.count_nonzero(c) + extra_cells
    got = k.entropy_from_counts(c, code, float(cells))
    assert_allclose(got, twin(c, cells), rtol=1e-12, atol=1e-15)
    # strided view of the same counts
    doubled = np.repeat(c, 2)[::2]
    assert k.entropy_from_counts(doubled, code, float(cells)) == got


# ------------------------------------------------------------------ NSB


@pytest.mark.parametrize(
    "counts, cells",
    [([2, 1], 3), ([4, 2, 3, 2, 4, 2, 1, 1], 11), ([1, 1, 1, 1], 4), ([5], 4), ([10], 3), ([3, 1, 7, 1, 1], 30)],
)
def test_nsb_matches_reference(counts, cells):
    from infokit.estimate._discrete_nsb import nsb_entropy

    h, sd = nsb_entropy(np.array(counts), cells)
    rh, rsd = ref.entropy_from_counts_nsb(np.array(counts), cells, return_std=True)
    # Different quadratures (adaptive Gauss-Kronrod vs a 40001-node trapezoid).
    assert_allclose(h, rh, rtol=1e-9)
    assert_allclose(sd, rsd, rtol=1e-7)


# ------------------------------------------------------------ expected MI


def _emi_tables(rng):
    yield np.array([[1, 0], [0, 1]])
    yield np.array([[3, 0], [0, 3], [2, 2]])
    yield np.array([[5]])
    yield rng.integers(0, 4, (4, 6))
    yield rng.integers(0, 3, (12, 9))
    yield rng.integers(0, 40, (3, 2))  # wide hypergeometric supports
    yield np.diag(np.arange(1, 30))  # many distinct marginals


@pytest.mark.parametrize("n_threads", [1, 2])
def test_expected_mi_vs_brute_force(rng, n_threads):
    for t in _emi_tables(rng):
        a = t.sum(axis=1)
        b = t.sum(axis=0)
        a, b = a[a > 0].astype(np.int64), b[b > 0].astype(np.int64)
        got = k.expected_mutual_info(a, b, n_threads)
        assert_allclose(got, ref.expected_mutual_info(t), rtol=1e-12, atol=1e-16)


def test_expected_mi_threads_bit_identical(rng):
    a = rng.integers(1, 60, 500).astype(np.int64)
    b = rng.permutation(np.repeat(a, 1))
    assert k.expected_mutual_info(a, b, 1) == k.expected_mutual_info(a, b, 2)


# ------------------------------------------------------- pair entropies (selection)


def _xlogx(n, size=None):
    c = np.arange(1, (n if size is None else size - 1) + 1, dtype=np.float64)
    return np.r_[0.0, c * np.log(c)]


def _pair_case(rng, dtype, n, levels, ly):
    codes = np.array([rng.integers(0, lv, n) for lv in levels], dtype=dtype)
    y = rng.integers(0, ly, n).astype(dtype)
    p = len(levels)
    ks = np.r_[np.arange(p), rng.integers(0, p, 2 * p)].astype(np.int64)
    js = np.r_[np.full(p, p // 2), rng.integers(0, p, 2 * p)].astype(np.int64)  # one step, then mixed pairs
    return codes, np.array(levels, dtype=np.int64), y, ks, js


def _run_pairs(codes, levels, y, ly, ks, js, table, with_y, **kw):
    h_pair = np.empty(ks.size)
    h_triple = np.empty(ks.size) if with_y else None
    k.pair_entropies(codes, levels, y, ly, ks, js, table, h_pair, h_triple, **kw)
    return h_pair, h_triple


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16, np.int32])
@pytest.mark.parametrize("n", [1, 2, 777, 20_011])
@pytest.mark.parametrize("with_y", [False, True])
def test_pair_entropies_vs_twin(rng, dtype, n, with_y):
    big = 300 if dtype != np.uint8 else 256
    levels = [1, 2, 8, 5, big, 3]
    codes, lv, y, ks, js = _pair_case(rng, dtype, n, levels, 4)
    table = _xlogx(n)
    h_pair, h_triple = _run_pairs(codes, lv, y, 4, ks, js, table, with_y)
    want_pair, want_triple = ref.pair_entropies(codes, y, ks, js, with_y)
    assert_allclose(h_pair, want_pair, rtol=1e-12, atol=1e-15)
    if with_y:
        assert_allclose(h_triple, want_triple, rtol=1e-12, atol=1e-15)
    # The sorted-keys fallback (every table "too large") and a short c log c
    # table (the kernel computes past it) add the same terms in the same order.
    for kw in ({"max_dense_cells": 0}, {"max_dense_cells": 7}):
        fb_pair, fb_triple = _run_pairs(codes, lv, y, 4, ks, js, table, with_y, **kw)
        assert_array_equal(fb_pair, h_pair)
        if with_y:
            assert_array_equal(fb_triple, h_triple)
    short_pair, _ = _run_pairs(codes, lv, y, 4, ks, js, _xlogx(n, size=2), with_y)
    assert_allclose(short_pair, h_pair, rtol=1e-13)
    # Each pair is computed whole by one thread: the same bits for any count.
    for threads in (2, 3):
        t_pair, t_triple = _run_pairs(codes, lv, y, 4, ks, js, table, with_y, n_threads=threads)
        assert_array_equal(t_pair, h_pair)
        if with_y:
            assert_array_equal(t_triple, h_triple)


def test_pair_entropies_huge_alphabets(rng):
    # L_k * L_j * L_y far past 2^63: the fallback keys the (x_k, x_j) cell and y apart.
    n = 5000
    codes = np.array([rng.integers(0, 2**30, n), rng.integers(0, 2**30, n), rng.integers(0, 3, n)], dtype=np.int32)
    codes[0, ::2] = codes[0, 1::2]  # repeated cells, so the counts are not all 1
    codes[1, ::2] = codes[1, 1::2]
    levels = np.array([2**30, 2**30, 3], dtype=np.int64)
    y = rng.integers(0, 2**30, n).astype(np.int32)
    y[::2] = y[1::2]
    ks, js = np.array([0, 2, 1], dtype=np.int64), np.array([1, 0, 2], dtype=np.int64)
    h_pair, h_triple = _run_pairs(codes, levels, y, 2**30, ks, js, _xlogx(n), True)
    want_pair, want_triple = ref.pair_entropies(codes, y, ks, js, True)
    assert_allclose(h_pair, want_pair, rtol=1e-12)
    assert_allclose(h_triple, want_triple, rtol=1e-12)


def test_pair_entropies_refuses_mismatched_lengths():
    codes = np.zeros((2, 5), dtype=np.uint8)
    y = np.zeros(5, dtype=np.uint8)
    lv = np.ones(2, dtype=np.int64)
    ks = np.zeros(2, dtype=np.int64)
    with pytest.raises(ValueError, match="same length"):
        k.pair_entropies(codes, lv, y, 1, ks, ks[:1], _xlogx(5), np.empty(2))
    with pytest.raises(ValueError, match="h_triple"):
        k.pair_entropies(codes, lv, y, 1, ks, ks, _xlogx(5), np.empty(2), np.empty(1))
    with pytest.raises(ValueError, match="max_dense_cells"):
        k.pair_entropies(codes, lv, y, 1, ks, ks, _xlogx(5), np.empty(2), max_dense_cells=2**32)


@pytest.mark.hypothesis
@given(
    data=st.data(),
    n=st.integers(1, 60),
    levels=st.lists(st.integers(1, 6), min_size=1, max_size=4),
    ly=st.integers(1, 4),
)
def test_pair_entropies_property(data, n, levels, ly):
    # Small alphabets and few rows: many empty and single-count cells, the
    # edges of the dense table's marginalisation over y.
    rows = [data.draw(st.lists(st.integers(0, lv - 1), min_size=n, max_size=n)) for lv in levels]
    codes = np.array(rows, dtype=np.uint8)
    y = np.array(data.draw(st.lists(st.integers(0, ly - 1), min_size=n, max_size=n)), dtype=np.uint8)
    p = len(levels)
    ks, js = np.repeat(np.arange(p), p).astype(np.int64), np.tile(np.arange(p), p).astype(np.int64)
    h_pair, h_triple = _run_pairs(codes, np.array(levels, dtype=np.int64), y, ly, ks, js, _xlogx(n), True)
    want_pair, want_triple = ref.pair_entropies(codes, y, ks, js, True)
    assert_allclose(h_pair, want_pair, rtol=1e-12, atol=1e-14)
    assert_allclose(h_triple, want_triple, rtol=1e-12, atol=1e-14)
