"""Slow, obviously-correct NumPy/SciPy twins of the compiled kernels.

Parity tests run a kernel and its twin on the same inputs. Use these to check,
never for speed.

Naming scheme
-------------
* One module per kernel module: :mod:`infokit.reference.table` mirrors
  :mod:`infokit._kernels.table`, :mod:`infokit.reference.discrete` mirrors
  :mod:`infokit._kernels.discrete`, :mod:`infokit.reference.bounds` mirrors
  :mod:`infokit._kernels.bounds` and :mod:`infokit.reference.knn` mirrors
  :mod:`infokit._kernels.knn` (whose one-dimensional fast paths,
  :mod:`infokit._kernels.knn1d`, compute the same quantities and share its
  twins); :mod:`infokit.reference.histogram` mirrors
  :mod:`infokit._kernels.histogram`; :mod:`infokit.reference.copula` mirrors
  :mod:`infokit._kernels.copula` (normal scores; with the published
  Gaussian-copula MI algorithm of Ince et al. 2017 written out in NumPy).
* A twin of exactly one kernel function has that function's name
  (``row_entropy``, ``mi_dense``, ``expected_mutual_info``, ``ross_mi``, ...).
* Where a kernel computes several quantities (an estimator switch, an engine
  with modes) or only an intermediate one (neighbour radii), each twin is named
  ``<kernel>_<quantity>``, the kernel's name in lower case:
  ``entropy_from_counts_miller_madow``, ``ksg_cmi``, ``knn_radius_entropy``.
  Each module's docstring lists its twins and the kernels they stand for.
* :mod:`infokit.reference.selection` is the one twin of a pure-Python
  engine (the greedy feature selection of
  :mod:`infokit.feature_selection._select`, whose terms it recomputes from
  counts at every step).
* Every twin is also importable from this package; the names are unique across
  the modules (checked below).

This package imports nothing else from :mod:`infokit` (only NumPy and SciPy),
so it stays usable, and trustworthy as a reference, without the compiled
kernels.
"""

from . import bounds, copula, discrete, histogram, knn, selection, table
from .bounds import *  # noqa: F403
from .copula import *  # noqa: F403
from .discrete import *  # noqa: F403
from .histogram import *  # noqa: F403
from .knn import *  # noqa: F403
from .selection import *  # noqa: F403
from .table import *  # noqa: F403

__all__ = [
    *table.__all__,
    *discrete.__all__,
    *knn.__all__,
    *histogram.__all__,
    *bounds.__all__,
    *copula.__all__,
    *selection.__all__,
]

if len(set(__all__)) != len(__all__):  # pragma: no cover - guards the flat namespace
    raise ImportError("infokit.reference: two twin modules export the same name")
