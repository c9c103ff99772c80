// infokit/inline.hpp — INFOKIT_INLINE forces inlining of small helpers in hot
// per-query loops, where GCC's heuristics otherwise leave calls (measured: the
// count lanes of infokit/knn_pair1d.hpp ran ~1.5x slower as calls).
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define INFOKIT_INLINE inline __attribute__((always_inline))
#elif defined(_MSC_VER)
#define INFOKIT_INLINE __forceinline
#else
#define INFOKIT_INLINE inline
#endif

// INFOKIT_PREFETCH(p): a read hint for an address needed soon (no effect on results).
#if defined(__GNUC__) || defined(__clang__)
#define INFOKIT_PREFETCH(p) __builtin_prefetch(p)
#else
#define INFOKIT_PREFETCH(p) ((void)(p))
#endif
