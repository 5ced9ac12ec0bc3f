import { describe, expect, it } from 'vitest';
import { checkPanel, type PanelAgency, type PanelOfficer, type PanelSeat } from '../../shared/domain/panelChecks';
import { suggestPanels, type BoardMemberOnDate, type PanelSuggestionArgs } from '../../shared/domain/panelSuggestions';
import { builtInProfile, type PanelRule } from '../../shared/domain/policyProfiles';
import { ENGLAND_AND_WALES } from '../../shared/domain/workingDays';

const rule = (key: string): PanelRule => {
  const p = builtInProfile(key);
  if (!p) throw new Error(`no built-in profile ${key}`);
  return p.panelRule;
};
const agency = (id: number, name: string, extra: Partial<PanelAgency> = {}): PanelAgency => ({
  id,
  name,
  retiredOn: null,
  memberships: [{ id, from: '2020-04-01', to: null }],
  ...extra,
});
const officer = (id: number, a: PanelAgency, name: string, extra: Partial<PanelOfficer> = {}): PanelOfficer => ({
  id,
  name,
  agencyId: a.id,
  agencyName: a.name,
  role: 'Head of service',
  email: `${id}@example.gov.uk`,
  senior: true,
  boardRepresentative: true,
  leftOn: null,
  ...extra,
});

const TC = agency(1, 'Torbay Council');
const POL = agency(2, 'Devon Police');
const NHS = agency(3, 'NHS Devon');
const SCH = agency(4, 'St Marychurch Pre-school', { memberships: [] });
const EDU = agency(5, 'Torbay Schools Partnership');
const PROB = agency(6, 'Probation Service', { memberships: [{ id: 6, from: '2020-04-01', to: '2026-11-30' }] });

const ann = officer(11, TC, 'Ann Carter');
const priya = officer(21, POL, 'Priya Shah');
const tom = officer(31, NHS, 'Dr Tom Hale');
const meg = officer(32, NHS, 'Meg Wills', { senior: false, boardRepresentative: false });
const jo = officer(41, SCH, 'Jo Price', { boardRepresentative: false });
const raj = officer(51, EDU, 'Raj Patel');
const pat = officer(61, PROB, 'Pat Moss');

const entry = (a: PanelAgency, ...officers: PanelOfficer[]): BoardMemberOnDate => ({ agency: a, officers });
const BOARD = [entry(TC, ann), entry(POL, priya), entry(NHS, meg, tom), entry(EDU, raj)];

function args(extra: Partial<PanelSuggestionArgs> = {}): PanelSuggestionArgs {
  return {
    rule: rule('bromley'),
    sitsOn: '2026-12-04',
    chair: { officer: null, name: 'Independent chair' },
    disputing: [TC, POL],
    partiesToDisagreement: [],
    stage: { number: 4, name: 'Resolution by BSCP Chair', dueOn: '2026-12-10' },
    calendar: ENGLAND_AND_WALES,
    today: '2026-12-01',
    board: BOARD,
    ...extra,
  };
}
const names = (c: PanelSeat[]) => c.map((s) => `${s.agency?.name}: ${s.officer?.name}`);
const { board: _board, max: _max, ...proposalOf } = args();
const passes = (a: PanelSuggestionArgs, seats: PanelSeat[], reason = '') => {
  const { board: _b, max: _m, ...p } = a;
  return checkPanel({ ...proposalOf, ...p, seats, wherePossibleReason: reason }).valid;
};

describe('suggestPanels: Bromley', () => {
  it('seats the disputing agencies first, then each uninvolved board member with a senior officer', () => {
    const r = suggestPanels(args());
    expect(r.compositions.map(names)).toEqual([
      ['Torbay Council: Ann Carter', 'Devon Police: Priya Shah', 'NHS Devon: Dr Tom Hale'],
      ['Torbay Council: Ann Carter', 'Devon Police: Priya Shah', 'Torbay Schools Partnership: Raj Patel'],
    ]);
    for (const c of r.compositions) expect(passes(args(), c)).toBe(true);
    expect(r.explanation).toBe(
      '2 suggested panels for 4 Dec 2026, agencies in dispute first. Uninvolved board-member agencies with a senior officer named on 4 Dec 2026: NHS Devon and Torbay Schools Partnership.',
    );
    expect(suggestPanels(args({ max: 1 })).compositions).toHaveLength(1);
  });

  it('leaves out parties, the chair, officers who have left and agencies no longer on the board', () => {
    const board = [...BOARD, entry(PROB, pat)];
    // A policy that needs a separate chair (Bromley does not): the chair is not offered a seat.
    const r = suggestPanels(
      args({
        rule: { ...rule('bromley'), chairMayBeMember: false },
        board,
        partiesToDisagreement: [{ name: 'dr tom hale', email: '' }],
        chair: { officer: raj, name: raj.name },
      }),
    );
    expect(r.compositions).toEqual([]);
    expect(r.explanation).toBe('No uninvolved board-member agency has a senior officer named on 4 Dec 2026; a panel needs 1 more.');
    const left = suggestPanels(
      args({ board: [entry(TC, ann), entry(POL, priya), entry(NHS, { ...tom, leftOn: '2026-12-04' }), entry(EDU, raj)] }),
    );
    expect(left.compositions.map((c) => c[2]?.agency?.name)).toEqual(['Torbay Schools Partnership']);
  });

  it('explains too few uninvolved board-member agencies in numbers', () => {
    const r = suggestPanels(args({ disputing: [TC], board: [entry(TC, ann), entry(POL, priya), entry(NHS, meg)] }));
    expect(r.compositions).toEqual([]);
    expect(r.explanation).toBe(
      'Only one uninvolved board-member agency (Devon Police) has a senior officer named on 4 Dec 2026; a panel needs 1 more.',
    );
  });

  it('cannot suggest a panel when a disputing agency is not on the board and the rule requires it', () => {
    const r = suggestPanels(args({ disputing: [TC, SCH] }));
    expect(r.compositions).toEqual([]);
    expect(r.explanation).toBe(
      'This policy’s panel cannot be formed for this case: St Marychurch Pre-school is in dispute, so this policy needs it on the panel, but the panel seats only members of the full board and St Marychurch Pre-school was not a member of the full board on 4 Dec 2026 (no board membership is recorded for it). The chair can instead resolve it directly with the senior managers, or record a departure from the policy with a written reason.',
    );
  });

  it('says when the chair is the only officer who could sit for a disputing agency', () => {
    expect(suggestPanels(args({ chair: { officer: ann, name: ann.name } })).compositions.map(names)[0]).toEqual([
      'Torbay Council: Ann Carter',
      'Devon Police: Priya Shah',
      'NHS Devon: Dr Tom Hale',
    ]);
    const r = suggestPanels(args({ rule: { ...rule('bromley'), chairMayBeMember: false }, chair: { officer: ann, name: ann.name } }));
    expect(r.compositions).toEqual([]);
    expect(r.explanation).toBe(
      'Torbay Council has no senior officer who could sit on 4 Dec 2026 other than the chair, Ann Carter. This policy requires every agency in dispute to sit on the panel, so no panel can be suggested.',
    );
  });

  it('three agencies in dispute make one panel; four cannot be formed under Bromley, and under Torbay make every choice of three, each needing a reason', () => {
    expect(suggestPanels(args({ disputing: [TC, POL, NHS] })).compositions.map((c) => c.map((s) => s.agency?.name))).toEqual([
      ['Torbay Council', 'Devon Police', 'NHS Devon'],
    ]);
    const bromley = suggestPanels(args({ disputing: [TC, POL, NHS, EDU] }));
    expect(bromley.compositions).toEqual([]);
    expect(bromley.explanation).toMatch(/^This policy’s panel cannot be formed for this case: 4 agencies are in dispute/);
    expect(
      suggestPanels(args({ disputing: [TC, POL, NHS, EDU], departureReason: 'The fourth agency gives a written representation.' }))
        .compositions,
    ).toHaveLength(4);
    const four = args({ rule: rule('torbay'), disputing: [TC, POL, NHS, EDU] });
    const r = suggestPanels(four);
    expect(r.compositions).toHaveLength(4);
    expect(r.explanation).toContain(
      'A three-seat panel cannot hold all 4 agencies in dispute, so each suggestion leaves some off and the chair must write a reason.',
    );
    for (const c of r.compositions) expect(passes(four, c, 'The fourth agency will give a written representation.')).toBe(true);
  });
});

describe('suggestPanels: Torbay', () => {
  it('leaves off a disputing agency that is not a board member and says a reason is needed', () => {
    const a = args({ rule: rule('torbay'), disputing: [TC, SCH], board: [...BOARD, entry(SCH, jo)] });
    const r = suggestPanels(a);
    expect(r.compositions.map((c) => c.map((s) => s.officer?.name))).toEqual([
      ['Ann Carter', 'Priya Shah', 'Dr Tom Hale'],
      ['Ann Carter', 'Priya Shah', 'Raj Patel'],
      ['Ann Carter', 'Dr Tom Hale', 'Raj Patel'],
    ]);
    expect(r.explanation).toContain(
      'St Marychurch Pre-school is not a member of the full board on 4 Dec 2026. Each suggestion leaves it off, so the chair must write a reason.',
    );
    expect(r.explanation).toContain(
      'Uninvolved board-member agencies with a board representative named on 4 Dec 2026: Devon Police, NHS Devon and Torbay Schools Partnership.',
    );
    for (const c of r.compositions) expect(passes(a, c, 'The pre-school is not a board member.')).toBe(true);
  });

  it('names a disputing board member with no representative who could sit', () => {
    const r = suggestPanels(
      args({ rule: rule('torbay'), disputing: [TC, NHS], board: [entry(TC, ann), entry(NHS, meg), entry(POL, priya), entry(EDU, raj)] }),
    );
    expect(r.explanation).toContain('NHS Devon has no board representative who could sit on 4 Dec 2026.');
    expect(r.compositions[0]?.map((s) => s.agency?.name)).toEqual(['Torbay Council', 'Devon Police', 'Torbay Schools Partnership']);
  });
});

describe('suggestPanels: Birmingham, Bristol, Bexley and a missing date', () => {
  it('Birmingham: suggests the disputing agencies’ senior managers under an uninvolved chair', () => {
    const a = args({
      rule: rule('birmingham'),
      disputing: [TC, SCH],
      chair: { officer: raj, name: raj.name },
      board: [...BOARD, entry(SCH, jo)],
    });
    const r = suggestPanels(a);
    expect(r.compositions.map(names)).toEqual([['Torbay Council: Ann Carter', 'St Marychurch Pre-school: Jo Price']]);
    expect(passes(a, r.compositions[0] ?? [])).toBe(true);
  });

  it('Birmingham: a chair from a disputing agency leaves nothing to suggest, and says why', () => {
    const r = suggestPanels(args({ rule: rule('birmingham'), disputing: [TC, POL], chair: { officer: priya, name: priya.name } }));
    expect(r.compositions).toEqual([]);
    expect(r.explanation).toContain(
      'Priya Shah is from Devon Police, which is in dispute: choose a chair from an agency not involved in the disagreement.',
    );
  });

  it.each(['bristol', 'bexley'])('%s: no panel in the policy', (key) => {
    expect(suggestPanels(args({ rule: rule(key) }))).toEqual({
      compositions: [],
      explanation: 'This policy does not provide for a panel, so there is nothing to suggest.',
    });
  });

  it('asks for the date first', () => {
    expect(suggestPanels(args({ sitsOn: null })).explanation).toBe(
      'Choose the date the panel will sit first: who can sit depends on board membership on that date.',
    );
  });
});
