/** The pages of the app, addressed by the URL hash so reloads and the back button work. */
export type Route =
  | { page: 'runs' }
  /** The New Run form, empty or filled from the config of run `fromRunId`. */
  | { page: 'new-run'; fromRunId?: number }
  | { page: 'run'; id: number }
  /** The ε histograms of a run (seed 003). */
  | { page: 'run-epsilon'; id: number }
  /** The ε histograms of several runs overlaid per layer. */
  | { page: 'epsilon-compare'; runIds: number[] }
  | { page: 'playground' }
  | { page: 'experiments' }
  /** Datasets: what is present, samples, downloads. */
  | { page: 'data' }
  /** Cluster profiles (Slurm): where runs can be submitted. */
  | { page: 'clusters' }
  /** Compare runs by id, or the runs of an experiment. */
  | { page: 'compare'; runIds: number[] }
  | { page: 'compare-experiment'; id: number }
  | { page: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/runs';
  if (path === '/' || path === '/runs') return { page: 'runs' };
  if (path === '/new') return { page: 'new-run' };
  const newFrom = /^\/new\/from\/(\d+)$/.exec(path);
  if (newFrom) return { page: 'new-run', fromRunId: Number(newFrom[1]) };
  if (path === '/playground') return { page: 'playground' };
  if (path === '/experiments') return { page: 'experiments' };
  if (path === '/data') return { page: 'data' };
  if (path === '/clusters') return { page: 'clusters' };
  const compareExperiment = /^\/compare\/experiment\/(\d+)$/.exec(path);
  if (compareExperiment) return { page: 'compare-experiment', id: Number(compareExperiment[1]) };
  const compare = /^\/compare(?:\/([\d,]*))?$/.exec(path);
  if (compare) return { page: 'compare', runIds: (compare[1] ?? '').split(',').filter(Boolean).map(Number) };
  const epsilonCompare = /^\/epsilon\/compare\/([\d,]+)$/.exec(path);
  if (epsilonCompare) return { page: 'epsilon-compare', runIds: epsilonCompare[1].split(',').filter(Boolean).map(Number) };
  const epsilon = /^\/runs\/(\d+)\/epsilon$/.exec(path);
  if (epsilon) return { page: 'run-epsilon', id: Number(epsilon[1]) };
  const run = /^\/runs\/(\d+)$/.exec(path);
  if (run) return { page: 'run', id: Number(run[1]) };
  return { page: 'not-found', path };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'runs':
      return '#/runs';
    case 'new-run':
      return route.fromRunId === undefined ? '#/new' : `#/new/from/${route.fromRunId}`;
    case 'run':
      return `#/runs/${route.id}`;
    case 'run-epsilon':
      return `#/runs/${route.id}/epsilon`;
    case 'epsilon-compare':
      return `#/epsilon/compare/${route.runIds.join(',')}`;
    case 'playground':
      return '#/playground';
    case 'experiments':
      return '#/experiments';
    case 'data':
      return '#/data';
    case 'clusters':
      return '#/clusters';
    case 'compare':
      return `#/compare/${route.runIds.join(',')}`;
    case 'compare-experiment':
      return `#/compare/experiment/${route.id}`;
    case 'not-found':
      return `#${route.path}`;
  }
}
