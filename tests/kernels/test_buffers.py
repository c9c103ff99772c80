"""Misaligned and negative-stride buffers reach every kernel safely.

A contiguous buffer need not be aligned (a packed structured field, a
``frombuffer`` view at a byte offset): the kernels' typed loads of it are
undefined behaviour, which only the sanitizer build (tools/sanitize.sh) sees
directly; here each result must equal that of the plain aligned copy.
Negative strides (``x[::-1]``) once wrapped to a huge element stride in the
discrete kernels (a signed byte stride divided by an unsigned sizeof).
"""

from __future__ import annotations

import numpy as np
import pytest

import infokit.dist as dist
import infokit.estimate as ie
from infokit._kernels import discrete as kd
from infokit._kernels import knn as kk
from infokit._kernels import knn1d as k1
from infokit._kernels import table as kt


def unaligned(a: np.ndarray) -> np.ndarray:
    """A misaligned C-contiguous copy of a (one byte past an aligned start)."""
    a = np.ascontiguousarray(a)
    raw = np.zeros(a.nbytes + a.itemsize + 1, dtype=np.uint8)
    start = (-raw.ctypes.data) % a.itemsize + 1
    out = raw[start : start + a.nbytes].view(a.dtype).reshape(a.shape)
    out[...] = a
    assert not out.flags.aligned and out.flags.c_contiguous
    return out


def packed_field(a: np.ndarray) -> np.ndarray:
    """The 'b' field of a packed structured array holding a (1-D): misaligned, strided."""
    rec = np.zeros(a.shape[0], dtype=[("a", "u1"), ("b", a.dtype)])
    rec["b"] = a
    out = rec["b"]
    assert not out.flags.aligned
    return out


@pytest.fixture
def data():
    rng = np.random.default_rng(7)
    return rng.normal(size=(200, 2)), rng.integers(0, 5, 200), rng.integers(-3, 3, 200)


# ---------------------------------------------------------------------------
# discrete kernels


@pytest.mark.parametrize("dtype", [np.int16, np.int32, np.int64, np.uint32, np.uint64])
@pytest.mark.parametrize("kind", ["unaligned", "packed", "reversed"])
def test_discrete_label_kernels(dtype, kind):
    rng = np.random.default_rng(1)
    x = rng.integers(0, 9, 300).astype(dtype)
    y = rng.integers(0, 4, 300).astype(dtype)
    make = {"unaligned": unaligned, "packed": packed_field, "reversed": lambda a: a[::-1]}[kind]
    plain = (lambda a: a[::-1].copy()) if kind == "reversed" else np.array
    xo, yo, xp, yp = make(x), make(y), plain(x), plain(y)
    assert kd.label_minmax(xo) == kd.label_minmax(xp)
    c1, c2 = np.zeros(9, np.int64), np.zeros(9, np.int64)
    kd.count_range(xo, 0, c1)
    kd.count_range(xp, 0, c2)
    assert np.array_equal(c1, c2)
    e1, e2 = np.empty(300, np.int64), np.empty(300, np.int64)
    assert kd.encode_labels(xo, e1) == kd.encode_labels(xp, e2)
    assert np.array_equal(e1, e2)
    t1, t2 = np.zeros((9, 4), np.int64), np.zeros((9, 4), np.int64)
    kd.dense_table(xo, yo, 0, 0, t1)
    kd.dense_table(xp, yp, 0, 0, t2)
    assert np.array_equal(t1, t2)


def test_discrete_rows_and_csr():
    rng = np.random.default_rng(2)
    x = rng.integers(0, 3, (100, 3))
    codes1, codes2 = np.empty(100, np.int64), np.empty(100, np.int64)
    assert kd.encode_rows(unaligned(x), codes1) == kd.encode_rows(x, codes2)
    assert np.array_equal(codes1, codes2)
    assert kd.encode_rows(x[::-1, ::-1], codes1) == kd.encode_rows(x[::-1, ::-1].copy(), codes2)
    assert np.array_equal(codes1, codes2)
    cx, cy = rng.integers(0, 4, 50), rng.integers(0, 6, 50)
    outs = []
    for a, b in ((cx, cy), (unaligned(cx), unaligned(cy))):
        indptr, indices, d = np.empty(5, np.int64), np.empty(50, np.int64), np.empty(50, np.int64)
        nnz = kd.csr_table(a, b, 4, 6, indptr, indices, d)
        outs.append((nnz, indptr.tolist(), indices[:nnz].tolist(), d[:nnz].tolist()))
    assert outs[0] == outs[1]


@pytest.mark.parametrize("dtype", [np.int64, np.float64])
def test_discrete_count_kernels(dtype):
    t = np.array([[5, 1, 0], [2, 7, 3]], dtype=dtype)
    ways = [unaligned(t), t[::-1, ::-1], t.T.copy().T]
    a0, b0 = np.empty(2), np.empty(3)
    want = kd.mi_dense(t, a0, b0)
    for w in ways:
        a, b = np.empty(w.shape[0]), np.empty(w.shape[1])
        assert kd.mi_dense(w, a, b) == pytest.approx(want, rel=1e-15, abs=0)
    counts = t.ravel()
    for est in range(5):
        want = kd.entropy_from_counts(counts, est, 8.0)
        for w in (unaligned(counts), packed_field(counts), counts[::-1]):
            assert kd.entropy_from_counts(w, est, 8.0) == pytest.approx(want, rel=1e-14)
    m = np.array([3, 4, 5], np.int64)
    assert kd.expected_mutual_info(unaligned(m), packed_field(m[::-1]).copy()) == kd.expected_mutual_info(
        m, m[::-1].copy()
    )
    assert kd.expected_mutual_info(unaligned(m), unaligned(m)) == kd.expected_mutual_info(m, m)


# ---------------------------------------------------------------------------
# dist row kernels


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_table_kernels(dtype):
    rng = np.random.default_rng(3)
    p = rng.random((6, 5)).astype(dtype)
    q = rng.random((6, 5)).astype(dtype)

    def run(fn, *arrays):
        out, sums, flags = np.empty(6), np.empty((len(arrays), 6)), np.empty((len(arrays), 6), np.uint8)
        fn(*arrays, out, sums, flags)
        return out

    for variant in (unaligned, lambda a: a[::-1, ::-1]):
        pv, qv = variant(p), variant(q)
        pc, qc = np.ascontiguousarray(pv), np.ascontiguousarray(qv)
        assert np.array_equal(run(kt.row_entropy, pv), run(kt.row_entropy, pc))
        for fn in (kt.row_kl, kt.row_cross_entropy, kt.row_total_variation, kt.row_hellinger):
            assert np.array_equal(run(fn, pv, qv), run(fn, pc, qc))
        out1, out2 = np.empty(6), np.empty(6)
        w = np.array([0.5, 0.5])
        kt.row_js([pv, qv], w, out1, np.empty((2, 6)), np.empty((2, 6), np.uint8))
        kt.row_js([pc, qc], w, out2, np.empty((2, 6)), np.empty((2, 6), np.uint8))
        assert np.array_equal(out1, out2)
    x = rng.random(40) + 0.5
    o1, o2 = np.empty(40), np.empty(40)
    kt.log_pos(unaligned(x), o1)
    kt.log_pos(x, o2)
    assert np.array_equal(o1, o2)


# ---------------------------------------------------------------------------
# kNN kernels (C-contiguous inputs: misaligned ones are copied)


def test_knn_kernels(data):
    xy, labels, _ = data
    x = np.ascontiguousarray(xy[:, :1])
    y = np.ascontiguousarray(xy[:, 1:])
    xu, yu, xyu = unaligned(x), unaligned(y), unaligned(xy)
    o1, o2 = np.empty(200), np.empty(200)
    kk.knn_radius(xyu, 3, 0, kk.METRIC_CHEBYSHEV, 1, o1)
    kk.knn_radius(xy, 3, 0, kk.METRIC_CHEBYSHEV, 1, o2)
    assert np.array_equal(o1, o2)
    kk.knn_cross_radius(unaligned(xy[:20]), xyu, 3, kk.METRIC_EUCLIDEAN, 1, o1[:20])
    kk.knn_cross_radius(xy[:20].copy(), xy, 3, kk.METRIC_EUCLIDEAN, 1, o2[:20])
    assert np.array_equal(o1[:20], o2[:20])
    i1, i2 = np.empty((200, 3), np.int64), np.empty((200, 3), np.int64)
    kk.knn_indices(xyu, 3, 0, 1, i1)
    kk.knn_indices(xy, 3, 0, 1, i2)
    assert np.array_equal(i1, i2)
    codes = labels.astype(np.int64)
    assert kk.ross_mi(xyu, unaligned(codes), 5, 3, 1) == kk.ross_mi(xy, codes, 5, 3, 1)
    e1 = kk.Ksg([xu, yu], [[0, 1], [0], [1]], kk.MODE_KSG1, 3, 0)
    e2 = kk.Ksg([x, y], [[0, 1], [0], [1]], kk.MODE_KSG1, 3, 0)
    assert e1.run(1) == e2.run(1)
    perm = np.random.default_rng(4).permutation(200)
    e1.set_group(1, unaligned(y[perm]))
    e2.set_group(1, y[perm].copy())
    assert e1.run(1) == e2.run(1)


def test_knn1d_kernels(data):
    xy, labels, _ = data
    x = np.ascontiguousarray(xy[:, :1])
    y = np.ascontiguousarray(xy[:, 1:])
    p1, p2 = k1.KsgPair1D(unaligned(x), unaligned(y), 1), k1.KsgPair1D(x, y, 1)
    assert p1.run(1, 3, 0, 1) == p2.run(1, 3, 0, 1)
    perm = np.random.default_rng(5).permutation(200).astype(np.int64)
    p1.permute_y(unaligned(perm))
    p2.permute_y(perm)
    assert p1.run(2, 3, 0, 1) == p2.run(2, 3, 0, 1)
    t1, t2 = k1.KsgTarget1D(unaligned(y.ravel())), k1.KsgTarget1D(y.ravel().copy())
    assert t1.score(unaligned(x.ravel()), 1, 3, 1) == t2.score(x.ravel().copy(), 1, 3, 1)
    codes = labels.astype(np.int64)
    r1, r2 = k1.RossLabels1D(unaligned(codes), 5), k1.RossLabels1D(codes, 5)
    assert r1.score(unaligned(x.ravel()), 3, 1) == r2.score(x.ravel().copy(), 3, 1)


# ---------------------------------------------------------------------------
# public function families


@pytest.mark.parametrize("variant", ["unaligned", "packed", "reversed"])
def test_public_functions(data, variant):
    xy, labels, other = data
    make = {"unaligned": unaligned, "packed": packed_field, "reversed": lambda a: a[::-1]}[variant]

    def same(fn, *arrays):
        odd = [make(a) if a.ndim == 1 or variant != "packed" else unaligned(a) for a in arrays]
        plain = [np.array(o) for o in odd]
        assert fn(*odd) == fn(*plain)

    x, y = xy[:, 0].copy(), xy[:, 1].copy()
    same(ie.discrete_entropy, labels)
    same(ie.discrete_mutual_info, labels, other)
    same(ie.normalized_mutual_info, labels, other)
    same(ie.adjusted_mutual_info, labels, other)
    same(lambda a: ie.discrete_mutual_info(None, None, contingency=a.reshape(4, 5)), np.arange(1.0, 21.0))
    same(ie.ksg_mutual_info, x, y)
    same(ie.ross_mutual_info, x, labels)
    same(ie.kozachenko_leonenko_entropy, x)
    p = np.random.default_rng(6).random(12)
    q = np.random.default_rng(8).random(12)
    same(dist.entropy, p)
    same(dist.kl_divergence, p, q)
    same(dist.js_divergence, p, q)
    same(dist.hellinger, p, q)
