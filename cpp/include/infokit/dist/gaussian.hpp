// infokit/dist/gaussian.hpp — the KL term of a VAE / variational information
// bottleneck, per row: D = sum_j 0.5 (exp(l_j) - 1 - l_j + mu_j^2), the KL
// divergence of N(mu, diag(exp(l))) from N(0, I) (infokit.dist.kl_normal_standard).
//
// exp(l) - 1 - l cancels for small l (it is about l^2 / 2), so it is summed as
// its Taylor series for |l| < 1/2 (Horner on 1/k!, k = 2 .. 17) and taken as
// expm1(l) - l elsewhere: the arithmetic of infokit.dist._gaussian.expm1mx,
// operation for operation, so each series term has the bits of the NumPy code
// (beyond 1/2 the two agree to expm1's rounding: NumPy may dispatch to its
// own SIMD expm1 where this calls the C library's). Each
// row's terms are then added in NumPy's pairwise order (numpy.add.reduce over
// a contiguous axis: blocks of at most 128 in 8 interleaved accumulators,
// halves above), so a row sum has the bits of `terms.sum(axis=-1)` too. One
// pass over the inputs instead of the NumPy code's ~40 (16 Horner steps over
// blocks, masks, the squares, the sum).
//
// Trust contract (checked in Python): n_rows, n_cols >= 0; mu[i * mu_rs + j *
// mu_cs] and lv[i * lv_rs + j * lv_cs] valid for i < n_rows, j < n_cols
// (strides in elements, any sign, 0 allowed); out holds n_rows values.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "infokit/core/config.hpp"

namespace infokit {
namespace detail {

// 1 / k! for k = 0 .. 17, correctly rounded (k! < 2^53 is exact), as Python's 1.0 / math.factorial(k).
constexpr double kInvFactorial[18] = {
    1.0 / 1.0,
    1.0 / 1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5040.0,
    1.0 / 40320.0,
    1.0 / 362880.0,
    1.0 / 3628800.0,
    1.0 / 39916800.0,
    1.0 / 479001600.0,
    1.0 / 6227020800.0,
    1.0 / 87178291200.0,
    1.0 / 1307674368000.0,
    1.0 / 20922789888000.0,
    1.0 / 355687428096000.0,
};

// 0.5 (series(l) + m^2) for every entry of one row (contiguous copies); returns
// whether some |l| >= 1/2 (NaN included), whose terms the caller recomputes.
// No branches and no calls: the loop vectorises, in every clone (AVX-512,
// AVX2, baseline) the same IEEE operations: the table module is compiled with
// -ffp-contract=off (CMakeLists.txt), so no multiply-add is contracted.
INFOKIT_TARGET_CLONES static bool kl_series_terms(const double* m, const double* l, std::ptrdiff_t n,
                                                  double* out) {
    // An integer count, not a bool: GCC vectorises an integer sum, not a bool or.
    std::int64_t far = 0;
    for (std::ptrdiff_t j = 0; j < n; ++j) {
        const double t = l[j];
        double acc = kInvFactorial[17];
        for (int k = 16; k > 1; --k) acc = acc * t + kInvFactorial[k];
        acc = acc * t;
        acc = acc * t;
        out[j] = 0.5 * (acc + m[j] * m[j]);
        far += std::fabs(t) < 0.5 ? 0 : 1;
    }
    return far != 0;
}

// NumPy's pairwise sum of a contiguous block (numpy/_core/src/umath/loops_utils.h.src).
inline double numpy_pairwise_sum(const double* a, std::ptrdiff_t n) {
    if (n < 8) {
        double res = 0.0;
        for (std::ptrdiff_t i = 0; i < n; ++i) res += a[i];
        return res;
    }
    if (n <= 128) {
        double r[8];
        for (int k = 0; k < 8; ++k) r[k] = a[k];
        std::ptrdiff_t i = 8;
        for (; i < n - (n % 8); i += 8)
            for (int k = 0; k < 8; ++k) r[k] += a[i + k];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) res += a[i];
        return res;
    }
    std::ptrdiff_t n2 = n / 2;
    n2 -= n2 % 8;
    return numpy_pairwise_sum(a, n2) + numpy_pairwise_sum(a + n2, n - n2);
}

}  // namespace detail

inline void kl_normal_standard_rows(const double* mu, std::ptrdiff_t mu_rs, std::ptrdiff_t mu_cs, const double* lv,
                                    std::ptrdiff_t lv_rs, std::ptrdiff_t lv_cs, std::ptrdiff_t n_rows,
                                    std::ptrdiff_t n_cols, double* out) {
    const std::size_t nc = static_cast<std::size_t>(n_cols);
    std::vector<double> terms(nc), mrow(mu_cs == 1 ? 0 : nc), lrow(lv_cs == 1 ? 0 : nc);
    for (std::ptrdiff_t i = 0; i < n_rows; ++i) {
        const double* m = mu + i * mu_rs;
        const double* l = lv + i * lv_rs;
        if (mu_cs != 1) {
            for (std::size_t j = 0; j < nc; ++j) mrow[j] = m[static_cast<std::ptrdiff_t>(j) * mu_cs];
            m = mrow.data();
        }
        if (lv_cs != 1) {
            for (std::size_t j = 0; j < nc; ++j) lrow[j] = l[static_cast<std::ptrdiff_t>(j) * lv_cs];
            l = lrow.data();
        }
        if (detail::kl_series_terms(m, l, n_cols, terms.data())) {
            for (std::size_t j = 0; j < nc; ++j)
                if (!(std::fabs(l[j]) < 0.5)) terms[j] = 0.5 * ((std::expm1(l[j]) - l[j]) + m[j] * m[j]);
        }
        out[i] = detail::numpy_pairwise_sum(terms.data(), n_cols);
    }
}

}  // namespace infokit
