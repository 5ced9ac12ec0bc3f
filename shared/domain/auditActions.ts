// Every action the audit trail records, named once. appendAudit takes only these, and the case
// timeline has a wording for each (its switch is exhaustive over this list), so a new action, or a
// typo in one, fails the typecheck instead of reaching a person's screen as a raw name.
export const AUDIT_ACTIONS = [
  // The escalation's own history (the case timeline)
  'escalation.create',
  'escalation.escalate',
  'escalation.recordStage',
  'escalation.recordReferral',
  'escalation.recordNotification',
  'escalation.resolve',
  'escalation.withdraw',
  'escalation.close',
  'escalation.signOffRequested',
  'escalation.signOffDeclined',
  'escalation.actionDone',
  'escalation.correct',
  'escalation.chairDecision',
  'escalation.importFromReturn',
  'escalation.importLegacy',
  'escalation.redact',
  'escalation.dueDatesReworked',
  'escalation.trackDeadline',
  'escalation.deleteAfterReview',
  'panel.plan',
  'panel.update',
  'panel.representation',
  'panel.decision',
  'panel.cancel',
  // Agencies, their memberships and officers
  'agency.create',
  'agency.update',
  'agency.retire',
  'membership.add',
  'membership.end',
  'officer.add',
  'officer.update',
  'officer.leave',
  // The board's settings, policy profiles and calendar
  'board.settings',
  'board.add.category',
  'board.add.learning_theme',
  'board.chooseProfile',
  'board.saveProfile',
  'board.correctTimescale',
  'calendar.addClosureDay',
  'calendar.removeClosureDay',
  'retention.reviewPeriod',
  'agencyReturn.import',
  'legacyImport.import',
  'records.restore',
  // Accounts and sessions
  'accounts.create',
  'accounts.update',
  'accounts.resetPassword',
  'accounts.changeOwnPassword',
  'accounts.idleLock',
  'session.signIn',
  'session.signInFailed',
  'session.signOut',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

/** A stored action read back from the records: one of the set, or null for a name this version does not know. */
export function parseAuditAction(stored: string): AuditAction | null {
  return KNOWN.has(stored) ? (stored as AuditAction) : null;
}
