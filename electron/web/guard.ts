// Who may talk to the local web mode: only this machine, only the page this launch served,
// only with this launch's token. Kept apart from the server so the rules are testable alone.
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'desk_token';
export const TOKEN_HEADER = 'x-desk-token';

export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return v.join('=');
  }
  return null;
}

/** Returns why the request is refused, or null when it may go on. */
export function refusal(req: IncomingMessage, port: number, token: string, presented: string | null): string | null {
  const host = req.headers.host ?? '';
  // A forged Host header is how DNS rebinding reaches a loopback server: accept only our own names.
  if (!allowedOrigins(port).some((o) => o === `http://${host}`)) return 'This address is not served here.';
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).includes(origin)) return 'Requests from other sites are refused.';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'Requests from other sites are refused.';
  if (presented === null || !sameSecret(presented, token)) return 'Open the app with the address printed when it started (it carries this launch’s key).';
  return null;
}
