"""MutualInfoSelector: a scikit-learn transformer over select_features."""

import warnings

import numpy as np
import pytest

sklearn = pytest.importorskip("sklearn")

from sklearn.base import clone  # noqa: E402
from sklearn.model_selection import GridSearchCV  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402

from infokit.feature_selection import MutualInfoSelector, select_features  # noqa: E402


@pytest.fixture
def xor():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 2, size=(1500, 6))
    y = np.where(rng.random(1500) < 0.15, X[:, 1], X[:, 1] ^ X[:, 4])
    return X, y


def test_fit_matches_the_function(xor):
    X, y = xor
    sel = MutualInfoSelector(criterion="cmim", n_features_to_select=3).fit(X, y)
    res = select_features(X, y, criterion="cmim", n_features_to_select=3)
    np.testing.assert_array_equal(sel.ranking_, res.ranking)
    np.testing.assert_array_equal(sel.scores_, res.scores)
    np.testing.assert_array_equal(sel.relevance_, res.relevance)
    assert sel.get_support().sum() == 3 and sel.n_features_in_ == 6
    np.testing.assert_array_equal(sel.transform(X), X[:, np.sort(res.ranking)])
    assert sel.get_feature_names_out().tolist() == [f"x{i}" for i in np.sort(res.ranking)]


def test_pipeline_grid_search_and_clone(xor):
    X, y = xor
    pipe = make_pipeline(MutualInfoSelector(), DecisionTreeClassifier(random_state=0))
    grid = GridSearchCV(pipe, {"mutualinfoselector__n_features_to_select": [1, 2, 3]}, cv=3).fit(X, y)
    assert grid.best_params_["mutualinfoselector__n_features_to_select"] >= 2
    assert clone(MutualInfoSelector(criterion="mrmr")).get_params()["criterion"] == "mrmr"


def test_pandas_in_labels_out(xor):
    pd = pytest.importorskip("pandas")
    X, y = xor
    frame = pd.DataFrame(X, columns=list("abcdef"))
    frame["name"] = np.array(["u", "v"])[X[:, 4]]  # a string column: a discrete feature
    sel = MutualInfoSelector(n_features_to_select=2).fit(frame, y)
    assert set(sel.get_feature_names_out()) <= set(frame.columns) and "b" in sel.get_feature_names_out()
    out = sel.set_output(transform="pandas").transform(frame)
    assert list(out.columns) == list(sel.get_feature_names_out())


def test_unfitted_and_bad_shapes(xor):
    X, y = xor
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        MutualInfoSelector().transform(X)
    sel = MutualInfoSelector(n_features_to_select=2).fit(X, y)
    with pytest.raises(ValueError, match="6 features"):
        sel.transform(X[:, :3])
    with pytest.raises(ValueError, match="n_features_to_select"):
        MutualInfoSelector(n_features_to_select=7).fit(X, y)


def test_bootstrap_selection_frequencies(xor):
    X, y = xor
    k, b = 3, 12
    sel = MutualInfoSelector(criterion="jmi", n_features_to_select=k, n_bootstrap=b, random_state=0).fit(X, y)
    freq = sel.selection_frequencies_
    assert freq.shape == (6,)
    # Every resample selects k features, so the frequencies sum to k, in steps of 1 / b.
    assert freq.sum() == pytest.approx(k)
    np.testing.assert_array_equal(freq * b, np.round(freq * b))
    # The XOR pair is found in every resample; the fit itself is the full-data one.
    assert freq[1] == freq[4] == 1.0
    plain = MutualInfoSelector(criterion="jmi", n_features_to_select=k, random_state=0).fit(X, y)
    np.testing.assert_array_equal(sel.ranking_, plain.ranking_)
    assert plain.selection_frequencies_ is None
    # Seeded: the same random_state gives the same frequencies, another seed other resamples.
    again = MutualInfoSelector(criterion="jmi", n_features_to_select=k, n_bootstrap=b, random_state=0).fit(X, y)
    np.testing.assert_array_equal(again.selection_frequencies_, freq)


def test_bootstrap_frequencies_of_a_weak_column():
    # A strongly relevant column is selected in every resample; the second
    # pick, among a weak column and noise, changes from resample to resample.
    rng = np.random.default_rng(3)
    n = 400
    X = rng.integers(0, 3, size=(n, 6))
    y = (X[:, 0] + (rng.random(n) < 0.1) * X[:, 2] + rng.integers(0, 2, n)) % 3
    sel = MutualInfoSelector(criterion="mrmr", n_features_to_select=2, n_bootstrap=20, random_state=1).fit(X, y)
    freq = sel.selection_frequencies_
    assert freq[0] == 1.0
    assert 0.0 < freq[1:].max() < 1.0


def test_bootstrap_continuous_is_quiet_about_ties(rng):
    import warnings

    X = rng.normal(size=(300, 4))
    y = X[:, 0] + 0.3 * rng.normal(size=300)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sel = MutualInfoSelector(criterion="mrmr", n_features_to_select=2, n_bootstrap=3, random_state=0).fit(X, y)
    assert sel.selection_frequencies_[0] == 1.0


@pytest.mark.parametrize(("value", "error"), [(-1, ValueError), (1.5, TypeError), (True, TypeError)])
def test_bootstrap_bad_counts(xor, value, error):
    X, y = xor
    with pytest.raises(error, match="n_bootstrap"):
        MutualInfoSelector(n_features_to_select=2, n_bootstrap=value).fit(X, y)


def test_selection_frequencies_follow_the_full_selection():
    # Resampling with replacement repeats rows, ties that inflate every kNN
    # estimate: on breast_cancer the full selection's second feature was
    # chosen in 0 of 20 resamples. Half-samples keep the full fit's order.
    from sklearn.datasets import load_breast_cancer

    X, y = load_breast_cancer(return_X_y=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sel = MutualInfoSelector(n_features_to_select=3, n_bootstrap=20, random_state=0).fit(X, y)
    freq = sel.selection_frequencies_
    assert freq[sel.support_].min() >= freq[~sel.support_].max()
    assert freq[sel.ranking_].min() >= 0.25


def test_scikit_learn_estimator_checks():
    # Every check of scikit-learn's check_estimator, the error-message ones
    # included (they failed for transform's feature count, 1-D input, NaN,
    # y=None, one sample, empty and complex data).
    from sklearn.utils.estimator_checks import check_estimator

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = check_estimator(MutualInfoSelector(n_features_to_select=1), on_fail=None)
    failed = {r["check_name"]: str(r["exception"])[:200] for r in results if r["status"] == "failed"}
    assert len(results) > 30 and not failed, failed
