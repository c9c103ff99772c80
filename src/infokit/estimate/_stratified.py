"""Conditional MI given labels, class by class: I(X; Y | Z) = sum_c p(c) I(X; Y | Z = c).

When the condition z holds labels, conditioning on it means splitting the
samples by its classes: the MI of x and y within each class, weighted by the
class's share. Any estimator of :func:`infokit.estimate.mutual_info` serves
within the classes (``"auto"``: KSG for two continuous variables, Ross for a
continuous one and labels, the plug-in for labels), so a label z never goes
through a kNN search in z (which would read the labels as numbers).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from infokit._parallel import task_seeds
from infokit._validation import (
    apply_nan_policy,
    base_scale,
    check_random_state,
    check_same_length,
    to_numpy,
    warn,
)
from infokit.estimate._discrete_labels import label_codes
from infokit.estimate._docs import fill_doc
from infokit.estimate._registry import register

__all__ = ["stratified_conditional_mutual_info"]


@fill_doc
def stratified_conditional_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    z: ArrayLike,
    *,
    estimator: str = "auto",
    base: float | None = None,
    k: int = 3,
    random_state: Any = None,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> float:
    r"""I(X; Y | Z) for labels z: the MI of x and y within each class of z, weighted by its share.

    .. math::

        \hat I(X; Y \mid Z) = \sum_c \frac{n_c}{n} \, \hat I(X; Y \mid Z = c).

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Paired samples, continuous or labels (each class's estimate is
        :func:`infokit.estimate.mutual_info` with ``method=estimator``).
    z : array-like, shape (n,) (or (n, d): rows are joint labels)
        The condition: labels of any dtype (ints, bools, strings, categoricals).
    estimator : str, default "auto"
        The MI estimator within each class: any method of
        :func:`~infokit.estimate.mutual_info` (``"auto"`` picks by the dtypes of
        x and y, as it does there).
    %(base)s
    k : int, default 3
        Neighbours of the kNN estimators (unused by the plug-in).
    random_state : None, int or Generator
        Seeds each class's estimate (its own seed, drawn in class order).
    %(nan_policy)s
    n_jobs : int, optional
        Threads of each class's estimate; bit-identical results.

    Returns
    -------
    float
        CMI in nats (or units of ``base``).

    Raises
    ------
    ValueError
        Mismatched lengths; NaN in x or y under ``nan_policy="raise"``, or in z.

    Notes
    -----
    A class with too few samples for the estimator within it (fewer than
    ``k + 2`` for the kNN estimators, fewer than 2 for the plug-in) cannot
    host an estimate: it contributes 0, with a warning that gives its share
    of the samples. Cost: one estimate per class, so O(n log n) overall for
    the kNN estimators.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import conditional_mutual_info
    >>> rng = np.random.default_rng(0)
    >>> z = rng.integers(0, 3, 6000)                  # x and y depend on each other only through z
    >>> x, y = z + rng.normal(size=6000), z + rng.normal(size=6000)
    >>> bool(abs(conditional_mutual_info(x, y, z, random_state=0)) < 0.02)
    True
    """
    from infokit.estimate._api import mutual_info, resolve_method
    from infokit.estimate._registry import lookup

    scale = base_scale(base)
    xa, ya = to_numpy(x), to_numpy(y)
    codes = label_codes(z, "z")
    check_same_length([xa, ya, codes], ["x", "y", "z"])
    named = [(a, name) for a, name in ((xa, "x"), (ya, "y")) if a.dtype.kind == "f"]
    floats = [a for a, _ in named]
    _, has_nan = apply_nan_policy(floats, [name for _, name in named], nan_policy)
    if has_nan:
        return float("nan")
    if nan_policy == "omit" and floats:
        finite = np.ones(len(codes), dtype=bool)
        for a in floats:
            finite &= np.isfinite(a).reshape(len(a), -1).all(axis=1)
        keep = np.flatnonzero(finite)
        xa, ya, codes = xa[keep], ya[keep], codes[keep]
    n = len(codes)
    if n == 0:
        raise ValueError("x, y and z are empty; at least one sample is needed")
    method = lookup("mutual_info", resolve_method("mutual_info", xa, ya, method=estimator))
    needs = k + 2 if "k" in method.options else 2
    opts: dict[str, Any] = {name: value for name, value in (("k", k), ("n_jobs", n_jobs)) if name in method.options}
    counts = np.bincount(codes)
    order = np.argsort(codes, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(counts)])
    seeds = task_seeds(check_random_state(random_state), len(counts))
    total, skipped = 0.0, 0
    for c in np.flatnonzero(counts):
        if counts[c] < needs:
            skipped += int(counts[c])
            continue
        idx = order[bounds[c] : bounds[c + 1]]
        options = {**opts, **({"random_state": seeds[c]} if "random_state" in method.options else {})}
        value = float(mutual_info(xa[idx], ya[idx], method=estimator, **options))
        total += counts[c] / n * value
    if skipped:
        warn(
            f"{skipped} of {n} samples lie in classes of z with fewer than {needs} samples, too few for "
            f"method={method.name!r} within them: those classes contribute 0 to I(X; Y | Z)",
            UserWarning,
        )
    return total * scale


register("conditional_mutual_info", "stratified", stratified_conditional_mutual_info, kind="mixed")
