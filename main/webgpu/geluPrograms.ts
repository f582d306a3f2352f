import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { flatDispatch, normalCdfWgsl } from './wgslSnippets.js';

/**
 * A program of one invocation per element of `shape`: `value` is the WGSL expression of the element
 * at `index` (the inputs named by `variableNames`, `x` bound to `X[index]`, Φ as `normalCdf`).
 */
abstract class ElementwiseNormalCdfProgram implements WebGPUProgram {
  abstract variableNames: string[];
  abstract shaderKey: string;
  protected abstract value: string;
  outputShape: number[];
  dispatchLayout: { x: number[] } = { x: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [128, 1, 1];
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
          result[index] = ${this.value};
        }
      }
    `;
  }
}

/** Exact GELU y = x·Φ(x) (input `X`). */
export class GeluProgram extends ElementwiseNormalCdfProgram {
  variableNames = ['X'];
  shaderKey = 'optlabGelu';
  protected value = 'x * normalCdf(x)';
}

/** GELU's gradient dx = dy·(Φ(x) + x·φ(x)), φ(x) = e^(−x²/2)/√(2π) (inputs `Dy`, `X`). */
export class GeluGradProgram extends ElementwiseNormalCdfProgram {
  variableNames = ['Dy', 'X'];
  shaderKey = 'optlabGeluGrad';
  protected value = 'Dy[index] * (normalCdf(x) + x * exp(-0.5 * x * x) * 0.39894228040143268)';
}
