// The independent chair's side of a case at the board stage: the chair's decision, a resolution
// panel planned with its checks run live, representations, the panel pack, and the decision that
// resolves the case. The board is seeded through the desk's dispatcher; the chair works in the page.
// The server's "today" is fixed (CLOCK below), and dates are worked out from it in working days.
import type { Page } from '@playwright/test';
import type { Sector } from '../../shared/domain/agency';
import { formatUkDate, todayIso } from '../../shared/domain/dates';
import { ENGLAND_AND_WALES, isWorkingDay } from '../../shared/domain/workingDays';
import type { Channel } from '../../shared/contract';
import { inputOnLatest, onLatest, type InputOnLatest } from '../support/latest';
import { ok } from '../support/tempStore';
import { expect, expectAccessible, signInAs, test, type DeskFixture, screenshotPath } from './fixtures';
import { fillDate } from './govukDate';

// A fixed Monday on both sides (the desk's clock and the page's), so that a panel sitting "today"
// is on a working day whatever day the tests run: on a weekend it would draw a warning of its own.
const CLOCK = '2026-11-23T10:00:00Z';
test.use({ clock: CLOCK });
const today = todayIso(new Date(CLOCK));

function workingDaysAgo(n: number): string {
  let day = today;
  for (let left = n; left > 0;) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    day = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
    if (isWorkingDay(ENGLAND_AND_WALES, day)) left -= 1;
  }
  return day;
}

type AgencySeed = {
  name: string;
  sector: Sector;
  member: boolean;
  officers: { name: string; role: string; senior: boolean; rep: boolean }[];
};

/** A board under the given policy, and one case moved up to the policy's last stage. */
function seedCase(
  app: DeskFixture,
  policy: 'bromley' | 'torbay',
  agencies: AgencySeed[],
  raising: string,
  challenged: string[],
  participants: string,
) {
  const d = <C extends Channel>(channel: C, input: InputOnLatest<C>) => ok(app.desk.call(channel, inputOnLatest(app.desk, channel, input)));
  const ids: Record<string, number> = {};
  for (const a of agencies) {
    ids[a.name] = d('agencies:create', { name: a.name, sector: a.sector, statutoryPartner: a.member }).id;
    if (a.member) d('memberships:add', { agencyId: ids[a.name]!, from: '2020-04-01' });
    for (const o of a.officers)
      d('officers:add', {
        agencyId: ids[a.name]!,
        name: o.name,
        role: o.role,
        email: `${o.name.toLowerCase().replace(/\W+/g, '.')}@example.gov.uk`,
        senior: o.senior,
        boardRepresentative: o.rep,
      });
  }
  const settings = d('settings:get', {});
  d('profiles:choose', { profileId: settings.profiles.find((p) => p.key === policy && p.basedOn === null)!.id });
  d('themes:add', { name: 'Thresholds and the front door' });
  let e = d('escalations:create', {
    reference: policy === 'bromley' ? 'BR-2026-0042' : 'TOR-2026-0107',
    childInitials: 'JK',
    raisingAgencyId: ids[raising]!,
    raisingWorkerRole: 'Health visitor',
    raisingWorkerEmail: 'ruth.adams@example.nhs.uk',
    challengedAgencyIds: challenged.map((c) => ids[c]!),
    categoryId: settings.categories[0]!.id,
    childStatus: 'child_in_need',
    summary: 'The health visitor believes the family needs a child protection strategy discussion; social care closed the referral.',
    openedOn: workingDaysAgo(12),
    immediateRisk: false,
  });
  d('escalations:recordStage', { escalationId: e.id, discussion: 'Discussed by phone.', decision: 'Not agreed.', participants });
  for (let ago = 9; e.nextStages.length > 0; ago -= 2)
    e = d('escalations:escalate', {
      escalationId: e.id,
      toStage: e.nextStages[0]!.number,
      on: workingDaysAgo(Math.max(ago, 1)),
      reason: 'Not resolved at the stage below.',
    });
  return { ids, escalation: e };
}

async function go(page: Page, hash: string) {
  await page.evaluate((h) => (window.location.hash = h), hash);
}

async function choose(page: Page, seat: number, agency: string, officer?: string) {
  const group = page.getByRole('group', { name: `Seat ${seat}` });
  const select = async (label: string, text: string) => {
    const control = group.getByLabel(label, { exact: true });
    await control.selectOption((await control.locator('option', { hasText: text }).getAttribute('value'))!);
  };
  await select('Agency', agency);
  if (officer) await select('Officer', officer);
}

const check = (page: Page, n: number) => page.locator('.panel-check').nth(n - 1);
const summary = (page: Page) => page.locator('.panel-checks__summary');

const BROMLEY: AgencySeed[] = [
  {
    name: 'Bromley Children’s Social Care',
    sector: 'childrens_social_care',
    member: true,
    officers: [
      { name: 'Helen Marsh', role: 'Head of service', senior: true, rep: true },
      { name: 'Sam Lee', role: 'Team manager', senior: true, rep: false },
    ],
  },
  {
    name: 'Oxleas NHS Foundation Trust',
    sector: 'health',
    member: true,
    officers: [{ name: 'Tom Okoro', role: 'Designated nurse', senior: true, rep: true }],
  },
  {
    name: 'Metropolitan Police',
    sector: 'police',
    member: true,
    officers: [
      { name: 'Dana Whitfield', role: 'Detective Superintendent', senior: true, rep: true },
      { name: 'Lee Grant', role: 'Constable', senior: false, rep: false },
    ],
  },
  {
    name: 'Little Acorns Nursery',
    sector: 'early_years',
    member: false,
    officers: [{ name: 'Priya Shah', role: 'Nursery manager', senior: true, rep: false }],
  },
];

test('under Bromley the chair convenes a panel, watches a failing composition explain itself, fixes it, hears a representation and decides', async ({
  page,
  app,
}) => {
  seedCase(
    app,
    'bromley',
    BROMLEY,
    'Oxleas NHS Foundation Trust',
    ['Bromley Children’s Social Care'],
    'Sam Lee (team manager); Ruth Adams (health visitor)',
  );
  await signInAs(page, app, 'chair');
  const sitsOn = today;

  // The chair's decision: the Panels screen lists the case as waiting for it, and a panel is one of the routes this policy offers.
  await go(page, '#/panels');
  const waiting = page.getByRole('region', { name: 'Waiting for your decision (1)' });
  await expect(waiting).toContainText('Resolution by BSCP Chair');
  await expectAccessible(page);
  await waiting.getByRole('link', { name: 'Decide on BR-2026-0042' }).click();
  await expect(page.getByRole('heading', { name: 'Chair’s decision', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Case BR-2026-0042/)).toBeVisible();
  const decide = page.getByRole('form', { name: 'Record the chair’s decision' });
  await expect(decide.getByLabel('Meeting of senior managers chaired by a board member from an uninvolved agency')).toHaveCount(0);
  await expectAccessible(page);
  await decide.getByRole('button', { name: 'Record the chair’s decision' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose what the chair decided');
  await decide.getByLabel('Convene a resolution panel').check();
  await decide.getByLabel('Decided by').fill('Independent chair');
  await decide.getByLabel('Reasons').fill('Senior managers could not agree on the threshold.');
  await decide.getByRole('button', { name: 'Record the chair’s decision' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded the chair’s decision: Convene a resolution panel.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Decided: Convene a resolution panel' })).toBeVisible();
  await page.getByRole('link', { name: 'Plan the panel' }).click();

  // The planner: the rule, the agencies in dispute and the parties.
  await expect(page.getByRole('heading', { name: 'Plan a resolution panel: BR-2026-0042', level: 1 })).toBeVisible();
  await expect(page.locator('.panel-facts')).toContainText('the agencies in dispute must be on the panel');
  await expect(page.locator('.panel-facts')).toContainText('Sam Lee, Ruth Adams');
  await fillDate(page, 'Date the panel sits', sitsOn);
  await page.getByLabel('Chair’s name').fill('Independent chair');
  await choose(page, 1, 'Oxleas', 'Tom Okoro');
  await choose(page, 2, 'Metropolitan Police', 'Dana Whitfield');
  await expect(summary(page)).toHaveText('2 checks fail: the panel is not yet valid.');
  await expect(check(page, 1)).toContainText('A resolution panel needs exactly three agencies; 2 are chosen: add 1 more.');
  await expect(check(page, 3)).toContainText(
    'Bromley Children’s Social Care is in dispute and this policy requires every agency in dispute to sit on the panel: give it a seat.',
  );

  // A non-board-member agency and a party to the disagreement: each failure names who and why.
  await choose(page, 2, 'Bromley Children’s Social Care', 'Sam Lee');
  await choose(page, 3, 'Little Acorns', 'Priya Shah');
  await expect(check(page, 2)).toContainText(
    `Little Acorns Nursery was not a member of the full board on ${formatUkDate(sitsOn)} (no board membership is recorded for it)`,
  );
  await expect(check(page, 5)).toContainText(
    'Sam Lee is a party to the disagreement and cannot sit on the panel: choose another officer of Bromley Children’s Social Care.',
  );
  await expect(summary(page)).toHaveText('2 checks fail: the panel is not yet valid.');
  await expect(check(page, 1)).toContainText('Pass');
  await expectAccessible(page);
  await page.screenshot({ path: screenshotPath('panel-planner.png'), fullPage: true });

  // Saved while invalid; the decision is refused; the list says why.
  await page.getByRole('button', { name: 'Save panel' }).click();
  await expect(page.getByRole('heading', { name: `Panel for BR-2026-0042, ${formatUkDate(sitsOn)}`, level: 1 })).toBeVisible();
  await expect(page.locator('.toast')).toContainText('It is not yet valid: 2 checks fail.');
  const decision = page.getByRole('form', { name: 'Record the panel’s decision' });
  await decision.getByLabel('The panel’s decision').fill('A strategy discussion is needed.');
  await decision.getByLabel('Written statement of outcome').fill('Social care will hold a strategy discussion within two working days.');
  await decision.getByLabel('Original decision changed', { exact: true }).check();
  await decision.getByLabel('Oxleas NHS Foundation Trust').check();
  await decision.getByRole('button', { name: 'Record the decision and resolve the case' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'The panel’s membership does not yet pass its checks, so its decision cannot be recorded.',
  );
  await expect(page.getByRole('alert')).toContainText('Sam Lee is a party to the disagreement');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Panels' }).click();
  const row = page.getByRole('row', { name: /BR-2026-0042/ });
  await expect(row).toContainText('Not yet valid: 2 problems');
  await expect(row).toContainText('Little Acorns Nursery was not a member of the full board');
  await expect(row).toContainText('Planned');
  await expectAccessible(page);
  await page.screenshot({ path: screenshotPath('panel-list.png') });

  // Fixed by hand, then by a suggestion.
  await row.getByRole('link', { name: /open the panel/ }).click();
  await choose(page, 2, 'Bromley Children’s Social Care', 'Helen Marsh');
  await expect(summary(page)).toHaveText('1 check fails: the panel is not yet valid.');
  await page.getByRole('button', { name: 'Suggest valid panels' }).click();
  await expect(page.getByRole('heading', { name: 'Option 1' })).toBeVisible();
  await page.getByRole('button', { name: 'Use this panel (option 1)' }).click();
  await expect(summary(page)).toHaveText('All checks pass: this panel is valid.');
  await expect(page.getByRole('group', { name: 'Seat 3' }).getByLabel('Agency')).not.toHaveValue('');
  await expect(page.getByText('Changes not saved yet')).toBeVisible();
  await expectAccessible(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  const end = (await page.getByRole('region', { name: 'Suggestions' }).boundingBox())!;
  await page.screenshot({
    path: screenshotPath('panel-planner-valid.png'),
    fullPage: true,
    clip: { x: 0, y: 0, width: 1280, height: end.y + end.height + 16 },
  });
  await page.getByRole('button', { name: 'Save panel' }).click();
  await expect(page.locator('.toast')).toContainText('It passes every check.');

  // A representation, then the pack.
  const rep = page.getByRole('form', { name: 'Record a representation' });
  await rep.getByLabel('From agency').selectOption({ label: 'Oxleas NHS Foundation Trust' });
  await rep.getByLabel('Who made it').fill('Named nurse for safeguarding');
  await fillDate(rep, 'Date received', workingDaysAgo(1));
  await rep.getByLabel('Summary of the representation').fill('The bruising pattern meets the threshold for a strategy discussion.');
  await rep.getByRole('button', { name: 'Record representation' }).click();
  await expect(page.getByRole('row', { name: /Named nurse for safeguarding/ })).toContainText('The bruising pattern');
  await page.getByRole('link', { name: 'Panel pack' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('resolution panel pack, case BR-2026-0042');
  await expect(page.getByRole('region', { name: 'Representations received' })).toContainText(
    'Named nurse for safeguarding (Oxleas NHS Foundation Trust): The bruising pattern',
  );
  await expect(page.getByRole('region', { name: 'Checks' })).toContainText('1. Exactly three agencies, each once: Passes.');
  await expectAccessible(page);
  await page.screenshot({ path: screenshotPath('panel-pack.png'), fullPage: true });
  await page.evaluate(() => (window.print = () => void document.body.setAttribute('data-printed', 'yes')));
  await page.getByRole('button', { name: 'Print' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // The decision resolves the case.
  await page.getByRole('link', { name: '← Back to the panel' }).click();
  await decision.getByLabel('The panel’s decision').fill('A strategy discussion is needed.');
  await decision
    .getByLabel('Written statement of outcome')
    .fill('Social care will hold a strategy discussion within two working days and tell the health visitor its outcome.');
  await decision.getByLabel('Original decision changed', { exact: true }).check();
  await decision.getByLabel('Oxleas NHS Foundation Trust').check();
  await decision.getByLabel('Bromley Children’s Social Care').check();
  await decision.getByRole('button', { name: 'Add an action' }).click();
  await decision.getByLabel('What will be done').fill('Hold the strategy discussion');
  await decision.getByLabel('Owner').fill('CSC head of service');
  await fillDate(decision, 'Due by', today);
  await decision.getByLabel('Thresholds and the front door').check();
  await expectAccessible(page);
  await decision.getByRole('button', { name: 'Record the decision and resolve the case' }).click();
  await expect(page.locator('.toast')).toContainText('case BR-2026-0042 is resolved');
  await expect(page.locator('.lede .status')).toHaveText('Held');
  await expect(page.locator('.panel-case-link')).toContainText('Case BR-2026-0042 is now Resolved');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Open case BR-2026-0042' }).click();
  await expect(page.locator('.case-header .status')).toHaveText('Resolved');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Panels' }).click();
  await expect(page.getByText('No upcoming panels.')).toBeVisible();
  await page.getByLabel(/^Past/).check();
  await expect(page.getByRole('row', { name: /BR-2026-0042/ })).toContainText('Held');
  await expect(page.getByRole('row', { name: /BR-2026-0042/ })).toContainText('Valid');
});

const TORBAY: AgencySeed[] = [
  {
    name: 'Torbay Children’s Services',
    sector: 'childrens_social_care',
    member: true,
    officers: [{ name: 'Helen Marsh', role: 'Head of service', senior: true, rep: true }],
  },
  {
    name: 'Devon and Cornwall Police',
    sector: 'police',
    member: true,
    officers: [
      { name: 'Dana Whitfield', role: 'Detective Superintendent', senior: true, rep: true },
      { name: 'Lee Grant', role: 'Inspector', senior: true, rep: false },
    ],
  },
  {
    name: 'Torbay and South Devon NHS',
    sector: 'health',
    member: true,
    officers: [{ name: 'Tom Okoro', role: 'Designated nurse', senior: true, rep: true }],
  },
  {
    name: 'St Marychurch Pre-school',
    sector: 'early_years',
    member: false,
    officers: [{ name: 'Priya Shah', role: 'Pre-school manager', senior: true, rep: false }],
  },
];

test('under Torbay the chair leaves an agency in dispute off with a written reason, and the panel decides', async ({ page, app }) => {
  const { escalation } = seedCase(
    app,
    'torbay',
    TORBAY,
    'St Marychurch Pre-school',
    ['Torbay Children’s Services'],
    'Pre-school manager; duty social worker',
  );
  await signInAs(page, app, 'chair');
  await go(page, `#/escalations/${escalation.id}/decide`);
  const decide = page.getByRole('form', { name: 'Record the chair’s decision' });
  await decide.getByLabel('Convene a resolution panel').check();
  await decide.getByLabel('Decided by').fill('Board chair');
  await decide.getByLabel('Reasons').fill('The committee member could not resolve it.');
  await decide.getByRole('button', { name: 'Record the chair’s decision' }).click();
  await page.getByRole('link', { name: 'Plan the panel' }).click();

  await expect(page.locator('.panel-facts')).toContainText('the agencies in dispute sit on it where possible');
  await fillDate(page, 'Date the panel sits', today);
  await page
    .getByLabel('Chair', { exact: true })
    .selectOption({ label: 'Tom Okoro · Designated nurse · senior officer · board representative' });
  await choose(page, 1, 'Torbay Children’s Services', 'Helen Marsh');
  await choose(page, 2, 'Devon and Cornwall Police', 'Lee Grant');
  await choose(page, 3, 'Torbay and South Devon NHS', 'Tom Okoro');
  await expect(check(page, 2)).toContainText(
    'Lee Grant is not Devon and Cornwall Police’s board representative, and this policy seats board representatives only',
  );
  // Torbay names no separate chair: one of the three representatives may chair the panel.
  await expect(check(page, 5)).toContainText('Tom Okoro chairs from one of the seats, as this policy allows.');
  await expect(check(page, 3)).toContainText(
    'St Marychurch Pre-school is in dispute but not on the panel: give it a seat, or write the chair’s reason for leaving it off (at least 10 characters).',
  );
  await expect(summary(page)).toHaveText('2 checks fail: the panel is not yet valid.');

  await choose(page, 2, 'Devon and Cornwall Police', 'Dana Whitfield');
  await page.getByLabel('Chair', { exact: true }).selectOption({ label: 'Someone not in the directory (type the name)' });
  await page.getByLabel('Chair’s name').fill('Independent chair');
  const reason = page.getByLabel('The chair’s reason for leaving an agency in dispute off');
  await reason.fill(
    'The pre-school is not a member of the full board and has no board representative; its manager will make a representation instead.',
  );
  await expect(check(page, 3)).toContainText('Warning');
  await expect(check(page, 3)).toContainText('The chair’s reason: “The pre-school is not a member of the full board');
  await expect(summary(page)).toHaveText('All checks pass: this panel is valid (1 warning to read).');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save panel' }).click();
  await expect(page.locator('.toast')).toContainText('It passes every check.');

  const decision = page.getByRole('form', { name: 'Record the panel’s decision' });
  await decision.getByLabel('The panel’s decision').fill('The threshold for a strategy discussion is met.');
  await decision
    .getByLabel('Written statement of outcome')
    .fill('Children’s services will hold a strategy discussion and tell the pre-school the outcome.');
  await decision.getByLabel('Original decision partly changed').check();
  await decision.getByLabel('Torbay Children’s Services').check();
  await decision.getByRole('button', { name: 'Record the decision and resolve the case' }).click();
  await expect(page.locator('.panel-case-link')).toContainText('Case TOR-2026-0107 is now Resolved');
  await go(page, `#/escalations/${escalation.id}`);
  await expect(page.locator('.case-header .status')).toHaveText('Resolved');
  const panels = ok(app.desk.call('panels:list', {}));
  expect(panels).toEqual([expect.objectContaining({ status: 'held', valid: true })]);
});

test('a planned panel is cancelled with a reason, and the chair can plan again', async ({ page, app }) => {
  const { ids, escalation } = seedCase(
    app,
    'bromley',
    BROMLEY,
    'Oxleas NHS Foundation Trust',
    ['Bromley Children’s Social Care'],
    'Sam Lee',
  );
  await signInAs(page, app, 'chair');
  ok(
    onLatest(app.desk, 'chair:decide', {
      escalationId: escalation.id,
      route: 'resolution_panel',
      decidedOn: today,
      reasons: 'Deadlock',
      decidedBy: 'Independent chair',
    }),
  );
  const panel = ok(
    onLatest(app.desk, 'panels:save', {
      escalationId: escalation.id,
      sitsOn: today,
      chairName: 'Independent chair',
      seats: [{ agencyId: ids['Metropolitan Police']!, officerId: null }],
    }),
  );
  await go(page, `#/panels/${panel.id}`);
  await expect(page.getByRole('heading', { name: /Panel for BR-2026-0042/, level: 1 })).toBeVisible();
  await expect(check(page, 2)).toContainText('Name the officer who will sit for Metropolitan Police.');
  const cancel = page.getByRole('form', { name: 'Cancel the panel' });
  await cancel.getByRole('button', { name: 'Cancel panel' }).click();
  await expect(page.getByRole('alert')).toContainText('why the panel is cancelled');
  await cancel.getByLabel('Why the panel is cancelled').fill('The agencies agreed a way forward before the panel sat.');
  await cancel.getByRole('button', { name: 'Cancel panel' }).click();
  await expect(page.locator('.lede .status')).toHaveText('Cancelled');
  await expect(page.getByText('Reason: The agencies agreed a way forward before the panel sat.')).toBeVisible();
  await expectAccessible(page);
  // Back on the case, the chair's decision stands and a new panel can be planned.
  await go(page, `#/escalations/${escalation.id}`);
  await expect(page.getByRole('link', { name: 'Plan the panel' })).toBeVisible();
});

test('under Bromley a nursery in dispute cannot sit on a full-board panel: the planner says so plainly, offers the alternatives, and a departure shows as one', async ({
  page,
  app,
}) => {
  const { escalation } = seedCase(
    app,
    'bromley',
    BROMLEY,
    'Little Acorns Nursery',
    ['Bromley Children’s Social Care'],
    'Priya Shah (nursery manager); CSC team manager',
  );
  await signInAs(page, app, 'chair');
  await go(page, `#/escalations/${escalation.id}/decide`);
  const decide = page.getByRole('form', { name: 'Record the chair’s decision' });
  await decide.getByLabel('Convene a resolution panel').check();
  await decide.getByLabel('Decided by').fill('Independent chair');
  await decide.getByLabel('Reasons').fill('Senior managers could not agree on the threshold.');
  await decide.getByRole('button', { name: 'Record the chair’s decision' }).click();
  // chair:decide warns, in the answer the chair sees.
  await expect(page.getByRole('status').filter({ hasText: 'Warning: This policy’s panel cannot be formed for this case' })).toBeVisible();
  await page.getByRole('link', { name: 'Plan the panel' }).click();

  // Said before any seat is chosen: why, naming the agency, and what the chair can do instead.
  const impossible = page.getByRole('region', { name: 'This policy’s panel cannot be formed for this case' });
  await expect(impossible).toContainText(
    'Little Acorns Nursery is in dispute, so this policy needs it on the panel, but the panel seats only members of the full board',
  );
  await expect(impossible).toContainText('Resolve it directly with the senior managers');
  await expect(impossible).toContainText('Record a departure from the policy');
  await expect(page.locator('.panel-facts')).toContainText('recognised Priya Shah');
  await fillDate(page, 'Date the panel sits', today);
  await page.getByLabel('Chair’s name').fill('Independent chair');

  // No loop: off the panel it is not "give it a seat"; on it, not "choose a board-member agency".
  await choose(page, 1, 'Bromley Children’s Social Care', 'Helen Marsh');
  await choose(page, 2, 'Oxleas', 'Tom Okoro');
  await choose(page, 3, 'Metropolitan Police', 'Dana Whitfield');
  await expect(summary(page)).toHaveText('This policy’s panel cannot be formed for this case: see why, and what the chair can do instead.');
  await expect(check(page, 3)).toContainText('This policy’s panel cannot be formed for this case.');
  await expect(check(page, 3)).not.toContainText('give it a seat');
  await choose(page, 3, 'Little Acorns', 'Priya Shah');
  await expect(check(page, 2)).toContainText('and it is in dispute: this policy’s panel cannot be formed for this case (see check 3).');
  await expect(check(page, 2)).not.toContainText('choose a board-member agency');
  await expect(check(page, 5)).toContainText('Priya Shah is a party to the disagreement');
  await expectAccessible(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath('panel-planner-impossible.png'), fullPage: true });

  // The chair departs from the policy in writing: never valid, shown as a departure.
  await choose(page, 3, 'Metropolitan Police', 'Dana Whitfield');
  await page
    .getByLabel('The chair’s reason for departing from the policy')
    .fill('The nursery will be heard in person; the board agreed to hold the panel without it as a member.');
  await expect(summary(page)).toHaveText(
    'This policy’s panel cannot be formed for this case: this one sits under the chair’s recorded departure from the policy (1 warning to read).',
  );
  await expect(page.getByRole('region', { name: 'Planned under a departure from the policy' })).toContainText(
    'The chair’s reason for departing from the policy: The nursery will be heard in person',
  );
  await page.getByRole('button', { name: 'Save panel' }).click();
  await expect(page.locator('.toast')).toContainText('it sits under the chair’s recorded departure from the policy');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Panels' }).click();
  await expect(page.getByRole('row', { name: /BR-2026-0042/ })).toContainText('Departure from the policy');
  await expectAccessible(page);
});
