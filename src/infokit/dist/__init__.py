"""Measures of GIVEN distributions: probability vectors and joint probability tables.

Everything here takes probabilities (or counts) that you already have, not
samples; :mod:`infokit.estimate` estimates the same quantities from samples.

Conventions (SciPy's unless noted; each choice is pinned by a test)
------------------------------------------------------------------
* Units: nats; ``base=2`` gives bits, ``base=10`` bans. ``base <= 0`` and
  ``base == 1`` raise ``ValueError`` (SciPy returns inf / nan there).
* Vector measures reduce along ``axis`` (an int, a tuple of ints or ``None`` for
  all axes) and broadcast their inputs like :func:`scipy.stats.entropy`; the
  default is ``axis=-1`` (rows are distributions), **SciPy's is** ``axis=0``.
  ``keepdims=True`` keeps the reduced axes with length 1.
* Inputs are normalised along the reduced axes, as SciPy does, so counts work.
  ``normalize=False`` refuses, with ``ValueError``, any slice whose sum differs
  from 1 by more than 1e-6 relative for float32 / float16 input and 1e-9
  otherwise (the sum is always taken in double); the slice is still divided by
  its sum, which only removes that rounding.
* ``0 log 0 = 0`` and ``0 log(0 / q) = 0``; ``p log(p / 0) = +inf`` for p > 0
  (KL and cross-entropy are ``+inf`` there).
* dtypes: bool, int, float16/32/64 are accepted; pandas Series / DataFrame too
  (the result is a NumPy value). float32 (and float16) input gives a float32
  result, everything else float64; the arithmetic is always in double.
* Bad input raises ``ValueError`` naming the argument: negative entries, ±inf
  entries, a slice that sums to 0 (SciPy returns NaN), an empty slice (SciPy
  returns 0), shapes that do not broadcast, wrong table dimensionality.
  Non-numeric dtypes raise ``TypeError``. An empty *batch* (no slices, e.g.
  shape (0, 3) reduced along axis 1) gives an empty result.
* NaN entries follow ``nan_policy``: ``'propagate'`` (default) makes the result
  of that slice NaN; ``'raise'`` raises ``ValueError``; ``'omit'`` drops the
  NaN entries, i.e. gives them zero mass, at the same positions in every input
  (what SciPy's ``nan_policy='omit'`` does), before normalising. A slice left
  with zero mass then raises like any zero-sum slice.
* Quantities that are non-negative (or bounded) in exact arithmetic are
  clamped into their range, so rounding never yields ``-1e-17`` or a NaN under
  a square root (scipy#20083).
* ``n_jobs`` threads over the slices (``None`` = 1, ``-1`` = all cores). Results
  are bit-identical for every ``n_jobs``.

Gaussian closed forms (:mod:`infokit.dist._gaussian`) take the parameters of
normal distributions instead: :func:`gaussian_entropy`, :func:`gaussian_mi`,
:func:`gaussian_cmi`, :func:`gaussian_mi_from_rho` and its inverse
:func:`rho_from_mi`, :func:`gaussian_kl` (full or diagonal covariances) and
:func:`kl_normal_standard` (the VAE / VIB KL term); batched over leading axes,
Cholesky-based, with a ``ridge=`` option for singular covariances.

Layout: :mod:`infokit.dist._prepare` validates and reshapes the inputs,
:mod:`infokit.dist._vector` holds the vector measures and
:mod:`infokit.dist._table` the table measures; the parameter texts of their
docstrings are written once, in :mod:`infokit.dist._docs`.

Speed: every measure runs one fused C++ kernel over the slices (per slice:
its sum, then the ``x log x``-type sum while the slice is still in cache),
O(size) time; float32 / float64 input is read in place through strides
(broadcast and transposed views included), other dtypes are converted to
float64 once. Table measures add NumPy marginal sums (O(table.size)).
"""

from infokit.dist._gaussian import (
    gaussian_cmi,
    gaussian_entropy,
    gaussian_kl,
    gaussian_mi,
    gaussian_mi_from_rho,
    kl_normal_standard,
    rho_from_mi,
)
from infokit.dist._table import (
    NMI_AVERAGE_METHODS,
    conditional_entropy,
    conditional_mutual_info,
    joint_entropy,
    mutual_info,
    normalized_mutual_info,
    variation_of_information,
)
from infokit.dist._vector import (
    cross_entropy,
    entropy,
    hellinger,
    js_distance,
    js_divergence,
    kl_divergence,
    total_variation,
)

__all__ = [
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "js_divergence",
    "js_distance",
    "total_variation",
    "hellinger",
    "joint_entropy",
    "conditional_entropy",
    "mutual_info",
    "conditional_mutual_info",
    "normalized_mutual_info",
    "variation_of_information",
    "NMI_AVERAGE_METHODS",
    "gaussian_entropy",
    "gaussian_mi",
    "gaussian_cmi",
    "gaussian_mi_from_rho",
    "rho_from_mi",
    "gaussian_kl",
    "kl_normal_standard",
]

# Public home of the functions (documentation, pickling by reference, and the
# doctest collector, which only looks at objects whose module is this one).
for _f in (
    entropy,
    cross_entropy,
    kl_divergence,
    js_divergence,
    js_distance,
    total_variation,
    hellinger,
    joint_entropy,
    conditional_entropy,
    mutual_info,
    conditional_mutual_info,
    normalized_mutual_info,
    variation_of_information,
    gaussian_entropy,
    gaussian_mi,
    gaussian_cmi,
    gaussian_mi_from_rho,
    rho_from_mi,
    gaussian_kl,
    kl_normal_standard,
):
    _f.__module__ = __name__
del _f
