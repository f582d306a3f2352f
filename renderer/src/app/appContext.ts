import { getContext } from 'svelte';
import type { OptlabApi } from '../../../shared/api/contract.js';
import type { Router } from './router.svelte.js';
import type { RunsStore } from './runsStore.svelte.js';
import type { SystemInfoStore } from './systemInfoStore.svelte.js';

/** The services every page may use, created once in startApp.ts and handed down through the context. */
export interface AppContext {
  api: OptlabApi;
  router: Router;
  runs: RunsStore;
  system: SystemInfoStore;
}

const key = Symbol('optlab.app');

/** The context map to mount the app with. */
export function appContextMap(context: AppContext): Map<symbol, AppContext> {
  return new Map([[key, context]]);
}

export function getAppContext(): AppContext {
  const context = getContext<AppContext | undefined>(key);
  if (!context) throw new Error('The app context is missing: components must be rendered inside App.');
  return context;
}
