// Layer normalisation over the last axis (nn.LayerNorm, biased variance), forward and backward in
// one pass per row each. The mean is summed in double, the other row sums in
// 16 float partial sums, and x is centred on the mean held as a float pair; the backward pass recomputes
// them from x (a row is in cache) instead of keeping them from the forward pass.
#include <cmath>
#include <cstdint>
#include <vector>

#include "kernels.h"

namespace optlab {

namespace {

constexpr int kLanes = 16;

// Σ f(j) for j < cols in kLanes partial sums of type T (so that the loop vectorises), added in double.
template <typename T, typename F>
OPTLAB_INLINE double laneSum(int64_t cols, F f) {
  T acc[kLanes] = {};
  int64_t j = 0;
  for (; j + kLanes <= cols; j += kLanes) {
    for (int k = 0; k < kLanes; ++k) acc[k] += f(j + k);
  }
  double sum = 0.0;
  for (; j < cols; ++j) sum += f(j);
  for (int k = 0; k < kLanes; ++k) sum += acc[k];
  return sum;
}

// A row's mean as a float pair (mean ≈ hi + lo, lo the rounding error of hi), so that x − mean is
// taken as (x − hi) − lo without losing the digits of a row far from zero.
struct RowMean {
  float hi, lo;
};

OPTLAB_INLINE float centred(float x, RowMean m) { return (x - m.hi) - m.lo; }

// Mean and 1/√(variance + eps) of one row (the variance from the centred values).
OPTLAB_INLINE void rowMoments(const float* x, int64_t cols, float eps, RowMean* mean, float* rstd) {
  const double m = laneSum<double>(cols, [x](int64_t j) { return static_cast<double>(x[j]); }) / static_cast<double>(cols);
  const RowMean rm{static_cast<float>(m), static_cast<float>(m - static_cast<float>(m))};
  const double squares = laneSum<float>(cols, [x, rm](int64_t j) {
    const float d = centred(x[j], rm);
    return d * d;
  });
  *mean = rm;
  *rstd = static_cast<float>(1.0 / std::sqrt(squares / static_cast<double>(cols) + static_cast<double>(eps)));
}

OPTLAB_MULTIVERSION void forwardRows(const float* x, const float* gamma, const float* beta, int64_t first, int64_t last,
                                     int64_t cols, float eps, float* y) {
  for (int64_t r = first; r < last; ++r) {
    const float* xr = x + r * cols;
    float* yr = y + r * cols;
    RowMean mean;
    float rstd;
    rowMoments(xr, cols, eps, &mean, &rstd);
    for (int64_t j = 0; j < cols; ++j) yr[j] = (centred(xr[j], mean) * rstd) * gamma[j] + beta[j];
  }
}

// dx for rows [first, last), and those rows' Σ dy·x̂ and Σ dy added into dgamma and dbeta.
OPTLAB_MULTIVERSION void backwardRows(const float* __restrict dy, const float* __restrict x, const float* __restrict gamma,
                                      int64_t first, int64_t last, int64_t cols, float eps, float* __restrict dx,
                                      double* __restrict dgamma, double* __restrict dbeta, float* __restrict xhat,
                                      float* __restrict dxhat) {
  for (int64_t r = first; r < last; ++r) {
    const float* xr = x + r * cols;
    const float* dyr = dy + r * cols;
    float* dxr = dx + r * cols;
    RowMean mean;
    float rstd;
    rowMoments(xr, cols, eps, &mean, &rstd);
    for (int64_t j = 0; j < cols; ++j) {
      xhat[j] = centred(xr[j], mean) * rstd;
      dxhat[j] = dyr[j] * gamma[j];
      dgamma[j] += static_cast<double>(dyr[j] * xhat[j]);
      dbeta[j] += static_cast<double>(dyr[j]);
    }
    const double sumDxhat = laneSum<float>(cols, [dxhat](int64_t j) { return dxhat[j]; });
    const double sumDxhatXhat = laneSum<float>(cols, [dxhat, xhat](int64_t j) { return dxhat[j] * xhat[j]; });
    const float m1 = static_cast<float>(sumDxhat / static_cast<double>(cols));
    const float m2 = static_cast<float>(sumDxhatXhat / static_cast<double>(cols));
    for (int64_t j = 0; j < cols; ++j) dxr[j] = ((dxhat[j] - m1) - xhat[j] * m2) * rstd;
  }
}

// Rows split into at most `threads` contiguous parts.
int64_t partsOf(int64_t rows, int threads) { return threads < 1 ? 1 : (rows < threads ? rows : threads); }

}  // namespace

void layerNormForward(const float* x, const float* gamma, const float* beta, int64_t rows, int64_t cols, float eps,
                      float* y, int threads) {
  const int64_t parts = partsOf(rows, threads);
  parallelFor(parts, threads, [&](int64_t p) {
    forwardRows(x, gamma, beta, rows * p / parts, rows * (p + 1) / parts, cols, eps, y);
  });
}

void layerNormBackward(const float* dy, const float* x, const float* gamma, int64_t rows, int64_t cols, float eps,
                       float* dx, float* dgamma, float* dbeta, int threads) {
  const int64_t parts = partsOf(rows, threads);
  std::vector<double> partial(static_cast<size_t>(parts * 2 * cols), 0.0);
  std::vector<float> scratch(static_cast<size_t>(parts * 2 * cols));
  parallelFor(parts, threads, [&](int64_t p) {
    double* dg = partial.data() + p * 2 * cols;
    float* s = scratch.data() + p * 2 * cols;
    backwardRows(dy, x, gamma, rows * p / parts, rows * (p + 1) / parts, cols, eps, dx, dg, dg + cols, s, s + cols);
  });
  for (int64_t j = 0; j < cols; ++j) {
    double g = 0.0, b = 0.0;
    for (int64_t p = 0; p < parts; ++p) {
      g += partial[static_cast<size_t>(p * 2 * cols + j)];
      b += partial[static_cast<size_t>(p * 2 * cols + cols + j)];
    }
    dgamma[j] = static_cast<float>(g);
    dbeta[j] = static_cast<float>(b);
  }
}

}  // namespace optlab
