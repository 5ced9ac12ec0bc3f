// DOMAIN rule 1 judged by the referral's date (issue 16, item 1): a referral later than the same
// working day as the case's opening is a breach, an unknown date is counted as unknown (never as
// compliant), and the case page, Deadlines, the learning hub, the return workbook and the register's
// drill-down all say the same of the same quarter.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Figure } from '../../shared/domain/dashboard';
import { referralDates } from '../../electron/db/migrations/0160-referral-dates';
import { TEST_KEY } from '../support/testKey';
import { writeBoardReturn } from '../../electron/services/returns/boardReturn';
import { exportFileName } from '../../electron/services/returns/exportFileName';
import { logEscalation, seedBoard, type Board } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

process.env.TZ = 'Europe/London';
// "Today" is Monday 23 November 2026.
const NOW = new Date('2026-11-23T10:00:00Z');
let desk: TestDesk;
afterEach(() => desk.cleanup());
function start(): Board {
  desk = openTestDesk({ now: () => NOW });
  return seedBoard(desk, 'bromley');
}
const refusal = (result: ReturnType<TestDesk['dispatch']>) => {
  expect(result.ok).toBe(false);
  return result.ok ? { message: '', problems: [] } : result.error;
};
const immediate = (board: Board, reference: string, openedOn: string, referral: { to: string; madeOn?: string | null } | null) =>
  logEscalation(desk, board, { reference, openedOn, immediateRisk: true, referral });

describe('the referral date of a child at immediate risk', () => {
  it('has no default: the coordinator enters it or says it is not known, and the refusal names the field', () => {
    const board = start();
    const missing = refusal(
      // The renderer leaves out a date not entered: the contract asks for it.
      desk.dispatch('escalations:create', { ...base(board), reference: 'R-1', immediateRisk: true, referral: { to: 'mash' } }),
    );
    expect(missing.problems).toContainEqual({
      where: 'Referral made on',
      message: 'Enter the date the referral was made, or say that it is not known',
    });
    const unknown = immediate(board, 'R-2', '2026-11-16', { to: 'mash', madeOn: null });
    expect(unknown.referral).toMatchObject({ to: 'MASH', madeOn: null, dueOn: '2026-11-16', timeliness: 'date_unknown' });
    expect(unknown.breaches.map((b) => b.kind)).toContain('referral_date_unknown');
    expect(unknown.breaches.find((b) => b.kind === 'referral_date_unknown')!.message).toMatch(/date it was made is not known/);
    expect(ok(desk.call('escalations:list', {})).total).toBe(1);
  });

  it('is refused before the date raised or after today, through the contract and the service, leaving nothing saved', () => {
    const board = start();
    const before = refusal(
      desk.call('escalations:create', { ...base(board), immediateRisk: true, referral: { to: 'mash', madeOn: '2026-11-13' } }),
    );
    expect(before.problems).toContainEqual({
      where: 'Referral made on',
      message: 'The referral cannot have been made before the date the escalation was raised',
    });
    const future = refusal(
      desk.call('escalations:create', { ...base(board), immediateRisk: true, referral: { to: 'mash', madeOn: '2026-11-24' } }),
    );
    expect(future.message).toMatch(/The referral is dated 24 Nov 2026, after today \(23 Nov 2026\)/);
    expect(future.problems).toEqual([{ where: 'Referral made on', message: 'Cannot be in the future' }]);
    expect(ok(desk.call('escalations:list', {})).total).toBe(0);

    // Recorded later on the case page: the same refusals, then the date of one not known is filled in.
    const e = immediate(board, 'R-3', '2026-11-16', null);
    const early = refusal(onLatest(desk, 'escalations:recordReferral', { escalationId: e.id, to: 'police', madeOn: '2026-11-13' }));
    expect(early.problems).toEqual([{ where: 'Referral made on', message: 'Must be on or after 2026-11-16' }]);
    const late = refusal(onLatest(desk, 'escalations:recordReferral', { escalationId: e.id, to: 'police', madeOn: '2026-11-25' }));
    expect(late.problems).toEqual([{ where: 'Referral made on', message: 'Cannot be in the future' }]);
    const undated = ok(onLatest(desk, 'escalations:recordReferral', { escalationId: e.id, to: 'police', madeOn: null }));
    expect(undated.referral).toMatchObject({ to: 'Police', madeOn: null, timeliness: 'date_unknown' });
    const dated = ok(onLatest(desk, 'escalations:recordReferral', { escalationId: e.id, to: 'police', madeOn: '2026-11-17' }));
    expect(dated.referral).toMatchObject({ madeOn: '2026-11-17', timeliness: 'late' });
    expect(
      refusal(onLatest(desk, 'escalations:recordReferral', { escalationId: e.id, to: 'police', madeOn: '2026-11-16' })).message,
    ).toMatch(/already recorded on 17 Nov 2026/);
  });

  it('made later than the same working day is a breach on the case and on Deadlines', () => {
    const board = start();
    // Friday 28 August 2026, then the bank holiday: referred on Tuesday 1 September, two working days late.
    const e = immediate(board, 'LATE-1', '2026-08-28', { to: 'mash', madeOn: '2026-09-01' });
    expect(e.referral).toMatchObject({ madeOn: '2026-09-01', dueOn: '2026-08-28', timeliness: 'late' });
    expect(e.breaches.find((b) => b.kind === 'referral_late')!.message).toBe(
      'The child is at immediate risk but the referral was not made the same working day (by 28 Aug 2026): it was made on 1 Sept 2026.',
    );
    // Opened on a Saturday: the same working day is the Monday.
    const weekend = immediate(board, 'ON-1', '2026-11-21', { to: 'mash', madeOn: '2026-11-23' });
    expect(weekend.referral!.timeliness).toBe('on_time');
    const deadlines = ok(desk.call('escalations:overdue', {}));
    const late = deadlines.breaches.find((b) => b.reference === 'LATE-1')!;
    expect(late.breaches.map((b) => b.kind)).toContain('referral_late');
    expect(deadlines.breaches.find((b) => b.reference === 'ON-1')?.breaches.map((b) => b.kind) ?? []).not.toContain('referral_late');
  });
});

describe('a quarter of immediate-risk referrals late, unknown, missing and on time', () => {
  it('gives the same count of each on the learning hub, in the return workbook and in the drill-down', async () => {
    const board = start();
    const specs: { ref: string; openedOn: string; referral: { to: string; madeOn: string | null } | null; steps: string[] }[] = [
      { ref: 'ON-1', openedOn: '2026-07-06', referral: { to: 'mash', madeOn: '2026-07-06' }, steps: ['2026-07-06'] },
      // Saturday 11 July: referred and escalated on Monday 13 July, the same working day.
      { ref: 'ON-2', openedOn: '2026-07-11', referral: { to: 'police', madeOn: '2026-07-13' }, steps: ['2026-07-13'] },
      // Referred on time but escalated two days late: not compliant, not a late referral.
      { ref: 'ON-3', openedOn: '2026-07-20', referral: { to: 'mash', madeOn: '2026-07-20' }, steps: ['2026-07-22'] },
      { ref: 'LATE-1', openedOn: '2026-07-14', referral: { to: 'mash', madeOn: '2026-07-16' }, steps: ['2026-07-14'] },
      { ref: 'LATE-2', openedOn: '2026-08-28', referral: { to: 'first_response', madeOn: '2026-09-01' }, steps: ['2026-08-28'] },
      { ref: 'UNK-1', openedOn: '2026-09-02', referral: { to: 'mash', madeOn: null }, steps: ['2026-09-02'] },
      { ref: 'UNK-2', openedOn: '2026-09-03', referral: { to: 'police', madeOn: null }, steps: ['2026-09-03'] },
      { ref: 'NONE-1', openedOn: '2026-09-10', referral: null, steps: ['2026-09-10'] },
    ];
    for (const s of specs) {
      const e = immediate(board, s.ref, s.openedOn, s.referral);
      s.steps.forEach((on, i) => ok(onLatest(desk, 'escalations:escalate', { escalationId: e.id, toStage: i + 2, on, reason: 'Urgent' })));
    }
    logEscalation(desk, board, { reference: 'PLAIN-1', openedOn: '2026-07-07' }); // not at immediate risk
    immediate(board, 'NEXT-Q', '2026-10-05', { to: 'mash', madeOn: '2026-10-09' }); // late, but in the next quarter
    // An agency's return reports its immediate-risk case in outline, with no referral date: it is
    // an immediate-risk case, but never counted as compliant (nor as a breach the board could judge).
    const profileId = (desk.store.writer.prepare("SELECT id FROM policy_profile WHERE key = 'bromley' LIMIT 1").get() as { id: number }).id;
    desk.store.writer
      .prepare(
        `INSERT INTO escalation (reference, reference_key, child_initials, origin, profile_id, raising_agency_id, raising_worker_role, category_id, child_status, summary,
           opened_on, immediate_risk, status, first_stage, highest_stage, created_at)
         VALUES ('AR-1', 'AR-1', 'CD', 'agency_return', ?, ?, 'From the agency return', ?, 'none', '', '2026-08-05', 1, 'open', 1, 1, '2026-10-05T09:00:00Z')`,
      )
      .run(profileId, board.police, board.categoryId);

    const expected: Partial<Record<Figure, string[]>> = {
      immediate_risk: ['AR-1', 'LATE-1', 'LATE-2', 'NONE-1', 'ON-1', 'ON-2', 'ON-3', 'UNK-1', 'UNK-2'],
      referral_on_time: ['ON-1', 'ON-2', 'ON-3'],
      referral_late: ['LATE-1', 'LATE-2'],
      referral_date_unknown: ['UNK-1', 'UNK-2'],
      referral_missing: ['NONE-1'],
      same_day_compliant: ['ON-1', 'ON-2'],
      immediate_risk_breach: ['LATE-1', 'LATE-2', 'NONE-1', 'ON-3', 'UNK-1', 'UNK-2'],
    };
    const quarter = '2026-Q2';

    // The drill-down: the register filtered exactly as the dashboard's links ask.
    for (const [figure, refs] of Object.entries(expected)) {
      const listed = ok(desk.call('escalations:list', { drill: { figure: figure as Figure, quarter }, limit: 500 }));
      expect(listed.rows.map((r) => r.reference).sort(), figure).toEqual(refs);
      expect(listed.total, figure).toBe(refs.length);
    }

    // The learning hub.
    const d = ok(desk.call('dashboard:quarter', { quarter }));
    expect(d.immediateRisk).toEqual({
      cases: 9,
      boardCases: 8,
      compliant: 2,
      breaches: 6,
      referral: { onTime: 3, late: 2, dateUnknown: 2, missing: 1 },
      compliantShare: 2 / 8,
    });
    expect(d.headlines.find((h) => h.figure === 'immediate_risk')!.value).toEqual({ board: 8, agencyInternal: 1, total: 9 });

    // The return workbook, written and read back.
    const file = join(desk.dataFolder, exportFileName('board-return', quarter));
    await writeBoardReturn(desk.store.reader, { now: NOW, quarter, file, appVersion: '1.0.0' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    for (const name of ['Summary', 'Timeliness']) {
      const ws = workbook.getWorksheet(name)!;
      const row = (label: string) => {
        for (let r = 1; r <= ws.rowCount; r += 1)
          if (ws.getRow(r).getCell(1).value === label) return (ws.getRow(r).values as unknown[]).slice(1);
        throw new Error(`no row “${label}” on ${name}`);
      };
      const labels: Partial<Record<Figure, string>> = {
        immediate_risk: 'Immediate-risk cases',
        referral_on_time: 'Immediate-risk cases referred the same working day',
        referral_late: 'Immediate-risk cases referred later than the same working day',
        referral_date_unknown: 'Immediate-risk cases whose referral date is not known',
        referral_missing: 'Immediate-risk cases with no referral recorded',
        same_day_compliant: 'Immediate-risk cases referred and escalated the same working day',
        immediate_risk_breach: 'Immediate-risk cases not referred or escalated the same working day',
      };
      for (const [figure, label] of Object.entries(labels))
        expect(row(label)[1], `${name}: ${figure}`).toBe(expected[figure as Figure]!.length);
      const share = row('Same-day compliance for the board’s immediate-risk cases (share)');
      expect(share[1], name).toBe(2 / 8);
    }
  });
});

describe('migration 0160 on referrals recorded before dates stopped defaulting', () => {
  it('keeps a typed date, and makes a date equal to the day it was recorded unknown, keeping it to be confirmed', () => {
    const board = start();
    // Logged today (23 November) with the form's default of today: cannot be known to be right.
    const defaulted = immediate(board, 'DEF-1', '2026-11-20', { to: 'mash', madeOn: '2026-11-23' });
    // A date that differs from the day of recording was typed in.
    const typed = immediate(board, 'TYP-1', '2026-11-20', { to: 'police', madeOn: '2026-11-20' });
    // Recorded on the case page today with that form's default of today.
    const later = immediate(board, 'REC-1', '2026-11-19', null);
    ok(onLatest(desk, 'escalations:recordReferral', { escalationId: later.id, to: 'mash', madeOn: '2026-11-23' }));
    // The store as it was before the step.
    const w = desk.store.writer;
    w.exec(`DROP INDEX escalation_immediate_risk;
      ALTER TABLE escalation DROP COLUMN referral_due_on;
      ALTER TABLE escalation DROP COLUMN referral_unconfirmed_on;
      CREATE INDEX escalation_immediate_risk ON escalation(opened_on, origin, referral_made_on, same_day_deadline, first_stage_ended_on) WHERE immediate_risk = 1;`);
    w.transaction(() => referralDates.up(w, { key: TEST_KEY }))();

    const get = (id: number) => ok(desk.call('escalations:get', { escalationId: id })).referral;
    expect(get(defaulted.id)).toEqual({
      to: 'MASH',
      madeOn: null,
      dueOn: '2026-11-20',
      timeliness: 'date_unknown',
      unconfirmedOn: '2026-11-23',
    });
    expect(get(typed.id)).toEqual({ to: 'Police', madeOn: '2026-11-20', dueOn: '2026-11-20', timeliness: 'on_time', unconfirmedOn: null });
    expect(get(later.id)).toMatchObject({ madeOn: null, timeliness: 'date_unknown', unconfirmedOn: '2026-11-23' });
    // The coordinator confirms a date once it is known: only then is it judged.
    const confirmed = ok(onLatest(desk, 'escalations:recordReferral', { escalationId: defaulted.id, to: 'mash', madeOn: '2026-11-20' }));
    expect(confirmed.referral).toMatchObject({ madeOn: '2026-11-20', timeliness: 'on_time' });
    const d = ok(desk.call('dashboard:quarter', { quarter: '2026-Q3' }));
    expect(d.immediateRisk.referral).toEqual({ onTime: 2, late: 0, dateUnknown: 1, missing: 0 });
  });
});

function base(board: Board) {
  return {
    reference: 'CS-2001',
    childInitials: 'AB',
    raisingAgencyId: board.school,
    raisingWorkerRole: 'Designated safeguarding lead',
    challengedAgencyIds: [board.council],
    categoryId: board.categoryId,
    childStatus: 'child_in_need' as const,
    summary: 'The school believes the threshold decision leaves the child without a plan.',
    openedOn: '2026-11-16',
    immediateRisk: false,
  };
}
