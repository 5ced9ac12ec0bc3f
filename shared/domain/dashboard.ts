// The learning hub's quarterly figures (DOMAIN.md, "What the learning hub reports each quarter")
// and the drill-down that opens the register on exactly the cases behind a figure.
import { z } from 'zod';
import { quarterKeySchema } from './quarter';

export const FIGURES = {
  new: 'New escalations',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
  open_at_end: 'Still open at the end of the quarter',
  carried_over: 'Carried over from earlier quarters',
  resolved_within_timescale: 'Resolved within the policy’s timescales',
  resolved_with_timescale: 'Resolved cases that had a timescale to meet',
  resolved_at_stages_1_2: 'Resolved at stages 1-2',
  overdue_at_end: 'Overdue at the end of the quarter',
  immediate_risk: 'Immediate-risk cases',
  immediate_risk_breach: 'Immediate-risk cases not referred or escalated the same working day',
  same_day_compliant: 'Immediate-risk cases referred and escalated the same working day',
  referral_on_time: 'Immediate-risk cases referred the same working day',
  referral_late: 'Immediate-risk cases referred later than the same working day',
  referral_date_unknown: 'Immediate-risk cases whose referral date is not known',
  referral_missing: 'Immediate-risk cases with no referral recorded',
  notification_required: 'Cases needing a notification',
  notification_missing: 'Cases with a notification not made by the quarter end',
  chair_decision: 'Cases the chair decided on',
  panel_held: 'Cases decided by a resolution panel',
  panel_held_under_departure: 'Cases decided by a panel held under a departure from the policy',
  policy_gap: 'Policy gaps flagged to the chair',
} as const;
export type Figure = keyof typeof FIGURES;

export const drillSchema = z.object({
  figure: z.enum(Object.keys(FIGURES) as [Figure, ...Figure[]], { error: 'Choose a dashboard figure' }),
  quarter: quarterKeySchema,
  origin: z.enum(['board', 'agency_return', 'any']).default('any'),
  raisingAgencyId: z.number().int().positive().nullable().default(null),
  challengedAgencyId: z.number().int().positive().nullable().default(null),
  categoryId: z.number().int().positive().nullable().default(null),
  highestStage: z.number().int().min(0).max(10).nullable().default(null),
  effect: z.enum(['upheld', 'changed', 'partly_changed']).nullable().default(null),
  themeId: z.number().int().positive().nullable().default(null),
  route: z.enum(['resolve_directly', 'multi_agency_meeting', 'resolution_panel', 'uninvolved_chair_meeting']).nullable().default(null),
});
export type Drill = z.output<typeof drillSchema>;
export type DrillInput = z.input<typeof drillSchema>;

const split = z.object({ board: z.number(), agencyInternal: z.number(), total: z.number() });
export type Split = z.infer<typeof split>;
const named = z.object({ id: z.number(), name: z.string() });

export const headlineSchema = z.object({
  figure: z.enum(Object.keys(FIGURES) as [Figure, ...Figure[]]),
  label: z.string(),
  value: split,
  previous: z.number(),
  sentence: z.string(),
});

export const dashboardSchema = z.object({
  quarter: z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  previousQuarter: z.object({ key: z.string(), label: z.string() }),
  asOf: z.string(),
  headlines: z.array(headlineSchema),
  /**
   * The quarter's cases in and out, each from its own figure: carried over + new − resolved −
   * withdrawn = still open at the end. reconciles says whether they do (a case ends once, resolved
   * or withdrawn), so a figure that drifted from the others shows on the screen.
   */
  flow: z.object({
    carriedOver: z.number(),
    new: z.number(),
    resolved: z.number(),
    withdrawn: z.number(),
    openAtEnd: z.number(),
    reconciles: z.boolean(),
  }),
  trend: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      new: z.number(),
      resolved: z.number(),
      openAtEnd: z.number(),
      carriedOver: z.number(),
      resolvedAtStages12: z.number(),
      overdueAtEnd: z.number(),
    }),
  ),
  agencies: z.array(named.extend({ colour: z.string() })),
  byRaisingAgency: z.array(z.object({ agencyId: z.number(), count: split })),
  byChallengedAgency: z.array(z.object({ agencyId: z.number(), count: split })),
  pairs: z.array(z.object({ raisingAgencyId: z.number(), challengedAgencyId: z.number(), count: z.number() })),
  byCategory: z.array(named.extend({ count: split })),
  byHighestStage: z.array(z.object({ stage: z.number(), count: split })),
  resolvedAtStages12Share: z.number().nullable(),
  timeToResolution: z.object({
    count: z.number(),
    medianWorkingDays: z.number().nullable(),
    p90WorkingDays: z.number().nullable(),
    withinTimescale: z.number(),
    /** Resolved cases with at least one stage due by a date: the only ones within or outside a timescale. */
    withTimescale: z.number(),
    withinTimescaleShare: z.number().nullable(),
  }),
  overdueAtEnd: split,
  /**
   * The same-day rule is judged on the board's own cases (agencies' returns ask no referral date):
   * compliant counts only cases whose referral date was recorded and was the same working day, and
   * that went up the same working day. A date not known is counted as not known, never as compliant.
   */
  immediateRisk: z.object({
    cases: z.number(),
    boardCases: z.number(),
    compliant: z.number(),
    breaches: z.number(),
    referral: z.object({ onTime: z.number(), late: z.number(), dateUnknown: z.number(), missing: z.number() }),
    compliantShare: z.number().nullable(),
  }),
  notifications: z.array(z.object({ kind: z.string(), label: z.string(), required: z.number(), made: z.number() })),
  chair: z.object({
    decisions: z.array(z.object({ route: z.string(), label: z.string(), count: z.number() })),
    panelsHeld: z.number(),
    /** Of those, panels the policy could not form, held under the chair's recorded departure from it. */
    panelsHeldUnderDeparture: z.number(),
    panelOutcomes: z.array(z.object({ effect: z.string(), label: z.string(), count: z.number() })),
    /** What the agencies' own returns for the quarter say of chair involvement, meetings and panels. */
    agencyInternal: z.object({ chairInvolved: z.number(), meetingsHeld: z.number(), panelsConvened: z.number() }),
  }),
  outcomes: z.array(z.object({ effect: z.string(), label: z.string(), count: split })),
  themes: z.array(named.extend({ count: z.number() })),
  policyGaps: z.array(z.object({ escalationId: z.number(), reference: z.string(), note: z.string() })),
  returns: z.array(z.object({ agencyId: z.number(), name: z.string(), status: z.enum(['returned', 'nil', 'missing']), rows: z.number() })),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** Consistent colours per agency across every chart: picked by the agency's id, so they never shuffle. */
export const AGENCY_PALETTE = [
  '#1d4f91',
  '#b35c00',
  '#00703c',
  '#8a2be2',
  '#b3261e',
  '#00616f',
  '#6b4f00',
  '#d4351c',
  '#4c2c92',
  '#28a197',
  '#85994b',
  '#5694ca',
];
export function agencyColour(agencyId: number): string {
  return AGENCY_PALETTE[(agencyId - 1) % AGENCY_PALETTE.length]!;
}

/** "12 escalations, 4 more than last quarter". */
export function compareSentence(value: number, previous: number, noun: [string, string]): string {
  const word = value === 1 ? noun[0] : noun[1];
  const diff = value - previous;
  const change = diff === 0 ? 'the same as last quarter' : `${Math.abs(diff)} ${diff > 0 ? 'more' : 'fewer'} than last quarter`;
  return `${value.toLocaleString('en-GB')} ${word}, ${change}`;
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  // Nearest-rank: the smallest value with at least p% of values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}
