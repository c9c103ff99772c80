"""Property tests (hypothesis) of the discrete estimators."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import infokit.estimate as ie

pytestmark = pytest.mark.hypothesis

ESTIMATORS = ["plugin", "miller_madow", "grassberger", "chao_shen", "james_stein", "nsb"]


@st.composite
def paired_labels(draw, max_n=60):
    n = draw(st.integers(1, max_n))
    kx = draw(st.integers(1, 8))
    ky = draw(st.integers(1, 8))
    x = draw(st.lists(st.integers(0, kx - 1), min_size=n, max_size=n))
    y = draw(st.lists(st.integers(-3, ky - 4), min_size=n, max_size=n))
    return np.array(x), np.array(y)


def _conditional_entropy(y, x):
    """H(Y|X) = sum_x p(x) H(Y | X = x), plug-in, written out independently."""
    total = 0.0
    for v in np.unique(x):
        sel = y[x == v]
        _, counts = np.unique(sel, return_counts=True)
        p = counts / counts.sum()
        total += len(sel) / len(y) * float(-(p * np.log(p)).sum())
    return total


@given(paired_labels())
def test_mi_symmetric_and_bounded(xy):
    x, y = xy
    mi = ie.discrete_mutual_info(x, y)
    # symmetric up to the summation order of the transposed table
    assert_allclose(mi, ie.discrete_mutual_info(y, x), rtol=1e-13, atol=1e-16)
    hx, hy = ie.discrete_entropy(x), ie.discrete_entropy(y)
    assert 0.0 <= mi <= min(hx, hy) + 1e-12


@given(paired_labels())
def test_mi_with_itself_is_entropy(xy):
    x, _ = xy
    assert_allclose(ie.discrete_mutual_info(x, x), ie.discrete_entropy(x), rtol=1e-12, atol=1e-15)


@given(paired_labels())
def test_chain_rule(xy):
    x, y = xy
    hxy = ie.discrete_entropy(np.column_stack([x, y]))
    assert_allclose(hxy, ie.discrete_entropy(x) + _conditional_entropy(y, x), rtol=1e-12, atol=1e-14)


@given(paired_labels(), st.randoms(use_true_random=False))
def test_invariant_to_relabelling(xy, rnd):
    x, y = xy
    values = list(range(-3, 8))
    mapped = values[:]
    rnd.shuffle(mapped)
    names = {v: f"L{m}" for v, m in zip(values, mapped)}
    y2 = np.array([names[v] for v in y])
    x2 = np.array(mapped)[x]
    for est in ESTIMATORS:
        assert_allclose(
            ie.discrete_mutual_info(x2, y2, estimator=est),
            ie.discrete_mutual_info(x, y, estimator=est),
            rtol=1e-12,
            atol=1e-14,
        )
    assert_allclose(ie.adjusted_mutual_info(x2, y2), ie.adjusted_mutual_info(x, y), rtol=1e-12, atol=1e-14)
    assert ie.normalized_mutual_info(x2, y2) == pytest.approx(ie.normalized_mutual_info(x, y), rel=1e-12, abs=1e-14)


@given(paired_labels(), st.sampled_from([2, 10, 0.5, math.e]))
def test_base_conversion(xy, base):
    x, y = xy
    for est in ESTIMATORS:
        assert_allclose(
            ie.discrete_entropy(x, estimator=est, base=base),
            ie.discrete_entropy(x, estimator=est) / math.log(base),
            rtol=1e-13,
            atol=1e-15,
        )
    assert_allclose(
        ie.discrete_mutual_info(x, y, base=base), ie.discrete_mutual_info(x, y) / math.log(base), rtol=1e-13, atol=1e-15
    )


@given(paired_labels())
def test_nmi_and_ami_ranges(xy):
    x, y = xy
    nmi = ie.normalized_mutual_info(x, y)
    assert 0.0 <= nmi <= 1.0 + 1e-12
    assert ie.adjusted_mutual_info(x, y) <= 1.0 + 1e-12


@given(paired_labels(), paired_labels())
def test_cmi_nonnegative_and_symmetric(xy, zw):
    x, y = xy
    z = np.resize(zw[0], len(x))
    cmi = ie.discrete_conditional_mutual_info(x, y, z)
    assert cmi >= 0.0
    assert_allclose(cmi, ie.discrete_conditional_mutual_info(y, x, z), rtol=1e-12, atol=1e-14)
