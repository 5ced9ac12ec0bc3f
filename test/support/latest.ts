// Most tests are one person at a time: each write is based on the record as it stands. This fills
// in basedOnVersion from the records (the same lookup the dispatcher checks against), so a test
// says what it changes, not which version; test/db/recordVersions.test.ts checks the versions
// themselves, with two people on one record.
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import { versionRule, type VersionedChannel } from '../../shared/domain/versionedWrites';
import type { Result } from '../../shared/result';
import type { Desk } from '../../electron/desk/desk';
import { versionFor } from '../../electron/services/recordVersions';

/** A versioned write's input without the version: the record's current one is added. */
export type LatestInput<C extends VersionedChannel> = Omit<ChannelInput<C>, 'basedOnVersion'>;

/** The version a write on this channel would be checked against now (1 for a record nobody has changed). */
export function versionNow(desk: Pick<Desk, 'store'>, channel: VersionedChannel, input: unknown): number {
  try {
    return versionFor(desk.store.reader, channel, input);
  } catch {
    // Input too malformed to name a record: the contract refuses it before any version is looked at.
    return 1;
  }
}

/** input with basedOnVersion set to the record's current version. */
export function basedOnLatest<C extends VersionedChannel>(desk: Pick<Desk, 'store'>, channel: C, input: LatestInput<C>): ChannelInput<C> {
  return { ...input, basedOnVersion: versionNow(desk, channel, input) } as ChannelInput<C>;
}

/** desk.call for a versioned write, based on the record as it stands. */
export function onLatest<C extends VersionedChannel>(
  desk: Pick<Desk, 'store' | 'call'>,
  channel: C,
  input: LatestInput<C>,
): Result<ChannelOutput<C>> {
  return desk.call(channel, basedOnLatest(desk, channel, input));
}

/** desk.dispatch (untyped, for inputs a test means to be wrong) based on the record as it stands. */
export function dispatchOnLatest(desk: Pick<Desk, 'store' | 'dispatch'>, channel: VersionedChannel, input: Record<string, unknown>) {
  return desk.dispatch(channel, { ...input, basedOnVersion: versionNow(desk, channel, input) });
}

/** Any channel's input, with basedOnVersion left out for a versioned write. */
export type InputOnLatest<C extends Channel> = C extends VersionedChannel ? LatestInput<C> : ChannelInput<C>;

/** Any channel's input, made ready to send: a versioned write gets the record's current version. */
export function inputOnLatest<C extends Channel>(desk: Pick<Desk, 'store'>, channel: C, input: InputOnLatest<C>): ChannelInput<C> {
  if (!versionRule(channel)) return input as ChannelInput<C>;
  return { ...(input as object), basedOnVersion: versionNow(desk, channel as VersionedChannel, input) } as ChannelInput<C>;
}
