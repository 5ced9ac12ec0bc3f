// Backups and recovery from inside the app, and the start-up checks shown in the window: restoring
// a backup brings the earlier records back, a damaged file is answered with the latest good backup,
// and an audit entry edited behind the app's back is named at start-up.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openFrontDesk, type FrontDesk } from '../../electron/desk/frontDesk';
import { DATABASE_FILE_NAME } from '../../electron/db/open';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { ok, tempFolder } from '../support/tempStore';
import { E2E_PASSWORD, expect, expectAccessible, test, screenshotPath } from './fixtures';
import { TEST_KEY, openTestDb } from '../support/testKey';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

/** A restore opens a new desk over the restored file: everyone signs in again, against its accounts. */
async function signIn(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Sign in to Escalation Desk' })).toBeVisible();
  await page.getByLabel('User name').fill('coordinator');
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('E2E Coordinator · Business coordinator')).toBeVisible();
}

/** Lays down a board's records as a trusted caller, with the coordinator account the tests sign in with. */
function seedFolder(dataFolder: string, agencies: string[]): FrontDesk {
  const seeder = openFrontDesk({ key: TEST_KEY, dataFolder, mode: 'web', version: 'e2e', actor: () => 'e2e seed' });
  ok(
    seeder.desk!.call('session:setUp', {
      userName: 'coordinator',
      displayName: 'E2E Coordinator',
      password: E2E_PASSWORD,
      repeatPassword: E2E_PASSWORD,
    }),
  );
  for (const name of agencies) ok(seeder.desk!.call('agencies:create', { name, sector: 'other', statutoryPartner: false }));
  return seeder;
}

async function agencyNamesOnScreen(page: Page): Promise<string[]> {
  await nav(page, 'Agency directory').click();
  await expect(page.getByRole('heading', { name: 'Agency directory', level: 1 })).toBeVisible();
  return (await page.getByRole('table').getByRole('link').allTextContents()).sort();
}

test('a coordinator backs up, changes something, restores the backup and sees the earlier records', async ({ page, app }) => {
  ok(app.desk.call('agencies:create', { name: 'Bromley Police', sector: 'police', statutoryPartner: true }));
  await page.goto(`${app.server.url}#/backups`);
  await expect(page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();
  await expect(page.getByText('There are no backups yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Backed up: escalation-desk-\d{8}-\d{6}-manual\.sqlite\.$/ })).toBeVisible();
  const row = page.getByRole('table').getByRole('row').nth(1);
  await expect(row).toContainText('Taken by hand');
  await expect(row).toContainText('Passes its integrity check');
  await expectAccessible(page);

  // A change after the backup, made on screen.
  await nav(page, 'Agency directory').click();
  const addForm = page.getByRole('region', { name: 'Add an agency' });
  await addForm.getByLabel('Agency name').fill('Sirona Care and Health');
  await addForm.getByLabel('Sector').selectOption({ label: 'Health' });
  await addForm.getByRole('button', { name: 'Add agency' }).click();
  await expect(page.getByRole('link', { name: 'Sirona Care and Health' })).toBeVisible();
  expect(await agencyNamesOnScreen(page)).toEqual(['Bromley Police', 'Sirona Care and Health']);

  await nav(page, 'Backups').click();
  await page.getByRole('button', { name: /^Restore this backup taken / }).click();
  const confirm = page.getByRole('region', { name: /^Restore the backup taken .*\?$/ });
  await expect(confirm).toContainText('anything recorded after');
  await expect(confirm).toContainText('Nothing is deleted');
  await expect(confirm.getByRole('heading')).toBeFocused();
  await expectAccessible(page);
  await page.screenshot({ path: screenshotPath('backups.png'), fullPage: true });
  await confirm.getByRole('button', { name: 'Yes, restore this backup' }).click();

  // The window reloads on the restored records and, once signed in again, says what happened.
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'The records in use were restored on' })).toContainText(
    'by E2E Coordinator (coordinator)',
  );
  await expect(page.getByRole('status').filter({ hasText: 'The records in use before are kept' })).toContainText(
    'escalation-desk.sqlite.replaced-',
  );
  await expect(page.getByRole('table').getByRole('row', { name: /Before a restore/ })).toBeVisible();
  expect(await agencyNamesOnScreen(page)).toEqual(['Bromley Police']);
  // The server's desk is the restored one too.
  const names = app.desk.store.reader.prepare('SELECT name FROM agency').all();
  expect(names).toEqual([{ name: 'Bromley Police' }]);
});

/** A web-mode server over a data folder prepared by the test (the fixture's starts empty): people sign in, as in the web mode. */
async function serve(dataFolder: string): Promise<{ host: FrontDesk; server: WebServer; stop: () => Promise<void> }> {
  const host = openFrontDesk({ key: TEST_KEY, dataFolder, mode: 'web', version: 'e2e' });
  const server = await startWebServer({
    dispatch: host.dispatchAsync,
    sessions: () => host.sessions,
    downloads: host.exports,
    rendererDir: join(process.cwd(), 'out', 'renderer'),
  });
  return {
    host,
    server,
    stop: async () => {
      await server.close();
      host.close();
    },
  };
}

test('a damaged records file: the window says so, offers the latest good backup and restores it', async ({ page }) => {
  const dataFolder = tempFolder('desk-e2e-damaged-');
  try {
    const first = seedFolder(
      dataFolder,
      Array.from({ length: 300 }, (_, i) => `Agency number ${i + 1} of the partnership`),
    );
    await first.takeBackup('manual');
    first.close();
    const fd = openSync(join(dataFolder, DATABASE_FILE_NAME), 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, 8192);
    closeSync(fd);

    const { host, server, stop } = await serve(dataFolder);
    try {
      await page.goto(server.url);
      await expect(page.getByRole('heading', { name: 'The records file is damaged', level: 1 })).toBeVisible();
      await expect(page.getByRole('alert')).toContainText(
        'failed SQLite’s integrity check when the app started, so it was not opened and nothing in it has changed',
      );
      await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText('Passes its integrity check');
      await expectAccessible(page);
      await page.screenshot({ path: screenshotPath('damaged-records.png'), fullPage: true });
      await page.getByRole('button', { name: /^Restore the latest good backup \(taken / }).click();
      const confirm = page.getByRole('region', { name: /^Restore the backup taken .*\?$/ });
      await expect(confirm).toContainText('The damaged records file is replaced by this backup. It is not deleted');
      await confirm.getByRole('button', { name: 'Yes, restore this backup' }).click();

      // The restored records hold the board's accounts: sign in to them.
      await signIn(page);
      await expect(page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: 'The records in use were restored on' })).toBeVisible();
      await nav(page, 'Agency directory').click();
      await expect(page.getByRole('link', { name: 'Agency number 300 of the partnership' })).toBeVisible();
      expect(host.desk).not.toBeNull();
    } finally {
      await stop();
    }
  } finally {
    rmSync(dataFolder, { recursive: true, force: true });
  }
});

test('an audit entry edited behind the app’s back is named on screen when the app starts', async ({ page }) => {
  const dataFolder = tempFolder('desk-e2e-audit-');
  try {
    seedFolder(dataFolder, ['Bromley Police', 'Sirona Care and Health', 'Hollyfield Primary School']).close();
    const intruder = openTestDb(join(dataFolder, DATABASE_FILE_NAME));
    intruder.exec('DROP TRIGGER audit_entry_no_update');
    intruder.prepare('UPDATE audit_entry SET after_json = \'{"name":"Someone Else"}\' WHERE id = 2').run();
    intruder.close();

    const { server, stop } = await serve(dataFolder);
    try {
      await page.goto(server.url);
      await signIn(page);
      const alarm = page.getByRole('alert').filter({ hasText: 'The audit trail has been changed outside the app' });
      await expect(alarm).toContainText(/Entry 2 \(recorded as “[\w.]+” on \d\d\/\d\d\/\d{4} at \d\d:\d\d\)/);
      await expect(alarm).toContainText('Keep this records file and its backups as evidence');
      await expectAccessible(page);
      await page.screenshot({ path: screenshotPath('audit-alarm.png'), fullPage: true });
      // It stays on every screen until the records are dealt with.
      await nav(page, 'Backups').click();
      await expect(alarm).toBeVisible();
    } finally {
      await stop();
    }
  } finally {
    rmSync(dataFolder, { recursive: true, force: true });
  }
});
