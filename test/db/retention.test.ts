// Retention, not silent deletion: cases closed longer ago than the board's review period are listed
// for review; a deletion is one deliberate, confirmed, transactional act by a named person with a
// reason, recorded in the audit trail; every refusal leaves the database byte-for-byte as it was.
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import type { EscalationDetail } from '../../shared/domain/escalation';
import { reviewCutoff, reviewDueOn } from '../../shared/domain/retention';
import { auditFor, verifyAuditChain } from '../../electron/services/audit';
import { CASE_ROW_DELETIONS, REVIEW_PAGE_SQL } from '../../electron/services/retention';
import { logEscalation, seatBoard, seedBoard, type Board } from '../support/boardFixture';
import { dbFingerprint } from '../support/dbFingerprint';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest, dispatchOnLatest } from '../support/latest';
import { openTestDb, TEST_KEY } from '../support/testKey';
import { decryptedPages } from '../support/decryptedPages';

let desk: TestDesk;
let board: Board;
let officers: Record<'police' | 'school' | 'health' | 'council', number>;
afterEach(() => {
  // The first tests are pure rules and open no desk.
  desk?.cleanup();
  desk = undefined as never;
});

function setUp(actor = 'Sam Coordinator') {
  desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z'), actor });
  board = seedBoard(desk, 'bromley');
  officers = seatBoard(desk, board);
}

const review = (input: { offset?: number; limit?: number } = {}) => ok(desk.call('retention:review', input));

function log(reference: string, openedOn: string, overrides: Record<string, unknown> = {}): EscalationDetail {
  return logEscalation(desk, board, { reference, openedOn, ...overrides });
}
function resolve(id: number, on: string, extra: Record<string, unknown> = {}) {
  return ok(
    onLatest(desk, 'escalations:resolve', {
      escalationId: id,
      resolvedOn: on,
      statement: 'The agencies agreed a plan.',
      effect: 'changed',
      agreedBy: 'School and council',
      ...extra,
    }),
  );
}
const close = (id: number, on: string) =>
  ok(onLatest(desk, 'escalations:close', { escalationId: id, on, chairName: 'Independent chair', how: 'meeting', openActionsNoted: true }));
const withdraw = (id: number, on: string) =>
  ok(onLatest(desk, 'escalations:withdraw', { escalationId: id, on, reason: 'The worker no longer pursues it.' }));

function closedCase(reference: string, openedOn: string, resolvedOn: string, closedOn: string): number {
  const e = log(reference, openedOn);
  resolve(e.id, resolvedOn);
  close(e.id, closedOn);
  return e.id;
}

/** Up the ladder to the chair, a panel with seats and a representation: every kind of row a case can have. */
function caseAtPanel(reference: string, openedOn: string, decidedOn: string, sitsOn: string): { id: number; panelId: number } {
  const e = log(reference, openedOn, { childStatus: 'child_protection_plan' });
  let detail = e;
  while (detail.nextStages.length > 0)
    detail = ok(
      onLatest(desk, 'escalations:escalate', {
        escalationId: e.id,
        toStage: detail.nextStages[0]!.number,
        on: openedOn,
        reason: 'Not resolved',
      }),
    );
  ok(
    onLatest(desk, 'chair:decide', {
      escalationId: e.id,
      route: 'resolution_panel',
      decidedOn,
      reasons: 'Deadlock between senior managers.',
      decidedBy: 'Independent chair',
    }),
  );
  const seats = [
    { agencyId: board.school, officerId: officers.school },
    { agencyId: board.council, officerId: officers.council },
    { agencyId: board.police, officerId: officers.police },
  ];
  const panel = ok(onLatest(desk, 'panels:save', { escalationId: e.id, sitsOn, chairName: 'Independent chair', seats }));
  ok(
    onLatest(desk, 'panels:addRepresentation', {
      panelId: panel.id,
      fromAgencyId: board.school,
      fromPerson: 'Designated safeguarding lead',
      receivedOn: decidedOn,
      summary: 'A plan is needed now.',
    }),
  );
  return { id: e.id, panelId: panel.id };
}

const rowsOf = (db: Database.Database, sql: string, id: number) => (db.prepare(sql).get(id) as { n: number }).n;

describe('the review period', () => {
  it('works out the anniversary and the cutoff, with 29 February handled both ways', () => {
    expect(reviewDueOn('2020-03-10', 6)).toBe('2026-03-10');
    expect(reviewDueOn('2020-02-29', 6)).toBe('2026-03-01');
    expect(reviewCutoff('2026-11-23', 6)).toBe('2020-11-23');
    expect(reviewCutoff('2028-02-29', 6)).toBe('2022-02-28');
    // Consistent: a case is due on `today` exactly when its anniversary is on or before today.
    for (const closedOn of ['2020-02-28', '2020-02-29', '2020-03-01']) {
      for (const today of ['2026-02-28', '2026-03-01', '2026-03-02'])
        expect(closedOn <= reviewCutoff(today, 6)).toBe(reviewDueOn(closedOn, 6) <= today);
    }
  });

  it('is a board setting (6 years unless changed), and changing it is audited', () => {
    setUp();
    expect(review().reviewYears).toBe(6);
    expect(review().cutoff).toBe('2020-11-23');
    expect(ok(onLatest(desk, 'retention:setPeriod', { years: 7 }))).toEqual({ reviewYears: 7 });
    expect(review()).toMatchObject({ reviewYears: 7, cutoff: '2019-11-23' });
    const entry = desk.store.reader
      .prepare("SELECT actor, before_json, after_json FROM audit_entry WHERE action = 'retention.reviewPeriod'")
      .get();
    expect(entry).toEqual({ actor: 'Sam Coordinator', before_json: '{"reviewYears":6}', after_json: '{"reviewYears":7}' });
    const before = dbFingerprint(desk.store.file);
    for (const years of [0, -1, 2.5, 101, '6'])
      expect(dispatchOnLatest(desk, 'retention:setPeriod', { years })).toMatchObject({ ok: false });
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });
});

describe('the retention review list', () => {
  it('lists cases closed or withdrawn longer ago than the period, oldest first, and says why any cannot be deleted yet', () => {
    setUp();
    const closed2019 = closedCase('OLD-CLOSED', '2019-01-07', '2019-02-04', '2019-03-01');
    const withdrawn2018 = log('OLD-WITHDRAWN', '2018-05-14');
    withdraw(withdrawn2018.id, '2018-06-01');
    const unsigned = log('OLD-UNSIGNED', '2019-04-01');
    resolve(unsigned.id, '2019-05-01');
    const onPanel = caseAtPanel('OLD-PANEL', '2020-02-03', '2020-02-10', '2020-03-02');
    withdraw(onPanel.id, '2020-02-20');
    closedCase('RECENT', '2024-01-08', '2024-02-05', '2024-03-01');
    log('STILL-OPEN', '2018-01-08');
    // Closed by the chair inside the period, though it ended before it: the sign-off counts.
    closedCase('SIGNED-LATE', '2020-01-06', '2020-02-03', '2021-01-04');

    const list = review();
    expect(list.total).toBe(4);
    expect(list.rows.map((r) => [r.reference, r.status, r.closedOn, r.blockedBecause === null])).toEqual([
      ['OLD-WITHDRAWN', 'withdrawn', '2018-06-01', true],
      ['OLD-CLOSED', 'closed', '2019-03-01', true],
      ['OLD-UNSIGNED', 'resolved', '2019-05-01', false],
      ['OLD-PANEL', 'withdrawn', '2020-02-20', false],
    ]);
    expect(list.rows[1]).toMatchObject({
      escalationId: closed2019,
      childInitials: 'AB',
      raisingAgency: 'Hollyfield Primary School',
      reviewDueOn: '2025-03-01',
    });
    expect(list.rows[2]!.blockedBecause).toBe(
      'OLD-UNSIGNED was resolved on 1 May 2019 but the chair has not signed it off: the chair closes a case before it can be deleted',
    );
    expect(list.rows[3]!.blockedBecause).toBe(
      'a resolution panel is still planned for OLD-PANEL (sitting 2 Mar 2020): hold or cancel the panel first',
    );
    expect(review({ offset: 1, limit: 2 }).rows.map((r) => r.reference)).toEqual(['OLD-CLOSED', 'OLD-UNSIGNED']);

    ok(onLatest(desk, 'retention:setPeriod', { years: 1 }));
    // In the order the cases ended: SIGNED-LATE ended before OLD-PANEL, though the chair signed it off later.
    expect(review().rows.map((r) => r.reference)).toEqual([
      'OLD-WITHDRAWN',
      'OLD-CLOSED',
      'OLD-UNSIGNED',
      'SIGNED-LATE',
      'OLD-PANEL',
      'RECENT',
    ]);
  });

  it('reads one range of an index on the end date, in index order (no sort), whatever the size', () => {
    setUp();
    const plan = (
      desk.store.reader.prepare(`EXPLAIN QUERY PLAN ${REVIEW_PAGE_SQL}`).all({ cutoff: '2020-11-23', limit: 100, offset: 0 }) as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    expect(plan.find((d) => d.startsWith('SEARCH e '))).toMatch(/USING (COVERING )?INDEX \w+ \(ended_on<\?\)/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});

describe('deleting a case after review', () => {
  it('deletes every row of the case in one go and records what, when, by whom and why, with the case reference and initials only', () => {
    setUp();
    ok(onLatest(desk, 'themes:add', { name: 'Thresholds' }));
    const themeId = ok(desk.call('settings:get', {})).themes[0]!.id;
    const { id, panelId } = caseAtPanel('PANEL-2020', '2020-02-03', '2020-02-10', '2020-03-02');
    ok(
      onLatest(desk, 'panels:recordDecision', {
        panelId,
        decidedOn: '2020-03-02',
        decision: 'A plan is needed.',
        statement: 'Council to convene a strategy discussion.',
        effect: 'changed',
        agreedBy: 'All three agencies',
      }),
    );
    close(id, '2020-04-01');
    const other = closedCase('KEEP-ME', '2019-01-07', '2019-02-04', '2019-03-01');
    const withActions = log('ACTIONS-2018', '2018-03-05');
    resolve(withActions.id, '2018-04-02', {
      actions: [{ description: 'Strategy meeting', owner: 'Council', dueOn: '2018-04-16' }],
      themeIds: [themeId],
      policyGap: true,
      policyGapNote: 'Threshold guidance unclear.',
    });
    close(withActions.id, '2018-05-01');
    const otherBefore = ok(desk.call('escalations:get', { escalationId: other }));

    const db = desk.store.reader;
    const counts = (caseId: number) => ({
      stages: rowsOf(db, 'SELECT count(*) AS n FROM stage_entry WHERE escalation_id = ?', caseId),
      dueDates: rowsOf(
        db,
        'SELECT count(*) AS n FROM due_date_history WHERE stage_entry_id IN (SELECT id FROM stage_entry WHERE escalation_id = ?)',
        caseId,
      ),
      notifications: rowsOf(db, 'SELECT count(*) AS n FROM notification WHERE escalation_id = ?', caseId),
      chair: rowsOf(db, 'SELECT count(*) AS n FROM chair_decision WHERE escalation_id = ?', caseId),
      panels: rowsOf(db, 'SELECT count(*) AS n FROM panel WHERE escalation_id = ?', caseId),
      seats: rowsOf(db, 'SELECT count(*) AS n FROM panel_seat WHERE panel_id IN (SELECT id FROM panel WHERE escalation_id = ?)', caseId),
      representations: rowsOf(
        db,
        'SELECT count(*) AS n FROM panel_representation WHERE panel_id IN (SELECT id FROM panel WHERE escalation_id = ?)',
        caseId,
      ),
      outcome: rowsOf(db, 'SELECT count(*) AS n FROM outcome WHERE escalation_id = ?', caseId),
      closure: rowsOf(db, 'SELECT count(*) AS n FROM escalation_closure WHERE escalation_id = ?', caseId),
      challenged: rowsOf(db, 'SELECT count(*) AS n FROM escalation_challenged WHERE escalation_id = ?', caseId),
      escalation: rowsOf(db, 'SELECT count(*) AS n FROM escalation WHERE id = ?', caseId),
    });
    const before = counts(id);
    for (const [table, n] of Object.entries(before)) expect(n, table).toBeGreaterThan(0);

    const deletion = ok(
      onLatest(desk, 'retention:deleteCase', {
        escalationId: id,
        confirmReference: 'panel-2020',
        reason: 'Reviewed under the six-year schedule; nothing outstanding.',
      }),
    );
    expect(deletion).toEqual({
      reference: 'PANEL-2020',
      childInitials: 'AB',
      closedOn: '2020-04-01',
      reviewYears: 6,
      deletedAt: '2026-11-23T10:00:00.000Z',
      deletedBy: 'Sam Coordinator',
      reason: 'Reviewed under the six-year schedule; nothing outstanding.',
    });
    for (const [table, n] of Object.entries(counts(id))) expect(n, table).toBe(0);

    ok(
      onLatest(desk, 'retention:deleteCase', {
        escalationId: withActions.id,
        confirmReference: 'ACTIONS-2018',
        reason: 'Reviewed: the actions were done long ago.',
      }),
    );
    expect(rowsOf(db, 'SELECT count(*) AS n FROM outcome_action WHERE escalation_id = ?', withActions.id)).toBe(0);
    expect(rowsOf(db, 'SELECT count(*) AS n FROM escalation_theme WHERE escalation_id = ?', withActions.id)).toBe(0);

    // The record of the deletion: the audit trail (by whom, when, why) and the deletions list.
    const entry = auditFor(db, 'escalation', id).at(-1)!;
    expect(entry).toMatchObject({ actor: 'Sam Coordinator', at: '2026-11-23T10:00:00.000Z', action: 'escalation.deleteAfterReview' });
    expect(entry.before).toEqual({ reference: 'PANEL-2020', childInitials: 'AB', status: 'closed', closedOn: '2020-04-01' });
    expect(entry.after).toMatchObject({
      deleted: true,
      reason: 'Reviewed under the six-year schedule; nothing outstanding.',
      reviewYears: 6,
    });
    expect(review().deletions.map((d) => d.reference)).toEqual(['ACTIONS-2018', 'PANEL-2020']);
    expect(review().rows.map((r) => r.reference)).toEqual(['KEEP-ME']);

    // The rest is untouched and the file is sound.
    expect(ok(desk.call('escalations:get', { escalationId: other }))).toEqual(otherBefore);
    expect(verifyAuditChain(db).firstBadEntryId).toBeNull();
    expect(desk.store.writer.pragma('foreign_key_check')).toEqual([]);
    expect(desk.store.writer.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(desk.call('escalations:get', { escalationId: id })).toMatchObject({
      ok: false,
      error: { message: `There is no escalation with id ${id}.` },
    });
  });

  it('refuses open, unsigned, panel-bound and not-yet-due cases, an unconfirmed reference and a missing reason, changing nothing', () => {
    setUp();
    const open = log('OPEN-1', '2018-01-08');
    const unsigned = log('UNSIGNED-1', '2019-04-01');
    resolve(unsigned.id, '2019-05-01');
    const onPanel = caseAtPanel('PANEL-1', '2020-02-03', '2020-02-10', '2020-03-02');
    withdraw(onPanel.id, '2020-02-20');
    const recent = closedCase('RECENT-1', '2024-01-08', '2024-02-05', '2024-03-01');
    const due = closedCase('DUE-1', '2019-01-07', '2019-02-04', '2019-03-01');
    const reason = 'Reviewed under the six-year schedule.';

    const attempts: [Record<string, unknown>, RegExp][] = [
      [
        { escalationId: open.id, confirmReference: 'OPEN-1', reason },
        /OPEN-1 is still open: only a closed or withdrawn case can be deleted\. Nothing was deleted\./,
      ],
      [{ escalationId: unsigned.id, confirmReference: 'UNSIGNED-1', reason }, /the chair has not signed it off/],
      [{ escalationId: onPanel.id, confirmReference: 'PANEL-1', reason }, /a resolution panel is still planned for PANEL-1/],
      [{ escalationId: recent, confirmReference: 'RECENT-1', reason }, /not due for review until 1 Mar 2030/],
      [{ escalationId: due, confirmReference: 'DUE-2', reason }, /type the case reference DUE-1 exactly/],
      [{ escalationId: due, confirmReference: 'DUE-1', reason: 'tidy' }, /Nothing was saved/],
      [{ escalationId: due, confirmReference: 'DUE-1' }, /Nothing was saved/],
      [{ escalationId: 9999, confirmReference: 'DUE-1', reason }, /There is no escalation with id 9999/],
    ];
    const before = dbFingerprint(desk.store.file);
    for (const [input, message] of attempts)
      expect(dispatchOnLatest(desk, 'retention:deleteCase', input)).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(message) },
      });
    expect(dbFingerprint(desk.store.file)).toBe(before);
    expect(rowsOf(desk.store.reader, 'SELECT count(*) AS n FROM retention_deletion WHERE ? > 0', 1)).toBe(0);
  });

  it('rolls the whole deletion back when any step fails: no rows gone, no record, no audit entry', () => {
    setUp();
    const due = closedCase('DUE-1', '2019-01-07', '2019-02-04', '2019-03-01');
    // A table a later change might add that refers to a case, which the deletion does not know.
    const raw = openTestDb(desk.store.file);
    raw.exec('CREATE TABLE case_note (id INTEGER PRIMARY KEY, escalation_id INTEGER NOT NULL REFERENCES escalation(id))');
    raw.prepare('INSERT INTO case_note (escalation_id) VALUES (?)').run(due);
    raw.close();
    const before = dbFingerprint(desk.store.file);
    const result = onLatest(desk, 'retention:deleteCase', {
      escalationId: due,
      confirmReference: 'DUE-1',
      reason: 'Reviewed under the six-year schedule.',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        message: 'DUE-1 still has records this version of the app does not know how to delete, so nothing was deleted. Please report this.',
      },
    });
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });

  it('covers every table that refers to a case, directly or through its stages and panels', () => {
    setUp();
    const db = desk.store.reader;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    const refersTo = (table: string) =>
      (db.prepare('SELECT "table" AS parent FROM pragma_foreign_key_list(?)').all(table) as { parent: string }[]).map((r) => r.parent);
    const caseTables = new Set(['escalation']);
    for (let grew = true; grew;) {
      grew = false;
      for (const t of tables) if (!caseTables.has(t) && refersTo(t).some((p) => caseTables.has(p)) && caseTables.add(t)) grew = true;
    }
    expect(caseTables.size).toBeGreaterThan(10);
    for (const t of caseTables)
      expect(
        CASE_ROW_DELETIONS.some((sql) => sql.startsWith(`DELETE FROM ${t} `)),
        t,
      ).toBe(true);
  });

  it('leaves no way to delete a case’s rows but this one, and the record of a deletion cannot be changed', () => {
    setUp();
    const due = closedCase('DUE-1', '2019-01-07', '2019-02-04', '2019-03-01');
    const w = desk.store.writer;
    for (const sql of [
      'DELETE FROM escalation WHERE id = ?',
      'DELETE FROM stage_entry WHERE escalation_id = ?',
      'DELETE FROM outcome WHERE escalation_id = ?',
      'DELETE FROM escalation_closure WHERE escalation_id = ?',
      'DELETE FROM escalation_challenged WHERE escalation_id = ?',
    ]) {
      expect(() => w.prepare(sql).run(due), sql).toThrow(/deleted only through a retention review/);
    }
    expect(() =>
      w.prepare('DELETE FROM due_date_history WHERE stage_entry_id IN (SELECT id FROM stage_entry WHERE escalation_id = ?)').run(due),
    ).toThrow(/Due date history cannot be deleted/);
    ok(
      onLatest(desk, 'retention:deleteCase', {
        escalationId: due,
        confirmReference: 'DUE-1',
        reason: 'Reviewed under the six-year schedule.',
      }),
    );
    expect(() => w.prepare("UPDATE retention_deletion SET reason = 'changed'").run()).toThrow(/cannot be changed/);
    expect(() => w.prepare('DELETE FROM retention_deletion').run()).toThrow(/cannot be deleted/);
    expect(rowsOf(desk.store.reader, 'SELECT count(*) AS n FROM retention_deletion_pending WHERE ? > 0', 1)).toBe(0);
  });

  it('never gives a deleted case’s id to a new case, so no history is read as another case’s', () => {
    setUp();
    const newest = closedCase('NEWEST-OLD', '2019-01-07', '2019-02-04', '2019-03-01');
    ok(
      onLatest(desk, 'retention:deleteCase', {
        escalationId: newest,
        confirmReference: 'NEWEST-OLD',
        reason: 'Reviewed under the six-year schedule.',
      }),
    );
    const fresh = log('NEW-CASE', '2026-11-16');
    expect(fresh.id).toBeGreaterThan(newest);
    expect(auditFor(desk.store.reader, 'escalation', fresh.id).map((e) => e.action)).toEqual(['escalation.create']);
    const raw = openTestDb(desk.store.file);
    try {
      expect(() =>
        raw
          .prepare(
            "INSERT INTO escalation (id, reference, reference_key, profile_id, raising_agency_id, raising_worker_role, category_id, child_status, summary, opened_on, immediate_risk, first_stage, highest_stage, created_at) SELECT ?, 'X', 'X', profile_id, raising_agency_id, 'r', category_id, 'none', 's', '2026-01-01', 0, 1, 1, 'now' FROM escalation LIMIT 1",
          )
          .run(newest),
      ).toThrow(/not reused/);
    } finally {
      raw.close();
    }
  });

  it('overwrites the deleted rows in the file instead of leaving them in free pages', () => {
    setUp();
    const summary = 'Zebra-crossing-7731 disagreement about the threshold decision.';
    const e = log('WIPE-1', '2019-01-07', { summary });
    resolve(e.id, '2019-02-04');
    close(e.id, '2019-03-01');
    // The file's pages decrypted by the test (the file itself holds no text in the clear), free pages too.
    const fileHolds = (text: string) => {
      desk.store.writer.pragma('wal_checkpoint(TRUNCATE)');
      return decryptedPages(desk.store.file, TEST_KEY).includes(Buffer.from(text));
    };
    expect(fileHolds(summary)).toBe(true);
    ok(
      onLatest(desk, 'retention:deleteCase', {
        escalationId: e.id,
        confirmReference: 'WIPE-1',
        reason: 'Reviewed under the six-year schedule.',
      }),
    );
    expect(fileHolds(summary)).toBe(false);
  });
});
