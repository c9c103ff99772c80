"""The one seam for parallel work behind ``n_jobs``: features, pairs, columns.

Every task list that ``n_jobs`` spreads over cores goes through :func:`map_tasks`
(or :func:`run_tasks`, which also decides whether threads go to the tasks or
to the kernels inside them). The executor that runs the tasks is swappable
with :func:`use_executor`: a distributed engine (Dask, Ray, ...) can run the
same tasks without touching any estimator, as long as it returns results in
task order.

Determinism does not depend on scheduling: tasks are independent and read
prepared, read-only inputs, and any randomness a task needs comes from a seed
drawn for it up front, in task order (:func:`task_seeds`), never from a shared
generator at run time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol, TypeVar

import numpy as np

__all__ = ["Executor", "ThreadExecutor", "map_tasks", "run_tasks", "task_seeds", "use_executor"]

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Runs ``fn`` over ``items`` on up to ``n_jobs`` workers, results in item order."""

    def map(self, fn: Callable[[T], R], items: Sequence[T], n_jobs: int) -> list[R]: ...


class ThreadExecutor:
    """The default: a thread pool (the compiled kernels release the GIL)."""

    def map(self, fn: Callable[[T], R], items: Sequence[T], n_jobs: int) -> list[R]:
        if n_jobs <= 1 or len(items) <= 1:
            return [fn(item) for item in items]
        with ThreadPoolExecutor(max_workers=min(n_jobs, len(items))) as pool:
            return list(pool.map(fn, items))


_executor: Executor = ThreadExecutor()


@contextlib.contextmanager
def use_executor(executor: Executor) -> Iterator[Executor]:
    """Run every task list inside the ``with`` block on ``executor``."""
    global _executor
    previous, _executor = _executor, executor
    try:
        yield executor
    finally:
        _executor = previous


def map_tasks(fn: Callable[[T], R], items: Sequence[T], n_jobs: int) -> list[R]:
    """``[fn(item) for item in items]`` on the current executor, in item order."""
    return _executor.map(fn, items, n_jobs)


def run_tasks(tasks: Sequence[Callable[[int], float]], n_jobs: int) -> np.ndarray:
    """Run ``task(kernel_jobs)`` for every task; float64 results in task order.

    With at least as many tasks as threads, the threads go to the tasks (one
    column or pair each, kernels single-threaded: no fork/join inside every
    kernel call); with fewer tasks, tasks run in turn and the threads go to the
    kernel's own parallel loop over queries. The kernels are bit-identical for
    any thread count, so both paths give the same numbers.
    """
    if len(tasks) < n_jobs:
        return np.array([task(n_jobs) for task in tasks], dtype=np.float64)
    return np.array(map_tasks(lambda task: task(1), tasks, n_jobs), dtype=np.float64)


def task_seeds(rng: np.random.Generator, m: int) -> list[int]:
    """One seed per task, drawn in task order before anything runs.

    Each task then draws from its own generator, so its randomness depends on
    ``random_state`` and its position only, never on ``n_jobs`` or on which
    worker runs it.
    """
    return [int(s) for s in rng.integers(0, 2**63 - 1, size=m, dtype=np.int64)]
