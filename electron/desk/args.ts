// Command-line arguments: "--name value" or "--name=value" pairs after a command, checked with zod
// so a scheduled job gets the same plain-words refusal as a person at the screen.
import { z } from 'zod';

export class UsageError extends Error {}

/** `switches` are options that take no value (e.g. --latest); they read as "true" when given. */
export function parseFlags(argv: readonly string[], allowed: readonly string[], switches: readonly string[] = []): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`“${arg}” is not an option. Options look like --quarter 2026-Q3.`);
    const name = match[1]!;
    if (!allowed.includes(name))
      throw new UsageError(`--${name} is not an option of this command. It takes: ${allowed.map((a) => `--${a}`).join(', ')}.`);
    if (switches.includes(name)) {
      if (match[2] !== undefined) throw new UsageError(`--${name} takes no value.`);
      flags[name] = 'true';
      continue;
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value.`);
    flags[name] = value;
  }
  return flags;
}

export function checked<T extends z.ZodType>(schema: T, flags: Record<string, string>): z.output<T> {
  const parsed = schema.safeParse(flags);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  return parsed.data;
}
