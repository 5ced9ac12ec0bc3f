// The learning hub's dashboard in Chromium, against a known set of escalations across 2026-Q1..Q3
// (the financial year 2026-27 starts in April). The quarter opened is 2026-Q2 (Jul-Sep 2026): it
// ended before today (the desk's clock is the real date, 23 Nov 2026 when this was written), so
// its figures do not move with the day the test runs. Every figure checked on screen is also
// counted here from the seed list, and read from dashboard:quarter, and a drill link's target is
// listed through escalations:list to prove it opens exactly the cases behind the figure.
import type { Page } from '@playwright/test';
import type { DrillInput } from '../../shared/domain/dashboard';
import { todayIso } from '../../shared/domain/dates';
import { quarterFromKey, quarterOf } from '../../shared/domain/quarter';
import { readDrillFromHash } from '../../renderer/src/features/dashboard/drillLink';
import { seatBoard, seedBoard, type Board } from '../support/boardFixture';
import { addThemes, DASHBOARD_CASES, seedCases, type AgencyKey, type CaseSpec } from '../support/dashboardCases';
import { ok, type TestDesk } from '../support/tempStore';
import { expect, expectAccessible, signInAs, test, type DeskFixture, screenshotPath } from './fixtures';

// The data set of test/db/dashboard.test.ts, plus Q2-F: a case that reaches the chair in Q2.
const SPECS: CaseSpec[] = [
  ...DASHBOARD_CASES,
  {
    ref: 'Q2-F',
    raising: 'school',
    challenged: ['council'],
    category: 1,
    openedOn: '2026-07-06',
    steps: ['2026-07-13', '2026-07-20', '2026-07-27'],
    chair: { on: '2026-07-29', route: 'resolve_directly' },
    end: { kind: 'resolve', on: '2026-07-31', effect: 'upheld', theme: 'sharing' },
  },
];

function seed(app: DeskFixture): Board {
  const desk = { ...app.seeder(), dataFolder: app.dataFolder, cleanup: () => undefined } as TestDesk;
  const board = seedBoard(desk, 'bromley');
  seatBoard(desk, board);
  seedCases(desk, board, SPECS, addThemes(desk));
  return board;
}

// ---- the oracle: counted from SPECS, not read from the app ----
function expected(key: string) {
  const q = quarterFromKey(key, 4);
  const inQ = (d: string | undefined) => d !== undefined && d >= q.from && d <= q.to;
  const fresh = SPECS.filter((s) => inQ(s.openedOn));
  return {
    new: fresh.length,
    resolved: SPECS.filter((s) => s.end?.kind === 'resolve' && inQ(s.end.on)).length,
    openAtEnd: SPECS.filter((s) => s.openedOn <= q.to && (!s.end || s.end.on > q.to)).length,
    carriedOver: SPECS.filter((s) => s.openedOn < q.from && (!s.end || s.end.on >= q.from)).length,
    raisedBy: (k: AgencyKey) => fresh.filter((s) => s.raising === k).length,
    pair: (r: AgencyKey, c: AgencyKey) => fresh.filter((s) => s.raising === r && s.challenged.includes(c)).length,
    chairResolvedDirectly: SPECS.filter((s) => s.chair?.route === 'resolve_directly' && inQ(s.chair.on)).length,
  };
}

const NAMES: Record<AgencyKey, string> = {
  police: 'Avon and Somerset Police',
  school: 'Hollyfield Primary School',
  health: 'Sirona Care and Health',
  council: 'Bristol City Council',
};

/** The drill behind a link on screen, and how many cases the register lists for it. */
async function drillBehind(page: Page, app: DeskFixture, linkName: string): Promise<{ drill: DrillInput; listed: number }> {
  const target = await page.getByRole('link', { name: linkName, exact: true }).getAttribute('href');
  expect(target).toMatch(/^#\/escalations\?drill=/);
  const drill = readDrillFromHash(target!);
  expect(drill).not.toBeNull();
  const listed = ok(app.desk.call('escalations:list', { drill: drill!, limit: 500 })).total;
  return { drill: drill!, listed };
}

test('the learning hub reads a quarter’s figures, drills into the register and moves between quarters', async ({ page, app }) => {
  const board = seed(app);
  await signInAs(page, app, 'learning_hub');
  const q2 = expected('2026-Q2');
  const q1 = expected('2026-Q1');
  const served = ok(app.desk.call('dashboard:quarter', { quarter: '2026-Q2' }));
  const figure = (f: string) => served.headlines.find((h) => h.figure === f)!;
  expect(figure('new').value.total).toBe(q2.new);
  expect(figure('new').previous).toBe(q1.new);

  await page.goto(`${app.server.url}#/dashboard/2026-Q2`);
  await expect(page.getByRole('heading', { name: 'Learning hub', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Headline figures, Q2 2026-27 (Jul-Sep)' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Quarter' })).toHaveValue('2026-Q2');
  await expect(page.getByRole('status').filter({ hasText: 'Figures as of' })).toContainText(
    /Figures as of 30 Sept? 2026 · compared with Q1 2026-27 \(Apr-Jun\)/,
  );

  // Headline cards: the value, last quarter's value and the sentence, as served and as counted.
  const cards = page.getByRole('region', { name: /Headline figures/ }).getByRole('listitem');
  const card = (label: string) => cards.filter({ has: page.getByText(label, { exact: true }) });
  for (const [label, f, value] of [
    ['New escalations', 'new', q2.new],
    ['Resolved', 'resolved', q2.resolved],
    ['Still open at the end of the quarter', 'open_at_end', q2.openAtEnd],
    ['Carried over from earlier quarters', 'carried_over', q2.carriedOver],
  ] as const) {
    expect(figure(f).value.total).toBe(value);
    await expect(card(label).locator('.dash-card__value')).toHaveText(String(value));
    await expect(card(label)).toContainText(`Q1 2026-27: ${figure(f).previous}`);
    await expect(card(label)).toContainText(figure(f).sentence);
  }
  await expect(card('New escalations')).toContainText(`${q2.new} new escalations, ${q2.new - q1.new} more than last quarter`);
  await expect(card('New escalations')).toContainText(`Board-level ${q2.new} · agency-internal 0`);

  // A headline card opens exactly its cases.
  const fresh = await drillBehind(page, app, `Show the ${q2.new} new escalations`);
  expect(fresh.drill).toMatchObject({ figure: 'new', quarter: '2026-Q2' });
  expect(fresh.listed).toBe(q2.new);

  // By raising agency: the table row and its drill.
  const raised = page.getByRole('table', { name: 'New escalations raised by each agency' });
  await expect(
    raised
      .getByRole('row', { name: new RegExp(NAMES.school) })
      .locator('td')
      .last(),
  ).toHaveText(String(q2.raisedBy('school')));
  const bySchool = await drillBehind(page, app, `Show the ${q2.raisedBy('school')} new escalations raised by ${NAMES.school}`);
  expect(bySchool.drill).toMatchObject({ figure: 'new', quarter: '2026-Q2', raisingAgencyId: board.school });
  expect(bySchool.listed).toBe(q2.raisedBy('school'));
  expect(served.byRaisingAgency.find((r) => r.agencyId === board.school)!.count.total).toBe(q2.raisedBy('school'));

  // The agency-pair matrix: a cell's count, its drill and the exact cases behind it.
  const cellName = `Show the ${q2.pair('school', 'council')} new escalations raised by ${NAMES.school} challenging ${NAMES.council}`;
  await expect(page.getByRole('link', { name: cellName, exact: true })).toHaveText(String(q2.pair('school', 'council')));
  const cell = await drillBehind(page, app, cellName);
  expect(cell.drill).toMatchObject({ figure: 'new', quarter: '2026-Q2', raisingAgencyId: board.school, challengedAgencyId: board.council });
  expect(cell.listed).toBe(q2.pair('school', 'council'));

  // The chair's decisions: the row, and the exact cases behind it.
  const chairName = `Show the ${q2.chairResolvedDirectly} case the chair decided on (resolve directly with the senior managers)`;
  await expect(page.getByRole('link', { name: chairName, exact: true })).toHaveText(String(q2.chairResolvedDirectly));
  const chair = await drillBehind(page, app, chairName);
  expect(chair.drill).toMatchObject({ figure: 'chair_decision', quarter: '2026-Q2', route: 'resolve_directly' });
  expect(chair.listed).toBe(q2.chairResolvedDirectly);

  // Other panels say their figures in words.
  await expect(page.getByRole('region', { name: 'Immediate risk and same-day compliance' })).toContainText(
    '1 of 2 board-level immediate-risk cases were recorded as referred and escalated the same working day (50%)',
  );
  await expect(page.getByRole('region', { name: 'Policy gaps flagged to the chair' }).getByRole('link', { name: 'Q2-A' })).toHaveAttribute(
    'href',
    /^#\/escalations\/\d+$/,
  );
  await expect(page.getByRole('img', { name: /Bar chart of new escalations raised by each agency/ })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: screenshotPath('dashboard.png'), fullPage: true });

  // Following a matrix cell opens the register on exactly those cases.
  await page.getByRole('link', { name: cellName, exact: true }).click();
  await expect(page).toHaveURL(/#\/escalations\?drill=/);
  expect(readDrillFromHash(await page.evaluate(() => window.location.hash))).toMatchObject({
    raisingAgencyId: board.school,
    challengedAgencyId: board.council,
  });
  await expect(page.getByRole('heading', { name: 'Escalation register', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'escalations match' })).toHaveText(
    `${q2.pair('school', 'council')} escalations match`,
  );
  await page.goBack();

  // Another quarter from the picker, then back with "Previous".
  await page.getByRole('combobox', { name: 'Quarter' }).selectOption('2026-Q3');
  await expect(page).toHaveURL(/#\/dashboard\/2026-Q3$/);
  await expect(page.getByRole('heading', { name: 'Headline figures, Q3 2026-27 (Oct-Dec)' })).toBeVisible();
  const q3 = ok(app.desk.call('dashboard:quarter', { quarter: '2026-Q3' }));
  expect(q3.headlines.find((h) => h.figure === 'new')!.value.total).toBe(expected('2026-Q3').new);
  await expect(card('New escalations').locator('.dash-card__value')).toHaveText(String(expected('2026-Q3').new));
  await expect(card('New escalations')).toContainText(`Q2 2026-27: ${q2.new}`);
  await page.getByRole('button', { name: /^Previous quarter/ }).click();
  await expect(page.getByRole('combobox', { name: 'Quarter' })).toHaveValue('2026-Q2');
  await expect(card('New escalations').locator('.dash-card__value')).toHaveText(String(q2.new));
  await expectAccessible(page);

  // The menu entry opens the current quarter by the board's reporting year, with nothing after it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learning hub' }).click();
  await expect(page.getByRole('combobox', { name: 'Quarter' })).toHaveValue(quarterOf(todayIso(), 4).key);
  await expect(page.getByRole('button', { name: /^Next quarter/ })).toBeDisabled();
});
