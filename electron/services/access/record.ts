// Appending to the access record: one prepared statement, called by the dispatcher for every
// recorded call (the map in shared/domain/accessRules.ts) and by the web server for a download.
// The table refuses changes and deletions (migration 0140), so what is written here stays.
import { todayIso } from '../../../shared/domain/dates';
import { NO_ACCOUNT, type AccessKind, type AccessVia } from '../../../shared/domain/accessRecord';
import { accessRules, touchedRecord } from '../../../shared/domain/accessRules';
import type { ReadableDb, WritableDb } from '../../db/types';
import { statement } from '../../db/statements';
import type { Session, SessionOrigin } from '../accounts/session';

export interface AccessWho {
  displayName: string;
  userName: string | null;
}

export interface AccessEntryInput {
  at: Date;
  who: AccessWho;
  address: string | null;
  via: AccessVia;
  kind: AccessKind;
  channel: string;
  caseReference: string | null;
  record: string | null;
}

const INSERT = `INSERT INTO access_entry (at, on_date, display_name, user_name, address, via, kind, channel, case_reference, record)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function appendAccess(db: WritableDb, entry: AccessEntryInput): void {
  statement(db, INSERT).run(
    entry.at.toISOString(),
    todayIso(entry.at),
    entry.who.displayName,
    entry.who.userName,
    entry.address,
    entry.via,
    entry.kind,
    entry.channel,
    entry.caseReference,
    entry.record,
  );
}

/** The window, a browser, or a program in this process (the command line; tests). */
export const viaOf = (via: SessionOrigin['via']): AccessVia => (via === 'process' ? 'command line' : via);

/** The case reference of an escalation id (null once the case is deleted after a retention review). */
function caseReferenceOf(db: ReadableDb | WritableDb, escalationId: unknown): string | null {
  if (typeof escalationId !== 'number') return null;
  const row = statement(db, 'SELECT reference FROM escalation WHERE id = ?').get(escalationId) as { reference: string } | undefined;
  return row?.reference ?? null;
}

type Loose = Record<string, unknown>;
const loose = (value: unknown): Loose => (value !== null && typeof value === 'object' ? (value as Loose) : {});

/** One answered call, as the dispatcher saw it. */
export interface AnsweredCall {
  channel: string;
  kind: 'read' | 'write' | 'task';
  input: unknown;
  output: unknown;
  /** The session the call presented before it ran, and the one it holds after (signing in and out change it). */
  before: Session | null;
  after: Session | null;
  from: SessionOrigin;
  /** The name the gate gave (a trusted in-process caller has no session). */
  actor: string;
  at: Date;
}

/** What the record keeps of this call, or null when the channel is not recorded (the map says which). */
export function accessEntryFor(db: WritableDb, call: AnsweredCall): AccessEntryInput | null {
  const rule = accessRules[call.channel as keyof typeof accessRules];
  if (!rule && call.kind !== 'write') return null;
  const input = loose(call.input);
  const output = loose(call.output);
  const about = rule ? rule(input, output) : { kind: 'write' as const, record: touchedRecord(call.channel, input, output) };
  const session = call.after ?? call.before;
  const who: AccessWho =
    about.kind === 'sign_in_refused'
      ? // Nobody signed in: the name typed is kept, as the audit keeps it for a failed sign-in.
        { displayName: NO_ACCOUNT, userName: typeof input.userName === 'string' ? input.userName : null }
      : session
        ? { displayName: session.user.displayName, userName: session.user.userName }
        : { displayName: call.actor, userName: null };
  const caseReference =
    about.caseReference ?? (typeof output.reference === 'string' ? output.reference : null) ?? caseReferenceOf(db, input.escalationId);
  return {
    at: call.at,
    who,
    address: call.from.address,
    via: viaOf(call.from.via),
    kind: about.kind,
    channel: call.channel,
    caseReference,
    record: about.record ?? null,
  };
}

/** Records the call if the map says so; for a write, inside its own transaction (the caller's). */
export function recordCall(db: WritableDb, call: AnsweredCall): void {
  const entry = accessEntryFor(db, call);
  if (entry) appendAccess(db, entry);
}

/** A finished export handed to a browser (the web server's download route, which no channel covers). */
export function recordDownload(db: WritableDb, session: Session, address: string, fileName: string, at: Date): void {
  db.transaction(() =>
    appendAccess(db, {
      at,
      who: { displayName: session.user.displayName, userName: session.user.userName },
      address,
      via: 'web',
      kind: 'export_downloaded',
      channel: 'download',
      caseReference: null,
      record: fileName,
    }),
  ).immediate();
}

/** A session that locked itself after the idle period: said as a lock, with why, at the time it locked. */
export function recordIdleLock(db: WritableDb, session: Session, at: Date): void {
  db.transaction(() =>
    appendAccess(db, {
      at,
      who: { displayName: session.user.displayName, userName: session.user.userName },
      address: session.from.address,
      via: viaOf(session.from.via),
      kind: 'locked',
      channel: 'idle',
      caseReference: null,
      record: `idle for ${session.idleLockMinutes} minute${session.idleLockMinutes === 1 ? '' : 's'}`,
    }),
  )();
}
