import * as tf from '@tensorflow/tfjs-core';
import type { ModelParam } from '../models/model.js';
import { fusedStateKeys, optimizerStepKernelName, type FusedRuleStep } from './fusedStep.js';
import type { Optimizer } from './optimizer.js';
import { optimizerStateSchema, type OptimizerState, type RuleOptimizerState } from './optimizerState.js';
import type { ParamSlot, UpdateRule } from './updateRule.js';

/**
 * The bookkeeping around one update rule, as a torch.optim class does it: the state of each
 * parameter is created on its first step; each step runs the rule's pure math inside `tf.tidy`,
 * writes w ← decay·w − lr·scale·d into the variable, and disposes the state tensors it replaces.
 * Parameters without a gradient in a step are left alone (their step count does not advance).
 */
export class RuleOptimizer implements Optimizer {
  private readonly slots = new Map<string, ParamSlot>();
  private readonly byName: Map<string, ModelParam>;
  private lrFactor = 1;
  private disposed = false;

  constructor(
    private readonly rule: UpdateRule,
    params: ModelParam[],
  ) {
    this.byName = new Map(params.map((p) => [p.name, p]));
    if (this.byName.size !== params.length) throw new Error('optimizer: parameter names must be unique');
  }

  step(grads: Record<string, tf.Tensor>): void {
    if (this.disposed) throw new Error('optimizer: step after dispose');
    if (this.rule.fused !== undefined && tf.getKernel(optimizerStepKernelName, tf.getBackend()) !== undefined && this.fusedStep(grads)) {
      this.rule.afterStep?.();
      return;
    }
    for (const [name, param] of this.byName) {
      const grad = grads[name];
      if (grad === undefined) continue;
      this.checkShape(name, grad, param);
      const current = this.slotOf(name);
      const step = current.step + 1;
      const { value, tensors } = tf.tidy(() => {
        const out = this.rule.compute({
          grad,
          param: param.variable,
          step,
          tensors: current.tensors,
          scalars: current.scalars,
          lrFactor: this.lrFactor,
          name,
        });
        const base = out.decay === 1 ? param.variable : tf.mul(param.variable, out.decay);
        const factor = out.lr * (out.scale ?? 1);
        const next = factor === 0 ? base : tf.sub(base, tf.mul(out.direction, factor));
        return { value: next, tensors: out.tensors };
      });
      if (value !== (param.variable as tf.Tensor)) {
        param.variable.assign(value);
        value.dispose();
      }
      const keep = new Set(Object.values(tensors).map((t) => t.id));
      for (const old of Object.values(current.tensors)) if (!keep.has(old.id)) old.dispose();
      current.tensors = tensors;
      current.step = step;
    }
    this.rule.afterStep?.();
  }

  private checkShape(name: string, grad: tf.Tensor, param: ModelParam): void {
    if (!tf.util.arraysEqual(grad.shape, param.variable.shape)) {
      throw new Error(`optimizer: gradient of ${name} has shape [${grad.shape.join(', ')}], the parameter [${param.variable.shape.join(', ')}]`);
    }
  }

  private slotOf(name: string): ParamSlot {
    let slot = this.slots.get(name);
    if (slot === undefined) {
      slot = { step: 0, tensors: {}, scalars: {} };
      this.slots.set(name, slot);
    }
    return slot;
  }

  /**
   * The step of every parameter in one call of the fused kernel (fusedStep.ts); false, with nothing
   * changed, when the rule has no fused form for this step.
   */
  private fusedStep(grads: Record<string, tf.Tensor>): boolean {
    const entries: { name: string; param: ModelParam; grad: tf.Tensor; step: number; fused: FusedRuleStep }[] = [];
    for (const [name, param] of this.byName) {
      const grad = grads[name];
      if (grad === undefined) continue;
      this.checkShape(name, grad, param);
      const step = (this.slots.get(name)?.step ?? 0) + 1;
      const fused = this.rule.fused?.({ step, lrFactor: this.lrFactor, name });
      if (fused === undefined) return false;
      entries.push({ name, param, grad, step, fused });
    }
    if (entries.length === 0) return true;
    const inputs: Record<string, tf.Tensor> = {};
    entries.forEach(({ name, param, grad, fused }, i) => {
      inputs[`${i}:weight`] = param.variable;
      inputs[`${i}:grad`] = grad;
      const state = this.slots.get(name)?.tensors ?? {};
      for (const key of fused.parts.flatMap(fusedStateKeys)) if (state[key] !== undefined) inputs[`${i}:${key}`] = state[key];
    });
    const attrs = { steps: entries.map((e) => e.fused) } as unknown as tf.NamedAttrMap;
    // Per parameter: the new weight, then its state tensors in fusedStateKeys order.
    const outputs = tf.engine().runKernel(optimizerStepKernelName, inputs, attrs) as tf.Tensor[];
    let at = 0;
    for (const { name, param, step, fused } of entries) {
      const weight = outputs[at++];
      param.variable.assign(weight);
      weight.dispose();
      const slot = this.slotOf(name);
      const tensors: ParamSlot['tensors'] = {};
      for (const key of fused.parts.flatMap(fusedStateKeys)) tensors[key] = outputs[at++];
      for (const [key, old] of Object.entries(slot.tensors)) if (tensors[key] !== old) old.dispose();
      slot.tensors = tensors;
      slot.step = step;
    }
    return true;
  }

  setLearningRateFactor(factor: number): void {
    if (!Number.isFinite(factor) || factor < 0) throw new Error(`Invalid learning rate factor: ${factor}`);
    this.lrFactor = factor;
  }

  currentLearningRate(): number {
    return this.rule.baseLr * this.lrFactor;
  }

  /** A mixer's parts' learning rates now (each part's η with the schedule's factor); empty for a single optimizer. */
  partLearningRates(): number[] {
    return (this.rule.partLrs ?? []).map((lr) => lr * this.lrFactor);
  }

  /** The state of one parameter (for tests, ε histograms and checkpoints); undefined before its first step. */
  paramState(name: string): Readonly<ParamSlot> | undefined {
    return this.slots.get(name);
  }

  adaptiveTerm(paramName: string): tf.Tensor | null {
    const slot = this.slots.get(paramName);
    const term = this.rule.adaptiveTerm;
    if (slot === undefined || term === undefined) return null;
    let out: tf.Tensor | null = null;
    tf.tidy(() => {
      out = term(slot.tensors, slot.step);
      if (out) tf.keep(out);
    });
    return out;
  }

  stateTensors(): tf.Tensor[] {
    return [...this.slots.values()].flatMap((slot) => Object.values(slot.tensors));
  }

  exportState(): RuleOptimizerState {
    const params: RuleOptimizerState['params'] = {};
    for (const [name, slot] of this.slots) {
      const tensors: RuleOptimizerState['params'][string]['tensors'] = {};
      for (const [key, t] of Object.entries(slot.tensors)) tensors[key] = { shape: [...t.shape], values: Float32Array.from(t.dataSync()) };
      params[name] = { step: slot.step, scalars: { ...slot.scalars }, tensors };
    }
    const shared = this.rule.shared?.export();
    return shared === undefined ? { kind: this.rule.kind, lrFactor: this.lrFactor, params } : { kind: this.rule.kind, lrFactor: this.lrFactor, shared, params };
  }

  importState(input: OptimizerState): void {
    const state = optimizerStateSchema.parse(input);
    if (state.kind !== this.rule.kind || !('params' in state)) throw new Error(`optimizer state is for ${state.kind}, not ${this.rule.kind}`);
    for (const [name, saved] of Object.entries(state.params)) {
      const param = this.byName.get(name);
      if (!param) throw new Error(`optimizer state names an unknown parameter ${name}`);
      for (const [key, data] of Object.entries(saved.tensors)) {
        const size = data.shape.reduce((a, b) => a * b, 1);
        if (size !== data.values.length || size !== param.variable.size) throw new Error(`optimizer state ${name}/${key} does not fit the parameter`);
      }
    }
    for (const slot of this.slots.values()) for (const t of Object.values(slot.tensors)) t.dispose();
    this.slots.clear();
    for (const [name, saved] of Object.entries(state.params)) {
      const tensors: ParamSlot['tensors'] = {};
      for (const [key, data] of Object.entries(saved.tensors)) tensors[key] = tf.tensor(data.values, data.shape, 'float32');
      this.slots.set(name, { step: saved.step, scalars: { ...saved.scalars }, tensors });
    }
    this.lrFactor = state.lrFactor;
    if (state.shared !== undefined) this.rule.shared?.import(state.shared);
  }

  dispose(): void {
    for (const slot of this.slots.values()) for (const t of Object.values(slot.tensors)) t.dispose();
    this.slots.clear();
    this.disposed = true;
  }
}
