// The board server as staff run it: `serve.ts` in a process of its own (node with tsx, as `npm run
// serve` starts it), on 127.0.0.2, a different host from 127.0.0.1 to a browser. Used by the Node
// tests and the browser test alike. The clock is pinned so the records never read today's date.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { giveTestKeys, TEST_PASSPHRASE } from '../support/testKey';

export const SERVE_SCRIPT = join(process.cwd(), 'electron', 'web', 'serve.ts');
export const PINNED_CLOCK = '2026-11-23T10:00:00Z';

export interface ServeRun {
  child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Settles with the exit code (or null and the signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function runServe(args: readonly string[]): ServeRun {
  // The board's keys are the test key's, unlocked by the test passphrase (the browser tests do not run under vitest's environment).
  const data = args[args.indexOf('--data') + 1];
  if (args.includes('--data') && data) giveTestKeys(data);
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE_SCRIPT, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ESCALATION_DESK_CLOCK: PINNED_CLOCK, TZ: 'Europe/London', ESCALATION_DESK_PASSPHRASE: TEST_PASSPHRASE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

export interface RunningServe extends ServeRun {
  origin: string;
  port: number;
  fingerprint: string | null;
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the server and waits until it says where it is listening. */
export async function startServe(args: readonly string[]): Promise<RunningServe> {
  const run = runServe(args);
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    // Generous: on a shared two-core machine under load, tsx alone can take most of a minute. A server
    // that has not started by then is stopped, so it does not linger past the test.
    const timer = setTimeout(() => {
      run.child.kill('SIGKILL');
      reject(new Error(`The board server did not start.\n${run.stdout()}\n${run.stderr()}`));
    }, 90_000);
    const check = () => {
      const found = /Listening on: (\S+):(\d+)/.exec(run.stdout());
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    run.child.stdout!.on('data', check);
    void run.exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`The board server ended before it started.\n${run.stdout()}\n${run.stderr()}`));
    });
  });
  const port = Number(ready[2]);
  const origin = /Open: (https?:\/\/[^/\s]+)\//.exec(run.stdout())![1]!;
  const fingerprint = /SHA-256 fingerprint: ([0-9A-F:]+)/.exec(run.stdout())?.[1] ?? null;
  return {
    ...run,
    origin,
    port,
    fingerprint,
    stop: async () => {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
      return run.exited;
    },
  };
}
