// Elementary functions written so that loops over them vectorise (no calls, no branches; the
// selects need -fno-trapping-math, set in binding.gyp).
#pragma once
#include <cstdint>
#include <cstring>

#include "kernels.h"

namespace optlab {

// e^x in float32 for x in [−87.3, 88.3] (Cephes' expf polynomial after reduction by ln 2; relative
// error about 2e-7); NaN gives NaN. Callers clamp x to the range: a select on x here keeps GCC from
// vectorising the target clones (when built with -fno-exceptions), so only the exponent is clamped.
OPTLAB_INLINE float expApprox(float x) {
  const float shifted = x * 1.44269504088896341f + (x < 0.0f ? -0.5f : 0.5f);
  int32_t whole = static_cast<int32_t>(shifted);
  whole = whole < -126 ? -126 : (whole > 127 ? 127 : whole);
  const float n = static_cast<float>(whole);
  const float r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const float y = p * r * r + r + 1.0f;
  const int32_t bits = (whole + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof(scale));
  return y * scale;
}

}  // namespace optlab
