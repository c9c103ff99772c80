"""Twins of the label-counting kernels in :mod:`infokit._kernels.discrete`.

Plain NumPy/SciPy/Python, written for obviousness, not speed. A function
mirroring one kernel carries its name (``label_minmax`` ... ``mi_csr``,
``expected_mutual_info``, ``pair_entropies``); ``entropy_from_counts`` computes one of several
estimators, so its twins are ``entropy_from_counts_<estimator>``. The NSB
estimator is computed in Python by the library (a quadrature over the
Dirichlet concentration), not by that kernel; its twin, an independent dense
grid integration, sits beside the others as ``entropy_from_counts_nsb``.
Arguments are what the kernel reads; results are what it returns or writes.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import scipy.sparse as sp
from scipy.special import digamma, gammaln, polygamma

__all__ = [
    "label_minmax",
    "count_range",
    "encode_labels",
    "encode_rows",
    "dense_table",
    "csr_table",
    "mi_dense",
    "mi_csr",
    "entropy_from_counts_plugin",
    "entropy_from_counts_miller_madow",
    "entropy_from_counts_grassberger",
    "entropy_from_counts_chao_shen",
    "entropy_from_counts_james_stein",
    "entropy_from_counts_nsb",
    "expected_mutual_info",
    "pair_entropies",
]


def _py_ints(x: np.ndarray) -> list[int]:
    # Python ints: no wrap-around whatever the dtype (uint64 included).
    return [int(v) for v in np.asarray(x).ravel()]


def label_minmax(x: np.ndarray) -> tuple[int, int]:
    """Twin of ``label_minmax``: the smallest and largest label."""
    v = _py_ints(x)
    return min(v), max(v)


def count_range(x: np.ndarray, xmin: int, size: int) -> np.ndarray:
    """Twin of ``count_range``: ``counts[v - xmin]`` is the number of labels equal to v."""
    counts = np.zeros(size, dtype=np.int64)
    for v in _py_ints(x):
        counts[v - int(xmin)] += 1
    return counts


def encode_labels(x: np.ndarray) -> tuple[np.ndarray, int]:
    """Twin of ``encode_labels``: codes in sorted label order (np.unique) and K."""
    uniques, inverse = np.unique(np.asarray(x), return_inverse=True)
    return inverse.astype(np.int64).ravel(), len(uniques)


def encode_rows(x: np.ndarray) -> tuple[np.ndarray, int]:
    """Twin of ``encode_rows``: codes of the rows in lexicographic order and K."""
    uniques, inverse = np.unique(np.asarray(x), axis=0, return_inverse=True)
    return inverse.astype(np.int64).ravel(), len(uniques)


def dense_table(x: np.ndarray, y: np.ndarray, xmin: int, ymin: int, shape: tuple[int, int]) -> np.ndarray:
    """Twin of ``dense_table``: ``T[x - xmin, y - ymin]`` counts the pairs."""
    table = np.zeros(shape, dtype=np.int64)
    for a, b in zip(_py_ints(x), _py_ints(y)):
        table[a - int(xmin), b - int(ymin)] += 1
    return table


def csr_table(cx: np.ndarray, cy: np.ndarray, kx: int, ky: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Twin of ``csr_table``: (indptr, indices, data) of the pair counts, sorted columns."""
    coo = sp.coo_array((np.ones(len(cx), dtype=np.int64), (cx, cy)), shape=(kx, ky))
    csr = coo.tocsr()
    csr.sum_duplicates()
    csr.sort_indices()
    return csr.indptr.astype(np.int64), csr.indices.astype(np.int64), csr.data.astype(np.int64)


def mi_dense(table: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Twin of ``mi_dense``: plug-in MI (nats) sum p_ij log(p_ij / (p_i p_j)) and the marginals."""
    t = np.asarray(table, dtype=np.float64)
    a, b = t.sum(axis=1), t.sum(axis=0)
    n = t.sum()
    if n == 0:
        return 0.0, a, b
    p = t / n
    pa, pb = a / n, b / n
    nz = p > 0
    outer = np.outer(pa, pb)
    return float(np.sum(p[nz] * np.log(p[nz] / outer[nz]))), a, b


def mi_csr(
    indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, shape: tuple[int, int]
) -> tuple[float, np.ndarray, np.ndarray]:
    """Twin of ``mi_csr``: the dense twin applied to the expanded table."""
    dense = sp.csr_array((data, indices, indptr), shape=shape).toarray()
    return mi_dense(dense)


def _nonzero(counts: np.ndarray) -> np.ndarray:
    c = np.asarray(counts, dtype=np.float64).ravel()
    return c[c > 0]


def entropy_from_counts_plugin(counts: np.ndarray) -> float:
    """Plug-in (maximum-likelihood) entropy in nats: -sum p log p."""
    c = _nonzero(counts)
    if c.size == 0:
        return 0.0
    p = c / c.sum()
    return float(-np.sum(p * np.log(p)))


def entropy_from_counts_miller_madow(counts: np.ndarray) -> float:
    """Miller–Madow: plug-in + (m - 1) / (2N), m the number of non-zero counts."""
    c = _nonzero(counts)
    if c.size == 0:
        return 0.0
    return entropy_from_counts_plugin(c) + (c.size - 1) / (2.0 * c.sum())


def entropy_from_counts_grassberger(counts: np.ndarray) -> float:
    """Grassberger (2003): log N - (1/N) sum n_i G(n_i), G from SciPy's digamma."""
    c = _nonzero(counts)
    if c.size == 0:
        return 0.0
    n = c.sum()
    g = digamma(c) + 0.5 * (-1.0) ** c * (digamma((c + 1) / 2) - digamma(c / 2))
    return float(np.log(n) - np.sum(c * g) / n)


def entropy_from_counts_chao_shen(counts: np.ndarray) -> float:
    """Chao–Shen (2003) coverage-adjusted Horvitz–Thompson estimator (R ``entropy`` package form)."""
    c = _nonzero(counts)
    if c.size == 0:
        return 0.0
    n = c.sum()
    f1 = float(np.sum(c == 1))
    if f1 == n:
        f1 = n - 1
    coverage = 1 - f1 / n
    pa = coverage * c / n
    la = 1 - (1 - pa) ** n
    return float(-np.sum(pa * np.log(pa) / la))


def entropy_from_counts_james_stein(counts: np.ndarray, n_cells: int) -> float:
    """Hausser–Strimmer (2009) James–Stein shrinkage toward the uniform over n_cells cells."""
    c = np.asarray(counts, dtype=np.float64).ravel()
    c = c[c > 0]
    if c.size == 0:
        return 0.0
    full = np.zeros(int(n_cells))
    full[: c.size] = c
    n = full.sum()
    u = full / n
    target = np.full(full.size, 1.0 / full.size)
    msp = np.sum((target - u) ** 2)
    if n <= 1 or msp == 0:
        lam = 1.0
    else:
        lam = float(np.clip(np.sum(u * (1 - u) / (n - 1)) / msp, 0.0, 1.0))
    shrunk = lam * target + (1 - lam) * u
    shrunk = shrunk[shrunk > 0]
    return float(-np.sum(shrunk * np.log(shrunk)))


def entropy_from_counts_nsb(counts: np.ndarray, n_cells: int, return_std: bool = False):
    """Nemenman–Shafee–Bialek posterior mean (and std) of H in nats.

    Direct per-cell formulas (every one of the ``n_cells`` cells, empty ones
    included) on a dense uniform grid in log(beta), integrated by the
    trapezoid rule: independent of the quadrature the library uses.
    """
    c = np.zeros(int(n_cells))
    nz = _nonzero(counts)
    c[: nz.size] = nz
    k = c.size
    n = c.sum()
    if k <= 1 or n == 0:
        return (0.0, 0.0) if return_std else 0.0
    t = np.linspace(-25.0, 25.0, 40001)
    beta = np.exp(t)
    A = n + k * beta
    # log evidence of beta (Dirichlet-multinomial) + log prior weight d xi / d beta + log |d beta/dt|
    loglik = gammaln(k * beta) - gammaln(A) + np.sum(gammaln(c[:, None] + beta) - gammaln(beta), axis=0)
    dxi = k * polygamma(1, k * beta + 1) - polygamma(1, beta + 1)
    logw = loglik + np.log(dxi) + t
    w = np.exp(logw - logw.max())
    x = c[:, None] + beta  # (k, grid)
    mean_h = digamma(A + 1) - np.sum(x * digamma(x + 1), axis=0) / A
    d = digamma(x + 1) - digamma(A + 2)
    tri = polygamma(1, A + 2)
    cross = np.zeros_like(beta)
    for i in range(k):  # sum over j != i of x_i x_j (d_i d_j - psi_1(A + 2))
        others = np.arange(k) != i
        cross += x[i] * np.sum(x[others] * (d[i] * d[others] - tri), axis=0)
    diag = np.sum(
        x * (x + 1) * ((digamma(x + 2) - digamma(A + 2)) ** 2 + polygamma(1, x + 2) - polygamma(1, A + 2)), axis=0
    )
    second = (cross + diag) / (A * (A + 1))
    z = np.trapezoid(w, t)
    h = np.trapezoid(w * mean_h, t) / z
    if not return_std:
        return float(h)
    h2 = np.trapezoid(w * second, t) / z
    return float(h), float(math.sqrt(max(h2 - h * h, 0.0)))


def expected_mutual_info(table: np.ndarray) -> float:
    """Twin of ``expected_mutual_info``: Vinh et al. (2010) summed cell by cell with
    exact hypergeometric probabilities ``C(b, k) C(N - b, a - k) / C(N, a)`` (Fractions).

    Always the full sum: the kernel's moment expansion for marginal pairs whose
    hypergeometric sd passes 1e3 only ever meets tables far too large for this
    twin, and agrees with the exact value to ~1e-11 relative where it starts."""
    t = np.asarray(table)
    a = [int(v) for v in t.sum(axis=1) if v > 0]
    b = [int(v) for v in t.sum(axis=0) if v > 0]
    n = sum(a)
    if len(a) <= 1 or len(b) <= 1:
        return 0.0
    emi = 0.0
    for ai in a:
        for bj in b:
            total = math.comb(n, ai)
            for k in range(max(1, ai + bj - n), min(ai, bj) + 1):
                p = Fraction(math.comb(bj, k) * math.comb(n - bj, ai - k), total)
                emi += float(p) * (k / n) * math.log(n * k / (ai * bj))
    return emi


# The name before twins were named after their kernels, kept (outside __all__)
# for callers not yet moved to expected_mutual_info.
discrete_expected_mutual_info = expected_mutual_info


def _joint_entropy_of_rows(*columns: np.ndarray) -> float:
    _, counts = np.unique(np.column_stack(columns), axis=0, return_counts=True)
    p = counts / counts.sum()
    return float(-np.sum(p * np.log(p)))


def pair_entropies(
    codes: np.ndarray, y: np.ndarray, ks: np.ndarray, js: np.ndarray, with_y: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """Twin of ``pair_entropies``: plug-in H(X_k, X_j) and (``with_y``) H(X_k, X_j, Y) per pair, nats.

    Each from the distinct rows of the stacked columns and their counts.
    """
    codes = np.asarray(codes)
    h_pair = np.array([_joint_entropy_of_rows(codes[k], codes[j]) for k, j in zip(ks, js)])
    if not with_y:
        return h_pair, None
    h_triple = np.array([_joint_entropy_of_rows(codes[k], codes[j], y) for k, j in zip(ks, js)])
    return h_pair, h_triple
