// One signed-in person's session: made by the session registry when they sign in (or make the
// board's first account), ended when they sign out. Each person has their own: the desktop
// window's, the command line's and every browser's through the web mode. A session locks itself
// when nobody has used it for the board's idle period; a locked session keeps its user, but every
// channel except signing in again (or out) is refused until the password is given again.
import type { SessionStatus, SignedInUser } from '../../../shared/domain/accounts';

/** Where a session was opened: the desktop window, a program in this process (the command line, tests), or a browser. */
export type SessionVia = 'desktop' | 'process' | 'web';

export interface SessionOrigin {
  via: SessionVia;
  /** The browser's network address (web only), for the coordinator's list and, later, the access record. */
  address: string | null;
}

export class Session {
  private locked = false;
  private endedAt: number | null = null;
  private lastActivity: number;

  constructor(
    /** 256 random bits, base64url: what the browser's cookie holds. */
    readonly id: string,
    /** 256 random bits the page sends back in a header on every call (never in a cookie). */
    readonly csrfToken: string,
    /** A small number for naming the session in lists without giving its id away. */
    readonly ref: number,
    private person: SignedInUser,
    readonly from: SessionOrigin,
    readonly signedInAt: Date,
    private readonly idleMinutes: () => number,
    /** Told once when the session locks itself for want of use (for the access record), with when it locked. */
    private readonly lockedForIdleness: (session: Session, at: Date) => void = () => undefined,
  ) {
    this.lastActivity = signedInAt.getTime();
  }

  get user(): SignedInUser {
    return this.person;
  }

  get ended(): boolean {
    return this.endedAt !== null;
  }

  get idleLockMinutes(): number {
    return this.idleMinutes();
  }

  get lastActivityAt(): Date {
    return new Date(this.lastActivity);
  }

  /** The account was renamed or given another role: the session shows it at once. */
  updateUser(user: SignedInUser): void {
    this.person = user;
  }

  lock(): void {
    if (!this.ended) this.locked = true;
  }

  /** Only the registry ends a session, so that it also forgets it. */
  markEnded(now: Date): void {
    this.endedAt = now.getTime();
  }

  /** Locks the session if it has been idle too long; answers whether it is usable now. */
  isActive(now: Date): boolean {
    if (this.ended) return false;
    const idleMs = this.idleMinutes() * 60_000;
    if (!this.locked && now.getTime() - this.lastActivity >= idleMs) {
      this.locked = true;
      this.lockedForIdleness(this, new Date(this.lastActivity + idleMs));
    }
    return !this.locked;
  }

  /** Someone used the app (a keystroke or click reported by the window, or any change). */
  touch(now: Date): void {
    if (!this.locked && !this.ended) this.lastActivity = now.getTime();
  }

  status(now: Date): SessionStatus {
    if (this.ended) return { state: 'signed_out' };
    return { state: this.isActive(now) ? 'signed_in' : 'locked', user: this.person, idleLockMinutes: this.idleMinutes() };
  }
}
