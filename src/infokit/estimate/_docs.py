"""Numpydoc fragments of the sample estimators: each parameter's text written once.

Docstrings in :mod:`infokit.estimate` name these with ``%(name)s`` lines and
are filled by :data:`fill_doc` (see :mod:`infokit._docstrings`).
"""

from __future__ import annotations

import textwrap

from infokit._docstrings import COMMON, filler
from infokit.dist._docs import FRAGMENTS as _DIST_FRAGMENTS

__all__ = ["FRAGMENTS", "fill_doc"]

FRAGMENTS: dict[str, str] = {
    **COMMON,
    # NMI of labels and of tables is one implementation, described once.
    **{name: text for name, text in _DIST_FRAGMENTS.items() if name.startswith("nmi_")},
    "variant": """
        variant : {1, 2}, default 1
            KSG estimator 1 (strict counts within the joint radius) or 2
            (inclusive counts within the marginal epsilons).
        """,
    "k": """
        k : int, default 3
            Neighbours: ``1 <= k <= n - 1 - 2 * theiler`` (every point needs ``k``
            neighbour candidates outside its Theiler window).
        """,
    "metric_ksg": """
        metric : {"chebyshev"}
            The max-norm, for which the unit-ball volumes cancel.
        """,
    "metric_density": """
        metric : {"chebyshev", "euclidean"}
            Norm of the neighbour distances.
        """,
    "noise": """
        noise : "auto", float or None, default "auto"
            The tie contract of the kNN estimators, which read ties as
            dependence. ``"auto"``: each column holding tied values (detected
            up front, one sort per column) is spread uniformly over its
            resolution, ``x + delta * (U - 1/2)`` with ``delta`` the smallest
            gap between its distinct values; tie-free columns are used as
            given. Columns that look discrete (at most ``max(20, n // 10)``
            distinct values) are named in one :class:`~infokit.TiesWarning`;
            rounded measurements with a few repeats are spread silently. The MI of values on a grid is unchanged by
            this (I(X + U; Y) = I(X; Y)). A float: every column gets ``noise *
            std(column) * N(0, 1)``, variables in argument order, without a
            warning. None: no jitter; duplicate points then give a biased
            value and a :class:`~infokit.TiesWarning` with their count.
        random_state : None, int, Generator or RandomState
            Seeds the jitter.
        """,
    "noise_gkov": """
        noise : float or None, default None
            GKOV is built for ties, so nothing is jittered by default; a float
            adds ``noise * std(column) * N(0, 1)`` to every column.
        random_state : None, int, Generator or RandomState
            Seeds the jitter.
        """,
    "theiler": """
        theiler : int, default 0
            Theiler window for time series: samples with ``|i - j| <= theiler``
            are never neighbours nor counted; 0 excludes only the point itself.
        """,
    "return_locals": """
        return_locals : bool, default False
            Also return the pointwise terms; the estimate is their mean over the
            samples the estimator uses.
        """,
    "noise_x": """
        noise : "auto", float or None, default "auto"
            The tie contract, applied to x only (labels are never jittered):
            ``"auto"`` spreads each tied column of x uniformly over its
            resolution (the smallest gap between its distinct values), with a
            :class:`~infokit.TiesWarning` naming those that look discrete; a float jitters every
            column of x by ``noise * std(column) * N(0, 1)``; None keeps the
            ties (zero radii: a biased value and a warning).
        random_state : None, int, Generator or RandomState
            Seeds the jitter.
        """,
    "clip": """
        clip : bool, default False
            Return ``max(estimate, 0)``. Off by default: averages of clipped
            estimates are biased upwards.
        """,
    "nan_policy": """
        nan_policy : {"raise", "omit", "propagate"}, default "raise"
            Non-finite values: raise ValueError, drop the rows in which any
            variable has one, or return NaN.
        """,
    "n_jobs": """
        n_jobs : int, optional
            Threads over query points (None: 1, -1: all cores); the result is
            bit-identical for any value.
        """,
    "xy_method": """
        x, y : array-like
            Paired samples, as accepted by :func:`infokit.estimate.mutual_info`.
        method : str, default "auto"
            Any method of :func:`infokit.estimate.mutual_info`; ``"auto"`` picks
            it from the data's kind as ``mutual_info`` does (labels: the
            discrete estimator, reals: KSG, one of each: Ross).
        """,
    "estimator_jobs_options": """
        n_jobs : int, optional
            Threads inside each estimate, for the methods that take ``n_jobs``
            (bit-identical results for any value).
        **options
            Passed to the estimator (``k``, ``noise``, ``base``, ...); an option
            the method does not take raises TypeError.
        """,
    "ddof": """
        ddof : int, default 1
            Delta degrees of freedom of the sample covariance (divided by
            ``n - ddof``; 1 is NumPy's ``np.cov`` default, 0 the maximum-likelihood
            fit). MI and CMI do not depend on it and do not take it.
        """,
    "bias_correct_false": """
        bias_correct : bool, default False
            Subtract the exact bias of each Gaussian log-determinant under
            Gaussian sampling (Ince et al. 2017: ``d (ln 2 - ln(n - ddof)) / 2 +
            sum_k psi((n - k) / 2) / 2``), as ``method="gcmi"`` does by default.
        """,
    "bias_correct_true": """
        bias_correct : bool, default True
            Subtract the exact bias of each Gaussian log-determinant (Ince et
            al. 2017: ``d (ln 2 - ln(n - 1)) / 2 + sum_{k=1..d} psi((n - k) / 2)
            / 2``), as Ince's ``biascorrect=True``; False gives the plug-in.
        """,
    "ridge_samples": """
        ridge : float, optional
            Regularise the sample covariance ``S`` to ``S + ridge * mean(diag(S))
            * I`` (the cure for collinear columns, or ``n <= d``). None: used as
            fitted, and a singular one raises ``ValueError``.
        """,
    "front_methods_histogram": """
        ``"histogram"``: bin each variable (``bins=``: a count, a rule of
        :func:`infokit.histogram_bin_edges`, or edges) and run a discrete
        estimator (``estimator=``) on the bin codes
        (:func:`~infokit.estimate.histogram_mutual_info`; for entropy the
        differential entropy of the histogram density).
        """,
    "front_methods_gaussian": """
        ``"gaussian"``: the closed form of the normal distribution fitted to
        the samples (sample mean and covariance; ``infokit.dist.gaussian_*``),
        for entropy, MI, CMI and KL. ``"gcmi"``: Gaussian-copula MI / CMI
        (Ince et al. 2017: normal scores of the ranks, then the bias-corrected
        Gaussian MI; a label side gives the class-conditional ``gcmi_model_cd``
        form; :func:`~infokit.estimate.gcmi_mutual_info`). ``"ksg_copula"``
        (alias ``"copula_ksg"``): KSG / Frenzel–Pompe on the normal scores of
        every column, for long-tailed marginals
        (:func:`~infokit.estimate.ksg_copula_mutual_info`).
        """,
    "front_raises": """
        Raises
        ------
        ValueError
            An unknown ``method``; samples of different lengths; empty input;
            NaN or inf under ``nan_policy="raise"``; ``k`` larger than the
            neighbour candidates; scalar samples; ``method="auto"`` on data no
            method takes.
        TypeError
            An option the chosen method does not take (the message names it
            and lists the method's options); ``None`` or non-numeric samples
            for a continuous method; datetimes.
        """,
    "front_ties": """
        ``method="auto"`` decides by dtype, one rule for every front door
        (:func:`~infokit.estimate.resolve_method` names the method it picks):
        integers, booleans, strings, objects and pandas categoricals are
        labels; floats are continuous, and floats holding only a few distinct
        integers get a :class:`~infokit.DiscreteDataWarning` (labels stored as
        floats?). Continuous (kNN) methods assume continuous data, where
        ties read as dependence; by default (``noise="auto"``) each tied
        column is spread uniformly over its resolution (seeded by
        ``random_state``), which leaves the MI of gridded values unchanged; a
        :class:`~infokit.TiesWarning` names columns that look discrete. For data that is
        really discrete a discrete (or ``"gkov"``) method is the better
        choice. Units
        are nats unless ``base`` says otherwise.
        """,
    "returns_locals": """
        float, or (float, ndarray of shape (n,)) with ``return_locals``
        """,
}


def _join(*names: str) -> str:
    return "\n".join(textwrap.dedent(FRAGMENTS[name]).strip("\n") for name in names)


# The option block shared by every estimator on the KSG engine (MI, CMI, TC; GKOV
# differs only in its tie contract).
FRAGMENTS["ksg_options"] = _join(
    "base", "k", "metric_ksg", "noise", "theiler", "return_locals", "clip", "nan_policy", "n_jobs"
)
FRAGMENTS["gkov_options"] = _join(
    "base", "k", "metric_ksg", "noise_gkov", "theiler", "return_locals", "clip", "nan_policy", "n_jobs"
)

fill_doc = filler(FRAGMENTS)
