// Checking a sign-in. Failures are counted per name typed and slow the next try down: three
// free tries, then a wait that doubles with each failure (5 s, 10 s, 20 s ... up to 15 minutes),
// so guessing a password through the app takes years. The same words answer an unknown name and
// a wrong password, and both run the slow hash, so neither the message nor the timing tells a
// stranger which names exist.
import type { SignedInUser } from '../../../shared/domain/accounts';
import { appendAudit } from '../audit';
import type { WriteContext } from '../context';
import { decoyHash, verifyPassword } from './passwords';
import { actorName, findByUserName, signedIn, userNameKey } from './users';

export const FREE_TRIES = 3;
const FIRST_WAIT_SECONDS = 5;
const LONGEST_WAIT_SECONDS = 15 * 60;

/** Seconds to wait after `failures` failed tries before the next one is checked. */
export function waitAfter(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_TRIES), LONGEST_WAIT_SECONDS);
}

export type SignInCheck = { ok: true; user: SignedInUser } | { ok: false; message: string; waitSeconds: number };

const WRONG = 'That user name and password do not match an account. Check both and try again.';

export function checkSignIn(ctx: WriteContext, input: { userName: string; password: string }): SignInCheck {
  const key = userNameKey(input.userName);
  const throttle = ctx.db.prepare('SELECT failures, last_failed_at FROM sign_in_throttle WHERE user_name_key = ?').get(key) as
    { failures: number; last_failed_at: string } | undefined;
  if (throttle) {
    const readyAt = Date.parse(throttle.last_failed_at) + waitAfter(throttle.failures) * 1000;
    const waitSeconds = Math.ceil((readyAt - ctx.now.getTime()) / 1000);
    if (waitSeconds > 0) {
      return {
        ok: false,
        waitSeconds,
        message: `Too many failed sign-ins for this name. Wait ${formatWait(waitSeconds)} before trying again, or ask a coordinator to reset the password.`,
      };
    }
  }

  const row = findByUserName(ctx.db, input.userName);
  const matches = verifyPassword(input.password, row?.password_hash ?? decoyHash()) && row !== undefined;
  if (!matches) {
    const failures = (throttle?.failures ?? 0) + 1;
    ctx.db
      .prepare(
        'INSERT INTO sign_in_throttle (user_name_key, failures, last_failed_at) VALUES (?, ?, ?) ON CONFLICT(user_name_key) DO UPDATE SET failures = excluded.failures, last_failed_at = excluded.last_failed_at',
      )
      .run(key, failures, ctx.now.toISOString());
    appendAudit(
      { ...ctx, actor: 'sign-in attempt' },
      { action: 'session.signInFailed', entity: 'app_user', entityId: row?.id ?? null, after: { userName: input.userName, failures } },
    );
    const waitSeconds = waitAfter(failures);
    return {
      ok: false,
      waitSeconds,
      message: waitSeconds > 0 ? `${WRONG} Because of repeated failures, the next try is possible in ${formatWait(waitSeconds)}.` : WRONG,
    };
  }
  if (row.disabled_on) {
    return { ok: false, waitSeconds: 0, message: `The account ${row.user_name} is disabled. Ask a coordinator if you still need it.` };
  }
  ctx.db.prepare('DELETE FROM sign_in_throttle WHERE user_name_key = ?').run(key);
  ctx.db.prepare('UPDATE app_user SET last_signed_in_at = ? WHERE id = ?').run(ctx.now.toISOString(), row.id);
  const user = signedIn(row);
  appendAudit({ ...ctx, actor: actorName(user) }, { action: 'session.signIn', entity: 'app_user', entityId: row.id });
  return { ok: true, user };
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
