import { getTableColumns, sql } from 'drizzle-orm';
import type { BranchDatabase } from '../db/open.js';
import { transactions } from '../db/schema.js';
import { newId } from '../../shared/domain/ids.js';
import type { Rupiah } from '../../shared/domain/money.js';
import { AppError } from '../../shared/api/errors.js';
import { BranchSettings } from '../setup/settings.js';
import type { ChangeCapture } from '../sync/capture.js';

export interface TransactionInput {
  customerId: string;
  /** UTC ISO-8601 */
  occurredAt: string;
  kind: 'sale' | 'refund';
  amount: Rupiah;
  cost: Rupiah;
  discount: Rupiah;
  itemCount: number;
}

/**
 * Purchases and refunds at this branch. The front-office issue grows this
 * into orders with line items; reports read the covering index
 * transactions_customer (customer_id, occurred_at, amount).
 */
export class TransactionService {
  private readonly insert;
  private readonly settings: BranchSettings;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.settings = new BranchSettings(db);
    const values = Object.fromEntries(Object.keys(getTableColumns(transactions))
        .filter((k) => k !== 'seq')
        .map((k) => [k, sql.placeholder(k)]));
    this.insert = db.orm.insert(transactions).values(values as never).prepare();
  }

  /** Inserts a batch in one transaction; the foreign key refuses an unknown customer. */
  insertMany(rows: TransactionInput[]): number {
    const branch = this.settings.identity();
    if (!branch) throw new AppError('NOT_INITIALISED');
    const createdAt = this.now().toISOString();
    this.capture.transaction(() => {
        for (const r of rows) {
          if (!Number.isSafeInteger(r.amount) || !Number.isSafeInteger(r.cost) || !Number.isSafeInteger(r.discount)) {
            throw new AppError('VALIDATION_FAILED', [{ path: ['amount'], code: 'invalid_type' }]);
          }
          const id = newId();
          this.insert.run({ id, branchId: branch.branchId, createdAt, ...r } as never);
          this.capture.record('transactions', id, null, createdAt);
        }
      });
    return rows.length;
  }

  count(): number {
    return this.db.sqlite.prepare('SELECT count(*) FROM transactions').pluck().get() as number;
  }
}
