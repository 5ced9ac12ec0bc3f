import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { AUDIT_NO_UPDATE_TRIGGER } from './0120-audit-content-digest';
import type { Migration } from './migration';

// Frozen with this step: the unkeyed chain as 0120 left it, and the keyed one as this step makes it.
// The live code (electron/db/auditKey.ts, electron/services/audit.ts) must compute the same, and
// test/db/auditKeyed.test.ts checks it.
const sha = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');
const chainKeyOf = (dataKey: Buffer) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'escalation-desk audit chain/1', 32));
const hmac = (key: Buffer, parts: unknown[]) => createHmac('sha256', key).update(JSON.stringify(parts)).digest('hex');
const BATCH = 5_000;

interface Row {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  corrects_entry_id: number | null;
  prev_hash: string;
  hash: string;
  content_digest: string | null;
}

/**
 * The audit chain becomes keyed: each entry's hash an HMAC under a key derived from the board's data
 * key, so that someone with the file and this source but not the key cannot edit an entry and
 * recompute the chain. As in 0120, entries are re-chained only as far as the old chain still held;
 * from the first link that did not, the old hashes stay, so the alarm still names that entry; the
 * start-up checkpoint follows its entry onto the new chain only when it matched the old one.
 */
export const auditChainKeyed: Migration = {
  version: 170,
  name: 'audit chain keyed: an HMAC under a key derived from the board’s data key',
  up(db, { key }) {
    const chainKey = chainKeyOf(key);
    db.exec('DROP TRIGGER IF EXISTS audit_entry_no_update');
    const batch = db.prepare(
      'SELECT id, at, actor, action, entity, entity_id, corrects_entry_id, prev_hash, hash, content_digest FROM audit_entry WHERE id > ? ORDER BY id LIMIT ?',
    );
    const update = db.prepare('UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE id = ?');
    const rechained = new Map<string, string>();
    let oldPrev = '0'.repeat(64);
    let newPrev = oldPrev;
    let intact = true;
    let after = 0;
    for (;;) {
      const rows = batch.all(after, BATCH) as Row[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const fields = [row.at, row.actor, row.action, row.entity, row.entity_id, row.content_digest, row.corrects_entry_id];
        intact = intact && row.content_digest !== null && row.prev_hash === oldPrev && row.hash === sha([oldPrev, ...fields]);
        if (!intact) break;
        const newHash = hmac(chainKey, [newPrev, ...fields]);
        update.run(newPrev, newHash, row.id);
        rechained.set(`${row.id}:${row.hash}`, newHash);
        oldPrev = row.hash;
        newPrev = newHash;
        after = row.id;
      }
      if (!intact) break;
    }
    const checkpoint = db.prepare('SELECT entry_id, hash FROM audit_checkpoint WHERE id = 1').get() as
      { entry_id: number; hash: string } | undefined;
    const moved = checkpoint && rechained.get(`${checkpoint.entry_id}:${checkpoint.hash}`);
    if (moved) db.prepare('UPDATE audit_checkpoint SET hash = ? WHERE id = 1').run(moved);
    db.exec(AUDIT_NO_UPDATE_TRIGGER);
  },
};
