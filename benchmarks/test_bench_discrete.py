"""Discrete estimators from labels beside scikit-learn.

Groups (one per operation and size), implementations in the same group and run:
``sklearn`` (the anchor: sklearn.metrics.mutual_info_score /
adjusted_mutual_info_score), ``infokit`` (n_jobs=None = one thread) and
``infokit-threads`` (n_jobs=-1).

* mi n=1e6 10x10, mi n=1e6 1000x1000, mi n=1e6 1e5x1e5: random int labels.
* ami n=1e5 3000x3000: sklearn's cell-by-cell E[MI] takes ~10 s here, so it
  runs once (pedantic, rounds=1).

Every benchmark checks its result afterwards (against the other side's value,
computed outside the timing).

Run: python -m pytest benchmarks/test_bench_discrete.py --benchmark-only -q
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
from sklearn.metrics import adjusted_mutual_info_score, mutual_info_score

import infokit.estimate as ie

IMPLS = ["sklearn", "infokit", "infokit-threads"]


@functools.lru_cache(maxsize=None)
def _labels(n, kx, ky, seed=0):
    rng = np.random.default_rng(seed)
    return rng.integers(0, kx, n), rng.integers(0, ky, n)


MI_SIZES = {
    "n=1e6 10x10": (1_000_000, 10, 10),
    "n=1e6 1000x1000": (1_000_000, 1000, 1000),
    "n=1e6 1e5x1e5": (1_000_000, 100_000, 100_000),
}


@functools.lru_cache(maxsize=None)
def _expected_mi(size):
    return ie.discrete_mutual_info(*_labels(*MI_SIZES[size]))


@pytest.mark.parametrize("size", list(MI_SIZES))
@pytest.mark.parametrize("impl", IMPLS)
def test_bench_mi(benchmark, impl, size):
    x, y = _labels(*MI_SIZES[size])
    benchmark.group = f"discrete mi {size}"
    benchmark.extra_info["impl"] = impl
    if impl == "sklearn":
        benchmark.extra_info["anchor"] = True
        got = benchmark.pedantic(mutual_info_score, args=(x, y), rounds=3, iterations=1)
        # sklearn's own rounding near independence is ~1e-15 absolute (see tests/test_discrete.py)
        np.testing.assert_allclose(got, _expected_mi(size), rtol=1e-9)
        return
    n_jobs = -1 if impl == "infokit-threads" else None
    got = benchmark(ie.discrete_mutual_info, x, y, n_jobs=n_jobs)
    np.testing.assert_allclose(got, mutual_info_score(x, y), rtol=1e-9)


AMI_N, AMI_K = 100_000, 3000


_SKLEARN_AMI: dict[str, float] = {}


def _sklearn_ami():
    # Filled by the (timed) sklearn run, which comes first; computed here only when
    # an infokit benchmark runs alone.
    if "ami" not in _SKLEARN_AMI:
        _SKLEARN_AMI["ami"] = adjusted_mutual_info_score(*_labels(AMI_N, AMI_K, AMI_K, 1))
    return _SKLEARN_AMI["ami"]


@pytest.mark.parametrize("impl", IMPLS)
def test_bench_ami(benchmark, impl):
    x, y = _labels(AMI_N, AMI_K, AMI_K, 1)
    benchmark.group = "discrete ami n=1e5 3000x3000"
    benchmark.extra_info["impl"] = impl
    if impl == "sklearn":
        benchmark.extra_info["anchor"] = True
        _SKLEARN_AMI["ami"] = benchmark.pedantic(adjusted_mutual_info_score, args=(x, y), rounds=1, iterations=1)
        np.testing.assert_allclose(_SKLEARN_AMI["ami"], ie.adjusted_mutual_info(x, y), rtol=1e-6, atol=1e-9)
        return
    n_jobs = -1 if impl == "infokit-threads" else None
    got = benchmark(ie.adjusted_mutual_info, x, y, n_jobs=n_jobs)
    # AMI ~ 1e-4 here; sklearn's gammaln-based E[MI] at N = 1e5 is good to ~1e-10 relative,
    # i.e. ~1e-10 absolute in AMI.
    np.testing.assert_allclose(got, _sklearn_ami(), rtol=1e-6, atol=1e-9)
