import type { HandlerGroup } from '../rpc/handlers.js';
import { userOf } from '../rpc/handlers.js';

type CustomerMethods =
  | 'customers.create'
  | 'customers.update'
  | 'customers.get'
  | 'customers.archive'
  | 'customers.restore'
  | 'customers.list'
  | 'customers.search';

export const customerHandlers: HandlerGroup<CustomerMethods> = {
  'customers.create': (ctx, input) => ctx.services.customers.create(userOf(ctx), input),
  'customers.update': (ctx, { id, patch }) => ctx.services.customers.update(userOf(ctx), id, patch),
  'customers.get': (ctx, key) => ctx.services.customers.get(key),
  'customers.archive': (ctx, { id }) => ctx.services.customers.archive(userOf(ctx), id),
  'customers.restore': (ctx, { id }) => ctx.services.customers.restore(userOf(ctx), id),
  'customers.list': (ctx, params) => ctx.services.customers.list(params),
  'customers.search': (ctx, params) => ctx.services.customers.search(params),
};
