// infokit/core/special.hpp — special functions shared by the kernels.
//
// digamma(x) for x > 0, and PsiTable: psi(m) of integer counts from a table.
// Trust contract: digamma(x) for finite x > 0; PsiTable(n) for n >= 0, then
// psi(m) for m >= 0 (psi(0) = -inf by convention).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace infokit {

// Digamma for x > 0: upward recurrence to x >= 10, then the asymptotic series
// (truncation error below 1e-16 there).
inline double digamma(double x) {
    double r = 0.0;
    while (x < 10.0) {
        r -= 1.0 / x;
        x += 1.0;
    }
    const double f = 1.0 / (x * x);
    const double t =
        f * (-1.0 / 12 + f * (1.0 / 120 + f * (-1.0 / 252 + f * (1.0 / 240 + f * (-1.0 / 132 + f * (691.0 / 32760 - f / 12.0))))));
    return r + std::log(x) - 0.5 / x + t;
}

// psi(m) for integer m >= 1 (psi(0) = -inf); the small arguments that kNN
// counts almost always are come from one table of psi(0..4095), built once per
// process (a function-local static: thread-safe initialisation) and shared by
// every estimate, since many small estimates (one per candidate pair in
// feature selection) would otherwise spend a tenth of their time rebuilding
// it. Each PsiTable(n) reads the first min(n + 2, 4096) entries, as a table
// of its own would hold, so lookups and the digamma fallback past them are
// unchanged, bit for bit.
class PsiTable {
  public:
    static constexpr std::int64_t kMaxSize = 4096;
    explicit PsiTable(std::int64_t n)
        : size_(std::max<std::int64_t>(std::min<std::int64_t>(n + 2, kMaxSize), 2)), tab_(shared().data()) {}
    double operator()(std::int64_t m) const { return m < size_ ? tab_[static_cast<std::size_t>(m)] : digamma(static_cast<double>(m)); }

  private:
    static const std::vector<double>& shared() {
        static const std::vector<double> table = [] {
            std::vector<double> t(static_cast<std::size_t>(kMaxSize));
            t[0] = -std::numeric_limits<double>::infinity();
            for (std::size_t m = 1; m < t.size(); ++m) t[m] = digamma(static_cast<double>(m));
            return t;
        }();
        return table;
    }
    std::int64_t size_;
    const double* tab_;
};

}  // namespace infokit
