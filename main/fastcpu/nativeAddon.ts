/** The functions of the `optlab-native` addon (native/src/addon.cc). Buffers are written in place. */
export interface NativeAddon {
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    strideA: number,
    b: Float32Array,
    strideB: number,
    c: Float32Array,
    strideC: number,
    batch: number,
    beta: number,
  ): void;
  biasActivation(
    c: Float32Array,
    rows: number,
    cols: number,
    bias: Float32Array | null,
    activation: number,
    alpha: number,
  ): void;
  im2col(x: Float32Array, geometry: Int32Array, cols: Float32Array): void;
  /** y = act(conv(x, filter) + bias) without im2col (few input channels; outC ≤ 512). */
  directConv(x: Float32Array, geometry: Int32Array, filter: Float32Array, bias: Float32Array | null, activation: number, alpha: number, y: Float32Array): void;
  col2im(cols: Float32Array, geometry: Int32Array, dx: Float32Array): void;
  /**
   * One input channel, filters up to 7×7, dilation 1, 8/16/32/64 output channels, computed directly:
   * y = act(conv(x, filter) + bias) (bias may be null).
   */
  singleChannelConv(x: Float32Array, geometry: Int32Array, filter: Float32Array, bias: Float32Array | null, activation: number, alpha: number, y: Float32Array): void;
  /** dw of the single-channel convolution (in double over the batch: the same on any thread count). */
  singleChannelConvFilterGrad(x: Float32Array, dy: Float32Array, geometry: Int32Array, dw: Float32Array): void;
  /**
   * Convolution as im2col + sgemm over slices of `imagesPerSlice` images, the slices spread over the
   * native threads (filter [fh·fw·inC, outC]): y = conv(x, filter).
   */
  convGemmForward(x: Float32Array, geometry: Int32Array, filter: Float32Array, imagesPerSlice: number, y: Float32Array): void;
  /** dx (zeroed by the caller) = col2im(dy · filterᵀ), over slices as convGemmForward. */
  convGemmInputGrad(dy: Float32Array, geometry: Int32Array, filter: Float32Array, imagesPerSlice: number, dx: Float32Array): void;
  /** dw = im2col(x)ᵀ · dy summed over slices as convGemmForward (the same result for a given thread count). */
  convGemmFilterGrad(x: Float32Array, dy: Float32Array, geometry: Int32Array, imagesPerSlice: number, dw: Float32Array): void;
  maxPool(x: Float32Array, geometry: Int32Array, y: Float32Array): void;
  /** y: the forward output (window maxima); every element of dx is written. */
  maxPoolGrad(x: Float32Array, y: Float32Array, dy: Float32Array, geometry: Int32Array, dx: Float32Array): void;
  binary(op: number, a: Float32Array, b: Float32Array, out: Float32Array): void;
  binaryColumn(
    op: number,
    a: Float32Array,
    b: Float32Array,
    out: Float32Array,
    rows: number,
    cols: number,
    bFirst: boolean,
  ): void;
  /** General broadcast; shapes of one rank (≤ 8), each dimension equal to the output's or 1. */
  binaryStrided(
    op: number,
    a: Float32Array,
    aShape: Int32Array,
    b: Float32Array,
    bShape: Int32Array,
    outShape: Int32Array,
    out: Float32Array,
  ): void;
  unary(op: number, x: Float32Array, out: Float32Array, alpha: number): void;
  reduceMiddle(x: Float32Array, outer: number, reduce: number, inner: number, out: Float32Array, max: boolean): void;
  batchNorm(
    x: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
    scale: Float32Array | null,
    offset: Float32Array | null,
    eps: number,
    out: Float32Array,
  ): void;
  tile(x: Float32Array, shape: Int32Array, reps: Int32Array, out: Float32Array): void;
  adamDirection(
    g: Float32Array,
    m0: Float32Array,
    v0: Float32Array,
    m: Float32Array,
    v: Float32Array,
    d: Float32Array,
    oneMinusBeta1: number,
    beta2: number,
    oneMinusBeta2: number,
    bc2Sqrt: number,
    eps: number,
  ): void;
  /** dz = dy·act'(y) (not for linear: pass null), dw = xᵀ·dz, db = Σ_rows dz (db may be null). */
  denseBackward(
    dy: Float32Array,
    x: Float32Array,
    y: Float32Array,
    m: number,
    k: number,
    n: number,
    activation: number,
    dz: Float32Array | null,
    dw: Float32Array,
    db: Float32Array | null,
  ): void;
  /** out[j] = Σ_r z[r·cols + j] (in fixed blocks of rows: the same sums on any thread count). */
  columnSums(z: Float32Array, rows: number, cols: number, out: Float32Array): void;
  /** dz = dy·act'(y), y the activation's output. */
  activationGrad(dy: Float32Array, y: Float32Array, dz: Float32Array, activation: number): void;
  /** activationGrad, and db (length cols) = columnSums(dz) from the same pass. */
  activationGradColumnSums(dy: Float32Array, y: Float32Array, dz: Float32Array, activation: number, db: Float32Array): void;
  /** Σ over rows of −Σ labels·log softmax(logits); `grad` (optional) gets (softmax − labels)·gradScale. */
  softmaxCrossEntropy(logits: Float32Array, labels: Float32Array, rows: number, cols: number, grad: Float32Array | null, gradScale: number): number;
  /**
   * Every parameter of one optimizer step, in place (see native/src/addon.cc for the layout of
   * `buffers` and `numbers`).
   */
  optimizerStep(buffers: Array<Float32Array | null>, numbers: Float64Array): void;
  /**
   * Training-mode batch norm over [rows, channels] (+ ReLU): y, and the batch's mean and biased
   * variance per channel (native/src/batchnorm.h).
   */
  batchNormTrainForward(
    x: Float32Array,
    rows: number,
    channels: number,
    gamma: Float32Array,
    beta: Float32Array,
    eps: number,
    relu: boolean,
    y: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
    /** Added before the ReLU (a residual block's shortcut), or null. */
    residual?: Float32Array | null,
  ): void;
  /**
   * Its gradient: dx, dγ, dβ (dMean, dVariance: the gradients reaching the mean and variance outputs,
   * or null), and with relu the masked dy (the residual's gradient) into dz when given.
   */
  batchNormTrainBackward(
    dy: Float32Array,
    rows: number,
    channels: number,
    x: Float32Array,
    y: Float32Array,
    gamma: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
    dMean: Float32Array | null,
    dVariance: Float32Array | null,
    eps: number,
    relu: boolean,
    dx: Float32Array,
    dGamma: Float32Array,
    dBeta: Float32Array,
    dz?: Float32Array | null,
  ): void;
  /** Exact GELU y = x·Φ(x) and its gradient dx = dy·(Φ(x) + x·φ(x)). */
  geluForward(x: Float32Array, y: Float32Array): void;
  geluBackward(dy: Float32Array, x: Float32Array, dx: Float32Array): void;
  /** Layer norm over the last axis of x [rows, cols]; the backward also gives dgamma = Σ dy·x̂ and dbeta = Σ dy. */
  layerNormForward(x: Float32Array, gamma: Float32Array, beta: Float32Array, rows: number, cols: number, eps: number, y: Float32Array): void;
  layerNormBackward(
    dy: Float32Array,
    x: Float32Array,
    gamma: Float32Array,
    rows: number,
    cols: number,
    eps: number,
    dx: Float32Array,
    dgamma: Float32Array,
    dbeta: Float32Array,
  ): void;
  /** Depthwise convolution (channel multiplier 1; geometry as im2col's with outC = inC), filter [fh, fw, C]. */
  depthwiseConv(x: Float32Array, geometry: Int32Array, filter: Float32Array, y: Float32Array): void;
  depthwiseConvInputGrad(dy: Float32Array, geometry: Int32Array, filter: Float32Array, dx: Float32Array): void;
  depthwiseConvFilterGrad(x: Float32Array, dy: Float32Array, geometry: Int32Array, dw: Float32Array): void;
  /** Threads of the addon's own loops. */
  setNativeThreads(n: number): void;
  /** Keeps freed blocks below `bytes` (max 32 MiB) in the malloc heap; false where unsupported. */
  retainFreedMemory(bytes: number): boolean;
  setNumThreads(n: number): void;
  getNumThreads(): number;
  blasConfig(): string;
}

/** Codes shared with native/src/kernels.h. */
export const ACTIVATION = { linear: 0, relu: 1, relu6: 2, leakyrelu: 3, sigmoid: 4, elu: 5 } as const;
export const BINARY_OP = { Add: 0, Sub: 1, Multiply: 2, RealDiv: 3, Maximum: 4, Minimum: 5, SquaredDifference: 6 } as const;
export const UNARY_OP = {
  Relu: 0,
  Step: 1,
  Sqrt: 2,
  Square: 3,
  Exp: 4,
  Log: 5,
  Neg: 6,
  Abs: 7,
  Rsqrt: 8,
  Sigmoid: 9,
  Relu6: 10,
  Reciprocal: 11,
} as const;
