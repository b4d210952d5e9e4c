import { z } from 'zod';
import { procedure, ALL_STAFF, type Procedure } from '../procedure.js';
import { customerSchema } from '../../domain/customer.js';
import { id } from '../fields.js';

const errorSchema = z.object({ code: z.string(), message: z.string() });

export const syncStatusSchema = z.object({
  enrolled: z.boolean(),
  headOfficeUrl: z.string().nullable(),
  running: z.boolean(),
  lastSyncAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: errorSchema.nullable(),
  pending: z.number().int(),
  openConflicts: z.number().int(),
  rejected: z.number().int(),
  clockSkewMs: z.number().nullable(),
  cursor: z.string().nullable(),
  /** Rows of an initial sync received but not shown yet: they appear all at once when it completes. */
  initialSyncStaged: z.number().int().nullable(),
  intervalMinutes: z.number().int(),
});

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const conflictSchema = z.object({
  id: z.string(),
  tableName: z.string(),
  rowId: z.string(),
  field: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  winnerValue: value,
  loserValue: value,
  detectedAt: z.string(),
  status: z.enum(['open', 'kept', 'reversed']),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});

const headOfficeUrl = z
  .string({ message: 'required' })
  .trim()
  .min(1, { message: 'required' })
  .url({ message: 'invalid_url' })
  .refine((u) => /^https?:\/\//.test(u), { message: 'invalid_url' });

/** Sync with the head office (REQUIREMENTS B1-B9). */
export const syncProcedures = {
  'sync.status': procedure({
    summary: 'Last sync, pending changes, open conflicts and whether a sync is running.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.object({}).strict(),
    output: syncStatusSchema,
  }),
  'sync.now': procedure({
    summary: 'Sync with the head office now (push, then pull); progress arrives as events.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: z.object({}).strict(),
    output: z.object({
      pushed: z.number().int(),
      pulled: z.number().int(),
      conflicts: z.number().int(),
      quarantined: z.number().int(),
      clockSkewMs: z.number(),
      ms: z.number(),
    }),
  }),
  'sync.enrol': procedure({
    summary: "Enrol this branch with the head office using a one-time token from the head office's admin.",
    access: { roles: ['branch_manager', 'ho_admin'] },
    mutates: true,
    input: z.object({ url: headOfficeUrl, token: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).min(10, { message: 'short_token' }).max(200, { message: 'too_long' }) }).strict(),
    output: z.object({ branchId: z.string(), branchCode: z.string(), branchName: z.string() }),
  }),
  'sync.setInterval': procedure({
    summary: 'How often to sync on a schedule, in minutes (0 turns the schedule off).',
    access: { roles: ['branch_manager', 'ho_admin'] },
    mutates: true,
    input: z.object({ minutes: z.number({ message: 'invalid_type' }).int().min(0).max(24 * 60) }).strict(),
    output: z.object({ minutes: z.number().int() }),
  }),
  'sync.conflicts': procedure({
    summary: 'Conflicts about customers of this branch: both values of each. Conflicts about sensitive data only for roles with sensitive-data access.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.object({ status: z.enum(['open', 'all'], { message: 'invalid_value' }).default('open') }).strict(),
    output: z.array(conflictSchema),
  }),
  'sync.resolveConflict': procedure({
    summary: "Review a conflict: keep the winning value, or keep the other one (an ordinary edit that syncs).",
    access: { roles: ['back_office', 'branch_manager', 'ho_admin'] },
    mutates: true,
    input: z.object({ id, keep: z.enum(['winner', 'loser'], { message: 'invalid_value' }) }).strict(),
    output: conflictSchema,
  }),
  'customers.fetchRemote': procedure({
    summary: 'Fetch a customer of another branch from the head office (online), by number, phone, NIK or id.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: z.object({ key: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(64, { message: 'too_long' }) }).strict(),
    output: customerSchema,
  }),
} satisfies Record<string, Procedure>;
