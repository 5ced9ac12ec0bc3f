// Channel -> service call. The only place that knows which service answers which channel.
// TypeScript checks that every channel in the contract has a handler with the right types.
import type { Channel, ChannelOutput, Contract, ParsedInput } from '../../shared/contract';
import type { ReadContext, WriteContext } from '../services/context';
import * as agencies from '../services/agencies';

export interface AppEnvironment {
  version: string;
  dataFolder: string;
  mode: 'desktop' | 'web';
  schemaVersion: number;
}

type HandlerFor<C extends Channel> = Contract[C]['kind'] extends 'write'
  ? (ctx: WriteContext, input: ParsedInput<C>, env: AppEnvironment) => ChannelOutput<C>
  : (ctx: ReadContext, input: ParsedInput<C>, env: AppEnvironment) => ChannelOutput<C>;

export type Handlers = { [C in Channel]: HandlerFor<C> };

export const handlers: Handlers = {
  'app:info': (_ctx, _input, env) => ({ version: env.version, schemaVersion: env.schemaVersion, dataFolder: env.dataFolder, mode: env.mode }),
  'agencies:list': (ctx, input) => agencies.listAgencies(ctx, input),
  'agencies:get': (ctx, input) => agencies.getAgency(ctx.db, ctx.now, input.agencyId),
  'agencies:create': (ctx, input) => agencies.createAgency(ctx, input),
  'agencies:update': (ctx, input) => agencies.updateAgency(ctx, input),
  'agencies:retire': (ctx, input) => agencies.retireAgency(ctx, input),
  'memberships:add': (ctx, input) => agencies.addMembership(ctx, input),
  'memberships:end': (ctx, input) => agencies.endMembership(ctx, input),
  'officers:add': (ctx, input) => agencies.addOfficer(ctx, input),
  'officers:update': (ctx, input) => agencies.updateOfficer(ctx, input),
  'officers:leave': (ctx, input) => agencies.officerLeaves(ctx, input),
  'board:membersOn': (ctx, input) => agencies.boardMembersOn(ctx, input.date),
};
