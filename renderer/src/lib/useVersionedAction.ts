import { useCallback, useState } from 'react';
import { ApiError } from './api';
import { useAction } from './useAction';

/**
 * A change to a versioned record (a case, panel, agency or the board's settings). The change names
 * the version the person started from: the one on screen when they began typing (start(), called
 * from the form's onChange), not a newer one the screen may have reloaded since. If someone else
 * changed the record first, the refusal is shown, the form keeps what was typed, and the base
 * moves to the version that refused it, so saving again, after looking at their change, goes through.
 */
export function useVersionedAction(shownVersion: number) {
  const action = useAction();
  // The version the person's typing started from; null while the form is untouched.
  const [held, setHeld] = useState<number | null>(null);
  // After this form's own save the record is at least one on, even before the screen reloads.
  const [savedAt, setSavedAt] = useState(0);
  const latest = Math.max(shownVersion, savedAt);
  const base = held ?? latest;
  const start = useCallback(() => setHeld((h) => h ?? latest), [latest]);
  const { run: runAction } = action;
  const run = useCallback(
    async <T>(work: (basedOnVersion: number) => Promise<T>, success: (value: T) => string): Promise<T | null> => {
      const value = await runAction(async () => {
        try {
          return await work(base);
        } catch (error) {
          if (error instanceof ApiError && error.code === 'stale' && error.currentVersion !== undefined) setHeld(error.currentVersion);
          throw error;
        }
      }, success);
      if (value !== null) {
        setHeld(null);
        setSavedAt(base + 1);
      }
      return value;
    },
    [runAction, base],
  );
  // touched: the person has begun typing, so a newer record on screen must not replace their text.
  return { ...action, run, start, basedOnVersion: base, touched: held !== null };
}
