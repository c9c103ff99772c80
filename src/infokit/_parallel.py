"""The one seam for parallel work behind ``n_jobs``: features, pairs, columns.

Every task list that ``n_jobs`` spreads over cores goes through :func:`map_tasks`
(or :func:`run_tasks`, which also decides whether threads go to the tasks or
to the kernels inside them: with fewer tasks than threads the tasks run in
turn, each kernel threaded, and no executor is involved). The executor that
runs the tasks is swappable with :func:`use_executor` (per thread and per
async context): any in-process executor that returns results in task order.
Tasks today are closures over prepared arrays and compiled objects, so an
engine that ships tasks to other processes (Dask, Ray) needs them picklable
first; the seam is where that change would go, not the estimators.

Determinism does not depend on scheduling: tasks are independent and read
prepared, read-only inputs, and any randomness a task needs comes from a seed
drawn for it up front, in task order (:func:`task_seeds`), never from a shared
generator at run time.
"""

from __future__ import annotations

import contextlib
import contextvars
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


_DEFAULT = ThreadExecutor()
_EXECUTOR: contextvars.ContextVar[Executor | None] = contextvars.ContextVar("infokit_executor", default=None)


@contextlib.contextmanager
def use_executor(executor: Executor) -> Iterator[Executor]:
    """Run every task list inside the ``with`` block on ``executor`` (this context only)."""
    token = _EXECUTOR.set(executor)
    try:
        yield executor
    finally:
        _EXECUTOR.reset(token)


def map_tasks(fn: Callable[[T], R], items: Sequence[T], n_jobs: int) -> list[R]:
    """``[fn(item) for item in items]`` on the current executor, in item order."""
    return (_EXECUTOR.get() or _DEFAULT).map(fn, items, n_jobs)


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
