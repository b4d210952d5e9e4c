import type { HandlerGroup } from '../rpc/handlers.js';
import { userOf } from '../rpc/handlers.js';

type CaseMethod =
  | 'cases.open'
  | 'cases.list'
  | 'cases.get'
  | 'cases.assign'
  | 'cases.transition'
  | 'cases.reroute'
  | 'cases.rate'
  | 'cases.comment'
  | 'cases.escalate'
  | 'cases.staff'
  | 'cases.settings.get'
  | 'cases.settings.update';

/** Reads record the escalations due first, so what staff see is never behind the clock. */
export const caseHandlers: HandlerGroup<CaseMethod> = {
  'cases.open': (ctx, input) => ctx.services.cases.open(userOf(ctx), input),
  'cases.list': (ctx, input) => {
    ctx.services.cases.escalateDue();
    return ctx.services.cases.list(userOf(ctx), input);
  },
  'cases.get': (ctx, input) => {
    ctx.services.cases.escalateDue();
    return ctx.services.cases.get(input.id);
  },
  'cases.assign': (ctx, input) => ctx.services.cases.assign(userOf(ctx), input),
  'cases.transition': (ctx, input) => ctx.services.cases.transition(userOf(ctx), input),
  'cases.reroute': (ctx, input) => ctx.services.cases.reroute(userOf(ctx), input),
  'cases.rate': (ctx, input) => ctx.services.cases.rate(userOf(ctx), input),
  'cases.comment': (ctx, input) => ctx.services.cases.comment(userOf(ctx), input),
  'cases.escalate': (ctx) => ({ escalated: ctx.services.cases.escalateDue() }),
  'cases.staff': (ctx) => ctx.services.cases.staff(),
  'cases.settings.get': (ctx) => ctx.services.cases.settings(),
  'cases.settings.update': (ctx, input) => ctx.services.cases.updateSettings(input),
};
