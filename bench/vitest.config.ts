import { defineConfig } from 'vitest/config';

/** Tests of the benchmark's own helpers (generators, statistics): run by `npm run test:unit`. */
export default defineConfig({
  test: {
    include: ['bench/**/*.test.ts'],
    exclude: ['bench/.work/**'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
