import { alexnetModel } from './alexnet.js';
import { bertModel } from './bert.js';
import { cnnModel } from './cnn.js';
import { denseNetModel } from './denseNet.js';
import { efficientNetV2Model } from './efficientNetV2.js';
import { lstmModelDefinition } from './lstmModel.js';
import { mlpModel } from './mlp.js';
import type { ModelDefinition } from './modelDefinition.js';
import { pointModel } from './pointModel.js';
import { resnetModel } from './resnet.js';
import { vgg11Model } from './vgg.js';
import { vitModel } from './vit.js';

/**
 * Every model kind, in menu order: one line per definition (each beside its builder). The config
 * union, `createModel`, `modelBackendNeeds`, the model/dataset check and the New Run form derive from it.
 */
export const modelDefinitions = [mlpModel, cnnModel, pointModel, vgg11Model, resnetModel, alexnetModel, lstmModelDefinition, vitModel, efficientNetV2Model, denseNetModel, bertModel] as const;

const byKind = new Map<string, ModelDefinition>(modelDefinitions.map((d) => [d.schema.shape.kind.value, d as unknown as ModelDefinition]));

/** The definition of a model kind; throws for a kind the registry does not list. */
export function modelDefinition(kind: string): ModelDefinition {
  const definition = byKind.get(kind);
  if (!definition) throw new Error(`no model definition for ${kind}`);
  return definition;
}
