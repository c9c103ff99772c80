"""The scikit-learn selector over :func:`~infokit.feature_selection.select_features`.

Imported on first use of ``infokit.feature_selection.MutualInfoSelector``:
scikit-learn is needed only by those who ask for the estimator class.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.feature_selection import SelectorMixin
from sklearn.utils.validation import check_is_fitted

from infokit._parallel import task_seeds
from infokit._validation import TiesWarning, check_random_state, is_frame, quiet, to_numpy
from infokit.feature_selection._select import SelectionResult, select_features

__all__ = ["MutualInfoSelector"]


def _rows(a: Any, rows: np.ndarray) -> Any:
    """The given rows of an array or frame (a frame keeps its column dtypes)."""
    return a.iloc[rows] if is_frame(a) else to_numpy(a)[rows]


class MutualInfoSelector(SelectorMixin, BaseEstimator):  # type: ignore[misc]
    """Select features greedily by a mutual-information criterion (scikit-learn API).

    A transformer for :class:`~sklearn.pipeline.Pipeline` and
    :class:`~sklearn.model_selection.GridSearchCV`: ``fit`` runs
    :func:`~infokit.feature_selection.select_features`, ``transform`` keeps
    the selected columns. pandas in, labels out: a DataFrame's string and
    categorical columns are discrete features, and ``get_feature_names_out``
    and ``set_output(transform="pandas")`` carry the column names.

    Parameters
    ----------
    criterion : str, default "jmi"
        ``"mim"``, ``"mifs"``, ``"mrmr"``, ``"mrmr_quotient"``, ``"jmi"``,
        ``"cife"``, ``"cmim"``, ``"icap"``, ``"disr"``, ``"jmim"`` or
        ``"beta_gamma"`` (see :func:`~infokit.feature_selection.select_features`).
    n_features_to_select : int or "auto", default 10
        ``"auto"`` stops where the criterion adds no information (<= 0).
    estimator : str, default "auto"
        MI estimator of every term (a method name of
        :func:`infokit.estimate.mutual_info`).
    discrete_features : "auto", bool or array-like, default "auto"
        As in :func:`~infokit.feature_selection.mutual_info_classif` (the
        dtype rule of :mod:`infokit.estimate` under "auto").
    discrete_target : "auto" or bool, default "auto"
    beta, gamma : float, default 1.0
        Weights of ``"mifs"`` and ``"beta_gamma"``.
    n_neighbors : int, default 3
        ``k`` of the kNN estimators (unused by the discrete plug-in).
    random_state : None, int or Generator
        Seeds the jitter of the kNN terms and the bootstrap resamples.
    n_jobs : int or None
    n_bootstrap : int, default 0
        When positive, ``fit`` also repeats the selection on ``n_bootstrap``
        half-samples of the rows (``n // 2`` rows drawn without replacement,
        each from its own seed drawn from ``random_state`` after the main fit;
        Meinshausen & Bühlmann's stability selection) and records how often
        each feature is selected in ``selection_frequencies_``: a measure of
        the selection's stability. The selection itself (``ranking_``,
        ``support_``) is always the one on the full data. Costs
        ``n_bootstrap`` more fits on half the rows. Half-samples rather than
        resamples with replacement: a repeated row is a tie at distance 0,
        which inflates every kNN estimate (one resample of breast_cancer took
        the smallest relevance from 0.0009 to 0.127 nats) and so reshuffles
        the selection.

    Attributes
    ----------
    ranking_ : ndarray of int
        Selected column indices in selection order.
    scores_ : ndarray of float
        The criterion at each step (nats).
    relevance_ : ndarray of float
        ``I(X_k; Y)`` of every feature.
    support_ : ndarray of bool
        The selected columns.
    selection_frequencies_ : ndarray of float or None
        With ``n_bootstrap > 0``, the fraction of the half-samples in which
        each feature was selected (multiples of ``1 / n_bootstrap``); None
        otherwise.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Column names, for DataFrame input.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> from infokit.feature_selection import MutualInfoSelector
    >>> rng = np.random.default_rng(0)
    >>> X = rng.integers(0, 2, size=(2000, 6))
    >>> y = np.where(rng.random(2000) < 0.15, X[:, 1], X[:, 1] ^ X[:, 4])
    >>> sel = MutualInfoSelector(criterion="jmi", n_features_to_select=2).fit(X, y)
    >>> sel.get_support().nonzero()[0].tolist(), sel.ranking_.tolist()
    ([1, 4], [1, 4])
    >>> pipe = make_pipeline(MutualInfoSelector(n_features_to_select=2), DecisionTreeClassifier(random_state=0))
    >>> bool(pipe.fit(X, y).score(X, y) > 0.9)      # the pair carries y; no single column does
    True
    """

    # Fitted attributes, declared for the type checker (set by fit).
    n_features_in_: int
    support_: np.ndarray
    selection_frequencies_: np.ndarray | None

    def __init__(
        self,
        criterion: str = "jmi",
        n_features_to_select: int | str = 10,
        *,
        estimator: str = "auto",
        discrete_features: Any = "auto",
        discrete_target: Any = "auto",
        beta: float = 1.0,
        gamma: float = 1.0,
        n_neighbors: int = 3,
        random_state: Any = None,
        n_jobs: int | None = None,
        n_bootstrap: int = 0,
    ) -> None:
        self.criterion = criterion
        self.n_features_to_select = n_features_to_select
        self.estimator = estimator
        self.discrete_features = discrete_features
        self.discrete_target = discrete_target
        self.beta = beta
        self.gamma = gamma
        self.n_neighbors = n_neighbors
        self.random_state = random_state
        self.n_jobs = n_jobs
        self.n_bootstrap = n_bootstrap

    def _select(self, X: Any, y: Any, random_state: np.random.Generator) -> SelectionResult:
        return select_features(
            X, y, criterion=self.criterion, n_features_to_select=self.n_features_to_select,
            estimator=self.estimator, discrete_features=self.discrete_features,
            discrete_target=self.discrete_target, beta=self.beta, gamma=self.gamma,
            random_state=random_state, n_jobs=self.n_jobs, k=self.n_neighbors,
        )  # fmt: skip

    def fit(self, X: Any, y: Any) -> MutualInfoSelector:
        """Run the selection on ``X`` (n_samples, n_features) and target ``y``."""
        n_bootstrap = self.n_bootstrap
        if isinstance(n_bootstrap, bool) or not isinstance(n_bootstrap, numbers.Integral):
            raise TypeError(f"n_bootstrap must be an int, got {n_bootstrap!r}")
        if n_bootstrap < 0:
            raise ValueError(f"n_bootstrap must be >= 0, got {n_bootstrap}")
        rng = check_random_state(self.random_state)
        if y is None:
            raise ValueError("MutualInfoSelector requires y to be passed, but the target y is None")
        n = len(to_numpy(y))
        if n < 2:
            raise ValueError(f"MutualInfoSelector needs at least 2 samples, got n_samples={n}")

        result = self._select(X, y, rng)
        p = len(result.relevance)
        self.selection_frequencies_ = None
        if n_bootstrap:
            counts = np.zeros(p, dtype=np.int64)
            if n < 4:
                raise ValueError(f"n_bootstrap needs at least 4 samples (half-samples of 2 rows), got {n}")
            for seed in task_seeds(rng, int(n_bootstrap)):
                draw = np.random.default_rng(seed)
                rows = np.sort(draw.choice(n, size=n // 2, replace=False))
                with quiet(TiesWarning):  # the full fit has said it about the same columns
                    counts[self._select(_rows(X, rows), _rows(y, rows), draw).ranking] += 1
            self.selection_frequencies_ = counts / int(n_bootstrap)
        self.n_features_in_ = p
        if is_frame(X):
            self.feature_names_in_ = np.asarray([str(c) for c in X.columns], dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
        self.ranking_ = result.ranking
        self.scores_ = result.scores
        self.relevance_ = result.relevance
        support = np.zeros(p, dtype=bool)
        support[result.ranking] = True
        self.support_ = support
        return self

    def _get_support_mask(self) -> np.ndarray:
        check_is_fitted(self, "support_")
        return self.support_

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        tags.input_tags.string = True  # label columns of a frame are features too
        return tags

    def transform(self, X: Any) -> Any:
        """Keep the selected columns of ``X`` (a frame keeps its column names)."""
        check_is_fitted(self, "support_")
        width = X.shape[1] if is_frame(X) else None
        arr = None if is_frame(X) else to_numpy(X)
        if arr is not None:
            if arr.ndim != 2:
                raise ValueError(
                    f"Expected a 2-D array, got shape {arr.shape}: Reshape your data with X.reshape(-1, 1) for one "
                    "feature or X.reshape(1, -1) for one sample"
                )
            width = arr.shape[1]
        if width != self.n_features_in_:
            raise ValueError(
                f"X has {width} features, but MutualInfoSelector is expecting {self.n_features_in_} features as input"
            )
        if is_frame(X):
            return X.iloc[:, np.flatnonzero(self.support_)]
        assert arr is not None
        if arr.dtype.kind in "fc" and not np.isfinite(arr).all():
            raise ValueError("Input X contains NaN or infinity; the selected columns would carry them on")
        return arr[:, self.support_]
