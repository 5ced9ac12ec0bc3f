// Board settings as the business coordinator keeps them: the board's name and reporting year, the
// policy it works to (and an edited copy), corrections to a timescale, the working-day calendar,
// and the lists of categories and learning themes. Due dates of open cases follow the calendar.
import type { Sector } from '../../shared/domain/agency';
import { formatUkDate, todayIso } from '../../shared/domain/dates';
import { addWorkingDays, createWorkingCalendar, ENGLAND_AND_WALES, isWorkingDay } from '../../shared/domain/workingDays';
import { onLatest } from '../support/latest';
import { ok } from '../support/tempStore';
import { expect, expectAccessible, test, type DeskFixture, screenshotPath } from './fixtures';
import { fillDate } from './govukDate';

const today = todayIso();

function lastWorkingDayBefore(iso: string): string {
  let day = iso;
  do {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    day = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  } while (!isWorkingDay(ENGLAND_AND_WALES, day));
  return day;
}

function seedOpenCase(app: DeskFixture, openedOn: string): number {
  const add = (name: string, sector: Sector) => ok(app.desk.call('agencies:create', { name, sector, statutoryPartner: false })).id;
  const preschool = add('St Marychurch Pre-school', 'early_years');
  const csc = add('Torbay Children’s Services', 'childrens_social_care');
  const settings = ok(app.desk.call('settings:get', {}));
  ok(onLatest(app.desk, 'profiles:choose', { profileId: settings.profiles.find((p) => p.key === 'torbay')!.id }));
  const created = ok(
    app.desk.call('escalations:create', {
      reference: 'TOR-CAL-1',
      raisingAgencyId: preschool,
      raisingWorkerRole: 'Pre-school manager',
      challengedAgencyIds: [csc],
      categoryId: settings.categories[0]!.id,
      childStatus: 'child_in_need',
      summary: 'The agencies disagree about whether the plan reduces the risk.',
      openedOn,
      immediateRisk: true,
      startStage: 1,
      referral: { to: 'mash', madeOn: openedOn },
    }),
  );
  return created.id;
}

test('a closure day re-works the due dates of open cases, and the board keeps its policy, timescales, calendar and lists', async ({
  page,
  app,
}) => {
  const opened = lastWorkingDayBefore(today);
  const id = seedOpenCase(app, opened);
  const due = addWorkingDays(ENGLAND_AND_WALES, opened, 5);
  const closure = addWorkingDays(ENGLAND_AND_WALES, opened, 2);
  const dueWithClosure = addWorkingDays(createWorkingCalendar({ closureDays: [closure] }), opened, 5);
  expect(dueWithClosure).not.toBe(due);

  await page.goto(`${app.server.url}#/escalations/${id}`);
  await expect(page.locator('.case-header__stage')).toContainText(`due ${formatUkDate(due)}`);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Board settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /Torbay \(St Marychurch Pre-school\)/ })).toContainText('In use');
  await expect(page.getByRole('heading', { name: 'Stages of Torbay (St Marychurch Pre-school)' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Pre-escalation/ })).toContainText('Not set');
  await expect(page.getByRole('row', { name: /Refer via TSCB/ })).toContainText('10 working days');
  await expectAccessible(page);

  // Bank holidays come from the maintained source, one-off holidays included.
  await page.getByRole('combobox', { name: 'Year', exact: true }).selectOption('2022');
  const holidays = page.getByRole('list', { name: 'Bank holidays in 2022' });
  await expect(holidays).toContainText('2 Jun 2022');
  await expect(holidays).toContainText('3 Jun 2022');
  await expect(holidays).toContainText(/19 Sept? 2022/);

  // A closure day inside the open stage pushes its due date back one working day.
  const addClosure = page.getByRole('form', { name: 'Add a closure day' });
  await fillDate(addClosure, 'Closure day', closure);
  await addClosure.getByLabel('Reason').fill('Staff training day');
  await addClosure.getByRole('button', { name: 'Add closure day' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Added ${formatUkDate(closure)} as a closure day. 1 open due date was worked out again.` }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(formatUkDate(closure)) })).toContainText('Staff training day');

  await page.getByRole('link', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('row', { name: /TOR-CAL-1/ })).toContainText(formatUkDate(dueWithClosure));
  await page.getByRole('link', { name: 'TOR-CAL-1' }).click();
  await expect(page.locator('.case-header__stage')).toContainText(`due ${formatUkDate(dueWithClosure)}`);
  await expect(page.getByRole('list', { name: 'Timeline of TOR-CAL-1' })).toContainText('Due date re-worked');
  await page.getByText('Due date history (2 entries)').click();
  await expect(page.getByRole('region', { name: 'Stages' })).toContainText(
    `Closure day added on ${formatUkDate(closure)}: Staff training day`,
  );

  // Removing it puts the due date back.
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Why a closure day is being removed').fill('Training moved online');
  await page.getByRole('button', { name: `Remove ${formatUkDate(closure)}` }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Removed the closure day ${formatUkDate(closure)}. 1 open due date was worked out again.` }),
  ).toBeVisible();
  await expect(page.getByText('No closure days.')).toBeVisible();

  // A timescale typed wrongly is corrected in place; the open case's due date follows.
  const correct = page.getByRole('form', { name: 'Correct a timescale' });
  await correct.getByLabel('Stage').selectOption({ label: 'Stage 1: Professional' });
  await correct.getByLabel('Working days').fill('seven');
  await correct.getByRole('button', { name: 'Correct timescale' }).click();
  await expect(page.getByRole('alert')).toContainText('Give the timescale as a whole number of working days');
  await correct.getByLabel('Working days').fill('7');
  await correct.getByLabel('Why it is being corrected').fill('The policy says one week and two days for stage 1');
  await correct.getByRole('button', { name: 'Correct timescale' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Corrected stage 1. 1 open due date was worked out again.' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Professional/ }).first()).toContainText('7 working days');

  // The board's name and reporting year.
  const board = page.getByRole('form', { name: 'The board’s name and reporting year' });
  await board.getByLabel('Board name').fill('Torbay Safeguarding Children Partnership');
  await board.getByLabel('Reporting year starts in').selectOption({ label: 'January' });
  await expect(board.getByText('Quarter 1 then runs Jan-Mar')).toBeVisible();
  await board.getByLabel('Independent chair’s e-mail').fill('chair@torbay-scp.gov.uk');
  await board.getByRole('button', { name: 'Save board details' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved. Quarters now start in January.' })).toBeVisible();
  // The referral e-mail to the chair is addressed from here (test/db/chairEmail.test.ts).
  expect(ok(app.desk.call('settings:get', {})).chairEmail).toBe('chair@torbay-scp.gov.uk');

  // An edited copy of the policy becomes a new version the board works to.
  const edit = page.getByRole('form', { name: 'Edit a copy of the policy' });
  await edit.getByLabel('Name of the edited policy').fill('Torbay (board edit 2026)');
  await edit.getByLabel('Stage 4 timescale').fill('15');
  await edit.getByLabel('Stage 0 timescale').fill('2');
  await edit.getByRole('button', { name: 'Save edited copy' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved “Torbay (board edit 2026)” as a new version; the board now works to it.' }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: /Torbay \(board edit 2026\)/ })).toContainText('In use');
  await expect(page.getByRole('row', { name: /Torbay \(board edit 2026\)/ })).toContainText('Edited copy of torbay');
  await expect(page.getByRole('heading', { name: 'Stages of Torbay (board edit 2026)' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Refer via TSCB/ })).toContainText('15 working days');

  // Categories and learning themes.
  await page.getByLabel('New category').fill('Early help step-down');
  await page.getByRole('button', { name: 'Add category' }).click();
  await expect(page.getByRole('list', { name: 'Categories of disagreement' })).toContainText('Early help step-down');
  await page.getByLabel('New learning theme').fill('Voice of the child');
  await page.getByRole('button', { name: 'Add learning theme' }).click();
  await expect(page.getByRole('list', { name: 'Learning themes' })).toContainText('Voice of the child');
  await page.getByLabel('New learning theme').fill('voice of the CHILD');
  await page.getByRole('button', { name: 'Add learning theme' }).click();
  await expect(page.getByRole('alert')).toContainText('There is already a learning theme called “Voice of the child”.');
  await expectAccessible(page);
  await page.screenshot({ path: screenshotPath('settings.png'), fullPage: true });

  // The open case keeps the policy version it was opened under, with the corrected timescale.
  await page.goto(`${app.server.url}#/escalations/${id}`);
  await expect(page.locator('.case-header__stage')).toContainText(`due ${formatUkDate(addWorkingDays(ENGLAND_AND_WALES, opened, 7))}`);
  await expect(page.locator('.case-header')).toContainText('Torbay (St Marychurch Pre-school) (version 1)');
});
