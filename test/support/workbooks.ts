// Workbooks as agencies send them back: templates filled in with exceljs the way a person would
// (real Excel dates, dropdown values), and the hostile files a coordinator will one day be sent.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { ImportSummary } from '../../shared/domain/agencyReturn';
import type { Problem } from '../../shared/result';
import { writeAgencyTemplate } from '../../electron/services/returns/agencyTemplate';
import { importAgencyReturn } from '../../electron/services/returns/importAgencyReturn';
import { readAgencyReturn } from '../../electron/services/returns/readAgencyReturn';
import { DomainError } from '../../electron/services/errors';
import { zipEntries, zipEntryData } from '../../electron/services/returns/fileCheck';
import type { TestDesk } from './tempStore';

/** "Today" for the return tests: Monday 23 November 2026, after Q2 2026-27 (July-September). */
export const NOW = new Date('2026-11-23T10:00:00Z');
export const QUARTER = '2026-Q2';

export async function makeTemplate(desk: TestDesk, agencyId: number | null, name = 'template.xlsx', quarter = QUARTER): Promise<string> {
  const file = join(desk.dataFolder, name);
  await writeAgencyTemplate(desk.store.reader, { now: NOW, quarter, agencyId, file, appVersion: '0.0.0-test' });
  return file;
}

export async function loadWorkbook(source: string | Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((typeof source === 'string' ? readFileSync(source) : source) as unknown as ArrayBuffer);
  return workbook;
}

/** A calendar date the way Excel stores it; exceljs needs UTC midnight or BST moves the day. */
export const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

export interface AgencyRow {
  reference: ExcelJS.CellValue;
  initials?: ExcelJS.CellValue;
  challenged: ExcelJS.CellValue;
  category: ExcelJS.CellValue;
  raised: ExcelJS.CellValue;
  stage: ExcelJS.CellValue;
  immediateRisk?: ExcelJS.CellValue;
  chair?: ExcelJS.CellValue;
  meeting?: ExcelJS.CellValue;
  panel?: ExcelJS.CellValue;
  outcome: ExcelJS.CellValue;
  resolved?: ExcelJS.CellValue;
  theme?: ExcelJS.CellValue;
}

/** A row as an agency types it, optionally at a given row of the Return sheet. */
export type ReturnEntry = AgencyRow & { at?: number };

export interface Fill {
  agency?: string;
  nil?: string;
  /** Row number on the Return sheet for each entry (default: one after another from row 6). */
  rows?: ReturnEntry[];
  edit?: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void;
}

export async function fillReturn(templateFile: string, fill: Fill): Promise<Buffer> {
  const workbook = await loadWorkbook(templateFile);
  const sheet = workbook.getWorksheet('Return')!;
  if (fill.agency !== undefined) sheet.getCell('C2').value = fill.agency;
  if (fill.nil !== undefined) sheet.getCell('C3').value = fill.nil;
  let next = 6;
  for (const row of fill.rows ?? []) {
    const at = row.at ?? next;
    next = at + 1;
    const values = [
      row.reference,
      row.initials ?? null,
      row.challenged,
      row.category,
      row.raised,
      row.stage,
      row.immediateRisk ?? 'No',
      row.chair ?? 'No',
      row.meeting ?? 'No',
      row.panel ?? 'No',
      row.outcome,
      row.resolved ?? null,
      row.theme ?? null,
    ];
    values.forEach((value, i) => (sheet.getCell(at, i + 1).value = value));
  }
  fill.edit?.(sheet, workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; message: string; problems: Problem[] };

/** What the import screen does: read (no writes), then only if the file is right, import in one transaction. */
export async function importReturn(desk: TestDesk, fileName: string, bytes: Buffer): Promise<ImportOutcome> {
  const read = await readAgencyReturn(desk.store.reader, { fileName, bytes, now: NOW });
  if (!read.ok) return read;
  try {
    const summary = desk.store.writer
      .transaction(() => importAgencyReturn({ db: desk.store.writer, actor: 'test coordinator', now: NOW }, read.parsed))
      .immediate();
    return { ok: true, summary };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, message: error.message, problems: error.problems };
    throw error;
  }
}

/** A zip archive written by hand, so a test can say exactly what is inside (and what it claims). */
export function zipOf(files: { name: string; data: Buffer | string; deflate?: boolean; claimedSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const raw = Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data);
    const body = file.deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(file.name);
    const size = file.claimedSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(file.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(file.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * The start of a compound file (OLE2/CFB), the container of old .xls files and of encrypted
 * .xlsx files: a header and one directory sector naming the streams.
 */
export function compoundFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3: 512-byte sectors
  header.writeUInt16LE(0xfffe, 28); // byte order
  header.writeUInt16LE(9, 30); // sector shift
  header.writeUInt16LE(6, 32); // mini sector shift
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(0, 48); // directory starts at sector 0
  const directory = Buffer.alloc(512);
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const entry = i * 128;
    const utf16 = Buffer.from(`${name}\0`, 'utf16le');
    utf16.copy(directory, entry);
    directory.writeUInt16LE(utf16.length, entry + 64);
    directory.writeUInt8(i === 0 ? 5 : 2, entry + 66); // root storage, then streams
  });
  return Buffer.concat([header, directory, Buffer.alloc(512, 0xff)]);
}

/** Every part of a workbook, unpacked, in the order of its zip directory. */
export function unzipParts(bytes: Buffer): { name: string; data: Buffer }[] {
  return (zipEntries(bytes) ?? []).map((entry) => {
    const stored = zipEntryData(bytes, entry)!;
    return { name: entry.name, data: entry.method === 8 ? inflateRawSync(stored) : Buffer.from(stored) };
  });
}

/**
 * The row bomb: a real template whose Return sheet (the one with the autofilter) gets `rows` empty
 * rows below its headings, so the file is small and every part of it is as the template made it.
 */
export function rowBomb(template: Buffer, rows: number): Buffer {
  const parts = unzipParts(template);
  const sheet = parts.find((p) => p.name.startsWith('xl/worksheets/sheet') && p.data.includes('<autoFilter'))!;
  const end = sheet.data.indexOf('</sheetData>');
  sheet.data = Buffer.concat([sheet.data.subarray(0, end), emptyRows(6, rows), sheet.data.subarray(end)]);
  return zipOf(parts.map((p) => ({ name: p.name, data: p.data, deflate: true })));
}

/** `<row r="n"/>` for `count` rows from `first`, written byte by byte: millions of strings would take seconds. */
function emptyRows(first: number, count: number): Buffer {
  const digits = [...String(first)].map(Number);
  const out = Buffer.allocUnsafe(count * (12 + String(first + count).length));
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    at += out.write('<row r="', at, 'latin1');
    for (const d of digits) out[at++] = 48 + d;
    at += out.write('"/>', at, 'latin1');
    let k = digits.length - 1;
    while (k >= 0 && digits[k] === 9) digits[k--] = 0;
    if (k < 0) digits.unshift(1);
    else digits[k]! += 1;
  }
  return out.subarray(0, at);
}
