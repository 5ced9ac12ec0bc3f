// The return's figures are gathered in fewer passes than one per figure (the dashboard's headlines
// as it shows them, the notification figures of both quarters in one pass over the origin index):
// each line must still be what the figure's own predicate counts on its own, split by origin,
// here on a board with notified cases in both quarters, at the board and from an agency's return.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillSchema, FIGURES, type Figure } from '../../shared/domain/dashboard';
import { quarterFromKey } from '../../shared/domain/quarter';
import { DashboardQueries } from '../../electron/services/dashboard/dashboard';
import { returnFigures, type ReturnFigures } from '../../electron/services/returns/boardReturnFigures';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { onLatest } from '../support/latest';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';

const NOW = new Date('2026-11-23T10:00:00Z');
const QUARTER = quarterFromKey('2026-Q2', 4);
const PREVIOUS = quarterFromKey('2026-Q1', 4);

let desk: TestDesk;
let figures: ReturnFigures;

beforeAll(() => {
  desk = openTestDesk({ now: () => NOW });
  const board = seedBoard(desk, 'bromley');
  const cases: [string, string, string][] = [
    ['N-01', '2026-05-04', 'child_protection_plan'],
    ['N-02', '2026-06-22', 'looked_after'],
    ['N-03', '2026-07-06', 'child_protection_plan'],
    ['N-04', '2026-08-17', 'looked_after'],
    ['N-05', '2026-09-29', 'child_protection_plan'],
    ['N-06', '2026-09-30', 'child_in_need'],
  ];
  for (const [reference, openedOn, childStatus] of cases) {
    const e = logEscalation(desk, board, { reference, openedOn, childStatus });
    // Some notifications made by the quarter's end, one after it; the rest still outstanding.
    const madeOn = { 'N-02': '2026-06-23', 'N-03': '2026-07-07', 'N-04': '2026-10-02' }[reference];
    const detail = ok(desk.call('escalations:get', { escalationId: e.id }));
    if (madeOn && detail.notifications[0])
      ok(
        onLatest(desk, 'escalations:recordNotification', {
          notificationId: detail.notifications[0].id,
          madeOn,
          madeBy: 'Coordinator',
          method: 'email',
        }),
      );
  }
  // An agency-internal case with a notification on record, so the split has two sides.
  const w = desk.store.writer;
  const profileId = (w.prepare("SELECT id FROM policy_profile WHERE key = 'bromley' ORDER BY version LIMIT 1").get() as { id: number }).id;
  const id = Number(
    w
      .prepare(
        `INSERT INTO escalation (reference, reference_key, child_initials, origin, profile_id, raising_agency_id, raising_worker_role, category_id, child_status, summary,
           opened_on, immediate_risk, status, first_stage, highest_stage, created_at)
         VALUES ('AR-1', 'AR-1', 'CD', 'agency_return', ?, ?, 'From the agency return', ?, 'none', '', '2026-08-05', 0, 'open', 1, 1, '2026-08-05')`,
      )
      .run(profileId, board.police, board.categoryId).lastInsertRowid,
  );
  w.prepare("INSERT INTO notification (escalation_id, kind, required_since) VALUES (?, 'board_manager', '2026-08-05')").run(id);
  figures = returnFigures({ db: desk.store.reader, now: NOW }, QUARTER.key);
});
afterAll(() => desk.cleanup());

describe('the return’s figures', () => {
  it('are each what the figure’s own predicate counts, split by origin, beside the previous quarter', () => {
    const queries = new DashboardQueries({ db: desk.store.reader, now: NOW }, '2026-11-23');
    const drill = (figure: Figure, key: string) => drillSchema.parse({ figure, quarter: key });
    for (const figure of Object.keys(FIGURES) as Figure[]) {
      const line = figures.lines.find((l) => l.key === figure)!;
      const split = queries.split(drill(figure, QUARTER.key), QUARTER);
      expect([line.value, line.board, line.agencyInternal, line.previous], figure).toEqual([
        split.total,
        split.board,
        split.agencyInternal,
        queries.count(drill(figure, PREVIOUS.key), PREVIOUS),
      ]);
    }
    const line = (key: string) => figures.lines.find((l) => l.key === key)!;
    expect([line('notification_required').board, line('notification_required').agencyInternal]).toEqual([3, 1]);
    expect(line('notification_missing').value).toBeGreaterThan(0);
    expect(line('notification_required').previous).toBe(2);
  });

  it('count the quarter’s notifications required and made by the origin of their case', () => {
    const rows = desk.store.reader
      .prepare(
        `SELECT e.origin AS origin, count(*) AS required, sum(n.made_on IS NOT NULL AND n.made_on <= @to) AS made
         FROM notification n JOIN escalation e ON e.id = n.escalation_id WHERE n.required_since BETWEEN @from AND @to GROUP BY e.origin`,
      )
      .all({ from: QUARTER.from, to: QUARTER.to }) as { origin: string; required: number; made: number }[];
    const of = (origin: string) => rows.find((r) => r.origin === origin) ?? { required: 0, made: 0 };
    const line = (key: string) => figures.lines.find((l) => l.key === key)!;
    expect([line('notifications_required').board, line('notifications_required').agencyInternal]).toEqual([
      of('board').required,
      of('agency_return').required,
    ]);
    expect([line('notifications_made').board, line('notifications_made').agencyInternal]).toEqual([
      of('board').made,
      of('agency_return').made,
    ]);
    expect(of('agency_return').required).toBe(1);
    expect(of('board').made).toBe(1);
  });
});
