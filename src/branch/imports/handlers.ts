import type { HandlerGroup } from '../rpc/handlers.js';
import { userOf } from '../rpc/handlers.js';

type TransferMethods =
  | 'imports.upload'
  | 'imports.inspect'
  | 'imports.preview'
  | 'imports.run'
  | 'imports.list'
  | 'imports.report'
  | 'imports.undo'
  | 'exports.create'
  | 'exports.read'
  | 'audit.list';

/** Import, export and the audit log: the data that leaves or enters the branch in bulk, and who did it. */
export const importHandlers: HandlerGroup<TransferMethods> = {
  'imports.upload': (ctx, input) => ctx.services.imports.upload(input),
  'imports.inspect': (ctx, { uploadId, kind, parse }) => ctx.services.imports.inspect(uploadId, kind, parse),
  'imports.preview': (ctx, { uploadId, kind, parse, mapping }) => ctx.services.imports.preview(uploadId, kind, parse, mapping, ctx.locale),
  'imports.run': (ctx, input) => ctx.services.imports.run(userOf(ctx), input),
  'imports.list': (ctx, { limit }) => ctx.services.imports.list(limit),
  'imports.report': (ctx, { id, offset, limit }) => ctx.services.imports.report(id, offset, limit, ctx.locale),
  'imports.undo': (ctx, { id }) => ctx.services.imports.undo(userOf(ctx), id),
  'exports.create': (ctx, input) => ctx.services.exports.create(userOf(ctx), input),
  'exports.read': (ctx, { exportId, offset }) => ctx.services.exports.read(exportId, offset),
  'audit.list': (ctx, { limit }) => ctx.services.audit.list(limit),
};
