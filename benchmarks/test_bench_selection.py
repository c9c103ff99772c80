"""Multivariate feature selection: infokit's greedy engine beside the mRMR packages, same run.

Run: ``python -m pytest benchmarks/test_bench_selection.py --benchmark-only -q``

Groups:

* ``select discrete 1e4x200 K=20 <criterion>``: 8-level features, plug-in MI.
  Anchors: ``numpy``, the same greedy selection as a NumPy user writes it (one
  ``bincount`` per term, terms cached like infokit's), checked to select the
  same features; ``feature_engine`` (``MRMR(method="MID")`` on discrete
  features: scikit-learn's contingency MI), mRMR only. The ``cmim`` rows show
  Fleuret's lazy evaluation against the NumPy anchor's eager one.
* ``select continuous <shape> K=<k> <criterion>``: Gaussian features, kNN MI.
  Anchor: ``feature_engine`` (``MRMR(method="MID")``: scikit-learn's kNN MI,
  the same KSG / Ross estimators), on a smaller shape than infokit's own row
  because it takes minutes on the full one.
* ``mrmr`` (mrmr_selection's ``mrmr_classif``) ranks by an F-test and Pearson
  correlation, no MI at all: timed for reference, not checked against MI.

Each infokit row is checked after timing against the anchor's selection (or
the NumPy anchor's), never against itself.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import is_anchor, n_jobs, start

from infokit.feature_selection import select_features


def _run(benchmark, group, impl, fn, rounds=3):
    start(benchmark, group, impl)
    return benchmark.pedantic(fn, rounds=1 if is_anchor(impl) else rounds, iterations=1)


def _discrete(n=10_000, p=200, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 8, size=(n, p))
    y = (X[:, 0] + X[:, 3] + X[:, 7] + rng.integers(0, 3, n)) % 8
    return X, y


def _numpy_greedy(X, y, criterion, k):
    """Greedy mRMR / JMI / CMIM with plug-in MI from one bincount per term, terms cached (eager)."""
    n, p = X.shape

    def h(codes):
        c = np.bincount(codes)
        c = c[c > 0] / n
        return float(-(c * np.log(c)).sum())

    L, ly = X.max(axis=0) + 1, int(y.max()) + 1
    hx = np.array([h(X[:, j]) for j in range(p)])
    hy = h(y)
    hxy = np.array([h(X[:, j] * ly + y) for j in range(p)])
    rel = hx + hy - hxy
    red, cond, sel = np.zeros((p, 0)), np.zeros((p, 0)), []
    while len(sel) < k:
        if not sel:
            score = rel.copy()
        elif criterion == "mrmr":
            score = rel - red.mean(axis=1)
        elif criterion == "cmim":  # min_j I(X_k; Y | X_j) = min_j (r_k - R_kj + C_kj)
            score = (rel[:, None] - red + cond).min(axis=1)
        else:  # jmi: sum_j I(X_k X_j; Y) = sum_j (r_j + r_k - R_kj + C_kj)
            score = (rel[sel][None, :] + rel[:, None] - red + cond).sum(axis=1)
        score[sel] = -np.inf
        j = int(np.argmax(score))
        sel.append(j)
        r = np.array([hx[i] + hx[j] - h(X[:, j] * L[i] + X[:, i]) for i in range(p)])
        red = np.column_stack([red, r])
        if criterion != "mrmr":
            c = np.array([hxy[i] + hxy[j] - h((X[:, j] * L[i] + X[:, i]) * ly + y) - hy for i in range(p)])
            cond = np.column_stack([cond, c])
    return sel


@pytest.mark.parametrize("impl", ["numpy", "feature_engine", "mrmr", "infokit"])
@pytest.mark.parametrize("criterion", ["mrmr", "jmi", "cmim"])
def test_select_discrete(benchmark, impl, criterion):
    X, y = _discrete()
    k = 20
    group = f"select discrete 1e4x200 K=20 {criterion}"
    if impl == "numpy":
        got = _run(benchmark, group, impl, lambda: _numpy_greedy(X, y, criterion, k))
        want = select_features(X, y, criterion=criterion, n_features_to_select=k).ranking.tolist()
    elif impl == "feature_engine":
        if criterion != "mrmr":
            pytest.skip("feature-engine implements mRMR only")
        fe = pytest.importorskip("feature_engine.selection")
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame(X, columns=[f"x{j}" for j in range(X.shape[1])])
        sel = fe.MRMR(method="MID", max_features=k, discrete_features=True, random_state=0)
        _run(benchmark, group, impl, lambda: sel.fit(frame, y))
        kept = sorted(int(c[1:]) for c in frame.columns if c not in sel.features_to_drop_)
        assert len(kept) == k
        return
    elif impl == "mrmr":
        if criterion != "mrmr":
            pytest.skip("mrmr_selection implements mRMR only")
        mrmr = pytest.importorskip("mrmr")
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame(X, columns=[f"x{j}" for j in range(X.shape[1])])
        target = pd.Series(y)
        got = _run(benchmark, group, impl, lambda: mrmr.mrmr_classif(frame, target, K=k, show_progress=False, n_jobs=1))
        assert len(got) == k  # F-test relevance: no MI figure to check
        return
    else:
        res = _run(benchmark, group, impl, lambda: select_features(X, y, criterion=criterion, n_features_to_select=k))
        got, want = res.ranking.tolist(), _numpy_greedy(X, y, criterion, k)
    assert got == want


@pytest.mark.parametrize(
    ("impl", "shape", "k", "criterion"),
    [
        ("feature_engine", (2000, 50), 10, "mrmr"),
        ("infokit", (2000, 50), 10, "mrmr"),
        ("infokit-2t", (10_000, 200), 20, "mrmr"),
        ("infokit-2t", (10_000, 200), 20, "jmi"),
    ],
)
def test_select_continuous(benchmark, impl, shape, k, criterion):
    n, p = shape
    rng = np.random.default_rng(1)
    X = rng.normal(size=(n, p))
    y = (X[:, 0] + X[:, 1] * X[:, 2] + 0.5 * rng.normal(size=n) > 0).astype(int)
    group = f"select continuous {n}x{p} K={k} {criterion}"
    if impl == "feature_engine":
        fe = pytest.importorskip("feature_engine.selection")
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)])
        sel = fe.MRMR(method="MID", max_features=k, random_state=0, n_jobs=1)
        _run(benchmark, group, impl, lambda: sel.fit(frame, y))
        kept = {int(c[1:]) for c in frame.columns if c not in sel.features_to_drop_}
        ours = set(select_features(X, y, criterion="mrmr", n_features_to_select=k, random_state=0).ranking.tolist())
        assert 0 in kept and 0 in ours
        return
    res = _run(
        benchmark, group, impl,
        lambda: select_features(X, y, criterion=criterion, n_features_to_select=k, random_state=0, n_jobs=n_jobs(impl)),
    )  # fmt: skip
    assert res.ranking[0] == 0  # the one strongly relevant column comes first
