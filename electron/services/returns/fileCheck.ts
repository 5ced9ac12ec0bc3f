// What kind of file was sent, decided from its bytes before any workbook parser sees it: the
// commonest mistakes (an old .xls, a password, a renamed zip) get a message a coordinator can pass
// on, and a zip that unpacks to far more than a return could hold is refused before it eats memory.
import { inflateRawSync } from 'node:zlib';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Unpacked size of every part together. A full 10,000-row return is well under a tenth of this. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** Unpacked size of any one part: a full return's Return sheet is about 5 MB. */
export const MAX_PART_BYTES = 32 * 1024 * 1024;

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// An encrypted .xlsx is a compound file holding these streams instead of a zip.
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');
const RESAVE = 'Open it in Excel and save it again as an Excel workbook (.xlsx), then import that file.';

export type FileVerdict = { ok: true } | { ok: false; message: string };

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Reads a zip's central directory; null when there is none to read (not a zip, or truncated). */
export function zipEntries(bytes: Buffer): ZipEntry[] | null {
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= searchFrom; i -= 1) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    entries.push({
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, Math.min(bytes.length, at + 46 + nameLength)),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** A part's stored (usually deflated) bytes, found through its local header; null when they are not all there. */
export function zipEntryData(bytes: Buffer, entry: ZipEntry): Buffer | null {
  const local = entry.localOffset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) return null;
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  return data.length === entry.compressedSize ? data : null;
}

/** Unpacks every part within the budget, so the sizes the zip declares are also the sizes it has. */
/** How large a workbook may be, packed and unpacked: a return's by default, a whole register's when asked. */
export interface UnpackBudget {
  fileBytes: number;
  unpackedBytes: number;
  partBytes: number;
  /** What such a file is, for the refusal: "a quarterly return". */
  what: string;
}

export const RETURN_BUDGET: UnpackBudget = {
  fileBytes: MAX_FILE_BYTES,
  unpackedBytes: MAX_UNPACKED_BYTES,
  partBytes: MAX_PART_BYTES,
  what: 'a quarterly return',
};

function unpackedWithinBudget(bytes: Buffer, entries: ZipEntry[], limits: UnpackBudget): 'ok' | 'too_big' | 'damaged' {
  // What the zip owns up to is refused without unpacking a byte (the row bomb declares its 38 MB
  // sheet honestly); only what it claims to be small is unpacked to see whether that is true.
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limits.unpackedBytes || entries.some((e) => e.uncompressedSize > limits.partBytes)) return 'too_big';
  let budget = limits.unpackedBytes;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const data = zipEntryData(bytes, entry);
    if (data === null) return 'damaged';
    let size: number;
    try {
      size = entry.method === 0 ? data.length : inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
    } catch (error) {
      return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too_big' : 'damaged';
    }
    if (size !== entry.uncompressedSize) return 'damaged';
    budget -= size;
  }
  return 'ok';
}

export function checkWorkbookBytes(bytes: Buffer, limits: UnpackBudget = RETURN_BUDGET): FileVerdict {
  const refuse = (message: string): FileVerdict => ({ ok: false, message });
  if (bytes.length === 0) return refuse('This file is empty: it holds no workbook at all. Check you chose the completed return.');
  if (bytes.length > limits.fileBytes) {
    return refuse(
      `This file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, far larger than ${limits.what} (the limit is ${limits.fileBytes / 1024 / 1024} MB). Check you chose the right file.`,
    );
  }
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) {
    if (bytes.includes(ENCRYPTION_INFO))
      return refuse(
        'This workbook is password-protected, so it cannot be read. Ask the agency to remove the password (File, Info, Protect Workbook, Encrypt with Password, then clear it) and save it again.',
      );
    return refuse(`This is an Excel 97-2003 .xls file, an old format the import cannot read. ${RESAVE}`);
  }
  const isZip = bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
  if (!isZip)
    return refuse(
      'This file is not an Excel workbook (.xlsx). Check you chose the completed return; if it came as CSV or another format, ask the agency for the .xlsx template filled in.',
    );
  const entries = zipEntries(bytes);
  if (entries === null)
    return refuse(`This file looks like an Excel workbook but is damaged or incomplete (perhaps cut short while downloading). ${RESAVE}`);
  const names = new Set(entries.map((e) => e.name.replace(/^\//, '')));
  if (entries.some((e) => (e.flags & 1) === 1))
    return refuse('This zip file is password-protected, so it cannot be read. Ask for the workbook itself without a password.');
  if (!names.has('xl/workbook.xml')) {
    if (names.has('xl/workbook.bin')) return refuse(`This is an Excel binary workbook (.xlsb), which the import cannot read. ${RESAVE}`);
    if (names.has('content.xml') && names.has('mimetype'))
      return refuse(
        `This is an OpenDocument file (.ods, from LibreOffice or similar), not an Excel workbook. In LibreOffice choose File, Save As, “Excel 2007-365 (.xlsx)”, then import that file.`,
      );
    return refuse(
      'This is a zip file, not an Excel workbook: it holds no workbook inside. Check you chose the completed return (.xlsx), not an archive that was renamed.',
    );
  }
  if (entries.some((e) => e.method !== 0 && e.method !== 8))
    return refuse(`This workbook is stored in a way Excel does not use, so it cannot be read. ${RESAVE}`);
  const unpacked = unpackedWithinBudget(bytes, entries, limits);
  if (unpacked === 'too_big')
    return refuse(
      `This workbook unpacks to far more data than ${limits.what} could hold, so it was not opened. Check you chose the right file.`,
    );
  if (unpacked === 'damaged') return refuse(`This workbook is damaged: parts of it cannot be unpacked. ${RESAVE}`);
  return { ok: true };
}
