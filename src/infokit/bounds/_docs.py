"""The numpydoc text of the parameters shared by the functions of :mod:`infokit.bounds`.

Each parameter is described once here; a docstring names it with a line
``%(name)s`` and :data:`fill_doc` pastes the text in (see :mod:`infokit._docstrings`).
The text both backends share (the convention, the formulas) lives in
:mod:`infokit._bound_docs`; this module adds what only the NumPy functions take.
"""

from __future__ import annotations

from infokit._bound_docs import FRAGMENTS as SHARED
from infokit._docstrings import fill, filler

__all__ = ["FRAGMENTS", "fill_doc"]

FRAGMENTS: dict[str, str] = {
    **SHARED,
    "scores": fill(
        """
        scores : array-like of shape (N, M), M >= N
            %(orientation)s
            float32 and float64 are read in place (float32 entries are
            exponentiated in float precision, every sum is in double); float16
            is computed in float32, bool and integers in float64. ±inf entries are allowed
            (see *Special values* in :mod:`infokit.bounds`).
        """,
        SHARED,
    ),
    "nan_policy": """
        nan_policy : {'raise', 'propagate'}, default 'raise'
            NaN anywhere in ``scores`` (or in a baseline): ``'raise'`` raises
            ``ValueError``, ``'propagate'`` returns a result whose value and
            stderr are NaN. (``'omit'`` is refused: dropping entries would break
            the pairing of rows and columns.)
        """,
    "n_jobs": """
        n_jobs : int, optional
            Threads for the log-sum-exp kernels (``None`` = 1, ``-1`` = all
            cores). Results are bit-identical for every ``n_jobs``.
        """,
    "returns": """
        BoundResult
            ``(value, stderr, cap, is_lower_bound, name)``: the bound in nats
            (or units of ``base``), the standard error of its batch mean, the
            largest value the estimator can return whatever the critic, whether
            the value is a valid lower bound on I(X; Y), and the bound's name.
        """,
}

fill_doc = filler(FRAGMENTS)
