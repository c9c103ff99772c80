"""Variational bounds on mutual information from a critic's score matrix.

The convention (``docs/conventions.md#Variational bounds``)
-----------------------------------------------------------
Every function takes a score matrix ``S[i, j] = f(x_i, y_j)`` of shape
(N, M): row i is the sample x_i, column j the sample y_j, and the diagonal
``S[i, i]`` holds the N positive pairs, drawn from the joint p(x, y); every
off-diagonal entry is a negative pair, a draw from p(x) p(y). M > N adds
M - N extra negative columns; M < N raises ``ValueError``. For a batch of
embeddings this is ``S = z_x @ z_y.T / temperature``; for MINE's shuffled
marginals the off-diagonal pairs are all the shuffles at once.

Each bound returns a :class:`BoundResult` ``(value, stderr, cap,
is_lower_bound, name)``, in nats unless ``base`` is given (``base=2`` bits).

Bounds
------
lower: :func:`infonce`, :func:`dv`, :func:`mine` (with :class:`MineState`),
:func:`nwj`, :func:`tuba`, :func:`interpolated`, :func:`flo`, the JS
objective :func:`js` and its readouts :func:`nwj_js`, :func:`dv_js`;
biased (clipped): :func:`smile`; upper: :func:`club`, :func:`l1out`.
Helpers: :func:`logsumexp`, :func:`logmeanexp` (masked, C++).

Edge cases, one contract
------------------------
* N = 1: :func:`infonce` is 0 (log 1) and :func:`club` 0; every bound that
  needs negative pairs raises ``ValueError`` naming itself.
* NaN anywhere: ``nan_policy='raise'`` (the default) raises ``ValueError``;
  ``'propagate'`` returns value and stderr NaN. ``'omit'`` is refused.
* ±inf entries are evaluated in the extended reals: ``exp(-inf) = 0``, so
  -inf scores carry no weight (all off-diagonal -inf gives DV = +inf, NWJ =
  the mean diagonal, InfoNCE = log M); a +inf positive score makes a joint
  term +inf. InfoNCE takes limits (a +inf positive shares its row's softmax
  mass with the row's other +inf entries). Where a value is left with
  inf - inf it is NaN, never an exception.
* Large finite scores never overflow: every log-sum-exp subtracts the max
  (``S + 1e4`` gives the same DV and InfoNCE). A perfect critic (diagonal
  +1e4, off-diagonal -1e4) gives finite values and InfoNCE = log N exactly.
* dtypes: float32 and float64 are read in place (the sums are in double
  either way; float32 entries are exponentiated in float precision, ~2e-7); float16 is computed in float32; bool and integers are
  converted to float64; complex and object data raise ``TypeError``.
"""

from infokit.bounds._bounds import (
    BoundResult,
    MineState,
    club,
    dv,
    dv_js,
    flo,
    infonce,
    interpolated,
    js,
    l1out,
    mine,
    nwj,
    nwj_js,
    smile,
    tuba,
)
from infokit.bounds._logsumexp import logmeanexp, logsumexp

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
    "logsumexp",
    "logmeanexp",
]
