"""infokit.dist vector measures against SciPy: entropy, KL, CE, JS, TV, Hellinger.

Parity is checked wherever SciPy computes the same thing:
scipy.stats.entropy (pk; pk with qk = KL), scipy.special.entr / rel_entr / xlogy
sums and scipy.spatial.distance.jensenshannon, over axis (int, negative, tuple,
None), keepdims, dtype (f4 / f8 / int / bool), memory layout (C, F, strided
views), sizes 0 / 1 / large and broadcasting. Where infokit chooses differently
(default axis, errors instead of NaN / 0, clamping) a test pins the choice.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats
from scipy.spatial.distance import jensenshannon

from infokit import dist

# Relative tolerance of a result against SciPy run on the float64 data: float32
# results are computed in double and rounded once to float32.
RTOL = {np.float64: 1e-12, np.float32: 1e-6, np.int64: 1e-12, np.bool_: 1e-12}


def _data(rng, shape, dtype, zeros=True):
    """Valid (no zero-sum slice along any axis) test data of the given dtype."""
    idx = sum(np.indices(shape))  # i + j + ...: two neighbours are never both 0 mod 3
    if dtype == np.bool_:
        return idx % 3 != 0
    if dtype == np.int64:
        a = rng.integers(1, 6, size=shape)
        return np.where(idx % 3 == 0, 0, a) if zeros else a
    a = rng.random(shape) + 0.05
    if zeros:
        a = np.where(idx % 3 == 0, 0.0, a)
    return a.astype(dtype)


def _layout(a, layout):
    if layout == "C":
        return np.ascontiguousarray(a)
    if layout == "F":
        return np.asfortranarray(a)
    big = np.zeros(tuple(2 * s for s in a.shape), dtype=a.dtype)
    big[tuple(slice(None, None, 2) for _ in a.shape)] = a
    return big[tuple(slice(None, None, 2) for _ in a.shape)]  # non-contiguous view


AXES = [0, 1, -1, (0, 2), None]
DTYPES = [np.float64, np.float32, np.int64, np.bool_]
LAYOUTS = ["C", "F", "strided"]


@pytest.mark.parametrize("axis", AXES, ids=str)
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_entropy_matches_scipy(rng, axis, keepdims, dtype, layout):
    p = _layout(_data(rng, (3, 4, 5), dtype), layout)
    got = dist.entropy(p, axis=axis, keepdims=keepdims)
    want = stats.entropy(p.astype(np.float64), axis=axis, keepdims=keepdims)
    assert np.shape(got) == np.shape(want)
    np.testing.assert_allclose(got, want, rtol=RTOL[dtype], atol=0)
    assert np.asarray(got).dtype == (np.float32 if dtype == np.float32 else np.float64)


@pytest.mark.parametrize("axis", AXES, ids=str)
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_kl_divergence_matches_scipy(rng, axis, keepdims, dtype, layout):
    p = _layout(_data(rng, (3, 4, 5), dtype), layout)
    q = _layout(_data(rng, (3, 4, 5), dtype, zeros=False), layout)
    got = dist.kl_divergence(p, q, axis=axis, keepdims=keepdims)
    want = stats.entropy(p.astype(np.float64), q.astype(np.float64), axis=axis, keepdims=keepdims)
    assert np.shape(got) == np.shape(want)
    np.testing.assert_allclose(got, want, rtol=RTOL[dtype], atol=1e-15)


@pytest.mark.parametrize("axis", [0, 1, 2, -1])
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("base", [None, 2])
def test_js_distance_matches_scipy(rng, axis, keepdims, dtype, base):
    p, q = _data(rng, (3, 4, 5), dtype), _data(rng, (3, 4, 5), dtype, zeros=False)
    got = dist.js_distance(p, q, axis=axis, keepdims=keepdims, base=base)
    want = jensenshannon(p.astype(np.float64), q.astype(np.float64), axis=axis, keepdims=keepdims, base=base)
    assert np.shape(got) == np.shape(want)
    np.testing.assert_allclose(got, want, rtol=RTOL[dtype])
    div = dist.js_divergence(p, q, axis=axis, keepdims=keepdims, base=base)
    np.testing.assert_allclose(div, want**2, rtol=10 * RTOL[dtype])


@pytest.mark.parametrize("axis", AXES, ids=str)
@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=lambda d: np.dtype(d).name)
def test_special_function_sums(rng, axis, dtype):
    # entr / rel_entr / xlogy sums of normalised inputs are H, KL and CE.
    p, q = _data(rng, (3, 4, 5), dtype), _data(rng, (3, 4, 5), dtype, zeros=False)
    x = p.astype(np.float64) / p.astype(np.float64).sum(axis=axis, keepdims=True)
    y = q.astype(np.float64) / q.astype(np.float64).sum(axis=axis, keepdims=True)
    rt = RTOL[dtype]
    np.testing.assert_allclose(dist.entropy(p, axis=axis), special.entr(x).sum(axis=axis), rtol=rt)
    np.testing.assert_allclose(dist.kl_divergence(p, q, axis=axis), special.rel_entr(x, y).sum(axis=axis), rtol=rt)
    np.testing.assert_allclose(dist.cross_entropy(p, q, axis=axis), -special.xlogy(x, y).sum(axis=axis), rtol=rt)
    np.testing.assert_allclose(dist.total_variation(p, q, axis=axis), 0.5 * np.abs(x - y).sum(axis=axis), rtol=rt)
    hel = np.sqrt(0.5 * ((np.sqrt(x) - np.sqrt(y)) ** 2).sum(axis=axis))
    np.testing.assert_allclose(dist.hellinger(p, q, axis=axis), hel, rtol=rt)


def test_default_axis_is_last_unlike_scipy(rng):
    # infokit reduces rows (axis=-1) by default; SciPy's default is axis=0.
    p = rng.random((4, 6))
    np.testing.assert_allclose(dist.entropy(p), stats.entropy(p, axis=1), rtol=1e-13)
    np.testing.assert_allclose(dist.kl_divergence(p, p[::-1]), stats.entropy(p, p[::-1], axis=1), rtol=1e-13)
    np.testing.assert_allclose(dist.js_distance(p, p[::-1]), jensenshannon(p, p[::-1], axis=1), rtol=1e-12)


@pytest.mark.parametrize(
    "pshape,qshape,axis",
    [((4, 6), (6,), -1), ((4, 6), (1, 6), 1), ((6,), (3, 6), -1), ((4, 1, 6), (1, 5, 6), -1), ((4, 6), (4, 1), 0)],
    ids=str,
)
def test_broadcasting_matches_scipy(rng, pshape, qshape, axis):
    p, q = rng.random(pshape), rng.random(qshape) + 0.1
    want = stats.entropy(p, q, axis=axis)
    got = dist.kl_divergence(p, q, axis=axis)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-12)
    pb, qb = np.broadcast_arrays(p, q)
    np.testing.assert_allclose(
        dist.cross_entropy(p, q, axis=axis), dist.cross_entropy(pb.copy(), qb.copy(), axis=axis), rtol=1e-15
    )
    np.testing.assert_allclose(dist.js_distance(p, q, axis=axis), jensenshannon(pb, qb, axis=axis), rtol=1e-12)


def test_sizes_one_and_large(rng):
    # One outcome: H = 0, KL = 0.
    assert dist.entropy([3.0]) == 0.0 and dist.kl_divergence([2], [5]) == 0.0
    np.testing.assert_array_equal(dist.entropy(np.ones((4, 1))), np.zeros(4))
    # Long rows use the chunked kernel path (> 8192 columns).
    p, q = rng.random((3, 50_000)), rng.random((3, 50_000))
    np.testing.assert_allclose(dist.entropy(p), stats.entropy(p, axis=1), rtol=1e-12)
    np.testing.assert_allclose(dist.kl_divergence(p, q), stats.entropy(p, q, axis=1), rtol=1e-11)
    np.testing.assert_allclose(dist.js_distance(p, q), jensenshannon(p, q, axis=1), rtol=1e-11)
    v = rng.random(200_000)
    np.testing.assert_allclose(dist.entropy(v), stats.entropy(v), rtol=1e-12)


def test_empty_batch_gives_empty_result():
    # No slices at all (SciPy: an empty array) -> an empty result, not an error.
    out = dist.entropy(np.zeros((0, 3)), axis=1)
    assert out.shape == (0,) and out.dtype == np.float64
    np.testing.assert_array_equal(out, stats.entropy(np.zeros((0, 3)), axis=1))
    assert dist.kl_divergence(np.zeros((0, 3)), np.ones(3)).shape == (0,)
    assert dist.entropy(np.zeros((0, 3), np.float32), keepdims=True).shape == (0, 1)


@pytest.mark.parametrize("shape,axis", [((0,), -1), ((2, 0), 1), ((3, 0, 2), (1, 2))], ids=str)
def test_empty_slice_raises_unlike_scipy(shape, axis):
    # SciPy returns 0 for an empty distribution; infokit refuses it.
    with pytest.raises(ValueError, match="p is empty"):
        dist.entropy(np.zeros(shape), axis=axis)


def test_zero_sum_slice_raises_unlike_scipy():
    # SciPy returns NaN for a zero-sum slice; infokit raises, naming the input.
    assert np.isnan(stats.entropy([[0.5, 0.0], [0.5, 0.0]], axis=0)[1])
    with pytest.raises(ValueError, match="p has a slice that sums to 0"):
        dist.entropy([[0.5, 0.5], [0.0, 0.0]])
    with pytest.raises(ValueError, match="q has a slice that sums to 0"):
        dist.kl_divergence([0.5, 0.5], [0, 0])
    with pytest.raises(ValueError, match="distribution 2 has a slice that sums to 0"):
        dist.js_divergence([1, 0], [0, 1], [0, 0])


def test_kl_and_ce_conventions():
    # The zero conventions SciPy's rel_entr / xlogy use: 0 log 0 = 0, 0 log(0/q) = 0,
    # p log(p/0) = +inf, in both argument orders.
    assert dist.kl_divergence([0.5, 0.5, 0.0], [0.5, 0.5, 0.0]) == 0.0
    assert dist.kl_divergence([0.0, 1.0], [0.5, 0.5]) == pytest.approx(math.log(2), rel=1e-15)
    assert dist.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert dist.kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(math.log(2), rel=1e-15)
    assert dist.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert dist.cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert stats.entropy([0.5, 0.5], [1.0, 0.0]) == math.inf  # SciPy agrees
    # JS stays finite: the mixture covers both supports.
    assert dist.js_divergence([1, 0], [0, 1]) == pytest.approx(math.log(2), rel=1e-15)


def test_js_distance_near_identical_is_zero_not_nan():
    # scipy#20083: jensenshannon takes sqrt of a rounding-negative divergence.
    c1 = np.array([0.027501475, 0.055202297], dtype="float32")
    c2 = np.array([0.027537677, 0.055334348], dtype="float32")
    got = dist.js_distance(c1, c2)
    assert np.isfinite(got) and got >= 0 and got.dtype == np.float32
    # The true value, from float64 with the KL form: tiny but positive.
    x, y = c1.astype(np.float64) / c1.sum(dtype=np.float64), c2.astype(np.float64) / c2.sum(dtype=np.float64)
    m = (x + y) / 2
    truth = math.sqrt(max(0.5 * (special.rel_entr(x, m).sum() + special.rel_entr(y, m).sum()), 0.0))
    assert got == pytest.approx(truth, abs=1e-6)
    # scipy#20779: exact mirror pair just below 1/2.
    h = np.nextafter(0.5, 0)
    assert np.isfinite(dist.js_distance([h, 1 - h], [1 - h, h]))
    assert dist.js_distance([0.3, 0.7], [0.3, 0.7]) == 0.0
    assert dist.js_distance([3, 7], [0.375, 0.875]) == 0.0  # proportional inputs (q = p / 8)
    # 0.3 and 0.7 are not 3 / 10 and 7 / 10 in binary: the true distance of these
    # two inputs is 4.28e-18 (50-digit mpmath), which the series form resolves.
    assert dist.js_distance([3, 7], [0.3, 0.7]) == pytest.approx(4.282778297617693e-18, rel=1e-12)


def test_js_weights_and_many_distributions(rng):
    ps = [rng.random(7) for _ in range(4)]
    w = np.array([0.1, 0.2, 0.3, 0.4])
    xs = [p / p.sum() for p in ps]
    m = sum(wi * x for wi, x in zip(w, xs))
    want = stats.entropy(m) - sum(wi * stats.entropy(x) for wi, x in zip(w, xs))  # H(m) - sum w H(p)
    assert dist.js_divergence(*ps, weights=w) == pytest.approx(want, rel=1e-12)
    assert dist.js_divergence(*ps, weights=10 * w) == pytest.approx(want, rel=1e-12)  # weights normalised
    # A zero weight removes that distribution.
    assert dist.js_divergence(ps[0], ps[1], ps[2], weights=[1, 1, 0]) == pytest.approx(
        dist.js_divergence(ps[0], ps[1]), rel=1e-13
    )
    # k disjoint point masses, equal weights: JS = ln k.
    assert dist.js_divergence(*np.eye(5), base=2) == pytest.approx(math.log2(5), rel=1e-14)


def test_float32_stays_float32_and_mixed_promotes(rng):
    p32, q32 = rng.random(5).astype(np.float32), rng.random(5).astype(np.float32)
    for fn in (
        dist.kl_divergence,
        dist.cross_entropy,
        dist.js_divergence,
        dist.js_distance,
        dist.total_variation,
        dist.hellinger,
    ):
        assert fn(p32, q32).dtype == np.float32
        assert fn(p32, q32.astype(np.float64)).dtype == np.float64
    assert dist.entropy(p32).dtype == np.float32
    assert dist.entropy(p32.astype(np.float16)).dtype == np.float32
    assert dist.entropy(rng.integers(1, 5, 6)).dtype == np.float64
    assert dist.entropy(np.array([True, True, False])) == pytest.approx(math.log(2), rel=1e-15)
    assert isinstance(dist.entropy([1, 2]), np.float64)


def test_base_conversion(rng):
    p, q = rng.random(9), rng.random(9)
    for fn, args in [
        (dist.entropy, (p,)),
        (dist.kl_divergence, (p, q)),
        (dist.cross_entropy, (p, q)),
        (dist.js_divergence, (p, q)),
    ]:
        nats = fn(*args)
        assert fn(*args, base=2) == pytest.approx(nats / math.log(2), rel=1e-14)
        assert fn(*args, base=10) == pytest.approx(nats / math.log(10), rel=1e-14)
        assert fn(*args, base=math.e) == pytest.approx(nats, rel=1e-15)
    assert dist.entropy(p, base=2) == pytest.approx(stats.entropy(p, base=2), rel=1e-13)


def test_nan_policy(rng):
    p = np.array([[0.5, np.nan, 0.5], [0.2, 0.3, 0.5]])
    got = dist.entropy(p)
    assert np.isnan(got[0]) and got[1] == pytest.approx(stats.entropy(p[1]), rel=1e-13)
    with pytest.raises(ValueError, match=r"p contain NaN \(nan_policy='raise'\)"):
        dist.entropy(p, nan_policy="raise")
    # 'omit' drops NaN entries, like SciPy's nan_policy='omit'.
    np.testing.assert_allclose(
        dist.entropy(p, nan_policy="omit"), stats.entropy(p, axis=1, nan_policy="omit"), rtol=1e-13
    )
    q = np.array([0.2, 0.3, 0.5])
    assert dist.kl_divergence(p[0], q, nan_policy="omit") == pytest.approx(
        stats.entropy(p[0], q, nan_policy="omit"), rel=1e-13
    )
    # ... at the same position in both inputs: NaN in q drops p's entry too.
    assert dist.kl_divergence(q, p[0], nan_policy="omit") == pytest.approx(
        stats.entropy([0.2, 0.5], [0.5, 0.5]), rel=1e-13
    )
    with pytest.raises(ValueError, match="q contain NaN"):
        dist.kl_divergence(q, p[0], nan_policy="raise")
    # A slice left with no mass after omitting raises like a zero-sum slice.
    with pytest.raises(ValueError, match="sums to 0"):
        dist.entropy([np.nan, 0.0], nan_policy="omit")
    assert np.isnan(dist.js_distance(p[0], q))


def test_normalize_false(rng):
    p = np.array([0.2, 0.3, 0.5])
    assert dist.entropy(p, normalize=False) == pytest.approx(stats.entropy(p), rel=1e-15)
    with pytest.raises(ValueError, match="p does not sum to 1"):
        dist.entropy([1, 2, 3], normalize=False)
    with pytest.raises(ValueError, match="q does not sum to 1"):
        dist.kl_divergence(p, [0.2, 0.3, 0.4], normalize=False)
    # Tolerance: 1e-9 for float64, 1e-6 for float32.
    dist.entropy(p * (1 + 5e-10), normalize=False)
    with pytest.raises(ValueError, match="does not sum to 1"):
        dist.entropy(p * (1 + 5e-9), normalize=False)
    dist.entropy((p * (1 + 5e-7)).astype(np.float32), normalize=False)
    with pytest.raises(ValueError, match="does not sum to 1"):
        dist.entropy((p * (1 + 5e-6)).astype(np.float32), normalize=False)
    # float32 softmax output of 10^5 classes sums to 1 within float32 rounding.
    z = rng.normal(size=100_000)
    soft = (np.exp(z) / np.exp(z).sum()).astype(np.float32)
    dist.entropy(soft, normalize=False)


def test_pandas_input(rng):
    df = pd.DataFrame(rng.random((4, 3)), columns=list("abc"))
    np.testing.assert_allclose(dist.entropy(df), stats.entropy(df.to_numpy(), axis=1), rtol=1e-13)
    np.testing.assert_allclose(dist.entropy(df, axis=0), stats.entropy(df.to_numpy(), axis=0), rtol=1e-13)
    s, t = pd.Series([0.2, 0.8]), pd.Series([0.5, 0.5])
    assert dist.kl_divergence(s, t) == pytest.approx(stats.entropy(s, t), rel=1e-13)
    assert dist.js_distance(s, t, base=2) == pytest.approx(jensenshannon(s, t, base=2), rel=1e-12)


def test_n_jobs_gives_identical_results(rng):
    p, q = rng.random((300, 200)), rng.random((300, 200))
    for fn, args in [(dist.entropy, (p,)), (dist.kl_divergence, (p, q)), (dist.js_divergence, (p, q))]:
        a, b = fn(*args), fn(*args, n_jobs=-1)
        assert a.tobytes() == b.tobytes() == fn(*args, n_jobs=2).tobytes()


def test_bounded_measures_are_clamped():
    # Near-identical inputs: KL rounding-negative -> 0; JS within [0, ln 2].
    p = np.array([0.1 + 1e-17, 0.9])
    assert dist.kl_divergence(p, [0.1, 0.9]) >= 0.0
    assert dist.js_divergence([1, 0], [0, 1]) <= math.log(2)
    assert dist.total_variation([1, 0], [0, 1]) == 1.0
    assert dist.hellinger([1, 0, 0], [0, 0.5, 0.5]) == 1.0


def test_identical_inputs_give_exact_zero(rng):
    # x / m with m == x is exactly 1, so no rounding residue survives.
    p = rng.random((500, 7))
    assert (dist.kl_divergence(p, p) == 0).all()
    assert (dist.js_divergence(p, p) == 0).all() and (dist.js_distance(p, p) == 0).all()
    assert (dist.total_variation(p, p) == 0).all() and (dist.hellinger(p, p) == 0).all()
    np.testing.assert_array_equal(dist.cross_entropy(p, p), dist.entropy(p))
