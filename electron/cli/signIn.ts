// The command line acts as a named user of the app once the board has accounts: --user NAME,
// with the password from ESCALATION_DESK_PASSWORD (for scheduled jobs) or typed at the prompt
// (not echoed). Before the first account exists it acts as the operating-system user, as a
// person holding the data folder could anyway; the audit trail says which.
import type { Channel } from '../../shared/contract';
import { refusalFor, roleMayCall } from '../../shared/domain/access';
import type { SessionStatus, SignInResult } from '../../shared/domain/accounts';
import { openDesk, operatingSystemUser, type Desk, type DeskOptions } from '../desk/desk';
import { accountCount } from '../services/accounts/users';
import { UsageError } from '../desk/args';
import { readSecret, SecretMissing } from '../desk/secrets';

export class SignInRefused extends Error {}

export const PASSWORD_VARIABLE = 'ESCALATION_DESK_PASSWORD';

function readPassword(userName: string): Promise<string> {
  return readSecret(
    `Password for ${userName}: `,
    PASSWORD_VARIABLE,
    `No password was given for ${userName}: type it at the prompt, pipe it in, or set ${PASSWORD_VARIABLE}.`,
  ).catch((error: unknown) => {
    throw error instanceof SecretMissing ? new SignInRefused(error.message) : error;
  });
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
