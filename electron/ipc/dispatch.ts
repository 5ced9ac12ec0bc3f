// One path for every call, whichever bridge it came over: name check -> zod parse -> service
// inside a transaction -> output check. A refusal rolls the transaction back, so the database is
// exactly as it was.
import type { z } from 'zod';
import { contract, isChannel, type Channel } from '../../shared/contract';
import { failure, type Problem, type Result } from '../../shared/result';
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

const LABELS: Record<string, string> = {
  name: 'Agency name',
  sector: 'Sector',
  statutoryPartner: 'Statutory partner',
  retiredOn: 'Retired on',
  from: 'Board membership, from',
  to: 'Board membership, to',
  role: 'Role',
  email: 'E-mail',
  senior: 'Senior officer',
  boardRepresentative: 'Board representative',
  leftOn: 'Left on',
  date: 'Date',
};

function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'The request';
  return path.map((p) => (typeof p === 'number' ? `item ${p + 1}` : (LABELS[String(p)] ?? String(p)))).join(', ');
}

export function problemsFromZod(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return { where: describePath(issue.path), message: `Not expected here: ${issue.keys.join(', ')}` };
    }
    if (issue.code === 'invalid_type' && issue.path.length === 0) {
      return { where: 'The request', message: 'Send the details as an object of named fields' };
    }
    return { where: describePath(issue.path), message: issue.message };
  });
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
