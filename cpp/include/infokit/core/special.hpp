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
// counts almost always are come from a table built once per estimate.
class PsiTable {
  public:
    explicit PsiTable(std::int64_t n) {
        const std::int64_t size = std::min<std::int64_t>(n + 2, 4096);
        tab_.resize(static_cast<std::size_t>(std::max<std::int64_t>(size, 2)));
        tab_[0] = -std::numeric_limits<double>::infinity();
        for (std::size_t m = 1; m < tab_.size(); ++m) tab_[m] = digamma(static_cast<double>(m));
    }
    double operator()(std::int64_t m) const {
        return m < static_cast<std::int64_t>(tab_.size()) ? tab_[static_cast<std::size_t>(m)] : digamma(static_cast<double>(m));
    }

  private:
    std::vector<double> tab_;
};

}  // namespace infokit
