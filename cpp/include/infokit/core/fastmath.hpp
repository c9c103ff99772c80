// infokit/core/fastmath.hpp — a natural logarithm and an exponential that
// compilers can vectorise (log_pos below; exp_nonpos at the end of the file).
//
// std::log is an opaque library call (~5 ns), so a loop over it never
// vectorises and dominates the row kernels of dist/table.hpp. log_pos is plain,
// branch-free C++ (bit casts through memcpy, integer shifts, selects and one
// division), so GCC / Clang auto-vectorise a loop that calls it at -O3 with the
// baseline instruction set (SSE2 on x86-64, NEON on aarch64); MSVC compiles it
// too. No fast-math and no intrinsics: the results are the same on every target
// up to the FMA contraction a compiler may apply where FMA is baseline.
//
// Accuracy: max error <= 1 ulp against the correctly rounded log over all
// positive finite doubles, subnormals included (tests/kernels/test_fastmath.py checks
// millions of values against an extended-precision log; the observed maximum is
// ~0.85 ulp, near x = 1). Method:
//   x = 2^k m with m in [sqrt(1/2), sqrt(2)), read from the bits;
//   log(m) = log(1 + f) = 2 atanh(s), f = m - 1 (exact), s = f / (2 + f);
//   2 atanh(s) = 2s + s R(s^2), R a degree-7 polynomial in z = s^2 without
//   constant term, fitted (Chebyshev, near-minimax) to (2 atanh(s)/s - 2) on
//   z in [0, (3 - 2 sqrt 2)^2]; fit error < 5e-18 relative;
//   evaluated as f - (hfsq - s (hfsq + R)), hfsq = f^2 / 2 (because 2s = f - s f),
//   so the leading term f is exact and rounding errors stay below 1 ulp;
//   k ln 2 is added in two parts (ln2_hi has 21 trailing zero bits, so k ln2_hi
//   is exact for every k that occurs).
//
// Domain: TRUSTED finite x > 0. For x == 0 the result is a finite garbage value
// (callers select 0 for 0 log 0 themselves); for negative, NaN or inf inputs it
// is unspecified. The table kernels never pass those: rows holding NaN / inf /
// negative entries are flagged by the sum pass and not evaluated, and zero
// entries are masked by the caller.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "infokit/core/config.hpp"

namespace infokit {
namespace detail {

inline double from_bits(std::uint64_t u) {
    double d;
    std::memcpy(&d, &u, sizeof d);
    return d;
}

inline std::uint64_t to_bits(double d) {
    std::uint64_t u;
    std::memcpy(&u, &d, sizeof u);
    return u;
}

// Branch-free selection for vectorised loops. A plain `c ? a : b` on doubles
// lets GCC sink the computation of a or b into a branch, and it then refuses to
// vectorise (floating-point arithmetic may trap); integer masks from shifts and
// subtractions keep every value computed and the loop straight.

// All ones where |v| (the bits without the sign) is below the bit pattern
// `limit`, else 0. Non-negative doubles and NaNs order like their bits, so
// below(v, 1) tests v == 0 and below(v, bits(inf)) tests v finite (false for NaN).
inline std::uint64_t below(double v, std::uint64_t limit) {
    return 0ULL - (((to_bits(v) & 0x7fffffffffffffffULL) - limit) >> 63);
}

// a where mask is all ones, b where it is 0.
inline double blend(std::uint64_t mask, double a, double b) {
    return from_bits((to_bits(a) & mask) | (to_bits(b) & ~mask));
}

constexpr std::uint64_t kInfBits = 0x7ff0000000000000ULL;

// Coefficients of R(z) / z (highest last); see the header comment for the fit.
constexpr double kLogC1 = 0.666666666666667;
constexpr double kLogC2 = 0.39999999999899505;
constexpr double kLogC3 = 0.28571428625975487;
constexpr double kLogC4 = 0.2222221113479508;
constexpr double kLogC5 = 0.18182889125261723;
constexpr double kLogC6 = 0.15331721600556042;
constexpr double kLogC7 = 0.14616449685043406;
constexpr double kLn2Hi = 0x1.62e42fee00000p-1;   // ln 2 rounded to 32 significant bits
constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;  // ln 2 - kLn2Hi

}  // namespace detail

namespace detail {

// The log of the normal double with bits ix, minus `adjust` ln 2 (adjust is
// 54 where the caller scaled a tiny x by 2^54, else 0).
inline double log_of_bits(std::uint64_t ix, std::uint64_t adjust) {
    // Adding (bits(1) - bits(sqrt(1/2))) carries into the exponent field exactly
    // when the mantissa is >= sqrt(2)'s, so `top` is the biased exponent of the
    // power of two that brings x into [sqrt(1/2), sqrt(2)). Only logical shifts
    // and 64-bit adds: all of them exist as SSE2 vector instructions.
    const std::uint64_t top = (ix + (0x3ff0000000000000ULL - 0x3fe6a09e667f3bcdULL)) >> 52;
    const double m = from_bits(ix - ((top - 1023) << 52));
    // k = top - 1023 - adjust, converted without an int64 -> double instruction
    // (SSE2 has none): an integer n < 2^52 in the low mantissa bits of 2^52 reads
    // as 2^52 + n exactly. The offset 64 keeps n positive.
    const std::uint64_t n = top + 64 - adjust;
    const double k = from_bits(0x4330000000000000ULL | n) - (0x1p52 + 1087.0);
    const double f = m - 1.0;
    const double s = f / (2.0 + f);
    const double z = s * s;
    // Estrin's scheme: short dependency chains (measured ~8% faster than
    // Horner's in the vectorised loops; the same <= 1 ulp bound).
    const double z2 = z * z;
    const double z4 = z2 * z2;
    const double r = z * (((kLogC1 + z * kLogC2) + z2 * (kLogC3 + z * kLogC4)) +
                          z4 * ((kLogC5 + z * kLogC6) + z2 * kLogC7));
    const double hfsq = 0.5 * f * f;
    return k * kLn2Hi - ((hfsq - (s * (hfsq + r) + k * kLn2Lo)) - f);
}

}  // namespace detail

// Natural log of a finite x > 0 (normal or subnormal), <= 1 ulp.
inline double log_pos(double x) {
    using namespace detail;
    // Subnormals (and the lowest normal binade) are scaled by 2^54, everything
    // else by 2^0, chosen with integer arithmetic only: GCC turns a selected
    // floating-point constant back into a branch around the multiply, which it
    // then refuses to vectorise (a multiply may trap).
    // The all-ones mask `tiny` (x < 2^-1021) comes from shifts and subtractions
    // alone: SSE2 has no 64-bit compare and GCC 12 cannot turn a double compare
    // into a 64-bit integer mask. For x > 0, bits >> 53 is 0 exactly when x <
    // 2^-1021, and only then does subtracting 1 set the top bit.
    const std::uint64_t tiny = 0ULL - (((to_bits(x) >> 53) - 1) >> 63);
    const double xs = x * from_bits(0x3ff0000000000000ULL + (tiny & (54ULL << 52)));
    return log_of_bits(to_bits(xs), tiny & 54);
}

// log_pos without the scaling of tiny arguments: the same bits for every
// finite x >= 2^-1021 (and a finite value for x == 0, like log_pos), garbage
// for 0 < x < 2^-1021. The scaling costs ~20% of a vectorised loop, and such
// arguments are rare, so the term loops of dist/table.hpp run this form, flag
// any tiny argument with log_needs_scaling, and redo a flagged block with
// log_pos.
inline double log_pos_normal(double x) { return detail::log_of_bits(detail::to_bits(x), 0); }

// 1 where 0 < x <= 2^-1021 (log_pos_normal may be wrong there), else 0; for
// x >= 0. bits(x) - 1 < 2^53 exactly then (x == 0 wraps to 2^64 - 1).
inline std::uint64_t log_needs_scaling(double x) {
    return (((detail::to_bits(x) - 1) >> 53) - 1) >> 63;
}

// out[i] = log_pos(x[i]) for i < n; x and out may alias. A tight loop that
// vectorises; exposed for the accuracy tests. (static: target clones need
// one definition per translation unit.)
[[maybe_unused]] INFOKIT_TARGET_CLONES static void log_pos_array(const double* x, double* out, std::ptrdiff_t n) {
    for (std::ptrdiff_t i = 0; i < n; ++i) out[i] = log_pos(x[i]);
}

namespace detail {

constexpr double kLog2e = 0x1.71547652b82fep0;      // 1 / ln 2
constexpr double kExpShift = 0x1.8p52;              // round-to-nearest magic number
constexpr double kExpCutoff = 708.0;                // |x| below this: 2^k stays normal
// exp(r) ~ sum kExpC<i> r^i on |r| <= ln 2 / 2: a near-minimax (Chebyshev)
// fit of degree 11, max relative error 3.2e-18 before rounding.
constexpr double kExpC0 = 1.0;
constexpr double kExpC1 = 1.0;
constexpr double kExpC2 = 0.5000000000000019;
constexpr double kExpC3 = 0.1666666666666668;
constexpr double kExpC4 = 0.04166666666648795;
constexpr double kExpC5 = 0.008333333333319589;
constexpr double kExpC6 = 0.0013888888952352863;
constexpr double kExpC7 = 0.00019841269890076403;
constexpr double kExpC8 = 2.4801485441561313e-05;
constexpr double kExpC9 = 2.755724088722987e-06;
constexpr double kExpC10 = 2.763265472252779e-07;
constexpr double kExpC11 = 2.5110049204818658e-08;

}  // namespace detail

// exp(x) for x <= 0, branch-free so that a loop over it vectorises like
// log_pos (integer masks and bit casts only; no int64 <-> double conversion
// instruction is needed, SSE2 has none). Used by the log-sum-exp kernels of
// bounds/logsumexp.hpp, which only ever exponentiate x - max <= 0.
//
// Method: k = round(x / ln 2) by the 1.5 * 2^52 trick (the low mantissa bits
// of t = x log2(e) + 1.5 * 2^52 hold k as a two's-complement integer),
// r = x - k ln 2 in two parts (|r| <= ln 2 / 2, exact up to the ln 2 split),
// exp(r) by a polynomial of degree 11 (fit error 3.2e-18 relative on
// |r| <= 0.347) evaluated by Estrin's scheme, scaled by 2^k built from the
// bits. Accuracy: <= 2.5 ulp against the true exp on [-708, 0] (observed
// maximum ~2.1 ulp; tests/kernels/test_bounds_kernels.py), far below what the
// log-sum-exp kernels need (their twins agree to 1e-10).
//
// Domain: x <= 0, -inf included. Results below exp(-708) ~ 3.3e-308 are
// flushed to 0 (they are never larger than 3.3e-308 times the max term of a
// log-sum-exp, which is 1, so no sum changes); -inf gives exactly 0. NaN and
// x > 0 give unspecified results: callers scan for NaN themselves.
inline double exp_nonpos(double x) {
    using namespace detail;
    const std::uint64_t keep = below(x, to_bits(kExpCutoff));  // ones where |x| < 708
    const double xs = blend(keep, x, 0.0);                      // keeps the arithmetic finite
    const double t = xs * kLog2e + kExpShift;
    const double k = t - kExpShift;
    const double r = (xs - k * kLn2Hi) - k * kLn2Lo;
    // Estrin's scheme: short dependency chains, so the vectorised loop is
    // bound by throughput rather than by the latency of 13 chained steps.
    const double r2 = r * r;
    const double r4 = r2 * r2;
    const double r8 = r4 * r4;
    const double q01 = kExpC0 + r * kExpC1;
    const double q23 = kExpC2 + r * kExpC3;
    const double q45 = kExpC4 + r * kExpC5;
    const double q67 = kExpC6 + r * kExpC7;
    const double q89 = kExpC8 + r * kExpC9;
    const double q1011 = kExpC10 + r * kExpC11;
    const double lo = (q01 + r2 * q23) + r4 * (q45 + r2 * q67);
    const double hi = q89 + r2 * q1011;
    const double p = lo + r8 * hi;
    // 2^k from k's two's-complement bits in t (k in [-1022, 0] here).
    const std::uint64_t kbits = to_bits(t) - to_bits(kExpShift);
    const double scale = from_bits((kbits + 1023ULL) << 52);
    return blend(keep, p * scale, 0.0);
}

// out[i] = exp_nonpos(x[i]) for i < n; x and out may alias. Exposed for the
// accuracy tests, like log_pos_array.
[[maybe_unused]] INFOKIT_TARGET_CLONES static void exp_nonpos_array(const double* x, double* out,
                                                                    std::ptrdiff_t n) {
    for (std::ptrdiff_t i = 0; i < n; ++i) out[i] = exp_nonpos(x[i]);
}

namespace detail {

inline float from_bits32(std::uint32_t u) {
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

inline std::uint32_t to_bits32(float f) {
    std::uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

constexpr float kExpShiftF = 0x1.8p23f;
constexpr float kLog2eF = 0x1.715476p0f;
constexpr float kLn2HiF = 0x1.62e4p-1f;             // ln 2 to 16 bits: k ln2_hi exact for |k| < 2^8
constexpr float kLn2LoF = 0x1.7f7d1cp-20f;          // ln 2 - kLn2HiF
constexpr std::uint32_t kExpCutoffF = 0x42ae0000u;  // bits of 87.0f: |x| below it keeps 2^k normal

}  // namespace detail

// exp(x) for float x <= 0: exp_nonpos's method in float arithmetic (k by the
// 1.5 * 2^23 trick, r = x - k ln 2 in two parts, Taylor polynomial of degree 7
// by Estrin's scheme, truncation < 5e-9 relative on |r| <= 0.347, 2^k from the
// bits), so that a loop over float entries runs 16 lanes wide with AVX-512.
// Accuracy: <= 2 ulp of float (~2.4e-7 relative) on [-87, 0]
// (tests/kernels/test_bounds_kernels.py) -- the precision of float entries
// themselves; callers sum the results in double. Results below exp(-87)
// ~ 1.6e-38 are flushed to 0 and -inf gives 0; NaN and x > 0 are unspecified.
inline float exp_nonpos_f(float x) {
    using namespace detail;
    const std::uint32_t keep = 0u - (((to_bits32(x) & 0x7fffffffu) - kExpCutoffF) >> 31);  // |x| < 87
    const float xs = from_bits32(to_bits32(x) & keep);  // 0 where flushed: keeps the arithmetic finite
    const float t = xs * kLog2eF + kExpShiftF;
    const float k = t - kExpShiftF;
    const float r = (xs - k * kLn2HiF) - k * kLn2LoF;
    const float r2 = r * r;
    const float r4 = r2 * r2;
    const float lo = (1.0f + r) + r2 * (0.5f + r * (1.0f / 6.0f));
    const float hi = (1.0f / 24.0f + r * (1.0f / 120.0f)) + r2 * (1.0f / 720.0f + r * (1.0f / 5040.0f));
    const float p = lo + r4 * hi;
    const std::uint32_t kbits = to_bits32(t) - to_bits32(kExpShiftF);  // k, two's complement
    const float scale = from_bits32((kbits + 127u) << 23);
    return from_bits32(to_bits32(p * scale) & keep);
}

// out[i] = exp_nonpos_f(x[i]) for i < n (for the accuracy tests).
[[maybe_unused]] INFOKIT_TARGET_CLONES static void exp_nonpos_f_array(const float* x, float* out, std::ptrdiff_t n) {
    for (std::ptrdiff_t i = 0; i < n; ++i) out[i] = exp_nonpos_f(x[i]);
}

}  // namespace infokit
