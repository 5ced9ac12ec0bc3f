// Changing a board's data key (issue 17): the records, every backup and the set-aside copies end up
// under a new key, sealed under the same passphrase and a new recovery key; the old key opens none of
// them. A change killed with SIGKILL at each step leaves a board whose next unlock with the
// passphrase finishes or undoes it, with every row there and every copy readable under one key.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupNow, backupsFolder, backupVerdict, listBackups } from '../../electron/db/backup';
import { unlockBoard } from '../../electron/db/boardKeys';
import type { RecordsKey } from '../../electron/db/cipher';
import { recordsCopies } from '../../electron/db/encryptBoard';
import { changeDataKey, nextKeysFile, unlockCurrentKey } from '../../electron/db/keyChange';
import { DATABASE_FILE_NAME, openStore } from '../../electron/db/open';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { openTestDesk } from '../support/tempStore';
import { TEST_KEY, TEST_PASSPHRASE } from '../support/testKey';

let data = '';
afterEach(() => {
  if (data) rmSync(data, { recursive: true, force: true });
  data = '';
});

/** A board of three cases with two backups and a set-aside copy, under the test key. */
async function board(): Promise<string> {
  const desk = openTestDesk();
  const b = seedBoard(desk, 'bromley');
  for (const reference of ['KC-1', 'KC-2', 'KC-3']) logEscalation(desk, b, { reference });
  await backupNow(desk.store.writer, desk.dataFolder, TEST_KEY, 'manual', new Date('2026-11-23T10:00:00Z'));
  await backupNow(desk.store.writer, desk.dataFolder, TEST_KEY, 'scheduled', new Date('2026-11-23T11:00:00Z'));
  desk.close();
  copyFileSync(desk.store.file, join(desk.dataFolder, `${DATABASE_FILE_NAME}.replaced-20260101-000000`));
  return desk.dataFolder;
}

/** Every row is there under `key`, and every copy reads under it. */
function wholeUnder(folder: string, key: RecordsKey): void {
  const store = openStore(join(folder, DATABASE_FILE_NAME), key);
  const references = store.reader.prepare('SELECT reference FROM escalation ORDER BY reference').pluck().all();
  store.close();
  expect(references).toEqual(['KC-1', 'KC-2', 'KC-3']);
  for (const backup of listBackups(folder)) expect(backupVerdict(backup.file, key), backup.name).toBeNull();
  expect(recordsCopies(folder, DATABASE_FILE_NAME)).toHaveLength(3);
  expect(existsSync(nextKeysFile(folder))).toBe(false);
  expect([...readdirSync(folder), ...readdirSync(backupsFolder(folder))].filter((n) => n.includes('.encrypting-'))).toEqual([]);
}

describe('changing the records’ key', () => {
  it('puts the records and every copy under a new key, with the same passphrase and a new recovery key', async () => {
    data = await board();
    let recoveryKey = '';
    const newKey = changeDataKey(data, TEST_KEY, TEST_PASSPHRASE, (shown) => (recoveryKey = shown));
    expect(newKey.equals(TEST_KEY)).toBe(false);
    wholeUnder(data, newKey);
    expect(unlockBoard(data, { passphrase: TEST_PASSPHRASE }).equals(newKey)).toBe(true);
    expect(unlockBoard(data, { recoveryKey }).equals(newKey)).toBe(true);
    for (const backup of listBackups(data)) expect(backupVerdict(backup.file, TEST_KEY)).toMatch(/cannot be read with this board’s key/);
  });

  it.each([
    ['copied', 1],
    ['next-keys', 1],
    ['copy-rekeyed', 2],
    ['records-swapped', 1],
    ['keys-swapped', 1],
  ])('killed at “%s” (%i) leaves a board the next unlock settles', async (step, nth) => {
    data = await board();
    const child = spawnSync(process.execPath, ['--import', 'tsx', join('test', 'support', 'crashKeyChange.ts'), data, step, String(nth)], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const key = unlockCurrentKey(data, { passphrase: TEST_PASSPHRASE });
    // Before the records were swapped the change is undone; from then on it is finished.
    expect(key.equals(TEST_KEY)).toBe(step === 'copied' || step === 'next-keys' || step === 'copy-rekeyed');
    wholeUnder(data, key);
    expect(unlockBoard(data, { passphrase: TEST_PASSPHRASE }).equals(key)).toBe(true);
  });
});
