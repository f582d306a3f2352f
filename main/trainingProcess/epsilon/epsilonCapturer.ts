import type { RunConfig } from '../../../shared/config/runConfig.js';
import type { Optimizer } from '../../../shared/ml/optim/optimizer.js';
import { shouldCapture, type StepPosition } from '../../../shared/science/epsilon/captureSchedule.js';
import type { EpsilonCapture } from '../../../shared/science/epsilon/epsilonCapture.js';
import { defaultBinSpec } from '../../../shared/science/epsilon/logBins.js';
import { resolveFusionPlan } from '../../../shared/ml/optim/fusion/fusionPlan.js';
import { hasAdaptiveTerm, parameterEpsilons } from '../../../shared/science/epsilon/runEpsilon.js';
import { captureAdaptiveTerms } from './captureAdaptiveTerms.js';

/**
 * The training loop's ε histogram hook: after each optimizer step it asks the run's capture schedule
 * whether to capture, and sends each capture on. Does nothing for a non-adaptive optimizer (SGD).
 */
export class EpsilonCapturer {
  private readonly active: boolean;
  private readonly paramNames: string[];
  private readonly epsOf: Map<string, number | null>;
  /** Seconds spent capturing so far. */
  totalSeconds = 0;
  captures = 0;

  constructor(
    private readonly config: RunConfig,
    private readonly optimizer: Optimizer,
    params: readonly { name: string; block: string }[],
    blockNames: string[],
    private readonly send: (capture: EpsilonCapture) => void,
  ) {
    this.active = hasAdaptiveTerm(config.optimizer) && (config.epsilonCapture?.enabled ?? true);
    this.paramNames = params.map((p) => p.name);
    const plan = config.optimizer;
    this.epsOf = parameterEpsilons(plan, params, (names) => (plan.type === 'fusion' ? resolveFusionPlan(plan, names) : []), blockNames);
  }

  async afterStep(position: StepPosition): Promise<void> {
    if (!this.active || !shouldCapture(this.config.epsilonCapture, position)) return;
    const started = performance.now();
    const capture = await captureAdaptiveTerms(this.optimizer, this.paramNames, {
      ...position,
      optimizerType: this.config.optimizer.type,
      eps: (name) => this.epsOf.get(name) ?? null,
      binSpec: defaultBinSpec,
    });
    this.totalSeconds += (performance.now() - started) / 1000;
    if (capture === null) return;
    this.captures++;
    this.send(capture);
  }
}
