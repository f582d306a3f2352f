// N-API bindings: argument checking and dispatch to the kernels in kernels.h. Every buffer is a
// Float32Array owned by JavaScript; outputs are written in place, and sizes are checked here so
// that a shape mistake in the caller throws instead of writing out of bounds.
#include <cblas.h>
#include <malloc.h>
#include <napi.h>

#include <string>

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
    for (int64_t i = 0; i < sc * (batch - 1) + m * n; ++i) c.data[i] *= beta;
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
                         static_cast<optlab::Activation>(integer(info, 4)), real(info, 5));
  return info.Env().Undefined();
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
  optlab::maxPool(x.data, g, y.data);
  return info.Env().Undefined();
}

// maxPoolGrad(x, y, dy, geometry, dx) — accumulates into dx; y is the forward output.
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
  optlab::maxPoolGrad(x.data, y.data, dy.data, g, dx.data);
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

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  const int64_t n = integer(info, 0);
  if (n < 1) {
    fail(info.Env(), "thread count must be at least 1");
    return info.Env().Undefined();
  }
  openblas_set_num_threads(static_cast<int>(n));
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
  exports.Set("setNumThreads", Napi::Function::New(env, SetNumThreads));
  exports.Set("getNumThreads", Napi::Function::New(env, GetNumThreads));
  exports.Set("retainFreedMemory", Napi::Function::New(env, RetainFreedMemory));
  exports.Set("blasConfig", Napi::Function::New(env, BlasConfig));
  return exports;
}

}  // namespace

NODE_API_MODULE(optlab_native, Init)
