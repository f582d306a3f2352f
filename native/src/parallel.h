// A small pool of worker threads for the native loops (OpenBLAS keeps its own). Workers sleep on a
// condition variable between calls, so an idle pool takes no CPU from OpenBLAS or other runs.
#pragma once
#include <cstdint>
#include <functional>

namespace optlab {

// Runs body(i) for i in [0, count) on up to `threads` threads (the caller's included); returns when
// all are done. Serial when threads ≤ 1 or count ≤ 1.
void parallelFor(int64_t count, int threads, const std::function<void(int64_t)>& body);

// The thread count the native loops use (set from JavaScript; 1 by default).
int nativeThreads();
void setNativeThreads(int threads);

}  // namespace optlab
