// The hostile payloads every bridge is fuzzed with (test/db/fuzz.test.ts in-process, and
// test/db/boardServerHostile.test.ts against the board server on 127.0.0.2), and what counts as a
// clear answer to one. One set of generators, so both fuzzes try the same attacks.
import fc from 'fast-check';
import { channels, contract } from '../../shared/contract';

export type Channel = (typeof channels)[number];

export const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "'; DROP TABLE escalation;--",
    '<script>alert(1)</script>',
    '../../../../etc/passwd',
    '\u0000',
    '\u202e',
    'NaN',
    '-1',
    '9'.repeat(400),
    '2026-02-30',
    '0000-00-00',
    '${process.exit()}',
    '__proto__',
  ),
);

export const hostileValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 4 }),
  fc.object({ maxDepth: 2 }),
);

/** Objects with the channel's own field names (so parsing gets past the shape) but hostile values. */
export const payloadFor = (channel: Channel) => {
  const shape = (contract[channel].input as unknown as { shape?: Record<string, unknown> }).shape;
  const keys = shape ? Object.keys(shape) : [];
  return fc.oneof(
    fc.anything(),
    keys.length === 0
      ? fc.object()
      : fc.dictionary(fc.constantFrom(...keys, '__proto__', 'constructor', 'extra'), hostileValue, { maxKeys: keys.length + 2 }),
  );
};

/** A payload the channel's own schema would accept: a real request, not an attack (the dispatcher reads a missing payload as {}). */
export const isWellFormed = (channel: Channel, payload: unknown) =>
  contract[channel].input.safeParse(payload === undefined ? {} : payload).success;

/** A refusal in plain words (no stack, no library's error), or, for a read, a valid answer. */
export function isClearAnswer(result: unknown, write: boolean): boolean {
  if (typeof result !== 'object' || result === null || !('ok' in result)) return false;
  const r = result as { ok: boolean; error?: { message: unknown; problems: unknown } };
  if (r.ok) return !write; // a read that happened to be valid is fine; a write must not get through
  return (
    typeof r.error?.message === 'string' &&
    r.error.message.length > 10 &&
    !/ZodError|SQLITE|undefined|\[object Object\]/.test(r.error.message) &&
    Array.isArray(r.error.problems)
  );
}

/** What a server's answer must never show a caller: a stack trace, a library's error, an internal path. */
export const LEAKS =
  /\bat [^\n]*\(?[^\n]*:\d+:\d+\)?|ZodError|SQLITE_|TypeError|ReferenceError|node_modules|\/work\/|Internal Server Error/;
