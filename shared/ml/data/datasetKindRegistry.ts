import { cifar10 } from './datasetKinds/cifar10.js';
import { cifar100 } from './datasetKinds/cifar100.js';
import { cola } from './datasetKinds/cola.js';
import type { DatasetKindDefinition } from './datasetKinds/datasetKindDefinition.js';
import { fashionMnist } from './datasetKinds/fashionMnist.js';
import { imageFolder } from './datasetKinds/imageFolder.js';
import { mnist } from './datasetKinds/mnist.js';
import { surface } from './datasetKinds/surface.js';
import { textCsv } from './datasetKinds/textCsv.js';
import { textLm } from './datasetKinds/textLm.js';
import { tinyImagenet } from './datasetKinds/tinyImagenet.js';

/**
 * Every dataset kind (its shared half), in menu order: one line per definition. `datasetConfigSchema`,
 * the kind lists, the model/dataset check and the New Run form derive from it.
 */
export const datasetKindDefinitions = [fashionMnist, mnist, surface, cifar10, cifar100, imageFolder, tinyImagenet, textCsv, cola, textLm] as const;

const byKind = new Map<string, DatasetKindDefinition>(datasetKindDefinitions.map((d) => [d.schema.shape.kind.value, d as unknown as DatasetKindDefinition]));

/** The definition of a dataset kind; throws for a kind the registry does not list. */
export function datasetKindDefinition(kind: string): DatasetKindDefinition {
  const definition = byKind.get(kind);
  if (!definition) throw new Error(`no dataset kind ${kind}`);
  return definition;
}
