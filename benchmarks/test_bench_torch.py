"""infokit.torch beside the tutorials' hand-written PyTorch, forward + backward on CPU.

One group per (bound, N): ``torch`` (the anchor: the formula as the tutorials
write it, boolean-indexed off-diagonals, ``torch.log(torch.exp(.).mean())``,
``F.cross_entropy``) and ``infokit`` on the same score matrix; each times the
value and its gradient, then checks the two agree. ``info_nce_loss`` is timed
plain (the tutorials' symmetric cross-entropy) against infokit's chunked path.
Skipped without torch.

Run: python -m pytest benchmarks/test_bench_torch.py --benchmark-only -q
"""

from __future__ import annotations

import math

import pytest
from conftest import start

torch = pytest.importorskip("torch")
import torch.nn.functional as F  # noqa: E402

import infokit.torch as it  # noqa: E402

N = 1024


def _hand_dv(S):
    off = ~torch.eye(S.shape[0], dtype=torch.bool)
    return S.diagonal().mean() - torch.log(torch.exp(S[off]).mean())


def _hand_nwj(S):
    off = ~torch.eye(S.shape[0], dtype=torch.bool)
    return S.diagonal().mean() - torch.exp(S[off] - 1).mean()


def _hand_infonce(S):
    return math.log(S.shape[0]) - F.cross_entropy(S, torch.arange(S.shape[0]))


def _hand_js(S):  # minus the tutorials' jsd_loss(T_pos, T_neg), all pairs
    off = ~torch.eye(S.shape[0], dtype=torch.bool)
    return -(F.softplus(-S.diagonal()).mean() + F.softplus(S[off]).mean())


BOUNDS = {
    "dv": (_hand_dv, it.dv),
    "nwj": (_hand_nwj, it.nwj),
    "infonce": (_hand_infonce, it.infonce),
    "js": (_hand_js, it.js),
}


def _value_and_grad(fn, S):
    S.grad = None
    v = fn(S)
    v.backward()
    return v.detach(), S.grad


@pytest.mark.parametrize("impl", ["torch", "infokit"])
@pytest.mark.parametrize("bound", list(BOUNDS))
def test_bound(benchmark, bound, impl):
    start(benchmark, f"torch {bound} N={N}", impl)
    S = torch.randn(N, N, generator=torch.Generator().manual_seed(0)).requires_grad_()
    hand, ours = BOUNDS[bound]
    fn = hand if impl == "torch" else ours
    v, g = benchmark(_value_and_grad, fn, S)
    v_other, g_other = _value_and_grad(ours if impl == "torch" else hand, S)
    torch.testing.assert_close(v, v_other, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(g, g_other, rtol=1e-4, atol=1e-9)


def _hand_info_nce(z1, z2, t):  # the tutorials' SimCLR loss, both directions
    z1, z2 = F.normalize(z1, dim=1), F.normalize(z2, dim=1)
    sim = z1 @ z2.T / t
    labels = torch.arange(z1.shape[0])
    return 0.5 * (F.cross_entropy(sim, labels) + F.cross_entropy(sim.T, labels))


@pytest.mark.parametrize("impl", ["torch", "infokit"])
def test_info_nce_loss(benchmark, impl):
    n, d = 4096, 128
    start(benchmark, f"torch info_nce_loss N={n} d={d}", impl)
    g = torch.Generator().manual_seed(0)
    z1 = torch.randn(n, d, generator=g).requires_grad_()
    z2 = torch.randn(n, d, generator=g).requires_grad_()

    def run(fn):
        z1.grad = z2.grad = None
        loss = fn()
        loss.backward()
        return loss.detach()

    plain = lambda: _hand_info_nce(z1, z2, 0.1)
    lean = lambda: it.info_nce_loss(z1, z2, 0.1, chunk_size=1024)
    loss = benchmark(run, plain if impl == "torch" else lean)
    torch.testing.assert_close(loss, run(lean if impl == "torch" else plain), rtol=1e-5, atol=1e-6)
