// Convolutions as im2col + sgemm over slices of the batch: a slice's columns are about one core's L2
// cache, so sgemm reads what im2col has just written from cache, and slices run on the pool's threads
// side by side (each sgemm single-threaded).
#include <algorithm>
#include <vector>

#include "kernels.h"

namespace optlab {

namespace {

struct Slicing {
  int64_t pixels, patch, inImage, outImage;
  int perSlice, slices;
  // Slice i: its first image and how many images it has.
  int first(int64_t i) const { return static_cast<int>(i) * perSlice; }
  int images(int64_t i, int batch) const { return std::min(perSlice, batch - first(i)); }
};

// Slices of at most `imagesPerSlice` images, as many as a multiple of `threads` so that each thread gets
// the same share (one slice of 86 images and one of 42 would keep a second thread idle half the time).
Slicing slicing(const ConvGeometry& g, int imagesPerSlice, int threads) {
  Slicing s;
  s.pixels = static_cast<int64_t>(g.outH) * g.outW;
  s.patch = static_cast<int64_t>(g.filterH) * g.filterW * g.inC;
  s.inImage = static_cast<int64_t>(g.inH) * g.inW * g.inC;
  s.outImage = s.pixels * g.outC;
  const int batch = std::max(1, g.batch);
  int slices = (batch + std::max(1, imagesPerSlice) - 1) / std::max(1, imagesPerSlice);
  if (threads > 1) slices = std::min(batch, (slices + threads - 1) / threads * threads);
  s.perSlice = (batch + slices - 1) / slices;
  s.slices = (g.batch + s.perSlice - 1) / s.perSlice;
  return s;
}

ConvGeometry ofImages(const ConvGeometry& g, int images) {
  ConvGeometry slice = g;
  slice.batch = images;
  return slice;
}

// The calling thread's im2col buffer for `images` images, grown as needed and kept between calls.
float* scratch(const Slicing& s, int images) {
  thread_local std::vector<float> buffer;
  const int64_t length = images * s.pixels * s.patch;
  if (static_cast<int64_t>(buffer.size()) < length) buffer.resize(static_cast<size_t>(length));
  return buffer.data();
}

}  // namespace

void convGemmForward(const float* x, const ConvGeometry& g, const float* w, int imagesPerSlice, int threads, float* y) {
  const Slicing s = slicing(g, imagesPerSlice, threads);
  parallelFor(s.slices, threads, [&](int64_t i) {
    const int b0 = s.first(i), images = s.images(i, g.batch);
    float* cols = scratch(s, images);
    im2col(x + b0 * s.inImage, ofImages(g, images), cols);
    gemm(false, false, static_cast<int>(images * s.pixels), g.outC, static_cast<int>(s.patch), cols, w,
         y + b0 * s.outImage, 0.0f, 1);
  });
}

void convGemmInputGrad(const float* dy, const ConvGeometry& g, const float* w, int imagesPerSlice, int threads,
                       float* dx) {
  const Slicing s = slicing(g, imagesPerSlice, threads);
  parallelFor(s.slices, threads, [&](int64_t i) {
    const int b0 = s.first(i), images = s.images(i, g.batch);
    float* cols = scratch(s, images);
    gemm(false, true, static_cast<int>(images * s.pixels), static_cast<int>(s.patch), g.outC, dy + b0 * s.outImage, w,
         cols, 0.0f, 1);
    col2im(cols, ofImages(g, images), dx + b0 * s.inImage);
  });
}

void convGemmFilterGrad(const float* x, const float* dy, const ConvGeometry& g, int imagesPerSlice, int threads,
                        float* dw) {
  const Slicing s = slicing(g, imagesPerSlice, threads);
  const int64_t size = s.patch * g.outC;
  if (s.slices == 0) {
    std::fill(dw, dw + size, 0.0f);  // an empty batch
    return;
  }
  const int parts = std::min(threads, s.slices);
  // Part 0 sums into dw, the others into their own buffers, added to dw in part order at the end.
  std::vector<float> partials(static_cast<size_t>((parts - 1) * size));
  parallelFor(parts, parts, [&](int64_t p) {
    float* sum = p == 0 ? dw : partials.data() + (p - 1) * size;
    const int first = static_cast<int>(s.slices * p / parts), last = static_cast<int>(s.slices * (p + 1) / parts);
    for (int i = first; i < last; ++i) {
      const int b0 = s.first(i), images = s.images(i, g.batch);
      float* cols = scratch(s, images);
      im2col(x + b0 * s.inImage, ofImages(g, images), cols);
      gemm(true, false, static_cast<int>(s.patch), g.outC, static_cast<int>(images * s.pixels), cols,
           dy + b0 * s.outImage, sum, i == first ? 0.0f : 1.0f, 1);
    }
  });
  for (int p = 1; p < parts; ++p) {
    const float* partial = partials.data() + (p - 1) * size;
    for (int64_t j = 0; j < size; ++j) dw[j] += partial[j];
  }
}

}  // namespace optlab
