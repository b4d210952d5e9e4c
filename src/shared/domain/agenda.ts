import { z } from 'zod';
import { isIsoDate } from './dates.js';
import { CHANNELS, OUTCOMES, PURPOSES } from './interaction.js';

/**
 * Contact plans, the agenda and reminders (REQUIREMENTS T2, T3).
 *
 * A contact plan says who to contact, when (a calendar date in the branch's
 * zone, optionally a local time), by which channel, by whom and why; it is
 * one-off or recurs every N days, weeks, months or years. Reminders are
 * rules that put work on the same agenda (birthdays, follow-ups, due dates,
 * lapsed and never-reached customers). Every agenda item has a key; the
 * agenda is acted on by key: done (logs an interaction), rescheduled,
 * skipped (plans) or dismissed (reminders).
 */

export const RECURRENCE_UNITS = ['day', 'week', 'month', 'year'] as const;
export type RecurrenceUnit = (typeof RECURRENCE_UNITS)[number];

export const PLAN_STATUSES = ['open', 'done', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const REMINDER_RULES = ['birthday', 'purchase', 'case', 'asset', 'lapsed', 'never_reached'] as const;
export type ReminderRule = (typeof REMINDER_RULES)[number];

/** What a clerk did with an agenda item (kept in agenda_outcomes, append-only). */
export const AGENDA_ACTIONS = ['done', 'rescheduled', 'skipped', 'dismissed', 'cancelled'] as const;
export type AgendaAction = (typeof AGENDA_ACTIONS)[number];

// ---------------------------------------------------------------------------
// Calendar arithmetic on YYYY-MM-DD dates (no zone: a branch calendar day).

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Adds months keeping the day, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + n;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  const [ay, am, ad] = parts(a);
  const [by, bm, bd] = parts(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

/**
 * The k-th occurrence (0 = the first) of a plan that starts on `first`.
 * Always counted from the first date, never from the previous one, so a plan
 * on the 31st comes back on the 31st after a short month (31 Jan, 28 Feb,
 * 31 Mar) and a yearly plan on 29 Feb falls on 28 Feb in other years.
 */
export function occurrenceDate(first: string, unit: RecurrenceUnit | null, every: number | null, k: number): string {
  if (!unit || k === 0) return first;
  const n = (every ?? 1) * k;
  switch (unit) {
    case 'day':
      return addDays(first, n);
    case 'week':
      return addDays(first, 7 * n);
    case 'month':
      return addMonths(first, n);
    case 'year':
      return addMonths(first, 12 * n);
  }
}

/** The day a birthday is celebrated in `year`: 29 Feb is kept on 28 Feb outside leap years. */
export function birthdayIn(birthDate: string, year: number): string {
  const [, m, d] = parts(birthDate);
  if (m === 2 && d === 29 && !isLeapYear(year)) return format(year, 2, 28);
  return format(year, m, d);
}

/** The next birthday on or after `today` (YYYY-MM-DD). */
export function nextBirthday(birthDate: string, today: string): string {
  const year = parts(today)[0];
  const thisYear = birthdayIn(birthDate, year);
  return thisYear >= today ? thisYear : birthdayIn(birthDate, year + 1);
}

// ---------------------------------------------------------------------------
// Agenda item keys: "p:<planId>:<occurrence>" or "r:<rule>:<customerId>:<occasion>".

export type AgendaKey =
  | { kind: 'plan'; planId: string; occurrence: number }
  | { kind: 'reminder'; rule: ReminderRule; customerId: string; occasion: string };

export function planKey(planId: string, occurrence: number): string {
  return `p:${planId}:${occurrence}`;
}

export function reminderKey(rule: ReminderRule, customerId: string, occasion: string): string {
  return `r:${rule}:${customerId}:${occasion}`;
}

export function parseAgendaKey(key: string): AgendaKey | null {
  const p = /^p:([^:]{1,64}):(\d{1,6})$/.exec(key);
  if (p) return { kind: 'plan', planId: p[1], occurrence: Number(p[2]) };
  const r = /^r:([a-z_]{1,20}):([^:]{1,64}):([^:]{1,80}(?::[^:]{1,80})?)$/.exec(key);
  if (r && (REMINDER_RULES as readonly string[]).includes(r[1])) return { kind: 'reminder', rule: r[1] as ReminderRule, customerId: r[2], occasion: r[3] };
  return null;
}

// ---------------------------------------------------------------------------
// Contract shapes.

const id = z.string({ message: 'required' }).min(1, { message: 'required' }).max(64, { message: 'too_long' });
const calendarDate = z.string({ message: 'required' }).refine(isIsoDate, { message: 'invalid_date' });
const localTime = z
  .string({ message: 'invalid_type' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'invalid_time_of_day' });
const reason = z
  .string({ message: 'invalid_type' })
  .trim()
  .max(500, { message: 'too_long' })
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();
const requiredReason = z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(500, { message: 'too_long' });

export const planInputSchema = z
  .object({
    customerId: id,
    /** Assigned staff member (user id); defaults to the person planning. */
    staffId: id.optional(),
    channel: z.enum(CHANNELS, { message: 'invalid_value' }),
    purpose: z.enum(PURPOSES, { message: 'invalid_value' }),
    reason,
    /** First (or only) date, branch calendar. */
    dueDate: calendarDate,
    dueTime: localTime.nullable().optional(),
    /** Recurring: every `every` units. Leave out for a one-off plan. */
    recurrence: z
      .object({
        unit: z.enum(RECURRENCE_UNITS, { message: 'invalid_value' }),
        every: z.number({ message: 'invalid_type' }).int({ message: 'invalid_number' }).min(1, { message: 'invalid' }).max(365, { message: 'invalid' }).default(1),
        /** Last date an occurrence may fall on (inclusive); none: until cancelled. */
        until: calendarDate.nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.recurrence?.until && v.recurrence.until < v.dueDate) ctx.addIssue({ code: 'custom', path: ['recurrence', 'until'], message: 'until_before_start' });
  });
export type PlanInput = z.output<typeof planInputSchema>;

export const contactPlanSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  channel: z.enum(CHANNELS),
  purpose: z.enum(PURPOSES),
  reason: z.string().nullable(),
  firstDate: z.string(),
  dueDate: z.string(),
  dueTime: z.string().nullable(),
  recurrence: z.object({ unit: z.enum(RECURRENCE_UNITS), every: z.number().int(), until: z.string().nullable() }).nullable(),
  occurrence: z.number().int(),
  status: z.enum(PLAN_STATUSES),
  createdAt: z.string(),
});
export type ContactPlan = z.infer<typeof contactPlanSchema>;

/** Planned contacts on one agenda page (a whole branch's week can hold thousands); more on request. */
export const PLAN_PAGE = 100;
/** The most planned contacts one agenda call returns. */
export const PLAN_LIMIT_MAX = 1000;
/** Plan totals stop counting here (shown as "1000+"), like REMINDER_COUNT_CAP. */
export const PLAN_COUNT_CAP = 1000;

export const agendaQuerySchema = z
  .object({
    /** Whose agenda: a user id; leave out for your own, null for everyone at the branch. */
    staffId: id.nullable().optional(),
    range: z.enum(['today', 'week'], { message: 'invalid_value' }).default('today'),
    /** The day to start from (branch calendar); defaults to today in the branch's zone. */
    date: calendarDate.optional(),
    /** Branch reminders beside the plans (default yes). */
    reminders: z.boolean({ message: 'invalid_type' }).default(true),
    /** At most this many planned contacts, the first in agenda order (plansTotal still counts them). */
    limit: z.number({ message: 'invalid_type' }).int({ message: 'invalid_number' }).min(1, { message: 'invalid' }).max(PLAN_LIMIT_MAX, { message: 'invalid' }).default(PLAN_PAGE),
  })
  .strict();
export type AgendaQuery = z.output<typeof agendaQuerySchema>;

export const agendaItemSchema = z.object({
  key: z.string(),
  kind: z.enum(['plan', 'reminder']),
  /** 'plan' or the reminder rule. */
  source: z.enum(['plan', ...REMINDER_RULES]),
  customerId: z.string(),
  customerName: z.string(),
  customerNumber: z.string(),
  phone: z.string().nullable(),
  whatsapp: z.boolean(),
  /** When to act (branch calendar). */
  dueDate: z.string(),
  dueTime: z.string().nullable(),
  overdue: z.boolean(),
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  channel: z.enum(CHANNELS),
  purpose: z.enum(PURPOSES),
  reason: z.string().nullable(),
  /** Plans only. */
  planId: z.string().nullable(),
  recurrence: contactPlanSchema.shape.recurrence,
  /** Reminders: the occasion (birthday date, purchase date, asset due date...) and what it is about. */
  occasion: z.string().nullable(),
  detail: z
    .object({
      date: z.string().nullable(),
      amount: z.number().int().nullable(),
      label: z.string().nullable(),
      age: z.number().int().nullable(),
    })
    .nullable(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const agendaSchema = z.object({
  today: z.string(),
  from: z.string(),
  to: z.string(),
  timeZone: z.enum(['WIB', 'WITA', 'WIT']),
  staffId: z.string().nullable(),
  items: z.array(agendaItemSchema),
  /** Reminders each rule found in the range, before the per-rule limit. */
  reminderTotals: z.record(z.string(), z.number().int()),
  /** Open planned contacts in the range, before the limit; counting stops at PLAN_COUNT_CAP. */
  plansTotal: z.number().int(),
  tookMs: z.number(),
});
export type Agenda = z.infer<typeof agendaSchema>;

const agendaKey = z.string({ message: 'required' }).refine((k) => parseAgendaKey(k) !== null, { message: 'invalid_agenda_key' });

export const agendaCompleteSchema = z
  .object({
    key: agendaKey,
    /** How the contact went; channel and purpose default to the plan's (or the rule's). */
    channel: z.enum(CHANNELS, { message: 'invalid_value' }).optional(),
    purpose: z.enum(PURPOSES, { message: 'invalid_value' }).optional(),
    outcome: z.enum(OUTCOMES, { message: 'invalid_value' }).default('reached'),
    durationMinutes: z.number({ message: 'invalid_type' }).int({ message: 'invalid_type' }).min(0, { message: 'invalid' }).max(24 * 60, { message: 'invalid' }).nullable().optional(),
    notes: z
      .string({ message: 'invalid_type' })
      .trim()
      .max(4000, { message: 'too_long' })
      .transform((s) => (s === '' ? null : s))
      .nullable()
      .optional(),
  })
  .strict();
export type AgendaCompleteInput = z.output<typeof agendaCompleteSchema>;

export const agendaRescheduleSchema = z
  .object({ key: agendaKey, dueDate: calendarDate, dueTime: localTime.nullable().optional(), reason: requiredReason })
  .strict();
export type AgendaRescheduleInput = z.output<typeof agendaRescheduleSchema>;

export const agendaSkipSchema = z.object({ key: agendaKey, reason: requiredReason }).strict();
export type AgendaSkipInput = z.output<typeof agendaSkipSchema>;

export const agendaDismissSchema = z.object({ key: agendaKey, reason }).strict();
export type AgendaDismissInput = z.output<typeof agendaDismissSchema>;

export const agendaActionResultSchema = z.object({
  key: z.string(),
  action: z.enum(AGENDA_ACTIONS),
  /** The interaction logged (done only). */
  interactionId: z.string().nullable(),
  /** A recurring plan's next occurrence, if any. */
  next: z.object({ key: z.string(), dueDate: z.string() }).nullable(),
});
export type AgendaActionResult = z.infer<typeof agendaActionResultSchema>;

// ---------------------------------------------------------------------------
// Reminder rules, per branch.

const days = (min: number, max: number) => z.number({ message: 'invalid_type' }).int({ message: 'invalid_number' }).min(min, { message: 'invalid' }).max(max, { message: 'invalid' });

export const reminderRulesSchema = z
  .object({
    /** Birthday greeting, shown N days ahead. */
    birthday: z.object({ enabled: z.boolean(), daysAhead: days(0, 60) }).strict(),
    /** Follow up N days after a purchase. */
    purchase: z.object({ enabled: z.boolean(), daysAfter: days(1, 365) }).strict(),
    /** Follow up N days after a case is resolved. */
    case: z.object({ enabled: z.boolean(), daysAfter: days(0, 90) }).strict(),
    /** Asset due dates (a vehicle service, a policy renewal), shown N days ahead. */
    asset: z.object({ enabled: z.boolean(), daysAhead: days(0, 180) }).strict(),
    /** No purchase for N days. */
    lapsed: z.object({ enabled: z.boolean(), days: days(7, 3650) }).strict(),
    /** Never contacted: no interaction at all, N days after registration. */
    never_reached: z.object({ enabled: z.boolean(), daysAfterRegistration: days(0, 365) }).strict(),
    /** A missed reminder stays on the agenda this many days, then drops off. */
    overdueDays: days(0, 60),
    /** At most this many reminders of each rule on one agenda (the total is still shown). */
    limitPerRule: days(1, 500),
  })
  .strict();
export type ReminderRules = z.infer<typeof reminderRulesSchema>;

export const DEFAULT_REMINDER_RULES: ReminderRules = {
  birthday: { enabled: true, daysAhead: 3 },
  purchase: { enabled: true, daysAfter: 7 },
  case: { enabled: true, daysAfter: 3 },
  asset: { enabled: true, daysAhead: 14 },
  lapsed: { enabled: true, days: 180 },
  never_reached: { enabled: true, daysAfterRegistration: 7 },
  overdueDays: 7,
  limitPerRule: 25,
};

/** Reminder totals stop counting here (shown as "200+"): counting every lapsed customer of a large branch is not worth the time. */
export const REMINDER_COUNT_CAP = 200;

/** What a reminder's contact is about, by default (the clerk may change it when logging). */
export const RULE_PURPOSE: Record<ReminderRule, (typeof PURPOSES)[number]> = {
  birthday: 'greeting',
  purchase: 'service',
  case: 'service',
  asset: 'service',
  lapsed: 'relationship',
  never_reached: 'understanding',
};
