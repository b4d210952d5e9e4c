import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // SQLite files and PostgreSQL databases are per test file; files run in parallel on 2 cores.
    pool: 'forks',
  },
});
