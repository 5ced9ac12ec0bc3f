// Three people at once (issue 15, item 7): the coordinator, the independent chair and the learning
// hub, each in a browser of their own (separate contexts: separate cookies, separate sessions)
// against one server. Nobody reloads: each open page follows the others' changes through the
// server's event stream. The board's agencies and one case part-way up the Bromley policy are laid
// down first; the coordinator makes the other two accounts on the page, logs a new case (the hub's
// figures move), refers the older case to the board (the chair's open case page offers the
// decision) and keeps a half-typed correction while the chair's decision refreshes the case.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { openDesk } from '../../electron/desk/desk';
import { openFrontDesk, type FrontDesk } from '../../electron/desk/frontDesk';
import { startWebServer, type WebServer } from '../../electron/web/server';
import type { Channel } from '../../shared/contract';
import { todayIso } from '../../shared/domain/dates';
import { inputOnLatest, type InputOnLatest } from '../support/latest';
import { ok, tempFolder } from '../support/tempStore';
import { expect, expectAccessible, openCaseAction, test } from './fixtures';
import { fillDate } from './govukDate';
import { TEST_KEY } from '../support/testKey';

const today = todayIso();
const PASSWORDS = { coordinator: 'coordinator pass phrase', chair: 'the chair’s own pass phrase', hub: 'the hub’s own pass phrase' };

/** The board before anyone signs in: its agencies and officers, the Bromley policy, and a case one stage below the board. */
function seedBoard(dataFolder: string): { caseId: number; reference: string } {
  const seeder = openDesk({ key: TEST_KEY, dataFolder, mode: 'web', version: 'e2e', actor: () => 'e2e seed' });
  try {
    const d = <C extends Channel>(channel: C, input: InputOnLatest<C>) => ok(seeder.call(channel, inputOnLatest(seeder, channel, input)));
    const agency = (name: string, sector: 'childrens_social_care' | 'health' | 'police', officer: string, role: string) => {
      const id = d('agencies:create', { name, sector, statutoryPartner: true }).id;
      d('memberships:add', { agencyId: id, from: '2020-04-01' });
      d('officers:add', {
        agencyId: id,
        name: officer,
        role,
        email: `${officer.toLowerCase().replace(/\W+/g, '.')}@example.gov.uk`,
        senior: true,
        boardRepresentative: true,
      });
      return id;
    };
    const csc = agency('Bromley Children’s Social Care', 'childrens_social_care', 'Helen Marsh', 'Head of service');
    const health = agency('Oxleas NHS Foundation Trust', 'health', 'Tom Okoro', 'Designated nurse');
    agency('Metropolitan Police', 'police', 'Dana Whitfield', 'Detective Superintendent');
    const settings = d('settings:get', {});
    d('profiles:choose', { profileId: settings.profiles.find((p) => p.key === 'bromley' && p.basedOn === null)!.id });
    let e = d('escalations:create', {
      reference: 'BR-2026-0042',
      childInitials: 'JK',
      raisingAgencyId: health,
      raisingWorkerRole: 'Health visitor',
      raisingWorkerEmail: 'ruth.adams@example.nhs.uk',
      challengedAgencyIds: [csc],
      categoryId: settings.categories[0]!.id,
      childStatus: 'child_in_need',
      summary: 'The health visitor believes the family needs a strategy discussion; social care closed the referral.',
      openedOn: today,
      immediateRisk: false,
    });
    d('escalations:recordStage', {
      escalationId: e.id,
      discussion: 'Discussed by phone.',
      decision: 'Not agreed.',
      participants: 'Sam Lee',
    });
    // Up to Bromley's stage 3 (senior managers): the next move is to the chair (stage 4).
    for (const toStage of [2, 3]) e = d('escalations:escalate', { escalationId: e.id, toStage, on: today, reason: 'Not resolved below.' });
    expect(e.nextStages.map((s) => s.number)).toEqual([4]);
    return { caseId: e.id, reference: e.reference };
  } finally {
    seeder.close();
  }
}

async function signIn(page: Page, userName: string, password: string, shown: string) {
  await page.getByLabel('User name').fill(userName);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(shown)).toBeVisible();
}

async function addAccount(page: Page, name: string, userName: string, role: string, password: string) {
  const add = page.getByRole('form', { name: 'Add an account' });
  await add.getByLabel('Name', { exact: true }).fill(name);
  await add.getByLabel('User name').fill(userName);
  await add.getByLabel('Role').selectOption({ label: role });
  await add.getByLabel('First password').fill(password);
  await add.getByRole('button', { name: 'Add the account' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Account created for ${name} (${userName})` })).toBeVisible();
}

/** A browser of one's own (its own cookies and storage), opened at the server's address. */
async function person(browser: Browser, server: WebServer): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  // A mark on this load of the page: a reload (or a navigation away) would lose it.
  await page.evaluate(() => ((window as Marked).openedOnce = true));
  return page;
}

type Marked = Window & { openedOnce?: boolean };

const go = (page: Page, hash: string) => page.evaluate((h) => (window.location.hash = h), hash);

let host: FrontDesk | undefined;
let server: WebServer | undefined;
let dataFolder: string | undefined;
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
  await server?.close();
  host?.close();
  if (dataFolder) rmSync(dataFolder, { recursive: true, force: true });
  host = server = dataFolder = undefined;
});

test('the coordinator, the chair and the learning hub work at once, and each open page follows the others without reloading', async ({
  browser,
}) => {
  dataFolder = tempFolder('desk-three-');
  const seeded = seedBoard(dataFolder);
  host = openFrontDesk({ key: TEST_KEY, dataFolder, mode: 'web', version: 'e2e' });
  ok(
    host.desk!.call('session:setUp', {
      userName: 'jo.coord',
      displayName: 'Jo Coordinator',
      password: PASSWORDS.coordinator,
      repeatPassword: PASSWORDS.coordinator,
    }),
  );
  const h = host;
  server = await startWebServer({
    dispatch: h.dispatchAsync,
    sessions: () => h.sessions,
    downloads: h.exports,
    changes: h.changes,
    rendererDir: join(process.cwd(), 'out', 'renderer'),
  });

  // The coordinator signs in and makes the chair's and the hub's accounts.
  const coordinator = await person(browser, server);
  await signIn(coordinator, 'jo.coord', PASSWORDS.coordinator, 'Jo Coordinator · Business coordinator');
  await go(coordinator, '#/accounts');
  await addAccount(coordinator, 'Pat Chair', 'pat.chair', 'Independent chair', PASSWORDS.chair);
  await addAccount(coordinator, 'Sam Analyst', 'sam.hub', 'Learning hub', PASSWORDS.hub);

  // The chair opens the register and the older case; the hub opens this quarter's figures.
  const chair = await person(browser, server);
  await signIn(chair, 'pat.chair', PASSWORDS.chair, 'Pat Chair · Independent chair');
  await go(chair, '#/escalations');
  await expect(chair.getByRole('link', { name: seeded.reference })).toBeVisible();
  await expectAccessible(chair);
  const hub = await person(browser, server);
  await signIn(hub, 'sam.hub', PASSWORDS.hub, 'Sam Analyst · Learning hub');
  await go(hub, '#/dashboard');
  await expect(hub.getByRole('heading', { name: 'Learning hub', level: 1 })).toBeVisible();
  const newCases = hub
    .getByRole('region', { name: /Headline figures/ })
    .getByRole('listitem')
    .filter({ has: hub.getByText('New escalations', { exact: true }) })
    .locator('.dash-card__value');
  await expect(newCases).toHaveText('1');
  await expectAccessible(hub);

  // The coordinator logs a new case on the page.
  await go(coordinator, '#/escalations/new');
  await coordinator.getByLabel('Case reference').fill('BR-2026-0107');
  await coordinator.getByLabel('Child’s initials').fill('AB');
  await coordinator.getByRole('group', { name: 'Child’s status' }).getByLabel('Child in need').check();
  await coordinator.getByLabel('Raising agency').selectOption({ label: 'Oxleas NHS Foundation Trust' });
  await coordinator.getByRole('group', { name: 'Agencies challenged' }).getByLabel('Bromley Children’s Social Care').check();
  await coordinator.getByLabel('Raising worker’s role').fill('School nurse');
  await coordinator.getByLabel('Raising worker’s e-mail').fill('school.nurse@example.nhs.uk');
  await coordinator.getByLabel('Category').selectOption({ index: 1 });
  await fillDate(coordinator, 'Date raised', today);
  await coordinator.getByLabel('What the disagreement is about').fill('The nurse and social care disagree about the threshold for help.');
  await coordinator.getByRole('button', { name: 'Log escalation' }).click();
  await expect(coordinator.getByRole('heading', { name: /BR-2026-0107/, level: 1 })).toBeVisible();

  // Without reloading: the chair's register lists it, and the hub's figures count it.
  await expect(chair.getByRole('link', { name: 'BR-2026-0107' })).toBeVisible();
  await expect(newCases).toHaveText('2');

  // The chair opens the older case: not at the board yet, so there is no decision to record.
  await go(chair, `#/escalations/${seeded.caseId}`);
  await expect(chair.getByRole('heading', { name: /BR-2026-0042/, level: 1 })).toBeVisible();
  await expect(chair.getByRole('form', { name: 'Record the chair’s decision' })).toHaveCount(0);

  // The coordinator refers it to the board; the chair's open case page offers the decision.
  await go(coordinator, `#/escalations/${seeded.caseId}`);
  const moveUp = await openCaseAction(coordinator, 'Move up a stage', 'Move up a stage');
  await moveUp.getByLabel('Why it is moving up').fill('Senior managers could not agree: referred to the independent chair.');
  await moveUp.getByRole('button', { name: 'Move up' }).click();
  await expect(coordinator.getByRole('heading', { name: /Stage 4: Resolution by BSCP Chair \(current\)/ })).toBeVisible();
  await expect(chair.getByRole('region', { name: 'What to do next' })).toContainText('The independent chair decides how it is resolved.');
  const decide = await openCaseAction(chair, 'Record the chair’s decision', 'Record the chair’s decision');
  await expectAccessible(chair);

  // The coordinator starts a correction and leaves it half-typed while the chair decides.
  const correction = await openCaseAction(coordinator, 'Correct a detail', 'Correct a detail');
  await correction.getByLabel('Detail to correct').selectOption({ label: 'Raising worker’s e-mail' });
  await correction.getByLabel('Corrected value').fill('nurse@bristol.example.uk');
  await correction.getByLabel('Why the correction is needed').fill('The worker’s e-mail was mistyped at');
  await decide.getByLabel('Convene a resolution panel').check();
  await decide.getByLabel('Decided by').fill('Pat Chair');
  await decide.getByLabel('Reasons').fill('Senior managers could not agree on the threshold.');
  await decide.getByRole('button', { name: 'Record the chair’s decision' }).click();
  await expect(chair.getByRole('heading', { name: 'Decided: Convene a resolution panel' })).toBeVisible();

  // The coordinator's save is refused in words, naming the chair's decision; the half-typed reason is still there.
  await correction.getByRole('button', { name: 'Save correction' }).click();
  await expect(correction.getByRole('alert')).toContainText(
    /Pat Chair \(pat\.chair\) changed this case at .* \(recorded the chair’s decision\) after you opened it\./,
  );
  await expect(correction.getByLabel('Why the correction is needed')).toHaveValue('The worker’s e-mail was mistyped at');
  await expectAccessible(coordinator);
  // Back on the case page, the chair's decision is in the timeline.
  await coordinator.getByRole('link', { name: '← Back to case BR-2026-0042' }).click();
  await expect(coordinator.getByRole('list', { name: 'Timeline of BR-2026-0042' })).toContainText('Pat Chair');

  // The chair plans the panel; the coordinator's open panels list shows it without reloading.
  await go(coordinator, '#/panels');
  await expect(coordinator.getByRole('heading', { name: 'Resolution panels', level: 1 })).toBeVisible();
  await expect(coordinator.getByText('No panels yet.')).toBeVisible();
  await chair.getByRole('link', { name: 'Plan the panel' }).click();
  await expect(chair.getByRole('heading', { name: 'Plan a resolution panel: BR-2026-0042', level: 1 })).toBeVisible();
  await fillDate(chair, 'Date the panel sits', today);
  await chair.getByLabel('Chair’s name').fill('Pat Chair');
  const seat = async (n: number, agency: string, officer: string) => {
    const group = chair.getByRole('group', { name: `Seat ${n}` });
    for (const [label, text] of [
      ['Agency', agency],
      ['Officer', officer],
    ] as const) {
      const control = group.getByLabel(label, { exact: true });
      await control.selectOption((await control.locator('option', { hasText: text }).getAttribute('value'))!);
    }
  };
  await seat(1, 'Oxleas', 'Tom Okoro');
  await seat(2, 'Bromley Children’s Social Care', 'Helen Marsh');
  await seat(3, 'Metropolitan Police', 'Dana Whitfield');
  await expectAccessible(chair);
  await chair.getByRole('button', { name: 'Save panel' }).click();
  await expect(chair.getByRole('heading', { name: /Panel for BR-2026-0042/, level: 1 })).toBeVisible();
  await expect(coordinator.getByRole('link', { name: 'BR-2026-0042', exact: true })).toBeVisible();
  await expectAccessible(coordinator);

  // None of the three pages was loaded again: the mark each got when it opened is still there.
  for (const page of [coordinator, chair, hub]) expect(await page.evaluate(() => (window as Marked).openedOnce)).toBe(true);
});
