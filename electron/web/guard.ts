// Who may talk to the web server at all: only through one of its own names (DNS rebinding sends a
// foreign Host), only from its own pages (Origin, Sec-Fetch-Site), and only with this launch's key.
// The key opens the sign-in screen and nothing more: every channel but signing in needs the
// session of a signed-in person (server.ts). Kept apart from the server so the rules are testable alone.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { allowedOrigins, type Reach } from './binding';

export const TOKEN_HEADER = 'x-desk-token';
/** The header the page sets on every POST: the session's CSRF token, or "none" before signing in. */
export const CSRF_HEADER = 'x-desk-csrf';

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Returns why the request is refused, or null when it may go on. */
export function refusal(
  headers: IncomingHttpHeaders,
  reach: Reach,
  port: number,
  token: string,
  presented: string | null | undefined,
  forwardedHost?: string,
): string | null {
  // Behind the proxy, the name the browser used is the one the proxy forwards (trusted from it alone).
  const host = forwardedHost ?? headers.host ?? '';
  const origins = allowedOrigins(reach, port);
  // A forged Host header is how DNS rebinding reaches a loopback server: accept only our own names.
  if (!origins.some((o) => o === `${reach.scheme}://${host}`)) return 'This address is not served here.';
  const origin = headers.origin;
  if (origin !== undefined && !origins.includes(origin)) return 'Requests from other sites are refused.';
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'Requests from other sites are refused.';
  // The board server has no launch key: anyone on the network may reach its sign-in screen, and nothing more.
  if (!reach.launchKey) return null;
  if (!presented || !sameSecret(presented, token))
    return 'Open the app with the address printed when it started (it carries this launch’s key).';
  return null;
}
