// Every screen of the app, with a board behind it to show: a case moved up to the board stage under
// Bromley's policy, the chair's decision and a planned panel. Used by the page-title and reflow walks.
import type { Page } from '@playwright/test';
import type { Channel } from '../../shared/contract';
import { todayIso } from '../../shared/domain/dates';
import { inputOnLatest, type InputOnLatest } from '../support/latest';
import { ok } from '../support/tempStore';
import { expect, signInAs, type DeskFixture } from './fixtures';

export interface Screen {
  hash: string;
  /** The screen's main heading, to know it has loaded. */
  heading: string | RegExp;
  /** A screen only the chair is offered (others are told whose it is): walked signed in as the chair. */
  asChair?: true;
}

/** Lays the board down through the trusted seeder (the coordinator's and the chair's parts) and names every screen. */
export function seedEveryScreen(app: DeskFixture): Screen[] {
  const desk = app.seeder();
  const d = <C extends Channel>(channel: C, input: InputOnLatest<C>) => ok(desk.call(channel, inputOnLatest(desk, channel, input)));
  const council = d('agencies:create', { name: 'Bromley Children’s Social Care', sector: 'childrens_social_care', statutoryPartner: true });
  const health = d('agencies:create', { name: 'Oxleas NHS Foundation Trust', sector: 'health', statutoryPartner: true });
  const police = d('agencies:create', { name: 'Metropolitan Police', sector: 'police', statutoryPartner: true });
  for (const [agency, officer] of [
    [council, 'Helen Marsh'],
    [health, 'Tom Okoro'],
    [police, 'Dana Whitfield'],
  ] as const) {
    d('memberships:add', { agencyId: agency.id, from: '2020-04-01' });
    d('officers:add', {
      agencyId: agency.id,
      name: officer,
      role: 'Director',
      email: `${officer.toLowerCase().replace(/\W+/g, '.')}@example.gov.uk`,
      senior: true,
      boardRepresentative: true,
    });
  }
  const settings = d('settings:get', {});
  d('profiles:choose', { profileId: settings.profiles.find((p) => p.key === 'bromley' && p.basedOn === null)!.id });
  const today = todayIso();
  let e = d('escalations:create', {
    reference: 'BR-2026-0042',
    childInitials: 'JK',
    raisingAgencyId: health.id,
    raisingWorkerRole: 'Health visitor',
    raisingWorkerEmail: 'ruth.adams@example.nhs.uk',
    challengedAgencyIds: [council.id],
    categoryId: settings.categories[0]!.id,
    childStatus: 'child_in_need',
    summary: 'The health visitor believes the family needs a child protection strategy discussion; social care closed the referral.',
    openedOn: today,
    immediateRisk: false,
  });
  d('escalations:recordStage', { escalationId: e.id, discussion: 'Discussed by phone.', decision: 'Not agreed.', participants: 'Sam Lee' });
  while (e.nextStages.length > 0)
    e = d('escalations:escalate', {
      escalationId: e.id,
      toStage: e.nextStages[0]!.number,
      on: today,
      reason: 'Not resolved at the stage below.',
    });
  d('chair:decide', {
    escalationId: e.id,
    route: 'resolution_panel',
    decidedOn: today,
    reasons: 'Deadlock',
    decidedBy: 'Independent chair',
  });
  const panel = d('panels:save', {
    escalationId: e.id,
    sitsOn: today,
    chairName: 'Independent chair',
    seats: [{ agencyId: police.id, officerId: null }],
  });
  return [
    { hash: '#/escalations', heading: 'Escalation register' },
    { hash: '#/escalations/new', heading: 'Log an escalation' },
    { hash: '#/escalations/import', heading: 'Import a legacy register' },
    { hash: `#/escalations/${e.id}`, heading: /BR-2026-0042/ },
    // Each action on the case is its own screen (moving up is refused in words: the case is at the board).
    { hash: `#/escalations/${e.id}/record-stage`, heading: 'Record this stage’s discussion' },
    { hash: `#/escalations/${e.id}/escalate`, heading: 'Move up a stage' },
    { hash: `#/escalations/${e.id}/resolve`, heading: 'Resolve the escalation' },
    { hash: `#/escalations/${e.id}/withdraw`, heading: 'Withdraw the escalation' },
    { hash: `#/escalations/${e.id}/correct`, heading: 'Correct a detail' },
    { hash: `#/escalations/${e.id}/redact`, heading: 'Remove a child’s identifier' },
    { hash: '#/deadlines', heading: 'Deadlines' },
    { hash: '#/panels', heading: 'Resolution panels' },
    { hash: `#/panels/${panel.id}`, heading: /Panel for BR-2026-0042/ },
    { hash: `#/panels/${panel.id}/pack`, heading: /BR-2026-0042/ },
    { hash: '#/dashboard', heading: 'Learning hub' },
    { hash: '#/returns', heading: 'Quarterly returns' },
    { hash: '#/agencies', heading: 'Agency directory' },
    { hash: `#/agencies/${police.id}`, heading: 'Metropolitan Police' },
    { hash: '#/settings', heading: 'Board settings' },
    { hash: '#/accounts', heading: 'Accounts' },
    { hash: '#/retention', heading: 'Retention review' },
    { hash: '#/backups', heading: 'Backups' },
    { hash: '#/access', heading: 'Access record' },
    // Last: the walk signs in as the chair for these and stays so.
    { hash: `#/escalations/${e.id}/decide`, heading: 'Chair’s decision', asChair: true },
    { hash: `#/panels/new/${e.id}`, heading: 'Plan a resolution panel: BR-2026-0042', asChair: true },
  ];
}

/** Visits each screen in turn (signing in as the chair for the chair's own), calling `each` on it. */
export async function walkScreens(page: Page, app: DeskFixture, screens: Screen[], each: (screen: Screen) => Promise<void>): Promise<void> {
  let asChair = false;
  for (const screen of screens) {
    if (screen.asChair && !asChair) {
      await signInAs(page, app, 'chair');
      asChair = true;
    }
    await visit(page, screen);
    await each(screen);
  }
}

/** Opens a screen by its address, as a bookmark or a link would, and waits for its heading. */
export async function visit(page: Page, screen: Screen): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), screen.hash);
  await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible();
}
