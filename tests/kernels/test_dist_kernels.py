"""Parity of the compiled row kernels (infokit._kernels.table) with their NumPy twins.

Every kernel is run beside its twin in infokit.reference on the same blocks:
float32 / float64, C and F order, strided and stride-0 (broadcast) views, 0, 1
and many rows, rows longer than one column chunk (8192) so the chunked path
runs, and with 1 and 2 threads (which must give identical bits).
"""

from __future__ import annotations

import numpy as np
import pytest

from infokit import reference as ref
from infokit._kernels import table as k

PAIR_KERNELS = {
    "kl": (k.row_kl, ref.row_kl),
    "cross_entropy": (k.row_cross_entropy, ref.row_cross_entropy),
    "total_variation": (k.row_total_variation, ref.row_total_variation),
    "hellinger": (k.row_hellinger, ref.row_hellinger),
}
# Floats: the kernel and the twin sum in different orders (sequential chunks vs
# NumPy's pairwise sum), so they agree to a few ulps of the row, not exactly.
RTOL, ATOL = 1e-12, 1e-14


def _run(kernel, *inputs, n_threads=1, weights=None):
    blocks = inputs[0] if weights is not None else inputs
    n_rows = blocks[0].shape[0]
    kk = len(blocks)
    out = np.full(n_rows, -1.0)
    sums = np.empty((kk, n_rows))
    flags = np.zeros((kk, n_rows), dtype=np.uint8)
    if weights is not None:
        kernel(list(blocks), weights, out, sums, flags, n_threads)
    else:
        kernel(*blocks, out, sums, flags, n_threads)
    return out, sums, flags


def _layout(a: np.ndarray, layout: str) -> np.ndarray:
    if layout == "C":
        return np.ascontiguousarray(a)
    if layout == "F":
        return np.asfortranarray(a)
    if layout == "strided":  # every other column of a wider array, rows reversed
        wide = np.zeros((a.shape[0], 2 * a.shape[1]), dtype=a.dtype)
        wide[::-1, ::2] = a
        view = wide[::-1, ::2]  # negative row stride, column stride 2
        assert view.shape[0] < 2 or view.strides[0] < 0
        return view
    raise AssertionError(layout)


def _block(rng, shape, dtype, zeros=0.2):
    a = rng.random(shape)
    a[rng.random(shape) < zeros] = 0.0
    if shape[1]:
        a[:, 0] += 0.1  # every row has mass
    return a.astype(dtype)


SHAPES = [(0, 4), (1, 1), (1, 5), (9, 7), (3, 20000)]
LAYOUTS = ["C", "F", "strided"]
DTYPES = [np.float32, np.float64]


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_row_entropy_matches_reference(rng, shape, layout, dtype):
    p = _layout(_block(rng, shape, dtype), layout)
    out, sums, flags = _run(k.row_entropy, p)
    np.testing.assert_allclose(out, ref.row_entropy(p), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(sums[0], p.astype(np.float64).sum(axis=1), rtol=1e-13)
    assert not flags.any()


@pytest.mark.parametrize("name", sorted(PAIR_KERNELS))
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_pair_kernels_match_reference(rng, name, shape, layout, dtype):
    kernel, twin = PAIR_KERNELS[name]
    p = _layout(_block(rng, shape, dtype), layout)
    q = _layout(_block(rng, shape, dtype, zeros=0.05), layout)
    out, _sums, flags = _run(kernel, p, q)
    expected = twin(p, q)
    # KL / CE are +inf where q = 0 < p: same positions in both.
    np.testing.assert_array_equal(np.isinf(out), np.isinf(expected))
    finite = np.isfinite(expected)
    np.testing.assert_allclose(out[finite], expected[finite], rtol=RTOL, atol=ATOL)
    assert not flags.any()


@pytest.mark.parametrize("n_dists", [2, 3, 5])
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_row_js_matches_reference(rng, n_dists, shape, layout, dtype):
    blocks = [_layout(_block(rng, shape, dtype), layout) for _ in range(n_dists)]
    w = rng.random(n_dists)
    w[-1] = 0.0 if n_dists > 2 else w[-1]  # a zero weight is skipped, not 0 * log(x/0)
    w /= w.sum()
    out, _, flags = _run(k.row_js, blocks, weights=w)
    np.testing.assert_allclose(out, ref.row_js(blocks, w), rtol=RTOL, atol=ATOL)
    assert not flags.any()


def test_broadcast_stride_zero_blocks(rng):
    # A (1, n) distribution broadcast against (m, n) arrives as a stride-0 view.
    p = rng.random((6, 11))
    q = np.broadcast_to(rng.random(11), (6, 11))
    assert q.strides[0] == 0
    out, sums, _ = _run(k.row_kl, p, q)
    np.testing.assert_allclose(out, ref.row_kl(p, q), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(sums[1], np.full(6, q[0].sum()), rtol=1e-13)


@pytest.mark.parametrize("shape", [(50, 300), (4, 30000)], ids=str)
def test_threads_give_identical_bits(rng, shape):
    p, q = rng.random(shape), rng.random(shape)
    for kernel, args, kw in [
        (k.row_entropy, (p,), {}),
        (k.row_kl, (p, q), {}),
        (k.row_js, ([p, q, p[::-1]],), {"weights": np.array([0.2, 0.3, 0.5])}),
    ]:
        one = _run(kernel, *args, n_threads=1, **kw)[0]
        two = _run(kernel, *args, n_threads=2, **kw)[0]
        many = _run(kernel, *args, n_threads=7, **kw)[0]
        assert one.tobytes() == two.tobytes() == many.tobytes()


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_bad_rows_are_flagged_and_nan(dtype):
    f = np.finfo(dtype)
    p = np.array(
        [
            [0.5, 0.5, 0.0],  # fine
            [0.5, -0.1, 0.6],  # negative
            [0.5, np.nan, 0.5],  # NaN
            [0.5, np.inf, 0.5],  # inf
            [0.0, 0.0, 0.0],  # zero sum
            [0.5, -np.inf, 0.5],  # -inf: inf (and negative)
        ],
        dtype=dtype,
    )
    out, sums, flags = _run(k.row_entropy, p)
    expected = ref.row_entropy(p)
    np.testing.assert_array_equal(np.isnan(out), np.isnan(expected))
    assert np.isnan(out[1:]).all() and out[0] == pytest.approx(np.log(2), rel=1e-15)
    assert list(flags[0]) == [0, k.FLAG_NEGATIVE, k.FLAG_NAN, k.FLAG_INF, 0, k.FLAG_INF]
    assert sums[0, 4] == 0.0
    # A sum that overflows although every entry is finite (only possible in float64).
    if dtype == np.float64:
        big = np.full((1, 4), f.max / 2)
        out, _, flags = _run(k.row_entropy, big)
        assert np.isnan(out[0]) and flags[0, 0] == k.FLAG_OVERFLOW
        assert np.isnan(ref.row_entropy(big)[0])


def test_bad_rows_flag_each_input_separately():
    p = np.array([[0.5, 0.5], [0.5, 0.5]])
    q = np.array([[0.5, 0.5], [np.nan, 1.0]])
    out, _, flags = _run(k.row_kl, p, q)
    assert list(flags[0]) == [0, 0] and list(flags[1]) == [0, k.FLAG_NAN]
    assert out[0] == 0.0 and np.isnan(out[1])
    np.testing.assert_array_equal(np.isnan(ref.row_kl(p, q)), [False, True])


def test_single_nonzero_row_is_exactly_zero_entropy():
    # x = v / sum is a true division, so a one-point distribution has x == 1.
    p = np.array([[0.0, 3.0, 0.0], [7e-300, 0.0, 0.0]])
    out, _, _ = _run(k.row_entropy, p)
    assert out.tolist() == [0.0, 0.0]


def test_kernel_rejects_mismatched_outputs():
    p = np.ones((3, 2))
    with pytest.raises(ValueError, match="output shapes"):
        k.row_entropy(p, np.empty(2), np.empty((1, 3)), np.zeros((1, 3), np.uint8))
    with pytest.raises(ValueError, match="same dtype and shape"):
        k.row_kl(p, np.ones((3, 3)), np.empty(3), np.empty((2, 3)), np.zeros((2, 3), np.uint8))
    with pytest.raises(TypeError, match="float32 or float64"):
        k.row_entropy(p.astype(int), np.empty(3), np.empty((1, 3)), np.zeros((1, 3), np.uint8))


def test_row_js_extreme_ratios_and_zero_weight():
    # Subnormal entries make y / x overflow or underflow in the two-distribution
    # shortcut; the kernel falls back to the KL form there instead of NaN / inf.
    p = np.array([[1e-320, 1.0, 0.0], [1.0, 1e-320, 0.5], [0.0, 1.0, 1.0]])
    q = np.array([[1.0, 1e-320, 1.0], [1e-320, 1.0, 0.5], [1.0, 0.0, 1.0]])
    for w in ([0.5, 0.5], [0.2, 0.8], [1.0, 0.0]):
        w = np.array(w)
        out, _, _ = _run(k.row_js, [p, q], weights=w)
        assert np.isfinite(out).all()
        np.testing.assert_allclose(out, ref.row_js([p, q], w), rtol=RTOL, atol=ATOL)
    out, _, _ = _run(k.row_js, [p, q], weights=np.array([1.0, 0.0]))
    assert (out == 0).all()  # a single distribution against itself


@pytest.mark.parametrize("n_cols", [2, 7, 9, 255, 257, 1001, 8203])
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_vector_block_tails(rng, n_cols, dtype):
    # The term maps run kBuf (256) entries at a time into 8 lanes: lengths around
    # those sizes exercise every partial block and lane tail.
    p = _block(rng, (3, n_cols), dtype)
    q = _block(rng, (3, n_cols), dtype, zeros=0.0)
    np.testing.assert_allclose(_run(k.row_entropy, p)[0], ref.row_entropy(p), rtol=RTOL, atol=ATOL)
    for name in ("kl", "cross_entropy"):
        kernel, twin = PAIR_KERNELS[name]
        np.testing.assert_allclose(_run(kernel, p, q)[0], twin(p, q), rtol=RTOL, atol=ATOL)
    w = np.array([0.3, 0.7])
    np.testing.assert_allclose(_run(k.row_js, [p, q], weights=w)[0], ref.row_js([p, q], w), rtol=RTOL, atol=ATOL)


def test_kl_ratio_overflow_and_negative_zero():
    # x / y overflows (y subnormal after normalising): the finite value
    # 0.5 (log 0.5 - log y) + 0.5 log(0.5 / 0.5), not inf, and not a value from
    # the fast log's out-of-domain input.
    p = np.array([[1.0, 1.0], [0.5, 0.5], [1.0, 1.0]])
    q = np.array([[1.0, 1e-310], [0.5, 0.5], [1.0, 0.0]])
    out = _run(k.row_kl, p, q)[0]
    y = 1e-310 / (1.0 + 1e-310)
    expected = 0.5 * (np.log(0.5) - np.log(y)) + 0.5 * np.log(0.5 / (1.0 / (1.0 + 1e-310)))
    np.testing.assert_allclose(out[:2], [expected, 0.0], rtol=1e-12)
    assert out[2] == np.inf
    np.testing.assert_allclose(ref.row_kl(p, q), out, rtol=1e-12)
    # -0.0 is a zero entry, not a negative one.
    z = np.array([[0.25, -0.0, 0.75]])
    out, _, flags = _run(k.row_entropy, z)
    assert not flags.any()
    np.testing.assert_allclose(out, ref.row_entropy(np.abs(z)), rtol=RTOL)


def test_subnormal_row_sums_divide_instead_of_nan():
    # A row whose sum is subnormal (below 2^-1024) has 1 / sum = inf: KL and JS
    # normalised by that reciprocal gave inf * v = inf (or 0 * inf = NaN) and so
    # NaN or inf for rows whose true value is 0. Such rows are divided instead.
    s = 2.2e-313
    assert 1.0 / s == np.inf
    n_long = 20000  # past one column chunk (8192): the chunked path
    p = np.zeros((4, n_long))
    q = np.zeros((4, n_long))
    p[0, 0], q[0, 0] = s, 1.0  # one entry each: both normalise to [1]
    p[1, 0], q[1, 0] = s, s
    p[2, :2], q[2, :2] = s, 1.0  # [1/2, 1/2] twice
    p[3, :], q[3, :] = s, 1.0  # uniform over n_long, sum still subnormal
    assert (p.sum(axis=1) < 5.5e-309).all()
    for n_threads in (1, 2):
        assert _run(k.row_kl, p, q, n_threads=n_threads)[0].tolist() == [0.0] * 4
        w = np.array([0.5, 0.5])
        assert _run(k.row_js, [p, q], weights=w, n_threads=n_threads)[0].tolist() == [0.0] * 4
        w = np.array([0.3, 0.7])
        np.testing.assert_allclose(_run(k.row_js, [p, q], weights=w)[0], 0.0, atol=1e-16)
        np.testing.assert_allclose(_run(k.row_js, [p, q, q], weights=np.full(3, 1 / 3))[0], 0.0, atol=1e-16)
    # Entropy and cross-entropy always divided: exact too.
    h = _run(k.row_entropy, p)[0]
    assert h[:2].tolist() == [0.0, 0.0]
    np.testing.assert_allclose(h[2:], [np.log(2), np.log(n_long)], rtol=1e-15)
    np.testing.assert_allclose(_run(k.row_cross_entropy, p, q)[0], h, rtol=1e-15)
    # Against the twins (which divide: no such defect), and asymmetric rows.
    p2 = np.array([[s, 3 * s, 0.0], [s, 0.0, 0.0], [0.25, 0.25, 0.5]])
    q2 = np.array([[1.0, 1.0, 2.0], [1.0, 1.0, 0.0], [s, s, 2 * s]])
    for name, (kernel, twin) in PAIR_KERNELS.items():
        np.testing.assert_allclose(_run(kernel, p2, q2)[0], twin(p2, q2), rtol=RTOL, atol=ATOL, err_msg=name)
    for w in ([0.5, 0.5], [0.2, 0.8]):
        w = np.array(w)
        np.testing.assert_allclose(
            _run(k.row_js, [p2, q2], weights=w)[0], ref.row_js([p2, q2], w), rtol=RTOL, atol=ATOL
        )
    np.testing.assert_allclose(_run(k.row_entropy, p2)[0], ref.row_entropy(p2), rtol=RTOL, atol=ATOL)


def _normalised(rng, shape, dtype, zeros=0.2):
    a = _block(rng, shape, np.float64, zeros=zeros)
    return (a / a.sum(axis=1, keepdims=True)).astype(dtype)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_one_pass_rows_match_reference_and_two_pass(rng, layout, dtype):
    # Long normalised rows take the one-pass form (log s - sum v log v / s);
    # the same rows scaled by 4 (exact; chunk sums above the gate) take the
    # two-pass one on the same normalised values. Both agree with the twin and
    # with each other.
    p = _layout(_normalised(rng, (3, 20000), dtype), layout)
    q = _layout(_normalised(rng, (3, 20000), dtype, zeros=0.0), layout)
    h = _run(k.row_entropy, p)[0]
    np.testing.assert_allclose(h, ref.row_entropy(p), rtol=RTOL)
    np.testing.assert_allclose(h, _run(k.row_entropy, np.asarray(p) * 4)[0], rtol=1e-14)
    ce = _run(k.row_cross_entropy, p, q)[0]
    np.testing.assert_allclose(ce, ref.row_cross_entropy(p, q), rtol=RTOL)
    np.testing.assert_allclose(ce, _run(k.row_cross_entropy, np.asarray(p) * 4, q)[0], rtol=1e-14)
    # CE(p, p) == H(p) bit for bit on this path as on the two-pass one; the
    # entropy of contiguous double rows reads each chunk once (sum, flags and
    # terms fused), cross-entropy in two loops: same sums and totals.
    ce_pp, ce_sums, _ = _run(k.row_cross_entropy, p, p)
    assert ce_pp.tobytes() == h.tobytes()
    assert _run(k.row_entropy, p)[1][0].tobytes() == ce_sums[0].tobytes()
    for n_threads in (2, 5):
        assert _run(k.row_entropy, p, n_threads=n_threads)[0].tobytes() == h.tobytes()
        assert _run(k.row_cross_entropy, p, q, n_threads=n_threads)[0].tobytes() == ce.tobytes()


def test_one_pass_keeps_accuracy_where_it_would_cancel():
    # Near-deterministic long rows: H shrinks towards the rounding of the row
    # sum, where log s - sum v log v / s would cancel. The result stays within
    # 1e-12 of the two-pass form on the same normalised values (the row times
    # 4), which the kernel falls back to once |log s| is not small against H.
    n = 20000
    for eps in (1e-3, 1e-6, 1e-9, 1e-12, 0.0):
        p = np.full((1, n), eps / (n - 1))
        p[0, 0] = 1.0 - eps
        np.testing.assert_allclose(_run(k.row_entropy, p)[0], _run(k.row_entropy, 4 * p)[0], rtol=1e-12, atol=0)
    assert _run(k.row_entropy, p)[0][0] == 0.0  # eps = 0: one point, exactly 0


@pytest.mark.parametrize("n_cols", [7, 20000])
def test_tiny_log_arguments_take_the_scaled_log(rng, n_cols):
    # Entries whose normalised value (two-pass) or raw value (one-pass) is
    # below 2^-1021 need log_pos's scaling; a block holding one is redone with it.
    p = _normalised(rng, (2, n_cols), np.float64)
    p[:, 1] = 1e-310
    p[1, 2] = 5e-324
    q = _normalised(rng, (2, n_cols), np.float64, zeros=0.0)
    q[:, 3] = 1e-312
    for scale in (1.0, 3.0):
        h = _run(k.row_entropy, p * scale)[0]
        np.testing.assert_allclose(h, ref.row_entropy(p * scale), rtol=RTOL)
        assert _run(k.row_cross_entropy, p * scale, p * scale)[0].tobytes() == h.tobytes()
        for name in ("kl", "cross_entropy"):
            kernel, twin = PAIR_KERNELS[name]
            np.testing.assert_allclose(_run(kernel, p * scale, q)[0], twin(p * scale, q), rtol=RTOL)
        w = np.array([0.3, 0.7])
        np.testing.assert_allclose(
            _run(k.row_js, [p * scale, q], weights=w)[0], ref.row_js([p * scale, q], w), rtol=RTOL
        )


def test_rows_that_start_like_probabilities_but_are_counts(rng):
    # The fused pass skips the logarithms of a chunk whose first entries sum
    # past the gate; a row of counts after leading zeros passes that look, and
    # its terms are then computed and dropped: the two-pass result stands.
    p = np.zeros((2, 20000))
    p[0, 100:] = rng.integers(1, 50, size=19900)
    p[1, 8192 + 10 :] = rng.random(20000 - 8192 - 10)  # the second chunk starts with zeros
    h, sums, flags = _run(k.row_entropy, p)
    np.testing.assert_allclose(h, ref.row_entropy(p), rtol=RTOL)
    np.testing.assert_allclose(sums[0], p.sum(axis=1), rtol=1e-13)
    assert not flags.any()
    # Bad entries inside a fused chunk are flagged as by the plain pass.
    q = np.full((3, 20000), 1 / 20000)
    q[0, 5000], q[1, 300], q[2, 9000] = np.nan, -1e-9, np.inf
    out, _, qflags = _run(k.row_entropy, q)
    assert np.isnan(out).all()
    assert qflags[0].tolist() == [2, 1, 4]  # kRowNaN, kRowNegative, kRowInf


@pytest.mark.parametrize("shape", [(1, 1), (5, 7), (40, 128), (3, 129), (2, 1000)])
@pytest.mark.parametrize("layout", ["C", "F", "strided", "broadcast"])
def test_kl_normal_standard_rows_matches_reference(rng, shape, layout):
    mu = rng.standard_normal(shape)
    lv = rng.standard_normal(shape) * rng.choice([1e-9, 0.1, 1.0, 5.0], size=shape)
    lv.flat[:: max(1, lv.size // 3)] = [0.4999999, -0.5, 0.5, 30.0, -1e-300][: len(lv.flat[:: max(1, lv.size // 3)])]
    if layout == "F":
        mu, lv = np.asfortranarray(mu), np.asfortranarray(lv)
    elif layout == "strided":
        mu, lv = np.repeat(mu, 2, axis=1)[:, ::2], np.repeat(lv, 3, axis=0)[::3]
    elif layout == "broadcast":
        mu = np.broadcast_to(mu[:1], shape)
    out = np.empty(shape[0])
    k.kl_normal_standard_rows(mu, lv, out)
    np.testing.assert_allclose(out, ref.kl_normal_standard_rows(mu, lv), rtol=1e-13, atol=0)


def test_kl_normal_standard_rows_special_values():
    mu = np.zeros((4, 3))
    lv = np.array([[np.nan, 0, 0], [800.0, 0, 0], [-np.inf, 0, 0], [1e-9, 1e-9, 0]])
    out = np.empty(4)
    k.kl_normal_standard_rows(mu, lv, out)
    assert np.isnan(out[0]) and out[1] == np.inf and out[2] == np.inf
    assert out[3] == pytest.approx(2 * 0.5 * (1e-18 / 2 + 1e-27 / 6), rel=1e-15)


@pytest.mark.parametrize("shape", [(1, 2), (9, 7), (40, 300), (3, 20000)], ids=str)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_row_js_near_identical_matches_reference(rng, shape, layout, dtype):
    # Rows from identical to 10% apart: the series form (max(w)|delta| < 1/8)
    # in the kernel and in the twin, the log form elsewhere, and the row-sum
    # correction of rows whose JS is below 2^-20. Both are accurate to a few
    # ulps of JS itself (tests/dist/test_dist_js_accuracy.py checks them
    # against mpmath), so they agree relative to JS with no absolute floor.
    p = _normalised(rng, shape, np.float64, zeros=0.1)
    scale = np.logspace(-15, -1, shape[0])[:, None]
    q = (p * np.exp(scale * rng.standard_normal(shape))).astype(dtype)
    p = p.astype(dtype)
    p, q = _layout(p, layout), _layout(q, layout)
    for w in ([0.5, 0.5], [0.3, 0.7], [0.99, 0.01]):
        w = np.array(w)
        out = _run(k.row_js, [p, q], weights=w)[0]
        np.testing.assert_allclose(out, ref.row_js([p, q], w), rtol=1e-12 if w[0] != 0.5 else 1e-14, atol=0)
        assert _run(k.row_js, [p, q], weights=w, n_threads=2)[0].tobytes() == out.tobytes()
        assert (_run(k.row_js, [p, p], weights=w)[0] == 0).all()


def test_row_js_twin_near_identical_against_mpmath(rng):
    mp = pytest.importorskip("mpmath")
    p = rng.dirichlet(np.ones(20), size=4)
    q = p * np.exp(np.array([1e-14, 1e-9, 1e-4, 0.2])[:, None] * rng.standard_normal(p.shape))
    w = np.array([0.3, 0.7])
    got = ref.row_js([p, q], w)
    with mp.workdps(50):
        w0, w1 = mp.mpf(w[0]), mp.mpf(w[1])
        w0, w1 = w0 / (w0 + w1), w1 / (w0 + w1)  # 0.3 + 0.7 is not 1 in binary
        for r in range(4):
            x = [mp.mpf(float(v)) for v in p[r]]
            y = [mp.mpf(float(v)) for v in q[r]]
            sx, sy = mp.fsum(x), mp.fsum(y)
            want = mp.fsum(
                w0 * (a / sx) * mp.log((a / sx) / (w0 * a / sx + w1 * b / sy))
                + w1 * (b / sy) * mp.log((b / sy) / (w0 * a / sx + w1 * b / sy))
                for a, b in zip(x, y)
            )
            assert abs(got[r] - want) <= 1e-14 * want


def test_row_js_near_identical_exact_fallbacks(rng):
    # The scalar form (two_exact) takes a segment where a subnormal entry makes
    # y / x overflow, and a row whose sum is subnormal: it has the series too.
    p = _normalised(rng, (3, 300), np.float64, zeros=0.0)
    q = p * np.exp(1e-9 * rng.standard_normal(p.shape))
    p[:, 5], q[:, 5] = 1e-320, 1e-3  # y / x = inf: the whole segment goes to two_exact
    for w in ([0.5, 0.5], [0.3, 0.7]):
        w = np.array(w)
        np.testing.assert_allclose(_run(k.row_js, [p, q], weights=w)[0], ref.row_js([p, q], w), rtol=1e-13, atol=0)
    # Rows whose sums are subnormal (divided, not multiplied by 1 / sum): the
    # entries keep only ~20 bits, so the rows differ by ~1e-3 to stay apart.
    a = p[:, 6:] * (2.2e-313 / 300)
    b = a * np.exp(1e-3 * rng.standard_normal(a.shape))
    w = np.array([0.5, 0.5])
    out = _run(k.row_js, [a, b], weights=w)[0]
    assert (out > 0).all()
    np.testing.assert_allclose(out, ref.row_js([a, b], w), rtol=1e-4, atol=0)
