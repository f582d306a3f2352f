// Training-mode batch normalisation (+ ReLU), forward and gradient, over [rows, channels] float32.
#include "batchnorm.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kernels.h"

namespace optlab {
namespace {

// Row ranges for `parts` workers.
struct Chunks {
  int64_t rows;
  int64_t parts;
  int64_t begin(int64_t p) const { return rows * p / parts; }
  int64_t end(int64_t p) const { return rows * (p + 1) / parts; }
};

int64_t partsFor(int64_t rows, int channels, int threads) {
  // A worker is worth it above ~64k elements.
  const int64_t byWork = std::max<int64_t>(1, rows * channels / 65536);
  return std::max<int64_t>(1, std::min<int64_t>({static_cast<int64_t>(threads), byWork, rows}));
}

// Rows summed in float before each addition to the double totals: float vectors in the inner loop,
// while the totals keep double precision (blocks of 32 rows lose no more than 32 float roundings).
constexpr int64_t kBlockRows = 32;

// Σ (x − shift) and Σ (x − shift)² per channel over rows [r0, r1); fs, fq: scratch of `channels` floats.
OPTLAB_MULTIVERSION
void shiftedSums(const float* x, int64_t r0, int64_t r1, int channels, const float* shift, double* sum, double* sq,
                 float* fs, float* fq) {
  for (int64_t b0 = r0; b0 < r1; b0 += kBlockRows) {
    const int64_t b1 = std::min(r1, b0 + kBlockRows);
    for (int c = 0; c < channels; ++c) fs[c] = fq[c] = 0.0f;
    for (int64_t r = b0; r < b1; ++r) {
      const float* xr = x + r * channels;
      for (int c = 0; c < channels; ++c) {
        const float d = xr[c] - shift[c];
        fs[c] += d;
        fq[c] += d * d;
      }
    }
    for (int c = 0; c < channels; ++c) {
      sum[c] += fs[c];
      sq[c] += fq[c];
    }
  }
}

OPTLAB_MULTIVERSION
void scaleShift(const float* x, int64_t r0, int64_t r1, int channels, const float* scale, const float* shift, bool relu,
                const float* residual, float* y) {
  for (int64_t r = r0; r < r1; ++r) {
    const float* xr = x + r * channels;
    float* yr = y + r * channels;
    if (residual != nullptr) {
      const float* rr = residual + r * channels;
      for (int c = 0; c < channels; ++c) {
        const float v = (xr[c] * scale[c] + shift[c]) + rr[c];
        yr[c] = relu ? (v > 0.0f ? v : (v == v ? 0.0f : v)) : v;
      }
    } else if (relu) {
      for (int c = 0; c < channels; ++c) {
        const float v = xr[c] * scale[c] + shift[c];
        yr[c] = v > 0.0f ? v : (v == v ? 0.0f : v);
      }
    } else {
      for (int c = 0; c < channels; ++c) yr[c] = xr[c] * scale[c] + shift[c];
    }
  }
}

// Σ dz and Σ dz·(x − mean) per channel over rows [r0, r1), dz = dy (or dy where y > 0 with relu);
// fs, fx: scratch of `channels` floats.
OPTLAB_MULTIVERSION
void gradientSums(const float* dy, const float* x, const float* y, int64_t r0, int64_t r1, int channels, const float* mean,
                  bool relu, double* sumDz, double* sumDzX, float* fs, float* fx, float* dzOut) {
  for (int64_t b0 = r0; b0 < r1; b0 += kBlockRows) {
    const int64_t b1 = std::min(r1, b0 + kBlockRows);
    for (int c = 0; c < channels; ++c) fs[c] = fx[c] = 0.0f;
    for (int64_t r = b0; r < b1; ++r) {
      const float* dyr = dy + r * channels;
      const float* xr = x + r * channels;
      const float* yr = y + r * channels;
      for (int c = 0; c < channels; ++c) {
        const float dz = relu ? (yr[c] > 0.0f ? dyr[c] : 0.0f) : dyr[c];
        if (dzOut != nullptr) dzOut[r * channels + c] = dz;
        fs[c] += dz;
        fx[c] += dz * (xr[c] - mean[c]);
      }
    }
    for (int c = 0; c < channels; ++c) {
      sumDz[c] += fs[c];
      sumDzX[c] += fx[c];
    }
  }
}

// dx = a·dz + b·(x − mean) + d per channel.
OPTLAB_MULTIVERSION
void gradientApply(const float* dy, const float* x, const float* y, int64_t r0, int64_t r1, int channels, const float* mean,
                   bool relu, const float* a, const float* b, const float* d, float* dx) {
  for (int64_t r = r0; r < r1; ++r) {
    const float* dyr = dy + r * channels;
    const float* xr = x + r * channels;
    const float* yr = y + r * channels;
    float* o = dx + r * channels;
    for (int c = 0; c < channels; ++c) {
      const float dz = relu ? (yr[c] > 0.0f ? dyr[c] : 0.0f) : dyr[c];
      o[c] = a[c] * dz + b[c] * (xr[c] - mean[c]) + d[c];
    }
  }
}

}  // namespace

void batchNormTrainForward(const float* x, int64_t rows, int channels, const float* gamma, const float* beta, float eps,
                           bool relu, const float* residual, float* y, float* mean, float* var, int threads) {
  const Chunks chunks{rows, partsFor(rows, channels, threads)};
  // Shifted by the first row so that the variance does not cancel for large means.
  std::vector<float> shift(x, x + channels);
  std::vector<double> sums(static_cast<size_t>(chunks.parts) * 2 * channels, 0.0);
  std::vector<float> scratch(static_cast<size_t>(chunks.parts) * 2 * channels);
  parallelFor(chunks.parts, threads, [&](int64_t p) {
    double* s = sums.data() + p * 2 * channels;
    float* f = scratch.data() + p * 2 * channels;
    shiftedSums(x, chunks.begin(p), chunks.end(p), channels, shift.data(), s, s + channels, f, f + channels);
  });
  std::vector<float> scale(channels), offset(channels);
  const double n = static_cast<double>(std::max<int64_t>(rows, 1));
  for (int c = 0; c < channels; ++c) {
    double s = 0.0, q = 0.0;
    for (int64_t p = 0; p < chunks.parts; ++p) {
      s += sums[p * 2 * channels + c];
      q += sums[p * 2 * channels + channels + c];
    }
    const double m = s / n;
    const double v = std::max(0.0, q / n - m * m);
    const double mu = shift[c] + m;
    mean[c] = static_cast<float>(mu);
    var[c] = static_cast<float>(v);
    const double k = static_cast<double>(gamma[c]) / std::sqrt(v + static_cast<double>(eps));
    scale[c] = static_cast<float>(k);
    offset[c] = static_cast<float>(static_cast<double>(beta[c]) - mu * k);
  }
  parallelFor(chunks.parts, threads, [&](int64_t p) {
    scaleShift(x, chunks.begin(p), chunks.end(p), channels, scale.data(), offset.data(), relu, residual, y);
  });
}

void batchNormTrainBackward(const float* dy, const float* x, const float* y, int64_t rows, int channels,
                            const float* gamma, const float* mean, const float* var, const float* dMean,
                            const float* dVar, float eps, bool relu, float* dx, float* dGamma, float* dBeta,
                            float* dz, int threads) {
  const Chunks chunks{rows, partsFor(rows, channels, threads)};
  std::vector<double> sums(static_cast<size_t>(chunks.parts) * 2 * channels, 0.0);
  std::vector<float> scratch(static_cast<size_t>(chunks.parts) * 2 * channels);
  parallelFor(chunks.parts, threads, [&](int64_t p) {
    double* s = sums.data() + p * 2 * channels;
    float* f = scratch.data() + p * 2 * channels;
    gradientSums(dy, x, y, chunks.begin(p), chunks.end(p), channels, mean, relu, s, s + channels, f, f + channels,
                 relu ? dz : nullptr);
  });
  std::vector<float> a(channels), b(channels), d(channels);
  const double n = static_cast<double>(std::max<int64_t>(rows, 1));
  for (int c = 0; c < channels; ++c) {
    double sumDz = 0.0, sumDzX = 0.0;
    for (int64_t p = 0; p < chunks.parts; ++p) {
      sumDz += sums[p * 2 * channels + c];
      sumDzX += sums[p * 2 * channels + channels + c];
    }
    const double invStd = 1.0 / std::sqrt(static_cast<double>(var[c]) + static_cast<double>(eps));
    const double g = gamma[c];
    dBeta[c] = static_cast<float>(sumDz);
    dGamma[c] = static_cast<float>(sumDzX * invStd);
    // dx = γ/σ·(dz − Σdz/n − (x − μ)/σ²·Σdz(x − μ)/n) + dμ/n + 2·dvar·(x − μ)/n
    const double k = g * invStd;
    a[c] = static_cast<float>(k);
    b[c] = static_cast<float>(-k * invStd * invStd * sumDzX / n + (dVar != nullptr ? 2.0 * dVar[c] / n : 0.0));
    d[c] = static_cast<float>(-k * sumDz / n + (dMean != nullptr ? dMean[c] / n : 0.0));
  }
  parallelFor(chunks.parts, threads, [&](int64_t p) {
    // With dz written, the second pass reads it instead of dy and y.
    if (relu && dz != nullptr) {
      gradientApply(dz, x, y, chunks.begin(p), chunks.end(p), channels, mean, false, a.data(), b.data(), d.data(), dx);
    } else {
      gradientApply(dy, x, y, chunks.begin(p), chunks.end(p), channels, mean, relu, a.data(), b.data(), d.data(), dx);
    }
  });
}

namespace {

bool readFloats(const Napi::CallbackInfo& info, size_t index, int64_t length, float** out, const char* name) {
  if (index >= info.Length() || !info[index].IsTypedArray() ||
      info[index].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    Napi::TypeError::New(info.Env(), std::string(name) + " must be a Float32Array").ThrowAsJavaScriptException();
    return false;
  }
  auto array = info[index].As<Napi::Float32Array>();
  if (static_cast<int64_t>(array.ElementLength()) < length) {
    Napi::TypeError::New(info.Env(), std::string(name) + " is too short: " + std::to_string(array.ElementLength()) +
                                         " < " + std::to_string(length))
        .ThrowAsJavaScriptException();
    return false;
  }
  *out = array.Data();
  return true;
}

bool isAbsent(const Napi::CallbackInfo& info, size_t index) { return info[index].IsNull() || info[index].IsUndefined(); }

bool readShape(const Napi::CallbackInfo& info, int64_t* rows, int* channels) {
  *rows = info[1].As<Napi::Number>().Int64Value();
  const int64_t c = info[2].As<Napi::Number>().Int64Value();
  if (*rows < 1 || c < 1 || c > (1 << 24)) {
    Napi::RangeError::New(info.Env(), "batch norm needs rows ≥ 1 and channels ≥ 1").ThrowAsJavaScriptException();
    return false;
  }
  *channels = static_cast<int>(c);
  return true;
}

// batchNormTrainForward(x, rows, channels, gamma, beta, eps, relu, y, mean, var, residual | null)
Napi::Value Forward(const Napi::CallbackInfo& info) {
  int64_t rows;
  int channels;
  if (!readShape(info, &rows, &channels)) return info.Env().Undefined();
  const int64_t n = rows * channels;
  float *x, *gamma, *beta, *y, *mean, *var, *residual = nullptr;
  if (!readFloats(info, 0, n, &x, "x") || !readFloats(info, 3, channels, &gamma, "gamma") ||
      !readFloats(info, 4, channels, &beta, "beta") || !readFloats(info, 7, n, &y, "y") ||
      !readFloats(info, 8, channels, &mean, "mean") || !readFloats(info, 9, channels, &var, "var") ||
      (info.Length() > 10 && !isAbsent(info, 10) && !readFloats(info, 10, n, &residual, "residual"))) {
    return info.Env().Undefined();
  }
  batchNormTrainForward(x, rows, channels, gamma, beta, info[5].As<Napi::Number>().FloatValue(),
                        info[6].As<Napi::Boolean>().Value(), residual, y, mean, var, nativeThreads());
  return info.Env().Undefined();
}

// batchNormTrainBackward(dy, rows, channels, x, y, gamma, mean, var, dMean | null, dVar | null, eps, relu, dx, dGamma, dBeta,
//                        dz | null)
Napi::Value Backward(const Napi::CallbackInfo& info) {
  int64_t rows;
  int channels;
  if (!readShape(info, &rows, &channels)) return info.Env().Undefined();
  const int64_t n = rows * channels;
  float *dy, *x, *y, *gamma, *mean, *var, *dMean = nullptr, *dVar = nullptr, *dx, *dGamma, *dBeta, *dz = nullptr;
  if (!readFloats(info, 0, n, &dy, "dy") || !readFloats(info, 3, n, &x, "x") || !readFloats(info, 4, n, &y, "y") ||
      !readFloats(info, 5, channels, &gamma, "gamma") || !readFloats(info, 6, channels, &mean, "mean") ||
      !readFloats(info, 7, channels, &var, "var") ||
      (!isAbsent(info, 8) && !readFloats(info, 8, channels, &dMean, "dMean")) ||
      (!isAbsent(info, 9) && !readFloats(info, 9, channels, &dVar, "dVar")) || !readFloats(info, 12, n, &dx, "dx") ||
      !readFloats(info, 13, channels, &dGamma, "dGamma") || !readFloats(info, 14, channels, &dBeta, "dBeta") ||
      (info.Length() > 15 && !isAbsent(info, 15) && !readFloats(info, 15, n, &dz, "dz"))) {
    return info.Env().Undefined();
  }
  batchNormTrainBackward(dy, x, y, rows, channels, gamma, mean, var, dMean, dVar, info[10].As<Napi::Number>().FloatValue(),
                         info[11].As<Napi::Boolean>().Value(), dx, dGamma, dBeta, dz, nativeThreads());
  return info.Env().Undefined();
}

}  // namespace

void exportBatchNorm(Napi::Env env, Napi::Object exports) {
  exports.Set("batchNormTrainForward", Napi::Function::New(env, Forward));
  exports.Set("batchNormTrainBackward", Napi::Function::New(env, Backward));
}

}  // namespace optlab
