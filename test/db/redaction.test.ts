// Redacting a child's identifier that slipped in: gone from the case, from the audit trail's
// stored values, from the records file's bytes and from a backup taken after; the redaction
// itself recorded; the hash chain still verifying, and still catching any other edit.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupNow } from '../../electron/db/backup';
import type { WritableDb } from '../../electron/db/types';
import { auditFor, verifyAuditChain } from '../../electron/services/audit';
import type { EscalationDetail } from '../../shared/domain/escalation';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { dbFingerprint } from '../support/dbFingerprint';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest, dispatchOnLatest } from '../support/latest';
import { TEST_KEY, giveTestKeys, openTestDb } from '../support/testKey';
import { decryptedPages } from '../support/decryptedPages';

let desk: TestDesk;
let closed = false;
afterEach(() => {
  const opened = desk as TestDesk | undefined;
  if (opened && !closed) opened.cleanup();
  else if (opened) rmSync(opened.dataFolder, { recursive: true, force: true });
  desk = undefined as unknown as TestDesk;
  closed = false;
});
/** Closes the store, as quitting the app does, so the files can be read and tampered with whole. */
function closeDesk(): void {
  desk.close();
  closed = true;
}
const NOW = new Date('2026-11-23T10:00:00Z');

/**
 * Whether the file's pages hold the text, in any case, as UTF-8 or UTF-16 (SQLite may use either).
 * The pages are decrypted by the test (the file holds no text in the clear), free pages too.
 */
function fileHolds(file: string, text: string): boolean {
  if (!existsSync(file)) return false;
  const bytes = decryptedPages(file, TEST_KEY);
  const lower = bytes.toString('latin1').toLowerCase();
  const wide = bytes.toString('utf16le').toLowerCase();
  return lower.includes(text.toLowerCase()) || wide.includes(text.toLowerCase());
}
const verifyAudit = (data: string) => {
  giveTestKeys(data);
  return spawnSync(process.execPath, ['--import', 'tsx', join('electron', 'cli', 'index.ts'), 'verify-audit', '--data', data], {
    encoding: 'utf8',
    timeout: 60_000,
  });
};

/** A case where a child's name slipped in (confirmed past the warning) and was then corrected away: it stays in the audit trail's before-value. */
function caseWithAName(): EscalationDetail {
  const board = seedBoard(desk, 'bromley');
  const e = logEscalation(desk, board, {
    summary: 'Concern about Jayden Okafor at home; the school disagrees with the threshold.',
    confirmedNoChildName: true,
  });
  ok(
    onLatest(desk, 'escalations:correct', {
      escalationId: e.id,
      field: 'summary',
      value: 'The school disagrees with the threshold decision.',
      reason: 'The first summary named the child',
    }),
  );
  ok(
    onLatest(desk, 'escalations:recordStage', {
      escalationId: e.id,
      discussion: 'Agencies met; jayden okafor was not seen.',
      decision: 'Review at stage 2',
      confirmedNoChildName: true,
    }),
  );
  return ok(desk.call('escalations:get', { escalationId: e.id }));
}

describe('redacting a child’s identifier', () => {
  it('removes it from the case, the audit trail, the file’s bytes and a later backup; the chain still verifies and the redaction is recorded', async () => {
    desk = openTestDesk({ now: () => NOW });
    const e = caseWithAName();
    const file = desk.store.file;
    const earlier = await backupNow(desk.store.writer, desk.dataFolder, TEST_KEY, 'manual', NOW);
    // The control: the byte search finds the name where it is.
    expect(fileHolds(earlier, 'Okafor')).toBe(true);

    const result = ok(
      onLatest(desk, 'escalations:redact', {
        escalationId: e.id,
        text: 'Jayden Okafor',
        reason: 'A child’s full name was typed into the summary and stage record',
      }),
    );
    expect(result).toMatchObject({ reference: 'CS-1001', fields: ['Stage 1: Discussion'], walCheckpointed: true });
    // The correction's before-value and the stage record's after-value.
    expect(result.auditEntriesChanged).toBe(2);

    const detail = ok(desk.call('escalations:get', { escalationId: e.id }));
    expect(JSON.stringify(detail)).not.toMatch(/okafor/i);
    expect(detail.stages[0]!.discussion).toBe('Agencies met; [removed] was not seen.');
    for (const entry of auditFor(desk.store.reader, 'escalation', e.id)) expect(JSON.stringify(entry)).not.toMatch(/okafor/i);

    // Recorded: who, which case, which fields, why; never the text.
    const record = auditFor(desk.store.reader, 'escalation', e.id).find((a) => a.action === 'escalation.redact')!;
    expect(record).toMatchObject({
      actor: 'test coordinator',
      entityId: e.id,
      after: { fields: ['Stage 1: Discussion'], reason: 'A child’s full name was typed into the summary and stage record' },
    });
    expect(JSON.stringify(record)).not.toMatch(/jayden/i);
    expect(verifyAuditChain(desk.store.reader).firstBadEntryId).toBeNull();

    // Nowhere in the records file or its log (checkpointed and truncated), nor in a backup taken now.
    for (const f of [file, `${file}-wal`]) expect(fileHolds(f, 'Okafor')).toBe(false);
    const later = await backupNow(desk.store.writer, desk.dataFolder, TEST_KEY, 'manual', new Date('2026-11-23T10:05:00Z'));
    expect(fileHolds(later, 'Okafor')).toBe(false);
    expect(fileHolds(earlier, 'Okafor')).toBe(true);
    closeDesk();
    for (const f of [file, `${file}-wal`]) expect(fileHolds(f, 'Okafor')).toBe(false);

    expect(verifyAudit(desk.dataFolder)).toMatchObject({ status: 0, stdout: expect.stringMatching(/The audit trail is intact/) });
  }, 60_000);

  it('still refuses every other change to the audit trail, and still catches an edit to a redacted entry behind the app’s back', () => {
    desk = openTestDesk({ now: () => NOW });
    const e = caseWithAName();
    const result = ok(
      onLatest(desk, 'escalations:redact', { escalationId: e.id, text: 'Okafor', reason: 'A child’s surname was typed into the records' }),
    );
    const redacted = desk.store.writer
      .prepare('SELECT id FROM audit_entry WHERE redacted_by = ? ORDER BY id LIMIT 1')
      .get(result.redactionEntryId) as { id: number };
    const writer = desk.store.writer;
    // The app's own connection: no update or delete passes the triggers outside a redaction.
    expect(() => writer.prepare('UPDATE audit_entry SET after_json = \'{"summary":"[removed]"}\' WHERE id = 1').run()).toThrow(
      /audit trail cannot be changed/,
    );
    expect(() => writer.prepare('UPDATE audit_entry SET redacted_by = ? WHERE id = 1').run(result.redactionEntryId)).toThrow(
      /audit trail cannot be changed/,
    );
    expect(() => writer.prepare('UPDATE audit_entry SET after_json = after_json WHERE id = ?').run(redacted.id)).toThrow(
      /audit trail cannot be changed/,
    );
    expect(() => writer.prepare('DELETE FROM audit_entry WHERE id = ?').run(redacted.id)).toThrow(/cannot be deleted/);
    closeDesk();

    // Someone with the file drops the trigger and puts different words into the redacted entry.
    const intruder = openTestDb(desk.store.file);
    intruder.exec('DROP TRIGGER audit_entry_no_update');
    const changed = intruder
      .prepare(
        "UPDATE audit_entry SET before_json = replace(before_json, '[removed]', 'Someone Else'), after_json = replace(after_json, '[removed]', 'Someone Else') WHERE id = ?",
      )
      .run(redacted.id).changes;
    expect(changed).toBe(1);
    expect(
      (
        intruder.prepare('SELECT before_json || after_json AS content FROM audit_entry WHERE id = ?').get(redacted.id) as {
          content: string;
        }
      ).content,
    ).toContain('Someone Else');
    intruder.close();
    const run = verifyAudit(desk.dataFolder);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(`The audit trail does not match from entry ${redacted.id} on`);
  }, 60_000);

  it('refuses a reason that repeats the text, text that is not there or is the case reference, and changes nothing', () => {
    desk = openTestDesk({ now: () => NOW });
    const e = caseWithAName();
    const before = dbFingerprint(desk.store.file);
    const refused = (input: Record<string, unknown>) => {
      const r = dispatchOnLatest(desk, 'escalations:redact', { escalationId: e.id, reason: 'A child’s name was typed in', ...input });
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.error.message;
    };
    expect(refused({ text: 'Okafor', reason: 'The surname okafor was typed in' })).toMatch(/reason repeats the text/);
    expect(refused({ text: 'Brown' })).toMatch(/not in the records of CS-1001/);
    expect(refused({ text: 'CS-1001' })).toMatch(/case reference or initials, which are kept/);
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });

  it('is the coordinator’s alone', () => {
    desk = openTestDesk({ now: () => NOW, signIn: true });
    const password = 'a long enough pass phrase';
    ok(desk.call('session:setUp', { userName: 'jo', displayName: 'Jo Coordinator', password, repeatPassword: password }));
    ok(desk.call('users:create', { userName: 'cc', displayName: 'Chris Chair', role: 'chair', password }));
    ok(desk.call('session:signOut', {}));
    ok(desk.call('session:signIn', { userName: 'cc', password }));
    const r = onLatest(desk, 'escalations:redact', { escalationId: 1, text: 'Okafor', reason: 'A child’s name was typed in' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Your role \(independent chair\) cannot do this/);
  });
});

describe('migration 0120: the audit trail chained over a digest of each entry’s content', () => {
  const oldHash = (prev: string, e: (string | number | null)[]) =>
    createHash('sha256')
      .update(JSON.stringify([prev, ...e]))
      .digest('hex');

  /** A board written by the version before 0120, with three audit entries chained the old way. */
  async function oldBoard(tamperWith: number | null) {
    const { migrate } = await import('../../electron/db/migrate');
    const { migrations } = await import('../../electron/db/migrations/index');
    const { tempFolder } = await import('../support/tempStore');
    const folder = tempFolder('desk-0120-');
    const file = join(folder, 'escalation-desk.sqlite');
    const db = openTestDb(file) as WritableDb;
    migrate(
      db,
      file,
      TEST_KEY,
      migrations.filter((m) => m.version < 120),
    );
    let prev = '0'.repeat(64);
    for (let i = 1; i <= 3; i += 1) {
      const entry = [
        `2026-11-0${i}T10:00:00.000Z`,
        'test coordinator',
        'board.settings',
        'board',
        null,
        null,
        JSON.stringify({ step: i }),
        null,
      ];
      const hash = oldHash(prev, entry);
      db.prepare(
        'INSERT INTO audit_entry (at, actor, action, entity, entity_id, before_json, after_json, corrects_entry_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(...entry, prev, hash);
      prev = hash;
    }
    db.prepare('INSERT INTO audit_checkpoint (id, entry_id, hash, checked_at) VALUES (1, 3, ?, ?)').run(prev, '2026-11-04T10:00:00.000Z');
    if (tamperWith !== null) {
      db.exec('DROP TRIGGER audit_entry_no_update');
      db.prepare('UPDATE audit_entry SET actor = ? WHERE id = ?').run('someone else', tamperWith);
    }
    migrate(db, file, TEST_KEY, migrations);
    return { db, folder };
  }

  it('re-chains an intact trail so it still verifies, and moves the checkpoint onto the new chain', async () => {
    const { db, folder } = await oldBoard(null);
    expect(verifyAuditChain(db)).toEqual({ checked: 3, firstBadEntryId: null });
    const last = db.prepare('SELECT hash FROM audit_entry WHERE id = 3').get() as { hash: string };
    expect((db.prepare('SELECT hash FROM audit_checkpoint').get() as { hash: string }).hash).toBe(last.hash);
    db.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps a trail that was already broken broken at the same entry', async () => {
    const { db, folder } = await oldBoard(2);
    expect(verifyAuditChain(db)).toEqual({ checked: 1, firstBadEntryId: 2 });
    db.close();
    rmSync(folder, { recursive: true, force: true });
  });
});
