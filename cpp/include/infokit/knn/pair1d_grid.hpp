// infokit/knn/pair1d_grid.hpp — the joint k-NN search of the 1-D x 1-D KSG
// fast path (knn/pair1d.hpp): a G x G grid in RANK space over the points of
// one (x, y) pairing, and the ring search over its cells.
//
// Trust contract: the caller passes the sorted marginals of one pairing
// (PairView: both columns sorted, the row of each x-rank, the y-rank of each
// row, all of length n, 1 <= n < 2^31), finite values, and 1 <= k < n.
//
// Why rank space: the bin of a point is its x-rank * G / n (same for y), so
// every row and column of cells holds about n / G points whatever the
// marginal distributions (heavy tails, strong dependence); the grid gets finer
// when the occupancy seen by a typical point is high (dependent data crowd
// the diagonal). A bin's first and last sorted values bound the distance from
// a query to any point of the bin, computed by the same subtraction that gives
// point distances (rounding is monotone), so pruning never drops a neighbour.
// Points are stored in cell order (counting sort) with their coordinates and
// ranks contiguous, and queries run in that order, so a query's cells and its
// stretch of the sorted marginals are usually still in cache from the
// previous one. The search visits rings of cells around the query's cell,
// skipping any cell whose box is already farther than the current k-th
// distance, and stops once everything outside the visited block is at least
// that far.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "infokit/core/config.hpp"
#include "infokit/knn/common.hpp"
#include "infokit/knn/rank_lookup.hpp"

namespace infokit {
namespace detail {

struct Pt {
    double x, y;
};

// The sorted marginals of one (x, y) pairing, as the grid and the counts
// (knn/pair1d_count.hpp) read them. Borrowed pointers: the owner (Pair1D,
// Marginal1D) outlives every run.
struct PairView {
    index_t n;
    const double* xs;        // x values in ascending order
    const index_t* order_x;  // row of each x-rank
    const double* ys;        // y values in ascending order
    const index_t* rank_y;   // y-rank of each row (permuted by permutation tests)
    const RankLookup* look_x;
    const RankLookup* look_y;
    const double* x;  // x in row order, stride sx (Theiler corrections)
    std::ptrdiff_t sx;
};

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

// A query point: its cell-order position, ranks, cell, row and coordinates.
struct Query {
    index_t p, rx, ry, cx, cy, self;
    double qx, qy;
};

INFOKIT_INLINE Query query(const Grid& gr, index_t p) {
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

// with_ids: also store each point's row (for locals and Theiler windows).
inline void build_grid(const PairView& v, int k, Grid& gr, bool with_ids) {
    const index_t n = v.n;
    // About 2 + k/2 points per cell on average: a query then usually finds
    // its k neighbours within the 3 x 3 block around its cell.
    const double per_cell = 2.0 + 0.5 * k;
    const index_t g_max = static_cast<index_t>(std::max(1.0, std::floor(std::sqrt(2.0 * n))));
    index_t g = static_cast<index_t>(std::max(1.0, std::floor(std::sqrt(n / per_cell))));
    g = std::min(g, g_max);
    std::vector<index_t> ry(static_cast<std::size_t>(n));
    for (index_t r = 0; r < n; ++r)
        ry[static_cast<std::size_t>(r)] = v.rank_y[v.order_x[static_cast<std::size_t>(r)]];
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
            gr.pts[static_cast<std::size_t>(t)] = {v.xs[static_cast<std::size_t>(r)], v.ys[yr]};
            if (with_ids) gr.ids[static_cast<std::size_t>(t)] = v.order_x[static_cast<std::size_t>(r)];
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
        gr.xlo[static_cast<std::size_t>(b)] = v.xs[static_cast<std::size_t>(first)];
        gr.xhi[static_cast<std::size_t>(b)] = v.xs[static_cast<std::size_t>(last)];
        gr.ylo[static_cast<std::size_t>(b)] = v.ys[first];
        gr.yhi[static_cast<std::size_t>(b)] = v.ys[last];
    }
}

// Visit rings r >= r_first of cells around the query's cell, skipping any
// cell whose box is at least worst() away, until everything outside the
// visited block is at least worst() away. worst() may shrink after each
// scan(a, c).
template <class Worst, class Scan>
inline void search_rings(const Grid& gr, const Query& q, index_t r_first, Worst worst, Scan scan) {
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

// search_rings' stop test for its first ring r around one cell, with the
// bin edges of that ring read once per cell: most queries need no ring at
// all (their k neighbours lie in the block of rings < r), and for them the
// test alone decides, without a call or the per-side bounds checks. The
// same subtractions and minimum as search_rings (a missing side is an
// infinite edge, whose gap is +inf), so the decision is the same.
struct RingStop {
    double x_below, x_above, y_below, y_above;
    void set(const Grid& gr, index_t cx, index_t cy, index_t r) {
        constexpr double inf = std::numeric_limits<double>::infinity();
        const index_t G = gr.g;
        x_below = cx - r >= 0 ? gr.xhi[static_cast<std::size_t>(cx - r)] : -inf;
        x_above = cx + r < G ? gr.xlo[static_cast<std::size_t>(cx + r)] : inf;
        y_below = cy - r >= 0 ? gr.yhi[static_cast<std::size_t>(cy - r)] : -inf;
        y_above = cy + r < G ? gr.ylo[static_cast<std::size_t>(cy + r)] : inf;
    }
    // True when search_rings(gr, q, r, ...) with worst() == w would stop at once.
    INFOKIT_INLINE bool settled(double qx, double qy, double w) const {
        const double bound = std::min(std::min(qx - x_below, x_above - qx), std::min(qy - y_below, y_above - qy));
        return bound == std::numeric_limits<double>::infinity() || w <= bound;
    }
};

// The 3 x 3 block of cells around the query's cell, as three runs of
// cells contiguous in storage (the cells of a row within one tile): far
// fewer short, mispredicted loops than nine cell scans.
template <class ScanRange>
inline void scan_block3(const Grid& gr, const Query& q, ScanRange scan_range) {
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

}  // namespace detail
}  // namespace infokit
