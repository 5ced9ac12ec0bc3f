// A big board quickly: the cases a real seed made (through the services), copied COPIES times over
// with ids and references offset, their stages, deadlines, notifications and endings with them,
// and the audit trail copied and chained afresh, so the file has the shape and size of a board
// that logged that many cases. The database's own triggers keep its derived tables as each row goes in.
import { createHash } from 'node:crypto';
import { auditChainKey, chainHash } from '../../electron/db/auditKey';
import { openTestDb, TEST_KEY } from './testKey';

/** Copies every case and its rows COPIES times over, ids offset, and the audit trail with it, chained afresh. */
export function multiplyBoard(file: string, COPIES: number): void {
  const db = openTestDb(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const max = (table: string) => (db.prepare(`SELECT max(id) AS m FROM ${table}`).get() as { m: number }).m;
  const E = max('escalation');
  const S = max('stage_entry');
  const D = max('due_date_history');
  const N = max('notification');
  const copies: [string, string, Record<string, string>][] = [
    [
      'escalation',
      `id <= ${E}`,
      { id: `id + @k * ${E}`, reference: `reference || '-' || @k`, reference_key: `reference_key || '-' || @k` },
    ],
    ['escalation_challenged', `escalation_id <= ${E}`, { escalation_id: `escalation_id + @k * ${E}` }],
    ['stage_entry', `escalation_id <= ${E}`, { id: `id + @k * ${S}`, escalation_id: `escalation_id + @k * ${E}` }],
    ['due_date_history', `stage_entry_id <= ${S}`, { id: `id + @k * ${D}`, stage_entry_id: `stage_entry_id + @k * ${S}` }],
    ['notification', `escalation_id <= ${E}`, { id: `id + @k * ${N}`, escalation_id: `escalation_id + @k * ${E}` }],
    ['outcome', `escalation_id <= ${E}`, { escalation_id: `escalation_id + @k * ${E}` }],
    ['escalation_withdrawal', `escalation_id <= ${E}`, { escalation_id: `escalation_id + @k * ${E}` }],
  ];
  for (const [table, where, map] of copies) {
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
    const copy = db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.map((c) => map[c] ?? c).join(', ')} FROM ${table} WHERE ${where}`,
    );
    db.transaction(() => {
      for (let k = 1; k < COPIES; k += 1) copy.run({ k });
    })();
  }
  type Entry = {
    at: string;
    actor: string;
    action: string;
    entity: string;
    entity_id: number | null;
    before_json: string | null;
    after_json: string | null;
  };
  const entries = db
    .prepare('SELECT at, actor, action, entity, entity_id, before_json, after_json FROM audit_entry ORDER BY id')
    .all() as Entry[];
  let prev = (db.prepare('SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1').get() as { hash: string }).hash;
  const insert = db.prepare(
    'INSERT INTO audit_entry (at, actor, action, entity, entity_id, before_json, after_json, corrects_entry_id, prev_hash, hash, content_digest) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)',
  );
  // The chain as electron/services/audit.ts writes it: over a digest of the content (migration 0120),
  // keyed under the board's chain key (0170).
  const sha = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  const chainKey = auditChainKey(TEST_KEY);
  db.transaction(() => {
    for (let k = 1; k < COPIES; k += 1) {
      for (const e of entries) {
        const entityId = e.entity === 'escalation' && e.entity_id !== null ? e.entity_id + k * E : e.entity_id;
        const digest = sha([e.before_json, e.after_json]);
        const hash = chainHash(chainKey, [prev, e.at, e.actor, e.action, e.entity, entityId, digest, null]);
        insert.run(e.at, e.actor, e.action, e.entity, entityId, e.before_json, e.after_json, prev, hash, digest);
        prev = hash;
      }
    }
  })();
  db.prepare('DELETE FROM audit_checkpoint').run();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
