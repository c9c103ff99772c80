"""The front doors: one function per quantity, ``method=`` picks the estimator.

Each function looks ``method`` up in the registry (:mod:`._registry`), where
every estimator family registers its methods, and forwards the options; an
option the chosen method does not take raises a TypeError naming it.

``method="auto"`` resolves from the kind of the data by one rule
(:func:`infokit._validation.is_discrete`): integers, booleans, strings,
objects and pandas categoricals are labels, floats are continuous; the
registry's ``AUTO`` table maps the kinds of all arguments to a method.
"""

from __future__ import annotations

import warnings
from typing import Any, Literal, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from infokit._validation import (
    SWAPPED_NAMES,
    DiscreteDataWarning,
    check_bool,
    check_choice,
    check_samples,
    is_discrete,
    labels_first,
    showing_names,
    warn_if_label_like,
)
from infokit.estimate._docs import fill_doc
from infokit.estimate._registry import AUTO, Method, lookup

__all__ = [
    "SWAPPED_NAMES",
    "data_kind",
    "resolve",
    "resolve_method",
    "entropy",
    "mutual_info",
    "conditional_mutual_info",
    "kl_divergence",
]


def data_kind(*arrays: Any) -> str:
    """ "discrete" when every argument holds labels, "continuous" when none does, else "mixed"."""
    flags = [is_discrete(a) for a in arrays]
    if all(flags):
        return "discrete"
    return "continuous" if not any(flags) else "mixed"


def resolve(quantity: str, method: str, *data: Any) -> tuple[Method, tuple[Any, ...], bool]:
    """The registered method that ``method`` names, the data in its order, and whether they were swapped.

    Under ``"auto"``, a label / continuous pair goes to a ``labels_last``
    method (Ross's) with the continuous variable first, whichever order it was
    given in.
    """
    for arg, name in zip(data, _ARG_NAMES[quantity]):
        check_samples(arg, name)
    if method != "auto" or quantity not in AUTO:
        return lookup(quantity, method), data, False
    if quantity == "conditional_mutual_info" and is_discrete(data[2]) and data_kind(*data[:2]) != "discrete":
        # A label condition: class by class (a kNN search in z would read the labels as numbers).
        return lookup(quantity, "stratified"), data, False
    kind = data_kind(*data)
    for arg, name in zip(data, _ARG_NAMES[quantity]):
        if not is_discrete(arg):
            warn_if_label_like(arg, name)
    if kind not in AUTO[quantity]:
        raise ValueError(
            f"method='auto' has no {quantity} estimator for {kind} data (labels: ints, bools, strings, "
            f"categoricals); pass real-valued samples or name a method explicitly"
        )
    chosen = lookup(quantity, AUTO[quantity][kind])
    if chosen.labels_last and labels_first(data[0], data[1]):
        return chosen, (data[1], data[0]), True
    return chosen, data, False


def resolve_method(quantity: str, *data: ArrayLike, method: str = "auto") -> str:
    """The name of the estimator that ``method`` runs on ``data`` for ``quantity``.

    What ``method="auto"`` chooses is decided by the data's dtypes alone (the
    rule of :func:`mutual_info`); this says which it is without estimating.

    Parameters
    ----------
    quantity : {"entropy", "mutual_info", "conditional_mutual_info", "kl_divergence"}
    *data : array-like
        The samples, as the front door of ``quantity`` takes them.
    method : str, default "auto"
        A method name or alias; aliases resolve to the canonical name.

    Returns
    -------
    str
        A canonical method name, e.g. ``"ksg"``, ``"ross"`` or ``"discrete"``.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import resolve_method
    >>> x = np.random.default_rng(0).normal(size=100)
    >>> resolve_method("mutual_info", x, x > 0), resolve_method("mutual_info", x, x)
    ('ross', 'ksg')
    >>> resolve_method("entropy", [1, 2, 2]), resolve_method("entropy", x, method="kl")
    ('discrete', 'kozachenko_leonenko')
    """
    check_choice(quantity, "quantity", tuple(_ARG_NAMES))
    if len(data) != len(_ARG_NAMES[quantity]):
        raise TypeError(f"{quantity} takes {len(_ARG_NAMES[quantity])} sample argument(s), got {len(data)}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DiscreteDataWarning)  # the estimate itself warns
        return resolve(quantity, method, *data)[0].name


_ARG_NAMES = {
    "entropy": ("x",),
    "mutual_info": ("x", "y"),
    "conditional_mutual_info": ("x", "y", "z"),
    "kl_divergence": ("p_samples", "q_samples"),
}


def _locals_option(options: dict[str, Any], return_locals: bool) -> dict[str, Any]:
    # Only the kNN methods take return_locals; pass it only when asked for, so
    # that the default call works with every method.
    return {**options, "return_locals": True} if check_bool(return_locals, "return_locals") else options


@overload
def entropy(
    x: ArrayLike,
    *,
    method: str = ...,
    base: float | None = ...,
    return_locals: Literal[False] = ...,
    return_std: Literal[False] = ...,
    **options: Any,
) -> float: ...
@overload
def entropy(
    x: ArrayLike, *, method: str = ..., base: float | None = ..., return_locals: Literal[True], **options: Any
) -> tuple[float, NDArray[np.float64]]: ...
@overload
def entropy(
    x: ArrayLike,
    *,
    method: str = ...,
    base: float | None = ...,
    return_locals: Literal[False] = ...,
    return_std: Literal[True],
    **options: Any,
) -> tuple[float, float]: ...
@overload
def entropy(
    x: ArrayLike, *, method: str = ..., base: float | None = ..., return_locals: bool = ..., **options: Any
) -> float | tuple[float, NDArray[np.float64]] | tuple[float, float]: ...
@fill_doc
def entropy(
    x: ArrayLike, *, method: str = "auto", base: float | None = None, return_locals: bool = False, **options: Any
) -> Any:
    r"""Entropy of a sample, in nats (or units of ``base``).

    Parameters
    ----------
    x : array-like, shape (n,) or (n, d)
        Samples. Labels (ints, strings, categoricals) for ``method="discrete"``;
        real values for ``method="kozachenko_leonenko"``. A 2-D array is one
        joint variable.
    method : {"auto", "discrete", "kozachenko_leonenko", "histogram", "gaussian"}
        ``"discrete"``: entropy of the empirical label distribution, with the
        bias correction chosen by ``estimator`` (see
        :func:`infokit.estimate.discrete_entropy`). ``"kozachenko_leonenko"``
        (alias ``"kl"``): k-nearest-neighbour differential entropy (see
        :func:`infokit.estimate.kozachenko_leonenko_entropy`). ``"auto"``
        picks ``"discrete"`` for integer, boolean, string, object and
        categorical data, ``"kozachenko_leonenko"`` for floats.
        %(front_methods_histogram)s
        %(front_methods_gaussian)s
    %(base)s
    return_locals : bool, default False
        Also return the pointwise terms (kNN methods only).
    **options
        Passed to the chosen estimator (``estimator=`` for discrete; ``k=``,
        ``metric=``, ``n_jobs=`` ... for the kNN method).

    Returns
    -------
    %(returns_locals)s
        With ``return_std=True`` (discrete NSB): ``(estimate, posterior_std)``.

    %(front_raises)s

    Notes
    -----
    Formulas (:math:`\hat p` the label frequencies, :math:`\rho_i` the
    distance to the ``k``-th neighbour, :math:`c_d` the unit-ball volume):
    ``"discrete"`` :math:`-\sum \hat p \log \hat p` (plus the chosen bias
    correction); ``"kozachenko_leonenko"`` :math:`\psi(n) - \psi(k) + \log c_d +
    \frac{d}{n}\sum_i \log \rho_i`.

    %(front_ties)s

    Examples
    --------
    >>> import infokit.estimate as ie
    >>> round(ie.entropy(["h", "t", "h", "t"], base=2), 6)
    1.0
    """
    chosen, data, _ = resolve("entropy", method, x)
    return chosen(*data, base=base, **_locals_option(options, return_locals))


@overload
def mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    *,
    method: str = ...,
    base: float | None = ...,
    return_locals: Literal[False] = ...,
    **options: Any,
) -> float: ...
@overload
def mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    *,
    method: str = ...,
    base: float | None = ...,
    return_locals: Literal[True],
    **options: Any,
) -> tuple[float, NDArray[np.float64]]: ...
@overload
def mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    *,
    method: str = ...,
    base: float | None = ...,
    return_locals: bool = ...,
    **options: Any,
) -> float | tuple[float, NDArray[np.float64]]: ...
@fill_doc
def mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    *,
    method: str = "auto",
    base: float | None = None,
    return_locals: bool = False,
    **options: Any,
) -> Any:
    r"""Mutual information I(X; Y) estimated from paired samples.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Paired samples; a 2-D array is one multivariate variable.
    method : {"auto", "discrete", "ksg", "ksg2", "ross", "gkov", "histogram", "gaussian", "gcmi", "ksg_copula"}
        ``"discrete"``: contingency-table MI of labels (``estimator=`` picks the
        entropy estimator; :func:`~infokit.estimate.discrete_mutual_info`).
        ``"ksg"`` / ``"ksg2"``: Kraskov–Stögbauer–Grassberger estimators 1 and
        2 for continuous data (:func:`~infokit.estimate.ksg_mutual_info`).
        ``"ross"`` (alias ``"mixed"``): Ross (2014) for a continuous ``x`` and
        discrete ``y``, scikit-learn's mutual_info_classif
        (:func:`~infokit.estimate.ross_mutual_info`). ``"gkov"``:
        Gao–Kannan–Oh–Viswanath (2017) for discrete–continuous mixtures and
        data with ties (:func:`~infokit.estimate.gkov_mutual_info`).
        ``"auto"``: ``"discrete"`` when both are labels, ``"ksg"`` when both
        are real, ``"ross"`` otherwise (with the real variable first).
        %(front_methods_histogram)s
        %(front_methods_gaussian)s
    %(base)s
    return_locals : bool, default False
        Also return the pointwise terms (kNN methods only).
    **options
        Passed to the chosen estimator.

    Returns
    -------
    %(returns_locals)s

    %(front_raises)s

    Notes
    -----
    Formulas: ``"discrete"`` :math:`\sum \hat p(x, y) \log \frac{\hat p(x,
    y)}{\hat p(x) \hat p(y)}`; ``"ksg"`` :math:`\psi(k) + \psi(n) - \langle
    \psi(n_x + 1) + \psi(n_y + 1) \rangle` (strict counts within the joint
    max-norm radius); ``"ksg2"`` :math:`\psi(k) - 1/k + \psi(n) - \langle
    \psi(n_x) + \psi(n_y) \rangle`; ``"ross"`` :math:`\psi(n) + \langle
    \psi(k) \rangle - \langle \psi(N_c) \rangle - \langle \psi(m) \rangle`;
    ``"gkov"`` KSG-1 with tie-aware counts. Each method's function has the
    details and its options.

    %(front_ties)s

    Examples
    --------
    >>> import infokit.estimate as ie
    >>> round(ie.mutual_info([0, 0, 1, 1], [0, 0, 1, 1], base=2), 6)
    1.0
    """
    chosen, data, swapped = resolve("mutual_info", method, x, y)
    with showing_names(SWAPPED_NAMES if swapped else {}):
        return chosen(*data, base=base, **_locals_option(options, return_locals))


@overload
def conditional_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    z: ArrayLike,
    *,
    method: str = ...,
    base: float | None = ...,
    return_locals: Literal[False] = ...,
    **options: Any,
) -> float: ...
@overload
def conditional_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    z: ArrayLike,
    *,
    method: str = ...,
    base: float | None = ...,
    return_locals: Literal[True],
    **options: Any,
) -> tuple[float, NDArray[np.float64]]: ...
@overload
def conditional_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    z: ArrayLike,
    *,
    method: str = ...,
    base: float | None = ...,
    return_locals: bool = ...,
    **options: Any,
) -> float | tuple[float, NDArray[np.float64]]: ...
@fill_doc
def conditional_mutual_info(
    x: ArrayLike,
    y: ArrayLike,
    z: ArrayLike,
    *,
    method: str = "auto",
    base: float | None = None,
    return_locals: bool = False,
    **options: Any,
) -> Any:
    r"""Conditional mutual information I(X; Y | Z) from samples.

    Parameters
    ----------
    x, y, z : array-like, shape (n,) or (n, d)
        Paired samples.
    method : {"auto", "discrete", "ksg", "ksg2", "stratified", "histogram", "gaussian", "gcmi", "ksg_copula"}
        ``"discrete"``: plug-in (or corrected) CMI from a 3-way contingency
        table of labels (:func:`~infokit.estimate.discrete_conditional_mutual_info`).
        ``"ksg"`` / ``"ksg2"``: Frenzel–Pompe kNN estimator and its KSG-2 form
        (:func:`~infokit.estimate.ksg_conditional_mutual_info`).
        ``"stratified"``: for labels z, the MI of x and y within each class of
        z weighted by its share
        (:func:`~infokit.estimate.stratified_conditional_mutual_info`).
        ``"auto"``: ``"discrete"`` when all three are labels, ``"stratified"``
        when z holds labels and x or y does not, ``"ksg"`` otherwise.
        %(front_methods_histogram)s
        %(front_methods_gaussian)s
    %(base)s
    return_locals : bool, default False
        Also return the pointwise terms (kNN methods only).
    **options
        Passed to the chosen estimator.

    Returns
    -------
    %(returns_locals)s

    %(front_raises)s

    Notes
    -----
    Formulas: ``"discrete"`` :math:`\hat H(X, Z) + \hat H(Y, Z) - \hat H(X, Y, Z)
    - \hat H(Z)`; ``"ksg"`` (Frenzel–Pompe) :math:`\psi(k) - \langle \psi(n_{xz}
    + 1) + \psi(n_{yz} + 1) - \psi(n_z + 1) \rangle`; ``"ksg2"`` its KSG-2 form.

    %(front_ties)s

    Examples
    --------
    >>> import infokit.estimate as ie
    >>> round(ie.conditional_mutual_info([0, 1, 0, 1], [0, 1, 0, 1], [0, 0, 1, 1], base=2), 6)
    1.0
    """
    chosen, data, _ = resolve("conditional_mutual_info", method, x, y, z)
    return chosen(*data, base=base, **_locals_option(options, return_locals))


@overload
def kl_divergence(
    p_samples: ArrayLike,
    q_samples: ArrayLike,
    *,
    method: str = ...,
    base: float | None = ...,
    return_locals: Literal[False] = ...,
    **options: Any,
) -> float: ...
@overload
def kl_divergence(
    p_samples: ArrayLike,
    q_samples: ArrayLike,
    *,
    method: str = ...,
    base: float | None = ...,
    return_locals: Literal[True],
    **options: Any,
) -> tuple[float, NDArray[np.float64]]: ...
@overload
def kl_divergence(
    p_samples: ArrayLike,
    q_samples: ArrayLike,
    *,
    method: str = ...,
    base: float | None = ...,
    return_locals: bool = ...,
    **options: Any,
) -> float | tuple[float, NDArray[np.float64]]: ...
@fill_doc
def kl_divergence(
    p_samples: ArrayLike,
    q_samples: ArrayLike,
    *,
    method: str = "wkv",
    base: float | None = None,
    return_locals: bool = False,
    **options: Any,
) -> Any:
    r"""KL divergence D(P || Q) from samples of P and samples of Q.

    Parameters
    ----------
    p_samples : array-like, shape (n, d) or (n,)
    q_samples : array-like, shape (m, d) or (m,)
    method : {"wkv", "auto", "gaussian"}, default "wkv"
        Wang–Kulkarni–Verdú (2009) k-nearest-neighbour estimator (alias
        ``"knn"``; :func:`~infokit.estimate.wkv_kl_divergence`). ``"auto"``
        runs it on real-valued samples and refuses labels (no discrete method
        yet). ``"gaussian"``: the closed form between the two fitted normals
        (:func:`infokit.dist.gaussian_kl`).
    %(base)s
    return_locals : bool, default False
        Also return the pointwise terms.
    **options
        Passed to the estimator.

    Returns
    -------
    %(returns_locals)s

    %(front_raises)s

    Notes
    -----
    Formula (``"wkv"``): :math:`\frac{d}{n}\sum_i \log\frac{\nu_k(i)}{\rho_k(i)}
    + \log\frac{m}{n - 1}`, :math:`\rho_k(i)` the distance from :math:`p_i` to
    its ``k``-th neighbour in P and :math:`\nu_k(i)` to its ``k``-th in Q.

    %(front_ties)s

    Examples
    --------
    >>> import numpy as np, infokit.estimate as ie
    >>> rng = np.random.default_rng(0)
    >>> d = ie.kl_divergence(rng.normal(0, 1, 4000), rng.normal(1, 1, 4000))
    >>> bool(abs(d - 0.5) < 0.1)   # closed form: (mu_p - mu_q)^2 / 2 = 0.5 nats
    True
    """
    chosen, data, _ = resolve("kl_divergence", method, p_samples, q_samples)
    return chosen(*data, base=base, **_locals_option(options, return_locals))
