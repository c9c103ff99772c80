"""KD-tree exactness at the edges the SIMD loops and dimension dispatch must get right.

The compiled tree (cpp/include/infokit/knn/kdtree.hpp, knn/kdtree_simd.hpp) has
compile-time paths for dimensions 2, 3, 4, 6, 8 and a generic one; odd
dimensions take a scalar tail after the two-lane SSE2 loop. The data here sit on
a lattice scaled by 0.1 (not exactly representable), so many marginal distances
equal the radius rho up to rounding: a count that used a different subtraction
than the one that produced rho, or a box test that was not a sound bound, would
miscount (a neighbour at distance rho counted or not by rounding). Lattice points are unique in the joint space, so rho > 0
and KSG-1's counts are defined whatever neighbour ties are broken; the
brute-force twins in infokit.reference must agree to rounding.
"""

import numpy as np
import pytest

import infokit.reference as ref
from infokit.estimate import kl_entropy, ksg_mutual_info, wkv_kl_divergence


def _lattice(rng, n, d, levels=5):
    # Unique rows drawn from a small lattice of multiples of 0.1.
    rows: set[tuple[int, ...]] = set()
    while len(rows) < n:
        rows.add(tuple(int(v) for v in rng.integers(0, levels, d)))
    return 0.1 * np.array(sorted(rows), dtype=float)[rng.permutation(n)]


@pytest.mark.parametrize("dims", [(4, 4), (3, 2), (1, 4), (2, 5), (3, 3)])
@pytest.mark.parametrize("k", [1, 3])
def test_ksg1_lattice_ties(rng, dims, k):
    dx, dy = dims
    xy = _lattice(rng, 300, dx + dy, levels=4 if dx + dy >= 6 else 6)
    x, y = xy[:, :dx], xy[:, dx:]
    # noise=None: the kernel's counts on exact ties, against the reference's.
    got, loc = ksg_mutual_info(x, y, k=k, return_locals=True, noise=None)
    want, wloc = ref.ksg_mi(x, y, k=k, return_locals=True)
    np.testing.assert_allclose(loc, wloc, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
    assert ksg_mutual_info(x, y, k=k, n_jobs=2, noise=None) == got


@pytest.mark.parametrize("d", [2, 3, 4, 5, 6, 7, 8])
@pytest.mark.parametrize("metric", ["chebyshev", "euclidean"])
def test_entropy_and_divergence_every_dispatch(rng, d, metric):
    # Continuous draws: these check the dispatched kNN search, not ties.
    x = rng.normal(size=(700, d))
    q = rng.normal(0.3, 1.2, size=(500, d))
    np.testing.assert_allclose(
        kl_entropy(x, k=3, metric=metric), ref.knn_radius_entropy(x, k=3, metric=metric), rtol=1e-10
    )
    np.testing.assert_allclose(
        wkv_kl_divergence(x, q, k=2, metric=metric),
        ref.knn_cross_radius_kl_divergence(x, q, k=2, metric=metric),
        rtol=1e-10,
    )
    assert kl_entropy(x, k=3, metric=metric, n_jobs=2) == kl_entropy(x, k=3, metric=metric, n_jobs=1)
