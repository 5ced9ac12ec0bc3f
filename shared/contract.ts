// The one source of truth for both bridges: channel name -> input and output schemas.
// The Electron preload, the IPC registration, the web mode and the renderer all read this map.
import { z } from 'zod';
import { agencyDetailSchema, agencyInput, agencySummarySchema, officerInput, officerSchema } from './domain/agency';
import { isoDate } from './domain/dates';
import {
  actionDoneInput,
  breachRowSchema,
  closeInput,
  correctionInput,
  draftSchema,
  escalateInput,
  escalationCreateInput,
  escalationDetailSchema,
  notificationRecordInput,
  outstandingNotificationSchema,
  overdueRowSchema,
  dueSoonRowSchema,
  noTimescaleRowSchema,
  referralRecordInput,
  registerQuery,
  registerRowSchema,
  resolveInput,
  stageRecordInput,
  trackDeadlineInput,
  withdrawInput,
} from './domain/escalation';
import { dashboardSchema } from './domain/dashboard';
import { declineSignOffInput, pendingSignOffSchema, requestSignOffInput, signOffInput } from './domain/signOff';
import { importSummarySchema, returnsStatusSchema } from './domain/agencyReturn';
import { boardReturnExportInput, deliverySchema, jobInput, jobViewSchema, returnImportInput, templateExportInput } from './domain/exports';
import { quarterKeySchema } from './domain/quarter';
import { legacyFileInput, legacyImportInput, legacyJobInput, legacyJobSchema, legacyPreviewSchema } from './domain/legacyRegister';
import {
  firstAccountInput,
  idleLockMinutesSchema,
  passwordChangeInput,
  passwordResetInput,
  sessionStatusSchema,
  signInInput,
  signInResultSchema,
  userCreateInput,
  userSchema,
  userUpdateInput,
} from './domain/accounts';
import {
  awaitingDecisionSchema,
  chairDecisionInput,
  panelCancelInput,
  panelCheckResultSchema,
  panelDecisionInput,
  panelDetailSchema,
  panelDraftInput,
  panelListRowSchema,
  panelOptionsSchema,
  panelPackSchema,
  panelSaveInput,
  panelSuggestionSchema,
  representationInput,
} from './domain/panel';
import {
  boardSettingsSchema,
  closureDayInput,
  closureDayRemoveInput,
  nameInput,
  profileEditInput,
  settingsUpdateInput,
  storedProfileSchema,
  timescaleCorrectionInput,
} from './domain/settings';
import {
  backupCheckSchema,
  backupListSchema,
  backupNameInput,
  backupViewSchema,
  deskHealthSchema,
  recordsSetUpSchema,
  recordsUnlockedSchema,
  restoreInput,
  restoreViewSchema,
  setUpRecordsInput,
  unlockRecordsInput,
} from './domain/recovery';
import { versioned } from './domain/recordVersion';
import { redactionInput, redactionResultSchema } from './domain/redaction';
import {
  accessExportInput,
  accessPageSchema,
  accessSearchInput,
  sessionEndedSchema,
  sessionEndInput,
  sessionSummarySchema,
} from './domain/accessRecord';
import {
  retentionDeleteInput,
  retentionDeletionSchema,
  retentionReviewQuery,
  retentionReviewSchema,
  reviewPeriodInput,
} from './domain/retention';
import { connectionChoiceSchema, connectionViewSchema } from './domain/connection';

const id = (what: string) =>
  z
    .number({ error: `Give the ${what} id as a number` })
    .int(`The ${what} id must be a whole number`)
    .positive(`The ${what} id must be positive`);
const nothing = z.object({}).strict();

export const contract = {
  'app:info': {
    kind: 'read',
    input: nothing,
    output: z.object({ version: z.string(), schemaVersion: z.number(), dataFolder: z.string(), mode: z.enum(['desktop', 'web']) }),
  },
  // ---- where the records are: the desktop app's main process answers these itself (electron/client/connectionHost.ts) ----
  'connection:get': { kind: 'read', input: nothing, output: connectionViewSchema },
  'connection:choose': { kind: 'write', input: connectionChoiceSchema, output: connectionViewSchema },
  // ---- signing in, and the board's user accounts ----
  'session:status': { kind: 'read', input: nothing, output: sessionStatusSchema },
  'session:setUp': { kind: 'write', input: firstAccountInput.strict(), output: sessionStatusSchema },
  'session:signIn': { kind: 'write', input: signInInput.strict(), output: signInResultSchema },
  'session:signOut': { kind: 'write', input: nothing, output: sessionStatusSchema },
  'session:lock': { kind: 'write', input: nothing, output: sessionStatusSchema },
  'session:touch': { kind: 'read', input: nothing, output: sessionStatusSchema },
  'session:changePassword': { kind: 'write', input: passwordChangeInput.strict(), output: sessionStatusSchema },
  'users:list': { kind: 'read', input: nothing, output: z.object({ users: z.array(userSchema), idleLockMinutes: z.number() }) },
  'users:create': { kind: 'write', input: userCreateInput.strict(), output: userSchema },
  'users:update': { kind: 'write', input: userUpdateInput.strict(), output: userSchema },
  'users:resetPassword': { kind: 'write', input: passwordResetInput.strict(), output: userSchema },
  'users:setIdleLock': {
    kind: 'write',
    input: z.object({ minutes: idleLockMinutesSchema }).strict(),
    output: z.object({ idleLockMinutes: z.number() }),
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
    input: agencyInput.extend({ agencyId: id('agency'), ...versioned }).strict(),
    output: agencyDetailSchema,
  },
  'agencies:retire': {
    kind: 'write',
    input: z.object({ agencyId: id('agency'), retiredOn: isoDate, ...versioned }).strict(),
    output: agencyDetailSchema,
  },
  'memberships:add': {
    kind: 'write',
    input: z
      .object({ agencyId: id('agency'), from: isoDate, to: isoDate.nullable().default(null), ...versioned })
      .strict()
      .refine((m) => m.to === null || m.to >= m.from, { message: 'The membership cannot end before it starts', path: ['to'] }),
    output: agencyDetailSchema,
  },
  'memberships:end': {
    kind: 'write',
    input: z.object({ membershipId: id('membership'), to: isoDate, ...versioned }).strict(),
    output: agencyDetailSchema,
  },
  'officers:add': {
    kind: 'write',
    input: officerInput.extend({ agencyId: id('agency'), ...versioned }).strict(),
    output: agencyDetailSchema,
  },
  'officers:update': {
    kind: 'write',
    input: officerInput.extend({ officerId: id('officer'), ...versioned }).strict(),
    output: agencyDetailSchema,
  },
  'officers:leave': {
    kind: 'write',
    input: z.object({ officerId: id('officer'), leftOn: isoDate, ...versioned }).strict(),
    output: agencyDetailSchema,
  },
  'board:membersOn': {
    kind: 'read',
    input: z.object({ date: isoDate }).strict(),
    output: z.array(z.object({ agency: agencySummarySchema, seniorOfficers: z.array(officerSchema) })),
  },

  // ---- the board's settings, policy and calendar ----
  'settings:get': { kind: 'read', input: nothing, output: boardSettingsSchema },
  'settings:update': { kind: 'write', input: settingsUpdateInput.safeExtend(versioned).strict(), output: boardSettingsSchema },
  'profiles:get': { kind: 'read', input: z.object({ profileId: id('policy profile') }).strict(), output: storedProfileSchema },
  'profiles:choose': {
    kind: 'write',
    input: z.object({ profileId: id('policy profile'), ...versioned }).strict(),
    output: boardSettingsSchema,
  },
  'profiles:saveEdited': { kind: 'write', input: profileEditInput.safeExtend(versioned).strict(), output: boardSettingsSchema },
  'profiles:correctTimescale': {
    kind: 'write',
    input: timescaleCorrectionInput.safeExtend(versioned).strict(),
    output: z.object({ dueDatesChanged: z.number() }),
  },
  'calendar:addClosureDay': {
    kind: 'write',
    input: closureDayInput.safeExtend(versioned).strict(),
    output: z.object({ dueDatesChanged: z.number() }),
  },
  'calendar:removeClosureDay': {
    kind: 'write',
    input: closureDayRemoveInput.safeExtend(versioned).strict(),
    output: z.object({ dueDatesChanged: z.number() }),
  },
  'calendar:bankHolidays': {
    kind: 'read',
    input: z.object({ year: z.number().int().min(2000, 'Choose a year from 2000').max(2100, 'Choose a year up to 2100') }).strict(),
    output: z.array(z.object({ date: z.string(), name: z.string() })),
  },
  'categories:add': { kind: 'write', input: nameInput.safeExtend(versioned).strict(), output: boardSettingsSchema },
  'themes:add': { kind: 'write', input: nameInput.safeExtend(versioned).strict(), output: boardSettingsSchema },

  // ---- the escalation register ----
  'escalations:create': { kind: 'write', input: escalationCreateInput.strict(), output: escalationDetailSchema },
  'escalations:get': { kind: 'read', input: z.object({ escalationId: id('escalation') }).strict(), output: escalationDetailSchema },
  'escalations:list': {
    kind: 'read',
    input: registerQuery.strict(),
    output: z.object({ total: z.number(), rows: z.array(registerRowSchema) }),
  },
  'escalations:overdue': {
    kind: 'read',
    input: nothing,
    output: z.object({
      overdue: z.array(overdueRowSchema),
      dueToday: z.array(registerRowSchema),
      dueThisWeek: z.array(dueSoonRowSchema),
      noTimescale: z.array(noTimescaleRowSchema),
      breaches: z.array(breachRowSchema),
      notifications: z.array(outstandingNotificationSchema),
    }),
  },
  'escalations:escalate': { kind: 'write', input: escalateInput.safeExtend(versioned).strict(), output: escalationDetailSchema },
  'escalations:recordStage': { kind: 'write', input: stageRecordInput.safeExtend(versioned).strict(), output: escalationDetailSchema },
  'escalations:recordReferral': {
    kind: 'write',
    input: referralRecordInput.safeExtend(versioned).strict(),
    output: escalationDetailSchema,
  },
  'escalations:recordNotification': {
    kind: 'write',
    input: notificationRecordInput.safeExtend(versioned).strict(),
    output: escalationDetailSchema,
  },
  'escalations:resolve': { kind: 'write', input: resolveInput.safeExtend(versioned).strict(), output: escalationDetailSchema },
  'escalations:withdraw': { kind: 'write', input: withdrawInput.safeExtend(versioned).strict(), output: escalationDetailSchema },
  'escalations:close': { kind: 'write', input: closeInput.safeExtend(versioned).strict(), output: escalationDetailSchema },
  // The chair's sign-off in the app (where the board has a chair account): asked by the coordinator, answered by the chair.
  'escalations:requestSignOff': {
    kind: 'write',
    input: requestSignOffInput.safeExtend(versioned).strict(),
    output: escalationDetailSchema,
  },
  'escalations:signOff': { kind: 'write', input: signOffInput.safeExtend(versioned).strict(), output: escalationDetailSchema },
  'escalations:declineSignOff': {
    kind: 'write',
    input: declineSignOffInput.safeExtend(versioned).strict(),
    output: escalationDetailSchema,
  },
  'signOffs:pending': { kind: 'read', input: nothing, output: z.array(pendingSignOffSchema) },
  'escalations:actionDone': { kind: 'write', input: actionDoneInput.safeExtend(versioned).strict(), output: escalationDetailSchema },
  'escalations:correct': { kind: 'write', input: correctionInput.safeExtend(versioned).strict(), output: escalationDetailSchema },
  'escalations:trackDeadline': {
    kind: 'write',
    input: trackDeadlineInput.safeExtend(versioned).strict(),
    output: escalationDetailSchema,
  },
  // Removes a child's identifier that slipped into a case's text, from the case and the audit trail's stored values.
  'escalations:redact': { kind: 'write', input: redactionInput.safeExtend(versioned).strict(), output: redactionResultSchema },
  'escalations:outcomeLetter': { kind: 'read', input: z.object({ escalationId: id('escalation') }).strict(), output: draftSchema },
  'escalations:chairReferral': { kind: 'read', input: z.object({ escalationId: id('escalation') }).strict(), output: draftSchema },
  'chair:policyGaps': { kind: 'read', input: nothing, output: z.array(registerRowSchema.extend({ policyGapNote: z.string() })) },
  // Cases at the board's stage with no decision yet: the chair's list on the Panels screen.
  'chair:awaitingDecision': { kind: 'read', input: nothing, output: z.array(awaitingDecisionSchema) },

  // ---- the chair and resolution panels ----
  // warnings: e.g. a resolution panel this policy cannot form for the case (the chair must see it).
  'chair:decide': {
    kind: 'write',
    input: chairDecisionInput.safeExtend(versioned).strict(),
    output: escalationDetailSchema.extend({ warnings: z.array(z.string()) }),
  },
  'panels:options': {
    kind: 'read',
    input: z.object({ escalationId: id('escalation'), sitsOn: isoDate.nullable().default(null) }).strict(),
    output: panelOptionsSchema,
  },
  'panels:check': { kind: 'read', input: panelDraftInput.strict(), output: panelCheckResultSchema },
  'panels:suggest': { kind: 'read', input: panelDraftInput.strict(), output: panelSuggestionSchema },
  'panels:save': { kind: 'write', input: panelSaveInput.safeExtend(versioned).strict(), output: panelDetailSchema },
  'panels:get': { kind: 'read', input: z.object({ panelId: id('panel') }).strict(), output: panelDetailSchema },
  'panels:list': { kind: 'read', input: nothing, output: z.array(panelListRowSchema) },
  'panels:addRepresentation': { kind: 'write', input: representationInput.safeExtend(versioned).strict(), output: panelDetailSchema },
  'panels:recordDecision': { kind: 'write', input: panelDecisionInput.safeExtend(versioned).strict(), output: escalationDetailSchema },
  'panels:cancel': { kind: 'write', input: panelCancelInput.safeExtend(versioned).strict(), output: panelDetailSchema },
  'panels:pack': { kind: 'read', input: z.object({ panelId: id('panel') }).strict(), output: panelPackSchema },

  // ---- the learning hub ----
  'dashboard:quarter': { kind: 'read', input: z.object({ quarter: quarterKeySchema }).strict(), output: dashboardSchema },

  // ---- Excel returns: out as background jobs, in as a whole file ----
  'exports:boardReturn': { kind: 'task', input: boardReturnExportInput.strict(), output: jobViewSchema },
  'exports:agencyTemplate': { kind: 'task', input: templateExportInput.strict(), output: jobViewSchema },
  'exports:status': { kind: 'read', input: jobInput.strict(), output: jobViewSchema },
  'exports:deliver': { kind: 'task', input: jobInput.strict(), output: deliverySchema },
  'returns:import': { kind: 'task', input: returnImportInput.strict(), output: importSummarySchema },
  // ---- A board's legacy register: checked whole, then written in steps in one transaction ----
  'legacy:preview': { kind: 'task', input: legacyFileInput.strict(), output: legacyPreviewSchema },
  'legacy:import': { kind: 'task', input: legacyImportInput.strict(), output: legacyJobSchema },
  'legacy:status': { kind: 'read', input: legacyJobInput.strict(), output: legacyJobSchema },
  'legacy:cancel': { kind: 'read', input: legacyJobInput.strict(), output: legacyJobSchema },
  'returns:status': { kind: 'read', input: z.object({ quarter: quarterKeySchema }).strict(), output: returnsStatusSchema },

  // ---- retention review: cases past the board's review period; deletion only by a person, with a reason ----
  'retention:review': { kind: 'read', input: retentionReviewQuery.strict(), output: retentionReviewSchema },
  'retention:setPeriod': {
    kind: 'write',
    input: reviewPeriodInput.safeExtend(versioned).strict(),
    output: z.object({ reviewYears: z.number() }),
  },
  'retention:deleteCase': { kind: 'write', input: retentionDeleteInput.safeExtend(versioned).strict(), output: retentionDeletionSchema },

  // ---- the records' health at start-up, backups and restoring one (answered even when the file is damaged) ----
  'desk:health': { kind: 'read', input: nothing, output: deskHealthSchema },
  // Answered only while the records are locked (frontDesk.ts); refused once they are open.
  'records:unlock': { kind: 'write', input: unlockRecordsInput.strict(), output: recordsUnlockedSchema },
  'records:setUp': { kind: 'write', input: setUpRecordsInput.strict(), output: recordsSetUpSchema },
  'backups:list': { kind: 'read', input: nothing, output: backupListSchema },
  'backups:check': { kind: 'read', input: backupNameInput.strict(), output: backupCheckSchema },
  'backups:create': { kind: 'task', input: nothing, output: backupViewSchema },
  'backups:restore': { kind: 'task', input: restoreInput.strict(), output: restoreViewSchema },

  // ---- Access record and sessions (issue 15): the coordinator's ----
  'access:search': { kind: 'read', input: accessSearchInput.strict(), output: accessPageSchema },
  'access:export': { kind: 'task', input: accessExportInput.strict(), output: jobViewSchema },
  'sessions:list': { kind: 'read', input: nothing, output: z.array(sessionSummarySchema) },
  'sessions:end': { kind: 'write', input: sessionEndInput.strict(), output: sessionEndedSchema },
} as const satisfies Record<string, { kind: 'read' | 'write' | 'task'; input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
