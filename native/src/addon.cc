// N-API bindings: argument checking and dispatch to the kernels in kernels.h. Every buffer is a
// Float32Array owned by JavaScript; outputs are written in place, and sizes are checked here so
// that a shape mistake in the caller throws instead of writing out of bounds.
#include <cblas.h>
#include <malloc.h>
#include <napi.h>

#include <algorithm>
#include <string>

#include "batchnorm.h"
#include "kernels.h"

namespace {

using optlab::ConvGeometry;
using optlab::PoolGeometry;

struct Buffer {
  float* data = nullptr;
  int64_t length = 0;
};

bool fail(const Napi::Env& env, const std::string& message) {
  Napi::TypeError::New(env, message).ThrowAsJavaScriptException();
  return false;
}

bool readBuffer(const Napi::CallbackInfo& info, size_t index, int64_t minLength, Buffer* out,
                const char* name) {
  if (index >= info.Length() || !info[index].IsTypedArray() ||
      info[index].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    return fail(info.Env(), std::string(name) + " must be a Float32Array");
  }
  auto array = info[index].As<Napi::Float32Array>();
  out->data = array.Data();
  out->length = static_cast<int64_t>(array.ElementLength());
  if (out->length < minLength) {
    return fail(info.Env(), std::string(name) + " is too short: " + std::to_string(out->length) + " < " +
                                std::to_string(minLength));
  }
  return true;
}

int64_t integer(const Napi::CallbackInfo& info, size_t index) {
  return info[index].As<Napi::Number>().Int64Value();
}
float real(const Napi::CallbackInfo& info, size_t index) { return info[index].As<Napi::Number>().FloatValue(); }
bool flag(const Napi::CallbackInfo& info, size_t index) { return info[index].As<Napi::Boolean>().Value(); }

// gemm(transA, transB, m, n, k, a, strideA, b, strideB, c, strideC, batch, beta)
Napi::Value Gemm(const Napi::CallbackInfo& info) {
  const bool ta = flag(info, 0), tb = flag(info, 1);
  const int64_t m = integer(info, 2), n = integer(info, 3), k = integer(info, 4);
  const int64_t sa = integer(info, 6), sb = integer(info, 8), sc = integer(info, 10);
  const int64_t batch = integer(info, 11);
  const float beta = real(info, 12);
  if (m < 0 || n < 0 || k < 0 || batch < 1) {
    fail(info.Env(), "gemm: invalid sizes");
    return info.Env().Undefined();
  }
  Buffer a, b, c;
  if (!readBuffer(info, 5, sa * (batch - 1) + m * k, &a, "a") ||
      !readBuffer(info, 7, sb * (batch - 1) + k * n, &b, "b") ||
      !readBuffer(info, 9, sc * (batch - 1) + m * n, &c, "c")) {
    return info.Env().Undefined();
  }
  if (m == 0 || n == 0) return info.Env().Undefined();
  if (k == 0) {
    // beta 0 sets C (as BLAS: C is not read), so an output need not be zero-filled first.
    for (int64_t i = 0; i < sc * (batch - 1) + m * n; ++i) c.data[i] = beta == 0.0f ? 0.0f : c.data[i] * beta;
    return info.Env().Undefined();
  }
  optlab::gemmBatched(ta, tb, static_cast<int>(m), static_cast<int>(n), static_cast<int>(k), a.data, sa, b.data,
                      sb, c.data, sc, static_cast<int>(batch), beta);
  return info.Env().Undefined();
}

// biasActivation(c, rows, cols, bias | null, activation, alpha)
Napi::Value BiasActivation(const Napi::CallbackInfo& info) {
  const int64_t rows = integer(info, 1), cols = integer(info, 2);
  Buffer c, bias;
  if (!readBuffer(info, 0, rows * cols, &c, "c")) return info.Env().Undefined();
  const bool hasBias = !info[3].IsNull() && !info[3].IsUndefined();
  if (hasBias && !readBuffer(info, 3, cols, &bias, "bias")) return info.Env().Undefined();
  optlab::biasActivation(c.data, rows, static_cast<int>(cols), hasBias ? bias.data : nullptr,
                         static_cast<optlab::Activation>(integer(info, 4)), real(info, 5), optlab::nativeThreads());
  return info.Env().Undefined();
}

// denseBackward(dy, x, y, m, k, n, activation, dz | null, dw, db | null)
Napi::Value DenseBackward(const Napi::CallbackInfo& info) {
  const int64_t m = integer(info, 3), k = integer(info, 4), n = integer(info, 5);
  const auto act = static_cast<optlab::Activation>(integer(info, 6));
  if (m < 1 || k < 1 || n < 1) {
    fail(info.Env(), "denseBackward: invalid sizes");
    return info.Env().Undefined();
  }
  Buffer dy, x, y, dz, dw, db;
  const bool linear = act == optlab::kLinear;
  if (!readBuffer(info, 0, m * n, &dy, "dy") || !readBuffer(info, 1, m * k, &x, "x") ||
      (!linear && (!readBuffer(info, 2, m * n, &y, "y") || !readBuffer(info, 7, m * n, &dz, "dz"))) ||
      !readBuffer(info, 8, k * n, &dw, "dw")) {
    return info.Env().Undefined();
  }
  const bool hasBias = !info[9].IsNull() && !info[9].IsUndefined();
  if (hasBias && !readBuffer(info, 9, n, &db, "db")) return info.Env().Undefined();
  optlab::denseBackward(dy.data, x.data, y.data, static_cast<int>(m), static_cast<int>(k), static_cast<int>(n), act,
                        dz.data, dw.data, hasBias ? db.data : nullptr, optlab::nativeThreads());
  return info.Env().Undefined();
}

// activationGrad(dy, y, dz, activation)
Napi::Value ActivationGrad(const Napi::CallbackInfo& info) {
  Buffer dy, y, dz;
  if (!readBuffer(info, 0, 0, &dy, "dy") || !readBuffer(info, 1, dy.length, &y, "y") ||
      !readBuffer(info, 2, dy.length, &dz, "dz")) {
    return info.Env().Undefined();
  }
  optlab::activationGrad(dy.data, y.data, dz.data, dy.length, static_cast<optlab::Activation>(integer(info, 3)),
                         optlab::nativeThreads());
  return info.Env().Undefined();
}

// activationGradColumnSums(dy, y, dz, activation, db): activationGrad, and db (length cols, dividing
// dy's length) = Σ over the rows of dz viewed as [rows, cols], from the same pass.
Napi::Value ActivationGradColumnSums(const Napi::CallbackInfo& info) {
  Buffer dy, y, dz, db;
  if (!readBuffer(info, 0, 0, &dy, "dy") || !readBuffer(info, 1, dy.length, &y, "y") ||
      !readBuffer(info, 2, dy.length, &dz, "dz") || !readBuffer(info, 4, 0, &db, "db")) {
    return info.Env().Undefined();
  }
  if (db.length == 0 ? dy.length != 0 : dy.length % db.length != 0) {
    fail(info.Env(), "activationGradColumnSums: db's length must divide dy's");
    return info.Env().Undefined();
  }
  optlab::activationGradColumnSums(dy.data, y.data, dz.data, db.length == 0 ? 0 : dy.length / db.length, static_cast<int>(db.length),
                                   static_cast<optlab::Activation>(integer(info, 3)), db.data, optlab::nativeThreads());
  return info.Env().Undefined();
}

// columnSums(z, rows, cols, out)
Napi::Value ColumnSums(const Napi::CallbackInfo& info) {
  const int64_t rows = integer(info, 1), cols = integer(info, 2);
  Buffer z, out;
  if (rows < 0 || cols < 1 || !readBuffer(info, 0, rows * cols, &z, "z") || !readBuffer(info, 3, cols, &out, "out")) {
    return info.Env().Undefined();
  }
  optlab::columnSums(z.data, rows, static_cast<int>(cols), out.data, optlab::nativeThreads());
  return info.Env().Undefined();
}

// softmaxCrossEntropy(logits, labels, rows, cols, grad | null, gradScale) → Σ of the rows' losses
Napi::Value SoftmaxCrossEntropy(const Napi::CallbackInfo& info) {
  const int64_t rows = integer(info, 2), cols = integer(info, 3);
  if (rows < 1 || cols < 1) {
    fail(info.Env(), "softmaxCrossEntropy: invalid sizes");
    return info.Env().Undefined();
  }
  Buffer logits, labels, grad;
  if (!readBuffer(info, 0, rows * cols, &logits, "logits") || !readBuffer(info, 1, rows * cols, &labels, "labels")) {
    return info.Env().Undefined();
  }
  const bool hasGrad = !info[4].IsNull() && !info[4].IsUndefined();
  if (hasGrad && !readBuffer(info, 4, rows * cols, &grad, "grad")) return info.Env().Undefined();
  const double total =
      optlab::softmaxCrossEntropy(logits.data, labels.data, rows, cols, hasGrad ? grad.data : nullptr, real(info, 5));
  return Napi::Number::New(info.Env(), total);
}

bool readConv(const Napi::CallbackInfo& info, size_t index, ConvGeometry* g) {
  if (!info[index].IsTypedArray() || info[index].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array ||
      info[index].As<Napi::Int32Array>().ElementLength() != 15) {
    return fail(info.Env(), "conv geometry must be an Int32Array of 15 values");
  }
  const int32_t* v = info[index].As<Napi::Int32Array>().Data();
  *g = ConvGeometry{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14]};
  for (int i = 0; i < 15; ++i) {
    if (v[i] < 0) return fail(info.Env(), "conv geometry has a negative value");
  }
  return true;
}

int64_t colsLength(const ConvGeometry& g) {
  return static_cast<int64_t>(g.batch) * g.outH * g.outW * g.filterH * g.filterW * g.inC;
}
int64_t inLength(const ConvGeometry& g) { return static_cast<int64_t>(g.batch) * g.inH * g.inW * g.inC; }

// directConv(x, geometry, filter, bias | null, activation, alpha, y); outC ≤ 512.
Napi::Value DirectConv(const Napi::CallbackInfo& info) {
  ConvGeometry g;
  Buffer x, w, bias, y;
  if (!readConv(info, 1, &g) || !readBuffer(info, 0, inLength(g), &x, "x") ||
      !readBuffer(info, 2, static_cast<int64_t>(g.filterH) * g.filterW * g.inC * g.outC, &w, "filter") ||
      !readBuffer(info, 6, static_cast<int64_t>(g.batch) * g.outH * g.outW * g.outC, &y, "y")) {
    return info.Env().Undefined();
  }
  if (g.outC > 512) {
    fail(info.Env(), "directConv: at most 512 output channels");
    return info.Env().Undefined();
  }
  const bool hasBias = !info[3].IsNull() && !info[3].IsUndefined();
  if (hasBias && !readBuffer(info, 3, g.outC, &bias, "bias")) return info.Env().Undefined();
  optlab::directConv(x.data, g, w.data, hasBias ? bias.data : nullptr, static_cast<optlab::Activation>(integer(info, 4)),
                     real(info, 5), y.data, optlab::nativeThreads());
  return info.Env().Undefined();
}

int64_t outLength(const ConvGeometry& g) { return static_cast<int64_t>(g.batch) * g.outH * g.outW * g.outC; }
int64_t filterLength(const ConvGeometry& g) { return static_cast<int64_t>(g.filterH) * g.filterW * g.inC * g.outC; }

bool readSlice(const Napi::CallbackInfo& info, size_t index, int* imagesPerSlice) {
  const int64_t images = integer(info, index);
  if (images < 1) return fail(info.Env(), "images per slice must be at least 1");
  *imagesPerSlice = static_cast<int>(std::min<int64_t>(images, 1 << 30));
  return true;
}

// convGemmForward(x, geometry, filter, imagesPerSlice, y)
Napi::Value ConvGemmForward(const Napi::CallbackInfo& info) {
  ConvGeometry g;
  Buffer x, w, y;
  int perSlice = 1;
  if (!readConv(info, 1, &g) || !readBuffer(info, 0, inLength(g), &x, "x") ||
      !readBuffer(info, 2, filterLength(g), &w, "filter") || !readSlice(info, 3, &perSlice) ||
      !readBuffer(info, 4, outLength(g), &y, "y")) {
    return info.Env().Undefined();
  }
  optlab::convGemmForward(x.data, g, w.data, perSlice, optlab::gemmThreads(), y.data);
  return info.Env().Undefined();
}

// convGemmInputGrad(dy, geometry, filter, imagesPerSlice, dx) — dx zeroed by the caller.
Napi::Value ConvGemmInputGrad(const Napi::CallbackInfo& info) {
  ConvGeometry g;
  Buffer dy, w, dx;
  int perSlice = 1;
  if (!readConv(info, 1, &g) || !readBuffer(info, 0, outLength(g), &dy, "dy") ||
      !readBuffer(info, 2, filterLength(g), &w, "filter") || !readSlice(info, 3, &perSlice) ||
      !readBuffer(info, 4, inLength(g), &dx, "dx")) {
    return info.Env().Undefined();
  }
  optlab::convGemmInputGrad(dy.data, g, w.data, perSlice, optlab::gemmThreads(), dx.data);
  return info.Env().Undefined();
}

// convGemmFilterGrad(x, dy, geometry, imagesPerSlice, dw)
Napi::Value ConvGemmFilterGrad(const Napi::CallbackInfo& info) {
  ConvGeometry g;
  Buffer x, dy, dw;
  int perSlice = 1;
  if (!readConv(info, 2, &g) || !readBuffer(info, 0, inLength(g), &x, "x") ||
      !readBuffer(info, 1, outLength(g), &dy, "dy") || !readSlice(info, 3, &perSlice) ||
      !readBuffer(info, 4, filterLength(g), &dw, "dw")) {
    return info.Env().Undefined();
  }
  optlab::convGemmFilterGrad(x.data, dy.data, g, perSlice, optlab::gemmThreads(), dw.data);
  return info.Env().Undefined();
}

// singleChannelConv(x, geometry, filter, bias | null, activation, alpha, y)
Napi::Value SingleChannelConv(const Napi::CallbackInfo& info) {
  ConvGeometry g;
  Buffer x, w, bias, y;
  if (!readConv(info, 1, &g) || !readBuffer(info, 0, inLength(g), &x, "x") ||
      !readBuffer(info, 2, filterLength(g), &w, "filter") || !readBuffer(info, 6, outLength(g), &y, "y")) {
    return info.Env().Undefined();
  }
  if (!optlab::singleChannelConvFits(g)) {
    fail(info.Env(), "singleChannelConv: one input channel, dilation 1 and 8, 16, 32 or 64 output channels");
    return info.Env().Undefined();
  }
  const bool hasBias = !info[3].IsNull() && !info[3].IsUndefined();
  if (hasBias && !readBuffer(info, 3, g.outC, &bias, "bias")) return info.Env().Undefined();
  optlab::singleChannelConv(x.data, g, w.data, hasBias ? bias.data : nullptr,
                            static_cast<optlab::Activation>(integer(info, 4)), real(info, 5), y.data,
                            optlab::nativeThreads());
  return info.Env().Undefined();
}

// singleChannelConvFilterGrad(x, dy, geometry, dw)
Napi::Value SingleChannelConvFilterGrad(const Napi::CallbackInfo& info) {
  ConvGeometry g;
  Buffer x, dy, dw;
  if (!readConv(info, 2, &g) || !readBuffer(info, 0, inLength(g), &x, "x") ||
      !readBuffer(info, 1, outLength(g), &dy, "dy") || !readBuffer(info, 3, filterLength(g), &dw, "dw")) {
    return info.Env().Undefined();
  }
  if (!optlab::singleChannelConvFits(g)) {
    fail(info.Env(), "singleChannelConvFilterGrad: one input channel, dilation 1 and 8, 16, 32 or 64 output channels");
    return info.Env().Undefined();
  }
  optlab::singleChannelConvFilterGrad(x.data, dy.data, g, dw.data, optlab::nativeThreads());
  return info.Env().Undefined();
}

// im2col(x, geometry, cols)
Napi::Value Im2col(const Napi::CallbackInfo& info) {
  ConvGeometry g;
  Buffer x, cols;
  if (!readConv(info, 1, &g) || !readBuffer(info, 0, inLength(g), &x, "x") ||
      !readBuffer(info, 2, colsLength(g), &cols, "cols")) {
    return info.Env().Undefined();
  }
  optlab::im2col(x.data, g, cols.data);
  return info.Env().Undefined();
}

// col2im(cols, geometry, dx) — accumulates into dx.
Napi::Value Col2im(const Napi::CallbackInfo& info) {
  ConvGeometry g;
  Buffer cols, dx;
  if (!readConv(info, 1, &g) || !readBuffer(info, 0, colsLength(g), &cols, "cols") ||
      !readBuffer(info, 2, inLength(g), &dx, "dx")) {
    return info.Env().Undefined();
  }
  optlab::col2im(cols.data, g, dx.data);
  return info.Env().Undefined();
}

bool readPool(const Napi::CallbackInfo& info, size_t index, PoolGeometry* g) {
  if (!info[index].IsTypedArray() || info[index].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array ||
      info[index].As<Napi::Int32Array>().ElementLength() != 12) {
    return fail(info.Env(), "pool geometry must be an Int32Array of 12 values");
  }
  const int32_t* v = info[index].As<Napi::Int32Array>().Data();
  *g = PoolGeometry{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]};
  for (int i = 0; i < 12; ++i) {
    if (v[i] < 0) return fail(info.Env(), "pool geometry has a negative value");
  }
  return true;
}

// maxPool(x, geometry, y)
Napi::Value MaxPool(const Napi::CallbackInfo& info) {
  PoolGeometry g;
  Buffer x, y;
  if (!readPool(info, 1, &g) ||
      !readBuffer(info, 0, static_cast<int64_t>(g.batch) * g.inH * g.inW * g.channels, &x, "x") ||
      !readBuffer(info, 2, static_cast<int64_t>(g.batch) * g.outH * g.outW * g.channels, &y, "y")) {
    return info.Env().Undefined();
  }
  optlab::maxPool(x.data, g, y.data, optlab::nativeThreads());
  return info.Env().Undefined();
}

// maxPoolGrad(x, y, dy, geometry, dx) — writes every element of dx; y is the forward output.
Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info) {
  PoolGeometry g;
  Buffer x, y, dy, dx;
  if (!readPool(info, 3, &g) ||
      !readBuffer(info, 0, static_cast<int64_t>(g.batch) * g.inH * g.inW * g.channels, &x, "x") ||
      !readBuffer(info, 1, static_cast<int64_t>(g.batch) * g.outH * g.outW * g.channels, &y, "y") ||
      !readBuffer(info, 2, static_cast<int64_t>(g.batch) * g.outH * g.outW * g.channels, &dy, "dy") ||
      !readBuffer(info, 4, static_cast<int64_t>(g.batch) * g.inH * g.inW * g.channels, &dx, "dx")) {
    return info.Env().Undefined();
  }
  optlab::maxPoolGrad(x.data, y.data, dy.data, g, dx.data, optlab::nativeThreads());
  return info.Env().Undefined();
}

// binary(op, a, b, out): a and b lengths must divide out's length.
Napi::Value Binary(const Napi::CallbackInfo& info) {
  Buffer a, b, out;
  if (!readBuffer(info, 1, 1, &a, "a") || !readBuffer(info, 2, 1, &b, "b") || !readBuffer(info, 3, 0, &out, "out")) {
    return info.Env().Undefined();
  }
  if (out.length % a.length != 0 || out.length % b.length != 0) {
    fail(info.Env(), "binary: operand lengths must divide the output length");
    return info.Env().Undefined();
  }
  optlab::binary(static_cast<optlab::BinaryOp>(integer(info, 0)), a.data, a.length, b.data, b.length, out.data,
                 out.length);
  return info.Env().Undefined();
}

// binaryColumn(op, a, b, out, rows, cols, bFirst): b holds one value per row.
Napi::Value BinaryColumn(const Napi::CallbackInfo& info) {
  const int64_t rows = integer(info, 4), cols = integer(info, 5);
  Buffer a, b, out;
  if (!readBuffer(info, 1, rows * cols, &a, "a") || !readBuffer(info, 2, rows, &b, "b") ||
      !readBuffer(info, 3, rows * cols, &out, "out")) {
    return info.Env().Undefined();
  }
  optlab::binaryColumn(static_cast<optlab::BinaryOp>(integer(info, 0)), a.data, b.data, out.data, rows, cols,
                       flag(info, 6));
  return info.Env().Undefined();
}

// binaryStrided(op, a, aShape, b, bShape, outShape, out): shapes as Int32Array of one rank (≤ 8),
// each dimension of a and b equal to the output's or 1.
Napi::Value BinaryStrided(const Napi::CallbackInfo& info) {
  for (size_t i : {2, 4, 5}) {
    if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
      fail(info.Env(), "binaryStrided: shapes must be Int32Arrays");
      return info.Env().Undefined();
    }
  }
  auto aShape = info[2].As<Napi::Int32Array>();
  auto bShape = info[4].As<Napi::Int32Array>();
  auto outShape = info[5].As<Napi::Int32Array>();
  const size_t rank = outShape.ElementLength();
  if (rank < 1 || rank > 8 || aShape.ElementLength() != rank || bShape.ElementLength() != rank) {
    fail(info.Env(), "binaryStrided: rank must be 1..8 and equal for all shapes");
    return info.Env().Undefined();
  }
  int64_t aStrides[8], bStrides[8], shape[8];
  int64_t aSize = 1, bSize = 1, outSize = 1;
  for (int d = static_cast<int>(rank) - 1; d >= 0; --d) {
    const int64_t o = outShape[d], da = aShape[d], db = bShape[d];
    if (o < 1 || (da != o && da != 1) || (db != o && db != 1)) {
      fail(info.Env(), "binaryStrided: shapes do not broadcast to the output");
      return info.Env().Undefined();
    }
    shape[d] = o;
    aStrides[d] = da == 1 ? 0 : aSize;
    bStrides[d] = db == 1 ? 0 : bSize;
    aSize *= da;
    bSize *= db;
    outSize *= o;
  }
  Buffer a, b, out;
  if (!readBuffer(info, 1, aSize, &a, "a") || !readBuffer(info, 3, bSize, &b, "b") ||
      !readBuffer(info, 6, outSize, &out, "out")) {
    return info.Env().Undefined();
  }
  optlab::binaryStrided(static_cast<optlab::BinaryOp>(integer(info, 0)), a.data, aStrides, b.data, bStrides, shape,
                        static_cast<int>(rank), out.data);
  return info.Env().Undefined();
}

// unary(op, x, out, alpha)
Napi::Value Unary(const Napi::CallbackInfo& info) {
  Buffer x, out;
  if (!readBuffer(info, 1, 0, &x, "x") || !readBuffer(info, 2, x.length, &out, "out")) return info.Env().Undefined();
  optlab::unary(static_cast<optlab::UnaryOp>(integer(info, 0)), x.data, out.data, x.length, real(info, 3));
  return info.Env().Undefined();
}

// reduceMiddle(x, outer, reduce, inner, out, max)
Napi::Value ReduceMiddle(const Napi::CallbackInfo& info) {
  const int64_t outer = integer(info, 1), reduce = integer(info, 2), inner = integer(info, 3);
  Buffer x, out;
  if (reduce < 1) {
    fail(info.Env(), "reduceMiddle: empty reduction");
    return info.Env().Undefined();
  }
  if (!readBuffer(info, 0, outer * reduce * inner, &x, "x") || !readBuffer(info, 4, outer * inner, &out, "out")) {
    return info.Env().Undefined();
  }
  optlab::reduceMiddle(x.data, outer, reduce, inner, out.data, flag(info, 5));
  return info.Env().Undefined();
}

// batchNorm(x, mean, variance, scale | null, offset | null, eps, out)
Napi::Value BatchNorm(const Napi::CallbackInfo& info) {
  Buffer x, mean, variance, scale, offset, out;
  if (!readBuffer(info, 0, 0, &x, "x") || !readBuffer(info, 1, 1, &mean, "mean") ||
      !readBuffer(info, 2, 1, &variance, "variance") || !readBuffer(info, 6, x.length, &out, "out")) {
    return info.Env().Undefined();
  }
  const bool hasScale = !info[3].IsNull() && !info[3].IsUndefined();
  const bool hasOffset = !info[4].IsNull() && !info[4].IsUndefined();
  if ((hasScale && !readBuffer(info, 3, 1, &scale, "scale")) || (hasOffset && !readBuffer(info, 4, 1, &offset, "offset"))) {
    return info.Env().Undefined();
  }
  optlab::batchNorm(x.data, x.length, mean.data, mean.length, variance.data, variance.length, hasScale ? scale.data : nullptr,
                    scale.length, hasOffset ? offset.data : nullptr, offset.length, real(info, 5), out.data);
  return info.Env().Undefined();
}

// tile(x, shape Int32Array, reps Int32Array, out)
Napi::Value Tile(const Napi::CallbackInfo& info) {
  if (!info[1].IsTypedArray() || !info[2].IsTypedArray() ||
      info[1].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array ||
      info[2].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
    fail(info.Env(), "tile: shape and reps must be Int32Arrays");
    return info.Env().Undefined();
  }
  auto shape = info[1].As<Napi::Int32Array>();
  auto reps = info[2].As<Napi::Int32Array>();
  const size_t rank = shape.ElementLength();
  if (rank < 1 || rank > 8 || reps.ElementLength() != rank) {
    fail(info.Env(), "tile: rank must be 1..8 with one rep per dimension");
    return info.Env().Undefined();
  }
  int64_t inSize = 1, outSize = 1;
  for (size_t d = 0; d < rank; ++d) {
    if (shape[d] < 1 || reps[d] < 1) {
      fail(info.Env(), "tile: empty shape or reps");
      return info.Env().Undefined();
    }
    inSize *= shape[d];
    outSize *= static_cast<int64_t>(shape[d]) * reps[d];
  }
  Buffer x, out;
  if (!readBuffer(info, 0, inSize, &x, "x") || !readBuffer(info, 3, outSize, &out, "out")) return info.Env().Undefined();
  optlab::tile(x.data, shape.Data(), reps.Data(), static_cast<int>(rank), out.data);
  return info.Env().Undefined();
}

// adamDirection(g, m0, v0, m, v, d, oneMinusBeta1, beta2, oneMinusBeta2, bc2Sqrt, eps)
Napi::Value AdamDirection(const Napi::CallbackInfo& info) {
  Buffer g, m0, v0, m, v, d;
  if (!readBuffer(info, 0, 0, &g, "g") || !readBuffer(info, 1, g.length, &m0, "m0") ||
      !readBuffer(info, 2, g.length, &v0, "v0") || !readBuffer(info, 3, g.length, &m, "m") ||
      !readBuffer(info, 4, g.length, &v, "v") || !readBuffer(info, 5, g.length, &d, "d")) {
    return info.Env().Undefined();
  }
  optlab::adamDirection(g.data, m0.data, v0.data, m.data, v.data, d.data, g.length, real(info, 6), real(info, 7),
                        real(info, 8), real(info, 9), real(info, 10));
  return info.Env().Undefined();
}

// optimizerStep(buffers, numbers): every parameter of one optimizer step, updated in place.
// Per parameter, numbers holds [parts, decay, decays, factor, skipDirection] then per part
// [kind, relative, weightDecay, c0..c5, flags (1 dampened, 2 nesterov, 4 hasState)]; buffers holds
// [weight, grad] then per part three state buffers (null where the part has none).
Napi::Value OptimizerStep(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsArray() || !info[1].IsTypedArray() ||
      info[1].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    fail(env, "optimizerStep(buffers: Array, numbers: Float64Array)");
    return env.Undefined();
  }
  Napi::Array buffers = info[0].As<Napi::Array>();
  Napi::Float64Array numbersArray = info[1].As<Napi::Float64Array>();
  const double* numbers = numbersArray.Data();
  const size_t numberCount = numbersArray.ElementLength();
  const uint32_t bufferCount = buffers.Length();
  auto floatBuffer = [&](uint32_t index, int64_t length, bool optional, float** out) -> bool {
    if (index >= bufferCount) return fail(env, "optimizerStep: too few buffers");
    Napi::Value value = buffers[index];
    if (optional && (value.IsNull() || value.IsUndefined())) {
      *out = nullptr;
      return true;
    }
    if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
      return fail(env, "optimizerStep: buffer " + std::to_string(index) + " must be a Float32Array");
    }
    auto array = value.As<Napi::Float32Array>();
    if (length >= 0 && static_cast<int64_t>(array.ElementLength()) != length) {
      return fail(env, "optimizerStep: buffer " + std::to_string(index) + " has the wrong length");
    }
    *out = array.Data();
    return true;
  };
  std::vector<optlab::OptimizerParamStep> steps;
  size_t at = 0;
  uint32_t b = 0;
  while (at < numberCount) {
    if (at + 5 > numberCount) {
      fail(env, "optimizerStep: truncated numbers");
      return env.Undefined();
    }
    optlab::OptimizerParamStep step;
    const int parts = static_cast<int>(numbers[at]);
    step.decay = static_cast<float>(numbers[at + 1]);
    step.decays = numbers[at + 2] != 0.0;
    step.factor = static_cast<float>(numbers[at + 3]);
    step.skipDirection = numbers[at + 4] != 0.0;
    at += 5;
    if (parts < 1 || parts > 8 || at + 10 * static_cast<size_t>(parts) > numberCount) {
      fail(env, "optimizerStep: invalid part count");
      return env.Undefined();
    }
    float* weight = nullptr;
    float* grad = nullptr;
    if (!floatBuffer(b, -1, false, &weight)) return env.Undefined();
    step.length = static_cast<int64_t>(Napi::Value(buffers[b]).As<Napi::Float32Array>().ElementLength());
    if (!floatBuffer(b + 1, step.length, false, &grad)) return env.Undefined();
    step.weight = weight;
    step.grad = grad;
    b += 2;
    for (int k = 0; k < parts; ++k, at += 10) {
      optlab::OptimizerPart part;
      const int kind = static_cast<int>(numbers[at]);
      if (kind != optlab::kSgdPart && kind != optlab::kAdamPart) {
        fail(env, "optimizerStep: unknown part kind");
        return env.Undefined();
      }
      part.kind = static_cast<optlab::OptimizerPartKind>(kind);
      part.relative = static_cast<float>(numbers[at + 1]);
      part.weightDecay = static_cast<float>(numbers[at + 2]);
      for (int c = 0; c < 6; ++c) part.c[c] = static_cast<float>(numbers[at + 3 + c]);
      const int flags = static_cast<int>(numbers[at + 9]);
      part.dampened = (flags & 1) != 0;
      part.nesterov = (flags & 2) != 0;
      part.hasState = (flags & 4) != 0;
      for (int s = 0; s < 3; ++s) {
        const bool required = part.kind == optlab::kAdamPart && s < 2;
        if (!floatBuffer(b + s, step.length, !required, &part.state[s])) return env.Undefined();
      }
      b += 3;
      step.parts.push_back(part);
    }
    steps.push_back(std::move(step));
  }
  if (b != bufferCount) {
    fail(env, "optimizerStep: buffers and numbers disagree");
    return env.Undefined();
  }
  optlab::optimizerStep(steps, optlab::nativeThreads());
  return env.Undefined();
}

// geluForward(x, y) and geluBackward(dy, x, dx): exact GELU and its gradient, elementwise.
Napi::Value GeluForward(const Napi::CallbackInfo& info) {
  Buffer x, y;
  if (!readBuffer(info, 0, 0, &x, "x") || !readBuffer(info, 1, x.length, &y, "y")) return info.Env().Undefined();
  optlab::geluForward(x.data, y.data, x.length, optlab::nativeThreads());
  return info.Env().Undefined();
}
Napi::Value GeluBackward(const Napi::CallbackInfo& info) {
  Buffer dy, x, dx;
  if (!readBuffer(info, 0, 0, &dy, "dy") || !readBuffer(info, 1, dy.length, &x, "x") ||
      !readBuffer(info, 2, dy.length, &dx, "dx")) {
    return info.Env().Undefined();
  }
  optlab::geluBackward(dy.data, x.data, dx.data, dy.length, optlab::nativeThreads());
  return info.Env().Undefined();
}

// layerNormForward(x, gamma, beta, rows, cols, eps, y) and
// layerNormBackward(dy, x, gamma, rows, cols, eps, dx, dgamma, dbeta): over the last axis.
Napi::Value LayerNormForward(const Napi::CallbackInfo& info) {
  const int64_t rows = integer(info, 3), cols = integer(info, 4);
  Buffer x, gamma, beta, y;
  if (rows < 0 || cols < 1) {
    fail(info.Env(), "layerNormForward: invalid sizes");
    return info.Env().Undefined();
  }
  if (!readBuffer(info, 0, rows * cols, &x, "x") || !readBuffer(info, 1, cols, &gamma, "gamma") ||
      !readBuffer(info, 2, cols, &beta, "beta") || !readBuffer(info, 6, rows * cols, &y, "y")) {
    return info.Env().Undefined();
  }
  optlab::layerNormForward(x.data, gamma.data, beta.data, rows, cols, real(info, 5), y.data, optlab::nativeThreads());
  return info.Env().Undefined();
}
Napi::Value LayerNormBackward(const Napi::CallbackInfo& info) {
  const int64_t rows = integer(info, 3), cols = integer(info, 4);
  Buffer dy, x, gamma, dx, dgamma, dbeta;
  if (rows < 0 || cols < 1) {
    fail(info.Env(), "layerNormBackward: invalid sizes");
    return info.Env().Undefined();
  }
  if (!readBuffer(info, 0, rows * cols, &dy, "dy") || !readBuffer(info, 1, rows * cols, &x, "x") ||
      !readBuffer(info, 2, cols, &gamma, "gamma") || !readBuffer(info, 6, rows * cols, &dx, "dx") ||
      !readBuffer(info, 7, cols, &dgamma, "dgamma") || !readBuffer(info, 8, cols, &dbeta, "dbeta")) {
    return info.Env().Undefined();
  }
  optlab::layerNormBackward(dy.data, x.data, gamma.data, rows, cols, real(info, 5), dx.data, dgamma.data, dbeta.data,
                            optlab::nativeThreads());
  return info.Env().Undefined();
}

// depthwiseConv(x, geometry, filter, y), depthwiseConvInputGrad(dy, geometry, filter, dx) and
// depthwiseConvFilterGrad(x, dy, geometry, dw): channel multiplier 1 (geometry's outC = inC).
bool readDepthwise(const Napi::CallbackInfo& info, size_t index, ConvGeometry* g) {
  if (!readConv(info, index, g)) return false;
  if (g->outC != g->inC) return fail(info.Env(), "depthwise geometry needs outC = inC");
  return true;
}
int64_t depthwiseOutLength(const ConvGeometry& g) { return static_cast<int64_t>(g.batch) * g.outH * g.outW * g.inC; }
int64_t depthwiseFilterLength(const ConvGeometry& g) { return static_cast<int64_t>(g.filterH) * g.filterW * g.inC; }
Napi::Value DepthwiseConv(const Napi::CallbackInfo& info) {
  ConvGeometry g;
  Buffer x, w, y;
  if (!readDepthwise(info, 1, &g) || !readBuffer(info, 0, inLength(g), &x, "x") ||
      !readBuffer(info, 2, depthwiseFilterLength(g), &w, "filter") || !readBuffer(info, 3, depthwiseOutLength(g), &y, "y")) {
    return info.Env().Undefined();
  }
  optlab::depthwiseConv(x.data, g, w.data, y.data, optlab::nativeThreads());
  return info.Env().Undefined();
}
Napi::Value DepthwiseConvInputGrad(const Napi::CallbackInfo& info) {
  ConvGeometry g;
  Buffer dy, w, dx;
  if (!readDepthwise(info, 1, &g) || !readBuffer(info, 0, depthwiseOutLength(g), &dy, "dy") ||
      !readBuffer(info, 2, depthwiseFilterLength(g), &w, "filter") || !readBuffer(info, 3, inLength(g), &dx, "dx")) {
    return info.Env().Undefined();
  }
  optlab::depthwiseConvInputGrad(dy.data, g, w.data, dx.data, optlab::nativeThreads());
  return info.Env().Undefined();
}
Napi::Value DepthwiseConvFilterGrad(const Napi::CallbackInfo& info) {
  ConvGeometry g;
  Buffer x, dy, dw;
  if (!readDepthwise(info, 2, &g) || !readBuffer(info, 0, inLength(g), &x, "x") ||
      !readBuffer(info, 1, depthwiseOutLength(g), &dy, "dy") || !readBuffer(info, 3, depthwiseFilterLength(g), &dw, "dw")) {
    return info.Env().Undefined();
  }
  optlab::depthwiseConvFilterGrad(x.data, dy.data, g, dw.data, optlab::nativeThreads());
  return info.Env().Undefined();
}

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  const int64_t n = integer(info, 0);
  if (n < 1) {
    fail(info.Env(), "thread count must be at least 1");
    return info.Env().Undefined();
  }
  openblas_set_num_threads(static_cast<int>(n));
  return info.Env().Undefined();
}

// setNativeThreads(n): threads of the addon's own loops (OpenBLAS's are set apart).
Napi::Value SetNativeThreads(const Napi::CallbackInfo& info) {
  const int64_t n = integer(info, 0);
  if (n < 1 || n > 256) {
    fail(info.Env(), "thread count must be 1..256");
    return info.Env().Undefined();
  }
  optlab::setNativeThreads(static_cast<int>(n));
  return info.Env().Undefined();
}

Napi::Value GetNumThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), openblas_get_num_threads());
}

// Keeps freed large blocks in the malloc heap instead of returning them to the system, so that the
// many same-sized tensor buffers of a training step are reused without fresh page faults.
Napi::Value RetainFreedMemory(const Napi::CallbackInfo& info) {
#ifdef M_MMAP_THRESHOLD
  const int64_t bytes = integer(info, 0);
  const int threshold = static_cast<int>(bytes > (32 << 20) ? (32 << 20) : (bytes < (128 << 10) ? (128 << 10) : bytes));
  const bool ok = mallopt(M_MMAP_THRESHOLD, threshold) == 1 && mallopt(M_TRIM_THRESHOLD, 2 * threshold) == 1;
  return Napi::Boolean::New(info.Env(), ok);
#else
  return Napi::Boolean::New(info.Env(), false);
#endif
}

Napi::Value BlasConfig(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), openblas_get_config());
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  // One BLAS thread unless the application asks for more (training runs share the machine).
  openblas_set_num_threads(1);
  exports.Set("gemm", Napi::Function::New(env, Gemm));
  exports.Set("biasActivation", Napi::Function::New(env, BiasActivation));
  exports.Set("im2col", Napi::Function::New(env, Im2col));
  exports.Set("col2im", Napi::Function::New(env, Col2im));
  exports.Set("singleChannelConv", Napi::Function::New(env, SingleChannelConv));
  exports.Set("singleChannelConvFilterGrad", Napi::Function::New(env, SingleChannelConvFilterGrad));
  exports.Set("convGemmForward", Napi::Function::New(env, ConvGemmForward));
  exports.Set("convGemmInputGrad", Napi::Function::New(env, ConvGemmInputGrad));
  exports.Set("convGemmFilterGrad", Napi::Function::New(env, ConvGemmFilterGrad));
  exports.Set("maxPool", Napi::Function::New(env, MaxPool));
  exports.Set("maxPoolGrad", Napi::Function::New(env, MaxPoolGrad));
  exports.Set("binary", Napi::Function::New(env, Binary));
  exports.Set("binaryColumn", Napi::Function::New(env, BinaryColumn));
  exports.Set("binaryStrided", Napi::Function::New(env, BinaryStrided));
  exports.Set("unary", Napi::Function::New(env, Unary));
  exports.Set("reduceMiddle", Napi::Function::New(env, ReduceMiddle));
  exports.Set("batchNorm", Napi::Function::New(env, BatchNorm));
  exports.Set("tile", Napi::Function::New(env, Tile));
  exports.Set("adamDirection", Napi::Function::New(env, AdamDirection));
  exports.Set("denseBackward", Napi::Function::New(env, DenseBackward));
  exports.Set("activationGrad", Napi::Function::New(env, ActivationGrad));
  exports.Set("columnSums", Napi::Function::New(env, ColumnSums));
  exports.Set("activationGradColumnSums", Napi::Function::New(env, ActivationGradColumnSums));
  exports.Set("softmaxCrossEntropy", Napi::Function::New(env, SoftmaxCrossEntropy));
  exports.Set("directConv", Napi::Function::New(env, DirectConv));
  exports.Set("optimizerStep", Napi::Function::New(env, OptimizerStep));
  exports.Set("geluForward", Napi::Function::New(env, GeluForward));
  exports.Set("geluBackward", Napi::Function::New(env, GeluBackward));
  exports.Set("layerNormForward", Napi::Function::New(env, LayerNormForward));
  exports.Set("layerNormBackward", Napi::Function::New(env, LayerNormBackward));
  exports.Set("depthwiseConv", Napi::Function::New(env, DepthwiseConv));
  exports.Set("depthwiseConvInputGrad", Napi::Function::New(env, DepthwiseConvInputGrad));
  exports.Set("depthwiseConvFilterGrad", Napi::Function::New(env, DepthwiseConvFilterGrad));
  exports.Set("setNativeThreads", Napi::Function::New(env, SetNativeThreads));
  exports.Set("setNumThreads", Napi::Function::New(env, SetNumThreads));
  exports.Set("getNumThreads", Napi::Function::New(env, GetNumThreads));
  exports.Set("retainFreedMemory", Napi::Function::New(env, RetainFreedMemory));
  exports.Set("blasConfig", Napi::Function::New(env, BlasConfig));
  optlab::exportBatchNorm(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(optlab_native, Init)
