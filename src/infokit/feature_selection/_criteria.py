"""The selection criteria of the conditional-likelihood family (Brown et al., JMLR 2012).

Every criterion scores a candidate feature ``X_k`` against the selected set
``S`` from three kinds of terms, which the engine caches (one new column per
step, as FEAST does):

* relevance ``r_k = I(X_k; Y)``,
* redundancy ``R_kj = I(X_k; X_j)`` for each selected ``j``,
* conditional redundancy ``C_kj = I(X_k; X_j | Y)``.

With them, ``I(X_k; Y | X_j) = r_k - R_kj + C_kj`` and the joint relevance
``I(X_k X_j; Y) = r_j + r_k - R_kj + C_kj`` (two chain rules), so every
criterion below is a function of cached terms only:

===============  ==============================================================
criterion        score of candidate k (sums and extrema over selected j)
===============  ==============================================================
``mim``          ``r_k``
``mifs``         ``r_k - beta * sum R_kj`` (``beta`` default 1)
``mrmr``         ``r_k - mean R_kj`` (the difference form)
``mrmr_quotient``  ``r_k / max(mean R_kj, floor)`` (MIQ)
``jmi``          ``sum I(X_k X_j; Y)``
``cife``         ``r_k - sum R_kj + sum C_kj``
``cmim``         ``min I(X_k; Y | X_j)``
``icap``         ``r_k - sum max(0, R_kj - C_kj)``
``disr``         ``sum I(X_k X_j; Y) / H(X_k X_j Y)`` (needs joint entropies)
``jmim``         ``min I(X_k X_j; Y)``
``beta_gamma``   ``r_k - beta * sum R_kj + gamma * sum C_kj``
===============  ==============================================================

The first feature is the most relevant one under every criterion. Brown et
al.'s Table 1 writes MIFS, mRMR, JMI and CIFE as ``beta`` / ``gamma``
instances of ``beta_gamma`` (JMI with ``beta = gamma = 1 / |S|`` up to the
constant factor ``|S|``); the scores here are each criterion's literal value,
so that ``scores_`` reads as the published quantity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = ["CRITERIA", "Terms", "criterion_scores"]


@dataclass
class Terms:
    """The cached terms after ``m`` selections (columns in selection order)."""

    relevance: np.ndarray  # (p,)
    redundancy: np.ndarray  # (p, m): I(X_k; X_j)
    conditional: np.ndarray  # (p, m): I(X_k; X_j | Y); NaN columns when not needed
    selected: list[int]
    joint_entropy: np.ndarray | None = None  # (p, m): H(X_k X_j Y), DISR only

    def joint_relevance(self) -> np.ndarray:
        """``I(X_k X_j; Y)`` for every candidate k and selected j, (p, m)."""
        r_sel = self.relevance[self.selected]
        return r_sel[None, :] + self.relevance[:, None] - self.redundancy + self.conditional


MRMR_QUOTIENT_FLOOR = 1e-12


def _mim(t: Terms, beta: float, gamma: float) -> np.ndarray:
    return t.relevance.copy()


def _mifs(t: Terms, beta: float, gamma: float) -> np.ndarray:
    return t.relevance - beta * t.redundancy.sum(axis=1)


def _mrmr(t: Terms, beta: float, gamma: float) -> np.ndarray:
    return t.relevance - t.redundancy.mean(axis=1)


def _mrmr_quotient(t: Terms, beta: float, gamma: float) -> np.ndarray:
    return t.relevance / np.maximum(t.redundancy.mean(axis=1), MRMR_QUOTIENT_FLOOR)


def _jmi(t: Terms, beta: float, gamma: float) -> np.ndarray:
    return t.joint_relevance().sum(axis=1)


def _cife(t: Terms, beta: float, gamma: float) -> np.ndarray:
    return t.relevance - t.redundancy.sum(axis=1) + t.conditional.sum(axis=1)


def _cmim(t: Terms, beta: float, gamma: float) -> np.ndarray:
    return (t.relevance[:, None] - t.redundancy + t.conditional).min(axis=1)


def _icap(t: Terms, beta: float, gamma: float) -> np.ndarray:
    return t.relevance - np.maximum(0.0, t.redundancy - t.conditional).sum(axis=1)


def _disr(t: Terms, beta: float, gamma: float) -> np.ndarray:
    assert t.joint_entropy is not None
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(t.joint_entropy > 0, t.joint_relevance() / t.joint_entropy, 0.0)
    return ratio.sum(axis=1)


def _jmim(t: Terms, beta: float, gamma: float) -> np.ndarray:
    return t.joint_relevance().min(axis=1)


def _beta_gamma(t: Terms, beta: float, gamma: float) -> np.ndarray:
    return t.relevance - beta * t.redundancy.sum(axis=1) + gamma * t.conditional.sum(axis=1)


@dataclass(frozen=True)
class Criterion:
    """One criterion: its score function and the terms it reads."""

    score: Callable[[Terms, float, float], np.ndarray]
    needs_conditional: bool
    needs_joint_entropy: bool = False
    #: A score <= 0 means the candidate adds nothing (difference forms); the
    #: stopping rule of ``n_features_to_select="auto"`` uses it.
    stops_at_zero: bool = True


CRITERIA: dict[str, Criterion] = {
    "mim": Criterion(_mim, needs_conditional=False),
    "mifs": Criterion(_mifs, needs_conditional=False),
    "mrmr": Criterion(_mrmr, needs_conditional=False),
    "mrmr_quotient": Criterion(_mrmr_quotient, needs_conditional=False),
    "jmi": Criterion(_jmi, needs_conditional=True),
    "cife": Criterion(_cife, needs_conditional=True),
    "cmim": Criterion(_cmim, needs_conditional=True),
    "icap": Criterion(_icap, needs_conditional=True),
    "disr": Criterion(_disr, needs_conditional=True, needs_joint_entropy=True),
    "jmim": Criterion(_jmim, needs_conditional=True),
    "beta_gamma": Criterion(_beta_gamma, needs_conditional=True),
}


def criterion_scores(name: str, terms: Terms, beta: float, gamma: float) -> np.ndarray:
    """Scores of every candidate (selected ones included; the engine masks them)."""
    if not terms.selected:
        return terms.relevance.copy()
    return CRITERIA[name].score(terms, beta, gamma)
