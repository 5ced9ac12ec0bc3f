// The escalation row as stored, and the small lookups every escalation service needs.
import { statement } from '../../db/statements';
import type { ChildStatus, EscalationStatus } from '../../../shared/domain/escalation';
import type { ReadableDb, WritableDb } from '../../db/types';
import { DomainError, NotFoundError } from '../errors';
import { bulkCaches, cachedIn } from '../bulkWrite';

export type AnyDb = ReadableDb | WritableDb;

export interface EscalationRow {
  id: number;
  reference: string;
  child_initials: string;
  origin: 'board' | 'agency_return';
  profile_id: number;
  raising_agency_id: number;
  raising_worker_role: string;
  raising_worker_email: string;
  category_id: number;
  child_status: ChildStatus;
  summary: string;
  opened_on: string;
  immediate_risk: 0 | 1;
  referral_to: string | null;
  referral_made_on: string | null;
  /** The same working day as the opening, for a child at immediate risk (migration 0160). */
  referral_due_on: string | null;
  /** A referral date recorded when the forms filled in the day of recording, awaiting confirmation (migration 0160). */
  referral_unconfirmed_on: string | null;
  status: EscalationStatus;
  first_stage: number;
  highest_stage: number;
  current_stage: number | null;
  current_due_on: string | null;
  current_due_soon_from: string | null;
  same_day_deadline: string | null;
  first_stage_ended_on: string | null;
  ended_on: string | null;
  /** The previous register this case was imported from (migration 0190), and its row there. */
  legacy_import_id: number | null;
  legacy_row: number | null;
}

export interface StageRow {
  id: number;
  escalation_id: number;
  stage_number: number;
  started_on: string;
  timescale_days: number | null;
  due_on: string | null;
  due_soon_from: string | null;
  ended_on: string | null;
  end_reason: string | null;
  /** The day the deadline counts from when not the stage's start: an imported case the board tracks (migration 0200). */
  counted_from: string | null;
  discussion: string;
  decision: string;
  participants: string;
}

/**
 * The id for a new case: past every case there is and every case deleted after a retention review,
 * so an id is never reused and the audit entries about a deleted case are never read as another's.
 */
export function nextEscalationId(db: WritableDb): number {
  // A bulk write counts on from the first id it read; its own cases are the only new ones.
  const bulk = bulkCaches(db);
  if (bulk?.nextEscalationId !== undefined) return bulk.nextEscalationId++;
  const row = statement(
    db,
    'SELECT max(coalesce((SELECT max(id) FROM escalation), 0), coalesce((SELECT max(escalation_id) FROM retention_deletion), 0)) + 1 AS id',
  ).get() as { id: number };
  if (bulk) bulk.nextEscalationId = row.id + 1;
  return row.id;
}

export function escalationRow(db: AnyDb, escalationId: number): EscalationRow {
  const row = db.prepare('SELECT * FROM escalation WHERE id = ?').get(escalationId) as EscalationRow | undefined;
  if (!row) throw new NotFoundError(`There is no escalation with id ${escalationId}.`);
  return row;
}

export function openStage(db: AnyDb, escalationId: number): StageRow | null {
  return (
    (db.prepare('SELECT * FROM stage_entry WHERE escalation_id = ? AND ended_on IS NULL ORDER BY id DESC LIMIT 1').get(escalationId) as
      StageRow | undefined) ?? null
  );
}

export function requireOpen(row: EscalationRow, doing: string): void {
  if (row.status !== 'open') throw new DomainError(`Escalation ${row.reference} is ${row.status}; it cannot be ${doing}.`);
}

export function requireNotBefore(date: string, earliest: string, what: string, where: string): void {
  if (date < earliest)
    throw new DomainError(`${what} cannot be before ${earliest.split('-').reverse().join('/')}.`, [
      { where, message: `Must be on or after ${earliest}` },
    ]);
}

export function agencyName(db: AnyDb, agencyId: number): string {
  return cachedIn(
    db,
    (c) => c.agencyNames,
    agencyId,
    () => {
      const row = statement(db, 'SELECT name FROM agency WHERE id = ?').get(agencyId) as { name: string } | undefined;
      if (!row) throw new NotFoundError(`There is no agency with id ${agencyId}.`);
      return row.name;
    },
  );
}
