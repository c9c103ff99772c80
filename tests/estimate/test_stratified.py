"""Conditional MI given labels, class by class (method="stratified", what "auto" runs for a label z)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import infokit.estimate as ie


def _data(n=6000, seed=0):
    rng = np.random.default_rng(seed)
    z = rng.integers(0, 3, n)
    x = z + rng.normal(size=n)
    return rng, z, x


def test_auto_conditions_on_labels_class_by_class():
    rng, z, x = _data()
    y = x + rng.normal(size=len(x))  # within each class: a Gaussian pair with I = 0.5 log 2
    assert ie.resolve_method("conditional_mutual_info", x, y, z) == "stratified"
    got = ie.conditional_mutual_info(x, y, z, random_state=0)
    assert got == pytest.approx(0.5 * np.log(2), abs=0.03)
    # By hand: the MI within each class, weighted by its share.
    by_hand = sum(
        np.mean(z == c) * ie.mutual_info(x[z == c], y[z == c], method="ksg", random_state=s)
        for c, s in zip(range(3), np.random.default_rng(0).integers(0, 2**63 - 1, size=3, dtype=np.int64))
    )
    assert got == pytest.approx(by_hand, rel=1e-12)
    # Strings, categoricals and integer codes are the same condition.
    assert ie.conditional_mutual_info(x, y, np.array(list("abc"))[z], random_state=0) == got


def test_independent_given_the_labels():
    rng, z, x = _data()
    y = z + rng.normal(size=len(x))  # x and y share only z
    assert abs(ie.conditional_mutual_info(x, y, z, random_state=0)) < 0.03
    assert ie.mutual_info(x, y, random_state=0) > 0.05  # marginally they are dependent


def test_labels_on_one_side_and_units():
    _, z, x = _data()
    y = (x > z).astype(int)  # within each class a fair coin read off x: I = ln 2
    nats = ie.conditional_mutual_info(x, y, z, random_state=0)
    assert nats == pytest.approx(np.log(2), abs=0.02)
    assert ie.conditional_mutual_info(x, y, z, random_state=0, base=2) == pytest.approx(nats / np.log(2))
    assert ie.conditional_mutual_info(y, x, z, random_state=0) == pytest.approx(nats, abs=1e-12)


def test_small_classes_are_announced_and_bad_input_refused():
    rng, z, x = _data(n=400)
    z = z.copy()
    z[:3] = 7  # a class of 3 rows: too few for k = 3
    with pytest.warns(UserWarning, match="3 of 400 samples lie in classes of z with fewer than 5"):
        ie.conditional_mutual_info(x, x + rng.normal(size=400), z, random_state=0)
    with pytest.raises(ValueError, match=r"same number of samples|lengths"):
        ie.conditional_mutual_info(x, x, z[:-1])
    xn = x.copy()
    xn[0] = np.nan
    with pytest.raises(ValueError, match="x contains NaN"):
        ie.conditional_mutual_info(xn, x, z)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert np.isnan(ie.conditional_mutual_info(xn, x, z, nan_policy="propagate"))
        omit = ie.conditional_mutual_info(xn, x, z, nan_policy="omit", random_state=0)
    assert np.isfinite(omit)
