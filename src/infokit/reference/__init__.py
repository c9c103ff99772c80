"""Slow, obviously-correct NumPy/SciPy twins of every compiled kernel.

Each function here mirrors one kernel in :mod:`infokit._kernels`; parity tests
run both on the same inputs. Use these to check, never for speed.
"""

from infokit.reference.discrete import *  # noqa: F401,F403
from infokit.reference.discrete import __all__ as _discrete_all
from infokit.reference.dist import *  # noqa: F401,F403
from infokit.reference.dist import __all__ as _dist_all
from infokit.reference.knn import *  # noqa: F401,F403
from infokit.reference.knn import __all__ as _knn_all

__all__ = [*_dist_all, *_discrete_all, *_knn_all]
