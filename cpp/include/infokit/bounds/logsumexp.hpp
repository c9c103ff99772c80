// infokit/bounds/logsumexp.hpp — masked, max-subtracted log-sum-exp of a score matrix.
//
// The variational MI bounds of infokit.bounds reduce a critic's score matrix
// S[i, j] = f(x_i, y_j) (diagonal = positive pairs) by log-sum-exp: over each
// row, over each column, over the off-diagonal pairs or over the whole matrix,
// optionally as a log-mean-exp (minus the log of the number of entries).
// Region kLseOffDiagonal leaves out the entries S[i, i] for i < min(n, m).
//
// Inputs are TRUSTED: the caller (infokit._kernels.bounds, fed by
// infokit.bounds) passes a 2-D block of float or double with positive element
// strides, at least one of which is 1 (anything else is copied in Python),
// non-empty regions for the means, and an aligned buffer. NaN, +inf and -inf
// entries are allowed and have one meaning each:
//   NaN anywhere in a reduced slice       -> NaN,
//   else +inf in it                       -> +inf,
//   else all entries -inf (or no entries) -> -inf,
//   else m + log(sum exp(s - m)), m the slice's max, so no finite input
//   overflows (S + 1e4 is fine) and the max term contributes exactly 1.
//
// Arithmetic: exp(s - m) comes from core/fastmath.hpp's exp_nonpos for double
// entries and exp_nonpos_f for float ones (float precision, ~2e-7 relative:
// that of the entries themselves, at twice the vector width); every sum is
// kept in double, in fixed lanes combined in a fixed order, counts are int64 (n (n - 1) overflows int32 from n = 46342).
// Threads take fixed blocks of rows (or of columns); per-slice results never
// depend on the thread count, and the whole-matrix reductions merge the rows'
// (max, sum) pairs sequentially in row order: results are bit-identical for
// every n_threads.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "infokit/core/config.hpp"
#include "infokit/core/fastmath.hpp"
#include "infokit/core/parallel.hpp"

namespace infokit {

enum LseRegion : int {
    kLseAll = 0,          // every entry
    kLseOffDiagonal = 1,  // every entry but S[i, i], i < min(n_rows, n_cols)
};

namespace detail {

constexpr double kPosInf = std::numeric_limits<double>::infinity();

// Max of x[0:n] without entry `skip` (skip < 0 or >= n: none),
// and a probe that is NaN iff some entry is not finite (v * 0 is 0 for finite v
// and NaN for NaN and +-inf). NaN entries are skipped by the max (the
// comparison is false), which the probe then reports. The one block that
// holds `skip` takes a masked copy of the loop, so the others stay aligned and
// vectorised (the exp sums below follow the same rule with blocks of 8, entry
// j always in lane j % 8). The lanes have the entries' own type T (max and v * 0 are exact in it);
// kMaxLanes independent lanes keep the loop-carried chains short. The max is
// exact and the probe only tested for NaN, so the lane count changes no result.
constexpr std::ptrdiff_t kMaxLanes = 32;

template <class T>
INFOKIT_INLINE void max_probe_body(const T* x, std::ptrdiff_t n, std::ptrdiff_t skip, double& mx, double& probe) {
    constexpr T kNegInf = -std::numeric_limits<T>::infinity();
    T m[kMaxLanes], p[kMaxLanes];
    for (std::ptrdiff_t l = 0; l < kMaxLanes; ++l) m[l] = kNegInf, p[l] = T(0);
    std::ptrdiff_t j = 0;
    for (; j + kMaxLanes <= n; j += kMaxLanes) {
        if (static_cast<std::size_t>(skip - j) < static_cast<std::size_t>(kMaxLanes)) {
            for (std::ptrdiff_t l = 0; l < kMaxLanes; ++l) {
                const T v = j + l == skip ? kNegInf : x[j + l];
                m[l] = v > m[l] ? v : m[l];
                p[l] += j + l == skip ? T(0) : v * T(0);
            }
            continue;
        }
        for (std::ptrdiff_t l = 0; l < kMaxLanes; ++l) {
            const T v = x[j + l];
            m[l] = v > m[l] ? v : m[l];
            p[l] += v * T(0);
        }
    }
    for (; j < n; ++j) {
        if (j == skip) continue;
        const T v = x[j];
        m[0] = v > m[0] ? v : m[0];
        p[0] += v * T(0);
    }
    double r = mx;
    T q = T(0);
    for (std::ptrdiff_t l = 0; l < kMaxLanes; ++l) {
        r = static_cast<double>(m[l]) > r ? static_cast<double>(m[l]) : r;
        q += p[l];
    }
    mx = r;
    probe += static_cast<double>(q);
}

// The cloned max passes (the loop is compute-bound in the baseline clone).
INFOKIT_TARGET_CLONES static void max_probe(const double* x, std::ptrdiff_t n, std::ptrdiff_t skip, double& mx,
                                            double& probe) {
    max_probe_body(x, n, skip, mx, probe);
}

INFOKIT_TARGET_CLONES static void max_probe(const float* x, std::ptrdiff_t n, std::ptrdiff_t skip, double& mx,
                                            double& probe) {
    max_probe_body(x, n, skip, mx, probe);
}

template <class T>
bool any_nan(const T* x, std::ptrdiff_t n, std::ptrdiff_t skip) {
    for (std::ptrdiff_t j = 0; j < n; ++j)
        if (j != skip && std::isnan(x[j])) return true;
    return false;
}

// Sums of exp are kept in kSumLanes double lanes, combined in a fixed order:
// double entries go to lane j % 8 (lanes 8..15 stay 0), float entries, whose
// exp runs twice as wide, to lane j % 16.
constexpr int kSumLanes = 16;

// lanes[j % 8] += exp(x[j] - m) over j < n but `skip`, m finite and >= every
// such x[j] (-inf entries give 0). Same block rule as max_probe.
INFOKIT_INLINE void sum_exp_body(const double* x, std::ptrdiff_t n, std::ptrdiff_t skip, double m, double* lanes) {
    std::ptrdiff_t j = 0;
    for (; j + 8 <= n; j += 8) {
        if (static_cast<std::size_t>(skip - j) < 8) {
            for (int l = 0; l < 8; ++l)
                if (j + l != skip) lanes[l] += exp_nonpos(x[j + l] - m);
            continue;
        }
        for (int l = 0; l < 8; ++l) lanes[l] += exp_nonpos(x[j + l] - m);
    }
    for (; j < n; ++j)
        if (j != skip) lanes[j & 7] += exp_nonpos(x[j] - m);
}

// The cloned loops (target clones cannot be templates: one per type).
INFOKIT_TARGET_CLONES static void sum_exp_shifted(const double* x, std::ptrdiff_t n, std::ptrdiff_t skip, double m,
                                                  double* lanes) {
    sum_exp_body(x, n, skip, m, lanes);
}

// float entries: exp in float (exp_nonpos_f, ~2e-7 relative, the precision of
// the entries themselves), each term widened to double and added to lane
// j % 16. x - m is a difference of two floats (m is the max of float entries).
INFOKIT_TARGET_CLONES static void sum_exp_shifted(const float* x, std::ptrdiff_t n, std::ptrdiff_t skip, double m,
                                                  double* lanes) {
    const float mf = static_cast<float>(m);
    std::ptrdiff_t j = 0;
    for (; j + 16 <= n; j += 16) {
        if (static_cast<std::size_t>(skip - j) < 16) {
            for (int l = 0; l < 16; ++l)
                if (j + l != skip) lanes[l] += static_cast<double>(exp_nonpos_f(x[j + l] - mf));
            continue;
        }
        for (int l = 0; l < 16; ++l) lanes[l] += static_cast<double>(exp_nonpos_f(x[j + l] - mf));
    }
    for (; j < n; ++j)
        if (j != skip) lanes[j & 15] += static_cast<double>(exp_nonpos_f(x[j] - mf));
}

// Column-block pass: acc[j] += exp(x[j] - m[j]) for j < n (every m[j] finite).
INFOKIT_TARGET_CLONES static void add_exp_shifted(const double* x, const double* m, std::ptrdiff_t n, double* acc) {
    for (std::ptrdiff_t j = 0; j < n; ++j) acc[j] += exp_nonpos(x[j] - m[j]);
}

INFOKIT_TARGET_CLONES static void add_exp_shifted(const float* x, const double* m, std::ptrdiff_t n, double* acc) {
    for (std::ptrdiff_t j = 0; j < n; ++j)
        acc[j] += static_cast<double>(exp_nonpos_f(x[j] - static_cast<float>(m[j])));
}

inline double lanes_total(const double* a) {
    const double lo = ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
    const double hi = ((a[8] + a[9]) + (a[10] + a[11])) + ((a[12] + a[13]) + (a[14] + a[15]));
    return lo + hi;
}

// A reduced slice: its max m and s = sum exp(v - m), with the special values of
// the header: NaN -> (NaN, NaN); +inf -> (+inf, 1); empty or all -inf -> (-inf, 0).
struct MaxSum {
    double max;
    double sum;
};

// One contiguous row x[0:n], leaving out entry `skip` (skip < 0: none).
template <class T>
MaxSum row_max_sum(const T* x, std::ptrdiff_t n, std::ptrdiff_t skip) {
    double m = -kPosInf, probe = 0.0;
    max_probe(x, n, skip, m, probe);
    if (probe != probe && any_nan(x, n, skip))
        return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    if (m == kPosInf) return {kPosInf, 1.0};
    if (m == -kPosInf) return {-kPosInf, 0.0};
    double lanes[kSumLanes] = {};
    sum_exp_shifted(x, n, skip, m, lanes);
    return {m, lanes_total(lanes)};
}

inline double finish(const MaxSum& r, std::int64_t count, bool mean) {
    if (r.max != r.max) return r.max;
    if (r.max == kPosInf) return kPosInf;
    if (r.sum == 0.0) return -kPosInf;  // all -inf (or empty)
    const double lse = r.max + std::log(r.sum);
    return mean ? lse - std::log(static_cast<double>(count)) : lse;
}

// Rows (cs == 1): the slices are the rows of s.
template <class T>
void rows_unit(const T* s, std::ptrdiff_t rs, std::ptrdiff_t n_rows, std::ptrdiff_t n_cols, int region,
               MaxSum* out, int n_threads) {
    const std::ptrdiff_t block = std::max<std::ptrdiff_t>(1, 65536 / std::max<std::ptrdiff_t>(1, n_cols));
    parallel_for_blocks(n_rows, block, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
        for (std::ptrdiff_t i = b; i < e; ++i)
            out[i] = row_max_sum(s + i * rs, n_cols, region == kLseOffDiagonal ? i : -1);
    });
}

// Columns (cs == 1): the slices are the columns of s, read row by row in
// fixed blocks of kColBlock columns (two passes: max, then the sum).
constexpr std::ptrdiff_t kColBlock = 512;

template <class T>
void cols_unit(const T* s, std::ptrdiff_t rs, std::ptrdiff_t n_rows, std::ptrdiff_t n_cols, int region,
               MaxSum* out, int n_threads) {
    parallel_for_blocks(n_cols, kColBlock, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
        const std::ptrdiff_t w = e - b;
        std::vector<double> mx(static_cast<std::size_t>(w), -kPosInf), probe(static_cast<std::size_t>(w), 0.0),
            acc(static_cast<std::size_t>(w), 0.0);
        auto skipped = [&](std::ptrdiff_t i) {  // the column of block [b, e) left out in row i, or -1
            return (region == kLseOffDiagonal && i >= b && i < e) ? i - b : std::ptrdiff_t{-1};
        };
        for (std::ptrdiff_t i = 0; i < n_rows; ++i) {
            const T* x = s + i * rs + b;
            const std::ptrdiff_t k = skipped(i);
            for (std::ptrdiff_t j = 0; j < w; ++j) {
                const double v = static_cast<double>(x[j]);
                const bool use = j != k;
                mx[j] = (use && v > mx[j]) ? v : mx[j];
                probe[j] += use ? v * 0.0 : 0.0;
            }
        }
        // Columns with a non-finite entry: classify them (scalar), the rest are summed.
        std::vector<char> special(static_cast<std::size_t>(w), 0);
        for (std::ptrdiff_t j = 0; j < w; ++j) {
            const std::ptrdiff_t col = b + j;
            if (probe[j] != probe[j]) {
                bool nan = false;
                for (std::ptrdiff_t i = 0; i < n_rows && !nan; ++i)
                    nan = !(region == kLseOffDiagonal && i == col) && std::isnan(s[i * rs + col]);
                if (nan) {
                    out[col] = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
                    special[j] = 1;
                    continue;
                }
            }
            if (mx[j] == kPosInf) {
                out[col] = {kPosInf, 1.0};
                special[j] = 1;
            } else if (mx[j] == -kPosInf) {
                out[col] = {-kPosInf, 0.0};
                special[j] = 1;
            }
            if (special[j]) mx[j] = 0.0;  // any finite shift: the sum is discarded
        }
        for (std::ptrdiff_t i = 0; i < n_rows; ++i) {
            const T* x = s + i * rs + b;
            const std::ptrdiff_t k = skipped(i);
            if (k < 0) {
                add_exp_shifted(x, mx.data(), w, acc.data());
            } else {
                add_exp_shifted(x, mx.data(), k, acc.data());
                add_exp_shifted(x + k + 1, mx.data() + k + 1, w - k - 1, acc.data() + k + 1);
            }
        }
        for (std::ptrdiff_t j = 0; j < w; ++j)
            if (!special[j]) out[b + j] = {mx[j], acc[j]};
    });
}

// (max, sum) per slice along `axis` of a block with rs == 1 or cs == 1. axis 1
// reduces each row, axis 0 each column; a transposed layout swaps the roles.
template <class T>
void slices(const T* s, std::ptrdiff_t rs, std::ptrdiff_t cs, std::ptrdiff_t n_rows, std::ptrdiff_t n_cols,
            int axis, int region, MaxSum* out, int n_threads) {
    INFOKIT_ASSERT(rs == 1 || cs == 1);
    if (cs == 1 && (rs != 1 || n_cols != 1 || n_rows == 1)) {
        if (axis == 1)
            rows_unit(s, rs, n_rows, n_cols, region, out, n_threads);
        else
            cols_unit(s, rs, n_rows, n_cols, region, out, n_threads);
    } else {  // rs == 1: the transpose has unit column stride
        if (axis == 1)
            cols_unit(s, cs, n_cols, n_rows, region, out, n_threads);
        else
            rows_unit(s, cs, n_cols, n_rows, region, out, n_threads);
    }
}

inline std::int64_t slice_count(std::ptrdiff_t index, std::ptrdiff_t length, std::ptrdiff_t n_other, int region) {
    // Entries of slice `index` (of `length` entries) with the diagonal left out
    // where the slice crosses it (index < n_other, the length of the other axis).
    return static_cast<std::int64_t>(length) - ((region == kLseOffDiagonal && index < n_other) ? 1 : 0);
}

}  // namespace detail

// out[k] = log-sum-exp (mean: log-mean-exp) of slice k: row k for axis = 1
// (out has n_rows entries), column k for axis = 0 (n_cols entries).
template <class T>
void lse_axis(const T* s, std::ptrdiff_t rs, std::ptrdiff_t cs, std::ptrdiff_t n_rows, std::ptrdiff_t n_cols,
              int axis, int region, bool mean, double* out, int n_threads) {
    const std::ptrdiff_t n_out = axis == 1 ? n_rows : n_cols;
    const std::ptrdiff_t length = axis == 1 ? n_cols : n_rows;
    std::vector<detail::MaxSum> parts(static_cast<std::size_t>(n_out));
    detail::slices(s, rs, cs, n_rows, n_cols, axis, region, parts.data(), n_threads);
    for (std::ptrdiff_t k = 0; k < n_out; ++k)
        out[k] = detail::finish(parts[static_cast<std::size_t>(k)], detail::slice_count(k, length, length, region),
                                mean);
}

// Log-sum-exp (mean: log-mean-exp) over the whole region of s. The rows'
// (max, sum) pairs are merged in row order: M = max of the maxima, total =
// sum of sum_i exp(max_i - M).
template <class T>
double lse_all(const T* s, std::ptrdiff_t rs, std::ptrdiff_t cs, std::ptrdiff_t n_rows, std::ptrdiff_t n_cols,
               int region, bool mean, int n_threads) {
    // Slices along the unit-stride axis: rows for cs == 1, else columns.
    const bool by_rows = cs == 1 && (rs != 1 || n_cols != 1 || n_rows == 1);
    const std::ptrdiff_t n_parts = by_rows ? n_rows : n_cols;
    std::vector<detail::MaxSum> parts(static_cast<std::size_t>(n_parts));
    detail::slices(s, rs, cs, n_rows, n_cols, by_rows ? 1 : 0, region, parts.data(), n_threads);
    double m = -detail::kPosInf;
    for (const auto& p : parts) {
        if (p.max != p.max) return p.max;
        m = p.max > m ? p.max : m;
    }
    const std::int64_t diag = region == kLseOffDiagonal ? std::min<std::int64_t>(n_rows, n_cols) : 0;
    const std::int64_t count = static_cast<std::int64_t>(n_rows) * static_cast<std::int64_t>(n_cols) - diag;
    if (m == detail::kPosInf) return detail::kPosInf;
    if (m == -detail::kPosInf) return -detail::kPosInf;
    double total = 0.0;
    for (const auto& p : parts)
        if (p.sum > 0.0) total += p.sum * std::exp(p.max - m);
    return detail::finish({m, total}, count, mean);
}

}  // namespace infokit
