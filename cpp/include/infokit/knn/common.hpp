// infokit/knn/common.hpp — the vocabulary of the kNN family: the index type,
// a strided column view, and the estimator modes and metrics shared with
// Python (exported by knn.pyx as MODE_* and METRIC_*; Python passes these
// ints back, so each value is written once, here).
//
// Trust contract: the caller guarantees n < 2^31 (indices are 32-bit: half
// the memory traffic of 64-bit ones in the trees, grids and sorted marginals),
// and that a Column's pointer and stride address n valid doubles.
#pragma once

#include <cstddef>
#include <cstdint>

#include "infokit/core/config.hpp"

namespace infokit {

using index_t = std::int32_t;

// One column of an (n, d) sample array: row i holds p[i * stride].
struct Column {
    const double* p = nullptr;
    std::ptrdiff_t stride = 1;
    double operator[](std::ptrdiff_t i) const { return p[i * stride]; }
};

// Distance of the neighbour searches (knn_radius, knn_cross_radius).
enum class Metric : int {
    chebyshev = 0,  // max-norm: the KSG family's metric (boxes, exact box counts)
    euclidean = 1,  // Kozachenko–Leonenko entropy / WKV divergence only
};

// Estimator of one KsgEngine run (Ksg(mode=...)); KSG-1 / KSG-2 are also the
// `mode` of Pair1D::run, which accepts only those two.
enum class KsgMode : int {
    ksg1 = 1,  // MI / total correlation, estimator 1 (strict counts, radius rho)
    ksg2 = 2,  // MI / total correlation, estimator 2 (<= counts, radius eps_g)
    cmi1 = 3,  // Frenzel–Pompe; count spaces (xz, yz, z)
    cmi2 = 4,  // KSG-2 form of conditional MI; count spaces (xz, yz, z)
    gkov = 5,  // Gao–Kannan–Oh–Viswanath mixture estimator; count spaces (x, y)
};

// The result of every kNN estimate kernel (KsgEngine::run, Pair1D::run,
// ross_mi, ross_mi_1d): the sum of the pointwise terms in the kernel's fixed
// block order, the number of terms summed (the estimate is sum / n_terms,
// taken by the caller), and the number of those points whose k-th neighbour
// distance is 0 (duplicates: the estimate is biased by ties). n_terms is n
// for KSG / CMI / GKOV / total correlation and the number of kept points for
// Ross (0 when no label repeats; then sum = 0).
struct KnnSum {
    double sum = 0.0;
    index_t n_terms = 0;
    index_t n_zero = 0;
};

}  // namespace infokit
