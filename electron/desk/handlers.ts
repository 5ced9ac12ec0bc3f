// Channel -> service call. The only place that knows which service answers which channel.
// TypeScript checks that every channel in the contract has a handler with the right types.
import type { Channel, ChannelOutput, Contract, ParsedInput } from '../../shared/contract';
import type { ReadContext, TaskContext, WriteContext } from '../services/context';
import type { ExportEnvironment } from '../services/exports/exportEnvironment';
import * as agencies from '../services/agencies';
import * as settings from '../services/settings';
import * as profiles from '../services/profiles';
import * as policyVersions from '../services/policyVersions';
import { bankHolidaysIn } from '../../shared/domain/workingDays';
import { createEscalation } from '../services/escalations/create';
import { getEscalation } from '../services/escalations/detail';
import * as lifecycle from '../services/escalations/lifecycle';
import { trackDeadline } from '../services/escalations/trackDeadline';
import * as signOff from '../services/escalations/signOff';
import { listRegister, overdueAndBreaches, policyGaps } from '../services/escalations/register';
import { chairReferral, outcomeLetter } from '../services/escalations/drafts';
import * as panels from '../services/panels/panels';
import { panelPack } from '../services/panels/pack';
import { awaitingChairDecision } from '../services/panels/awaitingDecision';
import { suggest } from '../services/panels/suggest';
import { quarterDashboard } from '../services/dashboard/dashboard';
import * as exportsService from '../services/exports/exports';
import { previewLegacy, startLegacyImport } from '../services/legacy/legacyImport';
import type { LegacyImportJobs } from '../services/legacy/importJobs';
import { returnsStatus } from '../services/returns/returnsStatus';
import type { Caller, SessionRegistry } from '../services/accounts/sessionRegistry';
import * as accounts from '../services/accounts/sessionChannels';
import { idleLockMinutes, listUsers } from '../services/accounts/users';
import * as retention from '../services/retention';
import { redactCase } from '../services/escalations/redact';
import { DomainError } from '../services/errors';
import type { RecoveryControl } from './recoveryControl';
import type { WritableDb } from '../db/types';
import { checkpointAndTruncateWal } from '../db/wipe';
import { searchAccess } from '../services/access/search';
import { startAccessExport } from '../services/access/exportRecord';
import { endSession, listSessions } from '../services/access/sessions';

export interface AppEnvironment extends ExportEnvironment {
  version: string;
  dataFolder: string;
  mode: 'desktop' | 'web';
  schemaVersion: number;
  /** Who is signed in at this desk: every person's session. */
  sessions: SessionRegistry;
  /** The caller of this one call: the session it presents, which signing in and out replace (unused by trusted in-process callers). */
  caller: Caller;
  /** Backups and start-up health: present in the desktop app and the web mode (not the command line). */
  recovery: RecoveryControl | null;
  /** Legacy register imports under way (their progress and cancel). */
  legacyImports: LegacyImportJobs;
}

function recoveryOf(env: AppEnvironment): RecoveryControl {
  if (!env.recovery)
    throw new DomainError(
      'Backups are looked after by the desktop app and the web mode; from the command line use the backup, backups and restore commands.',
    );
  return env.recovery;
}

type HandlerFor<C extends Channel> = Contract[C]['kind'] extends 'write'
  ? (ctx: WriteContext, input: ParsedInput<C>, env: AppEnvironment) => ChannelOutput<C>
  : Contract[C]['kind'] extends 'task'
    ? (ctx: TaskContext, input: ParsedInput<C>, env: AppEnvironment) => Promise<ChannelOutput<C>>
    : (ctx: ReadContext, input: ParsedInput<C>, env: AppEnvironment) => ChannelOutput<C>;

export type Handlers = { [C in Channel]: HandlerFor<C> };

export const handlers: Handlers = {
  'app:info': (_ctx, _input, env) => ({
    version: env.version,
    schemaVersion: env.schemaVersion,
    dataFolder: env.dataFolder,
    mode: env.mode,
  }),
  // The desktop app's main process answers these itself (electron/client/connectionHost.ts); what
  // reaches a desk is the web mode or the board server, whose pages are served by the records' own server.
  'connection:get': (_ctx, _input, env) => (env.mode === 'web' ? { mode: 'served' } : { mode: 'local' }),
  'connection:choose': () => {
    throw new DomainError('These records are served by this server itself: there is no other place to choose. Nothing was changed.');
  },
  'session:status': (ctx, _input, env) => accounts.sessionStatus(ctx, env),
  'session:setUp': (ctx, input, env) => accounts.setUpFirstAccount(ctx, env, input),
  'session:signIn': (ctx, input, env) => accounts.signIn(ctx, env, input),
  'session:signOut': (ctx, _input, env) => accounts.signOut(ctx, env),
  'session:lock': (ctx, _input, env) => accounts.lock(ctx, env),
  'session:touch': (ctx, _input, env) => accounts.sessionStatus(ctx, env),
  'session:changePassword': (ctx, input, env) => accounts.changeOwnPassword(ctx, env, input),
  'users:list': (ctx) => ({ users: listUsers(ctx.db), idleLockMinutes: idleLockMinutes(ctx.db) }),
  'users:create': (ctx, input) => accounts.createUser(ctx, input),
  'users:update': (ctx, input, env) => accounts.updateAccount(ctx, env, input),
  'users:resetPassword': (ctx, input, env) => accounts.resetPassword(ctx, env, input),
  'users:setIdleLock': (ctx, input, env) => accounts.setIdleLock(ctx, env, input.minutes),

  'agencies:list': (ctx, input) => agencies.listAgencies(ctx, input),
  'agencies:get': (ctx, input) => agencies.getAgency(ctx.db, ctx.now, input.agencyId),
  'agencies:create': (ctx, input) => agencies.createAgency(ctx, input),
  'agencies:update': (ctx, input) => agencies.updateAgency(ctx, input),
  'agencies:retire': (ctx, input) => agencies.retireAgency(ctx, input),
  'memberships:add': (ctx, input) => agencies.addMembership(ctx, input),
  'memberships:end': (ctx, input) => agencies.endMembership(ctx, input),
  'officers:add': (ctx, input) => agencies.addOfficer(ctx, input),
  'officers:update': (ctx, input) => agencies.updateOfficer(ctx, input),
  'officers:leave': (ctx, input) => agencies.officerLeaves(ctx, input),
  'board:membersOn': (ctx, input) => agencies.boardMembersOn(ctx, input.date),

  'settings:get': (ctx) => settings.getSettings(ctx.db),
  'settings:update': (ctx, input) => settings.updateSettings(ctx, input),
  'profiles:get': (ctx, input) => {
    const stored = policyVersions.loadProfile(ctx.db, input.profileId);
    return { ...stored, active: policyVersions.activeProfileId(ctx.db) === stored.id };
  },
  'profiles:choose': (ctx, input) => {
    profiles.chooseProfile(ctx, input.profileId);
    return settings.getSettings(ctx.db);
  },
  'profiles:saveEdited': (ctx, input) => {
    profiles.saveEditedProfile(ctx, input);
    return settings.getSettings(ctx.db);
  },
  'profiles:correctTimescale': (ctx, input) => ({ dueDatesChanged: profiles.correctTimescale(ctx, input) }),
  'calendar:addClosureDay': (ctx, input) => ({ dueDatesChanged: settings.addClosureDay(ctx, input) }),
  'calendar:removeClosureDay': (ctx, input) => ({ dueDatesChanged: settings.removeClosureDay(ctx, input) }),
  'calendar:bankHolidays': (_ctx, input) => [...bankHolidaysIn(input.year)],
  'categories:add': (ctx, input) => settings.addCategory(ctx, input.name),
  'themes:add': (ctx, input) => settings.addTheme(ctx, input.name),

  'escalations:create': (ctx, input) => getEscalation(ctx.db, ctx.now, createEscalation(ctx, input)),
  'escalations:get': (ctx, input) => getEscalation(ctx.db, ctx.now, input.escalationId),
  'escalations:list': (ctx, input) => listRegister(ctx, input),
  'escalations:overdue': (ctx) => overdueAndBreaches(ctx),
  'escalations:escalate': (ctx, input) => (lifecycle.escalate(ctx, input), getEscalation(ctx.db, ctx.now, input.escalationId)),
  'escalations:recordStage': (ctx, input) => (lifecycle.recordStage(ctx, input), getEscalation(ctx.db, ctx.now, input.escalationId)),
  'escalations:recordReferral': (ctx, input) => (lifecycle.recordReferral(ctx, input), getEscalation(ctx.db, ctx.now, input.escalationId)),
  'escalations:recordNotification': (ctx, input) => getEscalation(ctx.db, ctx.now, lifecycle.recordNotification(ctx, input)),
  'escalations:resolve': (ctx, input) => (lifecycle.resolve(ctx, input), getEscalation(ctx.db, ctx.now, input.escalationId)),
  'escalations:withdraw': (ctx, input) => (lifecycle.withdraw(ctx, input), getEscalation(ctx.db, ctx.now, input.escalationId)),
  'escalations:close': (ctx, input) => (signOff.close(ctx, input), getEscalation(ctx.db, ctx.now, input.escalationId)),
  'escalations:requestSignOff': (ctx, input) => (signOff.requestSignOff(ctx, input), getEscalation(ctx.db, ctx.now, input.escalationId)),
  // Answered under the signed-in chair's own account (the account's id goes on the closure).
  'escalations:signOff': (ctx, input, env) => (
    signOff.signOff(ctx, input, env.caller.session?.user ?? null),
    getEscalation(ctx.db, ctx.now, input.escalationId)
  ),
  'escalations:declineSignOff': (ctx, input, env) => (
    signOff.declineSignOff(ctx, input, env.caller.session?.user ?? null),
    getEscalation(ctx.db, ctx.now, input.escalationId)
  ),
  'signOffs:pending': (ctx) => signOff.pendingSignOffs(ctx.db),
  'escalations:actionDone': (ctx, input) => getEscalation(ctx.db, ctx.now, lifecycle.actionDone(ctx, input)),
  'escalations:correct': (ctx, input) => (lifecycle.correct(ctx, input), getEscalation(ctx.db, ctx.now, input.escalationId)),
  'escalations:trackDeadline': (ctx, input) => (trackDeadline(ctx, input), getEscalation(ctx.db, ctx.now, input.escalationId)),
  // walCheckpointed is settled by the dispatcher once the change is committed (afterCommit below).
  'escalations:redact': (ctx, input) => ({ ...redactCase(ctx, input), walCheckpointed: false }),
  'escalations:outcomeLetter': (ctx, input) => outcomeLetter(ctx.db, ctx.now, input.escalationId),
  'escalations:chairReferral': (ctx, input) => chairReferral(ctx.db, ctx.now, input.escalationId),
  'chair:policyGaps': (ctx) => policyGaps(ctx),
  'chair:awaitingDecision': (ctx) => awaitingChairDecision(ctx.db),

  'chair:decide': (ctx, input) => {
    const warnings = panels.chairDecide(ctx, input);
    return { ...getEscalation(ctx.db, ctx.now, input.escalationId), warnings };
  },
  'panels:options': (ctx, input) => panels.panelOptions(ctx, input),
  'panels:check': (ctx, input) => panels.checkDraft(ctx.db, ctx.now, input),
  'panels:suggest': (ctx, input) => suggest(ctx, input),
  'panels:save': (ctx, input) => panels.getPanel(ctx.db, ctx.now, panels.savePanel(ctx, input)),
  'panels:get': (ctx, input) => panels.getPanel(ctx.db, ctx.now, input.panelId),
  'panels:list': (ctx) => panels.listPanels(ctx),
  'panels:addRepresentation': (ctx, input) => (panels.addRepresentation(ctx, input), panels.getPanel(ctx.db, ctx.now, input.panelId)),
  'panels:recordDecision': (ctx, input) => getEscalation(ctx.db, ctx.now, panels.recordPanelDecision(ctx, input)),
  'panels:cancel': (ctx, input) => (panels.cancelPanel(ctx, input), panels.getPanel(ctx.db, ctx.now, input.panelId)),
  'panels:pack': (ctx, input) => panelPack(ctx.db, ctx.now, input.panelId),

  'dashboard:quarter': (ctx, input) => quarterDashboard(ctx, input),

  'exports:boardReturn': async (ctx, input, env) => exportsService.startBoardReturn(ctx, env, input.quarter),
  'exports:agencyTemplate': async (ctx, input, env) => exportsService.startAgencyTemplate(ctx, env, input.quarter, input.agencyId),
  'exports:status': (_ctx, input, env) => env.exports.status(input.jobId),
  'exports:deliver': (ctx, input, env) => exportsService.deliver(ctx, env, input.jobId),
  'returns:import': (ctx, input) => exportsService.importReturn(ctx, input),
  'legacy:preview': (ctx, input) => previewLegacy(ctx, input),
  'legacy:import': (ctx, input, env) => startLegacyImport(ctx, env.legacyImports, input),
  'legacy:status': (_ctx, input, env) => env.legacyImports.status(input.jobId),
  'legacy:cancel': (_ctx, input, env) => env.legacyImports.cancel(input.jobId),
  'returns:status': (ctx, input) => returnsStatus(ctx.db, input.quarter),

  'retention:review': (ctx, input) => retention.retentionReview(ctx, input),
  'retention:setPeriod': (ctx, input) => retention.setReviewPeriod(ctx, input),
  'retention:deleteCase': (ctx, input) => retention.deleteCaseAfterReview(ctx, input),

  'desk:health': (_ctx, _input, env) => recoveryOf(env).health(),
  'backups:list': (_ctx, _input, env) => recoveryOf(env).listBackups(),
  'backups:check': (_ctx, input, env) => recoveryOf(env).checkBackup(input.name),
  'backups:create': async (_ctx, _input, env) => recoveryOf(env).backUpNow(),
  'backups:restore': async (ctx, input, env) => recoveryOf(env).restore(input.name, ctx.actor),
  // Only a locked front desk answers these (frontDesk.ts); an open desk has nothing to unlock.
  'records:unlock': () => {
    throw new DomainError('The records are already open.');
  },
  'records:setUp': () => {
    throw new DomainError('The records already have their key.');
  },

  'access:search': (ctx, input) => searchAccess(ctx.db, input),
  'access:export': async (ctx, input, env) => startAccessExport(ctx, env, input),
  'sessions:list': (ctx, _input, env) => listSessions(env.sessions, env.caller, ctx.now),
  'sessions:end': (ctx, input, env) => endSession(env.sessions, env.caller, input.sessionRef, ctx.now),
};

/**
 * Work a channel needs once its transaction has committed: after a redaction, the write-ahead log
 * is checkpointed and truncated so that no old page holding the removed text stays in it.
 */
export const afterCommit: { [C in Channel]?: (writer: WritableDb, value: ChannelOutput<C>) => ChannelOutput<C> } = {
  'escalations:redact': (writer, value) => ({ ...value, walCheckpointed: checkpointAndTruncateWal(writer) }),
};
