import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/db/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    // Some suites build a board of thousands of cases before their tests (20,000 for the return's
    // streaming test): seconds on a quiet machine, more on a shared one. A hang still fails.
    hookTimeout: 120_000,
  },
});
