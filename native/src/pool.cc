// Max pooling over NHWC, forward and gradient, as the tfjs cpu kernels: strict `>` from −∞ (NaN never
// wins a window), and the gradient to the first window position equal to the forward maximum (the
// first strict maximum tfjs picks; none for a window of only −∞/NaN).
#include <algorithm>
#include <cstring>
#include <limits>

#include "kernels.h"
#include "workBlocks.h"

namespace optlab {

namespace {

constexpr int kChannelBlock = 64;
// Channels of the tiled gradient's unrolled blocks (one AVX-512 vector).
constexpr int kFixedChannels = 16;
// Floats of input per block of output rows.
constexpr int64_t kBlockWork = 16 * 1024;

// Window rows [start, end) of output row `o` along one axis (clipped to the input).
struct Span {
  int start, end;
};
OPTLAB_INLINE Span windowSpan(int o, int stride, int pad, int filter, int in) {
  const int at = o * stride - pad;
  return Span{std::max(at, 0), std::min(at + filter, in)};
}

OPTLAB_MULTIVERSION void maxPoolRows(const float* x, const PoolGeometry& g, int64_t first, int64_t last, float* y) {
  const int C = g.channels;
  const float negInf = -std::numeric_limits<float>::infinity();
  for (int64_t row = first; row < last; ++row) {
    const int64_t b = row / g.outH;
    const int oy = static_cast<int>(row % g.outH);
    const float* xb = x + b * g.inH * g.inW * C;
    const Span ys = windowSpan(oy, g.strideH, g.padTop, g.filterH, g.inH);
    for (int ox = 0; ox < g.outW; ++ox) {
      const Span xs = windowSpan(ox, g.strideW, g.padLeft, g.filterW, g.inW);
      float* __restrict out = y + (row * g.outW + ox) * C;
      for (int c = 0; c < C; ++c) out[c] = negInf;
      for (int iy = ys.start; iy < ys.end; ++iy) {
        for (int ix = xs.start; ix < xs.end; ++ix) {
          const float* __restrict px = xb + (static_cast<int64_t>(iy) * g.inW + ix) * C;
          for (int c = 0; c < C; ++c) out[c] = px[c] > out[c] ? px[c] : out[c];
        }
      }
    }
  }
}

// The gradient of one window (output offset o, window spans ys × xs of one image) for channels
// [c0, c0 + cc): `Write` sets dx (windows that never overlap), else adds into it. A `Fixed` count of
// channels (cc = Fixed) keeps the window's state in registers.
template <bool Write, int Fixed = 0>
OPTLAB_INLINE void windowGrad(const float* __restrict xb, const float* __restrict y, const float* __restrict dy,
                              int64_t o, Span ys, Span xs, int inW, int C, int c0, int channels, float* __restrict dxb) {
  const int cc = Fixed > 0 ? Fixed : channels;
  const float negInf = -std::numeric_limits<float>::infinity();
  int32_t pending[kChannelBlock];
  const float* __restrict target = y + o + c0;
  const float* __restrict grad = dy + o + c0;
  for (int c = 0; c < cc; ++c) pending[c] = target[c] > negInf ? -1 : 0;
  for (int iy = ys.start; iy < ys.end; ++iy) {
    for (int ix = xs.start; ix < xs.end; ++ix) {
      const int64_t at = (static_cast<int64_t>(iy) * inW + ix) * C + c0;
      const float* __restrict px = xb + at;
      float* __restrict dxp = dxb + at;
      for (int c = 0; c < cc; ++c) {
        const int32_t hit = pending[c] & -static_cast<int32_t>(px[c] == target[c]);
        // Branch-free select (vectorizes): the gradient where hit, +0 elsewhere.
        uint32_t bits;
        std::memcpy(&bits, &grad[c], sizeof bits);
        bits &= static_cast<uint32_t>(hit);
        float value;
        std::memcpy(&value, &bits, sizeof value);
        if (Write) {
          dxp[c] = value;
        } else {
          dxp[c] += value;
        }
        pending[c] &= ~hit;
      }
    }
  }
}

// Windows that tile the input without overlap (stride = filter, no padding): output rows
// [first, last) write their input rows, and the input rows and columns no window covers are set to 0.
OPTLAB_MULTIVERSION void maxPoolGradTiledRows(const float* x, const float* y, const float* dy, const PoolGeometry& g,
                                              int64_t first, int64_t last, float* dx) {
  const int C = g.channels;
  const int64_t image = static_cast<int64_t>(g.inH) * g.inW * C;
  const int coveredW = std::min(g.outW * g.strideW, g.inW);
  for (int64_t row = first; row < last; ++row) {
    const int64_t b = row / g.outH;
    const int oy = static_cast<int>(row % g.outH);
    const Span ys = windowSpan(oy, g.strideH, 0, g.filterH, g.inH);
    for (int ox = 0; ox < g.outW; ++ox) {
      const Span xs = windowSpan(ox, g.strideW, 0, g.filterW, g.inW);
      const int64_t o = (row * g.outW + ox) * C;
      int c0 = 0;
      for (; c0 + kFixedChannels <= C; c0 += kFixedChannels) {
        windowGrad<true, kFixedChannels>(x + b * image, y, dy, o, ys, xs, g.inW, C, c0, kFixedChannels, dx + b * image);
      }
      if (c0 < C) windowGrad<true>(x + b * image, y, dy, o, ys, xs, g.inW, C, c0, C - c0, dx + b * image);
    }
    float* dxb = dx + b * image;
    if (coveredW < g.inW) {
      for (int iy = ys.start; iy < ys.end; ++iy) {
        std::fill(dxb + (static_cast<int64_t>(iy) * g.inW + coveredW) * C, dxb + (static_cast<int64_t>(iy) + 1) * g.inW * C, 0.0f);
      }
    }
    if (oy == g.outH - 1) std::fill(dxb + static_cast<int64_t>(ys.end) * g.inW * C, dxb + image, 0.0f);
  }
}

// Any windows: images [first, last) of dx zeroed, then each window's gradient added.
OPTLAB_MULTIVERSION void maxPoolGradImages(const float* x, const float* y, const float* dy, const PoolGeometry& g,
                                           int64_t first, int64_t last, float* dx) {
  const int C = g.channels;
  const int64_t image = static_cast<int64_t>(g.inH) * g.inW * C;
  std::fill(dx + first * image, dx + last * image, 0.0f);
  for (int64_t b = first; b < last; ++b) {
    for (int oy = 0; oy < g.outH; ++oy) {
      const Span ys = windowSpan(oy, g.strideH, g.padTop, g.filterH, g.inH);
      for (int ox = 0; ox < g.outW; ++ox) {
        const Span xs = windowSpan(ox, g.strideW, g.padLeft, g.filterW, g.inW);
        const int64_t o = ((b * g.outH + oy) * g.outW + ox) * C;
        for (int c0 = 0; c0 < C; c0 += kChannelBlock) {
          windowGrad<false>(x + b * image, y, dy, o, ys, xs, g.inW, C, c0, std::min(kChannelBlock, C - c0), dx + b * image);
        }
      }
    }
  }
}

// Input floats read per output row (a row of windows).
int64_t rowWork(const PoolGeometry& g) { return static_cast<int64_t>(g.filterH) * g.filterW * g.outW * g.channels; }

}  // namespace

void maxPool(const float* x, const PoolGeometry& g, float* y, int threads) {
  const int64_t rows = static_cast<int64_t>(g.batch) * g.outH;
  const Blocks blocks = blocksOf(rows, rowWork(g), kBlockWork);
  parallelFor(blocks.count(), threadsForWork(rows * g.outW * g.channels, threads),
              [&](int64_t i) { maxPoolRows(x, g, blocks.begin(i), blocks.end(i), y); });
}

void maxPoolGrad(const float* x, const float* y, const float* dy, const PoolGeometry& g, float* dx, int threads) {
  const int64_t image = static_cast<int64_t>(g.inH) * g.inW * g.channels;
  const bool tiled = g.strideH == g.filterH && g.strideW == g.filterW && g.padTop == 0 && g.padLeft == 0 &&
                     g.outH > 0 && g.outW > 0;
  if (tiled) {
    const int64_t rows = static_cast<int64_t>(g.batch) * g.outH;
    const Blocks blocks = blocksOf(rows, rowWork(g), kBlockWork);
    parallelFor(blocks.count(), threadsForWork(g.batch * image, threads),
                [&](int64_t i) { maxPoolGradTiledRows(x, y, dy, g, blocks.begin(i), blocks.end(i), dx); });
    return;
  }
  const Blocks blocks = blocksOf(g.batch, image + g.outH * rowWork(g), kBlockWork);
  parallelFor(blocks.count(), threadsForWork(g.batch * image, threads),
              [&](int64_t i) { maxPoolGradImages(x, y, dy, g, blocks.begin(i), blocks.end(i), dx); });
}

}  // namespace optlab
