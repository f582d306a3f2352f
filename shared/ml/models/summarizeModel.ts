import type { Model, ModelLayer } from './model.js';

export interface BlockSummary {
  name: string;
  paramCount: number;
  layers: ModelLayer[];
}

export interface ModelSummary {
  kind: string;
  inputShape: number[] | undefined;
  /** Trainable parameters (what optimizers update). */
  paramCount: number;
  /** Non-trainable values (batch-norm running statistics). */
  stateCount: number;
  blocks: BlockSummary[];
}

/** Layers, output shapes and parameter counts per block, for the UI and the CLI. */
export function summarizeModel(model: Model): ModelSummary {
  const layers = model.layers ?? [];
  const blocks = model.blocks.map((b) => ({ name: b.name, paramCount: b.paramCount, layers: layers.filter((l) => l.block === b.name) }));
  // Blocks made only of parameter-free layers (none today) still show their layers.
  for (const l of layers) {
    if (!blocks.some((b) => b.name === l.block)) blocks.push({ name: l.block, paramCount: 0, layers: layers.filter((x) => x.block === l.block) });
  }
  return {
    kind: model.kind,
    inputShape: model.inputShape,
    paramCount: model.blocks.reduce((n, b) => n + b.paramCount, 0),
    stateCount: (model.state ?? []).reduce((n, s) => n + s.variable.size, 0),
    blocks,
  };
}

/** A plain-text table of a summary (one line per layer, a total per block). */
export function formatModelSummary(summary: ModelSummary): string {
  const lines = [`${summary.kind}  input [${summary.inputShape?.join(', ') ?? '?'}]  params ${summary.paramCount.toLocaleString('en-US')}`];
  for (const block of summary.blocks) {
    lines.push(`${block.name}  (${block.paramCount.toLocaleString('en-US')} params)`);
    for (const l of block.layers) lines.push(`  ${l.name.padEnd(28)} ${l.kind.padEnd(16)} [${l.outputShape.join(', ')}]  ${l.paramCount.toLocaleString('en-US')}`);
  }
  if (summary.stateCount > 0) lines.push(`state (running statistics): ${summary.stateCount.toLocaleString('en-US')} values`);
  return lines.join('\n');
}
