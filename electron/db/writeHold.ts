// A write that spans many turns of the event loop (a legacy register of 100,000 cases, written in
// one transaction so it lands whole or not at all, paused between steps so the desk keeps
// answering and the person can cancel) holds the writer connection for its length. Anything else
// that would write through that connection meanwhile would slip inside the open transaction, and
// be rolled back with it on a cancel. So while a hold is on: the dispatcher refuses writes in
// words, and the writes that are not a person's request (the access record of a read, an idle
// lock, a download's record, an audit checkpoint, a backup) wait and run as soon as it is off.
import type Database from 'better-sqlite3-multiple-ciphers';

interface Hold {
  what: string;
  waiting: (() => void)[];
}

const holds = new WeakMap<Database.Database, Hold>();

/** Puts the hold on; the function returned takes it off and runs what waited. */
export function holdWriter(db: Database.Database, what: string): () => void {
  if (holds.has(db)) throw new Error(`The writer is already held for ${holds.get(db)!.what}.`);
  const hold: Hold = { what, waiting: [] };
  holds.set(db, hold);
  return () => {
    if (holds.get(db) !== hold) return;
    holds.delete(db);
    for (const work of hold.waiting) work();
  };
}

/** What holds the writer ("a legacy register import"), or null when it is free. */
export function writerHeldFor(db: Database.Database): string | null {
  return holds.get(db)?.what ?? null;
}

/** Runs `work` now (a failure throws, as a direct call would), or as soon as the hold is off (a failure then goes to `onError`). */
export function whenWriterFree(db: Database.Database, work: () => void, onError: (error: unknown) => void = () => {}): void {
  const hold = holds.get(db);
  if (!hold) return work();
  hold.waiting.push(() => {
    try {
      work();
    } catch (error) {
      onError(error);
    }
  });
}

/** Resolves once the writer is free (at once when it is). */
export function writerFree(db: Database.Database): Promise<void> {
  return new Promise((resolve) => whenWriterFree(db, resolve));
}
