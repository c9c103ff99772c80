"""Public discrete estimators: scikit-learn parity, degenerate cases, label kinds, bad input."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.metrics import adjusted_mutual_info_score, mutual_info_score, normalized_mutual_info_score
from sklearn.metrics.cluster import contingency_matrix, expected_mutual_information

import infokit.estimate as ie
from infokit.reference import discrete as ref

AVERAGES = ["arithmetic", "geometric", "min", "max"]

# Tolerances against scikit-learn. Relative 1e-12; the absolute floors are
# scikit-learn's own rounding: its MI sums terms n_ij/N * (log n_ij - log N +
# log N^2 - log(a_i b_j)), each log ~ 10-20 in size, so near independence its
# MI carries ~1e-15 absolute error (we checked infokit against 50-digit mpmath:
# infokit's error is the smaller one). sklearn's E[MI] sums exp of gammaln
# differences of size N log N and is off by up to ~3e-12 relative from the
# exact (Fraction) value on these tables, where infokit's is within 2e-14
# (test_expected_mi_exact_small_tables); AMI inherits that absolute error.
MI_TOL = dict(rtol=1e-12, atol=1e-15)
AMI_TOL = dict(rtol=1e-12, atol=1e-12)


def _labelings(seed):
    rng = np.random.default_rng(seed)
    for kx, ky in [(2, 2), (3, 7), (10, 10), (50, 30)]:
        for n in [20, 200, 2000]:
            x = rng.integers(0, kx, n)
            y = rng.integers(0, ky, n)
            if seed % 2:
                y = (x + y) % ky  # dependent labelings
            yield x, y


# ---------------------------------------------------------------- sklearn parity


@pytest.mark.parametrize("seed", range(8))
def test_sklearn_parity_random_labelings(seed):
    for x, y in _labelings(seed):
        assert_allclose(ie.discrete_mutual_info(x, y), mutual_info_score(x, y), **MI_TOL)
        for avg in AVERAGES:
            assert_allclose(
                ie.normalized_mutual_info(x, y, average_method=avg),
                normalized_mutual_info_score(x, y, average_method=avg),
                **MI_TOL,
            )
            assert_allclose(
                ie.adjusted_mutual_info(x, y, average_method=avg),
                adjusted_mutual_info_score(x, y, average_method=avg),
                **AMI_TOL,
            )
        # sklearn's lgamma-based EMI is good to ~1e-12 relative (see module note).
        assert_allclose(
            ie.expected_mutual_info(x, y), expected_mutual_information(contingency_matrix(x, y), len(x)), rtol=1e-10
        )


def test_sklearn_parity_contingency_input(rng):
    x, y = rng.integers(0, 6, 500), rng.integers(0, 4, 500)
    dense = contingency_matrix(x, y)
    sparse = contingency_matrix(x, y, sparse=True)
    want = mutual_info_score(x, y)
    for c in (dense, sparse, dense.astype(np.int32), dense.astype(np.float64), np.asfortranarray(dense)):
        assert_allclose(ie.discrete_mutual_info(None, None, contingency=c), want, **MI_TOL)
        assert_allclose(ie.normalized_mutual_info(contingency=c), normalized_mutual_info_score(x, y), **MI_TOL)
        assert_allclose(ie.adjusted_mutual_info(contingency=c), adjusted_mutual_info_score(x, y), **AMI_TOL)


def test_float_contingency_not_truncated():
    # scikit-learn silently truncates a float contingency table: it casts
    # [[1.5, 0.5], [0.5, 1.5]] to ints. The MI of the float table itself is sum p log(p / (p_i p_j)) with p = [[3, 1], [1, 3]] / 8 and uniform marginals:
    # 2 * (3/8) log(3/2) + 2 * (1/8) log(1/2)
    t = np.array([[1.5, 0.5], [0.5, 1.5]])
    want = 0.75 * math.log(1.5) + 0.25 * math.log(0.5)
    assert_allclose(ie.discrete_mutual_info(None, None, contingency=t), want, rtol=1e-14)
    assert_allclose(ie.discrete_mutual_info(None, None, contingency=sp.csr_array(t)), want, rtol=1e-14)
    # E[MI] needs integer marginals (these are: 2 and 2); the cells may be fractional.
    assert np.isfinite(ie.adjusted_mutual_info(contingency=t))
    with pytest.raises(ValueError, match="integer counts"):
        ie.adjusted_mutual_info(contingency=[[1.5, 0.25], [0.5, 1.5]])
    with pytest.raises(ValueError, match="integer counts"):
        ie.discrete_mutual_info(None, None, contingency=t, estimator="miller_madow")


def test_expected_mi_exact_small_tables(rng):
    for _ in range(20):
        x, y = rng.integers(0, 4, 30), rng.integers(0, 5, 30)
        t = contingency_matrix(x, y)
        assert_allclose(ie.expected_mutual_info(x, y), ref.discrete_expected_mutual_info(t), rtol=1e-12)
    # Closed form: two singletons a side (N = 2, a = b = (1, 1)): each of the 4 cells has
    # P(n_ij = 1) = C(1,1) C(1,0) / C(2,1) = 1/2 and term (1/N) log(N * 1 / (1 * 1)) = (1/2) log 2,
    # so E[I] = 4 * (1/2) * (1/2) log 2 = log 2 (1 bit).
    assert_allclose(ie.expected_mutual_info([0, 1], [0, 1]), math.log(2), rtol=1e-15)
    assert_allclose(ie.expected_mutual_info([0, 1], [0, 1], base=2), 1.0, rtol=1e-15)


def test_large_alphabets_ami(rng):
    # Many clusters a side: the grouped expected MI against sklearn's cell-by-cell loop. At
    # N = 6000 sklearn's gammaln(N) ~ 5e4 leaves ~1e-11 relative error in its E[MI] (AMI ~ 1e-4
    # here, so the absolute floor matters).
    x, y = rng.integers(0, 300, 6000), rng.integers(0, 300, 6000)
    c = contingency_matrix(x, y)
    assert_allclose(ie.expected_mutual_info(x, y), expected_mutual_information(c, 6000), rtol=1e-10)
    assert_allclose(ie.adjusted_mutual_info(x, y), adjusted_mutual_info_score(x, y), rtol=1e-9, atol=1e-10)


# ------------------------------------- degenerate cases (scikit-learn's conventions)


def test_single_label():
    assert ie.discrete_mutual_info([1, 1, 1], [0, 1, 2]) == 0.0
    assert ie.discrete_mutual_info([0, 1, 2], [7, 7, 7]) == 0.0
    assert mutual_info_score([1, 1, 1], [0, 1, 2]) == 0.0
    for est in ("miller_madow", "grassberger", "chao_shen", "james_stein", "nsb"):
        # documented: 0 for every estimator (Grassberger's H of one class is not 0)
        assert ie.discrete_mutual_info([1, 1, 1, 1], [0, 1, 2, 2], estimator=est) == 0.0
        assert ie.discrete_conditional_mutual_info([0, 1, 2, 2], [3, 3, 3, 3], [0, 0, 1, 1], estimator=est) == 0.0


def test_nmi_degenerate():
    assert ie.normalized_mutual_info([3, 3, 3], [1, 1, 1]) == 1.0
    assert normalized_mutual_info_score([3, 3, 3], [1, 1, 1]) == 1.0
    # exactly independent: every n_ij N / (a_i b_j) = 1, so MI is exactly 0 and NMI 0.
    assert ie.discrete_mutual_info([0, 0, 1, 1], [0, 1, 0, 1]) == 0.0
    assert ie.normalized_mutual_info([0, 0, 1, 1], [0, 1, 0, 1]) == 0.0
    assert ie.normalized_mutual_info([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0


def test_ami_degenerate():
    assert ie.adjusted_mutual_info([2, 2], [5, 5]) == 1.0
    assert ie.adjusted_mutual_info([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0
    assert ie.adjusted_mutual_info([0, 1, 2, 3], [1, 1, 1, 1]) == 0.0
    # all-distinct labels on both sides: MI = E[MI] = H, numerator and denominator are
    # 0/0 in exact arithmetic; they are the same partition, so AMI = 1 (sklearn's eps clamps
    # happen to give 1.0 as well).
    x = np.arange(6)
    assert ie.adjusted_mutual_info(x, x[::-1]) == adjusted_mutual_info_score(x, x[::-1]) == 1.0
    assert ie.adjusted_mutual_info(x, x * 7) == 1.0
    assert ie.adjusted_mutual_info([0, 0, 1, 2], ["b", "b", "a", "c"]) == 1.0


def test_ami_negative_sign_kept():
    # An anti-informative labelling: AMI < 0, same value as sklearn.
    x = [0, 0, 1, 1, 2, 2]
    y = [0, 1, 1, 2, 2, 0]
    got = ie.adjusted_mutual_info(x, y)
    assert got < 0
    assert_allclose(got, adjusted_mutual_info_score(x, y), **AMI_TOL)


@pytest.mark.parametrize(
    "call",
    [
        lambda: ie.discrete_entropy([]),
        lambda: ie.discrete_mutual_info([], []),
        lambda: ie.normalized_mutual_info([], []),
        lambda: ie.adjusted_mutual_info([], []),
        lambda: ie.expected_mutual_info([], []),
        lambda: ie.contingency_table([], []),
        lambda: ie.discrete_conditional_mutual_info([], [], []),
        lambda: ie.discrete_mutual_info(None, None, contingency=np.zeros((2, 2))),
        lambda: ie.discrete_mutual_info(None, None, contingency=np.zeros((0, 3))),
    ],
)
def test_empty_input_raises(call):
    # Documented choice: empty input raises everywhere (sklearn gives 1.0 for NMI/AMI).
    with pytest.raises(ValueError, match="empty"):
        call()


# ---------------------------------------------------------------- estimator golden values

GAMMA = float(np.euler_gamma)
LN2 = math.log(2)


@pytest.mark.parametrize(
    "labels, estimator, want",
    [
        # -sum p log p for p = (1/2, 1/4, 1/4)
        ([0, 0, 1, 2], "plugin", 1.5 * LN2),
        # plug-in + (m - 1) / (2N) = 1.5 ln 2 + 2/8
        ([0, 0, 1, 2], "miller_madow", 1.5 * LN2 + 0.25),
        # G(1) = psi(1) - (psi(1) - psi(1/2))/2 = -gamma - ln 2; H = ln 2 - G(1) = gamma + 2 ln 2
        ([0, 1], "grassberger", GAMMA + 2 * LN2),
        # G(2) = psi(2) + (psi(3/2) - psi(1))/2 = 2 - gamma - ln 2; H = ln 2 - G(2)
        ([4, 4], "grassberger", 2 * LN2 + GAMMA - 2),
        # G(3) = psi(3) - (psi(2) - psi(3/2))/2 = 2 - gamma - ln 2; H = ln 3 - G(3)
        ([4, 4, 4], "grassberger", math.log(3) + LN2 + GAMMA - 2),
        # singletons only: f1 = N - 1 = 1, C = 1/2, pa = 1/4, la = 1 - (3/4)^2 = 7/16:
        # H = -2 (1/4) ln(1/4) / (7/16) = (16/7) ln 2
        ([0, 1], "chao_shen", 16 / 7 * LN2),
        # counts (2, 1), N = 3, f1 = 1, C = 2/3: pa = 4/9, 2/9; la = 1 - (5/9)^3, 1 - (7/9)^3
        (
            [0, 0, 1],
            "chao_shen",
            -(4 / 9) * math.log(4 / 9) / (1 - (5 / 9) ** 3) - (2 / 9) * math.log(2 / 9) / (1 - (7 / 9) ** 3),
        ),
        # a single sample: C = 1, pa = 1, H = 0
        ([5], "chao_shen", 0.0),
    ],
)
def test_entropy_closed_forms(labels, estimator, want):
    assert_allclose(ie.discrete_entropy(labels, estimator=estimator), want, rtol=1e-14, atol=1e-15)


def test_james_stein_closed_form():
    # counts (6, 2, 0), K = 3, N = 8, u = (3/4, 1/4, 0): 1 - sum u^2 = 3/8, over N - 1: 3/56;
    # sum (1/3 - u)^2 = 25/144 + 1/144 + 16/144 = 7/24 -> lambda = (3/56) / (7/24) = 9/49;
    # shrunk u* = 3/49 + (40/49) u = (33, 13, 3) / 49.
    want = -sum(k / 49 * math.log(k / 49) for k in (33, 13, 3))
    got = ie.discrete_entropy([0] * 6 + [1] * 2, estimator="james_stein", n_bins=3)
    assert_allclose(got, want, rtol=1e-14)
    # counts (3, 1), K = 2: lambda = (3/8 / 3) / (1/8) = 1 -> uniform -> ln 2
    assert_allclose(ie.discrete_entropy([0, 0, 0, 1], estimator="james_stein"), LN2, rtol=1e-15)


def test_nsb_against_mpmath():
    mpmath = pytest.importorskip("mpmath")
    mpmath.mp.dps = 30
    counts, k = [2, 1, 0], 3
    n = sum(counts)

    def weight(b):
        loglik = mpmath.loggamma(k * b) - mpmath.loggamma(n + k * b)
        loglik += sum(mpmath.loggamma(c + b) - mpmath.loggamma(b) for c in counts)
        return mpmath.exp(loglik) * (k * mpmath.psi(1, k * b + 1) - mpmath.psi(1, b + 1))

    def mean_h(b):
        a = n + k * b
        return mpmath.psi(0, a + 1) - sum((c + b) / a * mpmath.psi(0, c + b + 1) for c in counts)

    z = mpmath.quad(weight, [0, 0.1, 1, 10, 100, mpmath.inf])
    want = mpmath.quad(lambda b: weight(b) * mean_h(b), [0, 0.1, 1, 10, 100, mpmath.inf]) / z
    got = ie.discrete_entropy([0, 0, 1], estimator="nsb", n_bins=3)
    assert_allclose(got, float(want), rtol=1e-10)


def test_nsb_return_std_and_units():
    h, sd = ie.discrete_entropy([0, 1, 1, 2], estimator="nsb", n_bins=5, return_std=True)
    h2, sd2 = ie.discrete_entropy([0, 1, 1, 2], estimator="nsb", n_bins=5, return_std=True, base=2)
    assert sd > 0
    assert_allclose((h2, sd2), (h / LN2, sd / LN2), rtol=1e-14)


@pytest.mark.slow
def test_bias_corrections_reduce_plugin_bias():
    # p_i proportional to 0.7^i over K = 10, N = 30 samples, 200 seeds: the plug-in is biased
    # low by ~0.17 nats (about (K - 1) / (2N) and more); every correction must at least shrink
    # the bias to 3/4 of that, and all agree with H within 0.03 at N = 20000 (the sampling sd
    # there is sqrt(Var[log p(X)] / N) ~ 0.008).
    p = 0.7 ** np.arange(10)
    p /= p.sum()
    h_true = float(-(p * np.log(p)).sum())
    rng = np.random.default_rng(7)
    ests = ["plugin", "miller_madow", "grassberger", "chao_shen", "james_stein", "nsb"]
    samples = [rng.choice(10, size=30, p=p) for _ in range(200)]
    bias = {}
    for e in ests:
        kw = {"n_bins": 10} if e in ("james_stein", "nsb") else {}
        bias[e] = np.mean([ie.discrete_entropy(s, estimator=e, **kw) for s in samples]) - h_true
    assert bias["plugin"] < -0.1
    for e in ests[1:]:
        assert abs(bias[e]) < 0.75 * abs(bias["plugin"]), (e, bias)
    big = rng.choice(10, size=20000, p=p)
    for e in ests:
        kw = {"n_bins": 10} if e in ("james_stein", "nsb") else {}
        assert abs(ie.discrete_entropy(big, estimator=e, **kw) - h_true) < 0.03, e


def test_mi_with_estimator_is_entropy_combination(rng):
    x, y = rng.integers(0, 4, 80), rng.integers(0, 3, 80)
    xy = np.column_stack([x, y])
    for est in ("miller_madow", "grassberger", "chao_shen"):
        want = (
            ie.discrete_entropy(x, estimator=est)
            + ie.discrete_entropy(y, estimator=est)
            - ie.discrete_entropy(xy, estimator=est)
        )
        assert_allclose(ie.discrete_mutual_info(x, y, estimator=est), want, rtol=1e-12, atol=1e-14)
    kx, ky = len(np.unique(x)), len(np.unique(y))
    for est in ("james_stein", "nsb"):  # joint alphabet = Kx * Ky (documented)
        want = (
            ie.discrete_entropy(x, estimator=est)
            + ie.discrete_entropy(y, estimator=est)
            - ie.discrete_entropy(xy, estimator=est, n_bins=kx * ky)
        )
        assert_allclose(ie.discrete_mutual_info(x, y, estimator=est), want, rtol=1e-10, atol=1e-14)


# ---------------------------------------------------------------- conditional MI


def test_cmi_xor():
    x, z = [0, 1, 0, 1], [0, 0, 1, 1]
    y = [a ^ b for a, b in zip(x, z)]
    assert ie.discrete_mutual_info(x, y) == 0.0
    assert_allclose(ie.discrete_conditional_mutual_info(x, y, z, base=2), 1.0, rtol=1e-15)


def test_cmi_plugin_vs_slices(rng):
    # I(X;Y|Z) = sum_z p(z) I(X;Y | Z = z), each slice's MI from sklearn.
    n = 3000
    z = rng.integers(0, 4, n)
    x = (z + rng.integers(0, 3, n)) % 5
    y = (x * (z % 2) + rng.integers(0, 2, n)) % 4
    want = sum(np.mean(z == v) * mutual_info_score(x[z == v], y[z == v]) for v in range(4))
    assert_allclose(ie.discrete_conditional_mutual_info(x, y, z), want, rtol=1e-11)
    for est in ("miller_madow", "grassberger", "chao_shen", "james_stein", "nsb"):
        assert np.isfinite(ie.discrete_conditional_mutual_info(x, y, z, estimator=est))


def test_cmi_large_alphabets_no_overflow(rng):
    # kx * ky * kz ~ 8e15 > 2^53: joint keys must be re-encoded, not multiplied out.
    n = 200_000
    x, y, z = (rng.integers(0, 200_000, n) for _ in range(3))
    got = ie.discrete_conditional_mutual_info(x, y, z)
    # all triples and pairs are nearly all distinct: CMI ~ H(XZ) + H(YZ) - H(XYZ) - H(Z) ~ log n - H(Z)
    hz = ie.discrete_entropy(z)
    hxz = ie.discrete_entropy(np.column_stack([x, z]))
    hyz = ie.discrete_entropy(np.column_stack([y, z]))
    hxyz = ie.discrete_entropy(np.column_stack([x, y, z]))
    assert_allclose(got, max(hxz + hyz - hxyz - hz, 0.0), rtol=1e-12)


# ---------------------------------------------------------------- label kinds


def test_label_kinds_agree(rng):
    x = rng.integers(0, 5, 400)
    y = rng.integers(0, 3, 400)
    want = mutual_info_score(x, y)
    names = np.array(["a", "bb", "c", "dd", "e"])
    variants = [
        x.astype(np.int8),
        x.astype(np.uint64) + np.uint64(2**63),
        x * 10**15,
        names[x],
        names[x].astype(object),
        x.astype(float) / 3.0,  # non-integral floats: each distinct value a label
        x.astype(np.float32) - 2.0,
        pd.Series(names[x]),
        pd.Series(names[x], dtype="category"),
        pd.Categorical(names[x], categories=["zz", *names]),  # unused category
        pd.Series(x).astype("Int64").astype("category"),
        np.datetime64("2024-01-01") + x.astype("timedelta64[D]"),
    ]
    for v in variants:
        assert_allclose(ie.discrete_mutual_info(v, y), want, **MI_TOL)
        assert_allclose(ie.discrete_entropy(v), ie.discrete_entropy(x), rtol=1e-14)
    assert_allclose(ie.discrete_mutual_info(x.astype(bool), y), mutual_info_score(x > 0, y), **MI_TOL)


def test_mixed_object_labels():
    x = np.array([1, "a", 1, "a", None, None], dtype=object)
    y = [0, 1, 0, 1, 2, 2]
    assert_allclose(ie.discrete_mutual_info(x, y), math.log(3), rtol=1e-15)


def test_joint_variable_inputs(rng):
    a, b = rng.integers(0, 3, 300), rng.integers(0, 4, 300)
    y = (a + b + rng.integers(0, 2, 300)) % 5
    pair = a * 4 + b  # the same joint symbol as one integer
    want = mutual_info_score(pair, y)
    arr = np.column_stack([a, b])
    for joint in (
        arr,
        np.asfortranarray(arr),
        np.column_stack([a, b, b])[:, ::2],  # non-contiguous (columns 0 and 2)
        arr.astype(np.uint8),
        np.column_stack([a.astype(str), b]),  # strings: factorised per column
        pd.DataFrame({"a": a, "b": pd.Series(b).astype("category")}),
        pd.DataFrame({"a": np.array(["x", "y", "z"])[a], "b": b}),
        pd.DataFrame({"a": a.astype(np.uint64) + np.uint64(2**63), "b": b}),  # beyond int64
        np.column_stack([a, b]).astype(np.uint64) * np.uint64(2**62),
    ):
        assert_allclose(ie.discrete_mutual_info(joint, y), want, **MI_TOL)
    assert_allclose(ie.discrete_entropy(arr), ie.discrete_entropy(pair), rtol=1e-14)
    assert_allclose(ie.discrete_entropy(arr[:, :1]), ie.discrete_entropy(a), rtol=1e-14)


def test_float_labels_nan_raises():
    with pytest.raises(ValueError, match="x contains NaN"):
        ie.discrete_entropy([0.0, np.nan, 1.0])
    with pytest.raises(ValueError, match="y contains NaN"):
        ie.discrete_mutual_info([0, 1, 1], [0.5, np.nan, 1.0])
    with pytest.raises(ValueError, match="x contains NaN"):
        ie.discrete_mutual_info(np.array([0, np.nan, "a"], dtype=object), [1, 2, 3])
    with pytest.raises(ValueError, match="missing"):
        ie.discrete_entropy(pd.Series(["a", None, "b"], dtype="category"))


# ---------------------------------------------------------------- contingency_table


def test_contingency_table_matches_sklearn(rng):
    x, y = rng.integers(-3, 9, 700), np.array(list("abcdefg"))[rng.integers(0, 7, 700)]
    want = contingency_matrix(x, y)
    for sparse in (None, False, True):
        t, xl, yl = ie.contingency_table(x, y, sparse=sparse)
        dense = t.toarray() if sp.issparse(t) else t
        assert sp.issparse(t) == bool(sparse)
        assert dense.dtype == np.int64
        assert_array_equal(dense, want)
        assert_array_equal(xl, np.unique(x))
        assert_array_equal(yl, np.unique(y))


def test_contingency_table_large_alphabet_is_sparse(rng):
    n = 200_000
    x, y = rng.integers(0, 10**5, n), rng.integers(0, 10**5, n) * 7919
    t, xl, yl = ie.contingency_table(x, y)
    assert sp.issparse(t) and t.nnz <= n and t.sum() == n
    assert_array_equal(xl, np.unique(x))
    assert_array_equal(yl, np.unique(y))
    coo = t.tocoo()
    # spot-check: cell (i, j) counts the pairs (xl[i], yl[j])
    i = int(np.searchsorted(xl, x[0]))
    j = int(np.searchsorted(yl, y[0]))
    assert t[i, j] == np.sum((x == x[0]) & (y == y[0]))
    assert coo.data.min() >= 1
    assert_allclose(ie.discrete_mutual_info(x, y), mutual_info_score(x, y), **MI_TOL)


@pytest.mark.parametrize("dtype", [np.int8, np.uint8, np.int64, np.uint64])
def test_contingency_table_extreme_values(dtype):
    info = np.iinfo(dtype)
    x = np.array([info.min, info.max, info.max, info.min + 1], dtype=dtype)
    y = np.array([info.max, info.max, info.min, info.min], dtype=dtype)
    t, xl, yl = ie.contingency_table(x, y)
    assert_array_equal(xl, np.unique(x))
    assert_array_equal(yl, np.unique(y))
    assert xl.dtype == dtype
    assert_array_equal(t, [[0, 1], [1, 0], [1, 1]])


def test_contingency_table_joint_labels():
    x = np.array([[1, 2], [0, 5], [1, 2], [0, 5], [1, 1]])
    t, xl, yl = ie.contingency_table(x, ["u", "v", "u", "u", "v"])
    assert_array_equal(xl, [[0, 5], [1, 1], [1, 2]])
    assert_array_equal(yl, ["u", "v"])
    assert_array_equal(t, [[1, 1], [0, 1], [2, 0]])
    df = pd.DataFrame({"a": ["p", "q", "p"], "b": [2.5, 1.0, 2.5]})
    t, xl, _ = ie.contingency_table(df, [0, 1, 1])
    assert xl.tolist() == [["p", 2.5], ["q", 1.0]]
    assert_array_equal(t, [[1, 1], [0, 1]])


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: ie.discrete_mutual_info([0, 1, 2], [0, 1]), ValueError, "x: 3, y: 2"),
        (lambda: ie.discrete_conditional_mutual_info([0, 1], [0, 1], [0]), ValueError, "z: 1"),
        (lambda: ie.discrete_entropy(np.zeros((2, 2, 2), int)), ValueError, "x must be 1-D.*ndim=3"),
        (lambda: ie.discrete_mutual_info([0, 1], np.zeros((2, 1, 1), int)), ValueError, "y must be 1-D"),
        (lambda: ie.discrete_entropy(3), ValueError, "x must be"),
        (lambda: ie.discrete_entropy(np.zeros((3, 0), int)), ValueError, "x has 0 columns"),
        (lambda: ie.discrete_entropy([0, 1], estimator="mle"), ValueError, "estimator"),
        (lambda: ie.discrete_mutual_info([0, 1], [0, 1], estimator="ksg"), ValueError, "estimator"),
        (lambda: ie.discrete_entropy([0, 1], n_bins=3), TypeError, "n_bins"),
        (lambda: ie.discrete_entropy([0, 1], return_std=True), TypeError, "return_std"),
        (lambda: ie.discrete_entropy([0, 1, 2], estimator="nsb", n_bins=2), ValueError, "n_bins"),
        (lambda: ie.discrete_entropy([0, 1], estimator="nsb", n_bins=2.5), TypeError, "n_bins"),
        (lambda: ie.discrete_entropy([0, 1], base=1), ValueError, "base"),
        (lambda: ie.discrete_entropy([0, 1], n_jobs=0), ValueError, "n_jobs"),
        (lambda: ie.discrete_entropy(np.array([1j, 2j])), TypeError, "x must hold labels"),
        (lambda: ie.normalized_mutual_info([0, 1], [0, 1], average_method="mean"), ValueError, "average_method"),
        (lambda: ie.adjusted_mutual_info([0, 1], [0, 1], average_method=None), ValueError, "average_method"),
        (lambda: ie.discrete_mutual_info(None, None, contingency=[[1, -1]]), ValueError, "negative"),
        (lambda: ie.discrete_mutual_info(None, None, contingency=[[1, np.nan]]), ValueError, "NaN"),
        (lambda: ie.discrete_mutual_info(None, None, contingency=[1, 2]), ValueError, "2-D"),
        (lambda: ie.discrete_mutual_info(None, None, contingency=[["a"]]), TypeError, "contingency"),
        (lambda: ie.discrete_mutual_info([0], [0], contingency=[[1]]), ValueError, "not both"),
        (lambda: ie.normalized_mutual_info([0, 1]), TypeError, "x and y"),
        (lambda: ie.contingency_table([0], [0], sparse="yes"), TypeError, "sparse"),
    ],
)
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


# ---------------------------------------------------------------- dispatcher and threads


def test_dispatcher_forwards():
    x = ["a", "b", "b", "c"]
    assert ie.entropy(x) == ie.discrete_entropy(x)
    assert ie.entropy(x, method="discrete", estimator="grassberger") == ie.discrete_entropy(x, estimator="grassberger")
    assert ie.entropy(x, estimator="nsb", return_std=True, n_bins=4) == ie.discrete_entropy(
        x, estimator="nsb", return_std=True, n_bins=4
    )
    assert ie.mutual_info(x, [0, 1, 1, 1]) == ie.discrete_mutual_info(x, [0, 1, 1, 1])
    assert ie.conditional_mutual_info(x, x, [0, 0, 1, 1], base=2) == ie.discrete_conditional_mutual_info(
        x, x, [0, 0, 1, 1], base=2
    )
    with pytest.raises(TypeError, match="k"):
        ie.entropy(x, method="discrete", k=3)


@pytest.mark.parametrize("n_jobs", [2, -1])
def test_n_jobs_bit_identical(rng, n_jobs):
    n = 300_000
    for k in (10, 1000, 10**5):
        x, y = rng.integers(0, k, n), rng.integers(0, k, n)
        assert ie.discrete_mutual_info(x, y, n_jobs=n_jobs) == ie.discrete_mutual_info(x, y)
        assert ie.adjusted_mutual_info(x, y, n_jobs=n_jobs) == ie.adjusted_mutual_info(x, y)
        assert ie.discrete_entropy(x, n_jobs=n_jobs) == ie.discrete_entropy(x)


def test_dense_and_sparse_paths_agree(rng):
    # The same labels through the direct dense path, the encoded dense path and the CSR path.
    x, y = rng.integers(0, 40, 5000), rng.integers(0, 30, 5000)
    direct = ie.discrete_mutual_info(x, y)
    assert ie.discrete_mutual_info(x * 10**12, y) == direct  # encoded (hashed) then dense
    t_sparse, _, _ = ie.contingency_table(x, y, sparse=True)
    assert ie.discrete_mutual_info(None, None, contingency=t_sparse) == direct


def test_measurements_read_as_labels_are_announced():
    # Non-integer floats nearly all distinct are measurements: as labels every
    # sample is its own class and the plug-in MI approaches H(y) (the trial:
    # 0.62 nats for a breast_cancer column against H(y) = 0.66), so say so.
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=500), rng.integers(0, 2, 500)
    with pytest.warns(UserWarning, match="x holds 500 distinct non-integer values in 500 samples"):
        ie.mutual_info(x, y, method="discrete")
    with pytest.warns(UserWarning, match="distinct non-integer values"):
        ie.entropy(x, method="discrete")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ie.mutual_info(np.round(x), y, method="discrete")  # integral floats: labels stored as floats
        ie.mutual_info(np.round(x, 1), y, method="discrete")  # ~60 levels in 500 rows: plausible labels
