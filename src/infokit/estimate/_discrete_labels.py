"""Label preparation and contingency tables for the discrete estimators.

Every input variable becomes a :class:`Labels`: a 1-D integer array (raw
integer labels, or integer codes of factorised labels) plus a ``decode``
function that maps those integers back to the user's labels (used only by
:func:`infokit.estimate.contingency_table`). Integer labels reach the C++
kernels without a copy; strings, objects and non-integral floats are
factorised with ``np.unique(return_inverse=True)``; pandas categoricals use
their codes; 2-D inputs (one joint symbol per row) are encoded row-wise in C++.

:func:`build_table` picks the contingency strategy:

* both variables are integers of one dtype whose value ranges span at most
  ``dense_cell_limit(n)`` cells: one C++ pass straight into a dense table
  indexed by value (no encoding at all);
* otherwise each variable is encoded to codes 0..K-1 (C++: dense range map or
  hashing), then a dense table when ``Kx * Ky <= dense_cell_limit(n)``, else a
  CSR table built in O(n + Kx + Ky) memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from infokit._kernels import discrete as _k
from infokit._validation import is_categorical, is_frame, shown, to_numpy, warn

_DENSE_MIN_CELLS = 1 << 16


def dense_cell_limit(n: int) -> int:
    """Largest table (cells) built densely for n samples: O(n) memory either way."""
    return max(4 * n, _DENSE_MIN_CELLS)


def _identity(v: np.ndarray) -> np.ndarray:
    return v


@dataclass
class Labels:
    """Integer view of one variable's labels."""

    values: np.ndarray  # 1-D, integer dtype, any stride
    decode: Callable[[np.ndarray], Any]  # distinct values (sorted) -> user labels
    n_classes: int | None = None  # known when values are codes 0..K-1

    def __len__(self) -> int:
        return int(self.values.shape[0])


def _categorical(a: Any, name: str) -> Labels:
    cat = a.cat if hasattr(a, "cat") else a  # Series or pandas.Categorical
    codes = np.asarray(cat.codes)
    if codes.size and codes.min() < 0:
        raise ValueError(f"{name} contains missing values (NaN); drop or encode them first")
    categories = np.asarray(cat.categories)
    return Labels(codes, lambda v: categories[v])


def _factorise(a: np.ndarray, name: str) -> Labels:
    """Strings, objects and non-integral floats: np.unique codes (sorted labels)."""
    try:
        uniques, inverse = np.unique(a, return_inverse=True)
    except TypeError:
        # Mixed, mutually unorderable objects: first-appearance order instead.
        index: dict[Any, int] = {}
        inverse = np.fromiter((index.setdefault(v, len(index)) for v in a.tolist()), dtype=np.int64, count=a.size)
        uniques = np.empty(len(index), dtype=object)
        uniques[:] = list(index)
    inverse = inverse.astype(np.int64, copy=False).ravel()
    return Labels(inverse, lambda v: uniques[v], n_classes=len(uniques))


def _check_no_nan(a: np.ndarray, name: str) -> None:
    if a.dtype.kind == "f":
        if np.isnan(a).any():
            raise ValueError(f"{name} contains NaN; labels must be defined for every sample")
    elif a.dtype.kind == "O":
        isnan = np.frompyfunc(lambda v: isinstance(v, float) and v != v, 1, 1)
        if a.size and np.any(isnan(a).astype(bool)):
            raise ValueError(f"{name} contains NaN; labels must be defined for every sample")
    elif a.dtype.kind in "mM":
        if np.isnat(a).any():
            raise ValueError(f"{name} contains NaT; labels must be defined for every sample")


def _column(a: np.ndarray, name: str) -> Labels:
    """One 1-D numpy column of labels -> Labels."""
    kind = a.dtype.kind
    if kind == "b":
        return Labels(a.view(np.uint8), lambda v: v.astype(bool))
    if kind in "iu":
        if a.dtype.byteorder not in "=|":
            a = a.astype(a.dtype.newbyteorder("="))
        dtype = a.dtype
        return Labels(a, lambda v: v.astype(dtype, copy=False))
    if kind == "c":
        raise TypeError(f"{name} must hold labels (ints, strings, categoricals, real numbers), got complex data")
    if kind == "V":
        raise TypeError(f"{name} must hold labels, got dtype {a.dtype}")
    _check_no_nan(a, name)
    if kind in "mM":
        dtype = a.dtype
        return Labels(a.view(np.int64), lambda v: v.astype(np.int64).view(dtype))
    if kind == "f":
        # Every distinct real value is one label (np.unique semantics, -0.0 == 0.0).
        # Integral values inside the int64 range take the fast integer path.
        dtype = a.dtype
        if a.size and np.all(np.isfinite(a)) and np.all(np.abs(a) < 2.0**63) and np.all(a == np.trunc(a)):
            return Labels(a.astype(np.int64), lambda v: v.astype(dtype))
        lab = _factorise(a, name)
        _warn_if_measurements(lab, len(a), name)
        return lab
    return _factorise(a, name)


def _warn_if_measurements(lab: Labels, n: int, name: str) -> None:
    """Warn when non-integer floats read as labels are nearly all distinct: measurements, not labels.

    Every sample its own label makes the plug-in entropy ~log n and the MI
    ~the other variable's entropy: a confident number with no meaning (the
    trial's breast_cancer column, 514 distinct values in 569 rows, read 0.62
    nats against H(y) = 0.66).
    """
    k = lab.n_classes or 0
    if k > max(20, n // 2):
        warn(
            f"{shown(name)} holds {k} distinct non-integer values in {n} samples, read as labels: nearly every "
            "sample is its own label, so the plug-in entropy approaches log n and the MI the other variable's "
            "entropy. For measurements use a continuous estimator (method='auto', 'ksg', 'histogram').",
            UserWarning,
        )


def _compose(decode: Callable[[np.ndarray], Any], uniq: np.ndarray) -> Callable[[np.ndarray], Any]:
    return lambda w: decode(uniq[w])


def _stack_rows(columns: list[Labels], name: str, n_jobs: int, n: int) -> Labels:
    """Several label columns -> one joint variable (row codes in lexicographic order)."""
    block = np.empty((n, len(columns)), dtype=np.int64)
    for j, col in enumerate(columns):
        v = col.values
        if v.dtype == np.uint64 and n and int(v.max()) >= 2**63:
            codes = np.empty(n, dtype=np.int64)
            _k.encode_labels(v, codes, n_jobs)
            uniq = np.empty(int(codes.max()) + 1 if n else 0, dtype=v.dtype)
            uniq[codes] = v
            columns[j] = col = Labels(codes, _compose(col.decode, uniq))
            v = codes
        block[:, j] = v
    codes = np.empty(n, dtype=np.int64)
    k = _k.encode_rows(block, codes, n_jobs) if n else 0
    decoders = [c.decode for c in columns]

    def decode(v: np.ndarray) -> np.ndarray:
        rows = np.empty((k, block.shape[1]), dtype=np.int64)
        rows[codes] = block  # every copy of a code writes the same row
        parts = [np.asarray(d(rows[v, j])) for j, d in enumerate(decoders)]
        if len({p.dtype for p in parts}) == 1:
            return np.column_stack(parts)
        out = np.empty((len(v), len(parts)), dtype=object)
        for j, p in enumerate(parts):
            out[:, j] = p
        return out

    return Labels(codes, decode, n_classes=k)


def as_labels(a: Any, name: str, n_jobs: int = 1) -> Labels:
    """Validate one variable of labels (1-D, or 2-D / DataFrame for a joint variable)."""
    if a is None:
        raise TypeError(f"{name} must be array-like labels, got None")
    if is_categorical(a):
        return _categorical(a, name)
    if is_frame(a):
        n = len(a)
        if a.shape[1] == 0:
            raise ValueError(f"{name} has 0 columns")
        cols = [as_labels(a.iloc[:, j], f"{name}[:, {j}]", n_jobs) for j in range(a.shape[1])]
        if len(cols) == 1:
            return cols[0]
        return _stack_rows(cols, name, n_jobs, n)
    arr = to_numpy(a)
    if arr.ndim == 0:
        raise ValueError(f"{name} must be 1-D (n,) or 2-D (n, d) labels, got a scalar")
    if arr.ndim > 2:
        raise ValueError(f"{name} must be 1-D (n,) or 2-D (n, d) labels, got an array with ndim={arr.ndim}")
    if arr.ndim == 2:
        if arr.shape[1] == 0:
            raise ValueError(f"{name} has 0 columns")
        if arr.shape[1] == 1:
            return _column(arr[:, 0], name)
        if arr.dtype.kind in "iu" and arr.dtype != np.uint64 and arr.dtype.byteorder in "=|":
            codes = np.empty(arr.shape[0], dtype=np.int64)
            k = _k.encode_rows(arr, codes, n_jobs) if arr.shape[0] else 0
            dtype = arr.dtype

            def decode(v: np.ndarray, arr=arr, codes=codes, k=k, dtype=dtype) -> np.ndarray:
                rows = np.empty((k, arr.shape[1]), dtype=dtype)
                rows[codes] = arr
                return rows[v]

            return Labels(codes, decode, n_classes=k)
        cols = [_column(arr[:, j], f"{name}[:, {j}]") for j in range(arr.shape[1])]
        return _stack_rows(cols, name, n_jobs, arr.shape[0])
    return _column(arr, name)


def check_pair(lx: Labels, ly: Labels, names: tuple[str, str]) -> int:
    """Same length and non-empty; returns n."""
    if len(lx) != len(ly):
        raise ValueError(
            f"inputs must have the same number of samples; got {names[0]}: {len(lx)}, {names[1]}: {len(ly)}"
        )
    if len(lx) == 0:
        raise ValueError(f"{names[0]} and {names[1]} are empty; at least one sample is needed")
    return len(lx)


def value_range(lab: Labels, n_jobs: int) -> tuple[int, int]:
    """(min, max) of the integer values (C++; free when they are codes)."""
    if lab.n_classes is not None:
        return 0, lab.n_classes - 1
    lo, hi = _k.label_minmax(lab.values, n_jobs)
    return int(lo), int(hi)


def encode_codes(lab: Labels, n_jobs: int) -> tuple[np.ndarray, int]:
    """Codes 0..K-1 (sorted label order) and K."""
    v = lab.values
    if lab.n_classes is not None:  # already codes with every class present
        return np.ascontiguousarray(v, dtype=np.int64), lab.n_classes
    codes = np.empty(v.shape[0], dtype=np.int64)
    return codes, int(_k.encode_labels(v, codes, n_jobs))


def encode(lab: Labels, n_jobs: int) -> tuple[np.ndarray, int, np.ndarray]:
    """Codes 0..K-1 (sorted label order), K, and the distinct integer values.

    Callers that drop the values use :func:`encode_codes`: their scatter costs
    about twice the encoding itself.
    """
    codes, k = encode_codes(lab, n_jobs)
    if lab.n_classes is not None:
        return codes, k, np.arange(k, dtype=np.int64)
    v = lab.values
    uniq = np.empty(k, dtype=v.dtype)
    uniq[codes] = v  # every copy of a code carries the same value
    return codes, k, uniq


def label_codes(a: Any, name: str, n_jobs: int = 1) -> np.ndarray:
    """Any labels (1-D, or 2-D rows as joint labels) -> int64 codes 0..K-1 in sorted label order.

    The one label encoder of the package: the discrete estimators, the mixed
    (Ross) estimator and the feature-selection drop-ins all go through it, so
    they accept and refuse the same inputs (NaN labels raise, naming ``name``).
    """
    return encode_codes(as_labels(a, name, n_jobs), n_jobs)[0]


def class_counts(lab: Labels, n_jobs: int) -> np.ndarray:
    """Counts of the observed classes (zeros dropped), int64."""
    lo, hi = value_range(lab, n_jobs)
    span = hi - lo + 1
    v = lab.values
    if span <= dense_cell_limit(len(lab)):
        counts = np.zeros(span, dtype=np.int64)
        _k.count_range(v, v.dtype.type(lo), counts, n_jobs)
        return counts[counts > 0]
    codes, k = encode_codes(lab, n_jobs)
    counts = np.zeros(k, dtype=np.int64)
    _k.count_range(codes, 0, counts, n_jobs)
    return counts


@dataclass
class Table:
    """A contingency table, dense or CSR, with the integer key of every row/column.

    Rows/columns whose key does not occur have zero marginals (dense tables
    indexed by value range); ``compact`` removes them.
    """

    dense: np.ndarray | None
    csr: tuple[np.ndarray, np.ndarray, np.ndarray] | None
    shape: tuple[int, int]
    row_keys: Callable[[], np.ndarray]
    col_keys: Callable[[], np.ndarray]


def _range_keys(lo: int, span: int, dtype: np.dtype) -> Callable[[], np.ndarray]:
    def keys() -> np.ndarray:
        # Modular arithmetic in the labels' own dtype: exact for every span that fits.
        return np.arange(span, dtype=np.uint64).astype(dtype) + np.array(lo).astype(dtype)

    return keys


def build_table(lx: Labels, ly: Labels, n_jobs: int, layout: str = "auto") -> Table:
    """Contingency table of two equally long label variables (see the module docstring)."""
    n = len(lx)
    limit = dense_cell_limit(n)
    x, y = lx.values, ly.values
    if layout != "sparse" and x.dtype == y.dtype:
        xlo, xhi = value_range(lx, n_jobs)
        ylo, yhi = value_range(ly, n_jobs)
        rx, ry = xhi - xlo + 1, yhi - ylo + 1
        if rx * ry <= limit:
            counts = np.zeros((rx, ry), dtype=np.int64)
            _k.dense_table(x, y, x.dtype.type(xlo), y.dtype.type(ylo), counts, n_jobs)
            return Table(counts, None, (rx, ry), _range_keys(xlo, rx, x.dtype), _range_keys(ylo, ry, y.dtype))
    cx, kx, ux = encode(lx, n_jobs)
    cy, ky, uy = encode(ly, n_jobs)
    if layout == "dense" or (layout == "auto" and kx * ky <= limit):
        counts = np.zeros((kx, ky), dtype=np.int64)
        _k.dense_table(cx, cy, 0, 0, counts, n_jobs)
        return Table(counts, None, (kx, ky), lambda: ux, lambda: uy)
    indptr = np.empty(kx + 1, dtype=np.int64)
    room = min(n, kx * ky)
    indices = np.empty(room, dtype=np.int64)
    data = np.empty(room, dtype=np.int64)
    nnz = int(_k.csr_table(cx, cy, kx, ky, indptr, indices, data))
    return Table(None, (indptr, indices[:nnz].copy(), data[:nnz].copy()), (kx, ky), lambda: ux, lambda: uy)


def table_mi(table: Table, n_jobs: int) -> tuple[float, np.ndarray, np.ndarray]:
    """Plug-in MI (nats, unclipped) and the float64 marginals of a Table."""
    a = np.empty(table.shape[0], dtype=np.float64)
    b = np.empty(table.shape[1], dtype=np.float64)
    if table.dense is not None:
        mi = _k.mi_dense(table.dense, a, b, n_jobs)
    else:
        assert table.csr is not None
        indptr, indices, data = table.csr
        mi = _k.mi_csr(indptr, indices, data, a, b, n_jobs)
    return float(mi), a, b


def table_cells(table: Table) -> np.ndarray:
    """The non-zero cell counts of a Table (any order)."""
    if table.dense is not None:
        d = table.dense.ravel()
        return d[d != 0]
    assert table.csr is not None
    data = table.csr[2]
    return data[data != 0]
