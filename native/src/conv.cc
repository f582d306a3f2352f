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

namespace optlab {

namespace {

// One image; C > 0 fixes the output channel count at compile time (the accumulators stay in
// vector registers), C == 0 reads it from g.
template <int C>
OPTLAB_INLINE void directConvImageT(const float* __restrict x, const ConvGeometry& g, const float* __restrict w,
                                    const float* __restrict bias, Activation act, float alpha, float* __restrict y) {
  const int outC = C > 0 ? C : g.outC;
  float acc[C > 0 ? C : 512];
  for (int oy = 0; oy < g.outH; ++oy) {
    for (int ox = 0; ox < g.outW; ++ox) {
      for (int c = 0; c < outC; ++c) acc[c] = 0.0f;
      for (int fy = 0; fy < g.filterH; ++fy) {
        const int iy = oy * g.strideH - g.padTop + fy * g.dilationH;
        if (iy < 0 || iy >= g.inH) continue;
        for (int fx = 0; fx < g.filterW; ++fx) {
          const int ix = ox * g.strideW - g.padLeft + fx * g.dilationW;
          if (ix < 0 || ix >= g.inW) continue;
          const float* px = x + (static_cast<int64_t>(iy) * g.inW + ix) * g.inC;
          const float* wp = w + static_cast<int64_t>(fy * g.filterW + fx) * g.inC * outC;
          for (int ci = 0; ci < g.inC; ++ci) {
            const float v = px[ci];
            const float* wr = wp + static_cast<int64_t>(ci) * outC;
            for (int c = 0; c < outC; ++c) acc[c] += v * wr[c];
          }
        }
      }
      float* out = y + (static_cast<int64_t>(oy) * g.outW + ox) * outC;
      if (bias != nullptr) {
        for (int c = 0; c < outC; ++c) acc[c] += bias[c];
      }
      if (act == kRelu) {
        for (int c = 0; c < outC; ++c) out[c] = acc[c] < 0.0f ? 0.0f : acc[c];
      } else if (act == kLinear) {
        for (int c = 0; c < outC; ++c) out[c] = acc[c];
      } else {
        for (int c = 0; c < outC; ++c) out[c] = activate(acc[c], act, alpha);
      }
    }
  }
}

OPTLAB_MULTIVERSION void directConvImage(const float* __restrict x, const ConvGeometry& g, const float* __restrict w,
                                         const float* __restrict bias, Activation act, float alpha, float* __restrict y) {
  switch (g.outC) {
    case 8: return directConvImageT<8>(x, g, w, bias, act, alpha, y);
    case 16: return directConvImageT<16>(x, g, w, bias, act, alpha, y);
    case 32: return directConvImageT<32>(x, g, w, bias, act, alpha, y);
    case 64: return directConvImageT<64>(x, g, w, bias, act, alpha, y);
    default: return directConvImageT<0>(x, g, w, bias, act, alpha, y);
  }
}

}  // namespace

void directConv(const float* x, const ConvGeometry& g, const float* w, const float* bias, Activation act, float alpha,
                float* y, int threads) {
  const int64_t inImage = static_cast<int64_t>(g.inH) * g.inW * g.inC;
  const int64_t outImage = static_cast<int64_t>(g.outH) * g.outW * g.outC;
  parallelFor(g.batch, threads, [&](int64_t b) { directConvImage(x + b * inImage, g, w, bias, act, alpha, y + b * outImage); });
}

}  // namespace optlab
