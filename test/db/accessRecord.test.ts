// The access record (issue 15, item 4) and the coordinator's sessions list (item 2): who opened
// which case, exported or imported which file, signed in (or was refused) from which address, and
// every change; append-only; searched and exported by the coordinator alone.
import { afterEach, describe, expect, it } from 'vitest';
import { typedCalls } from '../../shared/bridge';
import type { AccessEntry } from '../../shared/domain/accessRecord';
import type { JobView } from '../../shared/domain/exports';
import type { Caller } from '../../electron/services/accounts/sessionRegistry';
import { searchAccess } from '../../electron/services/access/search';
import { logEscalation, seedBoard, type Board } from '../support/boardFixture';
import { planOf, recordStatements } from '../support/queryPlans';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { fillReturn, loadWorkbook, makeTemplate } from '../support/workbooks';

const PASSWORD = 'correct horse battery staple';
let at = new Date('2026-11-23T10:00:00Z');
const now = () => at;

let desk: TestDesk | undefined;
afterEach(() => {
  desk?.cleanup();
  desk = undefined;
  at = new Date('2026-11-23T10:00:00Z');
});

/** A person at a machine: their own caller (session and address), with calls typed from the contract. */
function person(d: TestDesk, via: 'web' | 'desktop', address: string | null) {
  const caller: Caller = d.sessions.seat({ via, address });
  const calls = typedCalls(
    (channel, input) => d.dispatch(channel, input, caller),
    (channel, input) => d.dispatchAsync(channel, input, caller),
  );
  return {
    caller,
    ...calls,
    signIn: (userName: string) =>
      expect(ok(calls.call('session:signIn', { userName, password: PASSWORD }))).toMatchObject({ signedIn: true }),
  };
}

/** A board with a coordinator (signed in at the command line seat), a second coordinator, a chair, the learning hub and a read-only account. */
function board(): { desk: TestDesk; board: Board } {
  const d = (desk = openTestDesk({ signIn: true, now }));
  ok(d.call('session:setUp', { userName: 'jcoord', displayName: 'Jo Coordinator', password: PASSWORD, repeatPassword: PASSWORD }));
  for (const [userName, displayName, role] of [
    ['sam', 'Sam Coordinator', 'coordinator'],
    ['chair', 'Pat Chair', 'chair'],
    ['hub', 'Lee Analyst', 'learning_hub'],
    ['reader', 'Robin Reader', 'read_only'],
  ] as const) {
    ok(d.call('users:create', { userName, displayName, role, password: PASSWORD }));
  }
  return { desk: d, board: seedBoard(d, 'bromley') };
}

const entries = (d: TestDesk): AccessEntry[] => ok(d.call('access:search', { limit: 200 })).entries;
const count = (d: TestDesk) => (d.store.reader.prepare('SELECT count(*) AS n FROM access_entry').get() as { n: number }).n;

async function finished(call: ReturnType<typeof person>['callAsync'] | TestDesk['callAsync'], job: JobView): Promise<JobView> {
  for (let i = 0; i < 400; i += 1) {
    const view = ok(await call('exports:status', { jobId: job.jobId }));
    if (view.state !== 'running') return view;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('export never finished');
}

describe('the access record', () => {
  it('records opening a case, a write, an export and its delivery, an import, signing in, a refused sign-in, locking and signing out, with the person and the address', async () => {
    const { desk: d, board: b } = board();
    const logged = logEscalation(d, b);
    const jo = person(d, 'web', '10.0.0.7');
    jo.signIn('jcoord');

    ok(jo.call('escalations:get', { escalationId: logged.id }));
    const made = ok(jo.call('escalations:create', { ...createInput(b), reference: 'CS-2002' }));
    const job = ok(await jo.callAsync('exports:boardReturn', { quarter: '2026-Q3' }));
    expect((await finished(jo.callAsync, job)).state).toBe('done');
    ok(await jo.callAsync('exports:deliver', { jobId: job.jobId }));
    const template = await makeTemplate(d, b.police, 'police.xlsx');
    const bytes = await fillReturn(template, { nil: 'Yes' });
    const imported = ok(await jo.callAsync('returns:import', { fileName: 'police-q2.xlsx', contentBase64: bytes.toString('base64') }));
    const stranger = person(d, 'web', '10.0.0.99');
    expect(ok(stranger.call('session:signIn', { userName: 'nobody', password: 'a wrong guess here' }))).toMatchObject({ signedIn: false });
    ok(jo.call('session:lock', {}));
    jo.signIn('jcoord');
    ok(jo.call('session:signOut', {}));

    const all = entries(d);
    const mine = all.filter((e) => e.address === '10.0.0.7');
    const jo7 = { displayName: 'Jo Coordinator', userName: 'jcoord', address: '10.0.0.7', via: 'web' };
    expect(mine.map((e) => [e.kind, e.channel, e.caseReference, e.record]).reverse()).toEqual([
      ['signed_in', 'session:signIn', null, null],
      ['case_opened', 'escalations:get', 'CS-1001', `escalation ${logged.id}`],
      ['write', 'escalations:create', 'CS-2002', `escalations id ${made.id}`],
      ['export_started', 'exports:boardReturn', null, expect.stringContaining('(board-return-2026-Q3.xlsx)')],
      ['export_delivered', 'exports:deliver', null, 'board-return-2026-Q3.xlsx'],
      ['return_imported', 'returns:import', null, `police-q2.xlsx: Avon and Somerset Police, ${imported.quarter}`],
      ['locked', 'session:lock', null, null],
      ['signed_in', 'session:signIn', null, null],
      ['signed_out', 'session:signOut', null, null],
    ]);
    for (const entry of mine) expect(entry).toMatchObject(jo7);
    expect(all.find((e) => e.kind === 'sign_in_refused')).toMatchObject({
      displayName: '(no account)',
      userName: 'nobody',
      address: '10.0.0.99',
      via: 'web',
      channel: 'session:signIn',
    });
    // The command line's seat: named, no address.
    expect(all.find((e) => e.channel === 'escalations:create' && e.caseReference === 'CS-1001')).toMatchObject({
      displayName: 'Jo Coordinator',
      via: 'command line',
      address: null,
    });
    // No payload, case text, password or initials: names, addresses, channels, references and record ids only.
    const raw = JSON.stringify(d.store.reader.prepare('SELECT * FROM access_entry').all());
    for (const secret of ['threshold decision', PASSWORD, 'a wrong guess here', 'dsl@hollyfield', '"AB"'])
      expect(raw).not.toContain(secret);
  });

  it('records a session that locked itself for want of use, once, at the time it locked, with why', () => {
    const { desk: d } = board();
    const minutes = d.sessions.idleLockMinutes;
    const sam = person(d, 'web', '10.0.0.9');
    sam.signIn('sam');
    const before = count(d);
    at = new Date(at.getTime() + (minutes + 1) * 60_000);
    expect(sam.call('agencies:list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(sam.call('agencies:list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(count(d)).toBe(before + 1);
    // Read from the table (the coordinator's own seat has gone idle as well by now).
    expect(searchAccess(d.store.reader, { limit: 1 }).entries[0]).toMatchObject({
      kind: 'locked',
      channel: 'idle',
      userName: 'sam',
      address: '10.0.0.9',
      via: 'web',
      record: `idle for ${minutes} minutes`,
      at: new Date(new Date('2026-11-23T10:00:00Z').getTime() + minutes * 60_000).toISOString(),
    });
  });

  it('refuses any change to an entry and any deletion', () => {
    const { desk: d } = board();
    expect(count(d)).toBeGreaterThan(0);
    expect(() => d.store.writer.prepare("UPDATE access_entry SET display_name = 'someone else'").run()).toThrow(
      'The access record cannot be changed',
    );
    expect(() => d.store.writer.prepare('DELETE FROM access_entry').run()).toThrow('The access record cannot be deleted');
  });

  // Refused sign-ins are recorded (a guessed password is what a data-protection review asks about).
  // Other refusals are not: bad input, a role that may not, or a write the rules refuse reached no
  // record (the dispatcher refuses before the service runs, or rolls the write back), and the
  // record says who reached what; refusals of a role are in the server's request log.
  it('records nothing for a call refused for its input, its role or its rules; a refused sign-in is recorded', () => {
    const { desk: d, board: b } = board();
    const logged = logEscalation(d, b);
    const chair = person(d, 'web', '10.0.0.3');
    chair.signIn('chair');
    const before = count(d);
    expect(chair.call('escalations:get', { escalationId: 'one' as unknown as number }).ok).toBe(false);
    expect(chair.call('access:search', {})).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(chair.call('escalations:create', createInput(b))).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(d.call('escalations:create', { ...createInput(b), reference: logged.reference }).ok).toBe(false);
    expect(count(d)).toBe(before);
    expect(ok(chair.call('session:signIn', { userName: 'chair', password: 'not the password' }))).toMatchObject({ signedIn: false });
    expect(count(d)).toBe(before + 1);
  });

  it('is searched by person, case reference, date and kind, newest first, a page at a time, through its indexes', () => {
    const { desk: d, board: b } = board();
    const first = logEscalation(d, b);
    const second = logEscalation(d, b, { reference: 'CS-2002' });
    const sam = person(d, 'desktop', null);
    sam.signIn('sam');
    // A day later and two (the session is long forgotten by then: Sam signs in again).
    at = new Date('2026-11-24T09:00:00Z');
    sam.signIn('sam');
    ok(sam.call('escalations:get', { escalationId: first.id }));
    ok(sam.call('escalations:get', { escalationId: second.id }));
    at = new Date('2026-11-25T23:30:00Z'); // 23:30 GMT is still the 25th in London
    sam.signIn('sam');
    ok(sam.call('escalations:get', { escalationId: first.id }));
    at = new Date('2026-11-26T08:00:00Z');
    ok(d.call('session:signIn', { userName: 'jcoord', password: PASSWORD }));

    const bySam = ok(d.call('access:search', { person: 'SAM' })).entries;
    expect(bySam.map((e) => [e.kind, e.caseReference, e.at])).toEqual([
      ['case_opened', 'CS-1001', '2026-11-25T23:30:00.000Z'],
      ['signed_in', null, '2026-11-25T23:30:00.000Z'],
      ['case_opened', 'CS-2002', '2026-11-24T09:00:00.000Z'],
      ['case_opened', 'CS-1001', '2026-11-24T09:00:00.000Z'],
      ['signed_in', null, '2026-11-24T09:00:00.000Z'],
      ['signed_in', null, '2026-11-23T10:00:00.000Z'],
    ]);
    expect(bySam.every((e) => e.displayName === 'Sam Coordinator' && e.via === 'desktop')).toBe(true);
    const byCase = ok(d.call('access:search', { caseReference: 'cs-1001' })).entries;
    expect(byCase.map((e) => [e.userName, e.kind])).toEqual([
      ['sam', 'case_opened'],
      ['sam', 'case_opened'],
      ['jcoord', 'write'],
    ]);
    expect(ok(d.call('access:search', { from: '2026-11-25', to: '2026-11-25' })).entries).toHaveLength(2);
    expect(ok(d.call('access:search', { from: '2026-11-24', to: '2026-11-24', kind: 'case_opened' })).entries).toHaveLength(2);
    expect(ok(d.call('access:search', { to: '2026-11-23', kind: 'case_opened' })).entries).toEqual([]);

    // Keyset pages: every entry once, newest first.
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = ok(d.call('access:search', before === undefined ? { limit: 3 } : { limit: 3, before }));
      seen.push(...page.entries.map((e) => e.id));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toEqual(entries(d).map((e) => e.id));
    expect([...seen].sort((x, y) => y - x)).toEqual(seen);

    for (const [filter, index] of [
      [{ person: 'sam', from: '2026-11-24' }, 'access_entry_by_person'],
      [{ caseReference: 'CS-1001', kind: 'case_opened' as const }, 'access_entry_by_case'],
    ] as const) {
      const { statements } = recordStatements(d.store.reader, () => searchAccess(d.store.reader, { ...filter, limit: 50 }));
      const plan = planOf(d.store.reader, statements[0]!).join(' | ');
      expect(plan).toContain(`USING INDEX ${index}`);
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });

  it('exports the entries a filter matches as a workbook the analyst opens in Excel', async () => {
    const { desk: d, board: b } = board();
    const logged = logEscalation(d, b);
    const jo = person(d, 'web', '10.0.0.7');
    jo.signIn('jcoord');
    ok(jo.call('escalations:get', { escalationId: logged.id }));
    const job = ok(await jo.callAsync('access:export', { caseReference: 'CS-1001' }));
    expect(job.fileName).toBe('access-record-2026-11-23.xlsx');
    expect((await finished(jo.callAsync, job)).state).toBe('done');
    const sheet = (await loadWorkbook(d.exports.finished(job.jobId).file)).getWorksheet('Access record')!;
    const rows = sheet.getSheetValues().slice(1) as unknown[][];
    expect(rows[0]!.slice(1)).toEqual([
      'When (UTC)',
      'Person',
      'User name',
      'Address',
      'Via',
      'What',
      'Channel',
      'Case reference',
      'Record',
    ]);
    expect(rows.slice(1).map((r) => r.slice(2))).toEqual([
      ['Jo Coordinator', 'jcoord', '10.0.0.7', 'web', 'Opened a case', 'escalations:get', 'CS-1001', `escalation ${logged.id}`],
      [
        'Jo Coordinator',
        'jcoord',
        undefined,
        'command line',
        'Changed a record: logged a new case',
        'escalations:create',
        'CS-1001',
        `escalations id ${logged.id}`,
      ],
    ]);
    expect((rows[1]![1] as Date).toISOString()).toBe('2026-11-23T10:00:00.000Z');
    // The export itself is on the record.
    expect(entries(d)[0]).toMatchObject({ kind: 'export_started', channel: 'access:export', address: '10.0.0.7' });
  });

  it('is the coordinator’s alone: the chair, the learning hub and a read-only account are refused every access and sessions channel', async () => {
    const { desk: d } = board();
    for (const userName of ['chair', 'hub', 'reader']) {
      const someone = person(d, 'web', '10.0.0.4');
      someone.signIn(userName);
      expect(someone.call('access:search', {})).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
      expect(await someone.callAsync('access:export', {})).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
      expect(someone.call('sessions:list', {})).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
      expect(someone.call('sessions:end', { sessionRef: 1 })).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    }
  });
});

describe('who is signed in, and ending a session', () => {
  it('lists each session with its address, and ending another’s sends them back to the sign-in screen; your own is refused', () => {
    const { desk: d } = board();
    const jo = person(d, 'web', '10.0.0.7');
    jo.signIn('jcoord');
    const sam = person(d, 'web', '10.0.0.8');
    at = new Date('2026-11-23T10:05:00Z');
    sam.signIn('sam');
    ok(sam.call('agencies:create', { name: 'Bromley Police', sector: 'police', statutoryPartner: true }));

    const list = ok(jo.call('sessions:list', {}));
    const samRow = list.find((s) => s.userName === 'sam')!;
    expect(samRow).toMatchObject({ displayName: 'Sam Coordinator', via: 'web', address: '10.0.0.8', state: 'signed_in', yours: false });
    expect(samRow.signedInAt).toBe('2026-11-23T10:05:00.000Z');
    const joRow = list.find((s) => s.yours)!;
    expect(joRow).toMatchObject({ userName: 'jcoord', address: '10.0.0.7' });

    expect(jo.call('sessions:end', { sessionRef: joRow.ref })).toMatchObject({
      ok: false,
      error: { message: 'That is your own session: to end it, sign out. Nothing was changed.' },
    });
    expect(ok(jo.call('sessions:end', { sessionRef: samRow.ref }))).toEqual({
      ref: samRow.ref,
      userName: 'sam',
      displayName: 'Sam Coordinator',
    });
    expect(sam.call('agencies:list', {})).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(ok(sam.call('session:status', {}))).toEqual({ state: 'signed_out' });
    expect(ok(jo.call('sessions:list', {})).map((s) => s.userName)).not.toContain('sam');
    expect(jo.call('sessions:end', { sessionRef: samRow.ref })).toMatchObject({ ok: false });
    expect(entries(d)[0]).toMatchObject({
      kind: 'session_ended',
      userName: 'jcoord',
      address: '10.0.0.7',
      record: `session ${samRow.ref} of sam`,
    });
    // Sam's write carried Sam and Sam's address.
    expect(entries(d).find((e) => e.channel === 'agencies:create')).toMatchObject({ userName: 'sam', address: '10.0.0.8' });
  });
});

function createInput(b: Board) {
  return {
    reference: 'CS-1001',
    childInitials: 'AB',
    raisingAgencyId: b.school,
    raisingWorkerRole: 'Designated safeguarding lead',
    raisingWorkerEmail: 'dsl@hollyfield.example.uk',
    challengedAgencyIds: [b.council],
    categoryId: b.categoryId,
    childStatus: 'child_in_need' as const,
    summary: 'The school believes the threshold decision leaves the child without a plan.',
    openedOn: '2026-11-16',
    immediateRisk: false,
  };
}
