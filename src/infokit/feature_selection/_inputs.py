"""Input checks and column preparation for the feature-selection functions.

The drop-ins follow scikit-learn's ``_estimate_mi`` contract (dense or sparse
``X``, ``discrete_features`` as 'auto' / bool / mask / indices, numeric ``y``
for regression, class labels for classification) with the same kinds of
errors. Everything here runs once per call, before any estimator, so the
threaded phase only ever sees clean, contiguous arrays.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

from infokit._validation import check_same_length, is_discrete, is_frame, is_sparse, to_numpy
from infokit.estimate._discrete_labels import label_codes
from infokit.estimate._samples import add_jitter

# Relative jitter against ties: after scaling a continuous column to unit
# standard deviation, N(0, 1) noise times this is added (Kraskov et al. advise
# it; scikit-learn uses the same 1e-10 but scales it by max(1, mean|x|)).
JITTER = 1e-10
# std of values whose squares are normal floats: outside, scale_and_jitter rescales first.
_STD_MIN, _STD_MAX = 2.0**-500, 2.0**500


def _column_names(X: Any) -> list[Any] | None:
    return list(X.columns) if is_frame(X) else None


def _check_finite(values: np.ndarray, name: str) -> None:
    if values.dtype.kind != "f":
        return
    with np.errstate(over="ignore", invalid="ignore"):
        # One pass without a temporary: a finite sum proves every entry finite
        # (an overflowing sum falls through to the exact check).
        if np.isfinite(values.sum()) or np.isfinite(values).all():
            return
    if np.isnan(values).any():
        raise ValueError(f"Input {name} contains NaN.")
    raise ValueError(f"Input {name} contains infinity or a value too large for {values.dtype!r}.")


def _numeric(a: np.ndarray, name: str) -> np.ndarray:
    """Numeric view of ``a``: bool/int/float pass, numeric objects are converted."""
    if a.dtype.kind in "biuf":
        return a
    if a.dtype.kind == "c":
        raise ValueError(f"{name} must be real numeric data; complex data is not supported")
    try:
        return a.astype(np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numeric; could not convert dtype {a.dtype} to float") from None


@dataclass
class FeatureMatrix:
    """A validated feature matrix: dense ndarray or sparse CSC, plus column names."""

    data: Any
    sparse: bool
    names: list[Any] | None

    @property
    def shape(self) -> tuple[int, int]:
        return (int(self.data.shape[0]), int(self.data.shape[1]))

    def column(self, j: int) -> np.ndarray:
        """Column ``j`` as a dense 1-D array (zeros filled in for sparse input)."""
        if not self.sparse:
            return self.data[:, j]
        csc = self.data
        out = np.zeros(csc.shape[0], dtype=csc.dtype)
        lo, hi = csc.indptr[j], csc.indptr[j + 1]
        out[csc.indices[lo:hi]] = csc.data[lo:hi]
        return out


def _refuse_unusable_dtypes(X: Any, names: list[Any] | None) -> None:
    """Datetimes and complex numbers are neither samples nor labels: refuse them by column."""
    if names is None:
        bad = ["X"] if to_numpy(X).dtype.kind in "Mmc" else []
    else:  # pandas dtypes carry a NumPy-style kind too (tz-aware datetimes: "M")
        bad = [repr(nm) for nm, t in zip(names, X.dtypes) if getattr(t, "kind", "O") in "Mmc"]
    if bad:
        raise UnusableDtypeError(
            f"X holds datetime, timedelta or complex values in {', '.join(bad)}: these are neither real samples "
            "nor labels (Complex data not supported); convert them (e.g. to seconds, or to their real parts) or "
            "drop the column(s)"
        )


class UnusableDtypeError(TypeError, ValueError):
    """Data of a dtype that is neither samples nor labels (datetimes, complex numbers).

    A TypeError by nature; also a ValueError, as scikit-learn's estimator
    checks expect of a transformer given complex data.
    """


def check_features(X: Any, *, accept_sparse: bool = True, numeric: bool = True) -> FeatureMatrix:
    """Validate ``X`` as a 2-D (n_samples, n_features) matrix with finite entries.

    ``numeric=False`` keeps non-numeric columns (labels) as an object array;
    the caller decides which columns are discrete.
    """
    if is_sparse(X):
        if not accept_sparse:
            raise TypeError("X must be a dense array or DataFrame; sparse matrices are not supported here")
        from scipy import sparse

        csc = sparse.csc_matrix(X, copy=True)
        csc.sum_duplicates()  # column() assigns entries, so each must appear once
        data = _numeric(np.asarray(csc.data), "X")
        _check_finite(data, "X")
        csc.data = data
        fm = FeatureMatrix(csc, True, None)
    else:
        names = _column_names(X)
        _refuse_unusable_dtypes(X, names)
        # A frame gets one common dtype: float64 when numeric, object when
        # labels are mixed in (the caller converts column by column).
        a = to_numpy(X)
        if a.ndim != 2:
            raise ValueError(
                f"X must be 2-D (n_samples, n_features), got an array with ndim={a.ndim}"
                + ("; reshape a single feature with X.reshape(-1, 1)" if a.ndim == 1 else "")
            )
        if numeric:
            a = _numeric(a, "X")
            _check_finite(a, "X")
        fm = FeatureMatrix(a, False, names)
    n, p = fm.shape
    if n < 1:
        raise ValueError(f"X has 0 samples (shape={fm.shape}); at least 1 is required")
    if p < 1:
        raise ValueError(f"X has 0 feature(s) (shape={fm.shape}) while a minimum of 1 is required.")
    return fm


def _as_1d(y: Any, name: str) -> np.ndarray:
    a = to_numpy(y)
    if a.ndim == 2 and a.shape[1] == 1:
        a = a[:, 0]  # a column vector is one target, as scikit-learn ravels it
    if a.ndim != 1:
        raise ValueError(f"{name} must be 1-D (n_samples,), got an array with shape {a.shape}")
    return a


def check_continuous_target(y: Any, n_samples: int) -> np.ndarray:
    """A finite float64 target of length ``n_samples``."""
    a = _as_1d(y, "y")
    check_same_length([np.empty(n_samples), a], ["X", "y"])
    a = _numeric(a, "y").astype(np.float64, copy=False)
    _check_finite(a, "y")
    return a


def check_class_target(y: Any, n_samples: int) -> np.ndarray:
    """Class labels of length ``n_samples``, returned as int64 codes 0..n_classes-1.

    Float labels must be whole numbers (scikit-learn's check_classification_targets
    refuses 'continuous' targets the same way).
    """
    a = _as_1d(y, "y")
    check_same_length([np.empty(n_samples), a], ["X", "y"])
    if a.dtype.kind == "f":
        _check_finite(a, "y")
        if not np.array_equal(a, np.floor(a)):
            raise ValueError(
                "Unknown label type: continuous. y must hold class labels for mutual_info_classif; "
                "use mutual_info_regression for a continuous target"
            )
    elif a.dtype.kind == "c":
        raise ValueError("y must hold class labels; complex values are not labels")
    return label_codes(a, "y")


def continuous_block(data: np.ndarray, columns: np.ndarray, names: list[Any] | None) -> np.ndarray:
    """The continuous columns of a frame as one numeric block, each checked finite (names in errors)."""
    block = data[:, columns]
    if block.dtype.kind not in "biuf":
        try:
            block = block.astype(np.float64)
        except (TypeError, ValueError):
            raise ValueError(
                "X has non-numeric values in a column treated as continuous; mark it in discrete_features"
            ) from None
    if block.dtype.kind == "f" and not np.isfinite(block).all():
        bad = columns[~np.isfinite(block).all(axis=0)]
        which = [names[j] for j in bad] if names is not None else bad.tolist()
        raise ValueError(f"Input X contains NaN or infinity in continuous column(s) {which!r}")
    return block


def discrete_codes(column: np.ndarray, name: Any) -> np.ndarray:
    """Label codes of one discrete column; NaN, inf and missing values are refused by name."""
    if column.dtype.kind == "f" and not np.isfinite(column).all():
        raise ValueError(f"Input X contains NaN or infinity in discrete column {name!r}")
    if column.dtype == object:
        if any(v is None or (isinstance(v, float) and v != v) for v in column):
            raise ValueError(f"Input X contains missing values in discrete column {name!r}")
    return label_codes(column, f"X column {name!r}")


#: The one meaning of ``discrete_features`` in every feature-selection function.
DISCRETE_FEATURES_DOC = """
    discrete_features : {'auto', bool, array-like}, default='auto'
        Which features are discrete. A bool applies to all features; an array
        is a boolean mask of shape (n_features,) or the indices of the discrete
        features (column names too when ``X`` is a DataFrame). 'auto' applies
        the rule of :func:`infokit.estimate.mutual_info` column by column:
        integer, bool, string, object and categorical columns are discrete,
        floats continuous (a plain ndarray has one dtype, so one decision for
        all its columns); sparse ``X`` is all discrete. scikit-learn's 'auto'
        instead reads every dense column as continuous, integers included
        (kNN estimates on tied values); pass ``discrete_features=False`` for
        its numbers on integer columns.
"""


def auto_discrete(fm: FeatureMatrix, X: Any) -> np.ndarray:
    """``discrete_features='auto'``: the dtype rule of infokit.estimate, per column."""
    p = fm.shape[1]
    if fm.sparse:
        return np.ones(p, dtype=bool)
    if fm.names is not None:
        return np.array([is_discrete(X.iloc[:, j]) for j in range(p)], dtype=bool)
    return np.full(p, is_discrete(fm.data))


class DiscreteFeaturesError(ValueError, IndexError):
    """A ``discrete_features`` that does not fit ``X``.

    scikit-learn reports a wrong-length mask as IndexError (from NumPy's
    indexing) and other misuse as ValueError; deriving from both keeps either
    ``except`` of a scikit-learn user working.
    """


def discrete_mask(discrete_features: Any, n_features: int, *, auto: np.ndarray, names: list[Any] | None) -> np.ndarray:
    """Resolve ``discrete_features`` to a boolean mask of length ``n_features``.

    'auto' -> the caller's ``auto`` mask; a bool -> all or none; a boolean mask
    of length n_features; or an array of column indices (column names too when
    ``X`` is a DataFrame).
    """
    if isinstance(discrete_features, str):
        if discrete_features != "auto":
            raise ValueError(
                f"discrete_features must be 'auto', a bool, a boolean mask or column indices; "
                f"got the string {discrete_features!r}"
            )
        return np.array(auto, dtype=bool)
    if isinstance(discrete_features, (bool, np.bool_)):
        return np.full(n_features, bool(discrete_features))
    arr = np.asarray(discrete_features)
    if arr.ndim != 1:
        raise ValueError(
            f"discrete_features must be 'auto', a bool, or a 1-D mask / index array; got {discrete_features!r}"
        )
    if arr.size == 0:
        return np.zeros(n_features, dtype=bool)
    if arr.dtype == bool:
        if arr.size != n_features:
            raise DiscreteFeaturesError(
                f"discrete_features as a boolean mask must have length n_features={n_features}, got {arr.size}"
            )
        return arr.copy()
    if arr.dtype.kind in "OUS" and names is not None:
        lookup = {name: j for j, name in enumerate(names)}
        missing = [v for v in arr.tolist() if v not in lookup]
        if missing:
            raise ValueError(f"discrete_features names columns not in X: {missing!r}")
        arr = np.array([lookup[v] for v in arr.tolist()], dtype=np.int64)
    if arr.dtype.kind not in "iu" and not (
        arr.dtype.kind == "O" and all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in arr)
    ):
        raise ValueError(f"discrete_features must be a boolean mask or integer column indices; got dtype {arr.dtype}")
    idx = arr.astype(np.int64)
    bad = idx[(idx < -n_features) | (idx >= n_features)]
    if bad.size:
        raise DiscreteFeaturesError(f"discrete_features index {int(bad[0])} is out of range for {n_features} features")
    mask = np.zeros(n_features, dtype=bool)
    mask[idx] = True
    return mask


def scale_and_jitter(column: np.ndarray, seed: int) -> np.ndarray | None:
    """Scale a column to unit standard deviation and add seeded jitter.

    Returns a contiguous float64 copy, or None for a constant column (its MI
    with anything is exactly 0). No centering, as in scikit-learn: kNN
    distances do not depend on it.

    Any finite column works: tiny or huge values are first scaled by an exact
    power of two, so the result depends on the column's shape only.

    The jitter is ``JITTER * N(0, 1)`` on the scaled column, i.e. proportional
    to the column's standard deviation, so adding a constant to a column cannot
    change its estimate. scikit-learn scales it by ``max(1, mean|x|)`` instead,
    which swamps columns with a large mean (scikit-learn#30772).
    """
    out = np.array(column, dtype=np.float64, copy=True)
    with np.errstate(over="ignore", under="ignore"):
        std = float(out.std())
    if not _STD_MIN < std < _STD_MAX:
        # The squares inside std under- or overflowed (|x| beyond about 1e+-154):
        # bring the values into [-1, 1) by an exact power of two first, which
        # x / std(x) does not see.
        peak = max(float(out.max()), -float(out.min()))
        if peak > 0:
            np.ldexp(out, -math.frexp(peak)[1], out=out)
            with np.errstate(under="ignore"):
                std = float(out.std())
    if not std > 0:
        return None
    out /= std
    return add_jitter(out, JITTER, np.random.default_rng(seed), std=1.0)
