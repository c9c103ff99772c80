"""The log-sum-exp kernels of infokit._kernels.bounds against their twins, and the vector exp.

Kernel and twin (:mod:`infokit.reference.bounds`, on scipy.special.logsumexp)
run on the same matrices and agree to 1e-10 in float64; every layout the
kernels accept (row- or column-contiguous, transposed), every region and axis,
the special values of the header (NaN, +inf, -inf), bit-identical results for
every thread count, and float32 against float64 at N = 1024 and 4096.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from infokit._kernels import bounds as k
from infokit.reference import bounds as ref

ALL, OFF = k.REGION_ALL, k.REGION_OFF_DIAGONAL
SHAPES = [(1, 1), (1, 7), (5, 1), (3, 3), (8, 8), (9, 17), (17, 9), (64, 64), (33, 700), (700, 33)]


def _axis(s, axis, region, mean, n_threads=1):
    out = np.empty(s.shape[1 if axis == 0 else 0])
    k.lse_axis(s, out, axis, region, mean, n_threads)
    return out


def _layouts(a):
    yield "C", np.ascontiguousarray(a)
    yield "F", np.asfortranarray(a)


# A 1 x 1 matrix has no off-diagonal entries: that region is not a case (the
# edge-case tests cover what the bounds do with N = 1).
PARITY_CASES = [(shape, region) for shape in SHAPES for region in (ALL, OFF) if not (region == OFF and max(shape) == 1)]


@pytest.mark.parametrize(("shape", "region"), PARITY_CASES, ids=lambda v: str(v))
@pytest.mark.parametrize("mean", [False, True], ids=["lse", "lme"])
def test_parity_float64(shape, region, mean):
    rng = np.random.default_rng(hash(shape) % 2**32)
    s = rng.normal(scale=5.0, size=shape) + rng.normal(scale=50.0)
    for name, a in _layouts(s):
        for axis in (0, 1):
            length = shape[0] if axis == 0 else shape[1]
            if region == OFF and length == 1:
                continue  # a one-entry slice may lose its only entry
            got = _axis(a, axis, region, mean)
            np.testing.assert_allclose(got, ref.lse_axis(s, axis, region, mean), rtol=1e-10, atol=1e-10, err_msg=name)
        got = k.lse_all(a, region, mean)
        assert got == pytest.approx(ref.lse_all(s, region, mean), rel=1e-10, abs=1e-10), name


def test_transposed_view_reads_in_place():
    rng = np.random.default_rng(1)
    s = rng.normal(size=(40, 60))
    t = s.T  # a (60, 40) view with unit row stride
    for axis in (0, 1):
        np.testing.assert_allclose(_axis(t, axis, OFF, True), ref.lse_axis(t, axis, OFF, True), rtol=1e-12)
    assert k.lse_all(t, OFF, True) == pytest.approx(ref.lse_all(t, OFF, True), rel=1e-12)


@pytest.mark.parametrize("n_threads", [2, 3, 8])
def test_bit_identical_for_every_thread_count(n_threads):
    rng = np.random.default_rng(2)
    s = rng.normal(size=(777, 1300))
    for a in (s, np.asfortranarray(s), s.astype(np.float32)):
        for axis in (0, 1):
            assert np.array_equal(_axis(a, axis, OFF, True, 1), _axis(a, axis, OFF, True, n_threads))
        assert k.lse_all(a, OFF, True, 1) == k.lse_all(a, OFF, True, n_threads)


@pytest.mark.parametrize("n", [1024, 4096])
def test_float32_matches_float64(n):
    rng = np.random.default_rng(n)
    s32 = (rng.normal(size=(n, n)) * 3).astype(np.float32)
    s64 = s32.astype(np.float64)  # the same values: only the kernels' arithmetic differs
    # (float entries are exponentiated in float, ~2e-7 relative, and summed in double)
    for region in (ALL, OFF):
        assert abs(k.lse_all(s32, region, True) - k.lse_all(s64, region, True)) < 1e-5
        for axis in (0, 1):
            assert np.max(np.abs(_axis(s32, axis, region, True) - _axis(s64, axis, region, True))) < 1e-5
    # and the float64 kernel against the twin at this size
    assert k.lse_all(s64, OFF, True) == pytest.approx(ref.lse_all(s64, OFF, True), rel=1e-10)


def test_special_values():
    inf, nan = np.inf, np.nan
    s = np.array(
        [
            [0.0, 1.0, 2.0, 3.0],  # finite
            [nan, 0.0, 1.0, 2.0],  # NaN off the diagonal
            [inf, 0.0, -inf, 1.0],  # +inf and -inf
            [-inf, -inf, -inf, 5.0],  # all -inf but the diagonal
        ]
    )
    for region in (ALL, OFF):
        got = _axis(s, 1, region, False)
        want = ref.lse_axis(s, 1, region, False)
        np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
        ok = ~np.isnan(want)
        np.testing.assert_allclose(got[ok], want[ok], rtol=1e-12)
        got_c = _axis(s, 0, region, True)
        want_c = ref.lse_axis(s, 0, region, True)
        np.testing.assert_array_equal(np.isnan(got_c), np.isnan(want_c))
        np.testing.assert_allclose(got_c[~np.isnan(want_c)], want_c[~np.isnan(want_c)], rtol=1e-12)
    assert _axis(s, 1, OFF, False)[3] == -inf  # the only finite entry is the diagonal
    assert _axis(s, 1, OFF, False)[2] == inf
    assert np.isnan(k.lse_all(s, OFF, False))
    assert k.lse_all(s[[0, 2, 3]][:, [0, 2, 3]], OFF, False) == inf


def test_no_overflow_with_large_offsets():
    rng = np.random.default_rng(3)
    s = rng.normal(size=(50, 50))
    for shift in (1e4, -1e4, 1e300):
        got = k.lse_all(s + shift, OFF, True) - shift
        assert np.isfinite(got)
        if abs(shift) < 1e10:
            assert got == pytest.approx(ref.lse_all(s, OFF, True), abs=1e-10)


def test_counts_are_int64():
    # The count of a mean over the off-diagonal is N (N - 1) + ...: exercised
    # through a (1, M) matrix, whose count M - 1 is small, and by the formula
    # the kernel uses for N = 50000 (never allocated here): it must exceed int32.
    s = np.zeros((1, 5))
    assert k.lse_all(s, OFF, True) == pytest.approx(0.0, abs=1e-15)
    assert k.lse_all(np.zeros((3, 3)), OFF, True) == pytest.approx(0.0, abs=1e-15)
    assert 50000 * 49999 > 2**31


def test_bad_kernel_input():
    with pytest.raises(TypeError):
        k.lse_all(np.zeros((2, 2), dtype=np.int64), ALL, False)
    with pytest.raises(ValueError, match="unit stride"):
        k.lse_all(np.zeros((6, 6))[::2, ::2], ALL, False)
    with pytest.raises(ValueError, match="region"):
        k.lse_all(np.zeros((2, 2)), 7, False)
    with pytest.raises(ValueError, match="one entry per"):
        k.lse_axis(np.zeros((2, 3)), np.empty(3), 1, ALL, False)


# ---- the vector exp of core/fastmath.hpp (infokit::exp_nonpos) ----

EXTENDED = np.finfo(np.longdouble).nmant >= 63


def _fast_exp(x):
    x = np.ascontiguousarray(x, dtype=np.float64)
    out = np.empty_like(x)
    k.exp_nonpos(x, out)
    return out


def test_exp_nonpos_accuracy():
    rng = np.random.default_rng(4)
    x = np.concatenate(
        [
            -rng.uniform(0, 708, 500_000),
            -rng.uniform(0, 1, 200_000),
            -np.exp(rng.uniform(-700, 0, 100_000)),  # tiny |x|: exp(x) ~ 1 - |x|
            [0.0, -0.0, -707.99, -1e-300, -np.log(2) / 2, -np.log(2)],
        ]
    )
    got = _fast_exp(x)
    exact = np.exp(x.astype(np.longdouble)) if EXTENDED else np.exp(x)
    rounded = exact.astype(np.float64)
    err = np.abs((got.astype(np.longdouble) - exact) / np.spacing(rounded).astype(np.longdouble)).astype(float)
    assert err.max() <= 2.5 + (0.0 if EXTENDED else 1.0)
    assert _fast_exp(np.array([0.0]))[0] == 1.0


def test_exp_nonpos_f_accuracy():
    rng = np.random.default_rng(5)
    x = np.concatenate(
        [-rng.uniform(0, 87, 500_000), -rng.uniform(0, 1, 200_000), [0.0, -86.9, -1e-30, -np.log(2) / 2]]
    ).astype(np.float32)
    out = np.empty_like(x)
    k.exp_nonpos_f(x, out)
    exact = np.exp(x.astype(np.float64))
    err = np.abs(out.astype(np.float64) - exact) / np.spacing(exact.astype(np.float32)).astype(np.float64)
    assert err.max() <= 2.0
    flushed = np.empty(3, dtype=np.float32)
    k.exp_nonpos_f(np.array([-87.5, -1e30, -np.inf], dtype=np.float32), flushed)
    assert np.array_equal(flushed, np.zeros(3, dtype=np.float32))


def test_exp_nonpos_flushes_below_the_cutoff():
    got = _fast_exp(np.array([-708.5, -745.0, -1e308, -np.inf]))
    assert np.array_equal(got, np.zeros(4))


# ---- random matrices with special values: kernel and twin agree entry by entry ----

_entries = st.one_of(
    st.floats(-50, 50, allow_nan=False, allow_infinity=False),
    st.sampled_from([np.inf, -np.inf, np.nan, 1e4, -1e4]),
)


@pytest.mark.hypothesis
@given(
    st.tuples(st.integers(1, 12), st.integers(0, 5)).flatmap(
        lambda t: arrays(np.float64, (t[0], t[0] + t[1]), elements=_entries)
    )
)
def test_parity_with_special_values(s):
    for region in (ALL, OFF):
        for axis in (0, 1):
            if region == OFF and s.shape[0 if axis == 0 else 1] == 1:
                continue  # a one-entry slice may lose its only entry (the caller refuses that)
            got, want = _axis(s, axis, region, True), ref.lse_axis(s, axis, region, True)
            np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
            np.testing.assert_array_equal(np.isinf(got) & (got > 0), np.isinf(want) & (want > 0))
            ok = np.isfinite(want)
            np.testing.assert_allclose(got[ok], want[ok], rtol=1e-10, atol=1e-10)
        if region == OFF and s.size == 1:
            continue
        got_all, want_all = k.lse_all(s, region, True), ref.lse_all(s, region, True)
        assert (np.isnan(got_all) and np.isnan(want_all)) or got_all == pytest.approx(want_all, rel=1e-10, abs=1e-10)
