// The server side of the child-identifier check: every write channel that stores text about a case
// (shared/caseText.ts) passes through here in the dispatcher, inside its transaction, before its
// service runs. The words of the names the board knows as professionals' and agencies' are never
// taken for a child's (shared/domain/childIdentifiers.ts explains the trade-off).
import { caseTextOf, childIdentifierProblems } from '../../shared/caseText';
import type { Channel, ParsedInput } from '../../shared/contract';
import { knownWords } from '../../shared/domain/childIdentifiers';
import type { ReadableDb, WritableDb } from '../db/types';
import { DomainError } from './errors';

/** Names of agencies, officers and the app's users: professionals and organisations, never a child. */
export function knownProfessionalNames(db: ReadableDb | WritableDb): string[] {
  return (
    db.prepare('SELECT name FROM agency UNION ALL SELECT name FROM officer UNION ALL SELECT display_name FROM app_user').all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

/** Refuses the call when its case text may hold a child's name, unless the person confirmed it does not. */
export function guardCaseText<C extends Channel>(db: ReadableDb | WritableDb, channel: C, input: ParsedInput<C>): void {
  const fields = caseTextOf(channel, input);
  if (fields.length === 0) return;
  if ((input as { confirmedNoChildName?: boolean }).confirmedNoChildName === true) return;
  const problems = childIdentifierProblems(fields, knownWords(knownProfessionalNames(db)));
  if (problems.length > 0) {
    throw new DomainError(
      'Nothing was saved: the text may contain a child’s name. The app keeps a case reference and initials only. Remove the name, or confirm it is not a child’s name.',
      problems,
    );
  }
}
