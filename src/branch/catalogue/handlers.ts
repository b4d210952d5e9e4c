import type { HandlerGroup } from '../rpc/handlers.js';

export const catalogueHandlers: HandlerGroup<'catalogue.list' | 'catalogue.get'> = {
  'catalogue.list': (ctx, input) => ctx.services.catalogue.list(input),
  'catalogue.get': (ctx, input) => ctx.services.catalogue.get(input.id),
};
