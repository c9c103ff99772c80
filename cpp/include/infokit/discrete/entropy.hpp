// infokit/discrete/entropy.hpp — entropy (nats) of a vector of counts with the
// plug-in estimator or one of its bias corrections:
//
//   plugin       H = (1/N) sum_i n_i log(N / n_i)
//   miller_madow H_plugin + (m - 1) / (2N), m = number of non-zero counts
//   grassberger  H = log N - (1/N) sum_i n_i G(n_i),
//                G(n) = psi(n) + (1/2) (-1)^n (psi((n + 1)/2) - psi(n/2))   (Grassberger 2003, eq. 35)
//   chao_shen    H = -sum_i C p_i log(C p_i) / (1 - (1 - C p_i)^N), p_i = n_i / N,
//                C = 1 - f1/N, f1 = number of singletons (f1 = N - 1 when all are singletons)
//   james_stein  H = -sum_k u_k log u_k over all K cells, u_k = lambda/K + (1 - lambda) n_k/N,
//                lambda = (1 - sum p^2) / ((N - 1) sum (1/K - p_k)^2) clipped to [0, 1]
//                (Hausser & Strimmer 2009; lambda = 1 when N <= 1 or the denominator is 0)
//
// Zero counts contribute nothing except to james_stein, which spreads shrinkage
// mass over all `n_cells` cells (>= the number of non-zero counts).
// Trust contract: counts are int64 or double, >= 0, with a positive total;
// estimators other than plugin expect integral counts; `estimator` is a
// DiscreteEstimator value (exported to Python as ESTIMATOR_*); n_cells >= the
// number of non-zero counts. Checked in Python (infokit.estimate._discrete).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "infokit/core/config.hpp"
#include "infokit/core/special.hpp"

namespace infokit {

enum DiscreteEstimator : int { kPlugin = 0, kMillerMadow = 1, kGrassberger = 2, kChaoShen = 3, kJamesStein = 4 };

// Grassberger's G(n) for a positive integer count n.
inline double grassberger_g(double n) {
    const double sign = std::fmod(n, 2.0) == 0.0 ? 1.0 : -1.0;
    return digamma(n) + 0.5 * sign * (digamma(0.5 * (n + 1.0)) - digamma(0.5 * n));
}

template <class C>
double entropy_from_counts(const C* counts, std::ptrdiff_t k, std::ptrdiff_t stride, int estimator, double n_cells) {
    INFOKIT_ASSERT(estimator >= kPlugin && estimator <= kJamesStein);
    double n = 0.0, m = 0.0, f1 = 0.0, sq = 0.0;
    for (std::ptrdiff_t i = 0; i < k; ++i) {
        const double c = static_cast<double>(counts[i * stride]);
        if (c > 0.0) {
            n += c;
            m += 1.0;
            f1 += (c == 1.0);
            sq += c * c;
        }
    }
    if (!(n > 0.0)) return 0.0;
    const double logn = std::log(n);
    double h = 0.0;
    switch (estimator) {
        case kGrassberger: {
            double s = 0.0;
            for (std::ptrdiff_t i = 0; i < k; ++i) {
                const double c = static_cast<double>(counts[i * stride]);
                if (c > 0.0) s += c * grassberger_g(c);
            }
            return logn - s / n;
        }
        case kChaoShen: {
            if (f1 == n) f1 = n - 1.0;  // singletons only: coverage would be 0
            const double cov = 1.0 - f1 / n;
            for (std::ptrdiff_t i = 0; i < k; ++i) {
                const double c = static_cast<double>(counts[i * stride]);
                if (c > 0.0) {
                    const double pa = cov * c / n;
                    const double la = 1.0 - std::pow(1.0 - pa, n);
                    h -= pa * std::log(pa) / la;
                }
            }
            return h;
        }
        case kJamesStein: {
            const double target = 1.0 / n_cells;
            // sum_k (t - p_k)^2 over all cells; the n_cells - m empty cells add t^2 each.
            double msp = (n_cells - m) * target * target;
            for (std::ptrdiff_t i = 0; i < k; ++i) {
                const double c = static_cast<double>(counts[i * stride]);
                if (c > 0.0) {
                    const double d = target - c / n;
                    msp += d * d;
                }
            }
            double lambda = 1.0;
            if (n > 1.0 && msp > 0.0) {
                lambda = (1.0 - sq / (n * n)) / ((n - 1.0) * msp);
                lambda = std::min(1.0, std::max(0.0, lambda));
            }
            const double empty = lambda * target;
            if (empty > 0.0) h -= (n_cells - m) * empty * std::log(empty);
            for (std::ptrdiff_t i = 0; i < k; ++i) {
                const double c = static_cast<double>(counts[i * stride]);
                if (c > 0.0) {
                    const double u = empty + (1.0 - lambda) * c / n;
                    h -= u * std::log(u);
                }
            }
            return h;
        }
        default: {
            double s = 0.0;
            for (std::ptrdiff_t i = 0; i < k; ++i) {
                const double c = static_cast<double>(counts[i * stride]);
                if (c > 0.0) s += c * std::log(n / c);  // exactly 0 for a single class
            }
            h = s / n;
            if (estimator == kMillerMadow) h += (m - 1.0) / (2.0 * n);
            return h;
        }
    }
}

}  // namespace infokit
