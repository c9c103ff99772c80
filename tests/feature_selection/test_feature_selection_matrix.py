"""infokit.feature_selection.mutual_info_matrix: every column pair, once.

Oracles: scikit-learn's noise-free estimators pair by pair (see the module
docstring of test_feature_selection.py for why the 1e-10 jitter cannot move a
count on tie-free data), exact O(n^2) brute-force KSG-1 / KSG-2 written here,
sklearn.metrics.mutual_info_score for label pairs, and Gaussian closed forms.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.special import digamma

from infokit.feature_selection import mutual_info_matrix

RTOL = 1e-10


class _ZeroNoise:
    def standard_normal(self, size=None):
        return np.zeros(size)


@pytest.fixture
def sklearn_noise_free(monkeypatch):
    skmi = pytest.importorskip("sklearn.feature_selection._mutual_info")
    monkeypatch.setattr(skmi, "check_random_state", lambda random_state: _ZeroNoise())
    return skmi


def _ksg_bruteforce(x, y, k, variant):
    """KSG estimators 1 and 2 (Kraskov et al. 2004, eqs. 8 and 9), O(n^2), on std-scaled data.

    KSG-1: rho_i = max-norm distance to the k-th joint neighbour,
           n_x(i) = #{j != i : |x_j - x_i| < rho_i},
           I = psi(k) + psi(n) - <psi(n_x + 1) + psi(n_y + 1)>.
    KSG-2: eps_x(i) = max |x_j - x_i| over the k joint neighbours,
           n_x(i) = #{j != i : |x_j - x_i| <= eps_x(i)},
           I = psi(k) - 1/k + psi(n) - <psi(n_x) + psi(n_y)>.
    """
    x = np.asarray(x, float) / np.std(x)
    y = np.asarray(y, float) / np.std(y)
    n = x.size
    dx = np.abs(x[:, None] - x[None, :])
    dy = np.abs(y[:, None] - y[None, :])
    dz = np.maximum(dx, dy)
    np.fill_diagonal(dz, np.inf)
    nbrs = np.argsort(dz, axis=1, kind="stable")[:, :k]
    rows = np.arange(n)[:, None]
    np.fill_diagonal(dx, np.inf)  # j != i in the counts
    np.fill_diagonal(dy, np.inf)
    if variant == 1:
        rho = dz[rows, nbrs].max(axis=1)
        nx = (dx < rho[:, None]).sum(axis=1)
        ny = (dy < rho[:, None]).sum(axis=1)
        return digamma(k) + digamma(n) - np.mean(digamma(nx + 1) + digamma(ny + 1))
    ex = dx[rows, nbrs].max(axis=1)
    ey = dy[rows, nbrs].max(axis=1)
    nx = (dx <= ex[:, None]).sum(axis=1)
    ny = (dy <= ey[:, None]).sum(axis=1)
    return digamma(k) - 1.0 / k + digamma(n) - np.mean(digamma(nx) + digamma(ny))


def _mixed_data(n=600, seed=0):
    """3 continuous columns (tie-free) and 2 label columns, dependent on each other."""
    rng = np.random.default_rng(seed)
    a = rng.normal(size=n)
    b = a**2 + 0.5 * rng.normal(size=n)
    c = rng.uniform(-1, 1, size=n)
    lab1 = np.digitize(a, [-0.5, 0.5])  # 3 classes, each well over 2k + 1 points
    lab2 = (c > 0).astype(np.int64) + 2 * rng.integers(0, 2, n)
    return np.column_stack([a, b, c]), np.column_stack([lab1, lab2])


def test_shape_symmetry_and_nan_diagonal():
    cont, _ = _mixed_data(n=300)
    M = mutual_info_matrix(cont, random_state=0)
    assert M.shape == (3, 3) and M.dtype == np.float64
    assert np.isnan(np.diag(M)).all()
    off = ~np.eye(3, dtype=bool)
    assert np.isfinite(M[off]).all()
    assert_array_equal(M, M.T)  # NaN == NaN under assert_array_equal


@pytest.mark.parametrize("method, variant", [("ksg", 1), ("ksg2", 2)])
@pytest.mark.parametrize("k", [1, 4])
def test_continuous_pairs_match_bruteforce_ksg(method, variant, k):
    cont, _ = _mixed_data(n=250, seed=1)
    M = mutual_info_matrix(cont, method=method, n_neighbors=k, random_state=0)
    for i, j in [(0, 1), (0, 2), (1, 2)]:
        assert_allclose(M[i, j], _ksg_bruteforce(cont[:, i], cont[:, j], k, variant), rtol=RTOL, atol=1e-14)
    # b = a^2 + noise depends on a; c is independent of both.
    assert M[0, 1] > 0.2 and max(M[0, 2], M[1, 2]) < M[0, 1] / 2


def test_pairs_match_sklearn(sklearn_noise_free):
    skm = pytest.importorskip("sklearn.metrics")
    cont, labels = _mixed_data(seed=2)
    X = np.column_stack([cont, labels])
    disc = np.array([False, False, False, True, True])
    M = mutual_info_matrix(X, discrete_features=disc, clip=True, random_state=0)
    for i in range(5):
        for j in range(i + 1, 5):
            if not disc[i] and not disc[j]:
                ref = sklearn_noise_free.mutual_info_regression(X[:, [i]], X[:, j])[0]
            elif disc[i] and disc[j]:
                ref = skm.mutual_info_score(X[:, i], X[:, j])
            else:
                c, d = (i, j) if disc[j] else (j, i)
                ref = sklearn_noise_free.mutual_info_classif(X[:, [c]], X[:, d])[0]
            assert_allclose(M[i, j], ref, rtol=RTOL, atol=1e-15, err_msg=f"pair {i}, {j}")
    assert M[0, 3] > 0.5  # a continuous column and its own binning


def test_gaussian_closed_form():
    # Three jointly normal columns with correlations 0.9, 0.5, 0.45; for each
    # pair I = -0.5 log(1 - rho^2). n = 3000, k = 3: bias + 4 sd < 0.05 nats.
    rng = np.random.default_rng(3)
    cov = np.array([[1.0, 0.9, 0.5], [0.9, 1.0, 0.45], [0.5, 0.45, 1.0]])
    X = rng.multivariate_normal(np.zeros(3), cov, size=3000)
    truth = -0.5 * np.log(1 - cov**2 + np.eye(3))  # eye avoids log(0) on the diagonal
    for method in ("ksg", "ksg2"):
        M = mutual_info_matrix(X, method=method, random_state=0, n_jobs=2)
        off = ~np.eye(3, dtype=bool)
        assert np.abs(M[off] - truth[off]).max() < 0.05, method


def test_base_two_is_bits():
    cont, labels = _mixed_data(n=300, seed=4)
    X = np.column_stack([cont, labels])
    nats = mutual_info_matrix(X, discrete_features=[3, 4], random_state=0)
    bits = mutual_info_matrix(X, discrete_features=[3, 4], random_state=0, base=2)
    assert_allclose(bits, nats / np.log(2), rtol=1e-14)


def test_discrete_pairs_golden():
    # Labels (a, b) with counts [[3, 1], [1, 3]] (n = 8): plug-in
    # I = 2 (3/8) log(1.5) + 2 (1/8) log(0.5); c is a relabelling of a: I(a; c) = H(a) = log 2.
    a = np.array([0, 0, 0, 1, 1, 1, 1, 0])
    b = np.array([0, 0, 0, 1, 1, 1, 0, 1])
    c = 7 - 3 * a
    M = mutual_info_matrix(np.column_stack([a, b, c]))  # integer ndarray: 'auto' -> discrete
    assert_allclose(M[0, 1], 0.75 * np.log(1.5) + 0.25 * np.log(0.5), rtol=1e-12)
    assert_allclose(M[0, 2], np.log(2), rtol=1e-12)
    assert_allclose(M[1, 2], M[0, 1], rtol=1e-12)


def test_dataframe_in_labelled_dataframe_out():
    pd = pytest.importorskip("pandas")
    skm = pytest.importorskip("sklearn.metrics")
    cont, labels = _mixed_data(n=400, seed=5)
    df = pd.DataFrame(
        {
            "a": cont[:, 0],
            "b": cont[:, 1],
            "color": np.array(["red", "green", "blue"])[labels[:, 0]],
            "grade": pd.Categorical(labels[:, 1]),
            "flag": labels[:, 0] > 0,
        }
    )
    M = mutual_info_matrix(df, random_state=0)
    assert isinstance(M, pd.DataFrame)
    assert list(M.index) == list(M.columns) == ["a", "b", "color", "grade", "flag"]
    assert np.isnan(M.loc["a", "a"])
    # Label pairs use the contingency table, whatever the label type.
    assert_allclose(M.loc["color", "grade"], skm.mutual_info_score(labels[:, 0], labels[:, 1]), rtol=1e-10)
    # The same numbers as the ndarray route with an explicit mask.
    plain = mutual_info_matrix(
        np.column_stack([cont[:, :2], labels[:, 0], labels[:, 1], labels[:, 0] > 0]),
        discrete_features=[2, 3, 4],
        random_state=0,
    )
    assert_allclose(M.to_numpy(), plain, rtol=1e-12)
    # discrete_features by name overrides 'auto'.
    with pytest.warns(UserWarning, match="X column 'b' holds 400 distinct non-integer values"):
        M2 = mutual_info_matrix(df[["a", "b"]], discrete_features=["b"], random_state=0)
    assert M2.loc["a", "b"] != M.loc["a", "b"]


def test_n_jobs_does_not_change_results():
    cont, labels = _mixed_data(n=400, seed=6)
    X = np.column_stack([cont, labels])
    ref = mutual_info_matrix(X, discrete_features=[3, 4], random_state=1)
    for n_jobs in (1, 2, 3, -1):
        assert_array_equal(mutual_info_matrix(X, discrete_features=[3, 4], random_state=1, n_jobs=n_jobs), ref)
    # One pair, several threads: the threads go to the kernel.
    assert_array_equal(mutual_info_matrix(cont[:, :2], random_state=1, n_jobs=4), ref[:2, :2])


def test_clip_and_constant_column():
    cont, _ = _mixed_data(n=300, seed=7)
    X = np.column_stack([cont, np.full(300, 3.0)])
    raw = mutual_info_matrix(X, random_state=0)
    assert_array_equal(raw[3, :3], 0.0)
    clipped = mutual_info_matrix(X, random_state=0, clip=True)
    off = ~np.eye(4, dtype=bool)
    assert_array_equal(clipped[off], np.maximum(raw[off], 0.0))


def test_single_column_and_shift_invariance():
    cont, _ = _mixed_data(n=300, seed=8)
    assert mutual_info_matrix(cont[:, :1]).shape == (1, 1)
    # scikit-learn#30772: a large mean must not change anything.
    shifted = cont + np.array([1e8, 0.0, -1e6])
    assert_allclose(mutual_info_matrix(shifted, random_state=0), mutual_info_matrix(cont, random_state=0), atol=1e-4)


# ----------------------------------------------------------------- bad input


def test_bad_input():
    cont, labels = _mixed_data(n=50, seed=9)
    bad = cont.copy()
    bad[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        mutual_info_matrix(bad)
    bad_labels = np.column_stack([cont, labels]).astype(float)
    bad_labels[0, 3] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        mutual_info_matrix(bad_labels, discrete_features=[3, 4])
    with pytest.raises(ValueError, match="n_neighbors"):
        mutual_info_matrix(cont[:4], n_neighbors=4)
    with pytest.raises(ValueError, match="2-D"):
        mutual_info_matrix(np.ones((5, 2, 2)))
    with pytest.raises(ValueError, match="2-D"):
        mutual_info_matrix(np.ones(5))
    with pytest.raises(ValueError, match="0 samples"):
        mutual_info_matrix(np.ones((0, 3)))
    with pytest.raises(ValueError, match=r"0 feature\(s\)"):
        mutual_info_matrix(np.ones((5, 0)))
    with pytest.raises(ValueError, match="method"):
        mutual_info_matrix(cont, method="kde")
    with pytest.raises(ValueError, match="discrete_features"):
        mutual_info_matrix(cont, discrete_features="sometimes")
    with pytest.raises(ValueError, match="discrete_features"):
        mutual_info_matrix(cont, discrete_features=[3])
    with pytest.raises(TypeError, match="clip"):
        mutual_info_matrix(cont, clip="yes")
    with pytest.raises(ValueError, match="base"):
        mutual_info_matrix(cont, base=1)
    with pytest.raises(ValueError, match="non-numeric"):
        mutual_info_matrix(np.array([["a", "b"]] * 5, dtype=object), discrete_features=False)
    sparse = pytest.importorskip("scipy.sparse")
    with pytest.raises(TypeError, match="sparse"):
        mutual_info_matrix(sparse.csr_matrix(cont))
    # n_neighbors >= n is fine with at most one continuous column (Ross clamps k).
    mutual_info_matrix(np.column_stack([cont[:4, 0], labels[:4]]), discrete_features=[1, 2], n_neighbors=10)
