import { z } from 'zod';
import { procedure, ALL_STAFF, type Procedure } from '../procedure.js';
import { branchInfoSchema } from '../fields.js';

/** Facts about this installation for the status bar and support. */
export const systemProcedures = {
  'system.info': procedure({
    summary: 'Version, branch and database facts for the status bar and support.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.object({}).strict(),
    output: z.object({
      appVersion: z.string(),
      schemaVersion: z.number().int(),
      branch: branchInfoSchema,
      customerCount: z.number().int(),
      databaseBytes: z.number().int(),
      encrypted: z.boolean(),
    }),
  }),
} satisfies Record<string, Procedure>;
