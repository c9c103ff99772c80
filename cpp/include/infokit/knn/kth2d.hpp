// infokit/knn/kth2d.hpp — the k-th smallest max-norm distance from a query to
// runs of 2-D points: the joint search of KSG estimator 1 on the 1-D x 1-D
// grid (knn/pair1d.hpp), which needs that distance only, not which points give
// it. It is the SIMD specialisation of the k-best interface of knn/kbest.hpp
// (reset, push via scan, worst) that keeps distances only, no positions.
//
// Trust contract: S >= 2 (S = k + 1 with k >= 1); finite coordinates; points
// are structs with contiguous doubles x, y; scan_padded's arrays are padded
// with +inf up to a multiple of kStep.
//
// The S smallest distances are kept sorted by a min/max insertion network, in
// two independent lanes (one SSE2 register; two scalar arrays elsewhere) fed
// alternate candidates: a single sorted list makes every insertion wait for
// the previous one (a chain of dependent min/max per candidate), two lanes
// halve that chain and take two candidates per instruction. The lanes are
// merged when the bound is needed. The query itself is not skipped: it adds
// one 0 to the multiset, so the k-th distance to the others is the (k+1)-th
// smallest with S = k + 1, with no per-candidate test. Distances are
// |p - q| per coordinate and their max, as the scalar code computes them, so
// the result is bit-identical.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "infokit/core/config.hpp"

#ifdef INFOKIT_SSE2
#include <emmintrin.h>
#endif
#ifdef INFOKIT_AVX2_DISPATCH
#include <immintrin.h>
#endif

namespace infokit {
namespace detail {

// S smallest values of a stream, two lanes; Pt2 has members x, y (doubles, contiguous).
template <int S>
class Kth2D {
  public:
    INFOKIT_INLINE void reset(double qx, double qy) {
        qx_ = qx;
        qy_ = qy;
#ifdef INFOKIT_SSE2
        for (int j = 0; j < S; ++j) lanes_.v[j] = _mm_set1_pd(kInf);
#else
        for (int j = 0; j < S; ++j) lanes_.a[j] = lanes_.b[j] = kInf;
#endif
    }

    // Feed the points p[t0 .. t1) (each {x, y}).
    template <class Pt2>
    INFOKIT_INLINE void scan(const Pt2* p, std::int64_t t0, std::int64_t t1) {
        std::int64_t t = t0;
#ifdef INFOKIT_SSE2
        Lanes d = lanes_;
        const __m128d sign = _mm_set1_pd(-0.0);
        const __m128d qx = _mm_set1_pd(qx_), qy = _mm_set1_pd(qy_);
        for (; t + 2 <= t1; t += 2) {
            const __m128d p0 = _mm_loadu_pd(&p[t].x), p1 = _mm_loadu_pd(&p[t + 1].x);
            const __m128d dx = _mm_andnot_pd(sign, _mm_sub_pd(_mm_unpacklo_pd(p0, p1), qx));
            const __m128d dy = _mm_andnot_pd(sign, _mm_sub_pd(_mm_unpackhi_pd(p0, p1), qy));
            insert(d.v, _mm_max_pd(dy, dx));
        }
        if (t < t1) insert(d.v, _mm_set_pd(kInf, dist(p[t])));
        lanes_ = d;
#else
        Lanes l = lanes_;
        for (; t + 2 <= t1; t += 2) {
            insert(l.a, dist(p[t]));
            insert(l.b, dist(p[t + 1]));
        }
        if (t < t1) insert(l.a, dist(p[t]));
        lanes_ = l;
#endif
    }

    // Candidates per step of scan_padded.
    static constexpr std::int64_t kStep = 2;

    // Feed the points (xs[t], ys[t]), t < len, from coordinate arrays padded
    // with +inf up to a multiple of kStep (a padded point is infinitely far
    // and never counts).
    INFOKIT_INLINE void scan_padded(const double* xs, const double* ys, std::int64_t len) {
#ifdef INFOKIT_SSE2
        Lanes d = lanes_;
        const __m128d sign = _mm_set1_pd(-0.0);
        const __m128d qx = _mm_set1_pd(qx_), qy = _mm_set1_pd(qy_);
        for (std::int64_t t = 0; t < len; t += 2) {
            const __m128d dx = _mm_andnot_pd(sign, _mm_sub_pd(_mm_loadu_pd(xs + t), qx));
            const __m128d dy = _mm_andnot_pd(sign, _mm_sub_pd(_mm_loadu_pd(ys + t), qy));
            insert(d.v, _mm_max_pd(dy, dx));
        }
        lanes_ = d;
#else
        Lanes l = lanes_;
        for (std::int64_t t = 0; t < len; t += 2) {
            insert(l.a, dist(xs[t], ys[t]));
            insert(l.b, dist(xs[t + 1], ys[t + 1]));
        }
        lanes_ = l;
#endif
    }

    // Candidates per step of scan_padded_avx2.
    static constexpr std::int64_t kStepAvx2 = 4;

#ifdef INFOKIT_AVX2_DISPATCH
    // scan_padded in four lanes (one AVX register; arrays padded to a
    // multiple of kStepAvx2), folded into the two lanes at the end: half the
    // insertions, each of four candidates. For AVX2 callers only (core/dispatch.hpp).
    INFOKIT_TARGET_AVX2 inline void scan_padded_avx2(const double* xs, const double* ys, std::int64_t len) {
        __m256d v[S];
        const __m256d inf4 = _mm256_set1_pd(kInf);
        for (int j = 0; j < S; ++j) v[j] = _mm256_insertf128_pd(inf4, lanes_.v[j], 0);
        const __m256d sign = _mm256_set1_pd(-0.0);
        const __m256d qx = _mm256_set1_pd(qx_), qy = _mm256_set1_pd(qy_);
        for (std::int64_t t = 0; t < len; t += kStepAvx2) {
            const __m256d dx = _mm256_andnot_pd(sign, _mm256_sub_pd(_mm256_loadu_pd(xs + t), qx));
            const __m256d dy = _mm256_andnot_pd(sign, _mm256_sub_pd(_mm256_loadu_pd(ys + t), qy));
            const __m256d x = _mm256_max_pd(dy, dx);
            for (int j = S - 1; j > 0; --j) v[j] = _mm256_max_pd(v[j - 1], _mm256_min_pd(v[j], x));
            v[0] = _mm256_min_pd(v[0], x);
        }
        // Lanes 2, 3 join lanes 0, 1: each of their sorted values is inserted.
        Lanes d;
        for (int j = 0; j < S; ++j) d.v[j] = _mm256_castpd256_pd128(v[j]);
        for (int j = 0; j < S; ++j) insert(d.v, _mm256_extractf128_pd(v[j], 1));
        lanes_ = d;
    }
#endif

    // The S-th smallest value fed so far (inf when fewer than S).
    INFOKIT_INLINE double worst() const {
        double a[S], b[S];
#ifdef INFOKIT_SSE2
        for (int j = 0; j < S; ++j) {
            a[j] = _mm_cvtsd_f64(lanes_.v[j]);
            b[j] = _mm_cvtsd_f64(_mm_unpackhi_pd(lanes_.v[j], lanes_.v[j]));
        }
#else
        for (int j = 0; j < S; ++j) {
            a[j] = lanes_.a[j];
            b[j] = lanes_.b[j];
        }
#endif
        // The S-th smallest of two sorted lists: the least, over i, of the
        // larger of a's i-th and b's (S - i)-th values (taking i values from
        // a and S - i from b). Branch-free, unlike a merge.
        double v = std::min(a[S - 1], b[S - 1]);
        for (int i = 1; i < S; ++i) v = std::min(v, std::max(a[i - 1], b[S - 1 - i]));
        return v;
    }

  private:
    static constexpr double kInf = std::numeric_limits<double>::infinity();

    INFOKIT_INLINE double dist(double x, double y) const {
        const double dx = std::fabs(x - qx_), dy = std::fabs(y - qy_);
        return dx > dy ? dx : dy;
    }
    template <class Pt2>
    INFOKIT_INLINE double dist(const Pt2& p) const {
        return dist(p.x, p.y);
    }

#ifdef INFOKIT_SSE2
    static INFOKIT_INLINE void insert(__m128d* d, __m128d x) {
        for (int j = S - 1; j > 0; --j) d[j] = _mm_max_pd(d[j - 1], _mm_min_pd(d[j], x));
        d[0] = _mm_min_pd(d[0], x);
    }
    // The two sorted lists, one per SIMD lane. Loops work on a local copy:
    // kept in the member, they would round-trip through memory on every
    // insertion (the object's address escapes), a store-to-load wait on the
    // dependency chain.
    struct Lanes {
        __m128d v[S];
    };
    Lanes lanes_;
#else
    static INFOKIT_INLINE void insert(double* d, double x) {
        for (int j = S - 1; j > 0; --j) d[j] = std::max(d[j - 1], std::min(d[j], x));
        d[0] = std::min(d[0], x);
    }
    struct Lanes {
        double a[S], b[S];
    };
    Lanes lanes_;
#endif
    double qx_ = 0.0, qy_ = 0.0;
};

}  // namespace detail
}  // namespace infokit
