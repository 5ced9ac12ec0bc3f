// How the dashboard writes and colours its figures. Formatting only: every number arrives shaped
// from the dashboard:quarter channel.
import type { Figure } from '../../../../shared/domain/dashboard';

/** One convention on every chart: the darker shade is board-level, the paler one agency-internal. */
export const SERIES = {
  board: '#1d4f91',
  agencyInternal: '#9dbde4',
  new: '#1d4f91',
  resolved: '#00703c',
  openAtEnd: '#b35c00',
  overdue: '#b3261e',
  sameDay: '#00703c',
  breach: '#b3261e',
  required: '#1d4f91',
  made: '#00703c',
  theme: '#4c2c92',
} as const;

export const AXIS = { tick: { fill: '#505a5f', fontSize: 13 }, stroke: '#b1b4b6' } as const;

/** The agency's colour mixed with white: its agency-internal share beside its board-level one. */
export function paler(hex: string, amount = 0.55): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const [r, g, b] = [mix((n >> 16) & 255), mix((n >> 8) & 255), mix(n & 255)];
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, '0')}`;
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** "Q2 2026-27 (Jul-Sep)" -> "Q2 2026-27", for axis ticks. */
export function shortQuarter(label: string): string {
  return label.replace(/ \(.*\)$/, '');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const NOUNS: Record<Figure, [string, string]> = {
  new: ['new escalation', 'new escalations'],
  resolved: ['escalation resolved', 'escalations resolved'],
  withdrawn: ['escalation withdrawn', 'escalations withdrawn'],
  open_at_end: ['escalation still open', 'escalations still open'],
  carried_over: ['escalation carried over', 'escalations carried over'],
  resolved_within_timescale: ['escalation resolved within the policy’s timescales', 'escalations resolved within the policy’s timescales'],
  resolved_with_timescale: ['resolved case that had a timescale to meet', 'resolved cases that had a timescale to meet'],
  resolved_at_stages_1_2: ['escalation resolved at stages 1-2', 'escalations resolved at stages 1-2'],
  overdue_at_end: ['overdue case', 'overdue cases'],
  immediate_risk: ['immediate-risk case', 'immediate-risk cases'],
  immediate_risk_breach: [
    'immediate-risk case not referred or escalated the same working day',
    'immediate-risk cases not referred or escalated the same working day',
  ],
  same_day_compliant: [
    'immediate-risk case referred and escalated the same working day',
    'immediate-risk cases referred and escalated the same working day',
  ],
  referral_on_time: ['immediate-risk case referred the same working day', 'immediate-risk cases referred the same working day'],
  referral_late: [
    'immediate-risk case referred later than the same working day',
    'immediate-risk cases referred later than the same working day',
  ],
  referral_date_unknown: ['immediate-risk case whose referral date is not known', 'immediate-risk cases whose referral date is not known'],
  referral_missing: ['immediate-risk case with no referral recorded', 'immediate-risk cases with no referral recorded'],
  notification_required: ['case needing a notification', 'cases needing a notification'],
  notification_missing: ['case with a notification not made', 'cases with a notification not made'],
  chair_decision: ['case the chair decided on', 'cases the chair decided on'],
  panel_held: ['case decided by a resolution panel', 'cases decided by a resolution panel'],
  panel_held_under_departure: [
    'case decided by a panel held under a departure from the policy',
    'cases decided by a panel held under a departure from the policy',
  ],
  policy_gap: ['policy gap', 'policy gaps'],
};

/** "5 new escalations". */
export function countOf(figure: Figure, count: number): string {
  return `${count.toLocaleString('en-GB')} ${NOUNS[figure][count === 1 ? 0 : 1]}`;
}

/** The accessible name of a drill link: "Show the 5 new escalations raised by Northshire Police". */
export function showName(figure: Figure, count: number, qualifier = ''): string {
  return `Show the ${countOf(figure, count)}${qualifier ? ` ${qualifier}` : ''}`;
}

/** "A", "A and B", "A, B and C". */
export function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The names sharing the highest count (ties kept together, so a headline never picks one at random). */
export function leaders<T>(rows: T[], count: (row: T) => number, name: (row: T) => string): { names: string[]; top: number } {
  const top = Math.max(0, ...rows.map(count));
  return { names: top === 0 ? [] : rows.filter((r) => count(r) === top).map(name), top };
}

/** Where a stacked bar's total is written: on the outer segment, or on the inner one when the outer is empty. */
export function withTotalLabels<T extends { board: number; agencyInternal: number; total: number }>(
  rows: T[],
): (T & { boardLabel: string; internalLabel: string })[] {
  return rows.map((r) => ({
    ...r,
    boardLabel: r.agencyInternal === 0 && r.total > 0 ? String(r.total) : '',
    internalLabel: r.agencyInternal > 0 ? String(r.total) : '',
  }));
}
