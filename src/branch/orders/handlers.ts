import type { HandlerGroup } from '../rpc/handlers.js';
import { userOf } from '../rpc/handlers.js';

export const orderHandlers: HandlerGroup<
  'orders.create' | 'orders.update' | 'orders.setStatus' | 'orders.get' | 'orders.list' | 'shipments.create' | 'shipments.update' | 'shipments.get'
> = {
  'orders.create': (ctx, input) => ctx.services.orders.create(userOf(ctx), input),
  'orders.update': (ctx, input) => ctx.services.orders.update(userOf(ctx), input),
  'orders.setStatus': (ctx, input) => ctx.services.orders.setStatus(input),
  'orders.get': (ctx, input) => ctx.services.orders.get(input.id),
  'orders.list': (ctx, input) => ctx.services.orders.list(input),
  'shipments.create': (ctx, input) => ctx.services.shipments.create(userOf(ctx), input),
  'shipments.update': (ctx, input) => ctx.services.shipments.update(userOf(ctx), input),
  'shipments.get': (ctx, input) => ctx.services.shipments.get(input.id),
};
