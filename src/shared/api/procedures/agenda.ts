import { z } from 'zod';
import { procedure, ALL_STAFF, type Procedure } from '../procedure.js';
import {
  agendaActionResultSchema,
  agendaCompleteSchema,
  agendaDismissSchema,
  agendaQuerySchema,
  agendaRescheduleSchema,
  agendaSchema,
  agendaSkipSchema,
  contactPlanSchema,
  planInputSchema,
  reminderRulesSchema,
} from '../../domain/agenda.js';

const id = z.string({ message: 'required' }).min(1, { message: 'required' }).max(64, { message: 'too_long' });

/** Contact plans, the agenda and reminder rules (REQUIREMENTS T2, T3). */
export const agendaProcedures = {
  'plans.add': procedure({
    summary: 'Plan a contact: customer, date (and time), channel, assigned staff, purpose and reason; one-off or recurring.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: planInputSchema,
    output: contactPlanSchema,
  }),
  'plans.forCustomer': procedure({
    summary: "A customer's contact plans (open ones unless all are asked for).",
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.strictObject({ customerId: id, includeClosed: z.boolean({ message: 'invalid_type' }).default(false) }),
    output: z.array(contactPlanSchema),
  }),
  'plans.cancel': procedure({
    summary: 'Cancel a contact plan (no more occurrences), with a reason.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: z.strictObject({ planId: id, reason: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(500, { message: 'too_long' }) }),
    output: contactPlanSchema,
  }),
  'agenda.list': procedure({
    summary: "A staff member's agenda for today or the week: planned contacts and the branch's reminders, overdue first, then by time.",
    access: { roles: ALL_STAFF },
    mutates: false,
    input: agendaQuerySchema,
    output: agendaSchema,
  }),
  'agenda.staff': procedure({
    summary: 'Active staff members whose agenda can be shown or to whom a contact can be assigned.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.strictObject({}),
    output: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
  }),
  'agenda.complete': procedure({
    summary: 'Capture the outcome of an agenda item: logs the interaction; a recurring plan moves to its next occurrence.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: agendaCompleteSchema,
    output: agendaActionResultSchema,
  }),
  'agenda.reschedule': procedure({
    summary: "Move a planned contact's current occurrence to another date (and time), with a reason.",
    access: { roles: ALL_STAFF },
    mutates: true,
    input: agendaRescheduleSchema,
    output: agendaActionResultSchema,
  }),
  'agenda.skip': procedure({
    summary: 'Skip a planned contact this time, with a reason (a recurring plan moves on).',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: agendaSkipSchema,
    output: agendaActionResultSchema,
  }),
  'agenda.dismiss': procedure({
    summary: 'Dismiss a reminder; it does not come back for the same occasion.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: agendaDismissSchema,
    output: agendaActionResultSchema,
  }),
  'reminders.rules': procedure({
    summary: "This branch's reminder rules (on or off, number of days).",
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.strictObject({}),
    output: reminderRulesSchema,
  }),
  'reminders.saveRules': procedure({
    summary: "Change this branch's reminder rules.",
    access: { roles: ['branch_manager', 'ho_admin'] },
    mutates: true,
    input: reminderRulesSchema,
    output: reminderRulesSchema,
  }),
} satisfies Record<string, Procedure>;
