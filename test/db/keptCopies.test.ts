// The two things migration 0090 has the database keep for the register and the dashboard: the
// agencies party to each case (escalation_agency) and the daily tally (escalation_tally). Both are
// worked out again here, in JavaScript, from the cases, stages and challenges themselves, and
// compared row for row: after cases are logged, moved up, resolved, withdrawn, corrected, have
// their deadlines re-worked or are deleted after a retention review (kept by the triggers), and after an older database is migrated
// (filled in by the migration).
import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations/index';
import { openStore } from '../../electron/db/open';
import { logEscalation, seedBoard, type Board } from '../support/boardFixture';
import { addThemes, DASHBOARD_CASES, seedCases } from '../support/dashboardCases';
import { ok, openTestDesk, tempFolder, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';
import { TEST_KEY, openTestDb } from '../support/testKey';

let desk: TestDesk;
let board: Board;

beforeAll(() => {
  desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
  board = seedBoard(desk, 'bromley');
  seedCases(desk, board, DASHBOARD_CASES, addThemes(desk));
  // Cases still open when the deadlines are re-worked, and corrections of what the register filters on.
  const open = [0, 1, 2].map((i) =>
    logEscalation(desk, board, {
      reference: `KEPT-${i}`,
      childInitials: 'AB',
      raisingAgencyId: board.health,
      challengedAgencyIds: [board.police, board.school],
      openedOn: `2026-10-0${i + 5}`,
    }),
  );
  ok(onLatest(desk, 'escalations:escalate', { escalationId: open[0]!.id, toStage: 2, on: '2026-10-09', reason: 'Not resolved' }));
  ok(onLatest(desk, 'calendar:addClosureDay', { date: '2026-10-12', reason: 'Board training day' }));
  const profileId = (desk.store.reader.prepare('SELECT profile_id AS id FROM escalation WHERE id = ?').get(open[1]!.id) as { id: number })
    .id;
  ok(
    onLatest(desk, 'profiles:correctTimescale', {
      profileId,
      stageNumber: 1,
      timescaleWorkingDays: 8,
      reason: 'The policy says eight working days',
    }),
  );
  ok(onLatest(desk, 'escalations:correct', { escalationId: open[2]!.id, field: 'reference', value: 'KEPT-2B', reason: 'Typed wrongly' }));
  ok(onLatest(desk, 'escalations:correct', { escalationId: open[2]!.id, field: 'childInitials', value: 'CD', reason: 'Typed wrongly' }));
  ok(
    onLatest(desk, 'escalations:correct', {
      escalationId: open[1]!.id,
      field: 'categoryId',
      value: board.settings.categories[3]!.id,
      reason: 'Wrong category',
    }),
  );
  ok(onLatest(desk, 'escalations:withdraw', { escalationId: open[0]!.id, on: '2026-10-20', reason: 'Raised in error' }));
  // A case deleted after a retention review takes its party rows and its tally with it.
  const old = logEscalation(desk, board, {
    reference: 'OLD-1',
    childInitials: 'EF',
    openedOn: '2018-04-09',
    challengedAgencyIds: [board.police],
  });
  ok(onLatest(desk, 'escalations:escalate', { escalationId: old.id, toStage: 2, on: '2018-05-14', reason: 'Not resolved' }));
  ok(
    onLatest(desk, 'escalations:resolve', {
      escalationId: old.id,
      resolvedOn: '2018-05-21',
      statement: 'Agreed.',
      effect: 'changed',
      agreedBy: 'Both agencies',
    }),
  );
  ok(onLatest(desk, 'escalations:close', { escalationId: old.id, on: '2018-05-28', chairName: 'Independent chair', how: 'meeting' }));
  ok(
    onLatest(desk, 'retention:deleteCase', { escalationId: old.id, confirmReference: 'OLD-1', reason: 'Past the six-year review period.' }),
  );
});
afterAll(() => desk.cleanup());

interface CaseRow {
  id: number;
  raising_agency_id: number;
  opened_on: string;
  origin: string;
  status: string;
  current_stage: number | null;
  current_due_on: string | null;
  current_due_soon_from: string | null;
  category_id: number;
  reference_key: string;
  child_initials: string;
  ended_on: string | null;
  resolved_on: string | null;
  highest_stage: number;
}

const FILTERED = [
  'status',
  'current_stage',
  'current_due_on',
  'current_due_soon_from',
  'category_id',
  'reference_key',
  'child_initials',
] as const;

/** The party rows as they should be, from the cases and their challenges. */
function expectedParties(db: Database.Database) {
  const cases = db.prepare('SELECT * FROM escalation').all() as CaseRow[];
  const challenged = db.prepare('SELECT escalation_id, agency_id FROM escalation_challenged').all() as {
    escalation_id: number;
    agency_id: number;
  }[];
  const byId = new Map(cases.map((c) => [c.id, c]));
  const row = (c: CaseRow, agencyId: number, role: string) => ({
    agency_id: agencyId,
    opened_on: c.opened_on,
    escalation_id: c.id,
    role,
    raising_agency_id: c.raising_agency_id,
    origin: c.origin,
    ...Object.fromEntries(FILTERED.map((k) => [k, c[k]])),
  });
  return [
    ...cases.map((c) => row(c, c.raising_agency_id, 'raising')),
    ...challenged.map((x) => row(byId.get(x.escalation_id)!, x.agency_id, 'challenged')),
  ].sort(byKey);
}

const byKey = (a: { agency_id: number; escalation_id: number }, b: { agency_id: number; escalation_id: number }) =>
  a.agency_id - b.agency_id || a.escalation_id - b.escalation_id;

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The tally as it should be, counted case by case and stage by stage. */
function expectedTally(db: Database.Database) {
  const tally = new Map<string, Record<string, number>>();
  const add = (day: string, origin: string, column: string) => {
    const key = `${day}|${origin}`;
    const row = tally.get(key) ?? { opened: 0, ended: 0, resolved: 0, resolved_at_stages_1_2: 0, became_overdue: 0, stopped_overdue: 0 };
    row[column]! += 1;
    tally.set(key, row);
  };
  const cases = db.prepare('SELECT * FROM escalation').all() as CaseRow[];
  const origin = new Map(cases.map((c) => [c.id, c.origin]));
  for (const c of cases) {
    add(c.opened_on, c.origin, 'opened');
    if (c.ended_on !== null) add(c.ended_on > c.opened_on ? c.ended_on : c.opened_on, c.origin, 'ended');
    if (c.resolved_on !== null) {
      add(c.resolved_on, c.origin, 'resolved');
      if (c.highest_stage <= 2) add(c.resolved_on, c.origin, 'resolved_at_stages_1_2');
    }
  }
  for (const s of db.prepare('SELECT escalation_id, started_on, due_on, ended_on FROM stage_entry').all() as {
    escalation_id: number;
    started_on: string;
    due_on: string | null;
    ended_on: string | null;
  }[]) {
    if (s.due_on === null) continue;
    const from = nextDay(s.due_on) > s.started_on ? nextDay(s.due_on) : s.started_on;
    if (s.ended_on !== null && s.ended_on <= from) continue;
    add(from, origin.get(s.escalation_id)!, 'became_overdue');
    if (s.ended_on !== null) add(s.ended_on, origin.get(s.escalation_id)!, 'stopped_overdue');
  }
  return [...tally]
    .map(([key, counts]) => ({ day: key.split('|')[0]!, origin: key.split('|')[1]!, ...counts }))
    .sort((a, b) => (a.day + a.origin).localeCompare(b.day + b.origin));
}

const partiesIn = (db: Database.Database) =>
  (db.prepare('SELECT * FROM escalation_agency').all() as { agency_id: number; escalation_id: number }[]).sort(byKey);
const tallyIn = (db: Database.Database) =>
  db
    .prepare(
      'SELECT * FROM escalation_tally WHERE opened + ended + resolved + resolved_at_stages_1_2 + became_overdue + stopped_overdue <> 0 OR min(opened, ended, resolved, resolved_at_stages_1_2, became_overdue, stopped_overdue) < 0 ORDER BY day || origin',
    )
    .all();

describe('kept by the database as cases change', () => {
  it('lists every agency party to each case with the case’s filtered columns as they now stand', () => {
    const parties = partiesIn(desk.store.reader);
    expect(parties.length).toBeGreaterThan(DASHBOARD_CASES.length * 2);
    expect(parties).toEqual(expectedParties(desk.store.reader));
  });

  it('tallies each day’s openings, endings, resolutions and overdue stages exactly', () => {
    const tally = tallyIn(desk.store.reader);
    expect(tally.some((r) => (r as { became_overdue: number }).became_overdue > 0)).toBe(true);
    expect(tally).toEqual(expectedTally(desk.store.reader));
  });
});

describe('filled in when an older database is migrated', () => {
  it('gives the same party rows and tally as the triggers kept', () => {
    // A database at schema 60 (the real steps up to it), holding the same records.
    const folder = tempFolder();
    const file = join(folder, 'older.sqlite');
    const older = openTestDb(file);
    migrate(
      older,
      file,
      TEST_KEY,
      migrations.filter((m) => m.version <= 60),
    );
    older.pragma('foreign_keys = OFF');
    older.exec(`ATTACH DATABASE '${desk.store.file.replace(/'/g, "''")}' AS now KEY "x'${TEST_KEY.toString('hex')}'"`);
    const tables = (
      older.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
    ).map((t) => t.name);
    older.transaction(() => {
      for (const t of tables) {
        // The steps' own starting rows (settings, built-in policies and categories) give way to the copy's.
        older.exec(`DELETE FROM main.${t}`);
        // Only the columns the older schema has (later steps add some, such as the audit trail's digest).
        const columns = (older.prepare(`SELECT name FROM pragma_table_info('${t}', 'main')`).all() as { name: string }[])
          .map((c) => c.name)
          .join(', ');
        older.exec(`INSERT INTO main.${t} (${columns}) SELECT ${columns} FROM now.${t}`);
      }
    })();
    older.exec('DETACH DATABASE now');
    older.close();

    const migrated = openStore(file, TEST_KEY);
    try {
      expect(migrated.schemaVersion).toBeGreaterThanOrEqual(90);
      expect(partiesIn(migrated.reader)).toEqual(partiesIn(desk.store.reader));
      expect(tallyIn(migrated.reader)).toEqual(tallyIn(desk.store.reader));
      expect(tallyIn(migrated.reader)).toEqual(expectedTally(migrated.reader));
    } finally {
      migrated.close();
    }
  });
});
