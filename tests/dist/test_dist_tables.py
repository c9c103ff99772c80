"""Table measures of infokit.dist against independent computations.

Oracles: scikit-learn's mutual_info_score (contingency=) and
normalized_mutual_info_score (on label vectors expanded from count tables),
and brute-force loops over the cells that spell out each definition. The NMI
of labels (infokit.estimate) shares the table NMI's arithmetic, methods and
degenerate rule; the tests at the end pin that they agree.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.metrics import mutual_info_score, normalized_mutual_info_score

import infokit.estimate as ie
import infokit.estimate._discrete as ie_discrete
from infokit import dist
from infokit.dist._table import nmi_from_entropies


def _counts(rng, shape, zeros=0.3):
    t = rng.integers(1, 9, size=shape)
    t[rng.random(shape) < zeros] = 0
    t.flat[0] += 1  # never all zero
    return t


def _labels(table):
    """Two label vectors whose contingency table is ``table`` (non-negative ints)."""
    xs, ys = [], []
    for (i, j), c in np.ndenumerate(table):
        xs += [i] * int(c)
        ys += [j] * int(c)
    return np.array(xs), np.array(ys)


def _brute_h(p):
    p = np.asarray(p, dtype=float).ravel()
    p = p / p.sum()
    return -sum(v * math.log(v) for v in p if v > 0)


def _brute_mi(t):
    p = np.asarray(t, float) / np.sum(t)
    px, py = p.sum(1), p.sum(0)
    return sum(
        p[i, j] * math.log(p[i, j] / (px[i] * py[j])) for i, j in itertools.product(*map(range, p.shape)) if p[i, j] > 0
    )


def _brute_cmi(t):
    p = np.asarray(t, float) / np.sum(t)
    pz, pxz, pyz = p.sum((0, 1)), p.sum(1), p.sum(0)
    return sum(
        p[x, y, z] * math.log(pz[z] * p[x, y, z] / (pxz[x, z] * pyz[y, z]))
        for x, y, z in itertools.product(*map(range, p.shape))
        if p[x, y, z] > 0
    )


def _brute_h_y_given_x(t):
    p = np.asarray(t, float) / np.sum(t)
    px = p.sum(1)
    return -sum(p[i, j] * math.log(p[i, j] / px[i]) for i, j in itertools.product(*map(range, p.shape)) if p[i, j] > 0)


@pytest.mark.parametrize("shape", [(2, 2), (3, 5), (7, 4), (1, 6)], ids=str)
def test_mutual_info_matches_sklearn_contingency(rng, shape):
    t = _counts(rng, shape)
    want = mutual_info_score(None, None, contingency=t)
    assert dist.mutual_info(t) == pytest.approx(want, rel=1e-12, abs=1e-15)
    assert dist.mutual_info(t / t.sum(), normalize=False) == pytest.approx(want, rel=1e-12, abs=1e-15)
    assert dist.mutual_info(t) == pytest.approx(_brute_mi(t), rel=1e-12, abs=1e-15)


def test_mutual_info_float_counts_are_not_truncated():
    # A float table of fractional counts is used as is (scikit-learn's contingency
    # path casts it to int, which would change the MI).
    t = np.array([[0.5, 1.5], [2.25, 0.75]])
    assert dist.mutual_info(t) == pytest.approx(_brute_mi(t), rel=1e-13)


@pytest.mark.parametrize("method", ["arithmetic", "geometric", "min", "max"])
@pytest.mark.parametrize("seed", range(4))
def test_nmi_matches_sklearn(method, seed):
    t = _counts(np.random.default_rng(seed), (3, 4))
    x, y = _labels(t)
    want = normalized_mutual_info_score(x, y, average_method=method)
    assert dist.normalized_mutual_info(t, average_method=method) == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("method", ["arithmetic", "geometric", "min", "max"])
def test_nmi_degenerate_conventions_match_sklearn(method):
    # Constant vs constant, constant vs not: the same numbers as scikit-learn.
    assert normalized_mutual_info_score([0, 0, 0], [1, 1, 1], average_method=method) == 1.0
    assert dist.normalized_mutual_info([[3]], average_method=method) == 1.0
    assert normalized_mutual_info_score([0, 0, 0], [0, 1, 1], average_method=method) == 0.0
    assert dist.normalized_mutual_info([[1, 2]], average_method=method) == 0.0


def test_nmi_joint_and_sqrt(rng):
    t = _counts(rng, (4, 3))
    hx, hy, hxy = _brute_h(t.sum(1)), _brute_h(t.sum(0)), _brute_h(t)
    mi = _brute_mi(t)
    assert dist.normalized_mutual_info(t, average_method="joint") == pytest.approx(mi / hxy, rel=1e-12)
    sq = dist.normalized_mutual_info(t, average_method="sqrt")
    assert sq == pytest.approx(mi / math.sqrt(hx * hy), rel=1e-12)
    assert sq == dist.normalized_mutual_info(t, average_method="geometric")
    # joint = 1 - VI / H(X, Y)
    vi = dist.variation_of_information(t)
    assert dist.normalized_mutual_info(t, average_method="joint") == pytest.approx(1 - vi / hxy, rel=1e-12)


@pytest.mark.parametrize("method", ["arithmetic", "geometric", "min", "max", "joint", "sqrt"])
def test_nmi_degenerate_tables(method):
    # Both variables constant: 1.0 (scikit-learn's convention).
    assert dist.normalized_mutual_info([[5]], average_method=method) == 1.0
    assert dist.normalized_mutual_info([[0, 0], [0, 3]], average_method=method) == 1.0
    # One constant variable: MI = 0, so NMI = 0 (no 0/0).
    assert dist.normalized_mutual_info([[1, 2, 3]], average_method=method) == 0.0
    # Independent: 0; identical: 1.
    assert dist.normalized_mutual_info(np.outer([1, 2], [3, 1, 1]), average_method=method) == 0.0
    assert dist.normalized_mutual_info(np.diag([1, 2, 3]), average_method=method) == pytest.approx(1.0, rel=1e-15)


def test_unknown_average_method_raises():
    with pytest.raises(ValueError, match="average_method"):
        dist.normalized_mutual_info(np.eye(2), average_method="harmonic")


# ---------------------------------------------------------------- one NMI for tables and labels

SKLEARN_METHODS = ["arithmetic", "geometric", "min", "max"]


@pytest.mark.parametrize("method", SKLEARN_METHODS)
@pytest.mark.parametrize("seed", range(6))
def test_nmi_of_labels_and_of_their_table_match_sklearn(method, seed):
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(5, 300))
    x = rng.integers(0, int(rng.integers(1, 7)), n)
    y = (x + rng.integers(0, 3, n)) % int(rng.integers(1, 7)) if seed % 2 else rng.integers(0, 5, n)
    want = normalized_mutual_info_score(x, y, average_method=method)
    t, _, _ = ie.contingency_table(x, y)
    from_labels = ie.normalized_mutual_info(x, y, average_method=method)
    from_table = dist.normalized_mutual_info(t, average_method=method)
    assert from_labels == pytest.approx(want, rel=1e-12, abs=1e-15)
    assert from_table == pytest.approx(want, rel=1e-12, abs=1e-15)
    assert 0.0 <= from_labels <= 1.0


@pytest.mark.parametrize("method", dist.NMI_AVERAGE_METHODS)
def test_nmi_labels_and_tables_share_methods_and_degenerate_rule(method):
    assert ie_discrete.NMI_AVERAGE_METHODS is dist.NMI_AVERAGE_METHODS
    cases = [
        ([0, 0, 0], [1, 1, 1]),  # both constant: 1
        ([0, 0, 0], [0, 1, 1]),  # one constant: 0
        ([0, 1, 0, 1], [0, 0, 1, 1]),  # independent: MI = 0, so 0
        ([0, 0, 1, 1], [5, 5, 7, 7]),  # a relabelling: 1
        ([0, 0, 1, 1, 2], [0, 1, 1, 2, 2]),
    ]
    for x, y in cases:
        t, _, _ = ie.contingency_table(x, y)
        lab = ie.normalized_mutual_info(x, y, average_method=method)
        tab = float(dist.normalized_mutual_info(t, average_method=method))
        assert lab == pytest.approx(tab, rel=1e-13, abs=0), (x, y)
    assert ie.normalized_mutual_info([0, 0, 0], [1, 1, 1], average_method=method) == 1.0
    assert ie.normalized_mutual_info([0, 0, 0], [0, 1, 1], average_method=method) == 0.0
    assert ie.normalized_mutual_info([0, 1, 0, 1], [0, 0, 1, 1], average_method=method) == 0.0


def test_nmi_labels_joint_and_sqrt():
    x, y = [0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 1, 2, 2, 0]
    t, _, _ = ie.contingency_table(x, y)
    mi, hxy = _brute_mi(t), _brute_h(t)
    assert ie.normalized_mutual_info(x, y, average_method="joint") == pytest.approx(mi / hxy, rel=1e-12)
    assert ie.normalized_mutual_info(x, y, average_method="sqrt") == ie.normalized_mutual_info(
        x, y, average_method="geometric"
    )
    sparse = ie.normalized_mutual_info(None, None, contingency=sp.csr_array(t), average_method="joint")
    assert sparse == ie.normalized_mutual_info(None, None, contingency=t, average_method="joint")
    with pytest.raises(ValueError, match="average_method"):
        ie.normalized_mutual_info(x, y, average_method="harmonic")


def test_ami_uses_the_same_averages():
    x, y = [0, 0, 1, 1, 2, 2, 2, 0], [0, 1, 1, 1, 2, 2, 0, 0]
    assert ie.adjusted_mutual_info(x, y, average_method="sqrt") == ie.adjusted_mutual_info(
        x, y, average_method="geometric"
    )
    with pytest.raises(ValueError, match="average_method"):
        ie.adjusted_mutual_info(x, y, average_method="joint")


def test_nmi_from_entropies_scalars_arrays_and_rounding_excess():
    # One ulp above 1 (MI and H from different kernels) is clipped.
    assert nmi_from_entropies(1.0 + 2e-16, 1.0, 1.0, 1.0, "arithmetic") == 1.0
    assert nmi_from_entropies(0.0, 0.0, 0.0, 0.0, "joint") == 1.0
    assert nmi_from_entropies(1e-17, 0.0, 0.7, 0.7, "min") == 0.0  # one constant: 0, not inf
    out = nmi_from_entropies(
        np.array([0.5, 0.0, np.nan]), np.array([1.0, 0.0, np.nan]), np.array([1.0, 0.0, np.nan]), None, "max"
    )
    assert isinstance(out, np.ndarray)
    np.testing.assert_array_equal(out, [0.5, 1.0, np.nan])
    assert isinstance(nmi_from_entropies(0.5, 1.0, 1.0, None, "max"), float)


@pytest.mark.parametrize("shape", [(2, 2, 2), (3, 4, 2), (2, 3, 5)], ids=str)
def test_conditional_mutual_info_brute_force(rng, shape):
    t = _counts(rng, shape)
    assert dist.conditional_mutual_info(t) == pytest.approx(_brute_cmi(t), rel=1e-12, abs=1e-15)
    # Chain rule: I(X; Y, Z) = I(X; Z) + I(X; Y | Z), with (Y, Z) flattened.
    i_x_yz = dist.mutual_info(t.reshape(shape[0], -1))
    i_x_z = dist.mutual_info(t.sum(axis=1))
    assert i_x_yz == pytest.approx(i_x_z + dist.conditional_mutual_info(t), rel=1e-12, abs=1e-15)


def test_conditional_mutual_info_closed_forms():
    # X, Y independent fair bits, Z = X xor Y: I(X;Y) = 0 but I(X;Y|Z) = 1 bit.
    t = np.zeros((2, 2, 2))
    for x, y in itertools.product((0, 1), repeat=2):
        t[x, y, x ^ y] = 0.25
    assert dist.mutual_info(t.sum(axis=2)) == 0.0
    assert dist.conditional_mutual_info(t, base=2) == pytest.approx(1.0, rel=1e-15)
    # Axis order is (X, Y, Z): conditioning on the first axis instead differs.
    s = np.zeros((2, 2, 2))
    s[0, 0, 0] = s[1, 1, 1] = 0.5  # X = Y = Z
    assert dist.conditional_mutual_info(s) == 0.0
    assert dist.conditional_mutual_info(np.moveaxis(t, 2, 0), axes=(1, 2, 0), base=2) == pytest.approx(1.0, rel=1e-15)


def test_conditional_entropy_orientation(rng):
    t = _counts(rng, (3, 5))
    h_y_given_x = _brute_h_y_given_x(t)
    h_x_given_y = _brute_h_y_given_x(t.T)
    assert dist.conditional_entropy(t) == pytest.approx(h_y_given_x, rel=1e-12)  # given=0: X = rows
    assert dist.conditional_entropy(t, given=0) == dist.conditional_entropy(t)
    assert dist.conditional_entropy(t, given=1) == pytest.approx(h_x_given_y, rel=1e-12)
    assert dist.conditional_entropy(t, given=-1) == dist.conditional_entropy(t, given=1)
    # 3-D: H(X, Y | Z) and H(Z | X, Y).
    u = _counts(rng, (2, 3, 4))
    assert dist.conditional_entropy(u, given=2) == pytest.approx(_brute_h(u) - _brute_h(u.sum((0, 1))), rel=1e-12)
    assert dist.conditional_entropy(u, given=(0, 1)) == pytest.approx(_brute_h(u) - _brute_h(u.sum(2)), rel=1e-12)


def test_joint_entropy_and_vi(rng):
    t = _counts(rng, (4, 3))
    assert dist.joint_entropy(t) == pytest.approx(_brute_h(t), rel=1e-13)
    u = _counts(rng, (2, 3, 4))
    assert dist.joint_entropy(u, base=2) == pytest.approx(_brute_h(u) / math.log(2), rel=1e-13)
    vi = _brute_h_y_given_x(t) + _brute_h_y_given_x(t.T)
    assert dist.variation_of_information(t) == pytest.approx(vi, rel=1e-12)
    assert dist.variation_of_information(np.diag([1, 2, 3])[[2, 0, 1]]) == 0.0


def test_stacked_tables_with_axes(rng):
    tables = _counts(rng, (5, 3, 4))
    # Batch axis first; X = axis 1, Y = axis 2.
    want = [dist.mutual_info(t) for t in tables]
    np.testing.assert_allclose(dist.mutual_info(tables, axes=(1, 2)), want, rtol=1e-13)
    # The batch axis can sit anywhere and X / Y can be swapped (MI is symmetric).
    moved = np.moveaxis(tables, 0, 2)  # (3, 4, 5)
    np.testing.assert_allclose(dist.mutual_info(moved, axes=(1, 0)), want, rtol=1e-13)
    for fn in (dist.variation_of_information, dist.normalized_mutual_info, dist.joint_entropy):
        np.testing.assert_allclose(fn(tables, axes=(1, 2)), [fn(t) for t in tables], rtol=1e-13)
    np.testing.assert_allclose(
        dist.conditional_entropy(tables, axes=(1, 2), given=2),
        [dist.conditional_entropy(t, given=1) for t in tables],
        rtol=1e-13,
    )
    cube = _counts(rng, (2, 3, 2, 4))  # batch on axis 2
    np.testing.assert_allclose(
        dist.conditional_mutual_info(cube, axes=(0, 1, 3)),
        [dist.conditional_mutual_info(cube[:, :, b, :]) for b in range(2)],
        rtol=1e-12,
        atol=1e-15,
    )
    # An empty batch gives an empty result.
    assert dist.mutual_info(np.zeros((0, 2, 2)), axes=(1, 2)).shape == (0,)


def test_table_dtypes_and_pandas(rng):
    t = _counts(rng, (3, 4))
    want = dist.mutual_info(t)
    assert dist.mutual_info(t.astype(np.float32)).dtype == np.float32
    assert dist.mutual_info(t.astype(np.float32)) == pytest.approx(want, rel=1e-6)
    assert dist.mutual_info(np.asfortranarray(t)) == want
    big = np.zeros((6, 8), dtype=np.int64)
    big[::2, ::2] = t
    assert dist.mutual_info(big[::2, ::2]) == pytest.approx(want, rel=1e-14)
    x, y = _labels(t)
    ct = pd.crosstab(pd.Series(x), pd.Series(y))
    assert dist.mutual_info(ct) == pytest.approx(want, rel=1e-14)
    assert dist.mutual_info(t > 0) == pytest.approx(_brute_mi(t > 0), rel=1e-12, abs=1e-15)


def test_table_nan_policy():
    t = np.array([[0.25, np.nan], [0.25, 0.5]])
    assert np.isnan(dist.mutual_info(t))
    assert np.isnan(dist.normalized_mutual_info(t))
    with pytest.raises(ValueError, match="table contain NaN"):
        dist.mutual_info(t, nan_policy="raise")
    # 'omit': the NaN cell carries no mass.
    assert dist.mutual_info(t, nan_policy="omit") == pytest.approx(_brute_mi(np.nan_to_num(t)), rel=1e-13)
    stack = np.stack([t, np.eye(2)])
    got = dist.mutual_info(stack, axes=(1, 2))
    assert np.isnan(got[0]) and got[1] == pytest.approx(math.log(2), rel=1e-15)


@pytest.mark.parametrize(
    "fn,ndim",
    [
        (dist.mutual_info, 2),
        (dist.normalized_mutual_info, 2),
        (dist.variation_of_information, 2),
        (dist.conditional_mutual_info, 3),
    ],
)
def test_wrong_table_ndim_raises(fn, ndim):
    for bad in (np.ones(4), np.ones((2,) * (ndim + 1))):
        with pytest.raises(ValueError, match=f"table must be {ndim}-D"):
            fn(bad)
    with pytest.raises(ValueError, match="axes must name"):
        fn(np.ones((2,) * (ndim + 1)), axes=(0,))


def test_table_axes_and_given_validation():
    with pytest.raises(ValueError, match="at least 2-D"):
        dist.joint_entropy(np.ones(3))
    with pytest.raises(ValueError, match="at least 2-D"):
        dist.conditional_entropy(np.ones(3))
    with pytest.raises(ValueError, match="repeated axis"):
        dist.mutual_info(np.ones((2, 2, 2)), axes=(1, 1))
    with pytest.raises(ValueError, match="out of bounds"):
        dist.mutual_info(np.ones((2, 2)), axes=(0, 2))
    with pytest.raises(TypeError, match="axes"):
        dist.mutual_info(np.ones((2, 2)), axes=(0, 1.0))
    with pytest.raises(ValueError, match="given"):
        dist.conditional_entropy(np.ones((2, 2)), given=2)
    with pytest.raises(ValueError, match="every variable"):
        dist.conditional_entropy(np.ones((2, 2)), given=(0, 1))
    with pytest.raises(ValueError, match="given"):
        dist.conditional_entropy(np.ones((2, 2, 2)), axes=(1, 2), given=0)
    with pytest.raises(TypeError, match="given"):
        dist.conditional_entropy(np.ones((2, 2)), given="x")


@pytest.mark.parametrize(
    "fn",
    [
        dist.joint_entropy,
        dist.conditional_entropy,
        dist.mutual_info,
        dist.normalized_mutual_info,
        dist.variation_of_information,
    ],
)
def test_table_bad_values_raise_naming_table(fn):
    with pytest.raises(ValueError, match="table must not contain negative"):
        fn([[0.5, -0.1], [0.3, 0.3]])
    with pytest.raises(ValueError, match="table must not contain inf"):
        fn([[0.5, np.inf], [0.3, 0.3]])
    with pytest.raises(ValueError, match="table has a slice that sums to 0"):
        fn(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="table is empty"):
        fn(np.zeros((2, 0)))
    with pytest.raises(TypeError, match="table must hold real numbers"):
        fn([["a", "b"], ["c", "d"]])
    with pytest.raises(ValueError, match="table does not sum to 1"):
        fn([[1, 2], [3, 4]], normalize=False)
