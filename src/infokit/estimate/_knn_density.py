"""kNN density estimators: Kozachenko–Leonenko differential entropy and the
Wang–Kulkarni–Verdú KL divergence between two samples.

Both read the distance from each sample to its k-th neighbour (C++ KD-tree,
:func:`infokit._kernels.knn.knn_radius` / ``knn_cross_radius``) and assemble the
formula in its docstring here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from infokit._kernels import knn as _k
from infokit._validation import (
    apply_nan_policy,
    as_float_samples,
    base_scale,
    check_bool,
    check_choice,
    resolve_n_jobs,
    shown,
    warn,
)
from infokit.estimate._docs import fill_doc
from infokit.estimate._knn_core import DENSITY_METRICS, METRIC_CODES, finish, nan_result, prepare_knn, warn_ties
from infokit.estimate._registry import register
from infokit.estimate._samples import (
    check_k,
    check_noise,
    check_sample_count,
    check_span,
    is_constant,
    jitter,
    power_of_two_scale,
)

__all__ = ["kozachenko_leonenko_entropy", "kl_entropy", "wkv_kl_divergence"]


def _log_unit_ball(d: int, metric: str) -> float:
    """log volume of the radius-1 ball: the cube [-1, 1]^d or the Euclidean ball."""
    if metric == "chebyshev":
        return d * math.log(2.0)
    from scipy.special import gammaln  # on use: ``import infokit`` need not load scipy.special

    return 0.5 * d * math.log(math.pi) - float(gammaln(0.5 * d + 1.0))


# Euclidean radii come from squared distances (the kernel takes sqrt last), so
# they overflow once distances pass ~1e154 and lose everything below ~1e-154.
# Radii within [_PLAIN_LO, _PLAIN_HI] had normal squares, and a pair whose
# square overflowed is farther than them (inf is never a neighbour), so such
# results stand as they are: bit for bit the plain path, whatever the data.
# Otherwise the data are multiplied by the exact power of two that brings the
# largest column span into [0.5, 1) (constant columns set to 0: they add
# nothing to any distance) and searched again; any radius still below _TINY
# (in span units), or zero, is redone once more on the data scaled up by
# 2**_RESCUE_EXP: coordinates of non-constant columns are at most 2**53 spans,
# so that cannot overflow, and a far pair whose square does is inf, never a
# neighbour. The log-radius is the kernel's log plus the exponent taken off:
# exact up to the rounding of one log. A radius still zero after the rescue is
# a duplicate (or a distance below about 2**-1400 of the span).
_PLAIN_LO = 2.0**-480
_PLAIN_HI = 2.0**480
_TINY = 2.0**-400
_RESCUE_EXP = 900
_LN2 = math.log(2.0)


def _span_exponent(arrays: list[np.ndarray]) -> int:
    """e with the largest column span of all arrays together in [2**(e-1), 2**e) (0: all constant)."""
    lo = np.min([a.min(axis=0) for a in arrays], axis=0)
    hi = np.max([a.max(axis=0) for a in arrays], axis=0)
    span = float(np.max(hi - lo))  # finite: check_span ran
    return math.frexp(span)[1] if span > 0 else 0


def _scaled(arrays: list[np.ndarray], e: int) -> list[np.ndarray]:
    """The arrays times 2**-e (exact), columns constant across all of them set to 0."""
    first = arrays[0][:1]
    const = np.all([np.all(a == first, axis=0) for a in arrays], axis=0)
    out = []
    for a in arrays:
        b = np.array(a, dtype=np.float64, order="C")
        b[:, const] = 0.0  # first: 2**-e times a constant column could overflow
        with np.errstate(under="ignore"):
            np.ldexp(b, -e, out=b)
        out.append(b)
    return out


def _log_radii(arrays: list[np.ndarray], k: int, theiler: int, metric: str, threads: int) -> list[np.ndarray]:
    """log of the k-th neighbour distance of each row of arrays[0] within arrays[0]
    (and, given arrays[1], to the rows of arrays[1]); see the comment above."""
    # The fast path is one min and one max per radius array more than before.
    code = METRIC_CODES[metric]

    def radii(a: list[np.ndarray]) -> list[np.ndarray]:
        rho = np.empty(len(a[0]))
        _k.knn_radius(a[0], k, theiler, code, threads, rho)
        if len(a) == 1:
            return [rho]
        nu = np.empty(len(a[0]))
        _k.knn_cross_radius(a[0], a[1], k, code, threads, nu)
        return [rho, nu]

    with np.errstate(divide="ignore"):
        rs = radii(arrays)
        if metric != "euclidean" or all(_PLAIN_LO <= r.min() and r.max() <= _PLAIN_HI for r in rs):
            return [np.log(r) for r in rs]
        e = _span_exponent(arrays)
        rs = radii(_scaled(arrays, e))
        logs = [np.log(r) + e * _LN2 for r in rs]
        tiny = [r < _TINY for r in rs]
        if any(t.any() for t in tiny):
            up = radii(_scaled(arrays, e - _RESCUE_EXP))
            for lr, t, r_up in zip(logs, tiny, up):
                lr[t] = np.log(r_up[t]) + (e - _RESCUE_EXP) * _LN2
    return logs


@fill_doc
def kozachenko_leonenko_entropy(
    x: ArrayLike,
    *,
    base: float | None = None,
    k: int = 3,
    metric: str = "chebyshev",
    noise: float | str | None = "auto",
    random_state: Any = None,
    theiler: int = 0,
    return_locals: bool = False,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> float | tuple[float, NDArray[np.float64]]:
    r"""Kozachenko–Leonenko k-nearest-neighbour estimate of differential entropy.

    :math:`\hat H = \psi(n) - \psi(k) + \log c_d + \frac{d}{n}\sum_i \log \rho_i`,
    with :math:`\rho_i` the distance from sample i to its ``k``-th neighbour and
    :math:`c_d` the volume of the unit ball of the metric: :math:`2^d` for the
    max-norm, :math:`\pi^{d/2} / \Gamma(d/2 + 1)` for the Euclidean norm.

    Parameters
    ----------
    x : array-like, shape (n,) or (n, d)
        Continuous samples.
    %(base)s
    k : int, default 3
    metric : {"chebyshev", "euclidean"}
    noise, random_state, theiler, return_locals, nan_policy, n_jobs
        As in :func:`ksg_mutual_info`: tied columns are jittered by default.

    Returns
    -------
    float, or (float, ndarray) with ``return_locals``
        With ``noise=None``, duplicate points (a zero radius) give ``-inf``,
        the differential entropy of a point mass, and a
        :class:`~infokit.TiesWarning`.

    Notes
    -----
    Complexity: one KD-tree, O(n log n) build plus n k-NN queries; O(n) memory.
    Euclidean radii are exact for any finite input: data whose distances
    would overflow or underflow when squared (beyond about 1e±154) are
    searched again after scaling by an exact power of two, which is added back
    to the log-radius (so ``H(s x) = H(x) + d log s``).

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import entropy
    >>> x = np.random.default_rng(3).normal(size=(5000, 2))
    >>> truth = np.log(2 * np.pi * np.e)          # 2-D standard normal: 2.8379 nats
    >>> bool(abs(entropy(x, method="kozachenko_leonenko") - truth) < 0.05)
    True
    """
    p = prepare_knn(
        (x,), ("x",), metric=metric, metrics=DENSITY_METRICS, base=base, k=k, noise=noise,
        random_state=random_state, theiler=theiler, nan_policy=nan_policy, n_jobs=n_jobs,
        return_locals=return_locals,
    )  # fmt: skip
    if p.has_nan:
        return p.nan()
    (xa,) = p.arrays
    n, d = xa.shape
    if is_constant(xa):
        # A point mass: its differential entropy is -inf, and jitter cannot
        # help (a constant column has no resolution to spread over).
        warn(
            f"{shown('x')} is constant: a point mass has differential entropy -inf (use a discrete method "
            "for the entropy of a value that repeats)",
            UserWarning,
        )
        return p.result(-math.inf, np.full(n, -math.inf))
    (log_rho,) = _log_radii([xa], p.k, p.theiler, metric, p.threads)
    from scipy.special import digamma  # on use: ``import infokit`` need not load scipy.special

    const = float(digamma(n) - digamma(p.k)) + _log_unit_ball(d, metric)
    # h(x) = h(x * 2**e) - sum(e) log 2: undo the exact rescale of prepare_knn.
    const -= float(p.exponents.sum()) * math.log(2.0)
    with np.errstate(divide="ignore"):
        locals_ = const + d * log_rho
    warn_ties(int(np.count_nonzero(np.isneginf(log_rho))), n)
    return p.result(float(np.mean(locals_)), locals_)


@fill_doc
def wkv_kl_divergence(
    p_samples: ArrayLike,
    q_samples: ArrayLike,
    *,
    base: float | None = None,
    k: int = 1,
    metric: str = "chebyshev",
    noise: float | str | None = "auto",
    random_state: Any = None,
    return_locals: bool = False,
    nan_policy: str = "raise",
    n_jobs: int | None = None,
) -> float | tuple[float, NDArray[np.float64]]:
    r"""Wang–Kulkarni–Verdú (2009) k-NN estimate of D(P || Q) from two samples.

    :math:`\hat D = \frac{d}{n}\sum_i \log\frac{\nu_k(i)}{\rho_k(i)} + \log\frac{m}{n - 1}`,
    with :math:`\rho_k(i)` the distance from :math:`p_i` to its ``k``-th
    neighbour among the other n - 1 samples of P and :math:`\nu_k(i)` its
    distance to the ``k``-th nearest of the m samples of Q. The unit-ball
    volume cancels, so both metrics give a consistent estimate.

    Parameters
    ----------
    p_samples : array-like, shape (n,) or (n, d)
    q_samples : array-like, shape (m,) or (m, d)
    %(base)s
    k : int, default 1
        ``1 <= k <= n - 1`` and ``k <= m - 1``: both samples need more than ``k`` points.
    %(metric_density)s
    %(noise)s
    %(return_locals)s
    %(nan_policy)s
        With ``"omit"``, the rows of each sample are dropped separately.
    %(n_jobs)s

    Returns
    -------
    float, or (float, ndarray of shape (n,)) with ``return_locals``
        With ``noise=None``, a duplicate of p_i in P gives +inf and a copy of
        p_i in Q gives -inf (NaN for both), with a :class:`~infokit.TiesWarning`.

    Notes
    -----
    Complexity: two KD-trees (P and Q), O((n + m) log(n + m)); O(n + m) memory.
    Scale-invariant for any finite input, Euclidean included (see
    :func:`kozachenko_leonenko_entropy`).

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.estimate import kl_divergence
    >>> rng = np.random.default_rng(4)
    >>> p, q = rng.normal(0, 1, 5000), rng.normal(0, 2, 5000)
    >>> truth = np.log(2) + 1 / 8 - 0.5         # KL(N(0,1) || N(0,4)) = 0.3181 nats
    >>> bool(abs(kl_divergence(p, q) - truth) < 0.05)
    True
    """
    check_choice(metric, "metric", DENSITY_METRICS)
    return_locals = check_bool(return_locals, "return_locals")
    scale = base_scale(base)
    noise_v = check_noise(noise)
    pa = as_float_samples(p_samples, "p_samples")
    qa = as_float_samples(q_samples, "q_samples")
    if pa.shape[1] != qa.shape[1]:
        raise ValueError(f"p_samples and q_samples must have the same dimension, got {pa.shape[1]} and {qa.shape[1]}")
    (pa,), nan_p = apply_nan_policy([pa], ["p_samples"], nan_policy)
    (qa,), nan_q = apply_nan_policy([qa], ["q_samples"], nan_policy)
    n, d = pa.shape
    m = len(qa)
    if nan_p or nan_q:
        return nan_result(n, return_locals)
    check_sample_count(n, "p_samples")
    check_sample_count(m, "q_samples")
    k = check_k(k, n)
    if k >= m:
        # As P needs k neighbours besides each point, Q needs more than k points: a
        # single Q sample gave a confident -0.67 nats for two equal Gaussians.
        raise ValueError(f"k={k} needs more than k samples in q_samples (k + 1 = {k + 1}), got {m}")
    # Distances run within p and from p to q: the span of both together matters.
    check_span([np.concatenate([pa, qa]).astype(np.float64, copy=False)], ["p_samples and q_samples together"])
    pa, qa = jitter(
        [np.ascontiguousarray(pa, np.float64), np.ascontiguousarray(qa, np.float64)], noise_v, random_state,
        ["p_samples", "q_samples"], pooled=True,
    )  # fmt: skip
    threads = resolve_n_jobs(n_jobs)
    (pa, qa), _ = power_of_two_scale([pa, qa], pooled=True)  # D(P || Q) is unchanged: one scale for both
    log_rho, log_nu = _log_radii([pa, qa], k, 0, metric, threads)
    with np.errstate(invalid="ignore"):
        locals_ = d * (log_nu - log_rho) + math.log(m / (n - 1))
    warn_ties(int(np.count_nonzero(np.isneginf(log_rho) | np.isneginf(log_nu))), n)
    return finish(float(np.mean(locals_)), locals_, scale, False, return_locals)


#: The name this estimator had first (kept: it is in user code).
kl_entropy = kozachenko_leonenko_entropy

register("entropy", "kozachenko_leonenko", kozachenko_leonenko_entropy, kind="continuous", aliases=("kl",))
register("kl_divergence", "wkv", wkv_kl_divergence, kind="continuous", aliases=("knn",))
