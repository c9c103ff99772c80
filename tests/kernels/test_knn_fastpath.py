"""The 1-D x 1-D fast path (rank grid + sorted marginals, knn/pair1d.hpp) against
the general KD-tree path (knn/engine.hpp) on the same data.

Both compute the same counts with the same arithmetic, so the pointwise terms
must agree bit for bit; only the order of the final sum differs (1e-13).
Sizes are chosen to exercise one cell, many cells and many 32 x 32 tiles of the
grid, the radix sort (n >= 256) and the small-n std::sort, compile-time k
(KSG-1 without a Theiler window: 1..8; otherwise 1..6) and the generic k
buffer (larger k). The KSG-1 search and counts have a baseline and an AVX2
form (core/dispatch.hpp): the tests marked with the ``form`` fixture run both
against the tree, and test_forms_bit_identical compares them directly.
"""

import numpy as np
import pytest

import infokit.reference as ref
from infokit._kernels import knn as _k
from infokit._kernels import knn1d as _k1
from infokit.estimate import ksg_mutual_info, mi_test
from infokit.estimate._knn_core import kernel_mean


@pytest.fixture(params=["auto", "baseline"])
def form(request):
    """Run the test with the kernel form this CPU picks, then with the baseline form."""
    _k1.set_kernel_isa(request.param)
    yield request.param
    _k1.set_kernel_isa("auto")


def _col(a):
    return np.ascontiguousarray(np.asarray(a, dtype=np.float64).reshape(-1, 1))


def _both(x, y, variant, k, theiler=0, n_jobs=1):
    """(mean, locals) of the grid kernel and of the KD-tree kernel on the same data."""
    xa, ya = _col(x), _col(y)
    n = len(xa)
    mode = _k.MODE_KSG1 if variant == 1 else _k.MODE_KSG2
    gl, tl = np.empty(n), np.empty(n)
    g = _k1.KsgPair1D(xa, ya, n_jobs).run(mode, k, theiler, n_jobs, gl)
    t = _k.Ksg([xa, ya], [[0], [1]], mode, k, theiler).run(n_jobs, tl)
    assert g[1] == t[1] == n and g[2] == t[2]  # same terms, same zero radii
    return (kernel_mean(g), gl), (kernel_mean(t), tl)


def _data(kind, n, rng):
    if kind == "cauchy":
        x = rng.standard_cauchy(n)
        return x, x + rng.standard_cauchy(n)
    rho = float(kind)
    x = rng.normal(size=n)
    return x, rho * x + np.sqrt(1 - rho**2) * rng.normal(size=n)


@pytest.mark.parametrize("kind", ["0", "0.9", "0.999", "cauchy"])
@pytest.mark.parametrize("n", [40, 300, 3000, 40_000])
@pytest.mark.parametrize("variant", [1, 2])
def test_grid_equals_tree(form, rng, kind, n, variant):
    x, y = _data(kind, n, rng)
    (g, gl), (t, tl) = _both(x, y, variant, 3)
    np.testing.assert_array_equal(gl, tl)
    np.testing.assert_allclose(g, t, rtol=1e-13)


@pytest.mark.parametrize("k", [1, 2, 4, 5, 6, 7, 10])
@pytest.mark.parametrize("theiler", [0, 3])
@pytest.mark.parametrize("variant", [1, 2])
def test_grid_equals_tree_k_and_theiler(form, rng, k, theiler, variant):
    x, y = _data("0.6", 5000, rng)
    (_, gl), (_, tl) = _both(x, y, variant, k, theiler)
    np.testing.assert_array_equal(gl, tl)


@pytest.mark.filterwarnings("ignore::infokit.TiesWarning")  # ties are the point here
def test_grid_equals_tree_with_ties(form, rng):
    # Duplicates: the k-th distance and strict counts do not depend on which
    # tied neighbour is picked, so KSG-1 terms still agree exactly (rho = 0 too).
    x = rng.integers(0, 30, 6000).astype(float)
    y = x + rng.integers(0, 5, 6000)
    x[:100] = -0.0  # signed zeros sort apart but compare equal
    x[100:200] = 0.0
    (_, gl), (_, tl) = _both(x, y, 1, 3)
    np.testing.assert_array_equal(gl, tl)


def test_grid_extreme_values(form, rng):
    # Magnitudes across the whole exponent range exercise every radix digit.
    # Such data are full of rounded distance ties (fl(q - p) == q for tiny p),
    # which leave KSG-2's neighbour SET ambiguous; KSG-1 only needs the k-th
    # distance, which is unambiguous.
    x = rng.normal(size=4000) * 10.0 ** rng.integers(-300, 300, 4000)
    y = rng.normal(size=4000) * 10.0 ** rng.integers(-30, 30, 4000)
    (_, gl), (_, tl) = _both(x, y, 1, 3)
    np.testing.assert_array_equal(gl, tl)


@pytest.mark.parametrize("variant", [1, 2])
def test_grid_equals_tree_clustered_marginals(form, rng, variant):
    # The marginal counts start from a value -> rank lookup with equal-width
    # buckets between the 1/512 and 511/512 quantiles. Here 2% of the values
    # are far outliers that stretch that range, so the other 97% crowd into a
    # few buckets, and for KSG-1 the rest sit on a coarse lattice (ties at
    # bucket edges): the lookup's windows are long or miss the boundary, and
    # the counts must still be exact.
    # (Tied distances leave KSG-2's neighbour set, hence its radii, ambiguous.)
    n = 20_000
    x = rng.uniform(0, 1e-6, n)
    far = rng.random(n) < 0.02
    x[far] = rng.choice([-1.0, 1.0], far.sum()) * 10.0 ** rng.uniform(3, 6, far.sum())
    if variant == 1:
        lattice = rng.random(n) < 0.01
        x[lattice] = np.round(rng.uniform(-5, 5, lattice.sum()), 1)
    y = x + rng.standard_cauchy(n) * 1e-7
    (g, gl), (t, tl) = _both(x, y, variant, 3)
    np.testing.assert_array_equal(gl, tl)
    np.testing.assert_allclose(g, t, rtol=1e-13)


@pytest.mark.parametrize("n", [4000, 7500])
@pytest.mark.parametrize("k", [1, 3, 8])
def test_ksg1_block_scan_at_tile_seams(form, rng, n, k):
    # KSG-1 scans the 3 x 3 block around a query as runs of cells contiguous in
    # storage, split where a run crosses a 32-cell tile. n = 4000 gives a 33 x 33
    # grid at k = 3 (one seam, a last tile one cell wide), n = 7500 a 46 x 46
    # grid; dependent data put queries on every seam and on the grid's edges.
    x, y = _data("0.95", n, rng)
    (g, gl), (t, tl) = _both(x, y, 1, k)
    np.testing.assert_array_equal(gl, tl)
    np.testing.assert_allclose(g, t, rtol=1e-13)


@pytest.mark.filterwarnings("ignore::infokit.TiesWarning")
@pytest.mark.parametrize("k", [1, 2, 3, 5, 8])
@pytest.mark.parametrize("kind", ["0", "0.99", "cauchy", "ties"])
def test_forms_bit_identical(rng, k, kind):
    # The baseline and AVX2 forms of KSG-1 (block scan in two or four lanes,
    # counts by scalar or vector compares) give the same pointwise terms.
    if kind == "ties":
        x = rng.integers(0, 40, 5000).astype(float)
        y = x + rng.integers(0, 3, 5000)
    else:
        x, y = _data(kind, 5000, rng)
    if _k1.kernel_isa() == "baseline":
        pytest.skip("this CPU (or build) has no AVX2 form to compare with the baseline")
    xa, ya = _col(x), _col(y)
    runs = {}
    try:
        for name in ("baseline", "auto"):
            _k1.set_kernel_isa(name)
            loc = np.empty(len(x))
            runs[_k1.kernel_isa()] = (_k1.KsgPair1D(xa, ya, 1).run(_k.MODE_KSG1, k, 0, 1, loc), loc)
    finally:
        _k1.set_kernel_isa("auto")
    (a, la), (b, lb) = runs["baseline"], runs["avx2"]
    np.testing.assert_array_equal(la, lb)
    assert a == b


def test_set_kernel_isa_rejects_unknown_forms():
    with pytest.raises(ValueError, match="unknown kernel form"):
        _k1.set_kernel_isa("sse9")


@pytest.mark.parametrize("variant", [1, 2])
@pytest.mark.parametrize("theiler", [0, 2])
def test_grid_parity_with_reference(rng, variant, theiler):
    # Large enough for a 29 x 29 grid (many cells, one tile).
    x, y = _data("0.8", 3000, rng)
    got, loc = ksg_mutual_info(x, y, variant=variant, theiler=theiler, return_locals=True)
    want, wloc = ref.ksg_mi(x, y, k=3, variant=variant, theiler=theiler, return_locals=True)
    np.testing.assert_allclose(got, want, rtol=1e-10)
    np.testing.assert_allclose(loc, wloc, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("variant", [1, 2])
def test_grid_threads_bit_identical(rng, variant):
    x, y = _data("0.5", 60_000, rng)
    one = ksg_mutual_info(x, y, variant=variant, n_jobs=1)
    two = ksg_mutual_info(x, y, variant=variant, n_jobs=2)
    assert one == two


def test_permute_y_matches_fresh_build(rng):
    x, y = _data("0.7", 5000, rng)
    xa, ya = _col(x), _col(y)
    pair = _k1.KsgPair1D(xa, ya, 1)
    for seed in range(3):
        perm = np.random.default_rng(seed).permutation(5000)
        pair.permute_y(perm)
        fresh = _k1.KsgPair1D(xa, np.ascontiguousarray(ya[perm]), 1)
        for mode in (1, 2):
            la, lb = np.empty(5000), np.empty(5000)
            a = pair.run(mode, 3, 1, 1, la)
            b = fresh.run(mode, 3, 1, 1, lb)
            assert a == b
            np.testing.assert_array_equal(la, lb)
    with pytest.raises(ValueError, match="perm"):
        pair.permute_y(np.arange(3))


def test_mi_test_fast_null_matches_estimator(rng):
    x, y = _data("0.2", 3000, rng)
    res = mi_test(x, y, n_permutations=5, random_state=3)
    g = np.random.default_rng(3)
    null = [ksg_mutual_info(x, y[g.permutation(3000)]) for _ in range(5)]
    np.testing.assert_array_equal(res.null_distribution, null)
