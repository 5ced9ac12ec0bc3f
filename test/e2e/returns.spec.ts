import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { logEscalation, seatBoard, seedBoard } from '../support/boardFixture';
import type { TestDesk } from '../support/tempStore';
import { day, fillReturn, makeTemplate } from '../support/workbooks';
import { expect, expectAccessible, test, screenshotPath } from './fixtures';

test('the coordinator exports the quarterly return and imports an agency return, fixing an error first', async ({ page, app }) => {
  const desk = { ...app.desk, dataFolder: app.dataFolder, cleanup: () => undefined } as TestDesk;
  const board = seedBoard(desk, 'bromley');
  seatBoard(desk, board);
  logEscalation(desk, board, { reference: 'CS-7001', openedOn: '2026-07-15' });
  logEscalation(desk, board, { reference: 'CS-7002', openedOn: '2026-09-30', raisingAgencyId: board.police });

  await page.goto(`${app.server.url.split('?')[0]}#/returns`);
  await expect(page.getByRole('heading', { name: 'Quarterly returns', level: 1 })).toBeVisible();
  await page.getByLabel('Quarter', { exact: true }).selectOption({ label: 'Q2 2026-27 (Jul-Sep)' });
  await expect(page.getByText('0 of 4 agencies have returned; 0 sent a nil return.')).toBeVisible();
  await expectAccessible(page);

  // Export: the file arrives as a download and is a real workbook with this quarter's register.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the quarterly return' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('board-return-2026-Q2.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  const register = workbook.getWorksheet('Register')!;
  const references = [];
  for (let r = 2; r <= register.rowCount; r += 1) references.push(register.getCell(r, 1).value);
  expect(references).toEqual(['CS-7001', 'CS-7002']);
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded as board-return-2026-Q2.xlsx' })).toBeVisible();

  // Import: the school's return has a date that is not a date; nothing is recorded until it is put right.
  const template = await makeTemplate(desk, board.school, 'school-template.xlsx');
  const row = {
    reference: 'HPS-101',
    initials: 'JT',
    challenged: 'Bristol City Council',
    category: 'Level of need or threshold',
    stage: '2 - Escalate to line manager',
    outcome: 'Original decision upheld',
    resolved: day(2026, 8, 20),
  };
  const broken = await fillReturn(template, { rows: [{ ...row, raised: 'last Tuesday' }] });
  await page.getByLabel('Completed return workbook').setInputFiles({
    name: 'hollyfield-q2.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: broken,
  });
  await page.getByRole('button', { name: 'Import return' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Sheet “Return”, row 6, column “Date raised”');
  await expect(page.getByRole('row', { name: /Hollyfield Primary School/ })).toContainText('Missing');
  await expectAccessible(page);

  const fixed = await fillReturn(template, { rows: [{ ...row, raised: day(2026, 8, 11) }] });
  await page.getByLabel('Completed return workbook').setInputFiles({
    name: 'hollyfield-q2-fixed.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: fixed,
  });
  await page.getByRole('button', { name: 'Import return' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported Hollyfield Primary School’s return for 2026-Q2: 1 escalation.' }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: /Hollyfield Primary School/ })).toContainText('Returned');
  await expect(page.getByText('1 of 4 agencies have returned; 0 sent a nil return.')).toBeVisible();
  await page.screenshot({ path: screenshotPath('returns.png'), fullPage: true });

  // The same file again is recognised, not doubled.
  await page.getByLabel('Completed return workbook').setInputFiles({
    name: 'hollyfield-q2-fixed.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: fixed,
  });
  await page.getByRole('button', { name: 'Import return' }).click();
  await expect(page.getByRole('alert')).toContainText('already imported');
  const internal = app.desk.store.reader.prepare("SELECT count(*) AS n FROM escalation WHERE origin = 'agency_return'").get() as {
    n: number;
  };
  expect(internal.n).toBe(1);
});
