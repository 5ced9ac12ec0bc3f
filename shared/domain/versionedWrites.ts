// Which record each write changes, named once for every write channel. TypeScript keeps this map
// and the contract in step: a write whose input carries basedOnVersion must say which record it
// changes here, and one without it must be listed as not versioned (a new record, a session, an
// account), so a new write channel cannot slip in without someone deciding.
import type { Channel, Contract, ParsedInput } from '../contract';
import { ACCESS_KIND_LABELS, type AccessKind } from './accessRecord';
import type { RecordKind } from './recordVersion';

type WriteChannel = { [C in Channel]: Contract[C]['kind'] extends 'write' ? C : never }[Channel];

/**
 * How the record's id is found in the parsed input: directly, or through a membership, an officer
 * or a panel, which the dispatcher looks up (shared code knows no SQL).
 */
export type RecordRef =
  | { kind: RecordKind; id: number; via?: undefined }
  | { kind: 'agency'; via: 'membership' | 'officer'; id: number }
  | { kind: 'case'; via: 'panel' | 'notification' | 'action'; id: number };

export interface VersionRule<C extends Channel> {
  /** What the person did, in plain words, for the refusal another person reads ("recorded a stage discussion"). */
  what: string;
  /** The record the basedOnVersion is checked against, then any other record the write also changes (bumped, not checked). */
  records: (input: ParsedInput<C>) => readonly [RecordRef, ...RecordRef[]];
}

/** A write that names no version: what the person did, in plain words, and why it has no version. */
export type NotVersioned = { what: string; notVersioned: string };

type Rules = {
  [C in WriteChannel]: ParsedInput<C> extends { basedOnVersion: number } ? VersionRule<C> : NotVersioned;
};

const SETTINGS = [{ kind: 'settings', id: 1 }] as const;
const theCase = (input: { escalationId: number }) => [{ kind: 'case', id: input.escalationId }] as const;
const theAgency = (input: { agencyId: number }) => [{ kind: 'agency', id: input.agencyId }] as const;

export const versionedWrites: Rules = {
  'session:setUp': { what: 'made the first account', notVersioned: 'makes the first account' },
  'session:signIn': { what: 'signed in', notVersioned: 'a session, not a record' },
  'session:signOut': { what: 'signed out', notVersioned: 'a session, not a record' },
  'records:unlock': { what: 'unlocked the records', notVersioned: 'opens the records, changes none' },
  'records:setUp': { what: 'set up the records’ key', notVersioned: 'makes the records’ key, before there are records' },
  'session:lock': { what: 'locked the app', notVersioned: 'a session, not a record' },
  'session:changePassword': { what: 'changed their own password', notVersioned: 'the person’s own password' },
  'users:create': { what: 'made an account', notVersioned: 'makes a new account' },
  'users:update': { what: 'changed an account', notVersioned: 'accounts are one person’s task (the coordinator’s)' },
  'users:resetPassword': { what: 'reset an account’s password', notVersioned: 'accounts are one person’s task (the coordinator’s)' },
  'users:setIdleLock': { what: 'changed the idle lock', notVersioned: 'one number, set outright' },
  'sessions:end': { what: 'ended a session', notVersioned: 'a session, not a record' },
  'connection:choose': {
    what: 'chose where the records are',
    notVersioned: 'this computer’s choice of where the records are, not a record',
  },

  'agencies:create': { what: 'added an agency', notVersioned: 'makes a new agency' },
  'agencies:update': { what: 'changed the agency’s details', records: theAgency },
  'agencies:retire': { what: 'retired the agency', records: theAgency },
  'memberships:add': { what: 'added a board membership', records: theAgency },
  'memberships:end': { what: 'ended a board membership', records: (i) => [{ kind: 'agency', via: 'membership', id: i.membershipId }] },
  'officers:add': { what: 'added a senior officer', records: theAgency },
  'officers:update': { what: 'changed a senior officer’s details', records: (i) => [{ kind: 'agency', via: 'officer', id: i.officerId }] },
  'officers:leave': { what: 'recorded a senior officer leaving', records: (i) => [{ kind: 'agency', via: 'officer', id: i.officerId }] },

  'settings:update': { what: 'changed the board’s details', records: () => SETTINGS },
  'profiles:choose': { what: 'chose the board’s policy', records: () => SETTINGS },
  'profiles:saveEdited': { what: 'saved an edited policy', records: () => SETTINGS },
  'profiles:correctTimescale': { what: 'corrected a policy timescale', records: () => SETTINGS },
  'calendar:addClosureDay': { what: 'added a closure day', records: () => SETTINGS },
  'calendar:removeClosureDay': { what: 'removed a closure day', records: () => SETTINGS },
  'categories:add': { what: 'added a category', records: () => SETTINGS },
  'themes:add': { what: 'added a learning theme', records: () => SETTINGS },
  'retention:setPeriod': { what: 'changed the retention review period', records: () => SETTINGS },

  'escalations:create': { what: 'logged a new case', notVersioned: 'makes a new case' },
  'escalations:escalate': { what: 'moved the case up a stage', records: theCase },
  'escalations:recordStage': { what: 'recorded a stage discussion', records: theCase },
  'escalations:recordReferral': { what: 'recorded the referral', records: theCase },
  'escalations:recordNotification': {
    what: 'recorded a notification',
    records: (i) => [{ kind: 'case', via: 'notification', id: i.notificationId }],
  },
  'escalations:resolve': { what: 'recorded the resolution', records: theCase },
  'escalations:withdraw': { what: 'withdrew the case', records: theCase },
  'escalations:close': { what: 'closed the case', records: theCase },
  'escalations:requestSignOff': { what: 'asked the chair to sign off the case', records: theCase },
  'escalations:signOff': { what: 'signed off and closed the case', records: theCase },
  'escalations:declineSignOff': { what: 'declined to sign off the case', records: theCase },
  'escalations:actionDone': { what: 'marked an action done', records: (i) => [{ kind: 'case', via: 'action', id: i.actionId }] },
  'escalations:correct': { what: 'corrected a detail', records: theCase },
  'escalations:trackDeadline': { what: 'started tracking the stage’s deadline', records: theCase },
  'escalations:redact': { what: 'removed an identifier', records: theCase },
  'chair:decide': { what: 'recorded the chair’s decision', records: theCase },
  // Planning a panel, or changing its plan, is a change to the case it is for.
  'panels:save': { what: 'planned a panel for the case', records: theCase },
  'panels:addRepresentation': { what: 'added a representation', records: (i) => [{ kind: 'panel', id: i.panelId }] },
  // The decision changes the panel and settles the case: both move on.
  'panels:recordDecision': {
    what: 'recorded the panel’s decision',
    records: (i) => [
      { kind: 'panel', id: i.panelId },
      { kind: 'case', via: 'panel', id: i.panelId },
    ],
  },
  'panels:cancel': { what: 'cancelled the panel', records: (i) => [{ kind: 'panel', id: i.panelId }] },
  'retention:deleteCase': { what: 'deleted the case after review', records: theCase },
};

export type VersionedChannel = { [C in WriteChannel]: Rules[C] extends VersionRule<C> ? C : never }[WriteChannel];

/** The rule for a channel, or null for a channel that names no version (reads, tasks, new records, sessions). */
export function versionRule(channel: Channel): VersionRule<Channel> | null {
  const rule = (versionedWrites as Partial<Record<Channel, VersionRule<Channel> | NotVersioned>>)[channel];
  return rule && 'records' in rule ? rule : null;
}

/** What a write did, in plain words ("recorded a stage discussion"); null for a name that is no write channel. */
export function writeDescription(channel: string): string | null {
  const rule = (versionedWrites as Partial<Record<string, VersionRule<Channel> | NotVersioned>>)[channel];
  return rule ? rule.what : null;
}

/** An access entry's "what" in words, the same on screen and in the export: "Changed a record: recorded a stage discussion". */
export function describeAccess(kind: AccessKind, channel: string): string {
  return kind === 'write' ? `${ACCESS_KIND_LABELS.write}: ${writeDescription(channel) ?? channel}` : ACCESS_KIND_LABELS[kind];
}
