// An agency's quarterly return: what it escalated inside its own walls that quarter (Bexley asks
// every agency), as the template lays it out and the importer reads it back.
import { z } from 'zod';
import { isoDate } from './dates';
import { quarterKeySchema } from './quarter';
import type { Problem } from '../result';

export const RETURN_OUTCOMES = {
  upheld: 'Original decision upheld',
  changed: 'Original decision changed',
  partly_changed: 'Original decision partly changed',
  withdrawn: 'Withdrawn',
  open: 'Still open',
} as const;
export type ReturnOutcome = keyof typeof RETURN_OUTCOMES;

/** One escalation row of a completed return, after the importer has turned names into ids. */
export const returnRowSchema = z
  .object({
    sheetRow: z.number().int(),
    reference: z.string(),
    childInitials: z.string(),
    challengedAgencyId: z.number().int().positive(),
    categoryId: z.number().int().positive(),
    openedOn: isoDate,
    highestStage: z.number().int().min(0).max(10),
    immediateRisk: z.boolean(),
    chairInvolved: z.boolean(),
    meetingHeld: z.boolean(),
    panelConvened: z.boolean(),
    outcome: z.enum(Object.keys(RETURN_OUTCOMES) as [ReturnOutcome, ...ReturnOutcome[]]),
    resolvedOn: isoDate.nullable(),
    themeId: z.number().int().positive().nullable(),
  })
  .refine((r) => (r.outcome === 'open') === (r.resolvedOn === null), {
    message: 'Give the date resolved for a closed case, and leave it blank for one still open',
    path: ['resolvedOn'],
  })
  .refine((r) => r.resolvedOn === null || r.resolvedOn >= r.openedOn, {
    message: 'The date resolved cannot be before the date raised',
    path: ['resolvedOn'],
  });
export type ReturnRow = z.infer<typeof returnRowSchema>;

export const parsedReturnSchema = z.object({
  agencyId: z.number().int().positive(),
  quarter: quarterKeySchema,
  nilReturn: z.boolean(),
  fileName: z.string(),
  sha256: z.string().length(64),
  rows: z.array(returnRowSchema),
});
export type ParsedReturn = z.infer<typeof parsedReturnSchema>;

/** A problem in a returned workbook, said where a person would look: sheet, row, column. */
export function cellProblem(sheet: string, row: number | null, column: string | null, message: string): Problem {
  const where = [`Sheet “${sheet}”`, row === null ? null : `row ${row}`, column === null ? null : `column “${column}”`]
    .filter(Boolean)
    .join(', ');
  return { where, message };
}

export const importSummarySchema = z.object({
  returnId: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  quarter: z.string(),
  nilReturn: z.boolean(),
  rows: z.number(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

/** What the coordinator sees on the returns screen for a quarter. */
export const returnsStatusSchema = z.object({
  quarter: z.string(),
  agencies: z.array(
    z.object({
      agencyId: z.number(),
      name: z.string(),
      status: z.enum(['returned', 'nil', 'missing']),
      rows: z.number(),
      importedAt: z.string().nullable(),
      fileName: z.string().nullable(),
    }),
  ),
});
