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
import type { TaskContext, WriteContext } from '../services/context';
import { DomainError, StaleRecordError } from '../services/errors';
import { checkAndMoveOn } from '../services/recordVersions';
import { guardCaseText } from '../services/caseTextGuard';
import { afterCommit, handlers, type AppEnvironment } from './handlers';

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
}

type Kind = 'read' | 'write' | 'task';
const kindOf = (channel: Channel): Kind => contract[channel].kind as Kind;

type Prepared =
  | { ok: false; result: Result<unknown> }
  | { ok: true; channel: Channel; kind: Kind; input: unknown; actor: string; now: Date; env: AppEnvironment };

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
    return { ok: true, channel: channelName, kind, input: parsed.input, actor: admission.actor, now, env: { ...options.env, caller } };
  };

  const finish = (channel: Channel, value: unknown): Result<unknown> => checkedAnswer(channel, value, options.onFault);
  const fault = (channel: Channel, error: unknown): Result<unknown> => faultAnswer(channel, error, options.onFault);

  const runNow = ({ channel, kind, input, actor, now, env }: Extract<Prepared, { ok: true }>): Result<unknown> => {
    const handler = handlers[channel] as (ctx: unknown, input: unknown, env: AppEnvironment) => unknown;
    try {
      if (kind === 'task') return failure(`${channel} runs in the background: call it through dispatchAsync.`);
      const writeContext = (): WriteContext => ({ db: options.store.writer, actor, now });
      const value =
        kind === 'write'
          ? options.store.writer
              .transaction(() => {
                // The child-identifier check, for every channel that stores text about a case.
                guardCaseText(options.store.writer, channel, input as never);
                // Two people, one record: a write based on an older version is refused here, and a
                // write that goes ahead moves the record's version on (shared/domain/versionedWrites.ts).
                checkAndMoveOn(options.store.writer, channel, input, actor, now);
                return handler(writeContext(), input, env);
              })
              .immediate()
          : handler({ db: options.store.reader, now }, input, env);
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
      write: (work) => options.store.writer.transaction(() => work({ db: options.store.writer, actor, now: clock() })).immediate(),
    };
    try {
      return finish(channel, await handler(ctx, input, env));
    } catch (error) {
      return fault(channel, error);
    }
  };

  return { dispatch, dispatchAsync };
}
