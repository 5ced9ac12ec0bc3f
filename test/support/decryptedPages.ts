// The pages of an encrypted records file (or its WAL) decrypted by the test itself, from the
// SQLCipher 4 page layout, without SQLite: so a test can search what is really in the file's pages,
// the free ones too (what a deletion or a redaction must have overwritten), which a query cannot
// reach. A page is AES-256-CBC under the raw data key; its last 80 bytes are reserved: a 16-byte IV,
// then a 64-byte HMAC-SHA512 (not checked here). Page 1 begins with the file's 16-byte salt, in the clear.
import { createDecipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';

const PAGE_SIZE = 4096;
const RESERVED = 80;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

function decryptPage(page: Buffer, first: boolean, key: Buffer): Buffer {
  const ivAt = page.length - RESERVED;
  const decipher = createDecipheriv('aes-256-cbc', key, page.subarray(ivAt, ivAt + 16));
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(page.subarray(first ? 16 : 0, ivAt)), decipher.final()]);
}

/** Every page of the file (a database, or a -wal by its frames) decrypted, one after another. */
export function decryptedPages(file: string, key: Buffer): Buffer {
  const bytes = readFileSync(file);
  const pages: Buffer[] = [];
  if (file.endsWith('-wal')) {
    for (let at = WAL_HEADER; at + FRAME_HEADER + PAGE_SIZE <= bytes.length; at += FRAME_HEADER + PAGE_SIZE) {
      const pageNumber = bytes.readUInt32BE(at);
      pages.push(decryptPage(bytes.subarray(at + FRAME_HEADER, at + FRAME_HEADER + PAGE_SIZE), pageNumber === 1, key));
    }
  } else {
    for (let at = 0; at + PAGE_SIZE <= bytes.length; at += PAGE_SIZE)
      pages.push(decryptPage(bytes.subarray(at, at + PAGE_SIZE), at === 0, key));
  }
  return Buffer.concat(pages);
}
