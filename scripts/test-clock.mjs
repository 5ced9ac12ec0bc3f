#!/usr/bin/env node
// The unit and database tests again, with the whole process tree's clock moved far from today and
// in two time zones: a test that reads today's date, the machine's zone or British Summer Time
// passes on the day it was written and fails later, so this run catches it now.
// libfaketime (Debian's `faketime`) moves the wall clock; the monotonic clock is left alone so
// timers still fire. Run by .ci/run after `npm test`; by hand: `npm run test:clock`.
import { spawnSync } from 'node:child_process';

const runs = [
  // British Summer Time, most of a year ahead, in the board's own zone.
  { TZ: 'Europe/London', at: '2027-07-14T11:30:00+01:00' },
  // A machine on UTC late on a quarter's last evening: in London it is already 00:40 on the
  // first day of the next quarter.
  { TZ: 'UTC', at: '2027-09-30T23:40:00Z' },
];

// Suites about killed processes, hostile bytes and LibreOffice test what survives a crash, not
// dates: they take a third of the suite's time, so the clock-moved runs leave them to \`npm test\`.
// Their date handling goes through the same services the other suites drive under both clocks.
const leftToNpmTest = [
  'test/db/crash.test.ts',
  'test/db/backupCrash.test.ts',
  'test/db/libreoffice.test.ts',
  'test/db/printedWorkbooks.test.ts',
  'test/db/startCommand.test.ts',
  'test/db/fuzz.test.ts',
  'test/db/hostileFiles.test.ts',
  'test/db/boardServerKill.test.ts',
  'test/db/boardServerHostile.test.ts',
].flatMap((file) => ['--exclude', file]);

const found = spawnSync('faketime', ['--help'], { stdio: 'ignore' });
if (found.error) {
  console.error('The clock-moved run needs libfaketime: install it (on Debian: sudo apt-get install faketime).');
  process.exit(1);
}

for (const run of runs) {
  console.log(`\n== unit and database tests with the clock at ${run.at} (TZ=${run.TZ}) ==`);
  // An offset from the real clock rather than faketime's "@" (which starts every new process at the
  // same instant): the tests' child processes must see one clock that runs forward, as on a machine.
  // Any arguments are passed on to vitest (a file filter, say).
  const offsetSeconds = Math.round((Date.parse(run.at) - Date.now()) / 1000);
  const result = spawnSync(
    'faketime',
    ['-f', `${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds}s`, 'npx', 'vitest', 'run', ...leftToNpmTest, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, TZ: run.TZ, FAKETIME_DONT_FAKE_MONOTONIC: '1' },
    },
  );
  if (result.status !== 0) {
    console.error(`The tests failed with the clock at ${run.at} (TZ=${run.TZ}): some test depends on the day or the zone it runs in.`);
    process.exit(result.status ?? 1);
  }
}
