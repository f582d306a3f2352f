/**
 * Checks of what an HTTP request says about itself (its target, Host header, Range header), each a
 * plain function of the header text so a malformed one is answered, never thrown.
 */

/**
 * The path and query of a request target such as `/api/events?token=…`; null when it is not an
 * origin-form path, or starts with `//` (which a URL parser reads as another host).
 */
export function parseRequestTarget(target: string | undefined): { pathname: string; searchParams: URLSearchParams } | null {
  if (!target || !target.startsWith('/') || /^[/\\]{2}/.test(target)) return null;
  let url: URL;
  try {
    // Parsed as a path of a fixed origin: `//x` is a path here, not a host.
    url = new URL(`http://request.invalid${target}`);
  } catch {
    return null;
  }
  if (url.host !== 'request.invalid') return null;
  return { pathname: url.pathname, searchParams: url.searchParams };
}

const loopbackNames = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether a Host header names a loopback address (and the port the server listens on, when given),
 * and nothing else: `127.0.0.1:4000`, `localhost`, `[::1]:4000`; not `[::1]evil.example` or `localhost.evil`.
 */
export function isLoopbackHost(host: string | undefined, port?: number): boolean {
  if (!host) return false;
  const match = /^(\[::1\]|127\.0\.0\.1|localhost)(?::(\d{1,5}))?$/i.exec(host);
  if (!match || !loopbackNames.has(match[1].toLowerCase())) return false;
  return match[2] === undefined || port === undefined || Number(match[2]) === port;
}

/** A Range header sorted into what a static file server may pass on. */
export type RangeCheck = { kind: 'none' } | { kind: 'ignore' } | { kind: 'unsatisfiable'; message: string } | { kind: 'single' };

/**
 * A Range header the static server can honour is one `bytes=start-end` range with start ≤ end (or an
 * open end). A header it does not understand (another unit, several ranges, a suffix range) is
 * ignored and the whole file is sent (RFC 9110 §14.2); a range that ends before it starts cannot be
 * satisfied (416).
 */
export function checkRange(range: string | undefined): RangeCheck {
  if (range === undefined) return { kind: 'none' };
  const match = /^bytes=(\d{1,15})-(\d{0,15})$/.exec(range.trim());
  if (!match) return { kind: 'ignore' };
  if (match[2] !== '' && Number(match[2]) < Number(match[1])) {
    return { kind: 'unsatisfiable', message: `The range ${range} ends before it starts` };
  }
  return { kind: 'single' };
}

/** The method name after `/api/call/`, percent-decoded; null when the encoding is malformed. */
export function decodeMethodName(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}
