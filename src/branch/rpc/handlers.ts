import type { Method, OutputOf, ParsedInputOf } from '../../shared/api/contract.js';
import type { Actor } from '../../shared/api/procedure.js';
import type { Locale } from '../../shared/api/errors.js';
import type { BranchServices } from '../services.js';
import { customerHandlers } from '../customers/handlers.js';
import { authHandlers, setupHandlers, userHandlers } from '../auth/handlers.js';
import { systemHandlers } from '../system/handlers.js';
import { syncHandlers } from '../sync/handlers.js';
import { profileHandlers } from '../profile/handlers.js';
import { interactionHandlers } from '../interactions/handlers.js';
import { importHandlers } from '../imports/handlers.js';
import { reportHandlers } from '../reports/handlers.js';
import { catalogueHandlers } from '../catalogue/handlers.js';
import { appointmentHandlers } from '../appointments/handlers.js';
import { caseHandlers } from '../cases/handlers.js';
import { orderHandlers } from '../orders/handlers.js';
import { agendaHandlers } from '../agenda/handlers.js';

export interface HandlerContext {
  actor: Actor;
  /** The caller's session token (for sign-out), if any. */
  session: string | null;
  locale: Locale;
  services: BranchServices;
}

/** What a user actor is guaranteed to be inside a handler of a non-anonymous procedure. */
export type UserActor = Extract<Actor, { kind: 'user' }>;

export type Handler<M extends Method> = (ctx: HandlerContext, input: ParsedInputOf<M>) => OutputOf<M> | Promise<OutputOf<M>>;

/** Every procedure of the contract has exactly one handler; TypeScript checks the map is complete. */
export type Handlers = { [M in Method]: Handler<M> };
export type HandlerGroup<K extends Method> = { [M in K]: Handler<M> };

export const handlers: Handlers = {
  ...setupHandlers,
  ...authHandlers,
  ...userHandlers,
  ...customerHandlers,
  ...systemHandlers,
  ...syncHandlers,
  ...profileHandlers,
  ...interactionHandlers,
  ...importHandlers,
  ...reportHandlers,
  ...catalogueHandlers,
  ...appointmentHandlers,
  ...caseHandlers,
  ...orderHandlers,
  ...agendaHandlers,
};

export function userOf(ctx: HandlerContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new Error('handler of a signed-in procedure ran without a user');
  return ctx.actor;
}
