import type { HandlerGroup } from '../rpc/handlers.js';
import { userOf } from '../rpc/handlers.js';

type AppointmentMethod =
  | 'appointments.book'
  | 'appointments.reschedule'
  | 'appointments.setStatus'
  | 'appointments.fileQc'
  | 'appointments.get'
  | 'appointments.list'
  | 'appointments.day'
  | 'appointments.technicians';

export const appointmentHandlers: HandlerGroup<AppointmentMethod> = {
  'appointments.book': (ctx, input) => ctx.services.appointments.book(userOf(ctx), input),
  'appointments.reschedule': (ctx, input) => ctx.services.appointments.reschedule(userOf(ctx), input),
  'appointments.setStatus': (ctx, input) => ctx.services.appointments.setStatus(userOf(ctx), input),
  'appointments.fileQc': (ctx, input) => ctx.services.appointments.fileQc(userOf(ctx), input),
  'appointments.get': (ctx, input) => ctx.services.appointments.get(input.id),
  'appointments.list': (ctx, input) => ({ appointments: ctx.services.appointments.list(input) }),
  'appointments.day': (ctx, input) => ctx.services.appointments.day(input.date),
  'appointments.technicians': (ctx) => ({ technicians: ctx.services.appointments.technicians() }),
};
