"""The normal-scores kernel (infokit._kernels.copula) against its NumPy twin (infokit.reference.normal_scores)."""

from __future__ import annotations

import numpy as np
import pytest

from infokit import reference as ref
from infokit.estimate._gaussian import _score_table, normal_scores, project


@pytest.mark.parametrize("n", [1, 2, 7, 255, 256, 2047, 2048, 5000])
@pytest.mark.parametrize("layout", ["C", "F", "strided"])
def test_kernel_equals_twin_bit_for_bit(rng, n, layout):
    x = rng.standard_normal((n, 6))
    x[:, 1] = np.round(x[:, 1] * 2)  # ties
    x[:, 2] = 3.0  # constant
    x[:, 3] = np.where(rng.random(n) < 0.5, -0.0, 0.0)  # signed zeros are ties
    x[:, 4] = np.exp(20 * x[:, 4])  # a huge range
    if layout == "F":
        x = np.asfortranarray(x)
    elif layout == "strided":
        x = np.repeat(x, 2, axis=1)[::1, ::2]
    got, ties = normal_scores(x, 1)
    want, want_ties = ref.normal_scores(x)
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(ties, want_ties)


def test_threads_do_not_change_the_result(rng):
    x = rng.standard_normal((3000, 9))
    a, _ = normal_scores(x, 1)
    b, _ = normal_scores(x, 2)
    np.testing.assert_array_equal(a, b)


def test_score_table_is_shared_and_read_only():
    t = _score_table(10)
    assert t is _score_table(10) and not t.flags.writeable and len(t) == 21


@pytest.mark.parametrize("layout", ["C", "F"])
def test_fused_projection_equals_twin(rng, layout):
    x = rng.standard_normal((3000, 20))
    x[:, 3] = np.round(x[:, 3])
    x[:, 4] = 1.0
    if layout == "F":
        x = np.asfortranarray(x)
    w = np.ascontiguousarray(rng.standard_normal((3000, 3)))
    codes = rng.integers(0, 4, 3000)
    for got, want in zip(project(x, w, None, 3, 2), ref.normal_scores_project(x, w)):
        np.testing.assert_allclose(got, want, rtol=1e-11, atol=1e-9)
    for got, want in zip(project(x, None, codes, 4, 1), ref.normal_scores_project(x, codes=codes, dw=4)):
        np.testing.assert_allclose(got, want, rtol=1e-11, atol=1e-9)
    a = project(x, w, None, 3, 1)
    b = project(x, w, None, 3, 2)
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)


@pytest.mark.parametrize("n", [256, 4999, 20_000])
def test_bucket_and_radix_rankings_agree_with_twin(rng, n):
    # The ranking takes value buckets for evenly spread columns and the radix
    # sort for those it declines (heavy tails, outliers, a zero or infinite
    # spread); each column here exercises one side, in both layouts.
    z = rng.standard_normal(n)
    cols = {
        "normal": z,
        "uniform": rng.random(n),
        "lognormal": np.exp(z),
        "cauchy": rng.standard_cauchy(n),
        "outlier": np.where(np.arange(n) == n // 3, 1e12, z),
        "rounded": np.round(z, 1),
        "two values": np.where(z > 0, 1.0, -1.0),
        "tiny spread": 1.0 + z * 1e-15,
        "subnormal": z * 5e-324,
        "huge": z * 1e307,
        "reversed": np.sort(z)[::-1].copy(),
        "sorted": np.sort(z),
    }
    x = np.stack(list(cols.values()), axis=1)
    for layout in ("C", "F"):
        xl = np.asfortranarray(x) if layout == "F" else x
        got, ties = normal_scores(xl, 2)
        want, want_ties = ref.normal_scores(xl)
        for j, name in enumerate(cols):
            np.testing.assert_array_equal(got[j], want[j], err_msg=name)
        np.testing.assert_array_equal(ties, want_ties)
    y = np.ascontiguousarray(rng.standard_normal((n, 1)))
    for got, want in zip(project(x, y, None, 1, 1), ref.normal_scores_project(x, y)):
        np.testing.assert_allclose(got, want, rtol=1e-11, atol=1e-9)
