import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Opening PGlite and applying the migrations takes a few seconds on this machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers only fight over them.
    maxWorkers: 2,
    // Every skipped test is listed at the end with its reason (test/support/skips.ts).
    reporters: ['default', './test/support/skip-reporter.ts'],
  },
});
