// Resolution panels and the chair's decision, as the contract carries them. The checks
// themselves are in panelChecks.ts: one pure function for every front door.
import { z } from 'zod';
import { chosenId, requiredText } from './formFields';
import { recordVersionSchema } from './recordVersion';
import { isoDate } from './dates';
import { actionInput, OUTCOME_EFFECTS, type OutcomeEffect } from './escalation';

export const CHAIR_ROUTES = {
  resolve_directly: 'Resolve directly with the senior managers',
  multi_agency_meeting: 'Call a multi-agency meeting',
  resolution_panel: 'Convene a resolution panel',
  uninvolved_chair_meeting: 'Meeting of senior managers chaired by a board member from an uninvolved agency',
} as const;
export type ChairRoute = keyof typeof CHAIR_ROUTES;

const id = chosenId;
const text = requiredText;

export const chairDecisionInput = z.object({
  escalationId: id('an escalation'),
  route: z.enum(Object.keys(CHAIR_ROUTES) as [ChairRoute, ...ChairRoute[]], { error: 'Choose what the chair decided' }),
  decidedOn: isoDate,
  reasons: text('the reasons for the decision', 4000),
  decidedBy: text('who decided', 120),
  confirmedNoChildName: z.boolean().default(false),
});

export const seatInput = z.object({ agencyId: id('an agency').nullable(), officerId: id('an officer').nullable() });

export const panelDraftInput = z.object({
  escalationId: id('an escalation'),
  sitsOn: isoDate.nullable(),
  chairOfficerId: id('the panel chair').nullable().default(null),
  chairName: z.string().trim().max(120, 'Keep the chair’s name under 120 characters').default(''),
  seats: z.array(seatInput).max(6, 'A panel has at most six seats'),
  wherePossibleReason: z.string().trim().max(2000, 'Keep the reason under 2000 characters').default(''),
  /** Only where the policy's own panel cannot be formed for the case: the chair's reason for departing from it. */
  departureReason: z.string().trim().max(2000, 'Keep the reason for the departure under 2000 characters').default(''),
});
export type PanelDraft = z.output<typeof panelDraftInput>;

export const panelSaveInput = panelDraftInput.extend({
  panelId: id('a panel').nullable().default(null),
  sitsOn: isoDate,
  confirmedNoChildName: z.boolean().default(false),
});

export const representationInput = z.object({
  panelId: id('a panel'),
  fromAgencyId: id('an agency').nullable().default(null),
  fromPerson: text('who made the representation', 200),
  receivedOn: isoDate,
  summary: text('what they said', 4000),
  confirmedNoChildName: z.boolean().default(false),
});

export const panelDecisionInput = z.object({
  panelId: id('a panel'),
  decidedOn: isoDate,
  decision: text('the panel’s decision', 4000),
  statement: text('the written statement of outcome', 6000),
  effect: z.enum(Object.keys(OUTCOME_EFFECTS) as [OutcomeEffect, ...OutcomeEffect[]], {
    error: 'Say whether the original decision was upheld, changed or partly changed',
  }),
  agreedBy: text('the agencies that agreed the outcome', 500),
  actions: z.array(actionInput).max(30).default([]),
  themeIds: z.array(id('a learning theme')).max(20).default([]),
  policyGap: z.boolean().default(false),
  policyGapNote: z.string().trim().max(2000).default(''),
  confirmedNoChildName: z.boolean().default(false),
});

export const panelCancelInput = z.object({
  panelId: id('a panel'),
  reason: text('why the panel is cancelled', 1000),
  confirmedNoChildName: z.boolean().default(false),
});

export const panelCheckSchema = z.object({
  number: z.number(),
  title: z.string(),
  status: z.enum(['pass', 'fail', 'warning', 'not_applicable']),
  messages: z.array(z.string()),
});
export const panelCheckResultSchema = z.object({
  valid: z.boolean(),
  checks: z.array(panelCheckSchema),
  needsWherePossibleReason: z.boolean(),
  workingDaysLate: z.number().nullable(),
  cannotBeFormed: z.object({ reasons: z.array(z.string()), alternatives: z.array(z.string()) }).nullable(),
  departureReason: z.string().nullable(),
  heldUnderDeparture: z.boolean(),
});
export type PanelCheckResultView = z.infer<typeof panelCheckResultSchema>;

const officerOption = z.object({
  id: z.number(),
  name: z.string(),
  role: z.string(),
  senior: z.boolean(),
  boardRepresentative: z.boolean(),
  isParty: z.boolean(),
});
export const panelOptionsSchema = z.object({
  escalationId: z.number(),
  reference: z.string(),
  rule: z.object({
    kind: z.string(),
    disputingAgenciesOnPanel: z.string(),
    chairAgencyMustBeUninvolved: z.boolean(),
    membersMustBeFullBoard: z.boolean(),
    seniorOfficersOnly: z.boolean(),
    boardRepresentativesOnly: z.boolean(),
    chairMayBeMember: z.boolean(),
  }),
  ruleSummary: z.string(),
  seatCount: z.number(),
  stage: z.object({ number: z.number(), name: z.string(), dueOn: z.string().nullable() }),
  disputing: z.array(z.object({ id: z.number(), name: z.string() })),
  parties: z.array(z.string()),
  /** Stages kept only as free text, and the names the check read from each (none for "CSC team manager"). */
  partiesFromText: z.array(z.object({ stageNumber: z.number(), text: z.string(), names: z.array(z.string()) })),
  /** Whether this policy's panel can be formed for the case on the date, whoever sits. */
  cannotBeFormed: z.object({ reasons: z.array(z.string()), alternatives: z.array(z.string()) }).nullable(),
  agencies: z.array(
    z.object({ id: z.number(), name: z.string(), boardMember: z.boolean(), disputing: z.boolean(), officers: z.array(officerOption) }),
  ),
});

export const seatView = z.object({
  agencyId: z.number().nullable(),
  agencyName: z.string().nullable(),
  officerId: z.number().nullable(),
  officerName: z.string().nullable(),
});

export const panelSuggestionSchema = z.object({ compositions: z.array(z.array(seatView)), explanation: z.string() });

/** A panel's state in words: planned until its decision is recorded (held), or cancelled. */
export const PANEL_STATUSES = { planned: 'Planned', held: 'Held', cancelled: 'Cancelled' } as const;

export const panelDetailSchema = z.object({
  id: z.number(),
  /** The record's version: a write names it as basedOnVersion (shared/domain/recordVersion.ts). */
  version: recordVersionSchema,
  /** The version of the case the panel is for: changing the panel's plan is a change to the case. */
  caseVersion: recordVersionSchema,
  escalationId: z.number(),
  reference: z.string(),
  sitsOn: z.string(),
  chairOfficerId: z.number().nullable(),
  chairName: z.string(),
  seats: z.array(seatView),
  wherePossibleReason: z.string(),
  departureReason: z.string(),
  status: z.enum(['planned', 'held', 'cancelled']),
  cancelReason: z.string().nullable(),
  decision: z.string().nullable(),
  decidedOn: z.string().nullable(),
  checks: panelCheckResultSchema,
  representations: z.array(
    z.object({ id: z.number(), fromAgency: z.string().nullable(), fromPerson: z.string(), receivedOn: z.string(), summary: z.string() }),
  ),
});
export type PanelDetail = z.infer<typeof panelDetailSchema>;

export const panelListRowSchema = z.object({
  id: z.number(),
  escalationId: z.number(),
  reference: z.string(),
  sitsOn: z.string(),
  status: z.enum(['planned', 'held', 'cancelled']),
  chairName: z.string(),
  agencies: z.string(),
  valid: z.boolean(),
  /** Held (or planned) under the chair's recorded departure from the policy. */
  underDeparture: z.boolean(),
  failing: z.array(z.string()),
  upcoming: z.boolean(),
});

export const panelPackSchema = z.object({
  title: z.string(),
  sections: z.array(
    z.object({
      heading: z.string(),
      lines: z.array(z.string()),
      /** Headings left empty to write in by hand at the meeting (the decision, before it is recorded). */
      toComplete: z.array(z.string()).optional(),
    }),
  ),
});

/** A case at the last stage of its policy with no chair's decision yet, as the chair's list shows it. */
export const awaitingDecisionSchema = z.object({
  escalationId: z.number(),
  reference: z.string(),
  stageNumber: z.number(),
  stageName: z.string(),
  /** When the case reached the board's stage (null only for a case with no open stage recorded). */
  referredOn: z.string().nullable(),
  policy: z.string(),
});
export type AwaitingDecision = z.infer<typeof awaitingDecisionSchema>;
