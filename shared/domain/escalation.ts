// Escalations (professional disagreements) as the register records them: the words, the input
// each action takes, and what a case looks like when read back. Pure: no I/O.
import { z } from 'zod';
import { chosenId, requiredText } from './formFields';
import { recordVersionSchema } from './recordVersion';
import { stageParticipantInput, stageParticipantSchema } from './stageParticipants';
import { CASE_REFERENCE, INITIALS } from './childIdentifiers';
import { isoDate, isRealIsoDate } from './dates';
import { drillSchema } from './dashboard';
import { caseSignOffSchema, CLOSURE_WAYS, recordedSignOff, type ClosureWay } from './signOff';

export const CHILD_STATUSES = {
  early_help: 'Early help',
  child_in_need: 'Child in need',
  child_protection_plan: 'Child protection plan',
  looked_after: 'Looked after',
  none: 'None of these / not known',
} as const;
export type ChildStatus = keyof typeof CHILD_STATUSES;

export const MATTERS = {
  multi_agency_disagreement: 'A disagreement between agencies about a child’s safety',
  single_agency_disagreement: 'A disagreement inside one agency',
  complaint: 'A complaint',
  whistleblowing: 'A whistleblowing concern',
} as const;
export type Matter = keyof typeof MATTERS;

export const REFERRAL_ROUTES = {
  mash: 'MASH',
  first_response: 'First Response',
  police: 'Police',
  childrens_social_care: 'Children’s social care front door',
} as const;
export type ReferralRoute = keyof typeof REFERRAL_ROUTES;

export const OUTCOME_EFFECTS = {
  upheld: 'Original decision upheld',
  changed: 'Original decision changed',
  partly_changed: 'Original decision partly changed',
} as const;
export type OutcomeEffect = keyof typeof OUTCOME_EFFECTS;

export const ESCALATION_STATUSES = { open: 'Open', resolved: 'Resolved', withdrawn: 'Withdrawn', closed: 'Closed' } as const;
export type EscalationStatus = keyof typeof ESCALATION_STATUSES;

export const DEADLINE_STATES = {
  on_track: 'On track',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  no_timescale: 'No timescale set',
} as const;
export type DeadlineStateKey = keyof typeof DEADLINE_STATES;

export const NOTIFICATION_KINDS = {
  child_protection_chair: 'Child protection chair',
  independent_reviewing_officer: 'Independent reviewing officer',
  board_manager: 'Board manager',
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export const BUILT_IN_CATEGORIES = [
  'Level of need or threshold',
  'Nature and severity of risk',
  'How best to reduce the risk (the plan)',
  'Roles and responsibilities',
  'The need for action or inaction',
  'Information sharing and communication',
] as const;

const id = chosenId;
const text = requiredText;
const optionalText = (what: string, max: number) => z.string().trim().max(max, `Keep ${what} under ${max} characters`).default('');

export const caseReference = z
  .string({ error: 'Enter the agency’s case reference' })
  .trim()
  .regex(
    CASE_REFERENCE,
    'A case reference is letters, digits, “-”, “/” or “_”, up to 30 characters, with no spaces (never the child’s name)',
  );
export const childInitials = z
  .string()
  .trim()
  .transform((v) => v.replace(/[.\s]/g, '').toUpperCase())
  .pipe(z.string().regex(INITIALS, 'Initials are 1 to 4 letters (never the child’s name)').or(z.literal('')))
  .default('');

/**
 * A referral of a child at immediate risk. Its date has no default: the coordinator enters it, or
 * gives null to say it is not known (DOMAIN rule 1: recorded as unknown, never guessed).
 */
export const referralInput = z.object({
  to: z.enum(Object.keys(REFERRAL_ROUTES) as [ReferralRoute, ...ReferralRoute[]], { error: 'Choose where the child was referred' }),
  madeOn: z
    .string({ error: 'Enter the date the referral was made, or say that it is not known' })
    .refine(isRealIsoDate, { message: 'Enter the date the referral was made as a real date in the form YYYY-MM-DD' })
    .nullable(),
});

/**
 * How a referral stands against the same-working-day rule: none recorded, recorded with no known
 * date, made later than the same working day as the case's opening, or made by then.
 */
export const REFERRAL_TIMELINESS = {
  none: 'No referral recorded',
  date_unknown: 'Referral date not known',
  late: 'Referred later than the same working day',
  on_time: 'Referred the same working day',
} as const;
export type ReferralTimeliness = keyof typeof REFERRAL_TIMELINESS;

/** The one rule, from what was recorded: a date not known is never on time. */
export function referralTimeliness(to: string | null, madeOn: string | null, dueOn: string): ReferralTimeliness {
  if (to === null) return 'none';
  if (madeOn === null) return 'date_unknown';
  return madeOn > dueOn ? 'late' : 'on_time';
}

export const escalationCreateInput = z
  .object({
    matter: z
      .enum(Object.keys(MATTERS) as [Matter, ...Matter[]], { error: 'Say what kind of matter this is' })
      .default('multi_agency_disagreement'),
    reference: caseReference,
    childInitials,
    raisingAgencyId: id('the agency that raised the concern'),
    raisingWorkerRole: text('the raising worker’s role', 120),
    raisingWorkerEmail: z
      .string()
      .trim()
      .pipe(z.email({ error: 'Enter the raising worker’s e-mail like name@agency.gov.uk' }).or(z.literal('')))
      .default(''),
    challengedAgencyIds: z
      .array(id('an agency being challenged'), { error: 'Choose the agency or agencies being challenged' })
      .min(1, 'Choose at least one agency being challenged')
      .max(10, 'Choose at most 10 agencies'),
    categoryId: id('a category'),
    childStatus: z.enum(Object.keys(CHILD_STATUSES) as [ChildStatus, ...ChildStatus[]], { error: 'Choose the child’s status' }),
    summary: text('what the disagreement is about', 4000),
    openedOn: isoDate,
    startStage: z
      .number({ error: 'Choose the stage to start at' })
      .int('Choose the stage to start at')
      .min(0)
      .max(10)
      .nullable()
      .default(null),
    immediateRisk: z.boolean({ error: 'Say whether the child is at immediate risk of significant harm' }),
    referral: referralInput.nullable().default(null),
    confirmedNoChildName: z.boolean().default(false),
  })
  .refine((e) => e.referral?.madeOn == null || !isRealIsoDate(e.openedOn) || e.referral.madeOn >= e.openedOn, {
    message: 'The referral cannot have been made before the date the escalation was raised',
    path: ['referral', 'madeOn'],
  });
export type EscalationCreateInput = z.input<typeof escalationCreateInput>;
export type EscalationCreate = z.output<typeof escalationCreateInput>;

/** Where a matter that is not a multi-agency escalation belongs. Null when it is one. */
export function scopeRefusal(
  input: { matter: Matter; raisingAgencyId: number; challengedAgencyIds: readonly number[] },
  raisingAgencyName = 'the agency',
): string | null {
  switch (input.matter) {
    case 'complaint':
      return 'A complaint is not an escalation. It belongs in the complaints procedure of the agency concerned; this register is for professional disagreements about a child’s safety.';
    case 'whistleblowing':
      return 'A whistleblowing concern is not an escalation. It belongs in the agency’s whistleblowing policy (or the NSPCC whistleblowing advice line); this register is for professional disagreements between agencies.';
    case 'single_agency_disagreement':
      return `A disagreement inside one agency is not a multi-agency escalation. It belongs in ${raisingAgencyName}’s own supervision and escalation procedure.`;
    case 'multi_agency_disagreement':
      if (input.challengedAgencyIds.length > 0 && input.challengedAgencyIds.every((a) => a === input.raisingAgencyId))
        return `${raisingAgencyName} cannot escalate against itself: a disagreement inside one agency belongs in its own supervision and escalation procedure.`;
      return null;
  }
}

/** Who must be told, from the child's status and the stage the case is at (DOMAIN rule 4). */
export function requiredNotifications(
  childStatus: ChildStatus,
  stageNumber: number,
  boardManagerAtStage: number | null,
): NotificationKind[] {
  const kinds: NotificationKind[] = [];
  if (childStatus === 'child_protection_plan') kinds.push('child_protection_chair');
  if (childStatus === 'looked_after') kinds.push('independent_reviewing_officer');
  if (boardManagerAtStage !== null && stageNumber >= boardManagerAtStage) kinds.push('board_manager');
  return kinds;
}

export const escalateInput = z.object({
  escalationId: id('an escalation'),
  toStage: z.number({ error: 'Choose the stage to move to' }).int('Choose the stage to move to'),
  on: isoDate,
  reason: text('why it is moving up', 2000),
  confirmedNoChildName: z.boolean().default(false),
});

/** An imported case's stage starts counting its policy deadline from `from` (escalations/trackDeadline.ts). */
export const trackDeadlineInput = z.object({
  escalationId: id('an escalation'),
  from: isoDate,
});

export const stageRecordInput = z.object({
  escalationId: id('an escalation'),
  discussion: optionalText('the discussion', 4000),
  decision: optionalText('the decision', 4000),
  participants: optionalText('who took part', 1000),
  /** The people who took part, as people. Left out, the stage's list stays as it is; given, it replaces it. */
  people: z.array(stageParticipantInput).max(30, 'Record at most 30 people for a stage').optional(),
  confirmedNoChildName: z.boolean().default(false),
});

export const notificationRecordInput = z.object({
  notificationId: id('a notification'),
  madeOn: isoDate,
  madeBy: text('who made the notification', 120),
  method: z.enum(['email', 'phone', 'letter', 'meeting'], { error: 'Choose how they were told: e-mail, phone, letter or meeting' }),
  confirmedNoChildName: z.boolean().default(false),
});

export const actionInput = z.object({
  description: text('the action', 1000),
  owner: text('who owns the action', 120),
  dueOn: isoDate,
});

export const resolveInput = z
  .object({
    escalationId: id('an escalation'),
    resolvedOn: isoDate,
    statement: text('the written statement of outcome', 6000),
    effect: z.enum(Object.keys(OUTCOME_EFFECTS) as [OutcomeEffect, ...OutcomeEffect[]], {
      error: 'Say whether the original decision was upheld, changed or partly changed',
    }),
    agreedBy: text('the agencies that agreed the outcome', 500),
    actions: z.array(actionInput).max(30, 'Record at most 30 actions').default([]),
    themeIds: z.array(id('a learning theme')).max(20).default([]),
    policyGap: z.boolean().default(false),
    policyGapNote: optionalText('the policy gap', 2000),
    confirmedNoChildName: z.boolean().default(false),
  })
  .refine((r) => !r.policyGap || r.policyGapNote.length > 0, {
    message: 'Say what gap or weakness in the board’s policy the case showed',
    path: ['policyGapNote'],
  });

export const withdrawInput = z.object({
  escalationId: id('an escalation'),
  on: isoDate,
  reason: text('why it was withdrawn', 2000),
  confirmedNoChildName: z.boolean().default(false),
});
export const closeInput = z.object({
  escalationId: id('an escalation'),
  on: isoDate,
  // Who signed off and how (a meeting, an e-mail): recorded by the coordinator where the chair has no account.
  ...recordedSignOff,
  confirmedNoChildName: z.boolean().default(false),
});
export const actionDoneInput = z.object({ actionId: id('an action'), doneOn: isoDate });
export const referralRecordInput = referralInput.extend({ escalationId: id('an escalation') });

export const CORRECTABLE_FIELDS = {
  reference: 'Case reference',
  childInitials: 'Child’s initials',
  categoryId: 'Category',
  childStatus: 'Child’s status',
  summary: 'What the disagreement is about',
  raisingWorkerRole: 'Raising worker’s role',
  raisingWorkerEmail: 'Raising worker’s e-mail',
} as const;
export type CorrectableField = keyof typeof CORRECTABLE_FIELDS;
export const correctionInput = z.object({
  escalationId: id('an escalation'),
  field: z.enum(Object.keys(CORRECTABLE_FIELDS) as [CorrectableField, ...CorrectableField[]], { error: 'Choose the detail to correct' }),
  value: z.union([z.string().max(4000), z.number().int()], { error: 'Give the corrected value' }),
  reason: text('why the correction is needed', 1000),
  confirmedNoChildName: z.boolean().default(false),
});

const sortKeys = ['openedOn', 'reference', 'dueOn', 'stage', 'status'] as const;
export type RegisterSort = (typeof sortKeys)[number];

/**
 * Where a page of the register starts: the row it follows (or comes just before), named by the
 * values it is sorted on, so the next page is read straight from an index however deep it is.
 * key is that row's value of the sort column (its case reference, date opened, due date, stage
 * number or status; null for a case with no due date or stage); openedOn and id break ties.
 * Sorted by due date or stage, the cases without one follow the rest in either direction.
 */
export const registerCursor = z.object({
  key: z.union([z.string().max(60), z.number().int(), z.null()], { error: 'Give the sort value of the row the page starts from' }),
  openedOn: isoDate,
  id: z.number().int().positive(),
  side: z.enum(['after', 'before']).default('after'),
});
export type RegisterCursor = z.input<typeof registerCursor>;

/** The cursor that continues the register from a row it listed: the row's value of the sort column. */
export function registerCursorOf(
  row: Pick<RegisterRow, 'id' | 'reference' | 'openedOn' | 'status' | 'dueOn' | 'stageNumber'>,
  sort: RegisterSort,
  side: 'after' | 'before',
): RegisterCursor {
  const key = { openedOn: row.openedOn, reference: row.reference, dueOn: row.dueOn, stage: row.stageNumber, status: row.status }[sort];
  return { key, openedOn: row.openedOn, id: row.id, side };
}

export const registerQuery = z
  .object({
    search: z.string().trim().max(60).default(''),
    agencyId: z.number().int().positive().nullable().default(null),
    stage: z.number().int().min(0).max(10).nullable().default(null),
    status: z.enum(['open', 'resolved', 'withdrawn', 'closed', 'any']).default('any'),
    state: z.enum(['on_track', 'due_soon', 'overdue', 'no_timescale', 'any']).default('any'),
    categoryId: z.number().int().positive().nullable().default(null),
    quarter: z
      .string()
      .regex(/^\d{4}-Q[1-4]$/, 'Give the quarter as YYYY-Qn')
      .nullable()
      .default(null),
    origin: z.enum(['board', 'agency_return', 'any']).default('any'),
    sort: z.enum(sortKeys).default('openedOn'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    /** Rows to skip: from the start, or from the cursor when there is one. */
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    /** A dashboard figure: the register lists exactly the cases behind it. */
    drill: drillSchema.nullable().default(null),
    cursor: registerCursor.nullable().default(null),
  })
  .superRefine((q, ctx) => {
    const key = q.cursor?.key;
    if (q.cursor === null || key === undefined) return;
    const fits =
      q.sort === 'stage'
        ? key === null || typeof key === 'number'
        : q.sort === 'dueOn'
          ? key === null || (typeof key === 'string' && isoDate.safeParse(key).success)
          : typeof key === 'string';
    const order = { openedOn: 'date opened', reference: 'case reference', dueOn: 'due date', stage: 'stage', status: 'status' }[q.sort];
    if (!fits) ctx.addIssue({ code: 'custom', path: ['cursor'], message: `The value it starts from does not fit the order by ${order}` });
  });
export type RegisterQuery = z.input<typeof registerQuery>;

// ---- what is read back ----

export const agencyRef = z.object({ id: z.number(), name: z.string() });

export const registerRowSchema = z.object({
  id: z.number(),
  reference: z.string(),
  childInitials: z.string(),
  raisingAgency: z.string(),
  challengedAgencies: z.string(),
  category: z.string(),
  openedOn: z.string(),
  status: z.enum(Object.keys(ESCALATION_STATUSES) as [EscalationStatus, ...EscalationStatus[]]),
  stageNumber: z.number().nullable(),
  stageName: z.string().nullable(),
  dueOn: z.string().nullable(),
  state: z.enum(Object.keys(DEADLINE_STATES) as [DeadlineStateKey, ...DeadlineStateKey[]]).nullable(),
  immediateRisk: z.boolean(),
  origin: z.enum(['board', 'agency_return']),
});
export type RegisterRow = z.infer<typeof registerRowSchema>;

export const stageEntrySchema = z.object({
  id: z.number(),
  number: z.number(),
  name: z.string(),
  startedOn: z.string(),
  /** The day the deadline counts from when not the stage's start: an imported case the board tracks. */
  countedFrom: z.string().nullable(),
  timescaleWorkingDays: z.number().nullable(),
  dueOn: z.string().nullable(),
  state: z.enum(Object.keys(DEADLINE_STATES) as [DeadlineStateKey, ...DeadlineStateKey[]]).nullable(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  discussion: z.string(),
  decision: z.string(),
  participants: z.string(),
  people: z.array(stageParticipantSchema),
  /** The names read from the free text of a stage recorded before people were recorded as people. */
  namesFromText: z.array(z.string()),
  dueDateHistory: z.array(z.object({ dueOn: z.string().nullable(), recordedAt: z.string(), reason: z.string() })),
});

export const notificationSchema = z.object({
  id: z.number(),
  kind: z.enum(Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]]),
  label: z.string(),
  requiredSince: z.string(),
  madeOn: z.string().nullable(),
  madeBy: z.string().nullable(),
  method: z.string().nullable(),
});

export const breachSchema = z.object({
  kind: z.enum(['referral_missing', 'referral_date_unknown', 'referral_late', 'not_escalated_same_day']),
  message: z.string(),
});

export const timelineEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  title: z.string(),
  detail: z.string(),
  correctsEntryId: z.number().nullable(),
});

export const escalationDetailSchema = z.object({
  id: z.number(),
  /** The record's version: a write names it as basedOnVersion (shared/domain/recordVersion.ts). */
  version: recordVersionSchema,
  reference: z.string(),
  childInitials: z.string(),
  origin: z.enum(['board', 'agency_return']),
  /** The board's previous register this case was imported from, and its row there (legacy/importRegister.ts). */
  importedFrom: z.object({ fileName: z.string(), row: z.number().int() }).nullable(),
  profile: z.object({
    id: z.number(),
    name: z.string(),
    version: z.number(),
    panelRuleKind: z.string(),
    lastStep: z.string(),
    referralRoute: z.string(),
  }),
  raisingAgency: agencyRef,
  raisingWorkerRole: z.string(),
  raisingWorkerEmail: z.string(),
  challengedAgencies: z.array(agencyRef),
  category: agencyRef,
  childStatus: z.enum(Object.keys(CHILD_STATUSES) as [ChildStatus, ...ChildStatus[]]),
  summary: z.string(),
  openedOn: z.string(),
  immediateRisk: z.boolean(),
  referral: z
    .object({
      to: z.string(),
      /** Null: the date it was made is not known. */
      madeOn: z.string().nullable(),
      /** The same working day as the opening, by which it had to be made. */
      dueOn: z.string(),
      timeliness: z.enum(Object.keys(REFERRAL_TIMELINESS) as [ReferralTimeliness, ...ReferralTimeliness[]]),
      /** A date recorded before dates stopped defaulting to the day of recording, kept until it is confirmed. */
      unconfirmedOn: z.string().nullable(),
    })
    .nullable(),
  status: z.enum(Object.keys(ESCALATION_STATUSES) as [EscalationStatus, ...EscalationStatus[]]),
  currentStage: z
    .object({
      number: z.number(),
      name: z.string(),
      dueOn: z.string().nullable(),
      state: z.string().nullable(),
      workingDaysLeft: z.number().nullable(),
    })
    .nullable(),
  highestStage: z.number(),
  nextStages: z.array(z.object({ number: z.number(), name: z.string() })),
  stages: z.array(stageEntrySchema),
  breaches: z.array(breachSchema),
  notifications: z.array(notificationSchema),
  outcome: z
    .object({
      resolvedOn: z.string(),
      statement: z.string(),
      effect: z.enum(Object.keys(OUTCOME_EFFECTS) as [OutcomeEffect, ...OutcomeEffect[]]),
      agreedBy: z.string(),
      policyGap: z.boolean(),
      policyGapNote: z.string(),
      themes: z.array(agencyRef),
    })
    .nullable(),
  actions: z.array(
    z.object({ id: z.number(), description: z.string(), owner: z.string(), dueOn: z.string(), doneOn: z.string().nullable() }),
  ),
  withdrawn: z.object({ on: z.string(), reason: z.string() }).nullable(),
  // how: null for closures recorded before the way was asked (migration 150).
  closed: z.object({ on: z.string(), chairName: z.string(), how: z.enum(Object.keys(CLOSURE_WAYS) as [ClosureWay]).nullable() }).nullable(),
  signOff: caseSignOffSchema,
  timeline: z.array(timelineEntrySchema),
});
export type EscalationDetail = z.infer<typeof escalationDetailSchema>;

export const draftSchema = z.object({ to: z.string(), subject: z.string(), body: z.string(), mailto: z.string() });
export type Draft = z.infer<typeof draftSchema>;

export const overdueRowSchema = registerRowSchema.extend({ workingDaysLate: z.number() });
/** An open stage due later this week (after today, by Sunday): working days left until its due date. */
export const dueSoonRowSchema = registerRowSchema.extend({ workingDaysLeft: z.number() });
/** An open case at a stage with no timescale (Torbay's pre-escalation, say): how long it has sat there. */
export const noTimescaleRowSchema = registerRowSchema.extend({ stageStartedOn: z.string(), workingDaysAtStage: z.number() });
export const breachRowSchema = z.object({
  id: z.number(),
  reference: z.string(),
  raisingAgency: z.string(),
  openedOn: z.string(),
  breaches: z.array(breachSchema),
});
export const outstandingNotificationSchema = notificationSchema.extend({ escalationId: z.number(), reference: z.string() });
