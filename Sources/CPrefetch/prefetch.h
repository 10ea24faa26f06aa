// Software prefetch, which Swift cannot express: clang's __builtin_prefetch, inlined into Swift callers.
// Header only (nothing to link): a static inline function that Swift imports and inlines.
#ifndef GLIMPSE_PREFETCH_H
#define GLIMPSE_PREFETCH_H

/// Asks for the cache line holding `address` to be fetched for reading, non-temporally (x86
/// prefetchnta): a streaming scan uses each line once, so the line should not displace others.
/// A prefetch never faults, so `address` may lie past the end of the data.
static inline __attribute__((always_inline)) void glimpse_prefetch_stream(const void *address) {
    __builtin_prefetch(address, 0, 0);
}

#endif
