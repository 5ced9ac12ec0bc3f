// The access record and the sessions list as the coordinator uses them (issue 15, items 2 and 4):
// a case opened shows up on the record, the record filters by case reference, and a colleague's
// session in another browser is ended from the list, after which that browser asks them to sign in.
import type { TestDesk } from '../support/tempStore';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { E2E_PASSWORD, expect, expectAccessible, screenshotPath, test } from './fixtures';

test('a coordinator opens a case, finds it on the access record, and ends a colleague’s session in another browser', async ({
  page,
  app,
  browser,
}) => {
  const seeder = { ...app.seeder(), dataFolder: app.dataFolder, cleanup: () => undefined } as TestDesk;
  const board = seedBoard(seeder, 'bromley');
  const opened = logEscalation(seeder, board, { reference: 'ACC-0001' });
  logEscalation(seeder, board, { reference: 'ACC-0002' });
  const made = seeder.call('users:create', { userName: 'sam', displayName: 'Sam Colleague', role: 'chair', password: E2E_PASSWORD });
  expect(made.ok).toBe(true);

  // The coordinator opens the case.
  await page.evaluate((id) => (window.location.hash = `#/escalations/${id}`), opened.id);
  await expect(page.getByRole('heading', { name: /ACC-0001/, level: 1 })).toBeVisible();

  // A colleague signs in from another browser.
  const other = await browser.newContext();
  const colleague = await other.newPage();
  await colleague.goto(app.server.url);
  await colleague.getByLabel('User name').fill('sam');
  await colleague.getByLabel('Password').fill(E2E_PASSWORD);
  await colleague.getByRole('button', { name: 'Sign in' }).click();
  await expect(colleague.getByText('Sam Colleague · Independent chair')).toBeVisible();
  // The chair is not offered the access record.
  await expect(colleague.getByRole('link', { name: 'Access record' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Access record' }).click();
  await expect(page.getByRole('heading', { name: 'Access record', level: 1 })).toBeVisible();
  const record = page.getByRole('table', { name: /Access record, newest first/ });
  await expect(record.getByRole('row').filter({ hasText: 'Opened a case' }).filter({ hasText: 'ACC-0001' })).toHaveCount(1);

  // Filtered by the case reference: only that case's entries.
  await page.getByLabel('Case reference').fill('acc-0001');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(record.getByRole('row').filter({ hasText: 'ACC-0002' })).toHaveCount(0);
  await expect(record.getByRole('row').filter({ hasText: 'Opened a case' })).toHaveCount(1);
  // A change is said in words, not by the channel's name.
  await expect(record.getByRole('row').filter({ hasText: 'Changed a record: logged a new case' })).toHaveCount(1);
  await expect(record).not.toContainText('escalations:create');
  await expect(record.getByRole('row').filter({ hasText: 'E2E Coordinator' }).first()).toContainText('127.0.0.1');

  // Sam's session is on the list; ending it (confirmed) sends Sam back to the sign-in screen.
  const sessions = page.getByRole('region', { name: 'Who is signed in' });
  await page.getByRole('button', { name: 'Refresh the list' }).click();
  const samRow = sessions.getByRole('row').filter({ hasText: 'Sam Colleague' });
  await expect(samRow).toContainText('127.0.0.1');
  await expect(sessions.getByRole('row').filter({ hasText: 'E2E Coordinator' }).filter({ hasText: '127.0.0.1' })).toContainText(
    'Your session: use Sign out',
  );
  await expectAccessible(page);
  await page.screenshot({ path: screenshotPath('access-record.png'), fullPage: true });
  await samRow.getByRole('button', { name: /End session of Sam Colleague/ }).click();
  await samRow.getByRole('button', { name: 'Yes, end Sam Colleague’s session' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sam Colleague’s session has ended' })).toBeVisible();
  await expect(sessions.getByRole('row').filter({ hasText: 'Sam Colleague' })).toHaveCount(0);

  await colleague.getByRole('link', { name: 'Register' }).click();
  await expect(colleague.getByRole('heading', { name: 'Sign in to Escalation Desk' })).toBeVisible();
  await other.close();
});
