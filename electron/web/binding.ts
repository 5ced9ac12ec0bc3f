// Where the server listens and how it is reached, in one place: the local web mode binds
// 127.0.0.1 over HTTP; the board server (issue 15) binds another address over HTTPS with the
// same code. Everything that depends on it (the names accepted in Host and Origin, the cookies'
// names and flags, HSTS) is derived here, so the two bindings cannot drift apart.
export interface Tls {
  cert: string | Buffer;
  key: string | Buffer;
}

export interface Binding {
  /** The address to listen on (default 127.0.0.1). */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** HTTPS with this certificate; without it, plain HTTP (only for the loopback web mode). */
  tls?: Tls;
  /** The host names browsers use to reach the server (default: the host, and localhost on loopback). */
  names?: string[];
  /**
   * Behind the council's reverse proxy (the board server's --behind-proxy): plain HTTP from this
   * address only, whose forwarded headers are trusted; browsers speak HTTPS to the proxy, so the
   * cookies stay Secure and the names are the proxy's (with a port when it is not 443).
   */
  proxy?: string;
  /** Whether the address needs this launch's key before the sign-in screen (the local web mode); the board server needs none. */
  launchKey?: boolean;
}

export interface Reach {
  scheme: 'http' | 'https';
  host: string;
  secure: boolean;
  /** The launch key's cookie (the sign-in screen only). */
  keyCookie: string;
  /** The session's cookie: HttpOnly, SameSite=Strict; Secure and __Host- prefixed over HTTPS. */
  sessionCookie: string;
  names: string[];
  /** The reverse proxy's address, when the server sits behind one. */
  proxy: string | null;
  /** Whether the launch key is asked for (the local web mode) or not (the board server: people sign in). */
  launchKey: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function reachOf(binding: Binding): Reach {
  const host = binding.host ?? '127.0.0.1';
  const proxy = binding.proxy ?? null;
  const secure = binding.tls !== undefined || proxy !== null;
  const names = binding.names ?? (LOOPBACK.has(host) ? [host, 'localhost'] : [host]);
  // __Host- makes the browser refuse the cookie unless it is Secure, for / and for this host only.
  const prefix = secure ? '__Host-' : '';
  return {
    scheme: secure ? 'https' : 'http',
    host,
    secure,
    keyCookie: `${prefix}desk_token`,
    sessionCookie: `${prefix}desk_session`,
    names,
    proxy,
    launchKey: binding.launchKey ?? true,
  };
}

/** The origins whose pages may call the server: its own names, on its own port. */
export function allowedOrigins(reach: Reach, port: number): string[] {
  // Behind a proxy the browser's origin is the proxy's: its names as given (443 unless a port is named).
  if (reach.proxy !== null) return reach.names.map((name) => `https://${name}`);
  return reach.names.map((name) => `${reach.scheme}://${name.includes(':') ? `[${name}]` : name}:${port}`);
}
