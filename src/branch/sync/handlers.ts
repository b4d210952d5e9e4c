import { AppError } from '../../shared/api/errors.js';
import { normalisePhone } from '../../shared/domain/phone.js';
import type { HandlerGroup } from '../rpc/handlers.js';
import { userOf, type HandlerContext } from '../rpc/handlers.js';
import { SENSITIVE_ROLES } from '../../shared/api/procedures/profile.js';
import { sensitiveTables } from '../../shared/sync/tables.js';
import { resolveConflict } from './resolve.js';
import type { LocalConflict } from './conflicts.js';
import type { BranchServices } from '../services.js';

type SyncMethods =
  | 'sync.status'
  | 'sync.now'
  | 'sync.enrol'
  | 'sync.setInterval'
  | 'sync.conflicts'
  | 'sync.resolveConflict'
  | 'customers.fetchRemote';

export const DEFAULT_SYNC_INTERVAL_MINUTES = 15;

export function syncIntervalMinutes(services: BranchServices): number {
  const v = services.db.sqlite.prepare("SELECT value FROM branch_settings WHERE key = 'sync_interval_minutes'").pluck().get() as string | undefined;
  return v === undefined ? DEFAULT_SYNC_INTERVAL_MINUTES : Number(v);
}

function withNames(services: BranchServices, conflicts: LocalConflict[]) {
  const nameOf = services.db.sqlite.prepare('SELECT full_name FROM customers WHERE id = ?').pluck();
  return conflicts.map((c) => ({
    ...c,
    winnerValue: c.winnerValue as string | number | boolean | null,
    loserValue: c.loserValue as string | number | boolean | null,
    customerName: c.customerId ? ((nameOf.get(c.customerId) as string | undefined) ?? null) : null,
  }));
}

/** Conflict tables the caller may not see: sensitive data, for roles without sensitive-data access. */
function hiddenFrom(ctx: HandlerContext): string[] {
  return ctx.actor.kind === 'user' && SENSITIVE_ROLES.includes(ctx.actor.role) ? [] : sensitiveTables();
}

export const syncHandlers: HandlerGroup<SyncMethods> = {
  'sync.status': (ctx) => ({
    ...ctx.services.sync.status(),
    openConflicts: ctx.services.sync.conflictStore.countOpen(hiddenFrom(ctx)),
    intervalMinutes: syncIntervalMinutes(ctx.services),
  }),
  'sync.now': (ctx) => {
    // Escalations due by now travel with this sync: the head office sees them at once.
    ctx.services.cases.escalateDue();
    return ctx.services.sync.syncNow();
  },
  'sync.enrol': (ctx, { url, token }) => ctx.services.sync.enrol(url, token),
  'sync.setInterval': (ctx, { minutes }) => {
    ctx.services.db.sqlite
      .prepare("INSERT INTO branch_settings (key, value) VALUES ('sync_interval_minutes', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run(String(minutes));
    ctx.services.scheduler?.reschedule();
    return { minutes };
  },
  'sync.conflicts': (ctx, { status }) => withNames(ctx.services, ctx.services.sync.conflictStore.list(status, hiddenFrom(ctx))),
  'sync.resolveConflict': (ctx, { id, keep }) => {
    const user = userOf(ctx);
    const resolved = resolveConflict(
      ctx.services.db,
      ctx.services.capture,
      ctx.services.sync.conflictStore,
      { id, keep, by: user.displayName, now: new Date().toISOString() },
      (table, rowId) => {
        if (table === 'customers') ctx.services.customers.reindex([rowId]);
      },
    );
    return withNames(ctx.services, [resolved])[0];
  },
  'customers.fetchRemote': async (ctx, { key }) => {
    // A phone typed in any form is looked up as the E.164 the head office stores.
    const phone = /^\d{16}$/.test(key) || /^[A-Z0-9]{2,8}-\d+$/i.test(key) ? null : normalisePhone(key);
    const ids = await ctx.services.sync.fetchCustomer(phone ? phone.e164 : key);
    if (ids.length === 0) throw new AppError('NOT_FOUND');
    return ctx.services.customers.get({ id: ids[0] });
  },
};
