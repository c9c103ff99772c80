// infokit/knn/kbest.hpp — the one k-best container of the kNN searches: the k
// smallest distances seen so far, ascending, with the position of each.
//
// Trust contract: k >= 1; push(d, pos) only with finite d (the callers' inputs
// are finite and Python rejects distances that overflow), and, for KBest,
// only when d < worst(). Positions are whatever the caller indexes points by
// (tree or cell-order positions), never interpreted here.
//
// Interface, shared by every container a search is templated on:
//   reset()        empty: every distance +inf, so worst() is one load and an
//                  unfilled slot needs no size test;
//   worst()        the k-th smallest distance (+inf while fewer than k);
//   push(d, pos)   insert a candidate;
//   dist(j), pos(j) the j-th smallest and its position (j < k);
//   filled(j)      slot j holds a candidate (its distance is finite);
//   kBranchFree    true when push() accepts any candidate (a rejected one
//                  leaves the container unchanged), so a scan can call it
//                  without first comparing against worst().
// KBest is the runtime-k container (the KD-tree searches, and the 1-D grid
// search for larger k); KBestFixed<K> is its compile-time-k specialisation
// (same order of equal distances: ties keep the earlier candidate first).
// knn/kth2d.hpp (Kth2D) is the SIMD specialisation of worst() alone, for the
// one search that needs only the k-th distance, not which points give it.
//
// Euclidean searches store squared distances until the caller takes sqrt.
#pragma once

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

#include "infokit/core/config.hpp"
#include "infokit/knn/common.hpp"

namespace infokit {

// k best, runtime k: sorted insertion (k is small, and a candidate that
// passes the worst() test usually lands near the end).
class KBest {
  public:
    static constexpr bool kBranchFree = false;

    explicit KBest(int k) : k_(k), d_(static_cast<std::size_t>(k)), pos_(static_cast<std::size_t>(k)) {
        INFOKIT_ASSERT(k >= 1);
        reset();
    }
    void reset() { std::fill(d_.begin(), d_.end(), std::numeric_limits<double>::infinity()); }
    double worst() const { return d_[static_cast<std::size_t>(k_ - 1)]; }
    void push(double d, index_t pos) {
        double* dd = d_.data();
        index_t* pp = pos_.data();
        int j = k_ - 1;
        while (j > 0 && dd[j - 1] > d) {
            dd[j] = dd[j - 1];
            pp[j] = pp[j - 1];
            --j;
        }
        dd[j] = d;
        pp[j] = pos;
    }
    int k() const { return k_; }
    double dist(int j) const { return d_[static_cast<std::size_t>(j)]; }
    index_t pos(int j) const { return pos_[static_cast<std::size_t>(j)]; }
    bool filled(int j) const { return dist(j) < std::numeric_limits<double>::infinity(); }
    // Number of filled slots (they are the first ones: distances ascend).
    int size() const {
        int m = 0;
        while (m < k_ && filled(m)) ++m;
        return m;
    }

  private:
    int k_;
    std::vector<double> d_;
    std::vector<index_t> pos_;
};

// k best, compile-time K: a branch-free insertion (min/max network) into
// registers, done for every candidate, so the scan has no data-dependent
// branches (the outcome of `d < worst()` is close to random).
template <int K>
struct KBestFixed {
    static constexpr bool kBranchFree = true;

    explicit KBestFixed(int k = K) {
        (void)k;
        INFOKIT_ASSERT(k == K);
        reset();
    }
    void reset() {
        for (int j = 0; j < K; ++j) {
            d_[j] = std::numeric_limits<double>::infinity();
            pos_[j] = -1;
        }
    }
    double worst() const { return d_[K - 1]; }
    void push(double x, index_t p) {
        for (int j = K - 1; j > 0; --j) {
            const double a = d_[j - 1], b = d_[j];
            pos_[j] = x < a ? pos_[j - 1] : (x < b ? p : pos_[j]);
            d_[j] = std::max(a, std::min(b, x));
        }
        pos_[0] = x < d_[0] ? p : pos_[0];
        d_[0] = std::min(d_[0], x);
    }
    static constexpr int k() { return K; }
    double dist(int j) const { return d_[j]; }
    index_t pos(int j) const { return pos_[j]; }
    bool filled(int j) const { return dist(j) < std::numeric_limits<double>::infinity(); }

  private:
    double d_[K];
    index_t pos_[K];
};

}  // namespace infokit
