// infokit/knn/kdtree_simd.hpp — the inner loops of knn/kdtree.hpp: max-norm
// distances, box gaps and box-vs-radius tests, two coordinates per SSE2
// instruction where the target has SSE2 (every x86-64 CPU), scalar elsewhere.
//
// Every value is computed by the same IEEE operations as the scalar form
// (p - q, |.|, max, comparisons), so results are bit-identical with and without
// SIMD, and counts stay exact (the comparison uses the value that produced
// the radius; see knn/kdtree.hpp).
//
// Trust contract: finite values; d >= 1 (or DIM > 0, then d is ignored);
// pointers valid for d doubles.
#pragma once

#include <cmath>

#include "infokit/core/config.hpp"

#ifdef INFOKIT_SSE2
#include <emmintrin.h>
#endif

namespace infokit {
namespace detail {

// max_c |p_c - q_c|
template <int DIM>
inline double cheb_dist(const double* p, const double* q, int d) {
    if (DIM > 0) d = DIM;
    int c = 0;
    double dist = 0.0;
#ifdef INFOKIT_SSE2
    if (d >= 2) {
        const __m128d sign = _mm_set1_pd(-0.0);
        __m128d m = _mm_setzero_pd();
        for (; c + 2 <= d; c += 2) m = _mm_max_pd(m, _mm_andnot_pd(sign, _mm_sub_pd(_mm_loadu_pd(p + c), _mm_loadu_pd(q + c))));
        m = _mm_max_pd(m, _mm_unpackhi_pd(m, m));
        dist = _mm_cvtsd_f64(m);
    }
#endif
    for (; c < d; ++c) {
        const double a = std::fabs(p[c] - q[c]);
        dist = a > dist ? a : dist;
    }
    return dist;
}

// max_c max(lo_c - q_c, q_c - hi_c, 0): max-norm distance from q to a box.
template <int DIM>
inline double cheb_box_gap(const double* lo, const double* hi, const double* q, int d) {
    if (DIM > 0) d = DIM;
    int c = 0;
    double dist = 0.0;
#ifdef INFOKIT_SSE2
    if (d >= 2) {
        __m128d m = _mm_setzero_pd();
        for (; c + 2 <= d; c += 2) {
            const __m128d qq = _mm_loadu_pd(q + c);
            m = _mm_max_pd(m, _mm_max_pd(_mm_sub_pd(_mm_loadu_pd(lo + c), qq), _mm_sub_pd(qq, _mm_loadu_pd(hi + c))));
        }
        m = _mm_max_pd(m, _mm_unpackhi_pd(m, m));
        dist = _mm_cvtsd_f64(m);
    }
#endif
    for (; c < d; ++c) {
        const double a = lo[c] - q[c], b = q[c] - hi[c];
        const double g = a > b ? a : b;
        dist = g > dist ? g : dist;
    }
    return dist;
}

// Box [lo, hi] against the box |p_c - q_c| < r_c (<= when !Strict):
// 0 no point can be inside, 2 every point is inside, 1 undecided.
// lo - q and q - hi bound p - q and q - p from below (rounding is monotone).
template <bool Strict, int DIM>
inline int box_class(const double* lo, const double* hi, const double* q, const double* r, int d) {
    if (DIM > 0) d = DIM;
    int c = 0;
    int out = 0, in = 1;
#ifdef INFOKIT_SSE2
    if (d >= 2) {
        __m128d o = _mm_setzero_pd();
        __m128d i = _mm_castsi128_pd(_mm_set1_epi32(-1));
        for (; c + 2 <= d; c += 2) {
            const __m128d qq = _mm_loadu_pd(q + c), rr = _mm_loadu_pd(r + c);
            const __m128d l = _mm_loadu_pd(lo + c), h = _mm_loadu_pd(hi + c);
            const __m128d far = _mm_max_pd(_mm_sub_pd(l, qq), _mm_sub_pd(qq, h));
            const __m128d near = _mm_max_pd(_mm_sub_pd(qq, l), _mm_sub_pd(h, qq));
            if (Strict) {
                o = _mm_or_pd(o, _mm_cmpnlt_pd(far, rr));
                i = _mm_and_pd(i, _mm_cmplt_pd(near, rr));
            } else {
                o = _mm_or_pd(o, _mm_cmpnle_pd(far, rr));
                i = _mm_and_pd(i, _mm_cmple_pd(near, rr));
            }
        }
        out = _mm_movemask_pd(o) != 0;
        in = _mm_movemask_pd(i) == 3;
    }
#endif
    for (; c < d; ++c) {
        const double a = lo[c] - q[c], b = q[c] - hi[c];
        const double far = a > b ? a : b;
        const double a2 = q[c] - lo[c], b2 = hi[c] - q[c];
        const double near = a2 > b2 ? a2 : b2;
        out |= static_cast<int>(Strict ? !(far < r[c]) : !(far <= r[c]));
        in &= static_cast<int>(Strict ? (near < r[c]) : (near <= r[c]));
    }
    return out ? 0 : (in ? 2 : 1);
}

// 1 when |p_c - q_c| < r_c (<= when !Strict) for every c, else 0.
template <bool Strict, int DIM>
inline int point_in(const double* p, const double* q, const double* r, int d) {
    if (DIM > 0) d = DIM;
    int c = 0;
    int in = 1;
#ifdef INFOKIT_SSE2
    if (d >= 2) {
        const __m128d sign = _mm_set1_pd(-0.0);
        __m128d i = _mm_castsi128_pd(_mm_set1_epi32(-1));
        for (; c + 2 <= d; c += 2) {
            const __m128d a = _mm_andnot_pd(sign, _mm_sub_pd(_mm_loadu_pd(p + c), _mm_loadu_pd(q + c)));
            i = _mm_and_pd(i, Strict ? _mm_cmplt_pd(a, _mm_loadu_pd(r + c)) : _mm_cmple_pd(a, _mm_loadu_pd(r + c)));
        }
        in = _mm_movemask_pd(i) == 3;
    }
#endif
    for (; c < d; ++c) {
        const double a = std::fabs(p[c] - q[c]);
        in &= static_cast<int>(Strict ? (a < r[c]) : (a <= r[c]));
    }
    return in;
}

}  // namespace detail
}  // namespace infokit
