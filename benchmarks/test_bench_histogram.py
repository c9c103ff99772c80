"""Histograms beside NumPy and fast-histogram.

Groups (one per operation and size), implementations (see conftest.py) in the
same group and run: ``numpy`` (numpy.histogram / histogram2d / histogramdd),
``fast-histogram`` (when installed; its bins exclude the right edge, so its
result is checked against infokit's ``right_edge="exclusive"``), ``infokit``
(n_jobs=1), ``infokit-2t``, ``reference`` (the NumPy twin of the kernel, on the
2-D group) and ``floor``: ``x.sum() + y.sum()``, one NumPy pass over the same
data, the lower bound of any histogram that reads it.

* histogram2d n=1e7 100x100 float64 / float32: normal points, range [-4, 4]^2
  (float32 read in place: no cast copy).
* histogram n=1e7 100 bins: the 1-D kernel.
* histogramdd n=1e6 3-D 20^3: the N-D kernel.
* histogram mi n=1e7 64x64: ``infokit.estimate.mutual_info(method="histogram")``
  end to end (its two passes: range and finiteness, then the counts) beside
  the NumPy plug-in on ``numpy.histogram2d``, and the floor.

Every result is checked after timing against the other side's (exact counts).

Run: python -m pytest benchmarks/test_bench_histogram.py --benchmark-only -q
"""

from __future__ import annotations

import functools
import importlib.util

import numpy as np
import pytest
from conftest import FLOOR, REFERENCE, impls, is_anchor, n_jobs, start

import infokit
from infokit._kernels import histogram as hk
from infokit.reference import histogram as ref

HAVE_FH = importlib.util.find_spec("fast_histogram") is not None
FH = ["fast-histogram"] if HAVE_FH else []

N2 = 10_000_000
RANGE = [[-4.0, 4.0], [-4.0, 4.0]]


@functools.cache
def _points(n, d, dtype, seed=0):
    rng = np.random.default_rng(seed)
    return tuple(rng.standard_normal(n).astype(dtype) for _ in range(d))


def _run(benchmark, fn, *, slow=False):
    if slow:
        return benchmark.pedantic(fn, rounds=1, iterations=1)
    return benchmark.pedantic(fn, rounds=7, iterations=1, warmup_rounds=1)


@pytest.mark.parametrize("impl", [*impls("numpy", *FH, reference=True), FLOOR])
def test_bench_histogram2d_f64(benchmark, impl):
    _bench_2d(benchmark, impl, np.float64)


@pytest.mark.parametrize("impl", [*impls("numpy", *FH), FLOOR])
def test_bench_histogram2d_f32(benchmark, impl):
    _bench_2d(benchmark, impl, np.float32)


def _bench_2d(benchmark, impl, dtype):
    x, y = _points(N2, 2, dtype)
    start(benchmark, f"histogram2d n=1e7 100x100 {np.dtype(dtype).name}", impl)
    if impl == FLOOR:
        got = _run(benchmark, lambda: x.sum() + y.sum())
        assert np.isfinite(got)
        return
    if impl == "numpy":
        got = _run(benchmark, lambda: np.histogram2d(x, y, bins=100, range=RANGE)[0], slow=True)
    elif impl == "fast-histogram":
        import fast_histogram

        got = _run(benchmark, lambda: fast_histogram.histogram2d(x, y, bins=100, range=RANGE))
        want = infokit.histogram2d(x, y, bins=100, range=RANGE, right_edge="exclusive")[0]
        np.testing.assert_array_equal(got, want)
        return
    elif impl == REFERENCE:
        e = [np.linspace(-4, 4, 101).astype(dtype)] * 2
        got = _run(benchmark, lambda: ref.histogram_counts([x, y], e)[:-1].reshape(100, 100), slow=True)
    else:
        got = _run(benchmark, lambda: infokit.histogram2d(x, y, bins=100, range=RANGE, n_jobs=n_jobs(impl))[0])
    if is_anchor(impl) or impl == REFERENCE:
        want = infokit.histogram2d(x, y, bins=100, range=RANGE)[0]
    else:
        want = _numpy_2d(dtype)
    np.testing.assert_array_equal(got, want)


@functools.cache
def _numpy_2d(dtype):
    x, y = _points(N2, 2, dtype)
    return np.histogram2d(x, y, bins=100, range=RANGE)[0]


@pytest.mark.parametrize("impl", [*impls("numpy", *FH), FLOOR])
def test_bench_histogram1d(benchmark, impl):
    (x,) = _points(N2, 1, np.float64)
    start(benchmark, "histogram n=1e7 100 bins float64", impl)
    if impl == FLOOR:
        _run(benchmark, x.sum)
        return
    if impl == "numpy":
        got = _run(benchmark, lambda: np.histogram(x, bins=100, range=(-4, 4))[0], slow=True)
    elif impl == "fast-histogram":
        import fast_histogram

        got = _run(benchmark, lambda: fast_histogram.histogram1d(x, bins=100, range=(-4, 4)))
        np.testing.assert_array_equal(got, infokit.histogram(x, bins=100, range=(-4, 4), right_edge="exclusive")[0])
        return
    else:
        got = _run(benchmark, lambda: infokit.histogram(x, bins=100, range=(-4, 4), n_jobs=n_jobs(impl))[0])
    other = infokit.histogram if is_anchor(impl) else np.histogram
    np.testing.assert_array_equal(got, other(x, bins=100, range=(-4, 4))[0])


@pytest.mark.parametrize("impl", [*impls("numpy"), FLOOR])
def test_bench_histogramdd(benchmark, impl):
    pts = np.stack(_points(1_000_000, 3, np.float64), axis=1)
    rg = [(-3.0, 3.0)] * 3
    start(benchmark, "histogramdd n=1e6 3-D 20^3 float64", impl)
    if impl == FLOOR:
        _run(benchmark, pts.sum)
        return
    if impl == "numpy":
        got = _run(benchmark, lambda: np.histogramdd(pts, bins=20, range=rg)[0], slow=True)
        want = infokit.histogramdd(pts, bins=20, range=rg)[0]
    else:
        got = _run(benchmark, lambda: infokit.histogramdd(pts, bins=20, range=rg, n_jobs=n_jobs(impl))[0])
        want = np.histogramdd(pts, bins=20, range=rg)[0]
    np.testing.assert_array_equal(got, want)


def test_uniform_path_serves_the_benchmarks():
    # The rows above time the multiply path, not the binary search.
    for dtype in (np.float64, np.float32):
        e = np.linspace(-4, 4, 101).astype(dtype)
        assert hk.axis_uniform(np.zeros(1, dtype), e)


@functools.cache
def _mi_pair():
    x, e = _points(N2, 2, np.float64)
    return x, x + e


@pytest.mark.parametrize("impl", [*impls("numpy"), FLOOR])
def test_bench_histogram_mi(benchmark, impl):
    # Histogram MI end to end, 1e7 pairs into 64 x 64 bins: infokit.estimate's
    # method="histogram" (validation, range, counts, the table's MI) beside
    # the plug-in a NumPy user writes on histogram2d.
    x, y = _mi_pair()
    start(benchmark, "histogram mi n=1e7 64x64", impl)
    if impl == FLOOR:
        assert np.isfinite(_run(benchmark, lambda: x.sum() + y.sum()))
        return
    if is_anchor(impl):

        def plugin():
            H, _, _ = np.histogram2d(x, y, bins=64)
            p = H / H.sum()
            m = p > 0
            return float((p[m] * np.log(p[m] / np.outer(p.sum(1), p.sum(0))[m])).sum())

        got = _run(benchmark, plugin, slow=True)
        want = infokit.estimate.mutual_info(x, y, method="histogram", bins=64)
    else:
        jobs = n_jobs(impl)
        got = _run(benchmark, lambda: infokit.estimate.mutual_info(x, y, method="histogram", bins=64, n_jobs=jobs))
        H, _, _ = np.histogram2d(x, y, bins=64)
        p = H / H.sum()
        m = p > 0
        want = float((p[m] * np.log(p[m] / np.outer(p.sum(1), p.sum(0))[m])).sum())
    assert got == pytest.approx(want, rel=1e-10)
