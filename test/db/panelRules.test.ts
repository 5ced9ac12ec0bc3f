// Issue 12, part 2: who is a party, who may chair, and a policy's panel that cannot be formed.
// Everything through the dispatcher, on a real SQLite file, with the clock pinned.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBoardReturn } from '../../electron/services/returns/boardReturn';
import type { EscalationDetail } from '../../shared/domain/escalation';
import type { ChairRoute, PanelCheckResultView } from '../../shared/domain/panel';
import { logEscalation, seatBoard, seedBoard, type Board } from '../support/boardFixture';
import { dbFingerprint } from '../support/dbFingerprint';
import type { ChannelInput } from '../../shared/contract';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

const NOW = new Date('2026-11-23T10:00:00Z');
let desk: TestDesk;
afterEach(() => desk.cleanup());

type Officers = Record<'police' | 'school' | 'health' | 'council', number>;

function board(profile: 'bromley' | 'torbay' | 'birmingham') {
  desk = openTestDesk({ now: () => NOW });
  const b: Board = seedBoard(desk, profile);
  const officers: Officers = seatBoard(desk, b);
  return { b, officers };
}

/** Logs a case, lets `atFirstStage` record the first stage's discussion, and takes it to the chair. */
function referred(b: Board, overrides: Record<string, unknown> = {}, atFirstStage?: (id: number) => void): EscalationDetail {
  const e = logEscalation(desk, b, { openedOn: '2026-11-02', ...overrides });
  atFirstStage?.(e.id);
  let detail = e;
  while (detail.nextStages.length > 0)
    detail = ok(
      onLatest(desk, 'escalations:escalate', {
        escalationId: e.id,
        toStage: detail.nextStages[0]!.number,
        on: '2026-11-16',
        reason: 'Not resolved',
      }),
    );
  return detail;
}

const decide = (escalationId: number, route: ChairRoute = 'resolution_panel') =>
  ok(
    onLatest(desk, 'chair:decide', {
      escalationId,
      route,
      decidedOn: '2026-11-18',
      reasons: 'Senior managers could not agree.',
      decidedBy: 'Independent chair',
    }),
  );
const check = (input: Omit<ChannelInput<'panels:check'>, 'sitsOn'>) =>
  ok(desk.call('panels:check', { sitsOn: '2026-11-20', chairName: 'Independent chair', ...input }));
const check5 = (r: PanelCheckResultView) => r.checks.find((c) => c.number === 5)!;

describe('a named officer who took part at a stage is refused a seat, however the stage was recorded', () => {
  const ways: [string, (ids: { b: Board; officers: Officers }) => Record<string, unknown>][] = [
    [
      'as a directory officer (even under another spelling of the name)',
      ({ b, officers }) => ({
        people: [{ name: 'D. Whitfield', agencyId: b.police, role: 'Detective inspector', officerId: officers.police }],
      }),
    ],
    [
      'as a person by name and agency',
      ({ b }) => ({ people: [{ name: 'Dana  Whitfield', agencyId: b.police, role: 'Detective inspector' }] }),
    ],
    [
      'in the old free text, beside a role-only entry',
      () => ({ participants: 'Dana Whitfield (Police, line manager); B. Worker (CSC team manager)' }),
    ],
  ];
  for (const [how, stage] of ways) {
    it(how, () => {
      const { b, officers } = board('bromley');
      const e = referred(b, { challengedAgencyIds: [b.council, b.police] }, (id) =>
        ok(
          onLatest(desk, 'escalations:recordStage', {
            escalationId: id,
            discussion: 'Discussed the threshold decision by phone.',
            ...stage({ b, officers }),
          }),
        ),
      );
      decide(e.id);
      const seats = [
        { agencyId: b.school, officerId: officers.school },
        { agencyId: b.council, officerId: officers.council },
        { agencyId: b.police, officerId: officers.police },
      ];
      const r = check({ escalationId: e.id, seats });
      expect(r.valid).toBe(false);
      expect(check5(r)).toMatchObject({
        status: 'fail',
        messages: [
          'Dana Whitfield is a party to the disagreement and cannot sit on the panel: choose another officer of Avon and Somerset Police.',
        ],
      });
      const options = ok(desk.call('panels:options', { escalationId: e.id, sitsOn: '2026-11-20' }));
      expect(options.agencies.find((a) => a.id === b.police)!.officers.find((o) => o.id === officers.police)!.isParty).toBe(true);
      // She may not chair either.
      expect(
        check5(
          check({
            escalationId: e.id,
            chairOfficerId: officers.police,
            seats: seats.slice(0, 2).concat({ agencyId: b.health, officerId: officers.health }),
          }),
        ).messages,
      ).toEqual(['Dana Whitfield is a party to the disagreement and cannot chair the panel: choose another chair.']);
    });
  }

  it('shows the chair which names were read from free text, and keeps recorded people on the case', () => {
    const { b, officers } = board('bromley');
    const e = referred(b, {}, (id) => {
      ok(
        onLatest(desk, 'escalations:recordStage', {
          escalationId: id,
          participants: 'A. Officer (Police, line manager); B. Worker (CSC team manager)',
        }),
      );
      const detail = ok(
        onLatest(desk, 'escalations:recordStage', {
          escalationId: id,
          participants: 'A. Officer (Police, line manager); B. Worker (CSC team manager)',
          people: [{ name: 'Priya Shah', officerId: officers.school, role: 'DSL' }],
        }),
      );
      expect(detail.stages[0]!.people).toEqual([
        { name: 'Priya Shah', agencyId: b.school, agencyName: 'Hollyfield Primary School', role: 'DSL', officerId: officers.school },
      ]);
      expect(detail.stages[0]!.namesFromText).toEqual(['A. Officer', 'B. Worker']);
      expect(detail.timeline.at(-1)!.detail).toContain('People who took part: Priya Shah (Hollyfield Primary School, DSL)');
    });
    decide(e.id);
    const options = ok(desk.call('panels:options', { escalationId: e.id, sitsOn: '2026-11-20' }));
    expect(options.partiesFromText).toEqual([
      { stageNumber: 1, text: 'A. Officer (Police, line manager); B. Worker (CSC team manager)', names: ['A. Officer', 'B. Worker'] },
    ]);
    expect(options.parties).toEqual(expect.arrayContaining(['Priya Shah', 'A. Officer', 'B. Worker']));
  });

  it('reads role-only free text as naming nobody, and refuses an officer recorded at another agency, changing nothing', () => {
    const { b, officers } = board('bromley');
    const e = logEscalation(desk, b);
    const d = ok(onLatest(desk, 'escalations:recordStage', { escalationId: e.id, participants: 'CSC team manager; school DSL' }));
    expect(d.stages[0]!.namesFromText).toEqual([]);
    const before = dbFingerprint(desk.store.file);
    const refused = onLatest(desk, 'escalations:recordStage', {
      escalationId: e.id,
      people: [{ name: 'Helen Marsh', agencyId: b.police, officerId: officers.council }],
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: 'Helen Marsh is recorded at Bristol City Council, not Avon and Somerset Police.' },
    });
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });
});

describe('who may chair follows the policy profile', () => {
  for (const profile of ['bromley', 'torbay'] as const) {
    it(`${profile}: one of the three seated officers may chair the panel`, () => {
      const { b, officers } = board(profile);
      const e = referred(b);
      decide(e.id);
      const seats = [
        { agencyId: b.school, officerId: officers.school },
        { agencyId: b.council, officerId: officers.council },
        { agencyId: b.health, officerId: officers.health },
      ];
      const r = check({ escalationId: e.id, chairOfficerId: officers.health, seats });
      expect(r.valid).toBe(true);
      expect(check5(r).messages).toEqual([
        'No one on the panel is a party to the disagreement, and nobody sits twice. Tom Okoro chairs from one of the seats, as this policy allows.',
      ]);
      const saved = ok(onLatest(desk, 'panels:save', { escalationId: e.id, sitsOn: '2026-11-20', chairOfficerId: officers.health, seats }));
      expect(saved.checks.valid).toBe(true);
    });
  }

  it('a profile version stored before the rule existed is read with the built-in’s answer', () => {
    const { b, officers } = board('bromley');
    const e = referred(b);
    decide(e.id);
    // As an older build wrote it: no chairMayBeMember in the stored panel rule.
    const w = desk.store.writer;
    const row = w.prepare('SELECT id, definition_json FROM policy_profile WHERE id = ?').get(e.profile.id) as {
      id: number;
      definition_json: string;
    };
    const stored = JSON.parse(row.definition_json) as { panelRule: Record<string, unknown> };
    delete stored.panelRule.chairMayBeMember;
    w.prepare('UPDATE policy_profile SET definition_json = ? WHERE id = ?').run(JSON.stringify(stored), row.id);
    const seats = [
      { agencyId: b.school, officerId: officers.school },
      { agencyId: b.council, officerId: officers.council },
      { agencyId: b.health, officerId: officers.health },
    ];
    expect(check({ escalationId: e.id, chairOfficerId: officers.health, seats }).valid).toBe(true);
    expect(ok(desk.call('panels:options', { escalationId: e.id, sitsOn: '2026-11-20' })).rule.chairMayBeMember).toBe(true);
  });

  it('birmingham: the meeting’s chair is a separate board member, not one of those sitting', () => {
    const { b, officers } = board('birmingham');
    const e = referred(b);
    decide(e.id, 'uninvolved_chair_meeting');
    const seats = [
      { agencyId: b.school, officerId: officers.school },
      { agencyId: b.council, officerId: officers.council },
      { agencyId: b.health, officerId: officers.health },
    ];
    const sits = check({ escalationId: e.id, chairOfficerId: officers.health, seats });
    expect(sits.valid).toBe(false);
    expect(check5(sits).messages).toEqual([
      'Tom Okoro is both the chair and a member of the meeting, and this policy needs a separate chair: choose someone else for one of the two roles.',
    ]);
    expect(check({ escalationId: e.id, chairOfficerId: officers.health, seats: seats.slice(0, 2) }).valid).toBe(true);
  });
});

describe('a panel this policy cannot form for the case', () => {
  function nurseryCase() {
    const { b, officers } = board('bromley');
    // A nursery: in dispute, but not a member of the full board.
    const nursery = ok(
      desk.call('agencies:create', { name: 'Mrs Bonds Village Nursery', sector: 'early_years', statutoryPartner: false }),
    ).id;
    const manager = ok(
      onLatest(desk, 'officers:add', {
        agencyId: nursery,
        name: 'Jo Price',
        role: 'Nursery manager',
        email: 'manager@nursery.example.uk',
        senior: true,
        boardRepresentative: false,
      }),
    ).officers.find((o) => o.name === 'Jo Price')!.id;
    const e = referred(b, {
      raisingAgencyId: nursery,
      raisingWorkerEmail: 'keyworker@nursery.example.uk',
      challengedAgencyIds: [b.council],
    });
    return { b, officers, e, nursery, manager };
  }
  const NOT_A_MEMBER =
    'Mrs Bonds Village Nursery is in dispute, so this policy needs it on the panel, but the panel seats only members of the full board and Mrs Bonds Village Nursery was not a member of the full board on 20 Nov 2026 (no board membership is recorded for it).';

  it('an agency in dispute that is not on the full board: said plainly with the alternatives, on or off the panel, never valid', () => {
    const { b, officers, e, nursery, manager } = nurseryCase();
    const decided = decide(e.id);
    expect(decided.warnings[0]).toBe('This policy’s panel cannot be formed for this case (as the board stood on 18 Nov 2026).');
    expect(decided.warnings.join(' ')).toMatch(/Mrs Bonds Village Nursery is in dispute/);
    expect(decided.warnings.join(' ')).toMatch(/Resolve it directly with the senior managers.*Record a departure from the policy/);
    expect(decided.timeline.at(-1)!.detail).toMatch(/Warning: This policy’s panel cannot be formed for this case/);

    const options = ok(desk.call('panels:options', { escalationId: e.id, sitsOn: '2026-11-20' }));
    expect(options.cannotBeFormed?.reasons).toEqual([NOT_A_MEMBER]);
    const off = check({
      escalationId: e.id,
      seats: [
        { agencyId: b.council, officerId: officers.council },
        { agencyId: b.police, officerId: officers.police },
        { agencyId: b.health, officerId: officers.health },
      ],
      wherePossibleReason: 'The nursery will give a written representation.',
    });
    const on = check({
      escalationId: e.id,
      seats: [
        { agencyId: nursery, officerId: manager },
        { agencyId: b.council, officerId: officers.council },
        { agencyId: b.police, officerId: officers.police },
      ],
    });
    for (const r of [off, on]) {
      expect(r).toMatchObject({ valid: false, heldUnderDeparture: false, departureReason: null });
      expect(r.cannotBeFormed).toEqual({
        reasons: [NOT_A_MEMBER],
        alternatives: [
          expect.stringMatching(/^Resolve it directly with the senior managers/),
          expect.stringMatching(/^Record a departure from the policy/),
        ],
      });
      expect(r.checks.find((c) => c.number === 3)!.messages).toContain('This policy’s panel cannot be formed for this case.');
    }
  });

  it('four agencies in dispute cannot fit three seats: impossible, and a reason for leaving one off does not make it valid', () => {
    const { b, officers } = board('bromley');
    const e = referred(b, { challengedAgencyIds: [b.council, b.police, b.health] });
    expect(decide(e.id).warnings.join(' ')).toMatch(
      /4 agencies are in dispute \(.*\), and this policy needs every agency in dispute on a panel of three seats/,
    );
    const seats = [
      { agencyId: b.school, officerId: officers.school },
      { agencyId: b.council, officerId: officers.council },
      { agencyId: b.police, officerId: officers.police },
    ];
    const r = check({ escalationId: e.id, seats, wherePossibleReason: 'Health agreed to give a written representation instead.' });
    expect(r).toMatchObject({ valid: false, needsWherePossibleReason: false, heldUnderDeparture: false });
    expect(r.cannotBeFormed!.reasons[0]).toMatch(/^4 agencies are in dispute/);
    const saved = ok(
      onLatest(desk, 'panels:save', {
        escalationId: e.id,
        sitsOn: '2026-11-20',
        chairName: 'Independent chair',
        seats,
        wherePossibleReason: 'Health agreed to give a written representation instead.',
      }),
    );
    expect(saved.checks.valid).toBe(false);
    const before = dbFingerprint(desk.store.file);
    expect(
      onLatest(desk, 'panels:recordDecision', {
        panelId: saved.id,
        decidedOn: '2026-11-20',
        decision: 'x',
        statement: 'y',
        effect: 'upheld',
        agreedBy: 'z',
      }),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/does not yet pass its checks/) } });
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });

  it('refuses a departure for a panel the policy can form, changing nothing', () => {
    const { b, officers } = board('bromley');
    const e = referred(b);
    decide(e.id);
    const before = dbFingerprint(desk.store.file);
    const seats = [
      { agencyId: b.school, officerId: officers.school },
      { agencyId: b.council, officerId: officers.council },
      { agencyId: b.police, officerId: officers.police },
    ];
    expect(
      onLatest(desk, 'panels:save', {
        escalationId: e.id,
        sitsOn: '2026-11-20',
        chairName: 'Independent chair',
        seats,
        departureReason: 'We prefer a different panel this time.',
      }),
    ).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/^This policy’s panel can be formed for this case, so no departure from the policy is recorded/),
      },
    });
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });

  it('a departure recorded by the chair shows on the panel, the pack, the case, the dashboard and the return workbook', async () => {
    const { b, officers, e, nursery, manager } = nurseryCase();
    decide(e.id);
    const seats = [
      { agencyId: nursery, officerId: manager },
      { agencyId: b.council, officerId: officers.council },
      { agencyId: b.police, officerId: officers.police },
    ];
    const reason = 'The nursery must be heard as a member: it holds the only first-hand account.';
    const panel = ok(
      onLatest(desk, 'panels:save', {
        escalationId: e.id,
        sitsOn: '2026-11-20',
        chairName: 'Independent chair',
        seats,
        departureReason: reason,
      }),
    );
    expect(panel).toMatchObject({ departureReason: reason, checks: { valid: false, heldUnderDeparture: true, departureReason: reason } });
    expect(ok(desk.call('panels:list', {}))).toEqual([expect.objectContaining({ id: panel.id, valid: false, underDeparture: true })]);

    const pack = ok(desk.call('panels:pack', { panelId: panel.id }));
    expect(pack.sections.find((s) => s.heading === 'Planned under a departure from the policy')!.lines).toEqual([
      NOT_A_MEMBER,
      `The chair recorded a departure from Bromley (Mrs Bonds Village Nursery): ${reason}`,
    ]);

    const resolved = ok(
      onLatest(desk, 'panels:recordDecision', {
        panelId: panel.id,
        decidedOn: '2026-11-20',
        decision: 'A plan is needed.',
        statement: 'Council to convene a strategy discussion.',
        effect: 'changed',
        agreedBy: 'All three agencies',
      }),
    );
    expect(resolved.status).toBe('resolved');
    const titles = resolved.timeline.map((t) => t.title);
    expect(titles).toContain('Panel decision recorded (held under a departure from the policy)');
    expect(resolved.timeline.find((t) => t.title === 'Panel planned for 20 Nov 2026')!.detail).toContain(
      `the chair recorded a departure from the policy: ${reason}`,
    );

    const dashboard = ok(desk.call('dashboard:quarter', { quarter: '2026-Q3' }));
    expect(dashboard.chair).toMatchObject({ panelsHeld: 1, panelsHeldUnderDeparture: 1 });
    const drilled = ok(desk.call('escalations:list', { drill: { figure: 'panel_held_under_departure', quarter: '2026-Q3' } }));
    expect(drilled.rows.map((r) => r.reference)).toEqual(['CS-1001']);

    const file = join(desk.dataFolder, 'return.xlsx');
    await writeBoardReturn(desk.store.reader, { now: NOW, quarter: '2026-Q3', file, appVersion: 'test', onProgress: () => undefined });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const rows = workbook
      .getWorksheet('Panels')!
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[] | undefined)?.slice(1));
    expect(rows).toContainEqual([
      'Resolution panels',
      'Held under a departure from the policy (the policy’s panel could not be formed)',
      1,
      0,
    ]);
  });

  it('a panel under a departure that is called off is said to be cancelled in its pack, never planned', () => {
    const { b, officers, e, nursery, manager } = nurseryCase();
    decide(e.id);
    const panel = ok(
      onLatest(desk, 'panels:save', {
        escalationId: e.id,
        sitsOn: '2026-11-20',
        chairName: 'Independent chair',
        seats: [
          { agencyId: nursery, officerId: manager },
          { agencyId: b.council, officerId: officers.council },
          { agencyId: b.police, officerId: officers.police },
        ],
        departureReason: 'The nursery must be heard as a member.',
      }),
    );
    ok(onLatest(desk, 'panels:cancel', { panelId: panel.id, reason: 'The agencies agreed a way forward before it sat.' }));
    const headings = ok(desk.call('panels:pack', { panelId: panel.id })).sections.map((s) => s.heading);
    expect(headings).toContain('Cancelled under a departure from the policy');
    expect(headings).not.toContain('Planned under a departure from the policy');
  });
});

describe('the people recorded at a stage are kept', () => {
  it('once the stage has ended: they can be replaced only while it is open, and deleted only with the case after a retention review', () => {
    const { b, officers } = board('bromley');
    const e = referred(b, {}, (id) =>
      ok(onLatest(desk, 'escalations:recordStage', { escalationId: id, people: [{ name: 'Priya Shah', officerId: officers.school }] })),
    );
    const w = desk.store.writer;
    const stageId = e.stages[0]!.id;
    expect(() => w.prepare('DELETE FROM stage_participant WHERE stage_entry_id = ?').run(stageId)).toThrow(
      /people who took part at an ended stage are kept/,
    );
    expect(() => w.prepare("UPDATE stage_participant SET name = 'Someone else' WHERE stage_entry_id = ?").run(stageId)).toThrow(
      /recorded again, not changed/,
    );
    expect(() =>
      w.transaction(() => {
        w.prepare('INSERT INTO retention_deletion_pending (escalation_id) VALUES (?)').run(e.id);
        expect(w.prepare('DELETE FROM stage_participant WHERE stage_entry_id = ?').run(stageId).changes).toBe(1);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(ok(desk.call('escalations:get', { escalationId: e.id })).stages[0]!.people.map((p) => p.name)).toEqual(['Priya Shah']);
  });
});
