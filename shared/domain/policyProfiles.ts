// A board's escalation policy as data: the stages, their timescales and the last step. The five
// built-in profiles are read from the policy texts in shared/policies; a board picks one and may
// edit a copy (editProfile). Pure: no I/O.
import { z } from 'zod';

/** Whole working days, 0-60. 0 = "the same working day"; null = the policy sets none
 *  ("shortest timescale possible" or silent), so the stage has no due date. */
const timescale = z
  .number({ error: 'Give the timescale as a number of working days, or leave it not set' })
  .int('Give the timescale in whole working days')
  .min(0, 'A timescale cannot be negative')
  .max(60, 'Keep a timescale to 60 working days or fewer')
  .nullable();

const text = (what: string, max = 2000) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `Keep ${what} under ${max} characters`);

export const policyStageSchema = z.object({
  number: z.number({ error: 'Give each stage a number' }).int('Stage numbers are whole numbers').min(0, 'Stage numbers start at 0 or 1'),
  name: text('a stage name', 120),
  description: text('what happens at the stage'),
  timescaleWorkingDays: timescale,
  /** Where a child is at immediate risk the stage must be reached the same working day. */
  sameWorkingDayIfImmediateRisk: z.boolean().optional(),
  /** Whoever handles this stage tells the board manager (Torbay stage 3). */
  notifyBoardManager: z.boolean().optional(),
});
export type PolicyStage = z.infer<typeof policyStageSchema>;

export const panelRuleSchema = z
  .object({
    kind: z.enum(['none', 'three_agency_panel', 'uninvolved_chair_meeting'], {
      error: 'Choose no panel, a three-agency panel, or a meeting chaired by an uninvolved agency',
    }),
    disputingAgenciesOnPanel: z.enum(['required', 'where_possible', 'not_applicable'], {
      error: 'Say whether the agencies in dispute must sit on the panel',
    }),
    chairAgencyMustBeUninvolved: z.boolean(),
    membersMustBeFullBoard: z.boolean(),
    seniorOfficersOnly: z.boolean(),
    boardRepresentativesOnly: z.boolean(),
    /** May one of the seated officers chair? Bromley and Torbay name no separate chair (the panel
     *  "collectively" resolves); Birmingham's meeting is chaired by a board member from elsewhere. */
    chairMayBeMember: z.boolean({ error: 'Say whether one of the panel’s members may chair it' }),
  })
  .superRefine((rule, ctx) => {
    const problem = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (rule.kind === 'none') {
      if (rule.disputingAgenciesOnPanel !== 'not_applicable')
        problem('With no panel, who sits on the panel does not apply', 'disputingAgenciesOnPanel');
      if (rule.chairAgencyMustBeUninvolved || rule.membersMustBeFullBoard || rule.seniorOfficersOnly || rule.boardRepresentativesOnly)
        problem('With no panel, leave all the panel membership rules off', 'kind');
    } else if (rule.disputingAgenciesOnPanel === 'not_applicable') {
      problem('Say whether the agencies in dispute must sit on the panel: required or where possible', 'disputingAgenciesOnPanel');
    }
    if (rule.kind === 'uninvolved_chair_meeting' && !rule.chairAgencyMustBeUninvolved)
      problem(
        'A meeting chaired by an uninvolved agency needs its chair to come from an agency not in dispute',
        'chairAgencyMustBeUninvolved',
      );
    if (rule.kind === 'uninvolved_chair_meeting' && rule.chairMayBeMember)
      problem('A meeting chaired by an uninvolved agency is chaired by someone who does not sit for an agency at it', 'chairMayBeMember');
  });
export type PanelRule = z.infer<typeof panelRuleSchema>;

export const policyProfileSchema = z
  .object({
    key: z
      .string({ error: 'Give the profile a key' })
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'A profile key is lower-case letters, digits and hyphens, up to 63 characters'),
    name: text('the profile name', 120),
    source: text('the policy the profile comes from', 200),
    stages: z.array(policyStageSchema).min(1, 'A policy needs at least one stage').max(10, 'A policy can have at most 10 stages'),
    lastStep: text('the last step'),
    panelRule: panelRuleSchema,
    notifications: z.object({
      childProtectionChair: z.boolean(),
      independentReviewingOfficer: z.boolean(),
      boardManagerAtStage: z.number().int().nullable(),
    }),
    referralRoute: text('how a case is referred to the board'),
    resolveTimescaleNote: text('the policy’s words on timescales'),
  })
  .superRefine((p, ctx) => {
    const first = p.stages[0]?.number ?? 1;
    if (first > 1)
      ctx.addIssue({
        code: 'custom',
        message: `Number the first stage 0 (pre-escalation) or 1, not ${first}`,
        path: ['stages', 0, 'number'],
      });
    p.stages.forEach((s, i) => {
      if (s.number !== first + i)
        ctx.addIssue({
          code: 'custom',
          message: `Stage numbers must run on one at a time from ${first}: the stage in position ${i + 1} should be ${first + i}, not ${s.number}`,
          path: ['stages', i, 'number'],
        });
    });
    const at = p.notifications.boardManagerAtStage;
    if (at !== null && !p.stages.some((s) => s.number === at))
      ctx.addIssue({
        code: 'custom',
        message: `The board manager is told at stage ${at}, but there is no stage ${at}`,
        path: ['notifications', 'boardManagerAtStage'],
      });
    for (const s of p.stages)
      if ((s.notifyBoardManager ?? false) !== (s.number === at))
        ctx.addIssue({
          code: 'custom',
          message: `Stage ${s.number} and the notifications disagree about when the board manager is told`,
          path: ['notifications', 'boardManagerAtStage'],
        });
  });
export type PolicyProfile = z.infer<typeof policyProfileSchema>;

const NO_PANEL: PanelRule = {
  kind: 'none',
  disputingAgenciesOnPanel: 'not_applicable',
  chairAgencyMustBeUninvolved: false,
  membersMustBeFullBoard: false,
  seniorOfficersOnly: false,
  boardRepresentativesOnly: false,
  chairMayBeMember: false,
};
const NO_NOTIFICATIONS = { childProtectionChair: false, independentReviewingOfficer: false, boardManagerAtStage: null };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// Bromley: "resolve differences through discussion within one working week or a timescale that
// protects the child from harm (whichever is shortest)" -> 5 per stage; the stages set no other.
const BROMLEY_WEEK = 5;
// Birmingham: "In all other circumstances professionals should attempt to resolve disagreements
// within one working week" -> 5 for every stage after the first.
const BIRMINGHAM_WEEK = 5;

export const BUILT_IN_PROFILES: readonly PolicyProfile[] = deepFreeze<PolicyProfile[]>([
  {
    key: 'bromley',
    name: 'Bromley (Mrs Bonds Village Nursery)',
    source: 'bromley-mrs-bonds-village-nursery.txt',
    stages: [
      // Immediate harm: "a referral must be made to MASH ... and the designated safeguarding lead
      // should be informed immediately"; timescale is "whichever is shortest".
      {
        number: 1,
        name: 'Discuss with the other worker',
        description: 'The people who disagree discuss it, by phone or face to face, as soon as possible.',
        timescaleWorkingDays: BROMLEY_WEEK,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 2,
        name: 'Escalate to line manager',
        description:
          'The manager discusses it with the equivalent manager in the other agency. Child protection chair or IRO notified where the child has a plan or is looked after.',
        timescaleWorkingDays: BROMLEY_WEEK,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 3,
        name: 'Escalate to senior managers',
        description:
          'Each manager reports to their own manager or named/designated safeguarding lead; escalation goes up the tiers of management, and each agency’s BSCP members are engaged before the chair.',
        timescaleWorkingDays: BROMLEY_WEEK,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 4,
        name: 'Resolution by BSCP Chair',
        description: 'The BSCP chair resolves it direct with the relevant senior managers, or convenes a resolution panel.',
        timescaleWorkingDays: BROMLEY_WEEK,
        sameWorkingDayIfImmediateRisk: true,
      },
    ],
    lastStep:
      'The BSCP chair either resolves the issue direct with the relevant senior managers, or convenes a resolution panel, which hears those in dispute and collectively resolves it.',
    // "senior officers from three agencies who are members of the full Board ... must include the agencies concerned"
    // No separate panel chair is named: the panel "collectively resolves", so a member may chair it.
    panelRule: {
      kind: 'three_agency_panel',
      disputingAgenciesOnPanel: 'required',
      chairAgencyMustBeUninvolved: false,
      membersMustBeFullBoard: true,
      seniorOfficersOnly: true,
      boardRepresentativesOnly: false,
      chairMayBeMember: true,
    },
    // "relevant Child Protection Chair or Independent Reviewing Officer must also be notified" (stage 2)
    notifications: { childProtectionChair: true, independentReviewingOfficer: true, boardManagerAtStage: null },
    referralRoute: 'The nursery e-mails the details to bscp@bromley.gov.uk for the attention of the independent chair.',
    resolveTimescaleNote:
      'Resolve through discussion within one working week, or a timescale that protects the child from harm, whichever is shortest.',
  },
  {
    key: 'bristol',
    name: 'Bristol (BS3 Early Education)',
    source: 'bristol-bs3-early-education.txt',
    // The flow chart is not in the text; these two stages are what the text itself says:
    // "as close to the point of origin as possible" and "dealt with between levels in management".
    // Timescales: "Resolution should be sought within the shortest timescale possible" -> not set.
    stages: [
      {
        number: 1,
        name: 'Discussion between practitioners',
        description:
          'Child-centred discussion between the agencies, as close to the point of origin as possible. At immediate risk of harm, contact First Response and the police without waiting.',
        timescaleWorkingDays: null,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 2,
        name: 'Escalation between levels of management',
        description:
          'The disagreement is taken up between the levels of management until it is resolved; the referring member of staff is kept informed.',
        timescaleWorkingDays: null,
        sameWorkingDayIfImmediateRisk: true,
      },
    ],
    lastStep:
      'No step beyond management is named in the text: the parties confirm the agreed outcome in writing and how any outstanding issues will be pursued.',
    panelRule: NO_PANEL,
    notifications: NO_NOTIFICATIONS,
    referralRoute:
      'The policy names no referral to the board. A child at risk of immediate harm is referred to First Response and the police.',
    resolveTimescaleNote: 'Within the shortest timescale possible; some disagreements need especially speedy resolution.',
  },
  {
    key: 'birmingham',
    name: 'Birmingham (Hollyfield Primary, LTE)',
    source: 'birmingham-hollyfield-primary.txt',
    // The text heads both the fourth and fifth steps "Stage Four"; the mediation follows "When
    // resolution cannot be achieved at Stage Four", so it is numbered 5 here.
    // Immediate risk: "concerns are escalated on the same working day" (every stage).
    stages: [
      // "This should be done on the same working day that the disagreement arises." -> 0
      {
        number: 1,
        name: 'Consulting the line manager',
        description: 'The professional consults their own manager or supervisor to clarify their thinking and the outcome they want.',
        timescaleWorkingDays: 0,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 2,
        name: 'Discussion between the professionals',
        description: 'The professionals who disagree discuss the issues and how far the disagreement bears on the risk to the child.',
        timescaleWorkingDays: BIRMINGHAM_WEEK,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 3,
        name: 'Escalation to line managers',
        description:
          'Each professional tells their manager or supervisor, who discusses it with the equivalent manager in the other agency.',
        timescaleWorkingDays: BIRMINGHAM_WEEK,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 4,
        name: 'Escalation to safeguarding leads or senior managers',
        description: 'Each manager reports to their named or designated safeguarding lead or service manager; these two try to resolve it.',
        timescaleWorkingDays: BIRMINGHAM_WEEK,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 5,
        name: 'Mediation by a third party agency',
        description:
          'Referred to the board’s business coordinator; the board chair names a board member from an uninvolved agency to chair a meeting of senior managers.',
        timescaleWorkingDays: BIRMINGHAM_WEEK,
        sameWorkingDayIfImmediateRisk: true,
      },
    ],
    lastStep:
      'The board chair names a board member from an uninvolved agency to chair a meeting of senior managers with operational responsibility for the case: the final opportunity to reach a decision. Its chair reports back to the board chair.',
    // "a Board member from an uninvolved agency to chair a meeting of senior managers with
    // operational responsibility for the case": those managers come from the agencies in dispute.
    panelRule: {
      kind: 'uninvolved_chair_meeting',
      disputingAgenciesOnPanel: 'required',
      chairAgencyMustBeUninvolved: true,
      membersMustBeFullBoard: false,
      seniorOfficersOnly: true,
      boardRepresentativesOnly: false,
      chairMayBeMember: false,
    },
    notifications: NO_NOTIFICATIONS,
    referralRoute: 'Referred to the business coordinator of the Safeguarding Children Board, who notifies the chair of the board.',
    resolveTimescaleNote: 'The same working day where a child is at immediate risk of significant harm; otherwise within one working week.',
  },
  {
    key: 'bexley',
    name: 'Bexley (BSCB)',
    source: 'bexley-safeguarding-board.txt',
    // The policy sets no timescales at any stage -> null throughout.
    stages: [
      {
        number: 1,
        name: 'Agency’s own escalation policy',
        description:
          'Agencies use their own escalation policies first (London Child Protection procedures for child protection disputes) and record their use.',
        timescaleWorkingDays: null,
      },
      {
        number: 2,
        name: 'Multi-agency meeting',
        description: 'Any statutory agency can require a multi-agency meeting to resolve the professional differences.',
        timescaleWorkingDays: null,
      },
      {
        number: 3,
        name: 'BSCB Chair',
        description:
          'As a last resort the BSCB chair acts as arbitrator or mediator and supports the partners to resolve their differences.',
        timescaleWorkingDays: null,
      },
    ],
    lastStep: 'The BSCB chair, as arbitrator or mediator of last resort, supports the partners to resolve their differences.',
    panelRule: NO_PANEL,
    notifications: NO_NOTIFICATIONS,
    referralRoute:
      'E-mail bscb@bexley.gov.uk marked for the attention of the independent chair, setting out the reasons for the differences and what has happened so far.',
    resolveTimescaleNote: 'Not set by the policy.',
  },
  {
    key: 'torbay',
    name: 'Torbay (St Marychurch Pre-school)',
    source: 'torbay-st-marychurch-preschool.txt',
    // Immediate harm: "discretion should be used as to which stage is initiated" -- a choice of
    // starting stage, not a same-day rule, so sameWorkingDayIfImmediateRisk is left off.
    stages: [
      // The policy gives pre-escalation no timescale.
      {
        number: 0,
        name: 'Pre-escalation',
        description:
          'The worker consults a supervisor or manager in their own organisation to pin down the disagreement and what they aim to achieve.',
        timescaleWorkingDays: null,
      },
      // "Stage 1/2: 1 week of the issues being raised (5 working days)" -> 5 for each.
      {
        number: 1,
        name: 'Professional',
        description: 'The people who disagree try to resolve it at the lowest possible level.',
        timescaleWorkingDays: 5,
      },
      {
        number: 2,
        name: 'Manager',
        description: 'The worker’s supervisor or manager raises it with the equivalent manager in the other agency.',
        timescaleWorkingDays: 5,
      },
      // "Stage 3: 1 additional week of the issues not being resolved at Stage 2 (5 working days)"
      {
        number: 3,
        name: 'Committee member',
        description:
          'The manager reports to the committee chair or named safeguarding committee member, who tries to resolve it and tells the board manager.',
        timescaleWorkingDays: 5,
        notifyBoardManager: true,
      },
      // "Stage 4: 2 additional weeks of the issues not being reached at Stage 3" -> 10
      {
        number: 4,
        name: 'Refer via TSCB',
        description: 'Referred to the chair of the safeguarding children board, who resolves it direct or convenes a resolution panel.',
        timescaleWorkingDays: 10,
      },
    ],
    lastStep:
      'The board chair either seeks to resolve the issue direct, or convenes a resolution panel, which hears those concerned and decides the next course of action.',
    // "the LSCB representatives from three agencies (including the agencies concerned in the
    // professional differences, where possible)". Only a board member agency has a representative.
    // No separate panel chair here either: "the panel will ... make a decision", so a member may chair.
    panelRule: {
      kind: 'three_agency_panel',
      disputingAgenciesOnPanel: 'where_possible',
      chairAgencyMustBeUninvolved: false,
      membersMustBeFullBoard: true,
      seniorOfficersOnly: false,
      boardRepresentativesOnly: true,
      chairMayBeMember: true,
    },
    // "The Committee member should also notify the Safeguarding Children Board Manager"
    notifications: { childProtectionChair: false, independentReviewingOfficer: false, boardManagerAtStage: 3 },
    referralRoute: 'Referred via TSCB to the chair of the local safeguarding children board.',
    resolveTimescaleNote:
      'Shortest timescale possible: stages 1 and 2 within one week (5 working days), stage 3 one more week (5 working days), stage 4 two more weeks.',
  },
]);

export function builtInProfile(key: string): PolicyProfile | null {
  return BUILT_IN_PROFILES.find((p) => p.key === key) ?? null;
}

/**
 * Reads a profile as stored. Versions written before a field existed lack it; each such field is
 * filled here, and only here, so every reader of stored profiles agrees:
 * - panelRule.chairMayBeMember: the built-in's answer, by the profile's own key or the key it was
 *   based on; otherwise no for a meeting chaired by an uninvolved agency (which that rule forbids)
 *   and for no panel, and yes for a three-agency panel, as both built-in three-agency panels say.
 * Throws a ZodError when the stored text is not a profile at all.
 */
export function parseStoredProfile(definitionJson: string, basedOn: string | null = null): PolicyProfile {
  const raw = JSON.parse(definitionJson) as { key?: unknown; panelRule?: Record<string, unknown> } | null;
  if (raw && typeof raw === 'object' && raw.panelRule && typeof raw.panelRule === 'object' && !('chairMayBeMember' in raw.panelRule)) {
    const builtIn = (typeof raw.key === 'string' ? builtInProfile(raw.key) : null) ?? (basedOn ? builtInProfile(basedOn) : null);
    const chairMayBeMember =
      builtIn && builtIn.panelRule.kind === raw.panelRule.kind
        ? builtIn.panelRule.chairMayBeMember
        : raw.panelRule.kind === 'three_agency_panel';
    raw.panelRule = { ...raw.panelRule, chairMayBeMember };
  }
  return policyProfileSchema.parse(raw);
}

export function stageByNumber(profile: PolicyProfile, n: number): PolicyStage | null {
  return profile.stages.find((s) => s.number === n) ?? null;
}

/** What stage n is called in the profile, or "Stage n" where the profile has no such stage: the one fallback wherever a stage is named. */
export function stageNameOf(profile: PolicyProfile, n: number): string {
  return stageByNumber(profile, n)?.name ?? `Stage ${n}`;
}

/** The stage after stage n, or null when n is the final stage. Throws if n is not a stage. */
export function nextStage(profile: PolicyProfile, n: number): PolicyStage | null {
  if (!stageByNumber(profile, n)) throw new RangeError(`${profile.name} has no stage ${n}`);
  return stageByNumber(profile, n + 1);
}

export function firstStage(profile: PolicyProfile): PolicyStage {
  const s = profile.stages[0];
  if (!s) throw new RangeError(`${profile.name} has no stages`);
  return s;
}

export function finalStage(profile: PolicyProfile): PolicyStage {
  const s = profile.stages[profile.stages.length - 1];
  if (!s) throw new RangeError(`${profile.name} has no stages`);
  return s;
}

export type StageInput = z.input<typeof policyStageSchema>;
export interface ProfileEdits {
  /** An edited copy is a new profile: it needs its own key and name. */
  key: string;
  name: string;
  /** Replace the whole stage list (add or remove stages). Applied before stageEdits. */
  stages?: readonly StageInput[];
  /** Change single stages, by stage number. */
  stageEdits?: Readonly<Record<number, Partial<Omit<StageInput, 'number'>>>>;
  panelRule?: Partial<PanelRule>;
  notifications?: Partial<PolicyProfile['notifications']>;
  lastStep?: string;
  referralRoute?: string;
  resolveTimescaleNote?: string;
}

/**
 * A NEW validated profile: a copy of base with the edits applied. Base is never changed, so
 * escalations opened under it keep their rules. Throws a ZodError whose messages are plain words.
 */
export function editProfile(base: PolicyProfile, edits: ProfileEdits): PolicyProfile {
  const issues: z.core.$ZodIssue[] = [];
  if (builtInProfile(edits.key))
    issues.push({
      code: 'custom',
      message: `"${edits.key}" is the key of a built-in profile: choose another key for the edited copy`,
      path: ['key'],
      input: edits.key,
    });

  const stages: StageInput[] = structuredClone([...(edits.stages ?? base.stages)]);
  for (const [numberText, patch] of Object.entries(edits.stageEdits ?? {})) {
    const i = stages.findIndex((s) => s.number === Number(numberText));
    const stage = stages[i];
    if (!stage) issues.push({ code: 'custom', message: `There is no stage ${numberText} to change`, path: ['stages'], input: numberText });
    else stages[i] = { ...stage, ...patch, number: stage.number };
  }
  if (issues.length > 0) throw new z.ZodError(issues);

  // The board manager's stage is said twice (notifications and the stage's flag) so that both a
  // stage list and a notice list read naturally; whichever the edit touched decides the other.
  const notifications = { ...base.notifications, ...edits.notifications };
  const flagsTouched = edits.stages !== undefined || Object.values(edits.stageEdits ?? {}).some((p) => 'notifyBoardManager' in p);
  if (edits.notifications?.boardManagerAtStage !== undefined) {
    for (const s of stages) {
      if (s.number === notifications.boardManagerAtStage) s.notifyBoardManager = true;
      else delete s.notifyBoardManager;
    }
  } else if (flagsTouched) {
    const flagged = stages.filter((s) => s.notifyBoardManager === true);
    if (flagged.length <= 1) notifications.boardManagerAtStage = flagged[0]?.number ?? null;
  }

  const candidate = {
    ...structuredClone(base),
    key: edits.key,
    name: edits.name,
    stages,
    panelRule: { ...base.panelRule, ...edits.panelRule },
    notifications,
    ...(edits.lastStep !== undefined && { lastStep: edits.lastStep }),
    ...(edits.referralRoute !== undefined && { referralRoute: edits.referralRoute }),
    ...(edits.resolveTimescaleNote !== undefined && { resolveTimescaleNote: edits.resolveTimescaleNote }),
  };
  return policyProfileSchema.parse(candidate);
}
