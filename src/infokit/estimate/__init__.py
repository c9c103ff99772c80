"""Estimators of information measures from samples.

Entry points (``method=`` picks the estimator): :func:`entropy`,
:func:`mutual_info`, :func:`conditional_mutual_info`, :func:`kl_divergence`.
Estimator-specific functions are re-exported from the implementation modules
(each lists its public names in ``__all__``).
"""

from infokit.estimate._api import conditional_mutual_info, entropy, kl_divergence, mutual_info
from infokit.estimate._discrete import *  # noqa: F401,F403
from infokit.estimate._discrete import __all__ as _discrete_all
from infokit.estimate._knn import *  # noqa: F401,F403
from infokit.estimate._knn import __all__ as _knn_all

__all__ = ["entropy", "mutual_info", "conditional_mutual_info", "kl_divergence", *_discrete_all, *_knn_all]
