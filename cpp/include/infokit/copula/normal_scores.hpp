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
// normal_scores_project fuses the scores with what Gaussian-copula MI needs
// of them, so the (p, n) scores are never stored: per column j, the sum and
// sum of squares of its scores and, against weights w (n, dw), proj1[j, k] =
// sum_i s_j(i) w[i, k] and proj2[j, k] = sum_i s_j(i)^2 w[i, k]; or, given
// label codes instead of weights, the per-label sums (w = the one-hot
// labels). Sums run in rank order, so results do not depend on n_threads.
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

// Columns per block: a row-major x (column stride 1) is read a block of
// columns at a time, row by row, into contiguous buffers, so no column is
// ever walked with a stride of a whole row.
constexpr std::ptrdiff_t kScoreBlock = 16;

// Every column of x, threaded over blocks of columns (each column's result is independent of n_threads).
inline void normal_scores(const double* x, std::ptrdiff_t row_stride, std::ptrdiff_t col_stride, std::int32_t n,
                          std::ptrdiff_t p, const double* half_scores, double* out, std::int64_t* ties,
                          int n_threads) {
    const std::size_t m = static_cast<std::size_t>(n);
    parallel_for_blocks(p, kScoreBlock, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
        std::vector<double> sorted(m);
        std::vector<std::int32_t> order(m);
        const bool gather = row_stride != 1;
        std::vector<double> buf(gather ? m * static_cast<std::size_t>(e - b) : 0);
        if (gather) {
            for (std::int32_t i = 0; i < n; ++i) {
                const double* row = x + static_cast<std::ptrdiff_t>(i) * row_stride;
                for (std::ptrdiff_t j = b; j < e; ++j) buf[static_cast<std::size_t>(j - b) * m + i] = row[j * col_stride];
            }
        }
        for (std::ptrdiff_t j = b; j < e; ++j) {
            const double* col = gather ? buf.data() + static_cast<std::size_t>(j - b) * m : x + j * col_stride;
            ties[j] = normal_scores_column(col, gather ? 1 : row_stride, n, half_scores,
                                           out + j * static_cast<std::ptrdiff_t>(n), sorted.data(), order.data());
        }
    });
}

// One column of normal_scores_project; returns its tie count.
inline std::int64_t project_column(const double* x, std::ptrdiff_t stride, std::int32_t n, const double* half_scores,
                                   const double* w, const std::int64_t* codes, int dw, double* proj1, double* proj2,
                                   double* moments, double* sorted, std::int32_t* order) {
    argsort_values(x, stride, n, sorted, order);
    for (int k = 0; k < dw; ++k) proj1[k] = proj2[k] = 0.0;
    double sum = 0.0, sumsq = 0.0;
    std::int64_t ties = 0;
    std::int32_t r = 0;
    while (r < n) {
        std::int32_t e = r + 1;
        while (e < n && sorted[e] == sorted[r]) ++e;
        const double s = half_scores[static_cast<std::size_t>(r) + 1 + static_cast<std::size_t>(e)];
        const double s2 = s * s;
        for (std::int32_t a = r; a < e; ++a) {
            const std::ptrdiff_t i = order[a];
            if (codes != nullptr) {
                proj1[codes[i]] += s;
                proj2[codes[i]] += s2;
            } else {
                const double* wi = w + i * dw;
                for (int k = 0; k < dw; ++k) {
                    proj1[k] += s * wi[k];
                    proj2[k] += s2 * wi[k];
                }
            }
        }
        sum += s * (e - r);
        sumsq += s2 * (e - r);
        ties += e - r - 1;
        r = e;
    }
    moments[0] = sum;
    moments[1] = sumsq;
    return ties;
}

// proj1, proj2: (p, dw) C order; moments: (p, 2); w: (n, dw) C order, or codes (n,) in [0, dw).
inline void normal_scores_project(const double* x, std::ptrdiff_t row_stride, std::ptrdiff_t col_stride,
                                  std::int32_t n, std::ptrdiff_t p, const double* half_scores, const double* w,
                                  const std::int64_t* codes, int dw, double* proj1, double* proj2, double* moments,
                                  std::int64_t* ties, int n_threads) {
    const std::size_t m = static_cast<std::size_t>(n);
    parallel_for_blocks(p, kScoreBlock, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
        std::vector<double> sorted(m);
        std::vector<std::int32_t> order(m);
        const bool gather = row_stride != 1;
        std::vector<double> buf(gather ? m * static_cast<std::size_t>(e - b) : 0);
        if (gather) {
            for (std::int32_t i = 0; i < n; ++i) {
                const double* row = x + static_cast<std::ptrdiff_t>(i) * row_stride;
                for (std::ptrdiff_t j = b; j < e; ++j) buf[static_cast<std::size_t>(j - b) * m + i] = row[j * col_stride];
            }
        }
        for (std::ptrdiff_t j = b; j < e; ++j) {
            const double* col = gather ? buf.data() + static_cast<std::size_t>(j - b) * m : x + j * col_stride;
            ties[j] = project_column(col, gather ? 1 : row_stride, n, half_scores, w, codes, dw, proj1 + j * dw,
                                     proj2 + j * dw, moments + 2 * j, sorted.data(), order.data());
        }
    });
}

}  // namespace infokit
