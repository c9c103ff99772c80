// infokit/knn/engine.hpp — k-nearest-neighbour information estimators (KSG 1 and 2,
// total correlation, Frenzel–Pompe CMI and its KSG-2 form, GKOV, Ross mixed MI)
// and the radius searches behind Kozachenko–Leonenko entropy and
// Wang–Kulkarni–Verdú divergence.
//
// Structure of one estimate: a KD-tree over the joint space finds each point's
// k-th neighbour (max-norm); marginal "count spaces" then count points inside
// the radius. A one-column count space is a sorted copy of its values counted by
// two binary searches whose predicate is the very subtraction that produced the
// radius (|x_j - x_i| < rho via fabs(x_j - x_i)): a search for x_i + rho with
// nextafter fix-ups miscounts through rounding (x_i + rho is itself rounded),
// this predicate cannot. Wider spaces use a KD-tree box
// count. Marginal structures depend only on the SET of values, so a permutation
// test rebuilds only the joint tree (KsgEngine::set_group).
//
// One column against one column (KSG 1 and 2) has a faster path with the same
// counts: knn/pair1d.hpp (rank grid + sorted marginals). Both paths take
// their pointwise terms and Theiler test from knn/terms.hpp.
//
// Queries run in joint-tree order (neighbouring queries touch neighbouring
// memory) over fixed blocks; per-block sums are combined in block order, so the
// result is bit-identical for every thread count. Memory is O(n): no distance
// matrix and no stored neighbour lists.
//
// Trust contract: every group has n rows (1 <= n < 2^31) of finite values
// whose columns outlive the engine; 1 <= k < n minus the Theiler window; the
// count spaces match the mode (KSG: one per group; CMI: (xz, yz, z); GKOV:
// (x, y)); ross_mi's codes lie in [0, n_classes). Checked in Python
// (infokit.estimate._samples, infokit.estimate._knn_core).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "infokit/core/parallel.hpp"
#include "infokit/core/special.hpp"
#include "infokit/knn/common.hpp"
#include "infokit/knn/kbest.hpp"
#include "infokit/knn/kdtree.hpp"
#include "infokit/knn/terms.hpp"

namespace infokit {
namespace detail {

// Compile-time dimension for the common spaces (unrolled, vectorised loops).
template <Metric M>
inline void knn_self_dispatch(const KDTree& tree, index_t pos, index_t theiler, KBest& best) {
    switch (tree.dim()) {
        case 2: tree.knn_self<M, 2>(pos, theiler, best); break;
        case 3: tree.knn_self<M, 3>(pos, theiler, best); break;
        case 4: tree.knn_self<M, 4>(pos, theiler, best); break;
        case 6: tree.knn_self<M, 6>(pos, theiler, best); break;
        case 8: tree.knn_self<M, 8>(pos, theiler, best); break;
        default: tree.knn_self<M>(pos, theiler, best); break;
    }
}

template <Metric M>
inline void knn_dispatch(const KDTree& tree, const double* q, KBest& best) {
    switch (tree.dim()) {
        case 2: tree.knn<M, 2>(q, -1, 0, best); break;
        case 3: tree.knn<M, 3>(q, -1, 0, best); break;
        case 4: tree.knn<M, 4>(q, -1, 0, best); break;
        default: tree.knn<M>(q, -1, 0, best); break;
    }
}

// Sorted values of one column: strict / non-strict interval counts.
class Sorted1D {
  public:
    void build(const Column& col, index_t n) {
        v_.resize(static_cast<std::size_t>(n));
        for (index_t i = 0; i < n; ++i) v_[static_cast<std::size_t>(i)] = col[i];
        std::sort(v_.begin(), v_.end());
    }
    // #{j : |v_j - q| < r} (<= when !strict), computed as fabs(v_j - q) would be:
    // fl(q - v) = -fl(v - q), and both sides are monotone along the sorted array.
    index_t count(double q, double r, bool strict) const {
        const double* b = v_.data();
        const double* e = b + v_.size();
        const double *lo, *hi;
        if (strict) {
            lo = std::partition_point(b, e, [&](double v) { return !(q - v < r); });
            hi = std::partition_point(lo, e, [&](double v) { return v - q < r; });
        } else {
            lo = std::partition_point(b, e, [&](double v) { return !(q - v <= r); });
            hi = std::partition_point(lo, e, [&](double v) { return v - q <= r; });
        }
        return static_cast<index_t>(hi - lo);
    }

  private:
    std::vector<double> v_;
};

// A marginal space in which neighbours are counted: some of the joint columns
// (each tagged with the variable group whose radius applies to it).
class CountSpace {
  public:
    std::vector<Column> cols;
    std::vector<int> group;  // group of each column

    void build(index_t n) {
        if (cols.size() == 1) sorted_.build(cols[0], n);
        // Counts: bigger leaves measured faster (fewer box tests); no ids kept
        // (O(n) memory budget: counts never ask which point is which).
        else tree_.build(cols, nullptr, n, 32, false);
    }

    // #{j != i, |j - i| > theiler : |x_jc - x_ic| < radius[group c] for all c}
    // (<= when !strict); `drop_self` says whether to drop i itself from the
    // count. `at`: row i's coordinates in this space when the caller has them
    // at hand (a copy in the joint tree, next to the previous query's), which
    // saves reading row i of the input, a cache miss per count.
    index_t count(index_t i, const double* radius, bool strict, index_t theiler, index_t n, bool drop_self = true,
                  const double* at = nullptr) const {
        const int d = static_cast<int>(cols.size());
        auto coord = [&](int c) { return at ? at[c] : cols[static_cast<std::size_t>(c)][i]; };
        index_t total;
        if (d == 1) {
            total = sorted_.count(coord(0), radius[group[0]], strict);
        } else {
            // Query point and per-coordinate radii (stack buffer for the usual few dims).
            double buf[2 * 32];
            std::vector<double> heap;
            double* q = buf;
            if (d > 32) {
                heap.resize(2 * static_cast<std::size_t>(d));
                q = heap.data();
            }
            double* r = q + d;
            for (int c = 0; c < d; ++c) {
                q[c] = coord(c);
                r[c] = radius[group[static_cast<std::size_t>(c)]];
            }
            switch (d) {  // compile-time dimension for the usual marginals
                case 2: total = tree_.count_box<2>(q, r, strict); break;
                case 3: total = tree_.count_box<3>(q, r, strict); break;
                case 4: total = tree_.count_box<4>(q, r, strict); break;
                default: total = tree_.count_box(q, r, strict); break;
            }
        }
        auto inside = [&](index_t j) {
            for (int c = 0; c < d; ++c) {
                const double a = std::fabs(cols[static_cast<std::size_t>(c)][j] - cols[static_cast<std::size_t>(c)][i]);
                const double rc = radius[group[static_cast<std::size_t>(c)]];
                if (strict ? !(a < rc) : !(a <= rc)) return false;
            }
            return true;
        };
        if (drop_self) {
            // Row i against itself: |x - x| = 0 in every coordinate.
            bool self_in = true;
            for (int c = 0; c < d; ++c) {
                const double rc = radius[group[static_cast<std::size_t>(c)]];
                self_in = self_in && (strict ? 0.0 < rc : 0.0 <= rc);
            }
            total -= self_in;
        }
        if (theiler > 0) for_theiler_rows(i, theiler, n, [&](index_t j) { total -= inside(j); });
        return total;
    }

  private:
    Sorted1D sorted_;
    KDTree tree_;
};

}  // namespace detail

// One configured estimate. Variables ("groups") are sets of columns; the joint
// space is all of them; count spaces are unions of groups.
class KsgEngine {
  public:
    KsgEngine(index_t n, int k, index_t theiler, int mode) : n_(n), k_(k), theiler_(theiler), mode_(static_cast<KsgMode>(mode)) {}

    // Declare a group's columns (call once per group, in order).
    void add_group(const std::vector<Column>& cols) { groups_.push_back(cols); }
    // Declare a count space as a list of group indices (call after add_group).
    void add_space(const std::vector<int>& groups) {
        detail::CountSpace s;
        for (int g : groups)
            for (const Column& c : groups_[static_cast<std::size_t>(g)]) {
                s.cols.push_back(c);
                s.group.push_back(g);
            }
        spaces_.push_back(s);
        space_groups_.push_back(groups);
    }

    // Where each count space's columns sit among the joint columns (groups
    // concatenated in order), to read a query's coordinates off the joint tree.
    std::vector<std::vector<int>> joint_index() const {
        std::vector<int> offset(groups_.size() + 1, 0);
        for (std::size_t g = 0; g < groups_.size(); ++g) offset[g + 1] = offset[g] + static_cast<int>(groups_[g].size());
        std::vector<std::vector<int>> out;
        for (const std::vector<int>& gs : space_groups_) {
            std::vector<int> idx;
            for (int g : gs)
                for (int c = 0; c < static_cast<int>(groups_[static_cast<std::size_t>(g)].size()); ++c) idx.push_back(offset[static_cast<std::size_t>(g)] + c);
            out.push_back(idx);
        }
        return out;
    }
    // Build the marginal structures (once; they survive set_group).
    void prepare() {
        for (detail::CountSpace& s : spaces_) s.build(n_);
    }
    // Point a group at other columns holding a permutation of the same rows
    // (permutation tests): marginal structures stay valid, queries follow.
    void set_group(int g, const std::vector<Column>& cols) {
        groups_[static_cast<std::size_t>(g)] = cols;
        for (detail::CountSpace& s : spaces_) {
            std::size_t at = 0;
            for (std::size_t c = 0; c < s.cols.size(); ++c)
                if (s.group[c] == g) s.cols[c] = cols[at++];
        }
    }

    // Sum of the n pointwise estimates (mean = estimate) and how many points had
    // rho = 0; locals[i] receives point i's term when non-null.
    KnnSum run(int n_threads, double* locals) const {
        INFOKIT_ASSERT(static_cast<int>(mode_) >= static_cast<int>(KsgMode::ksg1) && static_cast<int>(mode_) <= static_cast<int>(KsgMode::gkov));
        INFOKIT_ASSERT(k_ >= 1 && !groups_.empty());
        std::vector<Column> joint;
        std::vector<int> joint_group;
        for (std::size_t g = 0; g < groups_.size(); ++g)
            for (const Column& c : groups_[g]) {
                joint.push_back(c);
                joint_group.push_back(static_cast<int>(g));
            }
        KDTree tree;
        // Leaves of 32: measured as fast as 16 in 3-D and ~10% faster in 8-D
        // (fewer box tests per point), with half the nodes and boxes. The
        // KSG-2 forms keep 16: their radii come from WHICH k neighbours are
        // found, and among tied distances that depends on the search order,
        // so their results stay those of earlier versions.
        const bool by_neighbours = mode_ == KsgMode::ksg2 || mode_ == KsgMode::cmi2;
        tree.build(joint, nullptr, n_, by_neighbours ? 16 : 32);
        const PsiTable psi(n_);
        const int D = tree.dim();
        const int G = static_cast<int>(groups_.size());
        const int S = static_cast<int>(spaces_.size());
        const KnnConsts terms(psi, k_, n_);
        // Count-space coordinates of a query, copied off its joint tree point.
        const std::vector<std::vector<int>> jidx = joint_index();
        std::vector<std::size_t> at_off(static_cast<std::size_t>(S) + 1, 0);
        for (int s = 0; s < S; ++s) at_off[static_cast<std::size_t>(s) + 1] = at_off[static_cast<std::size_t>(s)] + jidx[static_cast<std::size_t>(s)].size();
        const SumCount total = parallel_reduce_blocks<SumCount>(n_, 512, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e, SumCount& acc) {
            KBest best(k_);
            std::vector<double> radius(static_cast<std::size_t>(G));
            std::vector<index_t> cnt(static_cast<std::size_t>(S));
            std::vector<double> at(at_off.back());
            auto at_space = [&](int s) { return at.data() + at_off[static_cast<std::size_t>(s)]; };
            double sum = 0.0;
            std::int64_t nz = 0;
            for (std::ptrdiff_t p = b; p < e; ++p) {
                const index_t pos = static_cast<index_t>(p);
                const index_t i = tree.id(pos);
                const double* q = tree.point(pos);
                for (int s = 0; s < S; ++s) {
                    const std::vector<int>& ix = jidx[static_cast<std::size_t>(s)];
                    for (std::size_t c = 0; c < ix.size(); ++c) at[at_off[static_cast<std::size_t>(s)] + c] = q[ix[c]];
                }
                best.reset();
                // Compile-time dimension for common joint spaces (unrolled loops).
                detail::knn_self_dispatch<Metric::chebyshev>(tree, pos, theiler_, best);
                const double rho = best.worst();
                nz += (rho == 0.0);
                double local = 0.0;
                switch (mode_) {
                    case KsgMode::ksg1:
                    case KsgMode::cmi1: {
                        std::fill(radius.begin(), radius.end(), rho);
                        for (int s = 0; s < S; ++s)
                            cnt[static_cast<std::size_t>(s)] = spaces_[static_cast<std::size_t>(s)].count(i, radius.data(), true, theiler_, n_, true, at_space(s));
                        local = mode_ == KsgMode::ksg1 ? ksg1_term(terms, cnt.data(), S) : cmi1_term(terms, cnt[0], cnt[1], cnt[2]);
                        break;
                    }
                    case KsgMode::ksg2:
                    case KsgMode::cmi2: {
                        std::fill(radius.begin(), radius.end(), 0.0);
                        for (int j = 0; j < best.size(); ++j) {
                            const double* nb = tree.point(best.pos(j));
                            for (int c = 0; c < D; ++c) {
                                const double a = std::fabs(nb[c] - q[c]);
                                double& rg = radius[static_cast<std::size_t>(joint_group[static_cast<std::size_t>(c)])];
                                if (a > rg) rg = a;
                            }
                        }
                        for (int s = 0; s < S; ++s)
                            cnt[static_cast<std::size_t>(s)] = spaces_[static_cast<std::size_t>(s)].count(i, radius.data(), false, theiler_, n_, true, at_space(s));
                        local = mode_ == KsgMode::ksg2 ? ksg2_term(terms, cnt.data(), S) : cmi2_term(terms, cnt[0], cnt[1], cnt[2]);
                        break;
                    }
                    case KsgMode::gkov: {
                        // Counts include the point itself, as in the authors' code.
                        std::fill(radius.begin(), radius.end(), rho);
                        std::int64_t kt = k_;
                        const bool tie = rho == 0.0;
                        if (tie) {
                            // k~ = number of exact copies of the joint point (self included).
                            std::vector<double> zr(static_cast<std::size_t>(D), 0.0);
                            kt = tree.count_box(q, zr.data(), false);
                            if (theiler_ > 0)
                                for_theiler_rows(i, theiler_, n_, [&](index_t j) {
                                    bool same = true;
                                    for (int c = 0; c < D && same; ++c) same = joint[static_cast<std::size_t>(c)][j] == joint[static_cast<std::size_t>(c)][i];
                                    kt -= same;
                                });
                        }
                        for (int s = 0; s < S; ++s)
                            cnt[static_cast<std::size_t>(s)] =
                                spaces_[static_cast<std::size_t>(s)].count(i, radius.data(), !tie, theiler_, n_, true, at_space(s)) + 1;
                        local = gkov_term(terms, kt, cnt[0], cnt[1]);
                        break;
                    }
                }
                if (locals) locals[i] = local;
                sum += local;
            }
            acc.sum = sum;
            acc.count = nz;
        });
        return KnnSum{total.sum, n_, static_cast<index_t>(total.count)};
    }

  private:
    index_t n_;
    int k_;
    index_t theiler_;
    KsgMode mode_;
    std::vector<std::vector<Column>> groups_;
    std::vector<detail::CountSpace> spaces_;
    std::vector<std::vector<int>> space_groups_;
};

// k-th neighbour distance of every row of `cols` among the other rows (Theiler
// window excluded), written to out[i] in the original order.
inline void knn_radius(const std::vector<Column>& cols, index_t n, int k, index_t theiler, int metric, int n_threads, double* out) {
    INFOKIT_ASSERT(metric == static_cast<int>(Metric::chebyshev) || metric == static_cast<int>(Metric::euclidean));
    KDTree tree;
    tree.build(cols, nullptr, n);
    parallel_for_blocks(n, 512, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
        KBest best(k);
        for (std::ptrdiff_t p = b; p < e; ++p) {
            const index_t pos = static_cast<index_t>(p);
            best.reset();
            if (metric == static_cast<int>(Metric::chebyshev)) {
                detail::knn_self_dispatch<Metric::chebyshev>(tree, pos, theiler, best);
                out[tree.id(pos)] = best.worst();
            } else {
                detail::knn_self_dispatch<Metric::euclidean>(tree, pos, theiler, best);
                out[tree.id(pos)] = std::sqrt(best.worst());
            }
        }
    });
}

// k-th neighbour distance from each row of `queries` (m rows) to the rows of
// `cols` (n rows): out[i] for query i.
inline void knn_cross_radius(const std::vector<Column>& queries, index_t m, const std::vector<Column>& cols, index_t n, int k,
                             int metric, int n_threads, double* out) {
    KDTree tree;
    tree.build(cols, nullptr, n);
    const std::size_t d = cols.size();
    parallel_for_blocks(m, 512, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
        KBest best(k);
        std::vector<double> q(d);
        for (std::ptrdiff_t i = b; i < e; ++i) {
            for (std::size_t c = 0; c < d; ++c) q[c] = queries[c][i];
            best.reset();
            if (metric == static_cast<int>(Metric::chebyshev)) {
                detail::knn_dispatch<Metric::chebyshev>(tree, q.data(), best);
                out[i] = best.worst();
            } else {
                detail::knn_dispatch<Metric::euclidean>(tree, q.data(), best);
                out[i] = std::sqrt(best.worst());
            }
        }
    });
}

// Ids of the k nearest neighbours (max-norm, nearest first) of every row:
// out[i * k + j]. O(n k) memory: only for the LNC correction.
inline void knn_indices(const std::vector<Column>& cols, index_t n, int k, index_t theiler, int n_threads, std::int64_t* out) {
    KDTree tree;
    tree.build(cols, nullptr, n);
    parallel_for_blocks(n, 512, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
        KBest best(k);
        for (std::ptrdiff_t p = b; p < e; ++p) {
            const index_t pos = static_cast<index_t>(p);
            const index_t i = tree.id(pos);
            best.reset();
            detail::knn_self_dispatch<Metric::chebyshev>(tree, pos, theiler, best);
            for (int j = 0; j < k; ++j) out[static_cast<std::size_t>(i) * static_cast<std::size_t>(k) + static_cast<std::size_t>(j)] = tree.id(best.pos(j));
        }
    });
}

// Ross (2014) MI between continuous rows and labels codes[i] in [0, n_classes).
// Points whose label occurs once are ignored (as in scikit-learn); locals of
// those points are NaN. Returns the sum of the terms over the n_kept kept
// points (estimate = sum / n_terms; {0, 0, 0} when no label repeats) and how
// many kept points have a zero k_c-th within-class distance.
inline KnnSum ross_mi(const std::vector<Column>& cols, index_t n, const std::int64_t* codes, index_t n_classes, int k, int n_threads,
                      double* locals) {
    // Group rows by class (stable counting sort).
    std::vector<index_t> start(static_cast<std::size_t>(n_classes) + 1, 0);
    for (index_t i = 0; i < n; ++i) ++start[static_cast<std::size_t>(codes[i]) + 1];
    for (index_t c = 0; c < n_classes; ++c) start[static_cast<std::size_t>(c) + 1] += start[static_cast<std::size_t>(c)];
    std::vector<index_t> rows(static_cast<std::size_t>(n)), fill(start.begin(), start.end() - 1);
    for (index_t i = 0; i < n; ++i) rows[static_cast<std::size_t>(fill[static_cast<std::size_t>(codes[i])]++)] = i;
    // Keep only classes with at least two members.
    std::vector<index_t> kept;
    std::vector<index_t> cls_of_kept;
    kept.reserve(static_cast<std::size_t>(n));
    std::vector<KDTree> trees(static_cast<std::size_t>(n_classes));
    for (index_t c = 0; c < n_classes; ++c) {
        const index_t b = start[static_cast<std::size_t>(c)], e = start[static_cast<std::size_t>(c) + 1];
        if (e - b < 2) {
            for (index_t t = b; t < e; ++t)
                if (locals) locals[rows[static_cast<std::size_t>(t)]] = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        trees[static_cast<std::size_t>(c)].build(cols, &rows[static_cast<std::size_t>(b)], e - b);
        for (index_t t = b; t < e; ++t) {
            kept.push_back(rows[static_cast<std::size_t>(t)]);
            cls_of_kept.push_back(c);
        }
    }
    const index_t nk = static_cast<index_t>(kept.size());
    if (nk == 0) return KnnSum{};
    // Counts run over the kept points only (scikit-learn's convention).
    detail::CountSpace all;
    std::vector<double> kept_vals(static_cast<std::size_t>(nk) * cols.size());
    for (std::size_t c = 0; c < cols.size(); ++c) {
        for (index_t t = 0; t < nk; ++t) kept_vals[c * static_cast<std::size_t>(nk) + static_cast<std::size_t>(t)] = cols[c][kept[static_cast<std::size_t>(t)]];
        all.cols.push_back(Column{&kept_vals[c * static_cast<std::size_t>(nk)], 1});
        all.group.push_back(0);
    }
    all.build(nk);
    const PsiTable psi(nk);
    const double psi_n = psi(nk);
    const std::size_t d = cols.size();
    const SumCount total = parallel_reduce_blocks<SumCount>(nk, 512, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e, SumCount& acc) {
        std::vector<double> q(d);
        KBest best_k(k);
        double sum = 0.0;
        std::int64_t nz = 0;
        for (std::ptrdiff_t t = b; t < e; ++t) {
            const index_t i = kept[static_cast<std::size_t>(t)];
            const index_t c = cls_of_kept[static_cast<std::size_t>(t)];
            const index_t nc = start[static_cast<std::size_t>(c) + 1] - start[static_cast<std::size_t>(c)];
            const int kc = static_cast<int>(std::min<index_t>(k, nc - 1));
            for (std::size_t j = 0; j < d; ++j) q[j] = cols[j][i];
            double r;
            if (kc == k) {  // the usual case: reuse the block's buffer
                best_k.reset();
                trees[static_cast<std::size_t>(c)].knn<Metric::chebyshev>(q.data(), i, 0, best_k);
                r = best_k.worst();
            } else {
                KBest best(kc);
                trees[static_cast<std::size_t>(c)].knn<Metric::chebyshev>(q.data(), i, 0, best);
                r = best.worst();
            }
            nz += (r == 0.0);
            // m_i: kept points strictly within r, the point itself included.
            const index_t m = all.count(static_cast<index_t>(t), &r, true, 0, nk, false) + (r > 0.0 ? 0 : 1);
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
