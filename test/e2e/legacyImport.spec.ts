// The coordinator brings a board's old spreadsheet register in (issue 18): a messy CSV with its own
// headings, abbreviations, text and Excel-serial dates, a repeated row, a child's name in the notes
// and an agency the directory does not have. Nothing goes in while any row has a problem; the
// corrected file goes in whole, and the same file again adds nothing.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatUkDate } from '../../shared/domain/dates';
import { seedBoard } from '../support/boardFixture';
import { ok, tempFolder, type TestDesk } from '../support/tempStore';
import { expect, expectAccessible, screenshotPath, signInAs, test } from './fixtures';

const HEADINGS = 'Ref,Date raised,Raised by,Disagreement with,Stage reached,Type of concern,Outcome,Date closed,Notes,Initials';
// Fictional cases: a case reference and initials are all that identify a child.
const ROW_2 =
  'LEG-001,03/04/2024,ASP,CSC,Stg 2,Level of need or threshold,Upheld,15/04/2024,"Threshold for a strategy discussion, not agreed",A.B.';
// 45400 is Excel's serial number for 18 April 2024.
const ROW_3 = 'LEG-002,45400,Hollyfield,CSC,Stage 1,Roles and responsibilities,Open,,Who leads the plan,CD';
const NAMED =
  'LEG-003,12/06/2024,CSC,Sirona Care and Health,Stg 2,Information sharing and communication,Withdrawn,20/06/2024,Jayden Okafor was seen at school,EF';
const FIXED = NAMED.replace('Jayden Okafor was seen at school', 'Seen at school by the nurse');
const UNKNOWN_AGENCY =
  'LEG-004,01/07/2024,Northgate Housing,Avon and Somerset Police,3,Nature and severity of risk,Changed,19/07/2024,Disagreement about the risk,GH';

const csv = (rows: string[]) => [HEADINGS, ...rows].join('\r\n') + '\r\n';

test('the coordinator imports the board’s legacy register, putting its problems right first', async ({ page, app }) => {
  const desk = { ...app.desk, dataFolder: app.dataFolder, cleanup: () => undefined } as TestDesk;
  seedBoard(desk, 'bromley');
  const csc = 'North Somerset Children’s Social Care';
  ok(desk.call('agencies:create', { name: csc, sector: 'childrens_social_care', statutoryPartner: true }));

  const folder = tempFolder('legacy-register-');
  try {
    const messy = join(folder, 'register.csv');
    const corrected = join(folder, 'register-corrected.csv');
    writeFileSync(messy, csv([ROW_2, ROW_3, NAMED, UNKNOWN_AGENCY, ROW_3]));
    writeFileSync(corrected, csv([ROW_2, ROW_3, FIXED, ROW_3]));

    // From the register, where the coordinator is offered it.
    await page.goto(`${app.server.url.split('?')[0]}#/escalations`);
    await page.getByRole('link', { name: 'Import a legacy register' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Import a legacy register' })).toBeVisible();
    await expect(page).toHaveTitle('Import a legacy register – Escalation Desk');

    // The messy file: what the app understood, and what it could not take.
    await page.getByLabel('Register file (.xlsx or .csv)').setInputFiles(messy);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByRole('heading', { name: 'What is in “register.csv”' })).toBeVisible();
    const selected = (label: string) => page.getByLabel(label, { exact: true }).locator('option:checked');
    await expect(selected('Column for Case reference')).toHaveText('Ref');
    await expect(selected('Column for Agency challenged')).toHaveText('Disagreement with');
    await expect(selected('Column for Summary')).toHaveText('Notes');
    await expect(selected('Column for Immediate risk')).toHaveText('Not in the file');
    // Initials the app can match are offered, not taken unasked; a shortened name has no guess.
    await expect(selected('“ASP” (Agency, 1 row)')).toHaveText('Avon and Somerset Police');
    await expect(selected('“CSC” (Agency, 4 rows)')).toHaveText(csc);
    await expect(selected('“Hollyfield” (Agency, 2 rows)')).toHaveText('Choose…');
    const problems = page.getByRole('table', { name: 'Problems to put right' });
    await expect(problems.getByRole('row', { name: /Jayden Okafor/ })).toContainText('Notes');
    await expect(problems.getByRole('row', { name: /Northgate Housing/ })).toContainText('5');
    const importButton = page.getByRole('button', { name: /^Import \d+ cases?$/ });
    await expect(importButton).toBeDisabled();
    await expect(page.getByText('Nothing can be imported while 9 problems remain')).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: screenshotPath('legacy-import.png'), fullPage: true });
    // At 320 CSS pixels (400% zoom) the columns, the words and the problems reflow: nothing scrolls sideways.
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Saying what "Hollyfield" means, and taking the guesses, leaves the two rows the file itself must put right.
    await page.getByLabel('“Hollyfield” (Agency, 2 rows)').selectOption({ label: 'Hollyfield Primary School' });
    await page.getByRole('button', { name: 'Check again with these choices' }).click();
    await expect(page.getByText('Checked again: 2 problems left.')).toBeVisible();
    await expect(selected('“CSC” (Agency)')).toHaveText(csc);
    await expect(selected('“Hollyfield” (Agency)')).toHaveText('Hollyfield Primary School');
    await expect(problems.getByRole('row')).toHaveCount(3);
    await expect(importButton).toBeDisabled();

    // The corrected file: no name, no unknown agency; the repeated row is skipped, not doubled.
    await page.getByLabel('Register file (.xlsx or .csv)').setInputFiles(corrected);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByRole('heading', { name: 'What is in “register-corrected.csv”' })).toBeVisible();
    await expect(page.getByText('No row has a problem: the file can be imported.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Rows that will be skipped' }).getByRole('row', { name: /LEG-002/ })).toContainText(
      'The same as row 3.',
    );
    await expect(page.getByLabel('Remember these choices for the next file')).toBeChecked();
    await expectAccessible(page);

    // The import: its progress, held on the screen a moment by slowing the status answers, then done.
    const status = /\/api\/legacy(?::|%3A)status$/;
    await page.route(status, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Import 3 cases' }).click();
    await expect(page.getByRole('progressbar', { name: 'Importing “register-corrected.csv”' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel import' })).toBeVisible();
    const done = page.getByRole('status').filter({ hasText: 'Imported 3 cases from “register-corrected.csv”' });
    await expect(done).toContainText('skipped 1 case already on the register or repeated in the file');
    await page.unroute(status);
    await page.screenshot({ path: screenshotPath('legacy-import-done.png'), fullPage: true });

    // On the register, with the Excel serial read as its day.
    await done.getByRole('link', { name: 'Open the register' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Escalation register' })).toBeVisible();
    await page.getByLabel('Case reference or initials').fill('LEG-002');
    await expect(page.getByRole('row', { name: /LEG-002/ })).toContainText(formatUkDate('2024-04-18'));
    await expect(page.getByRole('row', { name: /LEG-001/ })).toHaveCount(0);

    // The same file again: every case is already on the register, and the agencies' words are remembered.
    await page.getByRole('link', { name: 'Import a legacy register' }).click();
    await page.getByLabel('Register file (.xlsx or .csv)').setInputFiles(corrected);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByText('Every agency, category, stage, outcome and child’s status in the file is recognised.')).toBeVisible();
    const skipped = page.getByRole('table', { name: 'Rows that will be skipped' });
    await expect(skipped.getByRole('row', { name: /LEG-001/ })).toContainText(
      'Already on the register: imported from “register-corrected.csv”, row 2.',
    );
    await expect(skipped.getByRole('row')).toHaveCount(5);
    // Remembered by its key, and shown as the file spells it.
    await expect(page.getByLabel('“CSC” (Agency)', { exact: true }).locator('option:checked')).toHaveText(csc);
    await page.getByRole('button', { name: 'Import 0 cases' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Imported 0 cases from “register-corrected.csv”' })).toContainText(
      'skipped 4 cases',
    );

    // LEG-002 is still open and came in without a deadline: the coordinator starts the board's count from today.
    await page.goto(`${app.server.url.split('?')[0]}#/escalations`);
    await page.getByLabel('Case reference or initials').fill('LEG-002');
    await page.getByRole('link', { name: 'LEG-002' }).click();
    await page.getByRole('link', { name: 'Track this stage’s deadline' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Track this stage’s deadline' })).toBeVisible();
    await expect(page.getByText('Imported from row 3 of “register-corrected.csv”, without a deadline.', { exact: false })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Track the deadline' }).click();
    await expect(page.getByRole('status').filter({ hasText: /The deadline is tracked from .+: due / })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Track this stage’s deadline' })).toHaveCount(0);
    // The stage keeps the day it started in the old register, and says from when its deadline counts.
    await expect(page.getByText('Deadline counted from')).toBeVisible();

    const imported = app.desk.store.reader.prepare('SELECT count(*) AS n FROM escalation WHERE legacy_import_id IS NOT NULL').get() as {
      n: number;
    };
    expect(imported.n).toBe(3);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

// A real import long enough to cancel by hand outruns the click here (the desk writes in the test's
// own process, between the browser's round trips), so the desk's answers to the import, its status
// and the cancel are held in the test: this is the screen's part, following and stopping a job.
test('the screen follows a long import and cancels it, keeping the form to try again', async ({ page, app }) => {
  const desk = { ...app.desk, dataFolder: app.dataFolder, cleanup: () => undefined } as TestDesk;
  seedBoard(desk, 'bromley');
  const folder = tempFolder('legacy-register-');
  try {
    const file = join(folder, 'history.csv');
    writeFileSync(
      file,
      csv(['OLD-1,03/04/2024,Hollyfield Primary School,Bristol City Council,Stage 1,Roles and responsibilities,Open,,,']),
    );
    const job = {
      jobId: '00000000-0000-4000-8000-000000000018',
      fileName: 'history.csv',
      state: 'running',
      progress: 0.25,
      message: 'Importing “history.csv”: 3,000 of 12,000 cases written…',
      imported: 0,
      skipped: 0,
    };
    let cancelAsked = false;
    const answer = (value: object) => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value }) });
    await page.route(/\/api\/legacy(?::|%3A)import$/, (route) => route.fulfill(answer(job)));
    await page.route(/\/api\/legacy(?::|%3A)status$/, (route) =>
      route.fulfill(
        answer(
          cancelAsked
            ? {
                ...job,
                state: 'cancelled',
                message: 'The import of “history.csv” was cancelled. Nothing from it was kept: the register is as it was.',
              }
            : job,
        ),
      ),
    );
    await page.route(/\/api\/legacy(?::|%3A)cancel$/, (route) => {
      cancelAsked = true;
      return route.fulfill(answer({ ...job, message: 'Cancelling the import of “history.csv”…' }));
    });

    await page.goto(`${app.server.url.split('?')[0]}#/escalations/import`);
    await page.getByLabel('Register file (.xlsx or .csv)').setInputFiles(file);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('button', { name: 'Import 1 case' }).click();
    const bar = page.getByRole('progressbar', { name: 'Importing “history.csv”' });
    await expect(bar).toHaveJSProperty('value', 0.25);
    await expect(page.getByRole('status').filter({ hasText: '3,000 of 12,000 cases written' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Import 1 case' })).toHaveCount(0);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Cancel import' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'was cancelled' })).toContainText('Nothing from it was kept');
    expect(cancelAsked).toBe(true);
    await expect(bar).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Import 1 case' })).toBeEnabled();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('only the coordinator is offered the legacy import', async ({ page, app }) => {
  await signInAs(page, app, 'chair');
  await page.getByRole('link', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Escalation register' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Import a legacy register' })).toHaveCount(0);
  await page.evaluate(() => (window.location.hash = '#/escalations/import'));
  await expect(page.getByText('Importing a legacy register is for the business coordinator.')).toBeVisible();
  await expect(page.getByLabel('Register file (.xlsx or .csv)')).toHaveCount(0);
});
