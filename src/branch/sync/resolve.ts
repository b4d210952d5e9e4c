import { AppError } from '../../shared/api/errors.js';
import { syncedTable } from '../../shared/sync/tables.js';
import type { BranchDatabase } from '../db/open.js';
import type { ChangeCapture } from './capture.js';
import type { ConflictStore, LocalConflict } from './conflicts.js';

/**
 * Reviewing a conflict. "Keep the winner" only records the decision.
 * "Keep the other value" writes the losing value back as an ordinary edit,
 * captured and pushed like any other, based on the current version, so the
 * head office applies it as a sequential change; the decision is recorded in
 * the same transaction and reported at the next sync.
 */
export function resolveConflict(
  db: BranchDatabase,
  capture: ChangeCapture,
  store: ConflictStore,
  input: { id: string; keep: 'winner' | 'loser'; by: string; now: string },
  afterWrite: (table: string, rowId: string) => void,
): LocalConflict {
  const conflict = store.get(input.id);
  if (!conflict) throw new AppError('NOT_FOUND');
  if (conflict.status !== 'open') throw new AppError('CONFLICT', undefined, 'conflict already resolved');
  const table = syncedTable(conflict.tableName);
  if (!table || !table.columns[conflict.field]) throw new AppError('NOT_FOUND', undefined, 'conflict about an unknown field');
  capture.transaction(() => {
    if (input.keep === 'loser') {
      const before = capture.snapshot(table.name, conflict.rowId);
      if (!before) throw new AppError('NOT_FOUND', undefined, 'the row is not on this branch');
      db.sqlite.prepare(`UPDATE "${table.name}" SET "${conflict.field}" = ? WHERE id = ?`).run(conflict.loserValue as never, conflict.rowId);
      if ('updated_at' in table.columns) db.sqlite.prepare(`UPDATE "${table.name}" SET updated_at = ? WHERE id = ?`).run(input.now, conflict.rowId);
      capture.record(table.name, conflict.rowId, before, input.now);
    }
    store.markResolved(conflict.id, input.keep === 'loser' ? 'reversed' : 'kept', input.by, input.now);
  });
  afterWrite(table.name, conflict.rowId);
  return store.get(conflict.id)!;
}
