import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/db/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    // Some suites build a board of thousands of cases before their tests (20,000 for the return's
    // streaming test): seconds on a quiet machine, more on a shared one. A hang still fails.
    hookTimeout: 120_000,
    // Vitest's default is one worker fewer than the cores: one on this two-core machine. Most of the
    // slow suites wait on child processes, servers and the disk (crash, kill, backup, board server)
    // rather than compute, so two run side by side in about half the time.
    maxWorkers: 2,
    // Commands a test starts unlock the test boards with this passphrase (test/support/testKey.ts).
    env: { ESCALATION_DESK_PASSPHRASE: 'the test boards’ passphrase' },
  },
});
