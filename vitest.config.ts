import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Socket tests create thousands of real kernel sockets; keep files from competing for ports.
    fileParallelism: true,
    pool: 'forks',
  },
});
