// infokit/core/parallel.hpp — a tiny deterministic parallel-for on std::thread.
//
// Kernels call parallel_for(n, n_threads, fn) where fn(begin, end) handles the
// half-open range [begin, end). Work is cut into fixed blocks whose boundaries
// do NOT depend on n_threads, so any per-block result (e.g. a partial sum) is
// the same whatever the thread count; reductions then combine the blocks in
// block order, which makes results bit-identical for every n_jobs.
//
// Trust contract: n >= 0; fn may be called concurrently on disjoint ranges
// (it must not write shared state outside its range or its accumulator); an
// exception thrown by fn stops the remaining blocks and is rethrown here.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace infokit {

// Resolve a scikit-learn style n_jobs (already mapped to >= 1 by Python) against
// the amount of work, so tiny inputs never pay for thread start-up.
inline int effective_threads(std::ptrdiff_t n_items, int n_threads,
                             std::ptrdiff_t min_items_per_thread = 1) {
    if (n_threads < 1) n_threads = 1;
    if (min_items_per_thread < 1) min_items_per_thread = 1;
    std::ptrdiff_t cap = n_items / min_items_per_thread;
    if (cap < 1) cap = 1;
    return static_cast<int>(std::min<std::ptrdiff_t>(n_threads, cap));
}

// Run fn(begin, end) over [0, n) in blocks of `block` items; blocks are handed
// out dynamically (good load balance for uneven kNN queries) but each block's
// extent is fixed, so per-block outputs are deterministic.
template <class Fn>
void parallel_for_blocks(std::ptrdiff_t n, std::ptrdiff_t block, int n_threads, Fn&& fn) {
    if (n <= 0) return;
    if (block < 1) block = 1;
    const std::ptrdiff_t n_blocks = (n + block - 1) / block;
    n_threads = effective_threads(n_blocks, n_threads);
    if (n_threads == 1) {
        for (std::ptrdiff_t b = 0; b < n_blocks; ++b)
            fn(b * block, std::min(n, (b + 1) * block));
        return;
    }
    std::atomic<std::ptrdiff_t> next{0};
    std::exception_ptr error;
    std::mutex error_mutex;
    auto worker = [&]() {
        try {
            for (;;) {
                const std::ptrdiff_t b = next.fetch_add(1, std::memory_order_relaxed);
                if (b >= n_blocks) break;
                fn(b * block, std::min(n, (b + 1) * block));
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(error_mutex);
            if (!error) error = std::current_exception();
            next.store(n_blocks);
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(n_threads - 1));
    for (int t = 1; t < n_threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& th : pool) th.join();
    if (error) std::rethrow_exception(error);
}

// Convenience: parallel_for over items with an automatic block size.
template <class Fn>
void parallel_for(std::ptrdiff_t n, int n_threads, Fn&& fn, std::ptrdiff_t block = 1024) {
    parallel_for_blocks(n, block, n_threads, std::forward<Fn>(fn));
}

// A sum of doubles and a count of events, reduced together (e.g. a kNN
// estimate's pointwise terms and its number of zero radii).
struct SumCount {
    double sum = 0.0;
    std::int64_t count = 0;
    SumCount& operator+=(const SumCount& o) {
        sum += o.sum;
        count += o.count;
        return *this;
    }
};

// Deterministic parallel reduction: fn(begin, end, acc) fills one accumulator
// per fixed block of `block` items (starting from Acc{}), and the blocks are
// combined with += in block order. Block extents and the combine order never
// depend on n_threads, so the result has the same bits for any thread count.
template <class Acc, class Fn>
Acc parallel_reduce_blocks(std::ptrdiff_t n, std::ptrdiff_t block, int n_threads, Fn&& fn) {
    Acc total{};
    if (n <= 0) return total;
    if (block < 1) block = 1;
    const std::ptrdiff_t n_blocks = (n + block - 1) / block;
    std::vector<Acc> parts(static_cast<std::size_t>(n_blocks));
    parallel_for_blocks(n, block, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e) {
        fn(b, e, parts[static_cast<std::size_t>(b / block)]);
    });
    for (const Acc& p : parts) total += p;
    return total;
}

// Deterministic parallel sum of f(i) over [0, n).
template <class F>
double parallel_sum(std::ptrdiff_t n, int n_threads, F&& f, std::ptrdiff_t block = 4096) {
    return parallel_reduce_blocks<double>(n, block, n_threads, [&](std::ptrdiff_t b, std::ptrdiff_t e, double& s) {
        for (std::ptrdiff_t i = b; i < e; ++i) s += f(i);
    });
}

}  // namespace infokit
