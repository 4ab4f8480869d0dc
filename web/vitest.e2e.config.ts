import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core drives Debian's Chromium against a running Verity (VERITY_URL).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
