// Screen and server never disagree (issue 16, item 3): for every role and every channel, what the
// renderer offers (offers(), behind useCan) is exactly what the server's access gate admits, and
// signed out, the screen offers only what the gate lets anyone call.
import { describe, expect, it } from 'vitest';
import { contract, type Channel } from '../../shared/contract';
import { ROLES, type SignedInUser } from '../../shared/domain/accounts';
import { sessionGate } from '../../electron/services/accounts/gate';
import { SessionRegistry, type Caller } from '../../electron/services/accounts/sessionRegistry';
import { offers } from '../../renderer/src/features/accounts/sessionContext';

const now = new Date('2026-11-23T10:00:00Z');
const channels = Object.keys(contract) as Channel[];
const kindOf = (channel: Channel) => contract[channel].kind as 'read' | 'write' | 'task';

describe('what each role is offered on screen', () => {
  it.each(ROLES)('is what the server admits, channel by channel, for the %s', (role) => {
    const sessions = new SessionRegistry(15, { now: () => now });
    const gate = sessionGate(sessions);
    const user: SignedInUser = { id: 7, userName: `a-${role}`, displayName: `A ${role}`, role };
    const caller: Caller = { session: null, from: { via: 'web', address: '127.0.0.1' } };
    sessions.signIn(caller, user, now);
    const disagreements = channels.filter((channel) => offers(user, channel) !== gate.admit(channel, kindOf(channel), now, caller).ok);
    expect(disagreements).toEqual([]);
    // Each role is offered something and refused something else, so the comparison is not empty on either side.
    expect(channels.some((c) => offers(user, c))).toBe(true);
    if (role !== 'coordinator') expect(channels.some((c) => !offers(user, c))).toBe(true);
  });

  it('signed out, offers only what the server lets anyone call before signing in', () => {
    const gate = sessionGate(new SessionRegistry(15, { now: () => now }));
    const nobody: Caller = { session: null, from: { via: 'web', address: '127.0.0.1' } };
    const disagreements = channels.filter((channel) => offers(null, channel) !== gate.admit(channel, kindOf(channel), now, nobody).ok);
    expect(disagreements).toEqual([]);
    expect(offers(null, 'session:signIn')).toBe(true);
    expect(offers(null, 'escalations:list')).toBe(false);
  });

  it('offers the learning hub none of the forms it was shown and refused (settings, logging a case, recording a referral)', () => {
    const hub = { role: 'learning_hub' } as const;
    for (const channel of ['settings:update', 'escalations:create', 'escalations:recordReferral', 'calendar:addClosureDay'] as const)
      expect(offers(hub, channel)).toBe(false);
    expect(offers(hub, 'settings:get')).toBe(true);
    expect(offers(hub, 'exports:boardReturn')).toBe(true);
  });
});
