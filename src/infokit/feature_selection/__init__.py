"""Feature screening by mutual information.

- :func:`mutual_info_regression`, :func:`mutual_info_classif`: drop-ins for
  scikit-learn's functions of the same names (same signature and numbers,
  usable as ``score_func`` of ``SelectKBest``), threaded over features, with
  the anti-tie jitter scaled by each column's standard deviation.
- :func:`mutual_info_matrix`: MI between every pair of columns (symmetric,
  NaN diagonal), as an ndarray or a labelled DataFrame.
- :func:`select_features`: greedy multivariate selection (MIM, MIFS, mRMR,
  JMI, CIFE, CMIM, ICAP, DISR, JMIM, beta / gamma) over any estimator, and
  :class:`MutualInfoSelector`, the same as a scikit-learn transformer
  (imported on first use: scikit-learn is needed only for it).
"""

from typing import Any

from infokit.feature_selection._matrix import mutual_info_matrix
from infokit.feature_selection._select import SelectionResult, select_features
from infokit.feature_selection._univariate import mutual_info_classif, mutual_info_regression

__all__ = [
    "mutual_info_regression",
    "mutual_info_classif",
    "mutual_info_matrix",
    "select_features",
    "SelectionResult",
    "MutualInfoSelector",
]


def __getattr__(name: str) -> Any:
    if name == "MutualInfoSelector":
        from infokit.feature_selection._selector import MutualInfoSelector

        MutualInfoSelector.__module__ = __name__
        return MutualInfoSelector
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Public home of the functions (documentation, pickling by reference, and the
# doctest collector, which only looks at objects whose module is this one).
for _f in (mutual_info_regression, mutual_info_classif, mutual_info_matrix, select_features):
    _f.__module__ = __name__
del _f
