import { newId } from '../../src/shared/domain/ids.js';
import type { BranchCore } from '../../src/branch/core.js';

export interface Purchase {
  customerId: string;
  occurredAt: string;
  kind?: 'sale' | 'refund';
  amount: number;
  cost?: number;
  discount?: number;
  itemCount?: number;
  /** Another branch's sale (synced in); default: this branch. */
  branchId?: string;
}

/**
 * Writes purchases the way the transactions service does (one change-captured
 * transaction), naming its columns, with any selling branch: report tests
 * need sales of other branches and exact times.
 */
export function addPurchases(core: BranchCore, rows: Purchase[]): string[] {
  const { db, capture, setup } = core.services;
  const own = setup.status().branchId!;
  const insert = db.sqlite.prepare(
    'INSERT INTO transactions (id, customer_id, branch_id, occurred_at, kind, amount, cost, discount, item_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const ids: string[] = [];
  capture.transaction(() => {
    for (const r of rows) {
      const id = newId();
      const now = new Date().toISOString();
      insert.run(id, r.customerId, r.branchId ?? own, r.occurredAt, r.kind ?? 'sale', r.amount, r.cost ?? 0, r.discount ?? 0, r.itemCount ?? 1, now);
      capture.record('transactions', id, null, now);
      ids.push(id);
    }
  });
  return ids;
}
