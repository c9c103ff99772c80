// infokit/core/sort.hpp — argsort of one column of doubles, for the sorted
// marginals of the kNN estimators (knn/pair1d.hpp, knn/ross1d.hpp).
//
// Doubles are mapped to unsigned keys whose order is the numeric order (flip
// every bit of a negative, set the sign bit of a positive), then sorted by an
// LSD radix sort in 11-bit digits carrying the row index, on the three most
// significant digits that vary (digits on which all keys agree are skipped);
// one linear pass then orders the short runs of keys that agree on all those
// digits by their full key. Three scatter passes instead of six, and the
// result is exactly the (key, row) order: equal values keep row order (the
// sort is stable), so the output is deterministic; inputs under 256 values use
// std::sort on (key, row) pairs, which gives the same order (the radix sort is
// already 1.4x faster at 256 values and 3x at 2000, where feature selection
// sorts many short columns).
//
// Trust contract: no NaN (Python rejects them; +-inf sort to the ends),
// 0 <= n < 2^31, v valid at every multiple of stride below n * stride.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

namespace infokit {
namespace detail {

inline std::uint64_t double_order_key(double v) {
    std::uint64_t u;
    std::memcpy(&u, &v, sizeof u);
    return (u >> 63) ? ~u : (u | 0x8000000000000000ULL);
}

inline double double_from_key(std::uint64_t key) {
    const std::uint64_t u = (key >> 63) ? (key & 0x7FFFFFFFFFFFFFFFULL) : ~key;
    double v;
    std::memcpy(&v, &u, sizeof v);
    return v;
}

}  // namespace detail

// sorted[r] = r-th smallest of v[i * stride] (i < n); order[r] = its row.
inline void argsort_values(const double* v, std::ptrdiff_t stride, std::int32_t n, double* sorted, std::int32_t* order) {
    const std::size_t m = static_cast<std::size_t>(n);
    if (n < 256) {
        std::vector<std::pair<std::uint64_t, std::int32_t>> kv(m);
        for (std::int32_t i = 0; i < n; ++i) kv[static_cast<std::size_t>(i)] = {detail::double_order_key(v[i * stride]), i};
        std::sort(kv.begin(), kv.end());
        for (std::size_t r = 0; r < m; ++r) {
            sorted[r] = detail::double_from_key(kv[r].first);
            order[r] = kv[r].second;
        }
        return;
    }
    constexpr int kBits = 11;
    constexpr int kPasses = 6;  // 6 * 11 >= 64
    constexpr std::size_t kBuckets = std::size_t{1} << kBits;
    // Working buffers are fully overwritten: no zero-fill.
    std::unique_ptr<std::uint64_t[]> keys(new std::uint64_t[m]), keys2(new std::uint64_t[m]);
    std::unique_ptr<std::int32_t[]> rows2(new std::int32_t[m]);
    // Bits in which some key differs from the first: digits without any are
    // never sorted (nor counted).
    const std::uint64_t key0 = detail::double_order_key(v[0]);
    std::uint64_t diff = 0;
    for (std::size_t i = 0; i < m; ++i) {
        const std::uint64_t key = detail::double_order_key(v[static_cast<std::ptrdiff_t>(i) * stride]);
        keys[i] = key;
        order[i] = static_cast<std::int32_t>(i);
        diff |= key ^ key0;
    }
    // Only the three most significant digits that vary are radix-sorted (a
    // continuous column's order is settled by ~33 leading bits); keys that
    // still agree on every digit down to the lowest sorted one form short runs
    // (stable, so in row order), which a final pass orders by the full key.
    int use[3];
    int n_use = 0;
    for (int p = kPasses - 1; p >= 0 && n_use < 3; --p)
        if ((diff >> (p * kBits)) & (kBuckets - 1)) use[n_use++] = p;
    // Histograms of those digits, two copies each for alternate keys: a digit
    // concentrated on a few values (the exponent) would otherwise chain every
    // increment on the previous one through memory.
    std::vector<std::uint32_t> hist(2 * static_cast<std::size_t>(std::max(n_use, 1)) * kBuckets, 0);
    for (std::size_t i = 0; i < m; ++i) {
        const std::uint64_t key = keys[i];
        for (int u = 0; u < n_use; ++u)
            ++hist[(2 * static_cast<std::size_t>(u) + (i & 1)) * kBuckets + ((key >> (use[u] * kBits)) & (kBuckets - 1))];
    }
    for (int u = 0; u < n_use; ++u) {
        std::uint32_t* h0 = &hist[2 * static_cast<std::size_t>(u) * kBuckets];
        const std::uint32_t* h1 = h0 + kBuckets;
        for (std::size_t b = 0; b < kBuckets; ++b) h0[b] += h1[b];
    }
    std::uint64_t* ka = keys.get();
    std::uint64_t* kb = keys2.get();
    std::int32_t* ra = order;
    std::int32_t* rb = rows2.get();
    for (int u = n_use - 1; u >= 0; --u) {
        const int p = use[u];
        std::uint32_t* h = &hist[2 * static_cast<std::size_t>(u) * kBuckets];
        const int shift = p * kBits;
        std::uint32_t sum = 0;
        for (std::size_t b = 0; b < kBuckets; ++b) {
            const std::uint32_t c = h[b];
            h[b] = sum;
            sum += c;
        }
        for (std::size_t i = 0; i < m; ++i) {
            const std::uint64_t key = ka[i];
            const std::uint32_t at = h[(key >> shift) & (kBuckets - 1)]++;
            kb[at] = key;
            rb[at] = ra[i];
        }
        std::swap(ka, kb);
        std::swap(ra, rb);
    }
    if (n_use > 0 && use[n_use - 1] > 0) {
        // Runs of equal prefix (the bits from the lowest sorted digit up).
        const int shift = use[n_use - 1] * kBits;
        std::size_t i = 0;
        while (i < m) {
            std::size_t j = i + 1;
            const std::uint64_t pre = ka[i] >> shift;
            while (j < m && (ka[j] >> shift) == pre) ++j;
            if (j - i > 1) {
                if (j - i <= 32) {
                    // insertion sort, stable: rows of equal keys keep their order
                    for (std::size_t a = i + 1; a < j; ++a) {
                        const std::uint64_t key = ka[a];
                        const std::int32_t row = ra[a];
                        std::size_t b = a;
                        while (b > i && ka[b - 1] > key) {
                            ka[b] = ka[b - 1];
                            ra[b] = ra[b - 1];
                            --b;
                        }
                        ka[b] = key;
                        ra[b] = row;
                    }
                } else {
                    std::vector<std::pair<std::uint64_t, std::int32_t>> run(j - i);
                    for (std::size_t a = i; a < j; ++a) run[a - i] = {ka[a], ra[a]};
                    std::sort(run.begin(), run.end());
                    for (std::size_t a = i; a < j; ++a) {
                        ka[a] = run[a - i].first;
                        ra[a] = run[a - i].second;
                    }
                }
            }
            i = j;
        }
    }
    if (ra != order) std::memcpy(order, ra, m * sizeof(std::int32_t));
    for (std::size_t r = 0; r < m; ++r) sorted[r] = detail::double_from_key(ka[r]);
}

}  // namespace infokit
