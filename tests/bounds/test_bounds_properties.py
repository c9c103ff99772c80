"""Invariants of the variational bounds, property-tested (docs/conventions.md#Variational bounds)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import infokit.bounds as B

pytestmark = pytest.mark.hypothesis

finite = st.floats(-30, 30, allow_nan=False, allow_infinity=False, width=64)


@st.composite
def score_matrices(draw, min_n=2, max_n=9, square=True):
    n = draw(st.integers(min_n, max_n))
    m = n if square else draw(st.integers(n, n + 5))
    return draw(arrays(np.float64, (n, m), elements=finite))


NAMES = ["infonce", "dv", "mine", "nwj", "js", "nwj_js", "dv_js", "smile", "club", "l1out"]


def _value(name, s):
    return getattr(B, name)(s).value


@given(score_matrices(min_n=1, square=False))
def test_infonce_never_exceeds_log_m(s):
    r = B.infonce(s)
    assert r.value <= r.cap + 1e-12
    assert r.cap == pytest.approx(math.log(s.shape[1]))


@given(score_matrices(square=False), st.lists(finite, min_size=9, max_size=9))
def test_infonce_unchanged_by_row_shifts(s, shifts):
    c = np.array(shifts[: s.shape[0]])[:, None]
    assert B.infonce(s + c).value == pytest.approx(B.infonce(s).value, abs=1e-9)


@given(score_matrices(square=False), finite)
def test_dv_unchanged_by_a_global_shift(s, c):
    assert B.dv(s + c).value == pytest.approx(B.dv(s).value, abs=1e-9)


@given(score_matrices(square=False))
def test_dv_at_least_nwj(s):
    assert B.dv(s).value >= B.nwj(s).value - 1e-9 * max(1.0, abs(B.dv(s).value))


@given(score_matrices(square=False))
def test_nwj_maximised_over_shifts_is_dv(s):
    # NWJ(S + c) = mean diag + c - e^{c - 1} A, A = mean_{i != j} exp S_ij:
    # d/dc = 1 - e^{c - 1} A = 0 at c* = 1 - log A, where NWJ(S + c*) = mean diag - log A = DV.
    log_a = B.logmeanexp(s, exclude_diagonal=True)
    c_star = 1.0 - log_a
    best = B.nwj(s + c_star).value
    assert best == pytest.approx(B.dv(s).value, abs=1e-8 * max(1.0, abs(c_star)))
    for dc in (-0.5, 0.5):
        assert B.nwj(s + c_star + dc).value <= best + 1e-9


@given(score_matrices(square=False))
def test_tuba_with_baseline_one_is_nwj(s):
    assert B.tuba(s, 1.0).value == pytest.approx(B.nwj(s).value, abs=1e-9)


@given(score_matrices(square=False))
def test_flo_at_minus_diagonal_is_nwj_of_s_plus_1(s):
    n = s.shape[0]
    assert B.flo(s, -s[np.arange(n), np.arange(n)]).value == pytest.approx(B.nwj(s + 1).value, rel=1e-9, abs=1e-9)
    assert B.nwj_js(s).value == pytest.approx(B.nwj(s + 1).value, rel=1e-12, abs=1e-12)


@given(score_matrices(square=False), st.floats(-3, 3))
def test_flo_is_maximised_by_u_log_a(s, du):
    # For each pair, 1 - u - a e^{-u} <= -log a, with equality at u = log a.
    n = s.shape[0]
    d = s[np.arange(n), np.arange(n)]
    u_opt = B.logmeanexp(s, axis=1, exclude_diagonal=True) - d
    best = B.flo(s, u_opt).value
    assert B.flo(s, u_opt + du).value <= best + 1e-9


@given(score_matrices(square=False))
def test_js_objective_is_never_positive(s):
    assert B.js(s).value <= 0.0


@given(score_matrices(), st.floats(0.01, 1.0))
def test_interpolated_between_its_ends(s, alpha):
    r = B.interpolated(s, alpha)
    assert np.isfinite(r.value)
    assert B.interpolated(s, 1.0).value <= math.log(s.shape[1] - 1) + 1e-9


@given(score_matrices(), st.randoms(use_true_random=False))
def test_every_bound_unchanged_by_a_joint_permutation(s, rnd):
    n = s.shape[0]
    perm = np.array(rnd.sample(range(n), n))
    p = s[np.ix_(perm, perm)]
    for name in NAMES:
        a, b = _value(name, s), _value(name, p)
        assert b == pytest.approx(a, rel=1e-9, abs=1e-9), name
    assert B.interpolated(p, 0.5).value == pytest.approx(B.interpolated(s, 0.5).value, rel=1e-9, abs=1e-9)
    for sym in ("columns", "symmetric"):
        assert B.infonce(p, sym).value == pytest.approx(B.infonce(s, sym).value, rel=1e-9, abs=1e-9)


@given(score_matrices(min_n=1, square=False))
def test_results_identical_for_every_n_jobs(s):
    for name in ("infonce", "dv", "nwj"):
        f = getattr(B, name)
        if s.shape[1] < 2 and name != "infonce":
            continue
        one, three = f(s, n_jobs=1), f(s, n_jobs=3)
        assert np.array_equal([one.value, one.stderr], [three.value, three.stderr], equal_nan=True), name
