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
  if (batch >= threads && threads > 1 && static_cast<int64_t>(m) * n * k * batch >= kMinParallelMacs) {
    // Whole products on each thread. A broadcast operand (stride 0) is only read, so parts never share an output
    // unless C itself is broadcast, which a batched product never asks for (strideC 0 runs serially).
    if (strideC != 0) {
      parallelFor(batch, threads, [&](int64_t i) {
        sgemm(transA, transB, m, n, k, a + i * strideA, transA ? m : k, b + i * strideB, transB ? k : n, beta,
              c + i * strideC, n);
      });
      return;
    }
  }
  for (int i = 0; i < batch; ++i) gemm(transA, transB, m, n, k, a + i * strideA, b + i * strideB, c + i * strideC, beta, threads);
}
OPTLAB_MULTIVERSION void biasActivation(float* c, int64_t rows, int cols, const float* bias, Activation act, float alpha) {
  if (bias == nullptr && act == kLinear) return;
  for (int64_t r = 0; r < rows; ++r) {
    float* row = c + r * cols;
    if (bias != nullptr) {
      for (int j = 0; j < cols; ++j) row[j] += bias[j];
    }
    if (act == kRelu) {
      for (int j = 0; j < cols; ++j) row[j] = row[j] < 0.0f ? 0.0f : row[j];
    } else if (act != kLinear) {
      for (int j = 0; j < cols; ++j) row[j] = activate(row[j], act, alpha);
    }
  }
}

}  // namespace optlab

namespace optlab {

OPTLAB_MULTIVERSION void activationGrad(const float* dy, const float* y, float* dz, int64_t n, Activation act) {
  if (act == kRelu) {
    // dy·step(x): step is 1 where the output is positive, 0 elsewhere, NaN where it is NaN.
    for (int64_t i = 0; i < n; ++i) {
      const float s = y[i] > 0.0f ? 1.0f : (y[i] != y[i] ? y[i] : 0.0f);
      dz[i] = dy[i] * s;
    }
  } else if (act == kSigmoid) {
    for (int64_t i = 0; i < n; ++i) dz[i] = dy[i] * (y[i] * (1.0f - y[i]));
  } else {
    for (int64_t i = 0; i < n; ++i) dz[i] = dy[i];
  }
}

OPTLAB_MULTIVERSION void columnSums(const float* z, int64_t rows, int cols, float* out) {
  for (int j = 0; j < cols; ++j) out[j] = 0.0f;
  for (int64_t r = 0; r < rows; ++r) {
    const float* row = z + r * cols;
    for (int j = 0; j < cols; ++j) out[j] += row[j];
  }
}

void denseBackward(const float* dy, const float* x, const float* y, int m, int k, int n, Activation act, float* dz,
                   float* dw, float* db) {
  const float* z = dy;
  if (act != kLinear) {
    activationGrad(dy, y, dz, static_cast<int64_t>(m) * n, act);
    z = dz;
  }
  // dw [k, n] = xᵀ [k, m] · z [m, n]
  gemm(true, false, k, n, m, x, z, dw, 0.0f, gemmThreads());
  if (db != nullptr) columnSums(z, m, n, db);
}

}  // namespace optlab
