// The door every call passes through before it reaches a service: who is calling, may their role
// use this channel, and whose name goes on the change. Two kinds of caller exist: a person
// signed in to the app (the desktop window, each browser through the web mode, the command line
// once accounts exist), each with their own session, and a trusted program in the same process
// (tests, and the command line before any account).
import { channelAccess, refusalFor } from '../../../shared/domain/access';
import type { Channel } from '../../../shared/contract';
import { accessRefused, type Failure } from '../../../shared/result';
import type { Caller, SessionRegistry } from './sessionRegistry';
import { actorName } from './users';

export type Admission = { ok: true; actor: string } | { ok: false; failure: Failure };

export interface AccessGate {
  /** May this caller use this channel now, and under what name? */
  admit(channel: Channel, kind: 'read' | 'write' | 'task', now: Date, caller: Caller): Admission;
}

/** In-process callers that hold the database anyway: every channel, under the name given. */
export function trustedCaller(actor: () => string): AccessGate {
  return { admit: () => ({ ok: true, actor: actor() }) };
}

const NOT_SIGNED_IN = 'Not signed in: sign in to continue.';
// Said for 'open' channels, which run before anyone is signed in; the services name the real
// person where there is one (a sign-in is attributed to the user who signed in).
const NOBODY = 'not signed in';

export function sessionGate(sessions: SessionRegistry): AccessGate {
  return {
    admit(channel, kind, now, caller) {
      // A session that has ended (signed out elsewhere, its account disabled, the desk restored) is no claim at all.
      if (caller.session && !sessions.holds(caller.session)) caller.session = null;
      const session = caller.session;
      const access = channelAccess[channel];
      if (access === 'open') return { ok: true, actor: session ? actorName(session.user) : NOBODY };
      if (!session) return { ok: false, failure: accessRefused('signed_out', NOT_SIGNED_IN) };
      if (!session.isActive(now)) {
        return {
          ok: false,
          failure: accessRefused(
            'locked',
            `The app locked itself after ${session.idleLockMinutes} minutes without use. Enter your password to carry on.`,
          ),
        };
      }
      const user = session.user;
      if (typeof access !== 'string' && !access.includes(user.role))
        return { ok: false, failure: accessRefused('not_allowed', refusalFor(user.role, channel)) };
      // Reads do not count as use: a screen polling an export would otherwise keep the app open.
      if (kind !== 'read' || channel === 'session:touch') session.touch(now);
      return { ok: true, actor: actorName(user) };
    },
  };
}
