"""infokit.dist beside SciPy: entropy, KL and JS of many distributions.

One group per (operation, size); implementations (see conftest.py) in the same
group and run: ``scipy`` (the anchor: scipy.stats.entropy, scipy.stats.entropy(p, q),
scipy.spatial.distance.jensenshannon(p, q) ** 2), ``infokit``, ``infokit-2t`` and
``reference`` (the NumPy twin of the kernel). Every benchmark checks its result
afterwards: SciPy against infokit, the others against SciPy.

Run: python -m pytest benchmarks/test_bench_dist.py --benchmark-only -q
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import cross_check, impls, n_jobs, start
from scipy import stats
from scipy.spatial.distance import jensenshannon

from infokit import dist
from infokit import reference as ref

SIZES = {"1000x1000": (1000, 1000), "1x1000": (1, 1000), "1x1000000": (1, 1_000_000)}


def _data(shape, seed):
    rng = np.random.default_rng(seed)
    a = rng.random(shape)
    a[rng.random(shape) < 0.05] = 0.0  # some zeros: the 0 log 0 branch is exercised
    return a


OPERATIONS = {
    # name: (anchor, infokit with n_jobs, reference twin of the kernel)
    "entropy": (
        lambda p, q: stats.entropy(p, axis=1),
        lambda p, q, jobs: dist.entropy(p, axis=1, n_jobs=jobs),
        lambda p, q: ref.row_entropy(p),
    ),
    "kl": (
        lambda p, q: stats.entropy(p, q, axis=1),
        lambda p, q, jobs: dist.kl_divergence(p, q, axis=1, n_jobs=jobs),
        lambda p, q: ref.row_kl(p, q),
    ),
    "js": (
        lambda p, q: jensenshannon(p, q, axis=1) ** 2,
        lambda p, q, jobs: dist.js_divergence(p, q, axis=1, n_jobs=jobs),
        lambda p, q: ref.row_js([p, q], np.array([0.5, 0.5])),
    ),
}


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("op", list(OPERATIONS))
@pytest.mark.parametrize("impl", impls("scipy", reference=True))
def test_bench_dist(benchmark, op, size, impl):
    p, q = _data(SIZES[size], 0), _data(SIZES[size], 1)
    if op == "kl":
        q += 0.01  # q > 0 everywhere, so KL is finite and comparable
    anchor, fast, twin = OPERATIONS[op]
    if impl == "scipy":
        fn = lambda: anchor(p, q)
    elif impl == "reference":
        fn = lambda: twin(p, q)
    else:
        fn = lambda: fast(p, q, n_jobs(impl))
    start(benchmark, f"dist {op} {size}", impl)
    result = benchmark.pedantic(fn, rounds=5, iterations=1, warmup_rounds=1)
    expected = cross_check(impl, anchor=lambda: anchor(p, q), infokit=lambda: fast(p, q, 1))
    np.testing.assert_allclose(np.ravel(result), np.ravel(expected), rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("impl", impls("numpy"))
def test_bench_entropy_of_a_probability_vector(benchmark, impl):
    # The hand-written NumPy formula users reach for when p is already a
    # probability vector (it assumes so; 5% zeros, as above, make 0 log 0 NaN
    # there, so this vector has none).
    rng = np.random.default_rng(0)
    p = rng.random(1_000_000)
    p /= p.sum()
    anchor = lambda: -np.sum(p * np.log(p))
    fn = anchor if impl == "numpy" else lambda: dist.entropy(p, n_jobs=n_jobs(impl))
    start(benchmark, "dist entropy of a probability vector 1e6", impl)
    result = benchmark.pedantic(fn, rounds=20, iterations=1, warmup_rounds=2)
    expected = cross_check(impl, anchor=anchor, infokit=lambda: dist.entropy(p, n_jobs=1))
    np.testing.assert_allclose(float(result), float(expected), rtol=1e-12)
