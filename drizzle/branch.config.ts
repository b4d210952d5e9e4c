import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: ['./src/branch/db/schema.ts', './src/branch/sync/schema.ts'],
  out: './drizzle/branch',
});
