// Runs workbookCells.ts on a worker thread of its own (returnWorker.ts), started on first use and
// kept for the next read. The worker's heap is capped, and a read that runs too long is stopped:
// either way the worker is ended, the read is refused in words, and the next read starts afresh.
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
  if (sourceBundle === null) {
    const esbuild = await import('esbuild');
    const built = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./returnWorker.ts', here))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    });
    sourceBundle = built.outputFiles[0]!.text;
  }
  return new Worker(sourceBundle, { ...options, eval: true });
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
