import type { ReactNode } from 'react';
import type { Channel } from '../../../../shared/contract';
import { usePageTitle } from '../../lib/pageTitle';
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
  return <NotOffered channel={channel} title={title} what={what} />;
}

/** The page in place of one the role is not offered: its own title too (the page it stands for sets its own when shown). */
function NotOffered({ channel, title, what }: { channel: Channel; title: string; what: string }) {
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <ReadOnlyNote channel={channel}>{what}</ReadOnlyNote>
    </>
  );
}
