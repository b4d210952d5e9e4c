import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import { AppError, fieldMessage, isFieldMessageKey, type Locale } from '../../shared/api/errors.js';
import { newId } from '../../shared/domain/ids.js';
import type { ImportBatch, ImportIssue, ImportKind, ImportStatus, OnError } from '../../shared/domain/importing.js';
import type { RowIssue } from './customer-rows.js';

interface BatchRow {
  id: string;
  kind: ImportKind;
  file_name: string;
  status: ImportStatus;
  on_error: OnError;
  mapping: string;
  total_rows: number;
  valid_rows: number;
  invalid_rows: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  started_at: string;
  finished_at: string | null;
  created_by_name: string;
  undone_at: string | null;
  undone_by_name: string | null;
  undo_summary: string | null;
}

export interface BatchCounts {
  totalRows: number;
  validRows: number;
  invalidRows: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** Import batches, their issues and their journal: plain branch-local bookkeeping. */
export class BatchStore {
  private readonly insertIssue: Statement;
  private readonly insertJournal: Statement;
  private readonly byId: Statement;

  constructor(private readonly db: BranchDatabase) {
    this.insertIssue = db.sqlite.prepare('INSERT INTO import_issues (id, batch_id, row_number, column_name, field, code, value) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.insertJournal = db.sqlite.prepare('INSERT INTO import_journal (id, batch_id, row_number, table_name, row_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.byId = db.sqlite.prepare('SELECT * FROM import_batches WHERE id = ?');
  }

  start(b: { kind: ImportKind; fileName: string; onError: OnError; mapping: unknown; userId: string; userName: string; now: string }): string {
    const id = newId();
    this.db.sqlite
      .prepare('INSERT INTO import_batches (id, kind, file_name, status, on_error, mapping, started_at, created_by, created_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, b.kind, b.fileName, 'running', b.onError, JSON.stringify(b.mapping), b.now, b.userId, b.userName);
    return id;
  }

  counts(id: string, c: BatchCounts): void {
    this.db.sqlite
      .prepare('UPDATE import_batches SET total_rows = ?, valid_rows = ?, invalid_rows = ?, created_count = ?, updated_count = ?, unchanged_count = ? WHERE id = ?')
      .run(c.totalRows, c.validRows, c.invalidRows, c.created, c.updated, c.unchanged, id);
  }

  finish(id: string, status: ImportStatus, now: string): void {
    this.db.sqlite.prepare('UPDATE import_batches SET status = ?, finished_at = ? WHERE id = ?').run(status, now, id);
  }

  undone(id: string, by: string, now: string, summary: { removed: number; archived: number; restored: number; kept: number }): void {
    this.db.sqlite
      .prepare("UPDATE import_batches SET status = 'undone', undone_at = ?, undone_by_name = ?, undo_summary = ? WHERE id = ?")
      .run(now, by, JSON.stringify(summary), id);
  }

  /** Batches left 'running' by a process that is gone (a crash, a power cut) become 'interrupted': undoable, never resumed. */
  recoverInterrupted(isAlive: (runner: string) => boolean): void {
    const running = this.db.sqlite.prepare("SELECT id, mapping FROM import_batches WHERE status = 'running'").all() as { id: string; mapping: string }[];
    for (const r of running) {
      const runner = (JSON.parse(r.mapping) as { runner?: string }).runner;
      if (!runner || !isAlive(runner)) this.db.sqlite.prepare("UPDATE import_batches SET status = 'interrupted' WHERE id = ? AND status = 'running'").run(r.id);
    }
  }

  issues(batchId: string, issues: RowIssue[]): void {
    for (const i of issues) this.insertIssue.run(newId(), batchId, i.row, i.column, i.field, i.code, i.value);
  }

  journal(batchId: string, row: number, table: string, rowId: string, action: 'created' | 'updated', before: unknown = null, after: unknown = null): void {
    this.insertJournal.run(newId(), batchId, row, table, rowId, action, before === null ? null : JSON.stringify(before), after === null ? null : JSON.stringify(after));
  }

  private readonly journalMany = new Map<number, Statement>();

  /** Journal lines for rows an import created, a hundred per statement. */
  journalCreated(batchId: string, entries: { row: number; table: string; rowId: string; after: unknown }[]): void {
    for (let i = 0; i < entries.length; i += 100) {
      const part = entries.slice(i, i + 100);
      let statement = this.journalMany.get(part.length);
      if (!statement) {
        statement = this.db.sqlite.prepare(`INSERT INTO import_journal (id, batch_id, row_number, table_name, row_id, action, before, after) VALUES ${part.map(() => "(?, ?, ?, ?, ?, 'created', NULL, ?)").join(', ')}`);
        this.journalMany.set(part.length, statement);
      }
      const args: unknown[] = [];
      for (const e of part) args.push(newId(), batchId, e.row, e.table, e.rowId, e.after === null ? null : JSON.stringify(e.after));
      statement.run(args);
    }
  }

  get(id: string): ImportBatch {
    const row = this.byId.get(id) as BatchRow | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return toBatch(row);
  }

  list(limit: number): ImportBatch[] {
    return (this.db.sqlite.prepare('SELECT * FROM import_batches ORDER BY seq DESC LIMIT ?').all(limit) as BatchRow[]).map(toBatch);
  }

  issuePage(batchId: string, offset: number, limit: number, locale: Locale): { issueCount: number; issues: ImportIssue[] } {
    const issueCount = this.db.sqlite.prepare('SELECT count(*) FROM import_issues WHERE batch_id = ?').pluck().get(batchId) as number;
    const rows = this.db.sqlite
      .prepare('SELECT row_number, column_name, field, code, value FROM import_issues WHERE batch_id = ? ORDER BY row_number, seq LIMIT ? OFFSET ?')
      .all(batchId, limit, offset) as { row_number: number; column_name: string | null; field: string | null; code: string; value: string | null }[];
    return { issueCount, issues: rows.map((r) => toIssue(r, locale)) };
  }

  /** Journal entries of a batch, newest first (the order undo walks them). */
  journalOf(batchId: string): { row_number: number; table_name: string; row_id: string; action: 'created' | 'updated'; before: string | null; after: string | null }[] {
    return this.db.sqlite
      .prepare('SELECT row_number, table_name, row_id, action, before, after FROM import_journal WHERE batch_id = ? ORDER BY seq DESC')
      .all(batchId) as never;
  }
}

export function toIssue(r: { row_number: number; column_name: string | null; field: string | null; code: string; value: string | null }, locale: Locale): ImportIssue {
  return {
    row: r.row_number,
    column: r.column_name,
    field: r.field,
    code: r.code,
    message: isFieldMessageKey(r.code) ? fieldMessage(r.code, locale) : r.code,
    value: r.value,
  };
}

function toBatch(r: BatchRow): ImportBatch {
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    status: r.status,
    onError: r.on_error,
    totalRows: r.total_rows,
    validRows: r.valid_rows,
    invalidRows: r.invalid_rows,
    created: r.created_count,
    updated: r.updated_count,
    unchanged: r.unchanged_count,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    createdByName: r.created_by_name,
    undoneAt: r.undone_at,
    undoneByName: r.undone_by_name,
    undo: r.undo_summary ? (JSON.parse(r.undo_summary) as ImportBatch['undo']) : null,
  };
}
