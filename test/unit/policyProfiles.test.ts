import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BUILT_IN_PROFILES,
  builtInProfile,
  editProfile,
  finalStage,
  firstStage,
  nextStage,
  parseStoredProfile,
  policyProfileSchema,
  stageByNumber,
  type PolicyProfile,
} from '../../shared/domain/policyProfiles';

function profile(key: string): PolicyProfile {
  const p = builtInProfile(key);
  if (!p) throw new Error(`no built-in profile ${key}`);
  return p;
}

/** [number, name, timescale] for each stage: the shape a reader checks against the policy. */
const ladder = (p: PolicyProfile) => p.stages.map((s) => [s.number, s.name, s.timescaleWorkingDays]);

/** Collects the messages of the ZodError that fn throws. */
function zodMessages(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof z.ZodError) return e.issues.map((i) => i.message);
    throw e;
  }
  throw new Error('expected a ZodError');
}

describe('built-in profiles', () => {
  it('are the five policies, each with a unique key, and each parses with the schema unchanged', () => {
    expect(BUILT_IN_PROFILES.map((p) => p.key)).toEqual(['bromley', 'bristol', 'birmingham', 'bexley', 'torbay']);
    for (const p of BUILT_IN_PROFILES) expect(policyProfileSchema.parse(p)).toEqual(p);
  });

  it('name their policy file', () => {
    expect(BUILT_IN_PROFILES.map((p) => p.source)).toEqual([
      'bromley-mrs-bonds-village-nursery.txt',
      'bristol-bs3-early-education.txt',
      'birmingham-hollyfield-primary.txt',
      'bexley-safeguarding-board.txt',
      'torbay-st-marychurch-preschool.txt',
    ]);
  });

  it('are frozen, so no caller can rewrite a board’s rules in place', () => {
    const bromley = profile('bromley');
    expect(Object.isFrozen(bromley.stages[0])).toBe(true);
    expect(() => {
      (bromley.stages[0] as { timescaleWorkingDays: number | null }).timescaleWorkingDays = 99;
    }).toThrow(TypeError);
  });

  it('Bromley: 4 stages of one working week, chair or a three-agency full-board panel that must include those in dispute', () => {
    const p = profile('bromley');
    expect(p.name).toBe('Bromley (Mrs Bonds Village Nursery)');
    expect(ladder(p)).toEqual([
      [1, 'Discuss with the other worker', 5],
      [2, 'Escalate to line manager', 5],
      [3, 'Escalate to senior managers', 5],
      [4, 'Resolution by BSCP Chair', 5],
    ]);
    expect(p.stages.every((s) => s.sameWorkingDayIfImmediateRisk)).toBe(true);
    expect(p.panelRule).toEqual({
      kind: 'three_agency_panel',
      disputingAgenciesOnPanel: 'required',
      chairAgencyMustBeUninvolved: false,
      membersMustBeFullBoard: true,
      seniorOfficersOnly: true,
      boardRepresentativesOnly: false,
      chairMayBeMember: true,
    });
    expect(p.notifications).toEqual({ childProtectionChair: true, independentReviewingOfficer: true, boardManagerAtStage: null });
    expect(p.referralRoute).toMatch(/bscp@bromley\.gov\.uk.*independent chair/);
  });

  it('Bristol: shortest possible (no set timescale), no panel, immediate harm to First Response and police', () => {
    const p = profile('bristol');
    expect(ladder(p)).toEqual([
      [1, 'Discussion between practitioners', null],
      [2, 'Escalation between levels of management', null],
    ]);
    expect(p.stages.every((s) => s.sameWorkingDayIfImmediateRisk)).toBe(true);
    expect(p.panelRule.kind).toBe('none');
    expect(p.panelRule.disputingAgenciesOnPanel).toBe('not_applicable');
    expect(p.notifications).toEqual({ childProtectionChair: false, independentReviewingOfficer: false, boardManagerAtStage: null });
    expect(p.stages[0]?.description).toMatch(/First Response and the police/);
    expect(p.resolveTimescaleNote).toMatch(/shortest timescale possible/);
  });

  it('Birmingham: 5 stages, line manager the same working day, one working week after, mediation chaired by an uninvolved agency', () => {
    const p = profile('birmingham');
    expect(ladder(p)).toEqual([
      [1, 'Consulting the line manager', 0],
      [2, 'Discussion between the professionals', 5],
      [3, 'Escalation to line managers', 5],
      [4, 'Escalation to safeguarding leads or senior managers', 5],
      [5, 'Mediation by a third party agency', 5],
    ]);
    expect(p.stages.every((s) => s.sameWorkingDayIfImmediateRisk)).toBe(true);
    expect(p.panelRule).toEqual({
      kind: 'uninvolved_chair_meeting',
      disputingAgenciesOnPanel: 'required',
      chairAgencyMustBeUninvolved: true,
      membersMustBeFullBoard: false,
      seniorOfficersOnly: true,
      boardRepresentativesOnly: false,
      chairMayBeMember: false,
    });
    expect(p.referralRoute).toMatch(/business coordinator/);
    expect(p.lastStep).toMatch(/reports back to the board chair/);
  });

  it('Bexley: own policies, multi-agency meeting, chair as last resort; no timescales, no panel', () => {
    const p = profile('bexley');
    expect(ladder(p)).toEqual([
      [1, 'Agency’s own escalation policy', null],
      [2, 'Multi-agency meeting', null],
      [3, 'BSCB Chair', null],
    ]);
    expect(p.stages.some((s) => s.sameWorkingDayIfImmediateRisk)).toBe(false);
    expect(p.panelRule.kind).toBe('none');
    expect(p.referralRoute).toMatch(/bscb@bexley\.gov\.uk.*Independent chair.*what has happened so far/i);
    expect(p.resolveTimescaleNote).toBe('Not set by the policy.');
  });

  it('Torbay: pre-escalation then 4 stages of 5, 5, 5 and 10 working days; board manager told at stage 3; panel of board representatives', () => {
    const p = profile('torbay');
    expect(ladder(p)).toEqual([
      [0, 'Pre-escalation', null],
      [1, 'Professional', 5],
      [2, 'Manager', 5],
      [3, 'Committee member', 5],
      [4, 'Refer via TSCB', 10],
    ]);
    expect(p.stages.filter((s) => s.notifyBoardManager).map((s) => s.number)).toEqual([3]);
    expect(p.notifications).toEqual({ childProtectionChair: false, independentReviewingOfficer: false, boardManagerAtStage: 3 });
    expect(p.stages.some((s) => s.sameWorkingDayIfImmediateRisk)).toBe(false);
    expect(p.panelRule).toEqual({
      kind: 'three_agency_panel',
      disputingAgenciesOnPanel: 'where_possible',
      chairAgencyMustBeUninvolved: false,
      membersMustBeFullBoard: true,
      seniorOfficersOnly: false,
      boardRepresentativesOnly: true,
      chairMayBeMember: true,
    });
  });
});

describe('stage helpers', () => {
  it('stageByNumber finds a stage or gives null', () => {
    expect(stageByNumber(profile('torbay'), 0)?.name).toBe('Pre-escalation');
    expect(stageByNumber(profile('torbay'), 5)).toBeNull();
    expect(stageByNumber(profile('bromley'), 0)).toBeNull();
  });

  it('nextStage goes up one stage and is null at the last stage', () => {
    expect(nextStage(profile('torbay'), 0)?.number).toBe(1);
    expect(nextStage(profile('birmingham'), 4)?.name).toBe('Mediation by a third party agency');
    for (const p of BUILT_IN_PROFILES) expect(nextStage(p, finalStage(p).number)).toBeNull();
  });

  it('nextStage refuses a stage the policy does not have', () => {
    expect(() => nextStage(profile('bromley'), 7)).toThrow(/Bromley .* has no stage 7/);
  });

  it('firstStage and finalStage', () => {
    expect(BUILT_IN_PROFILES.map((p) => [firstStage(p).number, finalStage(p).number])).toEqual([
      [1, 4],
      [1, 2],
      [1, 5],
      [1, 3],
      [0, 4],
    ]);
  });
});

describe('editProfile', () => {
  const bromley = profile('bromley');

  it('returns a new validated copy with its own key and name, leaving the base unchanged', () => {
    const edited = editProfile(bromley, {
      key: 'bromley-2025',
      name: 'Bromley 2025',
      stageEdits: { 1: { timescaleWorkingDays: 3 }, 4: { name: 'Independent chair', timescaleWorkingDays: 10 } },
      panelRule: { disputingAgenciesOnPanel: 'where_possible' },
    });
    expect(edited).not.toBe(bromley);
    expect(edited.key).toBe('bromley-2025');
    expect(ladder(edited)).toEqual([
      [1, 'Discuss with the other worker', 3],
      [2, 'Escalate to line manager', 5],
      [3, 'Escalate to senior managers', 5],
      [4, 'Independent chair', 10],
    ]);
    expect(edited.panelRule.disputingAgenciesOnPanel).toBe('where_possible');
    expect(edited.panelRule.membersMustBeFullBoard).toBe(true);
    expect(edited.source).toBe(bromley.source);
    expect(ladder(bromley)[3]).toEqual([4, 'Resolution by BSCP Chair', 5]);
    expect(policyProfileSchema.parse(edited)).toEqual(edited);
  });

  it('can set a timescale to "not set", and trims names', () => {
    const edited = editProfile(bromley, {
      key: 'b2',
      name: '  Bromley two  ',
      stageEdits: { 2: { timescaleWorkingDays: null, name: ' Managers ' } },
    });
    expect(edited.name).toBe('Bromley two');
    expect(stageByNumber(edited, 2)).toMatchObject({ name: 'Managers', timescaleWorkingDays: null });
  });

  it('can replace the stage list, adding a stage', () => {
    const edited = editProfile(profile('bexley'), {
      key: 'bexley-local',
      name: 'Bexley local',
      stages: [
        ...profile('bexley').stages,
        { number: 4, name: 'Resolution panel', description: 'Three agencies decide.', timescaleWorkingDays: 10 },
      ],
      panelRule: {
        kind: 'three_agency_panel',
        disputingAgenciesOnPanel: 'required',
        membersMustBeFullBoard: true,
        seniorOfficersOnly: true,
      },
    });
    expect(finalStage(edited).name).toBe('Resolution panel');
    expect(nextStage(edited, 3)?.number).toBe(4);
  });

  it.each([
    [{ 1: { timescaleWorkingDays: 2.5 } }, 'Give the timescale in whole working days'],
    [{ 1: { timescaleWorkingDays: -1 } }, 'A timescale cannot be negative'],
    [{ 1: { timescaleWorkingDays: 61 } }, 'Keep a timescale to 60 working days or fewer'],
    [{ 2: { name: '   ' } }, 'Enter a stage name'],
  ])('rejects a bad stage edit %j in plain words', (stageEdits, message) => {
    expect(zodMessages(() => editProfile(bromley, { key: 'x', name: 'Bromley X', stageEdits }))).toContain(message);
  });

  it('rejects stage numbers that do not run on one at a time', () => {
    const [s1, s2, , s4] = bromley.stages;
    const messages = zodMessages(() => editProfile(bromley, { key: 'x', name: 'Bromley X', stages: [s1!, s2!, s4!] }));
    expect(messages).toContain('Stage numbers must run on one at a time from 1: the stage in position 3 should be 3, not 4');
  });

  it('rejects a first stage numbered above 1, and an empty stage list', () => {
    const renumbered = bromley.stages.map((s) => ({ ...s, number: s.number + 1 }));
    expect(zodMessages(() => editProfile(bromley, { key: 'x', name: 'Bromley X', stages: renumbered }))).toContain(
      'Number the first stage 0 (pre-escalation) or 1, not 2',
    );
    expect(zodMessages(() => editProfile(bromley, { key: 'x', name: 'Bromley X', stages: [] }))).toContain(
      'A policy needs at least one stage',
    );
  });

  it('rejects a change to a stage that does not exist', () => {
    expect(zodMessages(() => editProfile(bromley, { key: 'x', name: 'Bromley X', stageEdits: { 9: { name: 'Ninth' } } }))).toEqual([
      'There is no stage 9 to change',
    ]);
  });

  it('rejects a built-in key or a malformed key, so a copy never shadows a built-in policy', () => {
    expect(zodMessages(() => editProfile(bromley, { key: 'torbay', name: 'Mine' }))[0]).toMatch(/built-in profile/);
    expect(zodMessages(() => editProfile(bromley, { key: 'Bromley 2025', name: 'Mine' }))[0]).toMatch(
      /lower-case letters, digits and hyphens/,
    );
  });

  it('rejects panel rules that contradict themselves', () => {
    expect(zodMessages(() => editProfile(bromley, { key: 'x', name: 'X', panelRule: { kind: 'none' } }))).toEqual(
      expect.arrayContaining([
        'With no panel, who sits on the panel does not apply',
        'With no panel, leave all the panel membership rules off',
      ]),
    );
    expect(zodMessages(() => editProfile(bromley, { key: 'x', name: 'X', panelRule: { kind: 'uninvolved_chair_meeting' } }))).toContain(
      'A meeting chaired by an uninvolved agency needs its chair to come from an agency not in dispute',
    );
    expect(
      zodMessages(() => editProfile(profile('bristol'), { key: 'x', name: 'X', panelRule: { kind: 'three_agency_panel' } })),
    ).toContain('Say whether the agencies in dispute must sit on the panel: required or where possible');
  });

  it('keeps the board manager stage and the stage flag in step, whichever is edited', () => {
    const torbay = profile('torbay');
    const moved = editProfile(torbay, { key: 't2', name: 'Torbay 2', notifications: { boardManagerAtStage: 4 } });
    expect(moved.stages.filter((s) => s.notifyBoardManager).map((s) => s.number)).toEqual([4]);
    const flagged = editProfile(torbay, {
      key: 't3',
      name: 'Torbay 3',
      stageEdits: { 3: { notifyBoardManager: false }, 2: { notifyBoardManager: true } },
    });
    expect(flagged.notifications.boardManagerAtStage).toBe(2);
    const none = editProfile(torbay, { key: 't4', name: 'Torbay 4', notifications: { boardManagerAtStage: null } });
    expect(none.stages.some((s) => s.notifyBoardManager)).toBe(false);
    expect(zodMessages(() => editProfile(torbay, { key: 't5', name: 'Torbay 5', notifications: { boardManagerAtStage: 8 } }))).toContain(
      'The board manager is told at stage 8, but there is no stage 8',
    );
  });

  it('the schema itself rejects a profile whose stage flag and notifications disagree', () => {
    const torbay = structuredClone(profile('torbay'));
    const result = policyProfileSchema.safeParse({ ...torbay, notifications: { ...torbay.notifications, boardManagerAtStage: 2 } });
    expect(result.success).toBe(false);
  });
});

describe('stored profile versions written before "who may chair" existed', () => {
  const legacy = (p: PolicyProfile, extra: Record<string, unknown> = {}) => {
    const { chairMayBeMember: _dropped, ...panelRule } = p.panelRule;
    return JSON.stringify({ ...p, panelRule, ...extra });
  };
  const bromley = builtInProfile('bromley')!;
  const torbay = builtInProfile('torbay')!;
  const birmingham = builtInProfile('birmingham')!;

  it('take the built-in’s answer, by their own key or the key they were based on', () => {
    expect(parseStoredProfile(legacy(bromley)).panelRule.chairMayBeMember).toBe(true);
    expect(parseStoredProfile(legacy(birmingham)).panelRule.chairMayBeMember).toBe(false);
    expect(parseStoredProfile(legacy(torbay, { key: 'board-our-torbay' }), 'torbay').panelRule.chairMayBeMember).toBe(true);
    expect(parseStoredProfile(legacy(birmingham, { key: 'board-ours' }), 'birmingham').panelRule.chairMayBeMember).toBe(false);
  });

  it('otherwise take the safe default for the kind of panel, and keep a stored answer as it is', () => {
    expect(parseStoredProfile(legacy(birmingham, { key: 'board-x' }), 'board-y').panelRule.chairMayBeMember).toBe(false);
    expect(parseStoredProfile(legacy(bromley, { key: 'board-x' }), null).panelRule.chairMayBeMember).toBe(true);
    expect(
      parseStoredProfile(
        JSON.stringify({ ...bromley, key: 'board-x', panelRule: { ...bromley.panelRule, chairMayBeMember: false } }),
        'bromley',
      ).panelRule.chairMayBeMember,
    ).toBe(false);
    expect(() =>
      parseStoredProfile(JSON.stringify({ ...birmingham, key: 'board-x', panelRule: { ...birmingham.panelRule, chairMayBeMember: true } })),
    ).toThrow(/does not sit for an agency/);
  });
});
