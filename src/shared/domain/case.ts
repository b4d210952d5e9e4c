import { z } from 'zod';
import { CHANNELS } from './interaction.js';

/**
 * Cases (REQUIREMENTS S1): complaints and requests from any channel. A case
 * is routed to a department by the branch's routing rules (category ->
 * department, with a default), assigned to a staff member, and carries two
 * SLA deadlines set from its priority: the first response and the
 * resolution. When a deadline passes unmet the case escalates: first to the
 * branch manager, then (a configurable time after the resolution deadline)
 * to the head office, which sees every branch's escalated cases from the
 * synced rows. Deadlines count calendar hours.
 *
 * The rules here are pure so the branch and the head office compute the
 * same escalation from the same row.
 */
export const CASE_KINDS = ['complaint', 'request'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const DEPARTMENTS = ['sales', 'service', 'quality_control', 'shipment', 'marketing'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** Lowest first. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CASE_STATUSES = ['open', 'assigned', 'in_progress', 'waiting_customer', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which the clock runs and the case can still escalate. */
export const ACTIVE_STATUSES: readonly CaseStatus[] = ['open', 'assigned', 'in_progress', 'waiting_customer'];

/**
 * The workflow: which status may follow which. Assigning (cases.assign) moves
 * an open case to 'assigned'; resolving needs a resolution text; a resolved
 * or closed case is reopened by moving it back to 'in_progress'.
 */
export const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['in_progress', 'resolved'],
  assigned: ['in_progress', 'waiting_customer', 'resolved'],
  in_progress: ['waiting_customer', 'resolved'],
  waiting_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function canMove(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** A move back to work from resolved or closed. */
export function isReopen(from: CaseStatus, to: CaseStatus): boolean {
  return (from === 'resolved' || from === 'closed') && to === 'in_progress';
}

/** Moving into one of these is the first response to the customer. */
export const RESPONDING_STATUSES: readonly CaseStatus[] = ['in_progress', 'waiting_customer', 'resolved'];

/** 0: none; 1: the branch manager; 2: the head office. */
export const ESCALATION_LEVELS = [0, 1, 2] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

// ---------------------------------------------------------------- settings

/** A category code: lower-case letters, digits and underscores, as stored in the row and grouped in reports. */
export const categoryCodeSchema = z
  .string({ message: 'required' })
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'invalid_category' });

const hours = z.number({ message: 'invalid_hours' }).positive({ message: 'invalid_hours' }).max(24 * 90, { message: 'invalid_hours' });

export const slaTargetSchema = z.strictObject({ firstResponseHours: hours, resolutionHours: hours }).refine((t) => t.firstResponseHours <= t.resolutionHours, {
  message: 'sla_order',
  path: ['firstResponseHours'],
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

export const caseCategorySchema = z.strictObject({
  code: categoryCodeSchema,
  /** What staff see; the built-in categories are also translated in the UI. */
  label: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(80, { message: 'too_long' }),
  /** Null: the default department. */
  department: z.enum(DEPARTMENTS, { message: 'invalid_value' }).nullable(),
});
export type CaseCategory = z.infer<typeof caseCategorySchema>;

export const caseSettingsSchema = z
  .strictObject({
    categories: z.array(caseCategorySchema).min(1, { message: 'required' }).max(100, { message: 'too_many' }),
    defaultDepartment: z.enum(DEPARTMENTS, { message: 'invalid_value' }),
    sla: z.strictObject({ low: slaTargetSchema, normal: slaTargetSchema, high: slaTargetSchema, urgent: slaTargetSchema }),
    /** Hours after the resolution deadline at which an unresolved case goes to the head office. */
    headOfficeAfterHours: z.number({ message: 'invalid_type' }).min(0, { message: 'invalid_hours' }).max(24 * 90, { message: 'invalid_hours' }),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.categories.forEach((c, i) => {
      if (seen.has(c.code)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'code'], message: 'duplicate_category' });
      seen.add(c.code);
    });
  });
export type CaseSettings = z.infer<typeof caseSettingsSchema>;

/**
 * The built-in case categories' names in Indonesian and English: the one
 * place they are written. A branch starts with the Indonesian ones as its
 * labels; the screens (src/ui/cases/caseText.ts), the conflict review, the
 * report exports and the head office's console name a built-in category
 * whose label nobody changed in the reader's language from here.
 */
export const CASE_CATEGORY_NAMES: Readonly<Record<string, { id: string; en: string }>> = {
  product_defect: { id: 'Produk cacat', en: 'Product defect' },
  repair: { id: 'Perbaikan dan servis', en: 'Repair and service' },
  staff_service: { id: 'Pelayanan staf', en: 'Staff service' },
  delivery: { id: 'Pengiriman', en: 'Delivery' },
  billing: { id: 'Tagihan dan harga', en: 'Billing and price' },
  order: { id: 'Pesanan', en: 'Order' },
  promotion: { id: 'Promo dan hadiah', en: 'Promotion and gifts' },
  information: { id: 'Permintaan informasi', en: 'Information request' },
  other: { id: 'Lainnya', en: 'Other' },
};

/** What a branch starts with; the branch manager changes it (cases.settings.update, `simpul case settings`). */
export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  categories: (
    [
      ['product_defect', 'quality_control'],
      ['repair', 'service'],
      ['staff_service', 'service'],
      ['delivery', 'shipment'],
      ['billing', 'sales'],
      ['order', 'sales'],
      ['promotion', 'marketing'],
      ['information', null],
      ['other', null],
    ] as const
  ).map(([code, department]) => ({ code, label: CASE_CATEGORY_NAMES[code].id, department })),
  defaultDepartment: 'service',
  sla: {
    urgent: { firstResponseHours: 1, resolutionHours: 8 },
    high: { firstResponseHours: 4, resolutionHours: 24 },
    normal: { firstResponseHours: 8, resolutionHours: 72 },
    low: { firstResponseHours: 24, resolutionHours: 168 },
  },
  headOfficeAfterHours: 24,
};

// ---------------------------------------------------------------- rules

export interface Route {
  department: Department;
  /** 'rule': the category's own department; 'default': the branch's default; 'manual': chosen by staff. */
  routedBy: 'rule' | 'default' | 'manual';
}

/** Routing: the category's department, or the default. Null when the category is not configured. */
export function routeCase(settings: CaseSettings, category: string): Route | null {
  const c = settings.categories.find((x) => x.code === category);
  if (!c) return null;
  return c.department ? { department: c.department, routedBy: 'rule' } : { department: settings.defaultDepartment, routedBy: 'default' };
}

export interface Deadlines {
  firstResponseDueAt: string;
  /** The resolution deadline (column sla_due_at, read by the A6 report). */
  slaDueAt: string;
  headOfficeDueAt: string;
}

const HOUR = 3_600_000;

/** The SLA deadlines of a case opened at `openedAt` with `priority` (calendar hours). */
export function computeDeadlines(settings: CaseSettings, priority: Priority, openedAt: Date): Deadlines {
  const t = settings.sla[priority];
  const at = (h: number) => new Date(openedAt.getTime() + Math.round(h * HOUR)).toISOString();
  return {
    firstResponseDueAt: at(t.firstResponseHours),
    slaDueAt: at(t.resolutionHours),
    headOfficeDueAt: at(t.resolutionHours + settings.headOfficeAfterHours),
  };
}

/** What escalation reads from a case (both ends have these columns). */
export interface EscalationFacts {
  status: CaseStatus;
  firstResponseDueAt: string;
  firstRespondedAt: string | null;
  slaDueAt: string;
  headOfficeDueAt: string;
}

/**
 * The level a case has reached by `now`: the head office once its
 * head-office deadline passed unresolved; the branch manager once the first
 * response or the resolution deadline passed unmet; none otherwise. A
 * resolved or closed case escalates no further.
 */
export function escalationDue(c: EscalationFacts, now: Date): EscalationLevel {
  if (!ACTIVE_STATUSES.includes(c.status)) return 0;
  const t = now.toISOString();
  if (t >= c.headOfficeDueAt) return 2;
  if (t >= c.slaDueAt) return 1;
  if (!c.firstRespondedAt && t >= c.firstResponseDueAt) return 1;
  return 0;
}

/** Overdue: active and past a deadline that is still unmet. */
export function isOverdue(c: EscalationFacts, now: Date): boolean {
  return escalationDue(c, now) > 0;
}

/** The next deadline still to meet, for the countdown; null when none remains. */
export function nextDeadline(c: EscalationFacts): { kind: 'first_response' | 'resolution'; at: string } | null {
  if (!ACTIVE_STATUSES.includes(c.status)) return null;
  if (!c.firstRespondedAt && c.firstResponseDueAt < c.slaDueAt) return { kind: 'first_response', at: c.firstResponseDueAt };
  return { kind: 'resolution', at: c.slaDueAt };
}

// ---------------------------------------------------------------- contract

const id = z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(64, { message: 'too_long' });
const optionalText = (max: number) =>
  z
    .string({ message: 'invalid_type' })
    .trim()
    .max(max, { message: 'too_long' })
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

export const caseOpenSchema = z.strictObject({
  customerId: id,
  kind: z.enum(CASE_KINDS, { message: 'invalid_value' }).default('complaint'),
  channel: z.enum(CHANNELS, { message: 'invalid_value' }),
  category: categoryCodeSchema,
  priority: z.enum(PRIORITIES, { message: 'invalid_value' }).default('normal'),
  subject: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(200, { message: 'too_long' }),
  description: optionalText(4000),
  /** Overrides the routing rules (staff know better); otherwise the rules decide. */
  department: z.enum(DEPARTMENTS, { message: 'invalid_value' }).optional(),
  assigneeId: id.optional(),
});
export type CaseOpenInput = z.output<typeof caseOpenSchema>;

/** A case by id or by its number (JKT01-K000042). */
export const caseRefSchema = z.strictObject({ id });

export const caseAssignSchema = z.strictObject({ id, assigneeId: id, note: optionalText(1000) });
export const caseTransitionSchema = z.strictObject({
  id,
  to: z.enum(CASE_STATUSES, { message: 'invalid_value' }),
  /** Required when moving to 'resolved'. */
  resolution: optionalText(4000),
  note: optionalText(1000),
});
export type CaseTransitionInput = z.output<typeof caseTransitionSchema>;
export const caseRerouteSchema = z.strictObject({ id, department: z.enum(DEPARTMENTS, { message: 'invalid_value' }), note: optionalText(1000) });
export const caseRateSchema = z.strictObject({
  id,
  satisfaction: z.number({ message: 'invalid_type' }).int({ message: 'invalid_satisfaction' }).min(1, { message: 'invalid_satisfaction' }).max(5, { message: 'invalid_satisfaction' }),
  note: optionalText(1000),
});
export const caseCommentSchema = z.strictObject({ id, note: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(2000, { message: 'too_long' }) });

export const CASE_LIST_STATUSES = ['active', 'all', ...CASE_STATUSES] as const;

export const caseQuerySchema = z.strictObject({
  status: z.enum(CASE_LIST_STATUSES, { message: 'invalid_value' }).default('active'),
  department: z.enum(DEPARTMENTS, { message: 'invalid_value' }).optional(),
  /** A staff id, 'me' or 'none' (not assigned). */
  assignee: z.string({ message: 'invalid_type' }).trim().min(1, { message: 'required' }).max(64, { message: 'too_long' }).optional(),
  overdue: z.boolean({ message: 'invalid_type' }).optional(),
  /** Escalated to at least this level. */
  escalation: z.union([z.literal(1), z.literal(2)], { message: 'invalid_value' }).optional(),
  customerId: id.optional(),
  /** Case number prefix or a word of the subject. */
  query: z.string({ message: 'invalid_type' }).trim().max(100, { message: 'too_long' }).default(''),
  offset: z.number({ message: 'invalid_type' }).int({ message: 'invalid_number' }).min(0, { message: 'invalid_number' }).default(0),
  limit: z.number({ message: 'invalid_type' }).int({ message: 'invalid_number' }).min(1, { message: 'invalid_number' }).max(500, { message: 'invalid_number' }).default(100),
});
export type CaseQuery = z.output<typeof caseQuerySchema>;

export const caseSummarySchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  customerNumber: z.string().nullable(),
  branchId: z.string(),
  kind: z.enum(CASE_KINDS),
  channel: z.enum(CHANNELS),
  category: z.string(),
  priority: z.enum(PRIORITIES),
  subject: z.string(),
  department: z.enum(DEPARTMENTS),
  routedBy: z.enum(['rule', 'default', 'manual']),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  openedAt: z.string(),
  firstResponseDueAt: z.string(),
  firstRespondedAt: z.string().nullable(),
  slaDueAt: z.string(),
  headOfficeDueAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  /** The highest level reached (recorded, or due by now and not yet recorded). */
  escalationLevel: z.number().int().min(0).max(2),
  overdue: z.boolean(),
  nextDeadline: z.object({ kind: z.enum(['first_response', 'resolution']), at: z.string() }).nullable(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const CASE_EVENT_KINDS = ['opened', 'assigned', 'status', 'routed', 'escalated', 'resolution', 'satisfaction', 'comment'] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const caseEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(CASE_EVENT_KINDS),
  fromValue: z.string().nullable(),
  toValue: z.string().nullable(),
  note: z.string().nullable(),
  staffName: z.string(),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseDetailSchema = caseSummarySchema.extend({
  description: z.string().nullable(),
  resolution: z.string().nullable(),
  satisfactionNote: z.string().nullable(),
  openedByName: z.string(),
  reopenCount: z.number().int(),
  escalatedAt: z.string().nullable(),
  /** Statuses it may move to now. */
  allowedMoves: z.array(z.enum(CASE_STATUSES)),
  events: z.array(caseEventSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const caseListSchema = z.object({
  total: z.number().int(),
  items: z.array(caseSummarySchema),
  /** Active cases past a deadline, whatever the filter. */
  overdueTotal: z.number().int(),
});
export type CaseList = z.infer<typeof caseListSchema>;

export const caseStaffSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })) });

// ---------------------------------------------------------------- head office

/** The head office's list of escalated cases of every branch, read from the synced rows. */
export const escalatedCasesQuerySchema = z.strictObject({
  /** 1: escalated to the branch manager or further; 2: to the head office. */
  level: z.union([z.literal(1), z.literal(2)], { message: 'invalid_value' }).default(1),
  /** One branch, by code (JKT01) or id. */
  branch: z.string({ message: 'invalid_type' }).trim().min(1, { message: 'required' }).max(64, { message: 'too_long' }).optional(),
  department: z.enum(DEPARTMENTS, { message: 'invalid_value' }).optional(),
  offset: z.number({ message: 'invalid_type' }).int({ message: 'invalid_number' }).min(0, { message: 'invalid_number' }).default(0),
  limit: z.number({ message: 'invalid_type' }).int({ message: 'invalid_number' }).min(1, { message: 'invalid_number' }).max(500, { message: 'invalid_number' }).default(100),
});
export type EscalatedCasesQuery = z.output<typeof escalatedCasesQuerySchema>;

export const escalatedCaseSchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  branchId: z.string(),
  branchCode: z.string().nullable(),
  branchName: z.string().nullable(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  customerNumber: z.string().nullable(),
  kind: z.enum(CASE_KINDS),
  category: z.string(),
  priority: z.enum(PRIORITIES),
  subject: z.string(),
  department: z.enum(DEPARTMENTS),
  assigneeName: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  openedAt: z.string(),
  firstResponseDueAt: z.string(),
  firstRespondedAt: z.string().nullable(),
  slaDueAt: z.string(),
  headOfficeDueAt: z.string(),
  /** What the branch recorded at its last sync. */
  recordedLevel: z.number().int(),
  /** The level due by now, from the deadlines: a branch offline since cannot hold it back. */
  escalationLevel: z.number().int(),
  /** Hours past the resolution deadline (negative: still to come). */
  hoursPastResolution: z.number(),
});
export type EscalatedCase = z.infer<typeof escalatedCaseSchema>;

export const escalatedCaseListSchema = z.object({
  asOf: z.string(),
  total: z.number().int(),
  items: z.array(escalatedCaseSchema),
  /** Escalated cases per branch (all of them, whatever the page). */
  byBranch: z.array(z.object({ branchId: z.string(), branchCode: z.string().nullable(), cases: z.number().int(), headOffice: z.number().int() })),
});
export type EscalatedCaseList = z.infer<typeof escalatedCaseListSchema>;
