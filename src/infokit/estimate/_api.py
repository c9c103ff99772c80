"""Public estimators from samples: one entry point per quantity, ``method`` picks the estimator.

The functions here only choose the estimator family and forward to the
implementations in :mod:`infokit.estimate._discrete` (labels, contingency
tables) and :mod:`infokit.estimate._knn` (k-nearest-neighbour estimators for
continuous data). Each implementation validates its own options and raises a
TypeError naming any option that does not apply to the chosen method.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from infokit._validation import check_choice

ENTROPY_METHODS = ("auto", "discrete", "kl")
MI_METHODS = ("auto", "discrete", "ksg", "ksg2", "mixed", "gkov")
CMI_METHODS = ("auto", "discrete", "ksg", "ksg2")
KL_METHODS = ("knn",)


def _is_discrete(a: Any) -> bool:
    """Labels are discrete: ints, bools, strings, objects, pandas categoricals."""
    dtype = getattr(a, "dtype", None)
    if dtype is not None and getattr(dtype, "name", "") == "category":
        return True
    if hasattr(a, "dtypes") and not hasattr(a, "dtype"):  # DataFrame
        return all(_is_discrete(a[c]) for c in a.columns)
    arr = np.asarray(a)
    return arr.dtype.kind in "biuOUS"


def _resolve_auto(*arrays: Any) -> str:
    flags = [_is_discrete(a) for a in arrays]
    if all(flags):
        return "discrete"
    return "continuous" if not any(flags) else "mixed"


def entropy(x: Any, *, method: str = "auto", base: float | None = None, **options: Any) -> Any:
    """Entropy of a sample, in nats (or units of ``base``).

    Parameters
    ----------
    x : array-like, shape (n,) or (n, d)
        Samples. Labels (ints, strings, categoricals) for ``method="discrete"``;
        real values for ``method="kl"``. A 2-D array is one joint variable.
    method : {"auto", "discrete", "kl"}
        ``"discrete"``: entropy of the empirical label distribution, with the
        bias correction chosen by ``estimator`` (see
        :func:`infokit.estimate.discrete_entropy`). ``"kl"``: Kozachenko–Leonenko
        k-nearest-neighbour differential entropy (see
        :func:`infokit.estimate.kl_entropy`). ``"auto"`` picks ``"discrete"`` for
        integer, boolean, string, object and categorical data, ``"kl"`` for floats.
    base : float, optional
        Logarithm base; None gives nats, 2 gives bits.
    **options
        Passed to the chosen estimator (``estimator=`` for discrete; ``k=``,
        ``metric=``, ``n_jobs=`` ... for ``"kl"``).

    Returns
    -------
    float
        The estimate (a tuple or array when the estimator is asked for more).

    Examples
    --------
    >>> import infokit.estimate as ie
    >>> round(ie.entropy(["h", "t", "h", "t"], base=2), 6)
    1.0
    """
    check_choice(method, "method", ENTROPY_METHODS)
    if method == "auto":
        method = "discrete" if _is_discrete(x) else "kl"
    if method == "discrete":
        from infokit.estimate import _discrete

        return _discrete.entropy(x, base=base, **options)
    from infokit.estimate import _knn

    return _knn.kl_entropy(x, base=base, **options)


def mutual_info(x: Any, y: Any, *, method: str = "auto", base: float | None = None, **options: Any) -> Any:
    """Mutual information I(X; Y) estimated from paired samples.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Paired samples; a 2-D array is one multivariate variable.
    method : {"auto", "discrete", "ksg", "ksg2", "mixed", "gkov"}
        ``"discrete"``: contingency-table MI of labels (``estimator=`` picks the
        entropy estimator). ``"ksg"`` / ``"ksg2"``: Kraskov–Stögbauer–Grassberger
        estimators 1 and 2 for continuous data. ``"mixed"``: Ross (2014) for a
        continuous ``x`` and discrete ``y`` (scikit-learn's mutual_info_classif).
        ``"gkov"``: Gao–Kannan–Oh–Viswanath (2017) for discrete–continuous
        mixtures and data with ties. ``"auto"``: ``"discrete"`` when both are
        labels, ``"ksg"`` when both are real, ``"mixed"`` otherwise.
    base : float, optional
        Logarithm base; None gives nats.
    **options
        Passed to the chosen estimator.

    Returns
    -------
    float

    Examples
    --------
    >>> import infokit.estimate as ie
    >>> round(ie.mutual_info([0, 0, 1, 1], [0, 0, 1, 1], base=2), 6)
    1.0
    """
    check_choice(method, "method", MI_METHODS)
    if method == "auto":
        kind = _resolve_auto(x, y)
        method = {"discrete": "discrete", "continuous": "ksg", "mixed": "mixed"}[kind]
        if method == "mixed" and _is_discrete(x):
            x, y = y, x  # Ross's estimator takes the continuous variable first.
    if method == "discrete":
        from infokit.estimate import _discrete

        return _discrete.mutual_info(x, y, base=base, **options)
    from infokit.estimate import _knn

    if method in ("ksg", "ksg2"):
        return _knn.ksg_mutual_info(x, y, variant=1 if method == "ksg" else 2, base=base, **options)
    if method == "mixed":
        return _knn.mixed_mutual_info(x, y, base=base, **options)
    return _knn.gkov_mutual_info(x, y, base=base, **options)


def conditional_mutual_info(
    x: Any, y: Any, z: Any, *, method: str = "auto", base: float | None = None, **options: Any
) -> Any:
    """Conditional mutual information I(X; Y | Z) from samples.

    Parameters
    ----------
    x, y, z : array-like, shape (n,) or (n, d)
        Paired samples.
    method : {"auto", "discrete", "ksg", "ksg2"}
        ``"discrete"``: plug-in (or corrected) CMI from a 3-way contingency
        table of labels. ``"ksg"`` / ``"ksg2"``: Frenzel–Pompe kNN estimator
        and its KSG-2 form. ``"auto"``: ``"discrete"`` when all three are
        labels, ``"ksg"`` otherwise.
    base : float, optional
        Logarithm base; None gives nats.

    Returns
    -------
    float

    Examples
    --------
    >>> import infokit.estimate as ie
    >>> round(ie.conditional_mutual_info([0, 1, 0, 1], [0, 1, 0, 1], [0, 0, 1, 1], base=2), 6)
    1.0
    """
    check_choice(method, "method", CMI_METHODS)
    if method == "auto":
        method = "discrete" if _resolve_auto(x, y, z) == "discrete" else "ksg"
    if method == "discrete":
        from infokit.estimate import _discrete

        return _discrete.conditional_mutual_info(x, y, z, base=base, **options)
    from infokit.estimate import _knn

    return _knn.ksg_conditional_mutual_info(
        x, y, z, variant=1 if method == "ksg" else 2, base=base, **options
    )


def kl_divergence(
    p_samples: Any, q_samples: Any, *, method: str = "knn", base: float | None = None, **options: Any
) -> Any:
    """KL divergence D(P || Q) from samples of P and samples of Q.

    Parameters
    ----------
    p_samples : array-like, shape (n, d) or (n,)
    q_samples : array-like, shape (m, d) or (m,)
    method : {"knn"}
        Wang–Kulkarni–Verdú (2009) k-nearest-neighbour estimator.
    base : float, optional
        Logarithm base; None gives nats.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np, infokit.estimate as ie
    >>> rng = np.random.default_rng(0)
    >>> d = ie.kl_divergence(rng.normal(0, 1, 4000), rng.normal(1, 1, 4000))
    >>> bool(abs(d - 0.5) < 0.1)   # closed form: (mu_p - mu_q)^2 / 2 = 0.5 nats
    True
    """
    check_choice(method, "method", KL_METHODS)
    from infokit.estimate import _knn

    return _knn.wkv_kl_divergence(p_samples, q_samples, base=base, **options)
