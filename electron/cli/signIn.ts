// The command line acts as a named user of the app once the board has accounts: --user NAME,
// with the password from ESCALATION_DESK_PASSWORD (for scheduled jobs) or typed at the prompt
// (not echoed). Before the first account exists it acts as the operating-system user, as a
// person holding the data folder could anyway; the audit trail says which.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Channel } from '../../shared/contract';
import { refusalFor, roleMayCall } from '../../shared/domain/access';
import type { SessionStatus, SignInResult } from '../../shared/domain/accounts';
import { openDesk, operatingSystemUser, type Desk, type DeskOptions } from '../desk/desk';
import { accountCount } from '../services/accounts/users';
import { UsageError } from '../desk/args';

export class SignInRefused extends Error {}

export const PASSWORD_VARIABLE = 'ESCALATION_DESK_PASSWORD';

async function readPassword(userName: string): Promise<string> {
  const fromEnvironment = process.env[PASSWORD_VARIABLE];
  if (fromEnvironment !== undefined) return fromEnvironment;
  const interactive = process.stdin.isTTY === true;
  if (interactive) process.stderr.write(`Password for ${userName}: `);
  // Typed characters are not echoed: the prompt goes to stderr, and the line editor writes nowhere.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const lines = createInterface({ input: process.stdin, output: silent, terminal: interactive });
  try {
    for await (const line of lines) return line;
    throw new SignInRefused(`No password was given for ${userName}: type it at the prompt, pipe it in, or set ${PASSWORD_VARIABLE}.`);
  } finally {
    lines.close();
    if (interactive) process.stderr.write('\n');
  }
}

/**
 * Opens the desk for a command that needs `channel`. With accounts, signs in as `user` and checks
 * that their role may use the channel; without, acts as the operating-system user.
 */
export async function openDeskAs(options: Omit<DeskOptions, 'actor'>, user: string | undefined, channel: Channel): Promise<Desk> {
  const desk = openDesk(options);
  if (accountCount(desk.store.reader) === 0) {
    desk.close();
    const osUser = operatingSystemUser();
    return openDesk({ ...options, actor: () => `${osUser} (command line, before any account)` });
  }
  try {
    if (!user) throw new UsageError('This board has user accounts: give --user NAME (your user name in the app).');
    const answer = desk.dispatch('session:signIn', { userName: user, password: await readPassword(user) });
    if (!answer.ok) throw new SignInRefused(answer.error.message);
    const result = answer.value as SignInResult;
    if (!result.signedIn) throw new SignInRefused(result.message);
    const status = result.status as Extract<SessionStatus, { state: 'signed_in' }>;
    if (!roleMayCall(status.user.role, channel)) throw new SignInRefused(refusalFor(status.user.role, channel));
    return desk;
  } catch (error) {
    desk.close();
    throw error;
  }
}
