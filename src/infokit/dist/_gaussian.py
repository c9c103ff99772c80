"""Closed forms of Gaussian distributions: entropy, MI, conditional MI, KL divergence.

Every function takes the *parameters* of (multivariate) normal distributions,
never samples (:mod:`infokit.estimate`'s ``method="gaussian"`` and
``method="gcmi"`` fit them to samples and call these), and is vectorised over
leading batch axes: a covariance of shape ``(..., d, d)`` gives a result of
shape ``(...)``.

Numerics (``docs/conventions.md#Gaussian closed forms and copulas``):

* log-determinants come from Cholesky factors (``2 sum log diag L``), and
  every ``Sigma^{-1} v`` is a solve against a factor, never an inverse;
* MI is computed from the canonical correlations ``s_i`` (singular values of
  the whitened cross-covariance): ``-0.5 sum log1p(-s_i^2)``, which equals
  ``0.5 (logdet Sxx + logdet Syy - logdet S)`` but keeps full relative
  precision when the dependence is tiny (the log-det difference cancels);
* KL is computed from the eigenvalues ``delta_i`` of ``L1^{-1} (S0 - S1)
  L1^{-T}`` as ``0.5 sum (delta_i - log1p(delta_i))`` plus the Mahalanobis
  term, exact when the two covariances are close; ``exp(t) - 1 - t`` and
  ``d - log1p(d)`` use a Taylor series near 0;
* a covariance that is not positive definite raises ``ValueError`` naming the
  argument; ``ridge=r`` adds ``r * mean(diag(S)) * I`` to each covariance
  first (per batch entry);
* float32 / float16 input gives a float32 result, everything else float64;
  the arithmetic is in double.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from infokit._kernels import table as _kt
from infokit._validation import base_scale, check_bool, check_int, to_numpy
from infokit.dist._docs import fill_doc
from infokit.dist._prepare import FloatResult, work_dtype

__all__ = [
    "gaussian_entropy",
    "gaussian_mi",
    "gaussian_cmi",
    "gaussian_mi_from_rho",
    "rho_from_mi",
    "gaussian_kl",
    "kl_normal_standard",
    "expm1mx",
    "xmlog1p",
]

_LOG_2PI_E = math.log(2.0 * math.pi) + 1.0
# Below this |t|, exp(t) - 1 - t is computed without cancellation (relative
# error ~1e-16); 1 / k! for k = 0 .. 20.
_SERIES_T = 0.5
_INV_FACT = [1.0 / math.factorial(k) for k in range(21)]
_BLOCK = 16384  # elements per cache block of the series
# Canonical correlations (squared) above this use the log-det difference.
_CANONICAL_MAX = 0.5


# ----------------------------------------------------------------------------
# Elementwise helpers
# ----------------------------------------------------------------------------


def expm1mx(t: ArrayLike) -> np.ndarray:
    """``exp(t) - 1 - t`` to full relative precision, also for tiny ``t``.

    ``expm1(t) - t`` cancels for small ``t`` (the result is about ``t**2 / 2``);
    for ``|t| < 1/2`` its Taylor series is summed instead (Horner, 16 terms).

    Parameters
    ----------
    t : array-like
        Real values.

    Returns
    -------
    ndarray
        float64, the shape of ``t``.

    Examples
    --------
    >>> from infokit.dist._gaussian import expm1mx
    >>> print(f"{float(expm1mx(1e-8)):.12e}")     # t**2 / 2 + t**3 / 6 + ...
    5.000000016667e-17
    """
    t = np.asarray(t, dtype=np.float64)
    small = np.abs(t) < _SERIES_T
    if small.all():
        return _expm1mx_small(t)
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.expm1(t) - t
    if small.any():
        out = np.where(small, _expm1mx_small(np.where(small, t, 0.0)), out)
    return out


def _expm1mx_small(t: np.ndarray) -> np.ndarray:
    """``exp(t) - 1 - t = sum_{k >= 2} t^k / k!`` for ``|t| < 1/2``, by Horner (terms to k = 17: < 1e-19 relative).

    Evaluated in blocks that stay in cache (16 passes over each block).
    """
    flat = np.ascontiguousarray(t).reshape(-1)
    out = np.empty_like(flat)
    for lo in range(0, flat.size, _BLOCK):
        tb = flat[lo : lo + _BLOCK]
        acc = out[lo : lo + _BLOCK]
        acc.fill(_INV_FACT[17])
        for k in range(16, 1, -1):
            acc *= tb
            acc += _INV_FACT[k]
        acc *= tb
        acc *= tb
    return out.reshape(np.shape(t))


def xmlog1p(d: ArrayLike) -> np.ndarray:
    """``d - log1p(d)`` for ``d > -1``, to full relative precision also for tiny ``d``.

    Computed as ``expm1mx(log1p(d))`` (with ``t = log1p(d)``, ``d = expm1(t)``).

    Parameters
    ----------
    d : array-like
        Real values greater than -1.

    Returns
    -------
    ndarray
        float64, the shape of ``d``; ``inf`` at ``d = -1``.

    Examples
    --------
    >>> from infokit.dist._gaussian import xmlog1p
    >>> print(f"{float(xmlog1p(1e-8)):.12e}")     # d**2 / 2 - d**3 / 3 + ...
    4.999999966667e-17
    """
    d = np.asarray(d, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return expm1mx(np.log1p(d))


# ----------------------------------------------------------------------------
# Validation of parameters
# ----------------------------------------------------------------------------


def _real_array(a: Any, name: str) -> np.ndarray:
    arr = to_numpy(a)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    return arr


def check_ridge(ridge: Any) -> float:
    if ridge is None:
        return 0.0
    if isinstance(ridge, bool) or not isinstance(ridge, numbers.Real) or not math.isfinite(ridge) or ridge < 0:
        raise ValueError(f"ridge must be None or a finite real >= 0, got {ridge!r}")
    return float(ridge)


def ridged(s: np.ndarray, ridge: float) -> np.ndarray:
    """``s + ridge * mean(diag(s)) * I`` per matrix of the stack (``s`` itself for ridge 0)."""
    if not ridge:
        return s
    d = s.shape[-1]
    mean_diag = np.trace(s, axis1=-2, axis2=-1) / d
    return s + (ridge * mean_diag)[..., None, None] * np.eye(d)


def _checked_cov(a: Any, name: str) -> np.ndarray:
    """A float64 stack of square, finite, (nearly) symmetric matrices (..., d, d), as given; raises naming ``name``."""
    arr = _real_array(a, name)
    if arr.ndim < 2 or arr.shape[-1] != arr.shape[-2]:
        raise ValueError(f"{name} must be a square matrix or a stack of them, shape (..., d, d); got {arr.shape}")
    if arr.shape[-1] == 0:
        raise ValueError(f"{name} is 0 x 0: a covariance needs at least one dimension")
    s = np.asarray(arr, dtype=np.float64)
    if not np.isfinite(s).all():
        raise ValueError(f"{name} contains NaN or inf")
    tol = 1e-5 if arr.dtype in (np.float16, np.float32) else 1e-10
    if s.shape[-1] == 2:
        # The same test on the four entries' views: NumPy's reductions over two
        # axes of length 2 cost more than the rest of a 2 x 2 batch together.
        # Two buffers, reused (each fresh temporary of a large batch costs its
        # page faults, more than the arithmetic).
        f = s.reshape(-1, 2, 2)  # 1-D entry views also for a single matrix (0-d ones have no out=)
        s00, s01, s10, s11 = f[:, 0, 0], f[:, 0, 1], f[:, 1, 0], f[:, 1, 1]
        scale, t = np.abs(s00), np.abs(s01)
        np.maximum(scale, t, out=scale)
        np.maximum(scale, np.abs(s10, out=t), out=scale)
        np.maximum(scale, np.abs(s11, out=t), out=scale)
        scale *= tol
        np.abs(np.subtract(s01, s10, out=t), out=t)
        asymmetric = bool(np.greater(t, scale).any())
    else:
        asym = np.abs(s - np.swapaxes(s, -1, -2))
        asymmetric = bool((asym > tol * np.abs(s).max(axis=(-1, -2), keepdims=True)).any())
    if asymmetric:
        raise ValueError(f"{name} must be symmetric (a covariance matrix)")
    return s


def _as_cov(a: Any, name: str, ridge: float) -> np.ndarray:
    """A float64 stack of symmetric matrices (..., d, d), ridged; raises naming ``name``."""
    s = _checked_cov(a, name)
    return ridged(0.5 * (s + np.swapaxes(s, -1, -2)), ridge)


def _not_pd(name: str, s: np.ndarray) -> ValueError:
    where = ""
    if s.ndim > 2:
        flat = s.reshape(-1, *s.shape[-2:])
        bad = [i for i in range(len(flat)) if np.linalg.eigvalsh(flat[i])[0] <= 0 or not _chol_ok(flat[i])]
        if bad:
            where = f" (batch entry {tuple(int(i) for i in np.unravel_index(bad[0], s.shape[:-2]))})"
    return ValueError(
        f"{name} is not positive definite{where}: singular (collinear or constant variables) or not a covariance; "
        "pass ridge= (e.g. ridge=1e-10 adds 1e-10 * mean(diag) * I) or drop the redundant variables"
    )


def _chol_ok(m: np.ndarray) -> bool:
    try:
        np.linalg.cholesky(m)
    except np.linalg.LinAlgError:
        return False
    return True


def cholesky(s: np.ndarray, name: str, rtol: float = 0.0) -> np.ndarray:
    """Lower Cholesky factors of a stack of covariances; ValueError naming ``name`` if one is not PD.

    With ``rtol > 0`` a matrix also counts as singular when some pivot
    ``L_ii^2`` falls below ``rtol * S_ii`` (a column explained by the previous
    ones up to rounding: collinear sample columns pass the factorisation with
    a pivot of rounding size and would give an arbitrary, huge MI).
    """
    try:
        chol = np.linalg.cholesky(s)
    except np.linalg.LinAlgError:
        raise _not_pd(name, s) from None
    if rtol:
        pivots = np.diagonal(chol, axis1=-2, axis2=-1) ** 2
        if (pivots < rtol * np.diagonal(s, axis1=-2, axis2=-1)).any():
            raise ValueError(
                f"{name} is singular to rounding (collinear or constant variables); pass ridge= (e.g. ridge=1e-10 "
                "adds 1e-10 * mean(diag) * I) or drop the redundant variables"
            )
    return chol


def logdet_chol(chol: np.ndarray) -> np.ndarray:
    """``log det S`` from its Cholesky factor: ``2 sum log diag L``."""
    return 2.0 * np.log(np.diagonal(chol, axis1=-2, axis2=-1)).sum(axis=-1)


def _out(values: np.ndarray, dtype: np.dtype, scale: float = 1.0) -> FloatResult:
    res = np.asarray(values * scale).astype(dtype, copy=False)
    return res[()] if res.ndim == 0 else res


# ----------------------------------------------------------------------------
# Cores on float64 stacks (shared with infokit.estimate)
# ----------------------------------------------------------------------------


def mi_from_chol(chol: np.ndarray, dx: int) -> np.ndarray:
    """MI (nats) between the first ``dx`` coordinates and the rest, from the Cholesky factor of the covariance.

    With ``L = [[Lxx, 0], [Lyx, Lyy]]``: ``Syy = Lyx Lyx^T + Lyy Lyy^T``, the
    canonical correlations are the singular values of ``W = chol(Syy)^{-1} Lyx``
    and ``I = -0.5 sum log1p(-s^2) = log det chol(Syy) - log det Lyy``. The
    first form is used when every ``s^2 <= 0.5`` (exact for weak dependence),
    the second otherwise.
    """
    lyx = chol[..., dx:, :dx]
    lyy = chol[..., dx:, dx:]
    syy = lyx @ np.swapaxes(lyx, -1, -2) + lyy @ np.swapaxes(lyy, -1, -2)
    ly = np.linalg.cholesky(syy)  # positive definite: L's diagonal is positive
    w = np.linalg.solve(ly, lyx)
    s = np.linalg.svd(w, compute_uv=False)
    s = np.minimum(s, 1.0)
    with np.errstate(divide="ignore"):
        canonical = -0.5 * np.log1p(-(s * s)).sum(axis=-1)
    direct = 0.5 * (logdet_chol(ly) - logdet_chol(lyy))
    return np.maximum(np.where((s * s).max(axis=-1) <= _CANONICAL_MAX, canonical, direct), 0.0)


def mi_from_rho2(r2: np.ndarray) -> np.ndarray:
    """``-0.5 log1p(-r2)``: the Gaussian MI of a squared (multiple or canonical) correlation, >= 0."""
    with np.errstate(divide="ignore"):
        return np.maximum(-0.5 * np.log1p(-np.minimum(r2, 1.0)), 0.0)


def cmi_from_cov(s: np.ndarray, dx: int, dy: int, name: str = "cov", rtol: float = 0.0) -> np.ndarray:
    """I(X; Y | Z) in nats for a covariance ordered (x, y, z): the MI of the conditional covariance of (x, y)."""
    d = s.shape[-1]
    if dx + dy == d:
        return mi_from_chol(cholesky(s, name, rtol), dx)
    order = np.r_[dx + dy : d, 0 : dx + dy]  # (z, x, y)
    chol = cholesky(s[..., order[:, None], order[None, :]], name, rtol)
    dz = d - dx - dy
    # The trailing block of the factor is the Cholesky factor of cov(x, y | z).
    return mi_from_chol(chol[..., dz:, dz:], dx)


def entropy_from_cov(s: np.ndarray, name: str = "cov", rtol: float = 0.0) -> np.ndarray:
    """Differential entropy (nats) ``0.5 (d log(2 pi e) + logdet S)``."""
    return 0.5 * (s.shape[-1] * _LOG_2PI_E + logdet_chol(cholesky(s, name, rtol)))


def kl_full(
    mu0: np.ndarray,
    s0: np.ndarray,
    mu1: np.ndarray,
    s1: np.ndarray,
    names: tuple[str, str] = ("cov0", "cov1"),
    rtol: float = 0.0,
) -> np.ndarray:
    """KL(N(mu0, S0) || N(mu1, S1)) in nats for full covariances (float64 stacks, broadcastable)."""
    l0 = cholesky(s0, names[0], rtol)
    l1 = cholesky(s1, names[1], rtol)
    d = s0.shape[-1]
    shape = np.broadcast_shapes(l0.shape, l1.shape)
    l0, l1 = np.broadcast_to(l0, shape), np.broadcast_to(l1, shape)
    diff = np.broadcast_to(mu1 - mu0, shape[:-1])
    m = np.linalg.solve(l1, diff[..., None])[..., 0]
    maha = (m * m).sum(axis=-1)
    # delta = eig(L1^{-1} (S0 - S1) L1^{-T}): the trace and log-det terms as sum(delta - log1p(delta)).
    ds = np.broadcast_to(s0 - s1, shape)
    x = np.linalg.solve(l1, ds)
    dmat = np.linalg.solve(l1, np.swapaxes(x, -1, -2))
    dmat = 0.5 * (dmat + np.swapaxes(dmat, -1, -2))
    delta = np.linalg.eigvalsh(dmat)
    close = 0.5 * (xmlog1p(np.maximum(delta, -1.0)).sum(axis=-1) + maha)
    a = np.linalg.solve(l1, l0)
    direct = 0.5 * ((a * a).sum(axis=(-1, -2)) + maha - d + logdet_chol(l1) - logdet_chol(l0))
    return np.maximum(np.where(np.abs(delta).max(axis=-1) < 0.5, close, direct), 0.0)


def kl_diag(mu0: np.ndarray, v0: np.ndarray, mu1: np.ndarray, v1: np.ndarray) -> np.ndarray:
    """KL between normals with diagonal covariances given as variance vectors (..., d)."""
    for v, name in ((v0, "cov0"), (v1, "cov1")):
        if (v <= 0).any():
            raise ValueError(
                f"{name} has a variance <= 0: not positive definite; pass ridge= (adds ridge * mean(var)) "
                "or drop the constant variables"
            )
    delta = (v0 - v1) / v1
    return 0.5 * (xmlog1p(delta) + (mu1 - mu0) ** 2 / v1).sum(axis=-1)


# ----------------------------------------------------------------------------
# Public measures
# ----------------------------------------------------------------------------


def _check_dx(dx: Any, d: int, name: str = "dx", others: int = 1) -> int:
    dx = check_int(dx, name, minimum=1)
    if dx > d - others:
        raise ValueError(f"{name}={dx} leaves no coordinates for the other variable (the covariance is {d} x {d})")
    return dx


@fill_doc
def gaussian_entropy(cov: ArrayLike, *, base: float | None = None, ridge: float | None = None) -> FloatResult:
    r"""Differential entropy of a multivariate normal distribution.

    .. math:: h(X) = \tfrac12 \log\det(2 \pi e \Sigma)
                   = \tfrac12 \left(d \log(2 \pi e) + \log\det\Sigma\right),

    with :math:`\log\det\Sigma = 2 \sum_i \log L_{ii}` from the Cholesky factor.
    The mean does not enter.

    Parameters
    ----------
    cov : array-like, shape (..., d, d)
        Covariance matrices (symmetric positive definite); leading axes are a
        batch.
    %(base)s
    %(ridge)s

    Returns
    -------
    float or ndarray
        Entropy in nats (or units of ``base``), shape ``cov.shape[:-2]``;
        float32 for float32 input. May be negative (a differential entropy).

    Raises
    ------
    ValueError
        ``cov`` not square, not symmetric, with NaN / inf, or not positive
        definite (the message names the batch entry and the ``ridge`` cure).

    Notes
    -----
    Complexity O(d^3) per matrix (one Cholesky factorisation). Equals
    ``scipy.stats.multivariate_normal(cov=cov).entropy()``.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.dist import gaussian_entropy
    >>> round(float(gaussian_entropy([[1.0]])), 6)      # 0.5 log(2 pi e)
    1.418939
    >>> gaussian_entropy(np.stack([np.eye(2), 4 * np.eye(2)]), base=2).round(4)
    array([4.0942, 6.0942])
    """
    scale = base_scale(base)
    arr = _real_array(cov, "cov")
    s = _as_cov(arr, "cov", check_ridge(ridge))
    return _out(entropy_from_cov(s), work_dtype([arr]), scale)


@fill_doc
def gaussian_mi(cov: ArrayLike, dx: int, *, base: float | None = None, ridge: float | None = None) -> FloatResult:
    r"""Mutual information between the first ``dx`` coordinates of a normal vector and the rest.

    .. math:: I(X; Y) = \tfrac12 \left(\log\det\Sigma_{xx} + \log\det\Sigma_{yy}
              - \log\det\Sigma\right) = -\tfrac12 \sum_i \log(1 - s_i^2),

    :math:`s_i` the canonical correlations between X and Y (the singular values
    of :math:`L_y^{-1} \Sigma_{yx} L_x^{-T}`). For a bivariate normal with
    correlation :math:`\rho` this is :math:`-\tfrac12 \log(1 - \rho^2)`; see
    :func:`gaussian_mi_from_rho`. The means do not enter.

    Parameters
    ----------
    cov : array-like, shape (..., d, d)
        Joint covariance of (X, Y), X first; leading axes are a batch.
    dx : int
        Dimension of X, ``1 <= dx <= d - 1``.
    %(base)s
    %(ridge)s

    Returns
    -------
    float or ndarray
        MI in nats (or units of ``base``), ``>= 0``, shape ``cov.shape[:-2]``;
        float32 for float32 input.

    Raises
    ------
    ValueError
        A ``cov`` that is not a symmetric positive-definite matrix (stack),
        ``dx`` out of range.

    Notes
    -----
    One Cholesky factorisation of :math:`\Sigma` and one of
    :math:`\Sigma_{yy}`, a triangular solve and the singular values of a
    ``dy x dx`` matrix: O(d^3). Computing the canonical correlations instead
    of the log-det difference keeps full relative precision for weak
    dependence (``rho = 1e-9`` gives ``5e-19``, not 0); for strong dependence
    (some ``s_i^2 > 0.5``) the log-det difference from the same factors is
    used, which has no cancellation there.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.dist import gaussian_mi
    >>> rho = 0.9
    >>> round(float(gaussian_mi([[1, rho], [rho, 1]], dx=1)), 4)   # -0.5 log(1 - 0.81)
    0.8304
    >>> print(f"{float(gaussian_mi([[1, 1e-9], [1e-9, 1]], dx=1)):.12e}")  # rho^2 / 2
    5.000000000000e-19
    >>> covs = np.array([[[1, r], [r, 1]] for r in (0.0, 0.5, 0.9)])
    >>> gaussian_mi(covs, 1, base=2).round(4)                      # a batch, in bits
    array([0.    , 0.2075, 1.198 ])
    """
    scale = base_scale(base)
    arr = _real_array(cov, "cov")
    r = check_ridge(ridge)
    raw = _checked_cov(arr, "cov")
    dx = _check_dx(dx, raw.shape[-1])
    if raw.shape[-1] == 2 and not r:
        # One pair: -0.5 log1p(-rho^2) directly (mi_from_rho2), from the
        # entries of the symmetrised matrix (0.5 (s + s^T), as _as_cov forms
        # it) without building that stack; in place where NumPy allows (see _checked_cov).
        f = raw.reshape(-1, 2, 2)
        a = np.add(f[:, 0, 0], f[:, 0, 0])
        a *= 0.5
        b = np.add(f[:, 0, 1], f[:, 1, 0])
        b *= 0.5
        c = np.add(f[:, 1, 1], f[:, 1, 1])
        c *= 0.5
        ac = np.multiply(a, c)
        b *= b  # b^2 from here on
        if not (np.greater(a, 0).all() and np.greater(np.subtract(ac, b, out=c), 0).all()):
            cholesky(_as_cov(raw, "cov", 0.0), "cov")  # raises the message naming the entry (or passes on a tie)
        r2 = np.divide(b, ac, out=b)
        np.minimum(r2, 1.0, out=r2)
        with np.errstate(divide="ignore"):
            mi = np.log1p(np.negative(r2, out=r2), out=r2)
        mi *= -0.5
        return _out(np.maximum(mi, 0.0, out=mi).reshape(raw.shape[:-2]), work_dtype([arr]), scale)
    s = ridged(0.5 * (raw + np.swapaxes(raw, -1, -2)), r)
    if s.shape[-1] == 2:
        a, b, c = s[..., 0, 0], s[..., 0, 1], s[..., 1, 1]
        if not ((a > 0) & (a * c - b * b > 0)).all():
            cholesky(s, "cov")
        return _out(mi_from_rho2(b * b / (a * c)), work_dtype([arr]), scale)
    return _out(mi_from_chol(cholesky(s, "cov"), dx), work_dtype([arr]), scale)


@fill_doc
def gaussian_cmi(
    cov: ArrayLike, dx: int, dy: int, *, base: float | None = None, ridge: float | None = None
) -> FloatResult:
    r"""Conditional mutual information I(X; Y | Z) of a normal vector ordered (X, Y, Z).

    .. math:: I(X; Y | Z) = \tfrac12 \left(\log\det\Sigma_{xz} + \log\det\Sigma_{yz}
              - \log\det\Sigma_{z} - \log\det\Sigma_{xyz}\right),

    which is the MI of the conditional covariance
    :math:`\Sigma_{xy|z} = \Sigma_{xy} - \Sigma_{xy,z}\Sigma_z^{-1}\Sigma_{z,xy}`
    (a Schur complement). It is computed that way: the trailing block of the
    Cholesky factor of :math:`\Sigma` reordered as (Z, X, Y) is the factor of
    :math:`\Sigma_{xy|z}`, whose MI :func:`gaussian_mi` evaluates.

    Parameters
    ----------
    cov : array-like, shape (..., d, d)
        Joint covariance of (X, Y, Z) in that order; ``d - dx - dy`` is the
        dimension of Z (0 gives the plain MI).
    dx, dy : int
        Dimensions of X and Y.
    %(base)s
    %(ridge)s

    Returns
    -------
    float or ndarray
        CMI in nats (or units of ``base``), ``>= 0``, shape ``cov.shape[:-2]``.

    Raises
    ------
    ValueError
        A ``cov`` that is not symmetric positive definite; ``dx`` or ``dy``
        out of range.

    Notes
    -----
    O(d^3): one Cholesky factorisation of the reordered matrix plus the MI of
    its trailing block.

    Examples
    --------
    X and Y both noisy copies of Z: dependent, but independent given Z.

    >>> import numpy as np
    >>> from infokit.dist import gaussian_cmi, gaussian_mi
    >>> cov = np.array([[2.0, 1, 1], [1, 2, 1], [1, 1, 1]])   # x = z + e1, y = z + e2
    >>> round(float(gaussian_mi(cov[:2, :2], 1)), 4), round(float(gaussian_cmi(cov, 1, 1)), 12)
    (0.1438, 0.0)
    """
    scale = base_scale(base)
    arr = _real_array(cov, "cov")
    s = _as_cov(arr, "cov", check_ridge(ridge))
    d = s.shape[-1]
    dx = _check_dx(dx, d)
    dy = _check_dx(dy, d - dx, "dy", others=0)
    return _out(cmi_from_cov(s, dx, dy), work_dtype([arr]), scale)


def gaussian_mi_from_rho(rho: ArrayLike, *, base: float | None = None) -> FloatResult:
    r"""MI of a bivariate normal with correlation ``rho``: :math:`-\tfrac12 \log(1 - \rho^2)`.

    Computed as ``-0.5 * log1p(-rho**2)``, exact for tiny ``rho``
    (:math:`\approx \rho^2 / 2`). The inverse is :func:`rho_from_mi`.

    Parameters
    ----------
    rho : array-like
        Correlations in ``[-1, 1]``; NaN propagates.
    base : float, optional
        Logarithm base: None gives nats, 2 gives bits.

    Returns
    -------
    float or ndarray
        MI, the shape of ``rho``; ``inf`` at ``|rho| = 1``; float32 for
        float32 input.

    Raises
    ------
    ValueError
        ``|rho| > 1``.

    Examples
    --------
    The table of the MI tutorial (nats):

    >>> import numpy as np
    >>> from infokit.dist import gaussian_mi_from_rho
    >>> gaussian_mi_from_rho([0, 0.3, 0.5, 0.7, 0.9, 0.99]).round(4)
    array([0.    , 0.0472, 0.1438, 0.3367, 0.8304, 1.9585])
    >>> print(f"{float(gaussian_mi_from_rho(1e-10)):.12e}")
    5.000000000000e-21
    """
    scale = base_scale(base)
    arr = _real_array(rho, "rho")
    r = np.asarray(arr, dtype=np.float64)
    if (np.abs(r) > 1).any():
        raise ValueError("rho must lie in [-1, 1] (a correlation)")
    return _out(mi_from_rho2(r * r), work_dtype([arr]), scale)


def rho_from_mi(mi: ArrayLike, *, base: float | None = None) -> FloatResult:
    r"""The correlation ``rho >= 0`` of the bivariate normal whose MI is ``mi``.

    :math:`\rho = \sqrt{1 - e^{-2 I}}`, computed as ``sqrt(-expm1(-2 * mi))``
    (exact for tiny MI: :math:`\rho \approx \sqrt{2 I}`). For any MI value,
    this is the "information coefficient of correlation" (Linfoot 1957).

    Parameters
    ----------
    mi : array-like
        MI values ``>= 0``, in units of ``base`` (nats by default); NaN
        propagates, ``inf`` gives 1.
    base : float, optional
        The unit ``mi`` is given in: None for nats, 2 for bits.

    Returns
    -------
    float or ndarray
        ``rho`` in ``[0, 1]``, the shape of ``mi``; float32 for float32 input.

    Raises
    ------
    ValueError
        A negative ``mi``.

    Examples
    --------
    >>> from infokit.dist import gaussian_mi_from_rho, rho_from_mi
    >>> round(float(rho_from_mi(gaussian_mi_from_rho(0.6))), 12)
    0.6
    >>> float(rho_from_mi(5e-21))
    1e-10
    >>> round(float(rho_from_mi(1.0, base=2)), 6)                 # 1 bit
    0.866025
    """
    scale = base_scale(base)
    arr = _real_array(mi, "mi")
    m = np.asarray(arr, dtype=np.float64) / scale
    if (m < 0).any():
        raise ValueError("mi must be >= 0")
    return _out(np.sqrt(-np.expm1(-2.0 * m)), work_dtype([arr]))


def _as_mean(a: Any, name: str) -> np.ndarray:
    arr = _real_array(a, name)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    m = np.asarray(arr, dtype=np.float64)
    if not np.isfinite(m).all():
        raise ValueError(f"{name} contains NaN or inf")
    return m


@fill_doc
def gaussian_kl(
    mu0: ArrayLike,
    cov0: ArrayLike,
    mu1: ArrayLike,
    cov1: ArrayLike,
    *,
    base: float | None = None,
    ridge: float | None = None,
    diagonal: bool | None = None,
) -> FloatResult:
    r"""KL divergence :math:`D(\mathcal N(\mu_0, \Sigma_0) \,\|\, \mathcal N(\mu_1, \Sigma_1))`.

    .. math:: D = \tfrac12 \left(\operatorname{tr}(\Sigma_1^{-1}\Sigma_0)
              + (\mu_1 - \mu_0)^T \Sigma_1^{-1} (\mu_1 - \mu_0) - d
              + \log\det\Sigma_1 - \log\det\Sigma_0\right).

    With :math:`\delta_i` the eigenvalues of :math:`L_1^{-1}(\Sigma_0 -
    \Sigma_1)L_1^{-T}` (:math:`L_1` the Cholesky factor of :math:`\Sigma_1`)
    the trace and log-det terms are :math:`\sum_i \delta_i - \log(1 +
    \delta_i)`, which is how it is computed when the covariances are close
    (every :math:`|\delta_i| < 1/2`), so nearly equal distributions give an
    exact small number, not rounding noise; otherwise the formula above, from
    Cholesky factors and triangular solves (no inverse). Diagonal covariances
    (variance vectors) use :math:`\sum_i \tfrac12 (r_i - 1 - \log r_i +
    (\mu_{1i} - \mu_{0i})^2 / v_{1i})`, :math:`r_i = v_{0i} / v_{1i}`.

    Parameters
    ----------
    mu0, mu1 : array-like, shape (..., d)
        Means; leading axes are a batch (broadcast with the covariances').
    cov0, cov1 : array-like, shape (..., d, d) or (..., d)
        Full covariance matrices, or variance vectors (diagonal covariances).
        A full and a diagonal one may be mixed.
    %(base)s
    %(ridge)s
    diagonal : bool, optional
        How to read a covariance: None (default) reads an array whose last two
        axes are ``(d, d)`` as full matrices and one whose last axis is ``d``
        otherwise as variance vectors; True reads both as variance vectors
        (needed for a batch of exactly ``d`` variance vectors of length ``d``),
        False as full matrices.

    Returns
    -------
    float or ndarray
        KL in nats (or units of ``base``), ``>= 0``, the broadcast batch
        shape; float32 when the inputs promote to float32 (all float32 /
        float16), float64 otherwise, as everywhere in :mod:`infokit.dist`.

    Raises
    ------
    ValueError
        Shapes that do not match ``d`` or do not broadcast; a covariance that
        is not symmetric positive definite (or a variance ``<= 0``); NaN or
        inf entries.

    Notes
    -----
    O(d^3) per pair (two Cholesky factorisations, triangular solves, one
    symmetric eigen-decomposition); O(d) for variance vectors.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.dist import gaussian_kl
    >>> round(float(gaussian_kl([0.0], [[1.0]], [1.0], [[1.0]])), 12)   # (mu0 - mu1)^2 / 2
    0.5
    >>> float(gaussian_kl([0, 0], [1, 1], [0, 0], [1 + 1e-8, 1]))       # variance vectors
    2.4999999...e-17
    >>> mu = np.zeros((3, 2)); var = np.ones((3, 2)) * [[1], [2], [4]]
    >>> gaussian_kl(mu, var, 0.0 * mu, np.eye(2)).round(4)              # a batch, diag vs full
    array([0.    , 0.3069, 1.6137])
    """
    scale = base_scale(base)
    r = check_ridge(ridge)
    arrs = [_real_array(a, nm) for a, nm in ((mu0, "mu0"), (cov0, "cov0"), (mu1, "mu1"), (cov1, "cov1"))]
    m0, m1 = _as_mean(arrs[0], "mu0"), _as_mean(arrs[2], "mu1")
    if m0.shape[-1] != m1.shape[-1]:
        raise ValueError(f"mu0 and mu1 have different dimensions: {m0.shape[-1]} and {m1.shape[-1]}")
    d = m0.shape[-1]
    flag = None if diagonal is None else check_bool(diagonal, "diagonal")
    covs, diags = [], []
    for arr, name in ((arrs[1], "cov0"), (arrs[3], "cov1")):
        full = arr.ndim >= 2 and arr.shape[-2:] == (d, d) if flag is None else not flag
        if full:
            covs.append(_as_cov(arr, name, r))
        else:
            if arr.ndim == 0 or arr.shape[-1] != d:
                raise ValueError(f"{name} must have shape (..., {d}, {d}) or (..., {d}) for means of dimension {d}")
            v = np.asarray(arr, dtype=np.float64)
            if not np.isfinite(v).all():
                raise ValueError(f"{name} contains NaN or inf")
            if r:
                v = v + r * v.mean(axis=-1, keepdims=True)
            covs.append(v)
        diags.append(not full)
    try:
        if diags[0] and diags[1]:
            np.broadcast_shapes(m0.shape, m1.shape, covs[0].shape, covs[1].shape)
            out = kl_diag(m0, covs[0], m1, covs[1])
        else:
            s0, s1 = (np.apply_along_axis(np.diag, -1, c) if dg else c for c, dg in zip(covs, diags))
            if diags[0] or diags[1]:
                for c, dg, name in zip(covs, diags, ("cov0", "cov1")):
                    if dg and (c <= 0).any():
                        raise ValueError(f"{name} has a variance <= 0: not positive definite; pass ridge=")
            np.broadcast_shapes(m0.shape[:-1], m1.shape[:-1], s0.shape[:-2], s1.shape[:-2])
            out = kl_full(m0, s0, m1, s1)
    except ValueError as exc:
        if "broadcast" in str(exc) or "shape mismatch" in str(exc):
            raise ValueError(f"the batch shapes of mu0, cov0, mu1, cov1 do not broadcast: {exc}") from None
        raise
    return _out(out, work_dtype(arrs), scale)


def _last_axis(axis: Any, ndim: int) -> bool:
    """Is ``axis`` exactly the last axis of an ``ndim >= 1`` array (an int or a 1-tuple)?"""
    if ndim == 0:
        return False
    if isinstance(axis, tuple) and len(axis) == 1:
        axis = axis[0]
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        return False
    return int(axis) in (-1, ndim - 1)


def kl_normal_standard(
    mu: ArrayLike,
    logvar: ArrayLike,
    *,
    axis: int | tuple[int, ...] | None = -1,
    keepdims: bool = False,
    base: float | None = None,
) -> FloatResult:
    r"""KL divergence of :math:`\mathcal N(\mu, \operatorname{diag}(e^{\text{logvar}}))` from the standard normal.

    .. math:: D = \tfrac12 \sum_i \left(e^{l_i} - 1 - l_i + \mu_i^2\right),
              \qquad l_i = \text{logvar}_i,

    the KL term of a VAE / variational information bottleneck (VIB), usually
    written ``-0.5 * sum(1 + logvar - mu**2 - exp(logvar))``. Here
    :math:`e^{l} - 1 - l` is computed without cancellation (``expm1(l) - l``,
    and a Taylor series for :math:`|l| < 1/2`), so an encoder close to the
    prior gives an exact small KL rather than rounding noise.

    Parameters
    ----------
    mu, logvar : array-like
        Means and log-variances of the diagonal Gaussian, broadcast together
        (typically shape (batch, latent)).
    axis : int, tuple of int or None, default -1
        The latent axes summed over (None: everything, the seeds'
        ``torch.sum``).
    keepdims : bool, default False
        Keep the summed axes with length 1.
    base : float, optional
        Logarithm base: None gives nats, 2 gives bits.

    Returns
    -------
    float or ndarray
        KL in nats (or units of ``base``), ``>= 0``, per remaining index;
        float32 when both inputs are float32 (NumPy promotion). NaN propagates; a ``logvar``
        above about 709 gives ``inf``.

    Notes
    -----
    O(size). Summed over the last axis of C-contiguous inputs (the usual
    ``(batch, latent)`` case), each row is one pass of a C++ kernel, about
    as fast as the cancelling formula in NumPy; other axes and layouts take
    the same arithmetic in NumPy.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.dist import kl_normal_standard
    >>> mu = np.array([[0.0, 0.0], [1.0, 0.0]]); logvar = np.array([[0.0, 0.0], [0.0, np.log(2)]])
    >>> kl_normal_standard(mu, logvar).round(6)                     # one KL per row
    array([0.      , 0.653426])
    >>> print(f"{float(kl_normal_standard([0.0], [1e-9])):.12e}")   # logvar^2 / 4, not 0
    2.500000000833e-19
    """
    scale = base_scale(base)
    keepdims = check_bool(keepdims, "keepdims")
    a_mu, a_lv = _real_array(mu, "mu"), _real_array(logvar, "logvar")
    m = np.asarray(a_mu, dtype=np.float64)
    lv = np.asarray(a_lv, dtype=np.float64)
    try:
        m, lv = np.broadcast_arrays(m, lv)
    except ValueError:
        raise ValueError(f"mu and logvar do not broadcast: shapes {m.shape} and {lv.shape}") from None
    if _last_axis(axis, m.ndim) and m.size and m.flags.c_contiguous and lv.flags.c_contiguous:
        # Every row in one C++ pass, with the bits of the NumPy code below
        # (the same operations on each term, NumPy's pairwise order for each
        # row sum), which computes and stores every intermediate instead.
        rows = np.empty(m.size // m.shape[-1])
        _kt.kl_normal_standard_rows(m.reshape(-1, m.shape[-1]), lv.reshape(-1, m.shape[-1]), rows)
        shape = m.shape[:-1] + ((1,) if keepdims else ())
        return _out(rows.reshape(shape), work_dtype([a_mu, a_lv]), scale)
    terms = 0.5 * (expm1mx(lv) + m * m)
    if m.ndim == 0:
        terms = terms.reshape(1)
        axis = -1 if axis is not None else None
    return _out(terms.sum(axis=axis, keepdims=keepdims), work_dtype([a_mu, a_lv]), scale)
