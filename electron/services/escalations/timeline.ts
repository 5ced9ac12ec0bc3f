// The case timeline is the audit trail for the case, told in words: one source, so the timeline
// can never say something the audit does not.
import {
  CORRECTABLE_FIELDS,
  NOTIFICATION_KINDS,
  OUTCOME_EFFECTS,
  REFERRAL_ROUTES,
  type CorrectableField,
  type NotificationKind,
  type OutcomeEffect,
  type ReferralRoute,
} from '../../../shared/domain/escalation';
import { formatUkDate } from '../../../shared/domain/dates';
import { auditFor, type AuditEntry } from '../audit';
import { parseAuditAction } from '../../../shared/domain/auditActions';
import type { AnyDb } from './rows';
import { CLOSURE_WAYS, type ClosureWay } from '../../../shared/domain/signOff';

type Fields = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatUkDate(v) : str(v));
/** The consequent actions still open when a case was put forward for sign-off or closed, as the audit kept them. */
const openActionsText = (v: unknown) => (Array.isArray(v) && v.length > 0 ? ` Still open then: ${v.map(str).join('; ')}.` : '');

const peopleLine = (v: unknown) => (Array.isArray(v) && v.length ? `People who took part: ${v.map(str).join('; ')}` : '');
/** Old entries wrote dates into their sentences as ISO dates: read them in the case's own format. */
const ukDatesIn = (text: string) => text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => date(iso));

function describe(entry: AuditEntry): { title: string; detail: string } {
  const after = (entry.after ?? {}) as Fields;
  const before = (entry.before ?? {}) as Fields;
  // A stored action this version does not know (written by a later version, say) is shown plainly.
  const action = parseAuditAction(entry.action);
  if (action === null) return plainly(entry);
  switch (action) {
    case 'escalation.create':
      return {
        title: `Logged at stage ${str(after.stage)} (${str(after.stageName)})`,
        detail: `Under ${str(after.profile)}${after.immediateRisk ? '; child at immediate risk' : ''}${after.dueOn ? `; due ${date(after.dueOn)}` : '; no timescale set'}${after.origin === 'agency_return' ? '; from an agency return' : ''}.`,
      };
    case 'escalation.escalate':
      return {
        title: `Moved up from stage ${str(before.stage)} to stage ${str(after.stage)} (${str(after.stageName)})`,
        detail: `On ${date(after.on)}: ${str(after.reason)}${after.dueOn ? ` Due ${date(after.dueOn)}.` : ''}`,
      };
    case 'escalation.recordStage':
      return {
        title: `Stage ${str(after.stage)} discussion recorded`,
        detail: [
          after.discussion && `Discussion: ${str(after.discussion)}`,
          after.decision && `Decision: ${str(after.decision)}`,
          after.participants && `Who took part: ${str(after.participants)}`,
          peopleLine(after.people),
        ]
          .filter(Boolean)
          .join(' · '),
      };
    case 'escalation.recordReferral':
      return {
        title: 'Referral recorded',
        detail: `To ${REFERRAL_ROUTES[after.to as ReferralRoute] ?? str(after.to)} on ${date(after.madeOn)}.`,
      };
    case 'escalation.recordNotification':
      return {
        title: `${NOTIFICATION_KINDS[after.kind as NotificationKind] ?? str(after.kind)} notified`,
        detail: `On ${date(after.madeOn)} by ${str(after.madeBy)} (${str(after.method)}).`,
      };
    case 'escalation.resolve':
      return {
        title: `Resolved: ${OUTCOME_EFFECTS[after.effect as OutcomeEffect] ?? str(after.effect)}`,
        detail: `On ${date(after.resolvedOn)}, agreed by ${str(after.agreedBy)}. ${str(after.statement)}${after.policyGap ? ` Policy gap flagged to the chair: ${str(after.policyGapNote)}` : ''}`,
      };
    case 'escalation.withdraw':
      return { title: 'Withdrawn', detail: `On ${date(after.on)}: ${str(after.reason)}` };
    case 'escalation.close':
      return {
        title: 'Closed with the chair’s sign-off',
        detail: `Signed off by ${str(after.chairName)} on ${date(after.on)}${typeof after.how === 'string' ? ` (${(CLOSURE_WAYS[after.how as ClosureWay] ?? after.how).toLowerCase()})` : ''}.${openActionsText(after.openActions)}`,
      };
    case 'escalation.signOffRequested':
      return {
        title: 'Chair asked to sign off',
        detail: `${str(after.note) || 'No note.'}${openActionsText(after.openActions)}`,
      };
    case 'escalation.signOffDeclined':
      return { title: 'Chair declined to sign off', detail: str(after.reason) };
    case 'escalation.actionDone':
      return { title: 'Action done', detail: `${str(after.description)} (done ${date(after.doneOn)}).` };
    case 'escalation.correct':
      return {
        title: `Correction: ${CORRECTABLE_FIELDS[after.field as CorrectableField] ?? str(after.field)}`,
        detail: `From “${str(before.value)}” to “${str(after.value)}”. Reason: ${str(after.reason)}`,
      };
    case 'escalation.chairDecision':
      return {
        title: `Chair’s decision: ${str(after.routeLabel)}`,
        detail: `On ${date(after.decidedOn)} by ${str(after.decidedBy)}: ${str(after.reasons)}${Array.isArray(after.warnings) ? ` Warning: ${after.warnings.map(str).join(' ')}` : ''}`,
      };
    case 'panel.plan':
    case 'panel.update':
      return {
        title: action === 'panel.plan' ? `Panel planned for ${date(after.sitsOn)}` : `Panel changed: sits ${date(after.sitsOn)}`,
        detail:
          `Chair: ${str(after.chair)}. ${(after.seats as string[] | undefined)?.join('; ') ?? ''}.${after.valid ? ' All checks pass.' : after.departureReason ? '' : ' Not yet valid.'}${after.wherePossibleReason ? ` Reason for leaving an agency off: ${str(after.wherePossibleReason)}` : ''}` +
          (after.departureReason
            ? ` This policy’s panel cannot be formed for this case; the chair recorded a departure from the policy: ${str(after.departureReason)}`
            : ''),
      };
    case 'panel.representation':
      return { title: `Representation from ${str(after.fromPerson)}`, detail: `Received ${date(after.receivedOn)}: ${str(after.summary)}` };
    case 'panel.decision':
      return {
        title: after.departureReason ? 'Panel decision recorded (held under a departure from the policy)' : 'Panel decision recorded',
        detail: `On ${date(after.decidedOn)}: ${str(after.decision)}${after.departureReason ? ` The chair’s reason for departing from the policy: ${str(after.departureReason)}` : ''}`,
      };
    case 'panel.cancel':
      return { title: 'Panel cancelled', detail: str(after.reason) };
    case 'escalation.importFromReturn':
      return {
        title: `Imported from ${str(after.source)}`,
        detail: `Stage ${str(after.stage)} (${str(after.stageName)}); ${str(after.outcome)}; row ${str(after.sheetRow)} of “${str(after.fileName)}”.`,
      };
    case 'escalation.importLegacy': {
      const ending = after.ending as { kind?: string; on?: string; effect?: string } | null;
      const ended = !ending
        ? 'still open'
        : `${ending.kind === 'withdrawn' ? 'withdrawn' : `resolved (${str(ending.effect).replace('_', ' ')})`} on ${date(ending.on)}`;
      return {
        title: 'Imported from the board’s previous register',
        detail: `Raised ${date(after.openedOn)}; reached stage ${str(after.stage)} (${str(after.stageName)}); ${ended}; row ${str(after.sheetRow)} of “${str(after.fileName)}”.`,
      };
    }
    case 'escalation.trackDeadline':
      return {
        title: 'Deadline tracked by the board',
        detail: `Stage ${str(after.stage)} counted from ${date(after.from)}: due ${date(after.dueOn)} (${str(after.timescaleWorkingDays)} working days). It came in from the previous register without one.`,
      };
    case 'escalation.redact': {
      const fields = (after.fields as string[] | undefined) ?? [];
      const entries = (after.auditEntries as unknown[] | undefined)?.length ?? 0;
      return {
        title: 'A child’s identifier removed',
        detail: `From ${fields.length > 0 ? fields.join(', ') : 'no field of the case'} and ${entries} audit ${entries === 1 ? 'entry' : 'entries'}. Reason: ${str(after.reason)}`,
      };
    }
    case 'escalation.dueDatesReworked':
      return { title: 'Due date re-worked', detail: ukDatesIn(str(after.reason)) };
    // Not about one case: never on a case's timeline, but worded plainly should one ever be.
    case 'escalation.deleteAfterReview':
    case 'agency.create':
    case 'agency.update':
    case 'agency.retire':
    case 'membership.add':
    case 'membership.end':
    case 'officer.add':
    case 'officer.update':
    case 'officer.leave':
    case 'board.settings':
    case 'board.add.category':
    case 'board.add.learning_theme':
    case 'board.chooseProfile':
    case 'board.saveProfile':
    case 'board.correctTimescale':
    case 'calendar.addClosureDay':
    case 'calendar.removeClosureDay':
    case 'retention.reviewPeriod':
    case 'agencyReturn.import':
    case 'legacyImport.import':
    case 'records.restore':
    case 'accounts.create':
    case 'accounts.update':
    case 'accounts.resetPassword':
    case 'accounts.changeOwnPassword':
    case 'accounts.idleLock':
    case 'session.signIn':
    case 'session.signInFailed':
    case 'session.signOut':
      return plainly(entry);
    default: {
      // Every action has a wording above: a new one added to AUDIT_ACTIONS without one fails here.
      const unworded: never = action;
      return plainly({ ...entry, action: unworded });
    }
  }
}

/** The entry as stored: its action's name and its values. */
function plainly(entry: AuditEntry): { title: string; detail: string } {
  return { title: entry.action, detail: entry.after === null ? '' : JSON.stringify(entry.after) };
}

export function timelineFor(db: AnyDb, escalationId: number) {
  return auditFor(db, 'escalation', escalationId).map((entry) => ({
    id: entry.id,
    at: entry.at,
    actor: entry.actor,
    correctsEntryId: entry.correctsEntryId,
    ...describe(entry),
  }));
}
