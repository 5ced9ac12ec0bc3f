// Each browser test gets its own data folder, its own desk and its own web-mode server, started
// in the test worker from the real code, and a page opened with the launch token. The desk asks
// for sign-in like the real app: the fixture makes the board's first account (a coordinator) and
// signs in with it on the page's own sign-in screen, so tests start on the app; signInAs() changes
// user through the sign-in screen.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDesk, type Desk } from '../../electron/desk/desk';
import { typedCalls } from '../../shared/bridge';
import { openFrontDesk, type FrontDesk } from '../../electron/desk/frontDesk';
import { CLOCK_VARIABLE, processClock } from '../../electron/desk/clock';
import type { Caller } from '../../electron/services/accounts/sessionRegistry';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { tempFolder } from '../support/tempStore';
import { ROLE_LABELS, type Role } from '../../shared/domain/accounts';
import { TEST_KEY } from '../support/testKey';

export interface DeskFixture {
  /** The desk behind the page: calls through it are made as whoever is signed in on the page (after a restore, the new desk). */
  readonly desk: Desk;
  /** What the web mode holds: the desk, its audit check at start-up, backups and restore. */
  host: FrontDesk;
  /**
   * A trusted in-process caller on the same data folder, for tests that lay down a board's history
   * (logged by the coordinator, decided by the chair) before a person looks at it.
   */
  seeder: () => Desk;
  server: WebServer;
  dataFolder: string;
}

export const test = base.extend<{ app: DeskFixture; firstAccount: boolean; clock: string | null }>({
  /** false: the board has no account yet, and the page opens on the first-account screen. */
  firstAccount: [true, { option: true }],
  /**
   * An instant such as 2026-11-23T10:00:00Z: the desk's clock starts there (as ESCALATION_DESK_CLOCK
   * would set it) and the page's Date reads it, so "today" is the same fixed day on both sides.
   */
  clock: [null, { option: true }],
  app: async ({ page, firstAccount, clock }, use) => {
    const dataFolder = tempFolder('desk-e2e-');
    const now = clock === null ? undefined : processClock({ [CLOCK_VARIABLE]: clock });
    if (clock !== null) await page.clock.setFixedTime(new Date(clock));
    const host = openFrontDesk({ key: TEST_KEY, dataFolder, mode: 'web', version: 'e2e', ...(now ? { now } : {}) });
    if (firstAccount) {
      const first = host.desk!.call('session:setUp', {
        userName: 'coordinator',
        displayName: 'E2E Coordinator',
        password: E2E_PASSWORD,
        repeatPassword: E2E_PASSWORD,
      });
      if (!first.ok) throw new Error(first.error.message);
    }
    const server = await serveFrontDesk(host);
    let seeder: Desk | null = null;
    const openSeeder = () =>
      (seeder ??= openDesk({ key: TEST_KEY, dataFolder, mode: 'web', version: 'e2e', actor: () => 'e2e seed', ...(now ? { now } : {}) }));
    await page.goto(server.url);
    if (firstAccount) await signInOnPage(page, 'coordinator', 'E2E Coordinator · Business coordinator');
    await use({
      get desk() {
        const desk = host.desk!;
        const dispatch: Desk['dispatch'] = (channel, input) => desk.dispatch(channel, input, pageCaller(host));
        const dispatchAsync: Desk['dispatchAsync'] = (channel, input) => desk.dispatchAsync(channel, input, pageCaller(host));
        // The typed calls go as the page's person too, not as the desk's own seat.
        const asPage: Desk = { ...desk, dispatch, dispatchAsync, ...typedCalls(dispatch, dispatchAsync) };
        return asPage;
      },
      host,
      seeder: openSeeder,
      server,
      dataFolder,
    });
    await server.close();
    (seeder as Desk | null)?.close();
    host.close();
    rmSync(dataFolder, { recursive: true, force: true });
  },
});

export const E2E_PASSWORD = 'e2e pass phrase for tests';

/** The web mode's server over a front desk, on 127.0.0.1, serving the built renderer: each browser test's own. */
export function serveFrontDesk(host: FrontDesk): Promise<WebServer> {
  return startWebServer({
    dispatch: host.dispatchAsync,
    sessions: () => host.sessions,
    downloads: host.exports,
    changes: host.changes,
    rendererDir: join(process.cwd(), 'out', 'renderer'),
  });
}

/**
 * The session of the person signed in on the page: each browser is its own session, so calls made
 * through the fixture's desk go as that person. Each test has one page, so one web session.
 */
function pageCaller(host: FrontDesk): Caller {
  const sessions = host.sessions!;
  const onPages = sessions.list(sessions.now()).filter((s) => s.via === 'web');
  if (onPages.length !== 1) throw new Error(`Expected one person signed in on the page, found ${onPages.length}.`);
  return { session: sessions.byRef(onPages[0]!.ref), from: { via: 'web', address: '127.0.0.1' } };
}

async function signInOnPage(page: Page, userName: string, shown: string): Promise<void> {
  // Inside the sign-in form, found once it is on the screen: the screen signed out of may still be
  // showing, and the access record's "Person (user name)" field also answers to "User name" (a fill
  // there, with the sign-in form appearing a moment later, left its user name empty now and then).
  const form = page.getByRole('form', { name: 'Sign in' });
  await expect(form).toBeVisible();
  await form.getByLabel('User name', { exact: true }).fill(userName);
  await form.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(shown)).toBeVisible();
}

/**
 * Adds an account with this role (as the coordinator, through the desk) and signs in with it
 * through the page's own sign-in screen. Calls through the fixture's desk go as the page's
 * session, so later desk calls in the test are made as this user too.
 */
export async function signInAs(page: Page, app: DeskFixture, role: Role, userName: string = role.replace('_', '-')): Promise<void> {
  const created = app.desk.call('users:create', { userName, displayName: `E2E ${ROLE_LABELS[role]}`, role, password: E2E_PASSWORD });
  if (!created.ok) throw new Error(created.error.message);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInOnPage(page, userName, `E2E ${ROLE_LABELS[role]} · ${ROLE_LABELS[role]}`);
}

/**
 * Opens one of the case page's actions from its "What to do next" box, as a person would (each
 * action is its own page, #/escalations/<id>/<action>), and waits for the action's form.
 */
export async function openCaseAction(page: Page, link: string, form: string): Promise<Locator> {
  await page.getByRole('region', { name: 'What to do next' }).getByRole('link', { name: link, exact: true }).click();
  const opened = page.getByRole('form', { name: form });
  await expect(opened).toBeVisible();
  return opened;
}

/** axe-core over the whole page: no serious or critical violation is allowed on any screen. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual([]);
}

/**
 * Where a test's screenshot goes: an ignored folder, so a test run never changes tracked files.
 * `npm run screenshots` runs the browser tests with DESK_SCREENSHOTS_DIR=docs/screenshots to
 * refresh the pictures in the docs on purpose.
 */
export function screenshotPath(fileName: string): string {
  return join(process.env.DESK_SCREENSHOTS_DIR ?? join('test-results', 'screenshots'), fileName);
}

export { expect };
