import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { flatDispatch, normalCdfWgsl } from './wgslSnippets.js';

const workgroupSize: [number, number, number] = [128, 1, 1];

/** Exact GELU y = x·Φ(x), one invocation per element (input `X`). */
export class GeluProgram implements WebGPUProgram {
  variableNames = ['X'];
  outputShape: number[];
  shaderKey = 'optlabGelu';
  dispatchLayout: { x: number[] } = { x: [0] };
  dispatch: [number, number, number];
  workgroupSize = workgroupSize;
  size = true;

  constructor(shape: number[]) {
    this.outputShape = shape;
    this.dispatch = flatDispatch(shape, this.workgroupSize);
  }

  getUserCode(): string {
    return `
      ${normalCdfWgsl}
      fn main(index : i32) {
        if (index < uniforms.size) {
          let x = X[index];
          result[index] = x * normalCdf(x);
        }
      }
    `;
  }
}

/** GELU's gradient dx = dy·(Φ(x) + x·φ(x)), φ(x) = e^(−x²/2)/√(2π), one invocation per element (inputs `Dy`, `X`). */
export class GeluGradProgram implements WebGPUProgram {
  variableNames = ['Dy', 'X'];
  outputShape: number[];
  shaderKey = 'optlabGeluGrad';
  dispatchLayout: { x: number[] } = { x: [0] };
  dispatch: [number, number, number];
  workgroupSize = workgroupSize;
  size = true;

  constructor(shape: number[]) {
    this.outputShape = shape;
    this.dispatch = flatDispatch(shape, this.workgroupSize);
  }

  getUserCode(): string {
    return `
      ${normalCdfWgsl}
      fn main(index : i32) {
        if (index < uniforms.size) {
          let x = X[index];
          let density = exp(-0.5 * x * x) * 0.39894228040143268;
          result[index] = Dy[index] * (normalCdf(x) + x * density);
        }
      }
    `;
  }
}
