"""Input an estimator cannot use is refused with an error that names it (regressions of a bad-input sweep)."""

import numpy as np
import pytest

import infokit.dist as dist
import infokit.estimate as ie


def test_datetimes_are_not_real_samples():
    # Read as their integer ticks, they gave confident kNN estimates.
    t = np.arange("2020-01-01", "2020-03-01", dtype="datetime64[D]")
    x = np.arange(len(t), dtype=float)
    with pytest.raises(TypeError, match="x holds datetime64"):
        ie.mutual_info(t, x)
    with pytest.raises(TypeError, match="y holds timedelta64"):
        ie.mutual_info(x, np.diff(np.r_[t, t[-1:]]), method="ksg")
    # As labels they are welcome: each distinct date is one label.
    assert ie.mutual_info(t, t, method="discrete") == pytest.approx(np.log(len(t)))


def test_masked_entries_are_refused_not_silently_used():
    m = np.ma.array([0.5, 0.5, 100.0], mask=[False, False, True])
    with pytest.raises(TypeError, match="masked"):
        dist.entropy(m)
    with pytest.raises(TypeError, match="masked"):
        ie.mutual_info(m, np.ones(3))
    # A mask that hides nothing is just an array.
    unmasked = np.ma.array([0.5, 0.5])
    assert dist.entropy(unmasked) == dist.entropy([0.5, 0.5])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ie.mutual_info(None, [1.0, 2.0]), "x must be array-like samples, got None"),
        (lambda: ie.mutual_info([1.0, 2.0], None), "y must be array-like samples, got None"),
        (lambda: ie.entropy(3.0), "x must be 1-D"),
        (lambda: ie.conditional_mutual_info([1.0], [2.0], 1.0), "z must be 1-D"),
        (lambda: ie.kl_divergence([1.0, 2.0], None), "q_samples must be array-like"),
        (lambda: ie.mi_test(None, [1.0, 2.0]), "x must be array-like samples"),
        (lambda: ie.mi_bootstrap([1.0, 2.0], 2.0), "y must be 1-D"),
    ],
)
def test_none_and_scalars_are_named(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()


def test_negative_seed_and_huge_thread_counts_are_named(rng):
    x = rng.normal(size=50)
    with pytest.raises(ValueError, match="random_state must be a non-negative int"):
        ie.mutual_info(x, x + rng.normal(size=50), noise=1e-10, random_state=-1)
    with pytest.raises(ValueError, match="n_jobs must be between"):
        ie.mutual_info(x, x, n_jobs=2**40)
    with pytest.raises(ValueError, match="n_jobs must be between"):
        dist.entropy([0.5, 0.5], n_jobs=-(2**40))


def test_one_label_gives_exactly_zero(rng):
    # Ross's terms cancel only to rounding (-1.1e-16 before); the documented value is 0.
    x = rng.normal(size=50)
    value, locals_ = ie.ross_mutual_info(x, np.zeros(50, dtype=int), return_locals=True)
    assert value == 0.0
    np.testing.assert_array_equal(locals_, 0.0)


def test_ross_takes_any_k_even_beyond_a_c_int(rng):
    # Each label uses min(k, N_c - 1) neighbours, so a huge k is the largest one
    # (it used to overflow the kernel's int with an unnamed OverflowError).
    x, labels = rng.normal(size=60), rng.integers(0, 3, 60)
    assert ie.ross_mutual_info(x, labels, k=2**40) == ie.ross_mutual_info(x, labels, k=60)


def test_counts_beyond_int64_are_named_not_wrapped():
    # uint64 counts >= 2**63 read as "negative counts", int64 totals past 2**63
    # as "contingency is empty", float counts >= 2**63 became INT64_MIN.
    with pytest.raises(ValueError, match="2\\*\\*63 or more"):
        ie.discrete_mutual_info(None, None, contingency=np.array([[2**63, 1], [1, 1]], dtype=np.uint64))
    with pytest.raises(ValueError, match="sum to 2\\*\\*63 or more"):
        ie.discrete_mutual_info(None, None, contingency=np.full((2, 2), 2**62, dtype=np.int64))
    with pytest.raises(ValueError, match="below 2\\*\\*63 in total"):
        ie.discrete_mutual_info(None, None, contingency=np.array([[1e19, 1.0], [1.0, 1e19]]), estimator="miller_madow")
    # Within int64 all is as before.
    t = np.array([[3, 1], [1, 3]], dtype=np.uint64)
    assert ie.discrete_mutual_info(None, None, contingency=t) == ie.discrete_mutual_info(
        None, None, contingency=t.astype(np.int64)
    )


def test_kl_divergence_needs_more_than_k_q_samples(rng):
    p = rng.normal(size=200)
    with pytest.raises(ValueError, match="needs more than k samples in q_samples"):
        ie.kl_divergence(p, p[:1])
    with pytest.raises(ValueError, match="k \\+ 1 = 4"):
        ie.kl_divergence(p, p[:3], k=3)
    # Q copies P's first 4 points: those ties are spread (silently: the data do not look discrete).
    assert np.isfinite(ie.kl_divergence(p, p[:4], k=3))


def test_differential_entropy_of_a_constant_says_why_it_is_minus_inf():
    # It advised "leave noise='auto' (the default)" to a caller already on it.
    with pytest.warns(UserWarning, match="x is constant: a point mass has differential entropy -inf"):
        assert ie.entropy(np.ones(200)) == -np.inf
