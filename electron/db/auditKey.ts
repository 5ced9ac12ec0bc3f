// The audit chain's key (issue 17): each audit entry's hash is an HMAC-SHA256 under a key derived
// from the board's data key (HKDF), so someone holding the records file and this source code but
// not the key cannot recompute the chain after an edit. Every keyed connection carries its chain
// key (openKeyed attaches it), so the services that write and check the trail find it from the
// connection they already hold, and the key itself is never stored.
import { createHmac, hkdfSync } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';

const INFO = 'escalation-desk audit chain/1';
const chainKeys = new WeakMap<Database.Database, Buffer>();

/** The chain key for a data key: HKDF-SHA256, no salt (the data key is random), a fixed label. */
export function auditChainKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), INFO, 32));
}

export function attachAuditKey(db: Database.Database, dataKey: Buffer): void {
  chainKeys.set(db, auditChainKey(dataKey));
}

export function auditKeyOf(db: Database.Database): Buffer {
  const key = chainKeys.get(db);
  if (!key)
    throw new Error('This connection to the records was not opened with the board’s key, so its audit chain cannot be written or checked.');
  return key;
}

/** One link of the chain: the HMAC of the parts as JSON. */
export function chainHash(key: Buffer, parts: readonly unknown[]): string {
  return createHmac('sha256', key).update(JSON.stringify(parts)).digest('hex');
}
