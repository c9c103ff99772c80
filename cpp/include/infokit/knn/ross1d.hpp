// infokit/knn/ross1d.hpp — Ross (2014) mixed MI for ONE continuous column
// against discrete labels, without a tree.
//
// Same semantics, same arithmetic, same result (KnnSum, knn/common.hpp) as
// ross_mi in knn/engine.hpp (the general d-dimensional path): points whose label occurs once are dropped (locals NaN);
// for a kept point i of class c (N_c members), d_i is the distance to its
// k_c = min(k, N_c - 1)-th neighbour within the class, m_i the number of kept
// points (i included) with |x_j - x_i| < d_i (m_i = 1 when d_i = 0), and
// local_i = psi(n_kept) + psi(k_c) - psi(N_c) - psi(m_i).
//
// In one dimension both searches are walks in sorted order:
//  * x is radix-sorted once (core/sort.hpp) and split, stably, into one sorted
//    run per class; the k_c nearest class members of a point are among the k_c
//    on each side of it in its run, taken by a two-way merge of the distances
//    (q - left, right - q: exactly fabs(x_j - q), as the tree computes);
//  * m_i is counted in the sorted kept values by walking outwards from the
//    point's own rank (m_i is about k n / N_c, small), switching to a gallop
//    and bisection for a long stretch. The predicate is the subtraction that
//    produced d_i (v_j - q above, q - v_j below), so a point at distance
//    exactly d_i is never counted through rounding.
// The pointwise term is ross_term (knn/terms.hpp), shared with ross_mi.
// The labels (codes, class sizes) are prepared once (RossLabels) and shared by
// every column scored against them; scoring a column allocates O(n).
//
// Blocks of kept points are fixed and their sums added in block order, so the
// result is bit-identical for any thread count. Inputs are trusted (finite x,
// codes in [0, n_classes), k >= 1, n < 2^31): checked in Python.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "infokit/core/config.hpp"
#include "infokit/core/parallel.hpp"
#include "infokit/core/sort.hpp"
#include "infokit/core/special.hpp"
#include "infokit/knn/common.hpp"
#include "infokit/knn/terms.hpp"

namespace infokit {

struct RossLabels {
    index_t n = 0, n_classes = 0, n_kept = 0;
    std::vector<std::int32_t> code;
    std::vector<index_t> size;  // members of each class
    void build(const std::int64_t* codes, index_t n_, index_t n_classes_) {
        n = n_;
        n_classes = n_classes_;
        code.resize(static_cast<std::size_t>(n));
        size.assign(static_cast<std::size_t>(n_classes), 0);
        for (index_t i = 0; i < n; ++i) {
            code[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(codes[i]);
            ++size[static_cast<std::size_t>(codes[i])];
        }
        n_kept = 0;
        for (index_t s : size) n_kept += s >= 2 ? s : 0;
    }
};

namespace detail {

// #{j != t : |v_j - v_t| < rad} in sorted v[0, n).
inline index_t count_strict(const double* v, index_t n, index_t t, double rad) {
    const double q = v[t];
    index_t up = t + 1;
    // Short walk first (the usual count is a handful), then gallop + bisect.
    const index_t walk_end = std::min<index_t>(n, t + 9);
    while (up < walk_end && v[up] - q < rad) ++up;
    if (up == walk_end && up < n && v[up] - q < rad) {
        index_t in = up, step = 1, j = up + 1;
        while (j < n && v[j] - q < rad) {
            in = j;
            step <<= 1;
            j = up + step;
        }
        index_t lo = in + 1, len = std::min(j, n) - lo;
        while (len > 0) {
            const index_t half = len >> 1;
            if (v[lo + half] - q < rad) {
                lo += half + 1;
                len -= half + 1;
            } else {
                len = half;
            }
        }
        up = lo;
    }
    index_t down = t;  // lowest inside index so far
    const index_t walk_lo = std::max<index_t>(0, t - 8);
    while (down > walk_lo && q - v[down - 1] < rad) --down;
    if (down == walk_lo && down > 0 && q - v[down - 1] < rad) {
        index_t in = down - 1, step = 1, j = in - 1;
        while (j >= 0 && q - v[j] < rad) {
            in = j;
            step <<= 1;
            j = down - 1 - step;
        }
        index_t lo = std::max<index_t>(j, -1) + 1, len = in - lo;  // find the lowest inside in [lo, in)
        while (len > 0) {
            const index_t half = len >> 1;
            if (q - v[lo + half] < rad) {
                len = half;
            } else {
                lo += half + 1;
                len -= half + 1;
            }
        }
        down = lo;
    }
    return (up - t - 1) + (t - down);
}

}  // namespace detail

// Sum of Ross terms over the n_kept kept points (estimate = sum / n_terms;
// {0, 0, 0} when none is kept) and the number of kept points whose k_c-th
// within-class distance is 0; locals[i] gets row i's term (NaN for dropped
// rows) when non-null.
inline KnnSum ross_mi_1d(const double* x, std::ptrdiff_t sx, const RossLabels& lab, int k, int n_threads, double* locals) {
    const index_t n = lab.n;
    const index_t nk = lab.n_kept;
    if (locals)
        for (index_t i = 0; i < n; ++i)
            if (lab.size[static_cast<std::size_t>(lab.code[static_cast<std::size_t>(i)])] < 2) locals[i] = std::numeric_limits<double>::quiet_NaN();
    if (nk == 0) return KnnSum{};
    std::vector<double> xs(static_cast<std::size_t>(n));
    std::vector<index_t> order(static_cast<std::size_t>(n));
    argsort_values(x, sx, n, xs.data(), order.data());
    // Runs of kept classes in one array: start[c] .. start[c] + size[c].
    std::vector<index_t> start(static_cast<std::size_t>(lab.n_classes) + 1, 0);
    for (index_t c = 0; c < lab.n_classes; ++c) {
        const index_t s = lab.size[static_cast<std::size_t>(c)];
        start[static_cast<std::size_t>(c) + 1] = start[static_cast<std::size_t>(c)] + (s >= 2 ? s : 0);
    }
    std::vector<index_t> fill(start.begin(), start.end() - 1);
    std::vector<double> ks(static_cast<std::size_t>(nk)), cv(static_cast<std::size_t>(nk));
    std::vector<index_t> kid(static_cast<std::size_t>(nk)), cpos(static_cast<std::size_t>(nk));
    index_t t = 0;
    for (index_t r = 0; r < n; ++r) {
        const index_t i = order[static_cast<std::size_t>(r)];
        const std::int32_t c = lab.code[static_cast<std::size_t>(i)];
        if (lab.size[static_cast<std::size_t>(c)] < 2) continue;
        const index_t p = fill[static_cast<std::size_t>(c)]++;
        cv[static_cast<std::size_t>(p)] = xs[static_cast<std::size_t>(r)];
        ks[static_cast<std::size_t>(t)] = xs[static_cast<std::size_t>(r)];
        kid[static_cast<std::size_t>(t)] = i;
        cpos[static_cast<std::size_t>(t)] = p;
        ++t;
    }
    const PsiTable psi(nk);
    const double psi_n = psi(nk);
    constexpr double inf = std::numeric_limits<double>::infinity();
    const int threads = effective_threads(nk, n_threads, 20000);
    const SumCount total = parallel_reduce_blocks<SumCount>(nk, 2048, threads, [&](std::ptrdiff_t b, std::ptrdiff_t e, SumCount& acc) {
        double sum = 0.0;
        std::int64_t nz = 0;
        for (std::ptrdiff_t tt = b; tt < e; ++tt) {
            const index_t i = kid[static_cast<std::size_t>(tt)];
            const std::int32_t c = lab.code[static_cast<std::size_t>(i)];
            const index_t nc = lab.size[static_cast<std::size_t>(c)];
            const int kc = static_cast<int>(std::min<index_t>(k, nc - 1));
            const index_t lo = start[static_cast<std::size_t>(c)], hi = start[static_cast<std::size_t>(c) + 1];
            const index_t p = cpos[static_cast<std::size_t>(tt)];
            const double q = ks[static_cast<std::size_t>(tt)];
            // kc-th smallest of the within-class distances: merge both sides.
            index_t left = p - 1, right = p + 1;
            double d = 0.0;
            for (int j = 0; j < kc; ++j) {
                const double dl = left >= lo ? q - cv[static_cast<std::size_t>(left)] : inf;
                const double dr = right < hi ? cv[static_cast<std::size_t>(right)] - q : inf;
                if (dl <= dr) {
                    d = dl;
                    --left;
                } else {
                    d = dr;
                    ++right;
                }
            }
            nz += (d == 0.0);
            // m_i: kept points strictly within d, the point itself included.
            const index_t m = detail::count_strict(ks.data(), nk, static_cast<index_t>(tt), d) + 1;
            const double local = ross_term(psi, psi_n, kc, nc, m);
            if (locals) locals[i] = local;
            sum += local;
        }
        acc.sum = sum;
        acc.count = nz;
    });
    return KnnSum{total.sum, nk, static_cast<index_t>(total.count)};
}

}  // namespace infokit
