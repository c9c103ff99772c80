"""``infokit bench``: infokit beside whatever anchors are installed, timed in one run.

A small, installed cousin of ``benchmarks/report.py`` (which needs the
repository): a handful of the README's rows, each the median of a few runs of
infokit and of its anchor doing the same work on the same data, printed as a
ratio. Anchors that are not installed are left out, never faked.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Case", "cases", "run"]


@dataclass
class Case:
    """One row: an operation, infokit's call and the anchor's, and a check that they agree."""

    name: str
    anchor: str  # the anchor's library, for the table
    infokit: Callable[[], Any]
    other: Callable[[], Any]
    agree: Callable[[Any, Any], bool]


def _have(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def cases(scale: float = 1.0) -> list[Case]:
    """The rows whose anchors are installed; ``scale`` shrinks the data (``--quick``)."""
    import infokit.dist as dist
    import infokit.estimate as ie
    from infokit import feature_selection as fs

    rng = np.random.default_rng(0)
    out: list[Case] = []
    n = int(1e6 * scale)
    P = rng.dirichlet(np.ones(1000), size=max(1, int(1000 * scale)))
    if _have("scipy"):
        from scipy import stats

        out.append(
            Case(
                f"dist entropy {len(P)}x1000",
                "SciPy",
                lambda: dist.entropy(P, axis=1),
                lambda: stats.entropy(P, axis=1),
                lambda a, b: np.allclose(a, b, rtol=1e-10),
            )
        )
    a, b = rng.integers(0, 100, n), rng.integers(0, 100, n)
    x = rng.standard_normal(max(1000, n // 10))
    y = 0.6 * x + 0.8 * rng.standard_normal(len(x))
    if _have("sklearn"):
        from sklearn import feature_selection as sk_fs
        from sklearn import metrics

        out.append(
            Case(
                f"discrete mi n={n:.0e} 100x100",
                "scikit-learn",
                lambda: ie.mutual_info(a, b),
                lambda: metrics.mutual_info_score(a, b),
                lambda u, v: abs(u - v) < 1e-9,
            )
        )
        X = rng.standard_normal((max(1000, int(1e4 * scale)), 20))
        t = X[:, 0] + 0.5 * X[:, 1] + 0.5 * rng.standard_normal(len(X))
        out.append(
            Case(
                f"mutual_info_regression n={len(X):.0e} p=20",
                "scikit-learn",
                lambda: fs.mutual_info_regression(X, t, random_state=0),
                lambda: sk_fs.mutual_info_regression(X, t, random_state=0),
                lambda u, v: np.allclose(u, v, rtol=1e-6, atol=1e-9),
            )
        )
        out.append(
            Case(
                f"ksg 1-D x 1-D k=3 n={len(x):.0e}",
                "scikit-learn",
                lambda: ie.mutual_info(x, y),
                lambda: float(sk_fs.mutual_info_regression(x[:, None], y, random_state=0)[0]),
                lambda u, v: abs(u - v) < 0.02,  # scikit-learn jitters and clips; same estimator
            )
        )
    return out


def _median_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), result


def _fmt(seconds: float) -> str:
    for unit, s in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= s:
            return f"{seconds / s:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def run(quick: bool = False, out: Callable[[str], None] = print) -> int:
    """Time every case and print the ratio table; 1 if any pair disagreed, else 0."""
    rows = cases(0.1 if quick else 1.0)
    if not rows:
        out("no anchors installed (SciPy, scikit-learn): nothing to compare with")
        return 0
    out("| benchmark | infokit | anchor | speed-up |")
    out("|---|---|---|---|")
    failed = 0
    for case in rows:
        case.infokit()  # warm-up (first-call imports, caches)
        t_ours, ours = _median_time(case.infokit, 3)
        t_theirs, theirs = _median_time(case.other, 1 if t_ours * 30 > 5 else 3)
        ok = case.agree(ours, theirs)
        failed += not ok
        mark = "" if ok else "  (results disagree!)"
        out(f"| {case.name} | {_fmt(t_ours)} | {case.anchor} {_fmt(t_theirs)} | {t_theirs / t_ours:.1f}x |{mark}")
    return 1 if failed else 0
