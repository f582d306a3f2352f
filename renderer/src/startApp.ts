import { mount } from 'svelte';
import App from './App.svelte';
import type { CallsInFlight } from './api/callsInFlight.js';
import { getApi } from './api/getApi.js';
import type { PreloadedCalls } from './api/preloadedCalls.js';
import { withPreloadedCalls } from './api/withPreloadedCalls.js';
import { wrapApiMethods } from './api/wrapApiMethods.js';
import { appContextMap } from './app/appContext.js';
import { preloadForRoute } from './app/preloadForRoute.js';
import { Router } from './app/router.svelte.js';
import { RunsStore } from './app/runsStore.svelte.js';
import { SystemInfoStore } from './app/systemInfoStore.svelte.js';
import './app.css';

/**
 * Composition root of the renderer: one API object (taking the answers of the calls main.ts sent
 * ahead, counting its calls under way) and the stores built on it, then the app.
 */
export function startApp(calls: CallsInFlight, preloaded: PreloadedCalls): void {
  const api = wrapApiMethods(withPreloadedCalls(getApi(), preloaded), (_method, call) => (input) => calls.track(call(input)));
  const router = new Router();
  const context = { api, router, runs: new RunsStore(api), system: new SystemInfoStore(api) };

  // On each change of page its first calls are sent at once, while its script loads.
  window.addEventListener('hashchange', () => preloadForRoute(preloaded.preload, router.route));
  // The status line's backend is probed (tfjs loaded in a process of its own, about a second of CPU)
  // once no call has been under way for 2 s: not while the page's first calls are answered, nor while
  // it draws what they brought (Compare's hover moves had 46–74 ms worst moves with 500 ms, 31–40 ms with 2 s).
  void calls.whenQuiet(2_000, 10_000).then(() => context.system.load());

  mount(App, { target: document.getElementById('app')!, context: appContextMap(context) });
}
