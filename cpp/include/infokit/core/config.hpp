// infokit/core/config.hpp — the one home of infokit's feature macros, included
// by every header that uses one of them (no header defines its own copy).
//
// Trust contract: none (macros only). Every other header states its own: the
// kernels trust their callers (the Cython wrappers, fed by the validated Python
// layer) for shapes, finiteness, k bounds and n < 2^31, and check nothing in
// release builds.
//
// Layout rule, written once here:
//   cpp/include/infokit/core/      shared by the families (this file, threads,
//                                  digamma, the vectorisable log and exp, radix sort)
//   cpp/include/infokit/dist/      measures of given distributions (row kernels)
//   cpp/include/infokit/bounds/    masked log-sum-exp of critic score matrices
//   cpp/include/infokit/discrete/  estimators on labels and count tables
//   cpp/include/infokit/knn/       k-nearest-neighbour estimators
// Namespace rule, written once here: a header's API — what the Cython wrappers
// call and what other headers are meant to build on (KDTree, KBest, PsiTable,
// parallel_for, argsort_values, the terms of knn/terms.hpp ...) — is in
// `namespace infokit`; everything else — helpers, SIMD loops, layouts and
// containers private to one path — is in `namespace infokit::detail`. No other
// namespaces (family sub-namespaces would only lengthen the Cython cnames). Constants shared with Python (estimator modes, metrics, estimator
// ids, row flags) are C++ enums in the family headers, exported by the .pyx
// wrappers as module-level ints, so each value is written once.
#pragma once

// C++17 is required (if constexpr, inline variables, std::is_same_v ...). MSVC
// reports 199711L in __cplusplus unless /Zc:__cplusplus; _MSVC_LANG is exact.
#if defined(_MSVC_LANG)
#if _MSVC_LANG < 201703L
#error "infokit requires C++17 (/std:c++17 or later)"
#endif
#elif __cplusplus < 201703L
#error "infokit requires C++17 (-std=c++17 or later)"
#endif

// INFOKIT_SSE2: the target has SSE2 (every x86-64 CPU; the baseline of shipped
// wheels). The SIMD loops of knn/kdtree_simd.hpp and knn/kth2d.hpp use it; they
// perform the same IEEE operations as their scalar fallbacks, so results do not
// depend on it. Define INFOKIT_NO_SIMD to build the scalar forms (for testing).
#if (defined(__SSE2__) || defined(_M_X64)) && !defined(INFOKIT_NO_SIMD)
#define INFOKIT_SSE2 1
#endif

// INFOKIT_TARGET_CLONES: loops over core/fastmath.hpp's log_pos and
// exp_nonpos (dist/table.hpp's row terms, bounds/logsumexp.hpp) are compiled
// three times where the toolchain can dispatch at load time (GCC / Clang >= 14,
// x86-64, glibc ifunc): the baseline (SSE2) clone, an AVX2 clone and an
// AVX-512 one, picked on CPUs that have them. Measured on a Zen 4 machine the
// SSE2 loop takes ~4.1 ns per log, no faster than glibc's log (which dispatches
// to an FMA variant itself), the AVX2 clone ~1.8 ns; on a Zen 5 machine the
// entropy terms take ~1.7 ns (AVX2) and ~0.75 ns (AVX-512) per entry, and on
// Zen 4 the double exp loop ~1.1 ns (AVX2) and ~0.65 ns (AVX-512). GCC's
// avx512f target implies FMA, so the modules using these loops are compiled
// with -ffp-contract=off (CMakeLists.txt): no multiply-add is contracted and
// every clone computes the same IEEE operations (the loops are element-wise;
// vector width changes nothing), so results are bit-identical. Define
// INFOKIT_NO_TARGET_CLONES to build the baseline only.
#if defined(__GNUC__) && defined(__x86_64__) && defined(__GLIBC__) && !defined(INFOKIT_NO_TARGET_CLONES) && \
    (!defined(__clang__) || __clang_major__ >= 14)
#define INFOKIT_TARGET_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define INFOKIT_TARGET_CLONES
#endif

// INFOKIT_AVX2_DISPATCH: kernels whose hot loop has an explicit AVX2 form
// (the 1-D KSG search and counts: knn/kth2d.hpp, knn/pair1d_count.hpp) are
// compiled twice where the toolchain allows: a baseline (SSE2) function and
// an AVX2 one (INFOKIT_TARGET_AVX2 plus INFOKIT_FLATTEN, which inlines every
// helper into it, so they are compiled for AVX2 there too), and the caller
// picks one at run time (core/dispatch.hpp). The AVX2 target includes no FMA,
// and both forms compute the same IEEE subtractions, comparisons, minima and
// maxima, so results are bit-identical (tested by running both). Measured on
// a Zen 4 machine: the 1-D KSG estimate ~25% faster at n = 2e3 .. 1e5.
// Define INFOKIT_NO_TARGET_CLONES to build the baseline only.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(INFOKIT_NO_TARGET_CLONES) && !defined(INFOKIT_NO_SIMD) && \
    (!defined(__clang__) || __clang_major__ >= 14)
#define INFOKIT_AVX2_DISPATCH 1
#define INFOKIT_TARGET_AVX2 __attribute__((target("avx2,popcnt")))
#define INFOKIT_FLATTEN __attribute__((flatten))
#endif

// INFOKIT_INLINE forces inlining of small helpers in hot per-query loops, where
// GCC's heuristics otherwise leave calls (measured: the count lanes of
// knn/pair1d_count.hpp ran ~1.5x slower as calls).
#if defined(__GNUC__) || defined(__clang__)
#define INFOKIT_INLINE inline __attribute__((always_inline))
#elif defined(_MSC_VER)
#define INFOKIT_INLINE __forceinline
#else
#define INFOKIT_INLINE inline
#endif

// INFOKIT_PREFETCH(p): a read hint for an address needed soon (no effect on
// results; used where independent cache misses of a batch can overlap).
#if defined(__GNUC__) || defined(__clang__)
#define INFOKIT_PREFETCH(p) __builtin_prefetch(p)
#else
#define INFOKIT_PREFETCH(p) ((void)(p))
#endif

// INFOKIT_ASSERT(cond): checks a caller's guarantee in debug builds only
// (without NDEBUG, or with INFOKIT_DEBUG defined); compiled out otherwise, so
// release kernels pay nothing. A failure throws std::logic_error, which the
// Cython wrappers (declared `except +`) turn into a Python exception instead
// of aborting the interpreter; worker threads forward it (core/parallel.hpp).
#if !defined(NDEBUG) || defined(INFOKIT_DEBUG)
#include <stdexcept>
#include <string>
#define INFOKIT_ASSERT(cond)                                                                                    \
    ((cond) ? (void)0                                                                                           \
            : throw std::logic_error(std::string("infokit: assertion failed: " #cond " at ") + __FILE__ + ":" + \
                                     std::to_string(__LINE__)))
#define INFOKIT_ASSERTS_ON 1
#else
#define INFOKIT_ASSERT(cond) ((void)0)
#endif
