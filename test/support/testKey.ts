// The key every test board is encrypted under (issue 17), and its keys file sealed under the test
// passphrase, so a command started by a test (with ESCALATION_DESK_PASSPHRASE set by
// vitest.config.ts) unlocks a board the test made in-process. Not a secret: test records only.
import type Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, writeFileSync } from 'node:fs';
import { openKeyed } from '../../electron/db/cipher';
import { keysFile } from '../../electron/db/boardKeys';
import { createKeyFile } from '../../electron/db/keyFile';
import { createPrivateFile, privateFolder } from '../../electron/db/fileModes';

export const TEST_PASSPHRASE = 'the test boards’ passphrase';
export const TEST_KEY = Buffer.from('7465737420626f617264206b6579202d206e6f74206120736563726574212121', 'hex');

// Sealing costs two scrypt runs (about a second): once per test process, then copied.
let sealed: string | null = null;

/** Gives a data folder the keys file a set-up with the test passphrase would, for TEST_KEY. */
export function giveTestKeys(dataFolder: string): void {
  const file = keysFile(dataFolder);
  if (existsSync(file)) return;
  sealed ??= `${JSON.stringify(createKeyFile(TEST_KEY, TEST_PASSPHRASE).keyFile, null, 2)}\n`;
  privateFolder(dataFolder);
  createPrivateFile(file);
  writeFileSync(file, sealed);
}

/** Takes an encrypted store back to a plain file, as a version of the app from before encryption left its records. */
export function decryptInPlace(file: string): void {
  const db = openTestDb(file);
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey = ''`);
  db.close();
}

/** A test board's records file (or a backup of it) opened with the test key, as the app opens it. */
export function openTestDb(file: string, options?: Database.Options): Database.Database {
  return openKeyed(file, TEST_KEY, options);
}
