// The panel pack on paper: printed by Chromium to PDF (page.pdf(), the engine the desktop app and
// most boards' browsers print with) and read back with poppler's pdftotext, so the test sees each
// page as members do: the protective marking at the top and foot of every page, the page numbers,
// and the decision section, left to complete at the meeting or filled in once the panel decided.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PROTECTIVE_MARKING } from '../../shared/domain/marking';
import { DECISION_TO_COMPLETE } from '../../electron/services/panels/pack';
import { logEscalation, seatBoard, seedBoard, escalateToTop } from '../support/boardFixture';
import { onLatest } from '../support/latest';
import { ok, tempFolder, type TestDesk } from '../support/tempStore';
import { expect, expectAccessible, test, type DeskFixture } from './fixtures';

const poppler = spawnSync('sh', ['-c', 'command -v pdftotext']).status === 0;

/** A case at the board stage with a valid panel planned and many representations: a pack of several pages. */
function plannedPanel(app: DeskFixture) {
  // The seeder is the board's trusted in-process caller; the db fixtures take any desk.
  const desk = app.seeder() as unknown as TestDesk;
  const board = seedBoard(desk, 'bromley');
  const officers = seatBoard(desk, board);
  const e = escalateToTop(desk, logEscalation(desk, board, { reference: 'PK-2026-0007', openedOn: '2026-11-02' }), '2026-11-16');
  ok(
    onLatest(desk, 'chair:decide', {
      escalationId: e.id,
      route: 'resolution_panel',
      decidedOn: '2026-11-18',
      reasons: 'Senior managers could not agree.',
      decidedBy: 'Independent chair',
    }),
  );
  const seats = [
    { agencyId: board.school, officerId: officers.school },
    { agencyId: board.police, officerId: officers.police },
    { agencyId: board.council, officerId: officers.council },
  ];
  const panel = ok(onLatest(desk, 'panels:save', { escalationId: e.id, sitsOn: '2026-11-20', chairName: 'Independent chair', seats }));
  for (let i = 1; i <= 24; i += 1)
    ok(
      onLatest(desk, 'panels:addRepresentation', {
        panelId: panel.id,
        fromAgencyId: board.school,
        fromPerson: `Designated safeguarding lead ${i}`,
        receivedOn: '2026-11-19',
        summary:
          'The school has seen the child arrive hungry on most mornings this term, and the plan agreed in October has not been reviewed. ' +
          'It asks the panel to direct a review of the threshold decision and a strategy discussion within two working days.',
      }),
    );
  return { desk, panelId: panel.id };
}

/** The pack as printed: one text per page. */
async function printPack(page: Page): Promise<string[]> {
  const folder = tempFolder('pack-pdf-');
  try {
    const file = join(folder, 'pack.pdf');
    // The pack's own @page rules (size, margins, the marking in the margin boxes) decide the layout.
    writeFileSync(file, await page.pdf({ preferCSSPageSize: true, format: 'A4' }));
    const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    return run.stdout.split('\f').filter((text, i, all) => i < all.length - 1 || text.trim() !== '');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function expectMarkedPages(pages: string[]): void {
  expect(pages.length).toBeGreaterThanOrEqual(2);
  pages.forEach((text, i) => {
    expect(text.split(PROTECTIVE_MARKING).length - 1, `page ${i + 1} of ${pages.length}`).toBeGreaterThanOrEqual(2);
    expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
  });
}

test.skip(!poppler, 'needs poppler-utils (pdftotext): apt-get install -y poppler-utils');

test('the panel pack prints OFFICIAL-SENSITIVE on every page and a decision section to complete, then the decision as recorded', async ({
  page,
  app,
}) => {
  const { desk, panelId } = plannedPanel(app);
  await page.evaluate((h) => (window.location.hash = h), `#/panels/${panelId}/pack`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('resolution panel pack, case PK-2026-0007');
  const decision = page.getByRole('region', { name: 'The panel’s decision' });
  await expect(decision).toContainText('Not yet decided: complete at the meeting.');
  // Each heading of the decision with an empty box to write in.
  await expect(decision.getByRole('term')).toHaveText(DECISION_TO_COMPLETE);
  await expect(decision.getByRole('definition')).toHaveText(DECISION_TO_COMPLETE.map(() => 'To complete at the meeting'));
  await expect(page.locator('.pack__notice')).toContainText(PROTECTIVE_MARKING);
  await expectAccessible(page);

  const planned = await printPack(page);
  expectMarkedPages(planned);
  expect(planned.join('\n')).toContain('Not yet decided: complete at the meeting.');
  expect(planned.join('\n')).toContain('Written statement of outcome');

  ok(
    onLatest(desk, 'panels:recordDecision', {
      panelId,
      decidedOn: '2026-11-20',
      decision: 'A strategy discussion is needed.',
      statement: 'Social care will hold a strategy discussion within two working days.',
      effect: 'changed',
      agreedBy: 'All three agencies',
    }),
  );
  await page.reload();
  await expect(decision).toContainText('Decided on 20 Nov 2026: A strategy discussion is needed.');
  await expect(decision).toContainText('Outcome: Original decision changed.');
  await expect(decision.getByRole('term')).toHaveCount(0);
  await expectAccessible(page);
  const decided = await printPack(page);
  expectMarkedPages(decided);
  expect(decided.join(' ').replace(/\s+/g, ' ')).toContain('Social care will hold a strategy discussion within two working days.');
});
