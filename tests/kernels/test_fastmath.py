"""Accuracy of the vectorisable log (cpp/include/infokit/core/fastmath.hpp, infokit::log_pos).

The reference is NumPy's log in extended precision (x87 80-bit long double on
x86-64: a 64-bit significand, so log rounded from it is within ~0.5 ulp + 2^-11
ulp of the true value, independent of the double log under test). Errors are
measured in ulps of the correctly rounded double result. Stated bound: <= 1 ulp
everywhere on positive finite doubles (the observed maximum is ~0.85 ulp, near x = 1);
the test allows 1 ulp, which a wrong coefficient, a broken reduction or a
missed subnormal would all exceed by orders of magnitude.
"""

from __future__ import annotations

import numpy as np
import pytest

from infokit._kernels import table as k

EXTENDED = np.finfo(np.longdouble).nmant >= 63
MAX_ULP = 1.0


def _fast_log(x: np.ndarray) -> np.ndarray:
    x = np.ascontiguousarray(x, dtype=np.float64)
    out = np.empty_like(x)
    k.log_pos(x, out)
    return out


def _ulp_error(x: np.ndarray) -> np.ndarray:
    got = _fast_log(x)
    if EXTENDED:
        exact = np.log(x.astype(np.longdouble))
    else:  # long double == double (e.g. MSVC): compare with the platform log
        exact = np.log(x)
    rounded = exact.astype(np.float64)
    ulp = np.spacing(np.abs(rounded))
    # log(1) == 0 exactly: the only zero result; any non-zero there is an error.
    ulp[rounded == 0] = np.finfo(np.float64).smallest_subnormal
    return np.abs((got.astype(np.longdouble) - exact) / ulp.astype(np.longdouble)).astype(np.float64)


def _bits_to_double(bits: np.ndarray) -> np.ndarray:
    return bits.astype(np.uint64).view(np.float64)


def _assert_within(x: np.ndarray) -> None:
    err = _ulp_error(x)
    worst = int(np.argmax(err))
    bound = MAX_ULP if EXTENDED else MAX_ULP + 1.0
    assert err[worst] <= bound, f"{err[worst]:.3f} ulp at x = {float(x[worst]).hex()}"


def test_random_bit_patterns_cover_the_whole_range(rng):
    # Uniform over all positive finite bit patterns: every binade, subnormals too.
    bits = rng.integers(1, 0x7FF0000000000000, size=2_000_000, dtype=np.uint64)
    _assert_within(_bits_to_double(bits))


def test_near_one(rng):
    # m near 1: where log(x) is tiny and a sloppy reduction loses relative accuracy.
    one = np.float64(1.0).view(np.uint64)
    steps = rng.integers(-(1 << 40), 1 << 40, size=1_000_000).astype(np.int64)
    bits = (one.astype(np.int64) + steps).astype(np.uint64)
    x = np.concatenate([_bits_to_double(bits), 1.0 + np.linspace(-0.3, 0.42, 200_001)])
    _assert_within(x)
    assert _fast_log(np.array([1.0]))[0] == 0.0


def test_reduction_boundaries_and_powers_of_two():
    # Every power of two (log = k ln 2), and the neighbours of sqrt(2) * 2^k,
    # where the reduction switches binade.
    x = np.ldexp(1.0, np.arange(-1074, 1024))
    sqrt2 = np.sqrt(2.0)
    around = np.array([np.nextafter(sqrt2, 0), sqrt2, np.nextafter(sqrt2, 3), np.sqrt(0.5)])
    edges = np.ldexp(around[None, :], np.arange(-1020, 1020)[:, None]).ravel()
    _assert_within(np.concatenate([x, edges]))


def test_subnormals_and_extremes(rng):
    tiny = np.finfo(np.float64).smallest_normal
    sub_bits = rng.integers(1, 1 << 52, size=200_000, dtype=np.uint64)
    extremes = np.array(
        [
            np.finfo(np.float64).smallest_subnormal,
            tiny,
            np.nextafter(tiny, 0),
            np.nextafter(tiny, 1),
            2 * tiny,
            np.nextafter(2 * tiny, 0),
            np.finfo(np.float64).max,
            np.nextafter(np.finfo(np.float64).max, 0),
        ]
    )
    _assert_within(np.concatenate([_bits_to_double(sub_bits), extremes]))


def test_probabilities_like_the_kernels_see(rng):
    # Normalised entries: uniform, log-uniform down to 1e-300, and 1 / n.
    x = np.concatenate(
        [
            rng.random(500_000) + np.finfo(np.float64).tiny,
            10.0 ** rng.uniform(-300, 0, 500_000),
            1.0 / np.arange(1, 100_001),
        ]
    )
    _assert_within(x)


@pytest.mark.parametrize("n", [0, 1, 3, 8, 17])
def test_short_and_odd_lengths(n):
    # Scalar prologue / epilogue of the vectorised loop give the same values.
    x = np.linspace(0.1, 3.0, n)
    assert _fast_log(x).shape == (n,)
    if n:
        _assert_within(x)
        np.testing.assert_array_equal(_fast_log(np.tile(x, 64))[:n], _fast_log(x))


def test_shape_mismatch_raises():
    with pytest.raises(ValueError, match="same length"):
        k.log_pos(np.ones(3), np.empty(2))
