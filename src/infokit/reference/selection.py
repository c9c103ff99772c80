"""Plain twin of the greedy selection engine: every term recomputed from counts, every step.

Mirrors :mod:`infokit.feature_selection._select` on discrete data (the plug-in
backend): no cache, no joint-code blocks; criteria written out from their
definitions (Brown et al., JMLR 2012) rather than from the cached-term
identities the engine uses.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np

__all__ = ["plugin_joint_entropy", "greedy_selection"]


def plugin_joint_entropy(*columns: Any) -> float:
    """Plug-in joint entropy (nats) of label columns."""
    rows = list(zip(*columns))
    n = len(rows)
    return -math.fsum(c / n * math.log(c / n) for c in Counter(rows).values())


def _mi(a, b) -> float:
    return plugin_joint_entropy(a) + plugin_joint_entropy(b) - plugin_joint_entropy(a, b)


def _cmi(a, b, z) -> float:
    return (
        plugin_joint_entropy(a, z)
        + plugin_joint_entropy(b, z)
        - plugin_joint_entropy(a, b, z)
        - plugin_joint_entropy(z)
    )


def _score(criterion: str, X: np.ndarray, y: np.ndarray, k: int, S: list[int], beta: float, gamma: float) -> float:
    xk = X[:, k]
    rel = _mi(xk, y)
    if not S:
        return rel
    red = [_mi(xk, X[:, j]) for j in S]
    cond = [_cmi(xk, X[:, j], y) for j in S]
    joint = [_mi(list(zip(xk, X[:, j])), y) for j in S]
    if criterion == "mim":
        return rel
    if criterion == "mifs":
        return rel - beta * sum(red)
    if criterion == "mrmr":
        return rel - float(np.mean(red))
    if criterion == "mrmr_quotient":
        return rel / max(float(np.mean(red)), 1e-12)
    if criterion == "jmi":
        return sum(joint)
    if criterion == "cife":
        return rel - sum(red) + sum(cond)
    if criterion == "cmim":
        return min(_cmi(xk, y, X[:, j]) for j in S)
    if criterion == "icap":
        return rel - sum(max(0.0, r - c) for r, c in zip(red, cond))
    if criterion == "disr":
        return math.fsum(_mi(list(zip(xk, X[:, j])), y) / plugin_joint_entropy(xk, X[:, j], y) for j in S)
    if criterion == "jmim":
        return min(joint)
    if criterion == "beta_gamma":
        return rel - beta * sum(red) + gamma * sum(cond)
    raise ValueError(criterion)


def greedy_selection(
    criterion: str, X: np.ndarray, y: np.ndarray, n_select: int, beta: float = 1.0, gamma: float = 1.0
) -> tuple[list[int], list[float]]:
    """Greedy selection (lowest index on ties), recomputing every score at every step."""
    X = np.asarray(X)
    y = np.asarray(y)
    S: list[int] = []
    scores: list[float] = []
    for _ in range(n_select):
        best, value = -1, -math.inf
        for k in range(X.shape[1]):
            if k in S:
                continue
            s = _score(criterion, X, y, k, S, beta, gamma)
            if s > value + 1e-12 * max(1.0, abs(value)) or best < 0:
                best, value = k, s
        S.append(best)
        scores.append(value)
    return S, scores
