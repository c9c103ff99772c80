"""NumPy twins of :mod:`infokit._kernels.copula`, and the published Gaussian-copula MI algorithm.

Twins (names follow the scheme of :mod:`infokit.reference`):

* ``normal_scores`` — the kernel itself: each column's values replaced by
  ``ndtri(rank / (n + 1))`` with average ranks for ties
  (``scipy.stats.rankdata(method="average")``); returned as (p, n) like the
  kernel's output, plus each column's count of repeated values.
* ``normal_scores_project`` — the fused kernel: per column, the sum and sum
  of squares of its scores and their products with weights ``w`` (n, dw), or
  per-label sums given label codes.
* ``normal_scores_gcmi_cc``, ``normal_scores_gcmi_model_cd``,
  ``normal_scores_gccmi_ccc`` — Ince et al. (2017)'s ``gcmi_cc``,
  ``gcmi_model_cd`` and ``gccmi_ccc`` written out in plain NumPy as published
  (ranks by ``argsort(argsort(x))``, covariances divided by ``n - 1``,
  Cholesky log-determinants, the ``dterm`` / ``psiterms`` bias correction),
  returning nats instead of the published bits. ``infokit.estimate``'s
  ``method="gcmi"`` must agree with them on tie-free data (it ranks ties by
  their average instead of their position).

Samples are (n, d) arrays, rows the samples (the published code has them as
(d, n)). Only NumPy and SciPy are used.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtri, psi
from scipy.stats import rankdata

__all__ = [
    "normal_scores",
    "normal_scores_project",
    "normal_scores_gcmi_cc",
    "normal_scores_gcmi_model_cd",
    "normal_scores_gccmi_ccc",
]


def normal_scores(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(p, n) normal scores of the columns of x (n, p), average ranks for ties, and the tie counts."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        x = x[:, None]
    n = x.shape[0]
    scores = ndtri(rankdata(x, axis=0, method="average") / (n + 1)).T
    ties = np.array([n - len(np.unique(col)) for col in x.T], dtype=np.int64)
    return np.ascontiguousarray(scores), ties


def normal_scores_project(
    x: np.ndarray, w: np.ndarray | None = None, codes: np.ndarray | None = None, dw: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(proj1, proj2, moments): scores s (p, n) against w (n, dw) or one-hot codes; moments = (sum, sum of squares)."""
    s, _ = normal_scores(x)
    if w is None:
        assert codes is not None
        w = np.eye(dw if dw is not None else int(codes.max()) + 1)[codes]
    return s @ w, (s * s) @ w, np.stack([s.sum(axis=1), (s * s).sum(axis=1)], axis=1)


def _copnorm(x: np.ndarray) -> np.ndarray:
    """The published copnorm on (d, n): ndtri((argsort(argsort(x)) + 1) / (n + 1)) along the last axis."""
    ranks = np.argsort(np.argsort(x, axis=-1), axis=-1).astype(np.float64) + 1.0
    return ndtri(ranks / (x.shape[-1] + 1))


def _rows(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64)
    return a[None, :] if a.ndim == 1 else a.T


def _half_logdet(c: np.ndarray) -> float:
    return float(np.sum(np.log(np.diagonal(np.linalg.cholesky(c)))))


def _corrections(n: float, d: int) -> tuple[float, np.ndarray]:
    """Ince's dterm and psiterms for n samples and d dimensions."""
    dterm = (np.log(2.0) - np.log(n - 1.0)) / 2.0
    psiterms = psi((n - np.arange(1, d + 1)) / 2.0) / 2.0
    return dterm, psiterms


def _mi_gg(x: np.ndarray, y: np.ndarray, biascorrect: bool, demeaned: bool) -> float:
    """Published mi_gg on (d, n) arrays, in nats."""
    nx, n = x.shape
    ny = y.shape[0]
    nxy = nx + ny
    xy = np.vstack([x, y])
    if not demeaned:
        xy = xy - xy.mean(axis=1)[:, None]
    cxy = xy @ xy.T / (n - 1.0)
    hx = _half_logdet(cxy[:nx, :nx])
    hy = _half_logdet(cxy[nx:, nx:])
    hxy = _half_logdet(cxy)
    if biascorrect:
        dterm, psiterms = _corrections(n, nxy)
        hx -= nx * dterm + psiterms[:nx].sum()
        hy -= ny * dterm + psiterms[:ny].sum()
        hxy -= nxy * dterm + psiterms[:nxy].sum()
    return hx + hy - hxy


def normal_scores_gcmi_cc(x: np.ndarray, y: np.ndarray, biascorrect: bool = True) -> float:
    """Published gcmi_cc: copnorm both sides, then mi_gg(..., biascorrect, demeaned=True); nats."""
    return _mi_gg(_copnorm(_rows(x)), _copnorm(_rows(y)), biascorrect, True)


def normal_scores_gcmi_model_cd(x: np.ndarray, y: np.ndarray, biascorrect: bool = True) -> float:
    """Published gcmi_model_cd: copnorm x, then mi_model_gd(cx, y, biascorrect, demeaned=True); nats."""
    cx = _copnorm(_rows(x))
    y = np.asarray(y).reshape(-1)
    d, n = cx.shape
    classes = np.unique(y)
    n_y = np.zeros(len(classes))
    hcond = np.zeros(len(classes))
    for i, c in enumerate(classes):
        xm = cx[:, y == c]
        n_y[i] = xm.shape[1]
        xm = xm - xm.mean(axis=1)[:, None]
        hcond[i] = _half_logdet(xm @ xm.T / (n_y[i] - 1.0))
    w = n_y / n
    hunc = _half_logdet(cx @ cx.T / (n - 1.0))
    if biascorrect:
        dterm, psiterms = _corrections(n, d)
        hunc -= d * dterm + psiterms.sum()
        dterm_y = (np.log(2.0) - np.log(n_y - 1.0)) / 2.0
        psi_y = np.zeros(len(classes))
        for v in range(1, d + 1):
            psi_y += psi((n_y - v) / 2.0)
        hcond = hcond - d * dterm_y - psi_y / 2.0
    return float(hunc - np.sum(w * hcond))


def normal_scores_gccmi_ccc(x: np.ndarray, y: np.ndarray, z: np.ndarray, biascorrect: bool = True) -> float:
    """Published gccmi_ccc: copnorm x, y, z, then cmi_ggg(..., biascorrect, demeaned=True); nats."""
    cx, cy, cz = (_copnorm(_rows(a)) for a in (x, y, z))
    nx, n = cx.shape
    ny, nz = cy.shape[0], cz.shape[0]
    nxyz = nx + ny + nz
    xyz = np.vstack([cx, cy, cz])
    c = xyz @ xyz.T / (n - 1.0)
    iz = np.r_[nx + ny : nxyz]
    ixz = np.r_[0:nx, nx + ny : nxyz]
    iyz = np.r_[nx:nxyz]
    hz = _half_logdet(c[np.ix_(iz, iz)])
    hxz = _half_logdet(c[np.ix_(ixz, ixz)])
    hyz = _half_logdet(c[np.ix_(iyz, iyz)])
    hxyz = _half_logdet(c)
    if biascorrect:
        dterm, psiterms = _corrections(n, nxyz)
        hz -= nz * dterm + psiterms[:nz].sum()
        hxz -= (nx + nz) * dterm + psiterms[: nx + nz].sum()
        hyz -= (ny + nz) * dterm + psiterms[: ny + nz].sum()
        hxyz -= nxyz * dterm + psiterms[:nxyz].sum()
    return hxz + hyz - hxyz - hz
