"""infokit.torch's bounds: gradients, the edge-case contract, invariants, the true-critic experiment.

(This folder is not named ``tests/torch``: the suite puts ``tests/`` on
sys.path, and a ``torch`` folder there would import as a namespace package
whenever PyTorch itself is missing, so nothing would skip.)
"""

from __future__ import annotations

import math

import pytest

torch = pytest.importorskip("torch")

import infokit.torch as it  # noqa: E402

F64 = torch.float64

# name -> extra positional arguments builder (given N)
PLAIN = {
    "dv": lambda n: (),
    "nwj": lambda n: (),
    "tuba": lambda n: (),
    "infonce": lambda n: (),
    "interpolated": lambda n: (0.3,),
    "js": lambda n: (),
    "club": lambda n: (),
    "l1out": lambda n: (),
}
ALL = ["dv", "mine", "nwj", "tuba", "infonce", "interpolated", "js", "nwj_js", "dv_js", "smile", "flo", "club", "l1out"]


def call(name, S, **kw):
    if name == "interpolated":
        return it.interpolated(S, kw.get("alpha", 0.3))
    if name == "flo":
        return it.flo(S, 0.1 - S.detach().diagonal().to(F64))
    if name == "smile":
        return it.smile(S, clip=kw.get("clip", 5.0))
    return getattr(it, name)(S)


def scores(n, m=None, seed=0, dtype=F64, scale=1.0):
    g = torch.Generator().manual_seed(seed)
    return (scale * torch.randn(n, m or n, generator=g, dtype=dtype)).requires_grad_()


def grad_of(name, S):
    S = S.detach().clone().requires_grad_()
    call(name, S).backward()
    return S.grad


# --------------------------------------------------------------------- gradients


# interpolated and l1out are defined on square S only (their refusal of extra
# negatives is tested below), so they are gradient-checked on (5, 5) alone.
GRADCHECK_CASES = [
    (name, shape)
    for name in [*PLAIN, "mine", "flo"]
    for shape in [(5, 5), (4, 7)]
    if not (name in ("interpolated", "l1out") and shape[0] != shape[1])
]


@pytest.mark.parametrize(("name", "shape"), GRADCHECK_CASES)
def test_gradcheck(name, shape):
    S = scores(*shape)
    if name == "flo":
        u = torch.randn(shape[0], dtype=F64, generator=torch.Generator().manual_seed(1)).requires_grad_()
        assert torch.autograd.gradcheck(it.flo, (S, u))
    else:
        assert torch.autograd.gradcheck(lambda s: call(name, s), (S,))


def test_gradcheck_tuba_and_interpolated_in_their_other_arguments():
    S = scores(5)
    lb = torch.randn(5, dtype=F64).requires_grad_()
    assert torch.autograd.gradcheck(lambda s, b: it.tuba(s, b), (S, lb))
    alpha = torch.tensor(0.4, dtype=F64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda s, a, b: it.interpolated(s, a, b), (S, alpha, lb))


@pytest.mark.parametrize("name", ["nwj_js", "dv_js", "smile"])
def test_stop_gradient_readouts(name):
    S = scores(6, 8)
    value = call(name, S)
    clipped = S.clamp(-5.0, 5.0)
    # smile's readout: the unclipped positives against the clipped negatives' log-mean-exp
    smile_readout = S.diagonal().mean() - (clipped.diagonal().mean() - it.dv(clipped))
    readout = {"nwj_js": it.nwj(S + 1), "dv_js": it.dv(S), "smile": smile_readout}[name]
    torch.testing.assert_close(value, readout)
    torch.testing.assert_close(grad_of(name, S), grad_of("js", S))
    assert torch.autograd.gradcheck(it.js, (S,))


def test_smile_clip_none_is_dv_js_and_small_clip_is_clipped_dv():
    S = scores(6, scale=4.0)
    torch.testing.assert_close(it.smile(S, clip=None), it.dv_js(S))
    tau = 0.5
    neg = S.detach().masked_fill(torch.eye(6, dtype=torch.bool), float("nan")).clamp(-tau, tau)
    lme = torch.log(torch.nanmean(torch.exp(neg)))
    torch.testing.assert_close(it.smile(S, clip=tau), S.diagonal().mean() - lme)
    with pytest.raises(ValueError, match="clip"):
        it.smile(S, clip=0)


def test_mine_surrogate_gradient():
    S = scores(6, 6)
    ema = it.MineEMA(momentum=0.9)
    # Seed the average with a known value, then check grad = E_p grad f - E_q[e^f grad f] / m.
    ema.update(torch.tensor(0.7, dtype=F64))
    value = it.mine(S, ema)
    torch.testing.assert_close(value, it.dv(S))
    value.backward()
    n = 6
    off = ~torch.eye(n, dtype=torch.bool)
    lme_batch = torch.log(torch.exp(S.detach()[off]).mean())
    log_m = torch.logaddexp(
        torch.tensor(0.7 + math.log(0.1) + math.log(0.9), dtype=F64), lme_batch + math.log(0.1)
    ) - math.log1p(-(0.9**2))
    expected = torch.eye(n, dtype=F64) / n - off * torch.exp(S.detach()) / (n * n - n) / torch.exp(log_m)
    torch.testing.assert_close(S.grad, expected, rtol=1e-5, atol=1e-7)  # the average is float32
    assert int(ema.steps) == 2


def test_mine_without_average_is_dv_and_ema_state_round_trips():
    S = scores(5)
    torch.testing.assert_close(grad_of("mine", S), grad_of("dv", S))
    ema = it.MineEMA(momentum=0.95)
    for seed in range(3):
        it.mine(scores(5, seed=seed), ema)
    state = ema.state_dict()
    other = it.MineEMA(momentum=0.95)
    other.load_state_dict(state)
    assert int(other.steps) == 3
    torch.testing.assert_close(other.corrected(), ema.corrected())
    # eval mode freezes the average
    other.eval()
    it.mine(scores(5, seed=9), other)
    assert int(other.steps) == 3
    with pytest.raises(ValueError, match="momentum"):
        it.MineEMA(momentum=1.0)


def test_mine_bias_correction_first_step_uses_batch_mean():
    ema = it.MineEMA(momentum=0.99)
    out = ema.update(torch.tensor(1.234))
    assert out.item() == pytest.approx(1.234, abs=1e-5)


# ------------------------------------------------------------- the edge contract


def test_n_equals_one():
    S = torch.tensor([[3.0]], dtype=F64, requires_grad=True)
    assert it.infonce(S).item() == 0.0
    it.infonce(S).backward()
    assert S.grad.item() == 0.0
    for name in ["dv", "mine", "nwj", "tuba", "js", "nwj_js", "dv_js", "smile", "l1out", "interpolated"]:
        with pytest.raises(ValueError):
            call(name, S)
    assert it.club(S).item() == 0.0  # all pairs, as infokit.bounds.club: 3 - 3
    with pytest.raises(ValueError):
        it.flo(S, torch.zeros(1, dtype=F64))
    # one x against extra negatives is fine
    assert torch.isfinite(it.dv(torch.zeros(1, 3)))


@pytest.mark.parametrize("M", [1.0, 30.0, 1e3, 1e4])
@pytest.mark.parametrize("dtype", [torch.float32, F64])
def test_perfect_critic(M, dtype):
    n = 16
    S = torch.full((n, n), -M, dtype=dtype).fill_diagonal_(M).requires_grad_()
    if M >= 30:
        assert it.infonce(S).item() == torch.tensor(math.log(n), dtype=dtype).item()
    for name in ALL:
        v = call(name, S)
        assert not torch.isnan(v), name
        v.backward()
        assert torch.isfinite(S.grad).all(), name
        S.grad = None
    if M >= 30:
        assert it.dv(S).item() == pytest.approx(2 * M)


@pytest.mark.parametrize("name", ALL)
def test_all_negatives_minus_inf(name):
    S = torch.full((5, 5), float("-inf"), dtype=F64).fill_diagonal_(1.5).requires_grad_()
    v = call(name, S)
    assert not torch.isnan(v)
    v.backward()
    assert not torch.isnan(S.grad).any()
    off = ~torch.eye(5, dtype=torch.bool)
    if name != "club":  # CLUB is linear in S: its gradient is constant
        assert (S.grad[off] == 0).all()


def test_all_negatives_minus_inf_values():
    S = torch.full((4, 4), float("-inf"), dtype=F64).fill_diagonal_(2.0)
    assert it.dv(S).item() == math.inf
    assert it.nwj(S).item() == 2.0
    assert it.infonce(S).item() == pytest.approx(math.log(4), abs=1e-15)
    assert it.js(S).item() == pytest.approx(-math.log1p(math.exp(-2.0)))


@pytest.mark.parametrize("name", ["dv", "nwj", "infonce", "js", "smile", "dv_js", "nwj_js", "tuba", "mine"])
def test_plus_inf_diagonal(name):
    S = scores(5).detach().clone()
    S[2, 2] = math.inf
    S.requires_grad_()
    v = call(name, S)
    assert not torch.isnan(v)
    v.backward()
    assert not torch.isnan(S.grad).any(), name
    if name == "infonce":
        # the row with an infinitely confident positive contributes its limit, 0
        T = scores(5).detach()
        rows = [i for i in range(5) if i != 2]
        expected = math.log(5) - sum((torch.logsumexp(T[i], 0) - T[i, i]).item() for i in rows) / 5
        assert v.item() == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("name", ALL)
def test_nan_propagates(name):
    S = scores(5).detach().clone()
    S[1, 3] = math.nan
    assert torch.isnan(call(name, S))
    S = scores(5).detach().clone()
    S[2, 2] = math.nan
    assert torch.isnan(call(name, S))


def test_large_shift():
    S = scores(8)
    for name in ["dv", "infonce", "l1out"]:
        torch.testing.assert_close(call(name, S + 1e4), call(name, S), rtol=0, atol=1e-9)
    assert it.js(S + 1e4).item() == pytest.approx(-1e4, rel=1e-3)  # the negatives' softplus(S) ~ S
    assert it.nwj(S + 1e4).item() == -math.inf  # e^{1e4} overflows: the value is honest, not NaN
    assert not torch.isnan(it.smile(S + 1e4))


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float32])
@pytest.mark.parametrize("name", ALL)
def test_dtypes(name, dtype):
    S64 = scores(16, scale=2.0).detach()
    S = S64.to(dtype).requires_grad_()
    v = call(name, S)
    out = torch.float32 if dtype in (torch.float16, torch.bfloat16) else dtype
    assert v.dtype == out
    ref = call(name, S.detach().to(F64))
    assert v.item() == pytest.approx(ref.item(), rel=1e-5, abs=1e-5)
    v.backward()
    assert S.grad.dtype == dtype and torch.isfinite(S.grad).all()


def test_bad_input():
    with pytest.raises(TypeError):
        it.dv([[1.0, 0.0], [0.0, 1.0]])
    with pytest.raises(TypeError):
        it.dv(torch.zeros(3, 3, dtype=torch.int64))
    with pytest.raises(ValueError, match="2-D"):
        it.dv(torch.zeros(3))
    with pytest.raises(ValueError, match="transpose"):
        it.dv(torch.zeros(4, 3))
    with pytest.raises(ValueError, match="empty"):
        it.infonce(torch.zeros(0, 0))
    with pytest.raises(ValueError, match="direction"):
        it.infonce(torch.zeros(3, 3), direction="both")
    with pytest.raises(ValueError, match="square"):
        it.infonce(torch.zeros(3, 4), direction="columns")
    with pytest.raises(ValueError, match="alpha"):
        it.interpolated(torch.zeros(3, 3), 1.5)
    with pytest.raises(ValueError, match="u must"):
        it.flo(torch.zeros(3, 3), torch.zeros(4))


# -------------------------------------------------------------------- invariants


def test_infonce_at_most_log_n_and_row_shift_invariant():
    for seed in range(5):
        S = scores(10, 13, seed=seed, scale=5.0).detach()
        assert it.infonce(S).item() <= math.log(13)
        shift = torch.randn(10, 1, dtype=F64)
        torch.testing.assert_close(it.infonce(S + shift), it.infonce(S))
        torch.testing.assert_close(it.infonce(S + torch.randn(1, 13, dtype=F64) * 0 + 3.0), it.infonce(S))
        Q = S[:, :10]
        torch.testing.assert_close(it.infonce(Q + torch.randn(1, 10, dtype=F64), "columns"), it.infonce(Q, "columns"))
        torch.testing.assert_close(it.infonce(Q, "columns"), it.infonce(Q.T))
        torch.testing.assert_close(it.infonce(Q, "symmetric"), 0.5 * (it.infonce(Q) + it.infonce(Q.T)))


def test_infonce_is_log_n_minus_cross_entropy():
    S = scores(9, 12).detach()
    ce = torch.nn.functional.cross_entropy(S, torch.arange(9))
    torch.testing.assert_close(it.infonce(S), math.log(12) - ce)


def test_dv_shift_invariant_and_dv_at_least_nwj():
    for seed in range(5):
        S = scores(7, 9, seed=seed, scale=3.0).detach()
        torch.testing.assert_close(it.dv(S + 4.2), it.dv(S))
        assert it.dv(S) >= it.nwj(S) - 1e-12
        assert it.dv(S) >= it.nwj(S + 0.7) - 1e-12


def test_tuba_flo_identities():
    S = scores(6, 8).detach()
    torch.testing.assert_close(it.tuba(S, log_baseline=1.0), it.nwj(S))
    torch.testing.assert_close(it.tuba(S, torch.ones(8, dtype=F64)), it.nwj(S))
    torch.testing.assert_close(it.flo(S, -S.diagonal()), it.nwj(S + 1))
    # the optimal u makes FLO equal to ... at least the value at any other u
    u_opt = torch.logsumexp(S.masked_fill(torch.eye(6, 8, dtype=torch.bool), -math.inf), 1) - math.log(7) - S.diagonal()
    assert it.flo(S, u_opt) >= it.flo(S, u_opt + 0.3)
    assert it.flo(S, u_opt) >= it.flo(S, -S.diagonal()) - 1e-12


def test_interpolated_endpoints():
    S = scores(7).detach()
    torch.testing.assert_close(it.interpolated(S, 0.0), it.tuba(S))
    lb = torch.randn(7, dtype=F64)
    torch.testing.assert_close(it.interpolated(S, 0.0, lb), it.tuba(S, lb))
    # alpha = 1 against a direct leave-one-out computation
    n = 7
    total = 1.0
    joint, marg = [], []
    for j in range(n):
        for k in range(n):
            if k != j:
                rows = [i for i in range(n) if i != k]
                joint.append(S[j, j] - torch.logsumexp(S[rows, j], 0) + math.log(n - 1))
        rows = [i for i in range(n) if i != j]
        base = torch.logsumexp(S[rows, j], 0) - math.log(n - 1)
        marg += [torch.exp(S[i, j] - base) for i in rows]
    total = 1 + torch.stack(joint).mean() - torch.stack(marg).mean()
    torch.testing.assert_close(it.interpolated(S, 1.0), total)
    torch.testing.assert_close(it.interpolated(S, torch.tensor(1.0, dtype=F64)), total)


def test_leave_one_out_when_one_entry_dominates():
    S = torch.zeros(4, 4, dtype=F64)
    S[0, 0] = 60.0  # exp(60) swamps the column sum; the others must not be lost
    n = 4
    loo = it._bounds._leave_one_out_log_mean_exp(S)
    assert loo[0, 0].item() == pytest.approx(0.0, abs=1e-12)  # mean of three e^0
    assert loo[1, 0].item() == pytest.approx(math.log((math.exp(60.0) + 2) / (n - 1)), rel=1e-14)


def test_js_at_most_zero():
    for seed in range(5):
        assert it.js(scores(6, 9, seed=seed, scale=10.0)).item() <= 0.0


@pytest.mark.parametrize("name", ALL)
def test_joint_permutation_invariance(name):
    S = scores(7).detach()
    p = torch.randperm(7, generator=torch.Generator().manual_seed(3))
    torch.testing.assert_close(call(name, S[p][:, p]), call(name, S))


def test_club_l1out_values():
    S = scores(5).detach()
    torch.testing.assert_close(it.club(S), S.diagonal().mean() - S.mean())  # all pairs, as the paper
    l1 = torch.stack(
        [S[i, i] - torch.logsumexp(S[[j for j in range(5) if j != i], i], 0) + math.log(4) for i in range(5)]
    )
    torch.testing.assert_close(it.l1out(S), l1.mean())


def test_extra_negatives_are_used():
    S = scores(4, 6).detach()
    off = ~torch.eye(4, 6, dtype=torch.bool)
    torch.testing.assert_close(it.dv(S), S.diagonal().mean() - torch.log(torch.exp(S[off]).mean()))
    torch.testing.assert_close(it.infonce(S), math.log(6) - torch.nn.functional.cross_entropy(S, torch.arange(4)))


# ------------------------------------------------------------ the true critic


def _true_critic_scores(mi, d, n, gen):
    rho = math.sqrt(1 - math.exp(-2 * mi / d))
    x = torch.randn(n, d, generator=gen, dtype=F64)
    y = rho * x + math.sqrt(1 - rho**2) * torch.randn(n, d, generator=gen, dtype=F64)
    s2 = 1 - rho**2
    log_cond = -0.5 * ((y[None, :, :] - rho * x[:, None, :]) ** 2).sum(-1) / s2 - 0.5 * d * math.log(s2)
    log_marg = -0.5 * (y**2).sum(-1)
    return log_cond - log_marg[None, :]


@pytest.mark.parametrize(
    "mi,expected",
    [(2, (1.82, 2.01, 2.02)), (6, (3.74, 6.06, 6.27)), (10, (4.12, 10.26, 11.37))],
)
def test_true_critic_experiment(mi, expected):
    # x ~ N(0, I_20), y = rho x + sqrt(1 - rho^2) eps, S_ij = log p(y_j | x_i) - log p(y_j),
    # N = 64, 200 seeded batches (Poole et al. 2019, fig. 2's setting). Measured:
    # InfoNCE 1.80 / 3.74 / 4.12, NWJ(S+1) 1.98 / 5.99 / 9.98, DV 1.99 / 6.20 / 11.20,
    # each within 2 standard errors of the reference values.
    gen = torch.Generator().manual_seed(0)
    vals = {"infonce": [], "nwj": [], "dv": []}
    for _ in range(200):
        S = _true_critic_scores(mi, 20, 64, gen)
        vals["infonce"].append(it.infonce(S).item())
        vals["nwj"].append(it.nwj(S + 1).item())
        vals["dv"].append(it.dv(S).item())
    for (name, v), ref in zip(vals.items(), expected):
        t = torch.tensor(v, dtype=F64)
        se = (t.std() / math.sqrt(len(v))).item()
        assert abs(t.mean().item() - ref) < 3 * se + 0.02, (name, t.mean().item(), se, ref)
    assert max(vals["infonce"]) <= math.log(64)


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
@pytest.mark.parametrize("name", ALL)
def test_cuda_matches_cpu(name):
    S = scores(12).detach()
    Sc = S.to("cuda").requires_grad_()
    v = call(name, Sc)
    assert v.device.type == "cuda"
    v.backward()
    torch.testing.assert_close(v.cpu(), call(name, S))
    torch.testing.assert_close(Sc.grad.cpu(), grad_of(name, S))
    ema = it.MineEMA().to("cuda")
    it.mine(Sc, ema)
    assert ema.log_ema.device.type == "cuda"
