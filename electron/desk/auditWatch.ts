// The audit trail's check when the desk opens. Walking the whole hash chain takes about 6 µs an
// entry (13 s for the 2.3 million entries of a million cases, measured in docs/RELIABILITY.md),
// too long to hold the window, so it is done in two parts:
//   at once:          the entry where the chain was last found intact (the checkpoint) must still be
//                     there with the same hash, and every entry after it must match: a few entries
//                     since the last start, so this takes milliseconds at any size;
//   in the background: the whole chain from the first entry, in slices that give way to the window
//                     between them; when it is intact, the checkpoint moves to its end.
// So an edit among recent entries, or a rewrite of older ones that recomputed the hashes, is named
// before anyone looks; an edit among older entries is named a few seconds later.
import { whenWriterFree } from '../db/writeHold';
import { todayIso } from '../../shared/domain/dates';
import type { AuditHealth } from '../../shared/domain/recovery';
import type { Store } from '../db/types';
import {
  auditEntrySummary,
  CHAIN_START,
  entryStillAt,
  readAuditCheckpoint,
  saveAuditCheckpoint,
  verifyAuditSlice,
  type AuditCheckpoint,
  type ChainPoint,
} from '../services/audit';

/** Entries checked at once after the checkpoint; any beyond are left to the background walk. */
const TAIL_AT_ONCE = 100_000;
/** Entries per background slice: about 60 ms of work before the window gets its turn. */
const SLICE = 10_000;

const WHAT_TO_DO =
  'Do not delete or edit anything. Keep this records file and its backups as evidence, and tell the person responsible for data protection at the board. ' +
  'To carry on from a trusted copy, restore a backup taken before the change (Backups): the file in use now is kept aside, not deleted.';

export interface AuditWatchOptions {
  now?: () => Date;
  tailAtOnce?: number;
  slice?: number;
}

export class AuditWatch {
  private state: AuditHealth['state'] = 'checking';
  private entriesChecked = 0;
  private firstBad: number | null = null;
  /** Set when the checkpoint's entry no longer has the hash it had when last found intact. */
  private rewritten: AuditCheckpoint | null = null;
  private stopped = false;
  private walkDone = false;
  private timer: NodeJS.Immediate | null = null;
  readonly settled: Promise<void>;
  private settle!: () => void;

  constructor(
    private readonly store: Store,
    private readonly options: AuditWatchOptions = {},
  ) {
    this.settled = new Promise((resolve) => (this.settle = resolve));
  }

  /** The check at once, then the background walk. */
  start(): void {
    const db = this.store.reader;
    const checkpoint = readAuditCheckpoint(db);
    if (checkpoint && checkpoint.entryId > 0) {
      if (!entryStillAt(db, checkpoint)) {
        this.rewritten = checkpoint;
        this.state = 'broken';
      } else {
        const tail = verifyAuditSlice(db, checkpoint, this.options.tailAtOnce ?? TAIL_AT_ONCE);
        if (tail.firstBadEntryId !== null) {
          this.firstBad = tail.firstBadEntryId;
          this.state = 'broken';
        }
      }
    }
    this.timer = setImmediate(() => this.walk(CHAIN_START, 0));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    this.settle();
  }

  private walk(from: ChainPoint, checked: number): void {
    if (this.stopped) return;
    const slice = verifyAuditSlice(this.store.reader, from, this.options.slice ?? SLICE);
    this.entriesChecked = checked + slice.checked;
    if (!slice.done) {
      this.timer = setImmediate(() => this.walk(slice.last, this.entriesChecked));
      return;
    }
    this.timer = null;
    this.walkDone = true;
    if (slice.firstBadEntryId !== null) {
      // The walk from the start finds the first bad entry, which may be earlier than the tail's.
      this.firstBad = slice.firstBadEntryId;
      this.state = 'broken';
    } else if (this.rewritten) {
      // Every hash matches, yet the checkpoint's entry changed: the chain was recomputed.
      this.state = 'broken';
    } else {
      this.state = 'intact';
      const at = (this.options.now ?? (() => new Date()))();
      if (slice.last.entryId > 0) whenWriterFree(this.store.writer, () => saveAuditCheckpoint(this.store.writer, slice.last, at));
    }
    this.settle();
  }

  health(): AuditHealth {
    const base = { state: this.state, entriesChecked: this.entriesChecked, firstBadEntry: null, message: '', whatToDo: '' };
    if (this.state !== 'broken') return base;
    const entry = this.firstBad !== null ? auditEntrySummary(this.store.reader, this.firstBad) : null;
    if (entry) {
      return {
        ...base,
        firstBadEntry: entry,
        message:
          `The audit trail has been changed outside the app. Entry ${entry.id} (recorded as “${entry.action}” on ${describeAt(entry.at)}) does not match the entries before it, ` +
          'so it, and everything recorded after it, can no longer be trusted to be what the app wrote.',
        whatToDo: WHAT_TO_DO,
      };
    }
    return { ...base, message: this.rewrittenMessage(), whatToDo: WHAT_TO_DO };
  }

  private rewrittenMessage(): string {
    const rewritten = this.rewritten;
    if (!rewritten) return 'The audit trail has been changed outside the app; the first changed entry is being looked for.';
    const since = `when the app last checked the whole trail on ${describeAt(rewritten.checkedAt)}`;
    if (!auditEntrySummary(this.store.reader, rewritten.entryId)) {
      return `The audit trail has been cut short outside the app: entry ${rewritten.entryId}, which was there ${since}, has been removed.`;
    }
    if (this.state === 'broken' && this.walkDone) {
      return `The audit trail has been rewritten outside the app: entry ${rewritten.entryId} no longer holds what it held ${since}, though its hashes were recomputed to hide the change.`;
    }
    return `The audit trail has been changed outside the app at or before entry ${rewritten.entryId}; the first changed entry is being looked for.`;
  }
}

function describeAt(iso: string): string {
  const at = new Date(iso);
  // An entry's time is what the file says, and the file may have been tampered with.
  if (Number.isNaN(at.getTime())) return JSON.stringify(iso.slice(0, 40));
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(at);
  return `${todayIso(at).split('-').reverse().join('/')} at ${time}`;
}
