// Which free text each channel stores about a case, field by field: what the child-identifier
// check reads (childIdentifiers.ts). The dispatcher checks every channel listed here before its
// service runs, and the screens warn from the same list, so a field cannot be checked in one place
// and forgotten in another. test/unit/caseText.test.ts walks every write channel's input schema
// and fails when a text field is neither listed here nor named in NOT_CASE_TEXT with the reason.
import type { Channel, ParsedInput } from './contract';
import { CORRECTABLE_FIELDS } from './domain/escalation';
import { describeFinding, possibleChildIdentifiers } from './domain/childIdentifiers';
import type { Problem } from './result';

export interface CaseTextField {
  /** The field's label, as the form shows it. */
  where: string;
  text: string;
}

type Fields<C extends Channel> = (input: ParsedInput<C>) => CaseTextField[];
type CaseTextChannels = { [C in Channel]?: Fields<C> };

const f = (where: string, text: string | null | undefined): CaseTextField => ({ where, text: text ?? '' });
const actions = (list: readonly { description: string }[]) => list.map((a, i) => f(`Action ${i + 1}: what`, a.description));

// Fields that name the professionals involved by design (who took part, who told whom, who decided,
// who chaired, who made a representation, who owns an action) are not checked for names: workers
// are professionals, not children, and a warning on every one of their names would teach people to
// confirm without reading. A child's name typed there by mistake is removed by a redaction, which
// covers every free-text column of a case (electron/services/escalations/redact.ts).

export const CASE_TEXT: CaseTextChannels = {
  'escalations:create': (i) => [f('Raising worker’s role', i.raisingWorkerRole), f('What the disagreement is about', i.summary)],
  'escalations:escalate': (i) => [f('Why it is moving up', i.reason)],
  'escalations:recordStage': (i) => [f('Discussion', i.discussion), f('Decision', i.decision)],
  'escalations:resolve': (i) => [
    f('Statement of outcome', i.statement),
    f('Agreed by', i.agreedBy),
    f('Policy gap', i.policyGapNote),
    ...actions(i.actions),
  ],
  'escalations:withdraw': (i) => [f('Why it was withdrawn', i.reason)],
  'escalations:requestSignOff': (i) => [f('Note to the chair', i.note)],
  'escalations:declineSignOff': (i) => [f('Why the chair does not sign it off', i.reason)],
  'escalations:correct': (i) => [
    ...(i.field === 'summary' || i.field === 'raisingWorkerRole' ? [f(CORRECTABLE_FIELDS[i.field], String(i.value))] : []),
    f('Why the correction is needed', i.reason),
  ],
  'chair:decide': (i) => [f('Reasons', i.reasons)],
  'panels:save': (i) => [f('Why an agency in dispute is not on the panel', i.wherePossibleReason)],
  'panels:addRepresentation': (i) => [f('What they said', i.summary)],
  'panels:recordDecision': (i) => [
    f('The panel’s decision', i.decision),
    f('Statement of outcome', i.statement),
    f('Agreed by', i.agreedBy),
    f('Policy gap', i.policyGapNote),
    ...actions(i.actions),
  ],
  'panels:cancel': (i) => [f('Why the panel is cancelled', i.reason)],
  'retention:deleteCase': (i) => [f('Why the case is being deleted', i.reason)],
  'escalations:redact': (i) => [f('Why it is being removed', i.reason)],
  // The board's lists are shown on every case they are used in.
  'themes:add': (i) => [f('Learning theme', i.name)],
  'categories:add': (i) => [f('Category', i.name)],
};

/**
 * Text fields of write channels that are not free text about a case, and why: the test that keeps
 * CASE_TEXT complete reads this list.
 */
export const NOT_CASE_TEXT: Partial<Record<Channel, string>> = {
  'session:setUp': 'a professional’s own account: user name, display name, password',
  'records:unlock': 'the records’ passphrase, never stored',
  'records:setUp': 'the records’ passphrase, never stored',
  'session:signIn': 'a user name and password',
  'session:changePassword': 'passwords',
  'users:create': 'a professional’s account: user name, display name, password',
  'users:update': 'a professional’s account',
  'users:resetPassword': 'a password',
  'agencies:create': 'the agency directory: agency names, contact details',
  'agencies:update': 'the agency directory',
  'officers:add': 'officers are professionals: their names are known names, never a child’s',
  'officers:update': 'officers are professionals',
  'settings:update': 'the board’s own name and settings',
  'profiles:saveEdited': 'a policy’s name and stage names',
  'profiles:correctTimescale': 'a policy’s timescale and why it was corrected',
  'calendar:addClosureDay': 'why the board is closed on a day',
  'calendar:removeClosureDay': 'why a closure day is removed',
  'escalations:recordReferral': 'a referral route and date only',
  'escalations:recordNotification': 'who made the notification: a professional, named by design',
  'escalations:close': 'the chair who signed it off: a professional, named by design',
  'escalations:actionDone': 'a date only',
  'escalations:signOff': 'the case and whether open actions were seen: the chair is named from their account',
  'returns:import': 'a workbook: its rows carry a case reference, initials, list choices and dates, checked by the import',
  'legacy:import': 'a legacy register: every text cell of every row is read for a child’s name by the import itself',
  'legacy:preview': 'a legacy register, read and checked but not stored: the import reads every text cell for a child’s name',
  'legacy:cancel': 'a job id',
  'exports:boardReturn': 'an export request',
  'exports:agencyTemplate': 'an export request',
  'exports:deliver': 'an export request',
  'backups:restore': 'a backup’s file name',
  'backups:check': 'a backup’s file name',
  'access:export': 'the access record’s filters: a user name and a case reference, stored nowhere',
  'connection:choose':
    'the board server’s address and certificate fingerprint (answered by the desktop app itself, never stored in the records)',
};

/** The case text a channel's input holds (none for a channel that stores no text about a case). */
export function caseTextOf<C extends Channel>(channel: C, input: ParsedInput<C>): CaseTextField[] {
  const fields = CASE_TEXT[channel] as Fields<C> | undefined;
  return fields ? fields(input).filter((field) => field.text.trim() !== '') : [];
}

/** Each possible child identifier in the fields, said where it is. */
export function childIdentifierProblems(fields: readonly CaseTextField[], known: ReadonlySet<string> | readonly string[]): Problem[] {
  return fields.flatMap((field) =>
    possibleChildIdentifiers(field.text, known).map((finding) => ({ where: field.where, message: describeFinding(finding) })),
  );
}
