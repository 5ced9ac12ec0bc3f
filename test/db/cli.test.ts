// The command line a scheduled job runs: the same services, and exit codes a script can test.
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ok, tempFolder } from '../support/tempStore';
import { day, fillReturn } from '../support/workbooks';
import { onLatest } from '../support/latest';
import { TEST_KEY, giveTestKeys, openTestDb } from '../support/testKey';

const data = tempFolder('desk-cli-');
afterAll(() => rmSync(data, { recursive: true, force: true }));

function board(...args: string[]) {
  giveTestKeys(data);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join('electron', 'cli', 'index.ts'), ...args, '--data', data], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('npm run board', () => {
  it('seeds demo data, exports the quarterly return and a template, and imports a completed return once', async () => {
    const seeded = board('seed-demo', '--count', '60', '--seed', '7', '--until', '2026-11-20');
    expect(seeded.err).toBe('');
    expect(seeded).toMatchObject({ code: 0, out: expect.stringContaining('Seeded 10 agencies and 60 escalations (seed 7).') });

    const out = join(data, 'return.xlsx');
    expect(board('export-return', '--quarter', '2026-Q2', '--out', out)).toMatchObject({ code: 0 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets[0]!.name).toBe('Cover');

    const template = join(data, 'template.xlsx');
    expect(board('export-template', '--quarter', '2026-Q2', '--agency', '5', '--out', template)).toMatchObject({ code: 0 });
    const completed = join(data, 'completed.xlsx');
    writeFileSync(
      completed,
      await fillReturn(template, {
        rows: [
          {
            reference: 'RPS-1',
            challenged: 'Northshire Police',
            category: 'Level of need or threshold',
            raised: day(2026, 8, 3),
            stage: '1 - Discuss with the other worker',
            outcome: 'Still open',
          },
        ],
      }),
    );
    expect(board('import-return', '--file', completed)).toMatchObject({
      code: 0,
      out: expect.stringContaining('Imported Riverside Primary School’s return for 2026-Q2: 1 escalation.'),
    });
    const again = board('import-return', '--file', completed);
    expect(again.code).toBe(3);
    expect(again.err).toMatch(/already imported/);
    expect(board('returns-status', '--quarter', '2026-Q2')).toMatchObject({
      code: 0,
      out: expect.stringMatching(/returned\s+1\s+Riverside Primary School/),
    });
  }, 180_000);

  it('imports a legacy register for a scheduled job: lists the problems and refuses, checks without importing, then imports once', () => {
    const register = (rows: string[]) =>
      ['Ref,Date raised,Raised by,Disagreement with,Category,Stage reached,Outcome,Date closed', ...rows].join('\n');
    const file = join(data, 'old-register.csv');
    writeFileSync(
      file,
      register([
        'OLD-1,03/02/2023,Northshire Police,Northshire Housing,Level of need or threshold,Stage 2,Upheld,17/02/2023',
        'OLD-2,31/02/2023,Northshire Police,Northshire Housing,Level of need or threshold,Stage 1,,',
      ]),
    );
    const refused = board('import-legacy', '--file', file);
    expect(refused).toMatchObject({ code: 3, err: expect.stringContaining('Nothing was imported') });
    expect(refused.out).toContain('row 3, Date raised: “31/02/2023” is not a date: write it as dd/mm/yyyy.');

    writeFileSync(
      file,
      register(['OLD-1,03/02/2023,Northshire Police,Northshire Housing,Level of need or threshold,Stage 2,Upheld,17/02/2023']),
    );
    expect(board('import-legacy', '--file', file, '--check')).toMatchObject({
      code: 0,
      out: expect.stringContaining('1 cases ready to import'),
    });
    expect(board('import-legacy', '--file', file)).toMatchObject({
      code: 0,
      out: expect.stringContaining('Imported 1 case from “old-register.csv”.'),
    });
    expect(board('import-legacy', '--file', file)).toMatchObject({
      code: 0,
      out: expect.stringContaining(
        'Imported 0 cases from “old-register.csv”; skipped 1 case already on the register or repeated in the file.',
      ),
    });
  }, 180_000);

  it('exits 2 with a plain message for a wrong command or option, and 3 for a file it refuses', () => {
    expect(board('export-return', '--quarter', 'summer', '--out', 'x.xlsx')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--quarter: Give the quarter as YYYY-Qn'),
    });
    expect(board('export-return', '--colour', 'blue')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--colour is not an option of this command'),
    });
    expect(board('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('There is no command “frobnicate”') });
    const pinnedBadly = spawnSync(
      process.execPath,
      ['--import', 'tsx', join('electron', 'cli', 'index.ts'), 'returns-status', '--data', data],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, ESCALATION_DESK_CLOCK: '23/11/2026' },
      },
    );
    expect(pinnedBadly).toMatchObject({
      status: 2,
      stderr: expect.stringContaining(
        'ESCALATION_DESK_CLOCK: give an instant with its zone, such as 2026-11-23T10:00:00Z (it is “23/11/2026”).',
      ),
    });
    const notAWorkbook = join(data, 'notes.xlsx');
    writeFileSync(notAWorkbook, 'these are my notes');
    expect(board('import-return', '--file', notAWorkbook)).toMatchObject({
      code: 3,
      err: expect.stringContaining('not an Excel workbook'),
    });
    expect(board('import-return', '--file', join(data, 'missing.xlsx'))).toMatchObject({
      code: 3,
      err: expect.stringContaining('Cannot read'),
    });
  }, 120_000);
});

describe('npm run board -- panel-check', () => {
  it('prints the same six checks as the planner and exits 3 while the panel is not valid', async () => {
    const { openDesk } = await import('../../electron/desk/desk');
    const { seedBoard, seatBoard, logEscalation } = await import('../support/boardFixture');
    const folder = tempFolder('desk-cli-panel-');
    giveTestKeys(folder);
    const desk = openDesk({
      key: TEST_KEY,
      dataFolder: folder,
      mode: 'web',
      version: 'test',
      now: () => new Date('2026-11-23T10:00:00Z'),
      actor: () => 'test coordinator',
    });
    const test = { ...desk, dataFolder: folder, cleanup: () => undefined };
    const b = seedBoard(test, 'bromley');
    const officers = seatBoard(test, b);
    let e = logEscalation(test, b, { openedOn: '2026-11-02' });
    for (const stage of [2, 3, 4])
      e = ok(onLatest(desk, 'escalations:escalate', { escalationId: e.id, toStage: stage, on: '2026-11-16', reason: 'x' }));
    onLatest(desk, 'chair:decide', {
      escalationId: e.id,
      route: 'resolution_panel',
      decidedOn: '2026-11-18',
      reasons: 'Deadlock',
      decidedBy: 'Chair',
    });
    const saved = ok(
      onLatest(desk, 'panels:save', {
        escalationId: e.id,
        sitsOn: '2026-11-20',
        chairName: 'Independent chair',
        seats: [{ agencyId: b.police, officerId: officers.police }],
      }),
    );
    desk.close();
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join('electron', 'cli', 'index.ts'), 'panel-check', '--panel', String(saved.id), '--data', folder],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status).toBe(3);
    expect(run.stdout).toContain('1. Exactly three agencies, each once: FAILS');
    expect(run.stderr).toContain('The panel is not yet valid.');
    rmSync(folder, { recursive: true, force: true });
  }, 60_000);
});

describe('npm run board -- verify-audit', () => {
  it('says the trail is intact, and names the first entry changed behind the app’s back', async () => {
    const { DATABASE_FILE_NAME } = await import('../../electron/db/open');
    const folder = tempFolder('desk-cli-audit-');
    giveTestKeys(folder);
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', join('electron', 'cli', 'index.ts'), 'verify-audit', '--data', folder], {
        encoding: 'utf8',
        timeout: 60_000,
      });
    spawnSync(
      process.execPath,
      ['--import', 'tsx', join('electron', 'cli', 'index.ts'), 'seed-demo', '--count', '5', '--data', folder, '--until', '2026-11-20'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run()).toMatchObject({ status: 0, stdout: expect.stringMatching(/The audit trail is intact: \d+ entries checked\./) });
    const intruder = openTestDb(join(folder, DATABASE_FILE_NAME));
    intruder.exec('DROP TRIGGER audit_entry_no_update');
    intruder.prepare("UPDATE audit_entry SET actor = 'someone else' WHERE id = 3").run();
    intruder.close();
    const tampered = run();
    expect(tampered.status).toBe(3);
    expect(tampered.stderr).toContain('The audit trail does not match from entry 3 on (2 entries before it are intact)');
    rmSync(folder, { recursive: true, force: true });
  }, 60_000);
});

describe('npm run board, once the board has user accounts', () => {
  it('needs --user and the password, applies the role, and names the person in the audit trail', async () => {
    const { openDesk } = await import('../../electron/desk/desk');
    const folder = tempFolder('desk-cli-accounts-');
    giveTestKeys(folder);
    const password = 'a long cli pass phrase';
    const seeded = spawnSync(
      process.execPath,
      ['--import', 'tsx', join('electron', 'cli', 'index.ts'), 'seed-demo', '--count', '5', '--data', folder, '--until', '2026-11-20'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(seeded.status).toBe(0);
    const desk = openDesk({ key: TEST_KEY, dataFolder: folder, mode: 'web', version: 'test' });
    expect(desk.call('session:setUp', { userName: 'jo', displayName: 'Jo Coordinator', password, repeatPassword: password }).ok).toBe(true);
    expect(desk.call('users:create', { userName: 'sam', displayName: 'Sam Analyst', role: 'learning_hub', password }).ok).toBe(true);
    desk.close();

    const cli = (args: string[], env: Record<string, string> = {}, input = '') =>
      spawnSync(process.execPath, ['--import', 'tsx', join('electron', 'cli', 'index.ts'), ...args, '--data', folder], {
        encoding: 'utf8',
        timeout: 60_000,
        input,
        env: { ...process.env, ...env },
      });
    const out = join(folder, 'return.xlsx');
    expect(cli(['export-return', '--quarter', '2026-Q2', '--out', out])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('give --user NAME'),
    });
    expect(
      cli(['export-return', '--quarter', '2026-Q2', '--out', out, '--user', 'sam'], { ESCALATION_DESK_PASSWORD: 'not it at all' }),
    ).toMatchObject({ status: 3, stderr: expect.stringContaining('do not match an account') });
    // The password piped in on standard input, as a script without the variable would.
    expect(cli(['export-return', '--quarter', '2026-Q2', '--out', out, '--user', 'sam'], {}, `${password}\n`)).toMatchObject({ status: 0 });
    const hubImports = cli(['import-return', '--file', out, '--user', 'sam'], { ESCALATION_DESK_PASSWORD: password });
    expect(hubImports).toMatchObject({ status: 3, stderr: expect.stringContaining('Your role (learning hub) cannot do this') });
    expect(cli(['seed-demo', '--count', '5'])).toMatchObject({ status: 3, stderr: expect.stringContaining('already has user accounts') });

    const check = openDesk({ key: TEST_KEY, dataFolder: folder, mode: 'web', version: 'test', actor: () => 'test' });
    const actors = check.store.reader.prepare("SELECT actor, action FROM audit_entry WHERE action LIKE 'session.%' ORDER BY id").all();
    check.close();
    expect(actors).toEqual([
      { actor: 'sign-in attempt', action: 'session.signInFailed' },
      { actor: 'Sam Analyst (sam)', action: 'session.signIn' },
      { actor: 'Sam Analyst (sam)', action: 'session.signIn' },
    ]);
    rmSync(folder, { recursive: true, force: true });
  }, 120_000);
});

describe('npm run board -- retention-review', () => {
  it('lists the cases past the review period and why any cannot be deleted yet, and deletes nothing', async () => {
    const { openDesk } = await import('../../electron/desk/desk');
    const { seedBoard, logEscalation } = await import('../support/boardFixture');
    const { dbFingerprint } = await import('../support/dbFingerprint');
    const { DATABASE_FILE_NAME } = await import('../../electron/db/open');
    const folder = tempFolder('desk-cli-retention-');
    giveTestKeys(folder);
    const desk = openDesk({
      key: TEST_KEY,
      dataFolder: folder,
      mode: 'web',
      version: 'test',
      now: () => new Date('2026-11-23T10:00:00Z'),
      actor: () => 'test coordinator',
    });
    const b = seedBoard({ ...desk, dataFolder: folder, cleanup: () => undefined }, 'bromley');
    const resolve = (id: number, on: string) =>
      onLatest(desk, 'escalations:resolve', { escalationId: id, resolvedOn: on, statement: 'Agreed.', effect: 'upheld', agreedBy: 'Both' });
    const closed = logEscalation({ ...desk, dataFolder: folder, cleanup: () => undefined }, b, {
      reference: 'OLD-1',
      openedOn: '2019-01-07',
    });
    resolve(closed.id, '2019-02-04');
    onLatest(desk, 'escalations:close', { escalationId: closed.id, on: '2019-03-01', chairName: 'Chair', how: 'meeting' });
    const unsigned = logEscalation({ ...desk, dataFolder: folder, cleanup: () => undefined }, b, {
      reference: 'OLD-2',
      openedOn: '2019-04-01',
    });
    resolve(unsigned.id, '2019-05-01');
    desk.close();
    const before = dbFingerprint(join(folder, DATABASE_FILE_NAME));
    // The command line runs at the test's date, whatever the machine's clock says.
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join('electron', 'cli', 'index.ts'), 'retention-review', '--data', folder],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, ESCALATION_DESK_CLOCK: '2026-11-23T10:00:00Z' },
      },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Review period: 6 years\. 2 cases closed or withdrawn on or before 2020-11-23:/);
    expect(run.stdout).toMatch(/OLD-1\s+AB\s+closed\s+closed 2019-03-01\s+may be deleted \(in the app\)/);
    expect(run.stdout).toMatch(
      /OLD-2\s+AB\s+resolved\s+closed 2019-05-01\s+not yet: OLD-2 was resolved on 1 May 2019 but the chair has not signed it off/,
    );
    expect(dbFingerprint(join(folder, DATABASE_FILE_NAME))).toBe(before);
    rmSync(folder, { recursive: true, force: true });
  }, 60_000);
});
