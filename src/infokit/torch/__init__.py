"""infokit.torch: variational mutual-information bounds and losses for PyTorch.

Optional: it needs ``pip install "infokit[torch]"`` (torch 2.13.0), and
``import infokit`` never imports it. Everything here works on tensors of any
device (nothing is tied to CUDA) and is differentiable.

Bounds on a critic's score matrix ``S[i, j] = f(x_i, y_j)``, the diagonal
holding the positive pairs (``docs/conventions.md#Variational bounds``):
:func:`dv`, :func:`mine` (with :class:`MineEMA`), :func:`nwj`, :func:`tuba`,
:func:`infonce`, :func:`interpolated`, :func:`js`, :func:`nwj_js`,
:func:`dv_js`, :func:`smile`, :func:`flo`, and the upper bounds :func:`club`,
:func:`l1out`. Each returns a 0-d tensor: ``loss = -bound(S)``.

Losses and helpers: :func:`info_nce_loss` (the cross-view InfoNCE loss, with a chunked path that
never builds the N x N logits), the critics :class:`SeparableCritic`,
:class:`ConcatCritic`, :class:`BilinearCritic`, the trainer
:func:`estimate_mi`, and Gaussian KL terms :func:`kl_normal_standard` (VIB),
:func:`kl_normal_diag`, :func:`gaussian_kl`.
"""

from __future__ import annotations

try:
    import torch as _torch  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised only without torch
    raise ImportError('infokit.torch needs PyTorch: pip install "infokit[torch]" (torch==2.13.0)') from exc

from infokit.torch._bounds import (
    MineEMA,
    club,
    dv,
    dv_js,
    flo,
    infonce,
    interpolated,
    js,
    l1out,
    mine,
    nwj,
    nwj_js,
    smile,
    tuba,
)
from infokit.torch._contrastive import info_nce_loss
from infokit.torch._critics import BilinearCritic, ConcatCritic, SeparableCritic, mlp
from infokit.torch._gaussian import gaussian_kl, kl_normal_diag, kl_normal_standard
from infokit.torch._trainer import MIEstimate, estimate_mi

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
    "info_nce_loss",
    "SeparableCritic",
    "ConcatCritic",
    "BilinearCritic",
    "mlp",
    "estimate_mi",
    "MIEstimate",
    "kl_normal_standard",
    "kl_normal_diag",
    "gaussian_kl",
]
