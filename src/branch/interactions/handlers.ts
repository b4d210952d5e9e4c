import type { HandlerGroup } from '../rpc/handlers.js';
import { userOf } from '../rpc/handlers.js';

export const interactionHandlers: HandlerGroup<'interactions.log'> = {
  'interactions.log': (ctx, input) => ctx.services.interactions.log(userOf(ctx), input),
};
