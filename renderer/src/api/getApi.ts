import type { OptlabApi } from '../../../shared/api/contract.js';
import { readAccessToken } from './accessToken.js';
import { createElectronApi } from './electronApi.js';
import { createHttpApi } from './httpApi.js';

/**
 * The one API object of the app: the Electron preload's when present, else the browser-mode server's
 * (its access token: accessToken.ts).
 */
export function getApi(): OptlabApi {
  if (window.optlab) return createElectronApi(window.optlab);
  return createHttpApi(readAccessToken());
}
