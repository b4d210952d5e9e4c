import { readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import type { BranchDatabase } from '../db/open.js';
import type { ChangeCapture } from '../sync/capture.js';
import type { CustomerService, UserActor } from '../customers/service.js';
import type { TransactionService } from '../transactions/service.js';
import type { AuditLog } from '../audit/service.js';
import { BranchSettings } from '../setup/settings.js';
import type { CoreEvent } from '../../shared/api/transport.js';
import { AppError, type Locale } from '../../shared/api/errors.js';
import type { FileInspection, ImportBatch, ImportKind, ImportMapping, ImportPreview, OnError, ParseOptions } from '../../shared/domain/importing.js';
import { guessMapping } from '../../shared/domain/import-guess.js';
import { StagedFiles } from './files.js';
import { detectShape, type FileShape } from './reader.js';
import { resolveMapping, type ResolvedMapping } from './mapping.js';
import type { CustomerRowResult, RowIssue } from './customer-rows.js';
import type { RowResult } from './rows.js';
import { rowChunks } from './row-source.js';
import { CustomerMatcher } from './matcher.js';
import { BatchStore, toIssue, type BatchCounts } from './batches.js';
import { CustomerStep, TransactionStep, type RowAction, type StepContext } from './steps.js';
import { ImportUndo } from './undo.js';

/** Rows per SQLite transaction: large enough for speed, small enough that progress and other calls get their turn. */
const CHUNK = 2000;
const PREVIEW_ISSUES = 200;
const PREVIEW_SAMPLE = 10;
/**
 * Files from this size up are read in the import reader thread (row-source.ts):
 * starting it costs a few hundred milliseconds, which a small file does not repay.
 */
const THREAD_FROM_BYTES = 1024 * 1024;
type Phase = 'checking' | 'writing' | 'undoing';

/**
 * Import (REQUIREMENTS C8): upload, inspect, preview, run, report, undo.
 * A run reads the file once per pass, streaming, and writes 2,000 rows per
 * ChangeCapture transaction; with "refuse all" a dry pass runs first and
 * nothing is written unless every row is valid. Each row is written whole
 * or not at all. Progress goes out as import.progress events. A file of
 * 1 MiB or more is read and checked in the import reader thread
 * (row-source.ts) while this thread writes, so the two overlap on two cores.
 */
export class ImportService {
  readonly uploads: StagedFiles;
  readonly batches: BatchStore;
  private readonly settings: BranchSettings;
  private readonly undoer: ImportUndo;
  private busy = false;
  /** Where file rows are read and checked: 'auto' (the reader thread for files of 1 MiB or more), or always/never (tests). */
  readerThread: 'auto' | 'always' | 'never' = 'auto';
  private readonly runner = `${hostname()}:${process.pid}`;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly customers: CustomerService,
    private readonly transactions: TransactionService,
    private readonly audit: AuditLog,
    dataDir: string,
    private readonly notify: (event: CoreEvent) => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.uploads = new StagedFiles(dataDir, 'uploads');
    this.batches = new BatchStore(db);
    this.settings = new BranchSettings(db);
    this.undoer = new ImportUndo(db, capture, customers, transactions);
    this.batches.recoverInterrupted((runner) => runner === this.runner || processAlive(runner));
  }

  upload(input: { uploadId?: string; fileName: string; chunk: string }): { uploadId: string; bytes: number } {
    const bytes = Buffer.from(input.chunk, 'base64');
    const r = this.uploads.append(input.uploadId, input.fileName, bytes);
    return { uploadId: r.id, bytes: r.bytes };
  }

  /** A file on this machine, for `simpul import <file>`. */
  stageLocalFile(path: string): string {
    return this.uploads.adopt(path, (p) => readFileSync(p));
  }

  async inspect(uploadId: string, kind: ImportKind, parse: ParseOptions): Promise<FileInspection> {
    const { shape, sample } = await detectShape(this.uploads.find(uploadId).path, kind, parse);
    const rows = sample.map((r) => r.cells);
    const guess = guessMapping(kind, shape.headers, rows);
    return {
      format: shape.format,
      delimiter: shape.delimiter,
      hasHeader: shape.hasHeader,
      columns: shape.headers.map((header, index) => ({ index, header, samples: rows.map((r) => r[index] ?? '').filter(Boolean).slice(0, 5) })),
      guess,
      sampleRows: rows.slice(0, PREVIEW_SAMPLE),
    };
  }

  async preview(uploadId: string, kind: ImportKind, parse: ParseOptions, mapping: ImportMapping, locale: Locale): Promise<ImportPreview> {
    const { path } = this.uploads.find(uploadId);
    const { shape } = await detectShape(path, kind, parse);
    const m = resolveMapping(kind, mapping, shape.headers);
    const preview: ImportPreview = { totalRows: 0, validRows: 0, invalidRows: 0, create: 0, update: 0, unchanged: 0, issueCount: 0, issues: [], sample: [] };
    await this.pass(
      path,
      shape,
      m,
      null,
      (r, action, issues) => {
        if (preview.issues.length < PREVIEW_ISSUES) {
          for (const i of issues.slice(0, PREVIEW_ISSUES - preview.issues.length)) preview.issues.push(toIssue({ row_number: i.row, column_name: i.column, field: i.field, code: i.code, value: i.value }, locale));
        }
        preview.issueCount += issues.length;
        if (preview.sample.length < PREVIEW_SAMPLE) preview.sample.push({ row: r.row, action, values: r.values });
        count(preview, action);
      },
      // A preview has no batch yet: its progress carries the upload's id.
      (rows, fraction) => this.progress(uploadId, 'checking', rows, fraction),
    );
    return preview;
  }

  async run(actor: UserActor, input: { uploadId: string; kind: ImportKind; parse: ParseOptions; mapping: ImportMapping; onError: OnError }): Promise<ImportBatch> {
    const { path, fileName } = this.uploads.find(input.uploadId);
    const { shape } = await detectShape(path, input.kind, input.parse);
    const m = resolveMapping(input.kind, input.mapping, shape.headers);
    return this.exclusive(async () => {
      const now = this.now().toISOString();
      const batchId = this.batches.start({ kind: input.kind, fileName, onError: input.onError, mapping: { ...input.mapping, parse: input.parse, runner: this.runner }, userId: actor.userId, userName: actor.displayName, now });
      try {
        if (input.onError === 'refuse') {
          // Dry pass first: with "refuse all", one bad row means nothing is written.
          const issues: RowIssue[] = [];
          const counts = newCounts();
          await this.pass(path, shape, m, null, (_r, action, rowIssues) => {
            issues.push(...rowIssues);
            countBatch(counts, action);
          }, (rows, fraction) => this.progress(batchId, 'checking', rows, fraction));
          if (counts.invalidRows > 0) {
            this.db.sqlite.transaction(() => {
              this.batches.issues(batchId, issues);
              this.batches.counts(batchId, { ...counts, created: 0, updated: 0, unchanged: 0 });
              this.batches.finish(batchId, 'refused', this.now().toISOString());
              this.audit.record(actor, 'import', 'import', batchId, { fileName, kind: input.kind, status: 'refused', invalidRows: counts.invalidRows });
            })();
            return this.batches.get(batchId);
          }
        }
        const counts = newCounts();
        await this.pass(path, shape, m, { actor, batchId, now }, (_r, action) => countBatch(counts, action), (rows, fraction) => this.progress(batchId, 'writing', rows, fraction), (issues) => {
          this.batches.issues(batchId, issues);
          this.batches.counts(batchId, counts);
        });
        this.db.sqlite.transaction(() => {
          this.batches.finish(batchId, 'done', this.now().toISOString());
          this.audit.record(actor, 'import', 'import', batchId, { fileName, kind: input.kind, status: 'done', created: counts.created, updated: counts.updated, invalidRows: counts.invalidRows });
        })();
        this.uploads.remove(input.uploadId);
        return this.batches.get(batchId);
      } catch (error) {
        // Rows written so far stay, journaled: the batch can be undone like any other.
        this.batches.finish(batchId, 'interrupted', this.now().toISOString());
        throw error;
      }
    });
  }

  list(limit: number): ImportBatch[] {
    return this.batches.list(limit);
  }

  report(id: string, offset: number, limit: number, locale: Locale) {
    const batch = this.batches.get(id);
    return { batch, ...this.batches.issuePage(id, offset, limit, locale) };
  }

  async undo(actor: UserActor, id: string): Promise<ImportBatch> {
    return this.exclusive(async () => {
      const batch = this.batches.get(id);
      if (batch.status === 'undone') throw new AppError('ALREADY_UNDONE');
      if (batch.status === 'refused') return batch; // nothing was written
      const entries = this.batches.journalOf(id);
      const author = { ...this.customers.author(actor), source: 'import_undo' as const };
      const summary = await this.undoer.run(entries, author, (done, total) => {
        this.customers.noteWrites();
        this.progress(id, 'undoing', done, total === 0 ? 1 : done / total);
      });
      this.db.sqlite.transaction(() => {
        this.batches.undone(id, actor.displayName, author.now, summary);
        this.audit.record(actor, 'import_undo', 'import', id, { fileName: batch.fileName, ...summary });
      })();
      return this.batches.get(id);
    });
  }

  /**
   * One pass over the file: read each row, decide what it does, and (when
   * `write` is given) write it, CHUNK rows per transaction.
   */
  private async pass(
    path: string,
    shape: FileShape,
    m: ResolvedMapping,
    write: { actor: UserActor; batchId: string; now: string } | null,
    onRow: (r: RowResult, action: RowAction, issues: RowIssue[]) => void,
    onProgress: (rows: number, fraction: number) => void = () => {},
    afterChunk: (issues: RowIssue[]) => void = () => {},
  ): Promise<void> {
    const branch = this.settings.identity();
    if (!branch) throw new AppError('NOT_INITIALISED');
    const ctx: StepContext = {
      db: this.db,
      matcher: new CustomerMatcher(this.db),
      customers: this.customers,
      transactions: this.transactions,
      batches: this.batches,
      branch,
      author: write ? { ...this.customers.author(write.actor, write.now), source: 'import' } : { userId: '', staffName: '', branchId: branch.branchId, now: '' },
      batchId: write?.batchId ?? null,
      columnOf: (field) => {
        const column = m.columnOf[field as keyof typeof m.columnOf];
        return column === undefined ? null : m.labels[column];
      },
    };
    const customerStep = new CustomerStep(ctx);
    const transactionStep = new TransactionStep(ctx, m.mapping.missingCustomer, customerStep);
    let rows = 0;
    const flush = (chunk: RowResult[], fraction: number) => {
      const issues: RowIssue[] = [];
      const apply = () => {
        if (m.kind === 'customers') ctx.matcher.prefetch(chunk.flatMap((r) => (r.issues.length === 0 ? [(r as CustomerRowResult).keys] : [])));
        for (const r of chunk) {
          let outcome: { action: RowAction; issues: RowIssue[] } = { action: 'invalid', issues: r.issues };
          if (r.issues.length === 0) outcome = 'patch' in r ? customerStep.apply(r) : transactionStep.apply(r);
          issues.push(...outcome.issues);
          onRow(r, outcome.action, outcome.issues);
        }
        ctx.matcher.forget();
        if (write) {
          customerStep.endChunk();
          transactionStep.endChunk();
          afterChunk(issues);
        }
      };
      if (write) {
        this.capture.transaction(apply);
        this.customers.noteWrites();
      } else apply();
      rows += chunk.length;
      onProgress(rows, fraction);
    };
    const thread = this.readerThread === 'always' || (this.readerThread === 'auto' && statSync(path).size >= THREAD_FROM_BYTES);
    const job = { path, shape, mapping: m, timeZone: branch.timeZone, nowIso: this.now().toISOString(), chunk: CHUNK };
    for await (const chunk of rowChunks(job, thread)) {
      flush(chunk.rows, chunk.fraction);
      // Other requests get their turn between chunks.
      if (chunk.fraction < 1) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private lastProgress = 0;

  private progress(batchId: string, phase: Phase, rows: number, fraction: number): void {
    const t = Date.now();
    if (fraction < 1 && t - this.lastProgress < 100) return;
    this.lastProgress = t;
    this.notify({ type: 'import.progress', batchId, phase, rows, fraction });
  }

  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.busy) throw new AppError('IMPORT_BUSY');
    this.busy = true;
    try {
      return await fn();
    } finally {
      this.busy = false;
    }
  }
}

function newCounts(): BatchCounts {
  return { totalRows: 0, validRows: 0, invalidRows: 0, created: 0, updated: 0, unchanged: 0 };
}

function countBatch(c: BatchCounts, action: RowAction): void {
  c.totalRows += 1;
  if (action === 'invalid') c.invalidRows += 1;
  else {
    c.validRows += 1;
    if (action === 'create') c.created += 1;
    else if (action === 'update') c.updated += 1;
    else c.unchanged += 1;
  }
}

function count(p: ImportPreview, action: RowAction): void {
  p.totalRows += 1;
  if (action === 'invalid') p.invalidRows += 1;
  else {
    p.validRows += 1;
    if (action === 'create') p.create += 1;
    else if (action === 'update') p.update += 1;
    else p.unchanged += 1;
  }
}

/** Whether the process that started a batch still runs (same machine: signal 0; elsewhere: assume it does). */
function processAlive(runner: string): boolean {
  const [host, pid] = runner.split(':');
  if (host !== hostname()) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
