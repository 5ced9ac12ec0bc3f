// The desktop app's choice of where the records are, kept in a small file in its own app-data
// folder (0600): `{ mode: 'local' }` or `{ mode: 'server', url, fingerprint }`. Nothing else is
// ever written here: no records, no session cookie. A command-line flag can give the server
// for one run instead (--board-server https://name:port --fingerprint AB:CD:…).
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { connectionChoiceSchema, type ConnectionChoice } from '../../shared/domain/connection';
import { problemsFromZod } from '../../shared/problems';

export const CONNECTION_FILE = 'connection.json';

export class ConnectionFileError extends Error {}
export class ConnectionFlagError extends Error {}

const describeIssues = (error: z.ZodError) =>
  problemsFromZod(error)
    .map((p) => `${p.where}: ${p.message}`)
    .join('; ');

/** The kept choice, or null at the first start. A damaged file is refused in plain words, never guessed at. */
export function readConnectionChoice(appDataFolder: string): ConnectionChoice | null {
  const file = join(appDataFolder, CONNECTION_FILE);
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ConnectionFileError(
      `The file that says where the board’s records are (${file}) is not readable JSON. Delete it to be asked again at the next start.`,
    );
  }
  const parsed = connectionChoiceSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConnectionFileError(
      `The file that says where the board’s records are (${file}) is damaged (${describeIssues(parsed.error)}). Delete it to be asked again at the next start.`,
    );
  }
  return parsed.data;
}

/** Keeps the choice: written whole under another name, then renamed, readable by this user alone. */
export function writeConnectionChoice(appDataFolder: string, choice: ConnectionChoice): void {
  const file = join(appDataFolder, CONNECTION_FILE);
  const checked = connectionChoiceSchema.parse(choice);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
  chmodSync(`${file}.tmp`, 0o600);
  renameSync(`${file}.tmp`, file);
}

const FLAGS = ['--board-server', '--fingerprint'] as const;

/**
 * The server given on the command line, or null when neither flag is there. Electron's own
 * switches share argv, so every other argument is left alone; these two go together.
 */
export function connectionFromArgs(argv: readonly string[]): ConnectionChoice | null {
  const found: Partial<Record<(typeof FLAGS)[number], string>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    for (const flag of FLAGS) {
      if (arg === flag) {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) throw new ConnectionFlagError(`${flag} needs a value.`);
        found[flag] = value;
        i += 1;
      } else if (arg.startsWith(`${flag}=`)) {
        found[flag] = arg.slice(flag.length + 1);
      }
    }
  }
  if (found['--board-server'] === undefined && found['--fingerprint'] === undefined) return null;
  const parsed = z
    .object({
      '--board-server': z.string({ error: 'give the board server’s address with it (--board-server https://name:port)' }),
      '--fingerprint': z.string({ error: 'give the certificate’s SHA-256 fingerprint with it, as the board server printed it' }),
    })
    .safeParse(found);
  if (!parsed.success) throw new ConnectionFlagError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('\n'));
  const choice = connectionChoiceSchema.safeParse({
    mode: 'server',
    url: parsed.data['--board-server'],
    fingerprint: parsed.data['--fingerprint'],
  });
  if (!choice.success) {
    throw new ConnectionFlagError(
      choice.error.issues.map((i) => `${i.path[0] === 'url' ? '--board-server' : '--fingerprint'}: ${i.message}`).join('\n'),
    );
  }
  return choice.data;
}
