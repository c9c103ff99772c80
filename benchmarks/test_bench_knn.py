"""kNN estimators beside their anchors (scikit-learn, scipy.spatial.cKDTree).

Implementations (see conftest.py): ``sklearn`` or ``ckdtree`` (the anchor),
``infokit`` and, where the estimator is threaded, ``infokit-2t``. Each group is
one (operation, size); compare the rows of a group as ratios. Every benchmark
checks its result against a closed form, and where the anchor computes exactly
the same estimator (``ckdtree``), against the other side as well.

Run: python -m pytest benchmarks/test_bench_knn.py --benchmark-only -q
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import cross_check, gaussian_mi, impls, is_anchor, mixture_mi, n_jobs, start
from scipy.spatial import cKDTree
from scipy.special import digamma

import infokit.estimate as ie

sklearn_fs = pytest.importorskip("sklearn.feature_selection")


def _pair(n, dx=1, dy=1, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dx))
    y = 0.6 * x[:, :1] + 0.8 * rng.normal(size=(n, dy))
    return (x[:, 0], y[:, 0]) if dx == dy == 1 else (x, y)


def ckdtree_ksg(x, y, k=3):
    """KSG-1 with SciPy: k-th joint neighbour (p=inf), then ball counts on each marginal."""
    x = x.reshape(len(x), -1)
    y = y.reshape(len(y), -1)
    n = len(x)
    xy = np.hstack([x, y])
    d, _ = cKDTree(xy).query(xy, k=k + 1, p=np.inf)
    r = np.nextafter(d[:, -1], 0)  # counts with <= r, i.e. strictly inside rho
    nx = cKDTree(x).query_ball_point(x, r, p=np.inf, return_length=True) - 1
    ny = cKDTree(y).query_ball_point(y, r, p=np.inf, return_length=True) - 1
    return digamma(k) + digamma(n) - np.mean(digamma(nx + 1)) - np.mean(digamma(ny + 1))


TRUTH = gaussian_mi(0.6)  # 0.2231 nats


@pytest.mark.parametrize("impl", impls("sklearn"))
@pytest.mark.parametrize("n", [10_000, 100_000, 1_000_000])
def test_ksg_1d(benchmark, impl, n):
    start(benchmark, f"ksg 1-D x 1-D k=3 n={n:.0e}", impl)
    x, y = _pair(n)
    if is_anchor(impl):
        fn = lambda: sklearn_fs.mutual_info_regression(x[:, None], y, n_neighbors=3, random_state=0)[0]
        rounds = 1 if n >= 1_000_000 else 3
        result = benchmark.pedantic(fn, rounds=rounds, iterations=1)
    else:
        result = benchmark(lambda: ie.ksg_mutual_info(x, y, k=3, n_jobs=n_jobs(impl)))
    # sklearn jitters and clips; both estimate the same quantity.
    assert abs(result - TRUTH) < (0.05 if n == 10_000 else 0.02)


@pytest.mark.parametrize("impl", impls("ckdtree"))
def test_ksg_4d(benchmark, impl):
    n = 100_000
    start(benchmark, "ksg 4-D x 4-D k=3 n=1e+05", impl)
    x, y = _pair(n, 4, 4)
    if is_anchor(impl):
        result = benchmark.pedantic(lambda: ckdtree_ksg(x, y), rounds=1, iterations=1)
        # The anchor computes exactly the same estimator (the other side is ~20x faster to compute).
        np.testing.assert_allclose(result, ie.ksg_mutual_info(x, y), rtol=1e-9)
    else:
        result = benchmark.pedantic(lambda: ie.ksg_mutual_info(x, y, n_jobs=n_jobs(impl)), rounds=3, iterations=1)
    # Every y_j = 0.6 x_0 + 0.8 e_j: I = 0.5 log det(0.36 11' + 0.64 I_4) / 0.64^4
    # = 0.5 log(1 + 4 * 0.36 / 0.64) = 0.5893 nats (KSG reads ~0.02 low in 8-D).
    assert abs(result - 0.5 * np.log(3.25)) < 0.06


@pytest.mark.parametrize("impl", impls("sklearn", threads=False))
def test_mixed_1d(benchmark, impl):
    n = 100_000
    start(benchmark, "mixed (Ross) 1-D n=1e+05", impl)
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 3, n)
    x = rng.normal(size=n) + labels
    if is_anchor(impl):
        fn = lambda: sklearn_fs.mutual_info_classif(x[:, None], labels, n_neighbors=3, random_state=0)[0]
        result = benchmark.pedantic(fn, rounds=3, iterations=1)
    else:
        result = benchmark(lambda: ie.mixed_mutual_info(x, labels))
    # X | label ~ N(label, 1) with the labels (nearly) uniform over 0, 1, 2.
    assert abs(result - mixture_mi(np.arange(3))) < 0.01


@pytest.mark.parametrize("impl", impls("ckdtree", threads=False))
def test_kl_entropy_3d(benchmark, impl):
    n = 100_000
    start(benchmark, "kl entropy 3-D n=1e+05", impl)
    x = np.random.default_rng(0).normal(size=(n, 3))
    truth = 1.5 * np.log(2 * np.pi * np.e)

    def anchor():
        d, _ = cKDTree(x).query(x, k=4, p=np.inf)
        return digamma(n) - digamma(3) + 3 * np.log(2) + 3 * np.mean(np.log(d[:, -1]))

    if is_anchor(impl):
        result = benchmark.pedantic(anchor, rounds=3, iterations=1)
    else:
        result = benchmark(lambda: ie.kl_entropy(x))
    np.testing.assert_allclose(result, cross_check(impl, anchor=anchor, infokit=lambda: ie.kl_entropy(x)), rtol=1e-10)
    assert abs(result - truth) < 0.03


@pytest.mark.parametrize("impl", impls("ckdtree", threads=False))
def test_wkv_kl_3d(benchmark, impl):
    n = 100_000
    start(benchmark, "kl divergence (WKV) 3-D k=1 n=m=1e+05", impl)
    rng = np.random.default_rng(0)
    p = rng.normal(size=(n, 3))
    q = rng.normal(size=(n, 3)) + [1.0, 0.0, 0.0]
    truth = 0.5  # KL(N(0, I) || N(e1, I)) = |mu_p - mu_q|^2 / 2

    def anchor():
        rho, _ = cKDTree(p).query(p, k=2, p=np.inf)
        nu, _ = cKDTree(q).query(p, k=1, p=np.inf)
        return 3 * np.mean(np.log(nu / rho[:, -1])) + np.log(n / (n - 1))

    if is_anchor(impl):
        result = benchmark.pedantic(anchor, rounds=3, iterations=1)
    else:
        result = benchmark(lambda: ie.kl_divergence(p, q))
    expected = cross_check(impl, anchor=anchor, infokit=lambda: ie.kl_divergence(p, q))
    np.testing.assert_allclose(result, expected, rtol=1e-10)
    assert abs(result - truth) < 0.05
