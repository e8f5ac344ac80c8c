import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'verifier/**/*.test.ts', 'test/**/*.test.ts', 'extension/native-host/**/*.test.ts', 'extension/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
