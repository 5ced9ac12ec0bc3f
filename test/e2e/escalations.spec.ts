// The escalation register as the board's business coordinator uses it: log, chase, escalate,
// notify, resolve, draft the outcome letter and close; immediate-risk breaches; refusals of what is
// not an escalation; and a long register read a page at a time. The server's "today" is the real
// London date, so every date here is worked out from today in working days.
import type { Sector } from '../../shared/domain/agency';
import type { Page } from '@playwright/test';
import { formatUkDate, todayIso } from '../../shared/domain/dates';
import { quarterOf } from '../../shared/domain/quarter';
import { drillHref } from '../../renderer/src/features/dashboard/drillLink';
import { addWorkingDays, ENGLAND_AND_WALES, isWorkingDay, workingDaysBetween } from '../../shared/domain/workingDays';
import { onLatest } from '../support/latest';
import { ok } from '../support/tempStore';
import { expect, expectAccessible, openCaseAction, test, type DeskFixture, screenshotPath } from './fixtures';
import { dateGroup, fillDate } from './govukDate';

const today = todayIso();

function dayBefore(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** The working day n working days before today (so that adding n working days to it gives today). */
function workingDaysAgo(n: number): string {
  let day = today;
  let left = n;
  while (left > 0) {
    day = dayBefore(day);
    if (isWorkingDay(ENGLAND_AND_WALES, day)) left -= 1;
  }
  return day;
}

const later = (from: string, n: number) => addWorkingDays(ENGLAND_AND_WALES, from, n);
/** "4 working days left", "1 working day late": counted from today, which may be a weekend. */
const workingDays = (n: number, what: string) => `${n} working day${n === 1 ? '' : 's'} ${what}`;

interface Seeded {
  csc: number;
  police: number;
  preschool: number;
  school: number;
}

function seedAgencies(app: DeskFixture): Seeded {
  const add = (name: string, sector: Sector, statutoryPartner: boolean) =>
    ok(app.desk.call('agencies:create', { name, sector, statutoryPartner })).id;
  return {
    csc: add('Torbay Children’s Services', 'childrens_social_care', true),
    police: add('Devon and Cornwall Police', 'police', true),
    preschool: add('St Marychurch Pre-school', 'early_years', false),
    school: add('Hollyfield Primary School', 'education', false),
  };
}

function profileId(app: DeskFixture, key: string): number {
  const settings = ok(app.desk.call('settings:get', {}));
  return settings.profiles.find((p) => p.key === key)!.id;
}

async function usePolicy(page: Page, name: RegExp) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The board now works to' })).toBeVisible();
}

async function fillEscalation(
  page: Page,
  e: {
    reference: string;
    initials?: string;
    status: string;
    raising: string;
    challenged: string[];
    category: string;
    summary: string;
    openedOn: string;
    role?: string;
    email?: string;
  },
) {
  await page.getByLabel('Case reference').fill(e.reference);
  if (e.initials) await page.getByLabel('Child’s initials').fill(e.initials);
  await page.getByRole('group', { name: 'Child’s status' }).getByLabel(e.status).check();
  await page.getByLabel('Raising agency').selectOption({ label: e.raising });
  for (const c of e.challenged) await page.getByRole('group', { name: 'Agencies challenged' }).getByLabel(c).check();
  await page.getByLabel('Raising worker’s role').fill(e.role ?? 'Pre-school manager');
  await page.getByLabel('Raising worker’s e-mail').fill(e.email ?? 'manager@stmarychurch.example.uk');
  await page.getByLabel('Category').selectOption({ label: e.category });
  await fillDate(page, 'Date raised', e.openedOn);
  await page.getByLabel('What the disagreement is about').fill(e.summary);
}

test('under the Torbay policy a case is logged, chased, escalated to stage 3, notified, resolved, drafted and closed', async ({
  page,
  app,
}) => {
  seedAgencies(app);
  await usePolicy(page, /Use this policy: Torbay/);
  await page.getByLabel('New learning theme').fill('Information sharing between settings');
  await page.getByRole('button', { name: 'Add learning theme' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added “Information sharing between settings”.' })).toBeVisible();

  await page.getByRole('link', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Escalation register', level: 1 })).toBeVisible();
  await expect(page.getByText('No escalations logged yet.')).toBeVisible();
  await page.getByRole('link', { name: 'Log an escalation' }).click();
  await expect(page.getByRole('heading', { name: 'Log an escalation', level: 1 })).toBeVisible();
  await expect(page.getByText('Logged under the board’s current policy: Torbay (St Marychurch Pre-school).')).toBeVisible();

  const opened = workingDaysAgo(12);
  await fillEscalation(page, {
    reference: 'TOR-2026-0142',
    initials: 'a.b.',
    status: 'Child protection plan',
    raising: 'St Marychurch Pre-school',
    challenged: ['Torbay Children’s Services'],
    category: 'Level of need or threshold',
    summary:
      'Children’s social care closed the referral at the front door; the pre-school believes the threshold for a strategy discussion is met.',
    openedOn: opened,
  });
  // A full name typed by mistake is caught as it is typed, and must be confirmed or removed.
  await page
    .getByLabel('What the disagreement is about')
    .fill('Children’s social care closed the referral. Jayden Smithers attends three days a week.');
  await expect(page.getByText('This may include a person’s name: “Jayden Smithers” looks like a person’s full name')).toBeVisible();
  await page.getByRole('button', { name: 'Log escalation' }).click();
  await expect(page.getByRole('alert')).toContainText('the text may contain a child’s name');
  await page
    .getByLabel('What the disagreement is about')
    .fill(
      'Children’s social care closed the referral at the front door; the pre-school believes the threshold for a strategy discussion is met.',
    );
  await expect(page.getByText('This may include a person’s name')).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Log escalation' }).click();

  // The case page: where it stands and who must be told.
  await expect(page.getByRole('heading', { name: /TOR-2026-0142/, level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('AB');
  await expect(page.locator('.case-header__stage')).toContainText('Stage 0: Pre-escalation');
  await expect(page.locator('.case-header__stage')).toContainText('No timescale set');
  const notifications = page.getByRole('region', { name: 'Required notifications' });
  await expect(notifications.getByRole('heading', { name: 'Child protection chair' })).toBeVisible();
  await expect(notifications.getByRole('heading', { name: 'Board manager' })).toHaveCount(0);
  await expectAccessible(page);

  // In the register, with its stage and deadline state.
  await page.getByRole('link', { name: '← Escalation register' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 escalation matches' })).toBeVisible();
  const row = page.getByRole('row', { name: /TOR-2026-0142/ });
  await expect(row).toContainText('St Marychurch Pre-school');
  await expect(row).toContainText('0 Pre-escalation');
  await expect(row).toContainText('No timescale');
  await row.getByRole('link', { name: 'TOR-2026-0142' }).click();

  // The case page says where the case is and what comes next; recording the discussion opens on its own.
  const nextSteps = page.getByRole('region', { name: 'What to do next' });
  await expect(nextSteps).toContainText('Stage 0, Pre-escalation, has no timescale');
  await expect(nextSteps).toContainText('Nothing has been recorded of this stage’s discussion yet.');
  await expect(page.getByRole('form', { name: 'Record this stage’s discussion' })).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: screenshotPath('case-page.png'), fullPage: true });
  const record = await openCaseAction(page, 'Record the discussion at this stage', 'Record this stage’s discussion');
  await expect(page).toHaveTitle('Record this stage’s discussion: TOR-2026-0142 – Escalation Desk');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await record
    .getByLabel('Discussion')
    .fill('The pre-school manager talked it through with the supervisor; the concern is about threshold, not practice.');
  await record.getByLabel('Decision').fill('Raise it with the duty social worker.');
  await record.getByLabel('Notes on who took part').fill('Pre-school manager; pre-school supervisor');
  await record.getByRole('button', { name: 'Save stage record' }).click();
  // Saved, it is back on the case page, which says so and shows the record.
  await expect(page.getByRole('status').filter({ hasText: 'Saved the record of stage 0.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page).toHaveTitle('Case TOR-2026-0142 – Escalation Desk');
  await expect(page.getByRole('region', { name: 'Stages' })).toContainText('Raise it with the duty social worker.');

  // Up one stage at a time to stage 3, where the board manager must be told.
  const moves: [number, string][] = [
    [1, workingDaysAgo(10)],
    [2, workingDaysAgo(5)],
    [3, workingDaysAgo(1)],
  ];
  for (const [stage, on] of moves) {
    const move = await openCaseAction(page, 'Move up a stage', 'Move up a stage');
    await expect(move.getByLabel('Move to')).toHaveValue(String(stage));
    await fillDate(move, 'Date moved', on);
    await move.getByLabel('Why it is moving up').fill(`Not resolved at stage ${stage - 1} within the timescale.`);
    await move.getByRole('button', { name: 'Move up' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Moved up to stage ${stage}` })).toBeVisible();
  }
  const due = later(workingDaysAgo(1), 5);
  await expect(page.locator('.case-header__stage')).toContainText('Stage 3: Committee member');
  await expect(page.locator('.case-header__stage')).toContainText('On track');
  await expect(page.locator('.case-header__stage')).toContainText(`due ${formatUkDate(due)}`);
  await expect(page.locator('.case-header__stage')).toContainText(workingDays(workingDaysBetween(ENGLAND_AND_WALES, today, due), 'left'));
  await expect(notifications.getByRole('heading', { name: 'Board manager' })).toBeVisible();

  // The register shows the due date and state too.
  await page.getByRole('link', { name: '← Escalation register' }).click();
  await expect(page.getByRole('row', { name: /TOR-2026-0142/ })).toContainText(formatUkDate(due));
  await expect(page.getByRole('row', { name: /TOR-2026-0142/ })).toContainText('On track');
  await page.getByRole('link', { name: 'TOR-2026-0142' }).click();

  // Record both notifications as made.
  for (const [who, by] of [
    ['child protection chair', 'Business coordinator'],
    ['board manager', 'Safeguarding committee member'],
  ] as const) {
    const form = page.getByRole('form', { name: `Record the ${who} notification as made` });
    await fillDate(form, 'Told on', workingDaysAgo(1));
    await form.getByLabel('Told by').fill(by);
    await form.getByLabel('How').selectOption({ label: 'E-mail' });
    await form.getByRole('button', { name: /Record as made/ }).click();
    await expect(page.getByRole('status').filter({ hasText: `Recorded that the ${who} was told` })).toBeVisible();
  }
  await expect(notifications).toContainText(`Told on ${formatUkDate(workingDaysAgo(1))} by Business coordinator (e-mail).`);
  await expect(notifications.getByText('Not yet made.')).toHaveCount(0);

  // Resolve with a statement, an action and a learning theme.
  const resolve = await openCaseAction(page, 'Resolve the escalation', 'Resolve the escalation');
  await fillDate(resolve, 'Resolved on', today);
  await resolve
    .getByLabel('Written statement of outcome')
    .fill('Children’s social care agreed to hold a strategy discussion within two working days and to tell the pre-school its outcome.');
  await resolve.getByLabel('Original decision changed', { exact: true }).check();
  await resolve.getByRole('group', { name: 'Agencies that agreed the outcome' }).getByLabel('St Marychurch Pre-school').check();
  await resolve.getByRole('group', { name: 'Agencies that agreed the outcome' }).getByLabel('Torbay Children’s Services').check();
  await resolve.getByRole('button', { name: 'Add an action' }).click();
  await resolve.getByLabel('What will be done').fill('Hold the strategy discussion and share its outcome with the pre-school');
  await resolve.getByLabel('Owner').fill('CSC team manager');
  await fillDate(resolve, 'Due by', later(today, 2));
  await resolve.getByLabel('Information sharing between settings').check();
  await expectAccessible(page);
  await page.screenshot({ path: screenshotPath('case-action-resolve.png'), fullPage: true });
  await resolve.getByRole('button', { name: 'Resolve escalation' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Resolved on ${formatUkDate(today)}.` })).toBeVisible();

  const outcome = page.getByRole('region', { name: 'Outcome' });
  await expect(outcome).toContainText('Original decision changed');
  await expect(outcome).toContainText('Agreed by');
  await expect(outcome).toContainText('St Marychurch Pre-school, Torbay Children’s Services');
  await expect(outcome).toContainText('Information sharing between settings');
  await expect(outcome.getByRole('row', { name: /Hold the strategy discussion/ })).toContainText('CSC team manager');

  // The timeline tells the whole story, in order.
  const timeline = page.getByRole('list', { name: 'Timeline of TOR-2026-0142' });
  await expect(timeline.getByRole('listitem')).toHaveCount(8);
  await expect(timeline.getByRole('listitem').first()).toContainText('Logged at stage 0 (Pre-escalation)');
  await expect(timeline).toContainText('Moved up from stage 2 to stage 3 (Committee member)');
  await expect(timeline).toContainText('Board manager notified');
  await expect(timeline.getByRole('listitem').last()).toContainText('Resolved: Original decision changed');
  await expect(timeline).toContainText('E2E Coordinator (coordinator)');

  // The outcome letter to the raising worker, ready to copy or open in e-mail.
  await page.getByRole('button', { name: 'Outcome letter to the raising worker' }).click();
  const letter = page.getByRole('group', { name: 'Draft: Outcome letter to the raising worker' });
  await expect(letter).toContainText('manager@stmarychurch.example.uk');
  await expect(letter).toContainText('Outcome of your escalation, case reference TOR-2026-0142');
  await expect(letter.getByLabel('Text of the e-mail (read only)')).toHaveValue(/strategy discussion within two working days/);
  await expect(letter.getByRole('link', { name: /Open in e-mail/ })).toHaveAttribute('href', /^mailto:/);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.screenshot({ path: screenshotPath('case-timeline.png'), fullPage: true });

  // The action is done, then the chair signs the case off. A date that is not real is refused before anything is sent.
  const marking = outcome.getByRole('form', { name: 'Mark consequent actions done' });
  await dateGroup(marking, 'Date used for “Mark done”').getByLabel('Day').fill('31');
  await dateGroup(marking, 'Date used for “Mark done”').getByLabel('Month').fill('2');
  await outcome.getByRole('button', { name: /Mark done/ }).click();
  await expect(marking.getByRole('alert').getByRole('link', { name: 'Date used for “Mark done” must be a real date' })).toBeVisible();
  await expect(outcome.getByRole('row', { name: /Hold the strategy discussion/ })).not.toContainText('Done');
  await fillDate(marking, 'Date used for “Mark done”', today);
  await outcome.getByRole('button', { name: /Mark done/ }).click();
  await expect(outcome.getByRole('row', { name: /Hold the strategy discussion/ })).toContainText(`Done ${formatUkDate(today)}`);
  // The board has no chair account here, so the coordinator records who signed off and how.
  const close = page.getByRole('form', { name: 'Record the chair’s sign-off' });
  await close.getByLabel('Chair’s name').fill('Independent chair');
  await close.getByLabel('How they signed it off').selectOption({ label: 'In a meeting' });
  await close.getByRole('button', { name: 'Close escalation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'signed off by Independent chair' })).toBeVisible();
  await expect(page.locator('.case-header')).toContainText('Closed');
  await expect(timeline.getByRole('listitem').last()).toContainText('Closed with the chair’s sign-off');

  const stored = app.desk.store.reader.prepare("SELECT status FROM escalation WHERE reference = 'TOR-2026-0142'").get() as {
    status: string;
  };
  expect(stored.status).toBe('closed');
});

test('under the Birmingham policy an immediate-risk case without a referral shows its breaches until the referral is recorded', async ({
  page,
  app,
}) => {
  seedAgencies(app);
  await usePolicy(page, /Use this policy: Birmingham/);
  await page.getByRole('link', { name: 'Register', exact: true }).click();
  await page.getByRole('link', { name: 'Log an escalation' }).click();
  const opened = workingDaysAgo(2);
  await fillEscalation(page, {
    reference: 'BHM/2026/77',
    status: 'Child in need',
    raising: 'Hollyfield Primary School',
    challenged: ['Devon and Cornwall Police'],
    category: 'Nature and severity of risk',
    summary: 'The school reported bruising; the police did not attend and no strategy discussion was held.',
    openedOn: opened,
    role: 'Designated safeguarding lead',
    email: 'dsl@hollyfield.example.uk',
  });
  await page.getByLabel('The child is at immediate risk of significant harm').check();
  await expect(page.getByLabel('Referral made to')).toHaveValue('');
  await expect(page.getByLabel('Start at stage')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Log escalation' }).click();

  await expect(page.getByRole('heading', { name: 'BHM/2026/77', level: 1 })).toBeVisible();
  const breaches = page.getByRole('region', { name: 'Breaches' });
  await expect(breaches.getByRole('alert')).toContainText('no referral (MASH, First Response or police) is recorded');
  await expect(breaches.getByRole('alert')).toContainText('did not go up the same working day');
  // Stage 1 is the same working day where the child is at immediate risk: two working days late
  // on a working day (one on a weekend, when today is not counted).
  await expect(page.locator('.case-header__stage')).toContainText('Overdue');
  await expect(page.locator('.case-header__stage')).toContainText(
    workingDays(workingDaysBetween(ENGLAND_AND_WALES, opened, today), 'late'),
  );
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deadlines', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Deadlines', level: 1 })).toBeVisible();
  const overdue = page.getByRole('region', { name: /Overdue stages/ });
  await expect(overdue.getByRole('row', { name: /BHM\/2026\/77/ })).toContainText(
    workingDays(workingDaysBetween(ENGLAND_AND_WALES, opened, today), ''),
  );
  const riskBreaches = page.getByRole('region', { name: /Immediate-risk breaches/ });
  await expect(riskBreaches.getByRole('row', { name: /BHM\/2026\/77/ })).toContainText('no referral');
  await expectAccessible(page);
  await page.screenshot({ path: screenshotPath('deadlines.png'), fullPage: true });

  await riskBreaches.getByRole('link', { name: 'BHM/2026/77' }).click();
  const referral = page.getByRole('form', { name: 'Record the referral' });
  await referral.getByLabel('Referral made to').selectOption({ label: 'MASH' });
  await fillDate(referral, 'Referral made on', opened);
  await referral.getByRole('button', { name: 'Record referral' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Recorded the referral to MASH made on ${formatUkDate(opened)}.` }),
  ).toBeVisible();
  await expect(breaches.getByRole('alert')).not.toContainText('no referral');
  await expect(breaches.getByRole('alert')).toContainText('did not go up the same working day');
  await expect(page.getByRole('form', { name: 'Record the referral' })).toHaveCount(0);
  await expect(page.locator('.case-header')).toContainText(`referred to MASH on ${formatUkDate(opened)}`);

  // The referral to the independent chair is drafted from the record.
  await page.getByRole('button', { name: 'Referral e-mail to the independent chair' }).click();
  const referralDraft = page.getByRole('group', { name: 'Draft: Referral e-mail to the independent chair' });
  await expect(referralDraft).toContainText('For the attention of the independent chair: escalation BHM/2026/77');
  await expect(referralDraft.getByLabel('Text of the e-mail (read only)')).toHaveValue(/police did not attend/);

  // A detail typed wrongly is corrected; the timeline keeps what it said before.
  const correction = await openCaseAction(page, 'Correct a detail', 'Correct a detail');
  await correction.getByLabel('Detail to correct').selectOption({ label: 'Child’s initials' });
  await correction.getByLabel('Corrected value').fill('c.d.');
  await correction.getByLabel('Why the correction is needed').fill('Initials were left off when the case was logged');
  await correction.getByRole('button', { name: 'Save correction' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('CD');
  const timeline = page.getByRole('list', { name: 'Timeline of BHM/2026/77' });
  await expect(timeline.getByRole('listitem').last()).toContainText('Correction: Child’s initials (corrects entry 1)');
  await expect(timeline.getByRole('listitem').last()).toContainText('Initials were left off when the case was logged');

  await page.getByRole('link', { name: 'Deadlines', exact: true }).click();
  await expect(page.getByRole('region', { name: /Immediate-risk breaches/ }).getByRole('row', { name: /BHM\/2026\/77/ })).not.toContainText(
    'no referral',
  );
});

test('a complaint, a whistleblowing concern and a disagreement inside one agency are turned away, and nothing is logged', async ({
  page,
  app,
}) => {
  const ids = seedAgencies(app);
  ok(onLatest(app.desk, 'profiles:choose', { profileId: profileId(app, 'bromley') }));
  await page.goto(`${app.server.url}#/escalations/new`);
  await expect(page.getByRole('heading', { name: 'Log an escalation', level: 1 })).toBeVisible();
  // An empty form is refused with every missing detail named in the words on the screen.
  await page.getByRole('button', { name: 'Log escalation' }).click();
  // The GOV.UK error summary at the top of the form.
  const problems = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
  await expect(problems).toContainText('details need correcting');
  await expect(problems).toContainText('Raising agency: Choose the agency that raised the concern');
  await expect(problems).toContainText('Child’s status: Choose the child’s status');
  await expect(problems).toContainText('Agencies challenged: Choose at least one agency being challenged');
  // Each entry is a link to its field, the group of agencies included.
  for (const entry of ['Raising agency', 'Child’s status', 'Agencies challenged'])
    await expect(problems.getByRole('link', { name: new RegExp(`^${entry}: `) })).toBeVisible();

  await fillEscalation(page, {
    reference: 'CMP-1',
    status: 'None of these / not known',
    raising: 'Hollyfield Primary School',
    challenged: ['Devon and Cornwall Police'],
    category: 'Roles and responsibilities',
    summary: 'A parent is unhappy with how the school handled a meeting.',
    openedOn: today,
  });

  await page.getByLabel('A complaint').check();
  const live = page.getByRole('group', { name: 'What is being logged?' }).getByRole('alert');
  await expect(live).toContainText('A complaint is not an escalation. It belongs in the complaints procedure of the agency concerned');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Log escalation' }).click();
  await expect(problems).toContainText('A complaint is not an escalation');

  await page.getByLabel('A whistleblowing concern').check();
  await expect(live).toContainText('A whistleblowing concern is not an escalation');
  await page.getByRole('button', { name: 'Log escalation' }).click();
  await expect(problems).toContainText('whistleblowing policy');

  await page.getByLabel('A disagreement inside one agency').check();
  await expect(live).toContainText(
    'A disagreement inside one agency is not a multi-agency escalation. It belongs in Hollyfield Primary School’s own supervision and escalation procedure.',
  );
  await page.getByRole('button', { name: 'Log escalation' }).click();
  await expect(problems).toContainText('inside one agency is not a multi-agency escalation');

  // Calling it multi-agency does not help when the only agency challenged is the one raising it.
  await page.getByLabel('A disagreement between agencies about a child’s safety').check();
  await expect(live).toHaveCount(0);
  await page.getByRole('group', { name: 'Agencies challenged' }).getByLabel('Devon and Cornwall Police').uncheck();
  await page.getByRole('group', { name: 'Agencies challenged' }).getByLabel('Hollyfield Primary School').check();
  await expect(live).toContainText('Hollyfield Primary School cannot escalate against itself');
  await page.getByRole('button', { name: 'Log escalation' }).click();
  await expect(problems).toContainText('cannot escalate against itself');

  await expect(page.getByRole('heading', { name: 'Log an escalation', level: 1 })).toBeVisible();
  const count = app.desk.store.reader.prepare('SELECT count(*) AS n FROM escalation').get() as { n: number };
  expect(count.n).toBe(0);
  expect(ids.school).toBeGreaterThan(0);
});

test('the register pages through hundreds of escalations as it scrolls, and filters and sorts them', async ({ page, app }) => {
  test.slow(); // 450 cases are logged through the real dispatcher first
  const ids = seedAgencies(app);
  ok(onLatest(app.desk, 'profiles:choose', { profileId: profileId(app, 'torbay') }));
  const settings = ok(app.desk.call('settings:get', {}));
  const raising = [ids.preschool, ids.school, ids.police, ids.csc];
  const TOTAL = 450;
  let resolved = 0;
  for (let i = 0; i < TOTAL; i++) {
    const from = raising[i % 4]!;
    const against = raising[(i + 1) % 4]!;
    const immediate = i % 3 === 0;
    const created = ok(
      app.desk.call('escalations:create', {
        reference: `REG-${String(i + 1).padStart(4, '0')}`,
        childInitials: String.fromCharCode(65 + (i % 26)) + String.fromCharCode(65 + ((i * 7) % 26)),
        raisingAgencyId: from,
        raisingWorkerRole: 'Designated safeguarding lead',
        raisingWorkerEmail: '',
        challengedAgencyIds: [against],
        categoryId: settings.categories[i % settings.categories.length]!.id,
        childStatus: i % 5 === 0 ? 'child_protection_plan' : 'child_in_need',
        summary: 'The agencies disagree about the plan to reduce the risk.',
        openedOn: workingDaysAgo(i % 40),
        immediateRisk: immediate,
        startStage: immediate ? 1 + (i % 4) : null,
        referral: immediate ? { to: 'mash', madeOn: workingDaysAgo(i % 40) } : null,
      }),
    );
    if (i % 9 === 4) {
      resolved += 1;
      ok(
        onLatest(app.desk, 'escalations:resolve', {
          escalationId: created.id,
          resolvedOn: today,
          statement: 'The agencies agreed a joint visit.',
          effect: 'partly_changed',
          agreedBy: 'Both agencies',
        }),
      );
    } else if (i % 11 === 5) {
      ok(onLatest(app.desk, 'escalations:withdraw', { escalationId: created.id, on: today, reason: 'The worker no longer pursues it.' }));
    }
  }

  await page.getByRole('link', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '450 escalations match' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Escalations' });
  await expect(table).toHaveAttribute('aria-rowcount', String(TOTAL + 1));
  // Only a screenful of rows is drawn, not 450.
  expect(await table.getByRole('row').count()).toBeLessThan(60);
  await expectAccessible(page);

  // Sort by reference, then scroll to the end: the last page is read as it comes into view.
  await table.getByRole('button', { name: 'Case reference' }).click();
  await expect(table.getByRole('columnheader', { name: 'Case reference' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('row').nth(1)).toContainText('REG-0001');
  // Scrolling on past the first page reads the next from the last row seen (a cursor, not a position).
  const scroller = page.getByRole('region', { name: 'Escalations register (scrolls)' });
  const listed = (test: (body: { offset?: number; cursor?: { side: string } | null }) => boolean) =>
    page.waitForRequest(
      (r) => r.url().endsWith('/api/escalations%3Alist') && test(r.postDataJSON() as { offset?: number; cursor?: { side: string } | null }),
    );
  const fromCursor = listed((body) => body.cursor?.side === 'after');
  // Rows grow to show whole names, so the test scrolls on until a row is drawn rather than to a fixed height.
  const scrollUntil = (row: RegExp, by: number) =>
    expect(async () => {
      await scroller.evaluate((el, step) => el.scrollBy(0, step), by);
      await expect(table.getByRole('row', { name: row })).toBeVisible({ timeout: 1_500 });
    }).toPass({ timeout: 90_000 });
  await scrollUntil(/REG-0105/, 32 * 8);
  await fromCursor;
  await expect(table.getByRole('row', { name: /REG-0105/ })).toHaveAttribute('aria-rowindex', '106');
  // A jump to the end reads the last pages by position; scrolling back up reads the one before from its first row.
  await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(table.getByRole('row', { name: /REG-0450/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /REG-0450/ })).toHaveAttribute('aria-rowindex', String(TOTAL + 1));
  const backwards = listed((body) => body.cursor?.side === 'before');
  await scrollUntil(/REG-0395/, -32 * 8);
  await backwards;
  await expect(table.getByRole('row', { name: /REG-0395/ })).toHaveAttribute('aria-rowindex', '396');
  await table.getByRole('button', { name: 'Case reference' }).click();
  await expect(table.getByRole('columnheader', { name: 'Case reference' })).toHaveAttribute('aria-sort', 'descending');

  // Filters narrow the count and the rows.
  await page.getByLabel('Case reference').fill('REG-04');
  await expect(page.getByRole('status').filter({ hasText: '51 escalations match' })).toBeVisible();
  await page.getByLabel('Case reference').fill('');
  await page.getByLabel('Deadline').selectOption({ label: 'Overdue' });
  await expect(page.getByRole('status').filter({ hasText: /escalations? match/ })).not.toContainText('450');
  for (const cell of await table.locator('.register__row--body .badge').allTextContents()) expect(cell).toBe('Overdue');
  await page.getByLabel('Deadline').selectOption({ label: 'Any deadline state' });
  await page.getByLabel('Status').selectOption({ label: 'Resolved' });
  await expect(page.getByRole('status').filter({ hasText: `${resolved} escalations match` })).toBeVisible();
  await expect(table.getByRole('row').nth(1)).toContainText('Resolved');
  await page.getByLabel('Status').selectOption({ label: 'Any status' });
  await page.getByLabel('Agency (raising or challenged)').selectOption({ label: 'Devon and Cornwall Police' });
  await expect(page.getByRole('status').filter({ hasText: '225 escalations match' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('status').filter({ hasText: '450 escalations match' })).toBeVisible();
  await page.getByRole('button', { name: 'Opened' }).click();
  await expect(table.getByRole('columnheader', { name: 'Opened' })).toHaveAttribute('aria-sort', 'descending');
  await expectAccessible(page);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: screenshotPath('register.png'), fullPage: true });

  // A learning hub figure opens the register on exactly the cases behind it.
  const drill = { figure: 'immediate_risk' as const, quarter: quarterOf(today, 4).key };
  const behind = ok(app.desk.call('escalations:list', { drill, limit: 1 })).total;
  await page.goto(`${app.server.url}${drillHref(drill)}`);
  await expect(page.getByText('Showing the cases behind the learning hub’s figure “Immediate-risk cases”')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `${behind.toLocaleString('en-GB')} escalation` })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Show the whole register' }).click();
  await expect(page.getByRole('status').filter({ hasText: '450 escalations match' })).toBeVisible();

  await table.getByRole('row').nth(1).getByRole('link').click();
  await expect(page.getByRole('heading', { name: /REG-/, level: 1 })).toBeVisible();
});

test('a child’s name that slipped into a case is removed by the coordinator, and the removal is recorded without it', async ({
  page,
  app,
}) => {
  const agencies = seedAgencies(app);
  const settings = ok(app.desk.call('settings:get', {}));
  ok(onLatest(app.desk, 'profiles:choose', { profileId: profileId(app, 'torbay') }));
  const logged = ok(
    app.desk.call('escalations:create', {
      reference: 'TOR-2026-0311',
      childInitials: 'JO',
      raisingAgencyId: agencies.preschool,
      raisingWorkerRole: 'Pre-school manager',
      challengedAgencyIds: [agencies.csc],
      categoryId: settings.categories[0]!.id,
      childStatus: 'child_in_need',
      summary: 'Concern about jayden okafor: the referral was closed at the front door.',
      openedOn: workingDaysAgo(1),
      immediateRisk: false,
      confirmedNoChildName: true,
    }),
  );
  await page.goto(`${app.server.url}#/escalations/${logged.id}`);
  await expect(page.getByRole('heading', { name: /TOR-2026-0311/, level: 1 })).toBeVisible();
  const form = await openCaseAction(page, 'Remove a child’s identifier', 'Remove a child’s identifier');
  await form.getByLabel('Exact text to remove').fill('Jayden Okafor');
  // A reason that names someone is warned about like any case text.
  await form.getByLabel('Why it is being removed').fill('Typed in by Amelia');
  await expect(page.getByText('“Amelia” looks like a given name')).toBeVisible();
  await form.getByLabel('Why it is being removed').fill('The child’s full name was typed into the summary');
  await expect(page.getByText('looks like a given name')).toHaveCount(0);
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Remove it' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Removed the text from 1 field of the case (What the disagreement is about)' }),
  ).toBeVisible();
  await expect(page.getByText(/okafor/i)).toHaveCount(0);
  await expect(page.getByText('Concern about [removed]: the referral was closed at the front door.').first()).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText('A child’s identifier removed')).toBeVisible();
  await expect(
    timeline.getByText('From What the disagreement is about and 0 audit entries. Reason: The child’s full name was typed into the summary'),
  ).toBeVisible();
  await expectAccessible(page);

  // Text that is not in the case is refused, in plain words, and nothing changes.
  await openCaseAction(page, 'Remove a child’s identifier', 'Remove a child’s identifier');
  await form.getByLabel('Exact text to remove').fill('Okafor');
  await form.getByLabel('Why it is being removed').fill('Checking the surname is gone too');
  await form.getByRole('button', { name: 'Remove it' }).click();
  await expect(form.getByRole('alert')).toContainText('that text is not in the records of TOR-2026-0311');
  await expectAccessible(page);
});
