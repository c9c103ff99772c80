"""The one-dimensional kernels that need no tree (knn/ross1d.hpp, the shared
sorted target of knn/pair1d.hpp, the radix sort of core/sort.hpp) against the
general KD-tree code (knn/engine.hpp) and the brute-force twins (reference/knn.py).

The 1-D Ross path computes the same distances and counts with the same
arithmetic as the tree path, so pointwise terms must agree bit for bit; the
brute-force twin is an independent O(n^2) computation (1e-10).
"""

import threading

import numpy as np
import pytest

import infokit.reference as ref
from infokit._kernels import knn as _k
from infokit._kernels import knn1d as _k1
from infokit.estimate import mixed_mutual_info
from infokit.estimate._knn_core import kernel_mean


def _labels(rng, n, n_classes, singletons=0):
    lab = rng.integers(0, n_classes, n)
    # singleton classes: dropped by the estimator, their locals NaN
    lab[:singletons] = n_classes + np.arange(singletons)
    return np.unique(lab, return_inverse=True)[1].astype(np.int64)


def _ross_both(x, codes, k, n_jobs=1):
    """(sum, n_kept, n_zero) and locals of the 1-D path and of the tree path."""
    n = len(x)
    n_classes = int(codes.max()) + 1
    l1, l2 = np.empty(n), np.empty(n)
    a = _k1.RossLabels1D(codes, n_classes).score(np.ascontiguousarray(x, dtype=np.float64), k, n_jobs, l1)
    b = _k.ross_mi(np.ascontiguousarray(x, dtype=np.float64).reshape(-1, 1), codes, n_classes, k, n_jobs, l2)
    assert a[1:] == b[1:]  # the same kept points, the same zero radii
    return (a, l1), (b, l2)


def _ross_zero_radii(x, codes, k):
    """Brute force: kept points whose k_c-th within-class distance is 0 (>= k_c exact copies in the class)."""
    sizes = np.bincount(codes)
    out = 0
    for i in range(len(x)):
        nc = sizes[codes[i]]
        if nc < 2:
            continue
        copies = int(np.sum((codes == codes[i]) & (x == x[i]))) - 1
        out += copies >= min(k, nc - 1)
    return out


@pytest.mark.parametrize("n", [2, 7, 300, 3000, 30_000])
@pytest.mark.parametrize("k", [1, 3, 8])
def test_ross1d_equals_tree(rng, n, k):
    codes = _labels(rng, n, 5, singletons=min(3, n // 3))
    x = rng.normal(size=n) + 0.7 * codes
    (a, la), (b, lb) = _ross_both(x, codes, k)
    np.testing.assert_array_equal(la, lb)  # NaN where the class is a singleton
    np.testing.assert_allclose(a[0], b[0], rtol=1e-12)
    assert a[1] == int(np.sum(np.bincount(codes)[codes] >= 2)) and a[2] == 0


def test_ross1d_ties_and_signed_zeros(rng):
    # Duplicates within and across classes: zero within-class radii (m = 1)
    # and long equal runs in the counts; -0.0 and 0.0 sort apart, compare equal.
    n = 5000
    codes = _labels(rng, n, 4)
    x = rng.integers(0, 50, n).astype(float)
    x[:200] = -0.0
    x[200:400] = 0.0
    (a, la), (b, lb) = _ross_both(x, codes, 3)
    np.testing.assert_array_equal(la, lb)
    np.testing.assert_allclose(a[0], b[0], rtol=1e-12)
    assert a[1] == n
    assert a[2] == _ross_zero_radii(x, codes, 3) > 0


def test_ross1d_many_small_classes(rng):
    # Classes of 2-3 members: k_c = min(k, N_c - 1) < k for most points.
    n = 4000
    codes = np.repeat(np.arange(1500), 3)[:n].astype(np.int64)
    rng.shuffle(codes)
    x = rng.standard_cauchy(n)
    (a, la), (b, lb) = _ross_both(x, codes, 5)
    np.testing.assert_array_equal(la, lb)
    np.testing.assert_allclose(a[0], b[0], rtol=1e-12)


def test_ross1d_matches_bruteforce_twin(rng):
    n = 1500
    codes = _labels(rng, n, 6, singletons=2)
    x = rng.normal(size=n) * (1 + codes)
    got = mixed_mutual_info(x, codes, k=3)
    np.testing.assert_allclose(got, ref.ross_mi(x, codes, k=3), rtol=1e-10)


def test_ross1d_thread_count_invariant(rng):
    n = 60_000
    codes = _labels(rng, n, 5)
    x = rng.normal(size=n) + codes
    (a1, l1), _ = _ross_both(x, codes, 3, n_jobs=1)
    (a2, l2), _ = _ross_both(x, codes, 3, n_jobs=2)
    assert a1 == a2
    np.testing.assert_array_equal(l1, l2)


def test_ross1d_no_repeated_label(rng):
    x = rng.normal(size=10)
    codes = np.arange(10, dtype=np.int64)
    lab = _k1.RossLabels1D(codes, 10)
    assert lab.n_kept == 0
    locals_ = np.zeros(10)
    assert lab.score(x, 3, 1, locals_) == (0.0, 0, 0)
    assert np.isnan(locals_).all()
    assert _k.ross_mi(x.reshape(-1, 1).copy(), codes, 10, 3, 1) == (0.0, 0, 0)
    assert kernel_mean((0.0, 0, 0)) == 0.0


def test_ross1d_length_mismatch():
    lab = _k1.RossLabels1D(np.zeros(5, dtype=np.int64), 1)
    with pytest.raises(ValueError, match="one entry per label"):
        lab.score(np.zeros(4), 3, 1)


@pytest.mark.parametrize("variant", [1, 2])
def test_shared_target_equals_pair(rng, variant):
    # One sorted y, many columns: the same terms as building each pair afresh.
    n = 20_000
    y = rng.normal(size=n)
    target = _k1.KsgTarget1D(y)
    for rho in (0.0, 0.5, 0.95):
        x = rho * y + np.sqrt(1 - rho**2) * rng.normal(size=n)
        la, lb = np.empty(n), np.empty(n)
        a = target.score(x, variant, 3, 1, la)
        b = _k1.KsgPair1D(x.reshape(-1, 1).copy(), y.reshape(-1, 1).copy(), 1).run(variant, 3, 0, 1, lb)
        assert a == b
        np.testing.assert_array_equal(la, lb)


def test_shared_target_concurrent_scores(rng):
    # score() reads the shared target only: concurrent calls give the serial numbers.
    n = 30_000
    y = rng.normal(size=n)
    target = _k1.KsgTarget1D(y)
    cols = [0.3 * j * y + rng.normal(size=n) for j in range(6)]
    serial = [target.score(c, 1, 3, 1) for c in cols]
    out = [None] * len(cols)

    def work(j):
        out[j] = target.score(cols[j], 1, 3, 1)

    threads = [threading.Thread(target=work, args=(j,)) for j in range(len(cols))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == serial


def test_shared_target_matches_bruteforce_twin(rng):
    n = 800
    y = rng.normal(size=n)
    x = 0.6 * y + 0.8 * rng.normal(size=n)
    result = _k1.KsgTarget1D(y).score(x, 1, 3, 1)
    assert result[1:] == (n, 0)
    np.testing.assert_allclose(kernel_mean(result), ref.ksg_mi(x, y, k=3), rtol=1e-10)


@pytest.mark.filterwarnings("ignore::infokit.TiesWarning")  # ties are the point here
@pytest.mark.parametrize(
    "kind",
    ["narrow", "ints", "huge_offset"],
)
def test_radix_prefix_runs(rng, kind):
    # The radix sort orders only the leading varying digits and then fixes runs
    # of keys that agree on them: values packed in a tiny range (long runs,
    # sorted with std::sort), integers (ties) and a huge offset (few varying
    # bits). The grid path (radix) must give the tree path's (std::sort) terms.
    n = 6000
    z = rng.normal(size=n)
    if kind == "narrow":
        x = 1.0 + 1e-13 * z
    elif kind == "ints":
        x = rng.integers(0, 40, n).astype(float)
    else:
        x = 1e8 + z
    y = z + rng.normal(size=n)
    xa, ya = x.reshape(-1, 1).copy(), y.reshape(-1, 1).copy()
    gl, tl = np.empty(n), np.empty(n)
    _k1.KsgPair1D(xa, ya, 1).run(_k.MODE_KSG1, 3, 0, 1, gl)
    _k.Ksg([xa, ya], [[0], [1]], _k.MODE_KSG1, 3, 0).run(1, tl)
    np.testing.assert_array_equal(gl, tl)


def test_estimate_kernels_share_one_result_shape(rng):
    # Every kNN estimate kernel returns (sum of terms, n_terms, n_zero_radius);
    # the estimate is kernel_mean of it. Duplicates give zero radii everywhere.
    n = 400
    x = rng.integers(0, 5, n).astype(float)
    x[:100] += rng.normal(size=100)  # some tie-free points too
    y = x + rng.integers(0, 3, n)
    codes = _labels(rng, n, 3, singletons=2)
    xa, ya = x.reshape(-1, 1).copy(), y.reshape(-1, 1).copy()
    n_kept = int(np.sum(np.bincount(codes)[codes] >= 2))
    results = {
        "Ksg": (_k.Ksg([xa, ya], [[0], [1]], _k.MODE_KSG1, 3, 0).run(1), n),
        "Ksg gkov": (_k.Ksg([xa, ya], [[0], [1]], _k.MODE_GKOV, 3, 0).run(1), n),
        "KsgPair1D": (_k1.KsgPair1D(xa, ya, 1).run(_k.MODE_KSG1, 3, 0, 1), n),
        "KsgTarget1D": (_k1.KsgTarget1D(y).score(x, 1, 3, 1), n),
        "ross_mi": (_k.ross_mi(xa, codes, int(codes.max()) + 1, 3, 1), n_kept),
        "RossLabels1D": (_k1.RossLabels1D(codes, int(codes.max()) + 1).score(x, 3, 1), n_kept),
    }
    for name, (res, n_terms) in results.items():
        assert isinstance(res, tuple) and len(res) == 3, name
        total, got_terms, n_zero = res
        assert type(total) is float and type(got_terms) is int and type(n_zero) is int, name
        assert got_terms == n_terms and 0 < n_zero < n_terms, name
    assert results["ross_mi"][0][2] == results["RossLabels1D"][0][2] == _ross_zero_radii(x, codes, 3)
    assert results["KsgPair1D"][0] == results["KsgTarget1D"][0]
