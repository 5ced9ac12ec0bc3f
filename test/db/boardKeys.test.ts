// The board's keys on disk (issue 17): a new board is given a key sealed under its passphrase and
// a recovery key shown once; the wrong passphrase, a key file others can read, another board's key
// and a folder whose keys file is gone are each refused in their own words, and nothing changes.
// The desktop's keyring (safeStorage in the app) is given here as a small fake: the seam is the
// Keyring interface, the only part of Electron the key handling needs.
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  changePassphrase,
  keysFile,
  keysState,
  readUnattendedKey,
  setUpKeys,
  unlockBoard,
  writeUnattendedKey,
} from '../../electron/db/boardKeys';
import { DATABASE_FILE_NAME, openStore } from '../../electron/db/open';
import { KeyFileError } from '../../electron/db/keyFile';
import { desktopKey, desktopUnlocker, KEPT_KEY_FILE_NAME, type Keyring } from '../../electron/desk/desktopKey';
import { openFrontDesk } from '../../electron/desk/frontDesk';
import { tempFolder } from '../support/tempStore';
import { TEST_KEY } from '../support/testKey';

const PASSPHRASE = 'correct horse battery staple';
let folders: string[] = [];
afterEach(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
  folders = [];
});
const folder = () => {
  const f = tempFolder('desk-keys-');
  folders.push(f);
  return f;
};

describe('a board’s keys', () => {
  it('are set up once, unlock with the passphrase or the recovery key, and refuse a wrong one in words', () => {
    const data = folder();
    expect(keysState(data)).toBe('new');
    expect(() => setUpKeys(data, 'too short')).toThrow(
      new KeyFileError('A passphrase is at least 12 characters (a few words is easiest to remember); this one has 9.'),
    );
    expect(existsSync(keysFile(data))).toBe(false);
    const { key, recoveryKey } = setUpKeys(data, PASSPHRASE);
    expect(keysState(data)).toBe('locked');
    expect(statSync(keysFile(data)).mode & 0o777).toBe(0o600);
    // The keys file holds neither the key nor the recovery key.
    const text = readFileSync(keysFile(data), 'utf8');
    expect(text).not.toContain(key.toString('hex'));
    expect(text).not.toContain(key.toString('base64'));
    expect(text).not.toContain(recoveryKey);
    expect(unlockBoard(data, { passphrase: PASSPHRASE }).equals(key)).toBe(true);
    expect(unlockBoard(data, { recoveryKey: recoveryKey.toLowerCase() }).equals(key)).toBe(true);
    expect(() => unlockBoard(data, { passphrase: 'not the passphrase at all' })).toThrow(/That passphrase does not unlock these records/);
    // A second set-up can never replace the key of records that exist.
    expect(() => setUpKeys(data, PASSPHRASE)).toThrow(/already have their keys; unlock them instead/);
    expect(readFileSync(keysFile(data), 'utf8')).toBe(text);

    // A forgotten passphrase: the recovery key opens, a new passphrase is set, the recovery key still works.
    changePassphrase(data, unlockBoard(data, { recoveryKey }), 'a brand new board passphrase');
    expect(() => unlockBoard(data, { passphrase: PASSPHRASE })).toThrow(/does not unlock/);
    expect(unlockBoard(data, { passphrase: 'a brand new board passphrase' }).equals(key)).toBe(true);
    expect(unlockBoard(data, { recoveryKey }).equals(key)).toBe(true);
  });

  it('say when encrypted records have lost their keys file, and refuse to set up new keys over them', () => {
    const data = folder();
    openStore(join(data, DATABASE_FILE_NAME), TEST_KEY).close();
    expect(keysState(data)).toBe('keys-missing');
    expect(() => setUpKeys(data, PASSPHRASE)).toThrow(/are encrypted, but their key file \(escalation-desk\.keys\) is not beside them/);
    expect(existsSync(keysFile(data))).toBe(false);
  });

  it('can be given to a service as a key file only its owner reads, checked against the board', () => {
    const data = folder();
    const { key } = setUpKeys(data, PASSPHRASE);
    const file = join(folder(), 'service.key');
    writeUnattendedKey(file, key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readUnattendedKey(file, data).equals(key)).toBe(true);
    expect(() => writeUnattendedKey(file, key)).toThrow(/already exists; choose a new file/);

    chmodSync(file, 0o644);
    expect(() => readUnattendedKey(file, data)).toThrow(
      `The key file ${file} can be read by other users (mode 644), so it was not used. Make it readable by its owner only (chmod 600 "${file}").`,
    );
    chmodSync(file, 0o600);
    const other = join(folder(), 'other.key');
    writeUnattendedKey(other, TEST_KEY);
    expect(() => readUnattendedKey(other, data)).toThrow(/is not the key of the records in .* \(it belongs to another board\)/);
    writeFileSync(file, 'not a key\n');
    expect(() => readUnattendedKey(file, data)).toThrow(/is not an Escalation Desk key file/);
  });
});

/** A keyring like safeStorage: wraps by a fixed XOR for this "user"; `protects` false is Linux's basic_text. */
function fakeKeyring(protects: boolean, user = 7): Keyring {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ user));
  return {
    protects,
    wrap: (text) => xor(Buffer.from(`wrapped:${text}`)),
    unwrap: (sealed) => {
      const text = xor(sealed).toString();
      if (!text.startsWith('wrapped:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text.slice('wrapped:'.length);
    },
  };
}

describe('the desktop app’s key', () => {
  it('is kept by the operating system’s keyring, so the window opens without a passphrase; the recovery key is shown once', () => {
    const data = folder();
    const first = desktopKey(data, fakeKeyring(true), undefined);
    expect(first.recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(readFileSync(join(data, KEPT_KEY_FILE_NAME)).includes(Buffer.from(first.key.toString('hex')))).toBe(false);
    const again = desktopKey(data, fakeKeyring(true), undefined);
    expect(again).toEqual({ key: first.key, recoveryKey: null });
    // Another user's keyring cannot unwrap it: the passphrase is asked for (there is none on this board), then the recovery key.
    expect(() => desktopKey(data, fakeKeyring(true, 9), undefined)).toThrow(/does not keep their key/);
    expect(unlockBoard(data, { recoveryKey: first.recoveryKey! }).equals(first.key)).toBe(true);
  });

  it('asks for a passphrase where the keyring is Linux’s basic_text, and keeps nothing it would not protect', () => {
    const data = folder();
    expect(() => desktopKey(data, fakeKeyring(false), undefined)).toThrow(/no keyring to keep the records’ key \(Linux’s basic_text\)/);
    expect(keysState(data)).toBe('new');
    const made = desktopKey(data, fakeKeyring(false), PASSPHRASE);
    expect(made.recoveryKey).not.toBeNull();
    expect(existsSync(join(data, KEPT_KEY_FILE_NAME))).toBe(false);
    expect(desktopKey(data, fakeKeyring(false), PASSPHRASE)).toEqual({ key: made.key, recoveryKey: null });
    expect(() => desktopKey(data, fakeKeyring(false), 'the wrong passphrase here')).toThrow(/does not unlock/);
  });
});

describe('a front desk waiting for the passphrase', () => {
  it('answers only the unlock screen’s channels, refuses a wrong passphrase on its field, and opens with the right one', async () => {
    const data = folder();
    setUpKeys(data, PASSPHRASE);
    const host = openFrontDesk({ locked: desktopUnlocker(data, fakeKeyring(false)), dataFolder: data, mode: 'web', version: 'test' });
    try {
      expect(await host.callAsync('desk:health', {})).toMatchObject({ ok: true, value: { records: 'locked' } });
      expect(await host.callAsync('agencies:list', { includeRetired: false })).toMatchObject({
        ok: false,
        error: { message: 'The records are locked: unlock them with the board’s passphrase first.' },
      });
      expect(await host.callAsync('records:setUp', { passphrase: PASSPHRASE, repeatPassphrase: PASSPHRASE })).toMatchObject({ ok: false });
      expect(await host.callAsync('records:unlock', { passphrase: 'a wrong passphrase' })).toMatchObject({
        ok: false,
        error: { problems: [{ where: 'Passphrase', message: expect.stringContaining('does not unlock') }] },
      });
      expect(host.desk).toBeNull();
      expect(await host.callAsync('records:unlock', { passphrase: PASSPHRASE })).toEqual({ ok: true, value: { unlocked: true } });
      expect(host.desk).not.toBeNull();
      // Open now: nothing left to unlock.
      expect(await host.callAsync('records:unlock', { passphrase: PASSPHRASE })).toMatchObject({
        ok: false,
        error: { message: 'The records are already open.' },
      });
    } finally {
      host.close();
    }
  });
});
