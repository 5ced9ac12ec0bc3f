// Each role is offered what it may do (issue 16, item 3). The coordinator, the independent chair and
// the learning hub each sign in and walk every screen in the navigation, then a case and an agency:
// what each is offered and not offered is checked by role and label, and axe runs on every screen.
// What the screen offers comes from the server's own access map (test/unit/roleOffers.test.ts
// checks the two agree channel by channel); this checks the screens use it.
import type { Page } from '@playwright/test';
import type { Role } from '../../shared/domain/accounts';
import { logEscalation, seatBoard, seedBoard } from '../support/boardFixture';
import type { TestDesk } from '../support/tempStore';
import { expect, expectAccessible, signInAs, test, type DeskFixture } from './fixtures';

const EVERY_SECTION = [
  'Register',
  'Deadlines',
  'Panels',
  'Learning hub',
  'Returns',
  'Agency directory',
  'Settings',
  'Accounts',
  'Retention',
  'Backups',
  'Access record',
];
const NAVIGATION: Record<'coordinator' | 'chair' | 'learning_hub', string[]> = {
  coordinator: EVERY_SECTION,
  chair: EVERY_SECTION.filter((s) => s !== 'Backups' && s !== 'Access record'),
  learning_hub: EVERY_SECTION.filter((s) => s !== 'Backups' && s !== 'Access record'),
};

/** What each screen offers (true) or withholds (false) from a role, by role and accessible name. */
type Offer = { role: 'button' | 'link' | 'form' | 'heading' | 'region'; name: string | RegExp; to: Role[] };
const SCREENS: Record<string, Offer[]> = {
  Register: [{ role: 'link', name: 'Log an escalation', to: ['coordinator'] }],
  Deadlines: [],
  Panels: [{ role: 'region', name: /^Waiting for your decision/, to: ['chair'] }],
  'Learning hub': [],
  Returns: [
    { role: 'button', name: 'Export the quarterly return', to: ['coordinator', 'learning_hub'] },
    { role: 'button', name: 'Export template', to: ['coordinator', 'learning_hub'] },
    { role: 'form', name: 'Import a completed return', to: ['coordinator'] },
  ],
  'Agency directory': [{ role: 'heading', name: 'Add an agency', to: ['coordinator'] }],
  Settings: [
    { role: 'button', name: 'Save board details', to: ['coordinator'] },
    { role: 'button', name: /^Use this policy/, to: ['coordinator'] },
    { role: 'form', name: 'Edit a copy of the policy', to: ['coordinator'] },
    { role: 'form', name: 'Correct a timescale', to: ['coordinator'] },
    { role: 'form', name: 'Add a closure day', to: ['coordinator'] },
    { role: 'form', name: 'Add a category', to: ['coordinator'] },
    { role: 'form', name: 'Add a learning theme', to: ['coordinator'] },
    // Read-only, the settings stay readable.
    { role: 'heading', name: 'Escalation policy', to: ['coordinator', 'chair', 'learning_hub'] },
    { role: 'heading', name: 'Working-day calendar', to: ['coordinator', 'chair', 'learning_hub'] },
  ],
  Accounts: [
    { role: 'form', name: 'Change your password', to: ['coordinator', 'chair', 'learning_hub'] },
    { role: 'heading', name: 'People who can sign in', to: ['coordinator'] },
  ],
  Retention: [{ role: 'form', name: 'The board’s review period', to: ['coordinator'] }],
  Backups: [],
  'Access record': [],
};

const CASE_PAGE: Offer[] = [
  { role: 'button', name: 'Record referral', to: ['coordinator'] },
  // Each action is a link in "What to do next", opening its own page.
  { role: 'link', name: 'Record the discussion at this stage', to: ['coordinator'] },
  { role: 'link', name: 'Move up a stage', to: ['coordinator'] },
  { role: 'link', name: 'Resolve the escalation', to: ['coordinator'] },
  { role: 'link', name: 'Withdraw the escalation', to: ['coordinator'] },
  { role: 'link', name: 'Correct a detail', to: ['coordinator'] },
  { role: 'region', name: 'What to do next', to: ['coordinator', 'chair', 'learning_hub'] },
  // Everyone reads the case.
  { role: 'heading', name: 'Breaches', to: ['coordinator', 'chair', 'learning_hub'] },
  { role: 'heading', name: 'Timeline', to: ['coordinator', 'chair', 'learning_hub'] },
];

const AGENCY_PAGE: Offer[] = [
  { role: 'button', name: 'Save details', to: ['coordinator'] },
  { role: 'button', name: 'Retire agency', to: ['coordinator'] },
  { role: 'button', name: /^Mark as left/, to: ['coordinator'] },
  { role: 'form', name: 'Add an officer', to: ['coordinator'] },
  { role: 'heading', name: 'Officers', to: ['coordinator', 'chair', 'learning_hub'] },
];

async function expectOffers(page: Page, role: Role, offers: Offer[], where: string) {
  for (const o of offers) {
    const found = page.getByRole(o.role, { name: o.name, exact: typeof o.name === 'string' });
    const offered = o.to.includes(role);
    if (offered) await expect(found.first(), `${where}: ${String(o.name)} offered to the ${role}`).toBeVisible();
    else await expect(found, `${where}: ${String(o.name)} not offered to the ${role}`).toHaveCount(0);
  }
}

/** A page that is one coordinator's form, opened by its address: the coordinator gets the form; anyone else is told whose it is. */
async function expectFormOrWhose(page: Page, role: Role, hash: string, form: string, what: string) {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect(page.getByRole('heading', { name: form, level: 1 })).toBeVisible();
  if (role === 'coordinator') await expect(page.getByRole('form', { name: form })).toBeVisible();
  else {
    await expect(page.getByRole('form', { name: form })).toHaveCount(0);
    await expect(page.getByText(`${what} is for the business coordinator.`)).toBeVisible();
  }
  await expectAccessible(page);
}

function seed(app: DeskFixture): { caseId: number; agencyId: number } {
  const seeder = { ...app.seeder(), dataFolder: app.dataFolder, cleanup: () => undefined } as TestDesk;
  const board = seedBoard(seeder, 'bristol');
  seatBoard(seeder, board);
  // An immediate-risk case with no referral recorded: the case page offers "Record referral" to whoever may record it.
  const e = logEscalation(seeder, board, { reference: 'ROLE-0001', immediateRisk: true, referral: null });
  return { caseId: e.id, agencyId: board.school };
}

for (const role of ['coordinator', 'chair', 'learning_hub'] as const) {
  test(`the ${role.replace('_', ' ')} walks every screen and is offered only what the role may do`, async ({ page, app }) => {
    const { caseId, agencyId } = seed(app);
    if (role !== 'coordinator') await signInAs(page, app, role);
    else await page.reload();

    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveText(NAVIGATION[role]);
    for (const section of NAVIGATION[role]) {
      await nav.getByRole('link', { name: section, exact: true }).click();
      await expect(nav.getByRole('link', { name: section, exact: true })).toHaveAttribute('aria-current', 'page');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectOffers(page, role, SCREENS[section]!, section);
      await expectAccessible(page);
    }

    await page.evaluate((id) => (window.location.hash = `#/escalations/${id}`), caseId);
    await expect(page.getByRole('heading', { name: /ROLE-0001/, level: 1 })).toBeVisible();
    await expectOffers(page, role, CASE_PAGE, 'case page');
    await expectAccessible(page);

    // Following a link to one of the case's actions: the coordinator gets the form; anyone else is told whose it is.
    await expectFormOrWhose(page, role, `#/escalations/${caseId}/resolve`, 'Resolve the escalation', 'Resolve the escalation');

    await page.evaluate((id) => (window.location.hash = `#/agencies/${id}`), agencyId);
    await expect(page.getByRole('heading', { name: 'Hollyfield Primary School', level: 1 })).toBeVisible();
    await expectOffers(page, role, AGENCY_PAGE, 'agency page');
    await expectAccessible(page);

    // Following a link to the log form: the same.
    await expectFormOrWhose(page, role, '#/escalations/new', 'Log an escalation', 'Logging an escalation');
  });
}
