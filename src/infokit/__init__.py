"""infokit: fast information theory for Python.

Subpackages
-----------
dist
    Measures of given distributions (probability vectors and joint tables).
estimate
    Estimators from samples (discrete labels, kNN for continuous data).
bounds
    Variational MI bounds (InfoNCE, DV / MINE, NWJ, JS, ...) on critic score matrices.
reference
    Slow NumPy twins of every compiled kernel, used by the tests.
feature_selection
    scikit-learn compatible MI scoring functions.

``import infokit`` never imports torch or matplotlib.
"""

from infokit import bounds, dist, estimate, feature_selection
from infokit._validation import DiscreteDataWarning, LNCWarning, TiesWarning

# The one place the version is written: pyproject.toml reads it from here
# (scikit-build-core's regex metadata provider).
__version__ = "0.1.0"
__all__ = [
    "dist",
    "estimate",
    "bounds",
    "feature_selection",
    "TiesWarning",
    "LNCWarning",
    "DiscreteDataWarning",
    "__version__",
]
