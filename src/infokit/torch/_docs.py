"""The numpydoc text of the parameters shared by the PyTorch bounds of :mod:`infokit.torch`.

The convention and the formulas come from :mod:`infokit._bound_docs`, the home
both backends fill from; this module adds the tensor forms of the score
matrix. A docstring names a fragment with a line ``%(name)s`` and
:data:`fill_doc` pastes the text in (see :mod:`infokit._docstrings`).
"""

from __future__ import annotations

from infokit._bound_docs import FRAGMENTS as SHARED
from infokit._docstrings import fill, filler

__all__ = ["FRAGMENTS", "fill_doc"]


def _score_param(shape: str, description: str) -> str:
    """The ``S`` parameter of a given shape, described by a shared fragment."""
    return fill(f"S : Tensor, shape {shape}\n    %({description})s\n", SHARED)


FRAGMENTS: dict[str, str] = {
    **SHARED,
    "S": _score_param("(N, M), M >= N", "orientation"),
    "S_square": _score_param("(N, N), N >= 2", "orientation"),
    "S_loglik": _score_param("(N, M), M >= N", "loglik_orientation"),
    "S_loglik_square": _score_param("(N, N), N >= 2", "loglik_orientation"),
}

fill_doc = filler(FRAGMENTS)
