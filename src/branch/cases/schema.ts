import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { customers } from '../db/schema.js';
import { CASE_EVENT_KINDS, CASE_KINDS, CASE_STATUSES, DEPARTMENTS, PRIORITIES } from '../../shared/domain/case.js';
import { CHANNELS } from '../../shared/domain/interaction.js';

/**
 * Cases (REQUIREMENTS S1), synced in the customer's scope
 * (src/shared/sync/tables.ts). A case is a record that moves (status,
 * assignee, department merge field by field); its history is append-only.
 * The A6 service report reads category, department, branch_id, opened_at,
 * resolved_at, sla_due_at and deleted by these names.
 */
export const cases = sqliteTable(
  'cases',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The branch that opened it (owner). */
    branchId: text('branch_id').notNull(),
    /** JKT01-K000042: unique across branches (branch code prefix). */
    caseNumber: text('case_number').notNull(),
    kind: text('kind', { enum: CASE_KINDS }).notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    category: text('category').notNull(),
    priority: text('priority', { enum: PRIORITIES }).notNull(),
    subject: text('subject').notNull(),
    description: text('description'),
    department: text('department', { enum: DEPARTMENTS }).notNull(),
    routedBy: text('routed_by', { enum: ['rule', 'default', 'manual'] }).notNull(),
    /** Staff accounts do not sync: the name travels with the row. */
    assigneeId: text('assignee_id'),
    assigneeName: text('assignee_name'),
    status: text('status', { enum: CASE_STATUSES }).notNull(),
    openedAt: text('opened_at').notNull(),
    openedBy: text('opened_by').notNull(),
    openedByName: text('opened_by_name').notNull(),
    firstResponseDueAt: text('first_response_due_at').notNull(),
    firstRespondedAt: text('first_responded_at'),
    /** The resolution deadline. */
    slaDueAt: text('sla_due_at').notNull(),
    /** When an unresolved case goes to the head office. */
    headOfficeDueAt: text('head_office_due_at').notNull(),
    resolvedAt: text('resolved_at'),
    closedAt: text('closed_at'),
    resolution: text('resolution'),
    satisfaction: integer('satisfaction'),
    satisfactionNote: text('satisfaction_note'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalatedAt: text('escalated_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('cases_customer').on(t.customerId, t.openedAt),
    index('cases_status').on(t.status, t.slaDueAt),
    index('cases_opened').on(t.openedAt),
    index('cases_number').on(t.caseNumber),
    index('cases_assignee').on(t.assigneeId, t.status),
  ],
);

/** Every change of a case, written once (sync policy 'append'). */
export const caseEvents = sqliteTable(
  'case_events',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    // No foreign key to cases: a pull may bring an event before its case.
    caseId: text('case_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    branchId: text('branch_id').notNull(),
    at: text('at').notNull(),
    kind: text('kind', { enum: CASE_EVENT_KINDS }).notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    note: text('note'),
    staffId: text('staff_id').notNull(),
    staffName: text('staff_name').notNull(),
  },
  (t) => [index('case_events_case').on(t.caseId, t.at)],
);
