"""Variational bounds on mutual information, evaluated on a critic's score matrix.

Every function takes ``S[i, j] = f(x_i, y_j)`` (diagonal = positive pairs; see
:mod:`infokit.bounds` for the convention, the special values and the NaN
policy) and returns a :class:`BoundResult`. Formulas follow Poole, Ozair, van
den Oord, Alemi and Tucker, "On variational bounds of mutual information"
(ICML 2019), unless a docstring names another source.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np

from infokit import _validation as v
from infokit.bounds import _logsumexp as _lse
from infokit.bounds._docs import fill_doc

__all__ = [
    "BoundResult",
    "MineState",
    "infonce",
    "dv",
    "mine",
    "nwj",
    "tuba",
    "interpolated",
    "js",
    "nwj_js",
    "dv_js",
    "smile",
    "flo",
    "club",
    "l1out",
]

_INF = math.inf
_NAN = math.nan


class BoundResult(NamedTuple):
    """The value of a variational bound on one batch.

    Attributes
    ----------
    value : float
        The bound in nats (or units of ``base``).
    stderr : float
        Standard error of ``value`` as a mean over the N rows of the batch,
        ``std(r_i, ddof=1) / sqrt(N)`` for the per-row terms r_i whose mean is
        the value. NaN where the value is not such a mean (DV, MINE, DV-JS,
        SMILE: a log of a batch mean), for N = 1, or when a term is not finite.
    cap : float
        The largest value the estimator can return whatever the critic:
        log M for InfoNCE over rows of an (N, M) matrix, log(K / alpha) for
        the interpolated bound, 0 for the JS objective, inf otherwise.
    is_lower_bound : bool
        Whether ``value`` is a valid (in expectation) lower bound on I(X; Y):
        False for the upper bounds (CLUB, L1Out) and for clipped SMILE.
    name : str
        The function that computed it.
    """

    value: float
    stderr: float
    cap: float
    is_lower_bound: bool
    name: str


# ---------------------------------------------------------------- shared steps


class _Scores(NamedTuple):
    s: np.ndarray  # validated (N, M), float32 / float64
    d: np.ndarray  # the positive scores S[i, i], float64
    n: int
    m: int
    threads: int


def _prepare(scores: Any, bound: str, nan_policy: Any, n_jobs: Any, *, negatives: bool = True) -> _Scores | None:
    """Validate ``scores``; None means "return NaN" (NaN under nan_policy='propagate')."""
    policy = _lse.check_nan_policy(nan_policy)
    threads = v.resolve_n_jobs(n_jobs)
    s = v.as_score_matrix(scores)
    n, m = s.shape
    if m < n:
        raise ValueError(
            f"{bound}: scores must be (N, M) with M >= N (row i is paired with column i, further columns are "
            f"extra negatives); got shape {s.shape}: pass the matrix with rows = x and columns = y"
        )
    if negatives and m < 2:
        raise ValueError(
            f"{bound} needs negative (off-diagonal) pairs, but a 1 x 1 score matrix (N = 1) has none; "
            "infonce and club are defined for N = 1"
        )
    if np.isnan(np.min(s)):
        if policy == "raise":
            raise ValueError(f"{bound}: scores contains NaN (nan_policy='raise'; 'propagate' returns NaN)")
        return None
    idx = np.arange(n)
    return _Scores(s, s[idx, idx].astype(np.float64), n, m, threads)


def _per_row(value: Any, name: str, n: int, nan_policy: Any, *, side: str = "row x_i") -> np.ndarray | None:
    """A scalar or (n,) parameter (a log baseline, FLO's u) as float64 (n,); None: NaN under 'propagate'.

    ``side`` names what one value belongs to, for the error message: a row x_i
    (FLO's u) or a column y_j (the log baselines a(y_j)).
    """
    a = v.to_numpy(value)
    if a.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be a real scalar or an array of shape ({n},), got dtype {a.dtype}")
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 0:
        a = np.full(n, float(a))
    elif a.shape != (n,):
        raise ValueError(f"{name} must be a scalar or have shape ({n},), one value per {side}; got {a.shape}")
    if np.isnan(a).any():
        if nan_policy == "raise":
            raise ValueError(f"{name} contains NaN (nan_policy='raise'; 'propagate' returns NaN)")
        return None
    return a


def _stderr(terms: np.ndarray) -> float:
    if terms.size < 2 or not np.isfinite(terms).all():
        return _NAN
    return float(np.std(terms, ddof=1) / math.sqrt(terms.size))


def _result(value: float, stderr: float, cap: float, lower: bool, name: str, base: Any) -> BoundResult:
    k = v.base_scale(base)
    return BoundResult(float(value) * k, float(stderr) * k, float(cap) * k, lower, name)


def _from_terms(terms: np.ndarray, cap: float, lower: bool, name: str, base: Any) -> BoundResult:
    with np.errstate(invalid="ignore"):
        value = float(np.mean(terms))
    return _result(value, _stderr(terms), cap, lower, name, base)


def _nan(cap: float, lower: bool, name: str, base: Any) -> BoundResult:
    return _result(_NAN, _NAN, cap, lower, name, base)


def _mean(x: np.ndarray) -> float:
    with np.errstate(invalid="ignore"):
        return float(np.mean(x))


def _neg_lme_rows(p: _Scores) -> np.ndarray:
    """log mean_{j != i} exp S[i, j] per row (M - 1 negatives each)."""
    return _lse.lse_rows(p.s, True, p.threads, mean=True)


def _dv_value(p: _Scores, s_neg: np.ndarray | None = None) -> tuple[float, float]:
    """(mean diag - log mean_{i != j} exp S_ij, the log-mean-exp), over S or a clipped copy for the negatives."""
    lme = _lse.lse_total(p.s if s_neg is None else s_neg, True, p.threads, mean=True)
    with np.errstate(invalid="ignore"):
        return _mean(p.d) - lme, lme


def _nwj_terms(p: _Scores, shift: float) -> np.ndarray:
    """Per-row NWJ terms of S + shift: (S_ii + shift) - e^{-1} mean_{j != i} exp(S_ij + shift)."""
    with np.errstate(invalid="ignore", over="ignore"):
        return (p.d + shift) - np.exp(_neg_lme_rows(p) + (shift - 1.0))


# ------------------------------------------------------------------ InfoNCE


def _infonce_terms(s: np.ndarray, d: np.ndarray, lse: np.ndarray, along_rows: bool) -> np.ndarray:
    """S_ii - log sum_j exp S_ij per positive pair (the log-softmax of the positive), limits at +-inf."""
    with np.errstate(invalid="ignore"):
        t = d - lse
    bad = ~np.isfinite(lse) | ~np.isfinite(d)
    if bad.any():
        for i in np.flatnonzero(bad):
            line = s[i, :] if along_rows else s[:, i]
            if d[i] == -_INF:
                t[i] = -_INF  # the positive pair has no weight at all
            elif lse[i] == _INF:
                # +inf candidates share the mass: the positive gets 1/k of it, or nothing.
                t[i] = -math.log(int(np.isposinf(line).sum())) if d[i] == _INF else -_INF
    return t


@fill_doc
def infonce(scores, direction="rows", *, base=None, nan_policy="raise", n_jobs=None):
    r"""InfoNCE (van den Oord et al. 2018): log N minus the contrastive cross-entropy.

    .. math::

        I_{\mathrm{NCE}} = \frac{1}{N} \sum_{i=1}^{N}
            \Bigl[ S_{ii} - \log \frac{1}{M} \sum_{j=1}^{M} e^{S_{ij}} \Bigr]
        = \log M - \mathcal{L}_{\mathrm{CE}},

    with ``S[i, j] = f(x_i, y_j)``, diagonal = positive pairs, and
    :math:`\mathcal{L}_{\mathrm{CE}}` the cross-entropy of the row-wise softmax
    with the diagonal as labels (``F.cross_entropy(S, arange(N))``). Never
    above ``cap = log M``, which a perfect critic reaches exactly; unchanged by
    adding a constant to any row.

    Parameters
    ----------
    %(scores)s
    direction : {'rows', 'columns', 'symmetric'}, default 'rows'
        'rows' classifies each x_i's partner among the M columns (cap log M);
        'columns' each y_j's (j < N) among the N rows (cap log N); 'symmetric'
        averages the two per pair (CLIP's loss; cap (log M + log N) / 2).
    %(base)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns)s

    Notes
    -----
    N = 1 gives 0 (log 1). Special values are limits: a row whose positive
    score is +inf contributes -log k + log M, k its number of +inf entries; a
    positive score of -inf, or +inf elsewhere in its row, contributes -inf.
    O(N M) time, O(N + M) extra memory.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import infonce
    >>> S = np.array([[3.0, 0.0, 0.0], [0.0, 3.0, 0.0], [0.0, 0.0, 3.0]])
    >>> r = infonce(S)
    >>> round(r.value, 4), round(r.cap, 4)           # 3 - log((e^3 + 2) / 3); cap = log 3
    (1.0037, 1.0986)
    >>> bool(infonce(np.diag([1e4] * 4) - 1e4).value == np.log(4))   # a perfect critic: log N exactly
    True
    >>> round(infonce(S, base=2).value, 4)           # bits
    1.448
    """
    name = "infonce"
    direction = v.check_choice(direction, "direction", ("rows", "columns", "symmetric"))
    p = _prepare(scores, name, nan_policy, n_jobs, negatives=False)
    n_rows, n_cols = np.shape(scores)
    log_m, log_n = math.log(n_cols), math.log(n_rows)
    cap = {"rows": log_m, "columns": log_n, "symmetric": 0.5 * (log_m + log_n)}[direction]
    if p is None:
        return _nan(cap, True, name, base)
    terms = []
    if direction in ("rows", "symmetric"):
        lse = _lse.lse_rows(p.s, False, p.threads)
        terms.append(_infonce_terms(p.s, p.d, lse, True))
    if direction in ("columns", "symmetric"):
        lse = _lse.lse_cols(p.s[:, : p.n] if p.m > p.n else p.s, False, p.threads)
        terms.append(_infonce_terms(p.s, p.d, lse, False))
    if direction == "rows":
        t = terms[0]
        value = log_m + _mean(t)
        return _result(value, _stderr(t + log_m), cap, True, name, base)
    if direction == "columns":
        t = terms[0]
        value = log_n + _mean(t)
        return _result(value, _stderr(t + log_n), cap, True, name, base)
    t = 0.5 * ((terms[0] + log_m) + (terms[1] + log_n))
    return _from_terms(t, cap, True, name, base)


# ------------------------------------------------------------- DV and MINE


@fill_doc
def dv(scores, *, base=None, nan_policy="raise", n_jobs=None):
    r"""Donsker–Varadhan lower bound (the value MINE maximises).

    %(math_dv)s

    The negative-pair term runs over the **off-diagonal** pairs only: the
    diagonal pairs are draws of the joint, not of the product of marginals.
    (Including them, a log-mean over all N M pairs, is a different estimator;
    on the true critic it sits below the true MI and saturates near log N, see
    ``tests/bounds/test_bounds_true_critic.py``.) Unchanged by adding a constant to
    every score. Its batch estimate is biased upwards (the log of a batch mean),
    so ``stderr`` is NaN.

    Parameters
    ----------
    %(scores)s
    %(base)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns)s

    Notes
    -----
    Needs off-diagonal pairs (M >= 2): a 1 x 1 matrix raises ``ValueError``.
    All off-diagonal scores -inf give +inf (the critic rules out every
    negative pair); +inf on the diagonal gives +inf, and NaN when the negatives
    hold +inf too (inf - inf). O(N M) time.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import dv
    >>> S = np.array([[2.0, 0.0], [0.0, 2.0]])
    >>> dv(S).value                                  # 2 - log mean(e^0, e^0)
    2.0
    >>> dv(S + 1e4).value                            # shift-invariant, no overflow
    2.0
    """
    name = "dv"
    p = _prepare(scores, name, nan_policy, n_jobs)
    if p is None:
        return _nan(_INF, True, name, base)
    value, _ = _dv_value(p)
    return _result(value, _NAN, _INF, True, name, base)


class MineState:
    r"""The moving average behind MINE's bias-corrected gradient (Belghazi et al. 2018, §3.2).

    MINE's value is the DV bound, but the gradient of
    :math:`\log \overline{e^{T}}` taken on one batch is biased; MINE replaces
    the batch mean of :math:`e^{T}` over negatives in its denominator by an
    exponential moving average. This object holds that average in log space
    (so scores of 1e4 never overflow):

    .. math::

        \ell_t = \log\bigl(\beta e^{\ell_{t-1}} + (1 - \beta) e^{a_t}\bigr),
        \qquad \hat\ell_t = \ell_t - \log(1 - \beta^t),

    with :math:`a_t` the batch's ``log mean_{i != j} exp S_ij``,
    :math:`\ell_0 = -\infty` and the Adam-style bias correction
    :math:`\hat\ell_t` (without it the first steps would be pulled towards 0
    in the linear domain). A gradient step on a critic uses the surrogate
    ``mean(diag S) - mean_{i != j}(exp S_ij) / exp(log_mean_exp)`` with
    ``log_mean_exp`` held constant; NumPy has no gradients, so here the state
    is only tracked (:func:`mine` updates it) and read.

    Parameters
    ----------
    momentum : float, default 0.99
        :math:`\beta`, in [0, 1) (MINE's moving-average rate is 1 - beta).

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import MineState, mine
    >>> state = MineState(momentum=0.9)
    >>> S = np.array([[2.0, 0.0], [0.0, 2.0]])
    >>> round(mine(S, state).value, 6)               # the DV value
    2.0
    >>> state.steps, round(state.log_mean_exp, 12)   # bias-corrected: exactly the batch's after one step
    (1, 0.0)
    """

    def __init__(self, momentum: float = 0.99) -> None:
        if isinstance(momentum, bool) or not isinstance(momentum, (int, float, np.floating)):
            raise TypeError(f"momentum must be a float in [0, 1), got {momentum!r}")
        if not 0.0 <= float(momentum) < 1.0:
            raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")
        self.momentum = float(momentum)
        self.log_ema = -_INF  # biased, in log space
        self.steps = 0

    def update(self, log_mean_exp: float) -> float:
        """Fold one batch's ``log mean exp`` (nats) into the average; return the corrected average."""
        a = float(log_mean_exp)
        beta = self.momentum
        if beta == 0.0:
            self.log_ema = a
        else:
            self.log_ema = float(np.logaddexp(math.log(beta) + self.log_ema, math.log1p(-beta) + a))
        self.steps += 1
        return self.log_mean_exp

    @property
    def log_mean_exp(self) -> float:
        """The bias-corrected moving average of ``log mean_{i != j} exp S_ij`` (NaN before the first update)."""
        if self.steps == 0:
            return _NAN
        return self.log_ema - math.log1p(-(self.momentum**self.steps))

    def reset(self) -> None:
        """Forget every batch."""
        self.log_ema = -_INF
        self.steps = 0

    def __repr__(self) -> str:
        return f"MineState(momentum={self.momentum}, steps={self.steps}, log_mean_exp={self.log_mean_exp})"


@fill_doc
def mine(scores, state=None, *, base=None, nan_policy="raise", n_jobs=None):
    r"""MINE (Belghazi et al. 2018): the DV value, plus the moving average its gradient uses.

    .. math::

        I_{\mathrm{MINE}} = I_{\mathrm{DV}} = \frac{1}{N}\sum_i S_{ii}
            - \log \frac{1}{N M - N} \sum_{i \ne j} e^{S_{ij}},

    the value the seeds' ``joint.mean() - log(exp(marginal).mean())`` computes
    with a shuffled batch as marginal samples (the off-diagonal pairs are
    those shuffles, all of them at once). Given a :class:`MineState`, its
    moving average is updated with this batch's negative term.

    Parameters
    ----------
    %(scores)s
    state : MineState, optional
        Updated in place (one step per call) with ``log mean_{i != j} exp S_ij``
        in nats, whatever ``base``.
    %(base)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns)s

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import MineState, mine
    >>> state = MineState()
    >>> rng = np.random.default_rng(0)
    >>> for _ in range(3):
    ...     _ = mine(rng.normal(size=(8, 8)) + 2 * np.eye(8), state)
    >>> state.steps
    3
    """
    name = "mine"
    if state is not None and not isinstance(state, MineState):
        raise TypeError(f"state must be a MineState or None, got {type(state).__name__}")
    p = _prepare(scores, name, nan_policy, n_jobs)
    if p is None:
        return _nan(_INF, True, name, base)
    value, lme = _dv_value(p)
    if state is not None:
        state.update(lme)
    return _result(value, _NAN, _INF, True, name, base)


# ------------------------------------------------------------ NWJ and TUBA


@fill_doc
def nwj(scores, *, base=None, nan_policy="raise", n_jobs=None):
    r"""Nguyen–Wainwright–Jordan lower bound (f-GAN KL, MINE-f).

    %(math_nwj)s

    It is TUBA with log baseline 1 (Poole et al. 2019, eq. 9). Unbiased on a batch,
    tight for ``S = 1 + log p(y|x)/p(y)``; :func:`nwj_js` evaluates a critic
    trained for the log ratio itself. Never above :func:`dv`, and
    ``max_c NWJ(S + c) = DV(S)`` at ``c = 1 - log mean_{i != j} exp S_ij``.

    Parameters
    ----------
    %(scores)s
    %(base)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns)s

    Notes
    -----
    ``stderr`` from the per-row terms
    ``S_ii - e^{-1} mean_{j != i} exp S_ij``. Needs M >= 2. All off-diagonal
    scores -inf give the mean of the diagonal. O(N M) time.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import nwj
    >>> S = np.array([[2.0, 1.0], [1.0, 2.0]])
    >>> nwj(S).value                                 # 2 - e^{-1} e^1
    1.0
    """
    name = "nwj"
    p = _prepare(scores, name, nan_policy, n_jobs)
    if p is None:
        return _nan(_INF, True, name, base)
    return _from_terms(_nwj_terms(p, 0.0), _INF, True, name, base)


@fill_doc
def tuba(scores, log_baseline, *, base=None, nan_policy="raise", n_jobs=None):
    r"""Tractable unnormalised Barber–Agakov lower bound (Poole et al. 2019, eq. 8).

    .. math::

        I_{\mathrm{TUBA}} = 1 + \frac{1}{N} \sum_i (S_{ii} - b_i)
            - \frac{1}{N M - N} \sum_{i \ne j} e^{S_{ij} - b_j},

    with ``b_j = log a(y_j)`` a log baseline per column (a function of y:
    Poole et al.'s a(y), which bounds the partition function of their
    q(x | y) = p(x) e^f / Z(y)). A constant baseline of 1 gives :func:`nwj`;
    the optimal one is ``b_j = log E_x exp f(x, y_j)``, and
    ``interpolated(S, 0, b)`` equals ``tuba(S, b)``.

    Parameters
    ----------
    %(scores)s
    log_baseline : float or array-like of shape (M,)
        ``log a(y_j)``, one per column, or one for all.
    %(base)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns)s

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import interpolated, nwj, tuba
    >>> S = np.array([[2.0, 1.0], [1.0, 2.0]])
    >>> tuba(S, 1.0).value == nwj(S).value
    True
    >>> tuba(S, [1.0, 1.0]).value                    # one baseline per column
    1.0
    >>> b = np.array([0.5, 1.5])
    >>> bool(np.isclose(tuba(S, b).value, interpolated(S, 0.0, b).value))
    True
    """
    name = "tuba"
    p = _prepare(scores, name, nan_policy, n_jobs)
    if p is None:
        return _nan(_INF, True, name, base)
    b = _per_row(log_baseline, "log_baseline", p.m, nan_policy, side="column y_j")
    if b is None:
        return _nan(_INF, True, name, base)
    # Per-row terms; their mean is the bound, their spread its standard error.
    # One baseline for all columns shifts every log-mean-exp alike (no copy
    # of S); one per column shifts each column of S first.
    with np.errstate(invalid="ignore", over="ignore"):
        if (b == b[0]).all():
            terms = 1.0 + (p.d - b[: p.n]) - np.exp(_neg_lme_rows(p) - b[0])
        else:
            shifted = _Scores(p.s - b[None, :], p.d - b[: p.n], p.n, p.m, p.threads)
            terms = 1.0 + shifted.d - np.exp(_neg_lme_rows(shifted))
    return _from_terms(terms, _INF, True, name, base)


# ---------------------------------------------------------------- I_alpha


def _loo_lse(s: np.ndarray) -> np.ndarray:
    """L[i, j] = log sum_{k != j} exp S[i, k] (leave-one-out), without cancellation."""
    a = np.asarray(s, dtype=np.float64)
    n = a.shape[0]
    top = np.argmax(a, axis=1)
    mx = a[np.arange(n), top]
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        e = np.exp(a - mx[:, None])
        total = e.sum(axis=1)
        # Leaving out any entry but the row's maximum keeps that maximum's 1 in
        # the sum, so total - e[i, j] >= 1: no cancellation.
        out = mx[:, None] + np.log(total[:, None] - e)
        rest = a.copy()
        rest[np.arange(n), top] = -_INF
        m2 = np.max(rest, axis=1)
        safe = np.where(np.isfinite(m2), m2, 0.0)
        lse2 = safe + np.log(np.exp(rest - safe[:, None]).sum(axis=1))
        out[np.arange(n), top] = np.where(m2 == -_INF, -_INF, lse2)
    return out


@fill_doc
def interpolated(scores, alpha, log_baseline=0.0, *, base=None, nan_policy="raise", n_jobs=None):
    r"""Poole et al.'s interpolated bound :math:`I_\alpha` between InfoNCE (alpha = 1) and TUBA (alpha = 0).

    For each y_j the denominator mixes the leave-one-out average of the critic
    over the other x's (Poole et al.'s :math:`m(y; x_{1:K})`) with a baseline
    :math:`e^{b_j}`:

    .. math::

        D_{kj} = \log\Bigl(\alpha \, \frac{1}{K} \sum_{i \ne k} e^{S_{ij}}
                 + (1 - \alpha) e^{b_j}\Bigr), \qquad K = N - 1,

        I_\alpha = 1 + \frac{1}{N K} \sum_j \sum_{k \ne j} (S_{jj} - D_{kj})
                 - \frac{1}{N K} \sum_j \sum_{i \ne j} e^{S_{ij} - D_{jj}}

    (Poole et al. 2019, eq. 12, and their ``interpolated_lower_bound``, whose
    score matrix is indexed ``[y, x]``: the same quantity as
    :func:`infokit.torch.interpolated`). ``cap = log(K / alpha)``: the joint
    term never exceeds it, and at alpha = 1 the marginal term is exactly 1, so
    the value is InfoNCE over K candidates. alpha = 0 is :func:`tuba` with a
    constant ``log_baseline``.

    Parameters
    ----------
    %(scores)s
    alpha : float in [0, 1]
        Weight of the InfoNCE average.
    log_baseline : float or array-like of shape (N,), default 0.0
        ``b_j``, the log baseline of y_j, column j (0 suits a critic that
        models ``log p(y|x) / p(y)``).
    %(base)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns)s

    Notes
    -----
    Needs a square S with N >= 2 (a leave-one-out mean over the other x's of
    each y; extra negative columns have no x to leave out). Computed in NumPy
    with the leave-one-out sums taken without cancellation (the maximum's own
    sum is recomputed); O(N^2) time and memory. ±inf scores follow IEEE
    arithmetic here (no limits are taken).

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import interpolated, tuba
    >>> S = np.log([[4.0, 1.0, 1.0], [1.0, 4.0, 1.0], [1.0, 1.0, 4.0]])
    >>> r = interpolated(S, alpha=1.0)
    >>> round(r.value, 6), round(r.cap, 6)           # log(4 / 2.5); cap log 2
    (0.470004, 0.693147)
    >>> bool(np.isclose(interpolated(S, 0.0).value, tuba(S, 0.0).value))
    True
    """
    name = "interpolated"
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float, np.floating, np.integer)):
        raise TypeError(f"alpha must be a float in [0, 1], got {alpha!r}")
    alpha = float(alpha)
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha must be in [0, 1], got {alpha!r}")
    shape = np.shape(scores)
    if len(shape) == 2 and shape[0] != shape[1]:
        raise ValueError(
            f"interpolated needs a square score matrix (the leave-one-out mean runs over the other x's of each "
            f"y_j), got shape {shape}"
        )
    p = _prepare(scores, name, nan_policy, n_jobs)
    k = np.shape(scores)[1] - 1
    cap = math.log(k / alpha) if alpha > 0 else _INF
    if p is None:
        return _nan(cap, True, name, base)
    b = _per_row(log_baseline, "log_baseline", p.n, nan_policy, side="column y_j")
    if b is None:
        return _nan(cap, True, name, base)
    n, m = p.n, p.m
    # Transposed: rows of s are the y_j, so that the per-row sums below run over
    # the x's of each y (the diagonal, the positive pairs, is unchanged).
    s = np.ascontiguousarray(np.asarray(p.s, dtype=np.float64).T)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        loo = _loo_lse(s) - math.log(k)
        log_a = math.log(alpha) if alpha > 0 else -_INF
        log_1a = math.log1p(-alpha) if alpha < 1 else -_INF
        denom = np.logaddexp(log_a + loo, log_1a + b[:, None])
        idx = np.arange(n)
        off = np.ones((n, m), dtype=bool)
        off[idx, idx] = False
        joint = np.where(off, p.d[:, None] - denom, 0.0).sum(axis=1) / k
        marg = np.where(off, np.exp(s - denom[idx, idx][:, None]), 0.0).sum(axis=1) / k
        terms = 1.0 + joint - marg
    return _from_terms(terms, cap, True, name, base)


# ------------------------------------------------------ JS and its readouts


def _softplus(x: np.ndarray) -> np.ndarray:
    return np.logaddexp(0.0, x)


@fill_doc
def js(scores, *, base=None, nan_policy="raise", n_jobs=None):
    r"""Deep InfoMax's Jensen–Shannon objective (Hjelm et al. 2019; f-GAN JS, Nowozin et al. 2016).

    %(math_js)s

    It is minus the seeds' ``jsd_loss(T_pos, T_neg)``. It is always <= 0
    (``cap = 0``): it bounds ``2 JSD(p(x, y) || p(x) p(y)) - log 4``, not MI,
    so as an MI lower bound it is valid but trivial. Its maximiser is the log
    density ratio; read MI off that critic with :func:`nwj_js` or
    :func:`dv_js`.

    Parameters
    ----------
    %(scores)s
    %(base)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns)s

    Notes
    -----
    softplus is evaluated stably (``logaddexp(0, x)``); +inf positives and -inf
    negatives contribute 0. O(N M) time and memory (NumPy).

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import js
    >>> S = np.zeros((3, 3))
    >>> round(js(S).value, 6)                        # -2 log 2: a critic that cannot tell
    -1.386294
    >>> js(np.diag([2e4] * 3) - 1e4).value           # a perfect critic (+-1e4) reaches the cap
    0.0
    """
    name = "js"
    p = _prepare(scores, name, nan_policy, n_jobs)
    if p is None:
        return _nan(0.0, True, name, base)
    idx = np.arange(p.n)
    sp = _softplus(np.asarray(p.s, dtype=np.float64))
    sp[idx, idx] = 0.0
    with np.errstate(invalid="ignore"):
        terms = -_softplus(-p.d) - sp.sum(axis=1) / (p.m - 1)
    return _from_terms(terms, 0.0, True, name, base)


@fill_doc
def nwj_js(scores, *, base=None, nan_policy="raise", n_jobs=None):
    r"""NWJ read out from a critic trained with the JS objective: ``nwj(S + 1)``.

    .. math::

        I_{\mathrm{NWJ\text{-}JS}} = 1 + \frac{1}{N}\sum_i S_{ii}
            - \frac{1}{N M - N} \sum_{i \ne j} e^{S_{ij}}.

    The JS objective's optimal critic is ``log p(y|x) / p(y)``, NWJ's is one
    more; Poole et al. (2019, §4) and Song and Ermon (2020) train with
    :func:`js` and report this value. Unbiased for a fixed critic.

    Parameters
    ----------
    %(scores)s
    %(base)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns)s

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import nwj, nwj_js
    >>> S = np.array([[2.0, 0.0], [0.0, 2.0]])
    >>> nwj_js(S).value, nwj(S + 1).value            # 1 + 2 - 1
    (2.0, 2.0)
    """
    name = "nwj_js"
    p = _prepare(scores, name, nan_policy, n_jobs)
    if p is None:
        return _nan(_INF, True, name, base)
    return _from_terms(_nwj_terms(p, 1.0), _INF, True, name, base)


@fill_doc
def dv_js(scores, *, base=None, nan_policy="raise", n_jobs=None):
    r"""DV read out from a critic trained with the JS objective (equal to :func:`dv`; shift-invariant).

    .. math::

        I_{\mathrm{DV\text{-}JS}} = \frac{1}{N} \sum_i S_{ii}
            - \log \frac{1}{N M - N} \sum_{i \ne j} e^{S_{ij}},

    the value SMILE reports without clipping (Song and Ermon 2020). Named
    separately so that a training loop says which objective its critic
    maximised; ``stderr`` is NaN as for :func:`dv`.

    Parameters
    ----------
    %(scores)s
    %(base)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns)s

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import dv, dv_js
    >>> S = np.array([[2.0, 0.0], [0.0, 2.0]])
    >>> dv_js(S).value == dv(S).value
    True
    """
    name = "dv_js"
    p = _prepare(scores, name, nan_policy, n_jobs)
    if p is None:
        return _nan(_INF, True, name, base)
    value, _ = _dv_value(p)
    return _result(value, _NAN, _INF, True, name, base)


@fill_doc
def smile(scores, clip=5.0, *, base=None, nan_policy="raise", n_jobs=None):
    r"""SMILE (Song and Ermon 2020): DV with the negatives' scores clipped to [-tau, tau].

    %(math_smile)s

    %(smile_bias)s
    ``is_lower_bound`` is False, except for ``clip=None``, which gives
    :func:`dv` (``is_lower_bound`` True).

    Parameters
    ----------
    %(scores)s
    %(clip)s
    %(base)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns)s

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import dv, smile
    >>> S = np.array([[2.0, -9.0], [-9.0, 2.0]])
    >>> round(dv(S).value, 6), round(smile(S, clip=5.0).value, 6)   # the negatives held at -5
    (11.0, 7.0)
    >>> smile(S, clip=5.0).is_lower_bound
    False
    """
    name = "smile"
    if clip is not None:
        if isinstance(clip, bool) or not isinstance(clip, (int, float, np.floating, np.integer)):
            raise TypeError(f"clip must be a positive float or None, got {clip!r}")
        clip = float(clip)
        if not clip > 0.0:
            raise ValueError(f"clip must be > 0 (the scores are clipped to [-clip, clip]), got {clip!r}")
    lower = clip is None
    p = _prepare(scores, name, nan_policy, n_jobs)
    if p is None:
        return _nan(_INF, lower, name, base)
    s_neg = None if clip is None else np.clip(p.s, -clip, clip)
    value, _ = _dv_value(p, s_neg)
    return _result(value, _NAN, _INF, lower, name, base)


# -------------------------------------------------------------------- FLO


@fill_doc
def flo(scores, u, *, base=None, nan_policy="raise", n_jobs=None):
    r"""FLO, the Fenchel–Legendre optimisation lower bound (Guo et al. 2022).

    .. math::

        I_{\mathrm{FLO}} = \frac{1}{N} \sum_i \Bigl[ 1 - u_i
            - \frac{1}{M - 1} \sum_{j \ne i} e^{S_{ij} - S_{ii} - u_i} \Bigr],

    from :math:`-\log a \ge 1 - u - a e^{-u}` (equality at ``u = log a``)
    applied to InfoNCE's single-pair term
    :math:`a = \mathbb{E}_{y'} e^{f(x, y') - f(x, y)}`, with ``u_i = u(x_i, y_i)``
    a second critic on the positive pairs. Valid for every u; tight when
    ``u = log a``. ``u = -diag(S)`` gives ``nwj(S + 1)``.

    Parameters
    ----------
    %(scores)s
    u : float or array-like of shape (N,)
        ``u(x_i, y_i)`` per positive pair (or one value for all).
    %(base)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns)s

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import flo, nwj
    >>> S = np.array([[2.0, 0.0], [0.0, 2.0]])
    >>> bool(np.isclose(flo(S, -np.diag(S)).value, nwj(S + 1).value))
    True
    >>> round(flo(S, -2.0).value, 6)                 # u = log a = -2 is optimal here: 2 - 0 + ...
    2.0
    """
    name = "flo"
    p = _prepare(scores, name, nan_policy, n_jobs)
    if p is None:
        return _nan(_INF, True, name, base)
    uu = _per_row(u, "u", p.n, nan_policy)
    if uu is None:
        return _nan(_INF, True, name, base)
    with np.errstate(invalid="ignore", over="ignore"):
        terms = (1.0 - uu) - np.exp(_neg_lme_rows(p) - p.d - uu)
    return _from_terms(terms, _INF, True, name, base)


# ----------------------------------------------------------- upper bounds


@fill_doc
def club(scores, *, base=None, nan_policy="raise", n_jobs=None):
    r"""CLUB, the contrastive log-ratio upper bound (Cheng et al. 2020).

    %(math_club)s

    with ``S[i, j] = log q(y_j | x_i)`` from a variational conditional q. An
    upper bound on I(X; Y) when q is close to the true conditional
    (``is_lower_bound`` False); the second mean runs over **all** pairs,
    diagonal included, as in the paper.

    Parameters
    ----------
    %(scores)s
    %(base)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns)s

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import club
    >>> S = np.array([[0.0, -4.0], [-4.0, 0.0]])     # log q(y_j | x_i)
    >>> club(S).value                                # 0 - (-2)
    2.0
    """
    name = "club"
    p = _prepare(scores, name, nan_policy, n_jobs, negatives=False)
    if p is None:
        return _nan(_INF, False, name, base)
    with np.errstate(invalid="ignore"):
        terms = p.d - np.asarray(p.s, dtype=np.float64).mean(axis=1)
    return _from_terms(terms, _INF, False, name, base)


@fill_doc
def l1out(scores, *, base=None, nan_policy="raise", n_jobs=None):
    r"""The leave-one-out upper bound L1Out (Poole et al. 2019, eq. 13; Cheng et al. 2020).

    %(math_l1out)s

    with ``S[i, j] = log q(y_j | x_i)``: the marginal q(y_i) is estimated from
    the other rows' conditionals, i.e. over **column** i of S without its
    diagonal. An upper bound when q is the true conditional
    (``is_lower_bound`` False). Columns beyond N, if any, are not used.

    Parameters
    ----------
    %(scores)s
    %(base)s
    %(nan_policy)s
    %(n_jobs)s

    Returns
    -------
    %(returns)s

    Notes
    -----
    Needs N >= 2 (each column needs another row). O(N M) time.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.bounds import l1out
    >>> S = np.array([[0.0, -4.0], [-4.0, 0.0]])
    >>> l1out(S).value                               # 0 - log e^{-4}
    4.0
    """
    name = "l1out"
    if np.ndim(scores) == 2 and np.shape(scores)[0] < 2:
        raise ValueError("l1out needs N >= 2 rows: each column's marginal is estimated from the other rows")
    p = _prepare(scores, name, nan_policy, n_jobs)
    if p is None:
        return _nan(_INF, False, name, base)
    sq = p.s[:, : p.n] if p.m > p.n else p.s
    lme = _lse.lse_cols(sq, True, p.threads, mean=True)
    with np.errstate(invalid="ignore"):
        terms = p.d - lme
    return _from_terms(terms, _INF, False, name, base)
