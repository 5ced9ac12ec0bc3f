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
