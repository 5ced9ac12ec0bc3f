import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/** Bytes of the database and its write-ahead log: equal fingerprints mean nothing was written. */
export function dbFingerprint(file: string): string {
  const hash = createHash('sha256');
  for (const f of [file, `${file}-wal`]) if (existsSync(f)) hash.update(readFileSync(f));
  return hash.digest('hex');
}
