// Runs workbookCells.ts on a worker thread of its own (returnWorker.ts), started on first use and
// kept for the next read. The worker's heap is capped, and a read that runs too long is stopped:
// either way the worker is ended, the read is refused in words, and the next read starts afresh.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SheetRequest, WorkbookRead } from './workbookCells';

/** Well above a real return's read (well under a second), well below what a person would wait. */
const READ_TIMEOUT_MS = 60_000;
const HEAP_LIMIT_MB = 160;
const GAVE_UP =
  'This workbook could not be read: reading it needed far more time or memory than a quarterly return ever could, so it was stopped. Check you chose the right file.';

interface Pending {
  resolve(result: WorkbookRead): void;
  timer: NodeJS.Timeout;
}

let worker: Worker | null = null;
let starting: Promise<Worker> | null = null;
let sourceBundle: string | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/**
 * In the built app electron-vite builds returnWorker.ts beside the main bundle
 * (electron.vite.config.ts). Run from the source (tsx, vitest), the worker is bundled here with
 * esbuild (which tsx runs on) into one script: loading TypeScript through tsx inside the worker
 * would cost a second or more and some 60 MB on every start.
 */
async function startWorker(): Promise<Worker> {
  const here = import.meta.url;
  const options = { resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB } };
  if (!here.endsWith('.ts')) return new Worker(new URL('./returnWorker.js', here), options);
  sourceBundle ??= await bundledFromSource(fileURLToPath(new URL('./returnWorker.ts', here)), fileURLToPath(here));
  return new Worker(sourceBundle, { ...options, eval: true });
}

/**
 * The worker bundled from the source. Bundling took a good part of the first import in each process
 * (the benchmark's import job is one), so the bundle is kept between processes, as tsx keeps its
 * compiled files (in the temporary folder, per user), with the hash of every file it was made from:
 * this file and esbuild's version among them, so a changed file or option means a new bundle.
 */
export async function bundledFromSource(entry: string, self: string, folder = userFolder()): Promise<string> {
  const hashOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
  const esbuildPackage = createRequire(self).resolve('esbuild/package.json');
  const kept = keptBundleFile(entry, folder);
  if (kept !== null) {
    try {
      const { inputs, bundle } = JSON.parse(readFileSync(kept, 'utf8')) as { inputs: Record<string, string>; bundle: string };
      if (typeof bundle === 'string' && Object.entries(inputs).every(([file, hash]) => hashOf(file) === hash)) return bundle;
    } catch {
      // Not kept yet, or from another version of this file: bundled afresh below.
    }
  }
  const esbuild = await import('esbuild');
  const built = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const bundle = built.outputFiles[0]!.text;
  if (kept !== null) {
    try {
      const made = [...Object.keys(built.metafile.inputs).map((file) => resolve(file)), self, esbuildPackage];
      const inputs = Object.fromEntries(made.map((file) => [file, hashOf(file)]));
      // Written whole, then renamed into place: another process starting its worker never reads half a file.
      const partial = `${kept}.${process.pid}`;
      writeFileSync(partial, JSON.stringify({ inputs, bundle }), { mode: 0o600 });
      renameSync(partial, kept);
    } catch {
      // Kept next time, perhaps.
    }
  }
  return bundle;
}

const userFolder = () => join(tmpdir(), `escalation-desk-workers-${process.getuid?.() ?? 'user'}`);

/** Where the bundle for this entry is kept: in a folder of this user's that only they can write, or nowhere. */
function keptBundleFile(entry: string, folder: string): string | null {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const info = statSync(folder);
    const uid = process.getuid?.();
    // Code is run from here: never from a folder someone else owns or could write to.
    if (!info.isDirectory() || (uid !== undefined && info.uid !== uid) || (info.mode & 0o022) !== 0) return null;
    return join(folder, `return-worker-${createHash('sha256').update(entry).digest('hex').slice(0, 16)}.json`);
  } catch {
    return null;
  }
}

function settle(id: number, result: WorkbookRead): void {
  const waiting = pending.get(id);
  if (!waiting) return;
  clearTimeout(waiting.timer);
  pending.delete(id);
  waiting.resolve(result);
  if (pending.size === 0) worker?.unref();
}

/** Ends the worker and refuses every read still waiting on it. */
function abandon(target: Worker): void {
  if (target !== worker) return;
  worker = null;
  void target.terminate();
  for (const id of [...pending.keys()]) settle(id, { ok: false, message: GAVE_UP });
}

async function ensureWorker(): Promise<Worker> {
  if (worker) return worker;
  starting ??= startWorker().finally(() => (starting = null));
  const started = await starting;
  if (worker) return worker;
  started.on('message', (answer: { id: number; result: WorkbookRead }) => settle(answer.id, answer.result));
  // Out of memory (the heap cap), or the worker failed to start: refuse, and start afresh next time.
  started.on('error', () => abandon(started));
  started.on('exit', () => abandon(started));
  worker = started;
  return started;
}

/**
 * Ends the worker when nothing waits on it, giving its memory back: after a read far larger than a
 * return's (a board's whole register), which would otherwise stay held by an idle thread.
 */
export function stopIdleWorker(): void {
  if (worker && pending.size === 0) {
    const idle = worker;
    worker = null;
    void idle.terminate();
  }
}

/** Reads the named sheets of a workbook (its bytes, or base64) on the worker thread. Never rejects. */
export async function readWorkbookOffThread(file: Buffer | string, sheets: SheetRequest[]): Promise<WorkbookRead> {
  let target: Worker;
  try {
    target = await ensureWorker();
  } catch {
    return {
      ok: false,
      message: 'This workbook could not be read: the app could not start its file reader. Try again; if it still fails, restart the app.',
    };
  }
  return new Promise((resolve) => {
    target.ref();
    const id = nextId++;
    const timer = setTimeout(() => abandon(target), READ_TIMEOUT_MS);
    pending.set(id, { resolve, timer });
    // A copy goes to the worker: the caller keeps its own bytes.
    target.postMessage(typeof file === 'string' ? { id, base64: file, sheets } : { id, bytes: new Uint8Array(file), sheets });
  });
}
