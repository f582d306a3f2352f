#include <cblas.h>

#include <cmath>

#include "kernels.h"

namespace optlab {

void gemmBatched(bool transA, bool transB, int m, int n, int k, const float* a, int64_t strideA,
                 const float* b, int64_t strideB, float* c, int64_t strideC, int batch, float beta) {
  const int lda = transA ? m : k;
  const int ldb = transB ? k : n;
  for (int i = 0; i < batch; ++i) {
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k,
                1.0f, a + i * strideA, lda, b + i * strideB, ldb, beta, c + i * strideC, n);
  }
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
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, k, n, m, 1.0f, x, k, z, n, 0.0f, dw, n);
  if (db != nullptr) columnSums(z, m, n, db);
}

}  // namespace optlab
