#include <limits>

#include "kernels.h"

namespace optlab {

void maxPool(const float* x, const PoolGeometry& g, float* y) {
  const int C = g.channels;
  const float negInf = -std::numeric_limits<float>::infinity();
  for (int b = 0; b < g.batch; ++b) {
    const float* xb = x + static_cast<int64_t>(b) * g.inH * g.inW * C;
    for (int oy = 0; oy < g.outH; ++oy) {
      const int y0 = oy * g.strideH - g.padTop;
      const int yStart = y0 < 0 ? 0 : y0;
      const int yEnd = y0 + g.filterH < g.inH ? y0 + g.filterH : g.inH;
      for (int ox = 0; ox < g.outW; ++ox) {
        const int x0 = ox * g.strideW - g.padLeft;
        const int xStart = x0 < 0 ? 0 : x0;
        const int xEnd = x0 + g.filterW < g.inW ? x0 + g.filterW : g.inW;
        float* out = y + ((static_cast<int64_t>(b) * g.outH + oy) * g.outW + ox) * C;
        for (int c = 0; c < C; ++c) out[c] = negInf;
        for (int iy = yStart; iy < yEnd; ++iy) {
          for (int ix = xStart; ix < xEnd; ++ix) {
            const float* px = xb + (static_cast<int64_t>(iy) * g.inW + ix) * C;
            for (int c = 0; c < C; ++c) {
              // Strict `>` as in the tfjs cpu kernel: NaN never wins a window.
              if (px[c] > out[c]) out[c] = px[c];
            }
          }
        }
      }
    }
  }
}

void maxPoolGrad(const float* x, const float* dy, const PoolGeometry& g, float* dx) {
  const int C = g.channels;
  for (int b = 0; b < g.batch; ++b) {
    const int64_t base = static_cast<int64_t>(b) * g.inH * g.inW * C;
    for (int oy = 0; oy < g.outH; ++oy) {
      const int y0 = oy * g.strideH - g.padTop;
      const int yStart = y0 < 0 ? 0 : y0;
      const int yEnd = y0 + g.filterH < g.inH ? y0 + g.filterH : g.inH;
      for (int ox = 0; ox < g.outW; ++ox) {
        const int x0 = ox * g.strideW - g.padLeft;
        const int xStart = x0 < 0 ? 0 : x0;
        const int xEnd = x0 + g.filterW < g.inW ? x0 + g.filterW : g.inW;
        const float* g_out = dy + ((static_cast<int64_t>(b) * g.outH + oy) * g.outW + ox) * C;
        for (int c = 0; c < C; ++c) {
          float best = -std::numeric_limits<float>::infinity();
          int64_t where = -1;
          for (int iy = yStart; iy < yEnd; ++iy) {
            for (int ix = xStart; ix < xEnd; ++ix) {
              const int64_t idx = base + (static_cast<int64_t>(iy) * g.inW + ix) * C + c;
              if (x[idx] > best) {
                best = x[idx];
                where = idx;
              }
            }
          }
          if (where >= 0) dx[where] += g_out[c];
        }
      }
    }
  }
}

}  // namespace optlab
