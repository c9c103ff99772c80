"""One MI estimate per (column, column) pair: the three pair kinds.

The three pair kinds and their estimators (all in nats, never jittered or
clipped here; the callers prepare the columns and decide about clipping):

- continuous / continuous: KSG estimator 1 (or 2) on the max-norm,
- continuous / discrete:   Ross (2014), the estimator of mutual_info_classif,
- discrete / discrete:     plug-in MI of the contingency table.

The callers run these as tasks through :mod:`infokit._parallel`: every task is
independent and reads prepared, read-only columns, so the schedule cannot
change any result.
"""

from __future__ import annotations

import numpy as np

from infokit.estimate import mutual_info


def mi_continuous(x: np.ndarray, y: np.ndarray, *, k: int, variant: int, n_jobs: int) -> float:
    """KSG MI of two prepared continuous columns (no jitter added, no clipping)."""
    method = "ksg" if variant == 1 else "ksg2"
    return float(mutual_info(x, y, method=method, k=k, noise=None, n_jobs=n_jobs))


def mi_mixed(c: np.ndarray, labels: np.ndarray, *, k: int, n_jobs: int) -> float:
    """Ross MI of a prepared continuous column and integer label codes."""
    return float(mutual_info(c, labels, method="ross", k=k, n_jobs=n_jobs))


def mi_discrete(a: np.ndarray, b: np.ndarray) -> float:
    """Plug-in MI of two label-code columns."""
    return float(mutual_info(a, b, method="discrete", estimator="plugin"))
