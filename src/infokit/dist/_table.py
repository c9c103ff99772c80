"""Measures of joint probability (or count) tables: joint and conditional
entropy, mutual information, conditional MI, normalised MI and the variation
of information.

Every measure is a combination of entropies of the table and of its marginals
(:func:`_table_entropies`): the joint runs through the C++ entropy kernel,
which also validates the table; the marginals are NumPy sums. The NMI
arithmetic (:func:`nmi_from_entropies`, :data:`NMI_AVERAGE_METHODS`) is also
the one :func:`infokit.estimate.normalized_mutual_info` uses for labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from infokit._validation import NAN_POLICIES, base_scale, check_choice
from infokit.dist._docs import fill_doc
from infokit.dist._prepare import FloatResult, as_prob, finish, given_indices, reduce_rows, table_axes

__all__ = [
    "joint_entropy",
    "conditional_entropy",
    "mutual_info",
    "conditional_mutual_info",
    "normalized_mutual_info",
    "variation_of_information",
    "NMI_AVERAGE_METHODS",
    "average_entropy",
    "nmi_from_entropies",
]

# The denominators of normalised MI, for tables and labels alike. The first
# four are scikit-learn's; "sqrt" (Strehl & Ghosh's name) is the geometric mean.
NMI_AVERAGE_METHODS = ("arithmetic", "geometric", "min", "max", "joint", "sqrt")


def average_entropy(hx: Any, hy: Any, hxy: Any, method: str) -> Any:
    """The NMI denominator of ``method`` from H(X), H(Y) and H(X, Y) (floats or arrays).

    ``hxy`` is only read by ``"joint"`` (pass None otherwise). Used by the NMI of
    tables and labels and by the AMI of labels, so all share one arithmetic:
    ``0.5 * (hx + hy)``, ``sqrt(hx * hy)``, ``min``, ``max`` or ``hxy``.
    """
    if method == "arithmetic":
        return 0.5 * (hx + hy)
    if method in ("geometric", "sqrt"):
        return np.sqrt(hx * hy)
    if method == "min":
        return np.minimum(hx, hy)
    if method == "max":
        return np.maximum(hx, hy)
    if method == "joint":
        if hxy is None:
            raise ValueError("average_method='joint' needs the joint entropy H(X, Y)")
        return hxy
    raise ValueError(f"average_method must be one of {', '.join(map(repr, NMI_AVERAGE_METHODS))}; got {method!r}")


def nmi_from_entropies(mi: Any, hx: Any, hy: Any, hxy: Any, average_method: str) -> Any:
    """Normalised MI from I(X; Y), H(X), H(Y) and H(X, Y) (nats; floats or arrays).

    The one rule for degenerate cases: 1.0 where both variables are constant
    (``hx == hy == 0``), else 0.0 where the denominator or ``mi`` is 0, else
    ``mi / D`` clipped into [0, 1]; NaN inputs give NaN. Returns a float for
    scalar input, an ndarray otherwise.
    """
    den = average_entropy(hx, hy, hxy, average_method)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.clip(np.divide(mi, den), 0.0, 1.0)
    both_constant = np.equal(hx, 0) & np.equal(hy, 0)
    zero = np.equal(den, 0) | np.equal(mi, 0)
    nmi = np.where(both_constant, 1.0, np.where(zero, 0.0, ratio))
    return float(nmi) if nmi.ndim == 0 else nmi


def _table_entropies(
    table: Any,
    var_axes: Sequence[int] | None,
    n_vars: int | None,
    what: str,
    subsets: Sequence[Sequence[int] | None],
    normalize: Any,
    nan_policy: Any,
    n_jobs: Any,
) -> tuple[list[np.ndarray], np.dtype, tuple[int, ...], tuple[int, ...]]:
    """Entropies (nats) of the joint and of marginals of a probability table.

    ``subsets`` index into the variable axes; entry ``i`` of the result is the
    entropy of the marginal on ``var_axes[j] for j in subsets[i]`` (None: the
    joint). The joint is always computed first: it validates the table for
    every marginal.
    """
    a = as_prob(table, "table")
    var = table_axes(a, var_axes, n_vars, what)
    check_choice(nan_policy, "nan_policy", NAN_POLICIES)
    if nan_policy == "omit" and a.dtype.kind == "f" and np.isnan(a).any():
        a = np.where(np.isnan(a), 0, a)  # NaN cells carry no mass
        nan_policy = "raise"
    joint, dtype, bshape, _ = reduce_rows(
        "entropy", [a], ["table"], axis=var, normalize=normalize, nan_policy=nan_policy, n_jobs=n_jobs
    )
    results = []
    for sub in subsets:
        keep = set(var) if sub is None else {var[j] for j in sub}
        if keep == set(var):
            results.append(joint)
            continue
        drop = tuple(ax for ax in var if ax not in keep)
        # keepdims leaves length-1 axes where the summed variables were, so the
        # batch axes line up with the joint's; NaN cells propagate into the sums.
        marg = a.sum(axis=drop, keepdims=True, dtype=np.float64)
        h, _, _, _ = reduce_rows(
            "entropy", [marg], ["table"], axis=var, normalize=True, nan_policy="propagate", n_jobs=n_jobs
        )
        results.append(h)
    return results, dtype, bshape, var


@fill_doc
def joint_entropy(
    table: ArrayLike,
    *,
    axes: Sequence[int] | None = None,
    base: float | None = None,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> FloatResult:
    r"""Joint entropy of the variables of a joint probability (or count) table.

    .. math:: H(X_1, \ldots, X_d) = -\sum p(x_1, \ldots, x_d) \log p(x_1, \ldots, x_d).

    Parameters
    ----------
    %(table_nd)s
    %(table_axes_all)s
    %(base)s
    %(table_normalize)s
    %(table_nan_policy)s
    %(table_n_jobs)s

    Returns
    -------
    float or ndarray
        Joint entropy in units of ``base``.

    Notes
    -----
    O(table.size) time, one C++ pass.

    Examples
    --------
    >>> from infokit.dist import joint_entropy
    >>> float(joint_entropy([[0.25, 0.25], [0.25, 0.25]], base=2))
    2.0
    """
    scale = base_scale(base)
    (h,), dtype, bshape, _ = _table_entropies(table, axes, None, "joint_entropy", [None], normalize, nan_policy, n_jobs)
    return finish(h * scale, dtype, bshape)


@fill_doc
def conditional_entropy(
    table: ArrayLike,
    *,
    given: int | Sequence[int] = 0,
    axes: Sequence[int] | None = None,
    base: float | None = None,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> FloatResult:
    r"""Conditional entropy of the other variables of a joint table given ``given``.

    For a 2-D table ``p[x, y]`` and the default ``given=0`` (the row variable):

    .. math:: H(Y \mid X) = -\sum_{x,y} p(x, y) \log \frac{p(x, y)}{p(x)}
              = H(X, Y) - H(X).

    ``given=1`` gives ``H(X | Y)``. In general the result is
    ``H(all variables) - H(variables on the given axes)``.

    Parameters
    ----------
    %(table_nd)s
    given : int or tuple of int, default 0
        The axis (axes) of ``table`` of the conditioning variable(s).
    %(table_axes_all)s
    %(base)s
    %(table_normalize)s
    %(table_nan_policy)s
    %(table_n_jobs)s

    Returns
    -------
    float or ndarray
        Conditional entropy in units of ``base``, ``>= 0`` (clamped against
        rounding).

    Notes
    -----
    O(table.size) time: the joint entropy plus one marginal.

    Examples
    --------
    >>> from infokit.dist import conditional_entropy
    >>> t = [[0.25, 0.25], [0.5, 0.0]]          # p(x, y), x = row
    >>> round(float(conditional_entropy(t, base=2)), 6)  # H(Y|X) = 0.5 * 1 + 0.5 * 0
    0.5
    >>> float(conditional_entropy([[0.5, 0.0], [0.0, 0.5]]))  # Y = X
    0.0
    """
    scale = base_scale(base)
    a = as_prob(table, "table")
    var = table_axes(a, axes, None, "conditional_entropy")
    idx = given_indices(given, var, a.ndim)
    (h_all, h_given), dtype, bshape, _ = _table_entropies(
        a, axes, None, "conditional_entropy", [None, idx], normalize, nan_policy, n_jobs
    )
    return finish(np.maximum(h_all - h_given, 0.0) * scale, dtype, bshape)


def _mi_parts(
    table: Any, axes: Any, what: str, normalize: Any, nan_policy: Any, n_jobs: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.dtype, tuple[int, ...]]:
    (hxy, hx, hy), dtype, bshape, _ = _table_entropies(
        table, axes, 2, what, [None, (0,), (1,)], normalize, nan_policy, n_jobs
    )
    # 0 <= I <= min(H(X), H(Y)) in exact arithmetic; clip keeps NaN.
    mi = np.clip(hx + hy - hxy, 0.0, np.minimum(hx, hy))
    return mi, hx, hy, hxy, dtype, bshape


@fill_doc
def mutual_info(
    table: ArrayLike,
    *,
    axes: Sequence[int] | None = None,
    base: float | None = None,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> FloatResult:
    r"""Mutual information of the two variables of a joint probability (or count) table.

    .. math:: I(X; Y) = \sum_{x,y} p(x, y) \log \frac{p(x, y)}{p(x) p(y)}
              = H(X) + H(Y) - H(X, Y),

    with ``X`` on the first and ``Y`` on the second variable axis. A contingency
    table of counts works as is (it is normalised), so this equals
    ``sklearn.metrics.mutual_info_score(None, None, contingency=table)``.

    Parameters
    ----------
    %(table_2d)s
    %(table_axes_2d)s
    %(base)s
    %(table_normalize)s
    %(table_nan_policy)s
    %(table_n_jobs)s

    Returns
    -------
    float or ndarray
        ``I(X; Y)`` in units of ``base``, clamped into ``[0, min(H(X), H(Y))]``
        against rounding.

    Notes
    -----
    O(table.size) time: one C++ entropy pass over the table, NumPy marginals.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.dist import mutual_info
    >>> round(float(mutual_info(np.outer([0.3, 0.5, 0.2], [0.4, 0.4, 0.2]))), 12)  # independent
    0.0
    >>> float(mutual_info([[0.5, 0.0], [0.0, 0.5]], base=2))  # Y = X: one bit
    1.0
    >>> mutual_info(np.stack([np.eye(2), np.ones((2, 2))]), axes=(1, 2), base=2)
    array([1., 0.])
    """
    scale = base_scale(base)
    mi, _, _, _, dtype, bshape = _mi_parts(table, axes, "mutual_info", normalize, nan_policy, n_jobs)
    return finish(mi * scale, dtype, bshape)


@fill_doc
def conditional_mutual_info(
    table: ArrayLike,
    *,
    axes: Sequence[int] | None = None,
    base: float | None = None,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> FloatResult:
    r"""Conditional mutual information ``I(X; Y | Z)`` of a 3-D joint table ``p[x, y, z]``.

    .. math:: I(X; Y \mid Z) = \sum_{x,y,z} p(x,y,z) \log \frac{p(z)\, p(x,y,z)}{p(x,z)\, p(y,z)}
              = H(X,Z) + H(Y,Z) - H(X,Y,Z) - H(Z).

    Axis order: ``X`` first, ``Y`` second, the conditioning ``Z`` third.

    Parameters
    ----------
    table : array-like, 3-D (or stacked, see ``axes``)
        ``table[x, y, z]`` = joint probability or count.
    axes : (int, int, int), optional
        The X, Y and Z axes of a stacked table; the other axes are a batch.
    %(base)s
    %(table_normalize)s
    %(table_nan_policy)s
    %(table_n_jobs)s

    Returns
    -------
    float or ndarray
        ``I(X; Y | Z)`` in units of ``base``, clamped into
        ``[0, min(H(X|Z), H(Y|Z))]`` against rounding.

    Notes
    -----
    O(table.size) time: four entropies (joint in C++, marginals via NumPy sums).

    Examples
    --------
    X and Y are copies of a fair bit Z: given Z nothing is left to share.

    >>> import numpy as np
    >>> from infokit.dist import conditional_mutual_info
    >>> t = np.zeros((2, 2, 2)); t[0, 0, 0] = t[1, 1, 1] = 0.5
    >>> float(conditional_mutual_info(t))
    0.0

    X, Y fair independent bits and Z = X xor Y: given Z, Y determines X (1 bit).

    >>> t = np.zeros((2, 2, 2))
    >>> for x in (0, 1):
    ...     for y in (0, 1):
    ...         t[x, y, x ^ y] = 0.25
    >>> float(conditional_mutual_info(t, base=2))
    1.0
    """
    scale = base_scale(base)
    (hxyz, hxz, hyz, hz), dtype, bshape, _ = _table_entropies(
        table,
        axes,
        3,
        "conditional_mutual_info",
        [None, (0, 2), (1, 2), (2,)],
        normalize,
        nan_policy,
        n_jobs,
    )
    upper = np.maximum(np.minimum(hxz - hz, hyz - hz), 0.0)
    cmi = np.clip(hxz + hyz - hxyz - hz, 0.0, upper)
    return finish(cmi * scale, dtype, bshape)


@fill_doc
def normalized_mutual_info(
    table: ArrayLike,
    *,
    average_method: str = "arithmetic",
    axes: Sequence[int] | None = None,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> FloatResult:
    r"""Normalised mutual information of a 2-D joint table, in [0, 1].

    .. math:: NMI = \frac{I(X; Y)}{D}, \qquad D = \begin{cases}
        \min(H(X), H(Y)) & \texttt{"min"} \\
        \sqrt{H(X) H(Y)} & \texttt{"geometric"} \text{ (alias } \texttt{"sqrt"}) \\
        (H(X) + H(Y)) / 2 & \texttt{"arithmetic"} \text{ (default)} \\
        \max(H(X), H(Y)) & \texttt{"max"} \\
        H(X, Y) & \texttt{"joint"}
        \end{cases}

    The first four match ``sklearn.metrics.normalized_mutual_info_score``'s
    ``average_method``; ``"sqrt"`` is the name of Strehl & Ghosh's NMI, the
    same number as ``"geometric"``; ``"joint"`` is ``I / H(X, Y)``
    (1 minus the normalised variation of information). Unitless (the base
    cancels).

    %(nmi_degenerate)s

    Parameters
    ----------
    %(table_2d)s
    %(nmi_average_method)s
    %(table_axes_2d)s
    %(table_normalize)s
    %(table_nan_policy)s
    %(table_n_jobs)s

    Returns
    -------
    float or ndarray
        NMI in [0, 1].

    Notes
    -----
    O(table.size) time, as :func:`mutual_info`.

    Examples
    --------
    >>> from infokit.dist import normalized_mutual_info
    >>> t = [[0.5, 0.0], [0.0, 0.5]]
    >>> float(normalized_mutual_info(t))
    1.0
    >>> t = [[0.4, 0.1], [0.0, 0.5]]
    >>> round(float(normalized_mutual_info(t, average_method="min")), 6)
    0.628236
    >>> round(float(normalized_mutual_info(t, average_method="joint")), 6)
    0.448202
    """
    check_choice(average_method, "average_method", NMI_AVERAGE_METHODS)
    mi, hx, hy, hxy, dtype, bshape = _mi_parts(table, axes, "normalized_mutual_info", normalize, nan_policy, n_jobs)
    nmi = nmi_from_entropies(mi, hx, hy, hxy, average_method)
    return finish(nmi, dtype, bshape)


@fill_doc
def variation_of_information(
    table: ArrayLike,
    *,
    axes: Sequence[int] | None = None,
    base: float | None = None,
    normalize: bool = True,
    nan_policy: str = "propagate",
    n_jobs: int | None = None,
) -> FloatResult:
    r"""Variation of information (Meilă's VI) of a 2-D joint table.

    .. math:: VI(X, Y) = H(X \mid Y) + H(Y \mid X) = 2 H(X, Y) - H(X) - H(Y)
              = H(X, Y) - I(X; Y),

    a metric on partitions: 0 iff X and Y determine each other.

    Parameters
    ----------
    %(table_2d)s
    %(table_axes_2d)s
    %(base)s
    %(table_normalize)s
    %(table_nan_policy)s
    %(table_n_jobs)s

    Returns
    -------
    float or ndarray
        VI in units of ``base``, ``>= 0``.

    Notes
    -----
    O(table.size) time, as :func:`mutual_info`.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.dist import variation_of_information
    >>> float(variation_of_information([[0.0, 0.5], [0.5, 0.0]]))  # a relabelling
    0.0
    >>> float(variation_of_information(np.full((2, 2), 0.25), base=2))  # independent bits
    2.0
    """
    scale = base_scale(base)
    (hxy, hx, hy), dtype, bshape, _ = _table_entropies(
        table, axes, 2, "variation_of_information", [None, (0,), (1,)], normalize, nan_policy, n_jobs
    )
    vi = np.maximum(hxy - hx, 0.0) + np.maximum(hxy - hy, 0.0)
    return finish(vi * scale, dtype, bshape)
