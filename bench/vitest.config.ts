import { defineConfig } from 'vitest/config';

/** The benchmark's own helpers (generators, statistics); not part of `npm test`. */
export default defineConfig({
  test: {
    include: ['bench/**/*.test.ts'],
    exclude: ['bench/.work/**'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
