import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALTERNATIVES,
  checkPanel,
  type PanelAgency,
  type PanelCheck,
  type PanelOfficer,
  type PanelProposal,
  type PanelSeat,
} from '../../shared/domain/panelChecks';
import { builtInProfile, type PanelRule } from '../../shared/domain/policyProfiles';
import { ENGLAND_AND_WALES } from '../../shared/domain/workingDays';

const rule = (key: string): PanelRule => {
  const p = builtInProfile(key);
  if (!p) throw new Error(`no built-in profile ${key}`);
  return p.panelRule;
};
const member = (from = '2020-04-01', to: string | null = null) => ({ id: 1, from, to });
const agency = (id: number, name: string, extra: Partial<PanelAgency> = {}): PanelAgency => ({
  id,
  name,
  retiredOn: null,
  memberships: [member()],
  ...extra,
});
const officer = (id: number, a: PanelAgency, name: string, extra: Partial<PanelOfficer> = {}): PanelOfficer => ({
  id,
  name,
  agencyId: a.id,
  agencyName: a.name,
  role: 'Head of service',
  email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.gov.uk`,
  senior: true,
  boardRepresentative: true,
  leftOn: null,
  ...extra,
});

const TC = agency(1, 'Torbay Council');
const POL = agency(2, 'Devon and Cornwall Police');
const NHS = agency(3, 'NHS Devon');
const SCH = agency(4, 'St Marychurch Pre-school', { memberships: [] });
const BEX = agency(5, 'Bexley Council', { memberships: [member('2019-04-01', '2026-11-30')] });
const TRUST = agency(6, 'Torbay Youth Trust', { retiredOn: '2026-10-01' });
const EDU = agency(7, 'Torbay Schools Partnership');

const ann = officer(11, TC, 'Ann Carter');
const sam = officer(12, TC, 'Sam Lee', { senior: false, boardRepresentative: false });
const hugh = officer(13, TC, 'Hugh Bell', { boardRepresentative: false });
const priya = officer(21, POL, 'Priya Shah');
const tom = officer(31, NHS, 'Dr Tom Hale');
const meg = officer(32, NHS, 'Meg Wills', { boardRepresentative: false });
const jo = officer(41, SCH, 'Jo Price', { boardRepresentative: false });
const kim = officer(51, BEX, 'Kim Ode');
const lou = officer(61, TRUST, 'Lou Grant');
const raj = officer(71, EDU, 'Raj Patel');

const seat = (a: PanelAgency | null, o: PanelOfficer | null): PanelSeat => ({ agency: a, officer: o });
const VALID_SEATS = [seat(TC, ann), seat(POL, priya), seat(NHS, tom)];

function proposal(extra: Partial<PanelProposal> = {}): PanelProposal {
  return {
    rule: rule('bromley'),
    sitsOn: '2026-12-04',
    seats: VALID_SEATS,
    chair: { officer: null, name: 'Independent chair' },
    disputing: [TC, POL].map(({ id, name }) => ({ id, name })),
    partiesToDisagreement: [{ name: 'Sam Lee', email: '' }],
    wherePossibleReason: '',
    stage: { number: 4, name: 'Resolution by BSCP Chair', dueOn: '2026-12-10' },
    calendar: ENGLAND_AND_WALES,
    today: '2026-12-01',
    ...extra,
  };
}
const checkOf = (p: PanelProposal, n: PanelCheck['number']): PanelCheck => {
  const c = checkPanel(p).checks.find((x) => x.number === n);
  if (!c) throw new Error(`no check ${n}`);
  return c;
};
const statuses = (p: PanelProposal) => checkPanel(p).checks.map((c) => c.status);

describe('checkPanel: Bromley (three agencies, full board, senior officers, disputing agencies required)', () => {
  it('passes a panel of the two disputing agencies and one uninvolved board member', () => {
    const r = checkPanel(proposal());
    expect(r.valid).toBe(true);
    expect(r.checks.map((c) => [c.number, c.status])).toEqual([
      [1, 'pass'],
      [2, 'pass'],
      [3, 'pass'],
      [4, 'not_applicable'],
      [5, 'pass'],
      [6, 'pass'],
    ]);
    expect(r.needsWherePossibleReason).toBe(false);
    expect(r.workingDaysLate).toBe(0);
    expect(checkOf(proposal(), 1).messages).toEqual(['Three agencies: Torbay Council, Devon and Cornwall Police and NHS Devon.']);
  });

  it('check 1: counts the agencies chosen and names a duplicate', () => {
    expect(checkOf(proposal({ seats: VALID_SEATS.slice(0, 2) }), 1)).toMatchObject({
      status: 'fail',
      messages: ['A resolution panel needs exactly three agencies; 2 are chosen: add 1 more.'],
    });
    expect(checkOf(proposal({ seats: [...VALID_SEATS, seat(EDU, raj)] }), 1).messages).toEqual([
      'A resolution panel needs exactly three agencies; 4 are chosen: remove 1.',
    ]);
    const dup = proposal({ seats: [seat(TC, ann), seat(POL, priya), seat(POL, null)] });
    expect(checkOf(dup, 1).messages).toEqual([
      'Devon and Cornwall Police is chosen twice: choose a different agency for one of its seats.',
    ]);
    expect(checkPanel(dup).valid).toBe(false);
  });

  it('check 2: an agency whose board membership ends before the panel date', () => {
    const c = checkOf(proposal({ seats: [seat(TC, ann), seat(POL, priya), seat(BEX, kim)] }), 2);
    expect(c.status).toBe('fail');
    expect(c.messages).toEqual([
      'Bexley Council was not a member of the full board on 4 Dec 2026 (its membership ended on 30 Nov 2026): choose a board-member agency for this seat.',
    ]);
    // The same agency on the last day of its membership may sit.
    expect(checkOf(proposal({ sitsOn: '2026-11-30', seats: [seat(TC, ann), seat(POL, priya), seat(BEX, kim)] }), 2).status).toBe('pass');
  });

  it('check 2: a retired agency, and one that was never a member', () => {
    expect(checkOf(proposal({ seats: [seat(TC, ann), seat(POL, priya), seat(TRUST, lou)] }), 2).messages).toEqual([
      'Torbay Youth Trust is recorded as retired on 1 Oct 2026, so it cannot sit on 4 Dec 2026: choose a board-member agency for this seat.',
    ]);
    expect(checkOf(proposal({ seats: [seat(TC, ann), seat(POL, priya), seat(SCH, jo)] }), 2).messages).toEqual([
      'St Marychurch Pre-school was not a member of the full board on 4 Dec 2026 (no board membership is recorded for it): choose a board-member agency for this seat.',
    ]);
  });

  it('check 2: an officer who moved agency, an officer who has left, a junior officer, a half-empty seat', () => {
    const moved = { ...meg, agencyId: POL.id, agencyName: POL.name };
    expect(checkOf(proposal({ seats: [seat(TC, ann), seat(POL, priya), seat(NHS, moved)] }), 2).messages).toEqual([
      'Meg Wills is now recorded at Devon and Cornwall Police, not NHS Devon: choose an officer of NHS Devon for this seat.',
    ]);
    const left = { ...tom, leftOn: '2026-12-01' };
    expect(checkOf(proposal({ seats: [seat(TC, ann), seat(POL, priya), seat(NHS, left)] }), 2).messages).toEqual([
      'Dr Tom Hale is recorded as leaving NHS Devon on 1 Dec 2026, so is not in post on 4 Dec 2026: choose an officer in post for this seat.',
    ]);
    expect(checkOf(proposal({ seats: [seat(TC, ann), seat(POL, priya), seat(NHS, { ...tom, leftOn: '2026-12-04' })] }), 2).status).toBe(
      'fail',
    );
    expect(checkOf(proposal({ seats: [seat(TC, ann), seat(POL, priya), seat(NHS, { ...tom, leftOn: '2026-12-05' })] }), 2).status).toBe(
      'pass',
    );
    expect(checkOf(proposal({ seats: [seat(TC, sam), seat(POL, priya), seat(NHS, tom)] }), 2).messages).toEqual([
      'Sam Lee is not recorded as a senior officer of Torbay Council, and this policy seats senior officers only: choose a senior officer for this seat.',
    ]);
    expect(checkOf(proposal({ seats: [seat(TC, ann), seat(POL, priya), seat(NHS, null)] }), 2).messages).toEqual([
      'Name the officer who will sit for NHS Devon.',
    ]);
    expect(checkOf(proposal({ seats: [seat(TC, ann), seat(POL, priya), seat(null, tom)] }), 2).messages).toEqual([
      'Choose the agency that Dr Tom Hale sits for.',
    ]);
  });

  it('check 3: names each disputing agency left off', () => {
    const r = checkPanel(proposal({ seats: [seat(TC, ann), seat(NHS, tom), seat(EDU, raj)] }));
    expect(r.checks[2]).toMatchObject({
      status: 'fail',
      messages: [
        'Devon and Cornwall Police is in dispute and this policy requires every agency in dispute to sit on the panel: give it a seat.',
      ],
    });
    expect(r.needsWherePossibleReason).toBe(false);
    // A reason does not excuse a hard rule.
    expect(
      checkPanel(
        proposal({ seats: [seat(TC, ann), seat(NHS, tom), seat(EDU, raj)], wherePossibleReason: 'Police could not attend this week.' }),
      ).valid,
    ).toBe(false);
  });

  it('check 3: three agencies in dispute fill the panel', () => {
    const r = checkPanel(proposal({ disputing: [TC, POL, NHS] }));
    expect(r.valid).toBe(true);
    expect(r.checks[2]?.messages).toEqual([
      'Every agency in dispute is on the panel: Torbay Council, Devon and Cornwall Police and NHS Devon.',
    ]);
  });

  it('check 3: four agencies in dispute cannot fit three seats: the panel cannot be formed, and no reason makes it valid', () => {
    const four = proposal({ disputing: [TC, POL, NHS, EDU] });
    const without = checkPanel(four);
    expect(without.valid).toBe(false);
    expect(without.needsWherePossibleReason).toBe(false);
    expect(without.cannotBeFormed).toEqual({
      reasons: [
        '4 agencies are in dispute (Torbay Council, Devon and Cornwall Police, NHS Devon and Torbay Schools Partnership), and this policy needs every agency in dispute on a panel of three seats: they cannot all sit.',
      ],
      alternatives: [...ALTERNATIVES],
    });
    expect(without.checks[2]).toMatchObject({
      status: 'fail',
      messages: [
        '4 agencies are in dispute (Torbay Council, Devon and Cornwall Police, NHS Devon and Torbay Schools Partnership), and this policy needs every agency in dispute on a panel of three seats: they cannot all sit.',
        'This policy’s panel cannot be formed for this case.',
        'The chair can instead resolve it directly with the senior managers, or record a departure from the policy with a written reason.',
      ],
    });
    // The old "where possible" reason no longer excuses the hard rule.
    expect(checkPanel({ ...four, wherePossibleReason: 'The schools partnership asked to give a representation instead.' }).valid).toBe(
      false,
    );
    // A departure lets it sit, shown as such, and still never valid.
    const departed = checkPanel({ ...four, departureReason: '  The partnership agreed to give a written representation.  ' });
    expect(departed).toMatchObject({
      valid: false,
      heldUnderDeparture: true,
      departureReason: 'The partnership agreed to give a written representation.',
    });
    expect(departed.checks[2]?.status).toBe('warning');
    expect(checkPanel({ ...four, departureReason: 'n/a' })).toMatchObject({
      valid: false,
      heldUnderDeparture: false,
      departureReason: null,
    });
  });

  it('check 3: a disputing agency not on the full board cannot sit, and cannot be left off: no loop, the panel cannot be formed', () => {
    const disputing = [TC, SCH];
    const off = checkPanel(proposal({ disputing }));
    const on = checkPanel(proposal({ disputing, seats: [seat(TC, ann), seat(SCH, { ...jo, senior: true }), seat(NHS, tom)] }));
    for (const r of [off, on]) {
      expect(r.valid).toBe(false);
      expect(r.heldUnderDeparture).toBe(false);
      expect(r.cannotBeFormed?.reasons).toEqual([
        'St Marychurch Pre-school is in dispute, so this policy needs it on the panel, but the panel seats only members of the full board and St Marychurch Pre-school was not a member of the full board on 4 Dec 2026 (no board membership is recorded for it).',
      ]);
      const words = r.checks.flatMap((c) => c.messages).join(' ');
      expect(words).not.toMatch(/give it a seat|choose a board-member agency for this seat/);
    }
    expect(on.checks[1]?.messages[0]).toBe(
      'St Marychurch Pre-school was not a member of the full board on 4 Dec 2026 (no board membership is recorded for it), and it is in dispute: this policy’s panel cannot be formed for this case (see check 3).',
    );
    const departed = checkPanel(
      proposal({
        disputing,
        seats: [seat(TC, ann), seat(SCH, { ...jo, senior: true }), seat(NHS, tom)],
        departureReason: 'The nursery must be heard as a member of the panel.',
      }),
    );
    expect(departed).toMatchObject({ valid: false, heldUnderDeparture: true });
    expect(departed.checks.map((c) => c.status)).toEqual(['pass', 'warning', 'warning', 'not_applicable', 'pass', 'pass']);
  });

  it('check 5: a party to the disagreement, matched by name or e-mail', () => {
    expect(checkOf(proposal({ partiesToDisagreement: [{ name: '  ann   CARTER ', email: '' }] }), 5).messages).toEqual([
      'Ann Carter is a party to the disagreement and cannot sit on the panel: choose another officer of Torbay Council.',
    ]);
    expect(checkOf(proposal({ partiesToDisagreement: [{ name: '', email: 'PRIYA.SHAH@example.gov.uk' }] }), 5).status).toBe('fail');
    expect(checkOf(proposal({ chair: { officer: null, name: 'sam lee' } }), 5).messages).toEqual([
      'sam lee is a party to the disagreement and cannot chair the panel: choose another chair.',
    ]);
  });

  it('check 5: nobody sits twice', () => {
    const twice = proposal({ seats: [seat(TC, ann), seat(TC, ann), seat(POL, priya)] });
    expect(checkOf(twice, 5).messages).toEqual(['Ann Carter is chosen for two seats: choose a different officer for one of them.']);
    // Bromley names no separate chair: one of the three senior officers may chair.
    expect(checkOf(proposal({ chair: { officer: tom, name: tom.name } }), 5)).toMatchObject({
      status: 'pass',
      messages: [
        'No one on the panel is a party to the disagreement, and nobody sits twice. Dr Tom Hale chairs from one of the seats, as this policy allows.',
      ],
    });
    const separate = { ...rule('bromley'), chairMayBeMember: false };
    expect(checkOf(proposal({ rule: separate, chair: { officer: tom, name: tom.name } }), 5).messages).toEqual([
      'Dr Tom Hale is both the chair and a member of the panel, and this policy needs a separate chair: choose someone else for one of the two roles.',
    ]);
    expect(checkOf(proposal({ rule: separate, chair: { officer: null, name: 'DR TOM HALE' } }), 5).status).toBe('fail');
  });

  it('check 6: lateness in working days across the Christmas bank holidays', () => {
    const r = checkPanel(
      proposal({ sitsOn: '2026-12-31', today: '2026-12-01', stage: { number: 4, name: 'Resolution by BSCP Chair', dueOn: '2026-12-24' } }),
    );
    // 25 Dec, 26-27 Dec (weekend) and 28 Dec (Boxing Day substitute) are not working days.
    expect(r.workingDaysLate).toBe(3);
    expect(r.checks[5]).toMatchObject({
      status: 'warning',
      messages: ['The panel sits 3 working days after stage 4 (Resolution by BSCP Chair) is due on 24 Dec 2026.'],
    });
    expect(r.valid).toBe(true);
  });

  it('check 6: a date in the past, a date on a bank holiday, a stage with no due date', () => {
    expect(checkOf(proposal({ today: '2026-12-07' }), 6)).toMatchObject({
      status: 'warning',
      messages: [
        'This panel’s date has passed: 4 Dec 2026 is before today (7 Dec 2026). If it has already sat, record its decision; if not, choose a new date.',
        'The panel sits on 4 Dec 2026, within stage 4 (Resolution by BSCP Chair), which is due on 10 Dec 2026.',
      ],
    });
    expect(
      checkOf(proposal({ sitsOn: '2026-12-25', stage: { number: 4, name: 'Resolution by BSCP Chair', dueOn: '2026-12-31' } }), 6)
        .messages[0],
    ).toBe('25 Dec 2026 is not a working day (a weekend, bank holiday or closure day): check the date.');
    const noDue = checkPanel(proposal({ stage: { number: 3, name: 'BSCB Chair', dueOn: null } }));
    expect(noDue.checks[5]).toMatchObject({
      status: 'not_applicable',
      messages: ['Stage 3 (BSCB Chair) has no due date, so the panel cannot be late.'],
    });
    expect(noDue.workingDaysLate).toBeNull();
  });

  it('checks 2 and 6: a missing or impossible date', () => {
    const r = checkPanel(proposal({ sitsOn: null }));
    expect(r.valid).toBe(false);
    expect(r.checks[1]).toMatchObject({ status: 'fail', messages: ['Choose the date the panel will sit.'] });
    expect(r.checks[5]).toMatchObject({ status: 'fail', messages: ['Choose the date the panel will sit.'] });
    expect(checkOf(proposal({ sitsOn: '2026-02-30' }), 6).messages).toEqual([
      '“2026-02-30” is not a real date: choose the date the panel will sit.',
    ]);
  });
});

describe('checkPanel: Torbay (board representatives, disputing agencies where possible)', () => {
  const torbay = (extra: Partial<PanelProposal> = {}) =>
    proposal({
      rule: rule('torbay'),
      stage: { number: 4, name: 'Refer via TSCB', dueOn: '2026-12-04' },
      disputing: [TC, SCH],
      seats: [seat(TC, ann), seat(POL, priya), seat(NHS, tom)],
      ...extra,
    });

  it('asks for a reason when a disputing agency is left off, then accepts it as a warning', () => {
    const r = checkPanel(torbay());
    expect(r.valid).toBe(false);
    expect(r.needsWherePossibleReason).toBe(true);
    expect(r.checks[2]?.messages).toEqual([
      'St Marychurch Pre-school is in dispute but not on the panel: give it a seat, or write the chair’s reason for leaving it off (at least 10 characters).',
    ]);
    expect(checkPanel(torbay({ wherePossibleReason: ' n/a ' })).valid).toBe(false);
    const ok = checkPanel(torbay({ wherePossibleReason: 'The pre-school is not a board member and has no representative.' }));
    expect(ok.valid).toBe(true);
    expect(ok.checks[2]).toMatchObject({
      status: 'warning',
      messages: [
        'St Marychurch Pre-school is in dispute but not on the panel. The chair’s reason: “The pre-school is not a board member and has no representative.”',
      ],
    });
  });

  it('seats board representatives only', () => {
    expect(checkOf(torbay({ seats: [seat(TC, ann), seat(POL, priya), seat(NHS, meg)] }), 2).messages).toEqual([
      'Meg Wills is not NHS Devon’s board representative, and this policy seats board representatives only: choose its board representative for this seat.',
    ]);
  });

  it('shows the lateness after stage 4 is due', () => {
    const r = checkPanel(torbay({ sitsOn: '2026-12-10', wherePossibleReason: 'The pre-school is not a board member.' }));
    expect(r.checks[5]?.messages).toEqual(['The panel sits 4 working days after stage 4 (Refer via TSCB) is due on 4 Dec 2026.']);
    expect(r.workingDaysLate).toBe(4);
    expect(r.valid).toBe(true);
  });
});

describe('checkPanel: Birmingham (a meeting chaired by a board member from an uninvolved agency)', () => {
  const brum = (extra: Partial<PanelProposal> = {}) =>
    proposal({
      rule: rule('birmingham'),
      disputing: [TC, SCH],
      seats: [seat(TC, hugh), seat(SCH, jo)],
      chair: { officer: raj, name: raj.name },
      stage: { number: 5, name: 'Mediation by a third party agency', dueOn: '2026-12-10' },
      ...extra,
    });

  it('passes senior managers of the disputing agencies (board members or not) with an uninvolved chair', () => {
    const r = checkPanel(brum());
    expect(r.valid).toBe(true);
    expect(r.checks[0]).toMatchObject({
      title: 'At least two agencies, each once',
      messages: ['2 agencies at the meeting: Torbay Council and St Marychurch Pre-school.'],
    });
    expect(r.checks[3]).toMatchObject({
      status: 'pass',
      messages: ['Raj Patel (Torbay Schools Partnership) chairs, and Torbay Schools Partnership is not in dispute.'],
    });
  });

  it('fails a chair from a disputing agency, a name-only chair, no chair', () => {
    expect(checkOf(brum({ chair: { officer: ann, name: ann.name } }), 4).messages).toEqual([
      'Ann Carter is from Torbay Council, which is in dispute: choose a chair from an agency not involved in the disagreement.',
    ]);
    expect(checkOf(brum({ chair: { officer: null, name: 'Independent chair' } }), 4).messages).toEqual([
      'Independent chair is not an officer in the agency directory: this policy needs the chair to be a board member from an agency not in dispute, so choose the chair from the directory.',
    ]);
    expect(checkOf(brum({ chair: { officer: null, name: '  ' } }), 4).messages).toEqual([
      'Choose who will chair the meeting: a board member from an agency not in dispute.',
    ]);
    expect(checkOf(brum({ chair: { officer: { ...raj, leftOn: '2026-11-01' }, name: raj.name } }), 4).status).toBe('fail');
  });

  it('needs at least two agencies, all the disputing ones, and no retired agency', () => {
    expect(checkOf(brum({ seats: [seat(TC, hugh)] }), 1).messages).toEqual([
      'A meeting under this policy needs at least two agencies, the agencies in dispute; 1 is chosen: add 1 more.',
    ]);
    expect(
      checkPanel(brum({ disputing: [TC, SCH, POL, NHS], seats: [seat(TC, hugh), seat(SCH, jo), seat(POL, priya), seat(NHS, meg)] })).valid,
    ).toBe(true);
    expect(checkOf(brum({ seats: [seat(TC, hugh)], disputing: [TC, SCH] }), 3).messages).toEqual([
      'St Marychurch Pre-school is in dispute and this policy requires every agency in dispute to sit on the meeting: give it a seat.',
    ]);
    expect(checkOf(brum({ disputing: [TC, TRUST], seats: [seat(TC, hugh), seat(TRUST, lou)] }), 2).messages).toEqual([
      'Torbay Youth Trust is recorded as retired on 1 Oct 2026, so it cannot sit on 4 Dec 2026: choose an agency that is still active for this seat.',
    ]);
  });

  it('checks the chair’s agency is on the board when an edited rule asks for it', () => {
    const strict = { ...rule('birmingham'), membersMustBeFullBoard: true };
    const seats = [seat(TC, hugh), seat(NHS, meg)];
    expect(
      checkOf(brum({ rule: strict, seats, disputing: [TC, NHS], chair: { officer: kim, name: kim.name, agency: BEX } }), 4).messages,
    ).toEqual([
      'Bexley Council was not a member of the full board on 4 Dec 2026 (its membership ended on 30 Nov 2026): choose a chair from a board-member agency.',
    ]);
    expect(checkOf(brum({ rule: strict, seats, disputing: [TC, NHS] }), 4).status).toBe('warning');
  });
});

describe('checkPanel: policies with no panel (Bristol, Bexley)', () => {
  it.each(['bristol', 'bexley'])('%s: not valid, every check does not apply', (key) => {
    const r = checkPanel(proposal({ rule: rule(key) }));
    expect(r.valid).toBe(false);
    expect(r.checks.every((c) => c.status === 'not_applicable')).toBe(true);
    expect(r.checks[0]?.messages).toEqual([
      'This policy does not provide for a panel: the board chair resolves the disagreement another way.',
    ]);
  });
});

describe('checkPanel: properties', () => {
  it.each(['bromley', 'torbay'])('%s: seat order does not matter', (key) => {
    const base = proposal({ rule: rule(key), disputing: [TC, POL] });
    expect(checkPanel(base).valid).toBe(true);
    fc.assert(
      fc.property(fc.shuffledSubarray(VALID_SEATS, { minLength: 3, maxLength: 3 }), (seats) => {
        const r = checkPanel({ ...base, seats });
        expect(r.valid).toBe(true);
        expect(r.checks.map((c) => c.status)).toEqual(statuses(base));
      }),
    );
  });

  it('never throws for half-empty seats, odd dates and any rule; valid means no failed check', () => {
    // Includes dates a hand-edited database might hold: shown as typed, never thrown on.
    const agencies = [
      TC,
      POL,
      NHS,
      SCH,
      BEX,
      TRUST,
      EDU,
      agency(8, 'Odd Data Trust', { retiredOn: '0000-bad', memberships: [member('1999-99-99', '2000-00-00')] }),
    ];
    const officers = [
      ann,
      sam,
      hugh,
      priya,
      tom,
      meg,
      jo,
      kim,
      lou,
      raj,
      { ...meg, agencyId: 2, agencyName: POL.name },
      { ...tom, leftOn: '2026-01-01' },
      { ...raj, leftOn: '1-1-1' },
    ];
    const date = fc.option(fc.constantFrom('2026-12-04', '2026-12-25', '2020-01-01', '2026-02-30', '', 'soon'));
    const arb = fc.record({
      rule: fc.constantFrom(...['bromley', 'torbay', 'birmingham', 'bristol', 'bexley'].map(rule)),
      sitsOn: date,
      seats: fc.array(fc.record({ agency: fc.option(fc.constantFrom(...agencies)), officer: fc.option(fc.constantFrom(...officers)) }), {
        maxLength: 5,
      }),
      chair: fc.record({ officer: fc.option(fc.constantFrom(...officers)), name: fc.string() }),
      disputing: fc.subarray(agencies),
      wherePossibleReason: fc.string(),
      dueOn: date,
    });
    fc.assert(
      fc.property(arb, ({ dueOn, ...extra }) => {
        const r = checkPanel(proposal({ ...extra, stage: { number: 4, name: 'Refer via TSCB', dueOn } }));
        expect(r.checks.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(r.valid).toBe(extra.rule.kind !== 'none' && r.checks.every((c) => c.status !== 'fail'));
        for (const c of r.checks)
          if (c.status === 'fail') expect(c.messages.length > 0 && c.messages.every((m) => m.trim().length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
