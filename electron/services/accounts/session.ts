// Who is at the keyboard. One session per open desk: the desktop window, or the web mode's
// single local user behind its launch key. It locks itself when nobody has touched the app for
// the board's idle period; a locked session keeps its user, but every channel except signing in
// again (or out) is refused until the password is given again.
import type { SessionStatus, SignedInUser } from '../../../shared/domain/accounts';

type State = { kind: 'signed_out' } | { kind: 'signed_in' | 'locked'; user: SignedInUser; lastActivity: number };

export class Session {
  private state: State = { kind: 'signed_out' };

  constructor(private idleMinutes: number) {}

  get user(): SignedInUser | null {
    return this.state.kind === 'signed_out' ? null : this.state.user;
  }

  get idleLockMinutes(): number {
    return this.idleMinutes;
  }

  setIdleLockMinutes(minutes: number): void {
    this.idleMinutes = minutes;
  }

  signIn(user: SignedInUser, now: Date): void {
    this.state = { kind: 'signed_in', user, lastActivity: now.getTime() };
  }

  signOut(): void {
    this.state = { kind: 'signed_out' };
  }

  lock(): void {
    if (this.state.kind === 'signed_in') this.state = { ...this.state, kind: 'locked' };
  }

  /** Locks the session if it has been idle too long; answers whether it is usable now. */
  isActive(now: Date): boolean {
    if (this.state.kind === 'signed_in' && now.getTime() - this.state.lastActivity >= this.idleMinutes * 60_000) this.lock();
    return this.state.kind === 'signed_in';
  }

  /** Someone used the app (a keystroke or click reported by the window, or any change). */
  touch(now: Date): void {
    if (this.state.kind === 'signed_in') this.state.lastActivity = now.getTime();
  }

  status(hasAccounts: boolean, now: Date): SessionStatus {
    if (!hasAccounts) return { state: 'no_accounts' };
    this.isActive(now);
    if (this.state.kind === 'signed_out') return { state: 'signed_out' };
    return { state: this.state.kind, user: this.state.user, idleLockMinutes: this.idleMinutes };
  }
}
