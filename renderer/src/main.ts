import './zodSetup.js';
import { mount } from 'svelte';
import App from './App.svelte';
import { getApi } from './api/getApi.js';
import { appContextMap } from './state/appContext.js';
import { Router } from './state/router.svelte.js';
import { RunsStore } from './state/runsStore.svelte.js';
import { SystemInfoStore } from './state/systemInfoStore.svelte.js';
import './app.css';

// Composition root of the renderer: one API object and the stores built on it.
const api = getApi();
const context = { api, router: new Router(), runs: new RunsStore(api), system: new SystemInfoStore(api) };

mount(App, { target: document.getElementById('app')!, context: appContextMap(context) });
