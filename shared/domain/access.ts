// Who may call each channel. Every channel is listed (TypeScript refuses a missing one), so a new
// channel cannot slip in without someone deciding who may use it. The dispatcher enforces this
// map for every bridge; the renderer reads the same map to offer only what the user may do.
import type { Channel } from '../contract';
import { ROLE_LABELS, type Role } from './accounts';

/** open: before signing in; signed_in: any role; a list: only those roles. */
export type Access = 'open' | 'signed_in' | readonly Role[];

const COORDINATOR = ['coordinator'] as const;
const CHAIR = ['chair'] as const;
// The quarterly return goes out from the coordinator or the learning hub's analyst.
const EXPORTERS = ['coordinator', 'learning_hub'] as const;

export const channelAccess: Record<Channel, Access> = {
  'app:info': 'open',
  // Asked before anyone signs in (the desktop app's first start); the desktop app's main process answers them itself.
  'connection:get': 'open',
  'connection:choose': 'open',
  'session:status': 'open',
  'session:setUp': 'open',
  'session:signIn': 'open',
  'session:signOut': 'open',
  'session:lock': 'signed_in',
  'session:touch': 'signed_in',
  'session:changePassword': 'signed_in',
  'users:list': COORDINATOR,
  'users:create': COORDINATOR,
  'users:update': COORDINATOR,
  'users:resetPassword': COORDINATOR,
  'users:setIdleLock': COORDINATOR,

  'agencies:list': 'signed_in',
  'agencies:get': 'signed_in',
  'agencies:create': COORDINATOR,
  'agencies:update': COORDINATOR,
  'agencies:retire': COORDINATOR,
  'memberships:add': COORDINATOR,
  'memberships:end': COORDINATOR,
  'officers:add': COORDINATOR,
  'officers:update': COORDINATOR,
  'officers:leave': COORDINATOR,
  'board:membersOn': 'signed_in',

  'settings:get': 'signed_in',
  'settings:update': COORDINATOR,
  'profiles:get': 'signed_in',
  'profiles:choose': COORDINATOR,
  'profiles:saveEdited': COORDINATOR,
  'profiles:correctTimescale': COORDINATOR,
  'calendar:addClosureDay': COORDINATOR,
  'calendar:removeClosureDay': COORDINATOR,
  'calendar:bankHolidays': 'signed_in',
  'categories:add': COORDINATOR,
  'themes:add': COORDINATOR,

  'escalations:create': COORDINATOR,
  'escalations:get': 'signed_in',
  'escalations:list': 'signed_in',
  'escalations:overdue': 'signed_in',
  'escalations:escalate': COORDINATOR,
  'escalations:recordStage': COORDINATOR,
  'escalations:recordReferral': COORDINATOR,
  'escalations:recordNotification': COORDINATOR,
  'escalations:resolve': COORDINATOR,
  'escalations:withdraw': COORDINATOR,
  // The chair signs off in the app where the board has a chair account (the coordinator asks);
  // where it has none, the coordinator records who signed off and how (escalations:close).
  'escalations:close': COORDINATOR,
  'escalations:requestSignOff': COORDINATOR,
  'escalations:signOff': CHAIR,
  'escalations:declineSignOff': CHAIR,
  'signOffs:pending': 'signed_in',
  'escalations:actionDone': COORDINATOR,
  'escalations:correct': COORDINATOR,
  'escalations:trackDeadline': COORDINATOR,
  'escalations:redact': COORDINATOR,
  'escalations:outcomeLetter': 'signed_in',
  'escalations:chairReferral': 'signed_in',
  'chair:policyGaps': 'signed_in',
  'chair:awaitingDecision': 'signed_in',

  'chair:decide': CHAIR,
  'panels:options': 'signed_in',
  'panels:check': 'signed_in',
  'panels:suggest': 'signed_in',
  'panels:save': CHAIR,
  'panels:get': 'signed_in',
  'panels:list': 'signed_in',
  'panels:addRepresentation': CHAIR,
  'panels:recordDecision': CHAIR,
  'panels:cancel': CHAIR,
  'panels:pack': 'signed_in',

  'dashboard:quarter': 'signed_in',

  'exports:boardReturn': EXPORTERS,
  'exports:agencyTemplate': EXPORTERS,
  'exports:status': EXPORTERS,
  'exports:deliver': EXPORTERS,
  'returns:import': COORDINATOR,
  'returns:status': 'signed_in',
  // A board's history comes in once, by the coordinator who keeps the register.
  'legacy:preview': COORDINATOR,
  'legacy:import': COORDINATOR,
  'legacy:status': COORDINATOR,
  'legacy:cancel': COORDINATOR,

  // Retention: anyone signed in sees what is due (the register shows the same cases); the period
  // and a deletion are the coordinator's, who keeps the board's records.
  'retention:review': 'signed_in',
  'retention:setPeriod': COORDINATOR,
  'retention:deleteCase': COORDINATOR,
  // While the records file is damaged there are no accounts, and the front door answers this
  // itself (electron/app/deskHost.ts); once it is open, it is for anyone signed in.
  'desk:health': 'signed_in',
  // Backups hold every record: listing, taking and restoring them is the coordinator's.
  'backups:list': COORDINATOR,
  'backups:check': COORDINATOR,
  'backups:create': COORDINATOR,
  'backups:restore': COORDINATOR,
  // Before anyone can sign in: the records' own passphrase is the check (answered only while they are locked).
  'records:unlock': 'open',
  'records:setUp': 'open',
  // The access record and who is signed in: the coordinator's, who answers the board's data-protection reviews.
  'access:search': COORDINATOR,
  'access:export': COORDINATOR,
  'sessions:list': COORDINATOR,
  'sessions:end': COORDINATOR,
};

/** Whether a signed-in user with this role may call the channel. */
export function roleMayCall(role: Role, channel: Channel): boolean {
  const access = channelAccess[channel];
  return access === 'open' || access === 'signed_in' || access.includes(role);
}

/** The plain-words refusal for a role that may not call a channel. */
export function refusalFor(role: Role, channel: Channel): string {
  const access = channelAccess[channel];
  const who = typeof access === 'string' ? 'someone signed in' : access.map((r) => ROLE_LABELS[r].toLowerCase()).join(' or the ');
  return `Your role (${ROLE_LABELS[role].toLowerCase()}) cannot do this: it is for the ${who}. Nothing was changed.`;
}
