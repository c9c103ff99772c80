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
//     1e-15 of the result;
//   * pairs whose hypergeometric sd passes 1e3 use the central-moment expansion
//     of E[X log(X / mu)] instead (emi_pair_moments): O(1) work, and more
//     accurate there than the sum (see kEmiAsymptoticSigma).
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

// Width (standard deviations) beyond which emi_pair switches from the exact sum
// to the moment expansion. The exact sum visits ~74 sigma of support (weights
// down to 1e-300 of the mode), so its cost grows with sigma, and so does its
// rounding: each term's log(N k / (a b)) carries an absolute error ~1e-16
// against a signal of relative size ~1/mu, which left E[I] 1e-10 off at
// sigma ~ 4e3 and 1% off at sigma ~ 4e6 (checked against mpmath). From 1e3
// sigma on (mu >= sigma^2 = 1e6) the expansion's truncation error, relative
// ~1/mu^2, is below 1e-12, and the two paths agree to ~1e-11 at the switch.
constexpr double kEmiAsymptoticSigma = 1e3;

// E[X log(X / mu)] / N for X ~ hypergeometric(N, a, b), mu = a b / N, from the
// central moments: (1 + d) log(1 + d) = d + d^2/2 - d^3/6 + d^4/12 - ..., with
// d = (X - mu) / mu and E[d] = 0. Each further term is ~1/mu smaller (mu >=
// sigma^2 >= 1e6 here), and the tail where |d| ~ 1 weighs exp(-O(mu)).
inline double emi_pair_moments(std::int64_t a, std::int64_t b, std::int64_t n) {
    const double dn = static_cast<double>(n), da = static_cast<double>(a), db = static_cast<double>(b);
    // N - a, N - b and N - 2a = (N - a) - a are exact in int64 (no 2a, which can wrap).
    const double na = static_cast<double>(n - a), nb = static_cast<double>(n - b);
    const double n2a = static_cast<double>((n - a) - a), n2b = static_cast<double>((n - b) - b);
    const double mu = (da / dn) * db;
    // Variance a b (N-a)(N-b) / (N^2 (N-1)), as a product of ratios (the raw
    // product reaches 1e75 at N ~ 2^62: fine in double, but ratios keep it tidy).
    const double m2 = mu * (na / dn) * (nb / (dn - 1.0));
    const double m3 = m2 * (n2a / dn) * (n2b / (dn - 2.0));
    // Excess kurtosis of the hypergeometric distribution:
    //   g2 = [(N-1) N^2 (N(N+1) - 6a(N-a) - 6b(N-b)) + 6 b a (N-a)(N-b)(5N-6)]
    //        / (a b (N-a)(N-b)(N-2)(N-3)),
    // rewritten with a b (N-a)(N-b) = m2 N^2 (N-1) so no product grows beyond ~N^2:
    //   g2 = (N(N+1) - 6a(N-a) - 6b(N-b)) / (m2 (N-2)(N-3)) + 6(5N-6) / ((N-2)(N-3)).
    const double s = dn * (dn + 1.0) - 6.0 * da * na - 6.0 * db * nb;
    const double g2 = (s / (dn - 2.0)) / ((dn - 3.0) * m2) + 6.0 * (5.0 * dn - 6.0) / ((dn - 2.0) * (dn - 3.0));
    const double m4 = (g2 + 3.0) * m2 * m2;
    const double r = 1.0 / mu;
    return (m2 * r) * (0.5 + r * (-(m3 / m2) / 6.0 + r * (m4 / m2) / 12.0)) / dn;
}

// sum_{k>=1} (k/N) log(N k / (a b)) P(k | a, b, N) for one pair of marginals.
// Bounds are formed without a + b (which can pass 2^63 for totals near 2^62).
inline double emi_pair(std::int64_t a, std::int64_t b, std::int64_t n) {
    const double dn = static_cast<double>(n), ab = static_cast<double>(a) * static_cast<double>(b);
    if (n > 3) {
        const double var = (ab / dn) * (static_cast<double>(n - a) / dn) * (static_cast<double>(n - b) / (dn - 1.0));
        if (var > kEmiAsymptoticSigma * kEmiAsymptoticSigma) return emi_pair_moments(a, b, n);
    }
    const std::int64_t lo = std::max<std::int64_t>(0, a - (n - b));
    const std::int64_t hi = std::min(a, b);
    const std::int64_t rest = (n - a) - b;  // N - a - b + k = rest + k >= 0 on the support
    std::int64_t mode = static_cast<std::int64_t>(
        std::floor((static_cast<double>(a) + 1.0) * (static_cast<double>(b) + 1.0) / (static_cast<double>(n) + 2.0)));
    mode = std::min(hi, std::max(lo, mode));
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
