import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { ChangeCapture } from '../sync/capture.js';
import type { CustomerService } from '../customers/service.js';
import type { TransactionService } from '../transactions/service.js';
import type { WriteMeta } from '../customers/writes.js';
import type { BatchStore } from './batches.js';

export interface UndoSummary {
  /** Rows the import created, now gone (tombstoned customers and contacts, voided transactions). */
  removed: number;
  /** Customers the import created who have activity since: archived, not deleted, so nothing later is lost. */
  archived: number;
  /** Customers whose changed values were set back. */
  restored: number;
  /** Customers where a value was edited again after the import: that later edit is kept. */
  kept: number;
}

type JournalEntry = ReturnType<BatchStore['journalOf']>[number];

const CHUNK = 2000;

/**
 * Undoes a whole import, newest row first, as ordinary edits through
 * ChangeCapture, so the undo syncs like any other change. Someone's edit
 * made after the import always wins over the import's undo.
 */
export class ImportUndo {
  private readonly seqOf: Statement;
  private readonly laterActivity: Statement;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly customers: CustomerService,
    private readonly transactions: TransactionService,
  ) {
    this.seqOf = db.sqlite.prepare('SELECT seq FROM customers WHERE id = ?').pluck();
    this.laterActivity = db.sqlite
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM transactions WHERE customer_id = @id AND voided_at IS NULL)
             OR EXISTS (SELECT 1 FROM interactions WHERE customer_id = @id)
             OR EXISTS (SELECT 1 FROM customer_assets WHERE customer_id = @id AND deleted = 0)
             OR EXISTS (SELECT 1 FROM customer_needs WHERE customer_id = @id AND deleted = 0)
             OR EXISTS (SELECT 1 FROM customer_relations WHERE (customer_id = @id OR related_customer_id = @id) AND deleted = 0)`,
      )
      .pluck();
  }

  async run(journal: JournalEntry[], author: WriteMeta, onProgress: (done: number, total: number) => void): Promise<UndoSummary> {
    // A chunk's transactions are journaled as one range of local seq ("seq:from-to"): one entry each here.
    const entries = journal.flatMap((e) => {
      const range = e.table_name === 'transactions' ? /^seq:(\d+)-(\d+)$/.exec(e.row_id) : null;
      return range ? this.transactions.idsBetween(Number(range[1]), Number(range[2])).map((id) => ({ ...e, row_id: id })) : [e];
    });
    const summary: UndoSummary = { removed: 0, archived: 0, restored: 0, kept: 0 };
    // A customer this import created and a later row of it updated goes away whole; its update needs no restoring.
    const created = new Set(entries.filter((e) => e.table_name === 'customers' && e.action === 'created').map((e) => e.row_id));
    for (let i = 0; i < entries.length; i += CHUNK) {
      this.capture.transaction(() => {
        for (const e of entries.slice(i, i + CHUNK)) {
          if (e.table_name === 'customers' && e.action === 'updated' && created.has(e.row_id)) continue;
          this.undoOne(e, author, summary);
        }
      });
      onProgress(Math.min(entries.length, i + CHUNK), entries.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return summary;
  }

  private undoOne(e: JournalEntry, author: WriteMeta, summary: UndoSummary): void {
    if (e.table_name === 'transactions') {
      if (this.transactions.void(e.row_id, author.now)) summary.removed += 1;
      return;
    }
    if (e.table_name === 'contact_points') {
      const before = this.capture.snapshot('contact_points', e.row_id);
      if (before && !before.deleted) {
        this.customers.writes.tombstoneContact(e.row_id, author.now);
        summary.removed += 1;
      }
      return;
    }
    const current = this.capture.snapshot('customers', e.row_id);
    if (!current || current.deleted) return;
    const seq = this.seqOf.get(e.row_id) as number;
    if (e.action === 'created') {
      const untouched = current.updated_at === (JSON.parse(e.after ?? '{}') as { updated_at?: string }).updated_at;
      if (untouched && !this.laterActivity.get({ id: e.row_id })) {
        this.customers.writes.tombstone(seq, e.row_id, author);
        summary.removed += 1;
      } else if (current.archived_at === null) {
        this.customers.writes.setArchived(e.row_id, author.now, author);
        summary.archived += 1;
      }
      return;
    }
    const before = JSON.parse(e.before ?? '{}') as Record<string, unknown>;
    const after = JSON.parse(e.after ?? '{}') as Record<string, unknown>;
    const restore: Record<string, unknown> = {};
    let kept = false;
    for (const [column, value] of Object.entries(before)) {
      if (current[column] === after[column]) restore[column] = value;
      else kept = true;
    }
    if (Object.keys(restore).length > 0 && this.customers.writes.restoreColumns(seq, e.row_id, restore, { ...author, source: 'import_undo' }).length > 0) summary.restored += 1;
    if (kept) summary.kept += 1;
  }
}
