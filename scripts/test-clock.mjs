#!/usr/bin/env node
// The unit and database tests again, with the whole process tree's clock moved far from today and
// the machine in another time zone: a test that reads today's date, the machine's zone or British
// Summer Time passes on the day it was written and fails later, so this run catches it now.
// libfaketime (Debian's `faketime`) moves the wall clock; the monotonic clock is left alone so
// timers still fire. Run by .ci/run after `npm test`; by hand: `npm run test:clock`.
import { spawnSync } from 'node:child_process';

// One moment that catches all three at once (two runs did, and cost CI four more minutes): a machine
// on UTC late on the evening a quarter ends, in British Summer Time, most of a year ahead. In London
// it is already 00:40 on 1 July, the next day and the next quarter, so a test that takes the date from
// the machine's zone, from UTC, or from an hour-less London offset gets a different day than the app.
const runs = [{ TZ: 'UTC', at: '2027-06-30T23:40:00Z' }];

// Suites about killed processes, hostile bytes and LibreOffice test what survives a crash, not
// dates: they take a third of the suite's time, so the clock-moved runs leave them to \`npm test\`.
// Their date handling goes through the same services the other suites drive under the moved clock.
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
  // Keys and crashes of the encryption (issue 17): scrypt and killed processes, no dates.
  'test/db/encryptCrash.test.ts',
  'test/db/keyChange.test.ts',
  'test/db/unlockCommand.test.ts',
  'test/db/boardKeys.test.ts',
  // Connections between processes (the board server's client, the bridges, a graceful stop, the
  // change feed): sockets and retries, no dates.
  'test/db/boardClient.test.ts',
  'test/db/boardClientEdges.test.ts',
  'test/db/boardClientFeed.test.ts',
  'test/db/bridges.test.ts',
  'test/db/gracefulStop.test.ts',
  'test/db/liveChanges.test.ts',
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
