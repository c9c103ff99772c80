"""Figures of infokit's results (matplotlib, the optional ``plot`` extra).

Each function draws on ``ax`` (a new figure's axes when None) and returns the
Axes, so it composes with any layout. matplotlib is imported when a function
runs, never by ``import infokit`` or ``import infokit.plot``.

* :func:`ranking`: feature scores as bars, with interval error bars and the
  band below a permutation-null threshold;
* :func:`mi_heatmap`: a pairwise MI matrix in clustered order, labelled;
* :func:`null_distribution`: a :func:`~infokit.estimate.mi_test` null with the
  observed value and its p-value;
* :func:`selection_curve`: the criterion at each step of
  :func:`~infokit.feature_selection.select_features`;
* :func:`bound_curve`: a training curve of a variational bound, with the
  truth and the ``log N`` cap of InfoNCE.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["ranking", "mi_heatmap", "null_distribution", "selection_curve", "bound_curve"]


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - exercised only without matplotlib
        raise ImportError("infokit.plot needs matplotlib: pip install 'infokit[plot]'") from e
    return plt.figure().add_subplot()


def _unit(base: float | None) -> str:
    return "nats" if base is None else ("bits" if base == 2 else f"log base {base:g}")


def _labels(n: int, names: Sequence[Any] | None, what: str) -> list[str]:
    if names is None:
        return [f"{what} {i}" for i in range(n)]
    names = [str(nm) for nm in names]
    if len(names) != n:
        raise ValueError(f"names has {len(names)} entries for {n} {what}s")
    return names


def ranking(
    scores: ArrayLike,
    names: Sequence[Any] | None = None,
    *,
    intervals: ArrayLike | None = None,
    null_threshold: float | ArrayLike | None = None,
    top: int | None = None,
    base: float | None = None,
    ax: Any = None,
) -> Any:
    """Horizontal bars of feature scores, best on top.

    Parameters
    ----------
    scores : array-like, shape (p,)
        MI of each feature (e.g. :func:`~infokit.feature_selection.mutual_info_classif`).
    names : sequence, optional
        Feature names (default ``feature 0`` ...).
    intervals : array-like, shape (p, 2), optional
        ``(low, high)`` of each score (e.g. from :func:`~infokit.estimate.mi_bootstrap`),
        drawn as error bars.
    null_threshold : float or array-like of shape (p,), optional
        Scores below it are indistinguishable from independence (e.g. the 95th
        percentile of a permutation null): shaded.
    top : int, optional
        Show the ``top`` best only.
    base : float, optional
        The log base of the scores, for the axis label.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from infokit.plot import ranking
    >>> ax = ranking([0.3, 0.05, 0.6], ["a", "b", "c"], null_threshold=0.1)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['b', 'a', 'c']
    """
    s = np.asarray(scores, dtype=np.float64).ravel()
    labels = _labels(len(s), names, "feature")
    order = np.argsort(-s, kind="stable")
    if top is not None:
        if top < 1:
            raise ValueError(f"top must be at least 1, got {top}")
        order = order[:top]
    order = order[::-1]  # barh draws bottom-up: best on top
    ax = _axes(ax)
    err = None
    if intervals is not None:
        iv = np.asarray(intervals, dtype=np.float64)
        if iv.shape != (len(s), 2):
            raise ValueError(f"intervals must have shape ({len(s)}, 2), got {iv.shape}")
        err = np.vstack([s[order] - iv[order, 0], iv[order, 1] - s[order]]).clip(min=0)
    ax.barh(np.arange(len(order)), s[order], xerr=err, color="C0", ecolor="0.2", capsize=2)
    ax.set_yticks(np.arange(len(order)), [labels[i] for i in order])
    if null_threshold is not None:
        thr = np.broadcast_to(np.asarray(null_threshold, dtype=np.float64), s.shape)[order]
        for row, t in enumerate(thr):
            # Over the bar, translucent: the part of the score a null would reach.
            ax.fill_betweenx([row - 0.45, row + 0.45], 0, t, color="0.25", alpha=0.45, zorder=3, lw=0)
        ax.plot([], [], color="0.25", alpha=0.45, lw=6, label="permutation null")
        ax.legend(loc="lower right")
    ax.set_xlabel(f"mutual information ({_unit(base)})")
    ax.axvline(0, color="0.3", lw=0.8)
    return ax


def _cluster_order(M: np.ndarray) -> np.ndarray:
    """Leaf order of an average-linkage clustering on ``max(M) - M`` (dependent pairs close)."""
    p = len(M)
    if p < 3:
        return np.arange(p)
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import squareform

    sim = np.where(np.isfinite(M), M, np.nan)
    top = np.nanmax(sim) if np.isfinite(sim).any() else 1.0
    dist = np.where(np.isfinite(sim), top - sim, top)
    dist = np.maximum((dist + dist.T) / 2, 0.0)
    np.fill_diagonal(dist, 0.0)
    return leaves_list(linkage(squareform(dist, checks=False), method="average"))


def mi_heatmap(
    M: Any,
    labels: Sequence[Any] | None = None,
    *,
    cluster: bool = True,
    annotate: bool | None = None,
    base: float | None = None,
    ax: Any = None,
) -> Any:
    """A pairwise MI matrix as a heatmap, rows and columns in clustered order.

    Parameters
    ----------
    M : array-like or DataFrame, shape (p, p)
        E.g. :func:`~infokit.feature_selection.mutual_info_matrix` (its NaN
        diagonal is drawn blank); a DataFrame's index gives the labels.
    labels : sequence, optional
    cluster : bool, default True
        Reorder by average-linkage clustering so dependent columns sit together.
    annotate : bool, optional
        Write each value in its cell (default: when p <= 12).
    base : float, optional
        The log base of M, for the colour bar.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from infokit.plot import mi_heatmap
    >>> M = np.array([[np.nan, 0.9, 0.0], [0.9, np.nan, 0.1], [0.0, 0.1, np.nan]])
    >>> ax = mi_heatmap(M, ["a", "b", "c"])
    >>> ax.images[0].get_array().shape
    (3, 3)
    """
    if labels is None and hasattr(M, "index"):
        labels = list(M.index)
    A = np.asarray(M, dtype=np.float64)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"M must be a square matrix, got shape {A.shape}")
    p = len(A)
    names = _labels(p, labels, "column")
    order = _cluster_order(A) if cluster else np.arange(p)
    A = A[np.ix_(order, order)]
    ax = _axes(ax)
    image = ax.imshow(np.ma.masked_invalid(A), cmap="viridis", vmin=0)
    ax.set_xticks(np.arange(p), [names[i] for i in order], rotation=90)
    ax.set_yticks(np.arange(p), [names[i] for i in order])
    ax.figure.colorbar(image, ax=ax, label=f"mutual information ({_unit(base)})")
    if annotate or (annotate is None and p <= 12):
        for i in range(p):
            for j in range(p):
                if np.isfinite(A[i, j]):
                    ax.text(j, i, f"{A[i, j]:.2f}", ha="center", va="center", color="w", fontsize=7)
    return ax


def null_distribution(result: Any, *, bins: int = 30, base: float | None = None, ax: Any = None) -> Any:
    """The permutation null of :func:`~infokit.estimate.mi_test`, with the observed value.

    Parameters
    ----------
    result : MITestResult
        Or anything with ``estimate``, ``pvalue`` and ``null_distribution``.
    bins : int, default 30
    base : float, optional
        The log base of the result, for the axis label.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from infokit.estimate import mi_test
    >>> from infokit.plot import null_distribution
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=300)
    >>> ax = null_distribution(mi_test(x, x + rng.normal(size=300), n_permutations=99, random_state=0))
    >>> "p =" in ax.get_title()
    True
    """
    null = np.asarray(result.null_distribution, dtype=np.float64)
    ax = _axes(ax)
    ax.hist(null, bins=bins, color="0.6", label=f"null ({len(null)} surrogates)")
    ax.axvline(result.estimate, color="C3", lw=2, label=f"observed {result.estimate:.4g}")
    ax.set_xlabel(f"mutual information ({_unit(base)})")
    ax.set_ylabel("surrogates")
    ax.set_title(f"p = {result.pvalue:.3g}")
    ax.legend()
    return ax


def selection_curve(result: Any, *, base: float | None = None, ax: Any = None) -> Any:
    """The criterion at each step of a greedy selection, the feature named at each point.

    Parameters
    ----------
    result : SelectionResult
        Of :func:`~infokit.feature_selection.select_features`.
    base : float, optional
        The log base of the scores, for the axis label.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from infokit.feature_selection import select_features
    >>> from infokit.plot import selection_curve
    >>> X = np.random.default_rng(0).integers(0, 3, size=(500, 4))
    >>> ax = selection_curve(select_features(X, X[:, 2], n_features_to_select=3))
    >>> len(ax.lines[0].get_xdata())
    3
    """
    scores = np.asarray(result.scores, dtype=np.float64)
    names = result.names if result.names is not None else [f"feature {i}" for i in result.ranking]
    steps = np.arange(1, len(scores) + 1)
    ax = _axes(ax)
    ax.plot(steps, scores, marker="o", color="C0")
    for x, y, nm in zip(steps, scores, names):
        ax.annotate(str(nm), (x, y), textcoords="offset points", xytext=(4, 4), fontsize=8)
    ax.set_xticks(steps)
    ax.set_xlabel("step")
    unitless = result.criterion in ("mrmr_quotient", "disr")
    ax.set_ylabel(f"{result.criterion}" + ("" if unitless else f" ({_unit(base)})"))
    ax.axhline(0, color="0.3", lw=0.8)
    return ax


def bound_curve(
    history: ArrayLike,
    *,
    truth: float | None = None,
    cap: float | None = None,
    label: str = "bound",
    base: float | None = None,
    ax: Any = None,
) -> Any:
    """A variational bound's value over training steps, with the truth and a cap.

    Parameters
    ----------
    history : array-like, shape (steps,) or (steps, 2)
        Values per step, or ``(step, value)`` rows.
    truth : float, optional
        The true MI, drawn as a dashed line.
    cap : float, optional
        An upper limit of the bound (``log N`` for InfoNCE with batch N).
    label : str, default "bound"
    base : float, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from infokit.plot import bound_curve
    >>> ax = bound_curve(2 * (1 - np.exp(-np.arange(100) / 20)), truth=2.0, cap=np.log(64), label="InfoNCE")
    >>> len(ax.lines)
    3
    """
    h = np.asarray(history, dtype=np.float64)
    steps, values = (h[:, 0], h[:, 1]) if h.ndim == 2 else (np.arange(len(h)), h)
    ax = _axes(ax)
    ax.plot(steps, values, color="C0", label=label)
    if truth is not None:
        ax.axhline(truth, color="k", ls="--", label=f"truth {truth:.3g}")
    if cap is not None:
        ax.axhline(cap, color="C3", ls=":", label=f"cap {cap:.3g}")
    ax.set_xlabel("step")
    ax.set_ylabel(f"estimate ({_unit(base)})")
    ax.legend()
    return ax
