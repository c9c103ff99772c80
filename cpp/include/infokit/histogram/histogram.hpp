// infokit/histogram/histogram.hpp — histogram counts and per-sample bin codes
// over 1..d columns, with uniform (linspace) or explicit edges.
//
// Semantics (docs/conventions.md#Histograms): every axis has n_bins + 1
// non-decreasing edges e[0..n] in its compare type C (float or double). A value
// v (read as T, converted to C) is kept when e[0] <= v <= e[n] (inclusive right
// edge, NumPy's rule) or e[0] <= v < e[n] (exclusive, fast-histogram's rule);
// NaN fails both comparisons and is dropped. A kept value goes into bin
//     t(v) = min(max{i : e[i] <= v}, n - 1),
// which is what numpy.searchsorted(e, v, side="right") - 1 gives, with values
// on the last edge moved into the last bin (numpy.histogramdd), and what
// numpy.histogram's uniform formula gives after its +-1 corrections wherever
// that formula is within one bin of t (the Python layer checks that).
//
// Two ways to compute t, the same result:
//   * search: std::upper_bound over the edges (any edges);
//   * uniform: one multiply by a precomputed scale, then at most one step down
//     and one step up against the edges. It is used only where prepare_axis()
//     has proved, at the 2n end points of the bins, that the multiply lands
//     within one bin of t; both are monotone in v, so that holds for every v.
//     Otherwise the axis falls back to search.
//   * fused (counting only, 1..8 uniform axes of one element type): a SIMD
//     screen (AVX2 where the CPU has it, picked at run time; SSE2 otherwise)
//     computes the multiply guess of 4 (2) samples at once and accepts it
//     when its fractional part is farther from an integer than the worst
//     rounding of any edge (safe_margin: then the guess is provably t); every
//     other sample (near an edge, out of range, NaN, inf) takes the exact
//     scalar path. Codes and increments share one loop, so the loads of the
//     next samples overlap the increments. Contiguous float32 columns (one
//     or two) take a float form of the screen, eight samples at a time under
//     AVX2, with its own margin measured at the floats around each edge
//     (safe_margin_float); the same bins.
//
// Trust contract (checked in Python, infokit._histogram): edges have n + 1 >= 2
// non-decreasing, non-NaN values of the compare type; data pointers address
// n_samples elements at the given (signed, element) stride, aligned for T;
// count and weight outputs hold prod(n_bins) + 1 zeroed entries, C order, the
// last one collecting dropped samples; prod(n_bins) * (d + 1) < 2^62.
//
// Determinism: unweighted counts are int64, summed per thread over fixed
// contiguous ranges and merged in thread order (integer sums: the same for any
// thread count). Weighted sums run on one thread in sample order, in blocks of
// `block` samples whose partial sums are added in block order (NumPy's order:
// numpy.histogram uses blocks of 65536, numpy.histogramdd one block), so they
// are bit-identical for any n_jobs and to NumPy's bincount sums.
#pragma once

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <thread>
#include <type_traits>
#include <vector>

#include "infokit/core/config.hpp"
#include "infokit/core/parallel.hpp"

#if defined(INFOKIT_SSE2)
#include <emmintrin.h>
// An AVX2 form of the SIMD pass, picked at run time on CPUs that have it
// (GCC / Clang on x86-64; shipped wheels stay baseline x86-64).
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && !defined(INFOKIT_NO_AVX2)
#define INFOKIT_HIST_AVX2 1
#include <immintrin.h>
#endif
#endif

namespace infokit {

// Element types of a column (HistAxis::dtype).
enum HistDtype : int {
    kHistF64 = 0,
    kHistF32 = 1,
    kHistI8 = 2,
    kHistI16 = 3,
    kHistI32 = 4,
    kHistI64 = 5,
    kHistU8 = 6,
    kHistU16 = 7,
    kHistU32 = 8,
    kHistU64 = 9,
};

// Compare types (HistAxis::ctype): float columns may compare as float or
// double; every other column compares as double.
enum HistCtype : int { kHistCmpF64 = 0, kHistCmpF32 = 1 };

// One axis as the caller describes it.
struct HistAxis {
    const void* data = nullptr;   // first element of the column
    std::ptrdiff_t stride = 1;    // in elements; may be negative or 0
    int dtype = kHistF64;         // HistDtype
    int ctype = kHistCmpF64;      // HistCtype
    const void* edges = nullptr;  // n_bins + 1 values of the compare type
    std::ptrdiff_t n_bins = 1;
    int try_uniform = 0;  // edges are (near) equally spaced: try the multiply path
    int inclusive = 1;    // the last bin includes its right edge
};

namespace detail {

constexpr std::ptrdiff_t kHistChunk = 1024;

template <class C>
struct AxisPlan {
    const C* e;
    std::ptrdiff_t n;
    double e0;
    double scale;
    // The SIMD pass (fused_simd_*): a kept value whose guess f = (v - e0) * scale
    // has a fractional part in (safe_lo, safe_hi) and f < n is in bin trunc(f);
    // see safe_margin().
    bool simd = false;
    double safe_lo = 0.0, safe_hi = 1.0;
    // The same window for the guess computed in float, eight lanes wide
    // (float32 data compared as float only; see safe_margin_float()).
    bool simd_f = false;
    float e0_f = 0.0f, scale_f = 0.0f, safe_lo_f = 0.0f, safe_hi_f = 1.0f;
};

// The uniform guess, clamped into [0, n - 1]; v is a kept value.
INFOKIT_INLINE std::ptrdiff_t uniform_guess(double v, double e0, double scale, std::ptrdiff_t n) {
    double f = (v - e0) * scale;
    f = f > 0.0 ? f : 0.0;  // also maps a NaN product to 0
    const double top = static_cast<double>(n - 1);
    f = f < top ? f : top;
    return static_cast<std::ptrdiff_t>(f);
}

template <class C>
INFOKIT_INLINE std::ptrdiff_t search_bin(const C* e, std::ptrdiff_t n, C v) {
    // max{i : e[i] <= v} for e[0] <= v; capped at n - 1 (v on the last edge).
    const std::ptrdiff_t i = (std::upper_bound(e, e + n + 1, v) - e) - 1;
    return i < n - 1 ? i : n - 1;
}

template <class C>
C prev_value(C v) {
    return std::nextafter(v, -std::numeric_limits<C>::infinity());
}

// Does the uniform guess land within one bin of t at every value of every bin?
// Both are non-decreasing in v, so checking each non-empty bin's lowest and
// highest representable value covers all values in between.
template <class C>
bool uniform_within_one(const AxisPlan<C>& p, bool inclusive) {
    if (!(std::isfinite(p.e0) && std::isfinite(p.scale) && p.scale > 0.0)) return false;
    const std::ptrdiff_t n = p.n;
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        const C lo = p.e[i];
        if (!(lo < p.e[i + 1])) continue;  // empty bin: no value has t == i
        C hi = (i == n - 1 && inclusive) ? p.e[n] : prev_value(p.e[i + 1]);
        const std::ptrdiff_t t = search_bin(p.e, n, lo);
        if (t != i) continue;  // duplicates before: checked with their last copy
        const std::ptrdiff_t glo = uniform_guess(static_cast<double>(lo), p.e0, p.scale, n);
        const std::ptrdiff_t ghi = uniform_guess(static_cast<double>(hi), p.e0, p.scale, n);
        if (glo < i - 1 || ghi > i + 1) return false;
    }
    return true;
}

// Bin index (or -1) of values begin .. begin + count of one column, written to
// out[j * out_stride].
template <class T, class C, bool Uniform, bool Inclusive>
void axis_chunk(const void* plan_v, const void* data, std::ptrdiff_t stride, std::ptrdiff_t begin,
                std::ptrdiff_t count, std::int64_t* out, std::ptrdiff_t out_stride) {
    const AxisPlan<C>& p = *static_cast<const AxisPlan<C>*>(plan_v);
    const T* x = static_cast<const T*>(data) + begin * stride;
    const C* e = p.e;
    const std::ptrdiff_t n = p.n;
    const C lo = e[0], hi = e[n];
    for (std::ptrdiff_t j = 0; j < count; ++j) {
        const C v = static_cast<C>(x[j * stride]);
        // Written so that NaN fails: both comparisons are false for NaN.
        const bool keep = Inclusive ? (v >= lo && v <= hi) : (v >= lo && v < hi);
        // Branches, not selects: "kept, away from an edge" is the predicted
        // case, so the CPU runs ahead instead of waiting on the edge loads.
        if (!keep) {
            out[j * out_stride] = -1;
            continue;
        }
        std::ptrdiff_t i;
        if constexpr (Uniform) {
            i = uniform_guess(static_cast<double>(v), p.e0, p.scale, n);
            if (v < e[i])
                --i;
            else if (i < n - 1 && v >= e[i + 1])
                ++i;
        } else {
            i = search_bin(e, n, v);
        }
        out[j * out_stride] = static_cast<std::int64_t>(i);
    }
}

using AxisChunkFn = void (*)(const void*, const void*, std::ptrdiff_t, std::ptrdiff_t, std::ptrdiff_t,
                             std::int64_t*, std::ptrdiff_t);

template <class T, class C>
AxisChunkFn pick_chunk(bool uniform, bool inclusive) {
    if (uniform) return inclusive ? &axis_chunk<T, C, true, true> : &axis_chunk<T, C, true, false>;
    return inclusive ? &axis_chunk<T, C, false, true> : &axis_chunk<T, C, false, false>;
}

template <class C>
AxisChunkFn pick_for_ctype(int dtype, bool uniform, bool inclusive) {
    if constexpr (std::is_same_v<C, float>) {
        if (dtype == kHistF32) return pick_chunk<float, float>(uniform, inclusive);
        return nullptr;  // only float32 columns compare as float
    } else {
        switch (dtype) {
            case kHistF64: return pick_chunk<double, double>(uniform, inclusive);
            case kHistF32: return pick_chunk<float, double>(uniform, inclusive);
            case kHistI8: return pick_chunk<std::int8_t, double>(uniform, inclusive);
            case kHistI16: return pick_chunk<std::int16_t, double>(uniform, inclusive);
            case kHistI32: return pick_chunk<std::int32_t, double>(uniform, inclusive);
            case kHistI64: return pick_chunk<std::int64_t, double>(uniform, inclusive);
            case kHistU8: return pick_chunk<std::uint8_t, double>(uniform, inclusive);
            case kHistU16: return pick_chunk<std::uint16_t, double>(uniform, inclusive);
            case kHistU32: return pick_chunk<std::uint32_t, double>(uniform, inclusive);
            case kHistU64: return pick_chunk<std::uint64_t, double>(uniform, inclusive);
            default: return nullptr;
        }
    }
}

// An axis ready to run: its plan (in the compare type) and its chunk function.
struct PreparedAxis {
    AxisPlan<float> pf{};
    AxisPlan<double> pd{};
    const void* plan = nullptr;
    AxisChunkFn fn = nullptr;
    const void* data = nullptr;
    std::ptrdiff_t stride = 1;
    std::ptrdiff_t n = 1;
    bool uniform = false;

    void run(std::ptrdiff_t begin, std::ptrdiff_t count, std::int64_t* out, std::ptrdiff_t out_stride) const {
        fn(plan, data, stride, begin, count, out, out_stride);
    }
};

// The margin of the SIMD pass. With delta = max_i |f(e_i) - i| (exact: f(e_i)
// is close to the integer i), a value whose guess f = i + r has delta < r <
// 1 - delta satisfies f(e_i) < f(v) < f(e_{i+1}), hence e_i < v < e_{i+1}
// because f is non-decreasing: its bin is i = trunc(f), no edge lookup needed.
// Values nearer an edge (and only those) take the exact scalar path.
template <class C>
void safe_margin(AxisPlan<C>& p) {
    double delta = 0.0;
    for (std::ptrdiff_t i = 0; i <= p.n; ++i) {
        const double f = (static_cast<double>(p.e[i]) - p.e0) * p.scale;
        delta = std::max(delta, std::fabs(f - static_cast<double>(i)));
    }
    const double d = 2.0 * delta + 0x1p-40;  // rounding 1 - d can only shrink the window
    p.simd = d < 0.25 && p.n < (std::ptrdiff_t{1} << 30);
    p.safe_lo = d;
    p.safe_hi = 1.0 - d;
}

// The float form of safe_margin, for float32 data: the argument holds for any
// guess that is non-decreasing in v, and f_f(v) = fl(fl(v - e0_f) * scale_f)
// in float is (each rounding is monotone). For a float v, v > e_i holds when
// f_f(v) > f_f(a_i) and v < e_i when f_f(v) < f_f(b_i), with a_i <= e_i <= b_i
// the floats next to the edge (the edge itself for float edges), so delta is
// measured at both. A fraction f - trunc(f) is exact in float; the float
// window is rounded inwards.
template <class C>
void safe_margin_float(AxisPlan<C>& p) {
    p.e0_f = static_cast<float>(p.e[0]);
    p.scale_f = static_cast<float>(p.scale);
    p.simd_f = false;
    if (!(std::isfinite(p.scale_f) && p.scale_f > 0.0f && std::isfinite(p.e0_f))) return;
    double delta = 0.0;
    for (std::ptrdiff_t i = 0; i <= p.n; ++i) {
        const double e = static_cast<double>(p.e[i]);
        float a = static_cast<float>(e), b = a;
        if (static_cast<double>(a) > e) a = std::nextafter(a, -std::numeric_limits<float>::infinity());
        if (static_cast<double>(b) < e) b = std::nextafter(b, std::numeric_limits<float>::infinity());
        for (const float v : {a, b}) {
            const float f = (v - p.e0_f) * p.scale_f;
            delta = std::max(delta, std::fabs(static_cast<double>(f) - static_cast<double>(i)));
        }
    }
    const double d = 2.0 * delta + 0x1p-20;
    const float lo = static_cast<float>(d), hi = static_cast<float>(1.0 - d);
    p.safe_lo_f = static_cast<double>(lo) < d ? std::nextafter(lo, 1.0f) : lo;
    p.safe_hi_f = static_cast<double>(hi) > 1.0 - d ? std::nextafter(hi, 0.0f) : hi;
    // Codes are formed in float: exact below 2^24 (the caller checks the total).
    p.simd_f = p.simd && d < 0.25 && p.n < (std::ptrdiff_t{1} << 24);
}

template <class C>
void fill_plan(AxisPlan<C>& p, const HistAxis& a, bool& uniform) {
    p.e = static_cast<const C*>(a.edges);
    p.n = a.n_bins;
    p.e0 = static_cast<double>(p.e[0]);
    const double width = static_cast<double>(p.e[p.n]) - p.e0;
    p.scale = static_cast<double>(p.n) / width;
    uniform = a.try_uniform != 0 && uniform_within_one(p, a.inclusive != 0);
    if (uniform) safe_margin(p);
    if (uniform && a.dtype == kHistF32) safe_margin_float(p);
}

inline std::vector<PreparedAxis> prepare_axes(const HistAxis* axes, int d) {
    // Held by the vector, which never reallocates after this loop: plan pointers stay valid.
    std::vector<PreparedAxis> out(static_cast<std::size_t>(d));
    for (int k = 0; k < d; ++k) {
        const HistAxis& a = axes[k];
        PreparedAxis& p = out[static_cast<std::size_t>(k)];
        p.data = a.data;
        p.stride = a.stride;
        p.n = a.n_bins;
        const bool inclusive = a.inclusive != 0;
        if (a.ctype == kHistCmpF32) {
            fill_plan(p.pf, a, p.uniform);
            p.plan = &p.pf;
            p.fn = pick_for_ctype<float>(a.dtype, p.uniform, inclusive);
        } else {
            fill_plan(p.pd, a, p.uniform);
            p.plan = &p.pd;
            p.fn = pick_for_ctype<double>(a.dtype, p.uniform, inclusive);
        }
        INFOKIT_ASSERT(p.fn != nullptr);
    }
    return out;
}

// Flat codes (C order; `total` for a dropped sample) of samples begin .. begin + m.
inline void flat_codes(const std::vector<PreparedAxis>& ax, std::ptrdiff_t begin, std::ptrdiff_t m,
                       std::int64_t total, std::int64_t* code, std::int64_t* tmp) {
    const std::size_t d = ax.size();
    ax[0].run(begin, m, code, 1);
    for (std::size_t k = 1; k < d; ++k) {
        ax[k].run(begin, m, tmp, 1);
        const std::int64_t nk = ax[k].n;
        for (std::ptrdiff_t j = 0; j < m; ++j) {
            const std::int64_t c = code[j], t = tmp[j];
            code[j] = (c < 0 || t < 0) ? -1 : c * nk + t;
        }
    }
    for (std::ptrdiff_t j = 0; j < m; ++j) code[j] = code[j] < 0 ? total : code[j];
}

// Lanes of private counts: consecutive samples in one bin then update different
// memory, so increments do not wait on each other's stores.
constexpr int kHistLanes = 4;
constexpr std::int64_t kHistLaneMaxBins = 2048;

inline void count_range(const std::vector<PreparedAxis>& ax, std::ptrdiff_t b, std::ptrdiff_t e,
                        std::int64_t total, std::int64_t* counts) {
    std::int64_t code[kHistChunk], tmp[kHistChunk];
    const std::int64_t slots = total + 1;
    const bool lanes = slots <= kHistLaneMaxBins;
    std::vector<std::int64_t> lane_counts;
    if (lanes) lane_counts.assign(static_cast<std::size_t>(slots * kHistLanes), 0);
    std::int64_t* lc = lanes ? lane_counts.data() : nullptr;
    for (std::ptrdiff_t s = b; s < e; s += kHistChunk) {
        const std::ptrdiff_t m = std::min<std::ptrdiff_t>(kHistChunk, e - s);
        flat_codes(ax, s, m, total, code, tmp);
        if (lanes) {
            std::ptrdiff_t j = 0;
            for (; j + kHistLanes <= m; j += kHistLanes) {
                ++lc[code[j]];
                ++lc[slots + code[j + 1]];
                ++lc[2 * slots + code[j + 2]];
                ++lc[3 * slots + code[j + 3]];
            }
            for (; j < m; ++j) ++lc[code[j]];
        } else {
            for (std::ptrdiff_t j = 0; j < m; ++j) ++counts[code[j]];
        }
    }
    if (lanes)
        for (std::int64_t k = 0; k < slots; ++k)
            counts[k] += lc[k] + lc[slots + k] + lc[2 * slots + k] + lc[3 * slots + k];
}


// The fused path (1 .. kHistFusedMaxDims uniform axes of one element type): each sample's
// bins are computed and counted in one pass, with no code buffers. The same
// arithmetic as axis_chunk<T, C, true, Inclusive>, so the same bins.
template <class T, class C, bool Inclusive>
struct UniformReader {
    static constexpr bool kSimdType = std::is_same_v<T, double> || std::is_same_v<T, float>;
    const T* x;
    std::ptrdiff_t s;
    const C* e;
    std::ptrdiff_t n;
    double e0, scale, top;
    C lo, hi;

    UniformReader(const PreparedAxis& p, const AxisPlan<C>& plan)
        : x(static_cast<const T*>(p.data)),
          s(p.stride),
          e(plan.e),
          n(plan.n),
          e0(plan.e0),
          scale(plan.scale),
          top(static_cast<double>(plan.n - 1)),
          lo(plan.e[0]),
          hi(plan.e[plan.n]),
          simd(plan.simd),
          safe_lo(plan.safe_lo),
          safe_hi(plan.safe_hi),
          simd_f(plan.simd_f),
          e0_f(plan.e0_f),
          scale_f(plan.scale_f),
          safe_lo_f(plan.safe_lo_f),
          safe_hi_f(plan.safe_hi_f) {}

    bool simd;
    double safe_lo, safe_hi;
    bool simd_f;
    float e0_f, scale_f, safe_lo_f, safe_hi_f;

    // Bin of sample j, or -1 for a dropped value. Branches, not selects: in
    // range and away from edges is the predicted case, so the CPU runs ahead
    // instead of waiting on the edge loads.
    INFOKIT_INLINE std::ptrdiff_t bin(std::ptrdiff_t j) const {
        const C v = static_cast<C>(x[j * s]);
        const bool keep = Inclusive ? (v >= lo && v <= hi) : (v >= lo && v < hi);
        if (!keep) return -1;
        double f = (static_cast<double>(v) - e0) * scale;
        f = f < top ? f : top;
        std::ptrdiff_t i = static_cast<std::ptrdiff_t>(f);
        if (v < e[i])
            --i;
        else if (i < n - 1 && v >= e[i + 1])
            ++i;
        return i;
    }
};

// The widest SIMD form the fused path may use: 2 = AVX2 where the CPU has it,
// 1 = SSE2, 0 = scalar only. All give the same counts; the tests run each
// (histogram_simd_limit), so the forms this CPU would not pick stay tested.
inline std::atomic<int>& simd_limit() {
    static std::atomic<int> limit{2};
    return limit;
}

#if defined(INFOKIT_SSE2)
// Two values of a column as doubles (float columns widen exactly).
template <class T>
INFOKIT_INLINE __m128d load2(const T* x, std::ptrdiff_t s, std::ptrdiff_t j) {
    if constexpr (std::is_same_v<T, double>) {
        if (s == 1) return _mm_loadu_pd(x + j);
        return _mm_set_pd(x[(j + 1) * s], x[j * s]);
    } else {
        if (s == 1) return _mm_cvtps_pd(_mm_castpd_ps(_mm_load_sd(reinterpret_cast<const double*>(x + j))));
        return _mm_set_pd(static_cast<double>(x[(j + 1) * s]), static_cast<double>(x[j * s]));
    }
}

// Why no range test here: a "safe" guess (fractional part in (safe_lo,
// safe_hi), 0 <= f < n; see safe_margin) implies e_0 < v < e_n, so it is kept.
// Everything else (dropped values, NaN, inf, values near an edge) is marked -1
// and resolved by the exact scalar path. cvttpd of NaN / huge values gives
// INT_MIN (defined for the intrinsic), whose fraction test fails.
template <class R>
INFOKIT_INLINE __m128d guess2(const R& r, std::ptrdiff_t j, __m128d& safe) {
    const __m128d v = load2(r.x, r.s, j);
    const __m128d f = _mm_mul_pd(_mm_sub_pd(v, _mm_set1_pd(r.e0)), _mm_set1_pd(r.scale));
    const __m128d g = _mm_cvtepi32_pd(_mm_cvttpd_epi32(f));
    const __m128d frac = _mm_sub_pd(f, g);
    safe = _mm_and_pd(_mm_and_pd(_mm_cmpgt_pd(frac, _mm_set1_pd(r.safe_lo)), _mm_cmplt_pd(frac, _mm_set1_pd(r.safe_hi))),
                      _mm_cmplt_pd(f, _mm_set1_pd(static_cast<double>(r.n))));
    return g;
}

// codes[j] for samples j0 .. j0 + m (m a multiple of 4): the flat bin, or -1
// where the scalar path must decide.
template <class R>
void simd_codes_sse2(const R* axes, int d, std::ptrdiff_t j0, std::ptrdiff_t m, std::int32_t* codes) {
    const __m128d minus1 = _mm_set1_pd(-1.0);
    for (std::ptrdiff_t j = 0; j < m; j += 2) {
        __m128d safe;
        __m128d code = guess2(axes[0], j0 + j, safe);
        for (int k = 1; k < d; ++k) {
            __m128d s2;
            const __m128d g2 = guess2(axes[k], j0 + j, s2);
            safe = _mm_and_pd(safe, s2);
            code = _mm_add_pd(_mm_mul_pd(code, _mm_set1_pd(static_cast<double>(axes[k].n))), g2);  // exact: < 2^30
        }
        code = _mm_or_pd(_mm_and_pd(safe, code), _mm_andnot_pd(safe, minus1));
        _mm_storel_epi64(reinterpret_cast<__m128i*>(codes + j), _mm_cvttpd_epi32(code));
    }
}

#if defined(INFOKIT_HIST_AVX2)
template <class T>
__attribute__((target("avx2"))) inline __m256d load4(const T* x, std::ptrdiff_t s, std::ptrdiff_t j) {
    if constexpr (std::is_same_v<T, double>) {
        if (s == 1) return _mm256_loadu_pd(x + j);
        return _mm256_set_pd(x[(j + 3) * s], x[(j + 2) * s], x[(j + 1) * s], x[j * s]);
    } else {
        if (s == 1) return _mm256_cvtps_pd(_mm_loadu_ps(x + j));
        return _mm256_cvtps_pd(_mm_set_ps(x[(j + 3) * s], x[(j + 2) * s], x[(j + 1) * s], x[j * s]));
    }
}

template <class R>
__attribute__((target("avx2"))) inline __m256d guess4(const R& r, std::ptrdiff_t j, __m256d& safe) {
    const __m256d v = load4(r.x, r.s, j);
    const __m256d f = _mm256_mul_pd(_mm256_sub_pd(v, _mm256_set1_pd(r.e0)), _mm256_set1_pd(r.scale));
    // trunc(f) in one rounding instruction (the SSE2 form converts to int32
    // and back, two): for |f| < 2^31 the same value; NaN, +-inf and huge f
    // give a fraction of NaN or 0, which the window below rejects as before.
    const __m256d g = _mm256_round_pd(f, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    const __m256d frac = _mm256_sub_pd(f, g);
    safe = _mm256_and_pd(_mm256_and_pd(_mm256_cmp_pd(frac, _mm256_set1_pd(r.safe_lo), _CMP_GT_OQ),
                                       _mm256_cmp_pd(frac, _mm256_set1_pd(r.safe_hi), _CMP_LT_OQ)),
                         _mm256_cmp_pd(f, _mm256_set1_pd(static_cast<double>(r.n)), _CMP_LT_OQ));
    return g;
}

// The same codes as simd_codes_sse2, four samples at a time (the same IEEE
// operations, no fused multiply-add: the results do not depend on the path).
template <class R>
__attribute__((target("avx2"))) void simd_codes_avx2(const R* axes, int d, std::ptrdiff_t j0, std::ptrdiff_t m,
                                                     std::int32_t* codes) {
    const __m256d minus1 = _mm256_set1_pd(-1.0);
    const __m256d ny = _mm256_set1_pd(static_cast<double>(d == 2 ? axes[1].n : 1));
    for (std::ptrdiff_t j = 0; j < m; j += 4) {
        __m256d safe;
        __m256d code = guess4(axes[0], j0 + j, safe);
        if (d == 2) {
            __m256d s2;
            const __m256d g2 = guess4(axes[1], j0 + j, s2);
            safe = _mm256_and_pd(safe, s2);
            code = _mm256_add_pd(_mm256_mul_pd(code, ny), g2);
        }
        code = _mm256_blendv_pd(minus1, code, safe);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(codes + j), _mm256_cvttpd_epi32(code));
    }
}

// Codes and increments in one loop, four samples at a time: the loads of the
// next samples overlap the increments of these (a separate increment pass
// leaves the memory idle meanwhile).
// D > 0 fixes the number of axes at compile time (1 and 2, the common
// cases: the axes' constants then stay in registers); D = 0 reads d.
template <int D, class R, class Slow>
__attribute__((target("avx2"))) void simd_count_avx2(const R* axes, int d, std::ptrdiff_t j0, std::ptrdiff_t m,
                                                     std::int64_t* lc, std::int64_t lane_step, const Slow& slow) {
    const __m256d minus1 = _mm256_set1_pd(-1.0);
    alignas(16) std::int32_t c4[4];
    if constexpr (D > 0) d = D;
    const R a0 = axes[0];
    const R a1 = axes[d > 1 ? 1 : 0];
    for (std::ptrdiff_t j = 0; j < m; j += 4) {
        __m256d safe;
        __m256d code = guess4(a0, j0 + j, safe);
        if constexpr (D == 2) {
            __m256d s2;
            const __m256d g2 = guess4(a1, j0 + j, s2);
            safe = _mm256_and_pd(safe, s2);
            code = _mm256_add_pd(_mm256_mul_pd(code, _mm256_set1_pd(static_cast<double>(a1.n))), g2);
        }
        for (int k = D > 0 ? D : 1; k < d; ++k) {
            __m256d s2;
            const __m256d g2 = guess4(axes[k], j0 + j, s2);
            safe = _mm256_and_pd(safe, s2);
            code = _mm256_add_pd(_mm256_mul_pd(code, _mm256_set1_pd(static_cast<double>(axes[k].n))), g2);
        }
        code = _mm256_blendv_pd(minus1, code, safe);
        const __m128i ci = _mm256_cvttpd_epi32(code);
        _mm_store_si128(reinterpret_cast<__m128i*>(c4), ci);
        if (_mm_movemask_ps(_mm_castsi128_ps(ci)) == 0) {  // the usual case: all four placed
            ++lc[c4[0]];
            ++lc[lane_step + c4[1]];
            ++lc[2 * lane_step + c4[2]];
            ++lc[3 * lane_step + c4[3]];
            continue;
        }
        for (int l = 0; l < 4; ++l) {
            std::int64_t c = c4[l];
            if (c < 0) c = slow(j0 + j + l);
            ++lc[l * lane_step + c];
        }
    }
}

// trunc of the float guess of eight samples, and where it is provably their bin (safe_margin_float).
__attribute__((target("avx2"))) inline __m256 guess8_f32(const float* x, __m256 e0, __m256 sc, __m256 lo, __m256 hi,
                                                        __m256 n, __m256& safe) {
    const __m256 f = _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(x), e0), sc);
    const __m256 g = _mm256_round_ps(f, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    const __m256 frac = _mm256_sub_ps(f, g);
    safe = _mm256_and_ps(_mm256_and_ps(_mm256_cmp_ps(frac, lo, _CMP_GT_OQ), _mm256_cmp_ps(frac, hi, _CMP_LT_OQ)),
                         _mm256_cmp_ps(f, n, _CMP_LT_OQ));
    return g;
}

// Float32 data, one or two axes: the guess in float, eight
// samples at a time (safe_margin_float), else as simd_count_avx2. Contiguous
// columns only.
template <int D, class R, class Slow>
__attribute__((target("avx2"))) void simd_count_avx2_f32(const R* axes, std::ptrdiff_t j0, std::ptrdiff_t m,
                                                         std::int64_t* lc, std::int64_t lane_step, const Slow& slow) {
    static_assert(D == 1 || D == 2, "one or two axes");
    const R& a0 = axes[0];
    const R& a1 = axes[D - 1];
    const __m256 e00 = _mm256_set1_ps(a0.e0_f), sc0 = _mm256_set1_ps(a0.scale_f);
    const __m256 lo0 = _mm256_set1_ps(a0.safe_lo_f), hi0 = _mm256_set1_ps(a0.safe_hi_f);
    const __m256 n0 = _mm256_set1_ps(static_cast<float>(a0.n));
    const __m256 e01 = _mm256_set1_ps(a1.e0_f), sc1 = _mm256_set1_ps(a1.scale_f);
    const __m256 lo1 = _mm256_set1_ps(a1.safe_lo_f), hi1 = _mm256_set1_ps(a1.safe_hi_f);
    const __m256 n1 = _mm256_set1_ps(static_cast<float>(a1.n));
    const __m256 minus1 = _mm256_set1_ps(-1.0f);
    alignas(32) std::int32_t c8[8];
    for (std::ptrdiff_t j = 0; j < m; j += 8) {
        __m256 safe;
        __m256 code = guess8_f32(a0.x + j0 + j, e00, sc0, lo0, hi0, n0, safe);
        if constexpr (D == 2) {
            __m256 s2;
            const __m256 g2 = guess8_f32(a1.x + j0 + j, e01, sc1, lo1, hi1, n1, s2);
            safe = _mm256_and_ps(safe, s2);
            code = _mm256_add_ps(_mm256_mul_ps(code, n1), g2);  // exact: < 2^24
        }
        code = _mm256_blendv_ps(minus1, code, safe);
        const __m256i ci = _mm256_cvttps_epi32(code);
        _mm256_store_si256(reinterpret_cast<__m256i*>(c8), ci);
        if (_mm256_movemask_ps(_mm256_castsi256_ps(ci)) == 0) {
            ++lc[c8[0]];
            ++lc[lane_step + c8[1]];
            ++lc[2 * lane_step + c8[2]];
            ++lc[3 * lane_step + c8[3]];
            ++lc[c8[4]];
            ++lc[lane_step + c8[5]];
            ++lc[2 * lane_step + c8[6]];
            ++lc[3 * lane_step + c8[7]];
            continue;
        }
        for (int l = 0; l < 8; ++l) {
            std::int64_t c = c8[l];
            if (c < 0) c = slow(j0 + j + l);
            ++lc[(l & 3) * lane_step + c];
        }
    }
}

inline bool cpu_has_avx2() {
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
}
#endif

#endif

// Count samples [b, e) of one or two uniform axes of one reader type.
template <class R, bool Inclusive>
void fused_count(const R* axes, int d, std::ptrdiff_t b, std::ptrdiff_t e, std::int64_t total,
                 std::int64_t* counts) {
    const std::int64_t slots = total + 1;
    auto scalar_code = [&](std::ptrdiff_t j) -> std::int64_t {
        std::int64_t code = 0;
        for (int k = 0; k < d; ++k) {
            const std::ptrdiff_t i = axes[k].bin(j);
            if (i < 0) return total;
            code = code * axes[k].n + i;
        }
        return code;
    };
    // Lanes of private counts for small histograms: consecutive samples in one
    // bin then update different memory, so increments do not wait on each other.
    const bool lanes = slots <= kHistLaneMaxBins;
    std::vector<std::int64_t> lane_counts(lanes ? static_cast<std::size_t>(slots * kHistLanes) : 0, 0);
    std::int64_t* lc = lanes ? lane_counts.data() : counts;
    const std::int64_t lane_step = lanes ? slots : 0;
#if defined(INFOKIT_SSE2)
    bool simd = R::kSimdType && total < (std::int64_t{1} << 30) && simd_limit().load() >= 1;
    for (int k = 0; k < d; ++k) simd = simd && axes[k].simd;
    // The float form: one or two contiguous float32 axes compared as float, codes below 2^24.
    bool f32_lanes = simd && d <= 2 && total < (std::int64_t{1} << 24);
    for (int k = 0; k < d; ++k) f32_lanes = f32_lanes && axes[k].simd_f && axes[k].s == 1;
    (void)f32_lanes;  // read only by the float32 reader
    if constexpr (R::kSimdType) {
      if (simd) {
        alignas(16) std::int32_t codes[kHistChunk];
        for (std::ptrdiff_t s0 = b; s0 < e; s0 += kHistChunk) {
            const std::ptrdiff_t m = std::min<std::ptrdiff_t>(kHistChunk, e - s0);
            const std::ptrdiff_t m2 = m & ~std::ptrdiff_t{3};
#if defined(INFOKIT_HIST_AVX2)
            if (simd_limit().load() >= 2 && cpu_has_avx2()) {
                if constexpr (std::is_same_v<R, UniformReader<float, float, Inclusive>> ||
                              std::is_same_v<R, UniformReader<float, double, Inclusive>>) {
                    if (f32_lanes) {
                        const std::ptrdiff_t m8 = m & ~std::ptrdiff_t{7};
                        if (d == 2)
                            simd_count_avx2_f32<2>(axes, s0, m8, lc, lane_step, scalar_code);
                        else
                            simd_count_avx2_f32<1>(axes, s0, m8, lc, lane_step, scalar_code);
                        for (std::ptrdiff_t j = m8; j < m; ++j) ++lc[(j & (kHistLanes - 1)) * lane_step + scalar_code(s0 + j)];
                        continue;
                    }
                }
                if (d == 2)
                    simd_count_avx2<2>(axes, d, s0, m2, lc, lane_step, scalar_code);
                else if (d == 1)
                    simd_count_avx2<1>(axes, d, s0, m2, lc, lane_step, scalar_code);
                else
                    simd_count_avx2<0>(axes, d, s0, m2, lc, lane_step, scalar_code);
                for (std::ptrdiff_t j = m2; j < m; ++j) ++lc[scalar_code(s0 + j)];
                continue;
            }
#endif
            simd_codes_sse2(axes, d, s0, m2, codes);
            for (std::ptrdiff_t j = m2; j < m; ++j) codes[j] = static_cast<std::int32_t>(scalar_code(s0 + j));
            // While counting this chunk, bring the next one into cache: the
            // memory stays busy during the increments (one prefetch per 64-byte
            // line of each column; contiguous columns only).
            const std::ptrdiff_t ahead = std::min<std::ptrdiff_t>(kHistChunk, e - (s0 + m));
            constexpr std::ptrdiff_t kLine = 64 / static_cast<std::ptrdiff_t>(sizeof(*axes[0].x));
            for (std::ptrdiff_t j = 0; j < m; ++j) {
                if ((j % kLine) == 0 && j < ahead)
                    for (int k = 0; k < d; ++k)
                        if (axes[k].s == 1) INFOKIT_PREFETCH(axes[k].x + s0 + m + j);
                std::int64_t c = codes[j];
                if (c < 0) c = scalar_code(s0 + j);
                ++lc[(j & (kHistLanes - 1)) * lane_step + c];
            }
        }
      }
    }
    if (!simd)
#endif
    {
        for (std::ptrdiff_t j = b; j < e; ++j) ++lc[(j & (kHistLanes - 1)) * lane_step + scalar_code(j)];
    }
    if (lanes)
        for (std::int64_t c = 0; c < slots; ++c)
            counts[c] += lc[c] + lc[slots + c] + lc[2 * slots + c] + lc[3 * slots + c];
}

// The fused path serves up to this many axes (all uniform, of one element type).
constexpr int kHistFusedMaxDims = 8;

// A counter over [b, e) into `counts`, or an empty function when no fused path serves these axes.
using RangeCounter = std::function<void(std::ptrdiff_t, std::ptrdiff_t, std::int64_t*)>;

template <class T, class C, bool Inclusive>
RangeCounter fused_for(const std::vector<PreparedAxis>& ax, std::int64_t total) {
    using R = UniformReader<T, C, Inclusive>;
    const int d = static_cast<int>(ax.size());
    std::vector<R> readers;
    for (const PreparedAxis& p : ax) readers.emplace_back(p, *static_cast<const AxisPlan<C>*>(p.plan));
    return [readers, d, total](std::ptrdiff_t b, std::ptrdiff_t e, std::int64_t* c) {
        fused_count<R, Inclusive>(readers.data(), d, b, e, total, c);
    };
}

template <class C, bool Inclusive>
RangeCounter fused_dtype(int dtype, const std::vector<PreparedAxis>& ax, std::int64_t total) {
    if constexpr (std::is_same_v<C, float>) {
        if (dtype == kHistF32) return fused_for<float, float, Inclusive>(ax, total);
        return {};
    } else {
        switch (dtype) {
            case kHistF64: return fused_for<double, double, Inclusive>(ax, total);
            case kHistF32: return fused_for<float, double, Inclusive>(ax, total);
            case kHistI8: return fused_for<std::int8_t, double, Inclusive>(ax, total);
            case kHistI16: return fused_for<std::int16_t, double, Inclusive>(ax, total);
            case kHistI32: return fused_for<std::int32_t, double, Inclusive>(ax, total);
            case kHistI64: return fused_for<std::int64_t, double, Inclusive>(ax, total);
            case kHistU8: return fused_for<std::uint8_t, double, Inclusive>(ax, total);
            case kHistU16: return fused_for<std::uint16_t, double, Inclusive>(ax, total);
            case kHistU32: return fused_for<std::uint32_t, double, Inclusive>(ax, total);
            case kHistU64: return fused_for<std::uint64_t, double, Inclusive>(ax, total);
            default: return {};
        }
    }
}

inline RangeCounter pick_counter(const HistAxis* axes, int d, const std::vector<PreparedAxis>& ax,
                                 std::int64_t total) {
    if (d < 1 || d > kHistFusedMaxDims) return {};
    for (int k = 0; k < d; ++k) {
        if (!ax[static_cast<std::size_t>(k)].uniform || axes[k].dtype != axes[0].dtype ||
            axes[k].ctype != axes[0].ctype || axes[k].inclusive != axes[0].inclusive)
            return {};
    }
    const bool inc = axes[0].inclusive != 0;
    if (axes[0].ctype == kHistCmpF32)
        return inc ? fused_dtype<float, true>(axes[0].dtype, ax, total)
                   : fused_dtype<float, false>(axes[0].dtype, ax, total);
    return inc ? fused_dtype<double, true>(axes[0].dtype, ax, total)
               : fused_dtype<double, false>(axes[0].dtype, ax, total);
}

}  // namespace detail

// Set the widest SIMD form of the fused path (2 AVX2 / 1 SSE2 / 0 none; for
// tests); returns the previous setting. Results never depend on it.
inline int histogram_simd_limit(int limit) {
    return detail::simd_limit().exchange(limit);
}

// Does the uniform (multiply) path serve this axis? For tests and benchmarks.
inline int histogram_axis_uniform(const HistAxis& axis) {
    return detail::prepare_axes(&axis, 1)[0].uniform ? 1 : 0;
}

// Unweighted counts: counts[code] for code in C order over the d axes, plus
// counts[prod(n_bins)] = number of dropped samples. `counts` is zeroed.
inline void histogram_counts(const HistAxis* axes, int d, std::ptrdiff_t n_samples, std::int64_t* counts,
                             int n_threads) {
    if (n_samples <= 0 || d <= 0) return;
    const std::vector<detail::PreparedAxis> ax = detail::prepare_axes(axes, d);
    std::int64_t total = 1;
    for (const auto& a : ax) total *= a.n;
    const std::ptrdiff_t min_per_thread = std::max<std::ptrdiff_t>(1 << 15, 4 * (total + 1));
    const int t = effective_threads(n_samples, n_threads, min_per_thread);
    detail::RangeCounter fused = detail::pick_counter(axes, d, ax, total);
    auto count = [&](std::ptrdiff_t b, std::ptrdiff_t e, std::int64_t* c) {
        if (fused)
            fused(b, e, c);
        else
            detail::count_range(ax, b, e, total, c);
    };
    if (t == 1) {
        count(0, n_samples, counts);
        return;
    }
    // Contiguous ranges, one per thread; thread 0 counts into `counts`, the
    // others into private arrays added in thread order.
    const std::size_t slots = static_cast<std::size_t>(total + 1);
    std::vector<std::vector<std::int64_t>> priv(static_cast<std::size_t>(t - 1));
    const std::ptrdiff_t per = (n_samples + t - 1) / t;
    parallel_for_blocks(t, 1, t, [&](std::ptrdiff_t r, std::ptrdiff_t) {
        const std::ptrdiff_t b = r * per, e = std::min(n_samples, b + per);
        if (b >= e) return;
        if (r == 0) {
            count(b, e, counts);
        } else {
            auto& c = priv[static_cast<std::size_t>(r - 1)];
            c.assign(slots, 0);
            count(b, e, c.data());
        }
    });
    for (const auto& c : priv)
        if (!c.empty())
            for (std::size_t k = 0; k < slots; ++k) counts[k] += c[k];
}

// Weighted sums: out[code] += w[i * w_stride] in sample order, in blocks of
// `block` samples (block <= 0: one block) added into `out` in block order.
// `out` is zeroed, prod(n_bins) + 1 long (the last entry sums dropped weights).
inline void histogram_weighted(const HistAxis* axes, int d, std::ptrdiff_t n_samples, const double* w,
                               std::ptrdiff_t w_stride, std::ptrdiff_t block, double* out) {
    if (n_samples <= 0 || d <= 0) return;
    const std::vector<detail::PreparedAxis> ax = detail::prepare_axes(axes, d);
    std::int64_t total = 1;
    for (const auto& a : ax) total *= a.n;
    const std::size_t slots = static_cast<std::size_t>(total + 1);
    if (block <= 0 || block >= n_samples) block = n_samples;
    const bool blocked = block < n_samples;
    std::vector<double> part(blocked ? slots : 0);
    std::int64_t code[detail::kHistChunk], tmp[detail::kHistChunk];
    for (std::ptrdiff_t b0 = 0; b0 < n_samples; b0 += block) {
        const std::ptrdiff_t b1 = std::min(n_samples, b0 + block);
        double* acc = blocked ? part.data() : out;
        if (blocked) std::fill(part.begin(), part.end(), 0.0);
        for (std::ptrdiff_t s = b0; s < b1; s += detail::kHistChunk) {
            const std::ptrdiff_t m = std::min<std::ptrdiff_t>(detail::kHistChunk, b1 - s);
            detail::flat_codes(ax, s, m, total, code, tmp);
            const double* ws = w + s * w_stride;
            for (std::ptrdiff_t j = 0; j < m; ++j) acc[code[j]] += ws[j * w_stride];
        }
        if (blocked)
            for (std::size_t k = 0; k < slots; ++k) out[k] += part[k];
    }
}

// Per-sample bin index of every axis: out[i * d + k] = t(x_k[i]) or -1 when
// the value is dropped (out of range or NaN).
inline void histogram_bin_indices(const HistAxis* axes, int d, std::ptrdiff_t n_samples, std::int64_t* out,
                                  int n_threads) {
    if (n_samples <= 0 || d <= 0) return;
    const std::vector<detail::PreparedAxis> ax = detail::prepare_axes(axes, d);
    parallel_for(
        n_samples, n_threads,
        [&](std::ptrdiff_t b, std::ptrdiff_t e) {
            for (int k = 0; k < d; ++k) ax[static_cast<std::size_t>(k)].run(b, e - b, out + b * d + k, d);
        },
        1 << 15);
}

// Per-sample flat codes (C order over the axes; -1 when any axis drops the sample).
inline void histogram_flat_codes(const HistAxis* axes, int d, std::ptrdiff_t n_samples, std::int64_t* out,
                                 int n_threads) {
    if (n_samples <= 0 || d <= 0) return;
    const std::vector<detail::PreparedAxis> ax = detail::prepare_axes(axes, d);
    std::int64_t total = 1;
    for (const auto& a : ax) total *= a.n;
    parallel_for(
        n_samples, n_threads,
        [&](std::ptrdiff_t b, std::ptrdiff_t e) {
            std::int64_t tmp[detail::kHistChunk];
            for (std::ptrdiff_t s = b; s < e; s += detail::kHistChunk) {
                const std::ptrdiff_t m = std::min<std::ptrdiff_t>(detail::kHistChunk, e - s);
                detail::flat_codes(ax, s, m, total, out + s, tmp);
                for (std::ptrdiff_t j = 0; j < m; ++j) out[s + j] = out[s + j] == total ? -1 : out[s + j];
            }
        },
        1 << 15);
}


// ---------------------------------------------------------------------------
// Column range: the min and max of a float column and whether every value is
// finite, in one pass (the histogram estimators need all three before they
// can place an edge; separate isfinite / min / max scans read the data three
// times). Min and max ignore NaN (a NaN fails every comparison, so it never
// replaces an accumulator); finite = no NaN and both extremes finite. -0.0 is
// reported as +0.0, so the result does not depend on which zero came first
// (and so on the thread count): min and max are exact, order-free reductions.
namespace detail {

template <class T>
struct RangeAcc {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    bool nan = false;
    RangeAcc& operator+=(const RangeAcc& o) {
        lo = o.lo < lo ? o.lo : lo;
        hi = o.hi > hi ? o.hi : hi;
        nan = nan || o.nan;
        return *this;
    }
};

template <class T>
INFOKIT_INLINE void range_scalar(const T* x, std::ptrdiff_t s, std::ptrdiff_t b, std::ptrdiff_t e, T& lo, T& hi,
                                 bool& nan) {
    for (std::ptrdiff_t j = b; j < e; ++j) {
        const T v = x[j * s];
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        nan = nan || (v != v);
    }
}

#if defined(INFOKIT_HIST_AVX2)
// The contiguous part of range_block four (eight) lanes wide; returns where it stopped.
template <class T>
__attribute__((target("avx2"))) std::ptrdiff_t range_avx2(const T* x, std::ptrdiff_t j, std::ptrdiff_t e, T& lo,
                                                          T& hi, bool& nan) {
    if constexpr (std::is_same_v<T, double>) {
        __m256d l0 = _mm256_set1_pd(lo), l1 = l0, h0 = _mm256_set1_pd(hi), h1 = h0, bad = _mm256_setzero_pd();
        for (; j + 8 <= e; j += 8) {
            const __m256d v0 = _mm256_loadu_pd(x + j), v1 = _mm256_loadu_pd(x + j + 4);
            l0 = _mm256_min_pd(v0, l0);
            l1 = _mm256_min_pd(v1, l1);
            h0 = _mm256_max_pd(v0, h0);
            h1 = _mm256_max_pd(v1, h1);
            bad = _mm256_or_pd(bad, _mm256_or_pd(_mm256_cmp_pd(v0, v0, _CMP_UNORD_Q), _mm256_cmp_pd(v1, v1, _CMP_UNORD_Q)));
        }
        alignas(32) double t[4];
        _mm256_store_pd(t, _mm256_min_pd(l0, l1));
        lo = std::min(std::min(t[0], t[1]), std::min(t[2], t[3]));
        _mm256_store_pd(t, _mm256_max_pd(h0, h1));
        hi = std::max(std::max(t[0], t[1]), std::max(t[2], t[3]));
        nan = _mm256_movemask_pd(bad) != 0;
    } else {
        __m256 l0 = _mm256_set1_ps(lo), l1 = l0, h0 = _mm256_set1_ps(hi), h1 = h0, bad = _mm256_setzero_ps();
        for (; j + 16 <= e; j += 16) {
            const __m256 v0 = _mm256_loadu_ps(x + j), v1 = _mm256_loadu_ps(x + j + 8);
            l0 = _mm256_min_ps(v0, l0);
            l1 = _mm256_min_ps(v1, l1);
            h0 = _mm256_max_ps(v0, h0);
            h1 = _mm256_max_ps(v1, h1);
            bad = _mm256_or_ps(bad, _mm256_or_ps(_mm256_cmp_ps(v0, v0, _CMP_UNORD_Q), _mm256_cmp_ps(v1, v1, _CMP_UNORD_Q)));
        }
        alignas(32) float t[8];
        _mm256_store_ps(t, _mm256_min_ps(l0, l1));
        for (int k = 0; k < 8; ++k) lo = std::min(lo, t[k]);
        _mm256_store_ps(t, _mm256_max_ps(h0, h1));
        for (int k = 0; k < 8; ++k) hi = std::max(hi, t[k]);
        nan = _mm256_movemask_ps(bad) != 0;
    }
    return j;
}
#endif

template <class T>
void range_block(const T* x, std::ptrdiff_t s, std::ptrdiff_t b, std::ptrdiff_t e, RangeAcc<T>& acc) {
    T lo = std::numeric_limits<T>::infinity(), hi = -std::numeric_limits<T>::infinity();
    bool nan = false;
    std::ptrdiff_t j = b;
#if defined(INFOKIT_HIST_AVX2)
    // Min, max and NaN do not depend on the lane count: the same result as the SSE2 and scalar forms.
    if (s == 1 && simd_limit().load() >= 2 && cpu_has_avx2()) j = range_avx2(x, j, e, lo, hi, nan);
#endif
#if defined(INFOKIT_SSE2)
    if (s == 1 && j == b && simd_limit().load() >= 1) {
        // minpd(v, m) is v < m ? v : m, so a NaN v leaves m alone; NaN is
        // recorded by an unordered compare. Four accumulators hide latency.
        if constexpr (std::is_same_v<T, double>) {
            __m128d l0 = _mm_set1_pd(lo), l1 = l0, h0 = _mm_set1_pd(hi), h1 = h0, bad = _mm_setzero_pd();
            for (; j + 4 <= e; j += 4) {
                const __m128d v0 = _mm_loadu_pd(x + j), v1 = _mm_loadu_pd(x + j + 2);
                l0 = _mm_min_pd(v0, l0);
                l1 = _mm_min_pd(v1, l1);
                h0 = _mm_max_pd(v0, h0);
                h1 = _mm_max_pd(v1, h1);
                bad = _mm_or_pd(bad, _mm_or_pd(_mm_cmpunord_pd(v0, v0), _mm_cmpunord_pd(v1, v1)));
            }
            alignas(16) double t[2];
            _mm_store_pd(t, _mm_min_pd(l0, l1));
            lo = std::min(t[0], t[1]);
            _mm_store_pd(t, _mm_max_pd(h0, h1));
            hi = std::max(t[0], t[1]);
            nan = _mm_movemask_pd(bad) != 0;
        } else {
            __m128 l0 = _mm_set1_ps(lo), l1 = l0, h0 = _mm_set1_ps(hi), h1 = h0, bad = _mm_setzero_ps();
            for (; j + 8 <= e; j += 8) {
                const __m128 v0 = _mm_loadu_ps(x + j), v1 = _mm_loadu_ps(x + j + 4);
                l0 = _mm_min_ps(v0, l0);
                l1 = _mm_min_ps(v1, l1);
                h0 = _mm_max_ps(v0, h0);
                h1 = _mm_max_ps(v1, h1);
                bad = _mm_or_ps(bad, _mm_or_ps(_mm_cmpunord_ps(v0, v0), _mm_cmpunord_ps(v1, v1)));
            }
            alignas(16) float t[4];
            _mm_store_ps(t, _mm_min_ps(l0, l1));
            lo = std::min(std::min(t[0], t[1]), std::min(t[2], t[3]));
            _mm_store_ps(t, _mm_max_ps(h0, h1));
            hi = std::max(std::max(t[0], t[1]), std::max(t[2], t[3]));
            nan = _mm_movemask_ps(bad) != 0;
        }
    }
#endif
    range_scalar(x, s, j, e, lo, hi, nan);
    RangeAcc<T> r;
    r.lo = static_cast<double>(lo);
    r.hi = static_cast<double>(hi);
    r.nan = nan;
    acc += r;
}

}  // namespace detail

// Range of one float64 / float32 column (dtype kHistF64 / kHistF32) of n >= 0
// values at a signed element stride: out[0] = min, out[1] = max (NaN ignored;
// +inf / -inf for a column without a non-NaN value); returns 1 when every
// value is finite. Threaded over fixed blocks; the result is the same for any
// n_threads.
inline int column_range(const void* data, int dtype, std::ptrdiff_t stride, std::ptrdiff_t n, double* out,
                        int n_threads) {
    constexpr std::ptrdiff_t kBlock = std::ptrdiff_t{1} << 16;
    const int t = effective_threads(n, n_threads, std::ptrdiff_t{1} << 18);
    auto run = [&](auto* x) {
        using T = std::remove_const_t<std::remove_pointer_t<decltype(x)>>;
        return parallel_reduce_blocks<detail::RangeAcc<T>>(
            n, kBlock, t, [&](std::ptrdiff_t b, std::ptrdiff_t e, detail::RangeAcc<T>& acc) {
                detail::range_block<T>(x, stride, b, e, acc);
            });
    };
    double lo, hi;
    bool nan;
    if (dtype == kHistF32) {
        const auto r = run(static_cast<const float*>(data));
        lo = r.lo, hi = r.hi, nan = r.nan;
    } else {
        const auto r = run(static_cast<const double*>(data));
        lo = r.lo, hi = r.hi, nan = r.nan;
    }
    out[0] = lo + 0.0;  // -0.0 -> +0.0: the same bits whichever zero a block met first
    out[1] = hi + 0.0;
    return (!nan && std::isfinite(lo) && std::isfinite(hi)) ? 1 : 0;
}

}  // namespace infokit
