// Retention, not silent deletion: the board sets a review period; a case closed longer ago than the
// period comes up for review; deleting it is a deliberate act by a named person with a reason.
// Nothing is ever deleted automatically.
import { z } from 'zod';
import { recordVersionSchema } from './recordVersion';
import { formatUkDate, isRealIsoDate } from './dates';

export const DEFAULT_REVIEW_YEARS = 6;

export const reviewPeriodInput = z.object({
  years: z
    .number({ error: 'Give the review period as a number of years' })
    .int('Give the review period in whole years')
    .min(1, 'The review period is at least 1 year')
    .max(100, 'The review period is at most 100 years'),
});

export const retentionReviewQuery = z.object({
  offset: z.number().int('Give the offset as a whole number').min(0, 'The offset cannot be negative').default(0),
  limit: z
    .number()
    .int('Give the page size as a whole number')
    .min(1, 'Show at least one case')
    .max(500, 'Show at most 500 cases at a time')
    .default(100),
});

export const retentionCaseSchema = z.object({
  escalationId: z.number(),
  reference: z.string(),
  childInitials: z.string(),
  origin: z.enum(['board', 'agency_return']),
  status: z.enum(['open', 'resolved', 'withdrawn', 'closed']),
  raisingAgency: z.string(),
  /** When the case was closed: the chair's sign-off, else the withdrawal, else (agency returns) the resolution. */
  closedOn: z.string(),
  reviewDueOn: z.string(),
  /** Why it cannot be deleted yet, in plain words; null when it can. */
  blockedBecause: z.string().nullable(),
  /** The case's version, for a deletion based on what the reviewer saw. */
  version: recordVersionSchema,
});
export type RetentionCase = z.infer<typeof retentionCaseSchema>;

export const retentionDeletionSchema = z.object({
  reference: z.string(),
  childInitials: z.string(),
  closedOn: z.string(),
  reviewYears: z.number(),
  deletedAt: z.string(),
  deletedBy: z.string(),
  reason: z.string(),
});
export type RetentionDeletion = z.infer<typeof retentionDeletionSchema>;

export const retentionReviewSchema = z.object({
  reviewYears: z.number(),
  /** The board settings' version (the review period is one of them). */
  settingsVersion: recordVersionSchema,
  /** Cases closed on or before this date are due for review. */
  cutoff: z.string(),
  total: z.number(),
  rows: z.array(retentionCaseSchema),
  /** The most recent deletions after review, newest first. */
  deletions: z.array(retentionDeletionSchema),
  deletionsTotal: z.number(),
});
export type RetentionReview = z.infer<typeof retentionReviewSchema>;

export const retentionDeleteInput = z.object({
  escalationId: z
    .number({ error: 'Give the escalation id as a number' })
    .int('The escalation id must be a whole number')
    .positive('The escalation id must be positive'),
  confirmReference: z
    .string({ error: 'Type the case reference to confirm' })
    .trim()
    .min(1, 'Type the case reference to confirm')
    .max(60, 'That is longer than any case reference'),
  reason: z
    .string({ error: 'Say why the case is being deleted' })
    .trim()
    .min(10, 'Say why the case is being deleted (at least 10 characters)')
    .max(1000, 'Keep the reason under 1,000 characters'),
  confirmedNoChildName: z.boolean().default(false),
});

function isoParts(iso: string): [number, number, number] {
  return iso.split('-').map(Number) as [number, number, number];
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The day a case closed on `closedOn` comes up for review: its anniversary `years` on (29 February: 1 March). */
export function reviewDueOn(closedOn: string, years: number): string {
  const [y, m, d] = isoParts(closedOn);
  const due = iso(y + years, m, d);
  return isRealIsoDate(due) ? due : iso(y + years, 3, 1);
}

/** Cases closed on or before this date are due for review on `today` (29 February: 28 February). */
export function reviewCutoff(today: string, years: number): string {
  const [y, m, d] = isoParts(today);
  const cutoff = iso(y - years, m, d);
  return isRealIsoDate(cutoff) ? cutoff : iso(y - years, 2, 28);
}

export interface DeletionFacts {
  reference: string;
  status: RetentionCase['status'];
  origin: RetentionCase['origin'];
  closedOn: string | null;
  plannedPanelOn: string | null;
}

/**
 * The one rule for whether a case may be deleted after review, used by the review list and by
 * the deletion itself: null when it may, else the reason in plain words.
 */
export function deletionBlock(facts: DeletionFacts, today: string, years: number): string | null {
  if (facts.status === 'open' || facts.closedOn === null)
    return `${facts.reference} is still open: only a closed or withdrawn case can be deleted`;
  if (facts.status === 'resolved' && facts.origin === 'board') {
    return `${facts.reference} was resolved on ${formatUkDate(facts.closedOn)} but the chair has not signed it off: the chair closes a case before it can be deleted`;
  }
  if (facts.plannedPanelOn !== null)
    return `a resolution panel is still planned for ${facts.reference} (sitting ${formatUkDate(facts.plannedPanelOn)}): hold or cancel the panel first`;
  if (facts.closedOn > reviewCutoff(today, years)) {
    return `${facts.reference} was closed on ${formatUkDate(facts.closedOn)}, so under the board's ${years}-year review period it is not due for review until ${formatUkDate(reviewDueOn(facts.closedOn, years))}`;
  }
  return null;
}
