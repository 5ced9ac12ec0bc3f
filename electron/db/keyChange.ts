// Changing a board's data key (issue 17): for a key that may have been seen (a copied key file, a
// person who left), the records are written again under a new random key and swapped in. Never by
// rekeying the store in place (under WAL that corrupts files in this library): a newly keyed copy
// is written beside the records, then the keys for it (escalation-desk.keys.next, sealed under the
// same passphrase and a new recovery key), then every backup and set-aside copy is rekeyed in place
// of itself, then the copy takes the records' name, and last the new keys take the keys file's name.
//
// A crash at any step leaves both keys files and the records under one of the two keys: the next
// unlock with the passphrase (unlockCurrentKey) opens both, sees which key the records are under,
// and finishes the change (the copies still under the old key are rekeyed, the new keys put in
// place) or undoes it (the copies already under the new key are rekeyed back, the new keys removed).
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_KEY_BYTES, openKeyed, type RecordsKey } from './cipher';
import { keysFile, unlockBoard, writeKeysFile, type BoardSecret } from './boardKeys';
import { encryptedCopyBeside, recordsCopies, rekeyCopy, swapIn } from './encryptBoard';
import { syncFolder } from './fileModes';
import { createKeyFile, KeyFileError } from './keyFile';
import { DATABASE_FILE_NAME, openStore } from './open';

export const nextKeysFile = (dataFolder: string) => `${keysFile(dataFolder)}.next`;

/** Steps of a key change, for the crash test (test/support/crashKeyChange.ts) to stop at. */
export type KeyChangeStep = 'copied' | 'next-keys' | 'copy-rekeyed' | 'records-swapped' | 'keys-swapped';
export const keyChangeHooks: { onStep: ((step: KeyChangeStep) => void) | null } = { onStep: null };
const step = (name: KeyChangeStep) => keyChangeHooks.onStep?.(name);

/** Whether `file` opens under `key` (its first page decrypts and reads). */
function opensWith(file: string, key: RecordsKey): boolean {
  try {
    const db = openKeyed(file, key, { readonly: true, fileMustExist: true });
    try {
      db.pragma('user_version', { simple: true });
      return true;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/** Every copy of the records still under `from`, rekeyed to `to`. */
function rekeyCopies(dataFolder: string, from: RecordsKey, to: RecordsKey, onEach: () => void = () => undefined): void {
  for (const file of recordsCopies(dataFolder, DATABASE_FILE_NAME)) {
    if (!opensWith(file, from)) continue;
    rekeyCopy(file, from, to);
    onEach();
  }
}

/**
 * Writes the records again under a new data key, sealed under the same passphrase and a new
 * recovery key, which `showRecoveryKey` is given before anything is swapped (so it is shown even
 * if the change is then cut short and finished at the next unlock). Close the app first.
 */
export function changeDataKey(
  dataFolder: string,
  oldKey: RecordsKey,
  passphrase: string,
  showRecoveryKey: (key: string) => void,
): RecordsKey {
  if (existsSync(nextKeysFile(dataFolder)))
    throw new KeyFileError(
      'A change of the records’ key was cut short: unlock them with the passphrase once to finish it, then try again.',
    );
  const file = join(dataFolder, DATABASE_FILE_NAME);
  // Opening tidies the folder, finishes any move-over or migration, and checks the file.
  const store = openStore(file, oldKey);
  const newKey = randomBytes(DATA_KEY_BYTES);
  let copy: string;
  try {
    copy = encryptedCopyBeside(store.writer, oldKey, file, newKey);
  } finally {
    store.close();
  }
  step('copied');
  const { keyFile, recoveryKey } = createKeyFile(newKey, passphrase);
  writeKeysFile(dataFolder, keyFile, nextKeysFile(dataFolder));
  step('next-keys');
  showRecoveryKey(recoveryKey);
  rekeyCopies(dataFolder, oldKey, newKey, () => step('copy-rekeyed'));
  swapIn(copy, file);
  step('records-swapped');
  renameSync(nextKeysFile(dataFolder), keysFile(dataFolder));
  syncFolder(dataFolder);
  step('keys-swapped');
  return newKey;
}

/**
 * The data key the records are under, unlocked with `secret`: when a key change was cut short,
 * it is finished or undone first, before anything opens the records. The one way every front door
 * unlocks with a passphrase or the recovery key.
 */
export function unlockCurrentKey(dataFolder: string, secret: BoardSecret): RecordsKey {
  const key = unlockBoard(dataFolder, secret);
  const next = nextKeysFile(dataFolder);
  if (!existsSync(next)) return key;
  let newKey: RecordsKey;
  try {
    newKey = unlockBoard(dataFolder, secret, next);
  } catch {
    throw new KeyFileError(
      'A change of the records’ key was cut short, and this recovery key belongs to the old key: unlock with the passphrase to finish the change.',
    );
  }
  const file = join(dataFolder, DATABASE_FILE_NAME);
  if (opensWith(file, newKey)) {
    // The records were swapped: finish. The copies still under the old key follow, then the keys.
    rekeyCopies(dataFolder, key, newKey);
    renameSync(next, keysFile(dataFolder));
    syncFolder(dataFolder);
    return newKey;
  }
  // Not swapped: undo. The copies already under the new key go back, the new keys go.
  rekeyCopies(dataFolder, newKey, key);
  rmSync(next, { force: true });
  syncFolder(dataFolder);
  return key;
}
