import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{otr,app,protocols,main,renderer,scripts,testkit}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'dist/**', 'build/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    allowOnly: false,
  },
});
