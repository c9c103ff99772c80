// infokit/core/dispatch.hpp — the run-time choice between a kernel's baseline
// and AVX2 forms (INFOKIT_AVX2_DISPATCH, core/config.hpp).
//
// The choice is made once per process from the CPU (__builtin_cpu_supports),
// and can be overridden (set_isa): tests run both forms on the same data and
// compare the bits. Each compiled module holds its own setting.
#pragma once

#include <atomic>

#include "infokit/core/config.hpp"

namespace infokit {

enum class Isa : int { automatic = 0, baseline = 1, avx2 = 2 };

namespace detail {
inline std::atomic<int>& isa_setting() {
    static std::atomic<int> setting{static_cast<int>(Isa::automatic)};
    return setting;
}
}  // namespace detail

// True when this CPU can run the AVX2 forms (false where they are not built).
inline bool cpu_has_avx2() {
#ifdef INFOKIT_AVX2_DISPATCH
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
    return has;
#else
    return false;
#endif
}

// Force a form (Isa::avx2 falls back to baseline on a CPU without AVX2), or
// give the choice back to the CPU check (Isa::automatic).
inline void set_isa(Isa isa) { detail::isa_setting().store(static_cast<int>(isa), std::memory_order_relaxed); }

// The form the kernels run now.
inline Isa active_isa() {
    const int s = detail::isa_setting().load(std::memory_order_relaxed);
    if (s == static_cast<int>(Isa::baseline)) return Isa::baseline;
    return cpu_has_avx2() ? Isa::avx2 : Isa::baseline;
}

}  // namespace infokit
