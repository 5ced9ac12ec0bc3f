// The pages of an encrypted records file (or its WAL) decrypted by the test itself, from the
// SQLCipher 4 page layout, without SQLite: so a test can search what is really in the file's pages,
// the free ones too (what a deletion or a redaction must have overwritten), which a query cannot
// reach. A page is AES-256-CBC under the raw data key; its last 80 bytes are reserved: a 16-byte IV,
// then a 64-byte HMAC-SHA512. Page 1 begins with the file's 16-byte salt, in the clear.
// sqlcipher4Pages checks every page's HMAC as SQLCipher 4 documents it, which is what lets the
// standard sqlcipher tool open the file with its key.
import { createDecipheriv, createHmac, pbkdf2Sync } from 'node:crypto';
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

/**
 * Checks every page of a records file against SQLCipher 4's page authentication, computed here
 * from the format's documentation: the HMAC key is PBKDF2-HMAC-SHA512 of the raw key over the salt
 * with each byte XOR 0x3a, 2 iterations, 32 bytes; each page's HMAC-SHA512 covers its ciphertext
 * and IV, then the page number (4 bytes, little-endian). Returns how many pages matched (all, or it throws).
 */
export function sqlcipher4Pages(file: string, key: Buffer): number {
  const bytes = readFileSync(file);
  const salt = bytes.subarray(0, 16);
  const hmacKey = pbkdf2Sync(key, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
  let pages = 0;
  for (let at = 0; at + PAGE_SIZE <= bytes.length; at += PAGE_SIZE) {
    const page = bytes.subarray(at, at + PAGE_SIZE);
    const number = Buffer.alloc(4);
    number.writeUInt32LE(at / PAGE_SIZE + 1);
    const mac = createHmac('sha512', hmacKey)
      .update(page.subarray(at === 0 ? 16 : 0, PAGE_SIZE - 64))
      .update(number)
      .digest();
    if (!mac.equals(page.subarray(PAGE_SIZE - 64))) throw new Error(`page ${at / PAGE_SIZE + 1} does not carry SQLCipher 4's HMAC`);
    pages += 1;
  }
  return pages;
}
