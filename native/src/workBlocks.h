// Loops split into fixed blocks for parallelFor. The block layout depends on the sizes alone, never
// on the thread count, so partial sums kept per block and added in block order give one result for
// any thread count. A loop's work is the floats it writes; one with less than kMinPartWork of them
// per thread stays on the caller's thread: waking the pool costs 10–30 µs, and a pass writing 64K
// floats takes 30–40 µs here (the activation gradient, max pooling's gradient; the forward max pool
// of 2×2 windows about 40 µs for 64K outputs).
#pragma once
#include <cstdint>

namespace optlab {

constexpr int64_t kMinPartWork = 64 * 1024;

// Threads worth using for `work` floats written (at least kMinPartWork each), at most `threads`, at least 1.
inline int threadsForWork(int64_t work, int threads) {
  const int64_t useful = work / kMinPartWork;
  if (useful <= 1 || threads <= 1) return 1;
  return useful < threads ? static_cast<int>(useful) : threads;
}

// [0, total) units in blocks of `size` units (the last one shorter).
struct Blocks {
  int64_t total, size;
  int64_t count() const { return total <= 0 ? 0 : (total + size - 1) / size; }
  int64_t begin(int64_t i) const { return i * size; }
  int64_t end(int64_t i) const { return (i + 1) * size < total ? (i + 1) * size : total; }
};

// Blocks of whole units of `unitWork` floats each, about `blockWork` floats per block (one unit at least).
inline Blocks blocksOf(int64_t total, int64_t unitWork, int64_t blockWork) {
  const int64_t size = unitWork >= blockWork ? 1 : blockWork / (unitWork < 1 ? 1 : unitWork);
  return Blocks{total, size};
}

}  // namespace optlab
