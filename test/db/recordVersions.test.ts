// Two people, one case: a write names the version it was based on, and one made on an older
// version is refused ('stale') with who changed the record, what they did and when, leaving the
// file exactly as it was. Every versioned write channel requires the field.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../electron/desk/desk';
import { contract, channels, type Channel, type ChannelOutput } from '../../shared/contract';
import { versionRule, versionedWrites } from '../../shared/domain/versionedWrites';
import type { Result } from '../../shared/result';
import { logEscalation, seatBoard, seedBoard, escalateToTop } from '../support/boardFixture';
import { dbFingerprint } from '../support/dbFingerprint';
import { onLatest } from '../support/latest';
import { ok, tempFolder, type TestDesk } from '../support/tempStore';
import { TEST_KEY } from '../support/testKey';

// Two coordinators at one board: the desk's caller is whoever is acting now, at the time set.
let who = 'Jo Smith (jsmith)';
let clock = new Date('2026-12-03T10:42:00Z');
let desk: TestDesk;
let toClose: TestDesk | null = null;
afterEach(() => {
  toClose?.cleanup();
  toClose = null;
});

function open(): TestDesk {
  const dataFolder = tempFolder();
  const opened: Desk = openDesk({
    key: TEST_KEY,
    dataFolder,
    mode: 'web',
    version: '0.0.0-test',
    now: () => clock,
    actor: () => who,
    onFault: (channel, error) => {
      throw new Error(`unexpected fault on ${channel}: ${String(error)}`);
    },
  });
  desk = {
    ...opened,
    dataFolder,
    cleanup() {
      opened.close();
      rmSync(dataFolder, { recursive: true, force: true });
    },
  };
  toClose = desk;
  who = 'Jo Smith (jsmith)';
  clock = new Date('2026-12-03T10:42:00Z');
  return desk;
}

/** Acts as this person at this London time on 3 December 2026 (GMT, so UTC is London). */
function as<T>(person: string, time: string, act: () => T): T {
  who = person;
  clock = new Date(`2026-12-03T${time}:00Z`);
  return act();
}

const JO = 'Jo Smith (jsmith)';
const SAM = 'Sam Patel (spatel)';

/** The second write, on the version both read, is refused in plain words and writes nothing. */
function expectStale<C extends Channel>(
  write: () => Result<ChannelOutput<C>>,
  words: { noun: string; what: string; current: number },
): void {
  const before = dbFingerprint(desk.store.file);
  const refused = as(SAM, '10:50', write);
  expect(refused).toEqual({
    ok: false,
    error: {
      code: 'stale',
      currentVersion: words.current,
      problems: [],
      message:
        `${JO} changed ${words.noun} at 10:42 on 3 December (${words.what}) after you opened it. ` +
        'Nothing of yours was saved; your text is still in the form. Look at their change, then save again.',
    },
  });
  expect(dbFingerprint(desk.store.file)).toBe(before);
}

describe('two people, one record', () => {
  it('a case: the second write on the version both read is refused, names Jo, the change and the time, and a retry on the new version goes through', () => {
    open();
    const board = seedBoard(desk, 'bromley');
    const opened = logEscalation(desk, board);
    expect(opened.version).toBe(1);
    // Both coordinators open the case at version 1.
    const samSaw = ok(desk.call('escalations:get', { escalationId: opened.id })).version;
    const joSaw = ok(desk.call('escalations:get', { escalationId: opened.id })).version;
    const saved = as(JO, '10:42', () =>
      ok(desk.call('escalations:recordStage', { escalationId: opened.id, basedOnVersion: joSaw, discussion: 'Met by phone.' })),
    );
    expect(saved.version).toBe(2);
    const withdraw = (basedOnVersion: number) =>
      desk.call('escalations:withdraw', {
        escalationId: opened.id,
        basedOnVersion,
        on: '2026-12-03',
        reason: 'The school no longer pursues it.',
      });
    expectStale(() => withdraw(samSaw), { noun: 'this case', what: 'recorded a stage discussion', current: 2 });
    expect(ok(desk.call('escalations:get', { escalationId: opened.id })).status).toBe('open');
    // Sam looked at Jo's change; saving again on version 2 goes through and moves the case to 3.
    const withdrawn = as(SAM, '10:55', () => ok(withdraw(2)));
    expect(withdrawn).toMatchObject({ status: 'withdrawn', version: 3 });
  });

  it('a panel: a representation on an older version is refused; the decision moves the panel and the case on', () => {
    open();
    const board = seedBoard(desk, 'bromley');
    const officers = seatBoard(desk, board);
    const e = escalateToTop(desk, logEscalation(desk, board, { openedOn: '2026-11-02' }), '2026-11-16');
    ok(
      onLatest(desk, 'chair:decide', {
        escalationId: e.id,
        route: 'resolution_panel',
        decidedOn: '2026-11-18',
        reasons: 'Deadlock',
        decidedBy: 'Independent chair',
      }),
    );
    const seats = (['school', 'police', 'council'] as const).map((k) => ({ agencyId: board[k], officerId: officers[k] }));
    const panel = ok(onLatest(desk, 'panels:save', { escalationId: e.id, sitsOn: '2026-11-20', chairName: 'Independent chair', seats }));
    expect(panel.version).toBe(1);
    const represent = (basedOnVersion: number, fromPerson: string) =>
      desk.call('panels:addRepresentation', {
        panelId: panel.id,
        basedOnVersion,
        fromAgencyId: board.school,
        fromPerson,
        receivedOn: '2026-11-19',
        summary: 'The child needs a plan now.',
      });
    expect(as(JO, '10:42', () => ok(represent(1, 'Designated safeguarding lead'))).version).toBe(2);
    expectStale(() => represent(1, 'Head teacher'), { noun: 'this panel', what: 'added a representation', current: 2 });

    const caseBefore = ok(desk.call('escalations:get', { escalationId: e.id })).version;
    const decided = ok(
      onLatest(desk, 'panels:recordDecision', {
        panelId: panel.id,
        decidedOn: '2026-11-20',
        decision: 'A plan is needed.',
        statement: 'The panel agreed a plan.',
        effect: 'changed',
        agreedBy: 'All three agencies',
      }),
    );
    expect(decided.version).toBe(caseBefore + 1);
    expect(ok(desk.call('panels:get', { panelId: panel.id })).version).toBe(3);
  });

  it('an agency: an officer added on an older version is refused after Jo changed its details', () => {
    open();
    const agency = ok(desk.call('agencies:create', { name: 'Avon and Somerset Police', sector: 'police', statutoryPartner: true }));
    expect(agency.version).toBe(1);
    as(JO, '10:42', () =>
      ok(
        desk.call('agencies:update', {
          agencyId: agency.id,
          basedOnVersion: 1,
          name: 'Avon & Somerset Police',
          sector: 'police',
          statutoryPartner: true,
        }),
      ),
    );
    expectStale(
      () =>
        desk.call('officers:add', {
          agencyId: agency.id,
          basedOnVersion: 1,
          name: 'Dana Whitfield',
          role: 'Detective Superintendent',
          email: 'dana.whitfield@police.example.uk',
          senior: true,
          boardRepresentative: true,
        }),
      { noun: 'this agency', what: 'changed the agency’s details', current: 2 },
    );
    // A change made through one of the agency's officers counts against the agency.
    const withOfficer = ok(
      onLatest(desk, 'officers:add', {
        agencyId: agency.id,
        name: 'Dana Whitfield',
        role: 'Detective Superintendent',
        email: 'dana.whitfield@police.example.uk',
        senior: true,
        boardRepresentative: true,
      }),
    );
    expect(withOfficer.version).toBe(3);
    const officerId = withOfficer.officers[0]!.id;
    expect(desk.call('officers:leave', { officerId, basedOnVersion: 2, leftOn: '2026-12-01' })).toMatchObject({
      ok: false,
      error: { code: 'stale', currentVersion: 3 },
    });
  });

  it('the board’s settings: a change to the board’s details on an older version is refused after Jo added a category', () => {
    open();
    const settings = ok(desk.call('settings:get', {}));
    expect(settings.version).toBe(1);
    as(JO, '10:42', () => ok(desk.call('categories:add', { name: 'Housing and homelessness', basedOnVersion: 1 })));
    expectStale(
      () => desk.call('settings:update', { boardName: 'Bristol Safeguarding Children Board', quarterStartMonth: 4, basedOnVersion: 1 }),
      {
        noun: 'the board’s settings',
        what: 'added a category',
        current: 2,
      },
    );
    expect(ok(desk.call('settings:get', {})).version).toBe(2);
  });

  it('a version the records never held (ahead of them) is refused too, and writes nothing', () => {
    open();
    const before = dbFingerprint(desk.store.file);
    expect(desk.call('themes:add', { name: 'Thresholds', basedOnVersion: 7 })).toMatchObject({
      ok: false,
      error: { code: 'stale', currentVersion: 1, message: expect.stringMatching(/based on version 7 .* records hold version 1/) },
    });
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });
});

describe('every write to an existing record names its version', () => {
  const writes = channels.filter((c) => contract[c].kind === 'write');

  it('the map decides every write channel, and the contract agrees with it', () => {
    expect(Object.keys(versionedWrites).sort()).toEqual([...writes].sort());
    for (const channel of writes) {
      const issues = contract[channel].input.safeParse({}).error?.issues ?? [];
      const asksForVersion = issues.some((i) => i.path.join('.') === 'basedOnVersion');
      expect(asksForVersion, channel).toBe(versionRule(channel) !== null);
    }
  });

  it('a missing or garbled basedOnVersion is refused in plain words, naming the field', () => {
    open();
    const board = seedBoard(desk, 'bromley');
    const e = logEscalation(desk, board);
    const before = dbFingerprint(desk.store.file);
    const cases: [unknown, RegExp][] = [
      [undefined, /Say which version of the record this change was based on/],
      ['2', /Say which version of the record this change was based on/],
      [1.5, /must be a whole number/],
      [0, /must be 1 or more/],
    ];
    for (const [basedOnVersion, words] of cases) {
      const input: Record<string, unknown> = { escalationId: e.id, discussion: 'Met by phone.' };
      if (basedOnVersion !== undefined) input.basedOnVersion = basedOnVersion;
      expect(desk.dispatch('escalations:recordStage', input)).toMatchObject({
        ok: false,
        error: {
          message: 'Nothing was saved: one detail needs correcting.',
          problems: [{ where: 'Version of the record', message: expect.stringMatching(words) }],
        },
      });
    }
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });

  it('a write that makes a new record, or only touches sessions and accounts, names no version', () => {
    for (const c of ['escalations:create', 'agencies:create', 'users:create', 'session:signIn'] as const) {
      expect(versionRule(c), c).toBeNull();
      expect(
        contract[c].input.safeParse({ basedOnVersion: 1 }).error?.issues.some((i) => i.code === 'unrecognized_keys'),
        c,
      ).toBe(true);
    }
  });
});
