import type { OptlabApi } from '../../../shared/api/contract.js';
import { createElectronApi } from './electronApi.js';
import { createHttpApi } from './httpApi.js';

const tokenStorageKey = 'optlab.token';

/**
 * The one API object of the app: the Electron preload's when present, else the browser-mode server's.
 * In browser mode the access token comes from the page URL (`?token=`) and is kept in sessionStorage,
 * so reloading the page (without the token in its URL) still works.
 */
export function getApi(): OptlabApi {
  if (window.optlab) return createElectronApi(window.optlab);
  return createHttpApi(readToken());
}

function readToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(tokenStorageKey, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url);
    return fromUrl;
  }
  return sessionStorage.getItem(tokenStorageKey) ?? '';
}
