"""The numpydoc text of the parameters shared by the functions of :mod:`infokit.dist`.

Each parameter is described once here; a docstring names it with a line
``%(name)s`` and :data:`fill_doc` pastes the text in (see
:mod:`infokit._docstrings`). Vector measures (one distribution per slice) and
table measures (one joint table per batch entry) word some parameters
differently, hence the ``table_`` variants. The NMI fragments are shared with
:func:`infokit.estimate.normalized_mutual_info`.
"""

from __future__ import annotations

from infokit._docstrings import COMMON, filler

__all__ = ["FRAGMENTS", "fill_doc"]

FRAGMENTS: dict[str, str] = {
    **COMMON,
    # --- vector measures -------------------------------------------------
    "p": """
        p : array-like (bool, int or float), pandas Series / DataFrame accepted
            Probabilities or counts; each slice along ``axis`` is one distribution.
        """,
    "pq": """
        p, q : array-like (bool, int or float), pandas Series / DataFrame accepted
            Distributions (probabilities or counts), normalised along ``axis`` and
            broadcast together.
        """,
    "distributions": """
        p, q, *others : array-like (bool, int or float), pandas Series / DataFrame accepted
            Two or more distributions (probabilities or counts), each normalised
            along ``axis``, broadcast together.
        """,
    "weights": """
        weights : array-like of shape (k,), optional
            Non-negative mixture weights, one per distribution (normalised to sum
            to 1); default equal weights.
        """,
    "axis": """
        axis : int, tuple of int or None, default -1
            Axes holding the outcomes (None: all). SciPy's default is 0.
        """,
    "keepdims": """
        keepdims : bool, default False
            Keep the reduced axes with length 1.
        """,
    "normalize": """
        normalize : bool, default True
            Normalise each slice; False refuses slices that do not sum to 1
            (1e-6 relative tolerance for float32 / float16, 1e-9 otherwise).
        """,
    "nan_policy": """
        nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
            NaN entries: NaN result for the slice / ValueError / zero mass at the
            same positions in every input.
        """,
    "n_jobs": """
        n_jobs : int, optional
            Threads over the slices (None: 1, -1: all cores); results do not
            depend on it.
        """,
    # --- table measures --------------------------------------------------
    "table_nd": """
        table : array-like, ndim >= 2
            ``table[x1, ..., xd]`` = joint probability or count of the outcome, one
            axis per variable; it is normalised (see ``normalize``).
        """,
    "table_2d": """
        table : array-like, 2-D (or stacked, see ``axes``)
            ``table[x, y]`` = joint probability or count; it is normalised (see
            ``normalize``).
        """,
    "table_axes_2d": """
        axes : (int, int), optional
            The X and Y axes of a stacked table; the other axes are a batch of
            tables and the result has their shape. Default: the table must be 2-D.
        """,
    "table_axes_all": """
        axes : tuple of int, optional
            The variable axes (at least two); the other axes are a batch of tables
            and the result has their shape. Default: all axes.
        """,
    "table_normalize": """
        normalize : bool, default True
            False refuses tables that do not sum to 1 (same tolerances as the
            vector measures).
        """,
    "table_nan_policy": """
        nan_policy : {'propagate', 'raise', 'omit'}, default 'propagate'
            NaN cells: NaN result / ValueError / zero mass.
        """,
    "table_n_jobs": """
        n_jobs : int, optional
            Threads over the tables of a batch (None: 1, -1: all cores); results
            do not depend on it.
        """,
    # --- Gaussian closed forms -------------------------------------------
    "ridge": """
        ridge : float, optional
            Regularisation: each covariance ``S`` becomes ``S + ridge *
            mean(diag(S)) * I`` (per batch entry; variance vectors get ``ridge *
            mean(var)`` added) before anything else, which makes a singular one
            positive definite. None (default) or 0 uses it as given, and a
            covariance that is not positive definite raises ``ValueError``.
        """,
    # --- normalised mutual information (tables and labels) ---------------
    "nmi_average_method": """
        average_method : {"arithmetic", "geometric", "min", "max", "joint", "sqrt"}, default "arithmetic"
            The denominator ``D`` of ``I / D``: the arithmetic mean, geometric
            mean, minimum or maximum of ``H(X)`` and ``H(Y)`` (scikit-learn's
            four), the joint entropy ``H(X, Y)``, or ``"sqrt"``, Strehl & Ghosh's
            name for the geometric mean (the same number).
        """,
    "nmi_degenerate": """
        Degenerate cases, one rule for tables and labels (scikit-learn's): two
        constant variables (``H(X) = H(Y) = 0``) give 1.0; otherwise a zero
        denominator (one variable constant) or a zero MI gives 0.0. Every other
        value is clipped into [0, 1], which only removes rounding excess.
        """,
}

fill_doc = filler(FRAGMENTS)
