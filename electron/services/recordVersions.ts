// Two people, one case: the one place a write's basedOnVersion is checked and the record's version
// moved on. The dispatcher calls checkAndMoveOn inside the write's transaction, before the
// service, for every channel the map in shared/domain/versionedWrites.ts names; a refusal throws
// there, so the transaction rolls back and the file is exactly as it was.
import type { Channel } from '../../shared/contract';
import { staleMessage, type RecordKind } from '../../shared/domain/recordVersion';
import { versionRule, versionedWrites, type RecordRef } from '../../shared/domain/versionedWrites';
import type { ReadableDb, WritableDb } from '../db/types';
import { StaleRecordError } from './errors';

type AnyDb = ReadableDb | WritableDb;

interface VersionRow {
  version: number;
  changed_at: string;
  changed_by: string;
  change: string;
}

/** The record's current version: 1 until its first change after it was made. */
export function currentVersion(db: AnyDb, kind: RecordKind, recordId: number): number {
  const row = db.prepare('SELECT version FROM record_version WHERE kind = ? AND record_id = ?').get(kind, recordId) as
    { version: number } | undefined;
  return row?.version ?? 1;
}

// What a membership, officer, panel, notification or action belongs to.
const OWNER: Record<NonNullable<RecordRef['via']>, string> = {
  membership: 'SELECT agency_id AS id FROM board_membership WHERE id = ?',
  officer: 'SELECT agency_id AS id FROM officer WHERE id = ?',
  panel: 'SELECT escalation_id AS id FROM panel WHERE id = ?',
  notification: 'SELECT escalation_id AS id FROM notification WHERE id = ?',
  action: 'SELECT escalation_id AS id FROM outcome_action WHERE id = ?',
};

/**
 * The records a write changes, with their ids. A membership (or panel, …) that does not exist has
 * no record: the service refuses it in its own words.
 */
export function recordsOf(db: AnyDb, channel: Channel, input: unknown): { kind: RecordKind; id: number }[] {
  const rule = versionRule(channel);
  if (!rule) return [];
  const found: { kind: RecordKind; id: number }[] = [];
  for (const ref of rule.records(input as never)) {
    if (ref.via === undefined) found.push({ kind: ref.kind, id: ref.id });
    else {
      const owner = db.prepare(OWNER[ref.via]).get(ref.id) as { id: number } | undefined;
      if (owner) found.push({ kind: ref.kind, id: owner.id });
    }
  }
  return found;
}

/** The version a write on this channel is checked against (the first record it changes); 1 if it names none. */
export function versionFor(db: AnyDb, channel: Channel, input: unknown): number {
  const [first] = recordsOf(db, channel, input);
  return first ? currentVersion(db, first.kind, first.id) : 1;
}

/** Words for what a stored change was: the map's, or the channel's name for one this version no longer knows. */
function whatWasDone(change: string): string {
  const rule = (versionedWrites as Partial<Record<string, { what?: string }>>)[change];
  return rule?.what ?? `made a change (${change})`;
}

/**
 * Refuses a write based on an older version of the record than the stored one, naming who changed
 * it, what they did and when; otherwise moves every record the write changes on by one, as this
 * actor, now. Runs inside the write's transaction.
 */
export function checkAndMoveOn(db: WritableDb, channel: Channel, input: unknown, actor: string, now: Date): void {
  const records = recordsOf(db, channel, input);
  if (records.length === 0) return;
  const [checked] = records as [{ kind: RecordKind; id: number }];
  const basedOn = (input as { basedOnVersion: number }).basedOnVersion;
  const stored = db
    .prepare('SELECT version, changed_at, changed_by, change FROM record_version WHERE kind = ? AND record_id = ?')
    .get(checked.kind, checked.id) as VersionRow | undefined;
  const current = stored?.version ?? 1;
  if (basedOn !== current) {
    if (stored && basedOn < current) {
      throw new StaleRecordError(
        staleMessage(checked.kind, { changedAt: stored.changed_at, changedBy: stored.changed_by, what: whatWasDone(stored.change) }),
        current,
      );
    }
    // Ahead of the records (a version that was never stored): not someone else's change, a mistake.
    throw new StaleRecordError(
      `This change was based on version ${basedOn} of the record, but the records hold version ${current}. Nothing was saved: reload the page and try again.`,
      current,
    );
  }
  const moveOn = db.prepare(
    `INSERT INTO record_version (kind, record_id, version, changed_at, changed_by, change) VALUES (?, ?, 2, ?, ?, ?)
     ON CONFLICT (kind, record_id) DO UPDATE SET version = version + 1, changed_at = excluded.changed_at,
       changed_by = excluded.changed_by, change = excluded.change`,
  );
  const seen = new Set<string>();
  for (const record of records) {
    const key = `${record.kind}:${record.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    moveOn.run(record.kind, record.id, now.toISOString(), actor, channel);
  }
}
