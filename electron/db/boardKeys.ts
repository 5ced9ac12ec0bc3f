// A board's keys on disk, beside its records (issue 17). The data folder holds
// escalation-desk.keys: the data key sealed under the board's passphrase and its recovery key
// (keyFile.ts), owner-only. For unattended use (a service, a scheduled job) the key itself can be
// written once to a file readable only by the service account and given with --key-file; it is
// checked against the board's keys, so another board's key is named as such, not as damage.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_KEY_BYTES, recordsFileKind, type RecordsKey } from './cipher';
import { createPrivateFile, privateFolder, syncFile, syncFolder } from './fileModes';
import { DATABASE_FILE_NAME } from './open';
import {
  createKeyFile,
  isKeyOf,
  KeyFileError,
  parseKeyFile,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
  withPassphrase,
  type KeyFile,
} from './keyFile';

export const KEYS_FILE_NAME = 'escalation-desk.keys';
export const MIN_PASSPHRASE_LENGTH = 12;
const UNATTENDED_FORMAT = 'escalation-desk-data-key/1';

/**
 * Where a data folder stands: `new` (no records yet: set up), `plain` (records from before
 * encryption: set up, and they are encrypted on opening), `locked` (keys beside encrypted
 * records: unlock), `keys-missing` (encrypted records without their keys file).
 */
export type KeysState = 'new' | 'plain' | 'locked' | 'keys-missing';

export const keysFile = (dataFolder: string) => join(dataFolder, KEYS_FILE_NAME);

export function keysState(dataFolder: string): KeysState {
  if (existsSync(keysFile(dataFolder))) return 'locked';
  const records = join(dataFolder, DATABASE_FILE_NAME);
  if (!existsSync(records)) return 'new';
  const kind = recordsFileKind(records);
  return kind === 'empty' ? 'new' : kind === 'plain' ? 'plain' : 'keys-missing';
}

/** What is wrong with a passphrase chosen for a board, or null. */
export function passphraseProblem(passphrase: string): string | null {
  const length = [...passphrase].length;
  if (length < MIN_PASSPHRASE_LENGTH)
    return `A passphrase is at least ${MIN_PASSPHRASE_LENGTH} characters (a few words is easiest to remember); this one has ${length}.`;
  return null;
}

/** Writes a keys file in one step: a full copy flushed under a temporary name, then renamed into place. */
export function writeKeysFile(dataFolder: string, keyFile: KeyFile, target = keysFile(dataFolder)): void {
  privateFolder(dataFolder);
  const temp = `${target}.new-${process.pid}`;
  rmSync(temp, { force: true });
  createPrivateFile(temp);
  try {
    writeFileSync(temp, `${JSON.stringify(keyFile, null, 2)}\n`);
    syncFile(temp);
    renameSync(temp, target);
    syncFolder(dataFolder);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function readKeys(dataFolder: string): KeyFile {
  const file = keysFile(dataFolder);
  if (!existsSync(file)) throw new KeyFileError(`There is no key file (${KEYS_FILE_NAME}) in ${dataFolder}.`);
  return parseKeyFile(readFileSync(file, 'utf8'));
}

/**
 * Gives a new board (or one from before encryption) its data key: random, sealed under the
 * passphrase (none: the desktop's operating system keeps it) and a new recovery key, returned once
 * to be shown. Refused when the folder already has keys or holds records encrypted under a key it
 * has lost, so a set-up can never replace the key of records that exist.
 */
export function setUpKeys(dataFolder: string, passphrase: string | null): { key: RecordsKey; recoveryKey: string } {
  const state = keysState(dataFolder);
  if (state === 'locked') throw new KeyFileError(`The records in ${dataFolder} already have their keys; unlock them instead.`);
  if (state === 'keys-missing') throw new KeyFileError(keysMissingMessage(dataFolder));
  if (passphrase !== null) {
    const problem = passphraseProblem(passphrase);
    if (problem) throw new KeyFileError(problem);
  }
  const key = randomBytes(DATA_KEY_BYTES);
  const { keyFile, recoveryKey } = createKeyFile(key, passphrase);
  writeKeysFile(dataFolder, keyFile);
  return { key, recoveryKey };
}

export function keysMissingMessage(dataFolder: string): string {
  return (
    `The records in ${dataFolder} are encrypted, but their key file (${KEYS_FILE_NAME}) is not beside them. ` +
    'Put it back from where it was kept, or give the board’s key with --key-file FILE. Without one of them the records cannot be read: that is what encrypting them is for.'
  );
}

export type BoardSecret = { passphrase: string } | { recoveryKey: string };

/** The data key the keys file (or `file`, another keys file) seals under this secret. */
export function unlockBoard(dataFolder: string, secret: BoardSecret, file = keysFile(dataFolder)): RecordsKey {
  const keys = file === keysFile(dataFolder) ? readKeys(dataFolder) : parseKeyFile(readFileSync(file, 'utf8'));
  return 'passphrase' in secret ? unlockWithPassphrase(keys, secret.passphrase) : unlockWithRecoveryKey(keys, secret.recoveryKey);
}

/** Seals the data key under a new passphrase (after unlocking with the old one or the recovery key). */
export function changePassphrase(dataFolder: string, key: RecordsKey, passphrase: string): void {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new KeyFileError(problem);
  writeKeysFile(dataFolder, withPassphrase(readKeys(dataFolder), key, passphrase));
}

/** Writes the data key to a new file readable by its owner only, for --key-file. */
export function writeUnattendedKey(file: string, key: RecordsKey): void {
  if (existsSync(file)) throw new KeyFileError(`${file} already exists; choose a new file, so no key is overwritten.`);
  createPrivateFile(file);
  writeFileSync(file, `${UNATTENDED_FORMAT}\n${key.toString('hex')}\n`);
  syncFile(file);
}

/** Reads a key given with --key-file: owner-only, in its format, and the key of the board in `dataFolder` when that has keys. */
export function readUnattendedKey(file: string, dataFolder: string): RecordsKey {
  if (!existsSync(file)) throw new KeyFileError(`There is no key file at ${file}.`);
  if (process.platform !== 'win32') {
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0)
      throw new KeyFileError(
        `The key file ${file} can be read by other users (mode ${mode.toString(8)}), so it was not used. Make it readable by its owner only (chmod 600 "${file}").`,
      );
  }
  const [format, hex] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  if (format !== UNATTENDED_FORMAT || !hex || !/^[0-9a-f]{64}$/.test(hex))
    throw new KeyFileError(`${file} is not an Escalation Desk key file (one is written by: npm run board -- key-file --to FILE).`);
  const key = Buffer.from(hex, 'hex');
  if (existsSync(keysFile(dataFolder)) && !isKeyOf(readKeys(dataFolder), key))
    throw new KeyFileError(
      `The key in ${file} is not the key of the records in ${dataFolder} (it belongs to another board). Nothing was opened.`,
    );
  return key;
}
