import type { PreloadedCalls } from '../api/preloadedCalls.js';
import { preloadCompare } from '../compare/compareReads.js';
import type { Route } from './routes.js';

/** Sends the first calls of the route's page, for the pages whose first calls are slow to answer. */
export function preloadForRoute(preload: PreloadedCalls['preload'], route: Route): void {
  if (route.page === 'compare') preloadCompare(preload, route.runIds, window.innerWidth);
}
