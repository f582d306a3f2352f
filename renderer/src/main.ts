// The app's first script: it sends the first calls of the page the address names (Compare's series,
// say) before the rest of the app is loaded, so the server answers them while the app's scripts load
// and run; then it starts the app (startApp.ts), which takes those answers.
import './zodSetup.js';
import { callsInFlight } from './api/callsInFlight.js';
import { directCall } from './api/directCall.js';
import { preloadedCalls } from './api/preloadedCalls.js';
import { preloadForRoute } from './app/preloadForRoute.js';
import { parseRoute } from './app/routes.js';

const calls = callsInFlight();
const send = directCall();
const preloaded = preloadedCalls((method, input) => calls.track(send(method, input)));
preloadForRoute(preloaded.preload, parseRoute(window.location.hash));

void import('./startApp.js').then(({ startApp }) => startApp(calls, preloaded));
