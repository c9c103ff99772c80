"""infokit.feature_selection drop-ins against scikit-learn's mutual_info_regression / _classif.

How the comparison with scikit-learn is made exact
--------------------------------------------------
scikit-learn adds ``1e-10 * max(1, mean|x|) * N(0, 1)`` jitter to every scaled
continuous column; infokit adds ``1e-10 * N(0, 1)`` (proportional to the std).
The ``sklearn_noise_free`` fixture monkeypatches scikit-learn's
``check_random_state`` so its jitter is exactly zero. On tie-free data the
remaining infokit jitter moves a distance by ~1e-10, which changes a
neighbour count only if some |x_j - x_i| lies within ~4e-10 of a radius:
with n = 600 normal samples that has probability ~1e-4 per data set, and the
data sets here are fixed by seeds. Identical counts give identical digamma
sums up to summation order, so rtol = 1e-10 holds.
"""

from __future__ import annotations

import inspect
import runpy
import warnings
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import infokit.feature_selection as fs

sk_fs = pytest.importorskip("sklearn.feature_selection")
skmi = pytest.importorskip("sklearn.feature_selection._mutual_info")

RTOL = 1e-10
ROOT = Path(__file__).resolve().parents[2]


class _ZeroNoise:
    """Stands in for scikit-learn's RandomState: every draw is 0."""

    def standard_normal(self, size=None):
        return np.zeros(size)


@pytest.fixture
def sklearn_noise_free(monkeypatch):
    monkeypatch.setattr(skmi, "check_random_state", lambda random_state: _ZeroNoise())
    return skmi


def _data(n=600, seed=0):
    """Tie-free continuous features with varied dependence on the targets."""
    rng = np.random.default_rng(seed)
    x0, x1, x2 = rng.normal(size=(3, n))
    x3 = rng.uniform(-2, 2, size=n)
    x4 = rng.exponential(size=n) * 1000.0 + 5.0  # a scale and a (modest) mean
    X = np.column_stack([x0, x1, x2, x3, x4])
    y = np.sin(2 * x0) + x1**2 + 0.5 * x3 + 0.3 * rng.normal(size=n)
    labels = np.digitize(y, np.quantile(y, [0.3, 0.6, 0.85]))  # 4 classes
    return X, y, labels


# --------------------------------------------------------------------------- parity


@pytest.mark.parametrize("k", [1, 3, 7])
def test_regression_matches_sklearn(sklearn_noise_free, k):
    X, y, _ = _data()
    expected = sklearn_noise_free.mutual_info_regression(X, y, n_neighbors=k)
    got = fs.mutual_info_regression(X, y, n_neighbors=k, random_state=0)
    assert got.dtype == np.float64 and got.shape == (X.shape[1],)
    assert_allclose(got, expected, rtol=RTOL, atol=0)
    # Not a vacuous comparison: the informative features have clearly positive MI.
    assert (got[[0, 1, 3]] > 0.05).all()


@pytest.mark.parametrize("k", [1, 3, 7])
def test_classif_matches_sklearn(sklearn_noise_free, k):
    X, _, labels = _data()
    expected = sklearn_noise_free.mutual_info_classif(X, labels, n_neighbors=k)
    got = fs.mutual_info_classif(X, labels, n_neighbors=k, random_state=0)
    assert_allclose(got, expected, rtol=RTOL, atol=0)
    assert (got[[0, 1, 3]] > 0.02).all()


def _ross_bruteforce(c, labels, k):
    """Ross (2014) MI by brute force, exact |c_i - c_j| distances (O(n^2)).

    Points whose label occurs once are dropped; k_i = min(k, N_label - 1);
    d_i = distance to the k_i-th nearest same-label point; m_i = #{j : |c_j - c_i|
    < d_i} over all kept points, i included (the k_i-th neighbour itself sits
    exactly at d_i and is therefore excluded: Ross counts it and excludes i,
    the same number on tie-free data).
    """
    from scipy.special import digamma

    c = np.asarray(c, dtype=np.float64)
    _, inv, counts = np.unique(labels, return_inverse=True, return_counts=True)
    keep = counts[inv] > 1
    c, inv = c[keep], inv[keep]
    n = c.size
    dist = np.abs(c[:, None] - c[None, :])
    total = digamma(n)
    for i in range(n):
        same = np.flatnonzero(inv == inv[i])
        k_i = min(k, same.size - 1)
        d_i = np.sort(dist[i, same])[k_i]  # index 0 is i itself
        m_i = np.count_nonzero(dist[i] < d_i)
        total += (digamma(k_i) - digamma(same.size) - digamma(m_i)) / n
    return max(total, 0.0)


def test_classif_string_labels_small_and_singleton_classes():
    # Ross's estimator drops points whose class has one member and clamps k to
    # (class size - 1) for small classes. scikit-learn finds neighbours in
    # classes of <= 2k + 1 points by brute force through the dot-product
    # identity, whose rounding (~1e-16) decides whether the k-th neighbour is
    # counted in m_i: so the oracle here is an exact brute-force Ross.
    X, _, labels = _data(n=300, seed=1)
    names = np.array(["low", "mid", "high", "top"], dtype=object)[labels]
    names[7] = "alone"
    small = np.flatnonzero(labels == 0)[:3]
    names[small] = "tiny"
    got = fs.mutual_info_classif(X, names, n_neighbors=5, random_state=0)
    expected = [_ross_bruteforce(X[:, j], names, 5) for j in range(X.shape[1])]
    assert_allclose(got, expected, rtol=RTOL, atol=1e-14)
    assert got[0] > 0.05


@pytest.mark.parametrize("spec", ["mask", "indices", "negative"])
def test_discrete_features_match_sklearn(sklearn_noise_free, spec):
    X, y, labels = _data(seed=2)
    rng = np.random.default_rng(3)
    Xd = np.column_stack([X[:, :3], rng.integers(0, 4, len(y)), labels % 2, (y > 1).astype(int)])
    mask = np.array([False, False, False, True, True, True])
    disc = {"mask": mask, "indices": [3, 4, 5], "negative": [-3, -2, -1]}[spec]
    for func in ("mutual_info_regression", "mutual_info_classif"):
        target = y if func == "mutual_info_regression" else labels
        expected = getattr(sklearn_noise_free, func)(Xd, target, discrete_features=mask)
        got = getattr(fs, func)(Xd, target, discrete_features=disc, random_state=0)
        assert_allclose(got, expected, rtol=RTOL, atol=0, err_msg=func)
        assert got[5] > 0.1  # the thresholded target is informative


def test_all_discrete_bool_and_sparse_match_sklearn(sklearn_noise_free):
    sparse = pytest.importorskip("scipy.sparse")
    rng = np.random.default_rng(4)
    n = 500
    labels = rng.integers(0, 3, n)
    X = np.column_stack([labels * (rng.random(n) < 0.8), rng.integers(0, 5, n), np.zeros(n)])
    expected = sklearn_noise_free.mutual_info_classif(X, labels, discrete_features=True)
    assert_allclose(fs.mutual_info_classif(X, labels, discrete_features=True), expected, rtol=RTOL, atol=0)
    for fmt in ("csr", "csc", "coo"):
        Xs = getattr(sparse, f"{fmt}_matrix")(X)
        got = fs.mutual_info_classif(Xs, labels)  # 'auto' means discrete for sparse X
        assert_allclose(got, expected, rtol=RTOL, atol=0, err_msg=fmt)
    y = labels + rng.normal(size=n)
    expected = sklearn_noise_free.mutual_info_regression(sparse.csr_matrix(X), y)
    assert_allclose(fs.mutual_info_regression(sparse.csr_matrix(X), y, random_state=0), expected, rtol=RTOL, atol=0)
    assert fs.mutual_info_classif(X, labels, discrete_features=True)[2] == 0.0  # constant column


@pytest.mark.parametrize("layout", ["C", "F", "strided", "float32"])
def test_input_layouts(sklearn_noise_free, layout):
    X, y, _ = _data(n=400, seed=5)
    if layout == "F":
        X = np.asfortranarray(X)
    elif layout == "strided":
        X = np.repeat(X, 2, axis=1)[::1, ::2]
        assert not X.flags.c_contiguous
    elif layout == "float32":
        X = X.astype(np.float32)  # both libraries compute in float64 after the cast
    expected = sklearn_noise_free.mutual_info_regression(X, y)
    assert_allclose(fs.mutual_info_regression(X, y, random_state=0), expected, rtol=RTOL, atol=0)


def test_pandas_input(sklearn_noise_free):
    pd = pytest.importorskip("pandas")
    X, y, labels = _data(n=400, seed=6)
    df = pd.DataFrame(X, columns=list("abcde"))
    df["flag"] = labels % 2
    expected = sklearn_noise_free.mutual_info_classif(df.to_numpy(), labels, discrete_features=[5])
    got = fs.mutual_info_classif(df, pd.Series(labels, name="t"), discrete_features=["flag"], random_state=0)
    assert isinstance(got, np.ndarray)
    assert_allclose(got, expected, rtol=RTOL, atol=0)
    got = fs.mutual_info_regression(df.iloc[:, :5], pd.Series(y), random_state=0)
    assert_allclose(got, sklearn_noise_free.mutual_info_regression(X, y), rtol=RTOL, atol=0)


def test_label_types_give_the_same_scores():
    # Only the partition of the samples matters: ints, huge uint64, strings,
    # bools-as-ints, whole floats and pandas categoricals are the same labels.
    pd = pytest.importorskip("pandas")
    X, _, labels = _data(n=300, seed=28)
    ref = fs.mutual_info_classif(X, labels, random_state=0)
    for y in (
        labels.astype(np.uint64) + np.uint64(2**64 - 10),
        np.array(["c0", "c1", "c2", "c3"])[labels],
        labels.astype(float),
        pd.Series(pd.Categorical(np.array(["w", "x", "y", "z"])[labels])),
    ):
        assert_array_equal(fs.mutual_info_classif(X, y, random_state=0), ref)


def test_column_vector_target_is_raveled():
    X, y, _ = _data(n=200, seed=7)
    assert_array_equal(
        fs.mutual_info_regression(X, y[:, None], random_state=0), fs.mutual_info_regression(X, y, random_state=0)
    )


# ------------------------------------------------------------------ golden values


def test_gaussian_closed_form():
    # For a bivariate normal with correlation rho, I = -0.5 log(1 - rho^2).
    # rho = 0.8 -> 0.5108 nats; KSG's bias at n = 4000, k = 3 is < 0.01 and its
    # standard deviation ~0.01, so 0.04 is a 4-sigma band.
    rng = np.random.default_rng(8)
    n, rho = 4000, 0.8
    x = rng.normal(size=n)
    y = rho * x + np.sqrt(1 - rho**2) * rng.normal(size=n)
    mi = fs.mutual_info_regression(x[:, None], y, random_state=0)[0]
    assert abs(mi - (-0.5 * np.log(1 - rho**2))) < 0.04
    # Binary class, well separated: I = H(Y) - H(Y|X) -> log 2 as the overlap
    # vanishes. Means +-4 with sd 1: P(overlap) ~ 3e-5, so I > log 2 - 0.02.
    labels = rng.integers(0, 2, n)
    x = 8.0 * labels - 4.0 + rng.normal(size=n)
    mi = fs.mutual_info_classif(x[:, None], labels, random_state=0)[0]
    assert abs(mi - np.log(2)) < 0.03


def test_discrete_pair_is_plugin_contingency_mi():
    # Plug-in MI of a 2x2 table with counts [[3, 1], [1, 3]] (n = 8):
    # I = sum p log(p / (p_a p_b)) = 2 * (3/8) log(1.5) + 2 * (1/8) log(0.5).
    a = np.array([0, 0, 0, 1, 1, 1, 1, 0])
    b = np.array([0, 0, 0, 1, 1, 1, 0, 1])
    expected = 0.75 * np.log(1.5) + 0.25 * np.log(0.5)
    got = fs.mutual_info_classif(a[:, None], b, discrete_features=True)
    assert_allclose(got, [expected], rtol=1e-12)


# ------------------------------------------------------------ scikit-learn #30772


def test_large_mean_column_gives_same_mi_sklearn_30772():
    """scikit-learn#30772: jitter scaled by max(1, mean|x|) swamps large-mean columns.

    Adding a constant to a feature cannot change its MI with anything. After
    scaling to unit std, x + 1e8 has mean ~1e8, so scikit-learn's jitter has
    sd 1e-2 (relative to the data's sd of 1) and moves thousands of
    neighbour counts; infokit's jitter stays 1e-10 relative. (The shifted data
    are rounded to 1e8's float spacing, 1.5e-8, which can create a few exact ties
    itself: hence a tolerance instead of equality.)
    """
    rng = np.random.default_rng(1)
    n = 2000
    x = rng.normal(size=n)
    y = x + rng.normal(size=n)
    labels = (y > 0).astype(int)
    for offset in (1e6, 1e8):
        X = np.column_stack([x, x + offset])
        mi = fs.mutual_info_regression(X, y, random_state=0)
        assert abs(mi[1] - mi[0]) < 1e-4, offset
        mi = fs.mutual_info_classif(X, labels, random_state=0)
        assert abs(mi[1] - mi[0]) < 1e-4, offset


def test_sklearn_still_shows_30772():
    # The discrepancy infokit fixes, shown on the same data (scikit-learn 1.9).
    if "np.maximum(1, np.mean(np.abs(" not in inspect.getsource(skmi._estimate_mi):
        pytest.skip("scikit-learn no longer scales its jitter by the mean (#30772 fixed upstream)")
    rng = np.random.default_rng(1)
    n = 2000
    x = rng.normal(size=n)
    y = x + rng.normal(size=n)
    mi = sk_fs.mutual_info_regression(np.column_stack([x, x + 1e8]), y, random_state=0)
    assert abs(mi[1] - mi[0]) > 1e-3
    ours = fs.mutual_info_regression(np.column_stack([x, x + 1e8]), y, random_state=0)
    assert abs(ours[1] - ours[0]) < 0.1 * abs(mi[1] - mi[0])


# ------------------------------------------------------------ behaviour choices


def test_n_jobs_does_not_change_results():
    X, y, labels = _data(n=500, seed=9)
    X = np.column_stack([X, np.random.default_rng(0).integers(0, 3, 500)])
    for func, target in ((fs.mutual_info_regression, y), (fs.mutual_info_classif, labels)):
        ref = func(X, target, discrete_features=[5], random_state=3)
        for n_jobs in (1, 2, 3, -1):
            assert_array_equal(func(X, target, discrete_features=[5], random_state=3, n_jobs=n_jobs), ref)
        # Fewer features than threads: the threads go to the kernel instead.
        assert_array_equal(func(X[:, :1], target, random_state=3, n_jobs=4), ref[:1])


def test_random_state_kinds_and_reproducibility():
    X, y, _ = _data(n=300, seed=10)
    a = fs.mutual_info_regression(X, y, random_state=11)
    assert_array_equal(a, fs.mutual_info_regression(X, y, random_state=11))
    assert_array_equal(a, fs.mutual_info_regression(X, y, random_state=np.random.default_rng(11)))
    fs.mutual_info_regression(X, y, random_state=np.random.RandomState(0))
    with pytest.raises(TypeError, match="random_state"):
        fs.mutual_info_regression(X, y, random_state="seed")


def test_never_writes_into_X():
    X, y, _ = _data(n=200, seed=12)
    before = X.copy()
    for copy in (True, False):
        fs.mutual_info_regression(X, y, copy=copy, random_state=0)
    assert_array_equal(X, before)
    with pytest.raises(TypeError, match="copy"):
        fs.mutual_info_regression(X, y, copy="no")


def test_constant_columns_score_zero():
    X, y, labels = _data(n=300, seed=13)
    X[:, 2] = 7.0
    assert fs.mutual_info_regression(X, y, random_state=0)[2] == 0.0
    assert fs.mutual_info_classif(X, labels, random_state=0)[2] == 0.0
    assert_array_equal(fs.mutual_info_regression(X, np.full(300, 2.5), random_state=0), np.zeros(5))


def test_all_unique_labels_give_zero_not_an_error():
    # scikit-learn raises here (#13711: nothing is left after dropping
    # single-member classes); infokit returns 0: there is no evidence of dependence.
    X, _, _ = _data(n=50, seed=14)
    assert_array_equal(fs.mutual_info_classif(X, np.arange(50), random_state=0), np.zeros(5))
    assert_array_equal(fs.mutual_info_classif(X[:1], [0], random_state=0), np.zeros(5))


def test_k_at_least_n_is_fine_for_ross_like_sklearn():
    # Ross clamps k to (class size - 1), so scikit-learn accepts any k here
    # (and so does infokit); exact oracle as in the small-class test above.
    X, _, labels = _data(n=12, seed=15)
    sk_fs.mutual_info_classif(X, labels, n_neighbors=20)
    got = fs.mutual_info_classif(X, labels, n_neighbors=20, random_state=0)
    expected = [_ross_bruteforce(X[:, j], labels, 20) for j in range(X.shape[1])]
    assert_allclose(got, expected, rtol=RTOL, atol=1e-14)


# ----------------------------------------------------------------- bad input


def _both_raise(call_args, kwargs=None, *, func="mutual_info_regression", match=None, sk_exc=ValueError):
    """infokit raises ValueError (message matching) and scikit-learn raises too."""
    kwargs = kwargs or {}
    with pytest.raises(ValueError, match=match):
        getattr(fs, func)(*call_args, **kwargs)
    with pytest.raises(sk_exc), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. its RuntimeWarning before "y contains NaN"
        getattr(sk_fs, func)(*call_args, **kwargs)


def test_mismatched_lengths():
    X, y, labels = _data(n=100, seed=16)
    _both_raise((X, y[:-1]), match="same number of samples")
    _both_raise((X[:-1], labels), func="mutual_info_classif", match="same number of samples")


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_X_raises(bad):
    X, y, labels = _data(n=100, seed=17)
    X[5, 1] = bad
    _both_raise((X, y), match="Input X contains")
    _both_raise((X, labels), func="mutual_info_classif", match="Input X contains")


@pytest.mark.parametrize("scale", [1e-200, 2.0**-700, 1e160, 1e300])
def test_tiny_and_huge_columns_score_as_their_scaled_copies(scale):
    # The scaling std used to underflow (|x| < ~1e-154: the column scored 0 as
    # "constant") or overflow (> ~1.3e154: a misleading "too far apart" error).
    X, y, labels = _data(n=300, seed=19)
    for fn, target in ((fs.mutual_info_regression, y), (fs.mutual_info_classif, labels)):
        want = fn(X, target, random_state=0)
        got = fn(X * scale, target, random_state=0)
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)
    # A finite outlier far beyond the rest is a valid column, not an error.
    wide = X.copy()
    wide[0, 2] = 1e300
    assert np.isfinite(fs.mutual_info_regression(wide, y, random_state=0)).all()


def test_non_finite_y_raises():
    X, y, _ = _data(n=100, seed=18)
    y[3] = np.nan
    _both_raise((X, y), match="Input y contains NaN")
    _both_raise((X, y), func="mutual_info_classif", match="Input y contains NaN")


def test_n_neighbors_at_least_n_samples_raises_for_continuous_pairs():
    X, y, _ = _data(n=5, seed=19)
    _both_raise((X, y), {"n_neighbors": 5}, match="n_neighbors")
    # 4 < 5 works in both
    sk_fs.mutual_info_regression(X, y, n_neighbors=4)
    fs.mutual_info_regression(X, y, n_neighbors=4)


@pytest.mark.parametrize("k", [0, -1])
def test_n_neighbors_below_one_raises(k):
    X, y, _ = _data(n=50, seed=20)
    _both_raise((X, y), {"n_neighbors": k}, match="n_neighbors")
    with pytest.raises(TypeError, match="n_neighbors"):
        fs.mutual_info_regression(X, y, n_neighbors=2.5)


@pytest.mark.parametrize(
    "shape, match", [((0, 3), "0 samples"), ((5, 0), r"0 feature\(s\)"), ((5, 2, 2), "2-D"), ((5,), "2-D")]
)
def test_bad_X_shapes_raise(shape, match):
    X = np.ones(shape)
    y = np.arange(shape[0], dtype=float)
    _both_raise((X, y), match=match)


def test_2d_target_raises():
    X, _, _ = _data(n=50, seed=21)
    _both_raise((X, np.ones((50, 2))), match="1-D")


def test_string_X_and_string_regression_target_raise():
    X, y, _ = _data(n=20, seed=22)
    _both_raise((np.array([["a", "b"]] * 20), y), match="numeric")
    _both_raise((X, np.array(list("ab") * 10)), match="numeric")


def test_continuous_target_in_classif_raises():
    X, y, _ = _data(n=50, seed=23)
    _both_raise((X, y), func="mutual_info_classif", match="continuous")
    # whole-number floats are labels, as in scikit-learn
    fs.mutual_info_classif(X, (y > 0).astype(float))


@pytest.mark.parametrize(
    "value, sk_exc",
    [
        ("yes", ValueError),  # scikit-learn's InvalidParameterError is a ValueError
        (1, ValueError),
        ([0.5], IndexError),  # scikit-learn: numpy's IndexError
        ([7], IndexError),
    ],
)
def test_invalid_discrete_features_raise(value, sk_exc):
    X, y, _ = _data(n=50, seed=24)
    _both_raise((X, y), {"discrete_features": value}, match="discrete_features", sk_exc=sk_exc)


def test_two_dimensional_discrete_features_raises():
    # scikit-learn accepts [[0, 1]] as fancy indexing; infokit wants 1-D.
    X, y, _ = _data(n=50, seed=24)
    with pytest.raises(ValueError, match="discrete_features"):
        fs.mutual_info_regression(X, y, discrete_features=[[0, 1]])


def test_mask_of_wrong_length_raises():
    # scikit-learn silently zips a short mask with the columns (and scores only
    # that many features); infokit refuses it.
    X, y, _ = _data(n=50, seed=25)
    with pytest.raises(ValueError, match="length n_features=5"):
        fs.mutual_info_regression(X, y, discrete_features=np.array([True, False]))


def test_sparse_X_with_continuous_features_raises():
    sparse = pytest.importorskip("scipy.sparse")
    X, y, _ = _data(n=50, seed=26)
    _both_raise((sparse.csr_matrix(X), y), {"discrete_features": False}, match="sparse")


def test_unknown_column_name_raises():
    pd = pytest.importorskip("pandas")
    X, y, _ = _data(n=50, seed=27)
    with pytest.raises(ValueError, match="not in X"):
        fs.mutual_info_regression(pd.DataFrame(X, columns=list("abcde")), y, discrete_features=["z"])


# ----------------------------------------------------------- scikit-learn usage


def test_select_k_best_in_pipeline():
    pytest.importorskip("sklearn")
    from sklearn.feature_selection import SelectKBest
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    # Features 0-2 carry the class (ever noisier), 3-9 are noise.
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 600)
    X = rng.normal(size=(600, 10))
    X[:, :3] += y[:, None] * np.array([2.0, 1.0, 0.6])
    score = partial(fs.mutual_info_classif, n_neighbors=5, random_state=0)
    pipe = Pipeline([("select", SelectKBest(score, k=3)), ("clf", LogisticRegression())]).fit(X, y)
    support = pipe.named_steps["select"].get_support()
    assert_array_equal(np.flatnonzero(support), [0, 1, 2])
    assert_allclose(pipe.named_steps["select"].scores_, score(X, y), rtol=0)
    # Same selection as scikit-learn's own scorer.
    sk_pipe = SelectKBest(partial(sk_fs.mutual_info_classif, n_neighbors=5, random_state=0), k=3).fit(X, y)
    assert_array_equal(sk_pipe.get_support(), support)
    assert pipe.score(X, y) > 0.7


def test_feature_selection_pipeline_example_matches_sklearn(capsys):
    result = runpy.run_path(str(ROOT / "examples" / "feature_selection_pipeline.py"))["main"]()
    out = capsys.readouterr().out
    assert "Pipeline trained with MI-based feature selection." in out
    assert len(result["selected"]) == 15
    # scikit-learn's jitter is 1e-10 * max(1, mean|x|), a few 1e-10 on these
    # scaled features: like infokit's, far below the gaps between distances,
    # so both produce the same neighbour counts.
    assert_allclose(result["mi"], result["mi_sklearn"], rtol=RTOL, atol=0)


def test_label_columns_of_a_frame_named_in_discrete_features():
    # A DataFrame's string / categorical columns are labels when named in
    # discrete_features (mutual_info_matrix already took the same frame): each
    # scores as its integer-coded copy does.
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(40)
    n = 400
    codes = rng.integers(0, 3, n)
    y_cls = (codes + rng.integers(0, 2, n)) % 3
    y_reg = codes + rng.normal(size=n)
    a = rng.normal(size=n)
    frame = pd.DataFrame({"a": a, "s": np.array(["u", "v", "w"])[codes], "c": pd.Categorical(codes)})
    coded = pd.DataFrame({"a": a, "s": codes, "c": codes})
    for func, y in ((fs.mutual_info_classif, y_cls), (fs.mutual_info_regression, y_reg)):
        got = func(frame, y, discrete_features=["s", "c"], random_state=0)
        want = func(coded, y, discrete_features=["s", "c"], random_state=0)
        np.testing.assert_array_equal(got, want)
    # Unnamed label columns are still refused, naming the remedy.
    with pytest.raises(ValueError, match="mark it in discrete_features"):
        fs.mutual_info_classif(frame, y_cls, discrete_features=["c"])
    broken = frame.assign(a=np.r_[np.nan, a[1:]])
    with pytest.raises(ValueError, match=r"continuous column.*'a'"):
        fs.mutual_info_classif(broken, y_cls, discrete_features=["s", "c"])


def test_wrong_discrete_features_are_caught_as_scikit_learn_users_expect():
    # scikit-learn reports a wrong-length mask as IndexError; infokit's error is a
    # ValueError with a message, and an IndexError too, so either except works.
    rng = np.random.default_rng(41)
    X, y = rng.normal(size=(50, 3)), rng.integers(0, 2, 50)
    for bad in (np.array([True, False]), [5]):
        with pytest.raises(IndexError):
            fs.mutual_info_classif(X, y, discrete_features=bad)
        with pytest.raises(ValueError, match="discrete_features"):
            fs.mutual_info_classif(X, y, discrete_features=bad)
