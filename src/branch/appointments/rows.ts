import type {
  Appointment,
  AppointmentEvent,
  AppointmentEventKind,
  AppointmentStatus,
  QcItem,
  QcReport,
  QcResult,
} from '../../shared/domain/appointment.js';

/** Rows as SQLite returns them, and how they read in the contract. */

export interface AppointmentRow {
  id: string;
  customer_id: string;
  customer_name: string | null;
  customer_number: string | null;
  branch_id: string;
  asset_id: string | null;
  asset_label: string | null;
  asset_identifier: string | null;
  asset_due_date: string | null;
  service_item_id: string;
  service_sku: string;
  service_name: string;
  service_price: number;
  duration_minutes: number;
  starts_at: string;
  ends_at: string;
  technician_id: string;
  technician_name: string;
  status: AppointmentStatus;
  status_changed_at: string;
  qc_result: QcResult | null;
  notes: string | null;
  created_at: string;
  created_by_name: string;
}

/** The appointment with its customer's name and its asset, as every read shows it. */
export const APPOINTMENT_SELECT = `
  SELECT a.id, a.customer_id, c.full_name AS customer_name, c.customer_number, a.branch_id,
         a.asset_id, s.label AS asset_label, s.identifier AS asset_identifier, s.due_date AS asset_due_date,
         a.service_item_id, a.service_sku, a.service_name, a.service_price, a.duration_minutes, a.starts_at, a.ends_at,
         a.technician_id, a.technician_name, a.status, a.status_changed_at, a.qc_result, a.notes, a.created_at, a.created_by_name
  FROM appointments a
  LEFT JOIN customers c ON c.id = a.customer_id
  LEFT JOIN customer_assets s ON s.id = a.asset_id AND s.deleted = 0`;

export function toAppointment(r: AppointmentRow, ownBranchId: string | null): Appointment {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerNumber: r.customer_number,
    branchId: r.branch_id,
    ownBranch: r.branch_id === ownBranchId,
    assetId: r.asset_id,
    assetLabel: r.asset_label,
    assetIdentifier: r.asset_identifier,
    assetDueDate: r.asset_due_date,
    serviceItemId: r.service_item_id,
    serviceSku: r.service_sku,
    serviceName: r.service_name,
    servicePrice: r.service_price,
    durationMinutes: r.duration_minutes,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    technicianId: r.technician_id,
    technicianName: r.technician_name,
    status: r.status,
    statusChangedAt: r.status_changed_at,
    qcResult: r.qc_result,
    notes: r.notes,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
  };
}

export interface EventRow {
  id: string;
  at: string;
  kind: AppointmentEventKind;
  from_status: AppointmentStatus | null;
  to_status: AppointmentStatus;
  starts_at: string | null;
  technician_name: string | null;
  note: string | null;
  asset_due_date: string | null;
  staff_name: string;
}

export const toEvent = (r: EventRow): AppointmentEvent => ({
  id: r.id,
  at: r.at,
  kind: r.kind,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  startsAt: r.starts_at,
  technicianName: r.technician_name,
  note: r.note,
  assetDueDate: r.asset_due_date,
  staffName: r.staff_name,
});

export interface QcRow {
  id: string;
  appointment_id: string;
  inspected_at: string;
  inspector_id: string;
  inspector_name: string;
  result: QcResult;
  items: string;
  notes: string | null;
}

export const toQcReport = (r: QcRow): QcReport => ({
  id: r.id,
  appointmentId: r.appointment_id,
  inspectedAt: r.inspected_at,
  inspectorId: r.inspector_id,
  inspectorName: r.inspector_name,
  result: r.result,
  items: parseItems(r.items),
  notes: r.notes,
});

/** Items as stored; a row from a newer build with extra keys still reads. */
export function parseItems(json: string): QcItem[] {
  try {
    const items = JSON.parse(json) as unknown;
    if (!Array.isArray(items)) return [];
    return items.map((i: { label?: unknown; passed?: unknown; note?: unknown }) => ({
      label: String(i.label ?? ''),
      passed: i.passed === true,
      note: typeof i.note === 'string' ? i.note : null,
    }));
  } catch {
    return [];
  }
}
