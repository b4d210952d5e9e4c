import type { HandlerGroup } from '../rpc/handlers.js';
import { userOf } from '../rpc/handlers.js';

type ProfileMethods =
  | 'customers.profile360'
  | 'customers.timeline'
  | 'customers.findDuplicates'
  | 'assets.save'
  | 'assets.remove'
  | 'needs.add'
  | 'needs.remove'
  | 'sensitive.get'
  | 'sensitive.update';

export const profileHandlers: HandlerGroup<ProfileMethods> = {
  'customers.profile360': (ctx, { id, timelineLimit }) => ctx.services.profile.profile360(userOf(ctx), id, timelineLimit),
  'customers.timeline': (ctx, { customerId, before, limit, kinds }) => ctx.services.profile.timelinePage(customerId, { before, limit, kinds }),
  'customers.findDuplicates': (ctx, query) => ctx.services.profile.findDuplicates(query),
  'assets.save': (ctx, input) => ctx.services.profile.saveAsset(input),
  'assets.remove': (ctx, { id }) => ctx.services.profile.removeAsset(id),
  'needs.add': (ctx, input) => ctx.services.profile.addNeed(userOf(ctx), input),
  'needs.remove': (ctx, { id }) => ctx.services.profile.removeNeed(id),
  'sensitive.get': (ctx, { customerId }) => ctx.services.profile.readSensitive(userOf(ctx), customerId),
  'sensitive.update': (ctx, { customerId, patch }) => ctx.services.profile.updateSensitive(userOf(ctx), customerId, patch),
};
