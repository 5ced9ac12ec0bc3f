// Runs workbookCells.ts on a worker thread of its own (returnWorker.ts), started on first use and
// kept for the next read. The worker's heap is capped, and a read that runs too long is stopped:
// either way the worker is ended, the read is refused in words, and the next read starts afresh.
import { Worker } from 'node:worker_threads';
import type { SheetRequest, WorkbookRead } from './workbookCells';

/** Well above a real return's read (well under a second), well below what a person would wait. */
const READ_TIMEOUT_MS = 60_000;
const HEAP_LIMIT_MB = 160;
const GAVE_UP = 'This workbook could not be read: reading it needed far more time or memory than a quarterly return ever could, so it was stopped. Check you chose the right file.';

interface Pending {
  resolve(result: WorkbookRead): void;
  timer: NodeJS.Timeout;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/**
 * From the source (tsx, vitest) the worker loads TypeScript through tsx's loader; in the built app
 * electron-vite builds returnWorker.ts beside the main bundle (electron.vite.config.ts).
 */
function startWorker(): Worker {
  const here = import.meta.url;
  const options = { resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB } };
  if (here.endsWith('.ts')) {
    const entry = JSON.stringify(new URL('./returnWorker.ts', here).href);
    return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`, { ...options, eval: true });
  }
  return new Worker(new URL('./returnWorker.js', here), options);
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
function abandon(target: Worker | null): void {
  if (target === null || target !== worker) return;
  worker = null;
  void target.terminate();
  for (const id of [...pending.keys()]) settle(id, { ok: false, message: GAVE_UP });
}

function ensureWorker(): Worker {
  if (worker) return worker;
  const started = startWorker();
  started.on('message', (answer: { id: number; result: WorkbookRead }) => settle(answer.id, answer.result));
  // Out of memory (the heap cap), or the worker failed to start: refuse, and start afresh next time.
  started.on('error', () => abandon(started));
  started.on('exit', () => abandon(started));
  worker = started;
  return started;
}

/** Reads the named sheets of a workbook on the worker thread. Never rejects. */
export function readWorkbookOffThread(bytes: Buffer, sheets: SheetRequest[]): Promise<WorkbookRead> {
  return new Promise((resolve) => {
    const target = ensureWorker();
    target.ref();
    const id = nextId++;
    const timer = setTimeout(() => abandon(target), READ_TIMEOUT_MS);
    pending.set(id, { resolve, timer });
    // A copy goes to the worker: the caller keeps its own bytes.
    target.postMessage({ id, bytes: new Uint8Array(bytes), sheets });
  });
}
