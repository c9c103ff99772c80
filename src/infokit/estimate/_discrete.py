"""Discrete estimators from samples of labels: entropy, MI, conditional MI,
normalized / adjusted MI, expected MI and contingency tables.

Labels may be integers, booleans, strings, objects, real numbers (each
distinct value is one label; NaN raises) or pandas categoricals, as 1-D
arrays, or as (n, d) arrays / DataFrames whose rows are joint symbols. The
counting runs in C++ (:mod:`infokit._kernels.discrete`); this module
validates, picks the table layout and combines entropies.

Conventions (all pinned by tests):

* Units: nats; ``base=2`` gives bits. NMI and AMI are unitless.
* Empty input raises ``ValueError`` everywhere (scikit-learn returns 1.0 for
  the NMI/AMI of two empty labelings but raises for MI).
* Counts are int64 (no overflow of products of counts, sklearn#9772). A
  precomputed float ``contingency`` is used as is, never truncated to int.
* Plug-in MI (and CMI) is clipped at 0, like ``mutual_info_score``: it is
  non-negative in exact arithmetic, so a negative value is rounding only.
  Bias-corrected MI / CMI estimates are returned unclipped.
* A single label on either side gives MI = 0 (and CMI = 0), for every
  estimator. NMI of two constant labelings
  is 1.0, and NMI is 0.0 whenever MI is 0. AMI is 1.0 when both labelings are
  constant, 0.0 when exactly one is, else (MI - E[MI]) / (avg(H) - E[MI])
  with scikit-learn's eps clamping that keeps the sign of each part.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from infokit._kernels import discrete as _k
from infokit._validation import base_scale, check_choice, check_int, is_sparse, resolve_n_jobs
from infokit.dist._table import NMI_AVERAGE_METHODS, average_entropy, nmi_from_entropies
from infokit.estimate._discrete_labels import (
    Labels,
    Table,
    as_labels,
    build_table,
    check_pair,
    class_counts,
    encode_codes,
    table_cells,
    table_mi,
)
from infokit.estimate._docs import fill_doc
from infokit.estimate._registry import register

__all__ = [
    "discrete_entropy",
    "discrete_mutual_info",
    "discrete_conditional_mutual_info",
    "normalized_mutual_info",
    "adjusted_mutual_info",
    "expected_mutual_info",
    "contingency_table",
]

ESTIMATORS = ("plugin", "miller_madow", "grassberger", "chao_shen", "james_stein", "nsb")
# adjusted_mutual_info: the NMI denominators except "joint" (H(X, Y) changes under the
# permutations E[I] averages over, so there is no chance-adjusted I / H(X, Y)).
AMI_AVERAGE_METHODS = tuple(m for m in NMI_AVERAGE_METHODS if m != "joint")
# Kernel ids, declared once in the C++ header and exported by the Cython layer.
_KERNEL_ESTIMATOR = {
    "plugin": _k.ESTIMATOR_PLUGIN,
    "miller_madow": _k.ESTIMATOR_MILLER_MADOW,
    "grassberger": _k.ESTIMATOR_GRASSBERGER,
    "chao_shen": _k.ESTIMATOR_CHAO_SHEN,
    "james_stein": _k.ESTIMATOR_JAMES_STEIN,
}
_EPS = float(np.finfo(np.float64).eps)


# ---------------------------------------------------------------------------
# helpers


def _entropy_of_counts(counts: np.ndarray, estimator: str, n_cells: float) -> tuple[float, float]:
    """(H, posterior std or 0) in nats of a count vector over n_cells cells."""
    if estimator == "nsb":
        # Imported on use: NSB's quadrature needs scipy.special / optimize, which
        # ``import infokit`` should not pay for.
        from infokit.estimate._discrete_nsb import nsb_entropy

        return nsb_entropy(np.asarray(counts), int(n_cells))
    return float(_k.entropy_from_counts(counts, _KERNEL_ESTIMATOR[estimator], float(n_cells))), 0.0


# Counts are int64 in the kernels: a count (or a table total) from 2**63 on would wrap.
_INT64_LIMIT = 2.0**63


def _require_integral(counts: np.ndarray, what: str) -> np.ndarray:
    if counts.dtype.kind == "f":
        if not np.all(counts == np.floor(counts)):
            raise ValueError(f"{what} needs integer counts; the contingency table holds non-integral values")
        if counts.size and float(counts.sum()) >= _INT64_LIMIT:
            # No figure: a float table this large may have been rescaled (_rescale_float_counts).
            raise ValueError(
                f"{what} needs integer counts below 2**63 in total (int64); this table's counts sum to more"
            )
        return counts.astype(np.int64)
    return counts


def _integer_marginals(table: Table, what: str) -> tuple[np.ndarray, np.ndarray]:
    """The positive row and column sums of a table, as int64 (float tables: integral sums).

    Integer tables are summed in int64, not through the float64 marginals of
    ``table_mi``: those round once a sum passes 2**53, and rounded rows need
    not add up to the same total as rounded columns, which the expected-MI
    kernel trusts. Float tables may hold fractional cells; their (float) sums
    must be integral.
    """
    if table.dense is not None:
        d = table.dense
        a, b = d.sum(axis=1), d.sum(axis=0)
    else:
        assert table.csr is not None
        indptr, indices, d = table.csr
        a = np.zeros(table.shape[0], dtype=d.dtype)
        b = np.zeros(table.shape[1], dtype=d.dtype)
        np.add.at(a, np.repeat(np.arange(table.shape[0]), np.diff(indptr)), d)
        np.add.at(b, indices, d)
    return _require_integral(a[a > 0], what), _require_integral(b[b > 0], what)


def _rescale_float_counts(data: np.ndarray) -> np.ndarray:
    """A float table scaled by a power of two (exact) into the range the kernels sum safely.

    The plug-in kernels form products such as n_ij * N: from counts of ~1e154
    on they overflow (NaN), and below ~1e-154 they lose bits as subnormals.
    Tables whose largest count lies in [2**-100, 2**63) are left as given
    (bit-identical results); others are scaled to a largest count in
    [2**63, 2**64) or in [2**-100, 2**-99): the integer counts that the bias
    corrections and E[I] need stay absent (sums of 2**63 or more, or below 1,
    are refused as before). Every plug-in measure depends on the proportions
    only.
    """
    top = float(data.max()) if data.size else 0.0
    if top == 0.0 or 2.0**-100 <= top < 2.0**63:
        return data
    exp = int(np.frexp(top)[1])  # top = m 2**exp, m in [0.5, 1)
    return np.ldexp(data, (64 if top >= 2.0**63 else -99) - exp)


def _table_from_contingency(contingency: Any) -> Table:
    """Validate a precomputed contingency table (dense array-like or scipy.sparse)."""
    if is_sparse(contingency):
        import scipy.sparse as sp

        csr = sp.csr_array(contingency, copy=True)
        csr.sum_duplicates()
        csr.sort_indices()
        data = csr.data
        shape = csr.shape
    else:
        data = np.asarray(contingency)
        shape = data.shape
        if data.ndim != 2:
            raise ValueError(f"contingency must be a 2-D table of counts, got ndim={data.ndim}")
    if data.dtype.kind not in "biuf":
        raise TypeError(f"contingency must hold numeric counts, got dtype {data.dtype}")
    if data.dtype.kind == "f":
        data = data.astype(np.float64, copy=False)
        if not np.all(np.isfinite(data)):
            raise ValueError("contingency contains NaN or inf")
        if data.size and data.min() >= 0:
            data = _rescale_float_counts(data)
    else:
        if data.size and data.dtype.kind == "u" and int(data.max()) > np.iinfo(np.int64).max:
            raise ValueError("contingency holds counts of 2**63 or more, beyond the int64 the estimators count in")
        if data.size and float(data.sum(dtype=np.float64)) >= _INT64_LIMIT:
            raise ValueError(
                "contingency's counts sum to 2**63 or more, beyond the int64 the estimators count in; "
                "pass the table as floats (the plug-in MI depends on its proportions only)"
            )
        data = data.astype(np.int64, copy=False)
    if data.size and data.min() < 0:
        raise ValueError("contingency contains negative counts")
    if shape[0] == 0 or shape[1] == 0 or not data.sum() > 0:
        raise ValueError("contingency is empty (no counts)")
    rows = lambda: np.arange(shape[0])  # noqa: E731
    cols = lambda: np.arange(shape[1])  # noqa: E731
    if is_sparse(contingency):
        indptr = csr.indptr.astype(np.int64)
        indices = csr.indices.astype(np.int64)
        return Table(None, (indptr, indices, np.ascontiguousarray(data)), (shape[0], shape[1]), rows, cols)
    return Table(data, None, (shape[0], shape[1]), rows, cols)


def _pair_table(x: Any, y: Any, contingency: Any, n_jobs: int) -> Table:
    if contingency is not None:
        if x is not None or y is not None:
            raise ValueError("pass either the labels x and y or contingency, not both")
        return _table_from_contingency(contingency)
    if x is None or y is None:
        raise TypeError("x and y are required when contingency is not given")
    lx, ly = as_labels(x, "x", n_jobs), as_labels(y, "y", n_jobs)
    check_pair(lx, ly, ("x", "y"))
    return build_table(lx, ly, n_jobs)


def _plugin_entropy(marginal: np.ndarray) -> float:
    return float(_k.entropy_from_counts(marginal, 0, 0.0))


def _check_estimator_options(estimator: str, n_bins: Any, return_std: bool) -> None:
    check_choice(estimator, "estimator", ESTIMATORS)
    if return_std and estimator != "nsb":
        raise TypeError(f"return_std applies only to estimator='nsb', not estimator={estimator!r}")
    if n_bins is not None and estimator not in ("james_stein", "nsb"):
        raise TypeError(f"n_bins applies only to estimator='james_stein' or 'nsb', not estimator={estimator!r}")


def _nnz(table: Table) -> int:
    if table.dense is not None:
        return int(np.count_nonzero(table.dense))
    assert table.csr is not None
    return int(np.count_nonzero(table.csr[2]))


def _joint_counts(values: np.ndarray, n_jobs: int) -> np.ndarray:
    return class_counts(Labels(values, lambda v: v), n_jobs)


# ---------------------------------------------------------------------------
# public functions


@fill_doc
def discrete_entropy(
    x: ArrayLike,
    *,
    base: float | None = None,
    estimator: str = "plugin",
    n_bins: int | None = None,
    return_std: bool = False,
    n_jobs: int | None = None,
) -> float | tuple[float, float]:
    r"""Entropy of a sample of labels, with a choice of bias correction.

    With counts :math:`n_i` of the :math:`m` observed classes, :math:`N = \sum n_i`
    and :math:`\hat p_i = n_i / N`:

    * ``"plugin"``: :math:`\hat H = -\sum_i \hat p_i \log \hat p_i` (maximum likelihood).
    * ``"miller_madow"``: :math:`\hat H + (m - 1) / (2N)`.
    * ``"grassberger"`` (Grassberger 2003, eq. 35):
      :math:`\log N - \frac1N \sum_i n_i G(n_i)`, with
      :math:`G(n) = \psi(n) + \frac12 (-1)^n [\psi(\frac{n+1}2) - \psi(\frac n2)]`.
    * ``"chao_shen"`` (Chao & Shen 2003): coverage-adjusted Horvitz–Thompson,
      :math:`-\sum_i \frac{C \hat p_i \log(C \hat p_i)}{1 - (1 - C \hat p_i)^N}`,
      :math:`C = 1 - f_1/N`, :math:`f_1` the number of singletons (when every
      class is a singleton, :math:`f_1 = N - 1` so that :math:`C > 0`).
    * ``"james_stein"`` (Hausser & Strimmer 2009): plug-in entropy of the
      shrunk frequencies :math:`\lambda / K + (1 - \lambda) \hat p_k` over all
      :math:`K` cells, :math:`\lambda = \frac{1 - \sum \hat p_k^2}{(N - 1) \sum (1/K - \hat p_k)^2}`
      clipped to [0, 1] (:math:`\lambda = 1` when :math:`N = 1`).
    * ``"nsb"`` (Nemenman, Shafee & Bialek 2002): posterior mean of H under a
      mixture of symmetric Dirichlet(:math:`\beta`) priors over :math:`K` cells
      whose prior on :math:`\xi(\beta) = E[H|\beta] = \psi(K\beta+1) - \psi(\beta+1)`
      is uniform; the integral over :math:`\beta` is done numerically.
      ``return_std=True`` also returns the posterior standard deviation.

    Parameters
    ----------
    x : array-like, shape (n,) or (n, d)
        Labels: ints, bools, strings, objects, real numbers (each distinct
        value is a label; NaN raises) or a pandas categorical. A 2-D array or a
        DataFrame is one joint variable (each row is one symbol).
    %(base)s
    estimator : {"plugin", "miller_madow", "grassberger", "chao_shen", "james_stein", "nsb"}
        Entropy estimator (default the plug-in).
    n_bins : int, optional
        Alphabet size K for ``"james_stein"`` and ``"nsb"`` (classes that could
        occur, observed or not). Default: the number of observed classes.
        Must be at least that number.
    return_std : bool
        With ``estimator="nsb"``, return ``(estimate, posterior_std)``.
    n_jobs : int, optional
        Threads for the counting (None: 1, -1: all cores). Results do not
        depend on it.

    Returns
    -------
    float or (float, float)
        The estimate in units of ``base`` (and its posterior std for NSB).

    Raises
    ------
    ValueError
        Empty input, NaN labels, an unknown ``estimator``, ``n_bins`` smaller
        than the number of observed classes.
    TypeError
        ``n_bins`` / ``return_std`` with an estimator that does not use them.

    Notes
    -----
    Complexity: O(n) time and memory for the counting (integer labels go to
    C++ directly; strings and objects are first factorised with ``np.unique``,
    O(n log n)), then O(m) for the estimator (NSB: O(distinct counts) per
    quadrature node).

    Examples
    --------
    >>> from infokit.estimate import discrete_entropy
    >>> round(discrete_entropy(["a", "b", "a", "b"], base=2), 6)
    1.0
    >>> round(discrete_entropy([0, 0, 1, 2], estimator="miller_madow"), 6)
    1.289721
    >>> h, sd = discrete_entropy([0, 1, 1, 2, 2, 2], estimator="nsb", n_bins=4, return_std=True)
    >>> bool(0 < h < 2 and sd > 0)
    True
    """
    _check_estimator_options(estimator, n_bins, return_std)
    scale = base_scale(base)
    nj = resolve_n_jobs(n_jobs)
    lab = as_labels(x, "x", nj)
    if len(lab) == 0:
        raise ValueError("x is empty; at least one sample is needed")
    counts = class_counts(lab, nj)
    cells = counts.size
    if n_bins is not None:
        cells = check_int(n_bins, "n_bins", minimum=1)
        if cells < counts.size:
            raise ValueError(f"n_bins={cells} is smaller than the {counts.size} observed classes")
    h, sd = _entropy_of_counts(counts, estimator, cells)
    if return_std:
        return h * scale, sd * scale
    return h * scale


@fill_doc
def discrete_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    *,
    base: float | None = None,
    estimator: str = "plugin",
    contingency: ArrayLike | None = None,
    n_jobs: int | None = None,
) -> float:
    r"""Mutual information I(X; Y) of two labelings (from their contingency table).

    Plug-in: :math:`I = \sum_{ij} \frac{n_{ij}}N \log \frac{N n_{ij}}{a_i b_j}`
    with :math:`a_i, b_j` the row and column sums, each term computed from one
    logarithm of an exact ratio of counts (accurate near independence), then
    clipped at 0 (as scikit-learn's ``mutual_info_score``, with which it agrees
    to ~1e-12 relative).

    Any other ``estimator`` gives :math:`\hat H(X) + \hat H(Y) - \hat H(X, Y)`,
    each entropy estimated with that estimator (unclipped: it can be negative).
    For ``"james_stein"`` and ``"nsb"`` the alphabets are the observed classes
    :math:`K_X`, :math:`K_Y` of each variable and :math:`K_X K_Y` for the pair.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Paired labels (see :func:`discrete_entropy` for the accepted kinds).
        Pass ``None`` for both when ``contingency`` is given.
    %(base)s
    estimator : str
        One of ``"plugin"``, ``"miller_madow"``, ``"grassberger"``,
        ``"chao_shen"``, ``"james_stein"``, ``"nsb"``.
    contingency : array-like or scipy.sparse matrix, shape (kx, ky), optional
        Precomputed counts (float counts are used as given, never truncated;
        the bias corrections need integral counts).
    n_jobs : int, optional
        Threads (results do not depend on it).

    Returns
    -------
    float
        I(X; Y) in units of ``base``.

    Notes
    -----
    Complexity: O(n) time; O(n) memory whatever the alphabet sizes (dense
    table when :math:`K_X K_Y \le \max(4n, 2^{16})`, else a CSR table).

    Examples
    --------
    >>> from infokit.estimate import discrete_mutual_info
    >>> round(discrete_mutual_info([0, 0, 1, 1], ["a", "a", "b", "b"], base=2), 6)
    1.0
    >>> round(discrete_mutual_info(None, None, contingency=[[2, 0], [0, 2]]), 6)
    0.693147
    """
    check_choice(estimator, "estimator", ESTIMATORS)
    scale = base_scale(base)
    nj = resolve_n_jobs(n_jobs)
    table = _pair_table(x, y, contingency, nj)
    mi, a, b = table_mi(table, nj)
    if estimator == "plugin":
        return max(mi, 0.0) * scale
    if np.count_nonzero(a) == 1 or np.count_nonzero(b) == 1:
        # A constant variable shares no information, whatever the estimator (a
        # corrected H of one class, e.g. Grassberger's, need not be exactly 0).
        return 0.0
    a, b = _require_integral(a[a > 0], "estimator"), _require_integral(b[b > 0], "estimator")
    cells = _require_integral(table_cells(table), "estimator")
    hx, _ = _entropy_of_counts(a, estimator, a.size)
    hy, _ = _entropy_of_counts(b, estimator, b.size)
    hxy, _ = _entropy_of_counts(cells, estimator, a.size * b.size)
    return (hx + hy - hxy) * scale


@fill_doc
def discrete_conditional_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    z: ArrayLike,
    *,
    base: float | None = None,
    estimator: str = "plugin",
    n_jobs: int | None = None,
) -> float:
    r"""Conditional mutual information I(X; Y | Z) of three labelings.

    :math:`I(X;Y|Z) = \hat H(X,Z) + \hat H(Y,Z) - \hat H(X,Y,Z) - \hat H(Z)`
    with every entropy from the chosen ``estimator`` (see
    :func:`discrete_entropy`). The plug-in value is clipped at 0; corrected
    estimates are not. For ``"james_stein"`` / ``"nsb"`` the alphabet of a
    joint variable is the product of the observed class counts of its parts.

    Parameters
    ----------
    x, y, z : array-like, shape (n,) or (n, d)
        Paired labels.
    %(base)s
    estimator : str
        Entropy estimator, as in :func:`discrete_entropy`.
    n_jobs : int, optional
        Threads (results do not depend on it).

    Returns
    -------
    float

    Notes
    -----
    Complexity: O(n) time and memory (joint symbols are re-encoded pairwise so
    their keys never exceed n^2).

    Examples
    --------
    >>> from infokit.estimate import discrete_conditional_mutual_info
    >>> x, z = [0, 1, 0, 1], [0, 0, 1, 1]
    >>> y = [a ^ b for a, b in zip(x, z)]   # XOR: independent of x, determined given z
    >>> round(discrete_conditional_mutual_info(x, y, z, base=2), 6)
    1.0
    """
    check_choice(estimator, "estimator", ESTIMATORS)
    scale = base_scale(base)
    nj = resolve_n_jobs(n_jobs)
    lx, ly, lz = as_labels(x, "x", nj), as_labels(y, "y", nj), as_labels(z, "z", nj)
    check_pair(lx, ly, ("x", "y"))
    check_pair(lx, lz, ("x", "z"))
    cx, kx = encode_codes(lx, nj)
    cy, ky = encode_codes(ly, nj)
    cz, kz = encode_codes(lz, nj)
    if kx == 1 or ky == 1:
        return 0.0  # a constant X or Y: no information, whatever the estimator
    cxy, _ = encode_codes(Labels(cx * ky + cy, lambda v: v), nj)
    h = {}
    for name, values, cells in (
        ("xz", cx * kz + cz, kx * kz),
        ("yz", cy * kz + cz, ky * kz),
        ("xyz", cxy * kz + cz, kx * ky * kz),
    ):
        h[name] = _entropy_of_counts(_joint_counts(values, nj), estimator, cells)[0]
    counts_z = np.bincount(cz, minlength=kz).astype(np.int64)
    h["z"] = _entropy_of_counts(counts_z, estimator, kz)[0]
    cmi = h["xz"] + h["yz"] - h["xyz"] - h["z"]
    if estimator == "plugin":
        cmi = max(cmi, 0.0)
    return cmi * scale


@fill_doc
def normalized_mutual_info(
    x: ArrayLike | None = None,
    y: ArrayLike | None = None,
    *,
    average_method: str = "arithmetic",
    contingency: ArrayLike | None = None,
    n_jobs: int | None = None,
) -> float:
    r"""Normalized mutual information of two labelings, in [0, 1].

    :math:`\mathrm{NMI} = I(X;Y) / D` with plug-in quantities and ``D`` picked
    by ``average_method`` (scikit-learn's ``normalized_mutual_info_score`` for
    the first four). The same arithmetic as
    :func:`infokit.dist.normalized_mutual_info` applied to the contingency
    table of ``x`` and ``y``. Unitless.

    %(nmi_degenerate)s

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d), optional
        Paired labels (or None with ``contingency``).
    %(nmi_average_method)s
    contingency : array-like or scipy.sparse matrix, optional
        Precomputed counts (floats allowed).
    n_jobs : int, optional
        Threads (results do not depend on it).

    Returns
    -------
    float

    Notes
    -----
    Complexity: O(n) time and memory.

    Examples
    --------
    >>> from infokit.estimate import normalized_mutual_info
    >>> normalized_mutual_info([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    >>> round(normalized_mutual_info([0, 0, 1, 1], [0, 1, 2, 3], average_method="max"), 6)
    0.5
    >>> round(normalized_mutual_info([0, 0, 1, 1], [0, 1, 2, 3], average_method="joint"), 6)
    0.5
    """
    check_choice(average_method, "average_method", NMI_AVERAGE_METHODS)
    nj = resolve_n_jobs(n_jobs)
    table = _pair_table(x, y, contingency, nj)
    mi, a, b = table_mi(table, nj)
    # One class has plug-in entropy exactly 0 (log(N / N)), so H == 0 <=> constant.
    hxy = _plugin_entropy(table_cells(table)) if average_method == "joint" else None
    return float(nmi_from_entropies(max(mi, 0.0), _plugin_entropy(a), _plugin_entropy(b), hxy, average_method))


def adjusted_mutual_info(
    x: ArrayLike | None = None,
    y: ArrayLike | None = None,
    *,
    average_method: str = "arithmetic",
    contingency: ArrayLike | None = None,
    n_jobs: int | None = None,
) -> float:
    r"""Adjusted mutual information (AMI) of two labelings, corrected for chance.

    :math:`\mathrm{AMI} = \frac{I - E[I]}{\mathrm{avg}(H(X), H(Y)) - E[I]}`
    with :math:`E[I]` the expected MI under random permutations (exact
    hypergeometric sum, :func:`expected_mutual_info`). As scikit-learn's
    ``adjusted_mutual_info_score``: 1.0 when both labelings are constant, 0.0
    when exactly one is, and numerator / denominator are pushed away from 0 by
    machine eps keeping their sign (so AMI can be negative). Two labelings
    that are the same partition up to renaming give exactly 1.0 (this settles
    the all-singletons case, 0/0 in exact arithmetic). Unitless.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d), optional
        Paired labels (or None with ``contingency``).
    average_method : {"arithmetic", "geometric", "min", "max", "sqrt"}
        The mean of H(X) and H(Y) in the denominator, as in
        :func:`normalized_mutual_info` ("joint" has no chance-adjusted form).
    contingency : array-like or scipy.sparse matrix, optional
        Precomputed integer counts (integral floats accepted).
    n_jobs : int, optional
        Threads (results do not depend on it).

    Returns
    -------
    float

    Notes
    -----
    Complexity: O(n) for the table, then O(D_a D_b w) for E[I], with D_a,
    D_b the numbers of DISTINCT row and column sums and w <= ~1e5 the width
    of the hypergeometric support actually summed (3000 x 3000 clusters of
    n = 1e5: milliseconds; scikit-learn loops over all K_X K_Y cells).

    Examples
    --------
    >>> from infokit.estimate import adjusted_mutual_info
    >>> adjusted_mutual_info([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    >>> adjusted_mutual_info([0, 0, 0, 0], [0, 1, 2, 3])   # one labeling constant
    0.0
    >>> round(adjusted_mutual_info([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 1, 1]), 6)   # sklearn: same
    0.615385
    """
    check_choice(average_method, "average_method", AMI_AVERAGE_METHODS)
    nj = resolve_n_jobs(n_jobs)
    table = _pair_table(x, y, contingency, nj)
    mi, a, b = table_mi(table, nj)
    kx, ky = int(np.count_nonzero(a)), int(np.count_nonzero(b))
    if kx == 1 and ky == 1:
        return 1.0
    if kx == 1 or ky == 1:
        return 0.0
    if kx == ky and _nnz(table) == kx:
        # The same partition up to renaming: AMI = 1. (Said explicitly because
        # all-singleton partitions make it 0/0, MI = E[MI] = H, where the eps
        # clamps would leave the answer to rounding.)
        return 1.0
    mi = max(mi, 0.0)
    ai, bi = _integer_marginals(table, "adjusted_mutual_info")
    emi = float(_k.expected_mutual_info(ai, bi, nj))
    norm = float(average_entropy(_plugin_entropy(a), _plugin_entropy(b), None, average_method))
    den = norm - emi
    den = min(den, -_EPS) if den < 0 else max(den, _EPS)
    num = mi - emi
    num = min(num, -_EPS) if num < 0 else max(num, _EPS)
    return float(num / den)


@fill_doc
def expected_mutual_info(
    x: ArrayLike | None = None,
    y: ArrayLike | None = None,
    *,
    contingency: ArrayLike | None = None,
    base: float | None = None,
    n_jobs: int | None = None,
) -> float:
    r"""Expected mutual information of two labelings under random permutation.

    Vinh, Epps & Bailey (2010), with row sums :math:`a_i`, column sums
    :math:`b_j` and :math:`N` samples:

    .. math::

        E[I] = \sum_{i,j} \sum_{k=\max(1, a_i+b_j-N)}^{\min(a_i, b_j)}
               \frac kN \log\frac{N k}{a_i b_j}
               \frac{\binom{b_j}{k}\binom{N-b_j}{a_i-k}}{\binom{N}{a_i}}.

    Computed in C++ over DISTINCT marginal values (with their multiplicities).
    A pair of marginals is summed exactly, the hypergeometric probabilities by
    their ratio recurrence from the mode (no lgamma of N, whose rounding would
    dominate), skipping only tail terms below 1e-300 of the mode. Once the
    hypergeometric standard deviation passes 1e3 (huge counts), the pair's
    term comes from the central-moment expansion of
    :math:`E[X \log(X/\mu)]` instead: O(1) work, truncation error below
    1e-12 relative, and more accurate there than the summed terms, whose
    rounding grows with the counts.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d), optional
        Paired labels (or None with ``contingency``).
    contingency : array-like or scipy.sparse matrix, optional
        Precomputed integer counts (integral floats accepted).
    %(base)s
    n_jobs : int, optional
        Threads (results do not depend on it).

    Returns
    -------
    float

    Notes
    -----
    Complexity: O(n) for the marginals, then O(D_a D_b w) (see
    :func:`adjusted_mutual_info`).

    Examples
    --------
    >>> from infokit.estimate import expected_mutual_info
    >>> # two singletons a side: each of the 4 cells has P(k = 1) = 1/2 and term (1/2) log 2
    >>> round(expected_mutual_info([0, 1], [0, 1]), 6)
    0.693147
    """
    scale = base_scale(base)
    nj = resolve_n_jobs(n_jobs)
    table = _pair_table(x, y, contingency, nj)
    ai, bi = _integer_marginals(table, "expected_mutual_info")
    return float(_k.expected_mutual_info(ai, bi, nj)) * scale


def contingency_table(
    x: ArrayLike, y: ArrayLike, *, sparse: bool | None = None, n_jobs: int | None = None
) -> tuple[Any, Any, Any]:
    """Contingency table (int64 counts) of two labelings and the labels of its axes.

    ``table[i, j]`` counts the samples with ``x == x_labels[i]`` and
    ``y == y_labels[j]``. Labels are sorted (``np.unique`` order; rows in
    lexicographic order for 2-D input); only observed labels appear.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Paired labels.
    sparse : bool, optional
        ``False``: dense ndarray. ``True``: ``scipy.sparse.csr_array``.
        ``None`` (default): dense when ``Kx * Ky <= max(4n, 65536)``, else CSR.
    n_jobs : int, optional
        Threads (results do not depend on it).

    Returns
    -------
    table : ndarray or scipy.sparse.csr_array of int64, shape (Kx, Ky)
    x_labels : ndarray, shape (Kx,) or (Kx, d)
    y_labels : ndarray, shape (Ky,) or (Ky, d)

    Notes
    -----
    Complexity: O(n) time; O(n + Kx + Ky) memory for the sparse form, one
    pass over the pairs in C++ (dense indexing by value for small integer
    ranges, hashing for large or sparse alphabets).

    Examples
    --------
    >>> from infokit.estimate import contingency_table
    >>> t, xl, yl = contingency_table(["b", "a", "b"], [1, 1, 2])
    >>> t.tolist(), xl.tolist(), yl.tolist()
    ([[1, 0], [1, 1]], ['a', 'b'], [1, 2])
    """
    if sparse is not None and not isinstance(sparse, (bool, np.bool_)):
        raise TypeError(f"sparse must be True, False or None, got {sparse!r}")
    import scipy.sparse as sp  # imported on use: ``import infokit`` stays light

    nj = resolve_n_jobs(n_jobs)
    lx, ly = as_labels(x, "x", nj), as_labels(y, "y", nj)
    check_pair(lx, ly, ("x", "y"))
    layout = "auto" if sparse is None else ("sparse" if sparse else "dense")
    table = build_table(lx, ly, nj, layout)
    if table.dense is not None:
        counts = table.dense
        keep_r = counts.sum(axis=1) > 0
        keep_c = counts.sum(axis=0) > 0
        rows, cols = table.row_keys()[keep_r], table.col_keys()[keep_c]
        if not (keep_r.all() and keep_c.all()):
            counts = counts[np.ix_(keep_r, keep_c)]
        out: Any = counts if sparse is not True else sp.csr_array(counts)
    else:
        assert table.csr is not None
        indptr, indices, data = table.csr
        rows, cols = table.row_keys(), table.col_keys()
        out = sp.csr_array((data, indices, indptr), shape=table.shape)
        if sparse is False:
            out = out.toarray()
    return out, lx.decode(rows), ly.decode(cols)


# The discrete family's methods of the front doors in infokit.estimate._api.
register("entropy", "discrete", discrete_entropy, kind="discrete")
register("mutual_info", "discrete", discrete_mutual_info, kind="discrete")
register("conditional_mutual_info", "discrete", discrete_conditional_mutual_info, kind="discrete")
