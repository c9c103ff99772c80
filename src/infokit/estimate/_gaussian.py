"""The Gaussian family: estimators that fit normal distributions to samples, and Gaussian-copula MI.

* ``method="gaussian"`` (entropy, MI, conditional MI, KL divergence): fit the
  sample mean and covariance and evaluate the closed forms of
  :mod:`infokit.dist._gaussian` (the one home of the formulas). Exact for
  Gaussian data up to sampling error; for other data it measures the linear
  (second-order) dependence only: a lower bound on the MI given the
  covariance.
* ``method="gcmi"`` (MI, conditional MI; :func:`gcmi_scores` for many
  variables at once): Ince et al. (2017), "A statistical framework for
  neuroimaging data analysis based on mutual information estimated via a
  Gaussian copula", Human Brain Mapping 38:1541-1573. Each column is replaced
  by its normal scores (:func:`copnorm`), then the Gaussian MI is taken with
  Ince's analytic bias correction. Since MI is invariant under monotone maps of
  each coordinate, the estimate depends on the data only through ranks; it is
  a lower bound on the MI of the copula, exact when the copula is Gaussian.
* ``method="ksg_copula"`` (alias ``"copula_ksg"``; MI and CMI): the KSG /
  Frenzel–Pompe estimators run on the normal scores of each column, which
  removes their bias on long-tailed marginals while estimating the same MI.

Samples are prepared by :func:`infokit.estimate._samples.prepare` (shapes,
``nan_policy``, finite span); labels by
:func:`infokit.estimate._discrete_labels.label_codes`. The normal scores come
from the C++ kernel ``infokit._kernels.copula`` (one argsort per column: value
buckets, or a radix sort where the values are unevenly spread; threaded over columns); its NumPy twin is :func:`infokit.reference.copnorm`.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from infokit._kernels import copula as _kc
from infokit._kernels import histogram as _kh
from infokit._validation import (
    NAN_POLICIES,
    apply_nan_policy,
    as_float_samples,
    base_scale,
    check_bool,
    check_choice,
    check_int,
    check_same_length,
    is_discrete,
    resolve_n_jobs,
    to_numpy,
)
from infokit.dist import _gaussian as _g
from infokit.estimate._discrete_labels import label_codes
from infokit.estimate._docs import fill_doc
from infokit.estimate._knn_ksg import ksg_conditional_mutual_info, ksg_mutual_info
from infokit.estimate._registry import register
from infokit.estimate._samples import prepare

__all__ = [
    "copnorm",
    "gaussian_entropy",
    "gaussian_mutual_info",
    "gaussian_conditional_mutual_info",
    "gaussian_kl_divergence",
    "gcmi_mutual_info",
    "gcmi_conditional_mutual_info",
    "gcmi_scores",
    "ksg_copula_mutual_info",
    "ksg_copula_conditional_mutual_info",
]

_NAN = float("nan")
# A fitted covariance whose Cholesky pivot falls below this fraction of its
# diagonal entry is singular to rounding (collinear sample columns).
_SINGULAR_RTOL = 1e-12


# ----------------------------------------------------------------------------
# Normal scores
# ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _score_table(n: int) -> np.ndarray:
    """``ndtri((m / 2) / (n + 1))`` for m = 0 .. 2n: the score of every (average) rank, by twice the rank."""
    from scipy.special import ndtri  # lazily: import infokit stays light

    table = ndtri(np.arange(2 * n + 1) / 2.0 / (n + 1))
    table.setflags(write=False)
    return table


def normal_scores(a: np.ndarray, n_jobs: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Normal scores of each column of finite float64 ``a`` (n, p) as a (p, n) array, and each column's tie count."""
    n, p = a.shape
    out = np.empty((p, n))
    ties = np.empty(p, dtype=np.int64)
    _kc.normal_scores(a, _score_table(n), out, ties, n_jobs)
    return out, ties


def _scores(a: np.ndarray, n_jobs: int = 1) -> np.ndarray:
    """Normal scores of each column of ``a`` (n, d), as an (n, d) array."""
    return normal_scores(a, n_jobs)[0].T


@fill_doc
def copnorm(x: ArrayLike, *, axis: int = 0, n_jobs: int | None = None) -> NDArray[np.float64]:
    r"""Copula normalisation: every value replaced by the normal quantile of its rank.

    .. math:: c_i = \Phi^{-1}\!\left(\frac{r_i}{n + 1}\right),

    :math:`r_i` the rank of :math:`x_i` among the ``n`` values of its column
    (``scipy.special.ndtri(rank / (n + 1))``, as in Ince et al. 2017). Each
    column of the result is a standard-normal-looking variable with the same
    ordering as the input: the empirical copula on normal marginals.

    **Ties** share their average rank (``scipy.stats.rankdata(method="average")``),
    so the result does not depend on the order of the rows. The published
    code ranks by ``argsort(argsort(x))``, which breaks ties by position
    (a shuffled copy of the data gets other scores); the two agree exactly on
    tie-free columns. A constant column becomes a constant 0.

    Parameters
    ----------
    x : array-like
        Real samples; NaN and inf raise.
    axis : int, default 0
        The sample axis (ranks are taken along it); every other index is a
        separate variable. Ince's and frites' code use the last axis.
    n_jobs : int, optional
        Threads over the variables (None: 1, -1: all cores); bit-identical
        results for any value.

    Returns
    -------
    ndarray
        float64, the shape of ``x``.

    Raises
    ------
    ValueError
        NaN or inf values, an empty sample axis.
    TypeError
        Non-numeric data.

    Notes
    -----
    One argsort per variable (C++ bucket or radix sort, threaded over
    variables): O(n) per variable for continuous data, O(n p) memory.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import copnorm
    >>> copnorm([10.0, 30.0, 20.0]).round(4)          # ranks 1, 3, 2 of n = 3
    array([-0.6745,  0.6745,  0.    ])
    >>> copnorm([1.0, 1.0, 5.0]).round(4)             # ties share the average rank 1.5
    array([-0.3186, -0.3186,  0.6745])
    """
    a = to_numpy(x)
    if a.dtype.kind not in "biuf":
        raise TypeError(f"x must be real numeric data, got dtype {a.dtype}")
    if a.ndim == 0:
        raise ValueError("x must have at least one dimension, got a scalar")
    ax = check_int(axis, "axis")
    if not -a.ndim <= ax < a.ndim:
        raise ValueError(f"axis={ax} is out of bounds for x with ndim={a.ndim}")
    moved = np.moveaxis(np.asarray(a, dtype=np.float64), ax, 0)
    n = moved.shape[0]
    if n == 0:
        raise ValueError("x is empty along axis: it needs at least 1 sample")
    if not np.isfinite(moved).all():
        raise ValueError("x contains NaN or inf: ranks of NaN are meaningless; drop or impute them first")
    flat = moved.reshape(n, -1)
    out, _ = normal_scores(flat, resolve_n_jobs(n_jobs))
    return np.moveaxis(out.T.reshape(moved.shape), 0, ax)


# ----------------------------------------------------------------------------
# Shared pieces
# ----------------------------------------------------------------------------


def _check_ddof(ddof: Any, n: int) -> int:
    ddof = check_int(ddof, "ddof", minimum=0)
    if ddof >= n:
        raise ValueError(f"ddof={ddof} must be smaller than the number of samples n={n}")
    return ddof


def bias(n: Any, d: int, ddof: int = 1) -> Any:
    r"""Ince's bias of the plug-in half log-determinant: :math:`E[\tfrac12 \log\det S] - \tfrac12 \log\det\Sigma`.

    For ``S`` the sample covariance of ``n`` Gaussian samples in ``d``
    dimensions (mean estimated, divided by ``n - ddof``), the Wishart moments
    give :math:`\tfrac d2 (\log 2 - \log(n - \text{ddof})) + \tfrac12
    \sum_{k=1}^{d} \psi((n - k) / 2)`; with ``ddof=1`` these are Ince's
    ``dterm`` and ``psiterms``. Subtracting it makes the Gaussian entropy
    estimate unbiased. ``n`` may be an array (one value per class).
    """
    if d == 0:
        return 0.0 * np.asarray(n, dtype=np.float64)
    from scipy.special import psi  # lazily: import infokit stays light

    n = np.asarray(n, dtype=np.float64)
    k = np.arange(1, d + 1)
    psis = psi((n[..., None] - k) / 2.0).sum(axis=-1) / 2.0
    return d * (math.log(2.0) - np.log(n - ddof)) / 2.0 + psis


def _check_samples_for(n: int, d: int, names: str, ridge: float, bias_correct: bool) -> None:
    if n <= d and (not ridge or bias_correct):
        raise ValueError(
            f"a Gaussian fit of {names} needs more samples than dimensions: n={n}, d={d}; use more samples or "
            "fewer dimensions" + ("" if bias_correct else ", or pass ridge= to regularise the covariance")
        )


def _nonconstant(a: np.ndarray) -> np.ndarray:
    """The columns of ``a`` that are not constant (a constant carries no information)."""
    keep = ~(a == a[:1]).all(axis=0)
    return a if keep.all() else a[:, keep]


def _cov(a: np.ndarray, ddof: int = 1) -> np.ndarray:
    c = a - a.mean(axis=0)
    return (c.T @ c) / (len(a) - ddof)


def _joined(*names: str) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _what(*names: str) -> str:
    return f"the sample covariance of {_joined(*names)}"


def _mi_nats(xa: np.ndarray, ya: np.ndarray, bias_correct: bool, ridge: float, names: tuple[str, str]) -> float:
    """Gaussian MI of prepared samples (constant columns dropped here), in nats."""
    xa, ya = _nonconstant(xa), _nonconstant(ya)
    dx, dy = xa.shape[1], ya.shape[1]
    if dx == 0 or dy == 0:
        return 0.0
    n = len(xa)
    _check_samples_for(n, dx + dy, _joined(*names), ridge, bias_correct)
    s = _g.ridged(_cov(np.hstack([xa, ya])), ridge)
    mi = float(_g.mi_from_chol(_g.cholesky(s, _what(*names), _SINGULAR_RTOL), dx))
    if bias_correct:
        mi -= float(bias(n, dx) + bias(n, dy) - bias(n, dx + dy))
    return mi


def _cmi_nats(
    xa: np.ndarray, ya: np.ndarray, za: np.ndarray, bias_correct: bool, ridge: float, names: tuple[str, str, str]
) -> float:
    """Gaussian CMI of prepared samples (constant columns dropped), in nats."""
    xa, ya, za = _nonconstant(xa), _nonconstant(ya), _nonconstant(za)
    dx, dy, dz = xa.shape[1], ya.shape[1], za.shape[1]
    if dx == 0 or dy == 0:
        return 0.0
    if dz == 0:
        return _mi_nats(xa, ya, bias_correct, ridge, names[:2])  # type: ignore[arg-type]
    n = len(xa)
    _check_samples_for(n, dx + dy + dz, _joined(*names), ridge, bias_correct)
    s = _g.ridged(_cov(np.hstack([xa, ya, za])), ridge)
    cmi = float(_g.cmi_from_cov(s, dx, dy, _what(*names), _SINGULAR_RTOL))
    if bias_correct:
        cmi -= float(bias(n, dx + dz) + bias(n, dy + dz) - bias(n, dx + dy + dz) - bias(n, dz))
    return cmi


# ----------------------------------------------------------------------------
# method="gaussian"
# ----------------------------------------------------------------------------


@fill_doc
def gaussian_entropy(
    x: ArrayLike,
    *,
    base: float | None = None,
    ddof: int = 1,
    bias_correct: bool = False,
    ridge: float | None = None,
    nan_policy: str = "raise",
) -> float:
    r"""Differential entropy of the normal distribution fitted to the samples.

    .. math:: \hat h = \tfrac12 \log\det(2 \pi e S),

    :math:`S` the sample covariance (divided by ``n - ddof``), evaluated by
    :func:`infokit.dist.gaussian_entropy`. With ``bias_correct=True`` Ince's
    correction (the exact Wishart bias of :math:`\log\det S`) is subtracted,
    which makes it unbiased for Gaussian data whatever ``ddof``.

    Parameters
    ----------
    x : array-like, shape (n,) or (n, d)
        Samples; a 2-D array is one d-dimensional variable.
    %(base)s
    %(ddof)s
    %(bias_correct_false)s
    %(ridge_samples)s
    %(nan_policy)s

    Returns
    -------
    float
        Entropy in nats (or units of ``base``).

    Raises
    ------
    ValueError
        ``n <= d`` (no ridge), a singular sample covariance (a constant or
        collinear column: the entropy is -inf; the message names the ``ridge``
        cure), NaN under ``nan_policy="raise"``.

    Notes
    -----
    O(n d^2 + d^3). For non-Gaussian data this is an upper bound on the
    entropy (the normal has the largest entropy for a given covariance).

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import entropy
    >>> x = np.random.default_rng(0).normal(0, 2, 100_000)
    >>> round(entropy(x, method="gaussian"), 2)       # 0.5 log(2 pi e 4) = 2.112
    2.11
    """
    scale = base_scale(base)
    bias_correct = check_bool(bias_correct, "bias_correct")
    r = _g.check_ridge(ridge)
    (xa,), has_nan = prepare([x], ["x"], nan_policy=nan_policy, noise=None, random_state=None)
    if has_nan:
        return _NAN
    n, d = xa.shape
    ddof = _check_ddof(ddof, n)
    _check_samples_for(n, d, "x", r, bias_correct)
    s = _g.ridged(_cov(xa, ddof), r)
    h = float(_g.entropy_from_cov(s, _what("x"), _SINGULAR_RTOL))
    if bias_correct:
        h -= float(bias(n, d, ddof))
    return h * scale


@fill_doc
def gaussian_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    *,
    base: float | None = None,
    bias_correct: bool = False,
    ridge: float | None = None,
    nan_policy: str = "raise",
) -> float:
    r"""MI of the normal distribution fitted to paired samples.

    .. math:: \hat I = \tfrac12 \left(\log\det S_{xx} + \log\det S_{yy}
              - \log\det S\right) = -\tfrac12 \sum_i \log(1 - \hat s_i^2),

    :math:`S` the sample covariance of (x, y) and :math:`\hat s_i` the sample
    canonical correlations (:func:`infokit.dist.gaussian_mi`). MI is scale
    invariant, so the covariance's normalisation (``ddof``) does not matter.
    Exact for Gaussian data up to sampling error; otherwise the MI of the
    linear dependence (for 1-D x and y, :math:`-\tfrac12\log(1 - r^2)` with
    ``r`` Pearson's correlation).

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Paired samples.
    %(base)s
    %(bias_correct_false)s
    %(ridge_samples)s
    %(nan_policy)s

    Returns
    -------
    float
        MI in nats (or units of ``base``); ``>= 0`` without the bias
        correction, which can make it negative.

    Raises
    ------
    ValueError
        ``n <= dx + dy`` (no ridge); a singular sample covariance of
        non-constant columns (collinear columns: pass ``ridge=`` or drop
        them); NaN under ``nan_policy="raise"``.

    Notes
    -----
    **Constant columns are dropped** (a constant carries no information:
    ``I((X1, c); Y) = I(X1; Y)``), so a constant x or y gives exactly 0.
    O(n (dx + dy)^2 + (dx + dy)^3).

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import mutual_info
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal(100_000)
    >>> y = 0.6 * x + 0.8 * rng.standard_normal(100_000)   # I = -0.5 log(1 - 0.36) = 0.2231
    >>> round(mutual_info(x, y, method="gaussian"), 3)
    0.223
    """
    scale = base_scale(base)
    bias_correct = check_bool(bias_correct, "bias_correct")
    r = _g.check_ridge(ridge)
    (xa, ya), has_nan = prepare([x, y], ["x", "y"], nan_policy=nan_policy, noise=None, random_state=None)
    if has_nan:
        return _NAN
    return _mi_nats(xa, ya, bias_correct, r, ("x", "y")) * scale


@fill_doc
def gaussian_conditional_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    z: ArrayLike,
    *,
    base: float | None = None,
    bias_correct: bool = False,
    ridge: float | None = None,
    nan_policy: str = "raise",
) -> float:
    r"""Conditional MI I(X; Y | Z) of the normal distribution fitted to the samples.

    .. math:: \hat I = \tfrac12 \left(\log\det S_{xz} + \log\det S_{yz}
              - \log\det S_{z} - \log\det S_{xyz}\right),

    the MI of the conditional covariance of (x, y) given z (partial
    correlation; :func:`infokit.dist.gaussian_cmi`).

    Parameters
    ----------
    x, y, z : array-like, shape (n,) or (n, d)
        Paired samples.
    %(base)s
    %(bias_correct_false)s
    %(ridge_samples)s
    %(nan_policy)s

    Returns
    -------
    float
        CMI in nats (or units of ``base``).

    Raises
    ------
    ValueError
        ``n <= dx + dy + dz`` (no ridge); a singular sample covariance of the
        non-constant columns; NaN under ``nan_policy="raise"``.

    Notes
    -----
    Constant columns are dropped, as in :func:`gaussian_mutual_info`; a
    constant z gives the MI of x and y. O(n d^2 + d^3), d = dx + dy + dz.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import conditional_mutual_info
    >>> rng = np.random.default_rng(1)
    >>> z = rng.standard_normal(50_000)
    >>> x, y = z + rng.standard_normal(50_000), z + rng.standard_normal(50_000)
    >>> abs(conditional_mutual_info(x, y, z, method="gaussian")) < 1e-3     # independent given z
    True
    """
    scale = base_scale(base)
    bias_correct = check_bool(bias_correct, "bias_correct")
    r = _g.check_ridge(ridge)
    (xa, ya, za), has_nan = prepare([x, y, z], ["x", "y", "z"], nan_policy=nan_policy, noise=None, random_state=None)
    if has_nan:
        return _NAN
    return _cmi_nats(xa, ya, za, bias_correct, r, ("x", "y", "z")) * scale


@fill_doc
def gaussian_kl_divergence(
    p_samples: ArrayLike,
    q_samples: ArrayLike,
    *,
    base: float | None = None,
    ddof: int = 1,
    ridge: float | None = None,
    nan_policy: str = "raise",
) -> float:
    r"""KL divergence between the normal distributions fitted to two samples.

    :math:`D(\mathcal N(\bar p, S_p) \,\|\, \mathcal N(\bar q, S_q))` with the
    sample means and covariances (divided by ``n - ddof``), by
    :func:`infokit.dist.gaussian_kl`.

    Parameters
    ----------
    p_samples : array-like, shape (n,) or (n, d)
    q_samples : array-like, shape (m,) or (m, d)
        Samples of P and of Q (their sizes may differ; ``nan_policy="omit"``
        drops rows of each separately).
    %(base)s
    %(ddof)s
    %(ridge_samples)s
    %(nan_policy)s

    Returns
    -------
    float
        KL in nats (or units of ``base``), ``>= 0``.

    Raises
    ------
    ValueError
        Samples of different dimensions, ``n <= d`` or ``m <= d`` (no ridge),
        a singular sample covariance, NaN under ``nan_policy="raise"``.

    Notes
    -----
    O((n + m) d^2 + d^3).

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import kl_divergence
    >>> rng = np.random.default_rng(0)
    >>> d = kl_divergence(rng.normal(0, 1, 100_000), rng.normal(1, 1, 100_000), method="gaussian")
    >>> round(d, 2)                                  # (mu_p - mu_q)^2 / 2 = 0.5
    0.5
    """
    scale = base_scale(base)
    r = _g.check_ridge(ridge)
    fits = []
    for a, name in ((p_samples, "p_samples"), (q_samples, "q_samples")):
        (arr,), has_nan = prepare([a], [name], nan_policy=nan_policy, noise=None, random_state=None)
        if has_nan:
            return _NAN
        fits.append((arr, name))
    (pa, _), (qa, _) = fits
    if pa.shape[1] != qa.shape[1]:
        raise ValueError(f"p_samples and q_samples have different dimensions: {pa.shape[1]} and {qa.shape[1]}")
    moments = []
    for arr, name in fits:
        n, d = arr.shape
        dd = _check_ddof(ddof, n)
        _check_samples_for(n, d, name, r, False)
        moments.append((arr.mean(axis=0), _g.ridged(_cov(arr, dd), r)))
    (m0, s0), (m1, s1) = moments
    kl = float(_g.kl_full(m0, s0, m1, s1, (_what("p_samples"), _what("q_samples")), _SINGULAR_RTOL))
    return kl * scale


# ----------------------------------------------------------------------------
# method="gcmi"
# ----------------------------------------------------------------------------


def _gcmi_cd_nats(cx: np.ndarray, codes: np.ndarray, bias_correct: bool, label_name: str) -> float:
    """Ince's gcmi_model_cd on normal scores ``cx`` (n, d) and label codes, in nats."""
    cx = _nonconstant(cx)
    n, d = cx.shape
    counts = np.bincount(codes)
    if d == 0 or np.count_nonzero(counts) < 2:
        return 0.0
    present = np.flatnonzero(counts)
    small = present[counts[present] <= d]
    if small.size:
        raise ValueError(
            f"a label of {label_name} occurs {int(counts[small[0]])} time(s): GCMI's class-conditional covariance "
            f"needs more than d = {d} samples per label; merge or drop the rare labels"
        )
    _check_samples_for(n, d, "x", 0.0, bias_correct)
    total = _cov(cx)
    h_unc = 0.5 * float(_g.logdet_chol(_g.cholesky(total, _what("x"), _SINGULAR_RTOL)))
    order = np.argsort(codes, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(counts[present])])
    sorted_x = cx[order]
    covs = np.stack([_cov(sorted_x[bounds[i] : bounds[i + 1]]) for i in range(len(present))])
    # A column constant within a label (tied normal scores) has a class
    # variance of rounding size, not 0: the Gaussian model's MI is infinite
    # and its log-det would read an arbitrary ~20 nats. gcmi_scores' rule.
    flat = np.diagonal(covs, axis1=1, axis2=2) <= _SINGULAR_RTOL * np.diag(total)
    if flat.any():
        col = int(np.flatnonzero(flat.any(axis=0))[0])
        raise ValueError(
            f"column {col} of the continuous side is constant within a label of {label_name} but not overall: its "
            "class-conditional variance is 0 and the Gaussian model MI is infinite; drop that column or use "
            "method='discrete'"
        )
    h_cond = 0.5 * _g.logdet_chol(
        _g.cholesky(covs, f"the sample covariance of x within a label of {label_name}", _SINGULAR_RTOL)
    )
    nc = counts[present].astype(np.float64)
    w = nc / n
    mi = h_unc - float(w @ h_cond)
    if bias_correct:
        mi -= float(bias(n, d)) - float(w @ bias(nc, d))
    return mi


def _split_labels(x: Any, y: Any) -> tuple[Any, Any, str, str] | None:
    """(continuous, labels, their names) when exactly one of x, y holds labels; None when neither does."""
    xd, yd = is_discrete(x), is_discrete(y)
    if xd and yd:
        raise ValueError(
            "method='gcmi' needs at least one continuous variable; x and y both hold labels (ints, strings, "
            "categoricals): use method='discrete'"
        )
    if yd:
        return x, y, "x", "y"
    if xd:
        return y, x, "y", "x"
    return None


def _prepare_cd(
    cont: Any, labels: Any, cname: str, lname: str, nan_policy: str
) -> tuple[np.ndarray, np.ndarray] | None:
    """Float samples and label codes, rows aligned under ``nan_policy`` (None: propagate a NaN)."""
    xa = as_float_samples(cont, cname)
    la = to_numpy(labels)
    check_same_length([xa, la], [cname, lname])
    (xa, la), has_nan = apply_nan_policy([xa, la], [cname, lname], nan_policy)
    if has_nan:
        return None
    return np.ascontiguousarray(xa, dtype=np.float64), label_codes(la, lname)


@fill_doc
def gcmi_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    *,
    base: float | None = None,
    bias_correct: bool = True,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> float:
    r"""Gaussian-copula MI (Ince et al. 2017): the Gaussian MI of the normal scores.

    Both variables are copula-normalised column by column (:func:`copnorm`:
    ``ndtri(rank / (n + 1))``, average ranks for ties), then

    * continuous x and y (Ince's ``gcmi_cc``): the Gaussian MI of the scores,
      :math:`\tfrac12 (\log\det S_{xx} + \log\det S_{yy} - \log\det S)`;
    * one side labels (ints, bools, strings, categoricals; Ince's
      ``gcmi_model_cd``, the ANOVA-style model comparison): with ``c`` the
      normal scores of the continuous side,
      :math:`\hat I = \tfrac12 \log\det S - \sum_k w_k \tfrac12 \log\det S_k`,
      :math:`S_k` the covariance of ``c`` within label ``k`` (divided by
      :math:`n_k - 1`) and :math:`w_k = n_k / n`. This compares one Gaussian
      with one Gaussian per label; it is a lower bound on the MI of the
      copula, tight when the class-conditional copulas are Gaussian.

    With ``bias_correct=True`` (the default, as in Ince's code) each
    :math:`\tfrac12 \log\det` term has its exact Wishart bias removed:
    ``d * (ln 2 - ln(n - 1)) / 2 + sum_{k=1..d} psi((n - k) / 2) / 2`` (with
    :math:`n_k` for the class terms).

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Paired samples; which side holds labels is read off the dtype (the
        rule of ``method="auto"``). A 2-D label array is one joint label.
    %(base)s
    %(bias_correct_true)s
    %(nan_policy)s
    n_jobs : int, optional
        Threads for the normal scores (over columns); bit-identical results.

    Returns
    -------
    float
        MI in nats (or units of ``base``; Ince's code returns bits: pass
        ``base=2``). Can be slightly negative with the bias correction.

    Raises
    ------
    ValueError
        Both sides labels; ``n`` not larger than the dimension; a label
        occurring at most ``d`` times (its covariance is singular); collinear
        columns; NaN under ``nan_policy="raise"``.

    Notes
    -----
    The estimate depends on the data only through the ranks of each column,
    so it is invariant under strictly increasing transforms of each
    marginal. Constant columns are dropped (MI 0 for a constant variable).
    O(n d) for the normal scores (bucket or radix sort) plus O(n d^2 + d^3).
    Agrees with frites' ``gcmi_1d_cc`` / ``gcmi_model_1d_cd`` to rounding on
    tie-free data (tests/estimate/test_gaussian.py).

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import mutual_info
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal(20_000)
    >>> y = 0.6 * x + 0.8 * rng.standard_normal(20_000)
    >>> round(mutual_info(np.exp(x), y ** 3, method="gcmi"), 2)    # monotone maps: still 0.2231
    0.22
    >>> labels = (x > 0).astype(int)          # I = ln 2 = 0.69; the Gaussian model is a lower bound
    >>> round(mutual_info(x, labels, method="gcmi"), 2)
    0.51
    """
    scale = base_scale(base)
    bias_correct = check_bool(bias_correct, "bias_correct")
    threads = resolve_n_jobs(n_jobs)
    split = _split_labels(x, y)
    if split is not None:
        cont, labels, cname, lname = split
        prepared = _prepare_cd(cont, labels, cname, lname, nan_policy)
        if prepared is None:
            return _NAN
        xa, codes = prepared
        return _gcmi_cd_nats(_scores(xa, threads), codes, bias_correct, lname) * scale
    (xa, ya), has_nan = prepare([x, y], ["x", "y"], nan_policy=nan_policy, noise=None, random_state=None)
    if has_nan:
        return _NAN
    return _mi_nats(_scores(xa, threads), _scores(ya, threads), bias_correct, 0.0, ("x", "y")) * scale


@fill_doc
def gcmi_conditional_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    z: ArrayLike,
    *,
    base: float | None = None,
    bias_correct: bool = True,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> float:
    r"""Gaussian-copula conditional MI I(X; Y | Z) (Ince's ``gccmi_ccc``).

    Each column of x, y and z is copula-normalised (:func:`copnorm`), then
    the Gaussian CMI of the scores is taken,
    :math:`\tfrac12 (\log\det S_{xz} + \log\det S_{yz} - \log\det S_z -
    \log\det S_{xyz})`, each term bias-corrected as in
    :func:`gcmi_mutual_info` (Ince's ``cmi_ggg(..., biascorrect=True)``).

    Parameters
    ----------
    x, y, z : array-like, shape (n,) or (n, d)
        Paired real samples (integer columns are ranked like any numbers,
        ties sharing average ranks; conditioning on labels class by class,
        Ince's ``gccmi_ccd``, is not implemented).
    %(base)s
    %(bias_correct_true)s
    %(nan_policy)s
    n_jobs : int, optional
        Threads for the normal scores; bit-identical results.

    Returns
    -------
    float
        CMI in nats (or units of ``base``).

    Raises
    ------
    ValueError
        ``n`` not larger than ``dx + dy + dz``; collinear columns; NaN under
        ``nan_policy="raise"``.

    Notes
    -----
    Constant columns are dropped. O(n d) + O(n d^2 + d^3).

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import conditional_mutual_info
    >>> rng = np.random.default_rng(2)
    >>> z = rng.standard_normal(20_000)
    >>> x, y = np.exp(z + rng.standard_normal(20_000)), z + rng.standard_normal(20_000)
    >>> abs(conditional_mutual_info(x, y, z, method="gcmi")) < 0.01
    True
    """
    scale = base_scale(base)
    bias_correct = check_bool(bias_correct, "bias_correct")
    threads = resolve_n_jobs(n_jobs)
    arrays, has_nan = prepare([x, y, z], ["x", "y", "z"], nan_policy=nan_policy, noise=None, random_state=None)
    if has_nan:
        return _NAN
    cx, cy, cz = (_scores(a, threads) for a in arrays)
    return _cmi_nats(cx, cy, cz, bias_correct, 0.0, ("x", "y", "z")) * scale


@fill_doc
def gcmi_scores(
    X: ArrayLike,
    y: ArrayLike,
    *,
    base: float | None = None,
    bias_correct: bool = True,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> NDArray[np.float64]:
    r"""Gaussian-copula MI between every column of ``X`` and ``y``, vectorised.

    ``gcmi_scores(X, y)[j] == gcmi_mutual_info(X[:, j], y)`` (to rounding),
    computed in one pass: the normal scores of all columns (one argsort
    each, threaded), their cross-products with the scores of ``y`` (one matrix
    product), and for each column the squared multiple correlation
    :math:`R_j^2 = c_j^T S_{yy}^{-1} c_j / s_j^2` (one triangular solve for
    all columns), so :math:`\hat I_j = -\tfrac12 \log(1 - R_j^2)` minus the
    bias correction (a constant per call). For labels ``y`` the
    class-conditional variances of all columns come from two matrix products
    with the one-hot labels.

    Parameters
    ----------
    X : array-like, shape (n, p)
        ``p`` real variables (features, channels, voxels), one per column.
    y : array-like, shape (n,) or (n, dy)
        Real samples (possibly multivariate) or labels (ints, bools, strings,
        categoricals: Ince's ``gcmi_model_cd`` per column).
    %(base)s
    %(bias_correct_true)s
    nan_policy : {"raise", "omit", "propagate"}, default "raise"
        Non-finite values: raise ValueError, drop every row in which any
        column of X or y has one (the same rows for every column), or
        return NaN for every column.
    n_jobs : int, optional
        Threads over the columns for the normal scores; bit-identical
        results for any value.

    Returns
    -------
    ndarray of shape (p,)
        MI of each column with ``y``, in nats (or units of ``base``).
        Constant columns give exactly 0.

    Raises
    ------
    ValueError
        Lengths differ; ``n`` too small; a label occurring only once; a
        column that is constant within some label but not overall (its
        class-conditional variance is 0, so the Gaussian model MI is
        infinite; the message names the column); NaN under
        ``nan_policy="raise"``.

    Notes
    -----
    One fused C++ pass per column (an argsort: value buckets and one
    insertion pass, or a two-level radix sort for unevenly spread values;
    then the scores' products with the centred scores of ``y``, or their
    per-label sums), threaded over columns; the (p, n) scores are never
    stored. O(n p) time, O(n) extra memory per thread. 1000 columns at
    n = 1e4 take about 0.1 s with one thread on a loaded 2-core VM, against
    0.7-1.0 s for frites' ``gcmi_1d_cc`` (or the published algorithm in
    NumPy) called per column (README, Speed).

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import gcmi_scores, gcmi_mutual_info
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((5000, 4))
    >>> y = X[:, 0] + 0.5 * X[:, 1] + rng.standard_normal(5000)
    >>> gcmi_scores(X, y).round(2) + 0.0     # truth: 0.294, 0.059, 0, 0
    array([0.29, 0.05, 0.  , 0.  ])
    >>> bool(np.isclose(gcmi_scores(X, y)[1], gcmi_mutual_info(X[:, 1], y), rtol=1e-9))
    True
    """
    scale = base_scale(base)
    bias_correct = check_bool(bias_correct, "bias_correct")
    threads = resolve_n_jobs(n_jobs)
    if is_discrete(X):
        raise ValueError("gcmi_scores needs real-valued columns in X; for labels use method='discrete'")
    xa = as_float_samples(X, "X")
    if is_discrete(y):
        la = to_numpy(y)
        check_same_length([xa, la], ["X", "y"])
        (xa, la), has_nan = _nan_policy_many([xa, la], ["X", "y"], nan_policy, threads)
        if has_nan:
            return np.full(xa.shape[1], np.nan)
        codes = label_codes(la, "y")
        return _scores_cd(np.asarray(xa, dtype=np.float64), codes, bias_correct, threads) * scale
    # Ranks need finite values only: the span check of prepare() (distances that overflow) does not apply,
    # and over n x p values it would cost a fifth of the call.
    ya = as_float_samples(y, "y")
    check_same_length([xa, ya], ["X", "y"])
    (xa, ya), has_nan = _nan_policy_many([xa, ya], ["X", "y"], nan_policy, threads)
    if has_nan:
        return np.full(xa.shape[1], np.nan)
    xa, ya = (np.asarray(a, dtype=np.float64) for a in (xa, ya))
    return _scores_cc(xa, _nonconstant(_scores(ya)), bias_correct, threads) * scale


def _nan_policy_many(
    arrays: list[np.ndarray], names: list[str], nan_policy: str, n_jobs: int
) -> tuple[list[np.ndarray], bool]:
    """:func:`~infokit._validation.apply_nan_policy` for a wide ``X``, with its usual case done in one threaded pass.

    When every float array is contiguous and finite (checked by the C++ range
    scan, no n x p boolean temporaries) the arrays are returned as they are,
    which is what apply_nan_policy returns then; anything else goes to it.
    """
    check_choice(nan_policy, "nan_policy", NAN_POLICIES)
    for a in arrays:
        if a.dtype.kind != "f":
            continue
        if a.dtype not in (np.float32, np.float64) or not a.flags.c_contiguous or not a.size:
            return apply_nan_policy(arrays, names, nan_policy)
        if not _kh.column_range(a.reshape(-1), n_jobs)[2]:
            return apply_nan_policy(arrays, names, nan_policy)
    return list(arrays), False


def project(
    xa: np.ndarray, w: np.ndarray | None, codes: np.ndarray | None, dw: int, n_jobs: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The kernel's fused projection of the normal scores of each column of ``xa`` (see copula.pyx)."""
    n, p = xa.shape
    proj1, proj2 = np.empty((p, dw)), np.empty((p, dw))
    moments = np.empty((p, 2))
    ties = np.empty(p, dtype=np.int64)
    _kc.normal_scores_project(xa, _score_table(n), w, codes, proj1, proj2, moments, ties, n_jobs)
    return proj1, proj2, moments


def _scores_cc(xa: np.ndarray, cy: np.ndarray, bias_correct: bool, n_jobs: int) -> np.ndarray:
    n, p = xa.shape
    dy = cy.shape[1]
    if dy == 0:
        return np.zeros(p)
    _check_samples_for(n, 1 + dy, "a column of X and y", 0.0, bias_correct)
    yc = np.ascontiguousarray(cy - cy.mean(axis=0))
    ly = _g.cholesky(yc.T @ yc, _what("y"), _SINGULAR_RTOL)
    cross, _, moments = project(xa, yc, None, dy, n_jobs)  # the column means drop out against centred y
    ss = moments[:, 1] - moments[:, 0] ** 2 / n
    w = np.linalg.solve(ly, cross.T)  # (dy, p)
    constant = ss <= _SINGULAR_RTOL * moments[:, 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        r2 = np.where(constant, 0.0, (w * w).sum(axis=0) / np.where(constant, 1.0, ss))
    mi = _g.mi_from_rho2(r2)
    if bias_correct:
        mi = np.where(constant, 0.0, mi - float(bias(n, 1) + bias(n, dy) - bias(n, 1 + dy)))
    return mi


def _scores_cd(xa: np.ndarray, codes: np.ndarray, bias_correct: bool, n_jobs: int) -> np.ndarray:
    n, p = xa.shape
    counts = np.bincount(codes)
    present = np.flatnonzero(counts)
    if len(present) < 2:
        return np.zeros(p)
    nc = counts[present].astype(np.float64)
    if (nc <= 1).any():
        raise ValueError(
            "a label of y occurs only once: GCMI's class-conditional variance needs at least 2 samples per "
            "label; merge or drop the rare labels"
        )
    remap = np.full(len(counts), -1, dtype=np.int64)
    remap[present] = np.arange(len(present))
    s1, s2, moments = project(xa, None, np.ascontiguousarray(remap[codes]), len(present), n_jobs)
    ss = moments[:, 1] - moments[:, 0] ** 2 / n
    var_c = (s2 - s1 * s1 / nc) / (nc - 1)
    constant = ss <= _SINGULAR_RTOL * moments[:, 1]
    bad = np.flatnonzero(~constant & (var_c <= _SINGULAR_RTOL * (ss / (n - 1))[:, None]).any(axis=1))
    if bad.size:
        raise ValueError(
            f"column {int(bad[0])} of X is constant within a label of y but not overall: its class-conditional "
            "variance is 0 and the Gaussian model MI is infinite; drop that column or use method='discrete'"
        )
    w = nc / n
    with np.errstate(divide="ignore", invalid="ignore"):
        h_unc = 0.5 * np.log(ss / (n - 1))
        h_cond = 0.5 * np.log(var_c) @ w
        mi = np.where(constant, 0.0, h_unc - h_cond)
    if bias_correct:
        mi = np.where(constant, 0.0, mi - (float(bias(n, 1)) - float(w @ bias(nc, 1))))
    return mi


# ----------------------------------------------------------------------------
# Null models (fast permutation tests: the covariance of each side is fixed)
# ----------------------------------------------------------------------------


class GaussianNullModel:
    """Significance interface of ``method="gaussian"`` and ``"gcmi"`` (continuous pairs).

    The (normal scores of the) samples are prepared once; a permutation only
    re-pairs the rows of y, so each re-estimate is one covariance and one
    small factorisation: no re-validation, no re-ranking (the normal scores
    of ``y[perm]`` are those of y, permuted).
    """

    def __init__(
        self, xa: np.ndarray | None, ya: np.ndarray | None, n: int, bias_correct: bool, ridge: float, scale: float
    ) -> None:
        self.n = n
        self._x, self._y = xa, ya
        self._bias_correct, self._ridge, self._scale = bias_correct, ridge, scale

    def estimate(self, perm: NDArray[np.int64] | None = None) -> float:
        if self._x is None or self._y is None:
            return _NAN
        y = self._y if perm is None else self._y[perm]
        return _mi_nats(self._x, y, self._bias_correct, self._ridge, ("x", "y")) * self._scale


class GcmiLabelsNullModel:
    """Significance interface of ``method="gcmi"`` for continuous x and labels y: the labels are permuted."""

    def __init__(self, cx: np.ndarray | None, codes: np.ndarray | None, n: int, bias_correct: bool, scale: float):
        self.n = n
        self._cx, self._codes = cx, codes
        self._bias_correct, self._scale = bias_correct, scale

    def estimate(self, perm: NDArray[np.int64] | None = None) -> float:
        if self._cx is None or self._codes is None:
            return _NAN
        codes = self._codes if perm is None else self._codes[perm]
        return _gcmi_cd_nats(self._cx, codes, self._bias_correct, "y") * self._scale


def gaussian_null_model(
    x: ArrayLike,
    y: ArrayLike,
    *,
    rng: np.random.Generator,
    n_jobs: int | None,
    base: float | None = None,
    bias_correct: bool = False,
    ridge: float | None = None,
    nan_policy: str = "raise",
) -> GaussianNullModel:
    """Prepare x and y once for a permutation test of ``method="gaussian"``."""
    scale = base_scale(base)
    bias_correct = check_bool(bias_correct, "bias_correct")
    r = _g.check_ridge(ridge)
    (xa, ya), has_nan = prepare([x, y], ["x", "y"], nan_policy=nan_policy, noise=None, random_state=None)
    if has_nan:
        return GaussianNullModel(None, None, len(xa), bias_correct, r, scale)
    return GaussianNullModel(_nonconstant(xa), _nonconstant(ya), len(xa), bias_correct, r, scale)


def gcmi_null_model(
    x: ArrayLike,
    y: ArrayLike,
    *,
    rng: np.random.Generator,
    n_jobs: int | None,
    base: float | None = None,
    bias_correct: bool = True,
    nan_policy: str = "raise",
) -> GaussianNullModel | GcmiLabelsNullModel | None:
    """Prepare the normal scores once for a permutation test of ``method="gcmi"`` (None: plain refits)."""
    scale = base_scale(base)
    bias_correct = check_bool(bias_correct, "bias_correct")
    threads = resolve_n_jobs(n_jobs)
    split = _split_labels(x, y)
    if split is not None:
        cont, labels, cname, lname = split
        if cname != "x":  # labels first: the permuted side would be the continuous one
            return None
        prepared = _prepare_cd(cont, labels, cname, lname, nan_policy)
        if prepared is None:
            return GcmiLabelsNullModel(None, None, len(to_numpy(labels)), bias_correct, scale)
        xa, codes = prepared
        return GcmiLabelsNullModel(_scores(xa, threads), codes, len(codes), bias_correct, scale)
    (xa, ya), has_nan = prepare([x, y], ["x", "y"], nan_policy=nan_policy, noise=None, random_state=None)
    if has_nan:
        return GaussianNullModel(None, None, len(xa), bias_correct, 0.0, scale)
    cx, cy = _nonconstant(_scores(xa, threads)), _nonconstant(_scores(ya, threads))
    return GaussianNullModel(cx, cy, len(xa), bias_correct, 0.0, scale)


# ----------------------------------------------------------------------------
# method="ksg_copula": KSG on normal scores
# ----------------------------------------------------------------------------


def _copula_inputs(arrays: list[Any], names: list[str], nan_policy: str) -> list[np.ndarray] | None:
    prepared, has_nan = prepare(arrays, names, nan_policy=nan_policy, noise=None, random_state=None)
    if has_nan:
        return None
    return [np.ascontiguousarray(_scores(a)) for a in prepared]


def _nan_result(n: int, return_locals: bool) -> Any:
    return (_NAN, np.full(n, np.nan)) if return_locals else _NAN


@fill_doc
def ksg_copula_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    *,
    variant: int = 1,
    base: float | None = None,
    k: int = 3,
    metric: str = "chebyshev",
    noise: float | str | None = "auto",
    random_state: Any = None,
    theiler: int = 0,
    return_locals: bool = False,
    clip: bool = False,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> float | tuple[float, NDArray[np.float64]]:
    r"""KSG estimate of I(X; Y) on the normal scores of every column (copula preprocessing).

    Each column of x and y is replaced by its normal scores (:func:`copnorm`:
    ``ndtri(rank / (n + 1))``, average ranks for ties), then
    :func:`~infokit.estimate.ksg_mutual_info` runs on them with the given
    options. MI is invariant under strictly increasing maps of each
    coordinate, so this estimates the same quantity as ``"ksg"``; but the
    kNN estimator's bias depends on the marginals, and on long-tailed ones
    (log-normal, Cauchy) the near-Gaussian scores give much smaller errors.
    The result depends on the data through the ranks only.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Paired real samples.
    %(variant)s
    %(ksg_options)s

    Returns
    -------
    %(returns_locals)s

    Raises
    ------
    ValueError
        As :func:`~infokit.estimate.ksg_mutual_info`.

    Notes
    -----
    O(n d) for the scores, then the KSG estimator's cost. Tied values get
    equal scores, which the KSG tie contract (``noise``) then handles.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import mutual_info
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal(5000)
    >>> y = 0.6 * x + 0.8 * rng.standard_normal(5000)             # I = 0.2231 nats
    >>> tails = np.exp(3 * x), np.exp(3 * y)                      # same MI, long tails
    >>> round(mutual_info(*tails, method="ksg_copula"), 3), round(mutual_info(*tails, method="ksg"), 3)
    (0.226, 0.193)
    """
    cop = _copula_inputs([x, y], ["x", "y"], nan_policy)
    if cop is None:
        return _nan_result(len(to_numpy(x)), check_bool(return_locals, "return_locals"))
    cx, cy = cop
    return ksg_mutual_info(
        cx, cy, variant=variant, base=base, k=k, metric=metric, noise=noise, random_state=random_state,
        theiler=theiler, return_locals=return_locals, clip=clip, nan_policy="raise", n_jobs=n_jobs,
    )  # fmt: skip


@fill_doc
def ksg_copula_conditional_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    z: ArrayLike,
    *,
    variant: int = 1,
    base: float | None = None,
    k: int = 3,
    metric: str = "chebyshev",
    noise: float | str | None = "auto",
    random_state: Any = None,
    theiler: int = 0,
    return_locals: bool = False,
    clip: bool = False,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> float | tuple[float, NDArray[np.float64]]:
    r"""Frenzel–Pompe estimate of I(X; Y | Z) on the normal scores of every column.

    As :func:`ksg_copula_mutual_info`, with
    :func:`~infokit.estimate.ksg_conditional_mutual_info` on the scores of x,
    y and z (CMI is invariant under increasing maps of each coordinate too).

    Parameters
    ----------
    x, y, z : array-like, shape (n,) or (n, d)
        Paired real samples.
    %(variant)s
    %(ksg_options)s

    Returns
    -------
    %(returns_locals)s

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import conditional_mutual_info
    >>> rng = np.random.default_rng(3)
    >>> z = rng.standard_normal(4000)
    >>> x, y = np.exp(z + rng.standard_normal(4000)), z + rng.standard_normal(4000)
    >>> abs(conditional_mutual_info(x, y, z, method="ksg_copula")) < 0.03
    True
    """
    cop = _copula_inputs([x, y, z], ["x", "y", "z"], nan_policy)
    if cop is None:
        return _nan_result(len(to_numpy(x)), check_bool(return_locals, "return_locals"))
    cx, cy, cz = cop
    return ksg_conditional_mutual_info(
        cx, cy, cz, variant=variant, base=base, k=k, metric=metric, noise=noise, random_state=random_state,
        theiler=theiler, return_locals=return_locals, clip=clip, nan_policy="raise", n_jobs=n_jobs,
    )  # fmt: skip


register("entropy", "gaussian", gaussian_entropy, kind="continuous")
register("mutual_info", "gaussian", gaussian_mutual_info, kind="continuous", null_model=gaussian_null_model)
register("conditional_mutual_info", "gaussian", gaussian_conditional_mutual_info, kind="continuous")
register("kl_divergence", "gaussian", gaussian_kl_divergence, kind="continuous")
register("mutual_info", "gcmi", gcmi_mutual_info, kind="continuous", null_model=gcmi_null_model)
register("conditional_mutual_info", "gcmi", gcmi_conditional_mutual_info, kind="continuous")
register("mutual_info", "ksg_copula", ksg_copula_mutual_info, kind="continuous", aliases=("copula_ksg",))
register(
    "conditional_mutual_info", "ksg_copula", ksg_copula_conditional_mutual_info, kind="continuous",
    aliases=("copula_ksg",),
)  # fmt: skip
