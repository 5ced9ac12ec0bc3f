// Builds the renderer-facing API from the contract: one method per channel. The Electron preload
// and the web mode both call this, each with its own transport, so the two cannot drift apart.
import { channels, type Channel, type ChannelInput, type ChannelOutput } from './contract';
import type { Result } from './result';

export type Transport = (channel: Channel, input: unknown) => Promise<Result<unknown>>;

export type Bridge = { [C in Channel]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>> };

export function createBridge(transport: Transport): Bridge {
  const bridge = {} as Record<Channel, (input: unknown) => Promise<Result<unknown>>>;
  for (const channel of channels) {
    bridge[channel] = (input: unknown) => transport(channel, input);
  }
  return Object.freeze(bridge) as unknown as Bridge;
}

/**
 * The typed client for callers in the same process (the command line, the web mode's own needs,
 * the tests): the dispatcher checks every answer against the contract's output schema before it
 * returns it, so the answer's type can be named here, once, instead of cast at every call.
 */
export type DeskCall = <C extends Channel>(channel: C, input: ChannelInput<C>) => Result<ChannelOutput<C>>;
export type DeskCallAsync = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

export function typedCalls(
  dispatch: (channel: Channel, input: unknown) => Result<unknown>,
  dispatchAsync: Transport,
): { call: DeskCall; callAsync: DeskCallAsync } {
  return { call: dispatch as DeskCall, callAsync: typedCallAsync(dispatchAsync) };
}

/** The asynchronous half alone, for a front door that only answers asynchronously (frontDesk.ts). */
export function typedCallAsync(dispatchAsync: Transport): DeskCallAsync {
  return dispatchAsync as DeskCallAsync;
}
