// infokit/knn_pair1d.hpp — the 1-D x 1-D fast path of KSG estimators 1 and 2.
//
// Both marginals are argsorted once (radix sort, infokit/knn_sort.hpp); the
// sorted values serve three purposes:
//  * grid edges: the joint k-NN search runs on a G x G grid in RANK space
//    (bin of a point = its x-rank * G / n, same for y), so every row and column
//    of cells holds about n / G points whatever the marginal distributions
//    (heavy tails, strong dependence); the grid gets finer when the occupancy
//    seen by a typical point is high (dependent data crowd the diagonal);
//  * bounds: a bin's first and last sorted values bound the distance from a
//    query to any point of that bin, computed by the same subtraction that
//    gives point distances (rounding is monotone), so pruning is exact;
//  * marginal counts: a strict (KSG-1) or inclusive (KSG-2) count on each side
//    of the query's own rank; a value -> rank lookup (knn_rank_lookup.hpp)
//    brackets each boundary within a bucket of about two ranks, two probes
//    confirm the bracket, and four branch-free bisections run in lockstep
//    (their cache misses overlap). The predicate |x_j - x_i| < rho is
//    evaluated as the very subtraction that produced rho (PARITY 17).
// Points are stored in cell order (counting sort) with their coordinates and
// ranks contiguous, and queries run in cell order, so a query's cells and its
// stretch of the sorted marginals are usually still in cache from the
// previous one. The search visits rings of cells around the query's cell,
// skipping any cell whose box is already farther than the current k-th
// distance, and stops once the distance to everything outside the visited
// block is at least the k-th distance. KSG-1 (only the k-th distance
// matters, not which neighbours) starts with the whole 3 x 3 block; for
// k <= 8 without a Theiler window (run_block_ksg1) the block is gathered once
// per cell into padded coordinate arrays, the k + 1 smallest distances (the
// query's own 0 included) are kept in two SIMD lanes (knn_kth2d.hpp), and
// the counts run in batches of queries, in sweeps that let different
// queries' cache misses overlap (finish_batch_ksg1).
//
// A permutation test shuffles y: the sorted marginals stay valid (same sets of
// values), only the rank of each row in y changes (permute_y), and the grid is
// rebuilt per run in O(n). Likewise one sorted target (Marginal1D) is shared
// by every feature column scored against it (build_with).
//
// Blocks of queries are fixed (parallel.hpp) and summed in block order, so the
// result is bit-identical for any thread count. Memory: O(n), under 60 bytes
// per sample. Inputs are trusted (finite, k < candidates, n < 2^31): checked
// in Python (infokit.estimate._knn).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <type_traits>
#include <vector>

#include "infokit/core/config.hpp"
#include "infokit/knn/kdtree.hpp"  // index_t
#include "infokit/knn/kth2d.hpp"
#include "infokit/knn/rank_lookup.hpp"
#include "infokit/core/sort.hpp"
#include "infokit/core/parallel.hpp"
#include "infokit/core/special.hpp"

namespace infokit {

namespace pair1d_detail {

template <bool Strict>
inline bool within(double a, double rad) {
    return Strict ? a < rad : a <= rad;
}

// The k smallest distances so far (ascending), with the cell-order positions.
// Unfilled slots hold +inf, so worst() needs no size check.
struct SmallBest {
    std::vector<double> d;
    std::vector<index_t> pos;
    int k;
    explicit SmallBest(int k_) : d(static_cast<std::size_t>(k_)), pos(static_cast<std::size_t>(k_)), k(k_) {}
    void reset() {
        std::fill(d.begin(), d.end(), std::numeric_limits<double>::infinity());
        std::fill(pos.begin(), pos.end(), index_t{-1});
    }
    double worst() const { return d[static_cast<std::size_t>(k - 1)]; }
    // Precondition: dist < worst().
    void push(double dist, index_t p) {
        int j = k - 1;
        while (j > 0 && d[static_cast<std::size_t>(j - 1)] > dist) {
            d[static_cast<std::size_t>(j)] = d[static_cast<std::size_t>(j - 1)];
            pos[static_cast<std::size_t>(j)] = pos[static_cast<std::size_t>(j - 1)];
            --j;
        }
        d[static_cast<std::size_t>(j)] = dist;
        pos[static_cast<std::size_t>(j)] = p;
    }
};

// The same for a compile-time k: a branch-free insertion (min/max network)
// into registers, done for every candidate (a rejected one leaves it
// unchanged), so the scan has no data-dependent branches. Ties keep the
// earlier candidate first, as SmallBest does.
template <int K>
struct FixedBest {
    double d[K];
    index_t pos[K];
    void reset() {
        for (int j = 0; j < K; ++j) {
            d[j] = std::numeric_limits<double>::infinity();
            pos[j] = -1;
        }
    }
    double worst() const { return d[K - 1]; }
    void push(double x, index_t p) {
        for (int j = K - 1; j > 0; --j) {
            const double a = d[j - 1], b = d[j];
            pos[j] = x < a ? pos[j - 1] : (x < b ? p : pos[j]);
            d[j] = std::max(a, std::min(b, x));
        }
        pos[0] = x < d[0] ? p : pos[0];
        d[0] = std::min(d[0], x);
    }
};

template <class Best>
struct is_fixed : std::false_type {};
template <int K>
struct is_fixed<FixedBest<K>> : std::true_type {};
struct Pt {
    double x, y;
};

}  // namespace pair1d_detail

// One column sorted once: values in order, the row of each rank, the rank of
// each row. Shared (read-only) by every pairing that uses the column, e.g.
// one target against many feature columns.
struct Marginal1D {
    std::vector<double> vals;
    std::vector<index_t> rank;
    RankLookup look;  // value -> rank guesses for the marginal counts
    void build(const double* v, std::ptrdiff_t stride, index_t n) {
        vals.resize(static_cast<std::size_t>(n));
        rank.resize(static_cast<std::size_t>(n));
        // The rank -> row order is needed only to invert it; keeping it would
        // cost 4 bytes per point for the whole estimate (O(n) memory budget).
        std::vector<index_t> order(static_cast<std::size_t>(n));
        argsort_values(v, stride, n, vals.data(), order.data());
        for (index_t r = 0; r < n; ++r) rank[static_cast<std::size_t>(order[static_cast<std::size_t>(r)])] = r;
        look.build(vals.data(), n, kRanksPerBucket);
    }
    // Two ranks per lookup bucket on average: a boundary is then usually
    // settled by one or two probes next to the guess, and the table (4 bytes
    // per 2 points) stays cache-resident next to the sorted values.
    static constexpr index_t kRanksPerBucket = 2;
};

class Pair1D {
  public:
    // Sort both marginals (in parallel when n_threads > 1). x and y stay owned
    // by the caller and must outlive every run() (Theiler corrections read x).
    void build(const double* x, std::ptrdiff_t sx, const double* y, std::ptrdiff_t sy, index_t n, int n_threads) {
        auto my = std::make_shared<Marginal1D>();
        parallel_for_blocks(2, 1, n >= 50000 ? n_threads : 1, [&](std::ptrdiff_t b, std::ptrdiff_t) {
            if (b == 0) sort_x(x, sx, n);
            else my->build(y, sy, n);
        });
        set_y(std::move(my));
    }

    // Pair column x with an already sorted y (shared, never modified).
    void build_with(const double* x, std::ptrdiff_t sx, std::shared_ptr<const Marginal1D> y) {
        sort_x(x, sx, static_cast<index_t>(y->vals.size()));
        set_y(std::move(y));
    }

    // Make row i's y the value of original row perm[i] (a permutation of
    // 0..n-1): only y-ranks move; the sorted values stay valid.
    void permute_y(const std::int64_t* perm) {
        const std::vector<index_t>& rank0 = ym_->rank;
        permuted_rank_y_.resize(static_cast<std::size_t>(n_));
        for (index_t i = 0; i < n_; ++i) permuted_rank_y_[static_cast<std::size_t>(i)] = rank0[static_cast<std::size_t>(perm[i])];
        rank_y_ = permuted_rank_y_.data();
    }

    // Sum of the pointwise KSG terms (mode 1: estimator 1, 2: estimator 2);
    // locals[i] gets row i's term when non-null; *n_zero the number of zero radii.
    double run(int mode, int k, index_t theiler, int n_threads, double* locals, std::int64_t* n_zero) const {
        const index_t n = n_;
        if (n == 0) {
            if (n_zero) *n_zero = 0;
            return 0.0;
        }
        Grid grid;
        // Rows are needed for locals and Theiler windows only (neighbours are
        // looked up by cell-order position, not by row).
        build_grid(k, grid, locals != nullptr || theiler > 0);
        const PsiTable psi(n);
        const Terms terms{psi, psi(k), psi(n), 1.0 / k};
        const int threads = effective_threads(n, n_threads, 20000);
        const SumCount total = parallel_reduce_blocks<SumCount>(n, 1024, threads, [&](std::ptrdiff_t b, std::ptrdiff_t e, SumCount& acc) {
            double sum = 0.0;
            std::int64_t nz = 0;
            if (theiler > 0) {
                if (mode == 1) run_block_k<1, true>(grid, b, e, k, theiler, terms, locals, sum, nz);
                else run_block_k<2, true>(grid, b, e, k, theiler, terms, locals, sum, nz);
            } else {
                if (mode == 1) run_block_k<1, false>(grid, b, e, k, theiler, terms, locals, sum, nz);
                else run_block_k<2, false>(grid, b, e, k, theiler, terms, locals, sum, nz);
            }
            acc.sum = sum;
            acc.count = nz;
        });
        if (n_zero) *n_zero = total.count;
        return total.sum;
    }

  private:
    using Pt = pair1d_detail::Pt;

    template <class Best>
    static Best make_best(int k) {
        if constexpr (pair1d_detail::is_fixed<Best>::value) {
            (void)k;
            return Best{};
        } else {
            return Best(k);
        }
    }

    // Bin of a rank, floor(rank * g / n), without a division (hot: several
    // per point): a floating-point guess, off by at most one, corrected
    // against the bins' first ranks ceil(b * n / g).
    struct Bins {
        index_t g = 1;
        double scale = 0.0;
        std::vector<index_t> first;  // g + 1 entries
        void set(index_t g_, index_t n) {
            g = g_;
            scale = static_cast<double>(g) / static_cast<double>(n);
            first.resize(static_cast<std::size_t>(g) + 1);
            for (index_t b = 0; b <= g; ++b)
                first[static_cast<std::size_t>(b)] = static_cast<index_t>((static_cast<std::int64_t>(b) * n + g - 1) / g);
        }
        INFOKIT_INLINE index_t of(index_t r) const {
            index_t b = static_cast<index_t>(static_cast<double>(r) * scale);
            b = b < g ? b : g - 1;
            b -= static_cast<index_t>(r < first[static_cast<std::size_t>(b)]);
            b += static_cast<index_t>(r >= first[static_cast<std::size_t>(b) + 1]);
            return b;
        }
    };

    // Cell-order layout of the current (x, y) pairing (one per run, so
    // concurrent runs on one object are safe).
    struct Grid {
        index_t g = 1;
        Bins bins;
        index_t tiles = 1;  // tiles per axis
        std::vector<index_t> off, ids, rx, ry;
        std::vector<Pt> pts;
        std::vector<double> xlo, xhi, ylo, yhi;
        // Cells are stored tile by tile (kTile x kTile cells, row-major inside):
        // queries running in storage order then revisit the same stretches of
        // both sorted marginals, which stay in cache (plain row-major order
        // would sweep all of y once per row of cells).
        static constexpr int kTileShift = 5;
        static constexpr index_t kTile = index_t{1} << kTileShift;
        INFOKIT_INLINE std::size_t slot(index_t a, index_t c) const {
            const std::size_t tile = static_cast<std::size_t>(a >> kTileShift) * static_cast<std::size_t>(tiles) + static_cast<std::size_t>(c >> kTileShift);
            return (tile << (2 * kTileShift)) + (static_cast<std::size_t>(a & (kTile - 1)) << kTileShift) + static_cast<std::size_t>(c & (kTile - 1));
        }
        std::size_t n_slots() const { return static_cast<std::size_t>(tiles) * static_cast<std::size_t>(tiles) << (2 * kTileShift); }
        // The cell (a, c) of a slot: the inverse of slot().
        void cell_of(std::size_t s, index_t& a, index_t& c) const {
            const std::size_t tile = s >> (2 * kTileShift);
            const std::size_t in = s & ((std::size_t{1} << (2 * kTileShift)) - 1);
            a = static_cast<index_t>(((tile / static_cast<std::size_t>(tiles)) << kTileShift) | (in >> kTileShift));
            c = static_cast<index_t>(((tile % static_cast<std::size_t>(tiles)) << kTileShift) | (in & (kTile - 1)));
        }
    };

    // with_ids: also store each point's row (for locals and Theiler windows).
    void build_grid(int k, Grid& gr, bool with_ids) const {
        const index_t n = n_;
        // About 2 + k/2 points per cell on average: a query then usually finds
        // its k neighbours within the 3 x 3 block around its cell.
        const double per_cell = 2.0 + 0.5 * k;
        const index_t g_max = static_cast<index_t>(std::max(1.0, std::floor(std::sqrt(2.0 * n))));
        index_t g = static_cast<index_t>(std::max(1.0, std::floor(std::sqrt(n / per_cell))));
        g = std::min(g, g_max);
        std::vector<index_t> ry(static_cast<std::size_t>(n));
        for (index_t r = 0; r < n; ++r)
            ry[static_cast<std::size_t>(r)] = rank_y_[order_x_[static_cast<std::size_t>(r)]];
        // Bin of every y-rank (g < 2^16 since g <= sqrt(2n)); x-ranks are
        // walked bin by bin, so neither needs Bins::of per point.
        std::vector<std::uint16_t> ybin(static_cast<std::size_t>(n));
        auto for_each_point = [&](auto&& fn) {
            for (index_t a = 0; a < gr.g; ++a) {
                const index_t r1 = gr.bins.first[static_cast<std::size_t>(a) + 1];
                for (index_t r = gr.bins.first[static_cast<std::size_t>(a)]; r < r1; ++r) {
                    const index_t yr = ry[static_cast<std::size_t>(r)];
                    fn(r, yr, gr.slot(a, ybin[static_cast<std::size_t>(yr)]));
                }
            }
        };
        for (int attempt = 0;; ++attempt) {
            gr.g = g;
            gr.bins.set(g, n);
            for (index_t b = 0; b < g; ++b)
                std::fill(ybin.begin() + gr.bins.first[static_cast<std::size_t>(b)], ybin.begin() + gr.bins.first[static_cast<std::size_t>(b) + 1],
                          static_cast<std::uint16_t>(b));
            gr.tiles = (g + Grid::kTile - 1) / Grid::kTile;
            const std::size_t n_cells = gr.n_slots();
            gr.off.assign(n_cells + 1, 0);
            for_each_point([&](index_t, index_t, std::size_t c) { ++gr.off[c + 1]; });
            // Mean occupancy of the cell a random point sits in.
            double sq = 0.0;
            for (std::size_t c = 1; c <= n_cells; ++c) sq += static_cast<double>(gr.off[c]) * gr.off[c];
            const double seen = sq / n;
            if (attempt > 0 || g >= g_max || seen <= 3.0 * per_cell) break;
            g = std::min(g_max, static_cast<index_t>(g * std::sqrt(seen / per_cell)));
        }
        const std::size_t n_cells = gr.n_slots();
        for (std::size_t c = 0; c < n_cells; ++c) gr.off[c + 1] += gr.off[c];
        gr.pts.resize(static_cast<std::size_t>(n));
        if (with_ids) gr.ids.resize(static_cast<std::size_t>(n));
        gr.rx.resize(static_cast<std::size_t>(n));
        gr.ry.resize(static_cast<std::size_t>(n));
        {
            std::vector<index_t> fill(gr.off.begin(), gr.off.end() - 1);
            // The cell is recomputed rather than stored: n fewer ints held.
            for_each_point([&](index_t r, index_t yr, std::size_t c) {
                const index_t t = fill[c]++;
                gr.pts[static_cast<std::size_t>(t)] = {xs_[static_cast<std::size_t>(r)], ys_[yr]};
                if (with_ids) gr.ids[static_cast<std::size_t>(t)] = order_x_[static_cast<std::size_t>(r)];
                gr.rx[static_cast<std::size_t>(t)] = r;
                gr.ry[static_cast<std::size_t>(t)] = yr;
            });
        }
        gr.xlo.resize(static_cast<std::size_t>(gr.g));
        gr.xhi.resize(static_cast<std::size_t>(gr.g));
        gr.ylo.resize(static_cast<std::size_t>(gr.g));
        gr.yhi.resize(static_cast<std::size_t>(gr.g));
        for (index_t b = 0; b < gr.g; ++b) {
            const index_t first = gr.bins.first[static_cast<std::size_t>(b)];
            const index_t last = gr.bins.first[static_cast<std::size_t>(b) + 1] - 1;
            gr.xlo[static_cast<std::size_t>(b)] = xs_[static_cast<std::size_t>(first)];
            gr.xhi[static_cast<std::size_t>(b)] = xs_[static_cast<std::size_t>(last)];
            gr.ylo[static_cast<std::size_t>(b)] = ys_[first];
            gr.yhi[static_cast<std::size_t>(b)] = ys_[last];
        }
    }

    // The constants of the pointwise KSG term.
    struct Terms {
        const PsiTable& psi;
        double psi_k, psi_n, inv_k;
    };

    // A query point: its cell-order position, ranks, cell, row and coordinates.
    struct Query {
        index_t p, rx, ry, cx, cy, self;
        double qx, qy;
    };

    INFOKIT_INLINE Query query(const Grid& gr, index_t p) const {
        Query q;
        q.p = p;
        q.rx = gr.rx[static_cast<std::size_t>(p)];
        q.ry = gr.ry[static_cast<std::size_t>(p)];
        q.cx = gr.bins.of(q.rx);
        q.cy = gr.bins.of(q.ry);
        q.self = gr.ids.empty() ? index_t{-1} : gr.ids[static_cast<std::size_t>(p)];
        q.qx = gr.pts[static_cast<std::size_t>(p)].x;
        q.qy = gr.pts[static_cast<std::size_t>(p)].y;
        return q;
    }

    // Visit rings r >= r_first of cells around the query's cell, skipping any
    // cell whose box is at least worst() away, until everything outside the
    // visited block is at least worst() away. worst() may shrink after each
    // scan(a, c).
    template <class Worst, class Scan>
    static void search_rings(const Grid& gr, const Query& q, index_t r_first, Worst worst, Scan scan) {
        constexpr double inf = std::numeric_limits<double>::infinity();
        const index_t G = gr.g, cx = q.cx, cy = q.cy;
        const double* xlo = gr.xlo.data();
        const double* xhi = gr.xhi.data();
        const double* ylo = gr.ylo.data();
        const double* yhi = gr.yhi.data();
        // Lower bounds on the distance from the query to any point of bin a (x) / c (y).
        auto gap_x = [&](index_t a) { return a < cx ? q.qx - xhi[a] : (a > cx ? xlo[a] - q.qx : 0.0); };
        auto gap_y = [&](index_t c) { return c < cy ? q.qy - yhi[c] : (c > cy ? ylo[c] - q.qy : 0.0); };
        for (index_t r = r_first;; ++r) {
            // Distance to anything outside the block of rings < r.
            double bound = inf;
            if (cx - r >= 0) bound = std::min(bound, gap_x(cx - r));
            if (cx + r < G) bound = std::min(bound, gap_x(cx + r));
            if (cy - r >= 0) bound = std::min(bound, gap_y(cy - r));
            if (cy + r < G) bound = std::min(bound, gap_y(cy + r));
            if (bound == inf || worst() <= bound) break;
            const index_t a0 = std::max<index_t>(cx - r, 0), a1 = std::min<index_t>(cx + r, G - 1);
            const index_t c0 = std::max<index_t>(cy - r + 1, 0), c1 = std::min<index_t>(cy + r - 1, G - 1);
            for (int side = 0; side < 2; ++side) {
                const index_t c = side == 0 ? cy - r : cy + r;
                if (c < 0 || c >= G) continue;
                const double gy = gap_y(c);
                if (!(gy < worst())) continue;
                for (index_t a = a0; a <= a1; ++a)
                    if (std::max(gap_x(a), gy) < worst()) scan(a, c);
            }
            for (int side = 0; side < 2; ++side) {
                const index_t a = side == 0 ? cx - r : cx + r;
                if (a < 0 || a >= G) continue;
                const double gx = gap_x(a);
                if (!(gx < worst())) continue;
                for (index_t c = c0; c <= c1; ++c)
                    if (std::max(gx, gap_y(c)) < worst()) scan(a, c);
            }
        }
    }

    // The 3 x 3 block of cells around the query's cell, as three runs of
    // cells contiguous in storage (the cells of a row within one tile): far
    // fewer short, mispredicted loops than nine cell scans.
    template <class ScanRange>
    static void scan_block3(const Grid& gr, const Query& q, ScanRange scan_range) {
        const index_t G = gr.g;
        const index_t* off = gr.off.data();
        const index_t a0 = std::max<index_t>(q.cx - 1, 0), a1 = std::min<index_t>(q.cx + 1, G - 1);
        const index_t c0 = std::max<index_t>(q.cy - 1, 0), c1 = std::min<index_t>(q.cy + 1, G - 1);
        for (index_t a = a0; a <= a1; ++a) {
            for (index_t c = c0; c <= c1;) {
                const index_t ce = std::min<index_t>(c1, c | (Grid::kTile - 1));
                scan_range(off[gr.slot(a, c)], off[gr.slot(a, ce) + 1]);
                c = ce + 1;
            }
        }
    }

    // Compile-time k for the usual small values. KSG-1 without a Theiler
    // window (the common case, and scikit-learn's) needs only the k-th
    // distance: the two-lane search of infokit/knn_kth2d.hpp.
    template <int Mode, bool UseTheiler, class... A>
    void run_block_k(const Grid& gr, std::ptrdiff_t b, std::ptrdiff_t e, int k, A&&... a) const {
        using namespace pair1d_detail;
        if constexpr (Mode == 1 && !UseTheiler) {
            switch (k) {
                case 1: return run_block_ksg1<2>(gr, b, e, a...);
                case 2: return run_block_ksg1<3>(gr, b, e, a...);
                case 3: return run_block_ksg1<4>(gr, b, e, a...);
                case 4: return run_block_ksg1<5>(gr, b, e, a...);
                case 5: return run_block_ksg1<6>(gr, b, e, a...);
                case 6: return run_block_ksg1<7>(gr, b, e, a...);
                case 7: return run_block_ksg1<8>(gr, b, e, a...);
                case 8: return run_block_ksg1<9>(gr, b, e, a...);
                default: return run_block<Mode, UseTheiler, SmallBest>(gr, b, e, k, a...);
            }
        } else {
            switch (k) {
                case 1: return run_block<Mode, UseTheiler, FixedBest<1>>(gr, b, e, k, a...);
                case 2: return run_block<Mode, UseTheiler, FixedBest<2>>(gr, b, e, k, a...);
                case 3: return run_block<Mode, UseTheiler, FixedBest<3>>(gr, b, e, k, a...);
                case 4: return run_block<Mode, UseTheiler, FixedBest<4>>(gr, b, e, k, a...);
                case 5: return run_block<Mode, UseTheiler, FixedBest<5>>(gr, b, e, k, a...);
                case 6: return run_block<Mode, UseTheiler, FixedBest<6>>(gr, b, e, k, a...);
                default: return run_block<Mode, UseTheiler, SmallBest>(gr, b, e, k, a...);
            }
        }
    }

    // KSG-1, no Theiler window: S = k + 1 smallest distances, the query's own 0 included.
    template <int S>
    void run_block_ksg1(const Grid& gr, std::ptrdiff_t b, std::ptrdiff_t e, index_t, const Terms& terms, double* locals, double& sum,
                        std::int64_t& nz) const {
        const Pt* pts = gr.pts.data();
        const index_t* off = gr.off.data();
        Kth2D<S> best;
        // The 3 x 3 block around a cell is the same for all the cell's
        // queries: it is gathered once into two padded coordinate arrays
        // (far-away filler points), and each query scans them in one loop.
        std::vector<double> bx, by;
        std::int64_t block_len = 0;
        // Queries run in storage order, so their cell is found by walking the
        // cell offsets (no rank -> bin arithmetic per query).
        std::size_t cell = 0;
        bool have_block = false;
        index_t cx = 0, cy = 0;
        // Searches first, then counts, a batch at a time: a batch's count
        // lookups are short and independent, so the CPU overlaps their cache
        // misses, where a search between every two of them would not.
        Query qs[kBatch];
        double rho[kBatch];
        for (std::ptrdiff_t p0 = b; p0 < e; p0 += kBatch) {
            const std::ptrdiff_t p1 = std::min(e, p0 + kBatch);
            for (std::ptrdiff_t pp = p0; pp < p1; ++pp) {
                const index_t p = static_cast<index_t>(pp);
                Query& q = qs[pp - p0];
                q.p = p;
                q.rx = gr.rx[static_cast<std::size_t>(p)];
                q.ry = gr.ry[static_cast<std::size_t>(p)];
                q.self = gr.ids.empty() ? index_t{-1} : gr.ids[static_cast<std::size_t>(p)];
                q.qx = pts[p].x;
                q.qy = pts[p].y;
                if (!have_block || off[cell + 1] <= p) {
                    if (have_block) {
                        while (off[cell + 1] <= p) ++cell;
                    } else {  // the first query of this range: off[cell] <= p < off[cell + 1]
                        cell = static_cast<std::size_t>(std::upper_bound(off, off + gr.n_slots() + 1, p) - off) - 1;
                        have_block = true;
                    }
                    gr.cell_of(cell, cx, cy);
                    q.cx = cx;
                    q.cy = cy;
                    std::int64_t len = 0;
                    scan_block3(gr, q, [&](index_t t0, index_t t1) { len += t1 - t0; });
                    const std::size_t padded = static_cast<std::size_t>((len + Kth2D<S>::kStep - 1) / Kth2D<S>::kStep * Kth2D<S>::kStep);
                    bx.resize(padded);
                    by.resize(padded);
                    std::size_t at = 0;
                    scan_block3(gr, q, [&](index_t t0, index_t t1) {
                        for (index_t t = t0; t < t1; ++t, ++at) {
                            bx[at] = pts[t].x;
                            by[at] = pts[t].y;
                        }
                    });
                    for (; at < padded; ++at) bx[at] = by[at] = std::numeric_limits<double>::infinity();
                    block_len = len;
                }
                q.cx = cx;
                q.cy = cy;
                best.reset(q.qx, q.qy);
                best.scan_padded(bx.data(), by.data(), block_len);
                double w = best.worst();
                search_rings(
                    gr, q, 2, [&] { return w; },
                    [&](index_t a, index_t c) {
                        const std::size_t ring_cell = gr.slot(a, c);
                        best.scan(pts, off[ring_cell], off[ring_cell + 1]);
                        w = best.worst();
                    });
                rho[pp - p0] = w;
            }
            finish_batch_ksg1(qs, rho, static_cast<int>(p1 - p0), terms, locals, sum, nz);
        }
    }

    template <int Mode, bool UseTheiler, class Best>
    void run_block(const Grid& gr, std::ptrdiff_t b, std::ptrdiff_t e, int k, index_t theiler, const Terms& terms, double* locals, double& sum,
                   std::int64_t& nz) const {
        using namespace pair1d_detail;
        const Pt* pts = gr.pts.data();
        const index_t* off = gr.off.data();
        const index_t* ids = gr.ids.data();
        Best best = make_best<Best>(k);
        for (std::ptrdiff_t pp = b; pp < e; ++pp) {
            const Query q = query(gr, static_cast<index_t>(pp));
            const index_t p = q.p, self = q.self;
            const double qx = q.qx, qy = q.qy;
            best.reset();
            auto scan_range = [&](index_t t0, index_t t_end) {
                double w = best.worst();
                for (index_t t = t0; t < t_end; ++t) {
                    if (t == p) continue;
                    if (UseTheiler) {
                        const std::int64_t gap = static_cast<std::int64_t>(ids[t]) - self;
                        if (gap <= theiler && -gap <= theiler) continue;
                    }
                    const double dx = std::fabs(pts[t].x - qx);
                    const double dy = std::fabs(pts[t].y - qy);
                    const double d = dx > dy ? dx : dy;
                    if (is_fixed<Best>::value) {
                        best.push(d, t);
                    } else if (d < w) {
                        best.push(d, t);
                        w = best.worst();
                    }
                }
            };
            index_t r_first = 1;
            if (Mode == 1) {
                // Only the k-th distance matters, not the order candidates arrive in.
                scan_block3(gr, q, scan_range);
                r_first = 2;
            } else {
                const std::size_t cell = gr.slot(q.cx, q.cy);
                scan_range(off[cell], off[cell + 1]);
            }
            search_rings(
                gr, q, r_first, [&] { return best.worst(); },
                [&](index_t a, index_t c) {
                    const std::size_t cell = gr.slot(a, c);
                    scan_range(off[cell], off[cell + 1]);
                });
            double rad_x, rad_y;
            const double rho = best.worst();
            if (Mode == 1) {
                rad_x = rad_y = rho;
            } else {
                rad_x = rad_y = 0.0;
                for (int j = 0; j < k; ++j) {
                    const index_t at = best.pos[static_cast<std::size_t>(j)];
                    if (at < 0) {  // fewer than k finite distances (trusted input makes this unreachable)
                        rad_x = rad_y = std::numeric_limits<double>::infinity();
                        break;
                    }
                    const Pt& nb = pts[at];
                    const double ax = std::fabs(nb.x - qx), ay = std::fabs(nb.y - qy);
                    if (ax > rad_x) rad_x = ax;
                    if (ay > rad_y) rad_y = ay;
                }
            }
            finish<Mode, UseTheiler>(q, rho, rad_x, rad_y, theiler, terms, locals, sum, nz);
        }
    }

    static constexpr int kFixedSteps = 3;
    static constexpr int kBatch = 32;  // queries per batch on the KSG-1 path

    // One bisection step of a count lane: an up lane (Down false) advances
    // while v[j] is inside the radius, a down lane while it is outside;
    // arithmetic instead of branches (the outcome is random). An exhausted
    // lane (len 0) stays put.
    template <bool Down, bool Strict>
    static INFOKIT_INLINE void lane_step(const double* v, index_t n, double q, double rad, index_t& lo, index_t& len) {
        using pair1d_detail::within;
        const index_t h = len >> 1;
        const index_t j = lo + h;
        const double val = v[j < n ? j : n - 1];
        const bool inside = Down ? within<Strict>(q - val, rad) : within<Strict>(val - q, rad);
        const index_t adv = static_cast<index_t>(len > 0) & static_cast<index_t>(Down ? !inside : inside);
        lo += (h + 1) * adv;
        len = h + ((len & 1) - 1) * adv;
    }

    // The four lanes of one query (x up, x down, y up, y down) in lockstep,
    // branch-free, so their memory latencies overlap. A fixed number of steps
    // first (a window of up to 2^kFixedSteps - 1 ranks, the usual case, is
    // then settled): a loop whose trip count varies from query to query
    // mispredicts its exit every time. Lanes are separate references, not an
    // array, so they stay in registers.
    template <bool Strict>
    static INFOKIT_INLINE void settle_lanes(const double* xs, const double* ys, index_t n, double qx, double qy, double rad_x, double rad_y,
                                            index_t& lo0, index_t& len0, index_t& lo1, index_t& len1, index_t& lo2, index_t& len2,
                                            index_t& lo3, index_t& len3) {
        auto step = [&] {
            lane_step<false, Strict>(xs, n, qx, rad_x, lo0, len0);
            lane_step<true, Strict>(xs, n, qx, rad_x, lo1, len1);
            lane_step<false, Strict>(ys, n, qy, rad_y, lo2, len2);
            lane_step<true, Strict>(ys, n, qy, rad_y, lo3, len3);
        };
        for (int it = 0; it < kFixedSteps; ++it) step();
        while ((len0 | len1 | len2 | len3) > 0) step();
    }

    // The window [lo, lo + len] of a lane (ranks a .. e on one side of the
    // query) from the lookup bucket of its boundary value; two probes confirm
    // that it brackets the boundary (the predicate is monotone), otherwise the
    // lane searches the whole side. The lookup only narrows: it never decides.
    template <bool Down, bool Strict>
    static INFOKIT_INLINE void lane_window(const RankLookup& look, const double* v, double q, double rad, index_t a, index_t e, index_t& lo, index_t& len) {
        look.window(Down ? q - rad : q + rad, a, e, lo, len);
        lane_confirm<Down, Strict>(v, q, rad, a, e, lo, len);
    }

    template <bool Down, bool Strict>
    static INFOKIT_INLINE void lane_confirm(const double* v, double q, double rad, index_t a, index_t e, index_t& lo, index_t& len) {
        using pair1d_detail::within;
        auto advance = [&](index_t j) { return Down ? !within<Strict>(q - v[j], rad) : within<Strict>(v[j] - q, rad); };
        if (!((lo == a || advance(lo - 1)) && (lo + len == e || !advance(lo + len)))) {
            lo = a;
            len = e - a;
        }
    }

    // The counts and terms of a batch of KSG-1 queries (no Theiler window),
    // in sweeps over the batch so that the memory accesses of different
    // queries overlap: the lookup buckets of all four boundaries (their
    // entries prefetched), the windows (their values prefetched), then the
    // bisections. The same counts and the same operations per term as
    // finish<1, false>.
    void finish_batch_ksg1(const Query* qs, const double* rho, int m, const Terms& terms, double* locals, double& sum, std::int64_t& nz) const {
        const index_t n = n_;
        const double* xs = xs_.data();
        const double* ys = ys_;
        const RankLookup& lx = look_x_;
        const RankLookup& ly = ym_->look;
        std::size_t slot[4][kBatch];
        for (int i = 0; i < m; ++i) {
            const double r = rho[i];
            slot[0][i] = lx.slot(qs[i].qx + r);
            slot[1][i] = lx.slot(qs[i].qx - r);
            slot[2][i] = ly.slot(qs[i].qy + r);
            slot[3][i] = ly.slot(qs[i].qy - r);
            INFOKIT_PREFETCH(lx.slot_address(slot[0][i]));
            INFOKIT_PREFETCH(lx.slot_address(slot[1][i]));
            INFOKIT_PREFETCH(ly.slot_address(slot[2][i]));
            INFOKIT_PREFETCH(ly.slot_address(slot[3][i]));
        }
        index_t lo[4][kBatch], len[4][kBatch];
        for (int i = 0; i < m; ++i) {
            const Query& q = qs[i];
            lx.window_of(slot[0][i], q.rx + 1, n, lo[0][i], len[0][i]);
            lx.window_of(slot[1][i], 0, q.rx, lo[1][i], len[1][i]);
            ly.window_of(slot[2][i], q.ry + 1, n, lo[2][i], len[2][i]);
            ly.window_of(slot[3][i], 0, q.ry, lo[3][i], len[3][i]);
            INFOKIT_PREFETCH(xs + lo[0][i]);
            INFOKIT_PREFETCH(xs + lo[1][i]);
            INFOKIT_PREFETCH(ys + lo[2][i]);
            INFOKIT_PREFETCH(ys + lo[3][i]);
        }
        for (int i = 0; i < m; ++i) {
            const Query& q = qs[i];
            const double qx = q.qx, qy = q.qy, r = rho[i];
            index_t lo0 = lo[0][i], lo1 = lo[1][i], lo2 = lo[2][i], lo3 = lo[3][i];
            index_t len0 = len[0][i], len1 = len[1][i], len2 = len[2][i], len3 = len[3][i];
            lane_confirm<false, true>(xs, qx, r, q.rx + 1, n, lo0, len0);
            lane_confirm<true, true>(xs, qx, r, 0, q.rx, lo1, len1);
            lane_confirm<false, true>(ys, qy, r, q.ry + 1, n, lo2, len2);
            lane_confirm<true, true>(ys, qy, r, 0, q.ry, lo3, len3);
            settle_lanes<true>(xs, ys, n, qx, qy, r, r, lo0, len0, lo1, len1, lo2, len2, lo3, len3);
            nz += (r == 0.0);
            // psi(n_x + 1), n_x = lo0 - lo1 - 1 (and likewise y): as in finish().
            double local = terms.psi_k + 1 * terms.psi_n;
            local -= terms.psi(lo0 - lo1);
            local -= terms.psi(lo2 - lo3);
            if (locals) locals[q.self] = local;
            sum += local;
        }
    }

    // Marginal counts and the pointwise term of one query. Each count is a
    // boundary in a sorted marginal on one side of the query's rank, decided
    // by the very subtraction that produced the radius (PARITY 17): x above
    // and below the query's rank, y likewise. The four bisections run in
    // lockstep, branch-free, so their memory latencies overlap.
    template <int Mode, bool UseTheiler>
    INFOKIT_INLINE void finish(const Query& q, double rho, double rad_x, double rad_y, index_t theiler, const Terms& terms, double* locals, double& sum,
                std::int64_t& nz) const {
        constexpr bool Strict = Mode == 1;
        const index_t n = n_;
        const double* xs = xs_.data();
        const double* ys = ys_;
        const double qx = q.qx, qy = q.qy;
        nz += (rho == 0.0);
        index_t lo0, lo1, lo2, lo3, len0, len1, len2, len3;
        lane_window<false, Strict>(look_x_, xs, qx, rad_x, q.rx + 1, n, lo0, len0);
        lane_window<true, Strict>(look_x_, xs, qx, rad_x, 0, q.rx, lo1, len1);
        lane_window<false, Strict>(ym_->look, ys, qy, rad_y, q.ry + 1, n, lo2, len2);
        lane_window<true, Strict>(ym_->look, ys, qy, rad_y, 0, q.ry, lo3, len3);
        settle_lanes<Strict>(xs, ys, n, qx, qy, rad_x, rad_y, lo0, len0, lo1, len1, lo2, len2, lo3, len3);
        index_t cnt_x = lo0 - lo1 - 1, cnt_y = lo2 - lo3 - 1;
        if (UseTheiler) {
            const index_t self = q.self;
            const index_t lo = std::max<index_t>(0, self - theiler);
            const index_t hi = static_cast<index_t>(std::min<std::int64_t>(static_cast<std::int64_t>(n) - 1, static_cast<std::int64_t>(self) + theiler));
            for (index_t j = lo; j <= hi; ++j) {
                if (j == self) continue;
                const double ax = std::fabs(x_[j * sx_] - qx);
                const double ay = std::fabs(ys[rank_y_[j]] - qy);
                cnt_x -= Strict ? (ax < rad_x) : (ax <= rad_x);
                cnt_y -= Strict ? (ay < rad_y) : (ay <= rad_y);
            }
        }
        // Same operation order as KsgEngine::run (S = 2 count spaces).
        double local;
        if (Mode == 1) {
            local = terms.psi_k + 1 * terms.psi_n;
            local -= terms.psi(cnt_x + 1);
            local -= terms.psi(cnt_y + 1);
        } else {
            local = terms.psi_k - 1 * terms.inv_k + 1 * terms.psi_n;
            local -= terms.psi(cnt_x);
            local -= terms.psi(cnt_y);
        }
        if (locals) locals[q.self] = local;
        sum += local;
    }

    void sort_x(const double* x, std::ptrdiff_t sx, index_t n) {
        n_ = n;
        x_ = x;
        sx_ = sx;
        xs_.resize(static_cast<std::size_t>(n));
        order_x_.resize(static_cast<std::size_t>(n));
        argsort_values(x, sx, n, xs_.data(), order_x_.data());
        look_x_.build(xs_.data(), n, Marginal1D::kRanksPerBucket);
    }

    void set_y(std::shared_ptr<const Marginal1D> y) {
        ym_ = std::move(y);
        ys_ = ym_->vals.data();
        rank_y_ = ym_->rank.data();  // borrowed until permute_y needs a private copy
    }

    index_t n_ = 0;
    const double* x_ = nullptr;
    std::ptrdiff_t sx_ = 1;
    std::vector<double> xs_;
    RankLookup look_x_;
    std::vector<index_t> order_x_, permuted_rank_y_;
    const index_t* rank_y_ = nullptr;
    std::shared_ptr<const Marginal1D> ym_;
    const double* ys_ = nullptr;
};

}  // namespace infokit
