import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Generous: CLI tests spawn processes, and a loaded 2-core machine slows them several times.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // SQLite files and PostgreSQL databases are per test file; files run in parallel on 2 cores.
    pool: 'forks',
  },
});
