// Every workbook the desk writes is printed by someone: the agency's return at the team meeting,
// the board's return for the learning hub's papers. Each is converted to PDF by LibreOffice and
// read back with poppler's pdftotext and pdfinfo, so the tests see the pages as they come out of
// a printer: how many, which way round, the protective marking on each, no column cut off onto a
// page of its own and no instruction overprinting another. CI installs both tools
// (scripts/ensure-test-tools.mjs); where one is missing the tests say so in their names and skip.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTECTIVE_MARKING } from '../../shared/domain/marking';
import { writeAccessWorkbook } from '../../electron/services/access/exportRecord';
import { writeBoardReturn } from '../../electron/services/returns/boardReturn';
import { logEscalation, seedBoard, type Board } from '../support/boardFixture';
import { openTestDesk, tempFolder, type TestDesk } from '../support/tempStore';
import { NOW, day, fillReturn, makeTemplate } from '../support/workbooks';

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const soffice = ['soffice', 'libreoffice'].find(has) ?? null;
const poppler = has('pdftotext') && has('pdfinfo');
const ready = soffice !== null && poppler;
const SKIPPED = ready ? '' : ' (SKIPPED: needs LibreOffice and poppler-utils: apt-get install -y libreoffice-calc-nogui poppler-utils)';

const folders: string[] = [];
let desk: TestDesk;
let board: Board;

beforeAll(() => {
  desk = openTestDesk({ now: () => NOW });
  board = seedBoard(desk, 'bromley');
  for (let i = 1; i <= 40; i += 1)
    logEscalation(desk, board, {
      reference: `PR-${String(i).padStart(4, '0')}`,
      openedOn: `2026-08-${String((i % 28) + 1).padStart(2, '0')}`,
    });
});
afterAll(() => {
  desk?.cleanup();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

interface PrintedPage {
  text: string;
  /** Points, as the PDF's page box gives them. */
  width: number;
  height: number;
  /** The lines of text with their boxes, to tell whether any two overprint. */
  lines: { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[];
}

/** Prints a workbook to PDF with LibreOffice, with a profile of its own, and reads every page back. */
function print(file: string): PrintedPage[] {
  const outDir = tempFolder('print-out-');
  const profile = tempFolder(`lo-${randomBytes(4).toString('hex')}-`);
  folders.push(outDir, profile);
  const run = spawnSync(
    soffice!,
    [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, file],
    { timeout: 150_000, encoding: 'utf8' },
  );
  expect(run.status, `${run.stderr}${run.error ? String(run.error) : ''}`).toBe(0);
  const pdf = join(outDir, basename(file).replace(/\.xlsx$/, '.pdf'));
  expect(readdirSync(outDir)).toContain(basename(pdf));
  const info = spawnSync('pdfinfo', ['-f', '1', '-l', '10000', pdf], { encoding: 'utf8' }).stdout;
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
  const texts = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.split('\f').slice(0, sizes.length);
  const boxes = spawnSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
  const pages = boxes.split('<page ').slice(1);
  expect(texts).toHaveLength(sizes.length);
  expect(pages).toHaveLength(sizes.length);
  return sizes.map((size, i) => ({
    ...size,
    text: texts[i]!,
    lines: [...pages[i]!.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)].map(
      (m) => ({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: [...m[5]!.matchAll(/>([^<]*)<\/word>/g)].map((w) => w[1]).join(' '),
      }),
    ),
  }));
}

/** Text as one run of words: a sentence wrapped over lines still reads whole. */
const words = (text: string) => text.replace(/&#39;|’/g, "'").replace(/\s+/g, ' ');

const A4 = { short: 595, long: 842 };
const isA4Portrait = (p: PrintedPage) => Math.round(p.width) === A4.short && Math.round(p.height) === A4.long;
const isA4Landscape = (p: PrintedPage) => Math.round(p.width) === A4.long && Math.round(p.height) === A4.short;

/** Two lines overprint when their boxes cross by more than a sliver (descenders touch the next line). */
function overprinted(page: PrintedPage): string[] {
  const found: string[] = [];
  page.lines.forEach((a, i) =>
    page.lines.slice(i + 1).forEach((b) => {
      const across = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const down = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (across > 1 && down > 2) found.push(`“${a.text}” over “${b.text}”`);
    }),
  );
  return found;
}

function expectMarkedAndNumbered(pages: PrintedPage[]): void {
  pages.forEach((page, i) => {
    // Top and bottom of every page, as the Government Security Classifications ask.
    expect(page.text.split(PROTECTIVE_MARKING).length - 1, `page ${i + 1} of ${pages.length}`).toBeGreaterThanOrEqual(2);
    expect(page.text, `page ${i + 1}`).toMatch(/Page \d+ of \d+/);
  });
}

describe('printed workbooks', () => {
  it.skipIf(!ready)(
    `the agency template prints its instructions on one portrait page, whole and not overprinted, and its Return one page wide${SKIPPED}`,
    async () => {
      const pages = print(await makeTemplate(desk, board.school, 'print-template.xlsx'));
      const instructions = pages.filter((p) => p.text.includes('How to fill it in'));
      const returnPages = pages.filter((p) => p.text.includes('Case reference'));
      expect(instructions.length + returnPages.length).toBe(pages.length);
      expect(instructions).toHaveLength(1);
      expect(instructions.every(isA4Portrait)).toBe(true);
      const text = words(instructions[0]!.text);
      expect(text).toContain(
        "Never enter a child's name, address or date of birth. Use your agency's case reference and, at most, the child's initials.",
      );
      expect(text).toContain('Save the file as an Excel workbook (.xlsx) and send it back to the board.');
      expect(text).toContain('set “Nil return” at the top of the Return sheet to Yes and leave the table empty.');
      expect(overprinted(instructions[0]!)).toEqual([]);
      // An empty return: the heading and the table's header on one landscape page.
      expect(returnPages).toHaveLength(1);
      expect(returnPages.every(isA4Landscape)).toBe(true);
      expect(returnPages[0]!.text).toContain('Case reference');
      expect(returnPages[0]!.text).toContain('Learning theme');
      expectMarkedAndNumbered(pages);
    },
    200_000,
  );

  it.skipIf(!ready)(
    `a filled-in return runs down the pages, never across: every page has the first and last columns' headings${SKIPPED}`,
    async () => {
      const rows = Array.from({ length: 250 }, (_, i) => ({
        reference: `HPS-${String(i + 1).padStart(4, '0')}`,
        initials: 'AB',
        challenged: 'Bristol City Council',
        category: 'Level of need or threshold',
        raised: day(2026, 7, 15),
        stage: '2 - Escalate to line manager',
        outcome: 'Original decision changed',
        resolved: day(2026, 8, 28),
      }));
      const filled = await fillReturn(await makeTemplate(desk, null, 'print-any.xlsx'), { agency: 'Hollyfield Primary School', rows });
      const folder = tempFolder('print-in-');
      folders.push(folder);
      const file = join(folder, 'filled.xlsx');
      writeFileSync(file, filled);
      const returnPages = print(file).filter((p) => !p.text.includes('How to fill it in'));
      expect(returnPages.length).toBeGreaterThanOrEqual(2);
      expect(returnPages.length).toBeLessThanOrEqual(5);
      for (const page of returnPages) {
        expect(isA4Landscape(page)).toBe(true);
        // The header row is repeated on each page, and no page holds only the right-hand columns.
        expect(page.text).toContain('Case reference');
        expect(page.text).toContain('Learning theme');
      }
      expect(words(returnPages.map((p) => p.text).join(' '))).toContain('HPS-0250');
      expectMarkedAndNumbered(returnPages);
    },
    200_000,
  );

  it.skipIf(!ready)(
    `the board's return prints its cover in portrait and every table one landscape page wide, marked on every page${SKIPPED}`,
    async () => {
      const folder = tempFolder('print-return-');
      folders.push(folder);
      const file = join(folder, 'board-return.xlsx');
      await writeBoardReturn(desk.store.reader, { now: NOW, quarter: '2026-Q2', file, appVersion: '0.0.0-test' });
      const pages = print(file);
      expect(isA4Portrait(pages[0]!)).toBe(true);
      expect(words(pages[0]!.text)).toContain('Quarterly return of professional disagreements (escalations)');
      expect(overprinted(pages[0]!)).toEqual([]);
      const tables = pages.filter((p) => !isA4Portrait(p));
      expect(tables.every(isA4Landscape)).toBe(true);
      // Fifteen sheets: one page each, the register of forty cases two at most.
      expect(pages.length).toBeLessThanOrEqual(17);
      const register = pages.filter((p) => p.text.includes('PR-00'));
      expect(register.length).toBeGreaterThanOrEqual(1);
      // Twenty columns, all on each page, under the repeated header row.
      for (const page of register) expect(page.text).toMatch(/Reference [\s\S]* Date withdrawn or closed\s[\s\S]*PR-00/);
      expect(words(register.map((p) => p.text).join(' '))).toContain('PR-0040');
      expectMarkedAndNumbered(pages);
    },
    200_000,
  );

  it.skipIf(!ready)(
    `the access record prints landscape, one page wide, marked${SKIPPED}`,
    async () => {
      const folder = tempFolder('print-access-');
      folders.push(folder);
      const file = join(folder, 'access-record.xlsx');
      await writeAccessWorkbook({ reader: desk.store.reader, now: NOW }, {}, file);
      const pages = print(file);
      expect(pages.length).toBeGreaterThanOrEqual(1);
      expect(pages.every(isA4Landscape)).toBe(true);
      for (const page of pages) {
        expect(page.text).toContain('When (UTC)');
        expect(page.text).toContain('Record');
      }
      expectMarkedAndNumbered(pages);
    },
    200_000,
  );
});
