"""Variational bounds on mutual information from a critic's score matrix.

Every bound takes ``S[i, j] = f(x_i, y_j)`` (rows index x, columns index y),
whose diagonal ``S[i, i]`` holds the N positive pairs, drawn from p(x, y); the
off-diagonal entries ``i != j`` are the negative pairs, standing for
p(x) p(y). Where a bound allows it, ``S`` may be ``(N, M)`` with ``M > N``:
columns ``N .. M - 1`` are extra negatives. Each function returns a 0-d tensor,
differentiable in ``S``, so ``loss = -bound(S)`` trains a critic.

The rules (``docs/conventions.md#Variational bounds`` and ``#PyTorch``):
masks by ``masked_fill`` / ``where`` (never ``S - inf * eye``); float16 and
bfloat16 scores are computed in float32 and the value is returned in float32
(what ``torch.autocast`` does for its losses); entries of ``-inf`` give zero
gradients, never NaN; a NaN entry makes the value NaN.
"""

from __future__ import annotations

import math
from typing import Any

import torch
from torch import Tensor

from infokit._bound_args import check_clip, check_direction, check_momentum, check_probability, check_shape
from infokit.torch._docs import fill_doc

__all__ = [
    "dv",
    "mine",
    "MineEMA",
    "nwj",
    "tuba",
    "infonce",
    "interpolated",
    "js",
    "nwj_js",
    "dv_js",
    "smile",
    "flo",
    "club",
    "l1out",
]

_HALF = (torch.float16, torch.bfloat16)
_NEG_INF = float("-inf")


# ---------------------------------------------------------------------------
# helpers


def _scores(S: Any, bound: str, *, negatives: bool = True, square: bool = False) -> Tensor:
    if not isinstance(S, torch.Tensor):
        raise TypeError(f"S must be a torch.Tensor, got {type(S).__name__}")
    if not S.is_floating_point():
        raise TypeError(f"S must be a floating-point tensor, got {S.dtype}")
    check_shape(tuple(S.shape), "S", negatives=negatives, square=square, bound=bound)
    return S.float() if S.dtype in _HALF else S


class _LogSumExp(torch.autograd.Function):
    """``torch.logsumexp`` whose gradient is 0, not NaN, where it should vanish.

    torch's own backward computes ``exp(x - lse)``, which is NaN for a slice of
    only ``-inf`` (``-inf - -inf``) and at ``+inf`` entries. Here a slice whose
    lse is ``-inf`` gets weights 0, and a zero upstream gradient gives a zero
    input gradient even where the weights are not finite (so a slice that a
    bound masks out through ``where`` stays masked).
    """

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int) -> Tensor:
        out = torch.logsumexp(x, dim=dim, keepdim=True)
        ctx.save_for_backward(x, out)
        ctx.dim = dim
        return out.squeeze(dim)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        x, out = ctx.saved_tensors
        g = grad.unsqueeze(ctx.dim)
        w = torch.softmax(x, dim=ctx.dim)  # exp(x - lse), fused
        bad = ~torch.isfinite(out)
        if bool(bad.any()):  # (a sync on accelerators, only in backward)
            # all -inf: no mass, weight 0; a masked slice (zero upstream
            # gradient) whose weights are not finite: 0 too.
            w = w.masked_fill(bad & ((out == _NEG_INF) | (g == 0)), 0.0)
        if torch.is_grad_enabled():  # create_graph: stay out of place
            return w * g, None
        return w.mul_(g), None


def _lse(x: Tensor, dim: int | None = None) -> Tensor:
    if dim is None:
        return _LogSumExp.apply(x.reshape(-1), 0)
    return _LogSumExp.apply(x, dim)


def _as_scores_tensor(value: Any, S: Tensor, name: str) -> Tensor:
    """A float or tensor argument, on S's device and dtype (differentiable when it is a tensor)."""
    if isinstance(value, Tensor):
        return value.to(device=S.device, dtype=S.dtype)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a float or a torch.Tensor, got {type(value).__name__}")
    return torch.tensor(float(value), dtype=S.dtype, device=S.device)


def _eye(S: Tensor) -> Tensor:
    return torch.eye(S.shape[0], S.shape[1], dtype=torch.bool, device=S.device)


def _offdiag_log_mean_exp(S: Tensor) -> Tensor:
    """log of the mean of exp(S[i, j]) over the N * M - N pairs i != j."""
    n, m = S.shape
    return _lse(S.masked_fill(_eye(S), _NEG_INF)) - math.log(n * m - n)


def _offdiag_mean(T: Tensor) -> Tensor:
    n, m = T.shape
    return T.masked_fill(_eye(T), 0.0).sum() / (n * m - n)


def _softplus(x: Tensor) -> Tensor:
    # log(1 + e^x) exactly (F.softplus returns x itself above 20) with the
    # gradient sigmoid(x) at every x, 0 at -inf.
    return torch.logaddexp(x, torch.zeros((), dtype=x.dtype, device=x.device))


def _stop_gradient_readout(train: Tensor, readout: Tensor) -> Tensor:
    """``train + stopgrad(readout - train)``: the value of ``readout``, the gradient of ``train``."""
    return train + (readout - train).detach()


# ---------------------------------------------------------------------------
# Donsker–Varadhan family


@fill_doc
def dv(S: Tensor) -> Tensor:
    r"""Donsker–Varadhan lower bound on I(X; Y).

    %(math_dv)s

    The first term averages the critic over the positive pairs, the second is
    the log-mean-exp over the negatives (every off-diagonal entry, extra
    columns included). Invariant to adding a constant to all of ``S``.
    O(NM) time and memory.

    Parameters
    ----------
    %(S)s

    Returns
    -------
    Tensor
        0-d, nats, differentiable in ``S`` (``loss = -dv(S)``). ``+inf`` when
        every negative is ``-inf``.

    Raises
    ------
    ValueError
        If ``S`` is not 2-D, has fewer columns than rows, or has no off-diagonal
        entry (N = M = 1).

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import dv
    >>> S = torch.tensor([[2.0, 0.0], [0.0, 2.0]])
    >>> round(dv(S).item(), 4)          # mean diagonal 2 - log mean exp(0) = 2
    2.0
    >>> round(dv(S + 100.0).item(), 4)  # shift invariant
    2.0
    """
    S = _scores(S, "dv")
    return S.diagonal().mean() - _offdiag_log_mean_exp(S)


class MineEMA(torch.nn.Module):
    r"""MINE's moving average of :math:`E_q[e^f]`, kept in log space.

    The state (``log_ema``, the log of the exponential moving average, and
    ``steps``, the number of updates) lives in buffers, so it moves with
    ``.to(device)`` and round-trips through ``state_dict()`` /
    ``load_state_dict()``. The average starts at 0 and is bias-corrected as in
    Adam: after t updates with decay ``momentum`` = beta the estimate is
    :math:`m_t / (1 - \beta^t)`, so the first step uses the batch's own mean.
    Updates happen only in training mode (``.eval()`` freezes the average).

    Parameters
    ----------
    momentum : float, default 0.99
        Decay of the average, in [0, 1); 0 keeps no memory (MINE = DV).

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import MineEMA
    >>> ema = MineEMA(momentum=0.9)
    >>> log_m = ema.update(torch.tensor(0.0))   # log of a batch mean of 1
    >>> round(log_m.item(), 6), int(ema.steps)
    (0.0, 1)
    >>> sorted(ema.state_dict())
    ['log_ema', 'steps']
    """

    log_ema: Tensor
    steps: Tensor

    def __init__(self, momentum: float = 0.99) -> None:
        super().__init__()
        self.momentum = check_momentum(momentum)
        self.register_buffer("log_ema", torch.tensor(_NEG_INF))
        self.register_buffer("steps", torch.tensor(0, dtype=torch.int64))

    def extra_repr(self) -> str:
        return f"momentum={self.momentum}"

    def corrected(self) -> Tensor:
        """The bias-corrected log average, ``log(m_t / (1 - momentum**t))`` (``-inf`` before any update)."""
        t = int(self.steps)
        if t == 0:
            return self.log_ema.clone()
        return self.log_ema - math.log1p(-(self.momentum**t))

    @torch.no_grad()
    def update(self, log_mean_exp: Tensor) -> Tensor:
        """Fold one batch's ``log mean e^f`` (detached) into the average; return :meth:`corrected`."""
        x = log_mean_exp.detach().to(device=self.log_ema.device, dtype=self.log_ema.dtype).reshape(())
        b = self.momentum
        old = self.log_ema + (math.log(b) if b > 0 else _NEG_INF)
        self.log_ema.copy_(torch.logaddexp(old, x + math.log1p(-b)))
        self.steps += 1
        return self.corrected()


@fill_doc
def mine(S: Tensor, ema: MineEMA | None = None) -> Tensor:
    r"""MINE (Belghazi et al. 2018): the DV value with a moving-average gradient.

    The value is :func:`dv`. The gradient is MINE's bias-reduced one,

    .. math::

        \nabla = E_p[\nabla f] - \frac{E_q[e^f \nabla f]}{m},

    with m the moving average of :math:`E_q[e^f]` held by ``ema`` (updated with
    this batch first, in log space, bias-corrected). Without ``ema`` the batch's
    own mean is used and the gradient is DV's. Call once per training step.

    Parameters
    ----------
    %(S)s
    ema : MineEMA, optional
        The moving average, updated in place when it is in training mode.

    Returns
    -------
    Tensor
        0-d, the DV bound in nats, carrying MINE's gradient.

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import MineEMA, dv, mine
    >>> ema = MineEMA(momentum=0.99)
    >>> S = torch.randn(8, 8, generator=torch.Generator().manual_seed(0))
    >>> bool(torch.isclose(mine(S, ema), dv(S)))
    True
    """
    S = _scores(S, "mine")
    d = S.diagonal().mean()
    lme = _offdiag_log_mean_exp(S)
    if ema is None:
        return d - lme
    if not isinstance(ema, MineEMA):
        raise TypeError(f"ema must be a MineEMA, got {type(ema).__name__}")
    if ema.log_ema.device != S.device:
        ema.to(S.device)
    log_m = (ema.update(lme) if ema.training else ema.corrected()).to(lme.dtype)
    # An average that is not finite (an eval-mode average never updated, or
    # every negative at -inf) falls back to the batch's own mean.
    log_m = torch.where(torch.isfinite(log_m), log_m, lme.detach())
    log_m = log_m.masked_fill(~torch.isfinite(log_m), 0.0)
    ratio = torch.exp(lme - log_m)  # E_q[e^f] / m: its gradient is E_q[e^f grad f] / m
    return d - lme.detach() - ratio + ratio.detach()


@fill_doc
def nwj(S: Tensor) -> Tensor:
    r"""Nguyen–Wainwright–Jordan (f-GAN KL, MINE-f) lower bound.

    %(math_nwj)s

    Tight at ``S = 1 + log p(y|x)/p(y)``: a critic of the log density ratio
    itself is read out as ``nwj(S + 1)``. Equals ``tuba(S, log_baseline=1)``.
    Never exceeds :func:`dv` on the same scores.

    Parameters
    ----------
    %(S)s

    Returns
    -------
    Tensor
        0-d, nats, differentiable in ``S``.

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import nwj
    >>> S = torch.tensor([[2.0, 0.0], [0.0, 2.0]])
    >>> round(nwj(S).item(), 4)   # 2 - exp(-1)
    1.6321
    """
    S = _scores(S, "nwj")
    return S.diagonal().mean() - torch.exp(_offdiag_log_mean_exp(S) - 1.0)


@fill_doc
def tuba(S: Tensor, log_baseline: Tensor | float | None = None) -> Tensor:
    r"""Tractable unnormalised Barber–Agakov bound (Poole et al. 2019, eq. 9).

    .. math::

        I_{TUBA} = 1 + \frac{1}{N}\sum_i \big(S_{ii} - \log a(y_i)\big)
                   - \frac{1}{NM-N}\sum_{i \ne j} e^{S_{ij} - \log a(y_j)}

    Parameters
    ----------
    %(S)s
    log_baseline : float or Tensor of shape () or (M,), optional
        ``log a(y_j)``, one per column (per y); default 0. ``1`` gives :func:`nwj`.

    Returns
    -------
    Tensor
        0-d, nats, differentiable in ``S`` and ``log_baseline``.

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import nwj, tuba
    >>> S = torch.tensor([[2.0, 0.0], [0.0, 2.0]])
    >>> bool(torch.isclose(tuba(S, log_baseline=1.0), nwj(S)))
    True
    """
    S = _scores(S, "tuba")
    if log_baseline is not None:
        lb = _as_scores_tensor(log_baseline, S, "log_baseline")
        if lb.ndim > 1 or (lb.ndim == 1 and lb.shape[0] != S.shape[1]):
            raise ValueError(f"log_baseline must be a scalar or have shape ({S.shape[1]},), got {tuple(lb.shape)}")
        S = S - lb
    return 1.0 + S.diagonal().mean() - torch.exp(_offdiag_log_mean_exp(S))


# ---------------------------------------------------------------------------
# multi-sample bounds


def _infonce_rows(S: Tensor) -> Tensor:
    m = S.shape[1]
    # The log-softmax of each positive in its row: one fused kernel, as in
    # F.cross_entropy. A +inf positive gets its limit, 0 (not inf - inf = NaN):
    # its row is zeroed before the softmax and its term masked after, so its
    # gradient is 0. (Checked with one sync on accelerators.)
    pinf = torch.isposinf(S.diagonal())
    if bool(pinf.any()):
        S = S.masked_fill(pinf[:, None], 0.0)
        log_p = torch.log_softmax(S, dim=1).diagonal().masked_fill(pinf, 0.0)
    else:
        log_p = torch.log_softmax(S, dim=1).diagonal()
    return math.log(m) + log_p.mean()


@fill_doc
def infonce(S: Tensor, direction: str = "rows") -> Tensor:
    r"""InfoNCE (van den Oord et al. 2018) lower bound, at most log of the batch size.

    .. math::

        I_{NCE} = \log M - \frac{1}{N}\sum_i
                  \Big(\log \sum_j e^{S_{ij}} - S_{ii}\Big)

    for ``direction="rows"`` (each x_i picks its y among the M columns: the
    cross-entropy of the rows with the diagonal as targets, so
    ``infonce(S) = log M - F.cross_entropy(S, arange(N))``). ``"columns"``
    classifies each y_j among the x_i (``infonce(S.T)``), ``"symmetric"``
    averages the two (CLIP, SimCLR); both need a square ``S``. Invariant to
    adding a constant to each row (``"rows"``). N = M = 1 gives 0.

    Parameters
    ----------
    %(S)s
    direction : {"rows", "columns", "symmetric"}, default "rows"

    Returns
    -------
    Tensor
        0-d, nats, at most ``log M``, differentiable in ``S``.

    Examples
    --------
    >>> import math, torch
    >>> from infokit.torch import infonce
    >>> S = torch.full((4, 4), -50.0, dtype=torch.float64).fill_diagonal_(50.0)   # a perfect critic
    >>> infonce(S).item() == math.log(4)
    True
    >>> round(infonce(torch.zeros(4, 4)).item(), 6)         # an uninformative one
    0.0
    """
    direction = check_direction(direction)
    S = _scores(S, "infonce", negatives=False, square=direction != "rows")
    if direction == "rows":
        return _infonce_rows(S)
    if direction == "columns":
        return _infonce_rows(S.T)
    return 0.5 * (_infonce_rows(S) + _infonce_rows(S.T))


def _log_interpolate(log_a: Tensor, log_b: Tensor, alpha: Tensor | float) -> Tensor:
    if isinstance(alpha, Tensor):
        a = alpha.to(log_a.dtype)
        return torch.logaddexp(log_a + torch.log(a), log_b + torch.log1p(-a))
    if alpha == 0:
        return log_b.expand_as(log_a)
    if alpha == 1:
        return log_a
    return torch.logaddexp(log_a + math.log(alpha), log_b + math.log1p(-alpha))


def _leave_one_out_log_mean_exp(S: Tensor) -> Tensor:
    """L[k, j] = log mean_{i != k} exp(S[i, j]): column j's log-mean-exp without row k.

    For the column's largest entry the sum over the other rows is taken
    directly; for every other entry ``lse + log(1 - exp(S - lse))`` is well
    conditioned, since there ``S - lse <= -log 2``.
    """
    n = S.shape[0]
    lse = _lse(S, 0)  # (N,)
    rows = torch.arange(n, device=S.device)
    is_max = rows[:, None] == torch.argmax(S.detach(), dim=0)[None, :]
    without_max = _lse(S.masked_fill(is_max, _NEG_INF), 0)  # (N,)
    t = torch.where(is_max, torch.full((), -1.0, dtype=S.dtype, device=S.device), S - lse)
    others = lse + torch.log(-torch.expm1(t))
    return torch.where(is_max, without_max.expand_as(S), others) - math.log(n - 1)


@fill_doc
def interpolated(S: Tensor, alpha: Tensor | float, log_baseline: Tensor | float | None = None) -> Tensor:
    r"""The interpolated bound :math:`I_\alpha` of Poole et al. (2019, eq. 11).

    TUBA with the baseline :math:`a(y) = \alpha\, m(y) + (1 - \alpha)\, q(y)`,
    where m(y) is the leave-one-out mean of :math:`e^{f(x_k, y)}` over the
    other x's of the batch and q(y) = ``exp(log_baseline)``:

    .. math::

        I_\alpha = 1 + E_{p(x,y)}\Big[\log \frac{e^{f(x,y)}}{a(y)}\Big]
                     - E_{p(x)p(y)}\Big[\frac{e^{f(x,y)}}{a(y)}\Big].

    For a positive pair (x_j, y_j) the baseline leaves out one of the other
    x's (averaged over which), for a negative (x_i, y_j) it leaves out x_j, so
    the baseline is independent of the pair it divides. ``alpha = 0`` is
    :func:`tuba`; ``alpha = 1`` uses the batch alone, a multi-sample bound
    like InfoNCE; for alpha > 0 the bound is at most log(N / alpha), so alpha
    trades InfoNCE's low variance against TUBA's low bias. O(N^2).

    Parameters
    ----------
    %(S_square)s
    alpha : float in [0, 1] or 0-d Tensor
        Weight of the batch's leave-one-out mean in the baseline.
    log_baseline : float or Tensor of shape () or (N,), optional
        ``log q(y_j)``, one per column; default 0.

    Returns
    -------
    Tensor
        0-d, nats, differentiable in ``S`` (and ``alpha``, ``log_baseline``).

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import interpolated, tuba
    >>> S = torch.randn(6, 6, generator=torch.Generator().manual_seed(0))
    >>> bool(torch.isclose(interpolated(S, 0.0), tuba(S)))
    True
    >>> round(interpolated(torch.zeros(6, 6), 0.5).item(), 6)
    0.0
    """
    S = _scores(S, "interpolated", square=True)
    if not isinstance(alpha, Tensor):
        alpha = check_probability(alpha, "alpha")
    n = S.shape[0]
    if n < 2:
        raise ValueError("interpolated needs N >= 2 (a leave-one-out mean over the other x's)")
    if log_baseline is None:
        b = torch.zeros(n, dtype=S.dtype, device=S.device)
    else:
        b = _as_scores_tensor(log_baseline, S, "log_baseline")
        if b.ndim > 1 or (b.ndim == 1 and b.shape[0] != n):
            raise ValueError(f"log_baseline must be a scalar or have shape ({n},), got {tuple(b.shape)}")
        b = b.expand(n)
    loo = _leave_one_out_log_mean_exp(S)  # (N, N): column j without row k
    base = _log_interpolate(loo, b[None, :], alpha)  # log a(y_j) leaving out x_k
    marg = _offdiag_log_mean_exp(S - base.diagonal()[None, :])  # negatives (x_i, y_j): x_j left out
    joint = _offdiag_mean(S.diagonal()[None, :] - base)  # positives (x_j, y_j): x_k left out, k != j
    return 1.0 + joint - torch.exp(marg)


# ---------------------------------------------------------------------------
# Jensen–Shannon-trained estimators


@fill_doc
def js(S: Tensor) -> Tensor:
    r"""The Jensen–Shannon (f-GAN) objective of Deep InfoMax.

    %(math_js)s

    Minus the binary cross-entropy of telling positives (label 1) from
    negatives (label 0) with logits ``S``, so it is at most 0; it is maximised
    by ``S = log p(y|x)/p(y)`` and equals ``2 JSD - 2 log 2`` there (JSD between
    p(x, y) and p(x)p(y) weighted equally). Not an MI estimate itself: see
    :func:`nwj_js`, :func:`dv_js`, :func:`smile` for the readouts. The seeds'
    ``jsd_loss(T_pos, T_neg) = -js`` on the same pairs.

    Parameters
    ----------
    %(S)s

    Returns
    -------
    Tensor
        0-d, at most 0, differentiable in ``S``.

    Examples
    --------
    >>> import math, torch
    >>> from infokit.torch import js
    >>> round(js(torch.zeros(3, 3)).item(), 6) == round(-2 * math.log(2), 6)
    True
    """
    S = _scores(S, "js")
    return -_softplus(-S.diagonal()).mean() - _offdiag_mean(_softplus(S))


@fill_doc
def nwj_js(S: Tensor) -> Tensor:
    r"""Train by :func:`js`, read out :func:`nwj`: ``js(S) + stopgrad(nwj(S + 1) - js(S))``.

    The JS critic's optimum is the log density ratio ``log p(y|x)/p(y)``,
    which NWJ reads at ``S + 1``; the value is that readout, the gradient is
    the JS objective's (Poole et al. 2019, "JS").

    Parameters
    ----------
    %(S)s

    Returns
    -------
    Tensor
        0-d, the value of ``nwj(S + 1)`` with the gradient of ``js(S)``.

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import nwj, nwj_js
    >>> S = torch.randn(5, 5, generator=torch.Generator().manual_seed(0))
    >>> bool(torch.isclose(nwj_js(S), nwj(S + 1)))
    True
    """
    S = _scores(S, "nwj_js")
    return _stop_gradient_readout(js(S), nwj(S + 1.0))


@fill_doc
def dv_js(S: Tensor) -> Tensor:
    r"""Train by :func:`js`, read out :func:`dv`: ``js(S) + stopgrad(dv(S) - js(S))``.

    SMILE without clipping (``smile(S, clip=None)``).

    Parameters
    ----------
    %(S)s

    Returns
    -------
    Tensor
        0-d, the value of ``dv(S)`` with the gradient of ``js(S)``.

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import dv, dv_js
    >>> S = torch.randn(5, 5, generator=torch.Generator().manual_seed(0))
    >>> bool(torch.isclose(dv_js(S), dv(S)))
    True
    """
    S = _scores(S, "dv_js")
    return _stop_gradient_readout(js(S), dv(S))


@fill_doc
def smile(S: Tensor, clip: float | None = 5.0) -> Tensor:
    r"""SMILE (Song and Ermon 2020): JS training, a clipped DV readout.

    %(math_smile)s

    carrying the gradient of :func:`js`.
    %(smile_bias)s
    ``clip=None`` is :func:`dv_js`.

    Parameters
    ----------
    %(S)s
    %(clip)s

    Returns
    -------
    Tensor
        0-d, nats: the clipped DV value with the gradient of ``js(S)``.

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import dv, smile
    >>> S = torch.randn(5, 5, generator=torch.Generator().manual_seed(0))
    >>> bool(torch.isclose(smile(S, clip=None), dv(S)))
    True
    >>> bool(torch.isclose(smile(S, clip=0.5), dv(S.clamp(-0.5, 0.5)) + S.diagonal().mean() - S.diagonal().clamp(-0.5, 0.5).mean()))
    True
    """
    tau = check_clip(clip)
    S = _scores(S, "smile")
    clipped = S if tau is None else S.clamp(-tau, tau)
    readout = S.diagonal().mean() - _offdiag_log_mean_exp(clipped)
    return _stop_gradient_readout(js(S), readout)


# ---------------------------------------------------------------------------
# FLO, CLUB, L1Out


@fill_doc
def flo(S: Tensor, u: Tensor) -> Tensor:
    r"""The Fenchel–Legendre optimisation bound FLO (Guo et al. 2022).

    .. math::

        I_{FLO} = 1 - \frac{1}{N}\sum_i \Big(u_i + e^{-u_i}\,
                  \frac{1}{M-1}\sum_{j \ne i} e^{S_{ij} - S_{ii}}\Big)

    with ``u_i = u(x_i, y_i)`` a second critic evaluated on the positive pairs.
    For any u it lower-bounds I; at ``u_i = -S_ii`` it equals ``nwj(S + 1)``,
    and the optimal ``u_i`` is ``log mean_j e^{S_ij - S_ii}``.

    Parameters
    ----------
    %(S)s
    u : Tensor, shape (N,) or ()
        The u critic on the positive pairs.

    Returns
    -------
    Tensor
        0-d, nats, differentiable in ``S`` and ``u``.

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import flo, nwj
    >>> S = torch.randn(5, 5, generator=torch.Generator().manual_seed(0))
    >>> bool(torch.isclose(flo(S, -S.diagonal()), nwj(S + 1)))
    True
    """
    S = _scores(S, "flo")
    n, m = S.shape
    if not isinstance(u, Tensor):
        raise TypeError(f"u must be a torch.Tensor, got {type(u).__name__}")
    if u.ndim > 1 or (u.ndim == 1 and u.shape[0] != n):
        raise ValueError(f"u must have shape ({n},) (one value per positive pair) or (), got {tuple(u.shape)}")
    u = u.to(S.dtype)
    d = S.diagonal()
    # log mean_{j != i} e^{S_ij - S_ii}, per row
    log_ratio = _lse(S.masked_fill(_eye(S), _NEG_INF), 1) - math.log(m - 1) - d
    return 1.0 - (u + torch.exp(log_ratio - u)).mean()


@fill_doc
def club(S: Tensor) -> Tensor:
    r"""CLUB, the contrastive log-ratio upper bound (Cheng et al. 2020).

    %(math_club)s

    with ``S[i, j] = log q(y_j | x_i)`` a variational conditional; an upper
    bound on I when q is the true conditional (or close to it in KL). The
    second mean runs over **all** pairs, the diagonal included, as in the
    paper and in :func:`infokit.bounds.club` (so N = 1 gives 0).

    Parameters
    ----------
    %(S_loglik)s

    Returns
    -------
    Tensor
        0-d, nats, differentiable in ``S``.

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import club
    >>> round(club(torch.tensor([[1.0, -1.0], [-3.0, 1.0]])).item(), 4)
    1.5
    """
    S = _scores(S, "club", negatives=False)
    return S.diagonal().mean() - S.mean()


@fill_doc
def l1out(S: Tensor) -> Tensor:
    r"""L1Out, the leave-one-out upper bound (Poole et al. 2019; Cheng et al. 2020).

    %(math_l1out)s

    with ``S[i, j] = log q(y_j | x_i)``: each y_i's likelihood under its own x
    against the mean likelihood under the other x's.

    Parameters
    ----------
    %(S_loglik_square)s

    Returns
    -------
    Tensor
        0-d, nats, differentiable in ``S``.

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import l1out
    >>> round(l1out(torch.zeros(4, 4)).item(), 6)
    0.0
    """
    S = _scores(S, "l1out", square=True)
    n = S.shape[0]
    loo = _lse(S.masked_fill(_eye(S), _NEG_INF), 0) - math.log(n - 1)
    return (S.diagonal() - loo).mean()
