"""Jensen–Shannon divergence and distance of nearly identical distributions against 50-digit mpmath.

The log form of the two-distribution term is noise once the divergence is near
the rounding of its terms (~1e-16 absolute, so distances below ~1e-8); the
kernel sums the term as a series of delta = (x - y) / m there (dist/table.hpp,
JsNear) and corrects for the rounding of the row sums (js2_resum). The truth
is computed from the very doubles passed in: rows normalised by their exact
sums and weights by their exact sum, in 50 digits.
"""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest

from infokit import dist

# Observed: <= 3e-16 relative for equal weights; the log form, kept where
# max(w) |delta| >= 1/8, carries ~eps / (w0 w1 delta^2), up to 2e-13 for
# weights (0.01, 0.99). The distance halves a relative error.
RTOL_DIV = {(0.5, 0.5): 2e-15, (0.3, 0.7): 5e-14, (0.01, 0.99): 1e-12}


def _exact_js(p, q, w=(0.5, 0.5)):
    with mp.workdps(50):
        x = [mp.mpf(float(v)) for v in p]
        y = [mp.mpf(float(v)) for v in q]
        sx, sy = mp.fsum(x), mp.fsum(y)
        w0, w1 = mp.mpf(float(w[0])), mp.mpf(float(w[1]))
        w0, w1 = w0 / (w0 + w1), w1 / (w0 + w1)
        total = mp.mpf(0)
        for a, b in zip(x, y):
            a, b = a / sx, b / sy
            m = w0 * a + w1 * b
            if a > 0:
                total += w0 * a * mp.log(a / m)
            if b > 0:
                total += w1 * b * mp.log(b / m)
        return total


def _rel(got, want):
    return float(abs(mp.mpf(float(got)) - want) / want)


@pytest.mark.parametrize("eps", [10.0**-e for e in range(3, 16)])
def test_two_point_pairs_across_eps(eps):
    # The trial's case: p = [0.2, 0.8], q = p + [eps, -eps]. The old kernel
    # gave distances 1.20e-8 (eps 1e-8, exact 8.84e-9), 6.66e-9 (1e-12, exact
    # 8.84e-13) and 4.71e-9 (1e-14, exact 8.83e-15).
    p = np.array([0.2, 0.8])
    q = p + np.array([eps, -eps])
    want = _exact_js(p, q)
    assert _rel(dist.js_divergence(p, q), want) <= RTOL_DIV[(0.5, 0.5)]
    assert _rel(dist.js_distance(p, q), mp.sqrt(want)) <= 1e-15
    assert _rel(dist.js_divergence(q, p), want) <= RTOL_DIV[(0.5, 0.5)]  # symmetric


@pytest.mark.parametrize("w", sorted(RTOL_DIV), ids=str)
@pytest.mark.parametrize("scale", [0.5, 0.2, 0.1, 1e-2, 1e-4, 1e-7, 1e-9, 1e-12, 1e-14])
def test_random_50_outcome_pairs(rng, w, scale):
    # q = p perturbed by relative noise of the given scale: entries on both
    # sides of the series threshold at 0.1-0.5, all in it below.
    for _ in range(3):
        p = rng.dirichlet(np.ones(50))
        q = p * np.exp(scale * rng.standard_normal(50))
        want = _exact_js(p, q, w)
        got = dist.js_divergence(p, q, weights=list(w))
        assert _rel(got, want) <= RTOL_DIV[w], (got, want)
        if mp.sqrt(want) > 1e-15:
            assert _rel(dist.js_distance(p, q, weights=list(w)), mp.sqrt(want)) <= max(0.5 * RTOL_DIV[w], 1e-15)


def test_unnormalised_float32_and_counts(rng):
    # Row sums far from 1 (their ratio enters delta exactly), float32 entries
    # (converted exactly to double), integer counts differing in one cell.
    p = rng.dirichlet(np.ones(30)) * 1e5
    q = p * (1 + 1e-11 * rng.standard_normal(30)) * 3.7
    assert _rel(dist.js_divergence(p, q), _exact_js(p, q)) <= 2e-15
    p32 = rng.dirichlet(np.ones(30)).astype(np.float32)
    q32 = p32.copy()
    q32[[3, 7]] = np.nextafter(q32[[3, 7]], np.float32(1))
    got = dist.js_divergence(p32.astype(np.float64), q32.astype(np.float64))
    assert _rel(got, _exact_js(p32, q32)) <= 2e-15
    c = rng.integers(1000, 10**6, size=40)
    d = c.copy()
    d[5] += 1
    assert _rel(dist.js_divergence(c, d), _exact_js(c, d)) <= 2e-15


def test_long_rows_and_batches_match_mpmath_and_threads(rng):
    # Rows past one column chunk (8192) and batches of rows: the chunked path,
    # the row-sum correction and n_jobs (identical bits).
    p = rng.dirichlet(np.ones(9000), size=2)
    q = p * np.exp(1e-10 * rng.standard_normal(p.shape))
    got = dist.js_divergence(p, q)
    for r in range(2):
        assert _rel(got[r], _exact_js(p[r], q[r])) <= 2e-15
    assert dist.js_divergence(p, q, n_jobs=2).tobytes() == got.tobytes()
    a = rng.dirichlet(np.ones(50), size=64)
    b = a * np.exp(np.logspace(-15, -1, 64)[:, None] * rng.standard_normal(a.shape))
    one = dist.js_divergence(a, b)
    assert dist.js_divergence(a, b, n_jobs=2).tobytes() == one.tobytes()
    for r in (0, 20, 40, 63):
        assert _rel(one[r], _exact_js(a[r], b[r])) <= 2e-15


def test_identical_and_exactly_proportional_rows_are_zero(rng):
    p = rng.dirichlet(np.ones(20000), size=3)
    for w in (None, [0.3, 0.7]):
        assert (dist.js_divergence(p, p, weights=w) == 0).all()
        assert (dist.js_distance(p, 4 * p, weights=w) == 0).all()  # a power of two: still exact
