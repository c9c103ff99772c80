"""The two backends of every bound agree: infokit.torch (CPU, float64) and infokit.bounds
(the C++ log-sum-exp kernels, themselves held to infokit.reference), to 1e-10."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import infokit.bounds as ib  # noqa: E402
import infokit.torch as it  # noqa: E402

SHAPES = [(8, 8), (16, 16), (6, 11)]


def _pair(shape, seed, scale=3.0):
    S = np.random.default_rng(seed).normal(scale=scale, size=shape)
    return S, torch.tensor(S, dtype=torch.float64)


# name -> (numpy call, torch call, square only)
CASES = {
    "dv": (lambda S: ib.dv(S), lambda T: it.dv(T), False),
    "nwj": (lambda S: ib.nwj(S), lambda T: it.nwj(T), False),
    "tuba": (lambda S: ib.tuba(S, 0.7), lambda T: it.tuba(T, 0.7), False),
    "infonce_rows": (lambda S: ib.infonce(S), lambda T: it.infonce(T), False),
    "infonce_columns": (lambda S: ib.infonce(S, "columns"), lambda T: it.infonce(T, "columns"), True),
    "infonce_symmetric": (lambda S: ib.infonce(S, "symmetric"), lambda T: it.infonce(T, "symmetric"), True),
    "interpolated": (lambda S: ib.interpolated(S, 0.3), lambda T: it.interpolated(T, 0.3), True),
    "js": (lambda S: ib.js(S), lambda T: it.js(T), False),
    "nwj_js": (lambda S: ib.nwj_js(S), lambda T: it.nwj_js(T), False),
    "dv_js": (lambda S: ib.dv_js(S), lambda T: it.dv_js(T), False),
    "smile": (lambda S: ib.smile(S, clip=2.0), lambda T: it.smile(T, clip=2.0), False),
    "club": (lambda S: ib.club(S), lambda T: it.club(T), False),
    "l1out": (lambda S: ib.l1out(S), lambda T: it.l1out(T), True),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_backends_agree(name, shape):
    numpy_call, torch_call, square = CASES[name]
    if square and shape[0] != shape[1]:
        return  # refused by both (tested in each backend's own suite)
    S, T = _pair(shape, seed=sum(shape))
    want = numpy_call(S).value
    got = torch_call(T).item()
    assert got == pytest.approx(want, rel=1e-10, abs=1e-12), (name, got, want)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_vector_baselines_agree(shape):
    # One log a(y_j) per column on both backends (Poole et al.'s a(y)).
    S, T = _pair(shape, seed=7)
    b = np.random.default_rng(8).normal(size=shape[1])
    got = it.tuba(T, torch.tensor(b)).item()
    assert got == pytest.approx(ib.tuba(S, b).value, rel=1e-10)
    if shape[0] == shape[1]:
        got = it.interpolated(T, 0.4, torch.tensor(b)).item()
        assert got == pytest.approx(ib.interpolated(S, 0.4, b).value, rel=1e-10)
        assert ib.interpolated(S, 0.0, b).value == pytest.approx(ib.tuba(S, b).value, rel=1e-10)


def test_flo_and_mine_agree():
    S, T = _pair((10, 10), seed=3)
    u = np.random.default_rng(4).normal(size=10)
    assert it.flo(T, torch.tensor(u)).item() == pytest.approx(ib.flo(S, u).value, rel=1e-10)
    assert it.mine(T).item() == pytest.approx(ib.mine(S).value, rel=1e-10)
