"""Input validation shared by every public function.

Kernels in ``cpp/`` trust their inputs; all checks, defaults and error messages
live here (and in the thin per-module wrappers that call these helpers), so
messages are uniform: they always name the offending argument.
"""

from __future__ import annotations

import math
import numbers
import os
import sys
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import numpy as np

__all__ = [
    "DiscreteDataWarning",
    "TiesWarning",
    "LNCWarning",
    "warn",
    "NAN_POLICIES",
    "check_base",
    "base_scale",
    "check_choice",
    "check_int",
    "resolve_n_jobs",
    "check_random_state",
    "check_bool",
    "check_samples",
    "warn_if_label_like",
    "to_numpy",
    "is_frame",
    "is_sparse",
    "is_categorical",
    "is_discrete",
    "as_float_samples",
    "check_same_length",
    "apply_nan_policy",
    "as_score_matrix",
]

NAN_POLICIES = ("propagate", "raise", "omit")


class TiesWarning(UserWarning):
    """Duplicate points make a k-nearest-neighbour estimate unreliable."""


class LNCWarning(UserWarning):
    """The local non-uniformity correction of ``ksg_mutual_info(lnc=...)`` is
    used outside the (k, d, alpha) range where it was measured not to
    over-correct, or some neighbourhoods were degenerate and left uncorrected."""


class DiscreteDataWarning(UserWarning):
    """Float samples that look like labels reached a continuous (kNN) estimator by ``method="auto"``."""


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


# Warning categories silenced in the current context (a repeated estimate
# whose data already warned once). A context variable, not warnings filters:
# ``warnings.catch_warnings`` is process-global and races between threads.
_QUIET: ContextVar[tuple[type[Warning], ...]] = ContextVar("infokit_quiet_warnings", default=())


@contextmanager
def quiet(*categories: type[Warning]) -> Iterator[None]:
    """Within the block (this thread / context only), :func:`warn` drops ``categories``."""
    token = _QUIET.set(_QUIET.get() + categories)
    try:
        yield
    finally:
        _QUIET.reset(token)


def warn(message: str, category: type[Warning]) -> None:
    """``warnings.warn`` attributed to the first caller outside infokit.

    A fixed ``stacklevel`` is wrong as soon as the warning is raised through a
    different number of infokit frames (a front door, a permutation test, a
    feature-selection loop); walking the stack always names the user's line.
    Categories silenced by :func:`quiet` are dropped.
    """
    if issubclass(category, _QUIET.get()):
        return
    frame = sys._getframe(1)
    level = 2
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    warnings.warn(message, category, stacklevel=level)


# The caller's names for the variables of the estimate that runs now, where
# they differ from the estimator's parameter names (a front door that hands
# Ross its labels last). Messages name variables through :func:`shown`.
_SHOWN_NAMES: ContextVar[Mapping[str, str] | None] = ContextVar("infokit_shown_names", default=None)


@contextmanager
def showing_names(names: Mapping[str, str]) -> Iterator[None]:
    """Within the block, messages call the estimator's variable ``k`` by ``names[k]``."""
    token = _SHOWN_NAMES.set(names)
    try:
        yield
    finally:
        _SHOWN_NAMES.reset(token)


def shown(name: str) -> str:
    """The caller's name for the variable an estimator calls ``name``."""
    names = _SHOWN_NAMES.get()
    return name if names is None else names.get(name, name)


def check_base(base: Any) -> float | None:
    """Validate a logarithm base; ``None`` means natural units (nats).

    ``base == 1`` and ``base <= 0`` raise (SciPy returns inf / nan there).
    """
    if base is None:
        return None
    if isinstance(base, bool) or not isinstance(base, numbers.Real):
        raise TypeError(f"base must be a positive real number other than 1 or None, got {base!r}")
    b = float(base)
    if not math.isfinite(b) or b <= 0.0 or b == 1.0:
        raise ValueError(f"base must be a positive real number other than 1 or None, got {base!r}")
    return b


def base_scale(base: Any) -> float:
    """Factor converting nats into units of ``base`` (1.0 for nats)."""
    b = check_base(base)
    return 1.0 if b is None else 1.0 / math.log(b)


def check_choice(value: Any, name: str, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise ValueError naming ``name``."""
    choices = tuple(choices)
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value


def check_int(value: Any, name: str, *, minimum: int | None = None) -> int:
    """Validate an integer parameter (bools and floats are refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    v = int(value)
    if minimum is not None and v < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {v}")
    return v


# The kernels count threads in a C int.
_MAX_THREADS = 2**31 - 1


def resolve_n_jobs(n_jobs: Any) -> int:
    """Map scikit-learn's ``n_jobs`` to a thread count.

    ``None`` -> 1, ``-1`` -> all cores, ``-2`` -> all but one, ... ; 0 raises.
    """
    if n_jobs is None:
        return 1
    n = check_int(n_jobs, "n_jobs")
    if n == 0:
        raise ValueError("n_jobs must be a non-zero integer or None, got 0")
    if abs(n) > _MAX_THREADS:
        raise ValueError(f"n_jobs must be between -{_MAX_THREADS} and {_MAX_THREADS}, got {n}")
    if n > 0:
        return n
    # os.cpu_count() costs microseconds (a system call): only negative counts need it.
    return max(1, (os.cpu_count() or 1) + 1 + n)


def check_random_state(random_state: Any) -> np.random.Generator:
    """Turn ``random_state`` (None, int, Generator, RandomState) into a Generator."""
    if isinstance(random_state, np.random.Generator):
        return random_state
    if isinstance(random_state, np.random.RandomState):
        # Draw a seed from the legacy state so results stay reproducible with it.
        return np.random.default_rng(random_state.randint(0, 2**31 - 1))
    if random_state is None:
        return np.random.default_rng()
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        if random_state < 0:
            raise ValueError(f"random_state must be a non-negative int (a seed), got {random_state}")
        return np.random.default_rng(int(random_state))
    raise TypeError(f"random_state must be None, an int, a numpy Generator or RandomState, got {random_state!r}")


def to_numpy(x: Any) -> np.ndarray:
    """Array view of ``x``; pandas objects go through their ``to_numpy``.

    The one conversion every public function uses. A DataFrame of mixed dtypes
    becomes an object array, which callers that need numbers reject. A masked
    array with masked entries is refused: ``np.asarray`` would silently drop
    the mask and compute with the hidden values.
    """
    if isinstance(x, np.ma.MaskedArray):
        if np.ma.getmaskarray(x).any():
            raise TypeError(
                "masked arrays with masked entries are not supported: their hidden values would be used; "
                "pass x.compressed(), x.filled(value), or NaN with nan_policy='omit'"
            )
        return np.asarray(x.data)
    if hasattr(x, "to_numpy") and not isinstance(x, np.ndarray):
        return np.asarray(x.to_numpy())
    return np.asarray(x)


def check_samples(x: Any, name: str) -> None:
    """Refuse what cannot be samples before any estimator sees it: None and scalars."""
    if x is None:
        raise TypeError(f"{name} must be array-like samples, got None")
    if np.ndim(x) == 0:
        raise ValueError(f"{name} must be 1-D (n,) or 2-D (n, d) samples, got a scalar {x!r}")


def is_sparse(a: Any) -> bool:
    """True for a scipy.sparse matrix or array, without importing scipy.sparse.

    Nothing can be a sparse matrix unless scipy.sparse was imported already,
    so ``import infokit`` need not pay for it (about 90 ms).
    """
    sparse = sys.modules.get("scipy.sparse")
    return sparse is not None and bool(sparse.issparse(a))


def is_frame(a: Any) -> bool:
    """True for a pandas DataFrame (duck-typed, so pandas need not be installed)."""
    return hasattr(a, "columns") and hasattr(a, "iloc")


def is_categorical(a: Any) -> bool:
    """True for a pandas Series (or Index) of categorical dtype."""
    dtype = getattr(a, "dtype", None)
    return dtype is not None and getattr(dtype, "name", "") == "category"


def is_discrete(a: Any) -> bool:
    """The rule behind ``method="auto"``: does ``a`` hold labels?

    Integers, booleans, strings, objects and pandas categoricals are labels;
    floats are continuous. A DataFrame is discrete when every column is.
    """
    if is_categorical(a):
        return True
    if is_frame(a):
        return all(is_discrete(a[c]) for c in a.columns)
    return to_numpy(a).dtype.kind in "biuOUS"


#: The caller's names of an estimate run with its two variables swapped (see showing_names).
SWAPPED_NAMES = {"x": "y", "y": "x"}


def labels_first(a: Any, b: Any) -> bool:
    """True when ``a`` holds labels and ``b`` does not (by :func:`is_discrete`).

    Ross's estimator reads the labels last; MI is symmetric, so a pair given
    labels first is swapped, by ``method="auto"`` and ``method="ross"`` alike.
    """
    return is_discrete(a) and not is_discrete(b)


def warn_if_label_like(a: Any, name: str) -> None:
    """Warn when float samples hold only a few distinct integers: labels stored as floats.

    ``method="auto"`` decides by dtype (floats are continuous), so a 0.0 / 1.0
    target would go to a kNN estimator, which such ties bias; say so, and name
    the cure, instead of guessing. The first values are checked before any
    full pass, so continuous data pays almost nothing.
    """
    arr = to_numpy(a)
    if arr.dtype.kind != "f" or arr.size < 10:
        return
    head = arr.reshape(-1)[:32]
    if not np.array_equal(head, np.floor(head)):
        return
    if not np.array_equal(arr, np.floor(arr)):
        return
    distinct = len(np.unique(arr.reshape(len(arr), -1), axis=0))
    if 2 <= distinct <= max(2, min(20, len(arr) // 10)):  # a constant column has MI 0 anyway
        warn(
            f"{name} holds only {distinct} distinct integer values, stored as floats: method='auto' reads floats "
            "as continuous and runs a kNN estimator, which such ties bias. If these are labels, pass them as "
            "integers (or name method='discrete' / 'ross'); if they are rounded measurements, pass noise=1e-10.",
            DiscreteDataWarning,
        )


def check_bool(value: Any, name: str) -> bool:
    """Validate a flag: Python and NumPy bools only (0 / 1 and strings are refused)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a bool, got {value!r}")
    return bool(value)


def as_float_samples(x: Any, name: str) -> np.ndarray:
    """Validate continuous samples and return a C-contiguous (n, d) float array.

    1-D input is one variable (n, 1); 2-D is (n_samples, n_dims). float32 stays
    float32 (no copy if already contiguous); everything else becomes float64.
    Complex, object and string data raise TypeError.
    """
    a = to_numpy(x)
    name = shown(name)
    if a.dtype.kind in "Mm":
        raise TypeError(
            f"{name} holds {a.dtype} values, which are not real samples: convert them to numbers "
            f"(e.g. seconds since a reference) or pass them as labels with method='discrete'"
        )
    if a.dtype.kind in "OUSV" or a.dtype.kind == "c":
        raise TypeError(f"{name} must be real numeric data, got dtype {a.dtype}")
    if a.ndim == 1:
        a = a[:, None]
    elif a.ndim != 2:
        raise ValueError(f"{name} must be 1-D (n,) or 2-D (n, d), got an array with ndim={a.ndim}")
    if a.shape[1] == 0:
        raise ValueError(f"{name} has 0 columns")
    if a.shape[0] == 0:
        raise ValueError(f"{name} is empty: it needs at least 1 sample")
    dtype = np.float32 if a.dtype == np.float32 else np.float64
    return np.ascontiguousarray(a, dtype=dtype)


def check_same_length(arrays: Sequence[np.ndarray], names: Sequence[str]) -> int:
    """Raise ValueError unless all arrays have the same number of samples."""
    lengths = [len(a) for a in arrays]
    if len(set(lengths)) > 1:
        desc = ", ".join(f"{n}: {m}" for n, m in zip(names, lengths))
        raise ValueError(f"inputs must have the same number of samples; got {desc}")
    return lengths[0] if lengths else 0


def apply_nan_policy(
    arrays: Sequence[np.ndarray], names: Sequence[str], nan_policy: str
) -> tuple[list[np.ndarray], bool]:
    """Apply ``nan_policy`` to float sample arrays of equal length.

    Returns ``(arrays, has_nan)``. 'raise' raises on NaN or inf; 'omit' drops
    every row in which any array has a non-finite value; 'propagate' leaves the
    data alone and reports ``has_nan`` so the caller can return NaN.
    """
    check_choice(nan_policy, "nan_policy", NAN_POLICIES)
    bad = None
    for a in arrays:
        if a.dtype.kind == "f":
            row_bad = ~np.isfinite(a).all(axis=tuple(range(1, a.ndim))) if a.ndim > 1 else ~np.isfinite(a)
            bad = row_bad if bad is None else (bad | row_bad)
    if bad is None or not bad.any():
        return list(arrays), False
    if nan_policy == "raise":
        which = [shown(n) for n, a in zip(names, arrays) if a.dtype.kind == "f" and not np.isfinite(a).all()]
        verb = "contains" if len(which) == 1 else "contain"
        raise ValueError(f"{' and '.join(which)} {verb} NaN or inf (nan_policy='raise'; 'omit' drops those rows)")
    if nan_policy == "omit":
        keep = ~bad
        return [np.ascontiguousarray(a[keep]) for a in arrays], False
    return list(arrays), True


def as_score_matrix(s: Any, name: str = "scores") -> np.ndarray:
    """Validate a critic's score matrix ``S[i, j] = f(x_i, y_j)`` for the kernels of infokit.bounds.

    Returns a 2-D float32 / float64 array that is aligned and has a unit
    stride along one axis, without a copy where the input already is one.
    float16 is computed in float32 (NumPy has no bfloat16); bool, integer and
    other float dtypes become float64; complex, object, string and datetime
    data raise TypeError; anything but a non-empty (N, M) matrix raises
    ValueError. NaN and inf entries are left for the caller's ``nan_policy``.
    """
    a = to_numpy(s)
    if a.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be a real (N, M) matrix of scores, got dtype {a.dtype}")
    if a.ndim != 2:
        raise ValueError(f"{name} must be a 2-D (N, M) score matrix S[i, j] = f(x_i, y_j), got ndim={a.ndim}")
    if a.shape[0] == 0 or a.shape[1] == 0:
        raise ValueError(f"{name} is empty (shape {a.shape}): a score matrix needs at least one pair")
    dtype = np.float32 if a.dtype in (np.float32, np.float16) else np.float64
    if a.dtype != dtype:
        a = a.astype(dtype)
    item = a.itemsize
    unit = a.shape[1] == 1 or a.strides[1] == item or a.shape[0] == 1 or a.strides[0] == item
    positive = a.strides[0] > 0 and a.strides[1] > 0
    if not (a.flags.aligned and unit and positive):
        a = np.array(a, dtype=dtype, order="C", copy=True)
    return a
