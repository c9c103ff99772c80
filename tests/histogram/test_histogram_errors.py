"""Bad input to the histogram functions: a ValueError or TypeError naming the problem, never a crash."""

from __future__ import annotations

import numpy as np
import pytest

import infokit
from infokit._histogram import bin_codes, bin_indices

X = np.array([0.0, 0.5, 1.0, 2.0])


@pytest.mark.parametrize("bins", [0, -3])
def test_bins_not_positive(bins):
    with pytest.raises(ValueError, match="bins must be positive"):
        infokit.histogram(X, bins=bins)
    with pytest.raises(ValueError, match=r"bins\[0\] must be positive"):
        infokit.histogramdd(X[:, None], bins=bins)
    with pytest.raises(ValueError, match="bins must be positive"):
        infokit.histogram_bin_edges(X, bins=bins)


@pytest.mark.parametrize("bins", [2.5, 3.0, True, None])
def test_bins_not_an_integer(bins):
    with pytest.raises(TypeError, match="bins must be an integer"):
        infokit.histogram(X, bins=bins)
    with pytest.raises(TypeError, match=r"bins\[0\] must be an integer"):
        infokit.histogramdd(X[:, None], bins=bins)


def test_unknown_rule():
    with pytest.raises(ValueError, match="not a valid estimator"):
        infokit.histogram(X, bins="nope")
    with pytest.raises(TypeError, match="weighted"):
        infokit.histogram(X, bins="auto", weights=np.ones(4))


def test_range_min_above_max_and_non_finite():
    with pytest.raises(ValueError, match="max must be larger than min"):
        infokit.histogram(X, range=(2, 1))
    for rg in [(0, np.inf), (np.nan, 1), (-np.inf, 0)]:
        with pytest.raises(ValueError, match="not finite"):
            infokit.histogram(X, range=rg)
        with pytest.raises(ValueError, match="not finite"):
            infokit.histogram2d(X, X, range=[rg, (0, 1)])
    with pytest.raises(ValueError, match="pair"):
        infokit.histogram(X, range=(1,))
    with pytest.raises(TypeError, match="real numbers"):
        infokit.histogram(X, range=("a", "b"))


def test_edges_not_increasing():
    with pytest.raises(ValueError, match="monotonically"):
        infokit.histogram(X, bins=[0, 2, 1])
    with pytest.raises(ValueError, match=r"bins\[1\] must be monotonically"):
        infokit.histogram2d(X, X, bins=[[0, 1, 2], [1, 0]])
    with pytest.raises(ValueError, match="NaN"):
        infokit.histogram(X, bins=[0, np.nan, 1])
    with pytest.raises(ValueError, match="at least 2"):
        infokit.histogram(X, bins=[1.0])
    with pytest.raises(ValueError, match="1-D"):
        infokit.histogram(X, bins=[[0, 1], [1, 2]])
    # Equal consecutive edges are allowed (an empty bin), as in NumPy.
    assert infokit.histogram(X, bins=[0, 1, 1, 2])[0].tolist() == np.histogram(X, bins=[0, 1, 1, 2])[0].tolist()


def test_weights_of_the_wrong_shape():
    with pytest.raises(ValueError, match="same shape"):
        infokit.histogram(X, weights=np.ones(3))
    with pytest.raises(ValueError, match="one value per point"):
        infokit.histogram2d(X, X, weights=np.ones(5))
    with pytest.raises(TypeError, match="real numbers"):
        infokit.histogram(X, weights=np.array(["a"] * 4))


def test_nan_with_autodetected_range():
    for bad in (np.nan, np.inf):
        x = np.array([0.0, bad, 1.0])
        with pytest.raises(ValueError, match=r"autodetected range.*not finite.*pass range"):
            infokit.histogram(x)
        with pytest.raises(ValueError, match="autodetected range"):
            infokit.histogram2d(x, np.zeros(3))
        with pytest.raises(ValueError, match="autodetected range"):
            infokit.histogram_bin_edges(x, bins="auto")
    # With a range, NaN is dropped.
    assert infokit.histogram(np.array([0.0, np.nan, 1.0]), bins=2, range=(0, 1))[0].tolist() == [1, 1]


def test_mismatched_lengths_in_2d():
    with pytest.raises(ValueError, match="same length"):
        infokit.histogram2d(np.zeros(3), np.zeros(4))
    with pytest.raises(ValueError, match="same length"):
        infokit.histogramdd([np.zeros(3), np.zeros(4)])


def test_wrong_ndim():
    with pytest.raises(ValueError, match="1-D"):
        infokit.histogram2d(np.zeros((3, 2)), np.zeros(3))
    with pytest.raises(ValueError, match="ndim=3"):
        infokit.histogramdd(np.zeros((3, 2, 2)))
    with pytest.raises(ValueError, match="one entry per dimension"):
        infokit.histogramdd(np.zeros((3, 2)), bins=[2, 3, 4])
    with pytest.raises(ValueError, match="one entry per dimension"):
        infokit.histogramdd(np.zeros((3, 2)), range=[(0, 1)])


@pytest.mark.parametrize(
    "bad",
    [
        np.array([1 + 2j, 3j]),
        np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]"),
        np.array([1, 2], dtype="timedelta64[s]"),
        np.array(["a", "b"]),
        np.array([1.0, None], dtype=object),
    ],
    ids=["complex", "datetime", "timedelta", "str", "object"],
)
def test_non_real_data_refused(bad):
    with pytest.raises(TypeError):
        infokit.histogram(bad)
    with pytest.raises(TypeError):
        infokit.histogram2d(bad, bad)
    with pytest.raises(TypeError):
        infokit.histogram_bin_edges(bad)
    with pytest.raises(TypeError):
        infokit.histogram(None)


def test_bad_options():
    with pytest.raises(ValueError, match="right_edge"):
        infokit.histogram(X, right_edge="closed")
    with pytest.raises(ValueError, match="n_jobs"):
        infokit.histogram(X, n_jobs=0)
    with pytest.raises(TypeError, match="n_jobs"):
        infokit.histogram2d(X, X, n_jobs=1.5)


def test_too_many_bins_for_the_range():
    with pytest.raises(ValueError, match="Too many bins"):
        infokit.histogram(np.array([1e16, 1e16]), bins=10, range=(1e16, 1e16 + 2))


def test_bin_indices_bad_input():
    e = np.linspace(0, 1, 3)
    with pytest.raises(ValueError, match="one array per column"):
        bin_indices(np.zeros((3, 2)), [e])
    with pytest.raises(ValueError, match="non-decreasing"):
        bin_indices(np.zeros(3), [e[::-1]])
    with pytest.raises(ValueError, match="right_edge"):
        bin_codes(np.zeros(3), [e], right_edge="x")
    with pytest.raises(TypeError):
        bin_codes(np.zeros(3, complex), [e])
