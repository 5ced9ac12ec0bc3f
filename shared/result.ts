// What every channel answers, in either bridge. Errors are data, not exceptions, because
// Electron's IPC flattens thrown errors into an unreadable string.
import { z } from 'zod';

export const problemSchema = z.object({
  /** Where the problem is, in words a person reads: "Agency name", "Board membership, from". */
  where: z.string(),
  message: z.string(),
});
export type Problem = z.infer<typeof problemSchema>;

/** Why a call was refused before it reached the records, so the window knows to ask for a sign-in. */
export type AccessCode = 'signed_out' | 'locked' | 'not_allowed';
/**
 * Why a write was refused because someone else changed the record first ('stale'): the form keeps
 * what the person typed and moves its base to currentVersion, so saving again (after looking) goes through.
 */
export type StaleCode = 'stale';

/** The board server could not be reached (desktop app connected to a server): nothing was kept on this computer instead. */
export type FailureCode = AccessCode | StaleCode | 'unreachable';

export type Failure = {
  ok: false;
  error: { message: string; problems: Problem[]; code?: FailureCode; currentVersion?: number };
};
export type Success<T> = { ok: true; value: T };
export type Result<T> = Success<T> | Failure;

export function failure(message: string, problems: Problem[] = []): Failure {
  return { ok: false, error: { message, problems } };
}

export function accessRefused(code: AccessCode, message: string): Failure {
  return { ok: false, error: { message, problems: [], code } };
}

export function unreachable(message: string): Failure {
  return { ok: false, error: { message, problems: [], code: 'unreachable' } };
}

export function staleRefusal(message: string, currentVersion: number): Failure {
  return { ok: false, error: { message, problems: [], code: 'stale', currentVersion } };
}
