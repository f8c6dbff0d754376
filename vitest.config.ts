import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: [
      'engine/**/*.test.ts',
      'server/**/*.test.ts',
      'protocol/**/*.test.ts',
      'scripts/**/*.test.ts',
      'src/**/*.test.{ts,tsx}',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
