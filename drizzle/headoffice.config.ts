import { defineConfig } from 'drizzle-kit';

// Head-office migrations (PostgreSQL; the same SQL runs on PGlite).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/headoffice/db/schema.ts', './src/headoffice/sync/schema.ts'],
  out: './drizzle/headoffice',
});
