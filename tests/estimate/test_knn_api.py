"""Options, degenerate cases, bad input and significance tools of the kNN estimators."""

import subprocess
import sys
import textwrap
import warnings

import numpy as np
import pytest

import infokit.estimate as ie
import infokit.reference as ref
from infokit import TiesWarning
from infokit.estimate import (
    conditional_mutual_info,
    entropy,
    gkov_mutual_info,
    kl_divergence,
    kl_entropy,
    ksg_conditional_mutual_info,
    ksg_mutual_info,
    mi_bootstrap,
    mi_test,
    mixed_mutual_info,
    mutual_info,
    total_correlation,
    wkv_kl_divergence,
)
from infokit.estimate._samples import power_of_two_scale

MI_FUNCS = [ksg_mutual_info, gkov_mutual_info, lambda x, y, **kw: ksg_mutual_info(x, y, variant=2, **kw)]


def test_dispatch_matches_direct(rng):
    x, y, z = rng.normal(size=(3, 300))
    assert mutual_info(x, y, method="ksg") == ksg_mutual_info(x, y)
    assert mutual_info(x, y, method="ksg2") == ksg_mutual_info(x, y, variant=2)
    assert mutual_info(x, y) == ksg_mutual_info(x, y)  # auto: floats -> ksg
    labels = (y > 0).astype(int)
    assert mutual_info(x, labels) == mixed_mutual_info(x, labels)  # auto: mixed
    assert mutual_info(labels, x) == mixed_mutual_info(x, labels)  # continuous goes first
    assert mutual_info(x, y, method="gkov") == gkov_mutual_info(x, y)
    assert conditional_mutual_info(x, y, z) == ksg_conditional_mutual_info(x, y, z)
    assert conditional_mutual_info(x, y, z, method="ksg2") == ksg_conditional_mutual_info(x, y, z, variant=2)
    assert entropy(x) == kl_entropy(x)
    assert kl_divergence(x, y) == wkv_kl_divergence(x, y)


def test_base_and_clip(rng):
    x, y = rng.normal(size=(2, 400))  # independent: the estimate may be negative
    nats = ksg_mutual_info(x, y)
    assert ksg_mutual_info(x, y, base=2) == pytest.approx(nats / np.log(2), rel=1e-14)
    assert ksg_mutual_info(x, y, clip=True) == max(nats, 0.0)
    # Not clipped by default (averages of clipped estimates are biased): some seed gives a negative estimate.
    vals = [ksg_mutual_info(*np.random.default_rng(s).normal(size=(2, 200))) for s in range(10)]
    assert min(vals) < 0


def test_return_locals(rng):
    x, y = rng.normal(size=(2, 300))
    est, loc = ksg_mutual_info(x, y, return_locals=True, base=2)
    assert loc.shape == (300,) and est == pytest.approx(loc.mean(), rel=1e-12)
    h, hl = kl_entropy(x, return_locals=True)
    assert h == pytest.approx(hl.mean(), rel=1e-12)
    tc, tl = total_correlation([x, y], return_locals=True)
    assert tc == pytest.approx(tl.mean(), rel=1e-12)


def test_noise_is_seeded_and_scaled_by_std(rng):
    x = rng.integers(0, 5, 500).astype(float)  # heavy ties
    y = x + rng.integers(0, 2, 500)
    a = ksg_mutual_info(x, y, noise=1e-10, random_state=3)
    assert a == ksg_mutual_info(x, y, noise=1e-10, random_state=3)
    # Scaled by std: rescaling the data rescales the jitter with it (same estimate).
    assert a == pytest.approx(ksg_mutual_info(x * 1e6, y * 1e6, noise=1e-10, random_state=3), rel=1e-9)
    # The jitter is what the docs say: noise * std(column) * N(0, 1), x then y.
    g = np.random.default_rng(3)
    xj = x + 1e-10 * x.std() * g.standard_normal((500, 1))[:, 0]
    yj = y + 1e-10 * y.std() * g.standard_normal((500, 1))[:, 0]
    # (then brought to comparable spreads by exact powers of two, as every kNN estimate is)
    (xs, ys), _ = power_of_two_scale([xj[:, None], yj[:, None]])
    assert a == pytest.approx(ref.ksg_mi(xs, ys), rel=1e-10)


def test_theiler_changes_estimate_on_time_series(rng):
    # An AR(1) series: temporal neighbours dominate without a Theiler window.
    e = rng.normal(size=(2, 2000))
    x = np.empty(2000)
    x[0] = 0
    for t in range(1, 2000):
        x[t] = 0.95 * x[t - 1] + e[0, t]
    y = np.roll(x, 1) + e[1]
    assert ksg_mutual_info(x, y, theiler=20) != ksg_mutual_info(x, y)


# --- degenerate data ---------------------------------------------------------------


@pytest.mark.parametrize("fn", MI_FUNCS)
def test_constant_column_gives_zero(rng, fn):
    x = np.full(200, 3.5)
    y = rng.normal(size=200)
    assert fn(x, y) == 0.0
    assert fn(y, x) == 0.0
    assert fn(x, x) == 0.0  # all points identical: still 0, no crash
    assert ksg_conditional_mutual_info(x, y, rng.normal(size=200)) == 0.0
    assert mixed_mutual_info(x, (y > 0).astype(int)) == 0.0


def test_all_duplicate_points():
    x = np.tile([1.0, 2.0], 100)
    y = np.tile([5.0, -1.0], 100)
    # noise=None keeps the ties: KSG radii are 0 and strict counts 0; a finite
    # number, no crash, and a TiesWarning naming the cure (the number is biased).
    with pytest.warns(TiesWarning, match="200 of 200 points.*noise="):
        assert np.isfinite(ksg_mutual_info(x, y, noise=None))
    with pytest.warns(TiesWarning, match="200 of 200 points"):
        ksg_mutual_info(np.column_stack([x, x]), y, noise=None)  # the KD-tree path warns too
    # KL entropy of point masses: -inf, announced.
    with pytest.warns(TiesWarning, match="200 of 200 points"):
        assert kl_entropy(x, noise=None) == -np.inf
    # The default spreads each tied column over its resolution cell (here 1 and
    # 6): I(X + U; Y + V) = I(X; Y) = log 2 for two equiprobable atoms, and the
    # entropy is that of the spread values, H(X) + log 1 = log 2 (KSG's bias
    # at this strong dependence needs n = 2000 to be within 0.03).
    x, y = np.tile(x, 10), np.tile(y, 10)
    with pytest.warns(TiesWarning, match=r"in x \(2 distinct values in 2000; resolution 1\), y"):
        assert ksg_mutual_info(x, y, random_state=0) == pytest.approx(np.log(2), abs=0.03)
    with pytest.warns(TiesWarning, match=r"x\[:, 0\].*x\[:, 1\]"):
        assert ksg_mutual_info(np.column_stack([x, x]), y, random_state=0) == pytest.approx(np.log(2), abs=0.03)
    with pytest.warns(TiesWarning, match="resolution 1"):
        assert kl_entropy(x, random_state=0) == pytest.approx(np.log(2), abs=0.02)
    # GKOV handles the ties itself (no jitter, no warning): I = H(X) = log 2.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gkov_mutual_info(x, y) == pytest.approx(np.log(2), abs=0.02)


def test_mixed_all_unique_labels(rng):
    # scikit-learn#13711: no crash, 0 when no label repeats.
    x = rng.normal(size=50)
    assert mixed_mutual_info(x, np.arange(50)) == 0.0
    est, loc = mixed_mutual_info(x, np.arange(50), return_locals=True)
    assert est == 0.0 and np.isnan(loc).all()


def test_mixed_string_and_2d_labels(rng):
    x = rng.normal(size=300)
    lab = np.where(x > 0, "a", "b")
    codes = (x > 0).astype(int)
    # Label order changes the summation order only.
    assert mixed_mutual_info(x, lab) == pytest.approx(mixed_mutual_info(x, codes), rel=1e-12)
    assert mixed_mutual_info(x, np.column_stack([codes, codes])) == pytest.approx(
        mixed_mutual_info(x, codes), rel=1e-12
    )


# --- bad input -------------------------------------------------------------------


@pytest.mark.parametrize("fn", MI_FUNCS)
def test_k_too_large(rng, fn):
    x, y = rng.normal(size=(2, 5))
    fn(x, y, k=4)
    with pytest.raises(ValueError, match="k=5"):
        fn(x, y, k=5)
    with pytest.raises(ValueError, match="theiler"):
        fn(rng.normal(size=10), rng.normal(size=10), k=3, theiler=4)


@pytest.mark.parametrize("n", [0, 1])
def test_too_few_samples(n):
    x = np.zeros(n)
    for fn in (ksg_mutual_info, gkov_mutual_info):
        with pytest.raises(ValueError):
            fn(x, x)
    with pytest.raises(ValueError):
        kl_entropy(x)
    with pytest.raises(ValueError):
        mixed_mutual_info(x, x.astype(int))
    with pytest.raises(ValueError):
        wkv_kl_divergence(x, np.zeros(5))


@pytest.mark.parametrize("bad", [1.5, "3", True, None])
def test_k_not_int(rng, bad):
    x, y = rng.normal(size=(2, 50))
    with pytest.raises(TypeError, match="k"):
        ksg_mutual_info(x, y, k=bad)
    with pytest.raises(TypeError, match="k"):
        kl_entropy(x, k=bad)


def test_k_zero(rng):
    with pytest.raises(ValueError, match="k"):
        ksg_mutual_info(*rng.normal(size=(2, 50)), k=0)


def test_unknown_metric_and_variant(rng):
    x, y = rng.normal(size=(2, 50))
    with pytest.raises(ValueError, match="metric"):
        ksg_mutual_info(x, y, metric="manhattan")
    with pytest.raises(ValueError, match="metric"):
        ksg_mutual_info(x, y, metric="euclidean")  # KSG needs the max-norm
    with pytest.raises(ValueError, match="metric"):
        kl_entropy(x, metric="cosine")
    with pytest.raises(ValueError, match="variant"):
        ksg_mutual_info(x, y, variant=3)
    with pytest.raises(ValueError, match="lnc"):
        ksg_mutual_info(x, y, variant=2, lnc=0.2)
    with pytest.raises(ValueError, match="lnc"):
        ksg_mutual_info(x, y, lnc=1.5)
    with pytest.raises(ValueError, match="noise"):
        ksg_mutual_info(x, y, noise=-1.0)
    with pytest.raises(ValueError, match="theiler"):
        ksg_mutual_info(x, y, theiler=-1)
    with pytest.raises(ValueError, match="base"):
        ksg_mutual_info(x, y, base=1)
    with pytest.raises(ValueError, match="n_jobs"):
        ksg_mutual_info(x, y, n_jobs=0)


def test_nan_policy(rng):
    x, y = rng.normal(size=(2, 200))
    xn = x.copy()
    xn[[3, 50]] = np.nan
    yi = y.copy()
    yi[7] = np.inf
    for fn in (ksg_mutual_info, gkov_mutual_info, mixed_mutual_info):
        yy = (y > 0).astype(int) if fn is mixed_mutual_info else yi
        with pytest.raises(ValueError, match="NaN"):
            fn(xn, yy)
        assert np.isnan(fn(xn, yy, nan_policy="propagate"))
        keep = np.isfinite(xn) & (np.isfinite(yy) if yy.dtype.kind == "f" else True)
        assert fn(xn, yy, nan_policy="omit") == fn(x[keep], yy[keep])
    with pytest.raises(ValueError, match="nan_policy"):
        ksg_mutual_info(x, y, nan_policy="ignore")
    assert np.isnan(kl_entropy(xn, nan_policy="propagate"))
    assert kl_entropy(xn, nan_policy="omit") == kl_entropy(x[np.isfinite(xn)])
    with pytest.raises(ValueError, match="p_samples"):
        wkv_kl_divergence(xn, y)
    assert wkv_kl_divergence(xn, yi, nan_policy="omit") == wkv_kl_divergence(x[np.isfinite(xn)], y[np.isfinite(yi)])


@pytest.mark.parametrize(
    "call",
    [
        lambda x, y: ksg_mutual_info(x, y),
        lambda x, y: ksg_mutual_info(x, y, variant=2),
        lambda x, y: gkov_mutual_info(x, y),
        lambda x, y: ksg_conditional_mutual_info(x, y, y + 1.0),
        lambda x, y: total_correlation([x, y]),
        lambda x, y: kl_entropy(x),
        lambda x, y: mixed_mutual_info(x, (y > 2).astype(int)),
        lambda x, y: wkv_kl_divergence(y, x),
    ],
    ids=["ksg1", "ksg2", "gkov", "cmi", "tc", "kl-entropy", "mixed", "wkv-across"],
)
def test_distances_overflowing_float64_raise(call):
    # Finite values can be too far apart: 1e308 - (-1e308) is inf, and so is
    # every distance across the gap. A clear error, not a number computed from
    # infinite radii (the grid path once read outside its neighbour list here).
    x = np.array([-1e308] * 4 + [1e308] * 4)
    y = np.arange(8.0)
    with pytest.raises(ValueError, match="too far apart"):
        call(x, y)
    # A wide but representable span is fine (its ties spread, with a warning).
    with pytest.warns(TiesWarning, match="resolution 2e\\+307"):
        assert np.isfinite(ksg_mutual_info(x / 10, y))


def test_shapes_and_types(rng):
    x, y = rng.normal(size=(2, 100))
    with pytest.raises(ValueError, match="same number of samples"):
        ksg_mutual_info(x, y[:-1])
    with pytest.raises(ValueError, match="ndim=3"):
        ksg_mutual_info(x.reshape(10, 5, 2), y)
    with pytest.raises(ValueError, match="same dimension"):
        wkv_kl_divergence(x, rng.normal(size=(100, 2)))
    with pytest.raises(TypeError, match="x"):
        ksg_mutual_info(np.array(["a"] * 100), y)
    with pytest.raises(ValueError, match="variables"):
        total_correlation([x])


# --- significance ------------------------------------------------------------------


def test_mi_test_ksg_reuses_structures_and_matches_generic(rng):
    x = rng.normal(size=300)
    y = 0.3 * x + rng.normal(size=300)
    fast = mi_test(x, y, n_permutations=30, random_state=1)
    assert fast.estimate == ksg_mutual_info(x, y)
    # Same permutations through the estimator itself give the same null.
    g = np.random.default_rng(1)
    null = [ksg_mutual_info(x, y[g.permutation(300)]) for _ in range(30)]
    np.testing.assert_allclose(fast.null_distribution, null, rtol=1e-12)
    assert fast.pvalue == (1 + np.sum(np.asarray(null) >= fast.estimate)) / 31


def test_mi_test_power_and_size(rng):
    x = rng.normal(size=400)
    dep = mi_test(x, x + rng.normal(size=400), n_permutations=49, random_state=0)
    assert dep.pvalue == pytest.approx(1 / 50)
    ind = mi_test(x, rng.normal(size=400), n_permutations=49, random_state=0, method="ksg2")
    assert ind.pvalue > 0.05
    mixed = mi_test(x, (x > 0).astype(int), method="mixed", n_permutations=19, random_state=0)
    assert mixed.pvalue == pytest.approx(1 / 20)
    assert len(mixed.null_distribution) == 19


def test_mi_bootstrap(rng):
    x = rng.normal(size=300)
    y = x + rng.normal(size=300)
    res = mi_bootstrap(x, y, n_resamples=40, random_state=0, noise=1e-6)
    assert res.low <= res.high and res.samples.shape == (40,)
    again = mi_bootstrap(x, y, n_resamples=40, random_state=0, noise=1e-6)
    np.testing.assert_array_equal(res.samples, again.samples)
    with pytest.raises(ValueError, match="confidence_level"):
        mi_bootstrap(x, y, confidence_level=1.5)
    with pytest.raises(ValueError, match="n_resamples"):
        mi_bootstrap(x, y, n_resamples=0)


# --- memory ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the child's RSS from /proc")
@pytest.mark.parametrize("dx", [1, 2], ids=["1d-grid-path", "2d-tree-path"])
def test_peak_memory_1e6(dx):
    # Peak RSS of a child process during one estimate at n = 1e6, minus its
    # resident size once the input exists: at most 64 MB (issue: peak <= input
    # + 64 MB). The peak is reset first (clear_refs "5" resets VmHWM) so the
    # input's own temporaries do not hide anything; where the kernel refuses
    # the reset, the un-reset peak is used, which can only overstate.
    code = textwrap.dedent(
        f"""
        import numpy as np
        import infokit.estimate as ie

        def status(key):
            with open("/proc/self/status") as f:
                return next(int(line.split()[1]) / 1024 for line in f if line.startswith(key))

        rng = np.random.default_rng(0)
        x = rng.normal(size=(1_000_000, {dx}))
        y = 0.6 * x[:, 0] + 0.8 * rng.normal(size=1_000_000)
        ie.ksg_mutual_info(x[:1000], y[:1000])  # warm imports and code paths
        try:
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")
        except OSError:
            pass
        current = status("VmRSS")
        ie.ksg_mutual_info(x, y)
        print(status("VmHWM") - current)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    extra_mb = float(out.stdout.strip())
    # Measured on 2026-11-22: 57 MB on the 1-D grid path, 61 MB on the KD-tree
    # path (2-D x 1-D: reordered copies of the joint and marginal point sets;
    # the count-only marginal trees keep no id map).
    assert extra_mb <= 64, extra_mb


def test_mixed_labels_share_the_discrete_label_encoder(rng):
    # One encoder for every estimator: categoricals work, NaN labels are refused
    # with the same message as the discrete estimators give.
    pd = pytest.importorskip("pandas")
    x = rng.normal(size=300)
    codes = (x > 0).astype(int)
    cat = pd.Series(pd.Categorical(np.where(codes, "a", "b")))
    assert mixed_mutual_info(x, cat) == mixed_mutual_info(x, codes)
    with pytest.raises(ValueError, match="y contains NaN"):
        mixed_mutual_info(x, np.array(["a", float("nan")] * 150, dtype=object))


def test_ross_warns_on_duplicates_within_a_label(rng):
    # Rounded x repeats inside each label: zero within-class radii make Ross's
    # counts meaningless (the estimate exceeds H(labels) = ln 3 here), so with
    # noise=None it must say so, like the KSG family.
    x = np.round(rng.standard_normal(2000), 1)
    labels = rng.integers(0, 3, 2000)
    with pytest.warns(TiesWarning, match="duplicate points"):
        biased = ie.mutual_info(x, labels, noise=None)
    assert biased > np.log(3)
    # The default spreads the ties (warning once, naming x) and gets ~0 for independent labels.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert abs(ie.mutual_info(x, labels, random_state=0)) < 0.02
    assert [str(w.message).split(" (")[0] for w in caught] == ["discrete-looking data in x"]
    # An explicit float noise jitters silently.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ie.mutual_info(x, labels, noise=1e-10, random_state=0) < 0.05


def test_labels_first_ties_are_named_as_the_caller_named_them(rng):
    # Under "auto", Ross takes the continuous side first; the warning still
    # says which argument of the caller's holds the ties.
    labels = rng.integers(0, 3, 500)
    x = np.round(2 * rng.standard_normal(500)) / 2  # steps of 0.5, about 15 distinct values: discrete-looking
    with pytest.warns(TiesWarning, match="data in y "):
        ie.mutual_info(labels, x, random_state=0)


def test_columns_of_very_different_scales_are_brought_together(rng):
    # scikit-learn's diabetes case: a feature of spread 0.05 against a target of
    # spread 77. Unscaled, the max-norm ball holds every x and KSG read ~0 for a
    # strong dependence (0.002 nats); each column is now scaled by the power of
    # two nearest 1 / std (exact), so the estimate is that of the unit-scale data.
    x = rng.normal(size=2000)
    y = x + rng.normal(size=2000)
    want = ksg_mutual_info(x, y)
    got = ksg_mutual_info(0.05 * x, 77.0 * y)
    assert got == pytest.approx(want, abs=0.02)
    assert got > 0.3  # truth 0.347
    # Powers of two are exact: the same estimate bit for bit.
    assert ksg_mutual_info(x * 2.0**-20, y * 2.0**30) == want
    # Ross with a two-column x of different scales, and the entropy's shift.
    labels = (x > 0).astype(int)
    two = np.column_stack([x, rng.normal(size=2000)])
    assert ie.mutual_info(two * [1e-3, 1e3], labels, method="ross") == pytest.approx(
        ie.mutual_info(two, labels, method="ross"), abs=0.02
    )
    assert ie.entropy(x * 2.0**-40, method="kl") == pytest.approx(
        ie.entropy(x, method="kl") - 40 * np.log(2), rel=1e-12
    )


def test_ross_reads_the_labels_whichever_side_they_are_on():
    # The trial: mutual_info(y, x, method="ross") with integer labels first
    # read the labels as the continuous side (0.279 against 0.476).
    rng = np.random.default_rng(4)
    y = rng.integers(0, 2, 600)
    x = rng.normal(size=600) + 1.5 * y
    ab = ie.mutual_info(x, y, method="ross", random_state=0)
    ba = ie.mutual_info(y, x, method="ross", random_state=0)
    assert ab == ba
    assert ie.mutual_info(y.astype(str), x, method="ross", random_state=0) == ab
    with pytest.raises(ValueError, match=r"^y contains NaN"):  # messages name the arguments as passed
        ie.mutual_info(y, np.r_[x[:-1], np.nan], method="ross")
