// Batch normalisation in training mode (batch statistics) over NHWC activations viewed as
// [rows, channels], with an optional ReLU, forward and backward in one kernel each.
#pragma once
#include <napi.h>

#include <cstdint>

namespace optlab {

// y = act(γ·(x − mean)/√(var + eps) + β [+ residual]) with mean and var (biased) over the rows,
// computed in double; writes mean and var (length channels). ReLU when `relu`; residual (same size
// as x) may be null.
void batchNormTrainForward(const float* x, int64_t rows, int channels, const float* gamma, const float* beta, float eps,
                           bool relu, const float* residual, float* y, float* mean, float* var, int threads);

// The gradient of the forward above given dy (and y for the ReLU mask), plus the gradients that
// reach its mean and var outputs (dMean, dVar; either may be null for zero): dx, dγ, dβ, and with
// relu the masked dy (the residual's gradient) into dz unless it is null.
void batchNormTrainBackward(const float* dy, const float* x, const float* y, int64_t rows, int channels,
                            const float* gamma, const float* mean, const float* var, const float* dMean,
                            const float* dVar, float eps, bool relu, float* dx, float* dGamma, float* dBeta,
                            float* dz, int threads);

// Adds batchNormTrainForward / batchNormTrainBackward to the addon's exports.
void exportBatchNorm(Napi::Env env, Napi::Object exports);

}  // namespace optlab
