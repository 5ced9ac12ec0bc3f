// The board's own settings: its name, its reporting year, its policy and its calendar.
import { z } from 'zod';
import { recordVersionSchema } from './recordVersion';
import { isoDate } from './dates';
import { panelRuleSchema, policyProfileSchema } from './policyProfiles';
import { startMonthSchema } from './quarter';

export const profileSummarySchema = z.object({
  id: z.number(),
  key: z.string(),
  name: z.string(),
  version: z.number(),
  basedOn: z.string().nullable(),
  createdAt: z.string(),
  active: z.boolean(),
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

export const namedSchema = z.object({ id: z.number(), name: z.string() });

export const boardSettingsSchema = z.object({
  /** The record's version: a write names it as basedOnVersion (shared/domain/recordVersion.ts). */
  version: recordVersionSchema,
  boardName: z.string(),
  /** Where the referral e-mail to the independent chair goes; '' until the board records it. */
  chairEmail: z.string(),
  quarterStartMonth: z.number(),
  activeProfileId: z.number().nullable(),
  profiles: z.array(profileSummarySchema),
  closureDays: z.array(z.object({ date: z.string(), reason: z.string() })),
  categories: z.array(namedSchema),
  themes: z.array(namedSchema),
});
export type BoardSettings = z.infer<typeof boardSettingsSchema>;

export const settingsUpdateInput = z.object({
  boardName: z.string().trim().min(2, 'Enter the board’s name').max(120, 'Keep the board’s name under 120 characters'),
  quarterStartMonth: startMonthSchema,
  /** Left out, it stays as it is; '' says the board has no address for its chair. */
  chairEmail: z
    .string()
    .trim()
    .max(254, 'Keep the chair’s e-mail address under 254 characters')
    .pipe(z.email({ error: 'Enter the chair’s e-mail address like chair@safeguarding-board.gov.uk' }).or(z.literal('')))
    .optional(),
});

export const storedProfileSchema = z.object({ id: z.number(), version: z.number(), active: z.boolean(), profile: policyProfileSchema });

const stageEdit = z.object({
  number: z.number().int(),
  name: z.string().trim().min(1, 'Enter a stage name').max(120, 'Keep a stage name under 120 characters'),
  timescaleWorkingDays: z
    .number()
    .int('Give the timescale in whole working days')
    .min(0, 'A timescale cannot be negative')
    .max(60, 'Keep a timescale to 60 working days or fewer')
    .nullable(),
});

export const profileEditInput = z.object({
  baseProfileId: z.number().int().positive(),
  name: z.string().trim().min(2, 'Give the edited policy a name').max(120, 'Keep the name under 120 characters'),
  stages: z.array(stageEdit).min(1, 'A policy needs at least one stage').max(10, 'A policy can have at most 10 stages'),
  panelRule: panelRuleSchema,
});

export const timescaleCorrectionInput = z.object({
  profileId: z.number().int().positive(),
  stageNumber: z.number().int().min(0),
  timescaleWorkingDays: stageEdit.shape.timescaleWorkingDays,
  reason: z.string().trim().min(3, 'Say why the timescale is being corrected').max(1000),
});

export const closureDayInput = z.object({
  date: isoDate,
  reason: z.string().trim().min(2, 'Say why the board is closed that day').max(200),
});
export const closureDayRemoveInput = z.object({
  date: isoDate,
  reason: z.string().trim().min(2, 'Say why the closure day is being removed').max(200),
});
export const nameInput = z.object({
  name: z.string().trim().min(2, 'Enter a name of at least 2 characters').max(120, 'Keep the name under 120 characters'),
  confirmedNoChildName: z.boolean().default(false),
});
