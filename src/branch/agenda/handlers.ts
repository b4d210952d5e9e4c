import type { HandlerGroup } from '../rpc/handlers.js';
import { userOf } from '../rpc/handlers.js';

type AgendaMethods =
  | 'plans.add'
  | 'plans.forCustomer'
  | 'plans.cancel'
  | 'agenda.list'
  | 'agenda.staff'
  | 'agenda.complete'
  | 'agenda.reschedule'
  | 'agenda.skip'
  | 'agenda.dismiss'
  | 'reminders.rules'
  | 'reminders.saveRules';

export const agendaHandlers: HandlerGroup<AgendaMethods> = {
  'plans.add': (ctx, input) => ctx.services.plans.add(userOf(ctx), input),
  'plans.forCustomer': (ctx, input) => ctx.services.plans.forCustomer(input.customerId, input.includeClosed),
  'plans.cancel': (ctx, input) => ctx.services.plans.cancel(userOf(ctx), input.planId, input.reason),
  'agenda.list': (ctx, input) => ctx.services.agenda.list(userOf(ctx), input),
  'agenda.staff': (ctx) => ctx.services.agenda.staff(),
  'agenda.complete': (ctx, input) => ctx.services.agenda.complete(userOf(ctx), input),
  'agenda.reschedule': (ctx, input) => ctx.services.agenda.reschedule(userOf(ctx), input),
  'agenda.skip': (ctx, input) => ctx.services.agenda.skip(userOf(ctx), input),
  'agenda.dismiss': (ctx, input) => ctx.services.agenda.dismiss(userOf(ctx), input),
  'reminders.rules': (ctx) => ctx.services.agenda.rules(),
  'reminders.saveRules': (ctx, input) => ctx.services.agenda.saveRules(input),
};
