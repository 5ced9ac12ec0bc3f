import { useEffect, useState } from 'react';
import { call } from '../../lib/api';
import type { DraftInput, PanelChecks } from './panelDraft';

interface Answer {
  key: string;
  checks: PanelChecks | null;
  error: string | null;
}

/**
 * Runs every panel check on the draft as the chair edits it, a short pause after the last change
 * (so typing a reason does not send a request per key). The last answer stays on screen while the
 * next one is worked out; an answer to an older draft is never shown over a newer one.
 */
export function useLiveChecks(input: DraftInput | null, delayMs = 200) {
  const key = input ? JSON.stringify(input) : '';
  const [answer, setAnswer] = useState<Answer>({ key: '', checks: null, error: null });
  useEffect(() => {
    if (!key) return;
    let live = true;
    const timer = window.setTimeout(() => {
      call('panels:check', JSON.parse(key) as DraftInput).then(
        (checks) => live && setAnswer({ key, checks, error: null }),
        (error: unknown) =>
          live && setAnswer((a) => ({ key, checks: a.checks, error: error instanceof Error ? error.message : String(error) })),
      );
    }, delayMs);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key, delayMs]);
  return { checks: answer.checks, error: answer.error, pending: answer.key !== key };
}
