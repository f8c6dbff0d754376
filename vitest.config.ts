import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'node',
    include: [
      'engine/**/*.test.ts',
      'server/**/*.test.ts',
      'protocol/**/*.test.ts',
      'scripts/**/*.test.ts',
      'src/**/*.test.{ts,tsx}',
    ],
    setupFiles: ['./src/test-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
