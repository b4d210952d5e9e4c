import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { customers } from '../db/schema.js';
import { APPOINTMENT_EVENT_KINDS, APPOINTMENT_STATUSES, QC_RESULTS } from '../../shared/domain/appointment.js';

/**
 * Service appointments and their quality control (S4), synced in the
 * customer's scope (src/shared/sync/tables.ts, version 4); written only
 * through ChangeCapture (guard triggers in 0011_appointments).
 * Staff accounts do not sync, so names are kept beside the ids.
 */
export const appointments = sqliteTable(
  'appointments',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The branch that booked it and does the work; only it changes the row. */
    branchId: text('branch_id').notNull(),
    // No foreign keys to assets or the catalogue: rows may arrive by sync in any order.
    assetId: text('asset_id'),
    serviceItemId: text('service_item_id').notNull(),
    /** Copied when booked, as on an invoice: the catalogue may change later. */
    serviceSku: text('service_sku').notNull(),
    serviceName: text('service_name').notNull(),
    servicePrice: integer('service_price').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** UTC ISO (toISOString), so text order is time order. */
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    technicianId: text('technician_id').notNull(),
    technicianName: text('technician_name').notNull(),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull(),
    statusChangedAt: text('status_changed_at').notNull(),
    qcResult: text('qc_result', { enum: QC_RESULTS }),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('appointments_customer').on(t.customerId, t.startsAt),
    // The day view and the double-booking check: one technician's work by time.
    index('appointments_technician').on(t.technicianId, t.startsAt),
    index('appointments_branch_day').on(t.branchId, t.startsAt),
  ],
);

/** The time-stamped history of an appointment: booked, every status move, reschedules. Append-only. */
export const appointmentEvents = sqliteTable(
  'appointment_events',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    appointmentId: text('appointment_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    branchId: text('branch_id').notNull(),
    at: text('at').notNull(),
    kind: text('kind', { enum: APPOINTMENT_EVENT_KINDS }).notNull(),
    fromStatus: text('from_status', { enum: APPOINTMENT_STATUSES }),
    toStatus: text('to_status', { enum: APPOINTMENT_STATUSES }).notNull(),
    startsAt: text('starts_at'),
    technicianName: text('technician_name'),
    note: text('note'),
    assetDueDate: text('asset_due_date'),
    staffId: text('staff_id').notNull(),
    staffName: text('staff_name').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('appointment_events_appointment').on(t.appointmentId, t.at), index('appointment_events_customer').on(t.customerId, t.at)],
);

/** Quality-control reports after the work: a checklist, the inspector and the overall result. Append-only. */
export const qcReports = sqliteTable(
  'qc_reports',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    appointmentId: text('appointment_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    branchId: text('branch_id').notNull(),
    inspectedAt: text('inspected_at').notNull(),
    inspectorId: text('inspector_id').notNull(),
    inspectorName: text('inspector_name').notNull(),
    result: text('result', { enum: QC_RESULTS }).notNull(),
    /** JSON array of {label, passed, note}. */
    items: text('items').notNull(),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('qc_reports_appointment').on(t.appointmentId, t.inspectedAt), index('qc_reports_customer').on(t.customerId, t.inspectedAt)],
);
