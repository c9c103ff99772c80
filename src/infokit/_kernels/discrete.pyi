"""Stub of the compiled discrete kernels (infokit._kernels.discrete); checked by mypy.stubtest.

Labels are 1-D (or 2-D for ``encode_rows``) arrays of any integer dtype
(int8..int64, uint8..uint64) and any strides; codes, counts and CSR arrays are
C-contiguous int64; marginals are C-contiguous float64. Callers validate.
"""

import numpy as np
import numpy.typing as npt

__test__: dict[str, str]

ESTIMATOR_PLUGIN: int
ESTIMATOR_MILLER_MADOW: int
ESTIMATOR_GRASSBERGER: int
ESTIMATOR_CHAO_SHEN: int
ESTIMATOR_JAMES_STEIN: int

_Ints = npt.NDArray[np.integer]
_I64 = npt.NDArray[np.int64]
_F64 = npt.NDArray[np.float64]
_Counts = npt.NDArray[np.int64] | npt.NDArray[np.float64]

def label_minmax(x: _Ints, n_threads: int = 1) -> tuple[int, int]: ...
def count_range(x: _Ints, xmin: int, counts: _I64, n_threads: int = 1) -> None: ...
def encode_labels(x: _Ints, codes: _I64, n_threads: int = 1) -> int: ...
def encode_rows(x: _Ints, codes: _I64, n_threads: int = 1) -> int: ...
def dense_table(x: _Ints, y: _Ints, xmin: int, ymin: int, counts: _I64, n_threads: int = 1) -> None: ...
def csr_table(cx: _I64, cy: _I64, kx: int, ky: int, indptr: _I64, indices: _I64, data: _I64) -> int: ...
def mi_dense(table: _Counts, a: _F64, b: _F64, n_threads: int = 1) -> float: ...
def mi_csr(indptr: _I64, indices: _I64, data: _Counts, a: _F64, b: _F64, n_threads: int = 1) -> float: ...
def entropy_from_counts(counts: _Counts, estimator: int, n_cells: float) -> float: ...
def pair_entropies(
    codes: npt.NDArray[np.uint8] | npt.NDArray[np.uint16] | npt.NDArray[np.int32],
    levels: _I64,
    y: npt.NDArray[np.uint8] | npt.NDArray[np.uint16] | npt.NDArray[np.int32],
    ly: int,
    ks: _I64,
    js: _I64,
    xlogx: _F64,
    h_pair: _F64,
    h_triple: _F64 | None = None,
    max_dense_cells: int = 65536,
    n_threads: int = 1,
) -> None: ...
def expected_mutual_info(a: _I64, b: _I64, n_threads: int = 1) -> float: ...
