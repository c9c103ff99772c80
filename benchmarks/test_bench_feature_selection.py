"""Feature screening: infokit's drop-ins and MI matrix beside scikit-learn, same run.

Run: ``python -m pytest benchmarks/test_bench_feature_selection.py --benchmark-only -q``

Implementations (see conftest.py): ``sklearn`` (the anchor) and ``infokit-2t``,
both with two threads (``n_jobs=2``, named in each group). Every benchmark
asserts its result against a closed form after timing (Gaussian MI, or a
numerically integrated Gaussian-mixture MI), so the anchor and infokit are both
checked. scikit-learn takes tens of seconds on these sizes: one round, one
iteration.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from conftest import gaussian_mi, is_anchor, mixture_mi, n_jobs, start

import infokit.feature_selection as fs

sk_fs = pytest.importorskip("sklearn.feature_selection")
sk_metrics = pytest.importorskip("sklearn.metrics")

IMPLS = ["sklearn", "infokit-2t"]
N_JOBS = n_jobs("infokit-2t")  # the anchor gets the same two threads


def _run(benchmark, group, impl, fn):
    start(benchmark, group, impl)
    if is_anchor(impl):
        return benchmark.pedantic(fn, rounds=1, iterations=1)
    return benchmark.pedantic(fn, rounds=3, iterations=1)


def _regression_data(n, p, seed=0):
    """y = X b + noise with X ~ N(0, I): each (x_j, y) is bivariate normal.

    corr(x_j, y) = b_j / sqrt(|b|^2 + s^2), so I(x_j; y) = -0.5 log(1 - rho_j^2).
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    b = np.zeros(p)
    b[:5] = [1.0, 0.8, 0.6, 0.4, 0.2]
    s = 0.5
    y = X @ b + s * rng.standard_normal(n)
    rho = b / np.sqrt(b @ b + s**2)
    return X, y, np.array([gaussian_mi(r) for r in rho])


def _classif_data(n, p, n_classes=5, seed=1):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, n_classes, n)
    X = rng.standard_normal((n, p))
    shifts = np.zeros(p)
    shifts[:5] = [2.0, 1.0, 0.5, 0.25, 0.1]
    X += shifts * (y[:, None] - (n_classes - 1) / 2)
    truth = np.array([mixture_mi(s * (np.arange(n_classes) - (n_classes - 1) / 2)) for s in shifts])
    return X, y, truth


@pytest.mark.parametrize("impl", IMPLS)
def test_mi_regression_1e5x50(benchmark, impl):
    X, y, truth = _regression_data(100_000, 50)
    func = sk_fs.mutual_info_regression if is_anchor(impl) else fs.mutual_info_regression
    group = "mutual_info_regression n=1e5 p=50 n_jobs=2"
    mi = _run(benchmark, group, impl, lambda: func(X, y, random_state=0, n_jobs=N_JOBS))
    # KSG at n = 1e5, k = 3: sd ~ 0.003 nats, bias below that for these correlations.
    assert np.abs(mi - truth).max() < 0.02


@pytest.mark.parametrize("impl", IMPLS)
def test_mi_classif_1e5x50(benchmark, impl):
    X, y, truth = _classif_data(100_000, 50)
    func = sk_fs.mutual_info_classif if is_anchor(impl) else fs.mutual_info_classif
    group = "mutual_info_classif n=1e5 p=50 classes=5 n_jobs=2"
    mi = _run(benchmark, group, impl, lambda: func(X, y, random_state=0, n_jobs=N_JOBS))
    assert np.abs(mi - truth).max() < 0.02


def _matrix_data(n, p, seed=2):
    """Columns in 5 blocks sharing one factor each: corr 0.64 within a block, 0 across.

    x = 0.8 f_block + 0.6 e, so rho = 0.64 within a block; I = -0.5 log(1 - rho^2).
    """
    rng = np.random.default_rng(seed)
    block = np.arange(p) % 5
    f = rng.standard_normal((n, 5))
    X = 0.8 * f[:, block] + 0.6 * rng.standard_normal((n, p))
    same = block[:, None] == block[None, :]
    truth = np.where(same, gaussian_mi(0.64), 0.0)
    np.fill_diagonal(truth, np.nan)
    return X, truth


def _sklearn_matrix(X, n_jobs):
    # What users write today: one mutual_info_regression call per column,
    # each pair computed once.
    p = X.shape[1]
    out = np.full((p, p), np.nan)
    for j in range(p - 1):
        mi = sk_fs.mutual_info_regression(X[:, j + 1 :], X[:, j], random_state=0, n_jobs=n_jobs)
        out[j, j + 1 :] = mi
        out[j + 1 :, j] = mi
    return out


def _matrix_case(benchmark, group, impl, n, p):
    X, truth = _matrix_data(n, p)
    if is_anchor(impl):
        fn = lambda: _sklearn_matrix(X, N_JOBS)
    else:
        fn = lambda: fs.mutual_info_matrix(X, clip=True, random_state=0, n_jobs=N_JOBS)
    M = _run(benchmark, group, impl, fn)
    off = ~np.eye(p, dtype=bool)
    # n = 1e4: sd ~ 0.01 nats per pair; the max over all pairs stays below 0.05.
    assert np.abs(M[off] - truth[off]).max() < 0.05


@pytest.mark.parametrize("impl", IMPLS)
def test_mi_matrix_1e4x20(benchmark, impl):
    _matrix_case(benchmark, "mutual_info_matrix n=1e4 p=20 n_jobs=2", impl, 10_000, 20)


# scikit-learn needs 1-2 minutes for the 1225 pairs of p = 50; its run is opt-in
# (INFOKIT_BENCH_SLOW_ANCHORS=1) so the default suite stays short. The p = 20
# group above gives the ratio in every run.
_SLOW = os.environ.get("INFOKIT_BENCH_SLOW_ANCHORS") == "1"


@pytest.mark.parametrize(
    "impl",
    [
        pytest.param("sklearn", marks=pytest.mark.skipif(not _SLOW, reason="set INFOKIT_BENCH_SLOW_ANCHORS=1")),
        "infokit-2t",
    ],
)
def test_mi_matrix_1e4x50(benchmark, impl):
    _matrix_case(benchmark, "mutual_info_matrix n=1e4 p=50 n_jobs=2", impl, 10_000, 50)


def _onehot_label_matrix(X, levels):
    # The fastest NumPy form: one-hot columns, every pair's contingency table
    # as a block of O^T O (one GEMM), then the plug-in MI of each block.
    n, p = X.shape
    onehot = np.zeros((n, p * levels))
    onehot[np.arange(n)[:, None], np.arange(p) * levels + X] = 1.0
    counts = onehot.T @ onehot
    xlogx = np.where(counts > 0, counts * np.log(np.maximum(counts, 1.0)), 0.0)
    offsets = np.arange(p) * levels
    s = np.add.reduceat(np.add.reduceat(xlogx, offsets, axis=0), offsets, axis=1)
    t = np.diag(s)
    out = np.log(n) - (t[:, None] + t[None, :] - s) / n
    np.fill_diagonal(out, np.nan)
    return out


def _sklearn_label_matrix(X):
    p = X.shape[1]
    out = np.full((p, p), np.nan)
    for i in range(p):
        for j in range(i + 1, p):
            out[i, j] = out[j, i] = sk_metrics.mutual_info_score(X[:, i], X[:, j])
    return out


@pytest.mark.parametrize("impl", ["sklearn", "numpy", "infokit", "infokit-2t"])
def test_mi_matrix_labels_1000x200(benchmark, impl):
    # All 19900 pairs of 200 label columns (8 levels) over 1000 rows.
    rng = np.random.default_rng(0)
    X = rng.integers(0, 8, size=(1000, 200))
    X[:, 1] = X[:, 0]  # one dependent pair: its MI is H(X_0)
    fns = {
        "sklearn": lambda: _sklearn_label_matrix(X),
        "numpy": lambda: _onehot_label_matrix(X, 8),
    }
    fn = fns.get(impl, lambda: fs.mutual_info_matrix(X, n_jobs=n_jobs(impl)))
    start(benchmark, "mutual_info_matrix labels 1000x200 8 levels", impl)
    rounds = 1 if impl == "sklearn" else 5
    M = benchmark.pedantic(fn, rounds=rounds, iterations=1, warmup_rounds=0 if impl == "sklearn" else 1)
    expected = _onehot_label_matrix(X, 8) if impl != "numpy" else fs.mutual_info_matrix(X)
    off = ~np.eye(200, dtype=bool)
    np.testing.assert_allclose(np.asarray(M)[off], np.asarray(expected)[off], rtol=1e-9, atol=1e-12)
