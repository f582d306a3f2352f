#include <cstring>

#include "kernels.h"

namespace optlab {

void im2col(const float* x, const ConvGeometry& g, float* cols) {
  const int64_t patch = static_cast<int64_t>(g.filterH) * g.filterW * g.inC;
  float* out = cols;
  for (int b = 0; b < g.batch; ++b) {
    const float* xb = x + static_cast<int64_t>(b) * g.inH * g.inW * g.inC;
    for (int oy = 0; oy < g.outH; ++oy) {
      for (int ox = 0; ox < g.outW; ++ox) {
        float* dst = out;
        for (int fy = 0; fy < g.filterH; ++fy) {
          const int iy = oy * g.strideH - g.padTop + fy * g.dilationH;
          if (iy < 0 || iy >= g.inH) {
            std::memset(dst, 0, sizeof(float) * g.filterW * g.inC);
            dst += g.filterW * g.inC;
            continue;
          }
          const float* xrow = xb + static_cast<int64_t>(iy) * g.inW * g.inC;
          if (g.dilationW == 1) {
            // Contiguous run of filter columns inside the image.
            const int ix0 = ox * g.strideW - g.padLeft;
            int fx = 0;
            for (; fx < g.filterW && ix0 + fx < 0; ++fx) {
              std::memset(dst, 0, sizeof(float) * g.inC);
              dst += g.inC;
            }
            int fxEnd = g.filterW;
            if (ix0 + fxEnd > g.inW) fxEnd = g.inW - ix0;
            if (fxEnd > fx) {
              const int count = (fxEnd - fx) * g.inC;
              std::memcpy(dst, xrow + static_cast<int64_t>(ix0 + fx) * g.inC, sizeof(float) * count);
              dst += count;
              fx = fxEnd;
            }
            for (; fx < g.filterW; ++fx) {
              std::memset(dst, 0, sizeof(float) * g.inC);
              dst += g.inC;
            }
          } else {
            for (int fx = 0; fx < g.filterW; ++fx) {
              const int ix = ox * g.strideW - g.padLeft + fx * g.dilationW;
              if (ix < 0 || ix >= g.inW) {
                std::memset(dst, 0, sizeof(float) * g.inC);
              } else {
                std::memcpy(dst, xrow + static_cast<int64_t>(ix) * g.inC, sizeof(float) * g.inC);
              }
              dst += g.inC;
            }
          }
        }
        out += patch;
      }
    }
  }
}

OPTLAB_MULTIVERSION void col2im(const float* cols, const ConvGeometry& g, float* dx) {
  const int64_t patch = static_cast<int64_t>(g.filterH) * g.filterW * g.inC;
  const float* src = cols;
  for (int b = 0; b < g.batch; ++b) {
    float* dxb = dx + static_cast<int64_t>(b) * g.inH * g.inW * g.inC;
    for (int oy = 0; oy < g.outH; ++oy) {
      for (int ox = 0; ox < g.outW; ++ox) {
        const float* s = src;
        for (int fy = 0; fy < g.filterH; ++fy) {
          const int iy = oy * g.strideH - g.padTop + fy * g.dilationH;
          if (iy < 0 || iy >= g.inH) {
            s += g.filterW * g.inC;
            continue;
          }
          float* dxrow = dxb + static_cast<int64_t>(iy) * g.inW * g.inC;
          for (int fx = 0; fx < g.filterW; ++fx) {
            const int ix = ox * g.strideW - g.padLeft + fx * g.dilationW;
            if (ix >= 0 && ix < g.inW) {
              float* d = dxrow + static_cast<int64_t>(ix) * g.inC;
              for (int c = 0; c < g.inC; ++c) d[c] += s[c];
            }
            s += g.inC;
          }
        }
        src += patch;
      }
    }
  }
}

}  // namespace optlab
