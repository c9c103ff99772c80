"""The tie contract of every kNN estimator (``noise="auto"``, the default).

Ties are detected up front; each tied column is spread uniformly over its
resolution (the smallest gap between its distinct values), seeded, with one
TiesWarning naming the columns that look discrete. Tie-free data are used
exactly as given.
"""

import warnings

import numpy as np
import pytest

import infokit.estimate as ie
from infokit import TiesWarning
from infokit.estimate import (
    gkov_mutual_info,
    kozachenko_leonenko_entropy,
    ksg_conditional_mutual_info,
    ksg_mutual_info,
    ross_mutual_info,
    total_correlation,
    wkv_kl_divergence,
)


@pytest.fixture
def rounded(rng):
    x = rng.standard_normal(2000)
    y = 0.6 * x + 0.8 * rng.standard_normal(2000)
    return np.round(x, 1), np.round(y, 1), x, y


# Every estimator under the contract, called on (x, y) with extra keywords.
CALLS = {
    "ksg": lambda x, y, **kw: ksg_mutual_info(x, y, **kw),
    "ksg2": lambda x, y, **kw: ksg_mutual_info(x, y, variant=2, **kw),
    "ksg-tree": lambda x, y, **kw: ksg_mutual_info(np.column_stack([x, y]), y, **kw),
    "cmi": lambda x, y, **kw: ksg_conditional_mutual_info(x, y, x + y, **kw),
    "tc": lambda x, y, **kw: total_correlation([x, y], **kw),
    "kozachenko_leonenko": lambda x, y, **kw: kozachenko_leonenko_entropy(x, **kw),
    "wkv": lambda x, y, **kw: wkv_kl_divergence(x, y, **kw),
    "ross": lambda x, y, **kw: ross_mutual_info(x, (y > 0).astype(int), **kw),
}


def _quiet(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return call()


@pytest.mark.parametrize("name", list(CALLS))
def test_tie_free_data_are_used_as_given(rng, name):
    # No ties: "auto" draws nothing and changes nothing, bit for bit, and says nothing.
    x, y = rng.standard_normal((2, 500))
    call = CALLS[name]
    assert _quiet(lambda: call(x, y)) == call(x, y, noise=None)


@pytest.mark.parametrize("name", list(CALLS))
def test_ties_are_spread_with_one_warning_and_a_seed(rounded, name):
    xr, yr, _, _ = rounded
    call = CALLS[name]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = call(xr, yr, random_state=0)
    ties = [w for w in caught if issubclass(w.category, TiesWarning)]
    assert len(ties) == 1 and "resolution 0.1" in str(ties[0].message)
    assert np.isfinite(value)
    with pytest.warns(TiesWarning):
        assert call(xr, yr, random_state=0) == value  # seeded
    # An explicit float noise is the user's choice: no warning.
    _quiet(lambda: call(xr, yr, noise=1e-3, random_state=0))


def test_rounded_measurements_give_the_values_of_the_unrounded_ones(rounded):
    xr, yr, _, _ = rounded
    truth_mi = -0.5 * np.log(1 - 0.36)
    with pytest.warns(TiesWarning):
        assert ksg_mutual_info(xr, yr, random_state=0) == pytest.approx(truth_mi, abs=0.03)
    with pytest.warns(TiesWarning, match="duplicate points"):
        assert ksg_mutual_info(xr, yr, noise=None) > truth_mi + 0.2  # what the ties did before
    # Entropy of the spread values: that of x (rounding to 0.1 then spreading over 0.1).
    with pytest.warns(TiesWarning):
        h = ie.entropy(xr, method="kozachenko_leonenko", random_state=0)
    assert h == pytest.approx(0.5 * np.log(2 * np.pi * np.e), abs=0.05)
    with pytest.warns(TiesWarning, match="duplicate points"):
        assert ie.entropy(xr, method="kozachenko_leonenko", noise=None) == -np.inf
    # KL divergence of two rounded samples of one law: ~0, finite (was NaN).
    with pytest.warns(TiesWarning, match="p_samples and q_samples"):
        assert abs(ie.kl_divergence(xr[:1000], xr[1000:], random_state=0)) < 0.05


def test_labels_in_a_continuous_estimator_stay_within_the_bounds(rng):
    # The cases: a binary label can carry at most ln 2 (was 1.98 nats).
    a = rng.integers(0, 10, 1000)
    with pytest.warns(TiesWarning, match=r"data in x \(10 distinct values in 1000; resolution 1\)"):
        mi = ross_mutual_info(a, a > 5, random_state=0)
    assert mi == pytest.approx(np.log(2), abs=0.03)
    assert mi <= np.log(2) + 0.01
    # Random string labels against a 0/1 float target: ~0, below H(target) (was 2.6 nats).
    labels = rng.choice(list("abcdefghij"), 500)
    target = rng.integers(0, 2, 500).astype(float)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mi = ie.mutual_info(labels, target, random_state=0)
    assert abs(mi) < 0.05
    assert any(issubclass(w.category, TiesWarning) and "data in y" in str(w.message) for w in caught)


@pytest.mark.parametrize("levels", [2, 3, 5])
def test_gridded_values_keep_their_discrete_mi(rng, levels):
    # Spreading over the resolution cell leaves I(X; Y) of gridded values unchanged,
    # so KSG on integer data estimates the plug-in's quantity.
    x = rng.integers(0, levels, 4000)
    y = (x + rng.integers(0, 2, 4000)) % levels
    with pytest.warns(TiesWarning, match="If these are labels"):
        got = ksg_mutual_info(x.astype(float), y.astype(float), random_state=1)
    assert got == pytest.approx(ie.mutual_info(x, y), abs=0.03)


def test_rounded_measurements_are_spread_silently(rng):
    # Mostly distinct values with a few repeats (measurements at 4 decimals):
    # spread like any ties, no warning; the value is that of the unrounded data.
    x = rng.normal(size=3000)
    y = x + rng.normal(size=3000)
    xr = np.round(x, 4)
    assert len(np.unique(xr)) < 3000  # there are ties
    got = _quiet(lambda: ksg_mutual_info(xr, y, random_state=0))
    assert got == pytest.approx(ksg_mutual_info(x, y), abs=2e-3)
    assert got != ksg_mutual_info(xr, y, noise=None)  # the ties were spread


def test_gkov_keeps_its_ties(rng):
    x = rng.integers(0, 4, 1000).astype(float)
    assert _quiet(lambda: gkov_mutual_info(x, x)) == gkov_mutual_info(x, x, noise=None)


def test_constant_columns_are_not_spread(rng):
    x = np.full(300, 2.0)
    assert _quiet(lambda: ksg_mutual_info(x, rng.standard_normal(300))) == 0.0


def test_spreading_near_the_float64_limit_is_refused():
    # The span is finite, but values within half a step of the float64 limit
    # are spread past it (for this seed: some of the four draws land above).
    x = np.array([1.79e308, 0.0] * 4)
    with pytest.raises(ValueError, match="too close to the float64 limit"):
        ksg_mutual_info(x, np.arange(8.0), random_state=0)


def test_noise_is_validated():
    with pytest.raises(ValueError, match="noise must be 'auto', None or a finite real"):
        ksg_mutual_info(np.arange(10.0), np.arange(10.0), noise="yes")


@pytest.mark.parametrize("labels_first", [False, True])
def test_repeated_estimates_on_ties_are_seeded_and_warn_once(rounded, labels_first):
    # Ross through the generic refit (labels first: the caller's y is shuffled),
    # and KSG through its fast null and the subsample interval: the default
    # jitter is seeded from random_state, and the ties are announced once, not
    # once per permutation or resample.
    xr, yr, _, _ = rounded
    labels = (yr > 0).astype(int)
    pair = (labels, xr) if labels_first else (xr, labels)
    for call in (
        lambda: ie.mi_test(*pair, n_permutations=20, random_state=5),
        lambda: ie.mi_test(xr, yr, n_permutations=20, random_state=5),
        lambda: ie.mi_bootstrap(xr, yr, n_resamples=20, random_state=5),
    ):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            first = call()
        assert [w.category for w in caught] == [TiesWarning]
        with pytest.warns(TiesWarning):
            again = call()
        draws = "null_distribution" if hasattr(first, "null_distribution") else "samples"
        np.testing.assert_array_equal(getattr(first, draws), getattr(again, draws))
        assert first.estimate == again.estimate
