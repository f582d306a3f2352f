import './zodSetup.js';
import { mount } from 'svelte';
import App from './App.svelte';
import { getApi } from './api/getApi.js';
import { appContextMap } from './app/appContext.js';
import { Router } from './app/router.svelte.js';
import { RunsStore } from './app/runsStore.svelte.js';
import { SystemInfoStore } from './app/systemInfoStore.svelte.js';
import './app.css';

// Composition root of the renderer: one API object and the stores built on it.
const api = getApi();
const context = { api, router: new Router(), runs: new RunsStore(api), system: new SystemInfoStore(api) };

mount(App, { target: document.getElementById('app')!, context: appContextMap(context) });
