import { z } from 'zod';
import { procedure, ALL_STAFF, type Procedure } from '../procedure.js';
import { catalogueItemSchema, catalogueListSchema, catalogueQuerySchema } from '../../domain/catalogue.js';

/**
 * The product and service catalogue at the branch (S5): read-only. The head
 * office maintains it (simpul-headoffice catalogue ..., /admin/catalogue) and
 * every sync brings the changes.
 */
export const catalogueProcedures = {
  'catalogue.list': procedure({
    summary: 'Search the product and service catalogue by name or code (active items unless asked otherwise).',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: catalogueQuerySchema,
    output: catalogueListSchema,
  }),
  'catalogue.get': procedure({
    summary: 'One catalogue item by id.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.strictObject({ id: z.string({ message: 'required' }).min(1, { message: 'required' }).max(64, { message: 'too_long' }) }),
    output: catalogueItemSchema,
  }),
} satisfies Record<string, Procedure>;
