// Who is signed in at this desk: every person's session, by id. The web mode looks each request's
// session up here (its cookie's id, and the token the page sends in a header); the desktop window
// and the command line each hold one seat, a Caller that is signed in and out through the same
// registry. Signing in always makes a new session with new secrets (the id rotates), ending the
// one the caller held; signing out ends only the caller's own. A desk's registry lives as long as
// the desk: a restore opens a new desk, so everyone signs in again, against the restored accounts.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionStatus, SignedInUser } from '../../../shared/domain/accounts';
import { Session, type SessionOrigin } from './session';

/** One call's claim to a session: the session it presents (null before signing in) and where it comes from. Sign-in and sign-out replace `session`. */
export interface Caller {
  session: Session | null;
  readonly from: SessionOrigin;
}

/** What the coordinator may see of a session (never its id or token). */
export interface SessionSummary {
  ref: number;
  user: SignedInUser;
  via: SessionOrigin['via'];
  address: string | null;
  state: 'signed_in' | 'locked';
  signedInAt: string;
  lastActivityAt: string;
}

export interface SessionRegistryOptions {
  /** A session nobody has used for this long is forgotten, locked or not (default 12 hours). */
  forgetAfterMs?: number;
  /** At most this many sessions are kept; beyond it the longest unused goes (default 1,000). */
  limit?: number;
  /** The desk's clock, for lookups made outside a call (a request's cookie, a download). */
  now?: () => Date;
  /** A session locked itself after the idle period (the desk puts it in the access record); must not throw. */
  onIdleLock?: (session: Session, at: Date) => void;
}

const SECRET_BYTES = 32; // 256 bits

const secret = () => randomBytes(SECRET_BYTES).toString('base64url');

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class SessionRegistry {
  private readonly byId = new Map<string, Session>();
  private nextRef = 1;
  private readonly forgetAfterMs: number;
  private readonly limit: number;
  /** The desk's clock (the one its dispatcher uses). */
  readonly now: () => Date;
  private readonly onIdleLock: (session: Session, at: Date) => void;

  constructor(
    private idleMinutes: number,
    options: SessionRegistryOptions = {},
  ) {
    this.forgetAfterMs = options.forgetAfterMs ?? 12 * 60 * 60_000;
    this.limit = options.limit ?? 1000;
    this.now = options.now ?? (() => new Date());
    this.onIdleLock = options.onIdleLock ?? (() => undefined);
  }

  get idleLockMinutes(): number {
    return this.idleMinutes;
  }

  /** The board's idle period changed: it applies to every session at once. */
  setIdleLockMinutes(minutes: number): void {
    this.idleMinutes = minutes;
  }

  /** A seat for a front door that has one person at a time (the desktop window, the command line): not signed in yet. */
  seat(from: SessionOrigin): Caller {
    return { session: null, from };
  }

  /** Signs `user` in for this caller: a new session with new secrets; the one the caller held ends. */
  signIn(caller: Caller, user: SignedInUser, now: Date): Session {
    if (caller.session) this.end(caller.session, now);
    this.forgetStale(now);
    const session = new Session(secret(), secret(), this.nextRef++, user, caller.from, now, () => this.idleMinutes, this.onIdleLock);
    this.byId.set(session.id, session);
    caller.session = session;
    return session;
  }

  /** Ends the caller's own session, and no other. */
  signOut(caller: Caller, now: Date): void {
    if (caller.session) this.end(caller.session, now);
    caller.session = null;
  }

  /** The session a request presents: its id and the token the page sent with it must both match, or there is none. */
  resolve(id: string | null | undefined, csrfToken: string | null | undefined, now: Date = this.now()): Session | null {
    if (!csrfToken) return null;
    const session = this.find(id, now);
    return session && same(session.csrfToken, csrfToken) ? session : null;
  }

  /**
   * The session a cookie names, without the page's token: only for what a browser fetches as a
   * plain navigation (a finished export's download), which cannot carry a header. Never for a channel.
   */
  find(id: string | null | undefined, now: Date = this.now()): Session | null {
    const session = id ? this.byId.get(id) : undefined;
    if (!session) return null;
    if (now.getTime() - session.lastActivityAt.getTime() >= this.forgetAfterMs) {
      this.end(session, now);
      return null;
    }
    return session;
  }

  /** The session is this registry's and still live (a restore ends every session of the desk it replaces). */
  holds(session: Session): boolean {
    return !session.ended && this.byId.get(session.id) === session;
  }

  end(session: Session, now: Date): void {
    session.markEnded(now);
    this.byId.delete(session.id);
  }

  /** A live session by its ref (the coordinator's list), or null. */
  byRef(ref: number): Session | null {
    return [...this.byId.values()].find((s) => s.ref === ref) ?? null;
  }

  /** Ends a session named by its ref (the coordinator's list); answers whether there was one. */
  endByRef(ref: number, now: Date): boolean {
    const found = this.byRef(ref);
    if (found) this.end(found, now);
    return found !== null;
  }

  /** Ends every session of one account (disabled, or its password reset), except `keep`. */
  endFor(userId: number, now: Date, keep: Session | null = null): number {
    let ended = 0;
    for (const session of [...this.byId.values()]) {
      if (session.user.id === userId && session !== keep) {
        this.end(session, now);
        ended += 1;
      }
    }
    return ended;
  }

  /** An account was renamed or given another role: every session of it shows the change at once. */
  updateUser(user: SignedInUser): void {
    for (const session of this.byId.values()) if (session.user.id === user.id) session.updateUser(user);
  }

  endAll(now: Date): void {
    for (const session of [...this.byId.values()]) this.end(session, now);
  }

  list(now: Date): SessionSummary[] {
    return [...this.byId.values()].map((s) => ({
      ref: s.ref,
      user: s.user,
      via: s.from.via,
      address: s.from.address,
      state: s.isActive(now) ? 'signed_in' : 'locked',
      signedInAt: s.signedInAt.toISOString(),
      lastActivityAt: s.lastActivityAt.toISOString(),
    }));
  }

  /** What the sign-in screen is told about this caller. */
  status(caller: Caller, hasAccounts: boolean, now: Date): SessionStatus {
    if (!hasAccounts) return { state: 'no_accounts' };
    if (!caller.session || !this.holds(caller.session)) return { state: 'signed_out' };
    return caller.session.status(now);
  }

  private forgetStale(now: Date): void {
    for (const session of [...this.byId.values()]) {
      if (now.getTime() - session.lastActivityAt.getTime() >= this.forgetAfterMs) this.end(session, now);
    }
    if (this.byId.size < this.limit) return;
    const oldestFirst = [...this.byId.values()].sort((a, b) => a.lastActivityAt.getTime() - b.lastActivityAt.getTime());
    for (const session of oldestFirst.slice(0, this.byId.size - this.limit + 1)) this.end(session, now);
  }
}
