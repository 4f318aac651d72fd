import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Files run in parallel forked workers; socket tests listen on port 0, so they never collide.
    fileParallelism: true,
    pool: 'forks',
  },
});
