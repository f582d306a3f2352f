const tokenStorageKey = 'optlab.token';

/**
 * The browser-mode server's access token: from the page URL (`?token=`), then kept in sessionStorage
 * (and taken out of the URL), so reloading the page without it in its URL still works.
 */
export function readAccessToken(): string {
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
