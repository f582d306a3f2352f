#include <algorithm>
#include <cmath>

#include "kernels.h"

namespace optlab {

namespace {

// Elements per chunk: each part's loop runs over one chunk (vectorised), the direction of the chunk
// stays in cache, and the weights are written once at the end.
constexpr int64_t kChunk = 512;

OPTLAB_INLINE float jsMax(float a, float b) { return (a != a || b != b) ? NAN : (a > b ? a : b); }

// g + wd·w where the part has L2 weight decay, else g (into gi, one chunk).
OPTLAB_INLINE const float* decayedGrad(float weightDecay, const float* __restrict w, const float* __restrict g,
                                       float* __restrict gi, int64_t n) {
  if (weightDecay == 0.0f) return g;
  for (int64_t i = 0; i < n; ++i) gi[i] = g[i] + w[i] * weightDecay;
  return gi;
}

OPTLAB_MULTIVERSION void sgdChunk(const OptimizerPart& p, const float* __restrict w, const float* __restrict g0,
                                  float* __restrict buf, float* __restrict d, int64_t n) {
  float scratch[kChunk];
  const float* __restrict g = decayedGrad(p.weightDecay, w, g0, scratch, n);
  const float momentum = p.c[0], oneMinusDampening = p.c[1];
  if (buf == nullptr) {
    for (int64_t i = 0; i < n; ++i) d[i] = g[i];
    return;
  }
  if (!p.hasState) {
    for (int64_t i = 0; i < n; ++i) buf[i] = g[i];
  } else if (p.dampened) {
    for (int64_t i = 0; i < n; ++i) buf[i] = buf[i] * momentum + g[i] * oneMinusDampening;
  } else {
    for (int64_t i = 0; i < n; ++i) buf[i] = buf[i] * momentum + g[i];
  }
  if (p.nesterov) {
    for (int64_t i = 0; i < n; ++i) d[i] = g[i] + buf[i] * momentum;
  } else {
    for (int64_t i = 0; i < n; ++i) d[i] = buf[i];
  }
}

OPTLAB_MULTIVERSION void adamChunk(const OptimizerPart& p, const float* __restrict w, const float* __restrict g0,
                                   float* __restrict m, float* __restrict v, float* __restrict vmax, float* __restrict d,
                                   int64_t n) {
  float scratch[kChunk];
  const float* __restrict g = decayedGrad(p.weightDecay, w, g0, scratch, n);
  const float oneMinusBeta1 = p.c[0], beta2 = p.c[1], oneMinusBeta2 = p.c[2], bc2Sqrt = p.c[3], eps = p.c[4],
              epsBc = p.c[5];
  for (int64_t i = 0; i < n; ++i) {
    const float mi = m[i] + (g[i] - m[i]) * oneMinusBeta1;
    m[i] = mi;
    v[i] = v[i] * beta2 + (g[i] * g[i]) * oneMinusBeta2;
  }
  if (vmax == nullptr) {
    for (int64_t i = 0; i < n; ++i) d[i] = m[i] / (std::sqrt(v[i]) / bc2Sqrt + eps);
    return;
  }
  if (p.hasState) {
    for (int64_t i = 0; i < n; ++i) vmax[i] = jsMax(vmax[i], v[i]);
  } else {
    for (int64_t i = 0; i < n; ++i) vmax[i] = v[i];
  }
  for (int64_t i = 0; i < n; ++i) d[i] = m[i] / (std::sqrt(vmax[i]) + epsBc);
}

OPTLAB_MULTIVERSION void accumulate(float* __restrict direction, const float* __restrict d, float relative, bool first,
                                    int64_t n) {
  if (first) {
    if (relative == 1.0f) {
      for (int64_t i = 0; i < n; ++i) direction[i] = d[i];
    } else {
      for (int64_t i = 0; i < n; ++i) direction[i] = d[i] * relative;
    }
  } else if (relative == 1.0f) {
    for (int64_t i = 0; i < n; ++i) direction[i] = direction[i] + d[i];
  } else {
    for (int64_t i = 0; i < n; ++i) direction[i] = direction[i] + d[i] * relative;
  }
}

OPTLAB_MULTIVERSION void applyStep(float* __restrict w, const float* __restrict direction, float decay, bool decays,
                                   float factor, int withDirection, int64_t n) {
  if (!withDirection) {
    for (int64_t i = 0; i < n; ++i) w[i] = w[i] * decay;
  } else if (decays) {
    for (int64_t i = 0; i < n; ++i) w[i] = w[i] * decay - direction[i] * factor;
  } else {
    for (int64_t i = 0; i < n; ++i) w[i] = w[i] - direction[i] * factor;
  }
}

void stepRange(const OptimizerParamStep& s, int64_t begin, int64_t end) {
  float direction[kChunk];
  float d[kChunk];
  for (int64_t at = begin; at < end; at += kChunk) {
    const int64_t n = std::min(kChunk, end - at);
    const float* w = s.weight + at;
    const float* g = s.grad + at;
    bool first = true;
    for (const OptimizerPart& p : s.parts) {
      if (p.kind == kSgdPart) {
        sgdChunk(p, w, g, p.state[0] != nullptr ? p.state[0] + at : nullptr, d, n);
      } else {
        adamChunk(p, w, g, p.state[0] + at, p.state[1] + at, p.state[2] != nullptr ? p.state[2] + at : nullptr, d, n);
      }
      accumulate(direction, d, p.relative, first, n);
      first = false;
    }
    if (s.skipDirection) {
      // A zero learning rate leaves the direction out (as the reference rule does: w ← decay·w).
      if (s.decays) applyStep(s.weight + at, direction, s.decay, true, 0.0f, 0, n);
      continue;
    }
    applyStep(s.weight + at, direction, s.decay, s.decays, s.factor, 1, n);
  }
}

}  // namespace

void optimizerStep(const std::vector<OptimizerParamStep>& steps, int threads) {
  // Work split into pieces of whole chunks, spread over the threads (each parameter's elements
  // are independent, so any split gives the same result).
  std::vector<std::pair<const OptimizerParamStep*, std::pair<int64_t, int64_t>>> pieces;
  const int64_t piece = kChunk * 64;
  for (const OptimizerParamStep& s : steps) {
    for (int64_t at = 0; at < s.length; at += piece) pieces.push_back({&s, {at, std::min(s.length, at + piece)}});
  }
  parallelFor(static_cast<int64_t>(pieces.size()), threads, [&](int64_t i) {
    stepRange(*pieces[i].first, pieces[i].second.first, pieces[i].second.second);
  });
}

}  // namespace optlab
