import { defineConfig } from 'vitest/config';

// Runs in embedded mode (PGlite, in-memory cache, in-process queue) unless DATABASE_URL and
// REDIS_URL are set, then against those servers; .ci/run does both.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'client/src/**/*.test.ts', 'web/src/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
  },
});
