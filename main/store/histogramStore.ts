import type { EpsilonCapture, StoredEpsilonCapture } from '../../shared/science/epsilon/epsilonCapture.js';
import type { EpsilonSweepRequest } from '../../shared/science/epsilon/epsilonSweep.js';
import type { EpsilonSearchRange } from '../../shared/science/epsilon/searchRange.js';

/** A stored ε sweep: the runs created to test a run's ε range, with the values each tests. */
export interface EpsilonSweepRecord {
  id: number;
  sourceRunId: number | null;
  request: EpsilonSweepRequest;
  range: EpsilonSearchRange | null;
  createdAt: string;
  runs: { runId: number; eps: number; lr: number; beta2: number | null }[];
}

/** ε histogram captures of runs and the ε sweeps made from them; beside the run store, same database. */
export interface HistogramStore {
  /** Stores a capture with all its layers in one transaction; returns its id. */
  addCapture(runId: number, capture: EpsilonCapture): number;
  /** A run's captures in step order. */
  listCaptures(runId: number): StoredEpsilonCapture[];
  /** Records a sweep and the runs it created. */
  addSweep(sweep: Omit<EpsilonSweepRecord, 'id'>): EpsilonSweepRecord;
  /** Sweeps that include a run, as source or as one of their runs; newest first. */
  listSweepsOfRun(runId: number): EpsilonSweepRecord[];
  getSweep(id: number): EpsilonSweepRecord | undefined;
}
