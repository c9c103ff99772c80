"""Discrete estimators at extreme counts: expected MI / AMI of huge integer
tables, and float contingency tables scaled towards the ends of float64."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

import infokit.estimate as ie

# ---------------------------------------------------------------------------
# expected MI at huge counts


def _stirling2(j: int, r: int) -> int:
    return sum((-1) ** i * math.comb(r, i) * (r - i) ** j for i in range(r + 1)) // math.factorial(r)


def _falling(x: int, r: int) -> int:
    return math.prod(x - i for i in range(r))


def _x_log_x_over_mu(a: int, b: int, n: int, terms: int = 7) -> Fraction:
    """E[X log(X / mu)] for X ~ hypergeometric(N, a, b), mu = a b / N, by the series
    (1 + d) log(1 + d) = sum_{j >= 2} (-1)^j d^j / (j (j - 1)), d = X / mu - 1, with
    the central moments in exact rationals from the factorial moments
    E[X (X-1) ... (X-r+1)] = a^(r) b^(r) / N^(r) (independent of the kernel's
    closed forms). Only valid for large mu: each term is ~1/mu smaller."""
    mu = Fraction(a * b, n)
    raw = [Fraction(1)] + [
        sum(
            (_stirling2(j, r) * Fraction(_falling(a, r) * _falling(b, r), _falling(n, r)) for r in range(1, j + 1)),
            Fraction(0),
        )
        for j in range(1, terms + 1)
    ]
    total = Fraction(0)
    for j in range(2, terms + 1):
        central = sum((math.comb(j, i) * raw[i] * (-mu) ** (j - i) for i in range(j + 1)), Fraction(0))
        total += (-1) ** j * central / mu**j / (j * (j - 1))
    return mu * total


def _emi_reference(table: list[list[int]]) -> float:
    t = np.array(table, dtype=object)
    a = [int(v) for v in t.sum(axis=1)]
    b = [int(v) for v in t.sum(axis=0)]
    n = sum(a)
    return float(sum(_x_log_x_over_mu(ai, bj, n) for ai in a for bj in b) / n)


@pytest.mark.parametrize("c", [10**14, 10**16, 10**18])
def test_expected_mi_huge_diagonal(c):
    # Once 1.2% off at c = 1e14 and of the wrong sign from 1e16 on (the summed
    # terms' rounding), and 1.4 s / 14 s / minutes of work.
    table = [[c, 1], [1, c]]
    got = ie.expected_mutual_info(None, None, contingency=np.array(table))
    assert got == pytest.approx(_emi_reference(table), rel=1e-12)


def test_expected_mi_totals_near_2_63():
    # Row and column sums of 0.75 N each at N ~ 2**63 - 2**21: a + b passes
    # 2**63, and the float64 marginals would round.
    table = [[2**62 - 2**21 + 5, 2**61 - 777], [2**61 - 999, 12345]]
    assert sum(map(sum, table)) < 2**63
    got = ie.expected_mutual_info(None, None, contingency=np.array(table, dtype=np.int64))
    assert got == pytest.approx(_emi_reference(table), rel=1e-12)
    ami = ie.adjusted_mutual_info(None, None, contingency=np.array(table, dtype=np.int64))
    assert math.isfinite(ami)


@pytest.mark.parametrize("a", [10**9, 1_010_000_000])
def test_expected_mi_either_side_of_the_switch(a):
    # Hypergeometric sd ~999 (summed exactly) and ~1009 (moment expansion):
    # both agree with the exact-rational series.
    n, m = 10**12, 10**6
    table = [[m, a - m], [a - m, n - 2 * a + m]]
    got = ie.expected_mutual_info(None, None, contingency=np.array(table))
    assert got == pytest.approx(_emi_reference(table), rel=1e-10)


def test_expected_mi_huge_sparse_matches_dense():
    c = 10**15
    dense = np.array([[3 * c, c, 0], [2 * c, 5 * c + 7, c], [0, 11, 4 * c]])
    import scipy.sparse as sp

    want = _emi_reference(dense.tolist())
    assert ie.expected_mutual_info(None, None, contingency=dense) == pytest.approx(want, rel=1e-12)
    assert ie.expected_mutual_info(None, None, contingency=sp.csr_array(dense)) == pytest.approx(want, rel=1e-12)


# ---------------------------------------------------------------------------
# float contingency tables near the ends of float64

_T = np.array([[3.0, 1.0], [1.0, 3.0]])
# Products of counts overflowed (NaN) from ~1e154 on and went subnormal below ~1e-154.
_SCALES = [1e300, 2.0**1000, 1e160, 1e-160, 1e-300, 1e-320, 2.0**-1072]


@pytest.mark.parametrize("scale", _SCALES)
@pytest.mark.parametrize("sparse", [False, True])
def test_float_contingency_scale_free(scale, sparse):
    import scipy.sparse as sp

    table = _T * scale
    if sparse:
        table = sp.csr_array(table)
    for method in ("arithmetic", "geometric", "min", "max", "sqrt", "joint"):
        want = ie.normalized_mutual_info(None, None, contingency=_T, average_method=method)
        got = ie.normalized_mutual_info(None, None, contingency=table, average_method=method)
        assert got == pytest.approx(want, rel=1e-14), method
    want = ie.discrete_mutual_info(None, None, contingency=_T)
    assert ie.discrete_mutual_info(None, None, contingency=table) == pytest.approx(want, rel=1e-14)
    assert ie.discrete_mutual_info(None, None, contingency=table, base=2) == pytest.approx(
        want / math.log(2), rel=1e-14
    )


@pytest.mark.parametrize("scale", _SCALES)
def test_float_contingency_extreme_needs_integers(scale):
    # The bias corrections and E[I] need integer counts below 2**63: tables this
    # large or this small have none, and say so (never NaN).
    for call in (
        lambda t: ie.adjusted_mutual_info(None, None, contingency=t),
        lambda t: ie.expected_mutual_info(None, None, contingency=t),
        lambda t: ie.discrete_mutual_info(None, None, contingency=t, estimator="miller_madow"),
    ):
        with pytest.raises(ValueError, match="integer counts"):
            call(_T * scale)


def test_float_contingency_in_range_untouched():
    # Within [2**-100, 2**63) the table is used as given: bit-identical results.
    t = np.array([[0.3, 0.1, 0.0], [0.05, 0.25, 0.3]])
    got = ie.discrete_mutual_info(None, None, contingency=t)
    assert got == ie.discrete_mutual_info(None, None, contingency=t * 2.0**40)
