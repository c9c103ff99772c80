"""Drop-in replacements for scikit-learn's mutual_info_regression / mutual_info_classif.

Same signature, same estimators, same clipping at 0, ndarray out (so they work
as ``score_func`` of ``SelectKBest`` / ``SelectPercentile``). Two differences,
both documented in the public docstrings: the anti-tie jitter is proportional
to each column's standard deviation (scikit-learn#30772), and the work runs on
threads over columns inside one process.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from infokit._kernels.knn1d import KsgTarget1D, RossLabels1D
from infokit._parallel import run_tasks, task_seeds
from infokit._validation import check_bool, check_int, check_random_state, is_frame, resolve_n_jobs
from infokit.estimate._knn_core import MODES, kernel_mean, warn_ties
from infokit.estimate._samples import check_k
from infokit.feature_selection._inputs import (
    DISCRETE_FEATURES_DOC,
    auto_discrete,
    check_class_target,
    check_continuous_target,
    check_features,
    continuous_block,
    discrete_codes,
    discrete_mask,
    scale_and_jitter,
)
from infokit.feature_selection._pairwise import mi_discrete, mi_mixed

__all__ = ["mutual_info_regression", "mutual_info_classif"]


def _has_repeated_label(codes: np.ndarray) -> bool:
    # Ross's estimator ignores points whose label occurs once; with no label
    # occurring twice there is nothing to estimate from and the MI is 0.
    return codes.size > 0 and int(np.bincount(codes).max()) >= 2


def _estimate_mi(
    X: Any,
    y: Any,
    *,
    discrete_features: Any,
    discrete_target: bool,
    n_neighbors: Any,
    copy: Any,
    random_state: Any,
    n_jobs: Any,
) -> np.ndarray:
    k = check_int(n_neighbors, "n_neighbors", minimum=1)
    check_bool(copy, "copy")
    threads = resolve_n_jobs(n_jobs)
    rng = check_random_state(random_state)
    # A DataFrame may hold label columns (strings, categoricals) among its
    # discrete features: it is checked column by column once the mask is known.
    frame = is_frame(X)
    fm = check_features(X, numeric=not frame)
    n, p = fm.shape
    if discrete_target:
        y_codes = check_class_target(y, n)
    else:
        y_values = check_continuous_target(y, n)

    mask = discrete_mask(discrete_features, p, auto=auto_discrete(fm, X), names=fm.names)
    continuous = np.flatnonzero(~mask)
    if fm.sparse and continuous.size:
        raise ValueError(
            "X is sparse, so every feature must be discrete (discrete_features='auto' or True); "
            f"got {continuous.size} continuous feature(s)"
        )
    if not discrete_target and continuous.size:
        check_k(k, n, name="n_neighbors")
    # A frame's continuous columns are checked numeric and finite here (names in
    # the errors), as check_features does for arrays, into one block.
    columns = continuous_block(fm.data, continuous, fm.names) if frame else fm.data

    # Seeds in scikit-learn's draw order: the feature columns, then the target.
    seeds = task_seeds(rng, continuous.size + (0 if discrete_target else 1))
    yc = np.empty(0)  # the prepared continuous target (regression only)
    if not discrete_target:
        prepared = scale_and_jitter(y_values, seeds[-1])
        if prepared is None:  # a constant target shares no information with anything
            return np.zeros(p)
        yc = prepared
    elif not _has_repeated_label(y_codes):
        return np.zeros(p)
    slot = np.full(p, -1)
    slot[continuous] = np.arange(continuous.size)
    where = slot if frame else np.arange(p)  # continuous column j is columns[:, where[j]]
    # The target is prepared once for all columns: sorted once (regression) or
    # its labels grouped once (classification); the kernels share it read-only.
    if continuous.size:
        if discrete_target:
            labels = RossLabels1D(y_codes, int(y_codes.max()) + 1)
        else:
            target = KsgTarget1D(yc)

    def task_for(j: int) -> Callable[[int], float]:
        if slot[j] >= 0:
            # Scaling happens inside the task: on the worker thread, one
            # column at a time (cache-friendly, and no (n, p) float64 copy).
            def continuous_task(jobs: int) -> float:
                col = scale_and_jitter(columns[:, where[j]], seeds[slot[j]])
                if col is None:
                    return 0.0
                if discrete_target:
                    # Ross's estimator, as ross_mutual_info(col, y) computes it (ties warn alike).
                    result = labels.score(col, k, jobs)
                    warn_ties(result[2], n)
                    return kernel_mean(result)
                # KSG estimator 1, as ksg_mutual_info(col, yc, k=k) computes it.
                result = target.score(col, MODES["ksg1"], k, jobs)
                warn_ties(result[2], n)
                return kernel_mean(result)

            return continuous_task

        def discrete_task(jobs: int) -> float:
            codes = discrete_codes(fm.column(j), fm.names[j] if fm.names is not None else j)
            if discrete_target:
                return mi_discrete(codes, y_codes)
            if not _has_repeated_label(codes):
                return 0.0
            return mi_mixed(yc, codes, k=k, n_jobs=jobs)

        return discrete_task

    mi = run_tasks([task_for(j) for j in range(p)], threads)
    # Clip as scikit-learn does: these scores must match its numbers.
    return np.maximum(mi, 0.0)


_SHARED_PARAMS = (
    DISCRETE_FEATURES_DOC
    + """    n_neighbors : int, default=3
        ``k`` of the kNN estimators. Larger values lower the variance and
        raise the bias.
    copy : bool, default=True
        Accepted for compatibility. infokit never writes into ``X`` (scikit-learn
        overwrites it when ``copy=False``); continuous columns are always scaled
        into a private copy.
    random_state : int, RandomState, Generator or None, default=None
        Seeds the jitter added to continuous columns against ties.
    n_jobs : int or None, default=None
        Threads: None -> 1, -1 -> all cores. Work is split over features (or
        over kNN queries when there are fewer features than threads); the
        result does not depend on ``n_jobs``.
"""
)


def mutual_info_regression(
    X: ArrayLike,
    y: ArrayLike,
    *,
    discrete_features: Any = "auto",
    n_neighbors: int = 3,
    copy: bool = True,
    random_state: Any = None,
    n_jobs: int | None = None,
) -> np.ndarray:
    """Mutual information between each feature and a continuous target, in nats.

    A drop-in for :func:`sklearn.feature_selection.mutual_info_regression`:
    same signature, same estimators, same numbers on tie-free data, and usable
    as ``score_func`` in ``SelectKBest``.

    For a continuous feature ``x`` the Kraskov–Stögbauer–Grassberger estimator
    1 is used on the max-norm joint space of ``(x, y)``::

        I(X; Y) = psi(k) + psi(n) - < psi(n_x(i) + 1) + psi(n_y(i) + 1) >

    where ``rho_i`` is the distance from point ``i`` to its ``k``-th joint
    neighbour and ``n_x(i) = #{j != i : |x_j - x_i| < rho_i}`` (likewise
    ``n_y``). For a discrete feature, Ross's (2014) estimator with the roles
    swapped (the target is the continuous variable). Negative estimates are
    replaced by 0, as scikit-learn does.

    Continuous columns and ``y`` are scaled to unit standard deviation (no
    centering) and receive ``1e-10 * N(0, 1)`` jitter against ties. Unlike
    scikit-learn, whose jitter is ``1e-10 * max(1, mean|x|)``, the jitter here
    is proportional to the column's standard deviation, so shifting a column by
    a constant (say 1e8) leaves its score unchanged (scikit-learn#30772).

    Parameters
    ----------
    X : array-like, sparse matrix or DataFrame, shape (n_samples, n_features)
        Features. Must be numeric and finite.
    y : array-like or Series, shape (n_samples,)
        Continuous target.
    %(shared)s
    Returns
    -------
    mi : ndarray of float64, shape (n_features,)
        Estimated MI of each feature with ``y`` in nats, clipped at 0. A
        constant feature (or a constant ``y``) scores exactly 0.

    Raises
    ------
    ValueError
        ``X`` not 2-D, empty, or holding NaN / inf; lengths of ``X`` and ``y``
        differ; ``n_neighbors >= n_samples`` with a continuous feature; an
        invalid ``discrete_features``; sparse ``X`` with continuous features.

    Notes
    -----
    Complexity: ``O(n)`` per continuous feature (radix sort, a rank-space grid
    for the joint neighbours, sorted marginals for the counts; ``y`` is sorted
    once for all features), ``O(n)`` extra memory per thread.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.feature_selection import mutual_info_regression
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(2000, 3))
    >>> y = X[:, 0] + 0.5 * rng.normal(size=2000)
    >>> mi = mutual_info_regression(X, y, random_state=0)
    >>> mi.shape, int(np.argmax(mi))
    ((3,), 0)
    >>> # Gaussian closed form: I = -0.5 * log(1 - rho^2), rho^2 = 1 / 1.25
    >>> bool(abs(mi[0] - 0.5 * np.log(5)) < 0.05)
    True
    """
    return _estimate_mi(
        X,
        y,
        discrete_features=discrete_features,
        discrete_target=False,
        n_neighbors=n_neighbors,
        copy=copy,
        random_state=random_state,
        n_jobs=n_jobs,
    )


def mutual_info_classif(
    X: ArrayLike,
    y: ArrayLike,
    *,
    discrete_features: Any = "auto",
    n_neighbors: int = 3,
    copy: bool = True,
    random_state: Any = None,
    n_jobs: int | None = None,
) -> np.ndarray:
    """Mutual information between each feature and a class label, in nats.

    A drop-in for :func:`sklearn.feature_selection.mutual_info_classif`: same
    signature, same estimators, same numbers on tie-free data, and usable as
    ``score_func`` in ``SelectKBest``.

    For a continuous feature ``x``, Ross's (2014) estimator::

        I(X; Y) = psi(n) + < psi(k_i) > - < psi(N_{y_i}) > - < psi(m_i) >

    where ``N_{y_i}`` is the size of point ``i``'s class, ``k_i = min(k,
    N_{y_i} - 1)``, ``d_i`` the distance to its ``k_i``-th neighbour within the
    class and ``m_i`` the number of points of any class closer than ``d_i``
    (``i`` included). Points whose class has a single member are left out. For a
    discrete feature, the plug-in MI of the contingency table
    ``sum p(a, b) log(p(a, b) / (p(a) p(b)))``. Negative estimates are replaced
    by 0, as scikit-learn does.

    Continuous columns are scaled to unit standard deviation and receive
    ``1e-10 * N(0, 1)`` jitter; see :func:`mutual_info_regression` for why the
    jitter is proportional to the standard deviation (scikit-learn#30772).

    Parameters
    ----------
    X : array-like, sparse matrix or DataFrame, shape (n_samples, n_features)
        Features. Must be numeric and finite.
    y : array-like or Series, shape (n_samples,)
        Class labels (ints, strings, bools, whole-number floats).
    %(shared)s
    Returns
    -------
    mi : ndarray of float64, shape (n_features,)
        Estimated MI of each feature with ``y`` in nats, clipped at 0. When no
        class has two members, every continuous feature scores 0 (scikit-learn
        raises there, #13711).

    Raises
    ------
    ValueError
        As :func:`mutual_info_regression`, and when ``y`` is continuous
        (non-integer floats), like scikit-learn's check_classification_targets.

    Notes
    -----
    Complexity: ``O(n (k + m))`` per continuous feature (radix sort, then
    walks in sorted order within each class and across all points; the labels
    are grouped once for all features), ``O(n)`` per discrete feature (a
    contingency table of the label codes).

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.feature_selection import mutual_info_classif
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 2, size=2000)
    >>> X = np.column_stack([y + 0.3 * rng.normal(size=2000), rng.normal(size=2000)])
    >>> mi = mutual_info_classif(X, y, random_state=0)
    >>> bool(mi[0] > 0.5 > mi[1])   # well-separated classes: close to H(y) = log 2
    True
    """
    return _estimate_mi(
        X,
        y,
        discrete_features=discrete_features,
        discrete_target=True,
        n_neighbors=n_neighbors,
        copy=copy,
        random_state=random_state,
        n_jobs=n_jobs,
    )


for _f in (mutual_info_regression, mutual_info_classif):
    _f.__doc__ = (_f.__doc__ or "").replace("    %(shared)s\n", _SHARED_PARAMS.lstrip("\n"))
