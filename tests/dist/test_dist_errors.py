"""Bad input to infokit.dist: a ValueError / TypeError naming the argument, never a crash."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from infokit import dist

PAIR_FUNCS = [
    dist.kl_divergence,
    dist.cross_entropy,
    dist.js_divergence,
    dist.js_distance,
    dist.total_variation,
    dist.hellinger,
]
BASE_FUNCS = [dist.entropy, dist.kl_divergence, dist.cross_entropy, dist.js_divergence, dist.js_distance]


def _call(fn, x, **kw):
    return fn(x, **kw) if fn is dist.entropy else fn(x, [0.25, 0.25, 0.5], **kw)


@pytest.mark.parametrize("fn", [dist.entropy, *PAIR_FUNCS], ids=lambda f: f.__name__)
def test_bad_values_name_p(fn):
    with pytest.raises(ValueError, match="p must not contain negative entries"):
        _call(fn, [0.5, -0.25, 0.75])
    with pytest.raises(ValueError, match="p must not contain inf"):
        _call(fn, [0.5, np.inf, 0.5])
    with pytest.raises(ValueError, match="p must not contain inf"):
        _call(fn, [0.5, -np.inf, 0.5])
    with pytest.raises(ValueError, match="p contain NaN"):
        _call(fn, [0.5, np.nan, 0.5], nan_policy="raise")
    with pytest.raises(ValueError, match="p has a slice that sums to 0"):
        _call(fn, [0.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="p is empty"):
        fn([]) if fn is dist.entropy else fn([], [])
    with pytest.raises(ValueError, match="p must have at least one dimension"):
        _call(fn, 0.5)
    with pytest.raises(ValueError, match=r"sums overflows|overflows"):
        _call(fn, [1e308, 1e308, 1e308])


@pytest.mark.parametrize("fn", PAIR_FUNCS, ids=lambda f: f.__name__)
def test_bad_values_name_q(fn):
    with pytest.raises(ValueError, match="q must not contain negative entries"):
        fn([0.5, 0.5], [1.5, -0.5])
    with pytest.raises(ValueError, match="q must not contain inf"):
        fn([0.5, 0.5], [np.inf, 0.5])
    with pytest.raises(ValueError, match="q has a slice that sums to 0"):
        fn([0.5, 0.5], [0, 0])
    with pytest.raises(ValueError, match=r"do not broadcast .*p: \(3,\), q: \(2,\)"):
        fn([0.2, 0.3, 0.5], [0.5, 0.5])


@pytest.mark.parametrize("fn", [dist.entropy, *PAIR_FUNCS], ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "bad",
    [np.array([1 + 1j, 2]), np.array(["a", "b"]), np.array([object(), 1], dtype=object)],
    ids=["complex", "str", "object"],
)
def test_non_numeric_dtype_is_type_error(fn, bad):
    with pytest.raises(TypeError, match="p must hold real numbers"):
        _call(fn, bad) if fn is dist.entropy else fn(bad, bad)


@pytest.mark.parametrize("fn", BASE_FUNCS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("base", [1, 1.0, 0, -1, -2.5, math.inf, math.nan])
def test_bad_base(fn, base):
    with pytest.raises(ValueError, match="base"):
        _call(fn, [0.2, 0.3, 0.5], base=base)


@pytest.mark.parametrize("base", ["2", True, [2]])
def test_base_of_wrong_type(base):
    with pytest.raises(TypeError, match="base"):
        dist.entropy([0.5, 0.5], base=base)


@pytest.mark.parametrize("fn", [dist.entropy, *PAIR_FUNCS], ids=lambda f: f.__name__)
def test_bad_options(fn):
    x = np.ones((2, 3))
    with pytest.raises(ValueError, match="axis=2 is out of bounds"):
        _call(fn, x, axis=2)
    with pytest.raises(ValueError, match="axis contains a repeated axis"):
        _call(fn, x, axis=(0, -2))
    with pytest.raises(TypeError, match="axis must be an int"):
        _call(fn, x, axis=1.0)
    with pytest.raises(TypeError, match="keepdims must be a bool"):
        _call(fn, x, keepdims=1)
    with pytest.raises(TypeError, match="normalize must be a bool"):
        _call(fn, x, normalize="yes")
    with pytest.raises(ValueError, match="nan_policy must be one of"):
        _call(fn, x, nan_policy="ignore")
    with pytest.raises(ValueError, match="n_jobs"):
        _call(fn, x, n_jobs=0)
    with pytest.raises(TypeError, match="n_jobs"):
        _call(fn, x, n_jobs=1.5)


def test_js_weights_validation():
    p, q = [0.5, 0.5], [0.1, 0.9]
    with pytest.raises(ValueError, match=r"weights must have shape \(2,\)"):
        dist.js_divergence(p, q, weights=[1, 1, 1])
    with pytest.raises(ValueError, match="weights must be finite and non-negative"):
        dist.js_divergence(p, q, weights=[1, -1])
    with pytest.raises(ValueError, match="weights must be finite and non-negative"):
        dist.js_distance(p, q, weights=[1, np.nan])
    with pytest.raises(ValueError, match="weights must not all be zero"):
        dist.js_divergence(p, q, weights=[0, 0])
    with pytest.raises(TypeError, match="weights must be real"):
        dist.js_divergence(p, q, weights=["a", "b"])
    with pytest.raises(ValueError, match="distribution 2 must not contain negative"):
        dist.js_divergence(p, q, [1, -1])


_wild = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.just(0.0), st.just(-0.0))


@pytest.mark.hypothesis
@given(
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=4), elements=_wild),
    st.sampled_from(["propagate", "raise", "omit"]),
)
def test_never_a_crash(a, nan_policy):
    # Arbitrary floats (NaN, inf, negative, huge, empty): either a clear
    # ValueError or a well-formed result, for every vector and table measure.
    calls = [
        lambda: dist.entropy(a, nan_policy=nan_policy),
        lambda: dist.kl_divergence(a, a[::-1], nan_policy=nan_policy),
        lambda: dist.js_distance(a, np.abs(a), nan_policy=nan_policy),
        lambda: dist.hellinger(a, a, axis=None, nan_policy=nan_policy),
        lambda: dist.mutual_info(a, nan_policy=nan_policy),
        lambda: dist.conditional_mutual_info(a, nan_policy=nan_policy),
    ]
    for call in calls:
        try:
            res = np.asarray(call())
        except ValueError:
            continue
        assert res.dtype == np.float64
        assert not (res < 0).any()
        if nan_policy != "propagate":
            assert not np.isnan(res).any()


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=lambda d: np.dtype(d).name)
def test_subnormal_rows_give_exact_values_not_nan(dtype):
    # A one-entry distribution normalises to [1] however small its entry: a
    # subnormal float64 sum once made 1 / sum overflow and KL / JS NaN, which
    # nan_policy="raise" let through (the inputs are valid).
    tiny = np.array(2.2e-313 if dtype is np.float64 else 1e-40, dtype=dtype)
    assert tiny > 0 and tiny < np.finfo(dtype).tiny  # subnormal in its own dtype
    one = np.array([tiny], dtype=dtype)
    ref1 = np.array([1.0], dtype=dtype)
    for p, q in ((one, ref1), (ref1, one), (one, one)):
        assert dist.kl_divergence(p, q, nan_policy="raise") == 0.0
        assert dist.cross_entropy(p, q, nan_policy="raise") == 0.0
        assert dist.js_divergence(p, q, nan_policy="raise") == 0.0
        assert dist.js_distance(p, q, nan_policy="raise") == 0.0
    assert dist.entropy(one, nan_policy="raise") == 0.0
    rtol = 4 * float(np.finfo(dtype).eps)  # results come back in the input's dtype
    two = np.array([tiny, tiny], dtype=dtype)
    uniform = np.array([1.0, 1.0], dtype=dtype)
    assert dist.kl_divergence(two, uniform) == 0.0
    assert dist.js_distance(two, uniform) == 0.0
    assert math.isclose(dist.entropy(two), math.log(2), rel_tol=rtol)
    assert math.isclose(dist.cross_entropy(two, uniform), math.log(2), rel_tol=rtol)
    assert dist.kl_divergence(two, np.array([1.0, 0.0], dtype=dtype)) == math.inf
    assert math.isclose(dist.kl_divergence(np.array([1.0, 0.0], dtype=dtype), two), math.log(2), rel_tol=rtol)
