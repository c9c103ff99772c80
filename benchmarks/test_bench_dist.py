"""infokit.dist beside SciPy: entropy, KL and JS of many distributions.

One group per (operation, size); implementations in the same group and run:
``scipy`` (the anchor: scipy.stats.entropy, scipy.stats.entropy(p, q),
scipy.spatial.distance.jensenshannon(p, q) ** 2), ``infokit`` (default,
n_jobs=None = one thread), ``infokit-threads`` (n_jobs=-1) and ``reference``
(the NumPy twin of the kernel). Every benchmark checks its result afterwards.

Run: python -m pytest benchmarks/test_bench_dist.py --benchmark-only -q
"""

from __future__ import annotations

import numpy as np
import pytest
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
        lambda p, q, n_jobs: dist.entropy(p, axis=1, n_jobs=n_jobs),
        lambda p, q: ref.row_entropy(p),
    ),
    "kl": (
        lambda p, q: stats.entropy(p, q, axis=1),
        lambda p, q, n_jobs: dist.kl_divergence(p, q, axis=1, n_jobs=n_jobs),
        lambda p, q: ref.row_kl(p, q),
    ),
    "js": (
        lambda p, q: jensenshannon(p, q, axis=1) ** 2,
        lambda p, q, n_jobs: dist.js_divergence(p, q, axis=1, n_jobs=n_jobs),
        lambda p, q: ref.row_js([p, q], np.array([0.5, 0.5])),
    ),
}
IMPLS = ["scipy", "infokit", "infokit-threads", "reference"]


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("op", list(OPERATIONS))
@pytest.mark.parametrize("impl", IMPLS)
def test_bench_dist(benchmark, op, size, impl):
    p, q = _data(SIZES[size], 0), _data(SIZES[size], 1)
    if op == "kl":
        q += 0.01  # q > 0 everywhere, so KL is finite and comparable
    anchor, fast, twin = OPERATIONS[op]
    fn = {
        "scipy": lambda: anchor(p, q),
        "infokit": lambda: fast(p, q, None),
        "infokit-threads": lambda: fast(p, q, -1),
        "reference": lambda: twin(p, q),
    }[impl]
    benchmark.group = f"dist {op} {size}"
    benchmark.extra_info["impl"] = impl
    if impl == "scipy":
        benchmark.extra_info["anchor"] = True
    result = benchmark.pedantic(fn, rounds=5, iterations=1, warmup_rounds=1)
    np.testing.assert_allclose(np.ravel(result), np.ravel(anchor(p, q)), rtol=1e-9, atol=1e-15)
