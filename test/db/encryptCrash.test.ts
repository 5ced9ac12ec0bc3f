// Moving a plain board over to encryption, killed with SIGKILL at each step (issue 17): the next
// opening with the key always finds a readable board with every row, finishes the move-over, and
// leaves no plain copy of the records and nothing of the cut-short step beside them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupNow, backupsFolder, listBackups } from '../../electron/db/backup';
import { recordsFileKind } from '../../electron/db/cipher';
import { plainCopies } from '../../electron/db/encryptBoard';
import { DATABASE_FILE_NAME, openStore } from '../../electron/db/open';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { openTestDesk } from '../support/tempStore';
import { decryptInPlace, TEST_KEY } from '../support/testKey';

let data = '';
afterEach(() => {
  if (data) rmSync(data, { recursive: true, force: true });
  data = '';
});

/** A plain board of three cases with a plain backup, as a version from before encryption left it. */
async function plainBoard(): Promise<string> {
  const desk = openTestDesk();
  const board = seedBoard(desk, 'bromley');
  for (const reference of ['CR-1', 'CR-2', 'CR-3']) logEscalation(desk, board, { reference });
  const backup = await backupNow(desk.store.writer, desk.dataFolder, TEST_KEY, 'manual', new Date('2026-11-23T10:00:00Z'));
  const file = desk.store.file;
  desk.close();
  decryptInPlace(file);
  decryptInPlace(backup);
  copyFileSync(file, join(desk.dataFolder, `${DATABASE_FILE_NAME}.replaced-20260101-000000`));
  return desk.dataFolder;
}

describe('encrypting a plain board, killed part way', () => {
  it.each(['copied', 'backed-up', 'swapped', 'copy-encrypted'])('at “%s” leaves a board the next opening finishes', async (step) => {
    data = await plainBoard();
    const file = join(data, DATABASE_FILE_NAME);
    const child = spawnSync(process.execPath, ['--import', 'tsx', join('test', 'support', 'crashEncrypt.ts'), file, step], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.signal).toBe('SIGKILL');

    const store = openStore(file, TEST_KEY);
    const references = store.reader.prepare('SELECT reference FROM escalation ORDER BY reference').pluck().all();
    store.close();
    expect(references).toEqual(['CR-1', 'CR-2', 'CR-3']);
    expect(recordsFileKind(file)).toBe('encrypted');
    expect(plainCopies(data, DATABASE_FILE_NAME)).toEqual([]);
    expect([...readdirSync(data), ...readdirSync(backupsFolder(data))].filter((n) => n.includes('.encrypting-'))).toEqual([]);
    expect(listBackups(data).map((b) => b.reason)).toContain('manual');
  });
});
