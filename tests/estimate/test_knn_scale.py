"""Scale of the data: kNN entropy and divergence stay exact whatever the magnitude.

The Euclidean kernels square coordinate differences, which overflows past
~1e154 and underflows below ~1e-154; the estimators rescale such data by an
exact power of two (``_knn_density._log_radii``). The Kozachenko–Leonenko
entropy shifts by d log s under x -> s x; the WKV divergence does not move.
"""

import math

import numpy as np
import pytest
from scipy.special import digamma, gammaln

from infokit.estimate import entropy, kl_divergence
from infokit.estimate._samples import power_of_two_scale

SCALES = [1e160, 1e-160, 1e-170, 1e300, 1e-300]
METRICS = ["euclidean", "chebyshev"]


def _kl(x, **kw):
    return entropy(x, method="kozachenko_leonenko", **kw)


@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("s", SCALES)
def test_kl_entropy_shifts_by_d_log_s(rng, metric, s):
    x = rng.normal(size=(2000, 3))
    # A power of two scales every column exactly: the shift is exact.
    e = round(math.log2(s))
    want = _kl(x, metric=metric) + 3 * e * math.log(2)
    got = _kl(np.ldexp(x, e), metric=metric)
    assert math.isfinite(got)
    assert got == pytest.approx(want, rel=1e-12)
    # Any other factor: each column is brought to unit spread by its own power
    # of two, so the columns' relative scales move by at most a factor 2 and
    # the estimate by its finite-sample sensitivity to that (~1e-3 here).
    got = _kl(x * s, metric=metric)
    assert got == pytest.approx(_kl(x, metric=metric) + 3 * math.log(s), abs=0.02)


@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("s", SCALES)
def test_wkv_scale_invariant(rng, metric, s):
    p = rng.normal(size=(1500, 3))
    q = rng.normal(size=(1700, 3)) + 0.5
    want = kl_divergence(p, q, metric=metric)
    got = kl_divergence(p * s, q * s, metric=metric)
    assert math.isfinite(got)
    assert got == pytest.approx(want, rel=1e-12, abs=1e-13)


@pytest.mark.parametrize("metric", METRICS)
def test_float32_input_and_exact_power_of_two(rng, metric):
    x = rng.normal(size=(2000, 2)).astype(np.float32)
    base = _kl(x, metric=metric)
    assert base == _kl(x.astype(np.float64), metric=metric)
    for e in (60, -60):  # exact in float32
        got = _kl(x * np.float32(2.0**e), metric=metric)
        assert got == pytest.approx(base + 2 * e * math.log(2.0), rel=1e-12)
    q = rng.normal(size=(2000, 2)).astype(np.float32)
    want = kl_divergence(x, q, metric=metric)
    assert kl_divergence(x * np.float32(2.0**-60), q * np.float32(2.0**-60), metric=metric) == pytest.approx(
        want, rel=1e-12
    )


def test_euclidean_mixed_magnitudes(rng):
    # A tight cluster (distances ~1e-200) and one far point: the span is ~1, the
    # cluster's squared distances underflow, and the rescue pass gets them.
    n, k, d = 300, 3, 2
    cluster = rng.normal(size=(n, d)) * 1e-200
    y = np.vstack([cluster, [[1.0, 1.0]]])
    _, loc = _kl(y, metric="euclidean", k=k, return_locals=True)
    c = np.ldexp(cluster, 664)  # exact: distances near 1
    dist = np.sqrt(((c[:, None, :] - c[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(dist, np.inf)
    log_rho = np.log(np.sort(dist, axis=1)[:, k - 1]) - 664 * math.log(2.0)
    const = digamma(n + 1) - digamma(k) + 0.5 * d * math.log(math.pi) - gammaln(0.5 * d + 1)
    np.testing.assert_allclose(loc[:n], const + d * log_rho, rtol=1e-12)


def test_euclidean_constant_column_and_huge_offset(rng):
    # A constant column of 1e300 next to data of span 1e-250: the constant
    # column adds nothing to any distance, and rescaling must not overflow it.
    n, k = 1000, 3
    x = rng.normal(size=(n, 2)) * 1e-250
    y = np.column_stack([x, np.full(n, 1e300)])
    _, a = _kl(y, metric="euclidean", k=k, return_locals=True)
    _, b = _kl(x, metric="euclidean", k=k, return_locals=True)
    # Undo the estimators' exact per-column rescale (the constant column keeps 2**0).
    shift = float(power_of_two_scale([x])[1].sum()) * math.log(2)
    a, b = a + shift, b + shift
    psi = digamma(n) - digamma(k)
    log_rho_y = (a - psi - (1.5 * math.log(math.pi) - gammaln(2.5))) / 3
    log_rho_x = (b - psi - (math.log(math.pi) - gammaln(2.0))) / 2
    assert np.isfinite(log_rho_y).all()
    np.testing.assert_allclose(log_rho_y, log_rho_x, rtol=1e-12)
