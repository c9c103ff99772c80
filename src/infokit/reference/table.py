"""Twins of the row kernels in :mod:`infokit._kernels.table`, one per kernel, same names.

Each ``row_*`` function here takes the same 2-D (n_rows, n_cols) block(s) as the
kernel of the same name and returns what the kernel writes into ``out``: the
measure of every row after dividing it by its sum, in nats, and NaN for a row
whose inputs are not a distribution (negative, NaN or infinite entries, or a
sum that is not positive). Plain NumPy / SciPy, written to be obviously right,
not fast.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import special

__all__ = [
    "row_entropy",
    "row_kl",
    "row_cross_entropy",
    "row_total_variation",
    "row_hellinger",
    "row_js",
    "kl_normal_standard_rows",
]


def _normalise(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows divided by their sums (float64) and the mask of rows that are not distributions."""
    p = np.asarray(p, dtype=np.float64)
    if p.ndim != 2:
        raise ValueError(f"expected a 2-D (n_rows, n_cols) block, got ndim={p.ndim}")
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        s = p.sum(axis=1, keepdims=True)
        bad = ~(np.isfinite(p).all(axis=1) & (p >= 0).all(axis=1)) | ~(s[:, 0] > 0) | ~np.isfinite(s[:, 0])
        x = p / s
    x[bad] = 0.0  # placeholder values: these rows are reported as NaN
    return x, bad


def _finish(values: np.ndarray, bad: np.ndarray) -> np.ndarray:
    out = np.asarray(values, dtype=np.float64).copy()
    out[bad] = np.nan
    return out


def row_entropy(p: np.ndarray) -> np.ndarray:
    """``-sum x log x`` per normalised row (``scipy.special.entr``)."""
    x, bad = _normalise(p)
    return _finish(special.entr(x).sum(axis=1), bad)


def row_kl(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``sum x log(x / y)`` per pair of normalised rows (``scipy.special.rel_entr``)."""
    x, bad_p = _normalise(p)
    y, bad_q = _normalise(q)
    return _finish(special.rel_entr(x, y).sum(axis=1), bad_p | bad_q)


def row_cross_entropy(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``-sum x log y`` per pair of normalised rows (``scipy.special.xlogy``: 0 log 0 = 0)."""
    x, bad_p = _normalise(p)
    y, bad_q = _normalise(q)
    with np.errstate(divide="ignore"):
        return _finish(-special.xlogy(x, y).sum(axis=1), bad_p | bad_q)


def row_total_variation(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``0.5 * sum |x - y|`` per pair of normalised rows."""
    x, bad_p = _normalise(p)
    y, bad_q = _normalise(q)
    return _finish(0.5 * np.abs(x - y).sum(axis=1), bad_p | bad_q)


def row_hellinger(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``sqrt(0.5 * sum (sqrt x - sqrt y)^2)`` per pair of normalised rows."""
    x, bad_p = _normalise(p)
    y, bad_q = _normalise(q)
    return _finish(np.sqrt(0.5 * ((np.sqrt(x) - np.sqrt(y)) ** 2).sum(axis=1)), bad_p | bad_q)


def row_js(arrays: Sequence[np.ndarray], weights: np.ndarray) -> np.ndarray:
    """``sum_k w_k KL(x_k || m)``, ``m = sum_k w_k x_k``, per row; ``weights`` sum to 1.

    Two distributions with both weights > 0 take :func:`_js2_near` where the
    entries are close (the log form is noise there: see that function).
    """
    parts = [_normalise(a) for a in arrays]
    w = np.asarray(weights, dtype=np.float64)
    m = sum(wk * x for wk, (x, _) in zip(w, parts))
    bad = np.zeros(len(m), dtype=bool)
    for _, b in parts:
        bad |= b
    near = None
    if len(parts) == 2 and w[0] > 0 and w[1] > 0 and m.shape[1] > 0:
        near, series = _js2_near(arrays[0], arrays[1], w[0], w[1], m, bad)
    total = np.zeros(len(m))
    for wk, (x, _) in zip(w, parts):
        if wk > 0:  # a zero-weight distribution contributes nothing (and 0 * inf is not 0)
            terms = wk * special.rel_entr(x, m)
            if near is not None:
                terms = np.where(near, 0.0, terms)
            total += terms.sum(axis=1)
    if near is not None:
        total += np.where(near, series, 0.0).sum(axis=1)
    return _finish(total, bad)


_SPLIT = 134217729.0  # 2**27 + 1


def _two_prod_err(a: np.ndarray, b: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``a * b - p`` exactly for ``p = fl(a * b)`` (Dekker; NumPy never fuses multiply-adds)."""
    ca, cb = _SPLIT * a, _SPLIT * b
    ah, bh = ca - (ca - a), cb - (cb - b)
    al, bl = a - ah, b - bh
    return (((ah * bh - p) + ah * bl) + al * bh) + al * bl


def _exact_row_sums(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row sums as ``hi + lo`` (``math.fsum``: hi correctly rounded, lo the rounded rest)."""
    hi = np.array([math.fsum(r) for r in a])
    lo = np.array([math.fsum([*r, -h]) for r, h in zip(a, hi)])
    return hi, lo


def _js2_near(
    p: np.ndarray, q: np.ndarray, w0: float, w1: float, m: np.ndarray, bad: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Where the entries of two distributions are close: the mask and the terms as a series.

    With ``delta = (x - y) / m``, ``x = m (1 + w1 delta)``, ``y = m (1 - w0 delta)``
    and the term ``w0 x log(x/m) + w1 y log(y/m)`` is
    ``m sum_{n>=2} C_n delta^n``, ``C_n = (w0 (-w1)^n + w1 w0^n) / (n (n - 1))``,
    taken to n = 17 for ``max(w0, w1) |delta| < 1/8`` (truncation < 3e-17
    relative, no cancellation). ``delta`` is computed from the raw entries
    ``v, u`` and the exact ratio ``r = sum v / sum u`` (a double-double) as
    ``(v - u r) / (w0 v + w1 u r)``, with ``u r`` split exactly: a rounded
    ``x - y`` would carry an error of ~1 ulp of x, which is the whole answer
    for near-identical rows.
    """
    v = np.where(bad[:, None], 1.0, np.asarray(p, dtype=np.float64))
    u = np.where(bad[:, None], 1.0, np.asarray(q, dtype=np.float64))
    ph, pl = _exact_row_sums(v)
    qh, ql = _exact_row_sums(u)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        rh = ph / qh
        pp = rh * qh
        rl = ((((ph - pp) - _two_prod_err(rh, qh, pp)) + pl) - rh * ql) / qh
        rh, rl = rh[:, None], rl[:, None]
        ur = u * rh
        num = (v - ur) - (_two_prod_err(u, np.broadcast_to(rh, u.shape), ur) + u * rl)
        delta = num / (w0 * v + w1 * ur)
        near = np.abs(delta) < 0.125 / max(w0, w1)
        d = np.where(near, delta, 0.0)
        series = np.zeros_like(d)
        for n in range(17, 1, -1):  # Horner, highest power first
            series = series * d + (w0 * (-w1) ** n + w1 * w0**n) / (n * (n - 1))
        series = m * d * d * series
    return near, series


def kl_normal_standard_rows(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Row sums of ``0.5 (exp(l) - 1 - l + mu**2)``, with ``exp(l) - 1 - l`` as its Taylor series for ``|l| < 1/2``.

    The series (``sum_{k=2}^{17} l**k / k!``, truncation below 1e-19 relative)
    avoids the cancellation of ``expm1(l) - l`` near 0, where that difference
    is about ``l**2 / 2``.
    """
    m = np.asarray(mu, dtype=np.float64)
    lv = np.asarray(logvar, dtype=np.float64)
    small = np.abs(lv) < 0.5
    ls = np.where(small, lv, 0.0)
    series = sum(ls**k / math.factorial(k) for k in range(2, 18))
    with np.errstate(over="ignore", invalid="ignore"):
        g = np.where(small, series, np.expm1(lv) - lv)
    return (0.5 * (g + m * m)).sum(axis=-1)
