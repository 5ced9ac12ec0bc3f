// The referral date of a child at immediate risk on the log form and the case page (issue 16,
// item 1): no default, "not known" said in words, refusals shown, and an unknown or late date shown
// as a breach. The desk and the page both read Monday 23 November 2026 as today.
import type { Sector } from '../../shared/domain/agency';
import type { Page } from '@playwright/test';
import { ok } from '../support/tempStore';
import { onLatest } from '../support/latest';
import { dateGroup, fillDate } from './govukDate';
import { expect, expectAccessible, test, type DeskFixture } from './fixtures';

test.use({ clock: '2026-11-23T10:00:00Z' });

function seed(app: DeskFixture) {
  const add = (name: string, sector: Sector, statutoryPartner: boolean) =>
    ok(app.desk.call('agencies:create', { name, sector, statutoryPartner })).id;
  add('Birmingham Children’s Trust', 'childrens_social_care', true);
  add('Hollyfield Primary School', 'education', false);
  const settings = ok(app.desk.call('settings:get', {}));
  ok(onLatest(app.desk, 'profiles:choose', { profileId: settings.profiles.find((p) => p.key === 'birmingham')!.id }));
}

async function fillCase(page: Page, reference: string, openedOn: string) {
  await page.getByLabel('Case reference').fill(reference);
  await page.getByRole('group', { name: 'Child’s status' }).getByLabel('Child in need').check();
  await page.getByLabel('Raising agency').selectOption({ label: 'Hollyfield Primary School' });
  await page.getByRole('group', { name: 'Agencies challenged' }).getByLabel('Birmingham Children’s Trust').check();
  await page.getByLabel('Raising worker’s role').fill('Designated safeguarding lead');
  await page.getByLabel('Category').selectOption({ label: 'Nature and severity of risk' });
  await fillDate(page, 'Date raised', openedOn);
  await page.getByLabel('What the disagreement is about').fill('The school reported bruising; no strategy discussion was held.');
  await page.getByLabel('The child is at immediate risk of significant harm').check();
}

test('the log form asks for the referral date with no default, refuses a wrong one and records one not known', async ({ page, app }) => {
  seed(app);
  await page.goto(`${app.server.url}#/escalations/new`);
  await fillCase(page, 'BHM/2026/81', '2026-11-16');
  await page.getByLabel('Referral made to').selectOption({ label: 'MASH' });
  const date = dateGroup(page, 'Referral made on');
  for (const part of ['Day', 'Month', 'Year']) await expect(date.getByLabel(part)).toHaveValue('');
  await expect(page.getByLabel('The date the referral was made is not known')).not.toBeChecked();
  await expectAccessible(page);

  // Left empty: the refusal says what to do.
  await page.getByRole('button', { name: 'Log escalation' }).click();
  const refusal = page.getByRole('alert');
  await expect(refusal).toContainText('Enter the date the referral was made, or say that it is not known');
  await expectAccessible(page);
  // Before the date raised, then after today.
  await fillDate(page, 'Referral made on', '2026-11-13');
  await page.getByRole('button', { name: 'Log escalation' }).click();
  await expect(refusal).toContainText('The referral cannot have been made before the date the escalation was raised');
  await fillDate(page, 'Referral made on', '2026-11-24');
  await page.getByRole('button', { name: 'Log escalation' }).click();
  await expect(refusal).toContainText('The referral is dated 24 Nov 2026, after today (23 Nov 2026)');
  await expectAccessible(page);
  expect(ok(app.desk.call('escalations:list', {})).total).toBe(0);

  // Not known: said in words, shown on the case as not known and as a breach.
  await page.getByLabel('The date the referral was made is not known').check();
  await expect(date.getByLabel('Day')).toBeDisabled();
  await page.getByRole('button', { name: 'Log escalation' }).click();
  await expect(page.getByRole('heading', { name: 'BHM/2026/81', level: 1 })).toBeVisible();
  await expect(page.locator('.case-header')).toContainText('referred to MASH (date not known)');
  const breaches = page.getByRole('region', { name: 'Breaches' });
  await expect(breaches.getByRole('alert')).toContainText('the date it was made is not known');
  await expectAccessible(page);

  // Once known, the date is recorded on the case: late, so still a breach, now saying so.
  const form = page.getByRole('form', { name: 'Record the referral date' });
  await expect(dateGroup(form, 'Referral made on').getByLabel('Day')).toHaveValue('');
  await fillDate(form, 'Referral made on', '2026-11-18');
  await form.getByRole('button', { name: 'Record referral date' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded the referral to MASH made on 18 Nov 2026.' })).toBeVisible();
  await expect(page.locator('.case-header')).toContainText('referred to MASH on 18 Nov 2026');
  await expect(breaches.getByRole('alert')).toContainText('the referral was not made the same working day (by 16 Nov 2026)');
  await expectAccessible(page);
});
