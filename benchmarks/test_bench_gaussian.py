"""The Gaussian family beside its anchors: Gaussian-copula MI of many variables, closed forms in batches.

Groups (implementations from conftest.py):

* ``gcmi 1000 columns n=1e4``: the MI of each of 1000 columns with one target.
  ``frites`` (anchor) calls ``frites.core.gcmi_1d_cc`` per column; ``numpy``
  (anchor) is the published algorithm in plain NumPy, infokit's reference
  twin ``infokit.reference.normal_scores_gcmi_cc``, per column; ``infokit`` /
  ``infokit-2t`` is one :func:`infokit.estimate.gcmi_scores` call.
* ``gcmi labels 1000 columns n=1e4``: the same with 4-class labels
  (``gcmi_model_1d_cd`` / ``normal_scores_gcmi_model_cd`` per column).
* ``gaussian mi 1e5 2x2`` and ``kl_normal_standard 4096x128``: closed forms of
  :mod:`infokit.dist` over a batch beside the NumPy code the tutorials show
  (``slogdet`` of each block; ``-0.5 * sum(1 + logvar - mu**2 - exp(logvar))``).

Every benchmark checks its result against the other side afterwards.

Run: python -m pytest benchmarks/test_bench_gaussian.py --benchmark-only -q
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import cross_check, gaussian_mi, impls, is_anchor, n_jobs, start

import infokit.estimate as ie
from infokit import dist
from infokit import reference as ref

N, P = 10_000, 1000


def _columns(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N, P))
    y = 0.6 * X[:, 0] + 0.8 * rng.standard_normal(N)
    X[:, 1] = np.exp(X[:, 0])  # a monotone copy: the same MI with y
    return X, y


def _anchor_gcmi(impl, X, y, labels=False):
    if impl == "frites":
        core = pytest.importorskip("frites.core")
        one = core.gcmi_model_1d_cd if labels else core.gcmi_1d_cc
        # frites returns bits
        return lambda: np.array([one(X[:, j], y) for j in range(P)]) * np.log(2)
    one = ref.normal_scores_gcmi_model_cd if labels else ref.normal_scores_gcmi_cc
    return lambda: np.array([one(X[:, j], y) for j in range(P)])


@pytest.mark.parametrize("impl", impls("frites", "numpy"))
def test_gcmi_many_columns(benchmark, impl):
    start(benchmark, "gcmi 1000 columns n=1e4", impl)
    X, y = _columns()
    if is_anchor(impl):
        result = benchmark.pedantic(_anchor_gcmi(impl, X, y), rounds=1, iterations=1)
    else:
        result = benchmark.pedantic(lambda: ie.gcmi_scores(X, y, n_jobs=n_jobs(impl)), rounds=5, iterations=1)
    other = cross_check(impl, anchor=_anchor_gcmi("numpy", X, y), infokit=lambda: ie.gcmi_scores(X, y))
    np.testing.assert_allclose(result, other, rtol=1e-9, atol=1e-12)
    assert abs(result[0] - gaussian_mi(0.6)) < 0.03 and result[1] == pytest.approx(result[0], rel=1e-12)


@pytest.mark.parametrize("impl", impls("frites", "numpy"))
def test_gcmi_many_columns_labels(benchmark, impl):
    start(benchmark, "gcmi labels 1000 columns n=1e4", impl)
    X, _ = _columns()
    labels = np.digitize(X[:, 0], [-1.0, 0.0, 1.0])
    if is_anchor(impl):
        result = benchmark.pedantic(_anchor_gcmi(impl, X, labels, True), rounds=1, iterations=1)
    else:
        result = benchmark.pedantic(lambda: ie.gcmi_scores(X, labels, n_jobs=n_jobs(impl)), rounds=5, iterations=1)
    other = cross_check(impl, anchor=_anchor_gcmi("numpy", X, labels, True), infokit=lambda: ie.gcmi_scores(X, labels))
    np.testing.assert_allclose(result, other, rtol=1e-9, atol=1e-12)


def _numpy_gaussian_mi(covs):
    ld = lambda m: np.linalg.slogdet(m)[1]
    return 0.5 * (ld(covs[:, :1, :1]) + ld(covs[:, 1:, 1:]) - ld(covs))


@pytest.mark.parametrize("impl", impls("numpy", threads=False))
def test_gaussian_mi_batch(benchmark, impl):
    start(benchmark, "gaussian mi 1e5 2x2", impl)
    rho = np.random.default_rng(0).uniform(-0.99, 0.99, 100_000)
    covs = np.empty((len(rho), 2, 2))
    covs[:, 0, 0] = covs[:, 1, 1] = 1.0
    covs[:, 0, 1] = covs[:, 1, 0] = rho
    fn = (lambda: _numpy_gaussian_mi(covs)) if is_anchor(impl) else (lambda: dist.gaussian_mi(covs, 1))
    result = benchmark(fn)
    np.testing.assert_allclose(result, -0.5 * np.log1p(-(rho**2)), rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("impl", impls("numpy", threads=False))
def test_kl_normal_standard(benchmark, impl):
    start(benchmark, "kl_normal_standard 4096x128", impl)
    rng = np.random.default_rng(0)
    mu, logvar = rng.standard_normal((4096, 128)), 0.1 * rng.standard_normal((4096, 128))
    if is_anchor(impl):
        fn = lambda: -0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar), axis=-1)
    else:
        fn = lambda: dist.kl_normal_standard(mu, logvar)
    result = benchmark(fn)
    other = cross_check(
        impl,
        anchor=lambda: -0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar), axis=-1),
        infokit=lambda: dist.kl_normal_standard(mu, logvar),
    )
    np.testing.assert_allclose(result, other, rtol=1e-10)


@pytest.mark.parametrize("impl", impls("frites", "numpy", threads=False))
def test_gcmi_one_pair(benchmark, impl):
    start(benchmark, "gcmi one pair n=1e4", impl)
    X, y = _columns()
    x = X[:, 0].copy()
    if impl == "frites":
        core = pytest.importorskip("frites.core")
        fn = lambda: core.gcmi_1d_cc(x, y) * np.log(2)
    elif impl == "numpy":
        fn = lambda: ref.normal_scores_gcmi_cc(x, y)
    else:
        fn = lambda: ie.gcmi_mutual_info(x, y)
    result = benchmark(fn)
    other = cross_check(impl, anchor=lambda: ref.normal_scores_gcmi_cc(x, y), infokit=lambda: ie.gcmi_mutual_info(x, y))
    assert result == pytest.approx(other, rel=1e-10)
