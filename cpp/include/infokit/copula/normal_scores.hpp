// infokit/copula/normal_scores.hpp — copula normalisation of many columns:
// each value is replaced by the standard-normal quantile of its rank,
// Phi^{-1}(rank / (n + 1)), with tied values sharing their average rank.
//
// Each column is argsorted once (core/sort.hpp's radix sort), then every run
// of equal values (ranks r+1 .. e, 1-based) gets the score of the average rank
// (r + 1 + e) / 2, looked up in a caller-computed table indexed by twice the
// rank: half_scores[m] = Phi^{-1}((m / 2) / (n + 1)), m = 2 .. 2n. The table
// keeps the quantile function in Python (scipy.special.ndtri), so a tie-free
// column's scores are bit for bit ndtri(rank / (n + 1)).
//
// Trust contract: no NaN (Python rejects them); 1 <= n < 2^31; half_scores
// holds 2n + 1 entries; x[i * row_stride + j * col_stride] valid for i < n,
// j < p; out holds p rows of n (C order, column j of x -> row j of out);
// ties holds p entries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "infokit/core/parallel.hpp"
#include "infokit/core/sort.hpp"

namespace infokit {

// Normal scores of one column into out[0 .. n); returns how many values repeat an earlier one.
inline std::int64_t normal_scores_column(const double* x, std::ptrdiff_t stride, std::int32_t n,
                                         const double* half_scores, double* out, double* sorted,
                                         std::int32_t* order) {
    argsort_values(x, stride, n, sorted, order);
    std::int64_t ties = 0;
    std::int32_t r = 0;
    while (r < n) {
        std::int32_t e = r + 1;
        while (e < n && sorted[e] == sorted[r]) ++e;
        const double s = half_scores[static_cast<std::size_t>(r) + 1 + static_cast<std::size_t>(e)];
        for (std::int32_t a = r; a < e; ++a) out[order[a]] = s;
        ties += e - r - 1;
        r = e;
    }
    return ties;
}

// Every column of x, threaded over columns (each column's result is independent of n_threads).
inline void normal_scores(const double* x, std::ptrdiff_t row_stride, std::ptrdiff_t col_stride, std::int32_t n,
                          std::ptrdiff_t p, const double* half_scores, double* out, std::int64_t* ties,
                          int n_threads) {
    parallel_for_blocks(p, 1, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
        std::vector<double> sorted(static_cast<std::size_t>(n));
        std::vector<std::int32_t> order(static_cast<std::size_t>(n));
        for (std::ptrdiff_t j = b; j < e; ++j)
            ties[j] = normal_scores_column(x + j * col_stride, row_stride, n, half_scores,
                                           out + j * static_cast<std::ptrdiff_t>(n), sorted.data(), order.data());
    });
}

}  // namespace infokit
