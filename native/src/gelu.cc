// Exact GELU, x·Φ(x) = x/2·(1 + erf(x/√2)) (nn.GELU's default), and its gradient
// dy·(Φ(x) + x·φ(x)). erf is Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), as PyTorch's vectorised
// CPU kernel and the tfjs cpu backend's Erf; 1 + erf(z) for z < 0 is taken as erfc(|z|) directly,
// without cancelling. Branch-free so that the loops vectorise.
#include <cstdint>

#include "kernels.h"
#include "vectorMath.h"

namespace optlab {

namespace {

constexpr float kInvSqrt2 = 0.70710678118654752f;
constexpr float kInvSqrt2Pi = 0.39894228040143268f;

// Φ(x) and e^(−x²/2) for one element.
OPTLAB_INLINE void normalCdf(float x, float* cdf, float* density) {
  const float z = x * kInvSqrt2;
  const float a = z < 0.0f ? -z : z;
  const float t = 1.0f / (1.0f + 0.3275911f * a);
  const float poly = ((((1.061405429f * t - 1.453152027f) * t + 1.421413741f) * t - 0.284496736f) * t + 0.254829592f) * t;
  // e^(−z²), z² clamped to expApprox's range (e^−87.3 ≈ 1.2e-38: the tail is 0 beyond).
  const float squared = a * a;
  const float e = expApprox(-(squared > 87.3f ? 87.3f : squared));
  const float tail = poly * e;  // erfc(|z|)
  *cdf = z < 0.0f ? 0.5f * tail : 1.0f - 0.5f * tail;
  *density = e;
}

constexpr int64_t kChunk = 1 << 14;

OPTLAB_MULTIVERSION void geluForwardRange(const float* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    float cdf, density;
    normalCdf(x[i], &cdf, &density);
    y[i] = x[i] * cdf;
  }
}

OPTLAB_MULTIVERSION void geluBackwardRange(const float* dy, const float* x, float* dx, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    float cdf, density;
    normalCdf(x[i], &cdf, &density);
    dx[i] = dy[i] * (cdf + x[i] * (density * kInvSqrt2Pi));
  }
}

}  // namespace

void geluForward(const float* x, float* y, int64_t n, int threads) {
  parallelFor((n + kChunk - 1) / kChunk, threads, [&](int64_t c) {
    const int64_t begin = c * kChunk;
    geluForwardRange(x + begin, y + begin, (n - begin < kChunk ? n - begin : kChunk));
  });
}

void geluBackward(const float* dy, const float* x, float* dx, int64_t n, int threads) {
  parallelFor((n + kChunk - 1) / kChunk, threads, [&](int64_t c) {
    const int64_t begin = c * kChunk;
    geluBackwardRange(dy + begin, x + begin, dx + begin, (n - begin < kChunk ? n - begin : kChunk));
  });
}

}  // namespace optlab
