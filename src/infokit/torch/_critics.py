"""Critics: networks that score every pair (x_i, y_j) of a batch at once."""

from __future__ import annotations

import torch
from torch import Tensor, nn

__all__ = ["SeparableCritic", "ConcatCritic", "BilinearCritic", "mlp"]


def _check_dims(**dims: int) -> None:
    for name, v in dims.items():
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ValueError(f"{name} must be a positive int, got {v!r}")


def mlp(
    in_dim: int, hidden: int, out_dim: int, layers: int = 2, activation: type[nn.Module] = nn.ReLU
) -> nn.Sequential:
    """A multilayer perceptron: ``layers`` hidden layers of width ``hidden``, then a linear map to ``out_dim``.

    Parameters
    ----------
    in_dim, hidden, out_dim : int
        Input, hidden and output widths.
    layers : int, default 2
        Number of hidden layers (0 gives a single linear map).
    activation : nn.Module class, default nn.ReLU

    Returns
    -------
    nn.Sequential

    Examples
    --------
    >>> from infokit.torch import mlp
    >>> mlp(3, 16, 1, layers=1)
    Sequential(
      (0): Linear(in_features=3, out_features=16, bias=True)
      (1): ReLU()
      (2): Linear(in_features=16, out_features=1, bias=True)
    )
    """
    _check_dims(in_dim=in_dim, hidden=hidden, out_dim=out_dim)
    if isinstance(layers, bool) or not isinstance(layers, int) or layers < 0:
        raise ValueError(f"layers must be a non-negative int, got {layers!r}")
    mods: list[nn.Module] = []
    width = in_dim
    for _ in range(layers):
        mods += [nn.Linear(width, hidden), activation()]
        width = hidden
    mods.append(nn.Linear(width, out_dim))
    return nn.Sequential(*mods)


def _check_pair(x: Tensor, y: Tensor, x_dim: int, y_dim: int) -> None:
    if x.ndim != 2 or y.ndim != 2:
        raise ValueError(f"x and y must be 2-D (batch, features), got shapes {tuple(x.shape)} and {tuple(y.shape)}")
    if x.shape[1] != x_dim or y.shape[1] != y_dim:
        raise ValueError(
            f"the critic takes x with {x_dim} and y with {y_dim} features, got {x.shape[1]} and {y.shape[1]}"
        )


class SeparableCritic(nn.Module):
    r"""Separable critic :math:`f(x, y) = g(x)^\top h(y)` (Oord et al. 2018; Poole et al. 2019).

    ``g`` and ``h`` are MLPs into a shared ``embed``-dimensional space; the
    score matrix is one product ``g(x) @ h(y).T``, O(N M embed) for all pairs.

    Parameters
    ----------
    x_dim, y_dim : int
        Feature counts of x and y.
    hidden : int, default 256
        Width of the hidden layers.
    embed : int, default 32
        Dimension of the embeddings.
    layers : int, default 2
        Hidden layers per MLP.

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import SeparableCritic
    >>> critic = SeparableCritic(3, 2, hidden=16, embed=8)
    >>> critic(torch.randn(5, 3), torch.randn(7, 2)).shape   # S[i, j] = f(x_i, y_j)
    torch.Size([5, 7])
    """

    def __init__(self, x_dim: int, y_dim: int, hidden: int = 256, embed: int = 32, layers: int = 2) -> None:
        super().__init__()
        _check_dims(x_dim=x_dim, y_dim=y_dim, hidden=hidden, embed=embed)
        self.x_dim, self.y_dim = x_dim, y_dim
        self.g = mlp(x_dim, hidden, embed, layers)
        self.h = mlp(y_dim, hidden, embed, layers)

    def forward(self, x: Tensor, y: Tensor) -> Tensor:
        _check_pair(x, y, self.x_dim, self.y_dim)
        return self.g(x) @ self.h(y).T


class ConcatCritic(nn.Module):
    r"""Joint critic :math:`f(x, y) = \mathrm{MLP}([x, y])`, evaluated on every pair.

    The most flexible critic, and the costliest: the MLP runs on all N M
    concatenated pairs (O(N M (x_dim + y_dim + hidden)) memory).

    Parameters
    ----------
    x_dim, y_dim : int
        Feature counts of x and y.
    hidden : int, default 256
        Width of the hidden layers.
    layers : int, default 2
        Hidden layers.

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import ConcatCritic
    >>> critic = ConcatCritic(3, 2, hidden=16)
    >>> x, y = torch.randn(4, 3), torch.randn(4, 2)
    >>> S = critic(x, y)
    >>> bool(torch.allclose(S[1, 2], critic.net(torch.cat([x[1], y[2]]))[0]))
    True
    """

    def __init__(self, x_dim: int, y_dim: int, hidden: int = 256, layers: int = 2) -> None:
        super().__init__()
        _check_dims(x_dim=x_dim, y_dim=y_dim, hidden=hidden)
        self.x_dim, self.y_dim = x_dim, y_dim
        self.net = mlp(x_dim + y_dim, hidden, 1, layers)

    def forward(self, x: Tensor, y: Tensor) -> Tensor:
        _check_pair(x, y, self.x_dim, self.y_dim)
        n, m = x.shape[0], y.shape[0]
        pairs = torch.cat([x[:, None, :].expand(n, m, self.x_dim), y[None, :, :].expand(n, m, self.y_dim)], dim=2)
        return self.net(pairs).squeeze(-1)


class BilinearCritic(nn.Module):
    r"""Bilinear critic :math:`f(x, y) = x^\top W y` (CPC's log-bilinear score).

    Parameters
    ----------
    x_dim, y_dim : int
        Feature counts of x and y.

    Examples
    --------
    >>> import torch
    >>> from infokit.torch import BilinearCritic
    >>> critic = BilinearCritic(3, 2)
    >>> x, y = torch.randn(4, 3), torch.randn(6, 2)
    >>> bool(torch.allclose(critic(x, y), x @ critic.weight @ y.T))
    True
    """

    def __init__(self, x_dim: int, y_dim: int) -> None:
        super().__init__()
        _check_dims(x_dim=x_dim, y_dim=y_dim)
        self.x_dim, self.y_dim = x_dim, y_dim
        self.weight = nn.Parameter(torch.randn(x_dim, y_dim) / (x_dim * y_dim) ** 0.5)

    def forward(self, x: Tensor, y: Tensor) -> Tensor:
        _check_pair(x, y, self.x_dim, self.y_dim)
        return x @ self.weight @ y.T
