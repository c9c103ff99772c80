"""Package-level promises: shared validation, n_jobs semantics (light imports: tests/test_layers.py)."""

import math
import os

import numpy as np
import pytest

from infokit import _validation as v


@pytest.mark.parametrize("base,scale", [(None, 1.0), (2, 1 / math.log(2)), (10, 1 / math.log(10)), (math.e, 1.0)])
def test_base_scale(base, scale):
    assert v.base_scale(base) == pytest.approx(scale, rel=1e-15)


@pytest.mark.parametrize("base", [0, -1, 1, 1.0, math.inf, math.nan])
def test_bad_base_raises_naming_it(base):
    with pytest.raises(ValueError, match="base"):
        v.check_base(base)


@pytest.mark.parametrize("base", ["2", True, [2]])
def test_base_of_wrong_type(base):
    with pytest.raises(TypeError, match="base"):
        v.check_base(base)


def test_n_jobs_follows_scikit_learn():
    cpus = os.cpu_count() or 1
    assert v.resolve_n_jobs(None) == 1
    assert v.resolve_n_jobs(1) == 1
    assert v.resolve_n_jobs(-1) == cpus
    assert v.resolve_n_jobs(-cpus - 5) == 1
    with pytest.raises(ValueError, match="n_jobs"):
        v.resolve_n_jobs(0)
    with pytest.raises(TypeError, match="n_jobs"):
        v.resolve_n_jobs(1.5)


def test_as_float_samples_shapes_and_dtypes():
    a = v.as_float_samples([1, 2, 3], "x")
    assert a.shape == (3, 1) and a.dtype == np.float64
    f = np.ones((4, 2), dtype=np.float32)
    assert v.as_float_samples(f, "x") is f  # no copy for contiguous float32
    g = np.asfortranarray(np.ones((4, 2)))
    assert v.as_float_samples(g, "x").flags.c_contiguous
    with pytest.raises(ValueError, match=r"x.*ndim=3"):
        v.as_float_samples(np.ones((2, 2, 2)), "x")
    with pytest.raises(TypeError, match="y"):
        v.as_float_samples(np.array(["a", "b"]), "y")
    with pytest.raises(ValueError, match="z is empty"):
        v.as_float_samples(np.empty((0, 2)), "z")


def test_nan_policy():
    x = np.array([[1.0], [np.nan], [3.0]])
    y = np.array([[1.0], [2.0], [np.inf]])
    with pytest.raises(ValueError, match="x and y contain NaN"):
        v.apply_nan_policy([x, y], ["x", "y"], "raise")
    (xo, yo), flag = v.apply_nan_policy([x, y], ["x", "y"], "omit")
    assert xo.tolist() == [[1.0]] and yo.tolist() == [[1.0]] and not flag
    _, flag = v.apply_nan_policy([x, y], ["x", "y"], "propagate")
    assert flag
    with pytest.raises(ValueError, match="nan_policy"):
        v.apply_nan_policy([x], ["x"], "ignore")


def test_random_state_forms():
    a = v.check_random_state(3).standard_normal(3)
    b = v.check_random_state(np.random.default_rng(3)).standard_normal(3)
    np.testing.assert_array_equal(a, b)
    v.check_random_state(np.random.RandomState(0))
    with pytest.raises(TypeError, match="random_state"):
        v.check_random_state("seed")


def test_same_length():
    with pytest.raises(ValueError, match="x: 3, y: 2"):
        v.check_same_length([np.ones(3), np.ones(2)], ["x", "y"])
