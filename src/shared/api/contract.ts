import { z } from 'zod';
import { procedure, ALL_STAFF, ROLES, type Procedure } from './procedure.js';
import {
  customerCreateSchema,
  customerPatchSchema,
  customerSchema,
  customerRowSchema,
  CUSTOMER_SORTS,
} from '../domain/customer.js';
import { TIME_ZONES } from '../domain/dates.js';

/**
 * The one contract. Every procedure the UI, the CLI or a test can call is
 * declared here once: its name, input, output and who may call it. The branch
 * dispatcher runs it; the three transports (Electron IPC, HTTP in browser mode,
 * in-memory in tests) only carry (method, input) and the Result back.
 * A new feature adds entries here and handlers in its own folder.
 */

const id = z.string({ message: 'required' }).min(1, { message: 'required' }).max(64, { message: 'too_long' });
const locale = z.enum(['id', 'en'], { message: 'invalid_value' });
const roleSchema = z.enum(ROLES, { message: 'invalid_value' });
const timeZone = z.enum(Object.keys(TIME_ZONES) as [keyof typeof TIME_ZONES, ...(keyof typeof TIME_ZONES)[]], {
  message: 'invalid_time_zone',
});
const username = z
  .string({ message: 'required' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._]{3,32}$/, { message: 'invalid_username' });
const password = z.string({ message: 'required' }).min(8, { message: 'weak_password' }).max(200, { message: 'too_long' });
const displayName = z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(100, { message: 'too_long' });

export const actorSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  locale,
});

export const branchInfoSchema = z.object({
  initialised: z.boolean(),
  branchId: z.string().nullable(),
  branchCode: z.string().nullable(),
  branchName: z.string().nullable(),
  timeZone: timeZone.nullable(),
  /** Head-office enrolment state; filled in by the sync work. */
  enrolled: z.boolean(),
});

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  active: z.boolean(),
  createdAt: z.string(),
});

export const contract = {
  // ---- first-time setup and sign-in -------------------------------------
  'setup.status': procedure({
    summary: 'Whether this branch is set up, and its name, code and time zone.',
    access: 'anonymous',
    mutates: false,
    input: z.object({}).strict(),
    output: branchInfoSchema,
  }),
  'setup.initialise': procedure({
    summary: 'First-time setup: name the branch and create its manager account.',
    access: 'anonymous',
    mutates: true,
    input: z
      .object({
        branchName: displayName,
        branchCode: z
          .string({ message: 'required' })
          .trim()
          .toUpperCase()
          .regex(/^[A-Z0-9]{2,8}$/, { message: 'invalid_branch_code' }),
        timeZone: timeZone.default('WIB'),
        manager: z.object({ username, displayName, password }).strict(),
      })
      .strict(),
    output: branchInfoSchema,
  }),
  'auth.signIn': procedure({
    summary: 'Sign in with a username and password; works offline.',
    access: 'anonymous',
    mutates: false,
    input: z.object({ username, password: z.string({ message: 'required' }).min(1, { message: 'required' }).max(200), locale: locale.optional() }).strict(),
    output: z.object({ sessionToken: z.string(), actor: actorSchema }),
  }),
  'auth.signOut': procedure({
    summary: 'End the current session.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.object({}).strict(),
    output: z.object({ signedOut: z.literal(true) }),
  }),
  'auth.me': procedure({
    summary: 'The signed-in user.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.object({}).strict(),
    output: actorSchema,
  }),
  'auth.setLocale': procedure({
    summary: 'Switch the language of messages for this session.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.object({ locale }).strict(),
    output: actorSchema,
  }),

  // ---- staff accounts -----------------------------------------------------
  'users.list': procedure({
    summary: 'Staff accounts of this branch.',
    access: { roles: ['branch_manager', 'ho_admin'] },
    mutates: false,
    input: z.object({}).strict(),
    output: z.array(userSchema),
  }),
  'users.create': procedure({
    summary: 'Add a staff account.',
    access: { roles: ['branch_manager', 'ho_admin'] },
    mutates: true,
    input: z.object({ username, displayName, password, role: roleSchema }).strict(),
    output: userSchema,
  }),

  // ---- customers (C1, C2, C7) ---------------------------------------------
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

  // ---- system ---------------------------------------------------------------
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

export type Contract = typeof contract;
export type Method = keyof Contract;
export type InputOf<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends Method> = z.output<Contract[M]['input']>;
export type OutputOf<M extends Method> = z.output<Contract[M]['output']>;

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
