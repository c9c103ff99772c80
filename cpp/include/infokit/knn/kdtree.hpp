// infokit/knn/kdtree.hpp — an exact KD-tree for k-nearest-neighbour searches
// and box counts, built for the kNN information estimators (knn/engine.hpp).
//
// Layout: points are copied once into a row-major buffer and reordered in place
// while the tree is built (quickselect on rows), so every node owns a contiguous
// range of rows and a leaf's points sit next to each other in memory. Nodes are
// stored in one vector in depth-first order with tight bounding boxes.
//
// Searches:
//  * knn<Metric>: max-norm (chebyshev) or Euclidean k nearest neighbours, with
//    exclusion of the query itself and of a Theiler window |id - self| <= w;
//    branches are visited nearest first and pruned against the current k-th
//    distance; point distances abort as soon as they pass it.
//  * count_box: number of points p with |p_c - q_c| < r_c (or <=) for every
//    coordinate c; nodes whose box lies entirely inside add their size without
//    visiting points.
//
// The inner loops (point distances, box gaps, box-vs-radius tests) live in
// knn/kdtree_simd.hpp: two coordinates per SSE2 instruction, same bits as
// the scalar form. Node boxes are stored lo[0..d) hi[0..d) contiguously.
//
// Every distance is computed by the same subtraction fabs(p_c - q_c) (and box
// bounds by lo_c - q_c, q_c - hi_c, which bound it monotonically: rounding is
// monotone), so a count made with a radius taken from a kNN search compares
// each point with exactly the value that produced the radius, and a point at
// the radius is never miscounted by rounding.
//
// Trust contract: finite values; d >= 1 columns of m < 2^31 rows, each Column
// valid for every row id it is asked for; k <= the candidates left after the
// exclusions (otherwise unfilled slots keep +inf); the tree depth (about
// log2(m / leaf_size) + 1) below 128, the size of the search stacks. Checked in
// Python (infokit.estimate._samples, infokit.estimate._knn_core).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "infokit/core/config.hpp"
#include "infokit/knn/common.hpp"
#include "infokit/knn/kbest.hpp"
#include "infokit/knn/kdtree_simd.hpp"
#include "infokit/knn/terms.hpp"

namespace infokit {

class KDTree {
  public:
    KDTree() = default;

    // Build over the rows `rows[0..m)` (original ids) of `cols`; rows == nullptr
    // means rows 0..m-1. keep_ids = false frees the position -> id map after
    // the build (4 bytes per point) for trees that only count (id() is then
    // unavailable).
    void build(const std::vector<Column>& cols, const index_t* rows, index_t m, int leaf_size = 16, bool keep_ids = true) {
        dim_ = static_cast<int>(cols.size());
        n_ = m;
        leaf_size_ = std::max(1, leaf_size);
        const std::size_t d = static_cast<std::size_t>(dim_);
        pts_.assign(static_cast<std::size_t>(m) * d, 0.0);
        ids_.resize(static_cast<std::size_t>(m));
        for (index_t t = 0; t < m; ++t) {
            const index_t r = rows ? rows[t] : t;
            ids_[static_cast<std::size_t>(t)] = r;
            for (std::size_t c = 0; c < d; ++c) pts_[static_cast<std::size_t>(t) * d + c] = cols[c][r];
        }
        nodes_.clear();
        box_.clear();
        const std::size_t expect = 2 * static_cast<std::size_t>(m / leaf_size_ + 1);
        nodes_.reserve(expect);
        box_.reserve(expect * 2 * d);
        if (m > 0) build_node(0, m);
        if (!keep_ids) std::vector<index_t>().swap(ids_);
    }

    int dim() const { return dim_; }
    index_t size() const { return n_; }
    const double* point(index_t pos) const { return &pts_[static_cast<std::size_t>(pos) * static_cast<std::size_t>(dim_)]; }
    index_t id(index_t pos) const { return ids_[static_cast<std::size_t>(pos)]; }

    // k nearest neighbours of q among the tree's points, skipping ids with
    // |id - self| <= theiler (self < 0: skip nothing). Chebyshev distances are
    // plain; Euclidean ones are squared in `best`. DIM > 0 fixes the dimension
    // at compile time (must equal dim()).
    template <Metric M, int DIM = 0>
    void knn(const double* q, index_t self, index_t theiler, KBest& best) const {
        if (n_ == 0) return;
        if (self < 0) search_from<M, DIM, 0>(0, 0.0, q, -1, 0, best);
        else search_from<M, DIM, 2>(0, 0.0, q, self, theiler, best);
    }

    // The same for the tree's own point at position `pos`, searched bottom-up:
    // its leaf first, then the sibling of each ancestor that can still hold a
    // closer point. Skips the top-down descent that every query would repeat,
    // and the first leaf seeds a tight k-th distance bound.
    template <Metric M, int DIM = 0>
    void knn_self(index_t pos, index_t theiler, KBest& best) const {
        if (theiler <= 0) knn_self_impl<M, DIM, 1>(pos, theiler, best);
        else knn_self_impl<M, DIM, 2>(pos, theiler, best);
    }

    // Number of points with |p_c - q_c| < r_c for all c (<= when !strict).
    // DIM > 0 fixes the dimension at compile time (must equal dim()).
    template <int DIM = 0>
    index_t count_box(const double* q, const double* r, bool strict) const {
        return strict ? count_box_impl<true, DIM>(q, r) : count_box_impl<false, DIM>(q, r);
    }

  private:
    struct Node {
        index_t begin, end, left, right;  // leaf when left < 0
    };

    // Bounding box of a node: lo[0..d) then hi[0..d), contiguous.
    const double* box(index_t node) const { return &box_[static_cast<std::size_t>(node) * 2 * static_cast<std::size_t>(dim_)]; }

    template <Metric M, int DIM, int Excl>
    void knn_self_impl(index_t pos, index_t theiler, KBest& best) const {
        // With a compile-time dimension the query is copied to the stack:
        // the compiler then keeps it in registers instead of reloading it
        // for every candidate (it may not assume pts_ leaves it unchanged).
        double qcopy[DIM > 0 ? DIM : 1];
        const double* q = point(pos);
        if (DIM > 0) {
            for (int c = 0; c < DIM; ++c) qcopy[c] = q[c];
            q = qcopy;
        }
        // Excl 1 skips the query's own position; Excl 2 a Theiler window of ids.
        const index_t self = Excl == 1 ? pos : ids_[static_cast<std::size_t>(pos)];
        index_t path[128];
        int depth = 0;
        index_t node = 0;
        while (nodes_[static_cast<std::size_t>(node)].left >= 0) {
            path[depth++] = node;
            const Node& nd = nodes_[static_cast<std::size_t>(node)];
            node = pos < nodes_[static_cast<std::size_t>(nd.left)].end ? nd.left : nd.right;
        }
        search_from<M, DIM, Excl>(node, 0.0, q, self, theiler, best);
        index_t child = node;
        for (int lv = depth - 1; lv >= 0; --lv) {
            const Node& nd = nodes_[static_cast<std::size_t>(path[lv])];
            const index_t sib = nd.left == child ? nd.right : nd.left;
            const double dist = box_dist<M, DIM>(sib, q);
            if (dist < best.worst()) search_from<M, DIM, Excl>(sib, dist, q, self, theiler, best);
            child = path[lv];
        }
    }

    // Excl: 0 no exclusion, 1 skip position `self`, 2 skip ids |id - self| <= theiler.
    template <Metric M, int DIM, int Excl>
    void search_from(index_t start, double start_dist, const double* q, index_t self, index_t theiler, KBest& best) const {
        struct Item {
            index_t node;
            double d;
        };
        Item stack[128];
        int top = 0;
        stack[top++] = {start, start_dist};
        const int d = DIM > 0 ? DIM : dim_;
        while (top > 0) {
            const Item it = stack[--top];
            double w = best.worst();
            if (it.d >= w) continue;
            const Node& nd = nodes_[static_cast<std::size_t>(it.node)];
            if (nd.left < 0) {
                const double* p = &pts_[static_cast<std::size_t>(nd.begin) * static_cast<std::size_t>(d)];
                for (index_t pos = nd.begin; pos < nd.end; ++pos, p += d) {
                    if (Excl == 1 && pos == self) continue;
                    if (Excl == 2 && in_theiler_window(ids_[static_cast<std::size_t>(pos)], self, theiler)) continue;
                    double dist = 0.0;
                    if (M == Metric::chebyshev) {
                        // No early exit: a data-dependent break mispredicts more
                        // than the few extra max operations cost.
                        dist = detail::cheb_dist<DIM>(p, q, d);
                    } else {
                        int c = 0;
                        for (; c < d; ++c) {
                            const double a = p[c] - q[c];
                            dist += a * a;
                            if (dist >= w) break;
                        }
                        if (c < d) continue;
                    }
                    if (dist < w) {
                        best.push(dist, pos);
                        w = best.worst();
                    }
                }
                continue;
            }
            const double dl = box_dist<M, DIM>(nd.left, q);
            const double dr = box_dist<M, DIM>(nd.right, q);
            // Push the farther child first so the nearer one is searched
            // first; conditional moves and pushes, not branches (the
            // outcomes are close to random from node to node).
            const bool left_first = dl <= dr;
            const Item first{left_first ? nd.left : nd.right, left_first ? dl : dr};
            const Item second{left_first ? nd.right : nd.left, left_first ? dr : dl};
            stack[top] = second;
            top += second.d < w;
            stack[top] = first;
            top += first.d < w;
        }
    }

    // Distance from q to a node's box. lo - q and q - hi bound p - q and q - p
    // from below (rounding is monotone), so pruning with it is exact.
    // Branch-free so the loop vectorises.
    template <Metric M, int DIM>
    double box_dist(index_t node, const double* q) const {
        const int d = DIM > 0 ? DIM : dim_;
        const double* lo = box(node);
        const double* hi = lo + d;
        if (M == Metric::chebyshev) return detail::cheb_box_gap<DIM>(lo, hi, q, d);
        double dist = 0.0;
        for (int c = 0; c < d; ++c) {
            const double a = lo[c] - q[c];
            const double b = q[c] - hi[c];
            double g = a > b ? a : b;
            g = g > 0.0 ? g : 0.0;
            if (M == Metric::chebyshev) dist = g > dist ? g : dist;
            else dist += g * g;
        }
        return dist;
    }

    template <bool Strict, int DIM>
    index_t count_box_impl(const double* q, const double* r) const {
        if (n_ == 0) return 0;
        const int d = DIM > 0 ? DIM : dim_;
        index_t count = 0;
        // Children are classified when their parent is visited, and the
        // outcome (out / all in / undecided) is applied without branches
        // (a conditional add and a conditional push): it is close to random
        // from node to node, so branches on it mispredicted at almost every
        // node. Only undecided nodes reach the stack.
        auto classify = [&](index_t node) {
            const double* lo = box(node);
            return detail::box_class<Strict, DIM>(lo, lo + d, q, r, d);
        };
        auto size = [&](index_t node) {
            const Node& nd = nodes_[static_cast<std::size_t>(node)];
            return nd.end - nd.begin;
        };
        index_t stack[128];
        int top = 0;
        {
            const int cls = classify(0);
            count += cls == 2 ? size(0) : 0;
            stack[top] = 0;
            top += cls == 1;
        }
        while (top > 0) {
            const Node& nd = nodes_[static_cast<std::size_t>(stack[--top])];
            if (nd.left < 0) {
                // Branch-free: about half the points of a boundary leaf are in.
                const double* p = &pts_[static_cast<std::size_t>(nd.begin) * static_cast<std::size_t>(d)];
                for (index_t pos = nd.begin; pos < nd.end; ++pos, p += d) {
                    count += detail::point_in<Strict, DIM>(p, q, r, d);
                }
                continue;
            }
            const int cr = classify(nd.right), cl = classify(nd.left);
            count += (cr == 2 ? size(nd.right) : 0) + (cl == 2 ? size(nd.left) : 0);
            stack[top] = nd.right;
            top += cr == 1;
            stack[top] = nd.left;
            top += cl == 1;
        }
        return count;
    }

    void swap_rows(index_t a, index_t b) {
        const std::size_t d = static_cast<std::size_t>(dim_);
        double* pa = &pts_[static_cast<std::size_t>(a) * d];
        double* pb = &pts_[static_cast<std::size_t>(b) * d];
        for (std::size_t c = 0; c < d; ++c) std::swap(pa[c], pb[c]);
        std::swap(ids_[static_cast<std::size_t>(a)], ids_[static_cast<std::size_t>(b)]);
    }

    double val(index_t row, int c) const { return pts_[static_cast<std::size_t>(row) * static_cast<std::size_t>(dim_) + static_cast<std::size_t>(c)]; }

    // Quickselect on rows: afterwards rows [b, nth) have column c <= row nth's
    // value <= rows (nth, e). Hoare partition copes with many equal keys.
    void select_rows(index_t b, index_t e, index_t nth, int c) {
        while (e - b > 2) {
            const index_t mid = b + (e - b) / 2;
            // median of three as pivot value
            double x0 = val(b, c), x1 = val(mid, c), x2 = val(e - 1, c);
            if (x0 > x1) std::swap(x0, x1);
            if (x1 > x2) std::swap(x1, x2);
            if (x0 > x1) std::swap(x0, x1);
            const double pivot = x1;
            index_t i = b, j = e - 1;
            while (i <= j) {
                while (val(i, c) < pivot) ++i;
                while (val(j, c) > pivot) --j;
                if (i <= j) {
                    if (i != j) swap_rows(i, j);
                    ++i;
                    --j;
                }
            }
            if (nth <= j) e = j + 1;
            else if (nth >= i) b = i;
            else return;
        }
        if (e - b == 2 && val(b, c) > val(b + 1, c)) swap_rows(b, b + 1);
    }

    index_t build_node(index_t b, index_t e) {
        const index_t node = static_cast<index_t>(nodes_.size());
        nodes_.push_back({b, e, -1, -1});
        const int d = dim_;
        const std::size_t at = box_.size();
        box_.resize(at + 2 * static_cast<std::size_t>(d));
        int split = 0;
        double widest = -1.0;
        for (int c = 0; c < d; ++c) {
            double lo = val(b, c), hi = lo;
            for (index_t t = b + 1; t < e; ++t) {
                const double v = val(t, c);
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
            box_[at + static_cast<std::size_t>(c)] = lo;
            box_[at + static_cast<std::size_t>(d + c)] = hi;
            if (hi - lo > widest) {
                widest = hi - lo;
                split = c;
            }
        }
        if (e - b <= leaf_size_) return node;
        // Split at the median row even when all values are equal: duplicate
        // points then still make a balanced tree (searches stay logarithmic).
        const index_t mid = b + (e - b) / 2;
        select_rows(b, e, mid, split);
        const index_t left = build_node(b, mid);
        const index_t right = build_node(mid, e);
        nodes_[static_cast<std::size_t>(node)].left = left;
        nodes_[static_cast<std::size_t>(node)].right = right;
        return node;
    }

    int dim_ = 0;
    index_t n_ = 0;
    int leaf_size_ = 16;
    std::vector<double> pts_;
    std::vector<index_t> ids_;
    std::vector<Node> nodes_;
    std::vector<double> box_;  // 2 * dim per node
};

}  // namespace infokit
