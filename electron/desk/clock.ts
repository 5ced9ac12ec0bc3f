// The one clock of every front door (desktop window, web mode, command line). Normally the
// system's. To run the app at a fixed date, for a test or to reproduce what a user saw on a given
// day, set ESCALATION_DESK_CLOCK to an instant with its zone (2026-11-23T10:00:00Z): the clock
// starts there and runs on in real time, so idle locks, back-offs and timeouts still behave.
// Services never read the time themselves: they are handed this clock.
import { z } from 'zod';

export const CLOCK_VARIABLE = 'ESCALATION_DESK_CLOCK';

export class ClockSettingError extends Error {}

const instant = z.iso.datetime({ offset: true, error: 'give an instant with its zone, such as 2026-11-23T10:00:00Z' });

export type Clock = () => Date;

export function processClock(env: NodeJS.ProcessEnv = process.env): Clock {
  const setting = env[CLOCK_VARIABLE];
  if (setting === undefined || setting === '') return () => new Date();
  const parsed = instant.safeParse(setting);
  if (!parsed.success) throw new ClockSettingError(`${CLOCK_VARIABLE}: ${parsed.error.issues[0]!.message} (it is “${setting}”).`);
  const start = Date.parse(parsed.data);
  // The monotonic clock, so the pinned clock runs on evenly even if the system clock is moved.
  const startedAt = performance.now();
  return () => new Date(start + (performance.now() - startedAt));
}
