"""infokit.bounds beside SciPy, NumPy and PyTorch: the masked log-mean-exp of a score matrix.

One group per (dtype, size): ``logmeanexp(S, exclude_diagonal=True)``, the
negative-pair term of the DV bound, over a 4096 x 4096 matrix. Implementations
(see conftest.py): ``scipy`` (``scipy.special.logsumexp`` of
``np.where(mask, S, -inf)``, the same masking), ``numpy`` (a one-pass NumPy
version: max, exp of the shifted matrix with the diagonal zeroed, sum), ``torch``
(``torch.logsumexp`` of ``S.masked_fill(eye, -inf)``, CPU, its default thread
count; skipped when torch is not installed), ``infokit`` / ``infokit-2t`` and
``reference`` (the NumPy twin). Every result is checked afterwards against
the other side.

Run: python -m pytest benchmarks/test_bench_bounds.py --benchmark-only -q
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import cross_check, impls, n_jobs, start
from scipy.special import logsumexp

from infokit import bounds
from infokit import reference as ref

N = 4096
DTYPES = {"float64": np.float64, "float32": np.float32}


def _scores(dtype):
    rng = np.random.default_rng(0)
    s = rng.standard_normal((N, N)) * 2.0 + 3.0 * np.eye(N)
    return s.astype(dtype)


def _count(n):
    return n * (n - 1)


def scipy_lme(s, mask):
    return float(logsumexp(np.where(mask, s, -np.inf)) - math.log(_count(len(s))))


def numpy_lme(s):
    # The fastest one-pass version a reader writes: the plain max (any shift
    # >= every negative works), exp, the diagonal zeroed, sum.
    idx = np.arange(len(s))
    m = s.max()
    e = np.exp(s - m)
    e[idx, idx] = 0
    return float(m + math.log(float(e.sum(dtype=np.float64))) - math.log(_count(len(s))))


def torch_lme(t, eye):
    import torch

    return float(torch.logsumexp(t.masked_fill(eye, -math.inf).reshape(-1), 0)) - math.log(_count(t.shape[0]))


@pytest.mark.parametrize("dtype", list(DTYPES))
@pytest.mark.parametrize("impl", [*impls("scipy", "numpy", reference=True), "torch"])
def test_bench_logmeanexp_offdiagonal(benchmark, dtype, impl):
    s = _scores(DTYPES[dtype])
    if impl == "scipy":
        mask = ~np.eye(N, dtype=bool)
        fn = lambda: scipy_lme(s, mask)
    elif impl == "numpy":
        fn = lambda: numpy_lme(s)
    elif impl == "torch":
        torch = pytest.importorskip("torch")
        t = torch.from_numpy(s)
        eye = torch.eye(N, dtype=torch.bool)
        fn = lambda: torch_lme(t, eye)
    elif impl == "reference":
        fn = lambda: ref.lse_all(s, 1, True)
    else:
        fn = lambda: bounds.logmeanexp(s, exclude_diagonal=True, n_jobs=n_jobs(impl))
    start(benchmark, f"bounds logmeanexp offdiag {N}x{N} {dtype}", impl)
    result = benchmark.pedantic(fn, rounds=7, iterations=1, warmup_rounds=1)
    mask = ~np.eye(N, dtype=bool)
    expected = cross_check(
        "torch" if impl == "torch" else impl,
        anchor=lambda: scipy_lme(s, mask),
        infokit=lambda: bounds.logmeanexp(s, exclude_diagonal=True),
    )
    tol = 1e-10 if dtype == "float64" and impl != "torch" else 1e-4
    assert result == pytest.approx(expected, abs=tol)
