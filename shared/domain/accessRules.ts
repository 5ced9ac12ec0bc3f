// What the access record keeps of each call (issue 15, item 4). The dispatcher records centrally
// from this map, so no service has to remember to: every write (by channel, with the record it
// touched), the reads that open a case, a panel or a pack, the files that go out and come in, and
// the session's own events. Nothing of a payload goes in: names, the address, the channel, a case
// reference and a record's id or file name only.
import type { Channel } from '../contract';
import type { AccessKind } from './accessRecord';

/** What one call adds to the record: its kind, and the case and record it reached, where there are. */
export interface AccessAbout {
  kind: AccessKind;
  caseReference?: string | null;
  record?: string | null;
}

type Loose = Record<string, unknown>;
/** How a recorded channel is described from its parsed input and its answer. */
export type AccessRule = (input: Loose, output: Loose) => AccessAbout;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** The ids a write's input names, in the order they say most about what was touched. */
const TOUCHED = [
  ['panelId', 'panel'],
  ['escalationId', 'escalation'],
  ['agencyId', 'agency'],
  ['officerId', 'officer'],
  ['userId', 'account'],
  ['profileId', 'policy profile'],
  ['actionId', 'action'],
  ['sessionRef', 'session'],
] as const;

/** The record a write touched: the first id its input names, else the id of what it made. */
export function touchedRecord(channel: string, input: Loose, output: Loose): string | null {
  for (const [key, label] of TOUCHED) {
    const id = num(input[key]);
    if (id !== null) return `${label} ${id}`;
  }
  const made = num(output.id);
  if (made !== null) return `${channel.split(':')[0]} id ${made}`;
  return null;
}

const opened =
  (kind: AccessKind, label: string, key: string): AccessRule =>
  (input, output) => ({ kind, caseReference: str(output.reference), record: `${label} ${String(num(input[key]))}` });

const exported: AccessRule = (_input, output) => ({ kind: 'export_started', record: `${str(output.label)} (${str(output.fileName)})` });

/**
 * The reads, tasks and session channels that are recorded, and how. Every write not named here is
 * recorded as a change ('write') with the record it touched; reads and tasks not named are not
 * recorded (lists, figures, checks: they open no one case).
 */
export const accessRules: Partial<Record<Channel, AccessRule>> = {
  'escalations:get': opened('case_opened', 'escalation', 'escalationId'),
  'escalations:outcomeLetter': () => ({ kind: 'case_opened', record: 'outcome letter draft' }),
  'escalations:chairReferral': () => ({ kind: 'case_opened', record: 'chair referral draft' }),
  'panels:get': opened('panel_opened', 'panel', 'panelId'),
  'panels:pack': opened('pack_opened', 'panel', 'panelId'),
  'exports:boardReturn': exported,
  'exports:agencyTemplate': exported,
  'access:export': exported,
  'exports:deliver': (_input, output) => {
    const how = str(output.how);
    const file = how === 'saved' ? baseName(str(output.path) ?? '') : how === 'download' ? str(output.fileName) : null;
    return { kind: 'export_delivered', record: file === null ? 'cancelled' : file };
  },
  'returns:import': (input, output) => ({
    kind: 'return_imported',
    record: `${str(input.fileName)}: ${str(output.agencyName)}, ${str(output.quarter)}`,
  }),
  // The preview reads every row of a file the coordinator holds, not the register: not recorded.
  'legacy:import': (input, output) => ({ kind: 'register_imported', record: `${str(input.fileName)}: ${str(output.state)}` }),
  'session:setUp': () => ({ kind: 'signed_in', record: 'first account set up' }),
  'session:signIn': (_input, output) => ({ kind: output.signedIn === true ? 'signed_in' : 'sign_in_refused' }),
  'session:signOut': () => ({ kind: 'signed_out' }),
  'session:lock': () => ({ kind: 'locked' }),
  'sessions:end': (_input, output) => ({ kind: 'session_ended', record: `session ${String(num(output.ref))} of ${str(output.userName)}` }),
};

/** Whether a call on this channel is put on the record (every write; the reads and tasks named above). */
export function isRecorded(channel: Channel, kind: 'read' | 'write' | 'task'): boolean {
  return kind === 'write' || channel in accessRules;
}
