// Removing a child's identifier that slipped into a case's text (shared/domain/redaction.ts): from
// the case's stored fields, and from the before/after values of the audit entries about the case,
// by the one update the audit trail allows (migration 0120). The redaction is itself an audit entry
// saying who removed text from which fields of which case and why, never the text; it lists the
// digest of what each changed entry now holds, so the chain still verifies and any other change to
// those entries is still caught. secure_delete overwrites the old values in the file; the
// dispatcher then checkpoints and truncates the write-ahead log (electron/db/wipe.ts).
import { occurrences, redactText, REDACTION_MARKER, type RedactionResult } from '../../../shared/domain/redaction';
import type { WritableDb } from '../../db/types';
import { appendAudit, contentDigest, REDACTION_ACTION, type RedactedEntry } from '../audit';
import type { WriteContext } from '../context';
import { DomainError } from '../errors';
import { escalationRow } from './rows';

interface TextColumns {
  table: string;
  /** The rows of the case, as a WHERE clause on :id. */
  scope: string;
  columns: Record<string, string>;
  /** How a row is named in the record ("Stage 2", "Action 3"): an SQL expression, or none. */
  label?: string;
}

// Every free-text column of a case's rows. Due-date history is not here: the app writes its reasons.
const CASE_TEXT_COLUMNS: readonly TextColumns[] = [
  {
    table: 'escalation',
    scope: 'id = :id',
    columns: {
      summary: 'What the disagreement is about',
      raising_worker_role: 'Raising worker’s role',
      raising_worker_email: 'Raising worker’s e-mail',
    },
  },
  {
    table: 'stage_entry',
    scope: 'escalation_id = :id',
    label: "'Stage ' || stage_number",
    columns: { discussion: 'Discussion', decision: 'Decision', participants: 'Who took part', end_reason: 'Why it ended' },
  },
  { table: 'notification', scope: 'escalation_id = :id', columns: { made_by: 'Notification made by' } },
  {
    table: 'outcome',
    scope: 'escalation_id = :id',
    columns: { statement: 'Statement of outcome', agreed_by: 'Agreed by', policy_gap_note: 'Policy gap' },
  },
  {
    table: 'outcome_action',
    scope: 'escalation_id = :id',
    label: "'Action ' || id",
    columns: { description: 'What', owner: 'Who owns it' },
  },
  { table: 'escalation_withdrawal', scope: 'escalation_id = :id', columns: { reason: 'Why it was withdrawn' } },
  { table: 'escalation_closure', scope: 'escalation_id = :id', columns: { chair_name: 'Chair who signed it off' } },
  {
    table: 'sign_off_request',
    scope: 'escalation_id = :id',
    label: "'Sign-off request ' || id",
    columns: { note: 'Note to the chair', decline_reason: 'Why the chair did not sign it off' },
  },
  { table: 'chair_decision', scope: 'escalation_id = :id', columns: { reasons: 'Chair’s reasons', decided_by: 'Chair’s decision by' } },
  {
    table: 'panel',
    scope: 'escalation_id = :id',
    label: "'Panel ' || id",
    columns: {
      chair_name: 'Chair',
      where_possible_reason: 'Why an agency in dispute is not on it',
      cancel_reason: 'Why it was cancelled',
      decision: 'Decision',
    },
  },
  {
    table: 'panel_representation',
    scope: 'panel_id IN (SELECT id FROM panel WHERE escalation_id = :id)',
    label: "'Representation ' || id",
    columns: { from_person: 'From', summary: 'What they said' },
  },
];

/** The text replaced in every string of a stored JSON value (keys and numbers are left alone). */
function redactJson(json: string | null, text: string): string | null {
  if (json === null) return null;
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return redactText(value, text);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return JSON.stringify(walk(JSON.parse(json)));
}

function redactCaseRows(db: WritableDb, escalationId: number, text: string): string[] {
  const fields: string[] = [];
  const holds = occurrences(text);
  for (const spec of CASE_TEXT_COLUMNS) {
    const columns = Object.keys(spec.columns);
    const rows = db
      .prepare(`SELECT rowid AS row_id, ${spec.label ?? 'NULL'} AS label, ${columns.join(', ')} FROM ${spec.table} WHERE ${spec.scope}`)
      .all({ id: escalationId }) as Record<string, unknown>[];
    for (const row of rows) {
      for (const column of columns) {
        const value = row[column];
        if (typeof value !== 'string' || value.search(holds) < 0) continue;
        db.prepare(`UPDATE ${spec.table} SET ${column} = ? WHERE rowid = ?`).run(redactText(value, text), row.row_id);
        fields.push(row.label ? `${String(row.label)}: ${spec.columns[column]}` : spec.columns[column]!);
      }
    }
  }
  return fields;
}

export function redactCase(
  ctx: WriteContext,
  input: { escalationId: number; text: string; reason: string },
): Omit<RedactionResult, 'walCheckpointed'> {
  const db = ctx.db;
  const row = escalationRow(db, input.escalationId);
  const holds = occurrences(input.text);
  if (input.reason.search(holds) >= 0) {
    throw new DomainError('Nothing was removed: the reason repeats the text being removed. Say why without it.', [
      { where: 'Why it is being removed', message: 'Must not contain the text being removed' },
    ]);
  }
  if ([row.reference, row.child_initials].some((kept) => kept !== '' && kept.search(holds) >= 0)) {
    throw new DomainError('Nothing was removed: that text is in the case reference or initials, which are kept. Correct them instead.', [
      { where: 'Text to remove', message: 'Part of the case reference or initials' },
    ]);
  }

  // The audit entries about the case that hold the text, with what each will hold instead.
  const entries = (
    db
      .prepare("SELECT id, before_json, after_json FROM audit_entry WHERE entity = 'escalation' AND entity_id = ? ORDER BY id")
      .all(row.id) as { id: number; before_json: string | null; after_json: string | null }[]
  )
    .filter((e) => (e.before_json ?? '').search(holds) >= 0 || (e.after_json ?? '').search(holds) >= 0)
    .map((e) => {
      const before = redactJson(e.before_json, input.text);
      const after = redactJson(e.after_json, input.text);
      return { id: e.id, before, after, digest: contentDigest(before, after) };
    });

  const previous = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    const fields = redactCaseRows(db, row.id, input.text);
    if (fields.length === 0 && entries.length === 0) {
      throw new DomainError(
        `Nothing was removed: that text is not in the records of ${row.reference}. Check it is typed exactly as it appears.`,
        [{ where: 'Text to remove', message: 'Not found in this case' }],
      );
    }
    const listed: RedactedEntry[] = entries.map((e) => ({ id: e.id, digest: e.digest }));
    const redactionEntryId = appendAudit(ctx, {
      action: REDACTION_ACTION,
      entity: 'escalation',
      entityId: row.id,
      after: { removed: `text replaced by ${REDACTION_MARKER}`, fields, auditEntries: listed, reason: input.reason },
    });
    // The one narrow path the audit trail's trigger allows, opened for these entries only.
    const pending = db.prepare('INSERT INTO audit_redaction_pending (entry_id, redaction_entry_id) VALUES (?, ?)');
    const replace = db.prepare('UPDATE audit_entry SET before_json = ?, after_json = ?, redacted_by = ? WHERE id = ?');
    for (const e of entries) {
      pending.run(e.id, redactionEntryId);
      replace.run(e.before, e.after, redactionEntryId, e.id);
    }
    db.prepare('DELETE FROM audit_redaction_pending WHERE redaction_entry_id = ?').run(redactionEntryId);
    return { escalationId: row.id, reference: row.reference, fields, auditEntriesChanged: entries.length, redactionEntryId };
  } finally {
    db.pragma(`secure_delete = ${previous}`);
  }
}
