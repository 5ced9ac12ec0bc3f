// Closing needs the chair (issue 16, item 4), with the coordinator and the chair each in a browser
// of their own against one server. The coordinator asks for sign-off on a resolved case with an
// action still open (listed, and acknowledged before asking); the chair finds the request on their
// Panels screen, declines with a reason, which the coordinator's open page shows; asked again, the
// chair signs off and the case closes on both screens, under the chair's account. Nobody reloads.
import { logEscalation, seedBoard } from '../support/boardFixture';
import { inputOnLatest } from '../support/latest';
import { ok, type TestDesk } from '../support/tempStore';
import { E2E_PASSWORD, expect, expectAccessible, test } from './fixtures';

test('the coordinator asks, the chair declines then signs off in the app, and open actions are shown first', async ({
  page,
  app,
  browser,
}) => {
  const seeder = { ...app.seeder(), dataFolder: app.dataFolder, cleanup: () => undefined } as TestDesk;
  const board = seedBoard(seeder, 'bristol');
  const logged = logEscalation(seeder, board, { reference: 'SIGN-0001' });
  ok(
    seeder.call(
      'escalations:resolve',
      inputOnLatest(seeder, 'escalations:resolve', {
        escalationId: logged.id,
        resolvedOn: '2026-11-20',
        statement: 'Social care will reassess within 10 working days.',
        effect: 'changed',
        agreedBy: 'Hollyfield Primary School and Bristol City Council',
        actions: [{ description: 'Reassessment', owner: 'Team manager, Bristol City Council', dueOn: '2026-12-11' }],
        themeIds: [],
        policyGap: false,
        policyGapNote: '',
      }),
    ),
  );
  ok(app.desk.call('users:create', { userName: 'pchair', displayName: 'Pat Chair', role: 'chair', password: E2E_PASSWORD }));

  // The coordinator opens the case: the chair has an account, so the coordinator asks rather than types a name.
  const coordinator = page;
  await coordinator.evaluate((id) => (window.location.hash = `#/escalations/${id}`), logged.id);
  const section = coordinator.getByRole('region', { name: 'Chair’s sign-off' });
  await expect(section).toBeVisible();
  await expect(coordinator.getByLabel('Chair’s name')).toHaveCount(0);
  const ask = section.getByRole('form', { name: 'Ask the chair to sign off' });
  await expect(ask.getByRole('list', { name: 'Consequent actions still open' })).toHaveText(
    'Reassessment (Team manager, Bristol City Council, due 11 Dec 2026)',
  );
  await expectAccessible(coordinator);
  // Asking without saying the open action is known: refused, in words that list it.
  await ask.getByRole('button', { name: 'Ask the chair to sign off' }).click();
  await expect(section.getByRole('alert')).toContainText('One consequent action is still open on SIGN-0001: Reassessment');
  await ask.getByLabel('Note to the chair (optional)').fill('Agreed at the November meeting.');
  await ask.getByLabel('Close with this action still open').check();
  await ask.getByRole('button', { name: 'Ask the chair to sign off' }).click();
  await expect(section.getByRole('status')).toContainText('Asked the chair to sign off');

  // The chair, in a browser of their own, finds the request on their Panels screen.
  const chairContext = await browser.newContext();
  const chair = await chairContext.newPage();
  await chair.goto(app.server.url);
  await chair.getByLabel('User name').fill('pchair');
  await chair.getByLabel('Password').fill(E2E_PASSWORD);
  await chair.getByRole('button', { name: 'Sign in' }).click();
  await expect(chair.getByText('Pat Chair · Independent chair')).toBeVisible();
  await chair.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Panels' }).click();
  const waiting = chair.getByRole('region', { name: /Waiting for your sign-off/ });
  await expect(waiting).toContainText('1 action still open');
  await expect(waiting).toContainText('Agreed at the November meeting.');
  await expectAccessible(chair);
  await waiting.getByRole('link', { name: 'Sign off SIGN-0001' }).click();

  // The chair declines, saying why; the coordinator's open page shows it.
  const chairSection = chair.getByRole('region', { name: 'Chair’s sign-off' });
  await expect(chairSection).toContainText('E2E Coordinator (coordinator) asked you to sign off');
  await expect(chairSection).toContainText('Their note: Agreed at the November meeting.');
  await expectAccessible(chair);
  const decline = chairSection.getByRole('form', { name: 'Decline to sign off' });
  await decline.getByLabel('Why you do not sign it off').fill('The reassessment date is not yet agreed with the school.');
  await decline.getByRole('button', { name: 'Decline to sign off' }).click();
  await expect(chair.getByRole('status').filter({ hasText: 'You declined to sign off' })).toBeVisible();
  await expect(section).toContainText('Pat Chair (pchair) declined to sign off');
  await expect(section).toContainText('The reassessment date is not yet agreed with the school.');

  // Asked again, the chair's open page offers the sign-off; the open action must be acknowledged.
  await ask.getByLabel('Close with this action still open').check();
  await ask.getByRole('button', { name: 'Ask the chair to sign off' }).click();
  const sign = chairSection.getByRole('form', { name: 'Sign off the case' });
  await expect(sign.getByRole('list', { name: 'Consequent actions still open' })).toContainText('Reassessment');
  await sign.getByLabel('Close with this action still open').check();
  await sign.getByRole('button', { name: 'Sign off and close' }).click();
  await expect(chair.getByRole('status').filter({ hasText: 'You signed off SIGN-0001: it is closed.' })).toBeVisible();

  // Closed on both screens, signed off by the chair's account.
  for (const p of [chair, coordinator]) {
    await expect(p.locator('.case-header')).toContainText('Closed');
    await expect(p.getByRole('region', { name: 'Outcome' })).toContainText('signed off by Pat Chair (in the app, by the chair’s account)');
  }
  await expectAccessible(coordinator);
  await chair.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Panels' }).click();
  await expect(chair.getByRole('region', { name: /Waiting for your sign-off/ })).toContainText('No case is waiting for your sign-off.');
  await chairContext.close();
});
