// The keyed audit chain (issue 17): each entry's hash is an HMAC under a key derived from the
// board's data key. Someone who holds the records file and this source code but not the key can
// edit an entry and recompute every hash after it, with the old unkeyed formula or under any key
// of their own: the check still names the first entry edited. Migration 0170 re-chains an existing
// trail under the key as far as it still held, so a trail already broken stays broken at the same entry.
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations/index';
import type { WritableDb } from '../../electron/db/types';
import { readAuditCheckpoint, verifyAuditChain } from '../../electron/services/audit';
import { seedBoard } from '../support/boardFixture';
import { openTestDesk, tempFolder, type TestDesk } from '../support/tempStore';
import { openTestDb, TEST_KEY } from '../support/testKey';

const sha = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');
const hmac = (key: Buffer, parts: unknown[]) => createHmac('sha256', key).update(JSON.stringify(parts)).digest('hex');

let desk: TestDesk | null = null;
let folder = '';
afterEach(() => {
  desk?.cleanup();
  desk = null;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = '';
});

/** Edits entry `id` and recomputes every hash from it with `link`, as someone without the board's key could. */
function rewriteFrom(db: WritableDb, id: number, link: (parts: unknown[]) => string): void {
  db.exec('DROP TRIGGER audit_entry_no_update');
  db.prepare('UPDATE audit_entry SET actor = ? WHERE id = ?').run('someone else', id);
  let prev = (db.prepare('SELECT hash FROM audit_entry WHERE id = ?').get(id - 1) as { hash: string }).hash;
  for (const row of db.prepare('SELECT * FROM audit_entry WHERE id >= ? ORDER BY id').all(id) as Record<string, string | number | null>[]) {
    const hash = link([prev, row.at, row.actor, row.action, row.entity, row.entity_id, row.content_digest, row.corrects_entry_id]);
    db.prepare('UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, row.id);
    prev = hash;
  }
}

describe('the keyed audit chain', () => {
  it.each([
    ['the unkeyed formula (SHA-256, as before issue 17)', (parts: unknown[]) => sha(parts)],
    ['an HMAC under a key of their own', (parts: unknown[]) => hmac(randomBytes(32), parts)],
  ])('names the first entry edited by someone who recomputed the chain with %s', (_how, link) => {
    desk = openTestDesk();
    seedBoard(desk, 'bromley');
    const total = verifyAuditChain(desk.store.reader);
    expect(total.firstBadEntryId).toBeNull();
    expect(total.checked).toBeGreaterThan(4);
    const intruder = openTestDb(desk.store.file) as WritableDb;
    rewriteFrom(intruder, 2, link);
    intruder.close();
    expect(verifyAuditChain(desk.store.reader)).toEqual({ checked: 1, firstBadEntryId: 2 });
  });
});

describe('migration 0170: the existing trail re-chained under the key', () => {
  /** A board at schema 160 with three entries chained the unkeyed way and a checkpoint at the last. */
  function boardAt160(tamperWith: number | null): WritableDb {
    folder = tempFolder('desk-0170-');
    const file = join(folder, 'escalation-desk.sqlite');
    const db = openTestDb(file) as WritableDb;
    migrate(
      db,
      file,
      TEST_KEY,
      migrations.filter((m) => m.version < 170),
    );
    let prev = '0'.repeat(64);
    for (let i = 1; i <= 3; i += 1) {
      const after = JSON.stringify({ step: i });
      const digest = sha([null, after]);
      const entry = [`2026-11-0${i}T10:00:00.000Z`, 'test coordinator', 'board.settings', 'board', null];
      const hash = sha([prev, ...entry, digest, null]);
      db.prepare(
        'INSERT INTO audit_entry (at, actor, action, entity, entity_id, before_json, after_json, corrects_entry_id, prev_hash, hash, content_digest) VALUES (?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?)',
      ).run(...entry, after, prev, hash, digest);
      prev = hash;
    }
    db.prepare('INSERT INTO audit_checkpoint (id, entry_id, hash, checked_at) VALUES (1, 3, ?, ?)').run(prev, '2026-11-04T10:00:00.000Z');
    if (tamperWith !== null) {
      db.exec('DROP TRIGGER audit_entry_no_update');
      db.prepare('UPDATE audit_entry SET actor = ? WHERE id = ?').run('someone else', tamperWith);
    }
    migrate(db, file, TEST_KEY, migrations);
    return db;
  }

  it('re-chains an intact trail under the key, so it verifies, and moves the checkpoint with it', () => {
    const db = boardAt160(null);
    expect(verifyAuditChain(db)).toEqual({ checked: 3, firstBadEntryId: null });
    const chainKey = Buffer.from(hkdfSync('sha256', TEST_KEY, Buffer.alloc(0), 'escalation-desk audit chain/1', 32));
    const first = db.prepare('SELECT * FROM audit_entry WHERE id = 1').get() as Record<string, string | number | null>;
    expect(first.hash).toBe(
      hmac(chainKey, ['0'.repeat(64), first.at, first.actor, first.action, first.entity, first.entity_id, first.content_digest, null]),
    );
    const last = db.prepare('SELECT hash FROM audit_entry WHERE id = 3').get() as { hash: string };
    expect(readAuditCheckpoint(db)).toMatchObject({ entryId: 3, hash: last.hash });
    // Still append-only afterwards.
    expect(() => db.prepare('UPDATE audit_entry SET actor = ? WHERE id = 1').run('x')).toThrow(/The audit trail cannot be changed/);
    db.close();
  });

  it('leaves a trail broken before the step broken at the same entry, and the checkpoint where it was', () => {
    const db = boardAt160(2);
    expect(verifyAuditChain(db)).toEqual({ checked: 1, firstBadEntryId: 2 });
    const checkpoint = readAuditCheckpoint(db)!;
    expect(checkpoint.hash).toBe((db.prepare('SELECT hash FROM audit_entry WHERE id = 3').get() as { hash: string }).hash);
    db.close();
  });
});
