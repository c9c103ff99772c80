"""Before/after harness: every public estimate on seeded data, saved and compared bit for bit.

A refactor must not move results. Run this with the old build to save a
snapshot, then with the new one to compare::

    python tools/api_snapshot.py save before.pkl      # on the old build
    python tools/api_snapshot.py compare before.pkl   # on the new build

``compare`` prints every case whose value (or raised error type, or warning
category) differs and exits non-zero if any does. Cases use the oldest public
spelling of each name, which later versions keep as aliases.
"""

from __future__ import annotations

import pickle
import sys
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np


def _cases() -> dict[str, Callable[[], Any]]:
    import infokit.dist as dist
    import infokit.estimate as ie
    from infokit import feature_selection as fs

    rng = np.random.default_rng(20261201)
    n = 1500
    x = rng.standard_normal(n)
    y = 0.6 * x + 0.8 * rng.standard_normal(n)
    z = x + rng.standard_normal(n)
    x2 = rng.standard_normal((n, 2))
    y3 = np.column_stack([x2 @ [0.5, -0.3], rng.standard_normal((n, 2))])
    xf32 = x.astype(np.float32)
    lab = rng.integers(0, 4, n)
    lab2 = (lab + rng.integers(0, 2, n)) % 5
    lab3 = rng.integers(0, 3, n)
    strs = np.array(["a", "b", "c"])[lab3]
    ints = rng.integers(0, 10, n)
    tied = np.round(x, 1)
    X = np.column_stack([x, y, z, rng.standard_normal(n), lab.astype(float)])
    P = rng.dirichlet(np.ones(7), size=30)
    Q = rng.dirichlet(np.ones(7), size=30)
    T = rng.dirichlet(np.ones(12)).reshape(3, 4)
    T3 = rng.dirichlet(np.ones(24)).reshape(2, 3, 4)

    c: dict[str, Callable[[], Any]] = {}
    # infokit.dist
    c["dist.entropy"] = lambda: dist.entropy(P, base=2)
    c["dist.cross_entropy"] = lambda: dist.cross_entropy(P, Q)
    c["dist.kl"] = lambda: dist.kl_divergence(P, Q)
    c["dist.js"] = lambda: dist.js_divergence(P, Q)
    c["dist.jsd"] = lambda: dist.js_distance(P, Q)
    c["dist.tv"] = lambda: dist.total_variation(P, Q)
    c["dist.hellinger"] = lambda: dist.hellinger(P, Q)
    c["dist.joint_entropy"] = lambda: dist.joint_entropy(T)
    c["dist.conditional_entropy"] = lambda: dist.conditional_entropy(T3, given=2)
    c["dist.mi"] = lambda: dist.mutual_info(T)
    c["dist.cmi"] = lambda: dist.conditional_mutual_info(T3)
    for m in ("arithmetic", "geometric", "min", "max", "joint", "sqrt"):
        c[f"dist.nmi.{m}"] = lambda m=m: dist.normalized_mutual_info(T, average_method=m)
    c["dist.vi"] = lambda: dist.variation_of_information(T)
    # discrete estimators
    for est in ("plugin", "miller_madow", "grassberger", "chao_shen", "james_stein", "nsb"):
        c[f"est.entropy.{est}"] = lambda est=est: ie.entropy(lab, estimator=est)
        c[f"est.mi.{est}"] = lambda est=est: ie.mutual_info(lab, lab2, estimator=est)
        c[f"est.cmi.{est}"] = lambda est=est: ie.conditional_mutual_info(lab, lab2, lab3, estimator=est)
    c["est.entropy.strings"] = lambda: ie.entropy(strs, base=2)
    c["est.mi.strings"] = lambda: ie.mutual_info(strs, lab)
    for m in ("arithmetic", "geometric", "min", "max"):
        c[f"est.nmi.{m}"] = lambda m=m: ie.normalized_mutual_info(lab, lab2, average_method=m)
        c[f"est.ami.{m}"] = lambda m=m: ie.adjusted_mutual_info(lab, lab2, average_method=m)
    c["est.emi"] = lambda: ie.expected_mutual_info(lab, lab2)
    c["est.contingency"] = lambda: ie.contingency_table(lab, lab2)[2]
    # kNN estimators
    for method in ("ksg", "ksg2"):
        c[f"knn.mi.{method}"] = lambda method=method: ie.mutual_info(x, y, method=method)
        c[f"knn.mi.{method}.k5.locals"] = lambda method=method: ie.mutual_info(
            x, y, method=method, k=5, return_locals=True
        )
        c[f"knn.mi.{method}.2d"] = lambda method=method: ie.mutual_info(x2, y3, method=method)
        c[f"knn.mi.{method}.theiler"] = lambda method=method: ie.mutual_info(x, y, method=method, theiler=3)
        c[f"knn.mi.{method}.noise"] = lambda method=method: ie.mutual_info(
            tied, y, method=method, noise=1e-8, random_state=3
        )
        c[f"knn.cmi.{method}"] = lambda method=method: ie.conditional_mutual_info(x, y, z, method=method)
    c["knn.mi.ksg.f32"] = lambda: ie.mutual_info(xf32, y)
    # Ties are broken by seeded jitter: unseeded, these would differ from run to run.
    c["knn.mi.ksg.tied"] = lambda: ie.mutual_info(tied, y, random_state=0)
    c["knn.mi.ksg.tied2"] = lambda: ie.mutual_info(tied, np.round(y, 1), random_state=0)
    c["knn.mi.ksg.tied2.2d"] = lambda: ie.mutual_info(np.round(x2, 1), tied, method="ksg2", random_state=0)
    c["knn.mi.ksg.lnc"] = lambda: ie.ksg_mutual_info(x2, y3, lnc=0.25)
    c["knn.mi.ksg.omit"] = lambda: ie.mutual_info(np.r_[x[:-1], np.nan], y, nan_policy="omit")
    c["knn.mi.ksg.propagate"] = lambda: ie.mutual_info(np.r_[x[:-1], np.nan], y, nan_policy="propagate")
    c["knn.mi.ksg.clip"] = lambda: ie.mutual_info(x, rng.permutation(y), clip=True)
    c["knn.mi.ksg.const"] = lambda: ie.mutual_info(np.ones(n), y)
    c["knn.mi.ksg.kbig"] = lambda: ie.mutual_info(x[:10], y[:10], k=10)
    c["knn.tc"] = lambda: ie.total_correlation([x, y, z])
    c["knn.tc2"] = lambda: ie.total_correlation(np.column_stack([x, y, z]), variant=2, return_locals=True)
    c["knn.entropy.kl"] = lambda: ie.entropy(x2, method="kl")
    c["knn.entropy.kl.eucl"] = lambda: ie.kl_entropy(x2, metric="euclidean", k=4, return_locals=True)
    c["knn.entropy.kl.tied"] = lambda: ie.kl_entropy(tied, random_state=0)
    c["knn.kl"] = lambda: ie.kl_divergence(x, z)
    c["knn.kl.eucl"] = lambda: ie.wkv_kl_divergence(x2, y3[:, :2], metric="euclidean", k=2)
    c["knn.mixed"] = lambda: ie.mutual_info(x, lab, method="mixed")
    c["knn.mixed.auto"] = lambda: ie.mutual_info(lab, x)
    c["knn.mixed.2d"] = lambda: ie.mixed_mutual_info(x2, lab, return_locals=True)
    c["knn.mixed.strings"] = lambda: ie.mixed_mutual_info(x, strs)
    c["knn.gkov"] = lambda: ie.mutual_info(ints, ints + lab, method="gkov")
    c["knn.gkov.cont"] = lambda: ie.gkov_mutual_info(x, y, return_locals=True)
    # significance: the numeric fields only (the results also name the method that ran)
    c["sig.test.ksg"] = lambda: tuple(ie.mi_test(x[:300], y[:300], n_permutations=30, random_state=1))[:3]
    c["sig.test.ksg2.2d"] = lambda: tuple(
        ie.mi_test(x2[:300], y3[:300], method="ksg2", n_permutations=20, random_state=2)
    )[:3]
    c["sig.test.discrete"] = lambda: tuple(
        ie.mi_test(lab[:300], lab2[:300], method="discrete", n_permutations=30, random_state=3)
    )[:3]
    c["sig.test.mixed"] = lambda: tuple(
        ie.mi_test(x[:300], lab[:300], method="mixed", n_permutations=20, random_state=4)
    )[:3]
    c["sig.test.noise"] = lambda: ie.mi_test(tied[:300], y[:300], n_permutations=20, noise=1e-8, random_state=5)[:3]
    c["sig.boot.gkov"] = lambda: tuple(
        ie.mi_bootstrap(lab[:300], lab2[:300], method="gkov", n_resamples=20, random_state=6)
    )[:4]
    c["sig.boot.discrete"] = lambda: tuple(
        ie.mi_bootstrap(lab[:300], lab2[:300], method="discrete", n_resamples=20, random_state=7)
    )[:4]
    c["sig.boot.ksg.noise"] = lambda: tuple(
        ie.mi_bootstrap(x[:300], y[:300], n_resamples=10, noise=1e-6, random_state=8)
    )[:4]
    # paths through the front doors and the significance helpers
    import pandas as pd

    c["front.locals"] = lambda: ie.mutual_info(x, y, return_locals=True)
    c["front.pandas"] = lambda: ie.mutual_info(pd.Series(x), pd.DataFrame({"a": y, "b": z}))
    c["front.pandas.labels"] = lambda: ie.mutual_info(pd.Series(strs).astype("category"), pd.Series(lab))
    c["front.f32.2d"] = lambda: ie.mutual_info(x2.astype(np.float32), y3[:, :1].astype(np.float32), method="ksg2")
    c["front.noncontig"] = lambda: ie.mutual_info(y3[:, 0], y3[:, 1])
    c["front.cmi.omit"] = lambda: ie.conditional_mutual_info(np.r_[np.nan, x[1:]], y, z, nan_policy="omit")
    c["front.entropy.propagate"] = lambda: ie.entropy(np.r_[np.nan, x[1:]], nan_policy="propagate")
    c["sig.test.auto.labels_first"] = lambda: tuple(
        ie.mi_test(lab[:300], x[:300], method="auto", n_permutations=15, random_state=9)
    )[:3]
    c["sig.test.propagate"] = lambda: tuple(
        ie.mi_test(np.r_[np.nan, x[1:300]], y[:300], n_permutations=5, nan_policy="propagate", random_state=10)
    )[:3]
    c["sig.test.omit"] = lambda: tuple(
        ie.mi_test(np.r_[np.nan, x[1:300]], y[:300], n_permutations=5, nan_policy="omit", random_state=11)
    )[:3]
    c["sig.test.1d.theiler"] = lambda: tuple(
        ie.mi_test(x[:400], y[:400], n_permutations=10, theiler=2, random_state=12)
    )[:3]
    # MI(X; X) / min(H) rounds to 1 + 2**-52 here: NMI is clipped into [0, 1] since the layout change.
    r7 = np.random.default_rng(0)
    for _ in range(6):
        r7.integers(0, r7.integers(2, 50), r7.integers(5, 300))
    near_one = r7.integers(0, r7.integers(2, 50), r7.integers(5, 300))
    c["est.nmi.near_one.min"] = lambda: ie.normalized_mutual_info(near_one, near_one, average_method="min")
    for m in ("arithmetic", "geometric", "min", "max"):
        c[f"est.nmi.same.{m}"] = lambda m=m: ie.normalized_mutual_info(lab, lab, average_method=m)
    # feature selection
    c["fs.regression"] = lambda: fs.mutual_info_regression(X, y, random_state=0)
    c["fs.regression.discrete"] = lambda: fs.mutual_info_regression(X, y, discrete_features=[4], random_state=0)
    c["fs.classif"] = lambda: fs.mutual_info_classif(X, lab2, random_state=0)
    c["fs.classif.jobs"] = lambda: fs.mutual_info_classif(X, lab2, random_state=0, n_jobs=2)
    c["fs.matrix"] = lambda: fs.mutual_info_matrix(X, random_state=0)
    c["fs.matrix.ksg2"] = lambda: fs.mutual_info_matrix(X[:, :3], method="ksg2", random_state=1, n_jobs=2)
    return c


def _run(fn: Callable[[], Any]) -> tuple[Any, list[str]]:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            value = fn()
        except Exception as exc:
            value = ("raised", type(exc).__name__)
    return value, sorted({type(m.message).__name__ for m in w} - {"DeprecationWarning", "FutureWarning"})


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(_same(u, v) for u, v in zip(a, b))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.dtype.kind in "fc" and b.dtype.kind in "fc":
            return a.shape == b.shape and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True)
        return a.shape == b.shape and bool(np.all(a == b))
    if isinstance(a, float) and isinstance(b, float):
        return (a == b) or (a != a and b != b)
    return bool(a == b)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("save", "compare"):
        print(__doc__)
        return 2
    results = {name: _run(fn) for name, fn in _cases().items()}
    if argv[1] == "save":
        with open(argv[2], "wb") as f:
            pickle.dump(results, f)
        print(f"saved {len(results)} cases to {argv[2]}")
        return 0
    with open(argv[2], "rb") as f:
        before = pickle.load(f)
    bad = 0
    for name in sorted(set(before) - set(results)):
        bad += 1
        print(f"GONE  {name}")
    for name, (value, warned) in results.items():
        if name not in before:
            bad += 1
            print(f"NEW   {name} (not in the saved snapshot)")
            continue
        old_value, old_warned = before[name]
        if not _same(old_value, value) or old_warned != warned:
            bad += 1
            print(f"DIFF  {name}: before {old_value!r} {old_warned} | after {value!r} {warned}")
    print(f"{len(results) - bad} of {len(set(results) | set(before))} cases identical")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
