"""method="histogram": bin codes from infokit's histograms, then the discrete estimators."""

import math

import numpy as np
import pytest

import infokit
import infokit.estimate as ie


def _plugin_mi_from_table(H):
    p = H / H.sum()
    px, py = p.sum(axis=1), p.sum(axis=0)
    m = p > 0
    return float((p[m] * np.log(p[m] / np.outer(px, py)[m])).sum())


@pytest.mark.parametrize("bins", [5, 30, "fd", "sturges", "quantile"])
def test_mi_is_the_plugin_on_numpys_table(rng, bins):
    x = rng.normal(size=3000)
    y = x + rng.normal(size=3000)
    ex = np.histogram_bin_edges(x, bins=bins) if bins != "quantile" else infokit.histogram_bin_edges(x, bins=bins)
    ey = np.histogram_bin_edges(y, bins=bins) if bins != "quantile" else infokit.histogram_bin_edges(y, bins=bins)
    H, _, _ = np.histogram2d(x, y, bins=[ex, ey])
    assert ie.mutual_info(x, y, method="histogram", bins=bins) == pytest.approx(_plugin_mi_from_table(H), rel=1e-12)


def test_every_discrete_estimator_runs_on_the_codes(rng):
    x = rng.normal(size=2000)
    y = x + rng.normal(size=2000)
    cx = np.digitize(x, np.histogram_bin_edges(x, 12)[1:-1])
    cy = np.digitize(y, np.histogram_bin_edges(y, 12)[1:-1])
    for est in ("plugin", "miller_madow", "grassberger", "chao_shen"):
        got = ie.mutual_info(x, y, method="histogram", bins=12, estimator=est)
        assert got == pytest.approx(ie.mutual_info(cx, cy, estimator=est), rel=1e-12), est
    h = ie.entropy(x, method="histogram", bins=12, estimator="nsb", differential=False)
    assert h == pytest.approx(ie.entropy(cx, estimator="nsb", n_bins=12), rel=1e-10)


def test_differential_entropy_adds_the_log_bin_volume(rng):
    x = rng.normal(size=100_000)
    edges = np.histogram_bin_edges(x, 100)
    discrete = ie.entropy(x, method="histogram", bins=100, differential=False)
    assert ie.entropy(x, method="histogram", bins=100) == pytest.approx(
        discrete + math.log(edges[1] - edges[0]), rel=1e-12
    )
    assert ie.entropy(x, method="histogram", bins=100) == pytest.approx(0.5 * math.log(2 * math.pi * math.e), abs=0.01)
    # Two columns: a 2-D grid; the volume is the product of the widths.
    X = rng.normal(size=(100_000, 2))
    assert ie.entropy(X, method="histogram", bins=40) == pytest.approx(math.log(2 * math.pi * math.e), abs=0.03)
    assert ie.entropy(x, method="histogram", bins=100, base=2) == pytest.approx(
        ie.entropy(x, method="histogram", bins=100) / math.log(2), rel=1e-12
    )


def test_multicolumn_variables_bin_on_a_grid(rng):
    X = rng.normal(size=(5000, 2))
    y = X[:, 0] + X[:, 1] + rng.normal(size=5000)
    H, _ = np.histogramdd(np.column_stack([X, y]), bins=6)
    got = ie.mutual_info(X, y, method="histogram", bins=6)
    assert got == pytest.approx(_plugin_mi_from_table(H.reshape(36, 6)), rel=1e-12)
    # Per-column specs for x and a separate one for y.
    got = ie.mutual_info(X, y, method="histogram", bins=([4, 8], 5))
    H, _ = np.histogramdd(np.column_stack([X, y]), bins=[4, 8, 5])
    assert got == pytest.approx(_plugin_mi_from_table(H.reshape(32, 5)), rel=1e-12)


def test_conditional_mi_is_the_discrete_cmi_of_the_codes(rng):
    z = rng.normal(size=20_000)
    x, y = z + rng.normal(size=20_000), z + rng.normal(size=20_000)
    codes = [np.digitize(v, np.histogram_bin_edges(v, 8)[1:-1]) for v in (x, y, z)]
    got = ie.conditional_mutual_info(x, y, z, method="histogram", bins=8)
    assert got == pytest.approx(ie.conditional_mutual_info(*codes), rel=1e-12)
    assert abs(got) < 0.03  # independent given z, up to binning and bias


def test_permutation_test_permutes_codes_without_rebinning(rng):
    x = rng.normal(size=800)
    y = 0.3 * x + rng.normal(size=800)
    res = ie.mi_test(x, y, method="histogram", bins=10, n_permutations=30, random_state=4)
    cx = np.digitize(x, np.histogram_bin_edges(x, 10)[1:-1])
    cy = np.digitize(y, np.histogram_bin_edges(y, 10)[1:-1])
    perm_rng = np.random.default_rng(4)
    by_hand = [ie.mutual_info(cx, cy[perm_rng.permutation(800)]) for _ in range(30)]
    np.testing.assert_allclose(res.null_distribution, by_hand, rtol=1e-12)
    assert res.method == "histogram"


def test_constant_columns_and_nan_policy(rng):
    x = np.full(100, 2.0)
    assert ie.mutual_info(x, rng.normal(size=100), method="histogram", bins=5) == 0.0
    v = rng.normal(size=100)
    w = v.copy()
    w[3] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        ie.mutual_info(w, v, method="histogram")
    assert math.isnan(ie.mutual_info(w, v, method="histogram", nan_policy="propagate"))
    keep = ~np.isnan(w)
    assert ie.mutual_info(w, v, method="histogram", nan_policy="omit", bins=5) == ie.mutual_info(
        w[keep], v[keep], method="histogram", bins=5
    )


def test_bad_bins(rng):
    x, y = rng.normal(size=(2, 200))
    with pytest.raises(ValueError):
        ie.mutual_info(x, y, method="histogram", bins=0)
    with pytest.raises(ValueError):
        ie.mutual_info(x, y, method="histogram", bins=np.array([1.0, 0.0, 2.0]))
    with pytest.raises(ValueError, match="outside the bin edges"):
        ie.mutual_info(x, y, method="histogram", bins=np.array([-0.5, 0.0, 0.5]))
    with pytest.raises(ValueError, match="one per column"):
        ie.mutual_info(rng.normal(size=(200, 2)), y, method="histogram", bins=[3, 4, 5])
    with pytest.raises(ValueError):
        ie.mutual_info(x, y, method="histogram", bins="nonsense")
    with pytest.raises(TypeError, match="bins"):
        ie.mutual_info(x, y, method="histogram", bins=1.5)
    with pytest.raises(ValueError, match="same number of samples"):
        ie.mutual_info(x, y[:-1], method="histogram")


@pytest.mark.parametrize("rho", [0.3, 0.6])
def test_adaptive_partition_on_gaussians(rng, rho):
    # Darbellay and Vajda's partition: no bin count, close to the closed form
    # at n = 2e4 (it underestimates strong dependence a little, as published).
    x = rng.normal(size=20_000)
    y = rho * x + math.sqrt(1 - rho**2) * rng.normal(size=20_000)
    got = ie.mutual_info(x, y, method="histogram", bins="adaptive")
    assert got == pytest.approx(-0.5 * math.log(1 - rho**2), abs=0.02)
    # Ranks only: any increasing map of either column gives the same partition.
    assert ie.mutual_info(np.exp(x), y**3, method="histogram", bins="adaptive") == got
    assert ie.adaptive_partition_mutual_info(x, y, base=2) == pytest.approx(got / math.log(2), rel=1e-12)


def test_adaptive_partition_independence_and_symmetric_dependence(rng):
    x, y = rng.normal(size=(2, 20_000))
    assert abs(ie.mutual_info(x, y, method="histogram", bins="adaptive")) < 0.005
    # Y = X^2: every quadrant of the first split is uniform; the two-level test sees inside them.
    u = rng.uniform(-2, 2, 10_000)
    assert ie.mutual_info(u, u**2 + 0.1 * rng.normal(size=10_000), method="histogram", bins="adaptive") > 1.5


def test_adaptive_partition_refuses_what_it_cannot_do(rng):
    X, y = rng.normal(size=(200, 2)), rng.normal(size=200)
    with pytest.raises(ValueError, match="one column"):
        ie.mutual_info(X, y, method="histogram", bins="adaptive")
    with pytest.raises(ValueError, match="plugin"):
        ie.mutual_info(X[:, 0], y, method="histogram", bins="adaptive", estimator="miller_madow")
    res = ie.mi_test(X[:, 0], y, method="histogram", bins="adaptive", n_permutations=9, random_state=0)
    assert res.method == "histogram" and len(res.null_distribution) == 9


@pytest.mark.parametrize("bins", [7, 64, "fd", "quantile", (9, "sturges")])
def test_two_pass_plugin_equals_the_codes_path(rng, bins):
    # One column each: the range scan and the 2-D counts, against the
    # general path (per-sample codes and the discrete plug-in), bit for bit
    # for any n_jobs; float32 input is binned as its float64 values.
    x = rng.normal(size=300_001)
    y = np.exp(x + rng.normal(size=300_001))
    y[::1000] = -0.0
    x[7] = 0.0
    want = ie.mutual_info(x, y, method="histogram", bins=bins, estimator="plugin")
    codes = ie.discrete_mutual_info(
        infokit._histogram.bin_codes(
            [x], [infokit.histogram_bin_edges(x, bins if not isinstance(bins, tuple) else bins[0])]
        ),
        infokit._histogram.bin_codes(
            [y], [infokit.histogram_bin_edges(y, bins if not isinstance(bins, tuple) else bins[1])]
        ),
    )
    assert want == pytest.approx(codes, rel=1e-12)
    for jobs in (2, 3, -1):
        assert ie.mutual_info(x, y, method="histogram", bins=bins, n_jobs=jobs) == want
    x32, y32 = x.astype(np.float32), y.astype(np.float32)
    assert ie.mutual_info(x32, y32, method="histogram", bins=bins) == ie.mutual_info(
        x32.astype(np.float64), y32.astype(np.float64), method="histogram", bins=bins
    )


def test_two_pass_plugin_hands_non_finite_data_to_the_general_path(rng):
    x, y = rng.normal(size=(2, 1000))
    for bad in (np.inf, -np.inf, np.nan):
        w = x.copy()
        w[500] = bad
        with pytest.raises(ValueError, match="NaN or inf"):
            ie.mutual_info(w, y, method="histogram", bins=8)
        keep = np.isfinite(w)
        assert ie.mutual_info(w, y, method="histogram", bins=8, nan_policy="omit") == ie.mutual_info(
            w[keep], y[keep], method="histogram", bins=8
        )
        assert math.isnan(ie.mutual_info(w, y, method="histogram", bins=8, nan_policy="propagate"))
    with pytest.raises(ValueError, match="too far apart"):
        ie.mutual_info(np.array([1e308, -1e308, 0.0]), np.arange(3.0), method="histogram", bins=2)
    with pytest.raises(ValueError, match="nan_policy"):
        ie.mutual_info(x, y, method="histogram", nan_policy="nope")
