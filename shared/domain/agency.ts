// Partner agencies and their membership of the full board. Pure types and rules, no I/O.
import { z } from 'zod';
import { recordVersionSchema } from './recordVersion';
import { isoDate } from './dates';

export const SECTORS = {
  childrens_social_care: "Children's social care (local authority)",
  police: 'Police',
  health: 'Health',
  education: 'School or education',
  early_years: 'Early years setting',
  probation: 'Probation',
  housing: 'Housing',
  voluntary: 'Voluntary sector',
  other: 'Other',
} as const;
export type Sector = keyof typeof SECTORS;
export const sectorSchema = z.enum(Object.keys(SECTORS) as [Sector, ...Sector[]], {
  error: `Choose a sector: ${Object.values(SECTORS).join(', ')}`,
});

/** Names compare without case or extra spaces, so "Avon Police" and "avon  police" clash. */
export function agencyNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
}

const name = z
  .string({ error: 'Enter the agency name' })
  .trim()
  .min(2, 'Enter the agency name (at least 2 characters)')
  .max(120, 'Keep the agency name under 120 characters');

export const agencyInput = z.object({
  name,
  sector: sectorSchema,
  statutoryPartner: z.boolean({ error: 'Say whether the agency is a statutory safeguarding partner' }),
});
export type AgencyInput = z.infer<typeof agencyInput>;

const personName = z
  .string({ error: 'Enter the officer’s name' })
  .trim()
  .min(2, 'Enter the officer’s name')
  .max(120, 'Keep the name under 120 characters');

export const officerInput = z.object({
  name: personName,
  role: z
    .string({ error: 'Enter the officer’s role' })
    .trim()
    .min(2, 'Enter the officer’s role')
    .max(120, 'Keep the role under 120 characters'),
  email: z
    .string({ error: 'Enter an e-mail address' })
    .trim()
    .pipe(z.email({ error: 'Enter an e-mail address like name@agency.gov.uk' })),
  senior: z.boolean({ error: 'Say whether this is a senior officer' }),
  boardRepresentative: z.boolean({ error: 'Say whether this is the board representative' }),
});
export type OfficerInput = z.infer<typeof officerInput>;

export const membershipSchema = z.object({
  id: z.number().int(),
  from: isoDate,
  to: isoDate.nullable(),
});
export type Membership = z.infer<typeof membershipSchema>;

export const officerSchema = officerInput.extend({
  id: z.number().int(),
  agencyId: z.number().int(),
  leftOn: isoDate.nullable(),
});
export type Officer = z.infer<typeof officerSchema>;

export const agencySummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  sector: sectorSchema,
  statutoryPartner: z.boolean(),
  retiredOn: isoDate.nullable(),
  boardMemberToday: z.boolean(),
  boardRepresentative: z.string().nullable(),
});
export type AgencySummary = z.infer<typeof agencySummarySchema>;

export const agencyDetailSchema = agencySummarySchema.extend({
  /** The record's version: a write names it as basedOnVersion (shared/domain/recordVersion.ts). */
  version: recordVersionSchema,
  memberships: z.array(membershipSchema),
  officers: z.array(officerSchema),
});
export type AgencyDetail = z.infer<typeof agencyDetailSchema>;

/** Was the agency a member of the full board on this date? Ranges are inclusive at both ends. */
export function isBoardMemberOn(memberships: readonly Membership[], date: string): boolean {
  return memberships.some((m) => m.from <= date && (m.to === null || m.to >= date));
}

/** Two membership periods overlap when neither ends before the other starts. */
export function membershipsOverlap(a: Pick<Membership, 'from' | 'to'>, b: Pick<Membership, 'from' | 'to'>): boolean {
  const aEnd = a.to ?? '9999-12-31';
  const bEnd = b.to ?? '9999-12-31';
  return a.from <= bEnd && b.from <= aEnd;
}
