// infokit/discrete/labels.hpp — integer label encoding for the discrete estimators.
//
// encode() maps n integer labels (any integer type, any stride) to dense codes
// 0..K-1 that follow the sorted order of the label values, so code k is the
// k-th smallest distinct label (the order np.unique gives). Two strategies:
//   * dense: when max - min is small (<= 4n + 1024) a presence table over the
//     value range, a prefix sum, then one mapping pass (parallel);
//   * hashed: otherwise an open-addressing hash of the values (first-seen ids),
//     a sort of the K distinct values, then one remapping pass (parallel).
// Both are O(n) memory; the hashed path costs O(n + K log K) time.
// encode_rows() encodes an (n, d) array row-wise (each row one joint symbol) by
// folding the columns: codes = encode(codes * K_c + code_c), which keeps the
// lexicographic order of the rows.
//
// Trust contract: validation lives in Python (infokit.estimate._discrete);
// codes holds n entries (n * d labels for encode_rows), n < 2^63.
// Pointers may be null when n == 0; strides are in elements and may be negative.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "infokit/core/parallel.hpp"

namespace infokit {
namespace detail {

// Order-preserving map to uint64: flipping the sign bit of the sign-extended
// value sorts signed integers like unsigned ones; unsigned types map as is.
template <class T>
inline std::uint64_t order_key(T v) {
    if constexpr (std::is_signed<T>::value) {
        return static_cast<std::uint64_t>(static_cast<std::int64_t>(v)) ^ (std::uint64_t(1) << 63);
    } else {
        return static_cast<std::uint64_t>(v);
    }
}

// Fixed chunk count for per-chunk reductions: it depends on n only, never on the
// thread count, so partial results are combined identically for any n_jobs.
inline std::ptrdiff_t n_chunks_for(std::ptrdiff_t n, std::ptrdiff_t min_chunk = 1 << 16) {
    std::ptrdiff_t c = n / min_chunk;
    return std::max<std::ptrdiff_t>(1, std::min<std::ptrdiff_t>(c, 64));
}

// Open-addressing hash from uint64 keys to first-seen ids (Fibonacci hashing;
// grows at load 1/2, so lookups stay O(1) on any key set).
class KeyIds {
  public:
    KeyIds() { rehash(1024); }

    // Id of `key`, inserting it with id size() when it is new.
    std::int64_t find_or_insert(std::uint64_t key) {
        std::size_t slot = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
        for (;;) {
            const std::int64_t id = ids_[slot];
            if (id < 0) break;
            if (keys_[slot] == key) return id;
            slot = (slot + 1) & mask_;
        }
        const std::int64_t id = static_cast<std::int64_t>(distinct_.size());
        keys_[slot] = key;
        ids_[slot] = id;
        distinct_.push_back(key);
        if (2 * distinct_.size() > keys_.size()) rehash(2 * keys_.size());
        return id;
    }

    const std::vector<std::uint64_t>& distinct() const { return distinct_; }

  private:
    void rehash(std::size_t capacity) {
        keys_.assign(capacity, 0);
        ids_.assign(capacity, -1);
        mask_ = capacity - 1;
        shift_ = 64;
        for (std::size_t c = capacity; c > 1; c >>= 1) --shift_;
        for (std::size_t id = 0; id < distinct_.size(); ++id) {
            const std::uint64_t key = distinct_[id];
            std::size_t slot = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
            while (ids_[slot] >= 0) slot = (slot + 1) & mask_;
            keys_[slot] = key;
            ids_[slot] = static_cast<std::int64_t>(id);
        }
    }

    std::vector<std::uint64_t> keys_;
    std::vector<std::int64_t> ids_;
    std::vector<std::uint64_t> distinct_;
    std::size_t mask_ = 0;
    int shift_ = 64;
};

}  // namespace detail

// Smallest and largest label (n >= 1).
template <class T>
void label_minmax(const T* x, std::ptrdiff_t n, std::ptrdiff_t stride, T* out_min, T* out_max,
                  int n_threads) {
    const std::ptrdiff_t chunks = detail::n_chunks_for(n);
    const std::ptrdiff_t len = (n + chunks - 1) / chunks;
    std::vector<T> lo(static_cast<std::size_t>(chunks), x[0]), hi(static_cast<std::size_t>(chunks), x[0]);
    parallel_for_blocks(chunks, 1, n_threads, [&](std::ptrdiff_t c, std::ptrdiff_t) {
        const std::ptrdiff_t b = c * len, e = std::min(n, b + len);
        T mn = x[b * stride], mx = mn;
        for (std::ptrdiff_t i = b; i < e; ++i) {
            const T v = x[i * stride];
            mn = v < mn ? v : mn;
            mx = v > mx ? v : mx;
        }
        lo[static_cast<std::size_t>(c)] = mn;
        hi[static_cast<std::size_t>(c)] = mx;
    });
    *out_min = *std::min_element(lo.begin(), lo.end());
    *out_max = *std::max_element(hi.begin(), hi.end());
}

// Histogram of labels over the value range [xmin, xmin + range): counts[v - xmin]++.
// counts (length `range`) must be zeroed by the caller; every label is in range.
template <class T>
void count_range(const T* x, std::ptrdiff_t n, std::ptrdiff_t stride, T xmin, std::int64_t range,
                 std::int64_t* counts, int n_threads) {
    const std::uint64_t k0 = detail::order_key(xmin);
    std::ptrdiff_t chunks = detail::n_chunks_for(n);
    // Per-chunk partial histograms only pay off when they are small next to n.
    if (n_threads < 2 || range * chunks > n / 4) chunks = 1;
    if (chunks == 1) {
        for (std::ptrdiff_t i = 0; i < n; ++i) ++counts[detail::order_key(x[i * stride]) - k0];
        return;
    }
    const std::ptrdiff_t len = (n + chunks - 1) / chunks;
    std::vector<std::int64_t> part(static_cast<std::size_t>(chunks * range), 0);
    parallel_for_blocks(chunks, 1, n_threads, [&](std::ptrdiff_t c, std::ptrdiff_t) {
        std::int64_t* h = part.data() + c * range;
        const std::ptrdiff_t b = c * len, e = std::min(n, b + len);
        for (std::ptrdiff_t i = b; i < e; ++i) ++h[detail::order_key(x[i * stride]) - k0];
    });
    // Integer sums: any merge order gives the same counts.
    for (std::ptrdiff_t c = 0; c < chunks; ++c)
        for (std::int64_t v = 0; v < range; ++v) counts[v] += part[static_cast<std::size_t>(c * range + v)];
}

// Dense codes 0..K-1 in sorted label order; returns K. codes must hold n items
// and must not alias x.
template <class T>
std::int64_t encode_labels(const T* x, std::ptrdiff_t n, std::ptrdiff_t stride, std::int64_t* codes,
                           int n_threads) {
    if (n <= 0) return 0;
    T mn, mx;
    label_minmax(x, n, stride, &mn, &mx, n_threads);
    const std::uint64_t k0 = detail::order_key(mn);
    const std::uint64_t span = detail::order_key(mx) - k0;  // range - 1, cannot overflow
    const auto map_pass = [&](const std::int64_t* rank, bool by_value) {
        parallel_for(n, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
            if (by_value) {
                for (std::ptrdiff_t i = b; i < e; ++i) codes[i] = rank[detail::order_key(x[i * stride]) - k0];
            } else {
                for (std::ptrdiff_t i = b; i < e; ++i) codes[i] = rank[codes[i]];
            }
        }, 1 << 15);
    };
    if (span < static_cast<std::uint64_t>(4 * n + 1024)) {
        std::vector<std::int64_t> rank(static_cast<std::size_t>(span + 1), 0);
        for (std::ptrdiff_t i = 0; i < n; ++i) rank[detail::order_key(x[i * stride]) - k0] = 1;
        std::int64_t k = 0;
        for (auto& r : rank) {
            const std::int64_t present = r;
            r = k;
            k += present;
        }
        map_pass(rank.data(), true);
        return k;
    }
    detail::KeyIds ids;
    for (std::ptrdiff_t i = 0; i < n; ++i) codes[i] = ids.find_or_insert(detail::order_key(x[i * stride]));
    const auto& keys = ids.distinct();
    const std::int64_t k = static_cast<std::int64_t>(keys.size());
    std::vector<std::int64_t> order(static_cast<std::size_t>(k));
    for (std::int64_t i = 0; i < k; ++i) order[static_cast<std::size_t>(i)] = i;
    std::sort(order.begin(), order.end(),
              [&](std::int64_t a, std::int64_t b) { return keys[static_cast<std::size_t>(a)] < keys[static_cast<std::size_t>(b)]; });
    std::vector<std::int64_t> rank(static_cast<std::size_t>(k));
    for (std::int64_t r = 0; r < k; ++r) rank[static_cast<std::size_t>(order[static_cast<std::size_t>(r)])] = r;
    map_pass(rank.data(), false);
    return k;
}

// Row-wise codes of an (n, d) array (strides s0 between rows, s1 between
// columns, in elements); codes follow the lexicographic order of the rows.
template <class T>
std::int64_t encode_rows(const T* x, std::ptrdiff_t n, std::ptrdiff_t d, std::ptrdiff_t s0, std::ptrdiff_t s1,
                         std::int64_t* codes, int n_threads) {
    if (n <= 0) return 0;
    std::int64_t k = encode_labels(x, n, s0, codes, n_threads);
    if (d == 1) return k;
    std::vector<std::int64_t> col(static_cast<std::size_t>(n));
    for (std::ptrdiff_t c = 1; c < d; ++c) {
        const std::int64_t kc = encode_labels(x + c * s1, n, s0, col.data(), n_threads);
        // k * kc <= n^2 < 2^63 for any n that fits in memory, so the pair key is exact.
        parallel_for(n, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
            for (std::ptrdiff_t i = b; i < e; ++i) col[i] += codes[i] * kc;
        }, 1 << 15);
        k = encode_labels(col.data(), n, 1, codes, n_threads);
    }
    return k;
}

}  // namespace infokit
