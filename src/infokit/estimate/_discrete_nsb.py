"""Nemenman–Shafee–Bialek (NSB) entropy: posterior mean and std of H (nats).

Model: p ~ Dirichlet(beta, ..., beta) over K cells, with a hyper-prior on beta
that makes the prior expected entropy xi(beta) = psi(K beta + 1) - psi(beta + 1)
uniform on [0, log K], i.e. a prior density proportional to
d xi / d beta = K psi_1(K beta + 1) - psi_1(beta + 1). The posterior over beta is

    rho(beta | n) ~ d xi/d beta * Gamma(K beta) / Gamma(N + K beta) * prod_i Gamma(n_i + beta) / Gamma(beta),

and E[H | n] = int rho(beta | n) E[H | n, beta] d beta / int rho, with the
Wolpert–Wolf moments of H under the Dirichlet(n + beta) posterior.

Cells are grouped by their count (a count-of-counts table; the K - m empty
cells are one group), so the cost per quadrature node is O(number of distinct
counts), whatever K. The integral runs over t = log beta with adaptive
Gauss–Kronrod (scipy.integrate.quad) on a window around the posterior mode
that extends until the integrand is below e^-40 of its peak.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.integrate import quad
from scipy.optimize import minimize_scalar
from scipy.special import digamma, gammaln, polygamma

_T_LIMIT = 50.0  # |log beta| never needs to go further: the integrand is O(e^-|t|) out there
_DROP = 40.0  # integrand below e^-40 of its peak is negligible


def _log_rising(x: float, v: np.ndarray | float) -> np.ndarray | float:
    """log Gamma(x + v) - log Gamma(x) for x > 0, v >= 0, without the cancellation
    of two huge lgamma values when x is large (Stirling series of the difference)."""
    v = np.asarray(v, dtype=np.float64)
    if x < 30.0:
        return gammaln(x + v) - gammaln(x)
    z = x + v
    main = (x - 0.5) * np.log1p(v / x) + v * np.log(z) - v

    def series(w):
        w2 = 1.0 / (w * w)
        return (1.0 / 12 + w2 * (-1.0 / 360 + w2 * (1.0 / 1260 + w2 * (-1.0 / 1680 + w2 * (1.0 / 1188))))) / w

    return main + (series(z) - series(x))


def _trigamma_tail(z: float) -> float:
    """psi_1(z + 1) - 1/z + 1/(2 z^2): small and accurate for z >= 1."""
    if z >= 30.0:
        w2 = 1.0 / (z * z)
        return (1.0 / 6 + w2 * (-1.0 / 30 + w2 * (1.0 / 42 + w2 * (-1.0 / 30 + w2 * (5.0 / 66))))) / (z * z * z)
    return float(polygamma(1, z + 1.0)) - 1.0 / z + 0.5 / (z * z)


def _dxi_dbeta(beta: float, k: float) -> float:
    """d xi / d beta = K psi_1(K beta + 1) - psi_1(beta + 1) > 0.

    For beta >= 1 the two terms are both ~1/beta and cancel; expanding
    psi_1(z + 1) = 1/z - 1/(2 z^2) + tail(z) leaves (1 - 1/K)/(2 beta^2) + K tail(K beta) - tail(beta).
    """
    if beta < 1.0:
        return float(k * polygamma(1, k * beta + 1.0) - polygamma(1, beta + 1.0))
    return (1.0 - 1.0 / k) / (2.0 * beta * beta) + k * _trigamma_tail(k * beta) - _trigamma_tail(beta)


class _Posterior:
    def __init__(self, counts: np.ndarray, n_cells: int) -> None:
        c = counts[counts > 0].astype(np.float64)
        values, mult = np.unique(c, return_counts=True)
        empty = n_cells - c.size
        if empty > 0:
            values = np.concatenate([[0.0], values])
            mult = np.concatenate([[empty], mult])
        self.v = values
        self.m = mult.astype(np.float64)
        self.k = float(n_cells)
        self.n = float(c.sum())

    def log_density(self, t: float) -> float:
        """log of rho(beta | n) * beta (the Jacobian of t = log beta)."""
        beta = math.exp(t)
        loglik = -float(_log_rising(self.k * beta, self.n))
        loglik += float(np.sum(self.m * _log_rising(beta, self.v)))
        dxi = _dxi_dbeta(beta, self.k)
        if not dxi > 0.0:  # underflow at extreme beta; the weight is 0 there
            return -math.inf
        return float(loglik + math.log(dxi) + t)

    def moments(self, t: float) -> tuple[float, float]:
        """E[H | n, beta] and E[H^2 | n, beta] (Wolpert & Wolf 1995)."""
        beta = math.exp(t)
        x = self.v + beta
        m = self.m
        a = self.n + self.k * beta
        mean = float(digamma(a + 1.0) - np.sum(m * x * digamma(x + 1.0)) / a)
        d = digamma(x + 1.0) - digamma(a + 2.0)
        tri_a = float(polygamma(1, a + 2.0))
        s1 = float(np.sum(m * x * d))
        s2 = float(np.sum(m * x * x * d * d))
        sum_x2 = float(np.sum(m * x * x))
        # sum over i != j of x_i x_j (d_i d_j - psi_1(A + 2)), via (sum)^2 - sum of squares
        cross = (s1 * s1 - s2) - tri_a * (a * a - sum_x2)
        diag = float(np.sum(m * x * (x + 1.0) * ((digamma(x + 2.0) - digamma(a + 2.0)) ** 2 + polygamma(1, x + 2.0) - tri_a)))
        return mean, (cross + diag) / (a * (a + 1.0))


def nsb_entropy(counts: np.ndarray, n_cells: int) -> tuple[float, float]:
    """NSB posterior mean and std of the entropy (nats) of integer counts over n_cells cells."""
    post = _Posterior(np.asarray(counts), int(n_cells))
    if n_cells <= 1 or post.n == 0:
        return 0.0, 0.0
    # Coarse grid for the mode (the log density can be flat or monotone over wide
    # ranges), then a bounded refinement around the best node.
    grid = np.linspace(-_T_LIMIT, _T_LIMIT, 201)
    vals = np.array([post.log_density(t) for t in grid])
    i = int(np.argmax(vals))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
    res = minimize_scalar(lambda t: -post.log_density(t), bounds=(lo, hi), method="bounded",
                          options={"xatol": 1e-10})
    t0 = float(res.x) if -res.fun >= vals[i] else float(grid[i])
    peak = post.log_density(t0)

    def edge(direction: float) -> float:
        step = 0.5
        t = t0
        while abs(t) < _T_LIMIT:
            t = max(-_T_LIMIT, min(_T_LIMIT, t + direction * step))
            if post.log_density(t) < peak - _DROP:
                break
            step *= 1.5
        return t

    left, right = edge(-1.0), edge(1.0)

    def weight(t: float) -> float:
        return math.exp(post.log_density(t) - peak)

    opts: dict = {"epsabs": 0.0, "epsrel": 1e-12, "limit": 200}
    if left < t0 < right:
        opts["points"] = [t0]
    z = quad(weight, left, right, **opts)[0]
    h = quad(lambda t: weight(t) * post.moments(t)[0], left, right, **opts)[0] / z
    h2 = quad(lambda t: weight(t) * post.moments(t)[1], left, right, **opts)[0] / z
    return h, math.sqrt(max(h2 - h * h, 0.0))
