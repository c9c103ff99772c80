// infokit/discrete/expected_mi.hpp — expected mutual information of two labelings under
// the permutation (hypergeometric) model, Vinh, Epps & Bailey (2010):
//
//   E[I] = sum_i sum_j sum_{k = max(1, a_i + b_j - N)}^{min(a_i, b_j)}
//              (k/N) log(N k / (a_i b_j)) P(k | a_i, b_j, N),
//   P(k | a, b, N) = C(b, k) C(N - b, a - k) / C(N, a).
//
// Exact, and fast on large alphabets:
//   * the double sum only depends on the pair (a_i, b_j), so the marginals are
//     grouped by distinct value with multiplicities and the loop runs over
//     distinct pairs (3000 x 3000 clusters of ~33 points: ~40 x 40 pairs);
//   * P(k) is built by the ratio recurrence
//       P(k+1)/P(k) = (a - k)(b - k) / ((k + 1)(N - a - b + k + 1))
//     outward from the mode with P(mode) = 1 and normalised by the sum of the
//     weights over the support. This avoids lgamma(N) ~ N log N, whose rounding
//     (~N log N * 1e-16) would swamp the small differences that make up P;
//   * a tail is cut once its weight falls under 1e-300 of the mode's: the pmf is
//     log-concave, so everything beyond is below 1e-300 * N relative, far under
//     1e-15 of the result.
// Distinct-a rows are summed in parallel, row results added in order:
// bit-identical for any n_jobs.
//
// Trust contract: positive int64 marginals with sum(a) == sum(b) == N.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "infokit/core/parallel.hpp"

namespace infokit {
namespace detail {

// Distinct values of v (ascending) with their multiplicities.
inline std::vector<std::pair<std::int64_t, std::int64_t>> value_counts(const std::int64_t* v, std::ptrdiff_t k) {
    std::vector<std::int64_t> s(v, v + k);
    std::sort(s.begin(), s.end());
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (std::int64_t x : s) {
        if (!out.empty() && out.back().first == x)
            ++out.back().second;
        else
            out.emplace_back(x, 1);
    }
    return out;
}

// sum_{k>=1} (k/N) log(N k / (a b)) P(k | a, b, N) for one pair of marginals.
inline double emi_pair(std::int64_t a, std::int64_t b, std::int64_t n) {
    const std::int64_t lo = std::max<std::int64_t>(0, a + b - n);
    const std::int64_t hi = std::min(a, b);
    const std::int64_t rest = n - a - b;  // N - a - b + k = rest + k >= 0 on the support
    std::int64_t mode = static_cast<std::int64_t>(
        std::floor((static_cast<double>(a) + 1.0) * (static_cast<double>(b) + 1.0) / (static_cast<double>(n) + 2.0)));
    mode = std::min(hi, std::max(lo, mode));
    const double dn = static_cast<double>(n), ab = static_cast<double>(a) * static_cast<double>(b);
    const auto term = [&](std::int64_t k) {
        const double dk = static_cast<double>(k);
        return k > 0 ? dk * std::log((dn * dk) / ab) : 0.0;
    };
    constexpr double kTiny = 1e-300;
    double weight_sum = 1.0, s = term(mode);
    double w = 1.0;
    for (std::int64_t k = mode; k < hi; ++k) {
        w *= (static_cast<double>(a - k) * static_cast<double>(b - k)) /
             (static_cast<double>(k + 1) * static_cast<double>(rest + k + 1));
        if (w < kTiny) break;
        weight_sum += w;
        s += w * term(k + 1);
    }
    w = 1.0;
    for (std::int64_t k = mode; k > lo; --k) {
        w *= (static_cast<double>(k) * static_cast<double>(rest + k)) /
             (static_cast<double>(a - k + 1) * static_cast<double>(b - k + 1));
        if (w < kTiny) break;
        weight_sum += w;
        s += w * term(k - 1);
    }
    return s / (weight_sum * dn);
}

}  // namespace detail

// Expected MI (nats) for row marginals a (ka) and column marginals b (kb).
inline double expected_mutual_info(const std::int64_t* a, std::ptrdiff_t ka, const std::int64_t* b, std::ptrdiff_t kb,
                                   int n_threads) {
    std::int64_t n = 0;
    for (std::ptrdiff_t i = 0; i < ka; ++i) n += a[i];
    if (n <= 0 || ka <= 1 || kb <= 1) return 0.0;
    const auto av = detail::value_counts(a, ka);
    const auto bv = detail::value_counts(b, kb);
    std::vector<double> row(av.size(), 0.0);
    parallel_for(static_cast<std::ptrdiff_t>(av.size()), n_threads, [&](std::ptrdiff_t lo, std::ptrdiff_t hi) {
        for (std::ptrdiff_t i = lo; i < hi; ++i) {
            double acc = 0.0;
            for (const auto& bj : bv)
                acc += static_cast<double>(bj.second) * detail::emi_pair(av[static_cast<std::size_t>(i)].first, bj.first, n);
            row[static_cast<std::size_t>(i)] = static_cast<double>(av[static_cast<std::size_t>(i)].second) * acc;
        }
    }, 1);
    double emi = 0.0;
    for (double r : row) emi += r;
    return emi;
}

}  // namespace infokit
