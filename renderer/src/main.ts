import './zodSetup.js';
import { mount } from 'svelte';
import App from './App.svelte';
import { trackCallsInFlight } from './api/callsInFlight.js';
import { getApi } from './api/getApi.js';
import { withPreloadedCalls } from './api/preloadedCalls.js';
import { appContextMap } from './app/appContext.js';
import { preloadForRoute } from './app/preloadForRoute.js';
import { Router } from './app/router.svelte.js';
import { RunsStore } from './app/runsStore.svelte.js';
import { SystemInfoStore } from './app/systemInfoStore.svelte.js';
import './app.css';

// Composition root of the renderer: one API object and the stores built on it.
const tracked = trackCallsInFlight(getApi());
const { api, preload } = withPreloadedCalls(tracked.api);
const router = new Router();
const context = { api, router, runs: new RunsStore(api), system: new SystemInfoStore(api) };

// A page's first calls are sent now, while its script loads, and on each change of page.
preloadForRoute(preload, router.route);
window.addEventListener('hashchange', () => preloadForRoute(preload, router.route));
// The status line's backend is probed (tfjs loaded in a process of its own, about a second of CPU)
// once the page's first calls are answered, not while they are.
void tracked.whenQuiet(500, 10_000).then(() => context.system.load());

mount(App, { target: document.getElementById('app')!, context: appContextMap(context) });
