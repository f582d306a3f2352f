#include <algorithm>
#include <cstring>
#include <limits>

#include "kernels.h"

namespace optlab {

namespace {
constexpr int kChannelBlock = 64;
}

void maxPool(const float* x, const PoolGeometry& g, float* y) {
  const int C = g.channels;
  const float negInf = -std::numeric_limits<float>::infinity();
  for (int b = 0; b < g.batch; ++b) {
    const float* xb = x + static_cast<int64_t>(b) * g.inH * g.inW * C;
    for (int oy = 0; oy < g.outH; ++oy) {
      const int y0 = oy * g.strideH - g.padTop;
      const int yStart = std::max(y0, 0);
      const int yEnd = std::min(y0 + g.filterH, g.inH);
      for (int ox = 0; ox < g.outW; ++ox) {
        const int x0 = ox * g.strideW - g.padLeft;
        const int xStart = std::max(x0, 0);
        const int xEnd = std::min(x0 + g.filterW, g.inW);
        float* __restrict out = y + ((static_cast<int64_t>(b) * g.outH + oy) * g.outW + ox) * C;
        for (int c = 0; c < C; ++c) out[c] = negInf;
        for (int iy = yStart; iy < yEnd; ++iy) {
          for (int ix = xStart; ix < xEnd; ++ix) {
            const float* __restrict px = xb + (static_cast<int64_t>(iy) * g.inW + ix) * C;
            // Strict `>` as in the tfjs cpu kernel: NaN never wins a window.
            for (int c = 0; c < C; ++c) out[c] = px[c] > out[c] ? px[c] : out[c];
          }
        }
      }
    }
  }
}

void maxPoolGrad(const float* x, const float* y, const float* dy, const PoolGeometry& g, float* dx) {
  const int C = g.channels;
  const float negInf = -std::numeric_limits<float>::infinity();
  int32_t pending[kChannelBlock];
  for (int b = 0; b < g.batch; ++b) {
    const int64_t base = static_cast<int64_t>(b) * g.inH * g.inW * C;
    const float* xb = x + base;
    float* dxb = dx + base;
    for (int oy = 0; oy < g.outH; ++oy) {
      const int y0 = oy * g.strideH - g.padTop;
      const int yStart = std::max(y0, 0);
      const int yEnd = std::min(y0 + g.filterH, g.inH);
      for (int ox = 0; ox < g.outW; ++ox) {
        const int x0 = ox * g.strideW - g.padLeft;
        const int xStart = std::max(x0, 0);
        const int xEnd = std::min(x0 + g.filterW, g.inW);
        const int64_t o = ((static_cast<int64_t>(b) * g.outH + oy) * g.outW + ox) * C;
        for (int c0 = 0; c0 < C; c0 += kChannelBlock) {
          const int cc = std::min(kChannelBlock, C - c0);
          const float* __restrict target = y + o + c0;
          const float* __restrict grad = dy + o + c0;
          // The first window position holding the window's maximum is the first strict maximum the
          // tfjs cpu kernel routes the gradient to; a window of only -inf/NaN gets none.
          for (int c = 0; c < cc; ++c) pending[c] = target[c] > negInf ? -1 : 0;
          for (int iy = yStart; iy < yEnd; ++iy) {
            for (int ix = xStart; ix < xEnd; ++ix) {
              const int64_t at = (static_cast<int64_t>(iy) * g.inW + ix) * C + c0;
              const float* __restrict px = xb + at;
              float* __restrict dxp = dxb + at;
              for (int c = 0; c < cc; ++c) {
                const int32_t hit = pending[c] & -static_cast<int32_t>(px[c] == target[c]);
                // Branch-free select (vectorizes): the gradient where hit, +0 elsewhere.
                uint32_t bits;
                std::memcpy(&bits, &grad[c], sizeof bits);
                bits &= static_cast<uint32_t>(hit);
                float add;
                std::memcpy(&add, &bits, sizeof add);
                dxp[c] += add;
                pending[c] &= ~hit;
              }
            }
          }
        }
      }
    }
  }
}

}  // namespace optlab
