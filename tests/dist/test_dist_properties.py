"""Property tests (hypothesis) for infokit.dist: identities and bounds of information theory."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from infokit import dist

pytestmark = pytest.mark.hypothesis

# Probability-like entries: zeros included (0 log 0), plus a wide dynamic range.
_entry = st.one_of(st.just(0.0), st.floats(1e-12, 1.0), st.floats(1.0, 1e6))
_ABS = 1e-12  # identities hold to rounding of O(1) entropies


def _vector(n_min=1, n_max=12):
    return hnp.arrays(np.float64, st.integers(n_min, n_max), elements=_entry).filter(lambda a: a.sum() > 0)


def _table(max_side=6):
    shape = st.tuples(st.integers(1, max_side), st.integers(1, max_side))
    return hnp.arrays(np.float64, shape, elements=_entry).filter(lambda a: a.sum() > 0)


@st.composite
def _pair(draw, positive_q=False):
    n = draw(st.integers(1, 12))
    p = draw(hnp.arrays(np.float64, n, elements=_entry).filter(lambda a: a.sum() > 0))
    q_el = st.floats(1e-6, 1e3) if positive_q else _entry
    q = draw(hnp.arrays(np.float64, n, elements=q_el).filter(lambda a: a.sum() > 0))
    return p, q


@given(_table())
def test_mi_bounds(t):
    mi = dist.mutual_info(t)
    hx, hy = dist.entropy(t.sum(axis=1)), dist.entropy(t.sum(axis=0))
    assert 0.0 <= mi <= min(hx, hy) + _ABS


@given(_table())
def test_mi_symmetric(t):
    assert dist.mutual_info(t) == pytest.approx(dist.mutual_info(t.T), abs=_ABS)
    assert dist.variation_of_information(t) == pytest.approx(dist.variation_of_information(t.T), abs=_ABS)


@given(_vector())
def test_mi_of_diagonal_is_entropy(p):
    # Y = X: the joint table is diag(p), I(X; X) = H(X).
    assert dist.mutual_info(np.diag(p)) == pytest.approx(dist.entropy(p), rel=1e-12, abs=_ABS)
    assert dist.conditional_entropy(np.diag(p)) == pytest.approx(0.0, abs=_ABS)


@given(_table())
def test_chain_rule(t):
    # H(X, Y) = H(X) + H(Y | X), X on axis 0.
    hxy = dist.joint_entropy(t)
    assert hxy == pytest.approx(dist.entropy(t.sum(axis=1)) + dist.conditional_entropy(t, given=0), abs=_ABS)
    assert hxy == pytest.approx(dist.entropy(t.ravel()), rel=1e-13, abs=_ABS)


@given(_table())
def test_nmi_in_unit_interval(t):
    for m in dist.NMI_AVERAGE_METHODS:
        v = dist.normalized_mutual_info(t, average_method=m)
        assert 0.0 <= v <= 1.0


@given(_pair(positive_q=True))
def test_kl_is_ce_minus_h_and_nonnegative(pq):
    p, q = pq
    kl = dist.kl_divergence(p, q)
    assert kl >= 0.0
    scale = 1.0 + dist.cross_entropy(p, q)
    assert kl == pytest.approx(dist.cross_entropy(p, q) - dist.entropy(p), abs=1e-12 * scale)


@given(_pair())
def test_kl_infinite_exactly_when_support_missing(pq):
    p, q = pq
    missing = bool(((p > 0) & (q == 0)).any())
    assert math.isinf(dist.kl_divergence(p, q)) == missing
    assert math.isinf(dist.cross_entropy(p, q)) == missing


@given(_pair())
@example((np.array([1.0, 1.0]), np.array([1e-12, 632870.08])))  # once 1.05e-14 apart
def test_js_symmetric_and_bounded(pq):
    p, q = pq
    js = dist.js_divergence(p, q)
    assert 0.0 <= js <= math.log(2)
    # Swapping p and q normalises and sums the same terms in another order; with
    # one mass near 1 against one near 0 the p log(p / m) terms cancel, which
    # amplifies those last-bit differences to tens of ulp: 1e-13, not 1e-14.
    assert js == pytest.approx(dist.js_divergence(q, p), rel=1e-13, abs=1e-15)
    assert 0.0 <= dist.js_divergence(p, q, base=2) <= 1.0
    d = dist.js_distance(p, q)
    assert not math.isnan(d) and d == pytest.approx(math.sqrt(js), rel=1e-12, abs=1e-15)


@given(_pair())
def test_tv_and_hellinger_bounds(pq):
    p, q = pq
    tv, he = dist.total_variation(p, q), dist.hellinger(p, q)
    assert 0.0 <= tv <= 1.0 and 0.0 <= he <= 1.0
    # Le Cam: H^2 <= TV <= sqrt(2) H.
    assert he**2 <= tv + 1e-12 and tv <= math.sqrt(2) * he + 1e-12


@given(_pair(), st.sampled_from([2, 10, 0.5, 7.3]))
def test_base_conversion(pq, base):
    p, q = pq
    ln_b = math.log(base)
    assert dist.entropy(p, base=base) == pytest.approx(dist.entropy(p) / ln_b, rel=1e-13, abs=1e-300)
    assert dist.js_divergence(p, q, base=base) == pytest.approx(dist.js_divergence(p, q) / ln_b, rel=1e-13, abs=1e-300)


@given(_pair(), st.randoms(use_true_random=False))
def test_invariant_to_permuting_outcomes(pq, rnd):
    p, q = pq
    perm = list(range(len(p)))
    rnd.shuffle(perm)
    assert dist.entropy(p[perm]) == pytest.approx(dist.entropy(p), rel=1e-12, abs=1e-15)
    kl, kl_perm = dist.kl_divergence(p, q), dist.kl_divergence(p[perm], q[perm])
    assert kl_perm == pytest.approx(kl, rel=1e-12, abs=1e-15) or (math.isinf(kl) and math.isinf(kl_perm))
    assert dist.js_divergence(p[perm], q[perm]) == pytest.approx(dist.js_divergence(p, q), rel=1e-12, abs=1e-15)


@given(_table(), st.randoms(use_true_random=False))
def test_mi_invariant_to_relabelling(t, rnd):
    rows, cols = list(range(t.shape[0])), list(range(t.shape[1]))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    assert dist.mutual_info(t[rows][:, cols]) == pytest.approx(dist.mutual_info(t), rel=1e-12, abs=_ABS)


@given(_vector(), st.floats(1e-3, 1e3))
def test_scale_invariance_of_normalisation(p, c):
    assume(np.isfinite(p * c).all())
    assert dist.entropy(p * c) == pytest.approx(dist.entropy(p), rel=1e-12, abs=1e-15)


@given(hnp.arrays(np.float32, st.tuples(st.integers(1, 5), st.integers(1, 8)), elements=st.floats(0, 1, width=32)))
def test_float32_matches_float64(a):
    assume((a.sum(axis=1) > 0).all())
    got = dist.entropy(a)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, dist.entropy(a.astype(np.float64)), rtol=1e-6, atol=1e-7)


@given(hnp.arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 6)), elements=st.floats(0.01, 10)))
def test_pandas_input_is_the_same_as_numpy(a):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(a)
    np.testing.assert_array_equal(dist.entropy(df), dist.entropy(a))
    np.testing.assert_array_equal(dist.entropy(df, axis=0), dist.entropy(a, axis=0))
    s, t = pd.Series(a[0]), pd.Series(a[-1])
    assert dist.kl_divergence(s, t) == dist.kl_divergence(a[0], a[-1])
    if a.shape[0] > 1 and a.shape[1] > 1:
        assert dist.mutual_info(df) == dist.mutual_info(a)


@given(_pair(), st.floats(0.01, 0.99))
def test_js_matches_reference_twin(pq, w0):
    # The kernel's two-distribution shortcut (w1 y log t - m log g) against the
    # textbook KL form of infokit.reference, over a wide dynamic range.
    from infokit import reference as ref

    p, q = pq
    w = np.array([w0, 1.0 - w0])
    want = ref.row_js([p[None, :], q[None, :]], w)[0]
    got = dist.js_divergence(p, q, weights=w)
    assert got == pytest.approx(max(want, 0.0), rel=1e-12, abs=1e-15)
