// infokit/knn/pair1d.hpp — the 1-D x 1-D fast path of KSG estimators 1 and 2:
// the orchestration of one estimate (sorting, grid, search, counts, terms).
//
// Trust contract: x and y are n finite doubles each (any stride), 1 <= n <
// 2^31, 1 <= k < n, 0 <= theiler, mode KsgMode::ksg1 or ksg2 (1 or 2), perm a
// permutation of 0..n-1. x stays owned by the caller and must outlive every
// run() (Theiler corrections read it). Checked in Python
// (infokit.estimate._samples, infokit.estimate._knn_core); debug builds assert the k and mode bounds.
//
// Computes the same estimate as KsgEngine (knn/engine.hpp) with two count
// spaces, bit for bit: the same k-th distances and radii, the same counts
// (knn/pair1d_count.hpp), and the same terms (knn/terms.hpp). Faster because
// both marginals are argsorted once (core/sort.hpp) and serve as the grid's
// edges and bounds (knn/pair1d_grid.hpp) and as the count structures.
//
// KSG-1 needs only the k-th distance, not which neighbours give it, so its
// search starts with the whole 3 x 3 block around the query's cell; for
// k <= 8 without a Theiler window (run_block_ksg1) the block is gathered once
// per cell into padded coordinate arrays, the k + 1 smallest distances (the
// query's own 0 included) are kept in two SIMD lanes (knn/kth2d.hpp), and the
// counts run in batches of queries (count_batch_ksg1) whose cache misses
// overlap; a query needs the ring search only when the bin edges of the
// first ring are nearer than its k-th distance (RingStop, one test). That
// path has an AVX2 form (four lanes in the block scan, vector compares in
// the counts), picked at run time with the same bits (core/dispatch.hpp).
// Other cases keep the k best in KBest / KBestFixed (knn/kbest.hpp).
//
// A permutation test shuffles y: the sorted marginals stay valid (same sets of
// values), only the rank of each row in y changes (permute_y), and the grid is
// rebuilt per run in O(n). Likewise one sorted target (Marginal1D) is shared
// by every feature column scored against it (build_with), and a column sorted
// once (Column1D) serves as either side of any pairing (build_columns).
//
// Blocks of queries are fixed (core/parallel.hpp) and summed in block order,
// so the result is bit-identical for any thread count. Memory: O(n), under 60
// bytes per sample.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "infokit/core/config.hpp"
#include "infokit/core/dispatch.hpp"
#include "infokit/core/parallel.hpp"
#include "infokit/core/sort.hpp"
#include "infokit/core/special.hpp"
#include "infokit/knn/common.hpp"
#include "infokit/knn/kbest.hpp"
#include "infokit/knn/kth2d.hpp"
#include "infokit/knn/pair1d_count.hpp"
#include "infokit/knn/pair1d_grid.hpp"
#include "infokit/knn/rank_lookup.hpp"
#include "infokit/knn/terms.hpp"

namespace infokit {

// One column sorted once: values in order, the row of each rank, the rank of
// each row. Shared (read-only) by every pairing that uses the column, e.g.
// one target against many feature columns.
struct Marginal1D {
    std::vector<double> vals;  // size() sorted values, then detail::kSortedPad entries of +inf
    std::vector<index_t> rank;
    detail::RankLookup look;  // value -> rank guesses for the marginal counts
    index_t size() const { return static_cast<index_t>(rank.size()); }
    void build(const double* v, std::ptrdiff_t stride, index_t n) {
        resize_padded(vals, n);
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
    // n entries for the sorted values and kSortedPad readable ones past them
    // (the marginal counts read whole windows; see knn/pair1d_count.hpp).
    static void resize_padded(std::vector<double>& v, index_t n) {
        v.assign(static_cast<std::size_t>(n) + static_cast<std::size_t>(detail::kSortedPad), std::numeric_limits<double>::infinity());
    }
};

// A column sorted once for both of its roles in greedy feature selection:
// the sorted target (its Marginal1D part) and a candidate paired with other
// targets (build_columns), so no column is sorted again at every step. The
// values stay owned by the caller and must outlive every pairing.
struct Column1D : Marginal1D {
    std::vector<index_t> order;  // the row of each rank
    const double* x = nullptr;
    std::ptrdiff_t sx = 1;
    void build_column(const double* v, std::ptrdiff_t stride, index_t n) {
        x = v;
        sx = stride;
        resize_padded(vals, n);
        rank.resize(static_cast<std::size_t>(n));
        order.resize(static_cast<std::size_t>(n));
        // The same argsort and lookup as Marginal1D::build and Pair1D::sort_x:
        // every pairing gives the bits of the unsorted path.
        argsort_values(v, stride, n, vals.data(), order.data());
        for (index_t r = 0; r < n; ++r) rank[static_cast<std::size_t>(order[static_cast<std::size_t>(r)])] = r;
        look.build(vals.data(), n, kRanksPerBucket);
    }
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
        sort_x(x, sx, y->size());
        set_y(std::move(y));
    }

    // Pair two columns sorted beforehand (shared, never modified).
    void build_columns(std::shared_ptr<const Column1D> x, std::shared_ptr<const Marginal1D> y) {
        n_ = x->size();
        x_ = x->x;
        sx_ = x->sx;
        xm_ = std::move(x);
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

    // Sum of the n pointwise KSG terms (mode: KsgMode::ksg1 = 1 or ksg2 = 2)
    // and the number of zero radii; locals[i] gets row i's term when non-null.
    KnnSum run(int mode, int k, index_t theiler, int n_threads, double* locals) const {
        const index_t n = n_;
        if (n == 0) return KnnSum{};
        INFOKIT_ASSERT(mode == static_cast<int>(KsgMode::ksg1) || mode == static_cast<int>(KsgMode::ksg2));
        INFOKIT_ASSERT(k >= 1 && k < n);
        const detail::PairView v = view();
        detail::Grid grid;
        // Rows are needed for locals and Theiler windows only (neighbours are
        // looked up by cell-order position, not by row).
        detail::build_grid(v, k, grid, locals != nullptr || theiler > 0);
        const PsiTable psi(n);
        const KnnConsts terms(psi, k, n);
        const int threads = effective_threads(n, n_threads, 20000);
        const SumCount total = parallel_reduce_blocks<SumCount>(n, 1024, threads, [&](std::ptrdiff_t b, std::ptrdiff_t e, SumCount& acc) {
            double sum = 0.0;
            std::int64_t nz = 0;
            if (theiler > 0) {
                if (mode == static_cast<int>(KsgMode::ksg1)) run_block_k<1, true>(v, grid, b, e, k, theiler, terms, locals, sum, nz);
                else run_block_k<2, true>(v, grid, b, e, k, theiler, terms, locals, sum, nz);
            } else {
                if (mode == static_cast<int>(KsgMode::ksg1)) run_block_k<1, false>(v, grid, b, e, k, theiler, terms, locals, sum, nz);
                else run_block_k<2, false>(v, grid, b, e, k, theiler, terms, locals, sum, nz);
            }
            acc.sum = sum;
            acc.count = nz;
        });
        return KnnSum{total.sum, n, static_cast<index_t>(total.count)};
    }

  private:
    // Compile-time k for the usual small values. KSG-1 without a Theiler
    // window (the common case, and scikit-learn's) needs only the k-th
    // distance: the two-lane search of knn/kth2d.hpp.
    template <int Mode, bool UseTheiler, class... A>
    void run_block_k(const detail::PairView& v, const detail::Grid& gr, std::ptrdiff_t b, std::ptrdiff_t e, int k, A&&... a) const {
        if constexpr (Mode == 1 && !UseTheiler) {
            switch (k) {
                case 1: return run_block_ksg1<2>(v, gr, b, e, a...);
                case 2: return run_block_ksg1<3>(v, gr, b, e, a...);
                case 3: return run_block_ksg1<4>(v, gr, b, e, a...);
                case 4: return run_block_ksg1<5>(v, gr, b, e, a...);
                case 5: return run_block_ksg1<6>(v, gr, b, e, a...);
                case 6: return run_block_ksg1<7>(v, gr, b, e, a...);
                case 7: return run_block_ksg1<8>(v, gr, b, e, a...);
                case 8: return run_block_ksg1<9>(v, gr, b, e, a...);
                default: return run_block<Mode, UseTheiler, KBest>(v, gr, b, e, k, a...);
            }
        } else {
            switch (k) {
                case 1: return run_block<Mode, UseTheiler, KBestFixed<1>>(v, gr, b, e, k, a...);
                case 2: return run_block<Mode, UseTheiler, KBestFixed<2>>(v, gr, b, e, k, a...);
                case 3: return run_block<Mode, UseTheiler, KBestFixed<3>>(v, gr, b, e, k, a...);
                case 4: return run_block<Mode, UseTheiler, KBestFixed<4>>(v, gr, b, e, k, a...);
                case 5: return run_block<Mode, UseTheiler, KBestFixed<5>>(v, gr, b, e, k, a...);
                case 6: return run_block<Mode, UseTheiler, KBestFixed<6>>(v, gr, b, e, k, a...);
                default: return run_block<Mode, UseTheiler, KBest>(v, gr, b, e, k, a...);
            }
        }
    }

    // KSG-1, no Theiler window, in the form this CPU runs best (core/dispatch.hpp).
    template <int S, class... A>
    static void run_block_ksg1(A&&... a) {
#ifdef INFOKIT_AVX2_DISPATCH
        if (active_isa() == Isa::avx2) return run_block_ksg1_avx2<S>(a...);
#endif
        run_block_ksg1_form<S, false>(a...);
    }
#ifdef INFOKIT_AVX2_DISPATCH
    template <int S>
    INFOKIT_TARGET_AVX2 INFOKIT_FLATTEN static void run_block_ksg1_avx2(const detail::PairView& v, const detail::Grid& gr, std::ptrdiff_t b,
                                                                         std::ptrdiff_t e, index_t k, const KnnConsts& terms, double* locals,
                                                                         double& sum, std::int64_t& nz) {
        run_block_ksg1_form<S, true>(v, gr, b, e, k, terms, locals, sum, nz);
    }
#endif

    // KSG-1, no Theiler window: S = k + 1 smallest distances, the query's own
    // 0 included. Avx2: the AVX2 forms of the block scan and the counts (the
    // same bits).
    template <int S, bool Avx2>
    static void run_block_ksg1_form(const detail::PairView& v, const detail::Grid& gr, std::ptrdiff_t b, std::ptrdiff_t e, index_t,
                                    const KnnConsts& terms, double* locals, double& sum, std::int64_t& nz) {
        using namespace detail;
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
        RingStop stop{};
        // Searches first, then counts, a batch at a time: a batch's count
        // lookups are short and independent, so the CPU overlaps their cache
        // misses, where a search between every two of them would not.
        Query qs[kKsg1Batch];
        double rho[kKsg1Batch];
        for (std::ptrdiff_t p0 = b; p0 < e; p0 += kKsg1Batch) {
            const std::ptrdiff_t p1 = std::min(e, p0 + kKsg1Batch);
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
                    constexpr std::int64_t step = Avx2 ? Kth2D<S>::kStepAvx2 : Kth2D<S>::kStep;
                    const std::size_t padded = static_cast<std::size_t>((len + step - 1) / step * step);
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
                    stop.set(gr, cx, cy, 2);
                }
                q.cx = cx;
                q.cy = cy;
                best.reset(q.qx, q.qy);
#ifdef INFOKIT_AVX2_DISPATCH
                if constexpr (Avx2) best.scan_padded_avx2(bx.data(), by.data(), block_len);
                else
#endif
                    best.scan_padded(bx.data(), by.data(), block_len);
                double w = best.worst();
                if (!stop.settled(q.qx, q.qy, w))
                    search_rings(
                        gr, q, 2, [&] { return w; },
                        [&](index_t a, index_t c) {
                            const std::size_t ring_cell = gr.slot(a, c);
                            best.scan(pts, off[ring_cell], off[ring_cell + 1]);
                            w = best.worst();
                        });
                rho[pp - p0] = w;
            }
            count_batch_ksg1<Avx2>(v, qs, rho, static_cast<int>(p1 - p0), [&](const Query& q, double r, index_t cnt_x, index_t cnt_y) {
                nz += (r == 0.0);
                const index_t cnt[2] = {cnt_x, cnt_y};
                const double local = ksg1_term(terms, cnt, 2);
                if (locals) locals[q.self] = local;
                sum += local;
            });
        }
    }

    template <int Mode, bool UseTheiler, class Best>
    static void run_block(const detail::PairView& v, const detail::Grid& gr, std::ptrdiff_t b, std::ptrdiff_t e, int k, index_t theiler,
                          const KnnConsts& terms, double* locals, double& sum, std::int64_t& nz) {
        using namespace detail;
        const Pt* pts = gr.pts.data();
        const index_t* off = gr.off.data();
        const index_t* ids = gr.ids.data();
        Best best(k);
        for (std::ptrdiff_t pp = b; pp < e; ++pp) {
            const Query q = query(gr, static_cast<index_t>(pp));
            const index_t p = q.p, self = q.self;
            const double qx = q.qx, qy = q.qy;
            best.reset();
            auto scan_range = [&](index_t t0, index_t t_end) {
                double w = best.worst();
                for (index_t t = t0; t < t_end; ++t) {
                    if (t == p) continue;
                    if (UseTheiler && in_theiler_window(ids[t], self, theiler)) continue;
                    const double dx = std::fabs(pts[t].x - qx);
                    const double dy = std::fabs(pts[t].y - qy);
                    const double d = dx > dy ? dx : dy;
                    if (Best::kBranchFree) {
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
                    if (!best.filled(j)) {  // fewer than k finite distances (trusted input makes this unreachable)
                        rad_x = rad_y = std::numeric_limits<double>::infinity();
                        break;
                    }
                    const Pt& nb = pts[best.pos(j)];
                    const double ax = std::fabs(nb.x - qx), ay = std::fabs(nb.y - qy);
                    if (ax > rad_x) rad_x = ax;
                    if (ay > rad_y) rad_y = ay;
                }
            }
            nz += (rho == 0.0);
            index_t cnt[2];
            count_pair<Mode == 1, UseTheiler>(v, q, rad_x, rad_y, theiler, cnt[0], cnt[1]);
            const double local = Mode == 1 ? ksg1_term(terms, cnt, 2) : ksg2_term(terms, cnt, 2);
            if (locals) locals[q.self] = local;
            sum += local;
        }
    }

    void sort_x(const double* x, std::ptrdiff_t sx, index_t n) {
        xm_.reset();
        n_ = n;
        x_ = x;
        sx_ = sx;
        Marginal1D::resize_padded(xs_, n);
        order_x_.resize(static_cast<std::size_t>(n));
        argsort_values(x, sx, n, xs_.data(), order_x_.data());
        look_x_.build(xs_.data(), n, Marginal1D::kRanksPerBucket);
    }

    detail::PairView view() const {
        if (xm_)
            return detail::PairView{n_, xm_->vals.data(), xm_->order.data(), ys_, rank_y_, &xm_->look, &ym_->look, x_, sx_};
        return detail::PairView{n_, xs_.data(), order_x_.data(), ys_, rank_y_, &look_x_, &ym_->look, x_, sx_};
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
    detail::RankLookup look_x_;
    std::vector<index_t> order_x_, permuted_rank_y_;
    const index_t* rank_y_ = nullptr;
    std::shared_ptr<const Marginal1D> ym_;
    std::shared_ptr<const Column1D> xm_;  // set by build_columns: x sorted beforehand
    const double* ys_ = nullptr;
};

}  // namespace infokit
