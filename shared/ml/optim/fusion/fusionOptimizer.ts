import type * as tf from '@tensorflow/tfjs-core';
import type { ModelParam } from '../../models/model.js';
import type { Optimizer } from '../optimizer.js';
import { optimizerStateSchema, type OptimizerState, type RuleOptimizerState } from '../optimizerState.js';

/**
 * Layer-wise fusion (seeds 001, 002; optax `partition`): each group of parameters is stepped by its
 * own optimizer, exactly as that optimizer alone would step it. Learning-rate factors apply to all.
 */
export class FusionOptimizer implements Optimizer {
  constructor(private readonly groups: { params: ModelParam[]; optimizer: Optimizer }[]) {}

  step(grads: Record<string, tf.Tensor>): void {
    for (const group of this.groups) {
      const own: Record<string, tf.Tensor> = {};
      for (const p of group.params) if (grads[p.name] !== undefined) own[p.name] = grads[p.name];
      group.optimizer.step(own);
    }
  }

  setLearningRateFactor(factor: number): void {
    for (const group of this.groups) group.optimizer.setLearningRateFactor(factor);
  }

  /** The learning rate of the first group (groups have their own; each is in `groupLearningRates`). */
  currentLearningRate(): number {
    return this.groups[0]?.optimizer.currentLearningRate() ?? 0;
  }

  groupLearningRates(): number[] {
    return this.groups.map((g) => g.optimizer.currentLearningRate());
  }

  adaptiveTerm(paramName: string): tf.Tensor | null {
    const group = this.groups.find((g) => g.params.some((p) => p.name === paramName));
    return group ? group.optimizer.adaptiveTerm(paramName) : null;
  }

  stateTensors(): tf.Tensor[] {
    return this.groups.flatMap((g) => g.optimizer.stateTensors());
  }

  exportState(): OptimizerState {
    return { kind: 'fusion', groups: this.groups.map((g) => g.optimizer.exportState() as RuleOptimizerState) };
  }

  importState(input: OptimizerState): void {
    const state = optimizerStateSchema.parse(input);
    if (!('groups' in state) || state.groups.length !== this.groups.length) throw new Error('optimizer state does not match the fusion plan');
    this.groups.forEach((g, k) => g.optimizer.importState(state.groups[k]));
  }

  dispose(): void {
    for (const group of this.groups) group.optimizer.dispose();
  }
}
