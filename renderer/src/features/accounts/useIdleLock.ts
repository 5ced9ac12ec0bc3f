import { useEffect } from 'react';
import { call } from '../../lib/api';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
// Tell the main process about use at most this often: its own idle clock is the one that counts.
const REPORT_EVERY_MS = 30_000;

/**
 * Locks the window after the board's idle period without a key press or click, and reports use to
 * the main process so its idle clock (which refuses calls on its own) stays in step with the person.
 */
export function useIdleLock(idleLockMinutes: number, onLocked: () => void): void {
  useEffect(() => {
    let lastReported = 0;
    let timer = 0;
    const lockNow = () => {
      void call('session:lock', {}).finally(onLocked);
    };
    const arm = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lockNow, idleLockMinutes * 60_000);
    };
    const used = () => {
      arm();
      const now = Date.now();
      if (now - lastReported >= REPORT_EVERY_MS) {
        lastReported = now;
        void call('session:touch', {}).catch(() => undefined);
      }
    };
    arm();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, used, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, used);
    };
  }, [idleLockMinutes, onLocked]);
}
