"""The matrix of MI between every pair of columns of a data set."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from infokit._docstrings import COMMON, filler
from infokit._kernels.knn1d import KsgTarget1D
from infokit._parallel import map_tasks, run_tasks, task_seeds
from infokit._validation import (
    base_scale,
    check_bool,
    check_choice,
    check_int,
    check_random_state,
    resolve_n_jobs,
)
from infokit.estimate._knn_core import MODES, kernel_mean, warn_ties
from infokit.estimate._samples import check_k
from infokit.feature_selection._inputs import (
    DISCRETE_FEATURES_DOC,
    auto_discrete,
    check_features,
    continuous_block,
    discrete_codes,
    discrete_mask,
    scale_and_jitter,
)
from infokit.feature_selection._pairwise import LabelCodes, mi_continuous, mi_mixed

__all__ = ["mutual_info_matrix"]

MATRIX_METHODS = ("auto", "ksg", "ksg2", "histogram", "gaussian", "gcmi")
# Memory allowed for the shared sorted columns of mutual_info_matrix.
_SHARED_TARGET_BYTES = 512 * 2**20


@filler({**COMMON, "discrete_features": DISCRETE_FEATURES_DOC})
def mutual_info_matrix(
    X: ArrayLike,
    *,
    method: str = "auto",
    n_neighbors: int = 3,
    discrete_features: Any = "auto",
    base: float | None = None,
    clip: bool = False,
    random_state: Any = None,
    n_jobs: int | None = None,
    return_methods: bool = False,
    bins: Any = "auto",
) -> Any:
    """Mutual information between every pair of columns of ``X``.

        Entry ``[i, j]`` estimates ``I(X_i; X_j)`` with the estimator that fits
        the pair, as ``method="auto"`` of :func:`infokit.estimate.mutual_info`
        chooses it: KSG (estimator 1, or 2 with ``method="ksg2"``) for two
        continuous columns, Ross (2014) for a continuous and a discrete column,
        and the plug-in contingency-table MI
        ``sum p(a, b) log(p(a, b) / (p(a) p(b)))`` for two discrete columns
        (``return_methods=True`` returns the name of each pair's estimator too).

        The matrix is symmetric; each pair is estimated once. The **diagonal is
        NaN**: ``I(X; X) = H(X)`` is infinite for a continuous variable and a kNN
        estimator has no finite value for it, so the entry is "not estimated"
        rather than a number that could be read as a dependence (0 would read as
        "independent of itself"). NaN is skipped by ``np.nanmax``, pandas and
        heatmap plots; use :func:`infokit.estimate.entropy` for ``H(X)``.

        Continuous columns follow the kNN estimators' rules: each is scaled by
        the power of two nearest its inverse standard deviation (the max-norm of
        KSG needs comparable scales; exact, so unit-spread data is used bit for
        bit), and a column with tied values is spread uniformly over its
        resolution (the smallest gap between its values), which leaves the MI
        of gridded values unchanged, seeded by ``random_state``; adding a
        constant to a column changes nothing (unlike scikit-learn#30772).
        ``method="histogram"``, ``"gaussian"`` and ``"gcmi"`` take every pair
        from binned columns, one correlation matrix, or the normal scores of
        every column instead (label columns: the plug-in, and for ``"gcmi"``
        the class-conditional Gaussian-copula model against them).

        Parameters
        ----------
        X : array-like or DataFrame, shape (n_samples, n_features)
            Data. A DataFrame may mix float columns with label columns (ints,
            bools, strings, categoricals).
        method : {"auto", "ksg", "ksg2", "histogram", "gaussian", "gcmi"}, default="auto"
            The estimator of continuous pairs: kNN ("auto": "ksg"; Ross for
            continuous / label pairs), the plug-in on histogram bins, the
            Gaussian closed form (continuous columns only), or Gaussian-copula MI.
        n_neighbors : int, default=3
            ``k`` of the kNN estimators.
    %(discrete_features)s
        %(base)s
        clip : bool, default=False
            Replace negative estimates (kNN bias on independent pairs) by 0.
            Off by default so that averages over entries stay unbiased.
        random_state : int, Generator, RandomState or None
            Seeds the jitter.
        n_jobs : int or None
            Threads over pairs (None -> 1, -1 -> all cores). The result does not
            depend on ``n_jobs``.
        return_methods : bool, default=False
            Also return what ran for each pair.
        bins : int, str or sequence, default="auto"
            The bin rule of each continuous column for ``method="histogram"``
            (any rule of :func:`infokit.histogram_bin_edges`); unused otherwise.

        Returns
        -------
        ndarray of float64, shape (n_features, n_features), or DataFrame
            Symmetric matrix with a NaN diagonal; a DataFrame with the column
            names as index and columns when ``X`` is a DataFrame.
        methods : ndarray of str or DataFrame, same shape
            With ``return_methods``: ``"ksg"`` / ``"ksg2"``, ``"ross"`` or
            ``"discrete"`` (the plug-in) per pair, ``""`` on the diagonal.

        Raises
        ------
        ValueError
            ``X`` not 2-D or empty; NaN / inf in a column; ``n_neighbors >=
            n_samples`` with two or more continuous columns; bad
            ``discrete_features`` or ``method``.

        Notes
        -----
        Complexity: ``p (p - 1) / 2`` estimates, each ``O(n log n)`` (kNN pairs) or
        ``O(n)`` (discrete pairs); memory ``O(n p)`` for the prepared columns.

        Examples
        --------
        >>> import numpy as np
        >>> from infokit.feature_selection import mutual_info_matrix
        >>> rng = np.random.default_rng(0)
        >>> a = rng.normal(size=3000)
        >>> X = np.column_stack([a, a + 0.5 * rng.normal(size=3000), rng.normal(size=3000)])
        >>> M = mutual_info_matrix(X, random_state=0)
        >>> bool(np.isnan(M[0, 0])), bool(M[0, 1] == M[1, 0])
        (True, True)
        >>> # Gaussian closed form: I = -0.5 * log(1 - rho^2) = 0.5 * log(5) = 0.8047
        >>> bool(abs(M[0, 1] - 0.5 * np.log(5)) < 0.05), bool(abs(M[0, 2]) < 0.02)
        (True, True)
    """
    check_choice(method, "method", MATRIX_METHODS)
    variant = 2 if method == "ksg2" else 1
    return_methods = check_bool(return_methods, "return_methods")
    k = check_int(n_neighbors, "n_neighbors", minimum=1)
    scale = base_scale(base)
    clip = check_bool(clip, "clip")
    threads = resolve_n_jobs(n_jobs)
    rng = check_random_state(random_state)

    fm = check_features(X, accept_sparse=False, numeric=False)
    n, p = fm.shape
    names = fm.names
    mask = discrete_mask(discrete_features, p, auto=auto_discrete(fm, X), names=names)
    continuous = np.flatnonzero(~mask)
    if continuous.size >= 2:
        check_k(k, n, name="n_neighbors")

    block = continuous_block(fm.data, continuous, names)
    if method in ("histogram", "gaussian", "gcmi"):
        codes_of = {
            int(j): discrete_codes(fm.data[:, j], names[j] if names is not None else int(j))
            for j in np.flatnonzero(mask)
        }
        out = _pairs_without_knn(method, block.astype(np.float64, copy=False), continuous, codes_of, p, bins, threads)
        return _labelled(X, names, out * scale, mask, method, clip, return_methods)
    seeds = task_seeds(rng, continuous.size)
    # Each column is prepared once (on the thread pool) and shared by its p - 1 pairs.
    prepared = map_tasks(lambda s: scale_and_jitter(block[:, s], seeds[s]), range(continuous.size), threads)
    slot = np.full(p, -1)
    slot[continuous] = np.arange(continuous.size)
    codes: dict[int, np.ndarray] = {
        int(j): discrete_codes(fm.data[:, j], names[j] if names is not None else int(j)) for j in np.flatnonzero(mask)
    }
    # Ross's estimator needs a label with two members; without one the MI is 0.
    has_pairs = {j: c.size > 0 and int(np.bincount(c).max()) >= 2 for j, c in codes.items()}

    # Each continuous column is also sorted once and shared (read-only) as the
    # y of all its pairs, when that fits in a modest amount of memory (16 bytes
    # per value); the terms are those of ksg_mutual_info(x_i, x_j) bit for bit.
    targets: list[KsgTarget1D | None] = [None] * continuous.size
    if continuous.size * n * 16 <= _SHARED_TARGET_BYTES:

        def sorted_target(s: int) -> KsgTarget1D | None:
            col = prepared[s]
            return None if col is None else KsgTarget1D(col)

        targets = map_tasks(sorted_target, range(continuous.size), threads)

    def ksg_pair(xi: np.ndarray, target: KsgTarget1D, jobs: int) -> float:
        result = target.score(xi, MODES[f"ksg{variant}"], k, jobs)
        warn_ties(result[2], n)
        return kernel_mean(result)

    def task_for(i: int, j: int) -> Callable[[int], float]:
        si, sj = slot[i], slot[j]
        if si >= 0 and sj >= 0:
            xi, xj = prepared[si], prepared[sj]
            if xi is None or xj is None:  # a constant column
                return lambda jobs: 0.0
            target = targets[sj]
            if target is not None:
                return lambda jobs: ksg_pair(xi, target, jobs)
            return lambda jobs: mi_continuous(xi, xj, k=k, variant=variant, n_jobs=jobs)
        c, d = (prepared[si], j) if si >= 0 else (prepared[sj], i)
        if c is None or not has_pairs[d]:
            return lambda jobs: 0.0
        return lambda jobs: mi_mixed(c, codes[d], k=k, n_jobs=jobs)

    iu, ju = np.triu_indices(p, k=1)
    estimated = (slot[iu] >= 0) | (slot[ju] >= 0)  # label pairs come from one kernel call
    iu, ju = iu[estimated], ju[estimated]
    values = run_tasks([task_for(int(i), int(j)) for i, j in zip(iu, ju)], threads) * scale
    if clip:
        values = np.maximum(values, 0.0)
    out = np.full((p, p), np.nan)
    out[iu, ju] = values
    out[ju, iu] = values
    _fill_label_pairs(out, codes, threads, scale)
    return _labelled(X, names, out, mask, "ksg2" if variant == 2 else "ksg", False, return_methods)


def _labelled(
    X: Any, names: list[Any] | None, out: np.ndarray, mask: np.ndarray, method: str, clip: bool, return_methods: bool
) -> Any:
    """The matrix (clipped if asked), the estimator of each pair, labelled for a DataFrame."""
    if clip:
        out = np.where(np.isnan(out), np.nan, np.maximum(out, 0.0))
    kinds = np.where(mask, 1, 0)
    mixed = {"ksg": "ross", "ksg2": "ross", "histogram": "histogram", "gcmi": "gcmi"}.get(method, "")
    ran = np.array(["", method, mixed, "discrete"])
    methods = ran[1 + kinds[:, None] + kinds[None, :]]
    np.fill_diagonal(methods, "")
    if names is not None:
        import pandas as pd

        index = getattr(X, "columns", None)
        out, methods = pd.DataFrame(out, index=index, columns=index), pd.DataFrame(methods, index=index, columns=index)
    return (out, methods) if return_methods else out


def _pairs_without_knn(
    method: str,
    block: np.ndarray,
    continuous: np.ndarray,
    codes: dict[int, np.ndarray],
    p: int,
    bins: Any,
    threads: int,
) -> np.ndarray:
    """All pairs by the histogram, Gaussian or Gaussian-copula estimator (nats, NaN diagonal)."""
    out = np.full((p, p), np.nan)
    cont = [int(c) for c in continuous]
    disc = sorted(codes)
    if method == "gaussian" and disc:
        raise ValueError(
            "method='gaussian' takes continuous columns only; the discrete columns "
            f"{disc} need method='gcmi' (class-conditional Gaussian copula) or 'histogram'"
        )
    if method == "histogram":
        from infokit._histogram import bin_codes, histogram_bin_edges

        binned = {
            j: bin_codes([block[:, s]], [histogram_bin_edges(block[:, s], bins=bins)]) for s, j in enumerate(cont)
        }
        _fill_label_pairs(out, {**binned, **codes}, threads)
        return out
    if cont:
        if method == "gaussian":
            from infokit.dist import gaussian_mi_from_rho

            with np.errstate(invalid="ignore", divide="ignore"):
                r = np.corrcoef(block, rowvar=False).reshape(len(cont), len(cont))
            sub = np.where(np.isfinite(r), gaussian_mi_from_rho(np.clip(np.nan_to_num(r), -1.0, 1.0)), 0.0).astype(
                np.float64
            )
        else:
            from infokit.dist import gaussian_mi_from_rho
            from infokit.estimate import copnorm, gcmi_scores

            # One pass: the normal scores of every column, one correlation matrix.
            # For 1-D pairs GCMI is -0.5 log(1 - r^2) of the normal scores less a
            # bias correction that depends on n only; it is read off the first
            # column's gcmi_scores, so each entry is gcmi_scores' value (to rounding).
            r = np.corrcoef(copnorm(block, axis=0), rowvar=False).reshape(len(cont), len(cont))
            sub = np.asarray(gaussian_mi_from_rho(np.clip(r, -1.0, 1.0)), dtype=np.float64)
            if len(cont) > 1:
                first = gcmi_scores(block, block[:, 0], n_jobs=threads)
                sub = sub - float(np.mean(sub[1:, 0] - first[1:]))
        upper = np.triu(sub, 1)
        out[np.ix_(cont, cont)] = upper + upper.T  # exactly symmetric: one value per pair
        if disc:
            from infokit.estimate import gcmi_scores
        for d in disc:
            column = gcmi_scores(block, codes[d], n_jobs=threads)
            out[cont, d] = out[d, cont] = column
    _fill_label_pairs(out, codes, threads)
    np.fill_diagonal(out, np.nan)
    return out


def _fill_label_pairs(out: np.ndarray, codes: dict[int, np.ndarray], threads: int, scale: float = 1.0) -> None:
    """Plug-in MI of every pair of label columns into ``out`` (symmetric; the diagonal is left alone).

    One call of the compiled pair kernel computes every pair's joint entropy
    (a dense count table per pair while it stays small, sorted cell keys past
    that), on the thread pool: 200 columns of 8 levels x 1000 rows in ~20 ms,
    where a one-hot count product costs a 1600 x 1000 x 1600 GEMM.
    """
    if len(codes) < 2:
        return
    keys = np.array(sorted(codes))
    mi = LabelCodes([codes[int(k)] for k in keys], n_jobs=threads).mi_matrix() * scale
    np.fill_diagonal(mi, np.nan)
    ix = np.ix_(keys, keys)
    out[ix] = np.where(np.isnan(mi), out[ix], mi)
