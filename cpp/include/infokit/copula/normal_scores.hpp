// infokit/copula/normal_scores.hpp — copula normalisation of many columns:
// each value is replaced by the standard-normal quantile of its rank,
// Phi^{-1}(rank / (n + 1)), with tied values sharing their average rank.
//
// Each column is ranked once (rank_sort_keys below: a bucket sort on the values
// where they are spread evenly enough, else a two-level radix sort), then every run
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

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "infokit/core/config.hpp"
#include "infokit/core/parallel.hpp"
#include "infokit/core/sort.hpp"

namespace infokit {

// Working memory of rank_sort, reused across the columns of one thread.
struct RankWork {
    std::vector<std::uint64_t> keys, sorted_keys, tmp_keys;
    std::vector<std::int32_t> rows, tmp_rows;
    std::vector<std::uint32_t> starts, sub, bucket;
};

namespace detail {

// Sort ks[lo, hi) (with rs alongside) by (key, row); rows are in increasing order within equal keys on entry.
inline void sort_small_run(std::uint64_t* ks, std::int32_t* rs, std::size_t lo, std::size_t hi) {
    if (hi - lo <= 32) {
        for (std::size_t a = lo + 1; a < hi; ++a) {
            const std::uint64_t key = ks[a];
            const std::int32_t row = rs[a];
            std::size_t c = a;
            while (c > lo && ks[c - 1] > key) {
                ks[c] = ks[c - 1];
                rs[c] = rs[c - 1];
                --c;
            }
            ks[c] = key;
            rs[c] = row;
        }
        return;
    }
    std::vector<std::pair<std::uint64_t, std::int32_t>> run(hi - lo);
    for (std::size_t a = lo; a < hi; ++a) run[a - lo] = {ks[a], rs[a]};
    std::sort(run.begin(), run.end());
    for (std::size_t a = lo; a < hi; ++a) {
        ks[a] = run[a - lo].first;
        rs[a] = run[a - lo].second;
    }
}

// The (value, row) order of keys[0, m) by value buckets: bucket b(v) =
// trunc((v - lo) * m / (hi - lo)) (capped at m - 1), non-decreasing in v
// (each floating operation is monotone), so sorting the buckets and then the
// keys within each gives the global order. The keys are scattered into their
// buckets in row order and one insertion pass over the whole array then
// orders each bucket by key; it is stable, so equal values stay in row order:
// exactly the (key, row) order. For data spread like most measurements
// (about one key per bucket) that is one counting pass, one scatter and a
// nearly sorted insertion pass, where the radix sort's leading bits (sign and
// exponent) leave a few crowded buckets that need a second level. Returns
// false without touching the outputs when the buckets are too uneven (a
// heavy tail, a few outliers: the insertion pass would cost more than
// `budget` moves per key) or the spread is not a finite positive number; the
// caller then radix-sorts.
inline bool bucket_sort_keys(const std::uint64_t* keys, std::size_t m, std::uint64_t kmin, std::uint64_t kmax,
                             std::uint64_t* ks, std::int32_t* rs, RankWork& w) {
    constexpr std::uint64_t kBudget = 16;  // the radix sort costs about this many moves per key
    constexpr std::size_t kBucketsPerKey = 2;
    // Two buckets per key: most hold 0 or 1 keys, so the insertion pass
    // rarely finds a key out of order (each such key is a mispredicted
    // branch); more buckets cost more in counting than they save there.
    const std::size_t nb = kBucketsPerKey * m;
    const double lo = double_from_key(kmin), hi = double_from_key(kmax);
    const double width = hi - lo;
    const double scale = static_cast<double>(nb) / width;
    if (!(width > 0.0 && width <= std::numeric_limits<double>::max() && scale > 0.0 &&
          scale <= std::numeric_limits<double>::max()))
        return false;
    const double top = static_cast<double>(nb - 1);
    w.bucket.resize(m);
    w.starts.assign(nb + 1, 0);
    std::uint32_t* bk = w.bucket.data();
    std::uint32_t* st = w.starts.data();
    // Pairs of keys sharing a bucket bound the insertion pass's moves: each
    // key pairs with those counted into its bucket before it.
    std::uint64_t pairs = 0;
    for (std::size_t i = 0; i < m; ++i) {
        double f = (double_from_key(keys[i]) - lo) * scale;
        f = f < top ? f : top;
        const std::uint32_t b = static_cast<std::uint32_t>(f);
        bk[i] = b;
        pairs += st[b + 1]++;
    }
    if (pairs > kBudget * m) return false;
    for (std::size_t b = 0; b < nb; ++b) st[b + 1] += st[b];
    for (std::size_t i = 0; i < m; ++i) {
        const std::uint32_t at = st[bk[i]]++;
        ks[at] = keys[i];
        rs[at] = static_cast<std::int32_t>(i);
    }
    for (std::size_t a = 1; a < m; ++a) {
        const std::uint64_t key = ks[a];
        if (!(key < ks[a - 1])) continue;
        const std::int32_t row = rs[a];
        std::size_t c = a;
        do {
            ks[c] = ks[c - 1];
            rs[c] = rs[c - 1];
            --c;
        } while (c > 0 && ks[c - 1] > key);
        ks[c] = key;
        rs[c] = row;
    }
    return true;
}

}  // namespace detail

// The (value, row) order of one column, like argsort_values (core/sort.hpp) and
// bit for bit the same result, by a two-level MSD radix sort on the order keys
// minus the smallest key: one counting pass on the top 11 bits that vary,
// then, within each bucket of more than 32 keys, one on the next 11 bits;
// runs left (at most 32 keys, or keys sharing 22 leading bits) are sorted by
// (key, row) directly. Scatters keep row order, so equal values stay in row
// order. Continuous data needs the two passes over few buckets instead of the
// LSD sort's three full passes.
//
// Most columns take bucket_sort_keys instead (value buckets, then one
// insertion pass), which gives the same order in about half the time; the
// radix sort serves the columns it declines.
//
// Results stay in w.sorted_keys (the order keys of the values, -0.0 read as
// +0.0, so that equal values have equal keys) and w.rows.
inline void rank_sort_keys(const double* v, std::ptrdiff_t stride, std::int32_t n, RankWork& w) {
    constexpr int kBits = 11;
    constexpr std::size_t kBuckets = std::size_t{1} << kBits;
    const std::size_t m = static_cast<std::size_t>(n);
    w.sorted_keys.resize(m);
    w.rows.resize(m);
    if (n < 256) {
        std::vector<double> sorted(m);
        argsort_values(v, stride, n, sorted.data(), w.rows.data());  // -0.0 and +0.0 end up adjacent
        for (std::size_t r = 0; r < m; ++r) w.sorted_keys[r] = detail::double_order_key(sorted[r] + 0.0);
        return;
    }
    w.keys.resize(m);
    w.tmp_keys.resize(m);
    w.tmp_rows.resize(m);
    std::uint64_t kmin = ~std::uint64_t{0}, kmax = 0;
    for (std::size_t i = 0; i < m; ++i) {
        const std::uint64_t key = detail::double_order_key(v[static_cast<std::ptrdiff_t>(i) * stride] + 0.0);
        w.keys[i] = key;
        kmin = std::min(kmin, key);
        kmax = std::max(kmax, key);
    }
    std::uint64_t* ks = w.sorted_keys.data();
    std::int32_t* rs = w.rows.data();
    if (detail::bucket_sort_keys(w.keys.data(), m, kmin, kmax, ks, rs, w)) return;
    const std::uint64_t range = kmax - kmin;
    int bits = 0;
    while (bits < 64 && (range >> bits) != 0) ++bits;
    const int shift1 = bits > kBits ? bits - kBits : 0;
    const int shift2 = shift1 > kBits ? shift1 - kBits : 0;
    const std::size_t n1 = static_cast<std::size_t>((range >> shift1) + 1);
    w.starts.assign(n1 + 1, 0);
    for (std::size_t i = 0; i < m; ++i) ++w.starts[((w.keys[i] - kmin) >> shift1) + 1];
    for (std::size_t b = 0; b < n1; ++b) w.starts[b + 1] += w.starts[b];
    for (std::size_t i = 0; i < m; ++i) {
        const std::uint32_t at = w.starts[(w.keys[i] - kmin) >> shift1]++;
        ks[at] = w.keys[i];
        rs[at] = static_cast<std::int32_t>(i);
    }
    // Bucket b now ends at starts[b] and begins where bucket b - 1 ends.
    w.sub.resize(kBuckets + 1);
    std::size_t lo = 0;
    for (std::size_t b = 0; b < n1; ++b) {
        const std::size_t hi = w.starts[b];
        if (hi - lo > 32 && shift1 > 0) {
            std::fill(w.sub.begin(), w.sub.end(), 0u);
            for (std::size_t a = lo; a < hi; ++a) ++w.sub[(((ks[a] - kmin) >> shift2) & (kBuckets - 1)) + 1];
            for (std::size_t c = 0; c < kBuckets; ++c) w.sub[c + 1] += w.sub[c];
            for (std::size_t a = lo; a < hi; ++a) {
                const std::uint32_t at = w.sub[((ks[a] - kmin) >> shift2) & (kBuckets - 1)]++;
                w.tmp_keys[lo + at] = ks[a];
                w.tmp_rows[lo + at] = rs[a];
            }
            std::copy(w.tmp_keys.begin() + static_cast<std::ptrdiff_t>(lo),
                      w.tmp_keys.begin() + static_cast<std::ptrdiff_t>(hi), ks + lo);
            std::copy(w.tmp_rows.begin() + static_cast<std::ptrdiff_t>(lo),
                      w.tmp_rows.begin() + static_cast<std::ptrdiff_t>(hi), rs + lo);
            std::size_t s0 = lo;
            for (std::size_t c = 0; c < kBuckets; ++c) {
                const std::size_t s1 = lo + w.sub[c];
                if (s1 - s0 > 1) detail::sort_small_run(ks, rs, s0, s1);
                s0 = s1;
            }
        } else if (hi - lo > 1) {
            detail::sort_small_run(ks, rs, lo, hi);
        }
        lo = hi;
    }
}

// Normal scores of one column into out[0 .. n); returns how many values repeat an earlier one.
inline std::int64_t normal_scores_column(const double* x, std::ptrdiff_t stride, std::int32_t n,
                                         const double* half_scores, double* out, RankWork& work) {
    rank_sort_keys(x, stride, n, work);
    const std::uint64_t* ks = work.sorted_keys.data();
    const std::int32_t* rs = work.rows.data();
    std::int64_t ties = 0;
    std::int32_t r = 0;
    while (r < n) {
        std::int32_t e = r + 1;
        while (e < n && ks[e] == ks[r]) ++e;
        const double s = half_scores[static_cast<std::size_t>(r) + 1 + static_cast<std::size_t>(e)];
        for (std::int32_t a = r; a < e; ++a) out[rs[a]] = s;
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
        const bool gather = row_stride != 1;
        std::vector<double> buf(gather ? m * static_cast<std::size_t>(e - b) : 0);
        RankWork work;
        if (gather) {
            for (std::int32_t i = 0; i < n; ++i) {
                const double* row = x + static_cast<std::ptrdiff_t>(i) * row_stride;
                for (std::ptrdiff_t j = b; j < e; ++j) buf[static_cast<std::size_t>(j - b) * m + i] = row[j * col_stride];
            }
        }
        for (std::ptrdiff_t j = b; j < e; ++j) {
            const double* col = gather ? buf.data() + static_cast<std::size_t>(j - b) * m : x + j * col_stride;
            ties[j] = normal_scores_column(col, gather ? 1 : row_stride, n, half_scores,
                                           out + j * static_cast<std::ptrdiff_t>(n), work);
        }
    });
}

namespace detail {

// The runs of equal keys of one ranked column, in rank order: visit(s, s^2, r, e)
// for each run (ranks r+1 .. e) with its score s; accumulates the moments.
template <class Visit>
INFOKIT_INLINE std::int64_t score_runs(const std::uint64_t* ks, std::int32_t n, const double* half_scores,
                                       double* moments, Visit&& visit) {
    double sum = 0.0, sumsq = 0.0;
    std::int64_t ties = 0;
    std::int32_t r = 0;
    while (r < n) {
        std::int32_t e = r + 1;
        while (e < n && ks[e] == ks[r]) ++e;
        const double s = half_scores[static_cast<std::size_t>(r) + 1 + static_cast<std::size_t>(e)];
        const double s2 = s * s;
        visit(s, s2, r, e);
        sum += s * (e - r);
        sumsq += s2 * (e - r);
        ties += e - r - 1;
        r = e;
    }
    moments[0] = sum;
    moments[1] = sumsq;
    return ties;
}

}  // namespace detail

// Label counts up to this many get their per-label sums in registers / the stack.
constexpr int kLocalLabels = 16;

// One column of normal_scores_project; returns its tie count.
inline std::int64_t project_column(const double* x, std::ptrdiff_t stride, std::int32_t n, const double* half_scores,
                                   const double* w, const std::int64_t* codes, int dw, double* proj1, double* proj2,
                                   double* moments, RankWork& work) {
    rank_sort_keys(x, stride, n, work);
    const std::uint64_t* ks = work.sorted_keys.data();
    const std::int32_t* rs = work.rows.data();
    if (codes == nullptr && dw == 1) {
        // One weight column (a 1-D y): the two sums live in registers. The
        // same additions in the same order as the general loop below, so the
        // same bits; through memory (proj1 may alias w, for all the compiler
        // knows) each addition also waited on a store.
        double p1 = 0.0, p2 = 0.0;
        const std::int64_t ties = detail::score_runs(ks, n, half_scores, moments,
                                                     [&](double s, double s2, std::int32_t r, std::int32_t e) {
                                                         for (std::int32_t a = r; a < e; ++a) {
                                                             const double wi = w[rs[a]];
                                                             p1 += s * wi;
                                                             p2 += s2 * wi;
                                                         }
                                                     });
        proj1[0] = p1;
        proj2[0] = p2;
        return ties;
    }
    if (codes != nullptr && dw <= kLocalLabels) {
        // Per-label sums in a local array (the compiler knows it aliases
        // nothing), in the same order as below: the same bits.
        double p1[kLocalLabels] = {}, p2[kLocalLabels] = {};
        const std::int64_t ties = detail::score_runs(ks, n, half_scores, moments,
                                                     [&](double s, double s2, std::int32_t r, std::int32_t e) {
                                                         for (std::int32_t a = r; a < e; ++a) {
                                                             const std::int64_t c = codes[rs[a]];
                                                             p1[c] += s;
                                                             p2[c] += s2;
                                                         }
                                                     });
        for (int k = 0; k < dw; ++k) {
            proj1[k] = p1[k];
            proj2[k] = p2[k];
        }
        return ties;
    }
    for (int k = 0; k < dw; ++k) proj1[k] = proj2[k] = 0.0;
    return detail::score_runs(ks, n, half_scores, moments, [&](double s, double s2, std::int32_t r, std::int32_t e) {
        for (std::int32_t a = r; a < e; ++a) {
            const std::ptrdiff_t i = rs[a];
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
    });
}

// proj1, proj2: (p, dw) C order; moments: (p, 2); w: (n, dw) C order, or codes (n,) in [0, dw).
inline void normal_scores_project(const double* x, std::ptrdiff_t row_stride, std::ptrdiff_t col_stride,
                                  std::int32_t n, std::ptrdiff_t p, const double* half_scores, const double* w,
                                  const std::int64_t* codes, int dw, double* proj1, double* proj2, double* moments,
                                  std::int64_t* ties, int n_threads) {
    const std::size_t m = static_cast<std::size_t>(n);
    parallel_for_blocks(p, kScoreBlock, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
        const bool gather = row_stride != 1;
        std::vector<double> buf(gather ? m * static_cast<std::size_t>(e - b) : 0);
        RankWork work;
        if (gather) {
            for (std::int32_t i = 0; i < n; ++i) {
                const double* row = x + static_cast<std::ptrdiff_t>(i) * row_stride;
                for (std::ptrdiff_t j = b; j < e; ++j) buf[static_cast<std::size_t>(j - b) * m + i] = row[j * col_stride];
            }
        }
        for (std::ptrdiff_t j = b; j < e; ++j) {
            const double* col = gather ? buf.data() + static_cast<std::size_t>(j - b) * m : x + j * col_stride;
            ties[j] = project_column(col, gather ? 1 : row_stride, n, half_scores, w, codes, dw, proj1 + j * dw,
                                     proj2 + j * dw, moments + 2 * j, work);
        }
    });
}

}  // namespace infokit
