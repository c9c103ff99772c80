// infokit/discrete/contingency.hpp — contingency tables of paired labels and plug-in MI.
//
// dense_table(): one pass over the pairs into an (Rx, Ry) row-major int64 table
//   indexed by (x - xmin, y - ymin); used when Rx * Ry is small (the caller's
//   rule: <= max(4n, 2^16) cells). Labels can be raw integers (their value
//   range) or codes from encode_labels (range K).
// csr_table(): the same counts as CSR for large alphabets, in O(n + Kx + Ky)
//   memory: a counting sort of the samples by x code, then per row a scratch
//   counter indexed by y code; columns come out sorted.
// mi_dense() / mi_csr(): marginals and plug-in mutual information
//   I = (1/N) sum_ij n_ij log(n_ij N / (a_i b_j)). Near independence each term
//   comes from ONE log of an exactly formed ratio (products of counts are
//   exact below 2^53), which keeps a small I accurate where entropy
//   differences cancel; large tables with I >= 0.01 nats use the (much faster,
//   tabulated) entropy form instead (see detail::plugin_mi).
//   Rows are summed in order and row sums added in row order, so the dense and
//   the sparse forms of the same table give the same bits for any n_jobs.
//
// Counts are int64 (a 32-bit count would overflow past 2^31 samples) or
// double (precomputed float tables).
//
// Trust contract (checked in Python, infokit.estimate._discrete): dense_table's
// labels lie in [xmin, xmin + Rx) and [ymin, ymin + Ry), counts holds Rx * Ry
// zeroed cells; csr_table's codes lie in [0, kx) and [0, ky), indptr holds
// kx + 1 entries and indices / data room for min(n, kx * ky); mi_*'s tables
// hold counts >= 0 with a positive total, a and b room for kx and ky.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "infokit/discrete/labels.hpp"
#include "infokit/core/parallel.hpp"

namespace infokit {

// counts[(x - xmin) * ry + (y - ymin)] += 1 over n pairs; counts (cells =
// rx * ry entries) must be zeroed by the caller.
template <class T>
void dense_table(const T* x, std::ptrdiff_t sx, const T* y, std::ptrdiff_t sy, std::ptrdiff_t n, T xmin,
                 T ymin, std::int64_t ry, std::int64_t cells, std::int64_t* counts, int n_threads) {
    const std::uint64_t kx = detail::order_key(xmin), ky = detail::order_key(ymin);
    const auto cell = [&](std::ptrdiff_t i) {
        return static_cast<std::int64_t>(detail::order_key(x[i * sx]) - kx) * ry +
               static_cast<std::int64_t>(detail::order_key(y[i * sy]) - ky);
    };
    std::ptrdiff_t chunks = detail::n_chunks_for(n);
    if (n_threads < 2 || cells * chunks > n / 4) chunks = 1;
    if (chunks == 1) {
        for (std::ptrdiff_t i = 0; i < n; ++i) ++counts[cell(i)];
        return;
    }
    const std::ptrdiff_t len = (n + chunks - 1) / chunks;
    std::vector<std::int64_t> part(static_cast<std::size_t>(chunks * cells), 0);
    parallel_for_blocks(chunks, 1, n_threads, [&](std::ptrdiff_t c, std::ptrdiff_t) {
        std::int64_t* h = part.data() + c * cells;
        const std::ptrdiff_t b = c * len, e = std::min(n, b + len);
        for (std::ptrdiff_t i = b; i < e; ++i) ++h[cell(i)];
    });
    for (std::ptrdiff_t c = 0; c < chunks; ++c)
        for (std::int64_t v = 0; v < cells; ++v) counts[v] += part[static_cast<std::size_t>(c * cells + v)];
}

// CSR counts of code pairs (cx in [0, kx), cy in [0, ky)). indptr has kx + 1
// entries; indices and data need room for min(n, kx * ky) entries. Returns nnz.
inline std::int64_t csr_table(const std::int64_t* cx, const std::int64_t* cy, std::ptrdiff_t n, std::int64_t kx,
                              std::int64_t ky, std::int64_t* indptr, std::int64_t* indices, std::int64_t* data) {
    std::vector<std::int64_t> start(static_cast<std::size_t>(kx + 1), 0);
    for (std::ptrdiff_t i = 0; i < n; ++i) ++start[static_cast<std::size_t>(cx[i] + 1)];
    for (std::int64_t r = 0; r < kx; ++r) start[static_cast<std::size_t>(r + 1)] += start[static_cast<std::size_t>(r)];
    std::vector<std::int64_t> ys(static_cast<std::size_t>(n));
    {
        std::vector<std::int64_t> pos(start.begin(), start.end() - 1);
        for (std::ptrdiff_t i = 0; i < n; ++i) ys[static_cast<std::size_t>(pos[static_cast<std::size_t>(cx[i])]++)] = cy[i];
    }
    std::vector<std::int64_t> tally(static_cast<std::size_t>(ky), 0);
    std::vector<std::int64_t> seen;
    std::int64_t nnz = 0;
    indptr[0] = 0;
    for (std::int64_t r = 0; r < kx; ++r) {
        seen.clear();
        for (std::int64_t t = start[static_cast<std::size_t>(r)]; t < start[static_cast<std::size_t>(r + 1)]; ++t) {
            const std::int64_t c = ys[static_cast<std::size_t>(t)];
            if (tally[static_cast<std::size_t>(c)]++ == 0) seen.push_back(c);
        }
        const std::size_t m = seen.size();
        // Sorting a row's columns costs m log m; a full scan costs ky. Take the cheaper.
        if (m > 0 && static_cast<double>(m) * std::log2(static_cast<double>(m) + 1.0) > static_cast<double>(ky)) {
            for (std::int64_t c = 0; c < ky; ++c) {
                if (tally[static_cast<std::size_t>(c)] != 0) {
                    indices[nnz] = c;
                    data[nnz++] = tally[static_cast<std::size_t>(c)];
                    tally[static_cast<std::size_t>(c)] = 0;
                }
            }
        } else {
            std::sort(seen.begin(), seen.end());
            for (const std::int64_t c : seen) {
                indices[nnz] = c;
                data[nnz++] = tally[static_cast<std::size_t>(c)];
                tally[static_cast<std::size_t>(c)] = 0;
            }
        }
        indptr[r + 1] = nnz;
    }
    return nnz;
}

namespace detail {

inline double mi_term(double c, double n, double ai, double bj) {
    return c * std::log((c * n) / (ai * bj));
}

// Neumaier-compensated running sum: the entropy form below adds O(n log n)
// sized numbers whose difference is the answer, so plain summation error matters.
struct CompensatedSum {
    double sum = 0.0, comp = 0.0;
    void add(double v) {
        const double t = sum + v;
        comp += std::fabs(sum) >= std::fabs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
    }
    double value() const { return sum + comp; }
};

// c log c, from a table for small integer counts (c log c repeats a lot).
class XLogX {
  public:
    XLogX(double max_count, bool integral) {
        if (!integral) return;
        const std::size_t size = static_cast<std::size_t>(std::min(max_count, 65535.0)) + 1;
        table_.resize(size);
        table_[0] = 0.0;
        for (std::size_t c = 1; c < size; ++c) table_[c] = static_cast<double>(c) * std::log(static_cast<double>(c));
    }
    double operator()(double c) const {
        if (c < static_cast<double>(table_.size())) return table_[static_cast<std::size_t>(c)];
        return c > 0.0 ? c * std::log(c) : 0.0;
    }

  private:
    std::vector<double> table_;
};

// Sum row partials in row order (the same order for dense and CSR tables).
template <class RowFn>
double sum_rows(std::int64_t kx, int n_threads, RowFn&& row) {
    std::vector<double> part(static_cast<std::size_t>(kx), 0.0);
    parallel_for(kx, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
        for (std::ptrdiff_t r = b; r < e; ++r) part[static_cast<std::size_t>(r)] = row(r);
    }, 64);
    CompensatedSum total;
    for (double s : part) total.add(s);
    return total.value();
}

// Plug-in MI from a table given by a row visitor for_row(i, fn) that calls
// fn(j, c) for the (possibly zero) cells of row i, in column order.
//
// Large tables first use the entropy form
//   I = log N + (sum c log c - sum a log a - sum b log b) / N
// with tabulated c log c and compensated sums: ~1 ns a cell, absolute error a
// few ulp of log N. When that leaves less than ~1e-13 relative accuracy
// (I < kFastMin) and for small tables, every non-zero cell gets the exact-ratio
// term instead (one log each).
template <class C, class ForRow>
double plugin_mi(std::int64_t kx, std::int64_t ky, std::int64_t cells, const double* a, const double* b,
                 double max_count, int n_threads, ForRow&& for_row) {
    double n = 0.0;
    for (std::int64_t i = 0; i < kx; ++i) n += a[i];
    if (!(n > 0.0)) return 0.0;
    constexpr double kFastMin = 1e-2;
    constexpr std::int64_t kFastCells = 4096;
    if (cells >= kFastCells) {
        const XLogX xlogx(max_count, std::is_integral<C>::value);
        const double s_cells = sum_rows(kx, n_threads, [&](std::ptrdiff_t i) {
            CompensatedSum acc;
            for_row(i, [&](std::int64_t, double c) { acc.add(xlogx(c)); });
            return acc.value();
        });
        CompensatedSum marg;
        for (std::int64_t i = 0; i < kx; ++i) marg.add(-xlogx(a[i]));
        for (std::int64_t j = 0; j < ky; ++j) marg.add(-xlogx(b[j]));
        marg.add(s_cells);
        const double fast = std::log(n) + marg.value() / n;
        if (fast >= kFastMin) return fast;
    }
    const double s = sum_rows(kx, n_threads, [&](std::ptrdiff_t i) {
        double acc = 0.0;
        const double ai = a[i];
        for_row(i, [&](std::int64_t j, double c) {
            if (c != 0.0) acc += mi_term(c, n, ai, b[j]);
        });
        return acc;
    });
    return s / n;
}

}  // namespace detail

// Marginals a (kx) and b (ky) of a dense table (strides in elements) and the
// plug-in MI in nats (0 when the table is empty). Zero cells contribute 0.
template <class C>
double mi_dense(const C* t, std::int64_t kx, std::int64_t ky, std::ptrdiff_t s0, std::ptrdiff_t s1, double* a,
                double* b, int n_threads) {
    std::fill(a, a + kx, 0.0);
    std::fill(b, b + ky, 0.0);
    double max_count = 0.0;
    for (std::int64_t i = 0; i < kx; ++i) {
        double row = 0.0;
        for (std::int64_t j = 0; j < ky; ++j) {
            const double c = static_cast<double>(t[i * s0 + j * s1]);
            row += c;
            b[j] += c;
            max_count = c > max_count ? c : max_count;
        }
        a[i] = row;
    }
    return detail::plugin_mi<C>(kx, ky, kx * ky, a, b, max_count, n_threads, [&](std::ptrdiff_t i, auto&& fn) {
        const C* r = t + i * s0;
        for (std::int64_t j = 0; j < ky; ++j) fn(j, static_cast<double>(r[j * s1]));
    });
}

// Same for a CSR table (indptr kx + 1, column indices < ky, values data).
template <class C>
double mi_csr(const std::int64_t* indptr, const std::int64_t* indices, const C* data, std::int64_t kx,
              std::int64_t ky, double* a, double* b, int n_threads) {
    std::fill(a, a + kx, 0.0);
    std::fill(b, b + ky, 0.0);
    double max_count = 0.0;
    for (std::int64_t i = 0; i < kx; ++i) {
        double row = 0.0;
        for (std::int64_t t = indptr[i]; t < indptr[i + 1]; ++t) {
            const double c = static_cast<double>(data[t]);
            row += c;
            b[indices[t]] += c;
            max_count = c > max_count ? c : max_count;
        }
        a[i] = row;
    }
    // Cell count of the equivalent dense table, so both forms pick the same path.
    const double dense_cells = static_cast<double>(kx) * static_cast<double>(ky);
    const std::int64_t cells = dense_cells > 9e18 ? INT64_MAX : kx * ky;
    return detail::plugin_mi<C>(kx, ky, cells, a, b, max_count, n_threads, [&](std::ptrdiff_t i, auto&& fn) {
        for (std::int64_t t = indptr[i]; t < indptr[i + 1]; ++t) fn(indices[t], static_cast<double>(data[t]));
    });
}

}  // namespace infokit
