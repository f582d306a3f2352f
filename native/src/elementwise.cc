#include <cmath>
#include <cstring>
#include <vector>

#include "kernels.h"

namespace optlab {

namespace {

// NaN-propagating max/min, as Math.max/Math.min.
OPTLAB_INLINE float jsMax(float a, float b) { return (a != a || b != b) ? NAN : (a > b ? a : b); }
OPTLAB_INLINE float jsMin(float a, float b) { return (a != a || b != b) ? NAN : (a < b ? a : b); }

template <BinaryOp OP>
OPTLAB_INLINE float apply(float a, float b) {
  if constexpr (OP == kAdd) return a + b;
  if constexpr (OP == kSub) return a - b;
  if constexpr (OP == kMul) return a * b;
  if constexpr (OP == kDiv) return a / b;
  if constexpr (OP == kMaximum) return jsMax(a, b);
  if constexpr (OP == kMinimum) return jsMin(a, b);
  if constexpr (OP == kSquaredDifference) {
    const float d = a - b;
    return d * d;
  }
  return 0.0f;
}

template <BinaryOp OP>
OPTLAB_INLINE void binaryT(const float* a, int64_t aLen, const float* b, int64_t bLen, float* out, int64_t n) {
  if (aLen == n && bLen == n) {
    for (int64_t i = 0; i < n; ++i) out[i] = apply<OP>(a[i], b[i]);
  } else if (bLen == 1) {
    const float s = b[0];
    if (aLen == n) {
      for (int64_t i = 0; i < n; ++i) out[i] = apply<OP>(a[i], s);
    } else {
      for (int64_t i = 0; i < n; ++i) out[i] = apply<OP>(a[i % aLen], s);
    }
  } else if (aLen == 1) {
    const float s = a[0];
    for (int64_t i = 0; i < n; ++i) out[i] = apply<OP>(s, b[i % bLen]);
  } else if (aLen == n) {
    for (int64_t r = 0; r < n; r += bLen) {
      float* o = out + r;
      const float* ar = a + r;
      for (int64_t j = 0; j < bLen; ++j) o[j] = apply<OP>(ar[j], b[j]);
    }
  } else if (bLen == n) {
    for (int64_t r = 0; r < n; r += aLen) {
      float* o = out + r;
      const float* br = b + r;
      for (int64_t j = 0; j < aLen; ++j) o[j] = apply<OP>(a[j], br[j]);
    }
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = apply<OP>(a[i % aLen], b[i % bLen]);
  }
}

template <BinaryOp OP>
OPTLAB_INLINE void columnT(const float* a, const float* b, float* out, int64_t rows, int64_t cols, bool bFirst) {
  for (int64_t r = 0; r < rows; ++r) {
    const float s = b[r];
    const float* ar = a + r * cols;
    float* o = out + r * cols;
    if (bFirst) {
      for (int64_t j = 0; j < cols; ++j) o[j] = apply<OP>(s, ar[j]);
    } else {
      for (int64_t j = 0; j < cols; ++j) o[j] = apply<OP>(ar[j], s);
    }
  }
}

template <BinaryOp OP>
OPTLAB_INLINE void stridedT(const float* a, const int64_t* aStrides, const float* b, const int64_t* bStrides,
                            const int64_t* outShape, int rank, float* out) {
  const int last = rank - 1;
  const int64_t cols = outShape[last];
  const int64_t as = aStrides[last], bs = bStrides[last];
  int64_t rows = 1;
  for (int d = 0; d < last; ++d) rows *= outShape[d];
  int64_t index[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t aOff = 0, bOff = 0;
  for (int64_t r = 0; r < rows; ++r) {
    const float* ar = a + aOff;
    const float* br = b + bOff;
    float* o = out + r * cols;
    for (int64_t j = 0; j < cols; ++j) o[j] = apply<OP>(ar[j * as], br[j * bs]);
    for (int d = last - 1; d >= 0; --d) {
      aOff += aStrides[d];
      bOff += bStrides[d];
      if (++index[d] < outShape[d]) break;
      aOff -= aStrides[d] * outShape[d];
      bOff -= bStrides[d] * outShape[d];
      index[d] = 0;
    }
  }
}

}  // namespace

void binaryStrided(BinaryOp op, const float* a, const int64_t* aStrides, const float* b, const int64_t* bStrides,
                   const int64_t* outShape, int rank, float* out) {
  switch (op) {
    case kAdd: return stridedT<kAdd>(a, aStrides, b, bStrides, outShape, rank, out);
    case kSub: return stridedT<kSub>(a, aStrides, b, bStrides, outShape, rank, out);
    case kMul: return stridedT<kMul>(a, aStrides, b, bStrides, outShape, rank, out);
    case kDiv: return stridedT<kDiv>(a, aStrides, b, bStrides, outShape, rank, out);
    case kMaximum: return stridedT<kMaximum>(a, aStrides, b, bStrides, outShape, rank, out);
    case kMinimum: return stridedT<kMinimum>(a, aStrides, b, bStrides, outShape, rank, out);
    case kSquaredDifference: return stridedT<kSquaredDifference>(a, aStrides, b, bStrides, outShape, rank, out);
  }
}

OPTLAB_MULTIVERSION void binary(BinaryOp op, const float* a, int64_t aLen, const float* b, int64_t bLen, float* out, int64_t n) {
  switch (op) {
    case kAdd: return binaryT<kAdd>(a, aLen, b, bLen, out, n);
    case kSub: return binaryT<kSub>(a, aLen, b, bLen, out, n);
    case kMul: return binaryT<kMul>(a, aLen, b, bLen, out, n);
    case kDiv: return binaryT<kDiv>(a, aLen, b, bLen, out, n);
    case kMaximum: return binaryT<kMaximum>(a, aLen, b, bLen, out, n);
    case kMinimum: return binaryT<kMinimum>(a, aLen, b, bLen, out, n);
    case kSquaredDifference: return binaryT<kSquaredDifference>(a, aLen, b, bLen, out, n);
  }
}

OPTLAB_MULTIVERSION void binaryColumn(BinaryOp op, const float* a, const float* b, float* out, int64_t rows, int64_t cols, bool bFirst) {
  switch (op) {
    case kAdd: return columnT<kAdd>(a, b, out, rows, cols, bFirst);
    case kSub: return columnT<kSub>(a, b, out, rows, cols, bFirst);
    case kMul: return columnT<kMul>(a, b, out, rows, cols, bFirst);
    case kDiv: return columnT<kDiv>(a, b, out, rows, cols, bFirst);
    case kMaximum: return columnT<kMaximum>(a, b, out, rows, cols, bFirst);
    case kMinimum: return columnT<kMinimum>(a, b, out, rows, cols, bFirst);
    case kSquaredDifference: return columnT<kSquaredDifference>(a, b, out, rows, cols, bFirst);
  }
}

OPTLAB_MULTIVERSION void unary(UnaryOp op, const float* x, float* out, int64_t n, float alpha) {
  switch (op) {
    case kRelu_:
      for (int64_t i = 0; i < n; ++i) out[i] = x[i] < 0.0f ? 0.0f : x[i];
      break;
    case kStep:
      for (int64_t i = 0; i < n; ++i) out[i] = x[i] != x[i] ? x[i] : (x[i] > 0.0f ? 1.0f : alpha);
      break;
    case kSqrt:
      for (int64_t i = 0; i < n; ++i) out[i] = std::sqrt(x[i]);
      break;
    case kSquare:
      for (int64_t i = 0; i < n; ++i) out[i] = x[i] * x[i];
      break;
    case kExp:
      for (int64_t i = 0; i < n; ++i) out[i] = static_cast<float>(std::exp(static_cast<double>(x[i])));
      break;
    case kLog:
      for (int64_t i = 0; i < n; ++i) out[i] = static_cast<float>(std::log(static_cast<double>(x[i])));
      break;
    case kNeg:
      for (int64_t i = 0; i < n; ++i) out[i] = -x[i];
      break;
    case kAbs:
      for (int64_t i = 0; i < n; ++i) out[i] = std::fabs(x[i]);
      break;
    case kRsqrt:
      for (int64_t i = 0; i < n; ++i) out[i] = static_cast<float>(1.0 / std::sqrt(static_cast<double>(x[i])));
      break;
    case kSigmoid_:
      for (int64_t i = 0; i < n; ++i) out[i] = static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(x[i]))));
      break;
    case kRelu6_:
      for (int64_t i = 0; i < n; ++i) out[i] = x[i] != x[i] ? x[i] : (x[i] < 0.0f ? 0.0f : (x[i] > 6.0f ? 6.0f : x[i]));
      break;
    case kReciprocal:
      for (int64_t i = 0; i < n; ++i) out[i] = 1.0f / x[i];
      break;
  }
}

OPTLAB_MULTIVERSION void reduceMiddle(const float* x, int64_t outer, int64_t reduce, int64_t inner, float* out, bool max) {
  for (int64_t o = 0; o < outer; ++o) {
    float* dst = out + o * inner;
    const float* src = x + o * reduce * inner;
    if (inner == 1) {
      if (max) {
        float m = src[0];
        for (int64_t r = 1; r < reduce; ++r) m = src[r] > m || src[r] != src[r] ? src[r] : m;
        dst[0] = m;
      } else {
        double s = 0.0;
        for (int64_t r = 0; r < reduce; ++r) s += src[r];
        dst[0] = static_cast<float>(s);
      }
      continue;
    }
    if (max) {
      for (int64_t i = 0; i < inner; ++i) dst[i] = src[i];
      for (int64_t r = 1; r < reduce; ++r) {
        const float* row = src + r * inner;
        for (int64_t i = 0; i < inner; ++i) dst[i] = row[i] > dst[i] || row[i] != row[i] ? row[i] : dst[i];
      }
    } else {
      // Summed in double, as the cpu kernel (a float sum over many rows, e.g. a batch's pixels, drifts).
      std::vector<double> acc(static_cast<size_t>(inner), 0.0);
      for (int64_t r = 0; r < reduce; ++r) {
        const float* row = src + r * inner;
        for (int64_t i = 0; i < inner; ++i) acc[static_cast<size_t>(i)] += row[i];
      }
      for (int64_t i = 0; i < inner; ++i) dst[i] = static_cast<float>(acc[static_cast<size_t>(i)]);
    }
  }
}

void batchNorm(const float* x, int64_t n, const float* mean, int64_t meanLen, const float* variance, int64_t varLen,
               const float* scale, int64_t scaleLen, const float* offset, int64_t offsetLen, float eps, float* out) {
  const bool perChannel = varLen == meanLen && (scale == nullptr || scaleLen == meanLen) &&
                          (offset == nullptr || offsetLen == meanLen) && n % meanLen == 0;
  if (perChannel) {
    // One multiplier per channel, then a pass over rows of meanLen values.
    std::vector<double> multiplier(meanLen);
    for (int64_t c = 0; c < meanLen; ++c) {
      multiplier[c] = (scale != nullptr ? scale[c] : 1.0) / std::sqrt(static_cast<double>(variance[c]) + static_cast<double>(eps));
    }
    for (int64_t r = 0; r < n; r += meanLen) {
      const float* xr = x + r;
      float* o = out + r;
      for (int64_t c = 0; c < meanLen; ++c) {
        const double shift = offset != nullptr ? offset[c] : 0.0;
        o[c] = static_cast<float>(shift + (static_cast<double>(xr[c]) - mean[c]) * multiplier[c]);
      }
    }
    return;
  }
  int64_t mi = 0, vi = 0, si = 0, oi = 0;
  for (int64_t i = 0; i < n; ++i) {
    const double s = scale != nullptr ? scale[si] : 1.0;
    const double o = offset != nullptr ? offset[oi] : 0.0;
    out[i] = static_cast<float>(o + (static_cast<double>(x[i]) - mean[mi]) * s /
                                        std::sqrt(static_cast<double>(variance[vi]) + static_cast<double>(eps)));
    if (++mi == meanLen) mi = 0;
    if (++vi == varLen) vi = 0;
    if (scale != nullptr && ++si == scaleLen) si = 0;
    if (offset != nullptr && ++oi == offsetLen) oi = 0;
  }
}

void tile(const float* x, const int32_t* shape, const int32_t* reps, int rank, float* out) {
  int64_t outShape[8], xStride[8];
  int64_t stride = 1;
  for (int d = rank - 1; d >= 0; --d) {
    outShape[d] = static_cast<int64_t>(shape[d]) * reps[d];
    xStride[d] = stride;
    stride *= shape[d];
  }
  const int64_t rowLength = shape[rank - 1];
  const int64_t rowReps = reps[rank - 1];
  int64_t rows = 1;
  for (int d = 0; d < rank - 1; ++d) rows *= outShape[d];
  int64_t index[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  float* dst = out;
  for (int64_t r = 0; r < rows; ++r) {
    int64_t source = 0;
    for (int d = 0; d < rank - 1; ++d) source += (index[d] % shape[d]) * xStride[d];
    for (int64_t k = 0; k < rowReps; ++k) {
      std::memcpy(dst, x + source, sizeof(float) * rowLength);
      dst += rowLength;
    }
    for (int d = rank - 2; d >= 0; --d) {
      if (++index[d] < outShape[d]) break;
      index[d] = 0;
    }
  }
}

OPTLAB_MULTIVERSION void adamDirection(const float* g, const float* m0, const float* v0, float* m, float* v, float* d,
                                       int64_t n, float oneMinusBeta1, float beta2, float oneMinusBeta2, float bc2Sqrt,
                                       float eps) {
  for (int64_t i = 0; i < n; ++i) {
    const float mi = m0[i] + (g[i] - m0[i]) * oneMinusBeta1;
    const float vi = v0[i] * beta2 + (g[i] * g[i]) * oneMinusBeta2;
    m[i] = mi;
    v[i] = vi;
    d[i] = mi / (std::sqrt(vi) / bc2Sqrt + eps);
  }
}

}  // namespace optlab
