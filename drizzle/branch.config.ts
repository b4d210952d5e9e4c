import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: ['./src/branch/db/schema.ts', './src/branch/sync/schema.ts', './src/branch/reports/schema.ts', './src/branch/profile/schema.ts', './src/branch/interactions/schema.ts', './src/branch/imports/schema.ts', './src/branch/audit/schema.ts', './src/branch/catalogue/schema.ts', './src/branch/appointments/schema.ts', './src/branch/cases/schema.ts', './src/branch/orders/schema.ts', './src/branch/agenda/schema.ts'],
  out: './drizzle/branch',
});
