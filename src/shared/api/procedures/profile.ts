import { z } from 'zod';
import { procedure, ALL_STAFF, type Procedure, type Role } from '../procedure.js';
import { customerRowSchema, customerSchema } from '../../domain/customer.js';
import {
  assetInputSchema,
  assetSchema,
  completenessSchema,
  needInputSchema,
  needSchema,
  sensitivePatchSchema,
  sensitiveSchema,
  timelineCursorSchema,
  timelineEntrySchema,
  TIMELINE_KINDS,
} from '../../domain/profile.js';
import { id } from '../fields.js';

/** Who may see and change sensitive data (C3): not the counter, where screens face customers. */
export const SENSITIVE_ROLES: readonly Role[] = ['back_office', 'branch_manager', 'ho_admin'];

const timelinePage = z.object({ entries: z.array(timelineEntrySchema), hasMore: z.boolean() });
const lenient = (max: number) => z.string({ message: 'invalid_type' }).max(max, { message: 'too_long' });

/** Customer 360 (REQUIREMENTS C1, C3-C7). */
export const profileProcedures = {
  'customers.profile360': procedure({
    summary: 'Everything about one customer: profile, family, assets, needs and wants, completeness, totals and the latest timeline.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.object({ id, timelineLimit: z.number({ message: 'invalid_type' }).int().min(1).max(500, { message: 'too_many' }).default(50) }).strict(),
    output: z.object({
      customer: customerSchema,
      completeness: completenessSchema,
      assets: z.array(assetSchema),
      needs: z.array(needSchema),
      stats: z.object({
        purchases: z.number().int(),
        totalSpent: z.number().int(),
        lastPurchaseAt: z.string().nullable(),
        interactions: z.number().int(),
        lastInteractionAt: z.string().nullable(),
      }),
      timeline: timelinePage,
      /** Whether sensitive data is recorded; null for roles that may not know. */
      sensitiveRecorded: z.boolean().nullable(),
    }),
  }),
  'customers.timeline': procedure({
    summary: "A page of a customer's timeline, newest first: interactions, purchases, profile changes, needs and wants.",
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z
      .object({
        customerId: id,
        before: timelineCursorSchema.optional(),
        limit: z.number({ message: 'invalid_type' }).int().min(1).max(1000, { message: 'too_many' }).default(100),
        kinds: z.array(z.enum(TIMELINE_KINDS, { message: 'invalid_value' })).min(1).max(TIMELINE_KINDS.length).optional(),
      })
      .strict(),
    output: timelinePage,
  }),
  'customers.findDuplicates': procedure({
    summary: 'Likely existing customers for what is being typed: same phone, email or NIK, or a similar name with the same birth date.',
    access: { roles: ALL_STAFF },
    mutates: false,
    // Lenient on purpose: it runs while the clerk is still typing, so half-typed values are ignored, not refused.
    input: z
      .object({
        fullName: lenient(200).optional(),
        birthDate: lenient(20).optional(),
        nik: lenient(40).optional(),
        phones: z.array(lenient(40)).max(10, { message: 'too_many' }).optional(),
        emails: z.array(lenient(254)).max(10, { message: 'too_many' }).optional(),
        excludeId: id.optional(),
      })
      .strict(),
    output: z.object({
      matches: z.array(z.object({ customer: customerRowSchema, reasons: z.array(z.enum(['nik', 'phone', 'email', 'name_birth'])) })),
    }),
  }),
  'assets.save': procedure({
    summary: 'Add an asset of a customer (a vehicle, an account, a policy) or change one, with its due date.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: assetInputSchema,
    output: assetSchema,
  }),
  'assets.remove': procedure({
    summary: 'Remove an asset from a customer.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: z.object({ id }).strict(),
    output: z.object({ id: z.string(), removed: z.literal(true) }),
  }),
  'needs.add': procedure({
    summary: 'Note one need or want the customer told us.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: needInputSchema,
    output: needSchema,
  }),
  'needs.remove': procedure({
    summary: 'Remove a need or want noted by mistake.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: z.object({ id }).strict(),
    output: z.object({ id: z.string(), removed: z.literal(true) }),
  }),
  'sensitive.get': procedure({
    summary: "A customer's sensitive data (health, finances, children); every view is written to the audit log.",
    access: { roles: SENSITIVE_ROLES },
    mutates: false,
    input: z.object({ customerId: id }).strict(),
    output: sensitiveSchema,
  }),
  'sensitive.update': procedure({
    summary: "Change a customer's sensitive data; recorded in the audit log.",
    access: { roles: SENSITIVE_ROLES },
    mutates: true,
    input: z.object({ customerId: id, patch: sensitivePatchSchema }).strict(),
    output: sensitiveSchema,
  }),
} satisfies Record<string, Procedure>;
