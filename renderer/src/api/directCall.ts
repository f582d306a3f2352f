import { readAccessToken } from './accessToken.js';
import { electronCall } from './electronCall.js';
import { httpCall } from './httpCall.js';
import type { DirectCall } from './preloadedCalls.js';

/**
 * Calls without the API object (which brings the contract's schemas): what the app's first script
 * uses to send a page's first calls before the rest of the app has loaded.
 */
export function directCall(): DirectCall {
  const bridge = window.optlab;
  if (bridge) return (method, input) => electronCall(bridge, method, input);
  const token = readAccessToken();
  return (method, input) => httpCall(token, '', method, input);
}
