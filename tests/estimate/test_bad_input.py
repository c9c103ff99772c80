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
