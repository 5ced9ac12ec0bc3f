import { createHash } from 'node:crypto';
import type { Migration } from './migration';

// Frozen with this step: the hash formulas and the marker as they were when it shipped. The live
// code (electron/services/audit.ts) must compute the same, and test/db/redaction.test.ts checks it.
const sha = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');
const REMOVED = '[removed]';
const BATCH = 5_000;

/**
 * The trigger that keeps the trail append-only except for a recorded redaction, as this step made
 * it; migration 0170 drops it to re-chain the trail under the board's key and makes it again.
 */
export const AUDIT_NO_UPDATE_TRIGGER = `
      -- Still append-only: every update is refused except replacing an entry's content with the
      -- removal marker, leaving its time, actor, action, digest and hashes exactly as they were,
      -- while the entry is listed as pending for that redaction.
      CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
        WHEN NOT (
          NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action
          AND NEW.entity IS OLD.entity AND NEW.entity_id IS OLD.entity_id AND NEW.corrects_entry_id IS OLD.corrects_entry_id
          AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash AND NEW.content_digest IS OLD.content_digest
          AND NEW.redacted_by IS NOT NULL AND NEW.redacted_by > OLD.id
          AND EXISTS (SELECT 1 FROM audit_redaction_pending p WHERE p.entry_id = OLD.id AND p.redaction_entry_id = NEW.redacted_by)
          AND (instr(coalesce(NEW.before_json, ''), '${REMOVED}') > 0 OR instr(coalesce(NEW.after_json, ''), '${REMOVED}') > 0)
        )
        BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed: add a correcting entry instead'); END;
`;

interface Row {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  before_json: string | null;
  after_json: string | null;
  corrects_entry_id: number | null;
  prev_hash: string;
  hash: string;
}

/**
 * The audit trail's hash chain moves from each entry's content to a digest of it, so that a child's
 * identifier that slipped into an entry's before/after values can be removed (a redaction) while the
 * chain still verifies: the digest stays, the content is replaced, and the redaction's own entry
 * lists the digest of what replaced it. Entries are re-chained only as far as the old chain still
 * verified; from the first entry that did not, the old hashes are kept, so the alarm still names it.
 */
export const auditContentDigest: Migration = {
  version: 120,
  name: 'audit trail chained over a digest of each entry’s content; recorded redaction the one update allowed',
  up(db) {
    db.exec(`
      ALTER TABLE audit_entry ADD COLUMN content_digest TEXT;
      -- The redaction entry that replaced this entry's content (NULL for an entry as written).
      ALTER TABLE audit_entry ADD COLUMN redacted_by INTEGER REFERENCES audit_entry(id);
      DROP TRIGGER IF EXISTS audit_entry_no_update;
    `);
    const batch = db.prepare('SELECT * FROM audit_entry WHERE id > ? ORDER BY id LIMIT ?');
    const update = db.prepare('UPDATE audit_entry SET content_digest = ?, prev_hash = ?, hash = ? WHERE id = ?');
    const rechained = new Map<string, string>();
    let oldPrev = '0'.repeat(64);
    let newPrev = oldPrev;
    let intact = true;
    let after = 0;
    for (;;) {
      const rows = batch.all(after, BATCH) as Row[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const digest = sha([row.before_json, row.after_json]);
        const oldHash = sha([
          oldPrev,
          row.at,
          row.actor,
          row.action,
          row.entity,
          row.entity_id,
          row.before_json,
          row.after_json,
          row.corrects_entry_id,
        ]);
        intact = intact && row.prev_hash === oldPrev && row.hash === oldHash;
        if (intact) {
          const newHash = sha([newPrev, row.at, row.actor, row.action, row.entity, row.entity_id, digest, row.corrects_entry_id]);
          update.run(digest, newPrev, newHash, row.id);
          rechained.set(`${row.id}:${row.hash}`, newHash);
          newPrev = newHash;
        } else {
          update.run(digest, row.prev_hash, row.hash, row.id);
        }
        oldPrev = row.hash;
        after = row.id;
      }
    }
    // The start-up checkpoint follows its entry onto the new chain, but only if it named that entry
    // with the hash the old chain gave it; otherwise it is left to raise the alarm as before.
    const checkpoint = db.prepare('SELECT entry_id, hash FROM audit_checkpoint WHERE id = 1').get() as
      { entry_id: number; hash: string } | undefined;
    const moved = checkpoint && rechained.get(`${checkpoint.entry_id}:${checkpoint.hash}`);
    if (moved) db.prepare('UPDATE audit_checkpoint SET hash = ? WHERE id = 1').run(moved);

    db.exec(`
      -- The narrow path for a redaction: the service lists each entry it will change here, with the
      -- redaction entry that records it, and empties the list before its transaction ends.
      CREATE TABLE audit_redaction_pending (entry_id INTEGER PRIMARY KEY, redaction_entry_id INTEGER NOT NULL) STRICT;

      ${AUDIT_NO_UPDATE_TRIGGER}
      -- Every new entry carries its content digest, as written.
      CREATE TRIGGER audit_entry_digest_on_insert BEFORE INSERT ON audit_entry
        WHEN NEW.content_digest IS NULL OR NEW.redacted_by IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'An audit entry is written with its content digest and is not born redacted'); END;
    `);
  },
};
