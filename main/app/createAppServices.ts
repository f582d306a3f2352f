import { apiMethods, type ApiEvent, type ApiHandlers, type SystemInfo } from '../../shared/api/contract.js';
import { ChildProcessLauncher } from '../runs/childProcessLauncher.js';
import { RunService } from '../runs/runService.js';
import type { TrainerLauncher } from '../runs/trainerLauncher.js';
import { openDatabase } from '../store/openDatabase.js';
import { SqliteHistogramStore } from '../store/sqliteHistogramStore.js';
import { SqliteRunStore } from '../store/sqliteRunStore.js';
import { EpsilonService } from '../epsilon/epsilonService.js';
import { experimentSweepRuns } from '../epsilon/sweepRunCreators.js';
import { ExperimentService } from '../experiments/experimentService.js';
import { SqliteExperimentStore } from '../store/sqliteExperimentStore.js';
import { deleteCheckpointDir } from '../checkpoint/checkpointFile.js';
import { checkpointRootFor, runCheckpointDir } from '../checkpoint/checkpointPaths.js';
import { SystemService } from './systemService.js';
import type { BackendInfo } from '../../shared/training/backendInfo.js';
import { databaseGrowthCheck } from '../runs/databaseGrowthCheck.js';
import { databaseGrowthWarningBytes } from '../../shared/runs/resourceEstimate.js';
import { acquireDatabaseLock, type DatabaseLock } from '../store/databaseLock.js';
import { moveLegacyCheckpoints } from '../checkpoint/moveLegacyCheckpoints.js';
import { ModelDescriber } from '../models/modelDescriber.js';
import { DataService } from '../data/dataService.js';
import { dataSettingsFile, readDataSettings } from '../data/dataFolder.js';
import { SqliteArtifactStore } from '../store/sqliteArtifactStore.js';
import { UnreadableArtifactError } from '../store/artifactStore.js';
import { ApiError } from '../../shared/api/apiError.js';
import { withApiErrors } from './apiErrorOf.js';
import type { RunConfusionMatrix } from '../../shared/api/contract.js';
import { RunReports } from '../reporting/runReports.js';
import { SqliteRunTokenStore } from '../store/sqliteRunTokenStore.js';
import { SqliteClusterJobStore } from '../store/sqliteClusterJobStore.js';
import { ClusterProfiles } from '../cluster/clusterProfiles.js';
import { clusterSettingsFile } from '../cluster/clusterSettings.js';
import { clusterShell } from '../cluster/clusterShell.js';
import { SlurmService } from '../cluster/slurmService.js';
import type { InitialWeightsArtifact } from '../../shared/runs/runArtifacts.js';
import { RunViewService } from '../runs/runViewService.js';
import { SqliteRunViewStore } from '../store/sqliteRunViewStore.js';

export interface AppServicesOptions {
  dbPath: string;
  dataDir: string;
  mode: SystemInfo['mode'];
  /**
   * Run start-up recovery now: mark runs left `running` as `interrupted` and queue again those left
   * `queued`. Browser mode leaves it off and calls `recover()` once its port is bound.
   */
  recoverInterrupted: boolean;
  /**
   * Who this process is, in words (`optlab serve`, `the desktop app`), for the exclusive lock on the
   * database every writer takes before it reads a run; false for a reader that changes nothing
   * (listing, exporting), which takes no lock.
   */
  owner?: string | false;
  /** How training processes start: utility processes in Electron, `child_process.fork` otherwise. */
  launcher?: TrainerLauncher;
  /** How the status line's backend is probed: a utility process in Electron, a child process otherwise. */
  probeBackend?: () => Promise<BackendInfo>;
  concurrency?: number;
  /**
   * Runs trained elsewhere can report here (browser mode serves the report endpoint): cluster
   * profiles can then be submitted to (browser mode serves it; the desktop app starts a report
   * listener, and calls `refuseReports` when it cannot).
   */
  acceptsReports?: boolean;
  /** How often live cluster tasks are asked about, in ms (default 10 s). */
  clusterPollMs?: number;
}

export interface AppServices {
  handlers: ApiHandlers;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  runs: RunService;
  experiments: ExperimentService;
  /** Reports from runs trained elsewhere (the report endpoint's side in the app). */
  reports: RunReports;
  /** The database's lock, held until `close` (null for a reader). */
  lock: DatabaseLock | null;
  /** Start-up recovery (see `recoverInterrupted`), once; checkpoints left in the shared legacy folder are moved first. */
  recover(): void;
  /**
   * The app cannot receive reports after all (its listener could not start): cluster targets are
   * refused with `why`, and runs left on a cluster are not taken back. Call before `recover`.
   */
  refuseReports(why: string): void;
  close(): Promise<void>;
}

/**
 * The services behind the typed API, wired once: the SQLite store (single writer), the run queue
 * with its training processes, and system facts. Every entry point (Electron, browser mode, CLI)
 * builds its services here.
 */
export function createAppServices(options: AppServicesOptions): AppServices {
  const owner = options.owner ?? (options.mode === 'electron' ? 'the desktop app' : 'optlab');
  const lock = owner === false ? null : acquireDatabaseLock(options.dbPath, owner);
  try {
    return wireAppServices(options, lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

function wireAppServices(options: AppServicesOptions, lock: DatabaseLock | null): AppServices {
  const db = openDatabase(options.dbPath);
  // The data folder chosen on the Data page (stored beside the database) replaces the one given at start.
  const settingsFile = dataSettingsFile(options.dbPath);
  const storedSettings = readDataSettings(settingsFile);
  const dataDir = storedSettings.settings.dataDir ?? options.dataDir;
  const store = new SqliteRunStore(db);
  const histograms = new SqliteHistogramStore(db);
  const artifacts = new SqliteArtifactStore(db);
  const models = new ModelDescriber();
  const checkpointRoot = checkpointRootFor(options.dbPath);
  const runs = new RunService({
    store,
    histogramStore: histograms,
    artifactStore: artifacts,
    launcher: options.launcher ?? new ChildProcessLauncher({ maxOldSpaceSizeMb: 8192 }),
    dataDir,
    checkpointRoot,
    blockNames: (config) => models.blockNames(config.model, config.dataset),
    concurrency: options.concurrency,
    recover: false,
    checkDatabaseGrowth: databaseGrowthCheck({
      dbPath: options.dbPath,
      trainCount: async (kind) => (await system.listDatasets()).find((d) => d.kind === kind)?.trainCount ?? 0,
      warnAboveBytes: databaseGrowthWarningBytes,
    }),
  });
  const reports = new RunReports({ tokens: new SqliteRunTokenStore(db), queue: runs.queue, transaction: (work) => store.inTransaction(work) });
  const clusterJobs = new SqliteClusterJobStore(db);
  const clusterProfiles = new ClusterProfiles(clusterSettingsFile(options.dbPath), (profile) => clusterShell(profile));
  const slurm = new SlurmService({
    store,
    jobs: clusterJobs,
    reports,
    runs,
    profile: (name) => clusterProfiles.get(name),
    shell: (profile) => clusterShell(profile),
    pollMs: options.clusterPollMs,
  });
  /** Why runs trained elsewhere cannot report here (undefined: they can). */
  let reportsRefused: string | undefined = options.acceptsReports ? undefined : 'this app does not receive reports (start it as `optlab serve`)';
  if (options.acceptsReports) runs.useClusterTarget(slurm);
  const system = new SystemService({ dbPath: options.dbPath, dataDir, mode: options.mode, probeBackend: options.probeBackend });
  const data = new DataService({ dataDir, listDatasets: () => system.listDatasets(), settingsFile, settingsProblem: storedSettings.problem });
  const experimentStore = new SqliteExperimentStore(db, store);
  const runViews = new RunViewService(new SqliteRunViewStore(db));
  const experiments = new ExperimentService({
    store,
    experiments: experimentStore,
    runs,
    trainCounts: async () => Object.fromEntries((await system.listDatasets()).filter((d) => d.available).map((d) => [d.kind, d.trainCount])),
    onRunsReplaced: (ids) => {
      for (const id of ids) deleteCheckpointDir(runCheckpointDir(checkpointRoot, id));
    },
  });
  const epsilon = new EpsilonService({
    runs: store,
    histograms,
    createSweepRuns: experimentSweepRuns({
      createExperiment: (input) => experiments.createExperiment(apiMethods.createExperiment.input.parse(input)),
      listRunsOfExperiment: (experimentId) => store.listRuns({ experimentId }),
    }),
  });
  const handlers: ApiHandlers = withApiErrors({
    getSystemInfo: () => system.getSystemInfo(),
    describeModel: (input) => models.describeModel(input),
    listDatasets: () => data.listDatasets(),
    getDatasetSamples: (input) => data.getDatasetSamples(input),
    getConfusionMatrix: async (input) => {
      await runs.getRun(input); // refuses an unknown run
      try {
        return artifacts.getArtifact(input.id, 'confusion-matrix') as RunConfusionMatrix | null;
      } catch (error) {
        // Said as such to the page, which shows the matrix as unreadable and the rest of the run.
        if (error instanceof UnreadableArtifactError) throw new ApiError(error.message, 'conflict');
        throw error;
      }
    },
    getInitialWeights: async (input) => {
      await runs.getRun(input); // refuses an unknown run
      try {
        return artifacts.getArtifact(input.id, 'initial-weights') as InitialWeightsArtifact | null;
      } catch (error) {
        if (error instanceof UnreadableArtifactError) throw new ApiError(error.message, 'conflict');
        throw error;
      }
    },
    downloadDataset: (input) => data.downloadDataset(input),
    importDataset: (input) => data.importDataset(input),
    getDataSettings: () => data.getDataSettings(),
    setDataFolder: (input) => data.setDataFolder(input),
    listRuns: (input) => runs.listRuns(input),
    queryRuns: (input) => runs.queryRuns(input),
    listRunIds: (input) => runs.listRunIds(input),
    getRunFacets: (input) => runs.getRunFacets(input),
    summarizeRunGroups: (input) => runs.summarizeRunGroups(input),
    getRuns: (input) => runs.getRuns(input),
    listRunViews: async () => runViews.list(),
    saveRunView: async (input) => runViews.save(input.view, input.replace),
    renameRunView: async (input) => runViews.rename(input.name, input.to),
    deleteRunView: async (input) => runViews.delete(input.name),
    importRunViews: async (input) => runViews.importViews(input.views),
    getRun: (input) => runs.getRun(input),
    createRun: (input) => runs.createRun(input),
    cancelRun: (input) => runs.cancelRun(input),
    resumeRun: (input) => (slurm.owns(input.id) ? slurm.resumeRun(input.id) : runs.resumeRun(input)),
    getMetrics: (input) => runs.getMetrics(input),
    previewExperiment: (input) => experiments.previewExperiment(input),
    createExperiment: (input) => experiments.createExperiment(input),
    listExperiments: () => experiments.listExperiments(),
    getExperiment: (input) => experiments.getExperiment(input),
    getMetricsBatch: (input) => experiments.getMetricsBatch(input),
    getSeriesColumns: (input) => experiments.getSeriesColumns(input),
    getMetricKeys: (input) => experiments.getMetricKeys(input),
    getRunEpochValues: (input) => experiments.getRunEpochValues(input),
    getResultsTable: (input) => experiments.getResultsTable(input),
    exportExperiment: (input) => experiments.exportExperiment(input),
    importExperiment: (input) => experiments.importExperiment(input),
    updateExperiment: (input) => experiments.updateExperiment(input),
    extendExperiment: (input) => experiments.extendExperiment(input),
    rerunExperiment: (input) => experiments.rerunExperiment(input),
    deleteExperiment: async (input) => {
      const result = await experiments.deleteExperiment(input);
      for (const id of result.deletedRuns) deleteCheckpointDir(runCheckpointDir(checkpointRoot, id));
      return result;
    },
    updateRunInfo: (input) => experiments.updateRunInfo(input),
    tagRuns: (input) => experiments.tagRuns(input),
    deleteRuns: async (input) => {
      const result = await experiments.deleteRuns(input);
      for (const id of result.deleted) deleteCheckpointDir(runCheckpointDir(checkpointRoot, id));
      return result;
    },
    getEpsilonHistograms: (input) => epsilon.getEpsilonHistograms(input),
    createEpsilonSweep: (input) => epsilon.createEpsilonSweep(input),
    getEpsilonHeatmap: (input) => epsilon.getEpsilonHeatmap(input),
    exportEpsilon: (input) => epsilon.exportEpsilon(input),
    getClusterProfiles: async () => clusterProfiles.view(),
    saveClusterProfile: (input) => clusterProfiles.save(input.profile, input.replaces),
    deleteClusterProfile: (input) => clusterProfiles.delete(input.name),
    checkClusterConnection: (input) => clusterProfiles.check(input.profile),
    getClusterJobs: async (input) => slurm.jobsOf(input.ids),
  });
  let closed = false;
  let recovered = false;
  const recover = () => {
    if (recovered || closed) return;
    if (!lock) throw new Error('Only the process that holds the database lock may recover its runs');
    recovered = true;
    moveLegacyCheckpoints(store, options.dbPath);
    // An import a stopped process left unfinished is still hidden: it is deleted, as a failed import is.
    experimentStore.deleteUnfinishedImports();
    // Runs on a cluster are taken back where this app receives reports (their tasks went on); never trained here.
    runs.recover({
      elsewhere:
        reportsRefused === undefined
          ? { ...slurm.reattach(), reason: 'The app stopped while the run was on a cluster, and could not take it back (its cluster profile is gone, or its token was revoked)' }
          : { reattached: [], cluster: slurm.unfinishedRuns(), reason: `The run is on a cluster, whose tasks report over HTTP: ${reportsRefused}` },
    });
  };
  if (options.recoverInterrupted) recover();
  return {
    handlers,
    onEvent: (listener) => {
      const offRuns = runs.onEvent(listener);
      const offData = data.onProgress((progress) => listener({ type: 'download-progress', progress }));
      return () => {
        offRuns();
        offData();
      };
    },
    runs,
    experiments,
    reports,
    lock,
    recover,
    refuseReports(why) {
      reportsRefused = why;
      runs.refuseClusterTarget(why);
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        slurm.close();
        await runs.shutdown();
        db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
