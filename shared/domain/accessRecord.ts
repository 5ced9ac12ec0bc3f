// The access record (issue 15, item 4): its kinds of entry, the coordinator's search and the
// sessions list. What each channel adds to it is in accessRules.ts.
import { z } from 'zod';
import { isoDate } from './dates';

export const ACCESS_KINDS = [
  'case_opened',
  'panel_opened',
  'pack_opened',
  'export_started',
  'export_delivered',
  'export_downloaded',
  'return_imported',
  'register_imported',
  'signed_in',
  'sign_in_refused',
  'signed_out',
  'session_ended',
  'locked',
  'write',
] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

export const ACCESS_KIND_LABELS: Record<AccessKind, string> = {
  case_opened: 'Opened a case',
  panel_opened: 'Opened a panel',
  pack_opened: 'Opened a panel pack',
  export_started: 'Exported a file',
  export_delivered: 'Saved an export',
  export_downloaded: 'Downloaded an export',
  return_imported: 'Imported a return',
  register_imported: 'Imported a legacy register',
  signed_in: 'Signed in',
  sign_in_refused: 'Sign-in refused',
  signed_out: 'Signed out',
  session_ended: 'Session ended by a coordinator',
  locked: 'Locked',
  write: 'Changed a record',
};

export type AccessVia = 'desktop' | 'web' | 'command line';
/** Who is named for a refused sign-in: nobody was signed in; the name typed is kept beside it. */
export const NO_ACCOUNT = '(no account)';

// ---- The coordinator's search ----

const MAX_PAGE = 200;
export const accessSearchInput = z.object({
  person: z.string().trim().max(80, 'A user name is at most 80 characters').optional(),
  caseReference: z.string().trim().max(40, 'A case reference is at most 40 characters').optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: z.enum(ACCESS_KINDS, { error: 'Choose one of the kinds listed' }).optional(),
  /** Keyset paging: entries older than this one (the previous page's nextBefore). */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(MAX_PAGE).default(50),
});
export type AccessSearchInput = z.input<typeof accessSearchInput>;
export type AccessSearch = z.output<typeof accessSearchInput>;
/** The filters alone, for the export (every entry they match, not a page). */
export const accessExportInput = accessSearchInput.omit({ before: true, limit: true });

export const accessEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  displayName: z.string(),
  userName: z.string().nullable(),
  address: z.string().nullable(),
  via: z.enum(['desktop', 'web', 'command line']),
  kind: z.enum(ACCESS_KINDS),
  channel: z.string(),
  caseReference: z.string().nullable(),
  record: z.string().nullable(),
});
export type AccessEntry = z.infer<typeof accessEntrySchema>;
export const accessPageSchema = z.object({ entries: z.array(accessEntrySchema), nextBefore: z.number().nullable() });
export type AccessPage = z.infer<typeof accessPageSchema>;

// ---- Who is signed in ----

export const sessionSummarySchema = z.object({
  ref: z.number(),
  userName: z.string(),
  displayName: z.string(),
  role: z.string(),
  via: z.enum(['desktop', 'web', 'command line']),
  address: z.string().nullable(),
  state: z.enum(['signed_in', 'locked']),
  signedInAt: z.string(),
  lastActivityAt: z.string(),
  /** The coordinator's own session (ending it is signing out: refused here). */
  yours: z.boolean(),
});
export type SessionSummaryView = z.infer<typeof sessionSummarySchema>;
export const sessionEndInput = z.object({ sessionRef: z.number({ error: 'Give the session’s number' }).int().positive() });
export const sessionEndedSchema = z.object({ ref: z.number(), userName: z.string(), displayName: z.string() });
