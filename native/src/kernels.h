// Plain C++ kernels over float32 buffers (no N-API here). Layouts follow tfjs: NHWC activations,
// [filterHeight, filterWidth, inChannels, outChannels] filters, row-major matrices.
#pragma once
#include <cmath>
#include <cstdint>
#include <vector>

#include "parallel.h"

// Hot loops are compiled for AVX2 and AVX-512 as well as the baseline, chosen at load time (GCC/Clang
// function multiversioning on x86-64 with glibc); elsewhere they build once for the baseline.
#if defined(__x86_64__) && defined(__GNUC__) && defined(__linux__)
#define OPTLAB_MULTIVERSION __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define OPTLAB_MULTIVERSION
#endif
#define OPTLAB_INLINE __attribute__((always_inline)) inline

namespace optlab {

enum Activation { kLinear = 0, kRelu = 1, kRelu6 = 2, kLeakyRelu = 3, kSigmoid = 4, kElu = 5 };

OPTLAB_INLINE float activate(float v, Activation act, float alpha) {
  switch (act) {
    case kRelu:
      return v > 0.0f ? v : (v == v ? 0.0f : v);
    case kRelu6:
      return v < 0.0f ? 0.0f : (v > 6.0f ? 6.0f : v);
    case kLeakyRelu:
      return v < 0.0f ? alpha * v : v;
    case kSigmoid:
      return 1.0f / (1.0f + std::exp(-v));
    case kElu:
      return v >= 0.0f ? v : std::exp(v) - 1.0f;
    default:
      return v;
  }
}


// Threads a product may use: the native loops' count while OpenBLAS runs on one thread (its own
// threads would spin beside the pool's), else 1 (OpenBLAS then splits each call itself).
int gemmThreads();
// C [m, n] = op(A) · op(B) + beta·C, row-major and packed, split into blocks of rows (or columns) of C
// over up to `threads` threads, each a single-threaded sgemm; small products run whole.
void gemm(bool transA, bool transB, int m, int n, int k, const float* a, const float* b, float* c, float beta,
          int threads);
// C[b] = op(A[b]) * op(B[b]) for b < batch; strides of 0 broadcast one matrix over the batch.
void gemmBatched(bool transA, bool transB, int m, int n, int k, const float* a, int64_t strideA,
                 const float* b, int64_t strideB, float* c, int64_t strideC, int batch, float beta);

// In place: rows × cols matrix, adds bias (length cols, or nullptr) then applies the activation
// (activation.cc, as the three below: split over up to `threads` threads when large enough).
void biasActivation(float* c, int64_t rows, int cols, const float* bias, Activation act, float alpha, int threads);

// Backward of y = act(x·W + b) with x [m, k], W [k, n]: dz = dy·act'(y) (into dz; dz unused for
// linear), dw = xᵀ·dz, db = Σ_rows dz (db may be null).
void denseBackward(const float* dy, const float* x, const float* y, int m, int k, int n, Activation act, float* dz,
                   float* dw, float* db, int threads);
// dz = dy·act'(y), y the activation's output (relu: step, as tfjs's gradient; sigmoid: y(1 − y)).
void activationGrad(const float* dy, const float* y, float* dz, int64_t n, Activation act, int threads);
// out[j] = Σ_r z[r, j], summed in fixed blocks of rows added in block order (the same for any thread count).
void columnSums(const float* z, int64_t rows, int cols, float* out, int threads);
// activationGrad over rows × cols, and db = columnSums(dz) from the same pass.
void activationGradColumnSums(const float* dy, const float* y, float* dz, int64_t rows, int cols, Activation act,
                              float* db, int threads);

// Σ over rows of −Σ_j labels·log softmax(logits) (returned in double); grad (may be null) gets
// (softmax − labels)·gradScale.
double softmaxCrossEntropy(const float* logits, const float* labels, int64_t rows, int64_t cols, float* grad,
                           float gradScale);

struct ConvGeometry {
  int batch, inH, inW, inC;
  int filterH, filterW, outC;
  int strideH, strideW, padTop, padLeft, dilationH, dilationW;
  int outH, outW;
};

// cols: [batch*outH*outW, filterH*filterW*inC]; padding reads as zero.
void im2col(const float* x, const ConvGeometry& g, float* cols);
// y = act(conv(x, w) + bias) computed directly, without an im2col buffer, for few input channels
// (filterH·filterW·inC small); w is [filterH, filterW, inC, outC], bias may be null. Images are
// spread over `threads`.
void directConv(const float* x, const ConvGeometry& g, const float* w, const float* bias, Activation act, float alpha,
                float* y, int threads);
// Scatter-adds cols back into dx (dx must be zeroed by the caller).
void col2im(const float* cols, const ConvGeometry& g, float* dx);

// Single input channel, filters up to 7×7, dilation 1, 8/16/32/64 output channels (singleChannelConv.cc): directly, images
// spread over `threads`. y = act(conv(x, w) + bias) (bias may be null); dw = the filter gradient (the
// same on any thread count).
bool singleChannelConvFits(const ConvGeometry& g);
void singleChannelConv(const float* x, const ConvGeometry& g, const float* w, const float* bias, Activation act,
                       float alpha, float* y, int threads);
void singleChannelConvFilterGrad(const float* x, const float* dy, const ConvGeometry& g, float* dw, int threads);

// Convolution as im2col + sgemm over slices of `imagesPerSlice` images (convGemm.cc), the slices spread
// over `threads` threads, each with its own im2col buffer; w is [filterH·filterW·inC, outC].
// y = conv(x, w).
void convGemmForward(const float* x, const ConvGeometry& g, const float* w, int imagesPerSlice, int threads, float* y);
// dx = col2im(dy · wᵀ); dx must be zeroed by the caller.
void convGemmInputGrad(const float* dy, const ConvGeometry& g, const float* w, int imagesPerSlice, int threads,
                       float* dx);
// dw = Σ over slices of im2col(x)ᵀ · dy. Each thread adds its run of slices in order, and the threads'
// sums are added in thread order, so a thread count always gives the same result.
void convGemmFilterGrad(const float* x, const float* dy, const ConvGeometry& g, int imagesPerSlice, int threads,
                        float* dw);

struct PoolGeometry {
  int batch, inH, inW, channels;
  int filterH, filterW, strideH, strideW, padTop, padLeft;
  int outH, outW;
};

// Both split over up to `threads` threads (rows of windows; images where windows overlap) when large enough.
void maxPool(const float* x, const PoolGeometry& g, float* y, int threads);
// dx = dy at the first strict maximum of each window, 0 elsewhere (summed where windows overlap),
// as the tfjs cpu kernel does; y is the forward output (the window maxima). Writes every element of dx.
void maxPoolGrad(const float* x, const float* y, const float* dy, const PoolGeometry& g, float* dx, int threads);

enum BinaryOp { kAdd = 0, kSub = 1, kMul = 2, kDiv = 3, kMaximum = 4, kMinimum = 5, kSquaredDifference = 6 };
enum UnaryOp {
  kRelu_ = 0, kStep = 1, kSqrt = 2, kSquare = 3, kExp = 4, kLog = 5, kNeg = 6, kAbs = 7,
  kRsqrt = 8, kSigmoid_ = 9, kRelu6_ = 10, kReciprocal = 11
};

// out[i] = a[i % aLen] op b[i % bLen] for i < n, where aLen and bLen each divide n (a trailing
// block broadcast, e.g. a bias row over a batch, or a scalar).
void binary(BinaryOp op, const float* a, int64_t aLen, const float* b, int64_t bLen, float* out, int64_t n);
// Broadcast of a column: out[r*cols + c] = a[r*cols + c] op b[r] (b has one value per row).
void binaryColumn(BinaryOp op, const float* a, const float* b, float* out, int64_t rows, int64_t cols, bool bFirst);
// General broadcast (rank ≤ 8): out over outShape, a and b read with per-dimension strides (0 where
// they broadcast).
void binaryStrided(BinaryOp op, const float* a, const int64_t* aStrides, const float* b, const int64_t* bStrides,
                   const int64_t* outShape, int rank, float* out);
void unary(UnaryOp op, const float* x, float* out, int64_t n, float alpha);

// x viewed as [outer, reduce, inner] → out [outer, inner], summed (or max-reduced) over the middle.
void reduceMiddle(const float* x, int64_t outer, int64_t reduce, int64_t inner, float* out, bool max);

// out[i] = offset + (x[i] − mean)·scale / √(variance + eps), each parameter repeating cyclically by
// its own length (as the tfjs cpu kernel); scale/offset may be null (1 and 0). Computed in double.
void batchNorm(const float* x, int64_t n, const float* mean, int64_t meanLen, const float* variance, int64_t varLen,
               const float* scale, int64_t scaleLen, const float* offset, int64_t offsetLen, float eps, float* out);

// out = x tiled reps[d] times along each dimension d (rank ≤ 8); shapes are of x.
void tile(const float* x, const int32_t* shape, const int32_t* reps, int rank, float* out);

// Adam's moments and direction, op for op as the tfjs composition (each step rounded to float32):
// m = m0 + (g − m0)·oneMinusBeta1; v = v0·beta2 + g²·oneMinusBeta2; d = m / (√v / bc2Sqrt + eps).
void adamDirection(const float* g, const float* m0, const float* v0, float* m, float* v, float* d, int64_t n,
                   float oneMinusBeta1, float beta2, float oneMinusBeta2, float bc2Sqrt, float eps);

// One part of an optimizer step (torch.optim's SGD or Adam rule); a mixer (MAS) has several.
enum OptimizerPartKind { kSgdPart = 0, kAdamPart = 1 };
struct OptimizerPart {
  OptimizerPartKind kind;
  // The part's direction enters the step's as direction·relative (1: added as it is).
  float relative;
  // L2 weight decay added to the gradient (0: none).
  float weightDecay;
  // SGD: momentum, 1 − dampening. Adam: 1 − β1, β2, 1 − β2, √(1 − β2^t), ε, ε·√(1 − β2^t).
  float c[6];
  // SGD: dampening ≠ 0, Nesterov. Adam: none.
  bool dampened, nesterov;
  // Whether the state holds a previous step (SGD's momentum buffer, AMSGrad's maximum).
  bool hasState;
  // SGD: {momentum buffer or null (no momentum)}. Adam: {m, v, max of v or null (no AMSGrad)}.
  float* state[3];
};

// One parameter's step, in place: w ← decay·w − factor·Σ parts' directions (mixed as above).
struct OptimizerParamStep {
  float* weight;
  const float* grad;
  int64_t length;
  float decay;
  bool decays;
  float factor;
  // A zero learning rate: w ← decay·w, the direction left out (as the reference rule).
  bool skipDirection;
  std::vector<OptimizerPart> parts;
};

// Every parameter of one optimizer step, each element rounded as the tfjs op composition rounds it.
void optimizerStep(const std::vector<OptimizerParamStep>& steps, int threads);

// Exact GELU (gelu.cc): y = x·Φ(x); dx = dy·(Φ(x) + x·φ(x)).
void geluForward(const float* x, float* y, int64_t n, int threads);
void geluBackward(const float* dy, const float* x, float* dx, int64_t n, int threads);

// Layer norm over the last axis of x [rows, cols] (layernorm.cc): y = (x − mean)/√(var + eps)·gamma + beta;
// the backward gives dx and, summed over rows, dgamma = Σ dy·x̂ and dbeta = Σ dy.
void layerNormForward(const float* x, const float* gamma, const float* beta, int64_t rows, int64_t cols, float eps,
                      float* y, int threads);
void layerNormBackward(const float* dy, const float* x, const float* gamma, int64_t rows, int64_t cols, float eps,
                       float* dx, float* dgamma, float* dbeta, int threads);

// Depthwise convolution, channel multiplier 1, filter [filterH, filterW, C] (depthwise.cc); g.outC = g.inC.
void depthwiseConv(const float* x, const ConvGeometry& g, const float* w, float* y, int threads);
void depthwiseConvInputGrad(const float* dy, const ConvGeometry& g, const float* w, float* dx, int threads);
void depthwiseConvFilterGrad(const float* x, const float* dy, const ConvGeometry& g, float* dw, int threads);

}  // namespace optlab
