// One path for every call, whichever bridge it came over: name check -> who is calling and may
// they (the access gate) -> zod parse -> service inside a transaction -> output check. A refusal
// rolls the transaction back, so the database is exactly as it was. Reads and writes answer at
// once; tasks (reading a workbook, writing an export) are asynchronous and do their database
// writes through ctx.write, one transaction each.
import { contract, isChannel, type Channel } from '../../shared/contract';
import { problemsFromZod } from '../../shared/problems';
import { failure, staleRefusal, type Result } from '../../shared/result';
import type { Store } from '../db/types';
import type { AccessGate } from '../services/accounts/gate';
import type { Caller } from '../services/accounts/sessionRegistry';
import { WriteCancelled, type StepOptions, type TaskContext, type WriteContext } from '../services/context';
import { holdWriter, whenWriterFree, writerHeldFor } from '../db/writeHold';
import { DomainError, StaleRecordError } from '../services/errors';
import { checkAndMoveOn } from '../services/recordVersions';
import { guardCaseText } from '../services/caseTextGuard';
import { recordCall, type AnsweredCall } from '../services/access/record';
import { isRecorded } from '../../shared/domain/accessRules';
import type { Session } from '../services/accounts/session';
import { afterCommit, handlers, type AppEnvironment } from './handlers';
import type { Changes } from './changes';

/**
 * A call, made as `caller` (the session it presents): the web mode passes each request's own;
 * without one, the call is made from the desk's own seat (the desktop window, the command line).
 */
export type Dispatch = (channel: unknown, input: unknown, caller?: Caller) => Result<unknown>;
export type DispatchAsync = (channel: unknown, input: unknown, caller?: Caller) => Promise<Result<unknown>>;

export interface Dispatcher {
  /** Reads and writes, answered synchronously (tasks are refused here: use dispatchAsync). */
  dispatch: Dispatch;
  /** Every channel: what the IPC registration and the web mode call. */
  dispatchAsync: DispatchAsync;
}

export interface DispatchOptions {
  store: Store;
  env: Omit<AppEnvironment, 'caller'>;
  gate: AccessGate;
  /** Whose calls these are when no caller is given: the front door's one seat. */
  seat: Caller;
  now?: () => Date;
  /** Where unexpected faults are reported (never the payload: it may hold case details). */
  onFault?: (channel: string, error: unknown) => void;
  /** Told after each committed write that changed a row (other people's open screens re-read). */
  changes?: Changes;
}

type Kind = 'read' | 'write' | 'task';
const kindOf = (channel: Channel): Kind => contract[channel].kind as Kind;

type Prepared =
  | { ok: false; result: Result<unknown> }
  | { ok: true; channel: Channel; kind: Kind; input: unknown; actor: string; now: Date; env: AppEnvironment; before: Session | null };

/** The answer to a name that is not a channel (also given by the front door while the records file is damaged). */
export function unknownChannel(channelName: unknown): Result<unknown> {
  return failure(`There is no channel called ${JSON.stringify(String(channelName)).slice(0, 80)}.`);
}

/** The zod parse every call gets, in one place (the dispatcher, and the front door while the records file is damaged). */
export function parseInput(channel: Channel, rawInput: unknown): { ok: true; input: unknown } | { ok: false; result: Result<unknown> } {
  const parsed = contract[channel].input.safeParse(rawInput === undefined ? {} : rawInput);
  if (parsed.success) return { ok: true, input: parsed.data };
  const problems = problemsFromZod(parsed.error);
  return {
    ok: false,
    result: failure(
      `Nothing was saved: ${problems.length === 1 ? 'one detail needs' : `${problems.length} details need`} correcting.`,
      problems,
    ),
  };
}

/** The output check every answer gets, in one place: an answer the contract does not describe is never shown. */
export function checkedAnswer(channel: Channel, value: unknown, onFault?: (channel: string, error: unknown) => void): Result<unknown> {
  const checked = contract[channel].output.safeParse(value);
  if (!checked.success) {
    onFault?.(channel, checked.error);
    return failure('The app produced an answer it could not check, so it was not shown. Please report this.');
  }
  return { ok: true, value: checked.data };
}

/** A refusal's own words, or, for anything unexpected, a plain fault that gives nothing of the payload away. */
export function faultAnswer(channel: Channel, error: unknown, onFault?: (channel: string, error: unknown) => void): Result<unknown> {
  if (error instanceof StaleRecordError) return staleRefusal(error.message, error.currentVersion);
  if (error instanceof DomainError) return failure(error.message, error.problems);
  onFault?.(channel, error);
  return failure('Something went wrong and nothing was saved. Please try again; if it keeps happening, report it.');
}

export function createDispatcher(options: DispatchOptions): Dispatcher {
  const clock = options.now ?? (() => new Date());
  // Rows changed by the writer connection since it opened: a write that changed nothing (a refused
  // or empty one) tells nobody. SQLite counts these per connection, and this desk has the one writer.
  // Signing in, out and locking change no record anyone has on screen (only the access record):
  // they tell nobody either, or every sign-in would make every open page read itself again.
  const totalChanges = options.store.writer.prepare('SELECT total_changes()').pluck();
  const changedBy = <T>(channel: Channel, work: () => T): T => {
    if (!options.changes || channel.startsWith('session:') || channel.startsWith('sessions:')) return work();
    const before = totalChanges.get() as number;
    const value = work();
    if ((totalChanges.get() as number) !== before) options.changes.publish(channel);
    return value;
  };

  const prepare = (channelName: unknown, rawInput: unknown, caller: Caller): Prepared => {
    if (!isChannel(channelName)) return { ok: false, result: unknownChannel(channelName) };
    const kind = kindOf(channelName);
    const now = clock();
    // Who may call comes before what they sent: a caller who may not use a channel learns
    // nothing about its fields.
    const admission = options.gate.admit(channelName, kind, now, caller);
    if (!admission.ok) return { ok: false, result: admission.failure };
    const parsed = parseInput(channelName, rawInput);
    if (!parsed.ok) return parsed;
    return {
      ok: true,
      channel: channelName,
      kind,
      input: parsed.input,
      actor: admission.actor,
      now,
      env: { ...options.env, caller },
      before: caller.session,
    };
  };

  // The access record (shared/domain/accessRules.ts says which calls and how): a write's entry in
  // its own transaction; a read's or a task's after it succeeded, in a short one through the writer.
  const answered = (prepared: Extract<Prepared, { ok: true }>, output: unknown, at: Date): AnsweredCall => {
    const caller = prepared.env.caller;
    return {
      channel: prepared.channel,
      kind: prepared.kind,
      input: prepared.input,
      output,
      before: prepared.before,
      after: caller.session && !caller.session.ended ? caller.session : null,
      from: caller.from,
      actor: prepared.actor,
      at,
    };
  };
  const recordAfter = (prepared: Extract<Prepared, { ok: true }>, output: unknown, at: Date): void => {
    // Only what the map names opens a transaction (a restore, not on it, has closed this store by now).
    if (!isRecorded(prepared.channel, prepared.kind)) return;
    const writer = options.store.writer;
    // During a write in steps the entry waits for it to end, so a cancel cannot take it away.
    whenWriterFree(
      writer,
      () => writer.transaction(() => recordCall(writer, answered(prepared, output, at))).immediate(),
      (error) => options.onFault?.('access record', error),
    );
  };
  const refuseWhileHeld = (): void => {
    const what = writerHeldFor(options.store.writer);
    if (what)
      throw new DomainError(
        `Nothing was saved: ${what} is being written to the register. Try again when it has finished (a minute or so); what you entered is still here.`,
      );
  };

  const writeInSteps = async <T, Y>(
    what: string,
    actor: string,
    steps: (ctx: WriteContext) => Generator<Y, T>,
    { onStep, cancelled }: StepOptions<Y>,
  ): Promise<T> => {
    refuseWhileHeld();
    const writer = options.store.writer;
    const release = holdWriter(writer, what);
    writer.exec('BEGIN IMMEDIATE');
    const run = steps({ db: writer, actor, now: clock() });
    try {
      // The caller answers (its job started, nothing yet written) before the first step runs.
      await new Promise((resolve) => setImmediate(resolve));
      for (;;) {
        if (cancelled?.()) throw new WriteCancelled(`${what} was cancelled: nothing of it was kept.`);
        const next = run.next();
        if (next.done) {
          writer.exec('COMMIT');
          options.changes?.publish('legacy:import');
          return next.value;
        }
        onStep?.(next.value);
        // Let the desk answer others (reads, the progress, a cancel) before the next step.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      run.return(undefined as T);
      if (writer.inTransaction) writer.exec('ROLLBACK');
      throw error;
    } finally {
      release();
    }
  };

  const finish = (channel: Channel, value: unknown): Result<unknown> => checkedAnswer(channel, value, options.onFault);
  const fault = (channel: Channel, error: unknown): Result<unknown> => faultAnswer(channel, error, options.onFault);

  const runNow = (prepared: Extract<Prepared, { ok: true }>): Result<unknown> => {
    const { channel, kind, input, actor, now, env } = prepared;
    const handler = handlers[channel] as (ctx: unknown, input: unknown, env: AppEnvironment) => unknown;
    try {
      if (kind === 'task') return failure(`${channel} runs in the background: call it through dispatchAsync.`);
      if (kind === 'write') refuseWhileHeld();
      const writeContext = (): WriteContext => ({ db: options.store.writer, actor, now });
      const value =
        kind === 'write'
          ? changedBy(channel, () =>
              options.store.writer
                .transaction(() => {
                  // The child-identifier check, for every channel that stores text about a case.
                  guardCaseText(options.store.writer, channel, input as never);
                  // Two people, one record: a write based on an older version is refused here, and a
                  // write that goes ahead moves the record's version on (shared/domain/versionedWrites.ts).
                  checkAndMoveOn(options.store.writer, channel, input, actor, now);
                  const written = handler(writeContext(), input, env);
                  recordCall(options.store.writer, answered(prepared, written, now));
                  return written;
                })
                .immediate(),
            )
          : handler({ db: options.store.reader, now }, input, env);
      if (kind === 'read') recordAfter(prepared, value, now);
      const settle = afterCommit[channel] as ((writer: typeof options.store.writer, value: unknown) => unknown) | undefined;
      return finish(channel, settle ? settle(options.store.writer, value) : value);
    } catch (error) {
      return fault(channel, error);
    }
  };

  const dispatch: Dispatch = (channelName, rawInput, caller = options.seat) => {
    const prepared = prepare(channelName, rawInput, caller);
    return prepared.ok ? runNow(prepared) : prepared.result;
  };

  const dispatchAsync: DispatchAsync = async (channelName, rawInput, caller = options.seat) => {
    const prepared = prepare(channelName, rawInput, caller);
    if (!prepared.ok) return prepared.result;
    if (prepared.kind !== 'task') return runNow(prepared);
    const { channel, input, actor, now, env } = prepared;
    const handler = handlers[channel] as unknown as (ctx: TaskContext, input: unknown, env: AppEnvironment) => Promise<unknown>;
    const ctx: TaskContext = {
      reader: options.store.reader,
      now,
      actor,
      // A task's writes happen after its waiting is over, so they carry the time of the write.
      write: (work) => {
        refuseWhileHeld();
        return changedBy(channel, () =>
          options.store.writer.transaction(() => work({ db: options.store.writer, actor, now: clock() })).immediate(),
        );
      },
      writeInSteps: (what, steps, stepOptions) => writeInSteps(what, actor, steps, stepOptions),
    };
    try {
      const value = await handler(ctx, input, env);
      recordAfter(prepared, value, clock());
      return finish(channel, value);
    } catch (error) {
      return fault(channel, error);
    }
  };

  return { dispatch, dispatchAsync };
}
