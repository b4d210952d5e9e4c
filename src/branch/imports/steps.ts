import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { CustomerService } from '../customers/service.js';
import type { TransactionService } from '../transactions/service.js';
import { BranchSettings, formatCustomerNumber, type BranchIdentity } from '../setup/settings.js';
import type { WriteMeta } from '../customers/writes.js';
import type { CustomerCreate } from '../../shared/domain/customer.js';
import type { CustomerRowResult, RowIssue } from './customer-rows.js';
import type { TransactionRowResult } from './transaction-rows.js';
import { newId } from '../../shared/domain/ids.js';
import { importChanges } from './merge.js';
import type { CustomerMatcher } from './matcher.js';
import type { BatchStore } from './batches.js';

export type RowAction = 'create' | 'update' | 'unchanged' | 'invalid';

/**
 * What one valid row does, in a dry run (preview, the check before "refuse
 * all": decide, remember, write nothing) or for real (inside the caller's
 * ChangeCapture transaction: write, and journal it for undo). One code path
 * for both, so a preview says exactly what the import will do.
 */
export interface StepContext {
  db: BranchDatabase;
  matcher: CustomerMatcher;
  customers: CustomerService;
  transactions: TransactionService;
  batches: BatchStore;
  branch: BranchIdentity;
  author: WriteMeta;
  /** null for a dry run. */
  batchId: string | null;
  /** The file column a field was read from, for the report. */
  columnOf(field: string): string | null;
}

export class CustomerStep {
  private readonly seqOf: Statement;
  private readonly settings: BranchSettings;
  private nextNumber: number | null = null;
  /** New customers of this chunk not written yet: written together, a hundred rows per statement. */
  private pending: { id: string; input: CustomerCreate; customerNumber: string; row: number }[] = [];
  private readonly pendingIds = new Set<string>();

  constructor(private readonly ctx: StepContext) {
    this.seqOf = ctx.db.sqlite.prepare('SELECT seq FROM customers WHERE id = ?').pluck();
    this.settings = new BranchSettings(ctx.db);
  }

  /** Call before the chunk's transaction commits. */
  endChunk(): void {
    this.writePending();
    if (this.nextNumber === null) return;
    this.settings.set('next_customer_number', String(this.nextNumber));
    this.nextNumber = null;
  }

  apply(r: CustomerRowResult): { action: RowAction; issues: RowIssue[] } {
    const patch = r.patch!;
    const match = this.ctx.matcher.matchCustomer(r.keys);
    if (match === 'ambiguous') return this.invalid(r, ['externalRef', 'nik', 'phone', 'phone2', 'whatsapp', 'email', 'email2'].find((f) => r.values[f]) ?? 'phone', 'ambiguous_match');
    if (match === null) {
      if (!patch.fullName) return this.invalid(r, 'fullName', 'required');
      if (this.ctx.batchId === null) {
        this.ctx.matcher.plan(r.keys, `planned:${r.row}`);
        return { action: 'create', issues: [] };
      }
      // Written with the chunk's other new customers (writePending); later rows find it by its keys meanwhile.
      const id = newId();
      this.pending.push({ id, input: patch as CustomerCreate, customerNumber: this.takeNumber(), row: r.row });
      this.pendingIds.add(id);
      this.ctx.matcher.plan(r.keys, id);
      return { action: 'create', issues: [] };
    }
    if (match.startsWith('planned:')) return { action: 'update', issues: [] };
    // An earlier row of this chunk creates this customer: write it before reading it back.
    if (this.pendingIds.has(match)) this.writePending();
    const changes = importChanges(this.ctx.customers.get({ id: match }), patch);
    if (Object.keys(changes).length === 0) return { action: 'unchanged', issues: [] };
    if (this.ctx.batchId === null) return { action: 'update', issues: [] };
    const result = this.ctx.customers.writes.update(this.seqOf.get(match) as number, match, changes, { ...this.ctx.author, source: 'import' });
    // The customer's keys may have changed: later rows of the chunk ask the database again.
    this.ctx.matcher.forget();
    const columns = Object.keys(result.after ?? {}).filter((c) => result.before?.[c] !== result.after?.[c] && c !== 'updated_at' && c !== 'updated_by');
    const pick = (snapshot: Record<string, unknown> | null) => Object.fromEntries(columns.map((c) => [c, snapshot?.[c] ?? null]));
    if (columns.length > 0) this.ctx.batches.journal(this.ctx.batchId, r.row, 'customers', match, 'updated', pick(result.before), pick(result.after));
    for (const contactId of result.createdContactIds) this.ctx.batches.journal(this.ctx.batchId, r.row, 'contact_points', contactId, 'created');
    return { action: 'update', issues: [] };
  }

  invalid(r: { row: number; values: Record<string, string> }, field: string, code: RowIssue['code']): { action: RowAction; issues: RowIssue[] } {
    return { action: 'invalid', issues: [{ row: r.row, column: this.ctx.columnOf(field), field, code, value: r.values[field] ?? null }] };
  }

  /**
   * A new customer with the next customer number of this branch. Numbers
   * are counted here and stored once per chunk (endChunk), inside the same
   * transaction: no gaps, and two settings writes per chunk, not per row.
   */
  create(input: CustomerCreate): string {
    return this.ctx.customers.writes.insert(input, {
      customerNumber: this.takeNumber(),
      homeBranchId: this.ctx.branch.branchId,
      userId: this.ctx.author.userId,
      now: this.ctx.author.now,
    });
  }

  private takeNumber(): string {
    if (this.nextNumber === null) this.nextNumber = Number(this.settings.get('next_customer_number') ?? '1');
    const number = this.nextNumber;
    this.nextNumber += 1;
    return formatCustomerNumber(this.ctx.branch.branchCode, number);
  }

  /** The chunk's new customers, written and journaled for undo; call inside the chunk's transaction. */
  private writePending(): void {
    if (this.pending.length === 0) return;
    const { now, userId } = this.ctx.author;
    this.ctx.customers.writes.insertMany(this.pending, { homeBranchId: this.ctx.branch.branchId, userId, now });
    this.ctx.batches.journalCreated(this.ctx.batchId!, this.pending.map((p) => ({ row: p.row, table: 'customers', rowId: p.id, after: { updated_at: now } })));
    this.pending = [];
    this.pendingIds.clear();
  }
}

export class TransactionStep {
  private range: { from: number; to: number; row: number } | null = null;

  constructor(
    private readonly ctx: StepContext,
    private readonly missingCustomer: 'report' | 'create',
    private readonly customerStep: CustomerStep,
  ) {}

  /**
   * One journal line per chunk for its transactions: inside one SQLite
   * transaction nothing else inserts transactions, so their local seq runs
   * without a gap from the first to the last. Call before the chunk commits.
   */
  endChunk(): void {
    if (!this.range || this.ctx.batchId === null) return;
    this.ctx.batches.journal(this.ctx.batchId, this.range.row, 'transactions', `seq:${this.range.from}-${this.range.to}`, 'created');
    this.range = null;
  }

  apply(r: TransactionRowResult): { action: RowAction; issues: RowIssue[] } {
    let customerId = this.ctx.matcher.matchTransaction(r.keys);
    if (customerId === 'ambiguous') return this.customerStep.invalid(r, r.keys[0].field, 'ambiguous_match');
    if (customerId === null) {
      const ref = r.keys.find((k) => k.field === 'customerRef');
      if (this.missingCustomer !== 'create' || !ref) return this.customerStep.invalid(r, r.keys[0]?.field ?? 'customerRef', 'unknown_customer');
      // An outside system's customer seen for the first time: registered under its own number.
      if (this.ctx.batchId === null) customerId = `planned:${r.row}`;
      else {
        customerId = this.customerStep.create({ fullName: r.customerName ?? `Pelanggan ${ref.value}`, externalRef: ref.value, lifecycleStage: 'active' } as CustomerCreate);
        this.ctx.batches.journal(this.ctx.batchId, r.row, 'customers', customerId, 'created', null, { updated_at: this.ctx.author.now });
      }
      this.ctx.matcher.remember(ref, customerId);
    }
    if (this.ctx.batchId !== null) {
      const { seq } = this.ctx.transactions.insertOne({ customerId, ...r.transaction! }, this.ctx.branch.branchId, this.ctx.author.now);
      if (this.range && seq !== this.range.to + 1) this.endChunk(); // never expected; keeps the journal exact if it happens
      this.range = this.range ? { ...this.range, to: seq } : { from: seq, to: seq, row: r.row };
    }
    return { action: 'create', issues: [] };
  }
}

