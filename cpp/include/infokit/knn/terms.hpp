// infokit/knn/terms.hpp — the pointwise terms of the kNN estimators and the
// Theiler-window test, written once and used by every path (the KD-tree
// engine of knn/engine.hpp, the 1-D grid path of knn/pair1d.hpp, the 1-D Ross
// path of knn/ross1d.hpp), so the paths cannot drift apart: the tests compare
// them bit for bit, which holds only while they perform the same operations
// in the same order.
//
// Trust contract: counts are the marginal neighbour counts of one point as
// each estimator defines them (below); they are >= 0, and >= 1 where psi or a
// reciprocal of them is taken (KSG-2 counts include the k-th neighbour, GKOV
// and Ross counts the point itself); k >= 1; n >= 1. psi is the PsiTable of
// the estimate (core/special.hpp).
//
// The estimate is the mean of the terms over the points (nats).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "infokit/core/config.hpp"
#include "infokit/core/special.hpp"
#include "infokit/knn/common.hpp"

namespace infokit {

// The per-estimate constants of the terms.
struct KnnConsts {
    const PsiTable& psi;
    double psi_k, psi_n, inv_k, log_n;
    KnnConsts(const PsiTable& table, int k, std::int64_t n)
        : psi(table), psi_k(table(k)), psi_n(table(n)), inv_k(1.0 / k), log_n(std::log(static_cast<double>(n))) {}
};

// KSG estimator 1 over S count spaces (MI: S = 2; total correlation: S > 2):
// psi(k) + (S - 1) psi(n) - sum_s psi(n_s + 1), n_s the points other than i
// strictly within the joint k-th neighbour distance in space s.
INFOKIT_INLINE double ksg1_term(const KnnConsts& c, const index_t* cnt, int S) {
    double local = c.psi_k + (S - 1) * c.psi_n;
    for (int s = 0; s < S; ++s) local -= c.psi(cnt[s] + 1);
    return local;
}

// KSG estimator 2: psi(k) - (S - 1) / k + (S - 1) psi(n) - sum_s psi(n_s),
// n_s the points other than i within (<=) the per-space radius eps_s, the
// largest marginal distance among the k neighbours.
INFOKIT_INLINE double ksg2_term(const KnnConsts& c, const index_t* cnt, int S) {
    double local = c.psi_k - (S - 1) * c.inv_k + (S - 1) * c.psi_n;
    for (int s = 0; s < S; ++s) local -= c.psi(cnt[s]);
    return local;
}

// Frenzel–Pompe conditional MI (KSG-1 form): psi(k) - psi(n_xz + 1) -
// psi(n_yz + 1) + psi(n_z + 1), strict counts at the joint k-th distance.
INFOKIT_INLINE double cmi1_term(const KnnConsts& c, index_t n_xz, index_t n_yz, index_t n_z) {
    return c.psi_k - c.psi(n_xz + 1) - c.psi(n_yz + 1) + c.psi(n_z + 1);
}

// Conditional MI, KSG-2 form: psi(k) - 2/k + psi(n_z) - psi(n_xz) + 1/n_xz -
// psi(n_yz) + 1/n_yz, <= counts at the per-group radii.
INFOKIT_INLINE double cmi2_term(const KnnConsts& c, index_t n_xz, index_t n_yz, index_t n_z) {
    const double nxz = n_xz, nyz = n_yz;
    return c.psi_k - 2.0 * c.inv_k + c.psi(n_z) - c.psi(n_xz) + 1.0 / nxz - c.psi(n_yz) + 1.0 / nyz;
}

// Gao–Kannan–Oh–Viswanath mixture MI: psi(k~) + log n - psi(n_x) - psi(n_y),
// counts including the point itself (the authors' convention); k~ = k, or the
// number of exact copies of the joint point when the k-th distance is 0.
INFOKIT_INLINE double gkov_term(const KnnConsts& c, std::int64_t k_tilde, index_t n_x, index_t n_y) {
    return c.psi(k_tilde) + c.log_n - c.psi(n_x) - c.psi(n_y);
}

// Ross (2014) mixed MI: psi(n_kept) + psi(k_c) - psi(N_c) - psi(m_i), for a
// point of class c (N_c members, k_c = min(k, N_c - 1)) with m_i kept points
// (itself included) strictly within its k_c-th within-class distance.
INFOKIT_INLINE double ross_term(const PsiTable& psi, double psi_n_kept, int k_c, index_t n_c, index_t m) {
    return psi_n_kept + psi(k_c) - psi(n_c) - psi(m);
}

// Row `id` is inside the Theiler window of row `self` (|id - self| <= w), so
// it is neither a neighbour nor counted. In 64 bits: id - self can overflow
// int32 when both are near 2^31.
INFOKIT_INLINE bool in_theiler_window(index_t id, index_t self, index_t w) {
    const std::int64_t gap = static_cast<std::int64_t>(id) - self;
    return gap <= w && -gap <= w;
}

// The rows j != i of the Theiler window around i, clipped to [0, n): the
// points a count made without the window must give back.
template <class Fn>
INFOKIT_INLINE void for_theiler_rows(index_t i, index_t w, index_t n, Fn&& fn) {
    const index_t lo = std::max<index_t>(0, i - w);
    const index_t hi = static_cast<index_t>(std::min<std::int64_t>(static_cast<std::int64_t>(n) - 1, static_cast<std::int64_t>(i) + w));
    for (index_t j = lo; j <= hi; ++j)
        if (j != i) fn(j);
}

}  // namespace infokit
