// The one source of truth for both bridges: channel name -> input and output schemas.
// The Electron preload, the IPC registration, the web mode and the renderer all read this map.
import { z } from 'zod';
import { agencyDetailSchema, agencyInput, agencySummarySchema, officerInput, officerSchema } from './domain/agency';
import { isoDate } from './domain/dates';

const id = (what: string) => z.number({ error: `Give the ${what} id as a number` }).int(`The ${what} id must be a whole number`).positive(`The ${what} id must be positive`);
const nothing = z.object({}).strict();

export const contract = {
  'app:info': {
    kind: 'read',
    input: nothing,
    output: z.object({ version: z.string(), schemaVersion: z.number(), dataFolder: z.string(), mode: z.enum(['desktop', 'web']) }),
  },
  'agencies:list': {
    kind: 'read',
    input: z.object({ includeRetired: z.boolean().default(false) }).strict(),
    output: z.array(agencySummarySchema),
  },
  'agencies:get': {
    kind: 'read',
    input: z.object({ agencyId: id('agency') }).strict(),
    output: agencyDetailSchema,
  },
  'agencies:create': {
    kind: 'write',
    input: agencyInput.strict(),
    output: agencyDetailSchema,
  },
  'agencies:update': {
    kind: 'write',
    input: agencyInput.extend({ agencyId: id('agency') }).strict(),
    output: agencyDetailSchema,
  },
  'agencies:retire': {
    kind: 'write',
    input: z.object({ agencyId: id('agency'), retiredOn: isoDate }).strict(),
    output: agencyDetailSchema,
  },
  'memberships:add': {
    kind: 'write',
    input: z.object({ agencyId: id('agency'), from: isoDate, to: isoDate.nullable().default(null) }).strict()
      .refine((m) => m.to === null || m.to >= m.from, { message: 'The membership cannot end before it starts', path: ['to'] }),
    output: agencyDetailSchema,
  },
  'memberships:end': {
    kind: 'write',
    input: z.object({ membershipId: id('membership'), to: isoDate }).strict(),
    output: agencyDetailSchema,
  },
  'officers:add': {
    kind: 'write',
    input: officerInput.extend({ agencyId: id('agency') }).strict(),
    output: agencyDetailSchema,
  },
  'officers:update': {
    kind: 'write',
    input: officerInput.extend({ officerId: id('officer') }).strict(),
    output: agencyDetailSchema,
  },
  'officers:leave': {
    kind: 'write',
    input: z.object({ officerId: id('officer'), leftOn: isoDate }).strict(),
    output: agencyDetailSchema,
  },
  'board:membersOn': {
    kind: 'read',
    input: z.object({ date: isoDate }).strict(),
    output: z.array(z.object({ agency: agencySummarySchema, seniorOfficers: z.array(officerSchema) })),
  },
} as const satisfies Record<string, { kind: 'read' | 'write'; input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
