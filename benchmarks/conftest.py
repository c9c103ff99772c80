"""Shared vocabulary of the benchmark suites: implementation names, thread counts, checks.

Every benchmark is parametrized over ``impl`` names from :data:`IMPLS`, one
pytest-benchmark group per (operation, size), and records its name and role
with :func:`start`, which ``report.py`` reads back:

==============  ==========================================================
``infokit``     infokit with ``n_jobs=1`` (one thread)
``infokit-2t``  infokit with ``n_jobs=2``
``reference``   infokit's NumPy twin of the kernel (``infokit.reference``)
``sklearn``     anchor: scikit-learn
``scipy``       anchor: SciPy (``scipy.stats``, ``scipy.spatial.distance``)
``ckdtree``     anchor: the same estimator written with ``scipy.spatial.cKDTree``
``numpy``       anchor: plain NumPy
``torch``       anchor: the tutorials' hand-written PyTorch
==============  ==========================================================

After timing, every benchmark checks its result against a value it did not
compute itself: an anchor against infokit, infokit against the anchor
(:func:`cross_check`), and both against a closed form where one exists.

These helpers are imported by the bench files (``from conftest import ...``):
run the suites as ``pytest benchmarks --benchmark-only``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

# infokit implementations and their n_jobs.
INFOKIT_JOBS = {"infokit": 1, "infokit-2t": 2}
REFERENCE = "reference"
# Anchors, named by library: the code infokit is compared with in the same run.
ANCHORS = {
    "sklearn": "scikit-learn",
    "scipy": "SciPy",
    "ckdtree": "scipy.spatial.cKDTree",
    "numpy": "NumPy",
    "torch": "hand-written PyTorch (the tutorials' code)",
}
IMPLS = {
    **{name: f"infokit, n_jobs={jobs}" for name, jobs in INFOKIT_JOBS.items()},
    REFERENCE: "infokit.reference (NumPy twin of the kernel)",
    **{name: f"anchor: {lib}" for name, lib in ANCHORS.items()},
}


def impls(*anchors: str, threads: bool = True, reference: bool = False) -> list[str]:
    """The ``impl`` parameter list of a benchmark: its anchors, infokit, and optionally more.

    ``threads=False`` leaves out ``infokit-2t`` (for code paths without threads);
    ``reference=True`` adds the NumPy twin.
    """
    unknown = [a for a in anchors if a not in ANCHORS]
    if unknown:
        raise ValueError(f"unknown anchors {unknown}; known: {sorted(ANCHORS)}")
    names = [*anchors, "infokit"]
    if threads:
        names.append("infokit-2t")
    if reference:
        names.append(REFERENCE)
    return names


def is_anchor(impl: str) -> bool:
    return impl in ANCHORS


def n_jobs(impl: str) -> int:
    """The thread count of an infokit implementation."""
    try:
        return INFOKIT_JOBS[impl]
    except KeyError:
        raise ValueError(f"{impl!r} is not an infokit implementation ({sorted(INFOKIT_JOBS)})") from None


def start(benchmark, group: str, impl: str) -> None:
    """Name the group and record the implementation (and whether it is the anchor) for report.py."""
    if impl not in IMPLS:
        raise ValueError(f"unknown implementation {impl!r}; known: {sorted(IMPLS)}")
    benchmark.group = group
    benchmark.extra_info["impl"] = impl
    if is_anchor(impl):
        benchmark.extra_info["anchor"] = True


def cross_check(impl: str, *, anchor: Callable[[], Any], infokit: Callable[[], Any]) -> Any:
    """The value to check ``impl``'s result against: the other side's, computed outside the timing.

    An anchor is checked against infokit and everything else against the
    anchor, so no result is ever compared with itself.
    """
    return infokit() if is_anchor(impl) else anchor()


# Closed forms shared by several suites.


def gaussian_mi(rho: float) -> float:
    """I(X; Y) = -0.5 log(1 - rho^2) nats for a bivariate normal with correlation rho."""
    return float(-0.5 * np.log1p(-(rho**2)))


def mixture_mi(means: np.ndarray) -> float:
    """I(X; Y) for Y uniform over classes and X | Y=c ~ N(means[c], 1), in nats.

    I = h(X) - h(X | Y), h(X | Y) = 0.5 log(2 pi e); h(X) by the trapezoid rule
    on a grid fine enough (step 1e-3 over +-12 sd) for 1e-8 accuracy.
    """
    means = np.asarray(means, dtype=float)
    grid = np.arange(means.min() - 12, means.max() + 12, 1e-3)
    dens = np.exp(-0.5 * (grid[:, None] - means[None, :]) ** 2).mean(axis=1) / np.sqrt(2 * np.pi)
    safe = np.where(dens > 0, dens, 1.0)
    trapezoid = np.trapezoid if hasattr(np, "trapezoid") else np.trapz  # noqa: NPY201 (NumPy < 2)
    h = -trapezoid(dens * np.log(safe), grid)
    return float(h - 0.5 * np.log(2 * np.pi * np.e))
