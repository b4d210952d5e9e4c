import { z } from 'zod';
import { procedure, ALL_STAFF, type Procedure } from '../procedure.js';
import {
  appointmentBookSchema,
  appointmentDaySchema,
  appointmentDetailSchema,
  appointmentListQuerySchema,
  appointmentRescheduleSchema,
  appointmentSchema,
  appointmentStatusSchema,
  qcReportInputSchema,
  qcReportSchema,
  technicianSchema,
} from '../../domain/appointment.js';
import { isIsoDate } from '../../domain/dates.js';

const id = z.string({ message: 'required' }).min(1, { message: 'required' }).max(64, { message: 'too_long' });

/**
 * Service appointments and quality control (S4). Every member of staff books
 * and moves appointments (the counter, the workshop, the inspector); only the
 * branch that booked one changes it.
 */
export const appointmentProcedures = {
  'appointments.book': procedure({
    summary: 'Book a service of the catalogue for a customer (and one of their assets) at a time, with a technician who is free then.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: appointmentBookSchema,
    output: appointmentDetailSchema,
  }),
  'appointments.reschedule': procedure({
    summary: 'Move a booked appointment to another time or technician (who must be free then).',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: appointmentRescheduleSchema,
    output: appointmentDetailSchema,
  }),
  'appointments.setStatus': procedure({
    summary: "Move an appointment to the next status of the work (checked in, in progress, waiting for parts, ready, done, cancelled, no-show); done may move the asset's next due date.",
    access: { roles: ALL_STAFF },
    mutates: true,
    input: appointmentStatusSchema,
    output: appointmentDetailSchema,
  }),
  'appointments.fileQc': procedure({
    summary: 'Record a quality-control report after the work: checklist, inspector, result; a failed one sends the job back to the workshop.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: qcReportInputSchema,
    output: z.object({ report: qcReportSchema, appointment: appointmentDetailSchema }),
  }),
  'appointments.get': procedure({
    summary: 'One appointment with its history, its quality-control reports and the status moves allowed now.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.strictObject({ id }),
    output: appointmentDetailSchema,
  }),
  'appointments.list': procedure({
    summary: "Appointments of a customer (newest first), or of this branch on a day (by time), by technician or status.",
    access: { roles: ALL_STAFF },
    mutates: false,
    input: appointmentListQuerySchema,
    output: z.object({ appointments: z.array(appointmentSchema) }),
  }),
  'appointments.day': procedure({
    summary: "The branch's appointments of one day, per technician.",
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.strictObject({ date: z.string({ message: 'required' }).refine((s) => isIsoDate(s), { message: 'invalid_date' }) }),
    output: appointmentDaySchema,
  }),
  'appointments.technicians': procedure({
    summary: 'Staff who can be given work (active accounts of this branch).',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.strictObject({}),
    output: z.object({ technicians: z.array(technicianSchema) }),
  }),
} satisfies Record<string, Procedure>;
