// The desktop app's key (issue 17): the operating system keeps the board's data key for the
// person signed in to the computer, through Electron's safeStorage (the Keychain, DPAPI, the
// Secret Service), so the window opens without a passphrase. Where safeStorage has only Linux's
// basic_text backend (no keyring: it is not a protection), the passphrase is needed instead. The
// keyring is passed in (main/index.ts gives safeStorage), so this runs and is tested without Electron.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordsKey } from '../db/cipher';
import { keysMissingMessage, keysState, readKeys, setUpKeys } from '../db/boardKeys';
import { isKeyOf, KeyFileError } from '../db/keyFile';
import { nextKeysFile, unlockCurrentKey } from '../db/keyChange';
import { createPrivateFile, syncFile } from '../db/fileModes';
import type { LockedRecords } from './frontDesk';

/** The data key wrapped by the operating system, beside the board's keys file. */
export const KEPT_KEY_FILE_NAME = 'escalation-desk.keys.os';

export interface Keyring {
  /** False when there is none, or only Linux's basic_text. */
  protects: boolean;
  wrap(text: string): Buffer;
  unwrap(sealed: Buffer): string;
}

export interface DesktopKey {
  key: RecordsKey;
  /** Set when the board was set up now: shown to the person once. */
  recoveryKey: string | null;
}

function keep(dataFolder: string, keyring: Keyring, key: RecordsKey): void {
  const file = join(dataFolder, KEPT_KEY_FILE_NAME);
  const temp = `${file}.new-${process.pid}`;
  rmSync(temp, { force: true });
  createPrivateFile(temp);
  writeFileSync(temp, keyring.wrap(key.toString('hex')));
  syncFile(temp);
  renameSync(temp, file);
}

function kept(dataFolder: string, keyring: Keyring): RecordsKey | null {
  const file = join(dataFolder, KEPT_KEY_FILE_NAME);
  if (!keyring.protects || !existsSync(file)) return null;
  try {
    const key = Buffer.from(keyring.unwrap(readFileSync(file)), 'hex');
    return isKeyOf(readKeys(dataFolder), key) ? key : null;
  } catch {
    // Another user's or another computer's wrapping: the passphrase is asked for instead.
    return null;
  }
}

/**
 * The key for the desktop's data folder: the one the keyring keeps; else unlocked with the
 * passphrase (then kept, where the keyring protects it); else, for a new board, a new key (sealed
 * under the passphrase when the keyring does not protect it), with its recovery key to show once.
 */
export function desktopKey(dataFolder: string, keyring: Keyring, passphrase: string | undefined): DesktopKey {
  const state = keysState(dataFolder);
  if (state === 'keys-missing') throw new KeyFileError(keysMissingMessage(dataFolder));
  if (state === 'locked') {
    // A key change cut short is finished with the passphrase, so the keyring's key is not used meanwhile.
    const fromKeyring = existsSync(nextKeysFile(dataFolder)) ? null : kept(dataFolder, keyring);
    if (fromKeyring) return { key: fromKeyring, recoveryKey: null };
    if (passphrase === undefined)
      throw new KeyFileError(
        'The records are encrypted and this computer does not keep their key: start the app with the board’s passphrase in ESCALATION_DESK_PASSPHRASE. (A board set up without a passphrase is given one with its recovery key: npm run board -- passphrase --recovery.)',
      );
    const key = unlockCurrentKey(dataFolder, { passphrase });
    if (keyring.protects) keep(dataFolder, keyring, key);
    return { key, recoveryKey: null };
  }
  if (!keyring.protects && passphrase === undefined)
    throw new KeyFileError(
      'This computer has no keyring to keep the records’ key (Linux’s basic_text): start the app with a passphrase for the board in ESCALATION_DESK_PASSPHRASE.',
    );
  const { key, recoveryKey } = setUpKeys(dataFolder, keyring.protects ? (passphrase ?? null) : passphrase!);
  if (keyring.protects) keep(dataFolder, keyring, key);
  return { key, recoveryKey };
}

/**
 * Whether the window must ask for the passphrase: the records have keys the keyring does not keep
 * (or no keys yet, and a keyring that protects nothing), and none was given at start.
 */
export function needsPassphrase(dataFolder: string, keyring: Keyring, passphrase: string | undefined): boolean {
  if (passphrase !== undefined) return false;
  const state = keysState(dataFolder);
  if (state === 'locked') return existsSync(nextKeysFile(dataFolder)) || kept(dataFolder, keyring) === null;
  return (state === 'new' || state === 'plain') && !keyring.protects;
}

/** The records as the unlock screen opens them: the passphrase typed there, through desktopKey. */
export function desktopUnlocker(dataFolder: string, keyring: Keyring): LockedRecords {
  return {
    state: keysState(dataFolder) === 'locked' ? 'locked' : 'new',
    unlock: (passphrase) => desktopKey(dataFolder, keyring, passphrase).key,
    setUp: (passphrase) => {
      const made = desktopKey(dataFolder, keyring, passphrase);
      if (!made.recoveryKey) throw new KeyFileError('These records already have their key: unlock them with the board’s passphrase.');
      return { key: made.key, recoveryKey: made.recoveryKey };
    },
  };
}
