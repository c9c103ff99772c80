"""infokit.bounds against the bounds written out in plain NumPy, and the edge-case contract.

The oracles below are the formulas as a reader of Poole et al. (2019) would
write them, loop-free but with no shared code: masks with ``np.where``,
``scipy.special.logsumexp`` for the sums.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import logsumexp

import infokit.bounds as B

LOWER = ["dv", "mine", "nwj", "js", "nwj_js", "dv_js", "smile"]
NEEDS_NEGATIVES = ["dv", "mine", "nwj", "tuba", "interpolated", "js", "nwj_js", "dv_js", "smile", "flo", "l1out"]


def call(name, s, **kw):
    f = getattr(B, name)
    if name == "tuba":
        return f(s, kw.pop("log_baseline", 0.5), **kw)
    if name == "flo":
        return f(s, kw.pop("u", 0.0), **kw)
    if name == "interpolated":
        return f(s, kw.pop("alpha", 0.5), **kw)
    return f(s, **kw)


ALL_NAMES = ["infonce", "club", *NEEDS_NEGATIVES]


def _off(s):
    n, m = s.shape
    mask = np.ones((n, m), dtype=bool)
    mask[np.arange(n), np.arange(n)] = False
    return mask


def oracle(name, s, **kw):
    n, m = s.shape
    d = s[np.arange(n), np.arange(n)]
    off = _off(s)
    neg = s[off].reshape(n, m - 1) if m > 1 else None
    if name == "infonce":
        return np.mean(d - (logsumexp(s, axis=1) - np.log(m)))
    if name in ("dv", "mine", "dv_js"):
        return d.mean() - (logsumexp(neg) - np.log(neg.size))
    if name == "nwj":
        return d.mean() - np.exp(-1) * np.exp(neg).mean()
    if name == "nwj_js":
        return (d + 1).mean() - np.exp(-1) * np.exp(neg + 1).mean()
    if name == "tuba":
        b = np.broadcast_to(kw.get("log_baseline", 0.5), (n,))
        return 1 + (d - b).mean() - np.exp(neg - b[:, None]).mean()
    if name == "js":
        sp = np.logaddexp(0, neg)
        return np.mean(-np.logaddexp(0, -d)) - sp.mean()
    if name == "smile":
        tau = kw.get("clip", 5.0)
        return d.mean() - np.log(np.exp(np.clip(neg, -tau, tau)).mean())
    if name == "flo":
        u = np.broadcast_to(kw.get("u", 0.0), (n,))
        return np.mean(1 - u - np.exp(neg - d[:, None] - u[:, None]).mean(axis=1))
    if name == "club":
        return d.mean() - s.mean()
    if name == "l1out":
        sq = s[:, :n]
        col_neg = np.where(_off(sq), sq, -np.inf)
        return np.mean(d - (logsumexp(col_neg, axis=0) - np.log(n - 1)))
    if name == "interpolated":
        alpha = kw.get("alpha", 0.5)
        b = np.broadcast_to(kw.get("log_baseline", 0.0), (n,))
        k = m - 1
        total = 0.0
        s = s.T  # Poole et al. index [y, x]: each y's leave-one-out mean over the x's
        for i in range(n):  # Poole et al.'s I_alpha, term by term
            for j in range(m):
                if j == i:
                    continue
                loo_j = logsumexp(np.delete(s[i], j)) - np.log(k)
                loo_i = logsumexp(np.delete(s[i], i)) - np.log(k)
                den_j = np.logaddexp(np.log(alpha) + loo_j, np.log1p(-alpha) + b[i])
                den_i = np.logaddexp(np.log(alpha) + loo_i, np.log1p(-alpha) + b[i])
                total += (d[i] - den_j) - np.exp(s[i, j] - den_i)
        return 1 + total / (n * k)
    raise KeyError(name)


@pytest.mark.parametrize("shape", [(2, 2), (7, 7), (16, 16), (5, 9), (12, 40)], ids=str)
@pytest.mark.parametrize("name", ALL_NAMES)
def test_against_plain_numpy(name, shape):
    rng = np.random.default_rng(sum(shape))
    s = rng.normal(scale=2.0, size=shape) + 1.5 * np.eye(*shape)
    if name == "interpolated" and shape[0] != shape[1]:
        with pytest.raises(ValueError, match="square"):  # each y's leave-one-out mean runs over the x's
            call(name, s)
        return
    got = call(name, s)
    assert got.value == pytest.approx(oracle(name, s), rel=1e-10, abs=1e-10)
    assert got.name == name
    # float32 input: the same values read in place, summed in double
    s32 = s.astype(np.float32)
    assert call(name, s32).value == pytest.approx(oracle(name, s32.astype(np.float64)), rel=1e-6, abs=1e-6)


@pytest.mark.parametrize("name", ALL_NAMES)
def test_result_fields_and_base(name):
    rng = np.random.default_rng(0)
    s = rng.normal(size=(10, 10)) + 2 * np.eye(10)
    r = call(name, s)
    assert isinstance(r, B.BoundResult)
    r2 = call(name, s, base=2)
    assert r2.value == pytest.approx(r.value / math.log(2), rel=1e-13)
    if math.isfinite(r.stderr):
        assert r2.stderr == pytest.approx(r.stderr / math.log(2), rel=1e-13)
    assert r.is_lower_bound == (name not in ("club", "l1out", "smile"))


def test_stderr_is_the_standard_error_of_the_row_terms():
    rng = np.random.default_rng(1)
    s = rng.normal(size=(30, 30)) + np.eye(30)
    d = np.diag(s)
    terms = d - (logsumexp(s, axis=1) - np.log(30))
    assert B.infonce(s).stderr == pytest.approx(terms.std(ddof=1) / np.sqrt(30), rel=1e-10)
    neg = s[_off(s)].reshape(30, 29)
    t_nwj = d - np.exp(-1) * np.exp(neg).mean(axis=1)
    assert B.nwj(s).stderr == pytest.approx(t_nwj.std(ddof=1) / np.sqrt(30), rel=1e-10)
    for name in ("dv", "mine", "dv_js", "smile"):
        assert math.isnan(call(name, s).stderr)


def test_caps():
    s = np.zeros((8, 8))
    assert B.infonce(s).cap == pytest.approx(math.log(8))
    assert B.infonce(np.zeros((4, 10))).cap == pytest.approx(math.log(10))
    assert B.infonce(np.zeros((4, 10)), "columns").cap == pytest.approx(math.log(4))
    assert B.interpolated(s, 0.25).cap == pytest.approx(math.log(7 / 0.25))
    assert B.interpolated(s, 0.0).cap == math.inf
    assert B.js(s).cap == 0.0
    assert B.dv(s).cap == math.inf


def test_infonce_directions():
    rng = np.random.default_rng(2)
    s = rng.normal(size=(6, 6)) + np.eye(6)
    rows, cols = B.infonce(s, "rows").value, B.infonce(s, "columns").value
    assert cols == pytest.approx(B.infonce(s.T).value, rel=1e-12)
    assert B.infonce(s, "symmetric").value == pytest.approx((rows + cols) / 2, rel=1e-12)
    # the seeds' loss: F.cross_entropy(S, arange(N)) = log N - InfoNCE
    ce = -np.mean(np.diag(s) - logsumexp(s, axis=1))
    assert rows == pytest.approx(np.log(6) - ce, rel=1e-12)
    with pytest.raises(ValueError, match="direction"):
        B.infonce(s, "diagonal")


def test_interpolated_ends():
    rng = np.random.default_rng(3)
    s = rng.normal(size=(9, 9)) + 2 * np.eye(9)
    # alpha = 0: TUBA with the same log baseline
    assert B.interpolated(s, 0.0, 0.3).value == pytest.approx(B.tuba(s, 0.3).value, rel=1e-10)
    # alpha = 1: InfoNCE over the K = N - 1 candidates left after dropping one
    # negative, with the softmax over the x's of each y (Poole et al.'s m(y; x))
    t = s.T
    want = np.mean(
        [np.diag(t)[i] - (logsumexp(np.delete(t[i], j)) - np.log(8)) for i in range(9) for j in range(9) if j != i]
    )
    assert B.interpolated(s, 1.0).value == pytest.approx(want, rel=1e-10)
    assert B.interpolated(s, 1.0).value <= math.log(8) + 1e-12
    # a dominant row maximum does not lose precision in the leave-one-out sums
    big = np.diag([40.0] * 5) - 40.0
    assert np.isfinite(B.interpolated(big, 1.0).value)
    assert B.interpolated(big, 1.0).value == pytest.approx(math.log(4), abs=1e-9)


def test_mine_state():
    st = B.MineState(momentum=0.5)
    assert math.isnan(st.log_mean_exp)
    assert st.update(math.log(2.0)) == pytest.approx(math.log(2.0))  # bias-corrected: exact after one step
    st.update(math.log(4.0))
    # biased EMA: 0.5 * (0.5 * 2) + 0.5 * 4 = 2.5, corrected by 1 - 0.25
    assert st.log_mean_exp == pytest.approx(math.log(2.5 / 0.75))
    assert st.steps == 2
    big = B.MineState(0.99)
    big.update(1e4)  # log space: no overflow
    assert big.log_mean_exp == pytest.approx(1e4)
    s = np.array([[3.0, 0.0], [1.0, 2.0]])
    st.reset()
    r = B.mine(s, st)
    assert r.value == B.dv(s).value and st.steps == 1
    assert st.log_mean_exp == pytest.approx(math.log((1 + math.e) / 2))
    with pytest.raises(ValueError, match="momentum"):
        B.MineState(1.0)
    with pytest.raises(TypeError, match="state"):
        B.mine(s, state=0.9)
    assert "MineState(" in repr(st)


# ----------------------------------------------------------------- edge cases


@pytest.mark.parametrize("name", NEEDS_NEGATIVES)
def test_n_equals_1_raises_naming_the_bound(name):
    with pytest.raises(ValueError, match=name):
        call(name, np.array([[1.5]]))


def test_n_equals_1():
    assert B.infonce(np.array([[1.5]])).value == 0.0
    assert B.infonce(np.array([[np.inf]])).value == 0.0
    assert B.club(np.array([[1.5]])).value == 0.0
    # N = 1 with extra negative columns has negative pairs
    assert B.dv(np.array([[2.0, 0.0, 0.0]])).value == pytest.approx(2.0)


@pytest.mark.parametrize("m", [1e2, 1e4])
def test_perfect_critic(m):
    n = 16
    s = np.where(np.eye(n, dtype=bool), m, -m)
    assert B.infonce(s).value == math.log(n)
    assert B.infonce(s, "symmetric").value == math.log(n)
    assert B.dv(s).value == pytest.approx(2 * m)
    assert B.nwj(s).value == pytest.approx(m)
    assert B.js(s).value == pytest.approx(0.0, abs=1e-12)
    for name in ALL_NAMES:
        assert np.isfinite(call(name, s).value), name


def test_large_offsets_do_not_overflow():
    rng = np.random.default_rng(4)
    s = rng.normal(size=(20, 20)) + np.eye(20)
    for name in ("infonce", "dv", "mine", "dv_js", "smile"):
        shifted = call(name, s + 1e4, **({"clip": None} if name == "smile" else {})).value
        assert shifted == pytest.approx(call(name, s, **({"clip": None} if name == "smile" else {})).value, abs=1e-8)
    assert np.isfinite(B.logmeanexp(s + 1e4, exclude_diagonal=True))


def test_all_off_diagonal_minus_inf():
    d = np.array([1.0, 2.0, 3.0])
    s = np.full((3, 3), -np.inf)
    s[np.arange(3), np.arange(3)] = d
    assert B.infonce(s).value == pytest.approx(math.log(3))
    assert B.dv(s).value == math.inf
    assert B.nwj(s).value == pytest.approx(2.0)
    assert B.nwj_js(s).value == pytest.approx(3.0)
    assert B.js(s).value == pytest.approx(np.mean(-np.logaddexp(0, -d)))
    assert B.tuba(s, 0.0).value == pytest.approx(3.0)
    assert B.flo(s, 0.0).value == pytest.approx(1.0)
    assert B.smile(s).value == pytest.approx(2.0 + 5.0)  # the negatives clipped to -5


def test_plus_inf_on_the_diagonal():
    s = np.zeros((4, 4))
    s[0, 0] = np.inf
    # row 0 puts all its softmax mass on its positive (log 4), rows 1-3 are uniform (0)
    assert B.infonce(s).value == pytest.approx(math.log(4) / 4)
    assert B.dv(s).value == math.inf
    assert B.nwj(s).value == math.inf
    assert B.js(s).value == pytest.approx(-(3 * math.log(2) / 4) - math.log(2))
    # two +inf in one row share its mass: row 0 of [[inf, inf], [0, 0]] gives log 2 - log 2
    s2 = np.array([[np.inf, np.inf], [0.0, 0.0]])
    assert B.infonce(s2).value == 0.0
    # a +inf elsewhere in the row of a finite positive: that row contributes -inf
    s3 = np.array([[0.0, np.inf], [0.0, 0.0]])
    assert B.infonce(s3).value == -math.inf
    # inf - inf has no limit: NaN, not an exception
    assert math.isnan(B.dv(np.full((2, 2), np.inf)).value)


@pytest.mark.parametrize("name", ALL_NAMES)
def test_nan_policy(name):
    s = np.eye(4)
    s[1, 2] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        call(name, s)
    r = call(name, s, nan_policy="propagate")
    assert math.isnan(r.value) and math.isnan(r.stderr)
    with pytest.raises(ValueError, match="omit"):
        call(name, s, nan_policy="omit")
    with pytest.raises(ValueError, match="nan_policy"):
        call(name, s, nan_policy="ignore")


def test_nan_in_baseline():
    s = np.eye(3)
    with pytest.raises(ValueError, match="log_baseline"):
        B.tuba(s, [0.0, np.nan, 0.0])
    assert math.isnan(B.tuba(s, [0.0, np.nan, 0.0], nan_policy="propagate").value)
    with pytest.raises(ValueError, match="u"):
        B.flo(s, np.nan)
    with pytest.raises(ValueError, match="shape"):
        B.tuba(s, [0.0, 1.0])


def test_dtypes():
    s = np.array([[3, 0, 1], [0, 2, 1], [1, 1, 4]])
    want = B.dv(s.astype(np.float64)).value
    assert B.dv(s).value == want  # ints are converted to float64
    assert B.dv(s.astype(bool)).value == B.dv(s.astype(bool).astype(float)).value
    assert B.dv(s.astype(np.float16)).value == pytest.approx(want, rel=1e-6)  # float16 computed in float32
    with pytest.raises(TypeError, match="dtype"):
        B.dv(s.astype(complex))
    with pytest.raises(TypeError, match="dtype"):
        B.dv(np.array([["a", "b"], ["c", "d"]]))


def test_shapes_and_layouts():
    rng = np.random.default_rng(5)
    s = rng.normal(size=(8, 8)) + np.eye(8)
    want = B.infonce(s).value
    assert B.infonce(np.asfortranarray(s)).value == pytest.approx(want, rel=1e-13)
    big = np.zeros((16, 16))
    big[::2, ::2] = s
    assert B.infonce(big[::2, ::2]).value == pytest.approx(want, rel=1e-13)  # copied at the boundary
    raw = np.zeros(8 * 8 * 8 + 1, dtype=np.uint8)
    unaligned = np.frombuffer(raw.data, dtype=np.float64, count=64, offset=1).reshape(8, 8)
    assert not unaligned.flags.aligned
    assert B.dv(unaligned).value == B.dv(np.zeros((8, 8))).value
    with pytest.raises(ValueError, match="M >= N"):
        B.dv(np.zeros((5, 3)))
    with pytest.raises(ValueError, match="2-D"):
        B.dv(np.zeros(5))
    with pytest.raises(ValueError, match="empty"):
        B.infonce(np.zeros((0, 0)))
    with pytest.raises(ValueError, match="N >= 2"):
        B.l1out(np.zeros((1, 4)))


def test_argument_errors():
    s = np.eye(3)
    with pytest.raises(ValueError, match="alpha"):
        B.interpolated(s, 1.5)
    with pytest.raises(TypeError, match="alpha"):
        B.interpolated(s, "half")
    with pytest.raises(ValueError, match="clip"):
        B.smile(s, clip=0.0)
    with pytest.raises(ValueError, match="base"):
        B.dv(s, base=1)
    with pytest.raises(ValueError, match="n_jobs"):
        B.dv(s, n_jobs=0)


def test_logsumexp_helpers():
    rng = np.random.default_rng(6)
    s = rng.normal(size=(7, 11))
    off = _off(s)
    assert B.logsumexp(s) == pytest.approx(logsumexp(s), rel=1e-12)
    assert B.logmeanexp(s, exclude_diagonal=True) == pytest.approx(logsumexp(s[off]) - np.log(off.sum()), rel=1e-12)
    np.testing.assert_allclose(B.logsumexp(s, axis=0), logsumexp(s, axis=0), rtol=1e-12)
    np.testing.assert_allclose(
        B.logmeanexp(s, axis=1, exclude_diagonal=True, n_jobs=2),
        logsumexp(np.where(off, s, -np.inf), axis=1) - np.log(off.sum(axis=1)),
        rtol=1e-12,
    )
    with pytest.raises(ValueError, match="axis"):
        B.logsumexp(s, axis=2)
    with pytest.raises(ValueError, match="NaN"):
        B.logsumexp(np.array([[np.nan, 1.0]]))
    assert math.isnan(B.logsumexp(np.array([[np.nan, 1.0]]), nan_policy="propagate"))
    with pytest.raises(ValueError, match="1 x 1"):
        B.logsumexp(np.ones((1, 1)), exclude_diagonal=True)
