import { expect, expectAccessible, test, screenshotPath } from './fixtures';
import { fillDate } from './govukDate';

test('a coordinator builds the agency directory, records board membership and officers, and retires an agency', async ({ page, app }) => {
  await expect(page.getByRole('heading', { name: 'Agency directory', level: 1 })).toBeVisible();
  await expect(page.getByText('No agencies yet.')).toBeVisible();
  await expectAccessible(page);

  const addForm = page.getByRole('region', { name: 'Add an agency' });
  await addForm.getByLabel('Agency name').fill('Avon and Somerset Police');
  await addForm.getByLabel('Sector').selectOption({ label: 'Police' });
  await addForm.getByLabel('Statutory safeguarding partner').check();
  await addForm.getByRole('button', { name: 'Add agency' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added Avon and Somerset Police.' })).toBeVisible();

  await addForm.getByLabel('Agency name').fill('Hollyfield Primary School');
  await addForm.getByLabel('Sector').selectOption({ label: 'School or education' });
  await addForm.getByRole('button', { name: 'Add agency' }).click();
  await expect(page.getByRole('link', { name: 'Hollyfield Primary School' })).toBeVisible();

  // A duplicate is refused with a message that names the clash, and nothing is added.
  await addForm.getByLabel('Agency name').fill('avon and somerset POLICE');
  await addForm.getByRole('button', { name: 'Add agency' }).click();
  await expect(page.getByRole('alert')).toContainText('An agency called “Avon and Somerset Police” is already in the directory');
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Avon and Somerset Police', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Avon and Somerset Police', level: 1 })).toBeVisible();
  await fillDate(page, 'Member from', '2024-04-01');
  await page.getByRole('button', { name: 'Add membership' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded board membership from 1 Apr 2024.' })).toBeVisible();
  await expect(page.getByText('member of the full board today')).toBeVisible();

  const officerForm = page.getByRole('form', { name: 'Add an officer' });
  await officerForm.getByLabel('Officer’s name').fill('Dana Whitfield');
  await officerForm.getByLabel('Role').fill('Detective Superintendent, Safeguarding');
  await officerForm.getByLabel('E-mail').fill('dana.whitfield@police.example.uk');
  await officerForm.getByLabel('Board representative').check();
  await officerForm.getByRole('button', { name: 'Add officer' }).click();
  await expect(page.getByRole('row', { name: /Dana Whitfield/ })).toContainText('Detective Superintendent');

  // A bad e-mail is explained and nothing is saved.
  await officerForm.getByLabel('Officer’s name').fill('Lee Grant');
  await officerForm.getByLabel('Role').fill('Inspector');
  await officerForm.getByLabel('E-mail').fill('not-an-email');
  await officerForm.getByRole('button', { name: 'Add officer' }).click();
  await expect(page.getByRole('alert')).toContainText('E-mail: Enter an e-mail address like name@agency.gov.uk');
  await expect(page.getByRole('row', { name: /Lee Grant/ })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole('link', { name: '← Agency directory' }).click();
  await expect(page.getByRole('row', { name: /Avon and Somerset Police/ })).toContainText('Dana Whitfield');
  await fillDate(page, 'Show the board as it stood on', '2024-04-01');
  await expect(page.getByRole('list', { name: 'Board members on 1 Apr 2024' })).toContainText(
    'Avon and Somerset Police — senior officers: Dana Whitfield',
  );
  await fillDate(page, 'Show the board as it stood on', '2024-03-31');
  await expect(page.getByText('No agency was a board member on 31 Mar 2024.')).toBeVisible();
  await fillDate(page, 'Show the board as it stood on', '2026-11-23');
  await page.screenshot({ path: screenshotPath('agency-directory.png'), fullPage: true });

  // Retire the school: it leaves the list but stays in history.
  await page.getByRole('link', { name: 'Hollyfield Primary School' }).click();
  await fillDate(page, 'Retire on', '2026-07-31');
  await page.getByRole('button', { name: 'Retire agency' }).click();
  await expect(page.getByText('retired 31 Jul 2026')).toBeVisible();
  await page.getByRole('link', { name: '← Agency directory' }).click();
  await expect(page.getByRole('link', { name: 'Hollyfield Primary School' })).toHaveCount(0);
  await page.getByLabel('Show retired agencies').check();
  await expect(page.getByRole('row', { name: /Hollyfield Primary School/ })).toContainText('Retired 31 Jul 2026');

  // What the screen showed is what the database holds.
  const count = app.desk.store.reader.prepare('SELECT count(*) AS n FROM agency').get() as { n: number };
  expect(count.n).toBe(2);
});
