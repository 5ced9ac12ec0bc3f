// The board's key file (issue 17): the data key sealed under a passphrase and under a recovery
// key shown once. Real scrypt at its real cost, so each unlock here takes a moment.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DATA_KEY_BYTES } from '../../electron/db/cipher';
import {
  createKeyFile,
  KeyFileError,
  normaliseRecoveryKey,
  parseKeyFile,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
} from '../../electron/db/keyFile';

const PASSPHRASE = 'a long board passphrase for the safe';

describe('the key file', () => {
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const { keyFile, recoveryKey } = createKeyFile(dataKey, PASSPHRASE);
  const text = JSON.stringify(keyFile, null, 2);

  it('holds the data key only sealed, and gives it back to the passphrase and to the recovery key', () => {
    expect(text).not.toContain(dataKey.toString('hex'));
    expect(text).not.toContain(dataKey.toString('base64'));
    expect(text).not.toContain(recoveryKey);
    const read = parseKeyFile(text);
    expect(unlockWithPassphrase(read, PASSPHRASE).equals(dataKey)).toBe(true);
    expect(unlockWithRecoveryKey(read, recoveryKey).equals(dataKey)).toBe(true);
  });

  it('prints the recovery key as 8 groups of 4, and reads it back however it is typed', () => {
    expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const typed = recoveryKey.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    expect(normaliseRecoveryKey(typed)).toBe(recoveryKey);
    expect(unlockWithRecoveryKey(parseKeyFile(text), typed).equals(dataKey)).toBe(true);
  });

  it('refuses a wrong passphrase or recovery key in words', () => {
    const read = parseKeyFile(text);
    expect(() => unlockWithPassphrase(read, 'not the passphrase')).toThrow(
      new KeyFileError('That passphrase does not unlock these records. Check it and try again, or use the recovery key.'),
    );
    expect(() => unlockWithRecoveryKey(read, 'AAAA-BBBB')).toThrow(/That recovery key does not unlock these records/);
  });

  it('does not open once edited, and says what a file that is not a key file is', () => {
    const edited = JSON.parse(text) as typeof keyFile;
    const sealed = Buffer.from(edited.passphrase!.sealed, 'base64');
    sealed[0] = sealed[0]! ^ 1;
    edited.passphrase!.sealed = sealed.toString('base64');
    expect(() => unlockWithPassphrase(parseKeyFile(JSON.stringify(edited)), PASSPHRASE)).toThrow(KeyFileError);

    expect(() => parseKeyFile('PRAGMA key')).toThrow('This is not an Escalation Desk key file: it is not the JSON one is written as.');
    expect(() => parseKeyFile(JSON.stringify({ ...keyFile, format: 'other/1' }))).toThrow(
      /^This is not an Escalation Desk key file, or it was changed: format /,
    );
    const weakened = { ...keyFile, passphrase: { ...keyFile.passphrase, N: 2 } };
    expect(() => parseKeyFile(JSON.stringify(weakened))).toThrow(/passphrase\.N /);
  });
});
