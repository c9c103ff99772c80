// infokit/discrete/pair_entropies.hpp — plug-in joint entropies of code pairs,
// the hot loop of greedy feature selection on discrete data.
//
// For each pair (k, j) of rows of a (p, n) code matrix:
//   h_pair[i]   = H(X_k, X_j)    = log n - (1/n) sum_c c log c over the cells of (x_k, x_j),
//   h_triple[i] = H(X_k, X_j, Y) = the same over the cells of (x_k, x_j, y)   (when asked).
// One pass over the n rows per pair: with Y, only the (x_k, x_j, y) cells are
// counted and the (x_k, x_j) counts are their sums over y (the table's last
// axis), so H(X_k, X_j) costs nothing extra.
//
// Tables: dense (a per-block scratch table of L_k * L_j * L_y int64 cells,
// zeroed after each pair) when the cell count is at most `max_dense_cells`;
// otherwise the cell keys of the n rows are sorted and counted as runs, which
// visits the non-zero cells in the same (row-major) order, so both paths add
// the same terms in the same order and give the same bits. c log c is read
// from `xlogx` (xlogx[c] = c log c for c < table_size) and computed past it.
// Each pair is computed whole by one thread, so results do not depend on
// n_threads; pairs sharing j with the previous pair (one step of the greedy
// engine) reuse that pair's (x_j, y) cell offsets.
//
// Trust contract (checked in Python, infokit.feature_selection._select): codes
// row-major with row stride n, row r's codes in [0, levels[r]); y in [0, ly);
// ks and js in [0, p); n >= 1; levels[k] * levels[j] < 2^63;
// max_dense_cells < 2^32; xlogx[0] == 0 and table_size >= 1; h_triple may be
// null (then y and ly are not read).
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

struct XlogxTable {
    const double* table;
    std::int64_t size;
    double operator()(std::int64_t c) const {
        if (c < size) return table[c];
        const double d = static_cast<double>(c);
        return d * std::log(d);
    }
};

}  // namespace detail

template <class T>
void pair_entropies(const T* codes, std::ptrdiff_t n, const std::int64_t* levels, const T* y, std::int64_t ly,
                    const std::int64_t* ks, const std::int64_t* js, std::ptrdiff_t n_pairs, const double* xlogx,
                    std::int64_t table_size, std::int64_t max_dense_cells, double* h_pair, double* h_triple,
                    int n_threads) {
    const bool with_y = h_triple != nullptr;
    const std::int64_t lyy = with_y ? ly : 1;
    const detail::XlogxTable xl{xlogx, table_size};
    const double logn = std::log(static_cast<double>(n));
    const double nd = static_cast<double>(n);
    // Pairs per block: enough rows that thread hand-out is cheap, and at most
    // 64 blocks, so the scratch tables (zeroed once per block) are few. Each
    // pair is computed whole inside one block: the blocking never changes a bit.
    const std::ptrdiff_t block = std::max<std::ptrdiff_t>(
        {std::ptrdiff_t(1), (std::ptrdiff_t(1) << 15) / std::max<std::ptrdiff_t>(n, 1), (n_pairs + 63) / 64});
    parallel_for_blocks(n_pairs, block, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
        std::vector<std::int64_t> table;
        std::vector<std::uint32_t> jy(static_cast<std::size_t>(n));  // x_j * ly + y, per row
        std::vector<std::pair<std::uint64_t, std::uint64_t>> keys;
        std::int64_t cached_j = -1;
        for (std::ptrdiff_t q = b; q < e; ++q) {
            const std::int64_t k = ks[q], j = js[q];
            const std::int64_t lk = levels[k], lj = levels[j];
            const std::int64_t inner = lj * lyy;  // cells per level of x_k
            const T* ck = codes + k * n;
            const T* cj = codes + j * n;
            double s2 = 0.0, s3 = 0.0;
            // Division, not lk * inner: L_k * L_j * L_y may not fit 64 bits.
            if (inner <= max_dense_cells && lk <= max_dense_cells / inner) {
                const std::int64_t cells = lk * inner;
                if (static_cast<std::int64_t>(table.size()) < cells) table.assign(static_cast<std::size_t>(cells), 0);
                std::int64_t* t = table.data();
                if (j != cached_j) {  // inner <= cells <= max_dense_cells < 2^32: fits the offsets
                    if (with_y) {
                        for (std::ptrdiff_t i = 0; i < n; ++i)
                            jy[i] = static_cast<std::uint32_t>(static_cast<std::int64_t>(cj[i]) * ly + y[i]);
                    } else {
                        for (std::ptrdiff_t i = 0; i < n; ++i) jy[i] = static_cast<std::uint32_t>(cj[i]);
                    }
                    cached_j = j;
                }
                for (std::ptrdiff_t i = 0; i < n; ++i)
                    ++t[static_cast<std::int64_t>(ck[i]) * inner + static_cast<std::int64_t>(jy[i])];
                if (with_y) {
                    for (std::int64_t a = 0; a < cells; a += lyy) {
                        std::int64_t pc = 0;
                        for (std::int64_t c = a; c < a + lyy; ++c) {
                            const std::int64_t v = t[c];
                            if (v) {
                                pc += v;
                                s3 += xl(v);
                                t[c] = 0;
                            }
                        }
                        if (pc) s2 += xl(pc);
                    }
                } else {
                    for (std::int64_t c = 0; c < cells; ++c) {
                        const std::int64_t v = t[c];
                        if (v) {
                            s2 += xl(v);
                            t[c] = 0;
                        }
                    }
                }
            } else {
                // (x_k, x_j) cell, y: two keys, so L_k * L_j * L_y never has to fit one word.
                keys.resize(static_cast<std::size_t>(n));
                for (std::ptrdiff_t i = 0; i < n; ++i)
                    keys[i] = {static_cast<std::uint64_t>(ck[i]) * static_cast<std::uint64_t>(lj) +
                                   static_cast<std::uint64_t>(cj[i]),
                               with_y ? static_cast<std::uint64_t>(y[i]) : 0};
                std::sort(keys.begin(), keys.end());
                std::ptrdiff_t i = 0;
                while (i < n) {
                    std::ptrdiff_t a = i;
                    while (a < n && keys[a].first == keys[i].first) {
                        std::ptrdiff_t c = a;
                        while (c < n && keys[c] == keys[a]) ++c;
                        if (with_y) s3 += xl(c - a);
                        a = c;
                    }
                    s2 += xl(a - i);
                    i = a;
                }
            }
            h_pair[q] = logn - s2 / nd;
            if (with_y) h_triple[q] = logn - s3 / nd;
        }
    });
}

}  // namespace infokit
