import { z } from 'zod';
import { isIsoDate } from './dates.js';

/**
 * Service appointments and quality control (REQUIREMENTS S4). A customer
 * books a service of the catalogue (a car service, a consultation), for one
 * of their assets if it is about one (a vehicle by its plate), with one
 * technician at a time; staff then move it through the status of the work,
 * which they tell the customer ("mobil Bapak sedang dikerjakan"). Every move
 * is kept with its time; a quality-control report closes the work, and a
 * failed one sends the job back to the workshop.
 */
export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'in_progress', 'waiting_parts', 'ready', 'done', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * Which moves are allowed from each status (ready: ready for pickup). Done,
 * cancelled and no-show are final; a customer who did not come books again.
 */
export const STATUS_MOVES: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  booked: ['checked_in', 'cancelled', 'no_show'],
  checked_in: ['in_progress', 'cancelled'],
  in_progress: ['waiting_parts', 'ready', 'done', 'cancelled'],
  waiting_parts: ['in_progress', 'cancelled'],
  // The customer finds something wrong at pickup: back to the workshop.
  ready: ['done', 'in_progress'],
  done: [],
  cancelled: [],
  no_show: [],
};

/** Statuses in which the technician's booked time is taken: a job finished or called off frees it. */
export const HOLDS_TECHNICIAN: readonly AppointmentStatus[] = ['booked', 'checked_in', 'in_progress', 'waiting_parts'];

/** Statuses in which a quality-control report can be filed: the work is being done or has just been finished. */
export const QC_STATUSES: readonly AppointmentStatus[] = ['in_progress', 'ready'];

export function canMove(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return STATUS_MOVES[from].includes(to);
}

/** How far in the past a booking may start: a walk-in booked a few minutes after arriving. */
export const BOOKING_GRACE_MINUTES = 15;
/** Bookings further ahead than this are refused as a typing mistake. */
export const BOOKING_HORIZON_DAYS = 366;

const id = z.string({ message: 'required' }).min(1, { message: 'required' }).max(64, { message: 'too_long' });
const note = (max: number) =>
  z
    .string({ message: 'invalid_type' })
    .trim()
    .max(max, { message: 'too_long' })
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();
const instant = z.string({ message: 'required' }).datetime({ offset: true, message: 'invalid_time' });
const duration = z
  .number({ message: 'invalid_type' })
  .int({ message: 'invalid_number' })
  .min(5, { message: 'invalid_duration' })
  .max(60 * 24 * 7, { message: 'invalid_duration' });

export const appointmentBookSchema = z.strictObject({
  customerId: id,
  /** A catalogue item of kind service, still offered. */
  serviceItemId: id,
  /** One of the customer's assets (the car being serviced), if the service is about one. */
  assetId: id.nullable().optional(),
  /** When the work starts (ISO with offset: 2026-12-03T09:00:00+07:00). */
  startsAt: instant,
  /** The staff member doing the work. */
  technicianId: id,
  /** Minutes; the catalogue's duration of the service when left out. */
  durationMinutes: duration.optional(),
  notes: note(2000),
});
export type AppointmentBook = z.output<typeof appointmentBookSchema>;

export const appointmentRescheduleSchema = z.strictObject({
  id,
  startsAt: instant,
  /** Another technician; the same one when left out. */
  technicianId: id.optional(),
  durationMinutes: duration.optional(),
  note: note(1000),
});
export type AppointmentReschedule = z.output<typeof appointmentRescheduleSchema>;

export const appointmentStatusSchema = z.strictObject({
  id,
  status: z.enum(APPOINTMENT_STATUSES, { message: 'invalid_value' }),
  /** What to tell the customer or the next colleague ("menunggu kampas rem dari Jakarta"); required to cancel. */
  note: note(1000),
  /**
   * Only with status done, for an appointment about an asset: the asset's
   * next due date (C4), which must be later than the day the work is done.
   */
  assetNextDueDate: z
    .string({ message: 'invalid_type' })
    .trim()
    .refine((s) => isIsoDate(s), { message: 'invalid_date' })
    .optional(),
});
export type AppointmentStatusChange = z.output<typeof appointmentStatusSchema>;

/** One line of a quality-control checklist: what was checked, whether it passed, and what is wrong if not. */
export const qcItemInputSchema = z
  .strictObject({
    label: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(80, { message: 'too_long' }),
    passed: z.boolean({ message: 'invalid_type' }),
    note: note(200),
  })
  // A failed line must say what is wrong: that is what the technician fixes.
  .refine((i) => i.passed || i.note, { message: 'qc_failed_item_note', path: ['note'] });

export const QC_RESULTS = ['pass', 'fail'] as const;
export type QcResult = (typeof QC_RESULTS)[number];

export const qcReportInputSchema = z
  .strictObject({
    appointmentId: id,
    items: z.array(qcItemInputSchema).min(1, { message: 'qc_no_items' }).max(25, { message: 'too_many' }),
    /** The inspector's verdict; left out, it is pass when every line passed. */
    result: z.enum(QC_RESULTS, { message: 'invalid_value' }).optional(),
    /** The staff member who inspected; the signed-in one when left out. Never the technician who did the work. */
    inspectorId: id.optional(),
    notes: note(1000),
  })
  .superRefine((r, ctx) => {
    const failed = r.items.some((i) => !i.passed);
    if (r.result === 'pass' && failed) ctx.addIssue({ code: 'custom', path: ['result'], message: 'qc_pass_with_failures' });
    if (r.result === 'fail' && !failed && !r.notes) ctx.addIssue({ code: 'custom', path: ['notes'], message: 'qc_fail_reason' });
  });
export type QcReportInput = z.output<typeof qcReportInputSchema>;

/** The overall result of a report: the inspector's, or pass exactly when every line passed. */
export function qcResultOf(input: Pick<QcReportInput, 'items' | 'result'>): QcResult {
  return input.result ?? (input.items.every((i) => i.passed) ? 'pass' : 'fail');
}

export const qcItemSchema = z.object({ label: z.string(), passed: z.boolean(), note: z.string().nullable() });
export type QcItem = z.infer<typeof qcItemSchema>;

export const qcReportSchema = z.object({
  id: z.string(),
  appointmentId: z.string(),
  inspectedAt: z.string(),
  inspectorId: z.string(),
  inspectorName: z.string(),
  result: z.enum(QC_RESULTS),
  items: z.array(qcItemSchema),
  notes: z.string().nullable(),
});
export type QcReport = z.infer<typeof qcReportSchema>;

/** qc_returned: a failed quality-control report sent a job that was ready back to the workshop. */
export const APPOINTMENT_EVENT_KINDS = ['booked', 'status', 'rescheduled', 'qc_returned'] as const;
export type AppointmentEventKind = (typeof APPOINTMENT_EVENT_KINDS)[number];

export const appointmentEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(APPOINTMENT_EVENT_KINDS),
  fromStatus: z.enum(APPOINTMENT_STATUSES).nullable(),
  toStatus: z.enum(APPOINTMENT_STATUSES),
  /** Booked and rescheduled: the (new) start and technician. */
  startsAt: z.string().nullable(),
  technicianName: z.string().nullable(),
  note: z.string().nullable(),
  /** Done with a new due date for the asset. */
  assetDueDate: z.string().nullable(),
  staffName: z.string(),
});
export type AppointmentEvent = z.infer<typeof appointmentEventSchema>;

export const appointmentSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  /** Null when the customer is not held at this branch (an appointment seen through another branch's scope). */
  customerName: z.string().nullable(),
  customerNumber: z.string().nullable(),
  branchId: z.string(),
  /** Whether this branch made the appointment (only that branch changes it). */
  ownBranch: z.boolean(),
  assetId: z.string().nullable(),
  assetLabel: z.string().nullable(),
  assetIdentifier: z.string().nullable(),
  assetDueDate: z.string().nullable(),
  serviceItemId: z.string(),
  serviceSku: z.string(),
  serviceName: z.string(),
  /** Integer Rupiah, the catalogue price when booked. */
  servicePrice: z.number().int(),
  durationMinutes: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  technicianId: z.string(),
  technicianName: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  statusChangedAt: z.string(),
  /** Result of the newest quality-control report, if any. */
  qcResult: z.enum(QC_RESULTS).nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentDetailSchema = z.object({
  appointment: appointmentSchema,
  /** Oldest first: the history the clerk reads out to the customer. */
  events: z.array(appointmentEventSchema),
  qcReports: z.array(qcReportSchema),
  /** The moves allowed now, for the status buttons (an empty list at another branch's appointment). */
  nextStatuses: z.array(z.enum(APPOINTMENT_STATUSES)),
  canFileQc: z.boolean(),
});
export type AppointmentDetail = z.infer<typeof appointmentDetailSchema>;

export const appointmentListQuerySchema = z.strictObject({
  customerId: id.optional(),
  /** A calendar day in the branch's zone. */
  date: z
    .string({ message: 'invalid_type' })
    .refine((s) => isIsoDate(s), { message: 'invalid_date' })
    .optional(),
  technicianId: id.optional(),
  statuses: z.array(z.enum(APPOINTMENT_STATUSES, { message: 'invalid_value' })).min(1).max(APPOINTMENT_STATUSES.length).optional(),
  limit: z.number({ message: 'invalid_type' }).int({ message: 'invalid_number' }).min(1, { message: 'invalid_number' }).max(500, { message: 'invalid_number' }).default(100),
});
export type AppointmentListQuery = z.output<typeof appointmentListQuerySchema>;

export const technicianSchema = z.object({ id: z.string(), name: z.string(), username: z.string() });
export type Technician = z.infer<typeof technicianSchema>;

export const appointmentDaySchema = z.object({
  date: z.string(),
  timeZone: z.enum(['WIB', 'WITA', 'WIT']),
  /** Everyone who can be booked, plus anyone with work that day who no longer can. */
  technicians: z.array(technicianSchema),
  appointments: z.array(appointmentSchema),
});
export type AppointmentDay = z.infer<typeof appointmentDaySchema>;
