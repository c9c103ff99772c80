// infokit/dist/table.hpp — fused row kernels for measures of GIVEN distributions.
//
// Each kernel reads a batch of distributions stored as the rows of strided 2-D
// blocks (pointer + row and column strides counted in elements, so broadcast
// stride-0 views and transposed views need no copy), normalises every row by its
// own sum and reduces it to one number: entropy, cross-entropy, KL, JS, total
// variation or the Hellinger distance.
//
// Inputs are TRUSTED: shapes, strides, weights and options were validated in
// Python (infokit.dist). The kernels never decide what bad values mean. Per row
// and per input they report the row sum and a bit set of what they saw
// (negative, NaN, +-inf entries, or a sum that overflowed), write NaN as the
// result of any such row or of a row whose sum is not positive, and Python then
// raises or propagates as the user asked.
//
// Arithmetic is fixed by the shape alone: double accumulation whatever T is;
// columns are cut into chunks of kChunk whose partial sums are added in chunk
// order. Rows (or, for long rows, (row, chunk) pairs) are spread over threads,
// so results are bit-identical for every thread count and either path.
//
// Speed: entropy, KL, cross-entropy and two-distribution JS evaluate their
// terms kBuf entries at a time: the entries are converted into a contiguous
// double buffer (or read in place when already contiguous doubles), a
// branch-free loop built on core/fastmath.hpp's log_pos (<= 1 ulp) maps them to terms, and
// the terms are added into 8 fixed lanes, combined in a fixed order. The
// compiler vectorises both loops; the order of every addition still depends
// only on the shape. Those loops use log_pos_normal and redo a block with
// log_pos only where an argument is below 2^-1021 (same bits either way).
// Long normalised rows of entropy and cross-entropy are reduced in one pass
// over the data (kOnePassGate), so they need no division per entry; entropy
// of contiguous double rows also sums, checks and maps each chunk in a single
// read (EntropyTerm::fused): measured 0.68 ms for a 1e6 probability vector on
// one thread, where NumPy's -np.sum(p * np.log(p)) takes 0.84 ms.
//
// Accuracy of two-distribution JS: every term is accurate relative to itself,
// also where the two rows nearly agree (a series in (x - y) / m there, see
// JsNear, and a correction for the rounding of the row sums, js2_resum), so
// JS is right relative to JS at every distance, not only to ~1e-16 absolute.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include "infokit/core/config.hpp"
#include "infokit/core/fastmath.hpp"
#include "infokit/core/parallel.hpp"

namespace infokit {

// Bits reported per (input, row).
enum RowFlag : unsigned char {
    kRowNegative = 1,  // an entry < 0 (or -inf)
    kRowNaN = 2,       // an entry is NaN
    kRowInf = 4,       // an entry is +-inf
    kRowOverflow = 8,  // all entries finite but their sum overflowed to inf
};

// Pairwise measures computed by row_pair.
enum PairMeasure : int {
    kPairKL = 0,              // sum x log(x / y)
    kPairCrossEntropy = 1,    // -sum x log y
    kPairTotalVariation = 2,  // 0.5 sum |x - y|
    kPairHellinger = 3,       // sqrt(0.5 sum (sqrt x - sqrt y)^2)
};

namespace detail {

// Column chunk: long rows are split here so that one row can use several threads
// (and so that the summation order never depends on the thread count).
constexpr std::ptrdiff_t kChunk = 8192;

template <class T>
struct Input {
    const T* data;
    std::ptrdiff_t row_stride;
    std::ptrdiff_t col_stride;
};

template <class T>
unsigned char classify(const T* p, std::ptrdiff_t cs, std::ptrdiff_t b, std::ptrdiff_t e) {
    unsigned char f = 0;
    for (std::ptrdiff_t j = b; j < e; ++j) {
        const T v = p[j * cs];
        if (std::isnan(v))
            f |= kRowNaN;
        else if (std::isinf(v))
            f |= kRowInf;
        else if (v < T(0))
            f |= kRowNegative;
    }
    return f;
}

// Bit pattern of a T and the tests on it used by the sum pass.
template <class T>
struct BitsOf;
template <>
struct BitsOf<double> {
    using U = std::uint64_t;
    static constexpr U kMinExp = U(1) << 52;  // lowest bit of the exponent field
    static constexpr int kTop = 63;
};
template <>
struct BitsOf<float> {
    using U = std::uint32_t;
    static constexpr U kMinExp = U(1) << 23;
    static constexpr int kTop = 31;
};

// Sum of p[b:e] in 8 lanes (entry j to lane (j - b) % 8, lanes combined
// pairwise: a fixed order, so deterministic). The entries are tested on their
// bits, which vectorises: u | (u + kMinExp) has its top bit set exactly when
// the sign is set (negative or -0) or the exponent field is all ones (inf /
// NaN). Only then does the slow classification run (it ignores -0).
template <class T, bool Unit>
double segment_sum_impl(const T* p, std::ptrdiff_t cs, std::ptrdiff_t b, std::ptrdiff_t e,
                        unsigned char& flags) {
    using U = typename BitsOf<T>::U;
    if (Unit) cs = 1;
    double a[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    U bad[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::ptrdiff_t j = b;
    for (; j + 8 <= e; j += 8) {
        for (int l = 0; l < 8; ++l) {
            const T v = p[(j + l) * cs];
            U u;
            std::memcpy(&u, &v, sizeof u);
            a[l] += static_cast<double>(v);
            bad[l] |= u | (u + BitsOf<T>::kMinExp);
        }
    }
    for (; j < e; ++j) {
        const T v = p[j * cs];
        U u;
        std::memcpy(&u, &v, sizeof u);
        a[(j - b) & 7] += static_cast<double>(v);
        bad[0] |= u | (u + BitsOf<T>::kMinExp);
    }
    const U any = (bad[0] | bad[1]) | (bad[2] | bad[3]) | (bad[4] | bad[5]) | (bad[6] | bad[7]);
    if (any >> BitsOf<T>::kTop) flags |= classify(p, cs, b, e);
    return ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
}

template <class T>
double segment_sum(const T* p, std::ptrdiff_t cs, std::ptrdiff_t b, std::ptrdiff_t e,
                   unsigned char& flags) {
    return cs == 1 ? segment_sum_impl<T, true>(p, cs, b, e, flags)
                   : segment_sum_impl<T, false>(p, cs, b, e, flags);
}

// ---- phase-2 terms: partial sums over columns [b, e) of normalised rows ----
// Each receives the k row pointers and k row sums.

constexpr std::ptrdiff_t kBuf = 256;  // entries per vectorised block (multiple of 8)

// The one-pass form of entropy and cross-entropy (reduce_rows, long rows):
// H = log s - (sum v log v) / s needs no second read of the row and no
// division per entry, but cancels when |log s| is not small against H. It is
// tried on rows whose chunk sums are all <= kOnePassGate (a normalised row's
// are, a row of counts' are not, so counts pay nothing), and kept only where
// |log s| <= kOnePassCancellation * H: the cancellation then adds at most
// ~2^-19 ulp-relative error, so the result is as accurate as the two-pass one.
constexpr double kOnePassGate = 1.0 + 0x1p-20;
constexpr double kOnePassCancellation = 0x1p-20;

// Sum in 8 lanes: entry j of a block goes to lane j % 8 (blocks are multiples of
// 8 long except the last), lanes are combined pairwise. Deterministic, and the
// inner loop vectorises without reassociating anything.
struct Lanes {
    double a[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    void add(const double* v, std::ptrdiff_t n) {
        std::ptrdiff_t j = 0;
        for (; j + 8 <= n; j += 8)
            for (int l = 0; l < 8; ++l) a[l] += v[j + l];
        for (; j < n; ++j) a[j & 7] += v[j];
    }
    double total() const { return ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7])); }
};

// Entries [b, b + n) of a row as contiguous doubles: the row itself when it
// already is one, else a converted copy in buf.
template <class T, bool Unit>
const double* as_doubles(const T* p, std::ptrdiff_t cs, std::ptrdiff_t b, std::ptrdiff_t n,
                         double* buf) {
    if constexpr (Unit && std::is_same<T, double>::value) {
        (void)cs;
        (void)buf;
        return p + b;
    } else {
        const T* src = p + b * (Unit ? 1 : cs);
        for (std::ptrdiff_t j = 0; j < n; ++j) buf[j] = static_cast<double>(src[j * (Unit ? 1 : cs)]);
        return buf;
    }
}

// Normalisation of a row by its sum s as KL and JS do it: v * (1 / s), the
// reciprocal taken once per row. Where 1 / s overflows (s subnormal, below
// 2^-1024: then every entry is too) the product would be inf or NaN (0 * inf),
// so such a row is divided instead: v / s, exact for v == s (a one-entry row
// gives x == 1). The vectorised maps take the reciprocal and are used only when
// it is finite (has_inverse); the scalar forms take a RowScale.
struct RowScale {
    double s, inv;
    bool div;
    explicit RowScale(double sum)
        : s(sum), inv(1.0 / sum), div(!(inv < std::numeric_limits<double>::infinity())) {}
    bool has_inverse() const { return !div; }
    double operator()(double v) const { return div ? v / s : v * inv; }
};

// The vectorised term maps (contiguous doubles in, terms out). Zero entries
// need no test in the entropy map: log_pos(0) is finite, so 0 * log_pos(0)
// is (-)0. Selections use integer masks (detail::blend), so the loops stay
// free of branches. Entropy and cross-entropy normalise with a true division
// v / s (a one-point row gives x == 1, so H = 0 and CE(p, p) == H(p) bit for
// bit; measured no slower here than v * (1 / s) plus a fix-up for v == s),
// KL and JS with v * (1 / s) (identical rows still give x == y).
//
template <bool General, bool Scaled = true>
INFOKIT_TARGET_CLONES static std::uint64_t xlogx_terms(const double* v, double s, std::ptrdiff_t n,
                                                       double* out) {
    std::uint64_t tiny = 0;
    for (std::ptrdiff_t j = 0; j < n; ++j) {
        const double x = Scaled ? v[j] / s : v[j];
        tiny |= log_needs_scaling(x);
        out[j] = x * (General ? log_pos(x) : log_pos_normal(x));
    }
    return tiny;
}

// One block of EntropyTerm's fused phase 1 (contiguous doubles, n a multiple
// of 8 except in a chunk's last block): entry j is added to sum lane j % 8 and
// its v log v to term lane j % 8, and its bits ORed into the bad lanes, in the
// order segment_sum and Lanes::add use, so both totals have their bits.
template <bool General>
INFOKIT_TARGET_CLONES static std::uint64_t sum_xlogx_block(const double* v, std::ptrdiff_t n,
                                                           double* sums, double* terms,
                                                           std::uint64_t* bad) {
    double a[8], t[8];
    std::uint64_t u8[8];
    for (int l = 0; l < 8; ++l) a[l] = sums[l], t[l] = terms[l], u8[l] = bad[l];
    std::uint64_t tiny = 0;
    std::ptrdiff_t j = 0;
    for (; j + 8 <= n; j += 8) {
        for (int l = 0; l < 8; ++l) {
            const double x = v[j + l];
            const std::uint64_t u = to_bits(x);
            a[l] += x;
            u8[l] |= u | (u + BitsOf<double>::kMinExp);
            tiny |= log_needs_scaling(x);
            t[l] += x * (General ? log_pos(x) : log_pos_normal(x));
        }
    }
    for (; j < n; ++j) {
        const double x = v[j];
        const std::uint64_t u = to_bits(x);
        a[j & 7] += x;
        u8[0] |= u | (u + BitsOf<double>::kMinExp);
        tiny |= log_needs_scaling(x);
        t[j & 7] += x * (General ? log_pos(x) : log_pos_normal(x));
    }
    for (int l = 0; l < 8; ++l) sums[l] = a[l], terms[l] = t[l], bad[l] = u8[l];
    return tiny;
}

// x log(x / y), x = a ip, y = b iq: 0 where x == 0, +inf where y == 0 < x.
// Where x / y overflows (y subnormal) the term is NaN: the caller then
// recomputes the segment with kl_exact.
template <bool General>
INFOKIT_TARGET_CLONES static std::uint64_t kl_terms(const double* a, const double* b, double ip,
                                                    double iq, std::ptrdiff_t n, double* out) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::uint64_t tiny = 0;
    for (std::ptrdiff_t j = 0; j < n; ++j) {
        const double x = a[j] * ip, y = b[j] * iq;
        const double r = x / y;  // NaN / inf where y == 0: selected away below
        tiny |= log_needs_scaling(r);
        const double t = x * (General ? log_pos(r) : log_pos_normal(r));
        const double edge = blend(below(y, 1), blend(below(x, 1), 0.0, inf), nan);
        out[j] = blend(below(r, kInfBits), t, edge);
    }
    return tiny;
}

// The scalar form with std::log, also right where x / y overflows or a row sum
// is subnormal.
template <class T>
double kl_exact(const T* p, const T* q, std::ptrdiff_t cp, std::ptrdiff_t cq, RowScale sp,
                RowScale sq, std::ptrdiff_t b, std::ptrdiff_t e) {
    double acc = 0.0;
    for (std::ptrdiff_t j = b; j < e; ++j) {
        const double x = sp(static_cast<double>(p[j * cp]));
        const double y = sq(static_cast<double>(q[j * cq]));
        if (!(x > 0.0)) continue;
        if (!(y > 0.0)) return std::numeric_limits<double>::infinity();
        const double r = x / y;
        acc += r < std::numeric_limits<double>::infinity() ? x * std::log(r)
                                                           : x * (std::log(x) - std::log(y));
    }
    return acc;
}

// -x log y, x and y the normalised a and b: 0 where x == 0, +inf where y == 0 < x.
template <bool General, bool Scaled = true>
INFOKIT_TARGET_CLONES static std::uint64_t ce_terms(const double* a, const double* b, double sp,
                                                    double sq, std::ptrdiff_t n, double* out) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    std::uint64_t tiny = 0;
    for (std::ptrdiff_t j = 0; j < n; ++j) {
        const double x = Scaled ? a[j] / sp : a[j], y = Scaled ? b[j] / sq : b[j];
        tiny |= log_needs_scaling(y);
        const double t = -(x * (General ? log_pos(y) : log_pos_normal(y)));  // garbage * 0 where y == 0
        const double edge = blend(below(x, 1), 0.0, inf);
        out[j] = blend(below(y, 1), edge, t);
    }
    return tiny;
}

// ---- the two-distribution JS term near x == y ----
//
// The log form of the term (js2_terms, JsTerm::two_exact) subtracts logs of
// ratios near 1, each with an absolute error of ~1 ulp of the entry, while the
// term is O((x - y)^2): near-identical rows gave noise (JS ~1e-16 absolute,
// so a distance ~1e-8 for p == q + 1e-14). Near x == y the term is instead
// summed as a series of a well-conditioned variable. With m = w0 x + w1 y and
// delta = (x - y) / m, x = m (1 + w1 delta) and y = m (1 - w0 delta), so with
// phi(a) = (1 + a) log(1 + a) - a = sum_{n>=2} (-a)^n / (n (n - 1)) and
// w0 w1 delta - w1 w0 delta = 0,
//   w0 x log(x/m) + w1 y log(y/m) = m (w0 phi(w1 delta) + w1 phi(-w0 delta))
//                                 = m delta^2 sum_{n>=2} C_n delta^(n-2),
//   C_n = (w0 (-w1)^n + w1 w0^n) / (n (n - 1)),  C_2 = w0 w1 / 2,
// (for w0 = w1 = 1/2 the odd C_n are 0 and the term is m sum d^2k / (2k (2k-1)),
// d = delta / 2). |C_n delta^n| <= w0 w1 delta^2 u^(n-2) / (n (n - 1)) with
// u = max(w0, w1) |delta|, so for u <= 1/8 (kJsNear) every later term is at
// most 1/24 of the first (no cancellation) and the terms after n = 17 add
// < 2.7e-17 relative: C_2..C_17 give the term to a few ulps. Beyond u = 1/8
// the log form's relative error, ~ulp / (w0 w1 delta^2), is small again
// (measured against mpmath near the threshold: <= 1e-15 for equal weights,
// 8e-15 for (0.3, 0.7), 2e-13 for (0.01, 0.99)), so that is where they meet.
// Weights summing to 1 + omega (their rounding) give (1 + omega)^2 times the
// JS of the normalised weights: 2 omega ~ 2 ulp.
//
// delta must come from an exact x - y. x = v ip and y = w iq are rounded
// (their difference would carry ~1 ulp of x again), so delta is taken from
// the raw entries: with r = sp / sq, delta = (v - w r) / (w0 v + w1 w r). w r
// is split exactly into P + e (Dekker's product: the module is compiled
// without contraction, so the split is exact), v - P is exact (Sterbenz: in
// the series region v / P lies in [7/9, 9/7]) and (v - P) - e is rounded once.
// r itself carries the rounding of the two row sums; js2_resum corrects for
// it where that matters. Where the split overflows (|w| > 2^996) or an entry
// is 0, delta is NaN or large and the log form is kept. Selection is by
// integer masks (blend), so the loop vectorises and every clone performs the
// same operations; where the series is not selected the result has the bits
// of the log form alone.
constexpr double kJsNear = 0.125;
constexpr double kSplit = 134217729.0;  // 2^27 + 1

struct JsNear {
    double r, rh, rl;  // r = sp / sq rounded, and r = rh + rl (Dekker's split: rh has 26 bits)
    double lim;        // the series region: |delta| < lim = kJsNear / max(w0, w1)
    double ce[8];      // C_2, C_4, ..., C_16
    double co[8];      // C_3, C_5, ..., C_17
    bool odd;          // any odd C_n != 0 (w0 != w1)
    JsNear(double w0, double w1)
        : r(1.0), rh(1.0), rl(0.0), lim(kJsNear / std::max(w0, w1)), ce(), co() {
        double p0 = w0 * w0, p1 = w1 * w1;  // w0^n, w1^n from n = 2
        for (int n = 2; n <= 17; ++n) {
            const double c = (w0 * ((n & 1) ? -p1 : p1) + w1 * p0) / double(n * (n - 1));
            // (an explicit branch: UBSan misreads the index of a conditional array lvalue)
            if (n & 1)
                co[(n - 3) / 2] = c;
            else
                ce[(n - 2) / 2] = c;
            p0 *= w0;
            p1 *= w1;
        }
        odd = w0 != w1;
    }
    void set_ratio(double sp, double sq) {
        r = sp / sq;
        const double c = kSplit * r;
        rh = c - (c - r);
        rl = r - rh;
    }
};

// sum_{n=2}^{17} C_n delta^(n-2): even part E(z) + delta O(z), z = delta^2,
// each by Estrin's scheme. Odd == false skips O (all its C_n are 0 then, and
// E + delta * (+0) == E: the same bits as Odd == true).
template <bool Odd>
INFOKIT_INLINE double js_near_poly(double del, const double* ce, const double* co) {
    const double z = del * del;
    const double z2 = z * z;
    const double z4 = z2 * z2;
    const double e = ((ce[0] + z * ce[1]) + z2 * (ce[2] + z * ce[3])) +
                     z4 * ((ce[4] + z * ce[5]) + z2 * (ce[6] + z * ce[7]));
    if (!Odd) return e;
    const double o = ((co[0] + z * co[1]) + z2 * (co[2] + z * co[3])) +
                     z4 * ((co[4] + z * co[5]) + z2 * (co[6] + z * co[7]));
    return e + del * o;
}

// delta = (v - w r) / (w0 v + w1 w r) of raw entries v, w (see above).
INFOKIT_INLINE double js_near_delta(double v, double w, double w0, double w1, double r, double rh,
                                    double rl) {
    const double p = w * r;
    const double c = kSplit * w;
    const double wh = c - (c - w);
    const double wl = w - wh;
    const double e = (((wh * rh - p) + wh * rl) + wl * rh) + wl * rl;  // w r - p exactly
    return ((v - p) - e) / (w0 * v + w1 * p);
}

// Two-distribution JS terms (see JsTerm::two_exact for the identity). Where x
// and y are both > 0 but t = y / x under- or overflows the term is NaN: the
// caller then recomputes the segment with the exact scalar form. Where
// |delta| < near.lim the series form replaces the log form (see JsNear).
template <bool General, bool Odd>
INFOKIT_TARGET_CLONES static std::uint64_t js2_terms(const double* a, const double* b, double ip,
                                                     double iq, double w0, double w1, double c0,
                                                     double c1, const JsNear& near,
                                                     std::ptrdiff_t n, double* out) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double r = near.r, rh = near.rh, rl = near.rl;
    const std::uint64_t lim = to_bits(near.lim);
    double ce[8], co[8];
    for (int i = 0; i < 8; ++i) ce[i] = near.ce[i], co[i] = near.co[i];
    std::uint64_t tiny = 0;
    for (std::ptrdiff_t j = 0; j < n; ++j) {
        const double x = a[j] * ip, y = b[j] * iq;
        const double t = y / x;  // inf / NaN where x == 0: selected away below
        const double g = w0 + w1 * t;
        tiny |= log_needs_scaling(t) | log_needs_scaling(g);
        const double main = General ? w1 * y * log_pos(t) - (x * g) * log_pos(g)
                                    : w1 * y * log_pos_normal(t) - (x * g) * log_pos_normal(g);
        // t in (0, inf) implies x > 0 and y > 0.
        const std::uint64_t ok = ~below(t, 1) & below(t, kInfBits);
        const std::uint64_t one_zero = below(x, 1) | below(y, 1);
        const double edge = blend(one_zero, c0 * x + c1 * y, nan);
        // The series form: |delta| < lim (false for NaN) implies x, y > 0.
        const double del = js_near_delta(a[j], b[j], w0, w1, r, rh, rl);
        const double m = w0 * x + w1 * y;
        const double series = m * ((del * del) * js_near_poly<Odd>(del, ce, co));
        out[j] = blend(below(del, lim), series, blend(ok, main, edge));
    }
    return tiny;
}

// One block of js2_terms: the fast log, redone with the scaled one where an
// argument is tiny (the same bits as log_pos throughout).
template <bool Odd>
inline void js2_block(const double* a, const double* b, double ip, double iq, double w0, double w1,
                      double c0, double c1, const JsNear& near, std::ptrdiff_t n, double* out) {
    if (js2_terms<false, Odd>(a, b, ip, iq, w0, w1, c0, c1, near, n, out))
        js2_terms<true, Odd>(a, b, ip, iq, w0, w1, c0, c1, near, n, out);
}

template <class T>
struct EntropyTerm {
    std::ptrdiff_t cs;
    // sum x log x over [b, e), x = v / s (Scaled) or the raw v: the one loop
    // of both forms, so the one-pass form cannot drift from the two-pass one.
    template <bool Unit, bool Scaled>
    double sum_terms(const T* p, double s, std::ptrdiff_t b, std::ptrdiff_t e) const {
        double buf[kBuf], terms[kBuf];
        Lanes acc;
        for (std::ptrdiff_t j = b; j < e; j += kBuf) {
            const std::ptrdiff_t n = std::min(kBuf, e - j);
            const double* x = as_doubles<T, Unit>(p, cs, j, n, buf);
            if (xlogx_terms<false, Scaled>(x, s, n, terms)) xlogx_terms<true, Scaled>(x, s, n, terms);
            acc.add(terms, n);
        }
        return acc.total();
    }
    template <bool Unit>
    double run(const T* p, double s, std::ptrdiff_t b, std::ptrdiff_t e) const {
        return 0.0 - sum_terms<Unit, true>(p, s, b, e);  // 0.0 - (+-0) is +0: a one-point row gives H = +0
    }
    double operator()(const T* const* rows, const double* sums, std::ptrdiff_t b,
                      std::ptrdiff_t e) const {
        return cs == 1 ? run<true>(rows[0], sums[0], b, e) : run<false>(rows[0], sums[0], b, e);
    }
    // The one-pass form (reduce_rows): sum v log v over [b, e) of the raw row,
    // and H = log s - (sum v log v) / s from it.
    static constexpr bool kOnePass = true;
    double raw(const T* const* rows, std::ptrdiff_t b, std::ptrdiff_t e) const {
        return cs == 1 ? sum_terms<true, false>(rows[0], 1.0, b, e) : sum_terms<false, false>(rows[0], 1.0, b, e);
    }
    static bool finish(double t, const double* sums, double& value) {
        const double ls = std::log(sums[0]);
        value = ls - t / sums[0];
        return std::fabs(ls) <= kOnePassCancellation * value;
    }
    // Phase 1 of a chunk of a contiguous double row in one read: its sum and
    // flags, bit for bit those of segment_sum, and its raw total, bit for bit
    // raw()'s, which reduce_rows keeps only if the chunk passes the gate. A
    // chunk whose first entries already sum past the gate (counts) gets the
    // plain sum pass and no logarithms.
    static constexpr bool kFused = std::is_same<T, double>::value;
    bool fused(const double* p, std::ptrdiff_t b, std::ptrdiff_t e, double& sum,
               unsigned char& flags, double& total) const {
        double head = 0.0;
        for (std::ptrdiff_t j = b; j < std::min(e, b + 64); ++j) head += p[j];
        if (!(head <= kOnePassGate)) {
            sum = segment_sum(p, 1, b, e, flags);
            return false;
        }
        double a[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
        double t[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
        std::uint64_t bad[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        for (std::ptrdiff_t j = b; j < e; j += kBuf) {
            const std::ptrdiff_t n = std::min(kBuf, e - j);
            double a0[8], t0[8];
            std::memcpy(a0, a, sizeof a);
            std::memcpy(t0, t, sizeof t);
            if (sum_xlogx_block<false>(p + j, n, a, t, bad)) {  // redo with the scaled log
                std::memcpy(a, a0, sizeof a);
                std::memcpy(t, t0, sizeof t);
                sum_xlogx_block<true>(p + j, n, a, t, bad);
            }
        }
        const std::uint64_t any =
            (bad[0] | bad[1]) | (bad[2] | bad[3]) | (bad[4] | bad[5]) | (bad[6] | bad[7]);
        if (any >> BitsOf<double>::kTop) flags |= classify(p, 1, b, e);
        sum = ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
        total = ((t[0] + t[1]) + (t[2] + t[3])) + ((t[4] + t[5]) + (t[6] + t[7]));
        return true;
    }
};

// Scalar terms of the measures without a logarithm (KL and cross-entropy go
// through the vectorised maps above); x = v / s, y = w / t.
template <int Measure>
inline double pair_term(double x, double y) {
    if (Measure == kPairTotalVariation) {
        return std::fabs(x - y);
    } else {
        const double d = std::sqrt(x) - std::sqrt(y);
        return d * d;
    }
}

template <class T, int Measure>
struct PairTerm {
    std::ptrdiff_t cs_p, cs_q;
    template <bool Unit>
    double run(const T* p, const T* q, double sp, double sq, std::ptrdiff_t b,
               std::ptrdiff_t e) const {
        const std::ptrdiff_t cp = Unit ? 1 : cs_p, cq = Unit ? 1 : cs_q;
        if constexpr (Measure == kPairCrossEntropy) {
            return ce_sum<Unit, true>(p, q, sp, sq, b, e);
        } else if constexpr (Measure == kPairKL) {
            const RowScale rp(sp), rq(sq);
            if (!(rp.has_inverse() && rq.has_inverse())) return kl_exact(p, q, cp, cq, rp, rq, b, e);  // a subnormal row sum
            const double total = map_sum<Unit>(p, q, b, e, [&](const double* x, const double* y, std::ptrdiff_t n, double* terms) {
                if (kl_terms<false>(x, y, rp.inv, rq.inv, n, terms)) kl_terms<true>(x, y, rp.inv, rq.inv, n, terms);
            });
            if (total != total)  // clean inputs: only an overflowed x / y
                return kl_exact(p, q, cp, cq, rp, rq, b, e);
            return total;
        } else {
            double acc = 0.0;
            for (std::ptrdiff_t j = b; j < e; ++j)
                acc += pair_term<Measure>(static_cast<double>(p[j * cp]) / sp,
                                          static_cast<double>(q[j * cq]) / sq);
            return acc;
        }
    }
    double operator()(const T* const* rows, const double* sums, std::ptrdiff_t b,
                      std::ptrdiff_t e) const {
        return (cs_p == 1 && cs_q == 1) ? run<true>(rows[0], rows[1], sums[0], sums[1], b, e)
                                        : run<false>(rows[0], rows[1], sums[0], sums[1], b, e);
    }
    // The one-pass form of cross-entropy (reduce_rows): sum -v log w over
    // [b, e) of the raw rows, and CE = log t + (sum -v log w) / s from it. With
    // p == q every operation mirrors EntropyTerm's (negated terms sum to the
    // negated total), so CE(p, p) == H(p) bit for bit on this path too.
    static constexpr bool kOnePass = Measure == kPairCrossEntropy;
    static constexpr bool kFused = false;
    // sum -x log y over [b, e), x = v / sp and y = w / sq (Scaled) or the raw
    // v, w: the one loop of both cross-entropy forms.
    template <bool Unit, bool Scaled>
    double ce_sum(const T* p, const T* q, double sp, double sq, std::ptrdiff_t b, std::ptrdiff_t e) const {
        return map_sum<Unit>(p, q, b, e, [&](const double* x, const double* y, std::ptrdiff_t n, double* terms) {
            if (ce_terms<false, Scaled>(x, y, sp, sq, n, terms)) ce_terms<true, Scaled>(x, y, sp, sq, n, terms);
        });
    }
    // The block loop of the vectorised pair maps (KL, cross-entropy): both
    // rows as doubles kBuf entries at a time, map(x, y, n, terms) fills the
    // block's terms, summed in Lanes order.
    template <bool Unit, class Map>
    double map_sum(const T* p, const T* q, std::ptrdiff_t b, std::ptrdiff_t e, Map&& map) const {
        const std::ptrdiff_t cp = Unit ? 1 : cs_p, cq = Unit ? 1 : cs_q;
        double pbuf[kBuf], qbuf[kBuf], terms[kBuf];
        Lanes acc;
        for (std::ptrdiff_t j = b; j < e; j += kBuf) {
            const std::ptrdiff_t n = std::min(kBuf, e - j);
            map(as_doubles<T, Unit>(p, cp, j, n, pbuf), as_doubles<T, Unit>(q, cq, j, n, qbuf), n, terms);
            acc.add(terms, n);
        }
        return acc.total();
    }
    double raw(const T* const* rows, std::ptrdiff_t b, std::ptrdiff_t e) const {
        return (cs_p == 1 && cs_q == 1) ? ce_sum<true, false>(rows[0], rows[1], 1.0, 1.0, b, e)
                                        : ce_sum<false, false>(rows[0], rows[1], 1.0, 1.0, b, e);
    }
    static bool finish(double t, const double* sums, double& value) {
        const double ls = std::log(sums[1]);
        value = ls + t / sums[0];
        return std::fabs(ls) <= kOnePassCancellation * value;
    }
};

// Generalised JS: sum_k w_k sum_j x_kj log(x_kj / m_j), m_j = sum_k w_k x_kj.
// Weights are normalised and >= 0 (checked in Python); zero weights are skipped.
template <class T>
struct JsTerm {
    static constexpr bool kOnePass = false;
    static constexpr bool kFused = false;
    const std::vector<Input<T>>* in;
    const double* w;
    double operator()(const T* const* rows, const double* sums, std::ptrdiff_t b,
                      std::ptrdiff_t e) const {
        const int k = static_cast<int>(in->size());
        if (k == 2 && w[0] > 0.0 && w[1] > 0.0) return two(rows, sums, b, e);
        double acc = 0.0;
        std::vector<double> x(static_cast<std::size_t>(k));
        for (std::ptrdiff_t j = b; j < e; ++j) {
            double m = 0.0;
            for (int i = 0; i < k; ++i) {
                x[i] = static_cast<double>(rows[i][j * (*in)[i].col_stride]) / sums[i];
                m += w[i] * x[i];
            }
            for (int i = 0; i < k; ++i)
                if (w[i] > 0.0 && x[i] > 0.0) acc += w[i] * (x[i] * std::log(x[i] / m));
        }
        return acc;
    }
    // Two distributions, both weights > 0. With t = y / x and g = m / x =
    // w0 + w1 t, the entry's term w0 x log(x/m) + w1 y log(y/m) equals
    // w1 y log t - m log g: one division and two logs instead of four
    // divisions. x = 0 (or y = 0) leaves w1 y log(1/w1) (or w0 x log(1/w0)).
    // Near x == y (|delta| < JsNear::lim) the series form replaces both (see
    // JsNear). The exact scalar form (std::log), also the fallback of two_fast
    // (and the path of rows with a subnormal sum, see RowScale).
    template <bool Unit>
    double two_exact(const T* p, const T* q, double sp, double sq, std::ptrdiff_t b,
                     std::ptrdiff_t e) const {
        const std::ptrdiff_t cp = Unit ? 1 : (*in)[0].col_stride;
        const std::ptrdiff_t cq = Unit ? 1 : (*in)[1].col_stride;
        const double w0 = w[0], w1 = w[1];
        const double c0 = -w0 * std::log(w0), c1 = -w1 * std::log(w1);
        const RowScale rp(sp), rq(sq);
        JsNear near(w0, w1);
        near.set_ratio(sp, sq);
        double acc = 0.0;
        for (std::ptrdiff_t j = b; j < e; ++j) {
            const double v = static_cast<double>(p[j * cp]), u = static_cast<double>(q[j * cq]);
            const double x = rp(v);
            const double y = rq(u);
            const double del = js_near_delta(v, u, w0, w1, near.r, near.rh, near.rl);
            if (std::fabs(del) < near.lim) {  // false for NaN
                const double m = w0 * x + w1 * y;
                acc += m * ((del * del) * js_near_poly<true>(del, near.ce, near.co));
            } else if (x > 0.0 && y > 0.0) {
                const double t = y / x;
                if (t > 0.0 && t < std::numeric_limits<double>::infinity()) {
                    const double g = w0 + w1 * t;
                    acc += w1 * y * std::log(t) - (x * g) * std::log(g);
                } else {  // y / x under- or overflowed (subnormal entries): KL form
                    const double m = w0 * x + w1 * y;
                    acc += w0 * (x * std::log(x / m)) + w1 * (y * std::log(y / m));
                }
            } else if (x > 0.0) {
                acc += c0 * x;
            } else if (y > 0.0) {
                acc += c1 * y;
            }
        }
        return acc;
    }
    // Vectorised: js2_terms block by block. A NaN total (only possible where
    // subnormal entries make y / x under- or overflow: inputs are clean) sends
    // the whole segment to two_exact, so the result is still a function of the
    // shape and the values alone.
    template <bool Unit>
    double two_fast(const T* p, const T* q, double sp, double sq, std::ptrdiff_t b,
                    std::ptrdiff_t e) const {
        const std::ptrdiff_t cp = Unit ? 1 : (*in)[0].col_stride;
        const std::ptrdiff_t cq = Unit ? 1 : (*in)[1].col_stride;
        const RowScale rp(sp), rq(sq);
        if (!(rp.has_inverse() && rq.has_inverse())) return two_exact<Unit>(p, q, sp, sq, b, e);
        const double w0 = w[0], w1 = w[1];
        const double c0 = -w0 * std::log(w0), c1 = -w1 * std::log(w1);
        JsNear near(w0, w1);
        near.set_ratio(sp, sq);
        // Equal weights: the odd series coefficients are 0, skipped (same bits).
        const auto terms_of = near.odd ? js2_block<true> : js2_block<false>;
        double pbuf[kBuf], qbuf[kBuf], terms[kBuf];
        Lanes acc;
        for (std::ptrdiff_t j = b; j < e; j += kBuf) {
            const std::ptrdiff_t n = std::min(kBuf, e - j);
            const double* x = as_doubles<T, Unit>(p, cp, j, n, pbuf);
            const double* y = as_doubles<T, Unit>(q, cq, j, n, qbuf);
            terms_of(x, y, rp.inv, rq.inv, w0, w1, c0, c1, near, n, terms);
            acc.add(terms, n);
        }
        const double total = acc.total();
        return total == total ? total : two_exact<Unit>(p, q, sp, sq, b, e);
    }
    double two(const T* const* rows, const double* sums, std::ptrdiff_t b,
               std::ptrdiff_t e) const {
        const bool unit = (*in)[0].col_stride == 1 && (*in)[1].col_stride == 1;
        return unit ? two_fast<true>(rows[0], rows[1], sums[0], sums[1], b, e)
                    : two_fast<false>(rows[0], rows[1], sums[0], sums[1], b, e);
    }
};

// ---- exact row sums for near-identical JS rows ----
//
// The series form (JsNear) makes every term accurate relative to itself given
// the ratio r = sp / sq the kernel used. But sp and sq are rounded sums, so r
// is the exact ratio Sp / Sq of the true sums times 1 + eta (eta ~ n ulp at
// worst), and the kernel computes J(1 + eta), where J(rho) = sum_j T(x_j,
// rho y_j) over the exactly normalised rows (T is homogeneous of degree 1, so
// p's own scale only scales the result). J(1) = JS, J'(1) = w1 KL(y || m) =
// O(JS) and J''(1) = w0 w1 sum x y / m = w0 w1 (1 - O(JS)), so
//   J(1 + eta) = JS (1 + O(eta)) + w0 w1 eta^2 / 2 (1 + O(JS)) + O(eta^3):
// negligible unless JS is itself near eta^2 (a distance near eta ~ 1e-16,
// where the rounding of an ordinary sum would be the whole answer: it was
// ~1e-10 relative for a distance ~1e-12). So for rows whose JS comes out
// below kJsResum, js2_resum sums both rows exactly (Knuth's two-sum, a
// double-double), takes eta from the double-double ratio and subtracts
// w0 w1 eta^2 / 2. Above kJsResum, eta^2 / kJsResum < 1e-20 relative even for
// eta ~ 1e-13.
constexpr double kJsResum = 0x1p-20;

// a b - fl(a b) exactly (Dekker's product; needs |a|, |b| < 2^996 and no
// contraction, which this module is compiled without).
inline double two_prod_err(double a, double b, double p) {
    const double ca = kSplit * a, cb = kSplit * b;
    const double ah = ca - (ca - a), bh = cb - (cb - b);
    const double al = a - ah, bl = b - bh;
    return (((ah * bh - p) + ah * bl) + al * bh) + al * bl;
}

// Two-sum: s + v = t + (the error added to c), exactly.
inline void two_sum_into(double& s, double& c, double v) {
    const double t = s + v, bp = t - s;
    c += (s - (t - bp)) + (v - bp);
    s = t;
}

// Two-sum of v[0:n) into 8 lanes (entry j to lane j % 8; a tail shorter
// than 8, only in a segment's last block, to lane 0): element-wise, so every
// clone gives the same bits.
INFOKIT_TARGET_CLONES static void two_sum_lanes(const double* v, std::ptrdiff_t n, double* sl,
                                                double* cl) {
    double s[8], c[8];
    for (int l = 0; l < 8; ++l) s[l] = sl[l], c[l] = cl[l];
    std::ptrdiff_t j = 0;
    for (; j + 8 <= n; j += 8)
        for (int l = 0; l < 8; ++l) two_sum_into(s[l], c[l], v[j + l]);
    for (; j < n; ++j) two_sum_into(s[0], c[0], v[j]);
    for (int l = 0; l < 8; ++l) sl[l] = s[l], cl[l] = c[l];
}

// sum p[b:e) (stride cs) as s + c, error ~ n ulp^2: two-sum per entry in 8
// lanes (a fixed order), the lanes then added by two-sum in order.
template <class T, bool Unit>
void exact_segment_sum_impl(const T* p, std::ptrdiff_t cs, std::ptrdiff_t b, std::ptrdiff_t e,
                            double& s, double& c) {
    double sl[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    double cl[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    double buf[kBuf];
    for (std::ptrdiff_t j = b; j < e; j += kBuf) {
        const std::ptrdiff_t n = std::min(kBuf, e - j);
        two_sum_lanes(as_doubles<T, Unit>(p, cs, j, n, buf), n, sl, cl);
    }
    s = 0.0;
    c = 0.0;
    for (int l = 0; l < 8; ++l) {
        two_sum_into(s, c, sl[l]);
        c += cl[l];
    }
}

template <class T>
void exact_segment_sum(const T* p, std::ptrdiff_t cs, std::ptrdiff_t b, std::ptrdiff_t e, double& s,
                       double& c) {
    if (cs == 1)
        exact_segment_sum_impl<T, true>(p, cs, b, e, s, c);
    else
        exact_segment_sum_impl<T, false>(p, cs, b, e, s, c);
}

// Rows of a two-distribution JS (both weights > 0) whose value is below
// kJsResum: the exact row sums ((row, chunk) items spread over threads, the
// chunks' double-doubles combined in chunk order, so the result does not
// depend on the thread count), eta from them, and the correction above.
template <class T>
void js2_resum(const std::vector<Input<T>>& in, const double* w, std::ptrdiff_t n_rows,
               std::ptrdiff_t n_cols, double* out, const double* sums, int n_threads) {
    std::vector<std::ptrdiff_t> redo;
    for (std::ptrdiff_t r = 0; r < n_rows; ++r)
        if (out[r] < kJsResum) redo.push_back(r);  // NaN rows: false
    if (redo.empty()) return;
    const std::ptrdiff_t n_redo = static_cast<std::ptrdiff_t>(redo.size());
    const std::ptrdiff_t n_chunks = (n_cols + kChunk - 1) / kChunk;
    const std::ptrdiff_t n_items = n_redo * n_chunks;
    const std::ptrdiff_t block = n_chunks > 1 ? 1 : std::max<std::ptrdiff_t>(1, 16384 / n_cols);
    // Chunk sums of p and q as double-doubles: part[4 it .. 4 it + 4).
    std::vector<double> part(static_cast<std::size_t>(4 * n_items));
    parallel_for_blocks(n_items, block, n_threads, [&](std::ptrdiff_t ib, std::ptrdiff_t ie) {
        for (std::ptrdiff_t it = ib; it < ie; ++it) {
            const std::ptrdiff_t r = redo[static_cast<std::size_t>(it / n_chunks)];
            const std::ptrdiff_t b = (it % n_chunks) * kChunk, e = std::min(n_cols, b + kChunk);
            double* d = &part[static_cast<std::size_t>(4 * it)];
            exact_segment_sum(in[0].data + r * in[0].row_stride, in[0].col_stride, b, e, d[0], d[1]);
            exact_segment_sum(in[1].data + r * in[1].row_stride, in[1].col_stride, b, e, d[2], d[3]);
        }
    });
    const double half_w01 = 0.5 * (w[0] * w[1]);
    for (std::ptrdiff_t i = 0; i < n_redo; ++i) {
        const std::ptrdiff_t r = redo[static_cast<std::size_t>(i)];
        double ps = 0.0, pc = 0.0, qs = 0.0, qc = 0.0;
        for (std::ptrdiff_t c = 0; c < n_chunks; ++c) {
            const double* d = &part[static_cast<std::size_t>(4 * (i * n_chunks + c))];
            two_sum_into(ps, pc, d[0]);
            pc += d[1];
            two_sum_into(qs, qc, d[2]);
            qc += d[3];
        }
        const double ph = ps + pc, pl = pc - (ph - ps);
        const double qh = qs + qc, ql = qc - (qh - qs);
        // (ph + pl) / (qh + ql) = rh + rl to ~ulp^2; the kernel used r.
        const double rh = ph / qh, pp = rh * qh;
        const double rl = ((((ph - pp) - two_prod_err(rh, qh, pp)) + pl) - rh * ql) / qh;
        const double r_used = sums[r] / sums[n_rows + r];
        const double eta = ((r_used - rh) - rl) / rh;  // r_used - rh: exact (Sterbenz)
        if (std::fabs(eta) < 0x1p-30) out[r] -= half_w01 * (eta * eta);  // else: a split overflowed
    }
}

// The engine: phase 1 sums and classifies every input row, phase 2 applies the
// term to rows whose inputs are all clean with a positive sum; other rows get NaN.
// sums / flags are laid out [input][row].
template <class T, class Term>
void reduce_rows(const std::vector<Input<T>>& in, std::ptrdiff_t n_rows, std::ptrdiff_t n_cols,
                 const Term& term, double* out, double* sums, unsigned char* flags,
                 int n_threads) {
    const int k = static_cast<int>(in.size());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    if (n_rows <= 0 || n_cols <= 0 || k <= 0) return;

    auto settle = [&](std::ptrdiff_t r, int i, double s, unsigned char f) {
        if (s == inf && !(f & kRowInf)) f |= kRowOverflow;
        sums[i * n_rows + r] = s;
        flags[i * n_rows + r] = f;
        return f == 0 && s > 0.0;
    };

    const std::ptrdiff_t n_chunks = (n_cols + kChunk - 1) / kChunk;
    if (n_chunks == 1) {
        // Short rows: both phases back to back while the row is still in cache.
        const std::ptrdiff_t block = std::max<std::ptrdiff_t>(1, 16384 / n_cols);
        parallel_for_blocks(n_rows, block, n_threads, [&](std::ptrdiff_t rb, std::ptrdiff_t re) {
            std::vector<const T*> rows(static_cast<std::size_t>(k));
            std::vector<double> s(static_cast<std::size_t>(k));
            for (std::ptrdiff_t r = rb; r < re; ++r) {
                bool good = true;
                for (int i = 0; i < k; ++i) {
                    rows[i] = in[i].data + r * in[i].row_stride;
                    unsigned char f = 0;
                    s[i] = segment_sum(rows[i], in[i].col_stride, 0, n_cols, f);
                    good &= settle(r, i, s[i], f);
                }
                out[r] = good ? term(rows.data(), s.data(), 0, n_cols) : nan;
            }
        });
        return;
    }

    // Long rows: (row, chunk) work items, partials combined in chunk order.
    const std::ptrdiff_t n_items = n_rows * n_chunks;
    std::vector<double> part(static_cast<std::size_t>(n_items * k));
    std::vector<unsigned char> part_flags(static_cast<std::size_t>(n_items * k));
    auto row_ptr = [&](int i, std::ptrdiff_t r) { return in[i].data + r * in[i].row_stride; };
    // One-pass terms (kOnePassGate): the raw total of each chunk, computed
    // right after its sum while the chunk is still in cache.
    std::vector<double> raw;
    std::vector<unsigned char> has_raw;
    if constexpr (Term::kOnePass) {
        raw.assign(static_cast<std::size_t>(n_items), 0.0);
        has_raw.assign(static_cast<std::size_t>(n_items), 0);
    }
    parallel_for_blocks(n_items, 1, n_threads, [&](std::ptrdiff_t ib, std::ptrdiff_t ie) {
        std::vector<const T*> rows(static_cast<std::size_t>(k));
        for (std::ptrdiff_t it = ib; it < ie; ++it) {
            const std::ptrdiff_t r = it / n_chunks, c = it % n_chunks;
            const std::ptrdiff_t b = c * kChunk, e = std::min(n_cols, b + kChunk);
            if constexpr (Term::kFused) {
                if (k == 1 && in[0].col_stride == 1) {
                    unsigned char f = 0;
                    double s = 0.0, t = 0.0;
                    const bool has = term.fused(row_ptr(0, r), b, e, s, f, t);
                    part[it] = s;
                    part_flags[it] = f;
                    if (has && f == 0 && s <= kOnePassGate) {
                        raw[it] = t;
                        has_raw[it] = 1;
                    }
                    continue;
                }
            }
            bool gate = true;
            for (int i = 0; i < k; ++i) {
                unsigned char f = 0;
                const double s = segment_sum(row_ptr(i, r), in[i].col_stride, b, e, f);
                part[i * n_items + it] = s;
                part_flags[i * n_items + it] = f;
                gate &= f == 0 && s <= kOnePassGate;
                rows[i] = row_ptr(i, r);
            }
            if constexpr (Term::kOnePass) {
                if (gate) {
                    raw[it] = term.raw(rows.data(), b, e);
                    has_raw[it] = 1;
                }
            }
        }
    });
    std::vector<unsigned char> good(static_cast<std::size_t>(n_rows), 1);
    std::vector<double> row_sums(static_cast<std::size_t>(n_rows * k));
    for (std::ptrdiff_t r = 0; r < n_rows; ++r) {
        for (int i = 0; i < k; ++i) {
            double s = 0.0;
            unsigned char f = 0;
            for (std::ptrdiff_t c = 0; c < n_chunks; ++c) {
                s += part[i * n_items + r * n_chunks + c];
                f |= part_flags[i * n_items + r * n_chunks + c];
            }
            row_sums[r * k + i] = s;
            if (!settle(r, i, s, f)) good[r] = 0;
        }
    }
    std::vector<unsigned char> done(static_cast<std::size_t>(n_rows), 0);
    if constexpr (Term::kOnePass) {
        for (std::ptrdiff_t r = 0; r < n_rows; ++r) {
            if (!good[r]) continue;
            bool all = true;
            double t = 0.0;
            for (std::ptrdiff_t c = 0; c < n_chunks; ++c) {
                all &= has_raw[r * n_chunks + c] != 0;
                t += raw[r * n_chunks + c];
            }
            double value;
            if (all && Term::finish(t, &row_sums[r * k], value)) {
                out[r] = value;
                done[r] = 1;
            }
        }
    }
    parallel_for_blocks(n_items, 1, n_threads, [&](std::ptrdiff_t ib, std::ptrdiff_t ie) {
        std::vector<const T*> rows(static_cast<std::size_t>(k));
        for (std::ptrdiff_t it = ib; it < ie; ++it) {
            const std::ptrdiff_t r = it / n_chunks, c = it % n_chunks;
            if (!good[r] || done[r]) continue;
            const std::ptrdiff_t b = c * kChunk, e = std::min(n_cols, b + kChunk);
            for (int i = 0; i < k; ++i) rows[i] = row_ptr(i, r);
            part[it] = term(rows.data(), &row_sums[r * k], b, e);
        }
    });
    for (std::ptrdiff_t r = 0; r < n_rows; ++r) {
        if (done[r]) continue;
        if (!good[r]) {
            out[r] = nan;
            continue;
        }
        double acc = 0.0;
        for (std::ptrdiff_t c = 0; c < n_chunks; ++c) acc += part[r * n_chunks + c];
        out[r] = acc;
    }
}

}  // namespace detail

// Entropy -sum x log x (nats) of each normalised row of p.
template <class T>
void row_entropy(const T* p, std::ptrdiff_t row_stride, std::ptrdiff_t col_stride,
                 std::ptrdiff_t n_rows, std::ptrdiff_t n_cols, double* out, double* sums,
                 unsigned char* flags, int n_threads) {
    const std::vector<detail::Input<T>> in{{p, row_stride, col_stride}};
    detail::reduce_rows(in, n_rows, n_cols, detail::EntropyTerm<T>{col_stride}, out, sums, flags,
                        n_threads);
}

// One PairMeasure of each pair of normalised rows (p_r, q_r); sums / flags hold
// 2 * n_rows entries (p's rows, then q's).
template <class T>
void row_pair(int measure, const T* p, std::ptrdiff_t p_row_stride, std::ptrdiff_t p_col_stride,
              const T* q, std::ptrdiff_t q_row_stride, std::ptrdiff_t q_col_stride,
              std::ptrdiff_t n_rows, std::ptrdiff_t n_cols, double* out, double* sums,
              unsigned char* flags, int n_threads) {
    const std::vector<detail::Input<T>> in{{p, p_row_stride, p_col_stride},
                                           {q, q_row_stride, q_col_stride}};
    auto run = [&](const auto& term) {
        detail::reduce_rows(in, n_rows, n_cols, term, out, sums, flags, n_threads);
    };
    switch (measure) {
        case kPairKL: run(detail::PairTerm<T, kPairKL>{p_col_stride, q_col_stride}); break;
        case kPairCrossEntropy:
            run(detail::PairTerm<T, kPairCrossEntropy>{p_col_stride, q_col_stride});
            break;
        case kPairTotalVariation:
            run(detail::PairTerm<T, kPairTotalVariation>{p_col_stride, q_col_stride});
            break;
        default: run(detail::PairTerm<T, kPairHellinger>{p_col_stride, q_col_stride}); break;
    }
    if (measure == kPairTotalVariation || measure == kPairHellinger) {
        for (std::ptrdiff_t r = 0; r < n_rows; ++r) {
            const double half = 0.5 * out[r];
            out[r] = measure == kPairTotalVariation ? half : std::sqrt(half);
        }
    }
}

// Jensen–Shannon divergence (nats) of k >= 1 distributions row by row, with
// normalised weights w[0..k); sums / flags hold k * n_rows entries.
template <class T>
void row_js(int k, const T* const* data, const std::ptrdiff_t* row_strides,
            const std::ptrdiff_t* col_strides, const double* w, std::ptrdiff_t n_rows,
            std::ptrdiff_t n_cols, double* out, double* sums, unsigned char* flags,
            int n_threads) {
    std::vector<detail::Input<T>> in;
    in.reserve(static_cast<std::size_t>(k));
    for (int i = 0; i < k; ++i) in.push_back({data[i], row_strides[i], col_strides[i]});
    const detail::JsTerm<T> term{&in, w};
    detail::reduce_rows(in, n_rows, n_cols, term, out, sums, flags, n_threads);
    if (k == 2 && w[0] > 0.0 && w[1] > 0.0 && n_cols > 0)
        detail::js2_resum(in, w, n_rows, n_cols, out, sums, n_threads);
}

}  // namespace infokit
