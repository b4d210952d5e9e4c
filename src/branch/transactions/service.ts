import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import { transactions } from '../db/schema.js';
import { newId } from '../../shared/domain/ids.js';
import type { Rupiah } from '../../shared/domain/money.js';
import { AppError } from '../../shared/api/errors.js';
import { BranchSettings } from '../setup/settings.js';
import { capturedInsert } from '../customers/columns.js';
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
  /** The insert and its outbox entry, from the same values. */
  private readonly insert: (row: Record<string, unknown>, now: string) => number;
  private readonly settings: BranchSettings;
  private readonly voidStatement: Statement;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.settings = new BranchSettings(db);
    this.insert = capturedInsert(db, capture, transactions, 'transactions');
    this.voidStatement = db.sqlite.prepare('UPDATE transactions SET voided_at = ? WHERE id = ?');
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
          this.insert({ id, branchId: branch.branchId, createdAt, voidedAt: null, ...r }, createdAt);
        }
      });
    return rows.length;
  }

  /** One transaction inside the caller's ChangeCapture transaction (imports); returns its id and local seq. */
  insertOne(r: TransactionInput, branchId: string, createdAt: string): { id: string; seq: number } {
    const id = newId();
    const seq = this.insert({ id, branchId, createdAt, voidedAt: null, ...r }, createdAt);
    return { id, seq };
  }

  /** Ids of the transactions with local seq in [from, to], newest first. */
  idsBetween(from: number, to: number): string[] {
    return this.db.sqlite.prepare('SELECT id FROM transactions WHERE seq BETWEEN ? AND ? ORDER BY seq DESC').pluck().all(from, to) as string[];
  }

  /**
   * Cancels a transaction (an undone import): the row stays, marked void, and
   * reports leave it out. Append-only otherwise: nothing else ever changes.
   * Returns false if it was void already. Inside the caller's transaction.
   */
  void(id: string, at: string): boolean {
    const before = this.capture.snapshot('transactions', id);
    if (!before || before.voided_at !== null) return false;
    this.voidStatement.run(at, id);
    this.capture.record('transactions', id, before, at);
    return true;
  }

  count(): number {
    return this.db.sqlite.prepare('SELECT count(*) FROM transactions').pluck().get() as number;
  }
}
