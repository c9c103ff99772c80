"""KL divergences between Gaussians, on tensors (VIB's KL term and its relatives)."""

from __future__ import annotations

from typing import Any

import torch
from torch import Tensor

__all__ = ["kl_normal_standard", "kl_normal_diag", "gaussian_kl"]

_REDUCTIONS = ("none", "sum", "mean")


def _reduce(kl: Tensor, reduction: str) -> Tensor:
    if reduction == "sum":
        return kl.sum()
    if reduction == "mean":
        return kl.mean()
    return kl


def _check(reduction: Any, **tensors: Any) -> None:
    if reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {_REDUCTIONS}, got {reduction!r}")
    for name, t in tensors.items():
        if not isinstance(t, Tensor):
            raise TypeError(f"{name} must be a torch.Tensor, got {type(t).__name__}")
        if not t.is_floating_point():
            raise TypeError(f"{name} must be a floating-point tensor, got {t.dtype}")
        if t.ndim == 0:
            raise ValueError(f"{name} must have at least one (event) dimension")


def _broadcastable(**tensors: Tensor) -> None:
    """Means and log-variances of one Gaussian family must broadcast (torch's own error names no argument)."""
    try:
        torch.broadcast_shapes(*(t.shape for t in tensors.values()))
    except RuntimeError:
        shapes = ", ".join(f"{name} {tuple(t.shape)}" for name, t in tensors.items())
        raise ValueError(f"shapes do not broadcast: {shapes}") from None


def kl_normal_standard(mu: Tensor, logvar: Tensor, reduction: str = "none") -> Tensor:
    r"""KL( N(mu, diag exp(logvar)) || N(0, I) ), the KL term of a VAE / VIB.

    .. math::

        \mathrm{KL} = \frac12 \sum_k \big(\mu_k^2 + (e^{v_k} - 1) - v_k\big),
        \qquad v = \text{logvar}

    summed over the last (event) axis, with ``expm1`` so that ``e^v - 1 - v``
    keeps its precision near v = 0 (where the tutorials'
    ``-0.5 * sum(1 + v - mu**2 - exp(v))`` loses it). Nats; never negative.

    Parameters
    ----------
    mu, logvar : Tensor, shape (..., k)
        Means and log-variances of the diagonal Gaussians (broadcast together).
    reduction : {"none", "sum", "mean"}, default "none"
        "none" returns one KL per distribution (shape ``(...)``); "sum" and
        "mean" reduce over them (``"sum"`` is the tutorials' ``torch.sum``).

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import kl_normal_standard
    >>> mu, logvar = torch.tensor([[0.0, 1.0]]), torch.tensor([[0.0, 0.0]])
    >>> kl_normal_standard(mu, logvar)
    tensor([0.5000])
    >>> kl_normal_standard(torch.zeros(1), torch.tensor([1e-9], dtype=torch.float64)).item() > 0
    True
    """
    _check(reduction, mu=mu, logvar=logvar)
    _broadcastable(mu=mu, logvar=logvar)
    kl = 0.5 * (mu.square() + torch.expm1(logvar) - logvar).sum(dim=-1)
    return _reduce(kl, reduction)


def kl_normal_diag(mu_p: Tensor, logvar_p: Tensor, mu_q: Tensor, logvar_q: Tensor, reduction: str = "none") -> Tensor:
    r"""KL( N(mu_p, diag exp(logvar_p)) || N(mu_q, diag exp(logvar_q)) ).

    .. math::

        \mathrm{KL} = \frac12 \sum_k \Big(e^{d_k} - 1 - d_k
                      + (\mu_{p,k} - \mu_{q,k})^2 e^{-v_{q,k}}\Big),
        \qquad d = v_p - v_q

    summed over the last axis (``expm1`` near d = 0). With ``mu_q = 0``,
    ``logvar_q = 0`` it is :func:`kl_normal_standard`.

    Parameters
    ----------
    mu_p, logvar_p, mu_q, logvar_q : Tensor, shape (..., k)
        Means and log-variances (broadcast together).
    reduction : {"none", "sum", "mean"}, default "none"

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import kl_normal_diag
    >>> z = torch.zeros(1, 2)
    >>> kl_normal_diag(z, z, z + 1.0, z)    # two unit shifts: 0.5 * 2
    tensor([1.])
    """
    _check(reduction, mu_p=mu_p, logvar_p=logvar_p, mu_q=mu_q, logvar_q=logvar_q)
    _broadcastable(mu_p=mu_p, logvar_p=logvar_p, mu_q=mu_q, logvar_q=logvar_q)
    d = logvar_p - logvar_q
    kl = 0.5 * (torch.expm1(d) - d + (mu_p - mu_q).square() * torch.exp(-logvar_q)).sum(dim=-1)
    return _reduce(kl, reduction)


def gaussian_kl(mu_p: Tensor, cov_p: Tensor, mu_q: Tensor, cov_q: Tensor, reduction: str = "none") -> Tensor:
    r"""KL( N(mu_p, cov_p) || N(mu_q, cov_q) ) for full covariance matrices.

    .. math::

        \mathrm{KL} = \frac12\Big(\operatorname{tr}(\Sigma_q^{-1}\Sigma_p)
            + (\mu_q - \mu_p)^\top \Sigma_q^{-1} (\mu_q - \mu_p) - k
            + \log\det\Sigma_q - \log\det\Sigma_p\Big)

    computed from the Cholesky factors :math:`L_p, L_q` by triangular solves
    (never an inverse): the trace is :math:`\|L_q^{-1} L_p\|_F^2`, the
    quadratic form :math:`\|L_q^{-1}(\mu_q - \mu_p)\|^2`, the log-determinants
    twice the sums of the log-diagonals. O(k^3) per pair; batches broadcast.

    Parameters
    ----------
    mu_p, mu_q : Tensor, shape (..., k)
    cov_p, cov_q : Tensor, shape (..., k, k)
        Symmetric positive definite (``torch.linalg.cholesky`` raises otherwise).
    reduction : {"none", "sum", "mean"}, default "none"

    Returns
    -------
    Tensor
        Shape ``(...)`` for "none".

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import gaussian_kl
    >>> I = torch.eye(2, dtype=torch.float64)
    >>> round(gaussian_kl(torch.zeros(2, dtype=torch.float64), 2 * I, torch.zeros(2, dtype=torch.float64), I).item(), 6)
    0.306853
    """
    _check(reduction, mu_p=mu_p, cov_p=cov_p, mu_q=mu_q, cov_q=cov_q)
    if cov_p.ndim < 2 or cov_q.ndim < 2 or cov_p.shape[-1] != cov_p.shape[-2] or cov_q.shape[-1] != cov_q.shape[-2]:
        raise ValueError("cov_p and cov_q must be (..., k, k) matrices")
    k = mu_p.shape[-1]
    if cov_p.shape[-1] != k or cov_q.shape[-1] != k or mu_q.shape[-1] != k:
        raise ValueError("mu_p, cov_p, mu_q and cov_q must share the dimension k")
    lp = torch.linalg.cholesky(cov_p)
    lq = torch.linalg.cholesky(cov_q)
    lq_b, lp_b = torch.broadcast_tensors(lq, lp)
    m = torch.linalg.solve_triangular(lq_b, lp_b, upper=False)
    diff = (mu_q - mu_p).unsqueeze(-1)
    shape = torch.broadcast_shapes(lq.shape[:-2], diff.shape[:-2])
    v = torch.linalg.solve_triangular(lq.expand(*shape, k, k), diff.expand(*shape, k, 1), upper=False)
    logdet_p = 2 * torch.log(torch.diagonal(lp, dim1=-2, dim2=-1)).sum(-1)
    logdet_q = 2 * torch.log(torch.diagonal(lq, dim1=-2, dim2=-1)).sum(-1)
    kl = 0.5 * (m.square().sum((-2, -1)) + v.square().sum((-2, -1)) - k + logdet_q - logdet_p)
    return _reduce(kl, reduction)
