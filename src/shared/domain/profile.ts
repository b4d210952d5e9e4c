import { z } from 'zod';
import { CASE_KINDS, CASE_STATUSES, DEPARTMENTS } from './case.js';
import { isIsoDate } from './dates.js';
import { CHANNELS, DIRECTIONS, EXCHANGES, OUTCOMES, PURPOSES } from './interaction.js';
import { APPOINTMENT_EVENT_KINDS, APPOINTMENT_STATUSES, QC_RESULTS } from './appointment.js';
import type { Customer } from './customer.js';
import { ORDER_STATUSES } from './order.js';
import { SHIPMENT_STATUSES } from './shipment.js';

/**
 * Customer 360 (REQUIREMENTS C1, C3-C6): what the profile knows beyond the
 * customer record itself: family, assets with due dates, needs and wants
 * noted one question at a time, sensitive data, the timeline and how
 * complete the profile is.
 */

const id = z.string({ message: 'required' }).min(1, { message: 'required' }).max(64, { message: 'too_long' });
const text = (max: number) =>
  z
    .string({ message: 'invalid_type' })
    .trim()
    .max(max, { message: 'too_long' })
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

/** How a family member is related, read from the customer whose profile is open. */
export const RELATIONS = ['spouse', 'parent', 'child', 'sibling', 'relative', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/** The same link read from the other side: A is B's parent, so B is A's child. */
export function inverseRelation(relation: Relation): Relation {
  if (relation === 'parent') return 'child';
  if (relation === 'child') return 'parent';
  return relation;
}

export const familyInputSchema = z.object({ customerId: id, relation: z.enum(RELATIONS, { message: 'invalid_value' }) });

export const familyMemberSchema = z.object({
  relationId: z.string(),
  customerId: z.string(),
  customerNumber: z.string().nullable(),
  /** Null when the relative is a customer of another branch not fetched here. */
  fullName: z.string().nullable(),
  relation: z.enum(RELATIONS),
});
export type FamilyMember = z.infer<typeof familyMemberSchema>;

/** C4: what the customer owns from us, and when something about it falls due. */
export const ASSET_KINDS = ['vehicle', 'account', 'policy', 'property', 'other'] as const;
export const DUE_KINDS = ['service', 'warranty_end', 'renewal', 'payment', 'other'] as const;

const dueDate = z
  .string({ message: 'invalid_type' })
  .trim()
  .refine((s) => s === '' || isIsoDate(s), { message: 'invalid_date' })
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();

export const assetInputSchema = z
  .object({
    /** Present when changing an asset; absent for a new one. */
    id: id.optional(),
    customerId: id,
    kind: z.enum(ASSET_KINDS, { message: 'invalid_value' }),
    label: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(120, { message: 'too_long' }),
    identifier: text(60),
    year: z.number({ message: 'invalid_type' }).int({ message: 'invalid_type' }).min(1900, { message: 'invalid' }).max(2200, { message: 'invalid' }).nullable().optional(),
    dueKind: z.enum(DUE_KINDS, { message: 'invalid_value' }).nullable().optional(),
    dueDate,
    notes: text(1000),
  })
  .strict()
  // A due date without saying what falls due would be a reminder nobody can act on.
  .refine((a) => !a.dueDate || a.dueKind, { message: 'required', path: ['dueKind'] });
export type AssetInput = z.output<typeof assetInputSchema>;

export const assetSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  kind: z.enum(ASSET_KINDS),
  label: z.string(),
  identifier: z.string().nullable(),
  year: z.number().int().nullable(),
  dueKind: z.enum(DUE_KINDS).nullable(),
  dueDate: z.string().nullable(),
  notes: z.string().nullable(),
  updatedAt: z.string(),
});
export type Asset = z.infer<typeof assetSchema>;

/** "Ask: customer want & need": one short note per question asked. */
export const NEED_KINDS = ['need', 'want'] as const;
export const needInputSchema = z
  .object({
    customerId: id,
    kind: z.enum(NEED_KINDS, { message: 'invalid_value' }),
    text: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(500, { message: 'too_long' }),
  })
  .strict();
export const needSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  kind: z.enum(NEED_KINDS),
  text: z.string(),
  staffName: z.string(),
  createdAt: z.string(),
});
export type Need = z.infer<typeof needSchema>;

/** C3: restricted fields, kept in their own table so roles are enforced on read. */
export const sensitivePatchSchema = z
  .object({
    healthConditions: text(2000),
    financialNotes: text(2000),
    children: text(1000),
    exportConsent: z.boolean({ message: 'invalid_type' }).optional(),
  })
  .strict();
export const sensitiveSchema = z.object({
  customerId: z.string(),
  healthConditions: z.string().nullable(),
  financialNotes: z.string().nullable(),
  children: z.string().nullable(),
  /** The customer explicitly agreed that these may leave the system in an export. */
  exportConsent: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type Sensitive = z.infer<typeof sensitiveSchema>;

/**
 * C6: what a complete profile holds, and what each part is worth. Contact
 * comes first because an unreachable customer cannot be served at all.
 */
export const COMPLETENESS_ITEMS = [
  { key: 'mobile', weight: 15 },
  { key: 'email', weight: 10 },
  { key: 'birthDate', weight: 10 },
  { key: 'address', weight: 10 },
  { key: 'nik', weight: 7 },
  { key: 'needs', weight: 7 },
  { key: 'whatsapp', weight: 5 },
  { key: 'occupation', weight: 5 },
  { key: 'family', weight: 5 },
  { key: 'hobbies', weight: 5 },
  { key: 'likes', weight: 5 },
  { key: 'shoppingHabits', weight: 5 },
  { key: 'gender', weight: 3 },
  { key: 'ambitions', weight: 3 },
  { key: 'preferredChannel', weight: 3 },
  { key: 'preferredTime', weight: 2 },
] as const;
export type CompletenessKey = (typeof COMPLETENESS_ITEMS)[number]['key'];
export const COMPLETENESS_KEYS = COMPLETENESS_ITEMS.map((i) => i.key) as unknown as readonly [CompletenessKey, ...CompletenessKey[]];

export type CompletenessFacts = Record<CompletenessKey, boolean>;

export function completeness(facts: CompletenessFacts): { score: number; missing: CompletenessKey[] } {
  let score = 0;
  const missing: CompletenessKey[] = [];
  for (const item of COMPLETENESS_ITEMS) {
    if (facts[item.key]) score += item.weight;
    else missing.push(item.key);
  }
  return { score, missing };
}

/** What the profile holds, from the customer record and how many needs and wants were noted. */
export function completenessFacts(c: Customer, needCount: number): CompletenessFacts {
  const reachable = c.phones.filter((p) => !p.invalid);
  return {
    mobile: reachable.some((p) => p.kind === 'mobile'),
    email: c.emails.some((e) => !e.invalid),
    birthDate: c.birthDate !== null,
    address: Boolean(c.address.line && c.address.city),
    nik: c.nik !== null,
    needs: needCount > 0,
    whatsapp: reachable.some((p) => p.whatsapp),
    occupation: c.occupation !== null,
    family: c.family.length > 0,
    hobbies: c.hobbies.length > 0,
    likes: Boolean(c.likes || c.dislikes),
    shoppingHabits: c.shoppingHabits !== null,
    gender: c.gender !== null,
    ambitions: c.ambitions !== null,
    preferredChannel: c.preferredChannel !== null,
    preferredTime: c.preferredContactTime !== null,
  };
}

export const completenessSchema = z.object({ score: z.number().int().min(0).max(100), missing: z.array(z.enum(COMPLETENESS_KEYS)) });

/**
 * C5: one chronological view. Each kind comes from its own table through a
 * source registered in the branch (src/branch/profile/timeline.ts); cases,
 * appointments and campaign messages join by adding a kind here and a source there.
 */
export const TIMELINE_KINDS = ['interaction', 'purchase', 'profile', 'need', 'appointment', 'qc', 'case', 'order', 'shipment', 'plan'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
/** 'created' is the registration itself, read from the customer row. */
export const PROFILE_CHANGE_SOURCES = ['created', 'edit', 'import', 'import_undo'] as const;

const entryBase = { id: z.string(), at: z.string() };
export const timelineEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('interaction'),
    ...entryBase,
    channel: z.enum(CHANNELS),
    direction: z.enum(DIRECTIONS),
    exchange: z.enum(EXCHANGES),
    purpose: z.enum(PURPOSES),
    outcome: z.enum(OUTCOMES),
    durationMinutes: z.number().int().nullable(),
    notes: z.string().nullable(),
    staffName: z.string(),
  }),
  z.object({ kind: z.literal('purchase'), ...entryBase, type: z.enum(['sale', 'refund']), amount: z.number().int(), itemCount: z.number().int() }),
  z.object({ kind: z.literal('profile'), ...entryBase, source: z.enum(PROFILE_CHANGE_SOURCES), fields: z.array(z.string()), staffName: z.string() }),
  z.object({ kind: z.literal('need'), ...entryBase, needKind: z.enum(NEED_KINDS), text: z.string(), staffName: z.string() }),
  // One entry per step of a service appointment (S4): booked, each status move, a reschedule.
  z.object({
    kind: z.literal('appointment'),
    ...entryBase,
    appointmentId: z.string(),
    event: z.enum(APPOINTMENT_EVENT_KINDS),
    fromStatus: z.enum(APPOINTMENT_STATUSES).nullable(),
    toStatus: z.enum(APPOINTMENT_STATUSES),
    serviceName: z.string(),
    startsAt: z.string().nullable(),
    assetLabel: z.string().nullable(),
    note: z.string().nullable(),
    staffName: z.string(),
  }),
  z.object({
    kind: z.literal('qc'),
    ...entryBase,
    appointmentId: z.string(),
    serviceName: z.string(),
    result: z.enum(QC_RESULTS),
    itemCount: z.number().int(),
    failedItems: z.array(z.string()),
    notes: z.string().nullable(),
    staffName: z.string(),
  }),
  // A case (S1) at the time it was opened, with where it stands now.
  z.object({
    kind: z.literal('case'),
    ...entryBase,
    caseNumber: z.string(),
    subject: z.string(),
    caseKind: z.enum(CASE_KINDS),
    status: z.enum(CASE_STATUSES),
    department: z.enum(DEPARTMENTS),
    staffName: z.string(),
  }),
  /** An order, at the time it was taken, with its status now. */
  z.object({ kind: z.literal('order'), ...entryBase, orderNumber: z.string(), status: z.enum(ORDER_STATUSES), total: z.number().int(), itemCount: z.number().int(), staffName: z.string() }),
  /** One step of a shipment's history: what staff read out when the customer asks where the order is. */
  z.object({
    kind: z.literal('shipment'),
    ...entryBase,
    shipmentId: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    status: z.enum(SHIPMENT_STATUSES),
    courier: z.string(),
    trackingNumber: z.string().nullable(),
    note: z.string().nullable(),
    staffName: z.string(),
  }),
  /**
   * Contact plans (T2): a plan when it was made, with the day it is due now
   * (the next occurrence of a recurring one) and its status; and what was
   * done with an agenda item other than logging the contact (rescheduled,
   * skipped, dismissed, cancelled), with the reason.
   */
  z.object({
    kind: z.literal('plan'),
    ...entryBase,
    event: z.enum(['planned', 'rescheduled', 'skipped', 'dismissed', 'cancelled']),
    /** 'plan' or the reminder rule. */
    source: z.string(),
    dueDate: z.string(),
    dueTime: z.string().nullable(),
    newDate: z.string().nullable(),
    channel: z.enum(CHANNELS).nullable(),
    reason: z.string().nullable(),
    status: z.enum(['open', 'done', 'cancelled']).nullable(),
    staffName: z.string(),
  }),
]);
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** Where the next page starts: entries strictly older than (at, id). */
export const timelineCursorSchema = z.object({ at: z.string().max(40), id: z.string().max(64) }).strict();
