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
torch
    Variational MI bounds, contrastive losses and a neural MI estimator for
    PyTorch (optional: ``pip install "infokit[torch]"``; import it explicitly).

Functions
---------
histogram, histogram2d, histogramdd, histogram_bin_edges
    NumPy's histograms (the same counts and edges), computed by threaded C++ kernels.

``import infokit`` never imports torch or matplotlib.
"""

from infokit import bounds, dist, estimate, feature_selection
from infokit._histogram import histogram, histogram2d, histogram_bin_edges, histogramdd
from infokit._validation import DiscreteDataWarning, LNCWarning, TiesWarning

# The one place the version is written: pyproject.toml reads it from here
# (scikit-build-core's regex metadata provider).
__version__ = "0.1.0"
__all__ = [
    "dist",
    "estimate",
    "bounds",
    "feature_selection",
    "histogram",
    "histogram2d",
    "histogramdd",
    "histogram_bin_edges",
    "TiesWarning",
    "LNCWarning",
    "DiscreteDataWarning",
    "__version__",
]
