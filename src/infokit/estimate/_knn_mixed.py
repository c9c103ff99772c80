"""kNN estimators for discrete–continuous data: Ross's MI of a continuous
variable and labels, and the Gao–Kannan–Oh–Viswanath (GKOV) estimator for
mixtures and data with ties.

Ross's estimator is what scikit-learn's ``mutual_info_classif`` computes; GKOV
is the KSG engine with its tie-aware pointwise term (C++:
``cpp/include/infokit/knn/terms.hpp``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from infokit._kernels import knn as _k
from infokit._kernels import knn1d as _k1
from infokit._validation import (
    SWAPPED_NAMES,
    apply_nan_policy,
    as_float_samples,
    base_scale,
    check_bool,
    check_choice,
    check_int,
    check_same_length,
    labels_first,
    resolve_n_jobs,
    showing_names,
    to_numpy,
)
from infokit.estimate._discrete_labels import label_codes
from infokit.estimate._docs import fill_doc
from infokit.estimate._knn_core import KSG_METRICS, finish, kernel_mean, nan_result, prepare_knn, run_engine, warn_ties
from infokit.estimate._registry import register
from infokit.estimate._samples import (
    check_noise,
    check_sample_count,
    check_span,
    is_constant,
    jitter,
    power_of_two_scale,
)

__all__ = ["ross_mutual_info", "mixed_mutual_info", "gkov_mutual_info"]


@fill_doc
def ross_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    *,
    base: float | None = None,
    k: int = 3,
    metric: str = "chebyshev",
    noise: float | str | None = "auto",
    random_state: Any = None,
    return_locals: bool = False,
    clip: bool = False,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> float | tuple[float, NDArray[np.float64]]:
    r"""Ross (2014) estimate of I(X; Y) for continuous x and discrete labels y.

    For each sample i with label c (occurring :math:`N_c > 1` times), let
    :math:`d_i` be the max-norm distance to its :math:`k_c = \min(k, N_c - 1)`-th
    neighbour among samples with the same label, and :math:`m_i` the number of
    samples (any label, i itself included) strictly within :math:`d_i`. Then
    :math:`\hat I = \psi(n') + \langle \psi(k_c) \rangle - \langle \psi(N_c) \rangle
    - \langle \psi(m_i) \rangle`, averages over the :math:`n'` samples whose label
    repeats. This is what scikit-learn's ``mutual_info_classif`` computes on
    tie-free data (without its clipping at 0; it jitters x first, which
    :func:`infokit.feature_selection.mutual_info_classif` does too). Duplicate x
    values within a label would give zero radii and a biased estimate, so tied
    columns of x are jittered by default (``noise="auto"``).

    Parameters
    ----------
    x : array-like, shape (n,) or (n, d)
        Continuous samples.
    y : array-like, shape (n,) (or (n, d): rows are joint labels)
        Discrete labels of any dtype. Passed the other way round (labels by
        dtype in ``x``, floats in ``y``: ints, bools, strings, categoricals
        against a float array), the two are swapped, so the order never
        changes the estimate.
    %(base)s
    k : int, default 3
        Neighbours, ``k >= 1``; a label occurring ``N_c`` times uses
        ``min(k, N_c - 1)``, so any ``k`` is valid. Samples whose label occurs
        once are ignored, like scikit-learn; their locals are NaN.
    %(metric_ksg)s
    %(noise_x)s
    %(return_locals)s
    %(clip)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns_locals)s
        Exactly 0.0 when no label repeats (all-unique labels, scikit-learn#13711),
        when there is one label, or when x is constant.

    Notes
    -----
    Complexity: one KD-tree per label plus one over all samples, O(n log n);
    for 1-D x no tree at all: one radix sort, a sorted run per label and walks
    outwards from each point's rank, O(n (k + m)); O(n) memory.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import mutual_info
    >>> rng = np.random.default_rng(5)
    >>> y = rng.integers(0, 2, 4000)
    >>> x = rng.normal(size=4000) + 10 * y           # well separated: I = ln 2
    >>> bool(abs(mutual_info(x, y, method="ross") - np.log(2)) < 0.02)
    True
    """
    if labels_first(x, y):
        # The labels came first: I(X; Y) is symmetric, so estimate it the way
        # round Ross's estimator reads it (as method="auto" does), with the
        # messages naming the arguments as the caller passed them.
        with showing_names(SWAPPED_NAMES):
            return ross_mutual_info(
                y, x, base=base, k=k, metric=metric, noise=noise, random_state=random_state,
                return_locals=return_locals, clip=clip, nan_policy=nan_policy, n_jobs=n_jobs,
            )  # fmt: skip
    check_choice(metric, "metric", KSG_METRICS)
    return_locals = check_bool(return_locals, "return_locals")
    clip = check_bool(clip, "clip")
    scale = base_scale(base)
    noise_v = check_noise(noise)
    xa = as_float_samples(x, "x")
    ya = to_numpy(y)
    check_same_length([xa, ya], ["x", "y"])
    (xa, ya), has_nan = apply_nan_policy([xa, ya], ["x", "y"], nan_policy)
    n = len(xa)
    if has_nan:
        return nan_result(n, return_locals)
    codes = label_codes(ya, "y")
    k = check_int(k, "k", minimum=1)
    check_span([np.asarray(xa, dtype=np.float64)], ["x"])
    if n < 2:
        raise ValueError(f"x needs at least 2 samples, got {n}")
    check_sample_count(n)
    k = min(k, n)  # every label uses min(k, N_c - 1) < n: a larger k changes nothing (and fits a C int)
    threads = resolve_n_jobs(n_jobs)
    (xa,) = jitter([np.ascontiguousarray(xa, dtype=np.float64)], noise_v, random_state, ["x"])
    (xa,), _ = power_of_two_scale([xa])  # comparable spreads for the max-norm of a multi-column x
    if is_constant(xa):
        return finish(0.0, np.zeros(n), scale, clip, return_locals)
    n_classes = int(codes.max()) + 1  # n >= 2 here
    if n_classes == 1:  # one label: no information, exactly (the terms would cancel only to rounding)
        return finish(0.0, np.zeros(n), scale, clip, return_locals)
    locals_ = np.empty(n) if return_locals else None
    if xa.shape[1] == 1:  # sorted runs per class instead of trees (same terms, bit for bit)
        result = _k1.RossLabels1D(codes, n_classes).score(xa.reshape(-1), k, threads, locals_)
    else:
        result = _k.ross_mi(xa, codes, n_classes, k, threads, locals_)
    # Zero within-class radii (duplicate x inside a label) bias Ross's counts as they bias KSG's.
    warn_ties(result[2], n)
    return finish(kernel_mean(result), locals_, scale, clip, return_locals)


@fill_doc
def gkov_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    *,
    base: float | None = None,
    k: int = 3,
    metric: str = "chebyshev",
    noise: float | str | None = None,
    random_state: Any = None,
    theiler: int = 0,
    return_locals: bool = False,
    clip: bool = False,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> float | tuple[float, NDArray[np.float64]]:
    r"""Gao–Kannan–Oh–Viswanath (2017) MI for discrete–continuous mixtures.

    With :math:`\rho_i` the max-norm distance to the ``k``-th joint neighbour:
    if :math:`\rho_i > 0`, :math:`\tilde k_i = k` and :math:`n_x(i)` counts the
    samples with :math:`\|x_j - x_i\| < \rho_i`; if :math:`\rho_i = 0` (ties),
    :math:`\tilde k_i` counts the exact copies of the joint sample and
    :math:`n_x(i)` the exact copies of :math:`x_i`. Counts include i itself, as
    in the authors' code. :math:`\hat I = \langle \psi(\tilde k_i) + \log n
    - \psi(n_x) - \psi(n_y) \rangle`. On tie-free data this is KSG estimator 1
    with :math:`\log n` for :math:`\psi(n)`; on purely discrete data it tends to
    the plug-in MI.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Numeric samples; integer (discrete) columns are welcome.
    %(gkov_options)s

    Returns
    -------
    %(returns_locals)s

    Notes
    -----
    Complexity as :func:`ksg_mutual_info`. A constant variable gives exactly 0.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import mutual_info
    >>> rng = np.random.default_rng(6)
    >>> x = rng.integers(0, 4, 4000)
    >>> y = x + rng.integers(0, 2, 4000)          # discrete: I = H(Y) - H(Y|X)
    >>> truth = (-2 * 0.125 * np.log(0.125) - 3 * 0.25 * np.log(0.25)) - np.log(2)
    >>> bool(abs(mutual_info(x, y, method="gkov") - truth) < 0.03)
    True
    """
    p = prepare_knn(
        (x, y), ("x", "y"), metric=metric, base=base, k=k, noise=noise, random_state=random_state,
        theiler=theiler, nan_policy=nan_policy, n_jobs=n_jobs, clip=clip, return_locals=return_locals,
    )  # fmt: skip
    if p.has_nan:
        return p.nan()
    xa, ya = p.arrays
    if is_constant(xa) or is_constant(ya):
        return p.zero()
    mi, locals_ = run_engine([xa, ya], [[0], [1]], "gkov", p.k, p.theiler, p.threads, p.return_locals)
    return p.result(mi, locals_)


#: The name this estimator had first (kept: it is in user code).
mixed_mutual_info = ross_mutual_info

register("mutual_info", "ross", ross_mutual_info, kind="mixed", aliases=("mixed",), labels_last=True)
register("mutual_info", "gkov", gkov_mutual_info, kind="mixed")
