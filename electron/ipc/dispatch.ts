// One path for every call, whichever bridge it came over: name check -> zod parse -> service
// inside a transaction -> output check. A refusal rolls the transaction back, so the database is
// exactly as it was.
import { contract, isChannel, type Channel } from '../../shared/contract';
import { problemsFromZod } from '../../shared/problems';
import { failure, type Result } from '../../shared/result';
import type { Store } from '../db/types';
import { DomainError } from '../services/errors';
import { handlers, type AppEnvironment } from './handlers';

export type Dispatch = (channel: unknown, input: unknown) => Result<unknown>;

export interface DispatchOptions {
  store: Store;
  env: AppEnvironment;
  actor: () => string;
  now?: () => Date;
  /** Where unexpected faults are reported (never the payload: it may hold case details). */
  onFault?: (channel: string, error: unknown) => void;
}

export function createDispatcher(options: DispatchOptions): Dispatch {
  const now = options.now ?? (() => new Date());
  return (channelName, rawInput) => {
    if (!isChannel(channelName)) {
      return failure(`There is no channel called ${JSON.stringify(String(channelName)).slice(0, 80)}.`);
    }
    const channel: Channel = channelName;
    const spec = contract[channel];
    const parsed = spec.input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!parsed.success) {
      const problems = problemsFromZod(parsed.error);
      return failure(`Nothing was saved: ${problems.length === 1 ? 'one detail needs' : `${problems.length} details need`} correcting.`, problems);
    }
    const handler = handlers[channel] as (ctx: unknown, input: unknown, env: AppEnvironment) => unknown;
    try {
      const value =
        spec.kind === 'write'
          ? options.store.writer.transaction(() => handler({ db: options.store.writer, actor: options.actor(), now: now() }, parsed.data, options.env)).immediate()
          : handler({ db: options.store.reader, now: now() }, parsed.data, options.env);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        options.onFault?.(channel, checked.error);
        return failure('The app produced an answer it could not check, so it was not shown. Please report this.');
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof DomainError) return failure(error.message, error.problems);
      options.onFault?.(channel, error);
      return failure('Something went wrong and nothing was saved. Please try again; if it keeps happening, report it.');
    }
  };
}
