import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../../../shared/ml/models/model.js';
import { CheckpointError } from '../../checkpoint/checkpointError.js';
import type { CheckpointData } from '../../checkpoint/checkpointFile.js';

/** The model's parameters and non-trainable state (batch-norm statistics) as float32 copies, by name. */
export function captureModelTensors(model: Model): CheckpointData['tensors'] {
  const out: CheckpointData['tensors'] = [];
  for (const [kind, list] of [['param', model.params], ['state', model.state ?? []]] as const) {
    for (const p of list) out.push({ name: p.name, kind, shape: [...p.variable.shape], values: Float32Array.from(p.variable.dataSync() as Float32Array) });
  }
  return out;
}

/** Puts saved tensors back into the model; every tensor must match by name, kind and shape. */
export function restoreModelTensors(model: Model, tensors: CheckpointData['tensors']): void {
  const saved = new Map(tensors.map((t) => [`${t.kind}:${t.name}`, t]));
  const targets = [...model.params.map((p) => ['param', p] as const), ...(model.state ?? []).map((p) => ['state', p] as const)];
  if (targets.length !== saved.size) throw new CheckpointError(`The checkpoint holds ${saved.size} tensors, the model has ${targets.length}`);
  for (const [kind, p] of targets) {
    const t = saved.get(`${kind}:${p.name}`);
    if (!t) throw new CheckpointError(`The checkpoint has no ${kind} ${p.name}`);
    if (t.shape.length !== p.variable.shape.length || t.shape.some((d, i) => d !== p.variable.shape[i])) {
      throw new CheckpointError(`The checkpoint's ${p.name} has shape [${t.shape.join(', ')}], the model's is [${p.variable.shape.join(', ')}]`);
    }
  }
  for (const [kind, p] of targets) {
    const t = saved.get(`${kind}:${p.name}`)!;
    const value = tf.tensor(t.values, [...p.variable.shape], p.variable.dtype);
    p.variable.assign(value);
    value.dispose();
  }
}
