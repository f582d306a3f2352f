#include <cblas.h>

#include <algorithm>
#include <cmath>

#include "kernels.h"

namespace optlab {

namespace {

// Below this many multiply-adds a product runs whole on the calling thread: a pool wake-up (~10–30 µs)
// costs more than half of it would gain.
constexpr int64_t kMinParallelMacs = int64_t{1} << 21;
// A part keeps at least this many rows or columns of C, so that sgemm's kernels stay on full panels.
constexpr int kMinPartExtent = 32;

void sgemm(bool transA, bool transB, int m, int n, int k, const float* a, int lda, const float* b, int ldb, float beta,
           float* c, int ldc) {
  cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k, 1.0f, a,
              lda, b, ldb, beta, c, ldc);
}

}  // namespace

int gemmThreads() { return openblas_get_num_threads() > 1 ? 1 : nativeThreads(); }

void gemm(bool transA, bool transB, int m, int n, int k, const float* a, const float* b, float* c, float beta,
          int threads) {
  const int lda = transA ? m : k;
  const int ldb = transB ? k : n;
  const int64_t macs = static_cast<int64_t>(m) * n * k;
  // Split the rows of C when there are enough of them, else its columns; every element of C is the
  // same dot product as in one call, so the result does not depend on the split.
  const bool byRows = m >= n || n < 2 * kMinPartExtent;
  const int extent = byRows ? m : n;
  const int parts = static_cast<int>(std::min<int64_t>({threads, extent / kMinPartExtent, macs / kMinParallelMacs}));
  if (parts <= 1) {
    sgemm(transA, transB, m, n, k, a, lda, b, ldb, beta, c, n);
    return;
  }
  parallelFor(parts, parts, [&](int64_t p) {
    const int from = static_cast<int>(extent * p / parts), to = static_cast<int>(extent * (p + 1) / parts);
    if (byRows) {
      sgemm(transA, transB, to - from, n, k, a + (transA ? from : static_cast<int64_t>(from) * lda), lda, b, ldb, beta,
            c + static_cast<int64_t>(from) * n, n);
    } else {
      sgemm(transA, transB, m, to - from, k, a, lda, b + (transB ? static_cast<int64_t>(from) * ldb : from), ldb, beta,
            c + from, n);
    }
  });
}

void gemmBatched(bool transA, bool transB, int m, int n, int k, const float* a, int64_t strideA,
                 const float* b, int64_t strideB, float* c, int64_t strideC, int batch, float beta) {
  const int threads = gemmThreads();
  // Whole products on each thread when there are enough of them. Broadcast operands (stride 0) are only
  // read; a broadcast C (strideC 0) would be written by every product, so it runs in order.
  if (threads > 1 && batch >= threads && strideC != 0 && static_cast<int64_t>(m) * n * k * batch >= kMinParallelMacs) {
    parallelFor(batch, threads, [&](int64_t i) {
      sgemm(transA, transB, m, n, k, a + i * strideA, transA ? m : k, b + i * strideB, transB ? k : n, beta,
            c + i * strideC, n);
    });
    return;
  }
  for (int i = 0; i < batch; ++i) gemm(transA, transB, m, n, k, a + i * strideA, b + i * strideB, c + i * strideC, beta, threads);
}

}  // namespace optlab

namespace optlab {

void denseBackward(const float* dy, const float* x, const float* y, int m, int k, int n, Activation act, float* dz,
                   float* dw, float* db, int threads) {
  const float* z = dy;
  if (act != kLinear) {
    // db from the same pass over dz as dz itself.
    if (db != nullptr) {
      activationGradColumnSums(dy, y, dz, m, n, act, db, threads);
    } else {
      activationGrad(dy, y, dz, static_cast<int64_t>(m) * n, act, threads);
    }
    z = dz;
  } else if (db != nullptr) {
    columnSums(dy, m, n, db, threads);
  }
  // dw [k, n] = xᵀ [k, m] · z [m, n]
  gemm(true, false, k, n, m, x, z, dw, 0.0f, gemmThreads());
}

}  // namespace optlab
