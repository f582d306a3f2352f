import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { blockSumWgsl, workgroupGrid } from './wgslSnippets.js';

/** Invocations per workgroup of the row programs (one workgroup per row; a power of two). */
const rowBlock = 64;

/** Uniforms of every layer-norm program: the row count and length (the last axis) and ε. */
export const layerNormUniforms = 'rows : i32, cols : i32, epsilon : f32,';
export function layerNormUniformData(rows: number, cols: number, epsilon: number): Array<{ type: string; data: number[] }> {
  return [
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [cols] },
    { type: 'float32', data: [epsilon] },
  ];
}

/**
 * The row's mean and 1/√(var + ε) (biased variance), in every invocation of the workgroup: one
 * reduction of Σ(x − s) and Σ(x − s)² with s the row's first element, so a row far from zero keeps
 * its digits (var = E[(x − s)²] − E[x − s]², s ≈ the mean).
 */
const rowStatsWgsl = `
  let tid = localId.x;
  let cols = uniforms.cols;
  let live = row < uniforms.rows;
  let base = min(row, uniforms.rows - 1) * cols;
  let shift = X[base];
  var sums = vec2<f32>(0.0, 0.0);
  for (var c = i32(tid); c < cols; c += ${rowBlock}) {
    let d = X[base + c] - shift;
    sums += vec2<f32>(d, d * d);
  }
  let moments = blockSum(sums, tid) / f32(cols);
  let mean = shift + moments.x;
  let rstd = inverseSqrt(max(moments.y - moments.x * moments.x, 0.0) + uniforms.epsilon);
`;

abstract class RowProgram {
  outputShape: number[];
  dispatchLayout = { x: [0], y: [1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [rowBlock, 1, 1];
  uniforms = layerNormUniforms;
  protected workgroupIndex: string;

  constructor(outputShape: number[], rows: number) {
    this.outputShape = outputShape;
    const grid = workgroupGrid(rows);
    this.dispatch = grid.dispatch;
    this.workgroupIndex = grid.workgroupIndex;
  }
}

/** Layer norm forward, y = (x − mean)·rstd·γ + β over the last axis: one workgroup per row (inputs `X`, `Gamma`, `Beta`). */
export class LayerNormProgram extends RowProgram implements WebGPUProgram {
  variableNames = ['X', 'Gamma', 'Beta'];
  shaderKey = 'optlabLayerNorm';

  getUserCode(): string {
    return `
      ${blockSumWgsl(rowBlock)}
      fn main() {
        let row = ${this.workgroupIndex};
        ${rowStatsWgsl}
        if (live) {
          for (var c = i32(tid); c < cols; c += ${rowBlock}) {
            result[base + c] = (X[base + c] - mean) * rstd * Gamma[c] + Beta[c];
          }
        }
      }
    `;
  }
}

/** Each row's [mean, rstd] (output [rows, 2]), for the backward programs (input `X`). */
export class LayerNormStatsProgram extends RowProgram implements WebGPUProgram {
  variableNames = ['X'];
  shaderKey = 'optlabLayerNormStats';

  getUserCode(): string {
    return `
      ${blockSumWgsl(rowBlock)}
      fn main() {
        let row = ${this.workgroupIndex};
        ${rowStatsWgsl}
        if (live && tid == 0u) {
          result[row * 2] = mean;
          result[row * 2 + 1] = rstd;
        }
      }
    `;
  }
}

/**
 * dx = (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂))·rstd, dx̂ = dy·γ, one workgroup per row (inputs `Dy`, `X`,
 * `Gamma`, `Stats` from LayerNormStatsProgram).
 */
export class LayerNormGradInputProgram extends RowProgram implements WebGPUProgram {
  variableNames = ['Dy', 'X', 'Gamma', 'Stats'];
  shaderKey = 'optlabLayerNormGradInput';

  getUserCode(): string {
    return `
      ${blockSumWgsl(rowBlock)}
      fn main() {
        let row = ${this.workgroupIndex};
        let tid = localId.x;
        let cols = uniforms.cols;
        let live = row < uniforms.rows;
        let at = min(row, uniforms.rows - 1);
        let base = at * cols;
        let mean = Stats[at * 2];
        let rstd = Stats[at * 2 + 1];
        var sums = vec2<f32>(0.0, 0.0);
        for (var c = i32(tid); c < cols; c += ${rowBlock}) {
          let g = Dy[base + c] * Gamma[c];
          sums += vec2<f32>(g, g * (X[base + c] - mean) * rstd);
        }
        let means = blockSum(sums, tid) / f32(cols);
        let meanG = means.x;
        let meanGX = means.y;
        if (live) {
          for (var c = i32(tid); c < cols; c += ${rowBlock}) {
            let xhat = (X[base + c] - mean) * rstd;
            result[base + c] = (Dy[base + c] * Gamma[c] - meanG - xhat * meanGX) * rstd;
          }
        }
      }
    `;
  }
}

/** Columns and row lanes of a dγ/dβ workgroup: each invocation sums every `paramLanes`-th row of one column. */
const paramColumns = 16;
const paramLanes = 16;

/**
 * dγ = Σ_rows dy·x̂ (`which` 'gamma': inputs `Dy`, `X`, `Stats`) or dβ = Σ_rows dy ('beta': input
 * `Dy`): a workgroup per 16 columns, 16 lanes of rows each, summed across the lanes at the end.
 */
export class LayerNormGradParamProgram implements WebGPUProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0], y: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [paramColumns, paramLanes, 1];
  uniforms = layerNormUniforms;
  private readonly which: 'gamma' | 'beta';
  private readonly workgroupIndex: string;

  constructor(cols: number, which: 'gamma' | 'beta') {
    this.outputShape = [cols];
    this.which = which;
    this.variableNames = which === 'gamma' ? ['Dy', 'X', 'Stats'] : ['Dy'];
    this.shaderKey = `optlabLayerNormGrad_${which}`;
    const grid = workgroupGrid(Math.ceil(cols / paramColumns));
    this.dispatch = grid.dispatch;
    this.workgroupIndex = grid.workgroupIndex;
  }

  getUserCode(): string {
    const term = this.which === 'gamma' ? 'Dy[i] * (X[i] - Stats[r * 2]) * Stats[r * 2 + 1]' : 'Dy[i]';
    return `
      var<workgroup> laneSums : array<f32, ${paramColumns * paramLanes}>;
      fn main() {
        let cols = uniforms.cols;
        let column = ${this.workgroupIndex} * ${paramColumns} + i32(localId.x);
        let live = column < cols;
        let col = min(column, cols - 1);
        let lane = localId.y;
        var sum = 0.0;
        for (var r = i32(lane); r < uniforms.rows; r += ${paramLanes}) {
          let i = r * cols + col;
          sum += ${term};
        }
        let slot = lane * ${paramColumns}u + localId.x;
        laneSums[slot] = sum;
        workgroupBarrier();
        for (var width = ${paramLanes / 2}u; width > 0u; width = width / 2u) {
          if (lane < width) {
            laneSums[slot] = laneSums[slot] + laneSums[slot + width * ${paramColumns}u];
          }
          workgroupBarrier();
        }
        if (live && lane == 0u) {
          result[column] = laneSums[localId.x];
        }
      }
    `;
  }
}
