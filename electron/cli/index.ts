// The board's command line for scheduled jobs, over the same services as the app:
//   npm run board -- <command> [--data DIR] [options]
// Exit codes: 0 done; 2 the command or its options are wrong; 3 refused (the file or the request
// was not accepted, nothing changed); 1 anything unexpected.
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { openDesk, operatingSystemUser, type Desk } from '../desk/desk';
import { ClockSettingError, processClock } from '../desk/clock';
import type { Channel } from '../../shared/contract';
import { openDeskAs, PASSWORD_VARIABLE, SignInRefused } from './signIn';
import { PASSPHRASE_VARIABLE } from '../desk/unlock';
import { accountCount } from '../services/accounts/users';
import { packageVersion } from '../desk/packageVersion';
import { defaultDataFolder } from '../desk/dataFolder';
import { quarterKeySchema } from '../../shared/domain/quarter';
import { legacyPreviewText } from '../../shared/domain/legacyPreviewText';
import { isoDate, todayIso } from '../../shared/domain/dates';
import { quarterOf } from '../../shared/domain/quarter';
import { writeBoardReturn } from '../services/returns/boardReturn';
import { writeAgencyTemplate } from '../services/returns/agencyTemplate';
import { seedDemo } from '../services/demo/seed';
import { verifyAuditChain } from '../services/audit';
import { quarterStartMonth } from '../services/settings';
import { agencyExists } from '../services/agencies';
import { checked, parseFlags, UsageError } from '../desk/args';
import { backupNow, describeTime, latestGoodBackup, listBackups } from '../db/backup';
import { restoreBackup, RestoreRefused } from '../db/restore';
import { DamagedDatabaseError } from '../db/damaged';
import type { Result } from '../../shared/result';
import { NewerDatabaseError } from '../db/migrate';
import { writeUnattendedKey } from '../db/boardKeys';
import { KeyFileError } from '../db/keyFile';
import { changeKeyFromCommandLine, changePassphraseFromCommandLine, takeKeyFileFlag, unlockRecords, UnlockRefused } from '../desk/unlock';

const version = packageVersion();

const HELP = `Escalation Desk command line

  npm run board -- export-return   --quarter 2026-Q3 --out return.xlsx
  npm run board -- export-template --quarter 2026-Q3 [--agency ID] --out template.xlsx
  npm run board -- import-return   --file completed.xlsx
  npm run board -- returns-status  [--quarter 2026-Q3]
  npm run board -- import-legacy   --file register.xlsx|register.csv [--check]
                   (brings in the board's previous spreadsheet register, with the columns and values
                    remembered from the last import in the app; every row is checked first, and nothing is
                    imported while any row has a problem; --check lists them without importing; exit 3 if refused)
  npm run board -- panel-check     --panel ID     (exit 0 when valid, 3 when a check fails)
  npm run board -- verify-audit    (exit 0 when every audit entry matches its hash chain, 3 when not)
  npm run board -- seed-demo       [--count 200] [--seed 1] [--until 2026-11-20]
  npm run board -- backup          (a backup now, into the data folder's backups/; prints its path)
  npm run board -- backups         (lists the backups, newest first)
  npm run board -- restore         --latest | --from FILE
                   (close the app first; puts a backup that passes SQLite's integrity check in place,
                    keeping the current file as escalation-desk.sqlite.replaced-<time>; exit 3 if refused)
  npm run board -- retention-review [--limit 100]
                   (lists the cases closed or withdrawn longer ago than the board's review period, oldest
                    first, and why any cannot be deleted yet; deleting one is done in the app, by a named
                    person with a reason: there is no command for it)
  npm run board -- key-file        --to FILE
                   (writes the board's key to a new file readable by its owner only, for a service or a
                    scheduled job to give with --key-file FILE instead of a passphrase)
  npm run board -- passphrase      [--recovery]
                   (changes the records' passphrase; with --recovery, unlocks with the recovery key, for a
                    forgotten passphrase)
  npm run board -- new-key
                   (close the app first; writes the records, backups and set-aside copies again under a
                    new key, with the same passphrase and a new recovery key, shown once)
  npm run board -- help

Every command also takes --data DIR (default: the app's own data folder).
The records are encrypted: every command unlocks them with the board's passphrase (from ${PASSPHRASE_VARIABLE},
or asked for) or with --key-file FILE. The first command on a new board sets its passphrase and shows
its recovery key once.
Once the board has user accounts, the commands that read or change records (export-*, import-*,
returns-status, panel-check, retention-review) also need --user NAME: the password comes from ${PASSWORD_VARIABLE}
or is asked for, and the user's role applies as in the app. seed-demo only fills a board without accounts.
backup, backups, restore and verify-audit work on the files, for whoever holds the data folder.
Exit codes: 0 done, 2 wrong command or options, 3 refused (nothing changed), 1 unexpected failure.`;

class Refused extends Error {}

const dataFlag = { data: z.string().min(1).optional() };
const userFlag = { user: z.string().min(1, '--user needs your user name').optional() };

function progress(fraction: number): void {
  if (process.stderr.isTTY) process.stderr.write(`\r  ${Math.round(fraction * 100)}%`);
}

async function run(command: string | undefined, allArgs: string[]): Promise<void> {
  // Pinned by ESCALATION_DESK_CLOCK for tests and for reproducing a user's report (app/clock.ts).
  const now = processClock();
  const { keyFile, rest: argv } = takeKeyFileFlag(allArgs);
  const unlock = (folder: string) => unlockRecords(folder, keyFile);
  const withDesk = async <T>(
    args: { data?: string | undefined; user?: string | undefined },
    channel: Channel,
    work: (desk: Desk) => Promise<T>,
  ): Promise<T> => {
    const dataFolder = args.data ?? defaultDataFolder();
    const desk = await openDeskAs({ dataFolder, key: await unlock(dataFolder), mode: 'web', version, now }, args.user, channel);
    try {
      return await work(desk);
    } finally {
      desk.close();
    }
  };
  // File-level commands: for whoever holds the data folder, as a trusted caller.
  const withFiles = async <T>(data: string | undefined, work: (desk: Desk) => Promise<T>): Promise<T> => {
    const dataFolder = data ?? defaultDataFolder();
    const desk = openDesk({
      dataFolder,
      key: await unlock(dataFolder),
      mode: 'web',
      version,
      now,
      actor: () => `${operatingSystemUser()} (command line)`,
    });
    try {
      return await work(desk);
    } finally {
      desk.close();
    }
  };
  const outcome = <T>(result: Result<T>): T => {
    if (result.ok) return result.value;
    throw new Refused([result.error.message, ...result.error.problems.map((p) => `  ${p.where}: ${p.message}`)].join('\n'));
  };

  switch (command) {
    case 'export-return': {
      const args = checked(
        z.object({ ...dataFlag, ...userFlag, quarter: quarterKeySchema, out: z.string().min(1, 'give the file to write') }),
        parseFlags(argv, ['data', 'user', 'quarter', 'out']),
      );
      await withDesk(args, 'exports:boardReturn', async (desk) => {
        const result = await writeBoardReturn(desk.store.reader, {
          now: now(),
          quarter: args.quarter,
          file: resolve(args.out),
          appVersion: version,
          onProgress: progress,
        });
        console.log(
          `\nWrote ${resolve(args.out)}: ${result.registerRows} escalations on the register, sheets ${result.sheets.join(', ')}.`,
        );
      });
      return;
    }
    case 'export-template': {
      const args = checked(
        z.object({
          ...dataFlag,
          ...userFlag,
          quarter: quarterKeySchema,
          out: z.string().min(1),
          agency: z.coerce.number().int().positive('--agency is an agency id from the directory').optional(),
        }),
        parseFlags(argv, ['data', 'user', 'quarter', 'out', 'agency']),
      );
      await withDesk(args, 'exports:agencyTemplate', async (desk) => {
        if (args.agency !== undefined && !agencyExists(desk.store.reader, args.agency))
          throw new Refused(`There is no agency with id ${args.agency}.`);
        await writeAgencyTemplate(desk.store.reader, {
          now: now(),
          quarter: args.quarter,
          agencyId: args.agency ?? null,
          file: resolve(args.out),
          appVersion: version,
        });
        console.log(`Wrote ${resolve(args.out)}.`);
      });
      return;
    }
    case 'import-return': {
      const args = checked(z.object({ ...dataFlag, ...userFlag, file: z.string().min(1) }), parseFlags(argv, ['data', 'user', 'file']));
      let bytes: Buffer;
      try {
        bytes = readFileSync(resolve(args.file));
      } catch {
        throw new Refused(`Cannot read ${resolve(args.file)}: check the path.`);
      }
      await withDesk(args, 'returns:import', async (desk) => {
        const summary = outcome(
          await desk.callAsync('returns:import', { fileName: basename(args.file), contentBase64: bytes.toString('base64') }),
        );
        console.log(
          `Imported ${summary.agencyName}’s return for ${summary.quarter}: ${summary.nilReturn ? 'a nil return' : `${summary.rows} escalation${summary.rows === 1 ? '' : 's'}`}.`,
        );
      });
      return;
    }
    case 'import-legacy': {
      const args = checked(
        z.object({ ...dataFlag, ...userFlag, file: z.string().min(1, 'give the register file'), check: z.literal('true').optional() }),
        parseFlags(argv, ['data', 'user', 'file', 'check'], ['check']),
      );
      let bytes: Buffer;
      try {
        bytes = readFileSync(resolve(args.file));
      } catch {
        throw new Refused(`Cannot read ${resolve(args.file)}: check the path.`);
      }
      const file = { fileName: basename(args.file), contentBase64: bytes.toString('base64') };
      await withDesk(args, 'legacy:import', async (desk) => {
        const preview = outcome(await desk.callAsync('legacy:preview', file));
        console.log(legacyPreviewText(preview));
        if (preview.problemCount > 0)
          throw new Refused(
            `Nothing was imported: correct the rows above in the file, or map the values in the app once (it remembers them), then run this again.`,
          );
        if (args.check) return;
        let job = outcome(await desk.callAsync('legacy:import', { ...file, remember: false }));
        while (job.state === 'running') {
          await new Promise((done) => setTimeout(done, 200));
          job = outcome(desk.call('legacy:status', { jobId: job.jobId }));
          progress(job.progress);
        }
        if (job.state !== 'done') throw new Refused(job.message);
        console.log(`\n${job.message}`);
      });
      return;
    }
    case 'returns-status': {
      const args = checked(
        z.object({ ...dataFlag, ...userFlag, quarter: quarterKeySchema.optional() }),
        parseFlags(argv, ['data', 'user', 'quarter']),
      );
      await withDesk(args, 'returns:status', async (desk) => {
        const quarter = args.quarter ?? quarterOf(todayIso(now()), quarterStartMonth(desk.store.reader)).key;
        const status = outcome(desk.call('returns:status', { quarter }));
        for (const a of status.agencies) console.log(`${a.status.padEnd(9)} ${String(a.rows).padStart(5)}  ${a.name}`);
      });
      return;
    }
    case 'panel-check': {
      const args = checked(
        z.object({ ...dataFlag, ...userFlag, panel: z.coerce.number().int().positive('--panel is a panel id') }),
        parseFlags(argv, ['data', 'user', 'panel']),
      );
      await withDesk(args, 'panels:get', async (desk) => {
        const panel = outcome(desk.call('panels:get', { panelId: args.panel }));
        const word = { pass: 'passes', fail: 'FAILS', warning: 'note', not_applicable: 'does not apply' } as const;
        console.log(`Panel ${panel.id} for ${panel.reference}, sitting ${panel.sitsOn}, chaired by ${panel.chairName}:`);
        for (const c of panel.checks.checks)
          console.log(`  ${c.number}. ${c.title}: ${word[c.status]}${c.messages.length ? `\n     ${c.messages.join('\n     ')}` : ''}`);
        const cannot = panel.checks.cannotBeFormed;
        if (cannot) console.log(`This policy’s panel cannot be formed for this case:\n  ${cannot.reasons.join('\n  ')}`);
        // Held under a departure is still not valid under the policy: the exit code says so.
        if (cannot && panel.checks.departureReason)
          throw new Refused(`The panel sits under the chair’s recorded departure from the policy: ${panel.checks.departureReason}`);
        if (cannot) throw new Refused(`Instead: ${cannot.alternatives.join(' Or: ')}`);
        if (!panel.checks.valid) throw new Refused('The panel is not yet valid.');
        console.log('The panel is valid.');
      });
      return;
    }
    case 'verify-audit': {
      const args = checked(z.object({ ...dataFlag }), parseFlags(argv, ['data']));
      await withFiles(args.data, async (desk) => {
        const result = verifyAuditChain(desk.store.reader);
        if (result.firstBadEntryId !== null) {
          throw new Refused(
            `The audit trail does not match from entry ${result.firstBadEntryId} on (${result.checked} entries before it are intact): it has been changed outside the app. Keep this file as evidence and restore the latest backup.`,
          );
        }
        console.log(`The audit trail is intact: ${result.checked} entries checked.`);
      });
      return;
    }
    case 'seed-demo': {
      const args = checked(
        z.object({
          ...dataFlag,
          count: z.coerce.number().int().min(1, '--count is at least 1').max(2_000_000).default(200),
          seed: z.coerce.number().int().default(1),
          until: isoDate.optional(),
        }),
        parseFlags(argv, ['data', 'count', 'seed', 'until']),
      );
      await withFiles(args.data, async (desk) => {
        if (accountCount(desk.store.reader) > 0)
          throw new Refused('seed-demo fills a new board for a demonstration; this board already has user accounts, so nothing was added.');
        const summary = seedDemo(desk.store, {
          count: args.count,
          seed: args.seed,
          onProgress: progress,
          until: args.until ?? todayIso(now()),
        });
        console.log(`\nSeeded ${summary.agencies} agencies and ${summary.escalations} escalations (seed ${args.seed}).`);
      });
      return;
    }
    case 'backup': {
      const args = checked(z.object({ ...dataFlag }), parseFlags(argv, ['data']));
      const folder = args.data ?? defaultDataFolder();
      const file = await withFiles(folder, (desk) => backupNow(desk.store.writer, folder, desk.key, 'manual', now()));
      console.log(`Backed up to ${file}.`);
      return;
    }
    case 'backups': {
      const args = checked(z.object({ ...dataFlag }), parseFlags(argv, ['data']));
      const backups = listBackups(args.data ?? defaultDataFolder());
      if (backups.length === 0) console.log('There are no backups yet.');
      for (const b of backups)
        console.log(`${describeTime(b.takenAt)}  ${b.reason.padEnd(16)} ${String(Math.ceil(b.size / 1024)).padStart(8)} KiB  ${b.file}`);
      return;
    }
    case 'restore': {
      const args = checked(
        z
          .object({ ...dataFlag, latest: z.literal('true').optional(), from: z.string().min(1).optional() })
          .refine((a) => (a.latest === undefined) !== (a.from === undefined), {
            message: 'give either --latest or --from FILE',
            path: ['latest'],
          }),
        parseFlags(argv, ['data', 'latest', 'from'], ['latest']),
      );
      const folder = args.data ?? defaultDataFolder();
      const key = await unlock(folder);
      let source: string;
      if (args.from !== undefined) source = resolve(args.from);
      else {
        const latest = latestGoodBackup(folder, key);
        if (!latest)
          throw new Refused(`There is no backup that passes SQLite's integrity check in ${join(folder, 'backups')}. Nothing has changed.`);
        source = latest.file;
      }
      try {
        const result = restoreBackup(folder, source, key, now());
        for (const moved of result.movedAside) console.log(`Moved the previous file aside (kept, not deleted): ${moved}`);
        console.log(`Restored ${result.restoredFrom} as ${result.database}.`);
      } catch (error) {
        if (error instanceof RestoreRefused) throw new Refused(error.message);
        throw error;
      }
      return;
    }
    case 'retention-review': {
      const args = checked(
        z.object({
          ...dataFlag,
          ...userFlag,
          limit: z.coerce
            .number()
            .int('--limit is a whole number')
            .min(1, '--limit is at least 1')
            .max(500, '--limit is at most 500')
            .default(100),
        }),
        parseFlags(argv, ['data', 'user', 'limit']),
      );
      await withDesk(args, 'retention:review', async (desk) => {
        const review = outcome(desk.call('retention:review', { offset: 0, limit: args.limit }));
        console.log(
          `Review period: ${review.reviewYears} years. ${review.total} case${review.total === 1 ? '' : 's'} closed or withdrawn on or before ${review.cutoff}${review.total > review.rows.length ? ` (the oldest ${review.rows.length} shown)` : ''}:`,
        );
        for (const r of review.rows)
          console.log(
            `  ${r.reference.padEnd(20)} ${(r.childInitials || '-').padEnd(4)} ${r.status.padEnd(9)} closed ${r.closedOn}  ${r.blockedBecause ? `not yet: ${r.blockedBecause}` : 'may be deleted (in the app)'}`,
          );
      });
      return;
    }
    case 'key-file': {
      const args = checked(z.object({ ...dataFlag, to: z.string().min(1, 'give the file to write') }), parseFlags(argv, ['data', 'to']));
      const folder = args.data ?? defaultDataFolder();
      const key = await unlock(folder);
      try {
        writeUnattendedKey(resolve(args.to), key);
      } catch (error) {
        if (error instanceof KeyFileError) throw new Refused(error.message);
        throw error;
      }
      console.log(
        `Wrote the board’s key to ${resolve(args.to)}, readable by its owner only. Whoever can read it can read the records: keep it on the server, for the service account alone.`,
      );
      return;
    }
    case 'new-key': {
      const args = checked(z.object({ ...dataFlag }), parseFlags(argv, ['data']));
      const folder = args.data ?? defaultDataFolder();
      await changeKeyFromCommandLine(folder);
      console.log(
        `The records in ${folder}, their backups and set-aside copies are now under a new key, sealed under the same passphrase. A key file written before (key-file --to) no longer opens them: write a new one.`,
      );
      return;
    }
    case 'passphrase': {
      const args = checked(
        z.object({ ...dataFlag, recovery: z.literal('true').optional() }),
        parseFlags(argv, ['data', 'recovery'], ['recovery']),
      );
      const folder = args.data ?? defaultDataFolder();
      await changePassphraseFromCommandLine(folder, args.recovery === 'true', keyFile);
      console.log(`The passphrase for the records in ${folder} is changed. The recovery key is unchanged.`);
      return;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(HELP);
      return;
    default:
      throw new UsageError(`There is no command “${command}”.\n\n${HELP}`);
  }
}

run(process.argv[2], process.argv.slice(3)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ClockSettingError) {
      console.error(error.message);
      process.exit(2);
    }
    if (
      error instanceof Refused ||
      error instanceof SignInRefused ||
      error instanceof DamagedDatabaseError ||
      error instanceof UnlockRefused ||
      error instanceof NewerDatabaseError
    ) {
      console.error(error.message);
      process.exit(3);
    }
    console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
