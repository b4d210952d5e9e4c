import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { customers } from '../db/schema.js';
import { CHANNELS, PURPOSES } from '../../shared/domain/interaction.js';
import { AGENDA_ACTIONS, PLAN_STATUSES, RECURRENCE_UNITS } from '../../shared/domain/agenda.js';

/**
 * Contact plans (REQUIREMENTS T2): synced in the customer's scope, merged
 * field by field. Dates are branch calendar days (YYYY-MM-DD), times local
 * HH:MM; a recurring plan keeps its first date and an occurrence counter,
 * and due_date is the current occurrence (or where it was rescheduled to).
 */
export const contactPlans = sqliteTable(
  'contact_plans',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    branchId: text('branch_id').notNull(),
    staffId: text('staff_id').notNull(),
    /** Kept with the row: staff accounts do not sync. */
    staffName: text('staff_name').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    purpose: text('purpose', { enum: PURPOSES }).notNull(),
    reason: text('reason'),
    firstDate: text('first_date').notNull(),
    dueDate: text('due_date').notNull(),
    dueTime: text('due_time'),
    recurrenceUnit: text('recurrence_unit', { enum: RECURRENCE_UNITS }),
    recurrenceEvery: integer('recurrence_every'),
    untilDate: text('until_date'),
    occurrence: integer('occurrence').notNull().default(0),
    status: text('status', { enum: PLAN_STATUSES }).notNull().default('open'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    // The agenda: open plans of a staff member up to a day, and of the whole branch; branch and customer
    // in the index, so a page's count and its last day are read without the table (0017).
    index('contact_plans_open_staff').on(t.staffId, t.dueDate, t.dueTime, t.branchId, t.customerId).where(sql`status = 'open'`),
    index('contact_plans_open_due').on(t.dueDate, t.dueTime, t.branchId, t.customerId).where(sql`status = 'open'`),
    index('contact_plans_customer').on(t.customerId, t.dueDate),
  ],
);

/**
 * What was done with each agenda item (append-only, synced with the
 * customer): a plan occurrence done, rescheduled, skipped or cancelled, a
 * reminder done or dismissed. A reminder with an outcome for its occasion
 * (birthday 2026-12-05, purchase of 2026-11-20...) does not come back.
 */
export const agendaOutcomes = sqliteTable(
  'agenda_outcomes',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    branchId: text('branch_id').notNull(),
    /** 'plan' or a reminder rule. */
    source: text('source').notNull(),
    planId: text('plan_id'),
    /** The plan's occurrence number, or the reminder's occasion. */
    occasion: text('occasion').notNull(),
    action: text('action', { enum: AGENDA_ACTIONS }).notNull(),
    /** The day the item was due. */
    dueDate: text('due_date').notNull(),
    /** Rescheduled to. */
    newDate: text('new_date'),
    reason: text('reason'),
    interactionId: text('interaction_id'),
    staffId: text('staff_id').notNull(),
    staffName: text('staff_name').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('agenda_outcomes_occasion').on(t.customerId, t.source, t.occasion),
    index('agenda_outcomes_plan').on(t.planId),
  ],
);
