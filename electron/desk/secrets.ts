// Secrets typed at the command line (a password, the records' passphrase): from an environment
// variable for scheduled jobs, or typed at the prompt without being echoed.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export class SecretMissing extends Error {}

/**
 * Reads one secret: the variable when it is set, else one line typed (or piped) in. `missing` is
 * the refusal when neither comes.
 */
export async function readSecret(
  question: string,
  variable: string,
  missing: string,
  options: { pipedAllowed?: boolean } = {},
): Promise<string> {
  const fromEnvironment = process.env[variable];
  if (fromEnvironment !== undefined) return fromEnvironment;
  const interactive = process.stdin.isTTY === true;
  if (!interactive && options.pipedAllowed === false) throw new SecretMissing(missing);
  if (interactive) process.stderr.write(question);
  // Typed characters are not echoed: the prompt goes to stderr, and the line editor writes nowhere.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const lines = createInterface({ input: process.stdin, output: silent, terminal: interactive });
  try {
    for await (const line of lines) return line;
    throw new SecretMissing(missing);
  } finally {
    lines.close();
    if (interactive) process.stderr.write('\n');
  }
}
