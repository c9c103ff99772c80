"""One MI estimate per (column, column) pair: the three pair kinds.

The three pair kinds and their estimators (all in nats, never jittered or
clipped here; the callers prepare the columns and decide about clipping):

- continuous / continuous: KSG estimator 1 (or 2) on the max-norm,
- continuous / discrete:   Ross (2014), the estimator of mutual_info_classif,
- discrete / discrete:     plug-in MI of the contingency table.

The callers run these as tasks through :mod:`infokit._parallel`: every task is
independent and reads prepared, read-only columns, so the schedule cannot
change any result. Many label pairs at once go through the compiled pair
kernel instead (:class:`LabelCodes`: one (p, n) matrix of narrow codes, the
entropies of any list of column pairs in one threaded call).
"""

from __future__ import annotations

from collections.abc import Sequence

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


def narrow_code_dtype(max_levels: int) -> type[np.integer]:
    """The narrowest code dtype of the pair kernel that holds codes below ``max_levels``."""
    if max_levels <= 1 << 8:
        return np.uint8
    if max_levels <= 1 << 16:
        return np.uint16
    return np.int32


class LabelCodes:
    """Label columns as one C-contiguous (p, n) code matrix for the pair kernel.

    ``levels[k]`` is column k's alphabet size; ``y`` (optional) is a target
    held in the same dtype; ``xlogx`` tabulates ``c log c`` up to ``2^22``
    (32 MiB; the kernel computes larger counts itself); dense count tables
    go up to ``max_dense_cells`` = 2n cells (zeroing them costs no more than
    the counting pass), never under 2^16 nor over 2^22 cells.
    """

    def __init__(self, codes: Sequence[np.ndarray], y: np.ndarray | None = None, *, n_jobs: int = 1) -> None:
        n = len(codes[0]) if len(codes) else (0 if y is None else len(y))
        self.n, self.n_jobs = n, n_jobs
        self.levels = np.array([int(c.max()) + 1 if c.size else 1 for c in codes], dtype=np.int64)
        self.ly = int(y.max()) + 1 if y is not None and y.size else 1
        dtype = narrow_code_dtype(max(int(self.levels.max()) if len(codes) else 1, self.ly))
        self.matrix = np.empty((len(codes), n), dtype=dtype)  # one column's codes per row
        for row, c in zip(self.matrix, codes):
            row[:] = c
        self.y = np.zeros(n, dtype=dtype) if y is None else np.ascontiguousarray(y, dtype=dtype)
        table = np.zeros(min(n, 1 << 22) + 1)
        c = np.arange(1, table.size, dtype=np.float64)
        table[1:] = c * np.log(c)
        self.xlogx = table
        self.max_dense_cells = min(max(1 << 16, 2 * n), 1 << 22)

    def pair_entropies(self, ks: np.ndarray, js: np.ndarray, with_y: bool) -> tuple[np.ndarray, np.ndarray | None]:
        """``H(X_k X_j)`` and (``with_y``) ``H(X_k X_j Y)`` in nats for each pair ``(ks[i], js[i])``."""
        from infokit._kernels.discrete import pair_entropies

        ks = np.ascontiguousarray(ks, dtype=np.int64)
        js = np.ascontiguousarray(js, dtype=np.int64)
        h_pair = np.empty(ks.size)
        h_triple = np.empty(ks.size) if with_y else None
        pair_entropies(
            self.matrix, self.levels, self.y, self.ly, ks, js, self.xlogx, h_pair, h_triple,
            self.max_dense_cells, self.n_jobs,
        )  # fmt: skip
        return h_pair, h_triple

    def mi_matrix(self) -> np.ndarray:
        """Plug-in ``I(X_i; X_j)`` (nats, clipped at 0) of every pair; ``H(X_i)`` on the diagonal.

        ``H(X_i)`` is ``H(X_i X_i)``: one kernel call gives the marginals and
        every pair's joint entropy.
        """
        m = len(self.levels)
        iu, ju = np.triu_indices(m, k=1)
        diag = np.arange(m)
        h, _ = self.pair_entropies(np.concatenate([diag, iu]), np.concatenate([diag, ju]), False)
        marginal = h[:m]
        out = np.diag(marginal)
        values = np.maximum(marginal[iu] + marginal[ju] - h[m:], 0.0)
        out[iu, ju] = values
        out[ju, iu] = values
        return out
