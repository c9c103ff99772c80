"""MutualInfoSelector: a scikit-learn transformer over select_features."""

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
