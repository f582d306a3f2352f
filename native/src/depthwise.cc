// Depthwise 2-D convolution (channel multiplier 1) in NHWC: y[b, oy, ox, c] = Σ_{ky, kx}
// x[b, oy·s − pad + ky, ox·s − pad + kx, c]·w[ky, kx, c], padding read as zero; with the gradients
// of the input and of the filter. Inner loops run over channels (contiguous in x, y and w).
#include <cstdint>
#include <cstring>
#include <vector>

#include "kernels.h"

namespace optlab {

namespace {

OPTLAB_INLINE int64_t pixel(const ConvGeometry& g, int64_t b, int64_t iy, int64_t ix) {
  return ((b * g.inH + iy) * g.inW + ix) * g.inC;
}

// Output rows r = b·outH + oy for r in [first, last).
OPTLAB_MULTIVERSION void forwardRows(const float* x, const ConvGeometry& g, const float* w, int64_t first, int64_t last,
                                     float* y) {
  const int64_t C = g.inC;
  for (int64_t r = first; r < last; ++r) {
    const int64_t b = r / g.outH, oy = r % g.outH;
    for (int64_t ox = 0; ox < g.outW; ++ox) {
      float* yr = y + (r * g.outW + ox) * C;
      for (int64_t c = 0; c < C; ++c) yr[c] = 0.0f;
      for (int64_t ky = 0; ky < g.filterH; ++ky) {
        const int64_t iy = oy * g.strideH - g.padTop + ky * g.dilationH;
        if (iy < 0 || iy >= g.inH) continue;
        for (int64_t kx = 0; kx < g.filterW; ++kx) {
          const int64_t ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
          if (ix < 0 || ix >= g.inW) continue;
          const float* xr = x + pixel(g, b, iy, ix);
          const float* wr = w + (ky * g.filterW + kx) * C;
          for (int64_t c = 0; c < C; ++c) yr[c] += xr[c] * wr[c];
        }
      }
    }
  }
}

// dx of images [first, last) (zeroed here), scattered from each output pixel's dy.
OPTLAB_MULTIVERSION void inputGradImages(const float* dy, const ConvGeometry& g, const float* w, int64_t first,
                                         int64_t last, float* dx) {
  const int64_t C = g.inC;
  std::memset(dx + first * g.inH * g.inW * C, 0, sizeof(float) * static_cast<size_t>((last - first) * g.inH * g.inW * C));
  for (int64_t b = first; b < last; ++b) {
    for (int64_t oy = 0; oy < g.outH; ++oy) {
      for (int64_t ox = 0; ox < g.outW; ++ox) {
        const float* dyr = dy + ((b * g.outH + oy) * g.outW + ox) * C;
        for (int64_t ky = 0; ky < g.filterH; ++ky) {
          const int64_t iy = oy * g.strideH - g.padTop + ky * g.dilationH;
          if (iy < 0 || iy >= g.inH) continue;
          for (int64_t kx = 0; kx < g.filterW; ++kx) {
            const int64_t ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
            if (ix < 0 || ix >= g.inW) continue;
            float* dxr = dx + pixel(g, b, iy, ix);
            const float* wr = w + (ky * g.filterW + kx) * C;
            for (int64_t c = 0; c < C; ++c) dxr[c] += dyr[c] * wr[c];
          }
        }
      }
    }
  }
}

// Σ over output rows [first, last) of x·dy per filter tap and channel, into dw (double): each row's
// sums are taken in float (`row`, filterH·filterW·C) and then added.
OPTLAB_MULTIVERSION void filterGradRows(const float* x, const float* dy, const ConvGeometry& g, int64_t first,
                                        int64_t last, double* dw, float* row) {
  const int64_t C = g.inC;
  const int64_t taps = static_cast<int64_t>(g.filterH) * g.filterW * C;
  for (int64_t r = first; r < last; ++r) {
    const int64_t b = r / g.outH, oy = r % g.outH;
    for (int64_t i = 0; i < taps; ++i) row[i] = 0.0f;
    for (int64_t ox = 0; ox < g.outW; ++ox) {
      const float* dyr = dy + (r * g.outW + ox) * C;
      for (int64_t ky = 0; ky < g.filterH; ++ky) {
        const int64_t iy = oy * g.strideH - g.padTop + ky * g.dilationH;
        if (iy < 0 || iy >= g.inH) continue;
        for (int64_t kx = 0; kx < g.filterW; ++kx) {
          const int64_t ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
          if (ix < 0 || ix >= g.inW) continue;
          const float* xr = x + pixel(g, b, iy, ix);
          float* acc = row + (ky * g.filterW + kx) * C;
          for (int64_t c = 0; c < C; ++c) acc[c] += xr[c] * dyr[c];
        }
      }
    }
    for (int64_t i = 0; i < taps; ++i) dw[i] += row[i];
  }
}

int64_t partsOf(int64_t count, int threads) { return threads < 1 ? 1 : (count < threads ? count : threads); }

}  // namespace

void depthwiseConv(const float* x, const ConvGeometry& g, const float* w, float* y, int threads) {
  const int64_t rows = static_cast<int64_t>(g.batch) * g.outH;
  const int64_t parts = partsOf(rows, threads);
  parallelFor(parts, threads, [&](int64_t p) { forwardRows(x, g, w, rows * p / parts, rows * (p + 1) / parts, y); });
}

void depthwiseConvInputGrad(const float* dy, const ConvGeometry& g, const float* w, float* dx, int threads) {
  const int64_t parts = partsOf(g.batch, threads);
  parallelFor(parts, threads, [&](int64_t p) {
    inputGradImages(dy, g, w, g.batch * p / parts, g.batch * (p + 1) / parts, dx);
  });
}

void depthwiseConvFilterGrad(const float* x, const float* dy, const ConvGeometry& g, float* dw, int threads) {
  const int64_t rows = static_cast<int64_t>(g.batch) * g.outH;
  const int64_t parts = partsOf(rows, threads);
  const int64_t taps = static_cast<int64_t>(g.filterH) * g.filterW * g.inC;
  std::vector<double> partial(static_cast<size_t>(parts * taps), 0.0);
  std::vector<float> scratch(static_cast<size_t>(parts * taps));
  parallelFor(parts, threads, [&](int64_t p) {
    filterGradRows(x, dy, g, rows * p / parts, rows * (p + 1) / parts, partial.data() + p * taps, scratch.data() + p * taps);
  });
  for (int64_t i = 0; i < taps; ++i) {
    double sum = 0.0;
    for (int64_t p = 0; p < parts; ++p) sum += partial[static_cast<size_t>(p * taps + i)];
    dw[i] = static_cast<float>(sum);
  }
}

}  // namespace optlab
