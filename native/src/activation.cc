// The elementwise ends of a layer: bias + activation after a matmul or convolution, the activation's
// gradient, and the bias gradient (column sums). Each is split over the native pool in blocks of rows
// (workBlocks.h); column sums are kept per block and added in block order, so they do not depend on
// the thread count.
#include <vector>

#include "kernels.h"
#include "workBlocks.h"

namespace optlab {

namespace {

// Floats per block: a block's dz (64 KiB) is still in L2 when its column sums read it again.
constexpr int64_t kBlockWork = 16 * 1024;

OPTLAB_MULTIVERSION void biasActivationRows(float* c, int64_t first, int64_t last, int cols, const float* bias,
                                            Activation act, float alpha) {
  for (int64_t r = first; r < last; ++r) {
    float* row = c + r * cols;
    if (bias != nullptr) {
      for (int j = 0; j < cols; ++j) row[j] += bias[j];
    }
    if (act == kRelu) {
      for (int j = 0; j < cols; ++j) row[j] = row[j] < 0.0f ? 0.0f : row[j];
    } else if (act != kLinear) {
      for (int j = 0; j < cols; ++j) row[j] = activate(row[j], act, alpha);
    }
  }
}

OPTLAB_MULTIVERSION void activationGradRange(const float* dy, const float* y, float* dz, int64_t n, Activation act) {
  if (act == kRelu) {
    // dy·step(x): step is 1 where the output is positive, 0 elsewhere, NaN where it is NaN.
    for (int64_t i = 0; i < n; ++i) {
      const float s = y[i] > 0.0f ? 1.0f : (y[i] != y[i] ? y[i] : 0.0f);
      dz[i] = dy[i] * s;
    }
  } else if (act == kSigmoid) {
    for (int64_t i = 0; i < n; ++i) dz[i] = dy[i] * (y[i] * (1.0f - y[i]));
  } else {
    for (int64_t i = 0; i < n; ++i) dz[i] = dy[i];
  }
}

// out[j] = Σ z[r, j] over rows [first, last), in row order.
OPTLAB_MULTIVERSION void columnSumsRows(const float* z, int64_t first, int64_t last, int cols, float* out) {
  for (int j = 0; j < cols; ++j) out[j] = 0.0f;
  for (int64_t r = first; r < last; ++r) {
    const float* row = z + r * cols;
    for (int j = 0; j < cols; ++j) out[j] += row[j];
  }
}

// out = Σ over row blocks of the block's column sums, the block's rows first given to `prepare`.
template <typename Prepare>
void blockColumnSums(const float* z, int64_t rows, int cols, float* out, int threads, Prepare prepare) {
  const Blocks blocks = blocksOf(rows, cols, kBlockWork);
  std::vector<float> partial(static_cast<size_t>(blocks.count() * cols));
  parallelFor(blocks.count(), threadsForWork(rows * cols, threads), [&](int64_t i) {
    prepare(blocks.begin(i), blocks.end(i));
    columnSumsRows(z, blocks.begin(i), blocks.end(i), cols, partial.data() + i * cols);
  });
  for (int j = 0; j < cols; ++j) out[j] = 0.0f;
  for (int64_t i = 0; i < blocks.count(); ++i) {
    const float* p = partial.data() + i * cols;
    for (int j = 0; j < cols; ++j) out[j] += p[j];
  }
}

}  // namespace

void biasActivation(float* c, int64_t rows, int cols, const float* bias, Activation act, float alpha, int threads) {
  if (bias == nullptr && act == kLinear) return;
  const Blocks blocks = blocksOf(rows, cols, kBlockWork);
  parallelFor(blocks.count(), threadsForWork(rows * cols, threads),
              [&](int64_t i) { biasActivationRows(c, blocks.begin(i), blocks.end(i), cols, bias, act, alpha); });
}

void activationGrad(const float* dy, const float* y, float* dz, int64_t n, Activation act, int threads) {
  const Blocks blocks{n, kBlockWork};
  parallelFor(blocks.count(), threadsForWork(n, threads), [&](int64_t i) {
    const int64_t at = blocks.begin(i);
    activationGradRange(dy + at, y + at, dz + at, blocks.end(i) - at, act);
  });
}

void columnSums(const float* z, int64_t rows, int cols, float* out, int threads) {
  blockColumnSums(z, rows, cols, out, threads, [](int64_t, int64_t) {});
}

void activationGradColumnSums(const float* dy, const float* y, float* dz, int64_t rows, int cols, Activation act,
                              float* db, int threads) {
  blockColumnSums(dz, rows, cols, db, threads, [&](int64_t first, int64_t last) {
    const int64_t at = first * cols;
    activationGradRange(dy + at, y + at, dz + at, (last - first) * cols, act);
  });
}

}  // namespace optlab
