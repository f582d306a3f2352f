/**
 * WGSL shared by the fused WebGPU programs: Φ(x) (the standard normal CDF) by Abramowitz & Stegun
 * 7.1.26, as the native kernel and tfjs's Erf, with 1 + erf(z) for z < 0 taken as erfc(|z|) directly
 * (no cancellation); and sums over one workgroup of a power-of-two size.
 */
export const normalCdfWgsl = `
  fn normalCdf(x : f32) -> f32 {
    let z = abs(x) * 0.70710678118654752;
    let t = 1.0 / (1.0 + 0.3275911 * z);
    let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    let halfTail = 0.5 * poly * exp(-z * z);
    return select(1.0 - halfTail, halfTail, x < 0.0);
  }
`;

/**
 * `blockSum(value, tid)`: Σ value (a vec2: two sums for the barriers of one) over the workgroup of
 * `size` invocations (size a power of two), the same in each.
 */
export function blockSumWgsl(size: number): string {
  return `
  var<workgroup> partialSums : array<vec2<f32>, ${size}>;
  fn blockSum(value : vec2<f32>, tid : u32) -> vec2<f32> {
    partialSums[tid] = value;
    workgroupBarrier();
    for (var width = ${size / 2}u; width > 0u; width = width / 2u) {
      if (tid < width) {
        partialSums[tid] = partialSums[tid] + partialSums[tid + width];
      }
      workgroupBarrier();
    }
    let total = partialSums[0];
    workgroupBarrier();
    return total;
  }
`;
}

/** The largest workgroups dispatch per dimension (WebGPU's guaranteed limit). */
export const maxWorkgroupsPerDimension = 65535;

/** A dispatch of `count` workgroups over x and y (x ≤ 65535), and the WGSL expression of this workgroup's number. */
export function workgroupGrid(count: number): { dispatch: [number, number, number]; workgroupIndex: string } {
  const x = Math.min(Math.max(count, 1), maxWorkgroupsPerDimension);
  return { dispatch: [x, Math.ceil(Math.max(count, 1) / x), 1], workgroupIndex: 'i32(workgroupId.y * numWorkgroups.x + workgroupId.x)' };
}

/**
 * The dispatch of one invocation per element of `shape` (a flat layout: the backend folds a count
 * over 65535 into y and z, and getGlobalIndex unfolds it). The webgpu package is loaded only after
 * `navigator.gpu` is set, so its own helpers are not imported here.
 */
export function flatDispatch(shape: number[], workgroupSize: [number, number, number]): [number, number, number] {
  return [Math.ceil(shape.reduce((a, b) => a * b, 1) / workgroupSize[0]), 1, 1];
}
