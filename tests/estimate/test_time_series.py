"""Significance for serially dependent data: surrogates in mi_test, and lagged_mutual_info.

See docs/conventions.md#Significance.
"""

import warnings

import numpy as np
import pytest

import infokit.estimate as ie
from infokit.estimate._surrogates import Surrogate, default_block_size


def ar1(rng, n, phi=0.9, burn=100):
    e = rng.normal(size=n + burn)
    z = np.empty(n + burn)
    z[0] = e[0]
    for t in range(1, n + burn):
        z[t] = phi * z[t - 1] + e[t]
    return z[burn:]


@pytest.fixture(scope="module")
def independent_pairs():
    """200 seeded pairs of independent AR(1) series, phi = 0.9, n = 200."""
    pairs = []
    for i in range(200):
        r = np.random.default_rng(1000 + i)
        pairs.append((ar1(r, 200), ar1(r, 200)))
    return pairs


def _rejection_rate(pairs, surrogate):
    pvalues = np.array(
        [
            ie.mi_test(x, y, k=3, n_permutations=99, surrogate=surrogate, random_state=i).pvalue
            for i, (x, y) in enumerate(pairs)
        ]
    )
    return float(np.mean(pvalues < 0.05))


def test_iid_shuffles_reject_independent_autocorrelated_series_far_too_often(independent_pairs):
    # The bug the time-series surrogates fix: measured 0.54 at the 5% level.
    assert _rejection_rate(independent_pairs, "iid") > 0.3


@pytest.mark.parametrize("surrogate", ["block", "circular"])
def test_time_series_surrogates_keep_the_false_positive_rate(independent_pairs, surrogate):
    # Measured: 0.055 (block, automatic block size 10...40) and 0.045 (circular).
    assert _rejection_rate(independent_pairs, surrogate) <= 0.07


@pytest.mark.parametrize("surrogate", ["block", "circular"])
def test_time_series_surrogates_keep_power(surrogate):
    for seed in range(3):
        rng = np.random.default_rng(50 + seed)
        x = ar1(rng, 200)
        y = x + rng.normal(size=200)
        res = ie.mi_test(x, y, k=3, n_permutations=99, surrogate=surrogate, random_state=seed)
        assert res.pvalue < 0.05


@pytest.mark.parametrize(
    ("method", "make"),
    [
        ("ksg", lambda r: (r.normal(size=150), r.normal(size=150))),
        ("ksg2", lambda r: (r.normal(size=(150, 2)), r.normal(size=150))),
        ("gkov", lambda r: (r.normal(size=150), r.integers(0, 3, 150))),
        ("auto", lambda r: (r.integers(0, 3, 150), r.normal(size=150))),  # swapped inside
        ("discrete", lambda r: (r.integers(0, 3, 150), r.integers(0, 3, 150))),
    ],
)
def test_iid_surrogate_is_exactly_the_default(method, make):
    x, y = make(np.random.default_rng(4))
    plain = ie.mi_test(x, y, method=method, n_permutations=20, random_state=9)
    iid = ie.mi_test(x, y, method=method, n_permutations=20, random_state=9, surrogate="iid")
    assert iid.estimate == plain.estimate and iid.pvalue == plain.pvalue
    np.testing.assert_array_equal(iid.null_distribution, plain.null_distribution)


def test_iid_surrogate_draws_the_plain_shuffles():
    rng_a, rng_b = np.random.default_rng(5), np.random.default_rng(5)
    s = Surrogate("iid", 30, None, None)
    for _ in range(3):
        np.testing.assert_array_equal(s.draw(rng_a), rng_b.permutation(30))


def test_block_surrogate_permutes_whole_blocks_and_the_partial_last_one():
    s = Surrogate("block", 23, None, None, block_size=5)  # blocks of 5, 5, 5, 5 and 3 rows
    rng = np.random.default_rng(0)
    orders = set()
    for _ in range(20):
        perm = s.draw(rng)
        assert sorted(perm.tolist()) == list(range(23))
        # runs of consecutive indices are whole blocks (two neighbours in order merge into one run)
        for run in np.split(perm, np.flatnonzero(np.diff(perm) != 1) + 1):
            assert run[0] % 5 == 0 and ((run[-1] + 1) % 5 == 0 or run[-1] == 22)
        at = int(np.flatnonzero(perm == 20)[0])
        np.testing.assert_array_equal(perm[at : at + 3], [20, 21, 22])  # the partial block stays whole
        orders.add(tuple(perm[::5].tolist()))
    assert len(orders) > 10


def test_circular_surrogate_shifts_within_bounds():
    s = Surrogate("circular", 50, None, None, min_shift=10)
    rng = np.random.default_rng(1)
    shifts = set()
    for _ in range(300):
        perm = s.draw(rng)
        shift = int(perm[0])
        np.testing.assert_array_equal(perm, (np.arange(50) + shift) % 50)
        shifts.add(shift)
    assert min(shifts) == 10 and max(shifts) == 40


def test_default_block_size_follows_the_memory():
    rng = np.random.default_rng(2)
    n = 2000
    white = default_block_size(rng.normal(size=n), rng.normal(size=n), n)
    assert white == int(np.ceil(round(n ** (1 / 3), 9)))  # no memory: the n^(1/3) floor
    slow = default_block_size(ar1(rng, n, 0.95), rng.normal(size=n), n)  # e-folding time 19.5
    assert 30 <= slow <= 60
    labels = np.repeat(np.array(["a", "b", "c", "d"] * 50), 10)  # runs of 10 equal labels
    assert default_block_size(labels, labels, n) >= 10


def test_default_block_size_warns_when_the_series_is_too_short():
    rng = np.random.default_rng(3)
    x = np.linspace(0.0, 1.0, 60) + 0.01 * rng.normal(size=60)  # a trend: memory longer than n // 5
    with pytest.warns(UserWarning, match="surrogate='circular'"):
        res = ie.mi_test(x, rng.normal(size=60), k=3, n_permutations=5, surrogate="block", random_state=0)
    assert np.isfinite(res.pvalue)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the default min_shift never warns
        ie.mi_test(x, rng.normal(size=60), k=3, n_permutations=5, surrogate="circular", random_state=0)


@pytest.mark.parametrize("surrogate", ["block", "circular"])
def test_theiler_window_is_kept_by_the_surrogates(surrogate):
    rng = np.random.default_rng(6)
    x = ar1(rng, 300)
    y = ar1(rng, 300)
    res = ie.mi_test(x, y, k=3, theiler=5, n_permutations=19, surrogate=surrogate, random_state=0)
    assert res.estimate == ie.ksg_mutual_info(x, y, k=3, theiler=5)
    # every null value is the windowed estimate on the re-paired series
    draws = Surrogate(surrogate, 300, x, y)
    gen = np.random.default_rng(0)
    first = draws.draw(gen)
    assert res.null_distribution[0] == ie.ksg_mutual_info(x, y[first], k=3, theiler=5)
    with pytest.raises(ValueError, match="theiler"):
        ie.mi_test(x, y, k=3, theiler=200, n_permutations=3, surrogate=surrogate)


def test_surrogates_work_through_the_refit_path():
    rng = np.random.default_rng(7)
    x = ar1(rng, 200)
    labels = (ar1(rng, 200) > 0).astype(int)
    for surrogate in ("block", "circular"):
        res = ie.mi_test(x, labels, method="gkov", n_permutations=19, surrogate=surrogate, random_state=0)
        assert 0 < res.pvalue <= 1 and res.null_distribution.shape == (19,)


def test_bad_surrogate_arguments_are_refused_by_name():
    rng = np.random.default_rng(8)
    x, y = rng.normal(size=40), rng.normal(size=40)
    with pytest.raises(ValueError, match="surrogate must be one of"):
        ie.mi_test(x, y, n_permutations=3, surrogate="shuffle")
    with pytest.raises(ValueError, match="block_size must be >= 1"):
        ie.mi_test(x, y, n_permutations=3, surrogate="block", block_size=0)
    with pytest.raises(ValueError, match="block_size must be <= n = 40"):
        ie.mi_test(x, y, n_permutations=3, surrogate="block", block_size=41)
    with pytest.raises(TypeError, match="block_size must be an integer"):
        ie.mi_test(x, y, n_permutations=3, surrogate="block", block_size=2.5)
    with pytest.raises(ValueError, match="min_shift must be <= n // 2 = 20"):
        ie.mi_test(x, y, n_permutations=3, surrogate="circular", min_shift=21)
    with pytest.raises(ValueError, match="min_shift must be >= 1"):
        ie.mi_test(x, y, n_permutations=3, surrogate="circular", min_shift=0)
    with pytest.raises(ValueError, match="block_size applies to surrogate='block' only"):
        ie.mi_test(x, y, n_permutations=3, surrogate="circular", block_size=5)
    with pytest.raises(ValueError, match="min_shift applies to surrogate='circular' only"):
        ie.mi_test(x, y, n_permutations=3, min_shift=5)
    # n = 40 allows min_shift = 20 (the single shift by n / 2)
    res = ie.mi_test(x, y, n_permutations=3, surrogate="circular", min_shift=20, random_state=0)
    assert res.null_distribution[0] == ie.ksg_mutual_info(x, np.roll(y, -20))


@pytest.mark.parametrize("lag", [0, 1, 7, -1, -7])
def test_lagged_mutual_info_is_the_trimmed_plain_call(lag):
    rng = np.random.default_rng(9)
    x = ar1(rng, 150)
    y = np.roll(x, 3) + rng.normal(size=150)
    n = len(x)
    expected = ie.mutual_info(x[: n - lag], y[lag:]) if lag >= 0 else ie.mutual_info(x[-lag:], y[: n + lag])
    got = ie.lagged_mutual_info(x, y, lag)
    assert got.shape == (1,) and got.dtype == np.float64 and got[0] == expected


def test_lagged_mutual_info_sequence_options_and_method():
    rng = np.random.default_rng(10)
    x = rng.normal(size=120)
    y = np.roll(x, 2) + 0.5 * rng.normal(size=120)
    lags = np.array([-3, 0, 2, 5])
    got = ie.lagged_mutual_info(x, y, lags, k=5, theiler=1, base=2)
    n = 120
    want = [
        ie.mutual_info(x[3:], y[: n - 3], method="ksg", k=5, theiler=1, base=2),
        ie.mutual_info(x, y, method="ksg", k=5, theiler=1, base=2),
        ie.mutual_info(x[: n - 2], y[2:], method="ksg", k=5, theiler=1, base=2),
        ie.mutual_info(x[: n - 5], y[5:], method="ksg", k=5, theiler=1, base=2),
    ]
    np.testing.assert_array_equal(got, want)
    assert int(np.argmax(got)) == 2
    labels = rng.integers(0, 3, 120)
    np.testing.assert_array_equal(
        ie.lagged_mutual_info(labels, labels, [1], method="discrete"),
        [ie.mutual_info(labels[:-1], labels[1:], method="discrete")],
    )
    assert ie.lagged_mutual_info(x, y, []).shape == (0,)
    np.testing.assert_array_equal(ie.lagged_mutual_info(x, y, np.int64(2)), ie.lagged_mutual_info(x, y, range(2, 3)))


def test_lagged_mutual_info_refuses_bad_lags():
    rng = np.random.default_rng(11)
    x, y = rng.normal(size=30), rng.normal(size=30)
    for bad in (1.5, [0, 1.0], "1", True, [[1, 2]], [None]):
        with pytest.raises(TypeError, match="lags must be"):
            ie.lagged_mutual_info(x, y, bad)
    for bad in (30, -30, [0, 31]):
        with pytest.raises(ValueError, match=r"\|lag\| < n = 30"):
            ie.lagged_mutual_info(x, y, bad)
    with pytest.raises(ValueError, match="same number of samples"):
        ie.lagged_mutual_info(x, y[:-1], 0)
    with pytest.raises(ValueError, match="return_locals"):
        ie.lagged_mutual_info(x, y, 0, return_locals=True)
