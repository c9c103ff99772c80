"""mi_bootstrap's interval schemes: valid spreads for kNN and plug-in estimators, and their contract."""

import warnings
from statistics import NormalDist

import numpy as np
import pytest

import infokit.estimate as ie

Z95 = NormalDist().inv_cdf(0.975)


def _gaussian_pair(seed, n=500, rho=0.6):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return x, rho * x + np.sqrt(1 - rho**2) * rng.normal(size=n)


def _label_pair(seed, n=500):
    # two 4-level labelings, b a copy of a half of the time
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 4, n)
    return a, np.where(rng.random(n) < 0.5, a, rng.integers(0, 4, n))


def _replicates(make, **kwargs):
    """Estimate, low, high over 200 independent seeded data sets."""
    rows = []
    for seed in range(200):
        res = ie.mi_bootstrap(*make(seed), random_state=seed, n_jobs=1, **kwargs)
        rows.append((res.estimate, res.low, res.high))
    return np.array(rows).T


@pytest.mark.parametrize(
    ("make", "kwargs", "interval"),
    [
        (_gaussian_pair, {"k": 3}, "subsample"),
        (_label_pair, {}, "percentile"),
    ],
    ids=["ksg", "discrete"],
)
def test_default_interval_contains_the_estimate_and_has_the_estimators_spread(make, kwargs, interval):
    # The with-replacement bootstrap on KSG fails both: duplicated rows read as
    # dependence (0 of 200 intervals contain their estimate, width 4x the spread).
    first = ie.mi_bootstrap(*make(0), n_resamples=100, random_state=0, **kwargs)
    assert first.interval == interval
    est, low, high = _replicates(make, n_resamples=100, **kwargs)
    assert np.all((low <= est) & (est <= high))
    # the interval's implied standard error against the spread of the estimate
    # over independent data sets: within a factor 1.25 either way
    ratio = np.mean(high - low) / (2 * Z95) / np.std(est, ddof=1)
    assert 1 / 1.25 <= ratio <= 1.25, ratio


def test_the_percentile_bootstrap_is_wrong_for_knn_and_warns():
    x, y = _gaussian_pair(0)
    with pytest.warns(UserWarning, match="interval='subsample'"):
        res = ie.mi_bootstrap(x, y, interval="percentile", n_resamples=20, random_state=0, noise=1e-6)
    assert res.interval == "percentile" and res.method == "ksg"
    assert res.low > res.estimate  # the duplicates' bias: the interval misses its own estimate


def test_subsample_interval_is_the_documented_formula():
    x, y = _gaussian_pair(1, n=300)
    res = ie.mi_bootstrap(x, y, n_resamples=40, subsample_size=100, confidence_level=0.9, random_state=2)
    assert res.estimate == ie.mutual_info(x, y)
    se = np.sqrt(100 / 200 * np.var(res.samples, ddof=1))
    half = NormalDist().inv_cdf(0.95) * se
    assert res.low == pytest.approx(res.estimate - half, rel=1e-12)
    assert res.high == pytest.approx(res.estimate + half, rel=1e-12)
    assert res.samples.shape == (40,)


def test_percentile_draws_the_resamples_of_the_plain_loop():
    # The discrete default keeps the results of earlier versions: the same
    # with-replacement resamples, drawn in order from random_state.
    a, b = _label_pair(3, n=200)
    res = ie.mi_bootstrap(a, b, n_resamples=15, random_state=4)
    rng = np.random.default_rng(4)
    by_hand = [ie.mutual_info(a[idx], b[idx]) for idx in (rng.integers(0, 200, 200) for _ in range(15))]
    np.testing.assert_array_equal(res.samples, by_hand)
    assert (res.low, res.high) == tuple(np.quantile(by_hand, [0.025, 0.975]))
    assert (res.method, res.interval) == ("discrete", "percentile")


@pytest.mark.parametrize(
    ("method", "interval"),
    [("ksg", "subsample"), ("ksg2", "subsample"), ("gkov", "subsample"), ("discrete", "percentile")],
)
def test_results_do_not_depend_on_n_jobs(method, interval):
    x, y = _gaussian_pair(5, n=200)
    if method == "discrete":
        x, y = _label_pair(5, n=200)
    runs = [ie.mi_bootstrap(x, y, method=method, n_resamples=24, random_state=6, n_jobs=j) for j in (1, 3, 8)]
    for res in runs[1:]:
        np.testing.assert_array_equal(res.samples, runs[0].samples)
        assert res[:3] == runs[0][:3]
    assert runs[0].interval == interval and runs[0].method == method


def test_auto_reports_what_ran():
    x, y = _gaussian_pair(7, n=200)
    labels = (x > 0).astype(int)
    res = ie.mi_bootstrap(x, labels, n_resamples=10, random_state=0)
    assert (res.method, res.interval) == ("ross", "subsample")
    assert res.low <= res.estimate <= res.high
    # the old fields keep their positions
    assert res[:4] == (res.estimate, res.low, res.high, res.samples)
    test = ie.mi_test(x, y, n_permutations=5, random_state=0)
    assert test.method == "ksg" and test[:2] == (test.estimate, test.pvalue)
    assert ie.mi_test(x, labels, n_permutations=5, random_state=0).method == "ross"
    assert ie.mi_test(labels, labels, n_permutations=5, random_state=0).method == "discrete"


def test_nan_data_give_nan_bounds():
    x, y = _gaussian_pair(8, n=100)
    x[3] = np.nan
    res = ie.mi_bootstrap(x, y, n_resamples=5, nan_policy="propagate", random_state=0)
    assert np.isnan(res.estimate) and np.isnan(res.low) and np.isnan(res.high)
    omitted = ie.mi_bootstrap(x, y, n_resamples=5, nan_policy="omit", random_state=0)
    assert omitted.estimate == ie.mutual_info(np.delete(x, 3), np.delete(y, 3))
    assert omitted.low <= omitted.estimate <= omitted.high
    # mi_test's NaN result names its method too
    test = ie.mi_test(x, y, n_permutations=3, nan_policy="propagate", random_state=0)
    assert np.isnan(test.pvalue) and test.method == "ksg"


def test_bad_interval_arguments_raise():
    x, y = _gaussian_pair(9, n=60)
    with pytest.raises(ValueError, match="interval"):
        ie.mi_bootstrap(x, y, interval="bca")
    with pytest.raises(ValueError, match="subsample_size applies to interval='subsample' only"):
        ie.mi_bootstrap(x, y, interval="percentile", subsample_size=30)
    with pytest.raises(ValueError, match="subsample_size applies"):
        ie.mi_bootstrap(*_label_pair(0, n=60), subsample_size=30)  # auto -> percentile
    for m in (0, 60, 61):
        with pytest.raises(ValueError, match=r"subsample_size must be in \[1, n - 1\] = \[1, 59\]"):
            ie.mi_bootstrap(x, y, subsample_size=m)
    with pytest.raises(TypeError, match="subsample_size"):
        ie.mi_bootstrap(x, y, subsample_size=2.5)
    with pytest.raises(ValueError, match="n_resamples must be >= 2 for interval='subsample'"):
        ie.mi_bootstrap(x, y, n_resamples=1)
    # one resample is still a (degenerate) percentile bootstrap
    assert ie.mi_bootstrap(*_label_pair(0, n=60), n_resamples=1, random_state=0).samples.shape == (1,)


@pytest.mark.parametrize("surrogate", ["block", "circular"])
def test_omitting_nan_rows_is_refused_for_time_series_surrogates(surrogate):
    # Dropped rows close time gaps: blocks / rotations of the compacted series
    # would pair rows by a time structure that is not the data's.
    x, y = _gaussian_pair(10, n=100)
    x[10] = np.nan
    with pytest.raises(ValueError, match=rf"nan_policy='omit' cannot be combined with surrogate='{surrogate}'"):
        ie.mi_test(x, y, surrogate=surrogate, nan_policy="omit", n_permutations=5, random_state=0)
    # i.i.d. shuffles do not care about time: allowed
    res = ie.mi_test(x, y, nan_policy="omit", n_permutations=5, random_state=0)
    assert res.estimate == ie.mutual_info(np.delete(x, 10), np.delete(y, 10))
    # NaN-free data under the default policy run as before
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ie.mi_test(np.delete(x, 10), np.delete(y, 10), surrogate=surrogate, n_permutations=5, random_state=0)
