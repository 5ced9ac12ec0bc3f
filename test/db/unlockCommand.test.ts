// Unlocking the records from the command line (issue 17), as a person and as a scheduled job: the
// first command on a new board sets its passphrase and shows the recovery key once; a wrong
// passphrase is refused in words with exit 3 and nothing changes; a key file written for a service
// opens the board without a passphrase, and one others can read is refused; a forgotten passphrase
// is replaced with the recovery key.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keysFile } from '../../electron/db/boardKeys';
import { tempFolder } from '../support/tempStore';

const data = tempFolder('desk-unlock-');
const elsewhere = tempFolder('desk-unlock-key-');
afterAll(() => {
  rmSync(data, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

const PASSPHRASE = 'the first board passphrase';

function board(args: string[], env: Record<string, string | undefined>) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join('electron', 'cli', 'index.ts'), ...args, '--data', data], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ESCALATION_DESK_PASSPHRASE: undefined, ...env },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('the command line on an encrypted board', () => {
  it('sets a new board up, refuses a wrong passphrase, opens with a service key file, and takes a new passphrase with the recovery key', () => {
    const made = board(['seed-demo', '--count', '3', '--until', '2026-11-20'], { ESCALATION_DESK_PASSPHRASE: PASSPHRASE });
    expect(made.code).toBe(0);
    expect(made.err).toContain('are encrypted from their first entry, under a new key sealed with your passphrase');
    const recoveryKey = /RECOVERY KEY[^\n]*\n\n\s+([0-9A-Z-]{39})\n/.exec(made.err)?.[1];
    expect(recoveryKey).toBeDefined();
    // Shown once, to the person: never written beside the records.
    expect(readFileSync(keysFile(data), 'utf8')).not.toContain(recoveryKey);

    const keysBefore = readFileSync(keysFile(data), 'utf8');
    const wrong = board(['verify-audit'], { ESCALATION_DESK_PASSPHRASE: 'not the right passphrase' });
    expect(wrong).toMatchObject({ code: 3, out: '' });
    expect(wrong.err).toContain('That passphrase does not unlock these records.');
    const none = board(['verify-audit'], {});
    expect(none.code).toBe(3);
    expect(none.err).toContain(
      'are encrypted: type the board’s passphrase at the prompt, set ESCALATION_DESK_PASSPHRASE, or give --key-file FILE',
    );
    expect(readFileSync(keysFile(data), 'utf8')).toBe(keysBefore);

    const keyFile = join(elsewhere, 'desk.key');
    expect(board(['key-file', '--to', keyFile], { ESCALATION_DESK_PASSPHRASE: PASSPHRASE })).toMatchObject({ code: 0 });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(board(['verify-audit', '--key-file', keyFile], {})).toMatchObject({
      code: 0,
      out: expect.stringContaining('The audit trail is intact'),
    });
    chmodSync(keyFile, 0o640);
    expect(board(['verify-audit', '--key-file', keyFile], {})).toMatchObject({
      code: 3,
      err: expect.stringContaining('can be read by other users (mode 640), so it was not used'),
    });

    const changed = board(['passphrase', '--recovery'], {
      ESCALATION_DESK_RECOVERY_KEY: recoveryKey!.toLowerCase(),
      ESCALATION_DESK_NEW_PASSPHRASE: 'the second board passphrase',
    });
    expect(changed).toMatchObject({ code: 0, out: expect.stringContaining('is changed. The recovery key is unchanged.') });
    expect(board(['verify-audit'], { ESCALATION_DESK_PASSPHRASE: PASSPHRASE }).code).toBe(3);
    expect(board(['verify-audit'], { ESCALATION_DESK_PASSPHRASE: 'the second board passphrase' })).toMatchObject({ code: 0 });
  }, 180_000);
});
