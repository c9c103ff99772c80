"""infokit.plot: each figure rendered with Agg and checked (labels, counts, not blank)."""

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from infokit import plot  # noqa: E402
from infokit.estimate import mi_test  # noqa: E402
from infokit.feature_selection import mutual_info_matrix, select_features  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _not_blank(ax) -> bool:
    fig = ax.figure
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    return bool((rgba[..., :3] < 250).any(axis=-1).mean() > 0.01)  # over 1% of pixels are not white


def test_ranking_bars_errors_and_null_band():
    scores = np.array([0.3, 0.05, 0.6, 0.2])
    intervals = np.column_stack([scores - 0.02, scores + 0.03])
    ax = plot.ranking(scores, list("abcd"), intervals=intervals, null_threshold=0.1, base=2)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["b", "d", "a", "c"]  # best on top
    assert len(ax.patches) == 4
    assert ax.get_xlabel() == "mutual information (bits)"
    assert len(ax.collections) >= 4  # the error bars and a null band per bar
    assert _not_blank(ax)
    top = plot.ranking(scores, list("abcd"), top=2)
    assert [t.get_text() for t in top.get_yticklabels()] == ["a", "c"]


def test_ranking_bad_input():
    with pytest.raises(ValueError, match="names has 2 entries for 3"):
        plot.ranking([1, 2, 3], ["a", "b"])
    with pytest.raises(ValueError, match="intervals must have shape"):
        plot.ranking([1, 2, 3], intervals=[[0, 1]])
    with pytest.raises(ValueError, match="top"):
        plot.ranking([1, 2, 3], top=0)


def test_heatmap_clusters_dependent_columns_together():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(2, 2000))
    X = np.column_stack([a, b, a + 0.3 * rng.normal(size=2000), b + 0.3 * rng.normal(size=2000)])
    M = mutual_info_matrix(X, random_state=0)
    ax = plot.mi_heatmap(M, ["a", "b", "a2", "b2"])
    order = [t.get_text() for t in ax.get_yticklabels()]
    assert abs(order.index("a") - order.index("a2")) == 1 and abs(order.index("b") - order.index("b2")) == 1
    assert ax.images[0].get_array().shape == (4, 4)
    assert len(ax.texts) == 12  # annotated, the NaN diagonal left blank
    assert _not_blank(ax)
    with pytest.raises(ValueError, match="square"):
        plot.mi_heatmap(np.zeros((2, 3)))


def test_heatmap_takes_frame_labels():
    pd = pytest.importorskip("pandas")
    M = pd.DataFrame([[np.nan, 0.5], [0.5, np.nan]], index=["u", "v"], columns=["u", "v"])
    ax = plot.mi_heatmap(M)
    assert {t.get_text() for t in ax.get_xticklabels()} == {"u", "v"}


def test_null_distribution_and_selection_curve():
    rng = np.random.default_rng(1)
    x = rng.normal(size=300)
    res = mi_test(x, x + rng.normal(size=300), n_permutations=99, random_state=0)
    ax = plot.null_distribution(res)
    assert ax.get_title() == f"p = {res.pvalue:.3g}"
    assert ax.lines[0].get_xdata()[0] == res.estimate
    assert _not_blank(ax)
    X = rng.integers(0, 3, size=(500, 5))
    sel = select_features(X, (X[:, 0] + X[:, 1]) % 3, criterion="jmi", n_features_to_select=3)
    ax = plot.selection_curve(sel)
    assert list(ax.lines[0].get_ydata()) == list(sel.scores)
    assert [t.get_text() for t in ax.texts] == [f"feature {i}" for i in sel.ranking]
    assert _not_blank(ax)


def test_bound_curve_with_truth_and_cap():
    _, ax = plt.subplots()
    out = plot.bound_curve(np.column_stack([np.arange(50), np.linspace(0, 2, 50)]), truth=2.0, cap=np.log(64), ax=ax)
    assert out is ax and len(ax.lines) == 3
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {"bound", "truth 2", "cap 4.16"}
    assert _not_blank(ax)
