"""info_nce_loss (plain and chunked), Gaussian KL terms, critics."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

torch = pytest.importorskip("torch")
import torch.nn.functional as F  # noqa: E402

import infokit.torch as it  # noqa: E402

F64 = torch.float64


def seeds_info_nce(z_i, z_j, temperature):
    # The tutorials' SimCLR loss (001_..., section 4.1), both directions averaged as in 000_....
    z_i, z_j = F.normalize(z_i, dim=1), F.normalize(z_j, dim=1)
    sim = z_i @ z_j.T / temperature
    labels = torch.arange(z_i.shape[0])
    return 0.5 * (F.cross_entropy(sim, labels) + F.cross_entropy(sim.T, labels))


def pair(n=50, d=8, seed=0, dtype=F64):
    g = torch.Generator().manual_seed(seed)
    z1 = torch.randn(n, d, generator=g, dtype=dtype)
    z2 = z1 + 0.5 * torch.randn(n, d, generator=g, dtype=dtype)
    return z1.requires_grad_(), z2.requires_grad_()


@pytest.mark.parametrize("symmetric", [True, False])
@pytest.mark.parametrize("normalize", [True, False])
@pytest.mark.parametrize("chunk", [1, 7, 50, 1000])
def test_lean_equals_plain_in_value_and_gradient(symmetric, normalize, chunk):
    z1, z2 = pair()
    plain = it.info_nce_loss(z1, z2, 0.3, symmetric, normalize)
    g_plain = torch.autograd.grad(plain, (z1, z2))
    lean = it.info_nce_loss(z1, z2, 0.3, symmetric, normalize, chunk_size=chunk)
    g_lean = torch.autograd.grad(lean, (z1, z2))
    torch.testing.assert_close(lean, plain, rtol=1e-12, atol=1e-12)
    for a, b in zip(g_lean, g_plain):
        torch.testing.assert_close(a, b, rtol=1e-10, atol=1e-12)


def test_matches_the_seeds_and_the_bound():
    z1, z2 = pair(64, 16)
    torch.testing.assert_close(it.info_nce_loss(z1, z2, 0.5), seeds_info_nce(z1, z2, 0.5))
    S = F.normalize(z1, dim=1) @ F.normalize(z2, dim=1).T / 0.5
    torch.testing.assert_close(math.log(64) - it.info_nce_loss(z1, z2, 0.5, symmetric=False), it.infonce(S))
    torch.testing.assert_close(math.log(64) - it.info_nce_loss(z1, z2, 0.5), it.infonce(S, "symmetric"))


def test_gradcheck_lean_and_learned_temperature():
    z1, z2 = pair(9, 4)
    t = torch.tensor(0.4, dtype=F64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda a, b, t: it.info_nce_loss(a, b, t, chunk_size=4), (z1, z2, t))


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
def test_half_precision(dtype):
    z1, z2 = pair(32, 8, dtype=torch.float32)
    ref = it.info_nce_loss(z1, z2)
    a, b = z1.detach().to(dtype).requires_grad_(), z2.detach().to(dtype).requires_grad_()
    lean = it.info_nce_loss(a, b, chunk_size=8)
    assert lean.dtype == torch.float32
    assert lean.item() == pytest.approx(ref.item(), rel=2e-2)
    lean.backward()
    assert a.grad.dtype == dtype and torch.isfinite(a.grad).all()


def test_bad_arguments():
    z1, z2 = pair(4, 3)
    with pytest.raises(ValueError, match="same shape"):
        it.info_nce_loss(z1, z2[:3])
    with pytest.raises(ValueError, match="temperature"):
        it.info_nce_loss(z1, z2, temperature=0)
    with pytest.raises(ValueError, match="chunk_size"):
        it.info_nce_loss(z1, z2, chunk_size=0)
    with pytest.raises(TypeError):
        it.info_nce_loss(z1.detach().numpy(), z2)


_MEMORY_SCRIPT = r"""
import sys, time, torch
torch.set_num_threads(2)
from infokit.torch import info_nce_loss
n, d, chunk = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
chunk = None if chunk == "none" else int(chunk)
g = torch.Generator().manual_seed(0)
z1 = torch.randn(n, d, generator=g, requires_grad=True)
z2 = torch.randn(n, d, generator=g, requires_grad=True)
info_nce_loss(z1[:64], z2[:64], chunk_size=chunk).backward()   # warm up
z1.grad = z2.grad = None
def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) * 1024 for line in f if line.startswith(key))
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")   # reset the peak (VmHWM) to the current RSS
before = status("VmRSS:")
t = time.perf_counter()
info_nce_loss(z1, z2, chunk_size=chunk).backward()
dt = time.perf_counter() - t
print(status("VmHWM:") - before, dt)
"""


def _peak(n, d, chunk):
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY_SCRIPT, str(n), str(d), str(chunk)], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[0]), float(out[1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_lean_memory_small():
    # N = 4096, d = 128: the plain path holds several 4096^2 float32 matrices (64 MiB each).
    plain, _ = _peak(4096, 128, "none")
    lean, _ = _peak(4096, 128, 512)
    assert lean < plain / 3, (lean, plain)  # at N = 16384 the ratio is 1/17 (the slow test below)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_lean_memory_and_time_at_16384():
    # README / report figures: peak memory above the inputs and time of forward + backward.
    plain, t_plain = _peak(16384, 128, "none")
    lean, t_lean = _peak(16384, 128, 1024)
    print(f"plain {plain / 2**20:.0f} MiB {t_plain:.2f} s, lean {lean / 2**20:.0f} MiB {t_lean:.2f} s")
    assert lean < plain / 4
    assert t_lean < 1.5 * t_plain + 0.5


# ------------------------------------------------------------------ Gaussian KL


def test_kl_normal_standard_matches_the_seeds_and_closed_forms():
    g = torch.Generator().manual_seed(0)
    mu, lv = torch.randn(10, 4, generator=g, dtype=F64), torch.randn(10, 4, generator=g, dtype=F64)
    seeds = -0.5 * torch.sum(1 + lv - mu.pow(2) - lv.exp())
    torch.testing.assert_close(it.kl_normal_standard(mu, lv, reduction="sum"), seeds)
    torch.testing.assert_close(it.kl_normal_standard(mu, lv).sum(), seeds)
    torch.testing.assert_close(it.kl_normal_standard(mu, lv, reduction="mean"), seeds / 10)
    z = torch.zeros(10, 4, dtype=F64)
    torch.testing.assert_close(it.kl_normal_diag(mu, lv, z, z), it.kl_normal_standard(mu, lv))
    full = it.gaussian_kl(mu, torch.diag_embed(lv.exp()), z, torch.eye(4, dtype=F64).expand(10, 4, 4))
    torch.testing.assert_close(full, it.kl_normal_standard(mu, lv))


def test_kl_near_zero_keeps_precision():
    lv = torch.tensor([1e-10], dtype=F64)
    # e^v - 1 - v = v^2 / 2 + ...: 5e-21 / 2; the tutorials' form gives 0 or noise
    assert it.kl_normal_standard(torch.zeros(1, dtype=F64), lv).item() == pytest.approx(0.25e-20, rel=1e-6)


def test_gaussian_kl_full_against_numpy():
    rng = np.random.default_rng(0)
    k = 4
    A, B = rng.standard_normal((k, k)), rng.standard_normal((k, k))
    cp, cq = A @ A.T + k * np.eye(k), B @ B.T + k * np.eye(k)
    mp, mq = rng.standard_normal(k), rng.standard_normal(k)
    iq = np.linalg.inv(cq)
    ref = 0.5 * (
        np.trace(iq @ cp) + (mq - mp) @ iq @ (mq - mp) - k + np.linalg.slogdet(cq)[1] - np.linalg.slogdet(cp)[1]
    )
    t = lambda a: torch.tensor(a, dtype=F64)  # noqa: E731
    assert it.gaussian_kl(t(mp), t(cp), t(mq), t(cq)).item() == pytest.approx(ref, rel=1e-12)
    m = t(mp).requires_grad_()
    assert torch.autograd.gradcheck(lambda m: it.gaussian_kl(m, t(cp), t(mq), t(cq)), (m,))
    with pytest.raises(ValueError, match="reduction"):
        it.gaussian_kl(t(mp), t(cp), t(mq), t(cq), reduction="avg")


# ---------------------------------------------------------------------- critics


@pytest.mark.parametrize("cls", [it.SeparableCritic, it.ConcatCritic, it.BilinearCritic])
def test_critics_score_every_pair(cls):
    torch.manual_seed(0)
    kw = {} if cls is it.BilinearCritic else {"hidden": 8}
    c = cls(3, 2, **kw)
    x, y = torch.randn(5, 3), torch.randn(6, 2)
    S = c(x, y)
    assert S.shape == (5, 6)
    torch.testing.assert_close(S[2, 4], c(x[2:3], y[4:5])[0, 0])
    with pytest.raises(ValueError):
        c(torch.randn(5, 4), y)


def test_gaussian_kl_shapes_that_do_not_broadcast_are_named():
    with pytest.raises(ValueError, match=r"shapes do not broadcast: mu \(4, 3\), logvar \(4, 2\)"):
        it.kl_normal_standard(torch.zeros(4, 3), torch.zeros(4, 2))
    with pytest.raises(ValueError, match="shapes do not broadcast"):
        it.kl_normal_diag(torch.zeros(4, 3), torch.zeros(4, 3), torch.zeros(5, 3), torch.zeros(5, 3))
    assert it.kl_normal_standard(torch.zeros(4, 3), torch.zeros(1, 3)).shape == (4,)  # broadcasting still works
