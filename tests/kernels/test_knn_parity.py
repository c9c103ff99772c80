"""Parity: compiled kNN estimators vs the brute-force twins in infokit.reference.knn.

Tie-free continuous data (normal draws), so neighbour sets are unique and counts
must agree exactly; the means then agree to rounding (1e-10 relative).
"""

import numpy as np
import pytest

import infokit.reference as ref
from infokit.estimate import (
    gkov_mutual_info,
    kl_entropy,
    ksg_conditional_mutual_info,
    ksg_mutual_info,
    mixed_mutual_info,
    total_correlation,
    wkv_kl_divergence,
)
from infokit.estimate._samples import power_of_two_scale

RTOL = 1e-10


def _close(a, b, rtol=RTOL):
    np.testing.assert_allclose(a, b, rtol=rtol, atol=1e-12)


def _dependent(rng, n, dx, dy):
    x = rng.normal(size=(n, dx))
    y = 0.5 * x[:, :1] + rng.normal(size=(n, dy))
    return x, y


@pytest.mark.parametrize("variant", [1, 2])
@pytest.mark.parametrize("k", [1, 3, 10])
@pytest.mark.parametrize("dims", [(1, 1), (2, 1), (1, 3), (2, 3), (5, 1)])
@pytest.mark.parametrize("theiler", [0, 4])
def test_ksg_mi_parity(rng, variant, k, dims, theiler):
    x, y = _dependent(rng, 300, *dims)
    got, loc = ksg_mutual_info(x, y, variant=variant, k=k, theiler=theiler, return_locals=True)
    want, wloc = ref.ksg_mi(x, y, k=k, variant=variant, theiler=theiler, return_locals=True)
    _close(got, want)
    _close(loc, wloc)


@pytest.mark.parametrize("variant", [1, 2])
def test_ksg_mi_parity_large(rng, variant):
    x, y = _dependent(rng, 2000, 1, 1)
    _close(ksg_mutual_info(x, y, variant=variant, k=3), ref.ksg_mi(x, y, k=3, variant=variant))


@pytest.mark.parametrize("variant", [1, 2])
@pytest.mark.parametrize("k", [1, 3, 10])
@pytest.mark.parametrize("dims", [(1, 1, 1), (2, 1, 2), (1, 2, 3)])
@pytest.mark.parametrize("theiler", [0, 2])
def test_cmi_parity(rng, variant, k, dims, theiler):
    n = 300
    z = rng.normal(size=(n, dims[2]))
    x = z[:, :1] + rng.normal(size=(n, dims[0]))
    y = z[:, :1] + 0.3 * x[:, :1] + rng.normal(size=(n, dims[1]))
    got, loc = ksg_conditional_mutual_info(x, y, z, variant=variant, k=k, theiler=theiler, return_locals=True)
    # The twin gets what the kernel gets: the columns at comparable spreads (exact powers of two).
    (xs, ys, zs), _ = power_of_two_scale([x, y, z])
    want, wloc = ref.ksg_cmi(xs, ys, zs, k=k, variant=variant, theiler=theiler, return_locals=True)
    _close(got, want)
    _close(loc, wloc)


@pytest.mark.parametrize("variant", [1, 2])
@pytest.mark.parametrize("k", [1, 4])
def test_total_correlation_parity(rng, variant, k):
    a = rng.normal(size=400)
    vs = [a + rng.normal(size=400), a[:, None] + rng.normal(size=(400, 2)), rng.normal(size=400) - a]
    scaled, _ = power_of_two_scale([np.reshape(v, (400, -1)) for v in vs])  # what the kernel gets
    _close(total_correlation(vs, variant=variant, k=k), ref.ksg_total_correlation(scaled, k=k, variant=variant))
    # A 2-D array means one variable per column.
    arr = np.column_stack([vs[0], vs[2]])
    _close(total_correlation(arr, variant=variant, k=k), ref.ksg_mi(scaled[0], scaled[2], k=k, variant=variant))


@pytest.mark.parametrize("metric", ["chebyshev", "euclidean"])
@pytest.mark.parametrize("k", [1, 3, 10])
@pytest.mark.parametrize("d", [1, 3, 5])
@pytest.mark.parametrize("theiler", [0, 3])
def test_kl_entropy_parity(rng, metric, k, d, theiler):
    x = rng.normal(size=(300, d))
    _close(
        kl_entropy(x, k=k, metric=metric, theiler=theiler),
        ref.knn_radius_entropy(x, k=k, metric=metric, theiler=theiler),
    )


@pytest.mark.parametrize("metric", ["chebyshev", "euclidean"])
@pytest.mark.parametrize("k", [1, 3, 10])
@pytest.mark.parametrize("d", [1, 2, 4])
def test_wkv_parity(rng, metric, k, d):
    p = rng.normal(size=(300, d))
    q = rng.normal(0.5, 1.5, size=(250, d))
    _close(wkv_kl_divergence(p, q, k=k, metric=metric), ref.knn_cross_radius_kl_divergence(p, q, k=k, metric=metric))


@pytest.mark.parametrize("k", [1, 3, 10])
@pytest.mark.parametrize("d", [1, 2])
def test_ross_parity(rng, k, d):
    n = 400
    labels = rng.integers(0, 4, n)
    labels[:3] = [7, 8, 9]  # three labels that occur once: ignored
    labels[3:8] = 5  # a class smaller than k + 1: k_c = N_c - 1
    x = rng.normal(size=(n, d)) + labels[:, None] * 0.4
    got, loc = mixed_mutual_info(x, labels, k=k, return_locals=True)
    _close(got, ref.ross_mi(x, labels, k=k))
    assert np.isnan(loc[:3]).all() and np.isfinite(loc[3:]).all()
    _close(np.mean(loc[3:]), got)


@pytest.mark.parametrize("k", [1, 3, 10])
@pytest.mark.parametrize("theiler", [0, 2])
def test_gkov_parity_continuous(rng, k, theiler):
    x, y = _dependent(rng, 300, 2, 1)
    _close(gkov_mutual_info(x, y, k=k, theiler=theiler), ref.ksg_gkov_mi(x, y, k=k, theiler=theiler))


@pytest.mark.parametrize("k", [1, 3, 10])
def test_gkov_parity_with_ties(rng, k):
    # Discrete x, mixed y (half the y values are an atom at 0): rho = 0 for many points.
    x = rng.integers(0, 3, 400).astype(float)
    y = np.where(rng.random(400) < 0.5, 0.0, x + rng.normal(size=400))
    _close(gkov_mutual_info(x, y, k=k), ref.ksg_gkov_mi(x, y, k=k))


@pytest.mark.parametrize("alpha", [0.1, 0.5])
def test_lnc_parity(rng, alpha):
    x = rng.normal(size=500)
    y = x + 0.01 * rng.normal(size=500)  # strongly dependent: the correction matters
    # k = 6: inside the measured range for alpha = 0.5 at d = 2 (no LNCWarning)
    got, loc = ksg_mutual_info(x, y, k=6, lnc=alpha, return_locals=True)
    base, bloc = ref.ksg_mi(x, y, k=6, return_locals=True)
    corr = ref.knn_indices_lnc_correction(x, y, k=6, alpha=alpha)
    assert corr.sum() > 0
    _close(loc, bloc + corr)
    _close(got, base + corr.mean())


# --- layouts and dtypes: the same numbers whatever the memory layout ------------


def _layouts(a):
    yield "C", np.ascontiguousarray(a)
    yield "F", np.asfortranarray(a)
    big = np.zeros((a.shape[0] * 2, a.shape[1] + 1))
    big[::2, 1:] = a
    yield "strided", big[::2, 1:]


def test_layouts_and_float32(rng):
    x, y = _dependent(rng, 500, 2, 2)
    want = ref.ksg_mi(x, y)
    for _, xv in _layouts(x):
        for _, yv in _layouts(y):
            _close(ksg_mutual_info(xv, yv), want)
    x32, y32 = x.astype(np.float32), y.astype(np.float32)
    _close(ksg_mutual_info(x32, y32), ref.ksg_mi(x32.astype(float), y32.astype(float)))
    _close(kl_entropy(x32), ref.knn_radius_entropy(x32.astype(float)))


def test_pandas_input(rng):
    pd = pytest.importorskip("pandas")
    x, y = _dependent(rng, 300, 2, 1)
    df = pd.DataFrame(x, columns=["a", "b"])
    s = pd.Series(y[:, 0])
    _close(ksg_mutual_info(df, s), ref.ksg_mi(x, y))
    labels = pd.Series(pd.Categorical(np.where(x[:, 0] > 0, "pos", "neg")))
    _close(mixed_mutual_info(s, labels), ref.ross_mi(y, np.asarray(labels)))


@pytest.mark.parametrize(
    "fn",
    [
        lambda x, y, z, nj: ksg_mutual_info(x, y, n_jobs=nj, return_locals=True),
        lambda x, y, z, nj: ksg_mutual_info(x, y, variant=2, n_jobs=nj),
        lambda x, y, z, nj: ksg_conditional_mutual_info(x, y, z, n_jobs=nj),
        lambda x, y, z, nj: gkov_mutual_info(x, y, n_jobs=nj),
        lambda x, y, z, nj: kl_entropy(x, n_jobs=nj, return_locals=True),
        lambda x, y, z, nj: wkv_kl_divergence(x, y, n_jobs=nj),
        lambda x, y, z, nj: mixed_mutual_info(x, (y[:, 0] > 0).astype(int), n_jobs=nj),
        lambda x, y, z, nj: ksg_mutual_info(x, y, n_jobs=nj, k=4, lnc=0.3),
    ],
)
def test_n_jobs_bit_identical(rng, fn):
    x, y = _dependent(rng, 5000, 1, 1)
    z = rng.normal(size=5000)
    a, b = fn(x, y, z, 1), fn(x, y, z, 2)
    if isinstance(a, tuple):
        assert a[0] == b[0]
        np.testing.assert_array_equal(a[1], b[1])
    else:
        assert a == b
