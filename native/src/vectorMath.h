// Elementary functions written so that loops over them vectorise (no calls, no branches).
#pragma once
#include <cstdint>
#include <cstring>

#include "kernels.h"

namespace optlab {

// e^x in float32 (Cephes' expf polynomial after reduction by ln 2; relative error about 2e-7),
// x clamped to [−87.3, 88.3] (so no denormals or infinities come out; NaN stays NaN).
OPTLAB_INLINE float expApprox(float x) {
  const bool nan = x != x;
  x = x < -87.3f ? -87.3f : (x > 88.3f ? 88.3f : x);
  const float shifted = x * 1.44269504088896341f + (x < 0.0f ? -0.5f : 0.5f);
  const float n = static_cast<float>(static_cast<int32_t>(shifted));
  const float r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const float y = p * r * r + r + 1.0f;
  const int32_t bits = (static_cast<int32_t>(n) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof(scale));
  return nan ? x : y * scale;
}

}  // namespace optlab
