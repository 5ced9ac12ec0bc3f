// The board's data key, kept wrapped (issue 17): the records are encrypted under a random 256-bit
// data key, and the key file beside them holds that key only sealed, once under a passphrase and
// once under a recovery key shown to the board a single time, to print and keep in its safe.
// Each seal is AES-256-GCM under a key derived with scrypt, so a wrong passphrase is told apart
// (the seal does not open) from a damaged records file (the seal opens, the records do not), and
// a key file that was edited does not open at all. Losing every way in means the records cannot
// be read: that is the point of encrypting them.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DATA_KEY_BYTES } from './cipher';

export const KEY_FILE_FORMAT = 'escalation-desk-key/1';

// OWASP's recommendation for scrypt (N=2^17, r=8, p=1): about 0.4 s and 128 MiB here, paid once
// when the records are unlocked, not on every read.
const COST = { N: 2 ** 17, r: 8, p: 1 } as const;
const maxmem = (N: number, r: number) => 128 * N * r + 16 * 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');
const sealSchema = z
  .object({
    kdf: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: base64,
    iv: base64,
    tag: base64,
    sealed: base64,
  })
  .strict();
type Seal = z.infer<typeof sealSchema>;

export const keyFileSchema = z
  .object({
    format: z.literal(KEY_FILE_FORMAT),
    /** A one-way check of the data key, so a key given some other way (an unattended key file) is known to be this board's or not. */
    check: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits'),
    /** Absent on a desktop board whose key the operating system keeps (safeStorage) and which was given no passphrase. */
    passphrase: sealSchema.optional(),
    recovery: sealSchema,
  })
  .strict();
export type KeyFile = z.infer<typeof keyFileSchema>;

/** A refusal to unlock, in words for the person at the keyboard. */
export class KeyFileError extends Error {}

function seal(dataKey: Buffer, secret: string): Seal {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const wrappingKey = scryptSync(secret.normalize('NFC'), salt, 32, { ...COST, maxmem: maxmem(COST.N, COST.r) });
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(Buffer.from(KEY_FILE_FORMAT));
  const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    kdf: 'scrypt',
    ...COST,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    sealed: sealed.toString('base64'),
  };
}

/** The data key, or null when this secret does not open the seal. */
function open(s: Seal, secret: string): Buffer | null {
  const wrappingKey = scryptSync(secret.normalize('NFC'), Buffer.from(s.salt, 'base64'), 32, {
    N: s.N,
    r: s.r,
    p: s.p,
    maxmem: maxmem(s.N, s.r),
  });
  const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(s.iv, 'base64'));
  decipher.setAAD(Buffer.from(KEY_FILE_FORMAT));
  decipher.setAuthTag(Buffer.from(s.tag, 'base64'));
  try {
    const key = Buffer.concat([decipher.update(Buffer.from(s.sealed, 'base64')), decipher.final()]);
    return key.length === DATA_KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

// The recovery key: 160 random bits written as 8 groups of 4 letters and digits (Crockford's
// base32: no I, L, O or U to misread), easy to type back from paper.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newRecoveryKey(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** A recovery key as typed: case, spaces and dashes do not matter, and the letters people confuse are read as the digits. */
export function normaliseRecoveryKey(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return plain.length === 32 ? plain.match(/.{4}/g)!.join('-') : plain;
}

/** The check a key file holds of its data key: an HMAC of a fixed label, which tells nothing of the key. */
export function keyCheck(dataKey: Buffer): string {
  return createHmac('sha256', dataKey).update('escalation-desk key check/1').digest('hex');
}

/** Whether `dataKey` is the key this key file seals. */
export function isKeyOf(keyFile: KeyFile, dataKey: Buffer): boolean {
  return timingSafeEqual(Buffer.from(keyCheck(dataKey), 'hex'), Buffer.from(keyFile.check, 'hex'));
}

/**
 * A new board's key file: the data key sealed under the passphrase (when there is one) and under
 * a new recovery key, shown once.
 */
export function createKeyFile(dataKey: Buffer, passphrase: string | null): { keyFile: KeyFile; recoveryKey: string } {
  if (dataKey.length !== DATA_KEY_BYTES) throw new Error(`A records key is ${DATA_KEY_BYTES} bytes.`);
  const recoveryKey = newRecoveryKey();
  return {
    keyFile: {
      format: KEY_FILE_FORMAT,
      check: keyCheck(dataKey),
      ...(passphrase === null ? {} : { passphrase: seal(dataKey, passphrase) }),
      recovery: seal(dataKey, recoveryKey),
    },
    recoveryKey,
  };
}

/** The same key file with the data key sealed under a new passphrase (the recovery key is unchanged). */
export function withPassphrase(keyFile: KeyFile, dataKey: Buffer, passphrase: string): KeyFile {
  if (!isKeyOf(keyFile, dataKey)) throw new KeyFileError('That key is not the key of these records.');
  return { ...keyFile, passphrase: seal(dataKey, passphrase) };
}

/** Reads a key file's text, saying in words what is wrong with one that is not a key file. */
export function parseKeyFile(text: string): KeyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyFileError('This is not an Escalation Desk key file: it is not the JSON one is written as.');
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new KeyFileError(
      `This is not an Escalation Desk key file, or it was changed: ${first.path.join('.') || 'the file'} ${first.message}.`,
    );
  }
  return parsed.data;
}

/** The data key from the passphrase; a wrong one is refused in words and nothing else happens. */
export function unlockWithPassphrase(keyFile: KeyFile, passphrase: string): Buffer {
  if (!keyFile.passphrase)
    throw new KeyFileError('These records have no passphrase: this computer keeps their key. Unlock them with the recovery key instead.');
  const key = open(keyFile.passphrase, passphrase);
  if (!key) throw new KeyFileError('That passphrase does not unlock these records. Check it and try again, or use the recovery key.');
  return key;
}

/** The data key from the recovery key kept on paper. */
export function unlockWithRecoveryKey(keyFile: KeyFile, recoveryKey: string): Buffer {
  const key = open(keyFile.recovery, normaliseRecoveryKey(recoveryKey));
  if (!key) throw new KeyFileError('That recovery key does not unlock these records. Check each group of four as printed.');
  return key;
}
