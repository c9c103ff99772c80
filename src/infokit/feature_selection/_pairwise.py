"""One MI estimate per (column, column) pair, and a deterministic threaded map.

The three pair kinds and their estimators (all in nats, never jittered or
clipped here; the callers prepare the columns and decide about clipping):

- continuous / continuous: KSG estimator 1 (or 2) on the max-norm,
- continuous / discrete:   Ross (2014), the estimator of mutual_info_classif,
- discrete / discrete:     plug-in MI of the contingency table.

Threading: every task is independent and reads prepared, read-only columns,
so running tasks on a thread pool cannot change any result. The compiled
kernels release the GIL, which is what lets the pool use several cores.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Sequence, TypeVar

import numpy as np

T = TypeVar("T")
R = TypeVar("R")


def mi_continuous(x: np.ndarray, y: np.ndarray, *, k: int, variant: int, n_jobs: int) -> float:
    """KSG MI of two prepared continuous columns (no jitter added, no clipping)."""
    from infokit.estimate._knn import ksg_mutual_info

    return float(ksg_mutual_info(x, y, variant=variant, k=k, noise=None, n_jobs=n_jobs))


def mi_mixed(c: np.ndarray, labels: np.ndarray, *, k: int, n_jobs: int) -> float:
    """Ross MI of a prepared continuous column and integer label codes."""
    from infokit.estimate._knn import mixed_mutual_info

    return float(mixed_mutual_info(c, labels, k=k, n_jobs=n_jobs))


def mi_discrete(a: np.ndarray, b: np.ndarray) -> float:
    """Plug-in MI of two label-code columns."""
    from infokit.estimate._discrete import mutual_info

    return float(mutual_info(a, b, estimator="plugin"))


def thread_map(fn: Callable[[T], R], items: Sequence[T], n_jobs: int) -> list[R]:
    """``[fn(item) for item in items]`` on up to ``n_jobs`` threads, in item order."""
    if n_jobs <= 1 or len(items) <= 1:
        return [fn(item) for item in items]
    with ThreadPoolExecutor(max_workers=min(n_jobs, len(items))) as pool:
        return list(pool.map(fn, items))


def run_tasks(tasks: Sequence[Callable[[int], float]], n_jobs: int) -> np.ndarray:
    """Run ``task(kernel_jobs)`` for every task; results in task order.

    With at least as many tasks as threads, the threads go to the tasks (one
    column or pair each, kernels single-threaded: no fork/join inside every
    kernel call); with fewer tasks, tasks run in turn and the threads go to the
    kernel's own parallel loop over queries. The kernels are bit-identical for
    any thread count, so both paths give the same numbers.
    """
    if len(tasks) < n_jobs:
        return np.array([task(n_jobs) for task in tasks], dtype=np.float64)
    return np.array(thread_map(lambda task: task(1), tasks, n_jobs), dtype=np.float64)
