// infokit/knn/pair1d_count.hpp — the marginal counts of the 1-D x 1-D KSG
// fast path (knn/pair1d.hpp): for a query and its radii, how many points lie
// within the radius in each sorted marginal.
//
// Trust contract: a PairView of one pairing (knn/pair1d_grid.hpp) with
// finite values and kSortedPad readable entries past the n sorted values of
// each marginal (Marginal1D::resize_padded); queries from that pairing's
// grid; radii >= 0 (a radius of +inf counts every point); m <= kKsg1Batch per
// batch.
//
// Why counts are exact: each side's predicate is the very subtraction that
// produced the radius: v_j - q < rad above the query's rank, q - v_j < rad
// below it (fl(q - v) = -fl(v - q), and both sides are monotone along the
// sorted array), exactly what fabs(v_j - q) < rad computes for a neighbour.
// Searching for q + rad with a nextafter-adjusted bound instead miscounts
// through rounding (q + rad is itself rounded). A value -> rank lookup
// (knn/rank_lookup.hpp) brackets each boundary within a bucket of about two
// ranks, two probes with that same predicate confirm the bracket, a window
// longer than kCountWindow ranks (rare) is halved by branch-free bisection
// steps of the four lanes in lockstep, and the boundary is then counted in
// the window (the predicate over its entries, read independently): the
// lookup only narrows the search, it never decides a count.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "infokit/core/config.hpp"
#ifdef INFOKIT_AVX2_DISPATCH
#include <immintrin.h>
#endif
#include "infokit/knn/common.hpp"
#include "infokit/knn/pair1d_grid.hpp"
#include "infokit/knn/rank_lookup.hpp"
#include "infokit/knn/terms.hpp"

namespace infokit {
namespace detail {

template <bool Strict>
inline bool within(double a, double rad) {
    return Strict ? a < rad : a <= rad;
}

// Queries per batch on the KSG-1 path (count_batch_ksg1).
constexpr int kKsg1Batch = 32;

// One bisection step of a count lane: an up lane (Down false) advances
// while v[j] is inside the radius, a down lane while it is outside;
// arithmetic instead of branches (the outcome is random). An exhausted
// lane (len 0) stays put.
template <bool Down, bool Strict>
INFOKIT_INLINE void lane_step(const double* v, index_t n, double q, double rad, index_t& lo, index_t& len) {
    const index_t h = len >> 1;
    const index_t j = lo + h;
    const double val = v[j < n ? j : n - 1];
    const bool inside = Down ? within<Strict>(q - val, rad) : within<Strict>(val - q, rad);
    const index_t adv = static_cast<index_t>(len > 0) & static_cast<index_t>(Down ? !inside : inside);
    lo += (h + 1) * adv;
    len = h + ((len & 1) - 1) * adv;
}

// Ranks a lane's window may hold when its boundary is found by counting
// (lane_count); wider windows are first halved by lane_step. Sorted
// marginals carry kSortedPad readable entries past their n values, so the
// count reads a whole window of this size wherever it starts.
constexpr index_t kCountWindow = 8;
constexpr index_t kSortedPad = kCountWindow;

// The boundary inside a lane's window [lo, lo + len), len <= kCountWindow:
// the predicate holds on a prefix of the window (the lane's advance rule), so
// the boundary is lo plus the number of entries it holds on. The entries are
// read independently, where each probe of a bisection waits for the one
// before; entries past len are masked out.
template <bool Down, bool Strict>
INFOKIT_INLINE index_t lane_count(const double* v, double q, double rad, index_t lo, index_t len) {
    index_t c = 0;
    for (index_t t = 0; t < kCountWindow; ++t) {
        const double val = v[lo + t];
        const bool adv = Down ? !within<Strict>(q - val, rad) : within<Strict>(val - q, rad);
        c += static_cast<index_t>(adv & (t < len));
    }
    return lo + c;
}

#ifdef INFOKIT_AVX2_DISPATCH
// lane_count in two AVX compares: the same subtraction and comparison per
// entry (the advance rule's negation as an unordered not-less compare, true
// where lane_count's !within is), a bit per entry, the masked bits counted.
template <bool Down, bool Strict>
INFOKIT_TARGET_AVX2 inline index_t lane_count_avx2(const double* v, double q, double rad, index_t lo, index_t len) {
    static_assert(kCountWindow == 8, "two AVX registers per window");
    const __m256d qq = _mm256_set1_pd(q), rr = _mm256_set1_pd(rad);
    const __m256d a = _mm256_loadu_pd(v + lo), b = _mm256_loadu_pd(v + lo + 4);
    __m256d in_a, in_b;
    if (Down) {
        constexpr int kOut = Strict ? _CMP_NLT_UQ : _CMP_NLE_UQ;
        in_a = _mm256_cmp_pd(_mm256_sub_pd(qq, a), rr, kOut);
        in_b = _mm256_cmp_pd(_mm256_sub_pd(qq, b), rr, kOut);
    } else {
        constexpr int kIn = Strict ? _CMP_LT_OQ : _CMP_LE_OQ;
        in_a = _mm256_cmp_pd(_mm256_sub_pd(a, qq), rr, kIn);
        in_b = _mm256_cmp_pd(_mm256_sub_pd(b, qq), rr, kIn);
    }
    const unsigned bits = static_cast<unsigned>(_mm256_movemask_pd(in_a)) | (static_cast<unsigned>(_mm256_movemask_pd(in_b)) << 4);
    return lo + static_cast<index_t>(__builtin_popcount(bits & ((1u << len) - 1u)));
}
#endif

// The four lanes of one query (x up, x down, y up, y down): windows wider
// than kCountWindow are halved in lockstep, branch-free (rare once the
// lookup has bracketed the boundary), then each boundary is counted inside
// its window. Lanes are separate references, not an array, so they stay in
// registers.
template <bool Strict, bool Avx2 = false>
INFOKIT_INLINE void settle_lanes(const double* xs, const double* ys, index_t n, double qx, double qy, double rad_x, double rad_y,
                                 index_t& lo0, index_t& len0, index_t& lo1, index_t& len1, index_t& lo2, index_t& len2,
                                 index_t& lo3, index_t& len3) {
    while (std::max(std::max(len0, len1), std::max(len2, len3)) > kCountWindow) {
        lane_step<false, Strict>(xs, n, qx, rad_x, lo0, len0);
        lane_step<true, Strict>(xs, n, qx, rad_x, lo1, len1);
        lane_step<false, Strict>(ys, n, qy, rad_y, lo2, len2);
        lane_step<true, Strict>(ys, n, qy, rad_y, lo3, len3);
    }
#ifdef INFOKIT_AVX2_DISPATCH
    if constexpr (Avx2) {
        lo0 = lane_count_avx2<false, Strict>(xs, qx, rad_x, lo0, len0);
        lo1 = lane_count_avx2<true, Strict>(xs, qx, rad_x, lo1, len1);
        lo2 = lane_count_avx2<false, Strict>(ys, qy, rad_y, lo2, len2);
        lo3 = lane_count_avx2<true, Strict>(ys, qy, rad_y, lo3, len3);
    } else
#endif
    {
        lo0 = lane_count<false, Strict>(xs, qx, rad_x, lo0, len0);
        lo1 = lane_count<true, Strict>(xs, qx, rad_x, lo1, len1);
        lo2 = lane_count<false, Strict>(ys, qy, rad_y, lo2, len2);
        lo3 = lane_count<true, Strict>(ys, qy, rad_y, lo3, len3);
    }
    len0 = len1 = len2 = len3 = 0;
}

template <bool Down, bool Strict>
INFOKIT_INLINE void lane_confirm(const double* v, double q, double rad, index_t a, index_t e, index_t& lo, index_t& len) {
    auto advance = [&](index_t j) { return Down ? !within<Strict>(q - v[j], rad) : within<Strict>(v[j] - q, rad); };
    if (!((lo == a || advance(lo - 1)) && (lo + len == e || !advance(lo + len)))) {
        lo = a;
        len = e - a;
    }
}

// The window [lo, lo + len] of a lane (ranks a .. e on one side of the
// query) from the lookup bucket of its boundary value; two probes confirm
// that it brackets the boundary (the predicate is monotone), otherwise the
// lane searches the whole side. The lookup only narrows: it never decides.
template <bool Down, bool Strict>
INFOKIT_INLINE void lane_window(const RankLookup& look, const double* v, double q, double rad, index_t a, index_t e, index_t& lo, index_t& len) {
    look.window(Down ? q - rad : q + rad, a, e, lo, len);
    lane_confirm<Down, Strict>(v, q, rad, a, e, lo, len);
}

// The strict (KSG-1) counts of a batch of m <= kKsg1Batch queries (no
// Theiler window), in sweeps over the batch so that the memory accesses of
// different queries overlap: the lookup buckets of all four boundaries (their
// entries prefetched), the windows (their values prefetched), then the
// boundaries (settle_lanes; Avx2: its vector counts, the same bits).
// emit(q, rho, cnt_x, cnt_y) per query, in order; the same counts as
// count_pair<true, false>.
template <bool Avx2, class Emit>
void count_batch_ksg1(const PairView& v, const Query* qs, const double* rho, int m, Emit&& emit) {
    const index_t n = v.n;
    const double* xs = v.xs;
    const double* ys = v.ys;
    const RankLookup& lx = *v.look_x;
    const RankLookup& ly = *v.look_y;
    std::size_t slot[4][kKsg1Batch];
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
    index_t lo[4][kKsg1Batch], len[4][kKsg1Batch];
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
        settle_lanes<true, Avx2>(xs, ys, n, qx, qy, r, r, lo0, len0, lo1, len1, lo2, len2, lo3, len3);
        emit(q, r, lo0 - lo1 - 1, lo2 - lo3 - 1);
    }
}

// The marginal counts of one query: the points other than the query (and
// outside its Theiler window) with |x_j - q_x| < rad_x (<= when !Strict), and
// likewise in y. Each count is a boundary in a sorted marginal on one side of
// the query's rank (x above and below, y likewise); the four bisections run
// in lockstep, branch-free, so their memory latencies overlap.
template <bool Strict, bool UseTheiler>
INFOKIT_INLINE void count_pair(const PairView& v, const Query& q, double rad_x, double rad_y, index_t theiler, index_t& cnt_x_out,
                               index_t& cnt_y_out) {
    const index_t n = v.n;
    const double* xs = v.xs;
    const double* ys = v.ys;
    const double qx = q.qx, qy = q.qy;
    index_t lo0, lo1, lo2, lo3, len0, len1, len2, len3;
    lane_window<false, Strict>(*v.look_x, xs, qx, rad_x, q.rx + 1, n, lo0, len0);
    lane_window<true, Strict>(*v.look_x, xs, qx, rad_x, 0, q.rx, lo1, len1);
    lane_window<false, Strict>(*v.look_y, ys, qy, rad_y, q.ry + 1, n, lo2, len2);
    lane_window<true, Strict>(*v.look_y, ys, qy, rad_y, 0, q.ry, lo3, len3);
    settle_lanes<Strict>(xs, ys, n, qx, qy, rad_x, rad_y, lo0, len0, lo1, len1, lo2, len2, lo3, len3);
    index_t cnt_x = lo0 - lo1 - 1, cnt_y = lo2 - lo3 - 1;
    if (UseTheiler) {
        // The window is given back by a scan in row order: its points are
        // scattered through both sorted marginals.
        for_theiler_rows(q.self, theiler, n, [&](index_t j) {
            const double ax = std::fabs(v.x[j * v.sx] - qx);
            const double ay = std::fabs(ys[v.rank_y[j]] - qy);
            cnt_x -= Strict ? (ax < rad_x) : (ax <= rad_x);
            cnt_y -= Strict ? (ay < rad_y) : (ay <= rad_y);
        });
    }
    cnt_x_out = cnt_x;
    cnt_y_out = cnt_y;
}

}  // namespace detail
}  // namespace infokit
