// infokit/knn_rank_lookup.hpp — where a value falls in a sorted column, in
// O(1) expected time: the marginal counts of the 1-D KSG fast path
// (infokit/knn_pair1d.hpp).
//
// The value range is cut into m equal buckets; start[t] is the first rank
// whose value lies in bucket t or above. A boundary value (q + r, say) then
// lands within a bucket of a handful of ranks, and a gallop from the bucket's
// first rank finds the exact boundary with the caller's predicate, i.e. the
// very subtraction that produced the radius (PARITY 17): the bucket only
// guesses, it never decides, so rounding in bucket() cannot change a count.
// The range is cut between the 1/512 and 511/512 quantiles, so a few far
// outliers cannot stretch every bucket; values beyond go to the end buckets,
// where the gallop costs O(log n).
//
// Inputs are trusted: sorted, finite, n < 2^31.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "infokit/inline.hpp"

namespace infokit {

class RankLookup {
  public:
    using index_t = std::int32_t;

    // v: n sorted values; about n / per_bucket buckets.
    void build(const double* v, index_t n, index_t per_bucket) {
        n_ = n;
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

    // First rank of the bucket holding value x (monotone in x).
    INFOKIT_INLINE index_t guess(double x) const { return start_[static_cast<std::size_t>(bucket(x))]; }

    // The ranks of the bucket holding x, clipped to [a, e): a window that
    // almost always holds the boundary at x (the caller confirms it).
    INFOKIT_INLINE void window(double x, index_t a, index_t e, index_t& lo, index_t& len) const {
        const std::size_t t = static_cast<std::size_t>(bucket(x));
        const index_t s = std::min(e, std::max(a, start_[t]));
        const index_t f = std::min(e, std::max(s, start_[t + 1]));
        lo = s;
        len = f - s;
    }

    // The first j in [a, e) with !pred(j) (e when none), for pred true on a
    // prefix of [a, e) and false after; g is a guess of the answer. Probes
    // double their distance from g, then bisect: O(1) when the guess is
    // within a few ranks, O(log n) at worst.
    template <class Pred>
    static index_t first_false(index_t a, index_t e, index_t g, Pred pred) {
        g = g < a ? a : (g > e ? e : g);
        index_t lo, hi;
        if (g < e && pred(g)) {
            lo = g + 1;  // pred holds below lo
            hi = e;
            for (index_t step = 1;; step <<= 1) {
                const index_t probe = lo + step - 1;
                if (probe >= e) break;
                if (!pred(probe)) {
                    hi = probe;
                    break;
                }
                lo = probe + 1;
            }
        } else {
            hi = g;  // pred fails from hi on
            lo = a;
            for (index_t step = 1;; step <<= 1) {
                if (hi - a < step) break;
                const index_t probe = hi - step;
                if (pred(probe)) {
                    lo = probe + 1;
                    break;
                }
                hi = probe;
            }
        }
        while (lo < hi) {
            const index_t mid = lo + ((hi - lo) >> 1);
            if (pred(mid)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    std::size_t bytes() const { return start_.capacity() * sizeof(index_t); }

  private:
    INFOKIT_INLINE index_t bucket(double x) const {
        const double t = (x - lo_) * scale_;
        if (!(t >= 0.0)) return 0;  // also a NaN from inf * 0
        if (t >= static_cast<double>(m_)) return m_ - 1;
        return static_cast<index_t>(t);
    }

    index_t n_ = 0, m_ = 1;
    double lo_ = 0.0, scale_ = 0.0;
    std::vector<index_t> start_;
};

}  // namespace infokit
