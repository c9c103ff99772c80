"""Brute-force O(n^2) twins of the kNN kernels in :mod:`infokit._kernels.knn`
(and of their one-dimensional fast paths in :mod:`infokit._kernels.knn1d`,
which compute the same quantities and so share these twins).

The estimate kernels (``Ksg``, ``ross_mi`` and the 1-D paths) return
``(sum of pointwise terms, n_terms, n_zero_radius)``; their twins return the
estimate, ``sum / n_terms``: ``ross_mi`` for the kernel of that name. The other
kernels return intermediate quantities (neighbour radii or indices), and every
twin other than ``ross_mi`` computes the estimate built on its kernel and is named
``<kernel>_<quantity>``: ``ksg_mi`` and ``ksg_total_correlation`` (``Ksg``
modes 1, 2), ``ksg_cmi`` (modes 3, 4), ``ksg_gkov_mi`` (mode 5),
``knn_radius_entropy`` (Kozachenko–Leonenko, on ``knn_radius``),
``knn_cross_radius_kl_divergence`` (Wang–Kulkarni–Verdú, on
``knn_cross_radius`` and ``knn_radius``) and ``knn_indices_lnc_correction``
(the LNC terms, on ``knn_indices``).

Every function takes validated float arrays of shape (n, d) (1-D is one
column) and returns nats. Distances are formed from a full n x n matrix built
with the same subtraction as the kernels (|x_j - x_i| per coordinate, max over
coordinates), so counts agree exactly on tie-free data. Use these to check,
never for speed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy.special import digamma, gammaln

__all__ = [
    "ksg_mi",
    "ksg_total_correlation",
    "ksg_cmi",
    "knn_radius_entropy",
    "knn_cross_radius_kl_divergence",
    "ross_mi",
    "ksg_gkov_mi",
    "knn_indices_lnc_correction",
]


def _col(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64)
    return a[:, None] if a.ndim == 1 else a


def _cheb(a: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    """D[i, j] = max_c |b_jc - a_ic| (b defaults to a)."""
    b = a if b is None else b
    d = np.zeros((len(a), len(b)))
    for c in range(a.shape[1]):
        np.maximum(d, np.abs(b[None, :, c] - a[:, None, c]), out=d)
    return d


def _eucl(a: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    b = a if b is None else b
    s = np.zeros((len(a), len(b)))
    for c in range(a.shape[1]):
        s += (b[None, :, c] - a[:, None, c]) ** 2
    return np.sqrt(s)


def _excluded(n: int, theiler: int) -> np.ndarray:
    i = np.arange(n)
    return np.abs(i[:, None] - i[None, :]) <= theiler


def _knn(dist: np.ndarray, excl: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """k-th neighbour distance and the ids of the k nearest, excluded pairs skipped."""
    d = np.where(excl, np.inf, dist)
    order = np.argsort(d, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(d, order[:, -1:], axis=1)[:, 0], order


def ksg_total_correlation(
    variables: Sequence[np.ndarray], k: int = 3, variant: int = 1, theiler: int = 0, return_locals: bool = False
):
    """KSG estimators 1 / 2 of the total correlation of m variables (m = 2: MI)."""
    vs = [_col(v) for v in variables]
    n, m = len(vs[0]), len(vs)
    marg = [_cheb(v) for v in vs]
    joint = np.max(marg, axis=0)
    excl = _excluded(n, theiler)
    rho, nbrs = _knn(joint, excl, k)
    if variant == 1:
        counts = [((dm < rho[:, None]) & ~excl).sum(1) for dm in marg]
        local = digamma(k) + (m - 1) * digamma(n) - sum(digamma(c + 1) for c in counts)
    else:
        eps = [np.take_along_axis(dm, nbrs, axis=1).max(1) for dm in marg]
        counts = [((dm <= e[:, None]) & ~excl).sum(1) for dm, e in zip(marg, eps)]
        local = digamma(k) - (m - 1) / k + (m - 1) * digamma(n) - sum(digamma(c) for c in counts)
    return (local.mean(), local) if return_locals else local.mean()


def ksg_mi(x, y, k: int = 3, variant: int = 1, theiler: int = 0, return_locals: bool = False):
    """KSG estimator 1 or 2 of I(X; Y) (Kraskov, Stögbauer & Grassberger 2004)."""
    return ksg_total_correlation([x, y], k=k, variant=variant, theiler=theiler, return_locals=return_locals)


def ksg_cmi(x, y, z, k: int = 3, variant: int = 1, theiler: int = 0, return_locals: bool = False):
    """Frenzel–Pompe I(X; Y | Z) (variant 1) and its KSG-2 form (variant 2)."""
    x, y, z = _col(x), _col(y), _col(z)
    n = len(x)
    dx, dy, dz = _cheb(x), _cheb(y), _cheb(z)
    joint = np.maximum(np.maximum(dx, dy), dz)
    excl = _excluded(n, theiler)
    rho, nbrs = _knn(joint, excl, k)
    if variant == 1:
        r = rho[:, None]
        nxz = ((np.maximum(dx, dz) < r) & ~excl).sum(1)
        nyz = ((np.maximum(dy, dz) < r) & ~excl).sum(1)
        nz = ((dz < r) & ~excl).sum(1)
        local = digamma(k) - digamma(nxz + 1) - digamma(nyz + 1) + digamma(nz + 1)
    else:
        ex, ey, ez = (np.take_along_axis(dm, nbrs, axis=1).max(1)[:, None] for dm in (dx, dy, dz))
        nxz = ((dx <= ex) & (dz <= ez) & ~excl).sum(1)
        nyz = ((dy <= ey) & (dz <= ez) & ~excl).sum(1)
        nz = ((dz <= ez) & ~excl).sum(1)
        local = digamma(k) - 2.0 / k + digamma(nz) - digamma(nxz) + 1.0 / nxz - digamma(nyz) + 1.0 / nyz
    return (local.mean(), local) if return_locals else local.mean()


def knn_radius_entropy(x, k: int = 3, metric: str = "chebyshev", theiler: int = 0) -> float:
    """Kozachenko–Leonenko differential entropy (max-norm or Euclidean)."""
    x = _col(x)
    n, d = x.shape
    dist = _cheb(x) if metric == "chebyshev" else _eucl(x)
    rho, _ = _knn(dist, _excluded(n, theiler), k)
    if metric == "chebyshev":
        log_ball = d * math.log(2.0)
    else:
        log_ball = 0.5 * d * math.log(math.pi) - gammaln(0.5 * d + 1.0)
    return float(digamma(n) - digamma(k) + log_ball + d * np.mean(np.log(rho)))


def knn_cross_radius_kl_divergence(p, q, k: int = 1, metric: str = "chebyshev") -> float:
    """Wang–Kulkarni–Verdú (2009) D(P || Q) from samples."""
    p, q = _col(p), _col(q)
    n, d = p.shape
    m = len(q)
    f = _cheb if metric == "chebyshev" else _eucl
    rho, _ = _knn(f(p), _excluded(n, 0), k)
    nu = np.sort(f(p, q), axis=1)[:, k - 1]
    return float(d * np.mean(np.log(nu) - np.log(rho)) + math.log(m / (n - 1)))


def ross_mi(x, labels, k: int = 3) -> float:
    """Ross (2014) MI of continuous x and discrete labels (points with unique labels dropped)."""
    x = _col(x)
    labels = np.asarray(labels)
    _, codes, counts = np.unique(labels, return_inverse=True, return_counts=True)
    keep = counts[codes] > 1
    if not keep.any():
        return 0.0
    x, codes = x[keep], codes[keep]
    n = len(x)
    dist = _cheb(x)
    same = codes[:, None] == codes[None, :]
    nc = counts[codes]
    kc = np.minimum(k, nc - 1)
    excl = ~same | np.eye(n, dtype=bool)
    d = np.sort(np.where(excl, np.inf, dist), axis=1)
    r = d[np.arange(n), kc - 1]
    m = (dist < r[:, None]).sum(1)
    m = np.where(r > 0, m, m + 1)  # the point itself, also when r = 0
    return float(digamma(n) + np.mean(digamma(kc)) - np.mean(digamma(nc)) - np.mean(digamma(m)))


def ksg_gkov_mi(x, y, k: int = 3, theiler: int = 0) -> float:
    """Gao–Kannan–Oh–Viswanath (2017) mixture MI, counts including the point itself."""
    x, y = _col(x), _col(y)
    n = len(x)
    dx, dy = _cheb(x), _cheb(y)
    joint = np.maximum(dx, dy)
    excl = _excluded(n, theiler)
    np.fill_diagonal(excl, False)  # windows exclude others; i itself is counted
    off = excl.copy()
    np.fill_diagonal(off, True)
    rho, _ = _knn(joint, off, k)
    r = rho[:, None]
    tie = rho == 0
    kt = np.where(tie, ((joint == 0) & ~excl).sum(1), k)
    nx = np.where(tie, ((dx == 0) & ~excl).sum(1), ((dx < r) & ~excl).sum(1))
    ny = np.where(tie, ((dy == 0) & ~excl).sum(1), ((dy < r) & ~excl).sum(1))
    return float(np.mean(digamma(kt) + math.log(n) - digamma(nx) - digamma(ny)))


def knn_indices_lnc_correction(x, y, k: int = 3, alpha: float = 0.25, theiler: int = 0) -> np.ndarray:
    """Pointwise LNC terms (Gao, Ver Steeg & Galstyan 2015), one point at a time."""
    pts = np.hstack([_col(x), _col(y)])
    n = len(pts)
    _, nbrs = _knn(_cheb(pts), _excluded(n, theiler), k)
    out = np.zeros(n)
    for i in range(n):
        rel = pts[nbrs[i]] - pts[i]
        cov = rel.T @ rel / k
        _, vecs = np.linalg.eigh(cov)
        with np.errstate(divide="ignore"):
            log_pca = np.log(np.abs(rel @ vecs).max(axis=0)).sum()
            log_box = np.log(np.abs(rel).max(axis=0)).sum()
        if np.isfinite(log_pca) and np.isfinite(log_box) and log_pca < log_box + math.log(alpha):
            out[i] = log_box - log_pca
    return out
