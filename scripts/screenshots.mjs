#!/usr/bin/env node
// Refreshes the pictures in docs/screenshots/ on purpose: the browser tests, with their
// screenshots sent there instead of to the ignored test-results/screenshots/ (test/e2e/fixtures.ts).
// Arguments go on to Playwright (a spec file, say).
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DESK_SCREENSHOTS_DIR: 'docs/screenshots' },
});
process.exit(result.status ?? 1);
