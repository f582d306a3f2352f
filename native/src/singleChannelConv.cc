// Convolutions of a single input channel (a network's first layer on grey images) computed directly:
// im2col would copy each pixel filterH·filterW times into columns of only filterH·filterW values,
// which sgemm multiplies at a fraction of its speed. Each output pixel's channels are a few 8-lane
// vectors held in registers.
#include <algorithm>
#include <cstring>
#include <vector>

#include "kernels.h"

namespace optlab {

namespace {

typedef float v8 __attribute__((vector_size(32)));

// Filters up to 7×7: the filter gradient's accumulators (taps × channels) live on the stack.
constexpr int kMaxTaps = 49;

OPTLAB_INLINE v8 load8(const float* p) {
  v8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
OPTLAB_INLINE void store8(float* p, v8 v) { std::memcpy(p, &v, sizeof v); }
OPTLAB_INLINE v8 splat8(float s) { return v8{s, s, s, s, s, s, s, s}; }

// Calls tap(t, v) for each filter tap t (fy·filterW + fx) of output pixel (oy, ox) that lands inside
// the image, v the input pixel under it (padding contributes nothing).
template <typename Tap>
OPTLAB_INLINE void forEachTap(const float* __restrict x, const ConvGeometry& g, int oy, int ox, Tap&& tap) {
  const int iy0 = oy * g.strideH - g.padTop;
  const int ix0 = ox * g.strideW - g.padLeft;
  for (int fy = 0; fy < g.filterH; ++fy) {
    const int iy = iy0 + fy;
    if (iy < 0 || iy >= g.inH) continue;
    const float* row = x + static_cast<int64_t>(iy) * g.inW;
    for (int fx = 0; fx < g.filterW; ++fx) {
      const int ix = ix0 + fx;
      if (ix >= 0 && ix < g.inW) tap(fy * g.filterW + fx, splat8(row[ix]));
    }
  }
}

// K vectors of 8 output channels per pixel.
template <int K>
OPTLAB_INLINE void forwardImage(const float* __restrict x, const ConvGeometry& g, const float* __restrict w,
                                const float* __restrict bias, Activation act, float alpha, float* __restrict y) {
  constexpr int C = 8 * K;
  for (int oy = 0; oy < g.outH; ++oy) {
    for (int ox = 0; ox < g.outW; ++ox) {
      v8 acc[K];
      for (int k = 0; k < K; ++k) acc[k] = bias != nullptr ? load8(bias + 8 * k) : splat8(0.0f);
      forEachTap(x, g, oy, ox, [&](int t, v8 v) {
        const float* wr = w + t * C;
        for (int k = 0; k < K; ++k) acc[k] += v * load8(wr + 8 * k);
      });
      float* out = y + (static_cast<int64_t>(oy) * g.outW + ox) * C;
      if (act == kRelu) {
        // As activate(): positive values pass, NaN stays NaN, the rest is 0.
        for (int k = 0; k < K; ++k) acc[k] = acc[k] > 0.0f || acc[k] != acc[k] ? acc[k] : splat8(0.0f);
      }
      for (int k = 0; k < K; ++k) store8(out + 8 * k, acc[k]);
      if (act != kLinear && act != kRelu) {
        for (int c = 0; c < C; ++c) out[c] = activate(out[c], act, alpha);
      }
    }
  }
}

// sums[tap·C + c] = Σ over the image's output pixels of x at the tap · dy[c], in float.
template <int K>
OPTLAB_INLINE void filterGradImage(const float* __restrict x, const float* __restrict dy, const ConvGeometry& g,
                                   float* __restrict sums) {
  constexpr int C = 8 * K;
  const int taps = g.filterH * g.filterW;
  v8 acc[kMaxTaps * K];
  for (int i = 0; i < taps * K; ++i) acc[i] = splat8(0.0f);
  for (int oy = 0; oy < g.outH; ++oy) {
    for (int ox = 0; ox < g.outW; ++ox) {
      const float* d = dy + (static_cast<int64_t>(oy) * g.outW + ox) * C;
      v8 grad[K];
      for (int k = 0; k < K; ++k) grad[k] = load8(d + 8 * k);
      forEachTap(x, g, oy, ox, [&](int t, v8 v) {
        v8* a = acc + t * K;
        for (int k = 0; k < K; ++k) a[k] += v * grad[k];
      });
    }
  }
  for (int t = 0; t < taps; ++t) {
    for (int k = 0; k < K; ++k) store8(sums + t * C + 8 * k, acc[t * K + k]);
  }
}

template <int K>
OPTLAB_MULTIVERSION void forwardImages(const float* x, const ConvGeometry& g, const float* w, const float* bias,
                                       Activation act, float alpha, float* y, int64_t b) {
  const int64_t inImage = static_cast<int64_t>(g.inH) * g.inW;
  const int64_t outImage = static_cast<int64_t>(g.outH) * g.outW * g.outC;
  forwardImage<K>(x + b * inImage, g, w, bias, act, alpha, y + b * outImage);
}

template <int K>
OPTLAB_MULTIVERSION void filterGradImages(const float* x, const float* dy, const ConvGeometry& g, float* sums, int64_t b) {
  const int64_t inImage = static_cast<int64_t>(g.inH) * g.inW;
  const int64_t outImage = static_cast<int64_t>(g.outH) * g.outW * g.outC;
  filterGradImage<K>(x + b * inImage, dy + b * outImage, g, sums + b * g.filterH * g.filterW * g.outC);
}

}  // namespace

bool singleChannelConvFits(const ConvGeometry& g) {
  return g.inC == 1 && g.filterH * g.filterW <= kMaxTaps && g.dilationH == 1 && g.dilationW == 1 && (g.outC == 8 || g.outC == 16 || g.outC == 32 || g.outC == 64);
}

void singleChannelConv(const float* x, const ConvGeometry& g, const float* w, const float* bias, Activation act,
                       float alpha, float* y, int threads) {
  parallelFor(g.batch, threads, [&](int64_t b) {
    switch (g.outC / 8) {
      case 1: return forwardImages<1>(x, g, w, bias, act, alpha, y, b);
      case 2: return forwardImages<2>(x, g, w, bias, act, alpha, y, b);
      case 4: return forwardImages<4>(x, g, w, bias, act, alpha, y, b);
      default: return forwardImages<8>(x, g, w, bias, act, alpha, y, b);
    }
  });
}

void singleChannelConvFilterGrad(const float* x, const float* dy, const ConvGeometry& g, float* dw, int threads) {
  const int64_t size = static_cast<int64_t>(g.filterH) * g.filterW * g.outC;
  // Each image's sums (in float, over its pixels) are added over the batch in order, in double: the
  // same gradient on any thread count.
  std::vector<float> sums(static_cast<size_t>(g.batch * size));
  parallelFor(g.batch, threads, [&](int64_t b) {
    switch (g.outC / 8) {
      case 1: return filterGradImages<1>(x, dy, g, sums.data(), b);
      case 2: return filterGradImages<2>(x, dy, g, sums.data(), b);
      case 4: return filterGradImages<4>(x, dy, g, sums.data(), b);
      default: return filterGradImages<8>(x, dy, g, sums.data(), b);
    }
  });
  std::vector<double> total(static_cast<size_t>(size), 0.0);
  for (int64_t b = 0; b < g.batch; ++b) {
    const float* s = sums.data() + b * size;
    for (int64_t j = 0; j < size; ++j) total[j] += s[j];
  }
  for (int64_t j = 0; j < size; ++j) dw[j] = static_cast<float>(total[j]);
}

}  // namespace optlab
