"""Greedy multivariate feature selection by mutual information.

One engine for every criterion of :mod:`._criteria`: at each step the terms
of the feature just selected against every candidate are computed once and
cached, the criterion is evaluated from the cache, and the best candidate
(lowest index on ties) joins the selected set.

Three term backends:

* all features and the target discrete: plug-in joint entropies from the
  compiled pair kernel (:func:`infokit._kernels.discrete.pair_entropies`):
  narrow codes read in place, one counting pass per candidate into a small
  dense table (sorted cell keys when the alphabets are large), candidates
  split over threads;
* all features continuous (1-D columns): KSG on the rank-grid fast path,
  every column (and its restriction to each class of a discrete target)
  sorted once up front and paired as target or candidate without sorting
  again; with a discrete target the conditional terms are class-wise KSG
  estimates;
* otherwise: the front doors of :mod:`infokit.estimate` per term, with
  ``method=estimator`` (``"auto"``: each pair's kinds decide, as in
  :func:`infokit.estimate.mutual_info`), candidates in parallel, each term on
  one thread with its own seed, so results do not depend on ``n_jobs``.

The min-type criteria (CMIM, JMIM) run with Fleuret's lazy evaluation
(Fleuret, JMLR 2004) on the discrete and continuous backends: each
candidate keeps its partial score, the minimum of its terms over the selected
features evaluated so far, an upper bound of its full score; each step visits
the candidates by decreasing partial score (lowest index first on ties) and
adds a candidate's missing terms only while its partial score can still beat
the best fully updated score. The selections and scores are the eager
engine's, bit for bit: the same terms from the same formulas, and the same
tie rule. The estimated backend, whose terms are seeded per step, stays eager.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from infokit._docstrings import COMMON, filler
from infokit._kernels.knn1d import KsgTarget1D, RossLabels1D, SortedColumn1D
from infokit._parallel import map_tasks, run_tasks, task_seeds
from infokit._validation import (
    TiesWarning,
    base_scale,
    check_choice,
    check_random_state,
    is_discrete,
    quiet,
    resolve_n_jobs,
    warn,
)
from infokit.estimate import conditional_mutual_info, mutual_info, resolve_method
from infokit.estimate._knn_core import MODES, kernel_mean
from infokit.estimate._registry import lookup, methods
from infokit.estimate._samples import check_k, is_constant, jitter, power_of_two_scale
from infokit.feature_selection._criteria import CRITERIA, MRMR_QUOTIENT_FLOOR, Terms, criterion_scores
from infokit.feature_selection._inputs import (
    DISCRETE_FEATURES_DOC,
    auto_discrete,
    check_features,
    continuous_block,
    discrete_codes,
    discrete_mask,
)
from infokit.feature_selection._pairwise import LabelCodes

__all__ = ["SelectionResult", "select_features"]

# A selected feature's mean redundancy below this (nats) makes the quotient
# r / R an artefact of estimation noise: mrmr_quotient warns.
QUOTIENT_WARN_REDUNDANCY = 1e-3


class SelectionResult(NamedTuple):
    """Result of :func:`select_features`."""

    #: Selected column indices, in selection order.
    ranking: np.ndarray
    #: The criterion's value for each selected feature, when it was selected.
    scores: np.ndarray
    #: ``I(X_k; Y)`` of every feature.
    relevance: np.ndarray
    #: The criterion that ran.
    criterion: str
    #: Selected column names (DataFrame input), else None.
    names: list[Any] | None


def _entropies_of_codes(codes: np.ndarray, n_levels: int, xlogx: Callable[[np.ndarray], np.ndarray]) -> float:
    counts = np.bincount(codes, minlength=n_levels)
    n = codes.size
    return math.log(n) - float(xlogx(counts).sum()) / n


class _DiscreteTerms:
    """Plug-in terms of label codes: every candidate of a step in one call of the pair kernel.

    The codes are held once as a (p, n) matrix of the narrowest dtype that fits
    the largest alphabet, which the kernel reads in place; candidates already
    selected are skipped (their rows of the new term columns are NaN, never read).
    """

    def __init__(self, codes: list[np.ndarray], y: np.ndarray, need_joint_entropy: bool, n_jobs: int) -> None:
        self.labels = LabelCodes(codes, y, n_jobs=n_jobs)
        self.levels, self.ly, self.n = self.labels.levels, self.labels.ly, self.labels.n
        self.y = y
        table = self.labels.xlogx

        def xlogx(counts: np.ndarray) -> np.ndarray:
            inside = counts < table.size
            if inside.all():
                return table[counts]
            return np.where(inside, table[np.minimum(counts, table.size - 1)], counts * np.log(np.maximum(counts, 1)))

        self._xlogx = xlogx
        self.need_joint_entropy = need_joint_entropy
        self.selected = np.zeros(len(codes), dtype=bool)
        self.hy = _entropies_of_codes(y, self.ly, self._xlogx)
        # H(X_k) and H(X_k Y) are H(X_k X_k) and H(X_k X_k Y): one kernel call
        # for the columns whose (x_k, x_k, y) table is dense, a bincount each
        # for the others (their sorted-key fallback would cost n log n).
        self.h, self.hxy = np.empty(len(codes)), np.empty(len(codes))
        dense = self.levels * self.levels * self.ly <= self.labels.max_dense_cells
        ks = np.flatnonzero(dense)
        self.h[ks], hxy = self.pair_entropies(ks, ks, True)
        assert hxy is not None
        self.hxy[ks] = hxy
        for k in np.flatnonzero(~dense):
            c, L = codes[k], int(self.levels[k])
            self.h[k] = _entropies_of_codes(c, L, self._xlogx)
            self.hxy[k] = _entropies_of_codes(c * self.ly + y, L * self.ly, self._xlogx)

    def relevance(self) -> np.ndarray:
        return self.h + self.hy - self.hxy

    def pair_entropies(self, ks: np.ndarray, js: np.ndarray, with_y: bool) -> tuple[np.ndarray, np.ndarray | None]:
        """``H(X_k X_j)`` and (``with_y``) ``H(X_k X_j Y)`` for each pair ``(ks[i], js[i])``."""
        return self.labels.pair_entropies(ks, js, with_y)

    def pair_terms(self, ks: np.ndarray, js: np.ndarray, conditional: bool) -> tuple[np.ndarray, np.ndarray]:
        """``I(X_k; X_j)`` and ``I(X_k; X_j | Y)`` (NaN unless asked) for each pair."""
        hkj, hkjy = self.pair_entropies(ks, js, conditional)
        redundancy = self.h[ks] + self.h[js] - hkj
        if hkjy is None:
            return redundancy, np.full(ks.size, np.nan)
        return redundancy, self.hxy[ks] + self.hxy[js] - hkjy - self.hy

    def column(self, j: int, conditional: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """``I(X_k; X_j)``, ``I(X_k; X_j | Y)`` (NaN unless asked) and ``H(X_k X_j Y)`` for every k."""
        self.selected[j] = True
        p = len(self.levels)
        ks = np.flatnonzero(~self.selected)
        redundancy, cond, hkjy = np.full(p, np.nan), np.full(p, np.nan), np.full(p, np.nan)
        hkj, triple = self.pair_entropies(ks, np.full(ks.size, j), conditional)
        redundancy[ks] = self.h[ks] + self.h[j] - hkj
        if triple is None:
            return redundancy, cond, None
        cond[ks] = self.hxy[ks] + self.hxy[j] - triple - self.hy
        hkjy[ks] = triple
        return redundancy, cond, hkjy if self.need_joint_entropy else None


class _Knn1DTerms:
    """KSG terms of one-dimensional continuous columns, on the rank-grid fast path.

    Every column is sorted once (``SortedColumn1D``), and so is its restriction
    to each class of a discrete target: each step pairs the newly selected
    column, as the shared target (``KsgTarget1D``), with every candidate not yet
    selected, as :func:`~infokit.feature_selection.mutual_info_regression`
    scores features against its target, without sorting anything again. With a
    discrete target the conditional terms use ``I(X_k; X_j | Y) = sum_c p(c)
    I(X_k; X_j | Y = c)``, KSG within each class; classes with fewer than
    ``k + 2`` rows cannot host a kNN estimate and carry weight 0 (announced
    once). With a continuous target they are Frenzel–Pompe estimates.
    """

    def __init__(self, columns: list[np.ndarray], y: np.ndarray, target_discrete: bool, *, k: int, n_jobs: int) -> None:
        self.columns, self.y, self.k, self.n_jobs = columns, y, k, n_jobs
        self.target_discrete = target_discrete
        self.selected = np.zeros(len(columns), dtype=bool)
        # A constant column carries no information: every term it enters is 0,
        # as the front doors return. (The kNN kernels would see only zero
        # distances in it and return a meaningless value: Ross's reads
        # psi(n) - <psi(n_c)> + psi(k) - psi(1), ~2 nats.)
        self.constant = np.array([is_constant(c) for c in columns], dtype=bool)
        n = len(y)
        self.sorted = map_tasks(SortedColumn1D, columns, n_jobs)
        if target_discrete:
            counts = np.bincount(y)
            self.labels = RossLabels1D(y, len(counts))
            order = np.argsort(y, kind="stable")
            bounds = np.concatenate([[0], np.cumsum(counts)])
            classes = [order[bounds[c] : bounds[c + 1]] for c in range(len(counts)) if counts[c] >= k + 2]
            self.classes = classes
            self.weights = [len(idx) / n for idx in classes]
            self._class_columns: list[list[SortedColumn1D]] | None = None
            if sum(len(idx) for idx in classes) < n:
                warn(
                    f"classes with fewer than k + 2 = {k + 2} rows cannot host a kNN estimate of I(X_k; X_j | Y = c): "
                    "they carry weight 0 in the conditional terms (JMI, CMIM, ...)",
                    UserWarning,
                )
        else:
            self.target = KsgTarget1D(y)

    def class_columns(self) -> list[list[SortedColumn1D]]:
        """Each column restricted to each class, sorted once (first asked by a conditional term)."""
        if self._class_columns is None:

            def restricted(idx: np.ndarray) -> list[SortedColumn1D]:
                return map_tasks(lambda col: SortedColumn1D(np.ascontiguousarray(col[idx])), self.columns, self.n_jobs)

            self._class_columns = [restricted(idx) for idx in self.classes]
        return self._class_columns

    def _scores(self, target: KsgTarget1D, sorted_columns: list[SortedColumn1D], ks: np.ndarray) -> np.ndarray:
        mode, k = MODES["ksg1"], self.k

        def task(col: SortedColumn1D) -> Callable[[int], float]:
            return lambda jobs: kernel_mean(target.score(col, mode, k, jobs))

        return run_tasks([task(sorted_columns[i]) for i in ks], self.n_jobs)

    def _pair_scores(self, sorted_columns: list[SortedColumn1D], ks: np.ndarray, js: np.ndarray) -> np.ndarray:
        """KSG of each pair (ks[i], js[i]); the target of a pair costs no sort (shared, sorted once)."""
        mode, k = MODES["ksg1"], self.k

        def task(a: int, b: int) -> Callable[[int], float]:
            return lambda jobs: kernel_mean(KsgTarget1D(sorted_columns[b]).score(sorted_columns[a], mode, k, jobs))

        return run_tasks([task(int(a), int(b)) for a, b in zip(ks, js)], self.n_jobs)

    def relevance(self) -> np.ndarray:
        if self.target_discrete:
            labels, k = self.labels, self.k

            def ross(col: np.ndarray) -> Callable[[int], float]:
                return lambda jobs: kernel_mean(labels.score(col, k, jobs))

            out = np.zeros(len(self.columns))
            live = np.flatnonzero(~self.constant)
            out[live] = run_tasks([ross(self.columns[i]) for i in live], self.n_jobs)
            return out
        out = np.zeros(len(self.columns))
        live = np.flatnonzero(~self.constant)
        out[live] = self._scores(self.target, self.sorted, live)
        return out

    def pair_terms(self, ks: np.ndarray, js: np.ndarray, conditional: bool) -> tuple[np.ndarray, np.ndarray]:
        """``I(X_k; X_j)`` and ``I(X_k; X_j | Y)`` (NaN unless asked) for each pair ``(ks[i], js[i])``."""
        live = np.flatnonzero(~(self.constant[ks] | self.constant[js]))  # pairs with a constant column are 0
        ks_live, js_live = ks[live], js[live]
        redundancy = np.zeros(ks.size)
        redundancy[live] = self._pair_scores(self.sorted, ks_live, js_live)
        if not conditional:
            return redundancy, np.full(ks.size, np.nan)
        cond = np.zeros(ks.size)
        if self.target_discrete:
            for cols, w in zip(self.class_columns(), self.weights):
                cond[live] += w * self._pair_scores(cols, ks_live, js_live)
            return redundancy, cond
        y, k = self.y, self.k

        def frenzel_pompe(a: int, b: int) -> Callable[[int], float]:
            return lambda jobs: float(
                conditional_mutual_info(self.columns[a], self.columns[b], y, method="ksg", k=k, noise=None, n_jobs=jobs)
            )

        cond[live] = run_tasks([frenzel_pompe(int(a), int(b)) for a, b in zip(ks_live, js_live)], self.n_jobs)
        return redundancy, cond

    def column(self, j: int, conditional: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        # Candidates already selected are skipped: their rows are NaN, never read.
        self.selected[j] = True
        p = len(self.columns)
        ks = np.flatnonzero(~self.selected)
        redundancy, cond = np.full(p, np.nan), np.full(p, np.nan)
        redundancy[ks], cond[ks] = self.pair_terms(ks, np.full(ks.size, j), conditional)
        return redundancy, cond, None


class _EstimatedTerms:
    """Terms from the front doors of infokit.estimate, one estimate per (candidate, selected) pair."""

    def __init__(
        self,
        columns: list[np.ndarray],
        y: np.ndarray,
        *,
        estimator: str,
        options: dict[str, Any],
        rng: np.random.Generator,
        n_jobs: int,
    ) -> None:
        self.columns, self.y = columns, y
        self.estimator, self.options = estimator, options
        self.rng, self.n_jobs = rng, n_jobs

    def _seeded(self, fn: Callable[..., float], *data: np.ndarray, seed: int) -> float:
        quantity = "mutual_info" if len(data) == 2 else "conditional_mutual_info"
        method = lookup(quantity, resolve_method(quantity, *data, method=self.estimator))
        opts = {name: value for name, value in self.options.items() if name in method.options}
        if "random_state" in method.options:
            opts["random_state"] = seed
        if "n_jobs" in method.options:
            opts["n_jobs"] = 1
        with quiet(TiesWarning):  # label columns are spread by design; said once in the docstring
            return float(fn(*data, method=method.name, **opts))

    def relevance(self) -> np.ndarray:
        seeds = task_seeds(self.rng, len(self.columns))
        return np.array(
            map_tasks(
                lambda k: self._seeded(mutual_info, self.columns[k], self.y, seed=int(seeds[k])),
                range(len(self.columns)),
                self.n_jobs,
            )
        )

    def column(self, j: int, conditional: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        p = len(self.columns)
        seeds = task_seeds(self.rng, 2 * p)

        def terms(k: int) -> tuple[float, float]:
            if k == j:
                return math.nan, math.nan
            a, b = self.columns[k], self.columns[j]
            r = self._seeded(mutual_info, a, b, seed=int(seeds[2 * k]))
            c = (
                self._seeded(conditional_mutual_info, a, b, self.y, seed=int(seeds[2 * k + 1]))
                if conditional
                else math.nan
            )
            return r, c

        pairs = map_tasks(terms, range(p), self.n_jobs)
        return np.array([t[0] for t in pairs]), np.array([t[1] for t in pairs]), None


class _LazyMin:
    """Fleuret's lazy evaluation of the min-type criteria (CMIM, JMIM).

    A candidate's score is a minimum over the selected features, so the
    minimum over the first ``m_k`` of them (its partial score) bounds it from
    above and only falls as terms are added. Each step visits the candidates
    in order of partial score (highest first, lowest index on ties) and adds a
    candidate's missing terms only while its partial score can still beat the
    best fully updated one; a candidate that cannot (a lower bound, or an equal
    bound and a higher index) ends the visit, since every later one has a
    bound no higher. The terms come from the same backend formulas as the
    eager columns, so selections and scores are the eager engine's, bit for
    bit. The second pick (one selected feature, no bound yet) is eager.
    """

    CRITERIA = ("cmim", "jmim")

    @staticmethod
    def supports(source: Any) -> bool:
        # Backends whose pair terms do not depend on the order they are asked
        # in (the estimated backend seeds its terms per step).
        return hasattr(source, "pair_terms")

    def __init__(self, criterion: str, source: Any, relevance: np.ndarray) -> None:
        self.criterion, self.source, self.relevance = criterion, source, relevance
        self.selected: list[int] = []
        self.partial = np.empty(0)
        self.count = np.empty(0, dtype=np.int64)

    def _values(self, k: int, js: np.ndarray, redundancy: np.ndarray, cond: np.ndarray) -> np.ndarray:
        # The expressions of _criteria._cmim / _jmim, in the same order: the same bits.
        if self.criterion == "cmim":
            return self.relevance[k] - redundancy + cond
        return self.relevance[js] + self.relevance[k] - redundancy + cond

    def start(self, terms: Terms) -> None:
        """Take the eager terms of the first selected feature as every candidate's partial score."""
        self.selected = list(terms.selected)
        self.partial = CRITERIA[self.criterion].score(terms, 1.0, 1.0)
        self.count = np.full(len(self.relevance), len(self.selected), dtype=np.int64)

    def pick(self, available: np.ndarray) -> tuple[int, float]:
        """The best available candidate (lowest index on ties) and its full score."""
        p = len(self.relevance)
        partial, count, m = self.partial, self.count, len(self.selected)
        order = np.lexsort((np.arange(p), -partial))
        best, best_value = -1, -math.inf
        for k in (int(i) for i in order):
            if not available[k]:
                continue
            bound = partial[k]
            if best >= 0 and (bound < best_value or (bound == best_value and k > best)):
                break
            if count[k] < m:
                js = np.array(self.selected[count[k] :], dtype=np.int64)
                redundancy, cond = self.source.pair_terms(np.full(js.size, k, dtype=np.int64), js, True)
                partial[k] = min(bound, float(self._values(k, js, redundancy, cond).min()))
                count[k] = m
            if partial[k] > best_value or (partial[k] == best_value and k < best) or best < 0:
                best, best_value = k, float(partial[k])
        return best, best_value


def _check_k_features(n_features_to_select: Any, p: int) -> int | None:
    """An int in [1, p], or None for "auto"."""
    if isinstance(n_features_to_select, str) and n_features_to_select == "auto":
        return None
    if isinstance(n_features_to_select, bool) or not isinstance(n_features_to_select, numbers.Integral):
        raise TypeError(f"n_features_to_select must be an int or 'auto', got {n_features_to_select!r}")
    k = int(n_features_to_select)
    if not 1 <= k <= p:
        raise ValueError(f"n_features_to_select must be in [1, n_features] = [1, {p}], got {k}")
    return k


def _check_weight(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite real >= 0, got {value!r}")
    return float(value)


@dataclass
class _Prepared:
    terms: _DiscreteTerms | _EstimatedTerms | _Knn1DTerms
    names: list[Any] | None
    p: int


def _prepare(
    X: Any,
    y: Any,
    *,
    discrete_features: Any,
    discrete_target: Any,
    estimator: str,
    need_joint_entropy: bool,
    options: dict[str, Any],
    rng: np.random.Generator,
    n_jobs: int,
) -> _Prepared:
    from infokit.feature_selection._inputs import _as_1d  # the target's one shape rule

    fm = check_features(X, accept_sparse=False, numeric=False)
    n, p = fm.shape
    mask = discrete_mask(discrete_features, p, auto=auto_discrete(fm, X), names=fm.names)
    target = _as_1d(y, "y")
    if len(target) != n:
        raise ValueError(f"X and y have different numbers of samples: {n} and {len(target)}")
    if isinstance(discrete_target, str) and discrete_target == "auto":
        target_discrete = is_discrete(target)
    elif isinstance(discrete_target, (bool, np.bool_)):
        target_discrete = bool(discrete_target)
    else:
        raise ValueError(f"discrete_target must be 'auto' or a bool, got {discrete_target!r}")
    names = fm.names
    if target_discrete:
        y_arr = discrete_codes(target, "y")
    else:
        y_arr = continuous_block(target.reshape(-1, 1), np.array([0]), ["y"]).astype(np.float64).ravel()
    continuous = np.flatnonzero(~mask)
    block = continuous_block(fm.data, continuous, names)
    slot = {int(c): i for i, c in enumerate(continuous)}
    codes: dict[int, np.ndarray] = {}
    # The discrete columns as contiguous rows, 64 at a time: a strided column
    # costs the label encoder one cache line per value, several times the
    # transpose, and blocks bound the transposed copy.
    discrete = np.flatnonzero(mask)
    for lo in range(0, discrete.size, 64):
        chunk = discrete[lo : lo + 64]
        rows = np.ascontiguousarray(fm.data[:, chunk].T)
        for j, row in zip(chunk, rows):
            codes[int(j)] = discrete_codes(row, names[j] if names is not None else int(j))
    columns = [codes[j] if mask[j] else np.ascontiguousarray(block[:, slot[j]], dtype=np.float64) for j in range(p)]
    if estimator == "auto" and target_discrete and bool(mask.all()):
        terms: _DiscreteTerms | _EstimatedTerms | _Knn1DTerms = _DiscreteTerms(
            columns, y_arr, need_joint_entropy, n_jobs
        )
    elif estimator in ("auto", "ksg") and not mask.any() and set(options) <= {"k"} and not need_joint_entropy:
        # Continuous columns: the tie contract once per column (one warning naming
        # every tied column), then the sorted-target fast path.
        k = int(options.get("k", 3))
        labels = [str(nm) for nm in names] if names is not None else [f"X[:, {j}]" for j in range(p)]
        prepared = jitter([c.reshape(-1, 1) for c in columns], "auto", rng, labels)
        prepared, _ = power_of_two_scale(prepared)  # comparable spreads, as the front doors use
        cols = [np.ascontiguousarray(c[:, 0]) for c in prepared]
        if not target_discrete:
            (yj,) = jitter([y_arr.reshape(-1, 1)], "auto", rng, ["y"])
            (yj,), _ = power_of_two_scale([yj])
            y_arr = np.ascontiguousarray(yj[:, 0])
        check_k(k, n, name="k")
        terms = _Knn1DTerms(cols, y_arr, target_discrete, k=k, n_jobs=n_jobs)
    else:
        if need_joint_entropy:
            raise ValueError("criterion='disr' needs joint entropies: it runs on discrete features and target only")
        terms = _EstimatedTerms(columns, y_arr, estimator=estimator, options=options, rng=rng, n_jobs=n_jobs)
    return _Prepared(terms, names, p)


@filler({**COMMON, "discrete_features": DISCRETE_FEATURES_DOC})
def select_features(
    X: ArrayLike,
    y: ArrayLike,
    *,
    criterion: str = "jmi",
    n_features_to_select: int | str = 10,
    estimator: str = "auto",
    discrete_features: Any = "auto",
    discrete_target: Any = "auto",
    beta: float = 1.0,
    gamma: float = 1.0,
    base: float | None = None,
    random_state: Any = None,
    n_jobs: int | None = None,
    **options: Any,
) -> SelectionResult:
    """Select features greedily by a mutual-information criterion.

        At each step the candidate with the best criterion value joins the
        selected set S; the first is the most relevant, ``argmax I(X_k; Y)``.
        Criteria (Brown, Pocock, Zhao & Luján, JMLR 2012), with ``r_k = I(X_k;
        Y)``, ``R_kj = I(X_k; X_j)`` and ``C_kj = I(X_k; X_j | Y)``:

        * ``"mim"``: ``r_k`` (univariate ranking);
        * ``"mifs"``: ``r_k - beta * sum_j R_kj``;
        * ``"mrmr"``: ``r_k - mean_j R_kj``; ``"mrmr_quotient"``: ``r_k / mean_j
          R_kj`` (the denominator floored at 1e-12, and a warning when a selected
          feature's mean redundancy is below 1e-3 nats: a redundancy near 0, as
          kNN estimates give for unrelated columns, makes any noise column win);
        * ``"jmi"``: ``sum_j I(X_k X_j; Y)``;
        * ``"cife"``: ``r_k - sum_j R_kj + sum_j C_kj``;
        * ``"cmim"``: ``min_j I(X_k; Y | X_j)``;
        * ``"icap"``: ``r_k - sum_j max(0, R_kj - C_kj)``;
        * ``"disr"``: ``sum_j I(X_k X_j; Y) / H(X_k X_j Y)`` (discrete data only);
        * ``"jmim"``: ``min_j I(X_k X_j; Y)``;
        * ``"beta_gamma"``: ``r_k - beta * sum_j R_kj + gamma * sum_j C_kj``.

        The criteria that reward conditional relevance (JMI, CMIM, CIFE, JMIM,
        DISR) see features that are informative only together: in ``y = x1 xor
        x2`` x2 carries nothing alone, so once x1 is selected JMI and CMIM pick
        x2 (``I(x2; Y | x1)`` is large), while mRMR, which never conditions on Y,
        sees a score of ~0 for x2 as for any noise column, and ICAP, which only
        subtracts redundancy, cannot credit the pair either. Conversely, against
        a selected feature a, mRMR scores an exact copy of a at ``I(a; Y) - H(a)
        <= 0``, so ``n_features_to_select="auto"`` never takes it, whereas JMI
        credits the copy with ``I(a a; Y) = I(a; Y) > 0`` and keeps it.

        Parameters
        ----------
        X : array-like or DataFrame, shape (n_samples, n_features)
        y : array-like, shape (n_samples,)
            The target: labels or continuous values (``discrete_target``).
        criterion : str, default "jmi"
            One of the names above.
        n_features_to_select : int or "auto", default 10
            How many to select; ``"auto"`` stops before the first feature whose
            criterion value is <= 0 (it adds no information by that criterion;
            for ``"mrmr_quotient"``, <= 1: relevance no larger than redundancy).
        estimator : str, default "auto"
            The MI estimator of every term. ``"auto"``: with discrete features and
            target, the plug-in from joint counts (every candidate of a step in
            one pass); otherwise the front doors of :mod:`infokit.estimate` with
            ``method="auto"`` per term (KSG, Ross or plug-in by the kinds of the
            pair; Frenzel–Pompe for the conditional terms). Any method name of
            :func:`infokit.estimate.mutual_info` that also estimates conditional
            MI (e.g. ``"ksg"``, ``"gkov"`` for MIM-type criteria) may be named.
    %(discrete_features)s
        discrete_target : "auto" or bool, default "auto"
            Whether y holds labels; "auto" applies the dtype rule.
        beta, gamma : float, default 1.0
            Weights of ``"mifs"`` (beta) and ``"beta_gamma"``.
        %(base)s
        random_state : None, int or Generator
            Seeds the jitter of the kNN terms (tied columns). The selection
            draws one stream for all its columns, so on tied data a relevance
            differs from ``mutual_info(X[:, j], y, random_state=...)`` by the
            jitter's noise (about 0.003 nats on breast_cancer's columns).
        n_jobs : int or None
            Threads over candidates; the result does not depend on it.
        **options
            Passed to the estimator of each term (e.g. ``k``).

        Returns
        -------
        SelectionResult
            ``ranking`` (column indices in selection order), ``scores`` (the
            criterion at each step), ``relevance`` (every feature), ``criterion``,
            ``names`` (column names for a DataFrame).

        Raises
        ------
        ValueError
            An unknown criterion; ``n_features_to_select`` outside ``[1,
            n_features]``; mismatched lengths; NaN in X or y; ``"disr"`` on
            continuous data.

        Notes
        -----
        Complexity: per step one term column (p estimates, or for discrete data
        one counting pass over ``p * n`` joint codes per term); K steps cost
        ``O(K p)`` estimates. Memory: the cached ``p x K`` term matrices.

        Examples
        --------
        >>> import numpy as np
        >>> from infokit.feature_selection import select_features
        >>> rng = np.random.default_rng(0)
        >>> X = rng.integers(0, 2, size=(2000, 6))
        >>> y = np.where(rng.random(2000) < 0.15, X[:, 1], X[:, 1] ^ X[:, 4])  # x4 counts only with x1
        >>> select_features(X, y, criterion="jmi", n_features_to_select=2).ranking.tolist()
        [1, 4]
        >>> select_features(X, y, criterion="mrmr", n_features_to_select=2).ranking.tolist()[1] == 4
        False
    """
    check_choice(criterion, "criterion", tuple(CRITERIA))
    spec = CRITERIA[criterion]
    beta = _check_weight(beta, "beta")
    gamma = _check_weight(gamma, "gamma")
    scale = base_scale(base)
    threads = resolve_n_jobs(n_jobs)
    rng = check_random_state(random_state)
    if not isinstance(estimator, str):
        raise TypeError(f"estimator must be a method name, got {estimator!r}")
    # Each term passes on the options its pair's method takes; one that no
    # method takes is a typo, not an option to drop silently.
    known = {o for q in ("mutual_info", "conditional_mutual_info") for m in methods(q) for o in lookup(q, m).options}
    unknown = sorted(set(options) - known - {"random_state", "n_jobs"})
    if unknown:
        raise TypeError(f"select_features got options no estimator takes: {', '.join(map(repr, unknown))}")
    prep = _prepare(
        X, y, discrete_features=discrete_features, discrete_target=discrete_target, estimator=estimator,
        need_joint_entropy=spec.needs_joint_entropy, options=options, rng=rng, n_jobs=threads,
    )  # fmt: skip
    p = prep.p
    k_max = _check_k_features(n_features_to_select, p)
    source = prep.terms
    relevance = source.relevance()
    terms = Terms(
        relevance, np.empty((p, 0)), np.empty((p, 0)), [], np.empty((p, 0)) if spec.needs_joint_entropy else None
    )
    available = np.ones(p, dtype=bool)
    ranking: list[int] = []
    scores: list[float] = []
    floored = False
    limit = k_max if k_max is not None else p
    lazy = (
        _LazyMin(criterion, source, relevance) if criterion in _LazyMin.CRITERIA and _LazyMin.supports(source) else None
    )
    while len(ranking) < limit:
        if lazy is not None and len(ranking) >= 2:
            best, value = lazy.pick(available)
        else:
            values = criterion_scores(criterion, terms, beta, gamma)
            values = np.where(available, values, -np.inf)
            best = int(np.argmax(values))  # first index among ties: deterministic
            value = float(values[best])
        # "auto" stops at no gain: <= 0, or for the quotient form (after the
        # first pick, which is by relevance) relevance <= redundancy.
        if k_max is None and value <= (1.0 if criterion == "mrmr_quotient" and ranking else 0.0):
            break
        if criterion == "mrmr_quotient" and ranking and terms.redundancy[best].mean() < QUOTIENT_WARN_REDUNDANCY:
            floored = True
        ranking.append(best)
        scores.append(value)
        available[best] = False
        if len(ranking) == limit:
            break
        if lazy is not None and len(ranking) >= 2:
            lazy.selected.append(best)  # its terms are computed on demand, candidate by candidate
            continue
        red, cond, hjoint = source.column(best, spec.needs_conditional)
        terms.redundancy = np.column_stack([terms.redundancy, red])
        terms.conditional = np.column_stack([terms.conditional, cond])
        if terms.joint_entropy is not None:
            assert hjoint is not None
            terms.joint_entropy = np.column_stack([terms.joint_entropy, hjoint])
        terms.selected = ranking.copy()
        if lazy is not None:
            lazy.start(terms)
    if floored:
        warn(
            f"mrmr_quotient: a selected feature's mean redundancy was ~0 (below {QUOTIENT_WARN_REDUNDANCY:g} nats, "
            f"the noise level of MI estimates; floored at {MRMR_QUOTIENT_FLOOR:g}), so its score was its relevance "
            "over ~0: the quotient form then favours any column that looks independent of the selection, noise "
            "included. Prefer criterion='mrmr' (the difference form) or 'jmi'.",
            UserWarning,
        )
    order = np.array(ranking, dtype=np.int64)
    # Scores are in nats like the terms; the quotient form is unitless.
    unit = 1.0 if criterion in ("mrmr_quotient", "disr") else scale
    selected_names = [prep.names[i] for i in ranking] if prep.names is not None else None
    return SelectionResult(order, np.array(scores) * unit, relevance * scale, criterion, selected_names)
