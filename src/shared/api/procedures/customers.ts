import { z } from 'zod';
import { procedure, ALL_STAFF, type Procedure } from '../procedure.js';
import { customerCreateSchema, customerPatchSchema, customerSchema, customerRowSchema, CUSTOMER_SORTS } from '../../domain/customer.js';
import { id } from '../fields.js';

/** Customers (REQUIREMENTS C1, C2, C7). */
export const customerProcedures = {
  'customers.create': procedure({
    summary: 'Register a new customer.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: customerCreateSchema.strict(),
    output: customerSchema,
  }),
  'customers.update': procedure({
    summary: 'Change some fields of a customer; fields left out stay as they are.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: z.object({ id, patch: customerPatchSchema.strict() }).strict(),
    output: customerSchema,
  }),
  'customers.get': procedure({
    summary: 'One customer by id or customer number.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.union([z.object({ id }).strict(), z.object({ customerNumber: id }).strict()]),
    output: customerSchema,
  }),
  'customers.archive': procedure({
    summary: 'Archive a customer (hidden from lists and search, kept in history).',
    access: { roles: ['back_office', 'branch_manager', 'ho_admin'] },
    mutates: true,
    input: z.object({ id }).strict(),
    output: customerSchema,
  }),
  'customers.restore': procedure({
    summary: 'Bring an archived customer back.',
    access: { roles: ['back_office', 'branch_manager', 'ho_admin'] },
    mutates: true,
    input: z.object({ id }).strict(),
    output: customerSchema,
  }),
  'customers.list': procedure({
    summary: 'A page of the customer list.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z
      .object({
        offset: z.number({ message: 'invalid_type' }).int().min(0).max(100_000_000).default(0),
        limit: z.number({ message: 'invalid_type' }).int().min(1).max(500, { message: 'too_many' }).default(50),
        sort: z.enum(CUSTOMER_SORTS, { message: 'invalid_value' }).default('name'),
        direction: z.enum(['asc', 'desc'], { message: 'invalid_value' }).default('asc'),
        includeArchived: z.boolean({ message: 'invalid_type' }).default(false),
      })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(customerRowSchema) }),
  }),
  'customers.search': procedure({
    summary: 'Instant search by name prefix, phone in any typed form, email, NIK or customer number.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z
      .object({
        query: z.string({ message: 'invalid_type' }).max(200, { message: 'too_long' }),
        limit: z.number({ message: 'invalid_type' }).int().min(1).max(100, { message: 'too_many' }).default(20),
        includeArchived: z.boolean({ message: 'invalid_type' }).default(false),
      })
      .strict(),
    output: z.object({
      rows: z.array(customerRowSchema),
      /** How the query was read, so the UI can say "searching phone 0812...". */
      matchedAs: z.enum(['empty', 'phone', 'text']),
    }),
  }),
} satisfies Record<string, Procedure>;
