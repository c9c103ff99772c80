// infokit/knn/rank_lookup.hpp — where a value falls in a sorted column, in
// O(1) expected time: the marginal counts of the 1-D KSG fast path
// (knn/pair1d_count.hpp).
//
// The value range is cut into m equal buckets; start[t] is the first rank
// whose value lies in bucket t or above. A boundary value (q + r, say) then
// lands in a bucket of a handful of ranks, the caller confirms with its own
// predicate (the very subtraction that produced the radius) that
// the bucket brackets the boundary, and bisects inside it: the bucket only
// narrows the search, it never decides, so rounding in bucket() cannot change
// a count (a bucket that misses the boundary costs a search of the whole
// side, never a wrong count). The range is cut between the 1/512 and 511/512
// quantiles, so a few far outliers cannot stretch every bucket; values beyond
// go to the end buckets.
//
// Trust contract: v sorted ascending, finite, 0 <= n < 2^31, per_bucket >= 1;
// window() bounds 0 <= a <= e <= n.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "infokit/core/config.hpp"
#include "infokit/knn/common.hpp"

namespace infokit {
namespace detail {

class RankLookup {
  public:
    // v: n sorted values; about n / per_bucket buckets.
    void build(const double* v, index_t n, index_t per_bucket) {
        m_ = std::max<index_t>(1, n / std::max<index_t>(1, per_bucket));
        const index_t cut = n / 512;
        lo_ = n > 0 ? v[cut] : 0.0;
        const double hi = n > 0 ? v[n - 1 - cut] : 0.0;
        scale_ = hi > lo_ ? static_cast<double>(m_) / (hi - lo_) : 0.0;
        // start[t] = #{r : bucket(v[r]) < t}: a histogram and a prefix sum
        // (no data-dependent branches; bucket() is monotone, v is sorted).
        start_.assign(static_cast<std::size_t>(m_) + 1, 0);
        for (index_t r = 0; r < n; ++r) ++start_[static_cast<std::size_t>(bucket(v[r])) + 1];
        for (index_t t = 0; t < m_; ++t) start_[static_cast<std::size_t>(t) + 1] += start_[static_cast<std::size_t>(t)];
    }

    // The ranks of the bucket holding x, clipped to [a, e): a window that
    // almost always holds the boundary at x (the caller confirms it).
    INFOKIT_INLINE void window(double x, index_t a, index_t e, index_t& lo, index_t& len) const {
        window_of(slot(x), a, e, lo, len);
    }

    // The same in two steps, for callers that prefetch in between: the
    // bucket of x, then its window.
    INFOKIT_INLINE std::size_t slot(double x) const { return static_cast<std::size_t>(bucket(x)); }
    INFOKIT_INLINE const index_t* slot_address(std::size_t t) const { return &start_[t]; }
    INFOKIT_INLINE void window_of(std::size_t t, index_t a, index_t e, index_t& lo, index_t& len) const {
        const index_t s = std::min(e, std::max(a, start_[t]));
        const index_t f = std::min(e, std::max(s, start_[t + 1]));
        lo = s;
        len = f - s;
    }

  private:
    INFOKIT_INLINE index_t bucket(double x) const {
        const double t = (x - lo_) * scale_;
        if (!(t >= 0.0)) return 0;  // also a NaN from inf * 0
        if (t >= static_cast<double>(m_)) return m_ - 1;
        return static_cast<index_t>(t);
    }

    index_t m_ = 1;
    double lo_ = 0.0, scale_ = 0.0;
    std::vector<index_t> start_;
};

}  // namespace detail
}  // namespace infokit
