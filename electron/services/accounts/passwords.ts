// Passwords are kept only as scrypt hashes (node:crypto): slow and memory-hard on purpose, so a
// copied database file does not give its passwords up to a guessing machine. Each hash carries
// its own salt and cost, so the cost can be raised later without breaking older hashes.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// OWASP's floor for scrypt is N=2^17 with r=8, p=1; at 2^15 with r=8 one check takes about 60 ms
// here and 32 MiB, which keeps sign-in responsive on an old council laptop while a guesser with
// the file still pays 32 MiB and tens of milliseconds per try. Raise with the hardware.
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const maxmem = (N: number, r: number) => 128 * N * r * 2;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { ...COST, maxmem: maxmem(COST.N, COST.r) });
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const N = Number(n);
  const R = Number(r);
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    N,
    r: R,
    p: Number(p),
    maxmem: maxmem(N, R),
  });
  return timingSafeEqual(actual, expected);
}

let decoy: string | null = null;
/**
 * Checked against when the name typed matches no account, so both cases take the same time. Made
 * at the first sign-in, not when the module loads: every command and test process imports this.
 */
export function decoyHash(): string {
  return (decoy ??= hashPassword(randomBytes(18).toString('base64')));
}
