"""``discrete_features="auto"`` means one thing in every feature-selection function.

The rule of :func:`infokit.estimate.mutual_info`: integer, bool, string and
categorical columns are discrete, floats continuous; sparse X is all discrete.
"""

import numpy as np
import pytest

import infokit.estimate as ie
from infokit.feature_selection import mutual_info_classif, mutual_info_matrix, mutual_info_regression


@pytest.fixture
def data(rng):
    n = 600
    labels = rng.integers(0, 4, n)
    x = labels + rng.normal(size=n)
    return labels, x


def test_integer_arrays_are_discrete_everywhere(data):
    labels, x = data
    X = np.column_stack([labels, (labels + 1) % 4])  # int64 ndarray
    auto = mutual_info_regression(X, x, random_state=0)
    assert np.array_equal(auto, mutual_info_regression(X, x, discrete_features=True, random_state=0))
    assert not np.array_equal(auto, mutual_info_regression(X, x, discrete_features=False, random_state=0))
    # Discrete feature vs class label: the plug-in, as the front door computes it.
    got = mutual_info_classif(X, labels, random_state=0)
    np.testing.assert_allclose(got, [ie.mutual_info(labels, labels)] * 2, rtol=1e-12)
    M, methods = mutual_info_matrix(X, return_methods=True)
    assert methods[0, 1] == "discrete"
    np.testing.assert_allclose(M[0, 1], ie.mutual_info(X[:, 0], X[:, 1]), rtol=1e-12)


def test_frames_decide_column_by_column(data):
    pd = pytest.importorskip("pandas")
    labels, x = data
    frame = pd.DataFrame({"label": labels, "value": x, "name": np.array(list("abcd"))[labels]})
    y = x + np.random.default_rng(1).normal(size=len(x))
    reg = mutual_info_regression(frame, y, random_state=0)
    explicit = mutual_info_regression(frame, y, discrete_features=["label", "name"], random_state=0)
    np.testing.assert_array_equal(reg, explicit)
    M, methods = mutual_info_matrix(frame, return_methods=True, random_state=0)
    assert methods.loc["label", "value"] == "ross" and methods.loc["label", "name"] == "discrete"
    assert methods.loc["value", "value"] == ""
    np.testing.assert_allclose(M.loc["label", "name"], ie.mutual_info(labels, labels), rtol=1e-12)


def test_float_arrays_stay_continuous_as_in_scikit_learn(data):
    sklearn_fs = pytest.importorskip("sklearn.feature_selection")
    labels, x = data
    X = np.column_stack([x, x**2])
    ours = mutual_info_classif(X, labels, random_state=0)
    theirs = sklearn_fs.mutual_info_classif(X, labels, random_state=0)
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)
    _, methods = mutual_info_matrix(X, return_methods=True, random_state=0)
    assert methods[0, 1] == "ksg"
    _, methods = mutual_info_matrix(X, method="ksg2", return_methods=True, random_state=0)
    assert methods[0, 1] == "ksg2"


@pytest.mark.parametrize(
    "make",
    [
        lambda n: np.ones((n, 2)) + 1j,
        lambda n: np.arange(2 * n).astype("datetime64[D]").reshape(n, 2),
        lambda n: np.arange(2 * n).astype("timedelta64[s]").reshape(n, 2),
    ],
    ids=["complex", "datetime", "timedelta"],
)
def test_unusable_dtypes_are_refused(make):
    X = make(20)
    for call in (
        lambda: mutual_info_matrix(X),
        lambda: mutual_info_regression(X, np.arange(20.0)),
        lambda: mutual_info_classif(X, np.arange(20) % 2),
    ):
        with pytest.raises(TypeError, match="neither real samples nor labels"):
            call()


def test_unusable_frame_columns_are_named():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"a": np.arange(8.0), "when": pd.date_range("2020", periods=8, tz="UTC")})
    with pytest.raises(TypeError, match="'when'"):
        mutual_info_matrix(frame)


@pytest.mark.parametrize("method", ["histogram", "gaussian", "gcmi"])
def test_matrix_methods_equal_the_front_doors_pair_by_pair(rng, method):
    n = 2000
    a = rng.normal(size=n)
    X = np.column_stack([a, a + rng.normal(size=n), np.exp(rng.normal(size=n)), rng.normal(size=n)])
    M, methods = mutual_info_matrix(X, method=method, return_methods=True, bins=12)
    options = {"bins": 12} if method == "histogram" else {}
    for i in range(4):
        assert np.isnan(M[i, i])
        for j in range(i + 1, 4):
            want = ie.mutual_info(X[:, i], X[:, j], method=method, **options)
            assert M[i, j] == pytest.approx(want, rel=1e-9, abs=1e-12) and M[j, i] == M[i, j]
            assert methods[i, j] == method


def test_matrix_label_columns_with_gcmi_and_histogram(rng):
    pd = pytest.importorskip("pandas")
    n = 1500
    labels = rng.integers(0, 3, n)
    frame = pd.DataFrame({"x": labels + rng.normal(size=n), "c": labels, "d": rng.integers(0, 2, n)})
    M, methods = mutual_info_matrix(frame, method="gcmi", return_methods=True)
    assert M.loc["x", "c"] == pytest.approx(ie.mutual_info(frame["x"], labels, method="gcmi"), rel=1e-9)
    assert methods.loc["c", "d"] == "discrete" and methods.loc["x", "c"] == "gcmi"
    H = mutual_info_matrix(frame, method="histogram", bins=10)
    codes = np.digitize(frame["x"], np.histogram_bin_edges(frame["x"], 10)[1:-1])
    assert H.loc["x", "c"] == pytest.approx(ie.mutual_info(codes, labels), rel=1e-12)
    with pytest.raises(ValueError, match="continuous columns only"):
        mutual_info_matrix(frame, method="gaussian")


def test_matrix_of_labels_is_one_count_product(rng):
    X = rng.integers(0, 8, size=(1000, 30))
    X[:, 1] = (X[:, 0] + rng.integers(0, 2, 1000)) % 8
    M = mutual_info_matrix(X)
    for i, j in [(0, 1), (3, 17), (28, 29)]:
        assert M[i, j] == pytest.approx(ie.mutual_info(X[:, i], X[:, j]), rel=1e-12, abs=1e-15)
