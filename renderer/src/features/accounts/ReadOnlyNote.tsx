import type { ReactNode } from 'react';
import type { Channel } from '../../../../shared/contract';
import { useCan, whoMayCall } from './sessionContext';

/** Said in place of a form the signed-in role is not offered: who does it, so the reader knows whom to ask. */
export function ReadOnlyNote({ channel, children }: { channel: Channel; children: string }) {
  return (
    <p className="hint read-only-note">
      {children} is for {whoMayCall(channel)}.
    </p>
  );
}

/**
 * A page that is all one action (logging a case, planning a panel): shown only to a role that may
 * do it; anyone else who follows a link there is told whose it is instead of filling in a form the
 * server would refuse.
 */
export function OnlyFor({ channel, title, what, children }: { channel: Channel; title: string; what: string; children: ReactNode }) {
  if (useCan(channel)) return <>{children}</>;
  return (
    <>
      <h1>{title}</h1>
      <ReadOnlyNote channel={channel}>{what}</ReadOnlyNote>
    </>
  );
}
