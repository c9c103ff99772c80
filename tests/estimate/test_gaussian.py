"""method="gaussian", method="gcmi" (Ince et al. 2017), gcmi_scores and method="ksg_copula"."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose

import infokit.estimate as ie
from infokit import dist
from infokit import reference as ref
from infokit.estimate import _registry
from infokit.estimate._significance import Refit


def _pair(rng, rho, n):
    x = rng.standard_normal(n)
    return x, rho * x + math.sqrt(1 - rho**2) * rng.standard_normal(n)


# --- method="gaussian" -------------------------------------------------------


def test_gaussian_mi_is_the_closed_form_of_the_sample_covariance(rng):
    x = rng.standard_normal((500, 2))
    y = x @ [[0.5], [0.2]] + rng.standard_normal((500, 1))
    s = np.cov(np.hstack([x, y]), rowvar=False)
    assert ie.mutual_info(x, y, method="gaussian") == pytest.approx(float(dist.gaussian_mi(s, 2)), rel=1e-12)
    assert ie.gaussian_mutual_info(x, y, base=2) == pytest.approx(float(dist.gaussian_mi(s, 2, base=2)), rel=1e-12)


@pytest.mark.parametrize("rho", [0.0, 0.3, 0.6, 0.9])
def test_gaussian_mi_within_its_standard_error(rng, rho):
    n = 20_000
    x, y = _pair(rng, rho, n)
    truth = float(dist.gaussian_mi_from_rho(rho))
    se = max(abs(rho), 1 / math.sqrt(n)) / math.sqrt(n)  # delta method: sd(r) = (1 - rho^2) / sqrt(n)
    assert abs(ie.mutual_info(x, y, method="gaussian") - truth) < 4 * se + 1 / n


def test_gaussian_cmi_and_entropy_and_kl_match_dist(rng):
    x, y, z = rng.standard_normal((3, 400, 2))
    y = y + x[:, :1]
    s = np.cov(np.hstack([x, y, z]), rowvar=False)
    assert ie.conditional_mutual_info(x, y, z, method="gaussian") == pytest.approx(
        float(dist.gaussian_cmi(s, 2, 2)), rel=1e-12
    )
    assert ie.entropy(x, method="gaussian") == pytest.approx(
        float(dist.gaussian_entropy(np.cov(x, rowvar=False))), rel=1e-13
    )
    assert ie.gaussian_entropy(x, ddof=0) == pytest.approx(
        float(dist.gaussian_entropy(np.cov(x, rowvar=False, ddof=0))), rel=1e-13
    )
    q = rng.normal(1, 2, (300, 2))
    want = dist.gaussian_kl(x.mean(0), np.cov(x, rowvar=False), q.mean(0), np.cov(q, rowvar=False))
    assert ie.kl_divergence(x, q, method="gaussian") == pytest.approx(float(want), rel=1e-12)


def test_bias_correction_makes_the_entropy_unbiased():
    rng = np.random.default_rng(11)
    cov = np.array([[1.0, 0.5, 0.0], [0.5, 1.0, 0.3], [0.0, 0.3, 1.0]])
    truth = float(dist.gaussian_entropy(cov))
    plain, corrected = [], []
    for _ in range(3000):
        x = rng.multivariate_normal(np.zeros(3), cov, size=12)
        plain.append(ie.gaussian_entropy(x))
        corrected.append(ie.gaussian_entropy(x, bias_correct=True))
    se = np.std(corrected) / math.sqrt(len(corrected))
    assert abs(np.mean(corrected) - truth) < 4 * se
    assert np.mean(plain) < truth - 10 * se  # the plug-in is biased low


def test_gaussian_cmi_bias_correct_matches_published_cmi_ggg(rng):
    x, y, z = rng.standard_normal((3, 300))
    y = y + 0.5 * x + z
    # gaussian with bias correction on the normal scores is gcmi's CMI.
    cx, cy, cz = (ie.copnorm(a) for a in (x, y, z))
    a = ie.gaussian_conditional_mutual_info(cx, cy, cz, bias_correct=True)
    assert a == pytest.approx(ref.normal_scores_gccmi_ccc(x, y, z), rel=1e-12)


def test_too_few_samples_and_singular_covariances_name_the_cure(rng):
    x = rng.standard_normal((3, 2))
    with pytest.raises(ValueError, match=r"needs more samples than dimensions: n=3, d=4.*ridge="):
        ie.mutual_info(x, x[:, ::-1] + 1, method="gaussian")
    a = rng.standard_normal(100)
    both = np.column_stack([a, 2 * a])
    with pytest.raises(ValueError, match=r"sample covariance of x and y is singular.*ridge="):
        ie.mutual_info(both, rng.standard_normal(100), method="gaussian")
    assert np.isfinite(ie.mutual_info(both, rng.standard_normal(100), method="gaussian", ridge=1e-8))
    with pytest.raises(ValueError, match="sample covariance of x is not positive definite"):
        ie.entropy(np.column_stack([a, np.ones(100)]), method="gaussian")
    with pytest.raises(ValueError, match="ddof"):
        ie.gaussian_entropy(a, ddof=100)
    with pytest.raises(ValueError, match="different dimensions"):
        ie.gaussian_kl_divergence(rng.standard_normal((50, 2)), rng.standard_normal(50))
    with pytest.raises(TypeError, match="does not take 'ddof'"):
        ie.mutual_info(a, a, method="gaussian", ddof=0)


def test_constant_columns_carry_no_information(rng):
    x, y = _pair(rng, 0.5, 300)
    assert ie.mutual_info(np.ones(300), y, method="gaussian") == 0.0
    assert ie.mutual_info(np.ones(300), y, method="gcmi") == 0.0
    with_const = np.column_stack([x, np.full(300, 7.0)])
    assert ie.mutual_info(with_const, y, method="gaussian") == ie.mutual_info(x, y, method="gaussian")
    assert ie.conditional_mutual_info(x, y, np.zeros(300), method="gaussian") == ie.mutual_info(x, y, method="gaussian")


def test_nan_policy(rng):
    x, y = _pair(rng, 0.5, 300)
    xn = x.copy()
    xn[5] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        ie.mutual_info(xn, y, method="gaussian")
    assert math.isnan(ie.mutual_info(xn, y, method="gcmi", nan_policy="propagate"))
    keep = np.arange(300) != 5
    for method in ("gaussian", "gcmi", "ksg_copula"):
        assert ie.mutual_info(xn, y, method=method, nan_policy="omit") == pytest.approx(
            ie.mutual_info(x[keep], y[keep], method=method), rel=1e-12
        )
    assert np.isnan(ie.gcmi_scores(np.column_stack([xn, x]), y, nan_policy="propagate")).all()


# --- method="gcmi" -----------------------------------------------------------


@pytest.mark.parametrize("dims", [(1, 1), (2, 1), (2, 3)])
@pytest.mark.parametrize("bias_correct", [True, False])
def test_gcmi_equals_the_published_algorithm(rng, dims, bias_correct):
    n = 700
    x = rng.standard_normal((n, dims[0]))
    y = np.tanh(x[:, :1]) + rng.standard_normal((n, dims[1]))
    got = ie.gcmi_mutual_info(x, y, bias_correct=bias_correct)
    assert got == pytest.approx(ref.normal_scores_gcmi_cc(x, y, bias_correct), rel=1e-12, abs=1e-14)


@pytest.mark.parametrize("dx", [1, 2])
def test_gcmi_model_cd_equals_the_published_algorithm(rng, dx):
    labels = rng.integers(0, 3, 900)
    x = rng.standard_normal((900, dx)) + labels[:, None] * [0.5, -0.3][:dx]
    for bias_correct in (True, False):
        got = ie.gcmi_mutual_info(x, labels, bias_correct=bias_correct)
        assert got == pytest.approx(ref.normal_scores_gcmi_model_cd(x, labels, bias_correct), rel=1e-12)
    # Labels on either side, any label dtype.
    names = np.array(["a", "b", "c"])[labels]
    assert ie.mutual_info(names, x, method="gcmi") == pytest.approx(ie.mutual_info(x, labels, method="gcmi"))


def test_gccmi_equals_the_published_algorithm(rng):
    x, y, z = rng.standard_normal((3, 800, 2))
    y = y + x**3 + z
    got = ie.conditional_mutual_info(x, y, z, method="gcmi")
    assert got == pytest.approx(ref.normal_scores_gccmi_ccc(x, y, z), rel=1e-12)


def test_gcmi_agrees_with_frites(rng):
    frites_core = pytest.importorskip("frites.core")
    x = rng.standard_normal(2000)
    y = np.exp(x) + rng.standard_normal(2000)
    labels = (x + rng.standard_normal(2000) > 0).astype(int)
    assert ie.gcmi_mutual_info(x, y, base=2) == pytest.approx(frites_core.gcmi_1d_cc(x, y), rel=1e-10)
    assert ie.gcmi_mutual_info(x, labels, base=2) == pytest.approx(frites_core.gcmi_model_1d_cd(x, labels), rel=1e-10)


def test_gcmi_on_gaussian_data_is_within_its_standard_error_of_the_gaussian_mi(rng):
    n, rho = 20_000, 0.6
    x, y = _pair(rng, rho, n)
    se = abs(rho) / math.sqrt(n)
    gauss = ie.mutual_info(x, y, method="gaussian")
    gc = ie.mutual_info(x, y, method="gcmi")
    assert abs(gc - gauss) < se
    assert abs(gc - float(dist.gaussian_mi_from_rho(rho))) < 4 * se


def test_gcmi_is_invariant_under_monotone_maps(rng):
    x, y = _pair(rng, 0.7, 3000)
    base = ie.mutual_info(x, y, method="gcmi")
    assert ie.mutual_info(np.exp(x), y**3, method="gcmi") == base
    assert ie.mutual_info(-1.0 / (x - 100), np.arctan(y), method="gcmi") == base
    # A decreasing map flips the sign of the correlation, not the MI.
    assert ie.mutual_info(-x, y, method="gcmi") == pytest.approx(base, rel=1e-12)


def test_ties_are_order_independent(rng):
    x = np.round(rng.standard_normal(1000), 1)
    y = x + np.round(rng.standard_normal(1000), 1)
    perm = rng.permutation(1000)
    a = ie.mutual_info(x, y, method="gcmi")
    assert ie.mutual_info(x[perm], y[perm], method="gcmi") == pytest.approx(a, rel=1e-12)
    from scipy.special import ndtri
    from scipy.stats import rankdata

    assert_allclose(ie.copnorm(x), ndtri(rankdata(x) / 1001), rtol=0, atol=0)


def test_copnorm_axes_and_errors(rng):
    x = rng.standard_normal((3, 50, 2))
    c = ie.copnorm(x, axis=1)
    assert c.shape == x.shape
    assert_allclose(c[1, :, 0], ie.copnorm(x[1, :, 0]))
    assert_allclose(ie.copnorm(x.swapaxes(1, 2), axis=-1), c.swapaxes(1, 2))
    with pytest.raises(ValueError, match="NaN"):
        ie.copnorm([1.0, np.nan])
    with pytest.raises(ValueError, match="axis"):
        ie.copnorm([1.0, 2.0], axis=1)
    with pytest.raises(TypeError):
        ie.copnorm(["a", "b"])


def test_gcmi_bad_input(rng):
    with pytest.raises(ValueError, match="method='discrete'"):
        ie.mutual_info([0, 1, 1, 0], [1, 0, 1, 0], method="gcmi")
    with pytest.raises(ValueError, match="occurs 1 time"):
        ie.mutual_info(rng.standard_normal(20), np.r_[np.zeros(19, int), 1], method="gcmi")
    with pytest.raises(ValueError, match="same number of samples"):
        ie.mutual_info(rng.standard_normal(20), rng.standard_normal(21), method="gcmi")
    with pytest.raises(TypeError, match="does not take 'k'"):
        ie.mutual_info(rng.standard_normal(20), rng.standard_normal(20), method="gcmi", k=3)


# --- gcmi_scores ---------------------------------------------------------------


@pytest.mark.parametrize("dy", [1, 3])
def test_gcmi_scores_equal_one_call_per_column(rng, dy):
    X = rng.standard_normal((600, 7))
    X[:, 2] = np.round(X[:, 2])  # ties
    X[:, 4] = 1.5  # constant
    y = X[:, :1] ** 3 + X[:, 1:2] + rng.standard_normal((600, dy))
    scores = ie.gcmi_scores(X, y)
    assert scores.shape == (7,) and scores[4] == 0.0
    for j in range(7):
        assert scores[j] == pytest.approx(ie.gcmi_mutual_info(X[:, j], y), rel=1e-9, abs=1e-13)
    assert_allclose(ie.gcmi_scores(X, y, n_jobs=2), scores, rtol=0, atol=0)
    assert_allclose(ie.gcmi_scores(X, y, base=2), scores / math.log(2), rtol=1e-14)


def test_gcmi_scores_with_labels(rng):
    labels = rng.integers(0, 4, 800)
    X = rng.standard_normal((800, 5)) + labels[:, None] * [0.0, 0.2, 0.5, 1.0, 0.0]
    X[:, 4] = -2.0
    scores = ie.gcmi_scores(X, labels)
    assert scores[4] == 0.0
    for j in range(4):
        assert scores[j] == pytest.approx(ie.gcmi_mutual_info(X[:, j], labels), rel=1e-9, abs=1e-13)
    for bias_correct in (True, False):
        got = ie.gcmi_scores(X[:, :4], labels, bias_correct=bias_correct)
        want = [ref.normal_scores_gcmi_model_cd(X[:, j], labels, bias_correct) for j in range(4)]
        assert_allclose(got, want, rtol=1e-10)
    const_in_class = X[:, 0].copy()
    const_in_class[labels == 0] = 0.0
    with pytest.raises(ValueError, match="column 0 of X is constant within a label"):
        ie.gcmi_scores(const_in_class[:, None], labels)


# --- permutation tests ---------------------------------------------------------


@pytest.mark.parametrize(("method", "labels"), [("gaussian", False), ("gcmi", False), ("gcmi", True)])
def test_null_model_equals_plain_refits(rng, method, labels):
    x = rng.standard_normal((200, 2))
    y = rng.integers(0, 3, 200) if labels else x[:, :1] + rng.standard_normal((200, 1))
    fast = ie.mi_test(x, y, method=method, n_permutations=30, random_state=3)
    slow = Refit(_registry.lookup("mutual_info", method), x, y, {})
    perm_rng = np.random.default_rng(3)
    assert fast.estimate == pytest.approx(slow.estimate(), rel=1e-12)
    want = [slow.estimate(perm_rng.permutation(200)) for _ in range(30)]
    assert_allclose(fast.null_distribution, want, rtol=1e-10, atol=1e-14)
    assert fast.method == method


# --- method="ksg_copula" -------------------------------------------------------


def test_ksg_copula_is_ksg_on_the_normal_scores(rng):
    x = rng.standard_normal((800, 2))
    y = np.exp(x[:, :1]) + rng.standard_normal((800, 1))
    by_hand = ie.ksg_mutual_info(ie.copnorm(x), ie.copnorm(y), k=5)
    assert ie.mutual_info(x, y, method="ksg_copula", k=5) == by_hand
    assert ie.mutual_info(x, y, method="copula_ksg", k=5) == by_hand
    z = rng.standard_normal(800)
    assert ie.conditional_mutual_info(x, y, z, method="ksg_copula") == ie.ksg_conditional_mutual_info(
        ie.copnorm(x), ie.copnorm(y), ie.copnorm(z)
    )
    value, locals_ = ie.mutual_info(x, y, method="ksg_copula", return_locals=True)
    assert locals_.shape == (800,) and np.mean(locals_) == pytest.approx(value, rel=1e-12)


def test_ksg_copula_beats_ksg_on_long_tails():
    truth = float(dist.gaussian_mi_from_rho(0.6))
    err_plain, err_copula = [], []
    for seed in range(4):
        x, y = _pair(np.random.default_rng(seed), 0.6, 3000)
        tails = np.exp(3 * x), np.exp(3 * y)
        err_plain.append(abs(ie.mutual_info(*tails, method="ksg") - truth))
        err_copula.append(abs(ie.mutual_info(*tails, method="ksg_copula") - truth))
    assert np.mean(err_copula) < 0.5 * np.mean(err_plain)


def test_ksg_copula_handles_ties_like_ksg(rng):
    x = np.round(rng.standard_normal(500))
    y = x + rng.standard_normal(500)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = ie.mutual_info(x, y, method="ksg_copula", random_state=0)
    assert np.isfinite(value) and any("tied" in str(w.message) for w in caught)


def test_auto_is_still_ksg():
    assert ie.resolve_method("mutual_info", np.zeros(5) + np.arange(5.0), np.arange(5.0)) == "ksg"


@pytest.mark.parametrize("seed", range(6))
def test_gcmi_refuses_a_column_constant_within_a_label(seed):
    # x constant within one class: the class variance of its tied normal
    # scores is of rounding size, and the log-det read ~19.5 nats for a binary
    # label (above ln 2) without a word. Now the error gcmi_scores gives.
    lab = np.r_[np.zeros(50, int), np.ones(50, int)]
    x = np.r_[np.zeros(50), np.random.default_rng(seed).standard_normal(50)]
    for args in ((x, lab), (lab, x), (np.c_[np.random.default_rng(9).normal(size=100), x], lab)):
        with pytest.raises(ValueError, match="constant within a label"):
            ie.mutual_info(*args, method="gcmi")
    with pytest.raises(ValueError, match="constant within a label"):
        ie.gcmi_scores(x[:, None], lab)
