#!/usr/bin/env node
// The unit and database tests again, with the whole process tree's clock moved far from today and
// in two time zones: a test that reads today's date, the machine's zone or British Summer Time
// passes on the day it was written and fails later, so this run catches it now.
// libfaketime (Debian's `faketime`) moves the wall clock; the monotonic clock is left alone so
// timers still fire. Run by .ci/run after `npm test`; by hand: `npm run test:clock`.
import { spawnSync } from 'node:child_process';

const runs = [
  // British Summer Time, most of a year ahead, in the board's own zone.
  { TZ: 'Europe/London', at: '2027-07-14 11:30:00' },
  // A machine on UTC, late evening of a month's last day: London is already on the next day
  // (and the next month, and the next quarter's first week is near).
  { TZ: 'UTC', at: '2027-09-30 23:40:00' },
];

const found = spawnSync('faketime', ['--help'], { stdio: 'ignore' });
if (found.error) {
  console.error('The clock-moved run needs libfaketime: install it (on Debian: sudo apt-get install faketime).');
  process.exit(1);
}

for (const run of runs) {
  console.log(`\n== unit and database tests with the clock at ${run.at} (TZ=${run.TZ}) ==`);
  const result = spawnSync('faketime', ['-f', `@${run.at}`, 'npx', 'vitest', 'run'], {
    stdio: 'inherit',
    // faketime's own TZ applies to how it reads `at`; the variable is passed on to the tests too.
    env: { ...process.env, TZ: run.TZ, FAKETIME_DONT_FAKE_MONOTONIC: '1' },
  });
  if (result.status !== 0) {
    console.error(`The tests failed with the clock at ${run.at} (TZ=${run.TZ}): some test depends on the day or the zone it runs in.`);
    process.exit(result.status ?? 1);
  }
}
