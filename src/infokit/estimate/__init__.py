"""Estimators of information measures from samples.

Front doors (``method=`` picks the estimator from one registry; ``"auto"``
decides from the data's kind): :func:`entropy`, :func:`mutual_info`,
:func:`conditional_mutual_info`, :func:`kl_divergence`; :func:`resolve_method`
says which estimator a call runs.

Estimator families, each registering its methods:

* discrete labels (:mod:`._discrete`): :func:`discrete_entropy`,
  :func:`discrete_mutual_info`, :func:`discrete_conditional_mutual_info`,
  :func:`normalized_mutual_info`, :func:`adjusted_mutual_info`,
  :func:`expected_mutual_info`, :func:`contingency_table`;
* histograms (:mod:`._binned`): :func:`histogram_entropy`,
  :func:`histogram_mutual_info`, :func:`histogram_conditional_mutual_info`
  (bin rules of :func:`infokit.histogram_bin_edges`, any discrete estimator
  on the bin codes);
* KSG (:mod:`._knn_ksg`): :func:`ksg_mutual_info`,
  :func:`ksg_conditional_mutual_info` (Frenzel–Pompe), :func:`total_correlation`;
* kNN densities (:mod:`._knn_density`): :func:`kozachenko_leonenko_entropy`
  (formerly ``kl_entropy``), :func:`wkv_kl_divergence`;
* Gaussian and Gaussian copula (:mod:`._gaussian`): :func:`gaussian_entropy`,
  :func:`gaussian_mutual_info`, :func:`gaussian_conditional_mutual_info`,
  :func:`gaussian_kl_divergence` (``method="gaussian"``), :func:`gcmi_mutual_info`,
  :func:`gcmi_conditional_mutual_info` (``method="gcmi"``, Ince et al. 2017),
  :func:`gcmi_scores` (many variables in one call), :func:`copnorm`,
  :func:`ksg_copula_mutual_info`, :func:`ksg_copula_conditional_mutual_info`
  (``method="ksg_copula"``);
* discrete–continuous (:mod:`._knn_mixed`): :func:`ross_mutual_info`
  (formerly ``mixed_mutual_info``), :func:`gkov_mutual_info`;
* conditioning on labels (:mod:`._stratified`):
  :func:`stratified_conditional_mutual_info` (``method="stratified"``, what
  ``"auto"`` runs when z holds labels), any MI estimator within each class.

Significance for any method (:mod:`._significance`): :func:`mi_test` (with
surrogates for time series), :func:`mi_bootstrap` (half-samples for the kNN
methods, the bootstrap for labels); :func:`lagged_mutual_info`.
"""

from infokit.estimate._api import conditional_mutual_info, entropy, kl_divergence, mutual_info, resolve_method
from infokit.estimate._discrete import (
    adjusted_mutual_info,
    contingency_table,
    discrete_conditional_mutual_info,
    discrete_entropy,
    discrete_mutual_info,
    expected_mutual_info,
    normalized_mutual_info,
)
from infokit.estimate._gaussian import (
    copnorm,
    gaussian_conditional_mutual_info,
    gaussian_entropy,
    gaussian_kl_divergence,
    gaussian_mutual_info,
    gcmi_conditional_mutual_info,
    gcmi_mutual_info,
    gcmi_scores,
    ksg_copula_conditional_mutual_info,
    ksg_copula_mutual_info,
)
from infokit.estimate._knn_density import kl_entropy, kozachenko_leonenko_entropy, wkv_kl_divergence
from infokit.estimate._knn_ksg import ksg_conditional_mutual_info, ksg_mutual_info, total_correlation
from infokit.estimate._knn_mixed import gkov_mutual_info, mixed_mutual_info, ross_mutual_info

# isort: split
# After the kNN families: registration order is the order messages list methods in.
from infokit.estimate._binned import (
    adaptive_partition_mutual_info,
    histogram_conditional_mutual_info,
    histogram_entropy,
    histogram_mutual_info,
)

# isort: split
from infokit.estimate._stratified import stratified_conditional_mutual_info

# isort: split
from infokit.estimate._significance import (
    MIBootstrapResult,
    MITestResult,
    lagged_mutual_info,
    mi_bootstrap,
    mi_test,
)

__all__ = [
    "entropy",
    "mutual_info",
    "conditional_mutual_info",
    "kl_divergence",
    "resolve_method",
    "discrete_entropy",
    "discrete_mutual_info",
    "discrete_conditional_mutual_info",
    "normalized_mutual_info",
    "adjusted_mutual_info",
    "expected_mutual_info",
    "contingency_table",
    "histogram_entropy",
    "histogram_mutual_info",
    "histogram_conditional_mutual_info",
    "adaptive_partition_mutual_info",
    "ksg_mutual_info",
    "ksg_conditional_mutual_info",
    "total_correlation",
    "kozachenko_leonenko_entropy",
    "kl_entropy",
    "wkv_kl_divergence",
    "ross_mutual_info",
    "mixed_mutual_info",
    "gkov_mutual_info",
    "stratified_conditional_mutual_info",
    "gaussian_entropy",
    "gaussian_mutual_info",
    "gaussian_conditional_mutual_info",
    "gaussian_kl_divergence",
    "gcmi_mutual_info",
    "gcmi_conditional_mutual_info",
    "gcmi_scores",
    "copnorm",
    "ksg_copula_mutual_info",
    "ksg_copula_conditional_mutual_info",
    "mi_test",
    "mi_bootstrap",
    "lagged_mutual_info",
    "MITestResult",
    "MIBootstrapResult",
]
