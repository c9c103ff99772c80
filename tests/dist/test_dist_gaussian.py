"""Gaussian closed forms of infokit.dist: truths, oracles (SciPy, mpmath), exactness at tiny values, bad input."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.stats import multivariate_normal

from infokit import dist

# The MI tutorial's table (seeds, 001): rho -> -0.5 log(1 - rho^2), printed to 4 decimals.
SEED_TABLE = {0.0: 0.0, 0.3: 0.0472, 0.5: 0.1438, 0.7: 0.3367, 0.9: 0.8304, 0.99: 1.9585}


def _spd(rng, d, batch=()):
    a = rng.standard_normal((*batch, d, d))
    return a @ np.swapaxes(a, -1, -2) + 0.5 * np.eye(d)


def _mp_logdet(m):
    return mp.log(mp.det(mp.matrix(m.tolist())))


@pytest.mark.parametrize("rho", list(SEED_TABLE))
def test_seed_rho_table(rho):
    cov = [[1.0, rho], [rho, 1.0]]
    assert round(float(dist.gaussian_mi(cov, 1)), 4) == SEED_TABLE[rho]
    assert round(float(dist.gaussian_mi_from_rho(rho)), 4) == SEED_TABLE[rho]
    assert float(dist.gaussian_mi(cov, 1)) == pytest.approx(-0.5 * math.log1p(-(rho**2)), rel=1e-13, abs=1e-300)


def test_bivariate_scale_free_and_base():
    cov = np.array([[4.0, 0.6 * 2 * 3], [0.6 * 2 * 3, 9.0]])
    assert float(dist.gaussian_mi(cov, 1)) == pytest.approx(-0.5 * math.log(0.64), rel=1e-13)
    assert float(dist.gaussian_mi(cov, 1, base=2)) == pytest.approx(-0.5 * math.log2(0.64), rel=1e-13)


@pytest.mark.parametrize("dx", [1, 2, 3, 4])
def test_5x5_block_against_logdets_and_mpmath(rng, dx):
    s = _spd(rng, 5)
    ld = lambda m: np.linalg.slogdet(m)[1]  # noqa: E731
    truth = 0.5 * (ld(s[:dx, :dx]) + ld(s[dx:, dx:]) - ld(s))
    assert float(dist.gaussian_mi(s, dx)) == pytest.approx(truth, rel=1e-11)
    mp.mp.dps = 40
    exact = 0.5 * (_mp_logdet(s[:dx, :dx]) + _mp_logdet(s[dx:, dx:]) - _mp_logdet(s))
    assert float(dist.gaussian_mi(s, dx)) == pytest.approx(float(exact), rel=1e-12)


def test_batched_equals_loop(rng):
    s = _spd(rng, 4, (3, 5))
    out = dist.gaussian_mi(s, 2)
    assert out.shape == (3, 5)
    for i in range(3):
        for j in range(5):
            assert out[i, j] == pytest.approx(float(dist.gaussian_mi(s[i, j], 2)), rel=1e-14)
    h = dist.gaussian_entropy(s)
    assert h.shape == (3, 5)
    assert h[1, 2] == pytest.approx(multivariate_normal(cov=s[1, 2]).entropy(), rel=1e-13)


@pytest.mark.parametrize("d", [1, 2, 5])
def test_entropy_matches_scipy(rng, d):
    s = _spd(rng, d)
    assert float(dist.gaussian_entropy(s)) == pytest.approx(multivariate_normal(cov=s).entropy(), rel=1e-13)
    assert float(dist.gaussian_entropy(s, base=2)) == pytest.approx(
        multivariate_normal(cov=s).entropy() / math.log(2), rel=1e-13
    )


def test_cmi_identity_and_reduction(rng):
    s = _spd(rng, 6)
    ld = lambda idx: np.linalg.slogdet(s[np.ix_(idx, idx)])[1]  # noqa: E731
    x, y, z = [0, 1], [2], [3, 4, 5]
    truth = 0.5 * (ld(x + z) + ld(y + z) - ld(z) - ld(x + y + z))
    assert float(dist.gaussian_cmi(s, 2, 1)) == pytest.approx(truth, rel=1e-11)
    assert float(dist.gaussian_cmi(s[:3, :3], 2, 1)) == pytest.approx(float(dist.gaussian_mi(s[:3, :3], 2)), rel=1e-14)
    # Chain rule: I(X; Y, Z) = I(X; Z) + I(X; Y | Z).
    sxzy = s[np.ix_(x + z + y, x + z + y)]
    lhs = float(dist.gaussian_mi(s, 2))
    rhs = float(dist.gaussian_mi(s[np.ix_(x + z, x + z)], 2)) + float(dist.gaussian_cmi(s, 2, 1))
    assert lhs == pytest.approx(rhs, rel=1e-11)
    assert sxzy.shape == (6, 6)


def test_tiny_dependence_is_exact():
    for rho in (1e-5, 1e-9, 1e-12):
        exact = -0.5 * math.log1p(-(rho**2))
        assert float(dist.gaussian_mi([[1.0, rho], [rho, 1.0]], 1)) == pytest.approx(exact, rel=1e-12)
        assert float(dist.gaussian_mi_from_rho(rho)) == pytest.approx(exact, rel=1e-15)
        assert float(dist.rho_from_mi(exact)) == pytest.approx(rho, rel=1e-12)
    mp.mp.dps = 40
    assert float(dist.rho_from_mi(1e-30)) == pytest.approx(float(mp.sqrt(-mp.expm1(-2 * mp.mpf("1e-30")))), rel=1e-15)
    assert float(dist.rho_from_mi(np.inf)) == 1.0
    assert float(dist.gaussian_mi_from_rho(1.0)) == np.inf


def test_rho_from_mi_inverts(rng):
    rho = rng.uniform(0, 0.999, 100)
    assert_allclose(dist.rho_from_mi(dist.gaussian_mi_from_rho(rho)), rho, rtol=1e-12)
    assert_allclose(dist.rho_from_mi(dist.gaussian_mi_from_rho(rho, base=2), base=2), rho, rtol=1e-12)


def _kl_oracle(m0, s0, m1, s1):
    inv = np.linalg.inv(s1)
    d = len(m0)
    diff = m1 - m0
    return 0.5 * (np.trace(inv @ s0) + diff @ inv @ diff - d + np.linalg.slogdet(s1)[1] - np.linalg.slogdet(s0)[1])


def test_kl_full_matches_textbook(rng):
    for d in (1, 3, 5):
        s0, s1 = _spd(rng, d), _spd(rng, d)
        m0, m1 = rng.standard_normal(d), rng.standard_normal(d)
        assert float(dist.gaussian_kl(m0, s0, m1, s1)) == pytest.approx(_kl_oracle(m0, s0, m1, s1), rel=1e-10)
        assert float(dist.gaussian_kl(m0, s0, m0, s0)) == 0.0


def test_kl_near_equal_is_exact(rng):
    s1 = _spd(rng, 3)
    e = 1e-7 * _spd(rng, 3)
    s0 = s1 + e
    mp.mp.dps = 50
    a = mp.matrix(s1.tolist()) ** -1 * mp.matrix(s0.tolist())
    exact = 0.5 * (sum(a[i, i] for i in range(3)) - 3 - mp.log(mp.det(a)))
    got = float(dist.gaussian_kl(np.zeros(3), s0, np.zeros(3), s1))
    assert got == pytest.approx(float(exact), rel=1e-7)  # the textbook formula gets ~1e-2 here
    v0, v1 = np.array([1.0 + 1e-9, 2.0]), np.array([1.0, 2.0])
    assert float(dist.gaussian_kl([0, 0], v0, [0, 0], v1)) == pytest.approx(0.25e-18, rel=1e-8)


def test_kl_diagonal_equals_full_and_batches(rng):
    v0, v1 = rng.uniform(0.5, 2, (4, 3)), rng.uniform(0.5, 2, (4, 3))
    m0, m1 = rng.standard_normal((4, 3)), rng.standard_normal((4, 3))
    diag = dist.gaussian_kl(m0, v0, m1, v1)
    full = dist.gaussian_kl(m0, np.apply_along_axis(np.diag, -1, v0), m1, np.apply_along_axis(np.diag, -1, v1))
    mixed = dist.gaussian_kl(m0, v0, m1, np.apply_along_axis(np.diag, -1, v1))
    assert diag.shape == (4,)
    assert_allclose(diag, full, rtol=1e-12)
    assert_allclose(mixed, full, rtol=1e-12)
    # A batch of 3 variance vectors of length 3 needs diagonal=True (a (3, 3) array reads as a matrix).
    sq = rng.uniform(0.5, 2, (3, 3))
    as_diag = dist.gaussian_kl(np.zeros((3, 3)), sq, np.zeros((3, 3)), np.ones((3, 3)), diagonal=True)
    assert as_diag.shape == (3,)


def test_kl_normal_standard_matches_seed_formula(rng):
    mu, logvar = rng.standard_normal((8, 16)), rng.standard_normal((8, 16))
    seed = -0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar), axis=-1)
    assert_allclose(dist.kl_normal_standard(mu, logvar), seed, rtol=1e-12)
    assert float(dist.kl_normal_standard(mu, logvar, axis=None)) == pytest.approx(seed.sum(), rel=1e-12)
    same = dist.gaussian_kl(mu, np.exp(logvar), np.zeros(16), np.ones(16))
    assert_allclose(dist.kl_normal_standard(mu, logvar), same, rtol=1e-12)
    assert dist.kl_normal_standard(mu, logvar, keepdims=True).shape == (8, 1)


def test_kl_normal_standard_exact_near_prior():
    mp.mp.dps = 40
    for lv in (1e-4, -3e-8, 1e-12):
        exact = 0.5 * (mp.exp(mp.mpf(lv)) - 1 - mp.mpf(lv))
        assert float(dist.kl_normal_standard([0.0], [lv])) == pytest.approx(float(exact), rel=1e-14)
    # The seed formula loses everything there: 1 + lv - exp(lv) rounds to ~1e-16 noise or 0.
    naive = float(-0.5 * (1 + 1e-12 - np.exp(1e-12)))
    assert abs(naive - 2.5e-25) > 1e-26


def test_float32_in_float32_out():
    c = np.array([[1.0, 0.5], [0.5, 1.0]], dtype=np.float32)
    assert dist.gaussian_mi(c, 1).dtype == np.float32
    assert dist.gaussian_entropy(c).dtype == np.float32
    assert dist.gaussian_mi_from_rho(np.float32(0.5)).dtype == np.float32
    assert dist.kl_normal_standard(np.zeros(3, np.float32), np.zeros(3, np.float32)).dtype == np.float32
    assert dist.kl_normal_standard(np.zeros(3, np.float32), np.zeros(3)).dtype == np.float64  # promotion, as dist
    assert isinstance(dist.gaussian_mi(c.astype(float), 1), np.float64)


def test_ridge_regularises_a_singular_covariance():
    s = np.array([[1.0, 1.0], [1.0, 1.0]])
    with pytest.raises(ValueError, match="cov is not positive definite.*ridge="):
        dist.gaussian_mi(s, 1)
    mi = float(dist.gaussian_mi(s, 1, ridge=1e-6))
    assert mi == pytest.approx(float(dist.gaussian_mi_from_rho(1 / (1 + 1e-6))), rel=1e-9)
    assert np.isfinite(dist.gaussian_entropy(s, ridge=1e-6))


def test_bad_input_names_the_argument():
    good = np.eye(2)
    batch = np.stack([np.eye(2), [[1.0, 2.0], [2.0, 1.0]]])
    with pytest.raises(ValueError, match=r"cov is not positive definite \(batch entry \(1,\)\)"):
        dist.gaussian_entropy(batch)
    with pytest.raises(ValueError, match="square"):
        dist.gaussian_mi(np.ones((2, 3)), 1)
    with pytest.raises(ValueError, match="symmetric"):
        dist.gaussian_mi([[1.0, 0.5], [0.0, 1.0]], 1)
    with pytest.raises(ValueError, match="NaN"):
        dist.gaussian_mi([[1.0, np.nan], [np.nan, 1.0]], 1)
    with pytest.raises(ValueError, match="dx=2"):
        dist.gaussian_mi(good, 2)
    with pytest.raises(ValueError, match="dx"):
        dist.gaussian_mi(good, 0)
    with pytest.raises(ValueError, match="dy"):
        dist.gaussian_cmi(np.eye(3), 2, 2)
    with pytest.raises(TypeError, match="dx"):
        dist.gaussian_mi(good, 1.0)
    with pytest.raises(ValueError, match="rho"):
        dist.gaussian_mi_from_rho(1.5)
    with pytest.raises(ValueError, match="mi"):
        dist.rho_from_mi(-0.1)
    with pytest.raises(ValueError, match="ridge"):
        dist.gaussian_mi(good, 1, ridge=-1)
    with pytest.raises(ValueError, match="base"):
        dist.gaussian_entropy(good, base=1)
    with pytest.raises(TypeError, match="cov"):
        dist.gaussian_entropy(np.array([["a"]]))
    with pytest.raises(ValueError, match="cov1"):
        dist.gaussian_kl([0.0, 0.0], good, [0.0, 0.0], -good)
    with pytest.raises(ValueError, match="cov0 has a variance <= 0"):
        dist.gaussian_kl([0.0, 0.0], [1.0, 0.0], [0.0, 0.0], [1.0, 1.0])
    with pytest.raises(ValueError, match="cov0 must have shape"):
        dist.gaussian_kl([0.0, 0.0], [1.0, 1.0, 1.0], [0.0, 0.0], good)
    with pytest.raises(ValueError, match="mu0 and mu1"):
        dist.gaussian_kl([0.0], [1.0], [0.0, 0.0], [1.0, 1.0])
    with pytest.raises(ValueError, match="broadcast"):
        dist.gaussian_kl(np.zeros((3, 2)), np.ones((4, 2)), np.zeros(2), np.ones(2))
    with pytest.raises(ValueError, match="mu and logvar"):
        dist.kl_normal_standard(np.zeros(3), np.zeros(4))


def test_expm1mx_and_xmlog1p_to_full_precision():
    from infokit.dist._gaussian import expm1mx, xmlog1p

    mp.mp.dps = 400
    t = np.concatenate([np.logspace(-150, 0.5, 120), -np.logspace(-150, 0.5, 120), [0.4999, 0.5, 0.5001, -50.0]])
    for v in t:
        exact = mp.expm1(mp.mpf(v)) - mp.mpf(v)
        assert float(expm1mx(v)) == pytest.approx(float(exact), rel=2e-15)
        if v > -1:
            exact = mp.mpf(v) - mp.log1p(mp.mpf(v))
            assert float(xmlog1p(v)) == pytest.approx(float(exact), rel=2e-15)
