r"""The numpydoc text shared by the NumPy bounds (:mod:`infokit.bounds`) and the PyTorch ones (:mod:`infokit.torch`).

One bound, one formula: each backend's docstring names a fragment with a line
``%(name)s`` and fills it from :data:`FRAGMENTS` (see :mod:`infokit._docstrings`),
so the score-matrix convention, the formulas and the parameters both backends
take are written once and cannot drift apart. Each backend adds its own
fragments (array-likes, ``nan_policy`` and ``BoundResult`` for NumPy,
tensors for torch) in its ``_docs`` module.

Pure Python, like :mod:`infokit._bound_args`: importing it pulls in neither
NumPy nor torch (``tests/test_layers.py``).
"""

from __future__ import annotations

from infokit._docstrings import COMMON

__all__ = ["FRAGMENTS"]

FRAGMENTS: dict[str, str] = {
    **COMMON,
    # The convention, as one paragraph to indent under a parameter line.
    "orientation": """
        The critic's score matrix ``S[i, j] = f(x_i, y_j)``: row i is the
        sample x_i, column j the sample y_j, and the diagonal ``S[i, i]``
        (i < N) holds the N positive (jointly drawn) pairs; every other entry
        is a negative pair. Columns N..M-1, if any, are extra negatives.
        """,
    "loglik_orientation": """
        Log-likelihoods ``S[i, j] = log q(y_j | x_i)`` of a variational
        conditional q; the diagonal holds the N positive pairs.
        """,
    "math_dv": r"""
        .. math::

            I_{\mathrm{DV}} = \frac{1}{N} \sum_{i} S_{ii}
                - \log \frac{1}{N M - N} \sum_{i \ne j} e^{S_{ij}}
        """,
    "math_nwj": r"""
        .. math::

            I_{\mathrm{NWJ}} = \frac{1}{N} \sum_i S_{ii}
                - \frac{1}{e} \, \frac{1}{N M - N} \sum_{i \ne j} e^{S_{ij}}
        """,
    "math_js": r"""
        .. math::

            I_{\mathrm{JS}} = -\frac{1}{N} \sum_i \operatorname{sp}(-S_{ii})
                - \frac{1}{N M - N} \sum_{i \ne j} \operatorname{sp}(S_{ij}),
            \qquad \operatorname{sp}(t) = \log(1 + e^t)
        """,
    "math_smile": r"""
        .. math::

            I_{\mathrm{SMILE}} = \frac{1}{N} \sum_i S_{ii}
                - \log \frac{1}{N M - N} \sum_{i \ne j}
                  \operatorname{clip}\bigl(e^{S_{ij}}, e^{-\tau}, e^{\tau}\bigr)
        """,
    "math_club": r"""
        .. math::

            I_{\mathrm{CLUB}} = \frac{1}{N} \sum_i S_{ii} - \frac{1}{N M} \sum_{i, j} S_{ij}
        """,
    "math_l1out": r"""
        .. math::

            I_{\mathrm{L1Out}} = \frac{1}{N} \sum_i \Bigl[ S_{ii}
                - \log \frac{1}{N - 1} \sum_{j \ne i} e^{S_{ji}} \Bigr]
        """,
    "clip": """
        clip : float or None, default 5.0
            tau > 0, the clipping threshold; ``None`` clips nothing. Song and
            Ermon (2020) report tau = 1, 5 and infinity; ``clip=5.0`` is their
            ``smile_lower_bound(f, clip=5.0)``. Even the exact critic's readout
            exceeds the truth once the log ratios pass tau: by 13% at 6 nats
            and 21% at 10 on a 20-dimensional Gaussian pair with tau = 5
            (``docs/staircase.md``).
        """,
    "smile_bias": """
        Clipping bounds the variance of the log-mean-exp (which grows like
        e^I for DV and NWJ) at the price of a bias where true log ratios
        exceed tau, so the value is not a lower bound; the positives are not
        clipped.
        """,
}
