import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import type { BranchDatabase } from '../db/open.js';
import type { UserActor } from '../customers/service.js';
import type { AuditLog } from '../audit/service.js';
import { BranchSettings } from '../setup/settings.js';
import { StagedFiles } from '../imports/files.js';
import { AppError, type Locale } from '../../shared/api/errors.js';
import { SENSITIVE_ROLES } from '../../shared/api/procedures/profile.js';
import { EXPORT_LISTS, UPLOAD_CHUNK_BYTES } from '../../shared/api/procedures/imports.js';
import { todayIn } from '../../shared/domain/dates.js';
import { CUSTOMER_COLUMNS, INTERACTION_COLUMNS, ISSUE_COLUMNS, SENSITIVE_COLUMNS, csvCell, type ExportColumn } from './columns.js';

export type ExportList = (typeof EXPORT_LISTS)[number];

export interface ExportRequest {
  list: ExportList;
  format: 'csv' | 'xlsx';
  includeArchived: boolean;
  includeSensitive: boolean;
  batchId?: string;
}

const PAGE = 5000;
const FILE_NAMES: Record<ExportList, Record<Locale, string>> = {
  customers: { id: 'pelanggan', en: 'customers' },
  interactions: { id: 'interaksi', en: 'interactions' },
  importIssues: { id: 'laporan-impor', en: 'import-report' },
};

/**
 * Export of a list to CSV or Excel (C8, P5). The file is written in pages
 * to the branch's export folder, then fetched in pieces; every export is a
 * line in the audit log. Sensitive data (C3) stays out unless a permitted
 * role asks for it, and even then only for customers who consented.
 */
export class ExportService {
  readonly files: StagedFiles;
  private readonly settings: BranchSettings;

  constructor(
    private readonly db: BranchDatabase,
    private readonly audit: AuditLog,
    dataDir: string,
  ) {
    this.files = new StagedFiles(dataDir, 'exports');
    this.settings = new BranchSettings(db);
  }

  async create(actor: UserActor, request: ExportRequest): Promise<{ exportId: string; fileName: string; rows: number; bytes: number }> {
    const branch = this.settings.identity();
    if (!branch) throw new AppError('NOT_INITIALISED');
    if (request.includeSensitive && !SENSITIVE_ROLES.includes(actor.role)) throw new AppError('FORBIDDEN');
    if (request.list === 'importIssues' && !request.batchId) throw new AppError('VALIDATION_FAILED', [{ path: ['batchId'], code: 'required' }]);
    const columns = this.columnsOf(request);
    const fileName = `${FILE_NAMES[request.list][actor.locale]}-${branch.branchCode}-${todayIn(branch.timeZone)}.${request.format}`;
    const { id, path } = this.files.create(fileName);
    const headers = columns.map((c) => c.header[actor.locale]);
    const cells = (row: Record<string, unknown>) => columns.map((c) => c.value(row, branch.timeZone, actor.locale));
    let rows = 0;
    try {
      if (request.format === 'csv') {
        const fd = openSync(path, 'w');
        try {
          // The BOM makes Excel read the file as UTF-8 (names like "Ni Komang Ayu Suastini", "Jl. Cipaganti No. 5").
          writeSync(fd, `\uFEFF${headers.map(csvCell).join(',')}\r\n`);
          rows = await this.eachPage(request, (page) => writeSync(fd, page.map((r) => `${cells(r).map(csvCell).join(',')}\r\n`).join('')));
        } finally {
          closeSync(fd);
        }
      } else {
        const { default: ExcelJS } = await import('exceljs');
        const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
        const sheet = workbook.addWorksheet(FILE_NAMES[request.list][actor.locale]);
        sheet.addRow(headers).commit();
        rows = await this.eachPage(request, (page) => {
          for (const r of page) sheet.addRow(cells(r)).commit();
        });
        sheet.commit();
        await workbook.commit();
      }
    } catch (error) {
      this.files.remove(id);
      throw error;
    }
    this.audit.record(actor, 'export', request.list, request.batchId ?? null, {
      format: request.format, rows, fileName, includeArchived: request.includeArchived, includeSensitive: request.includeSensitive,
    });
    return { exportId: id, fileName, rows, bytes: statSync(path).size };
  }

  /** A piece of a finished export; the file goes once its last piece is read. */
  read(exportId: string, offset: number): { chunk: string; nextOffset: number; done: boolean } {
    const { path } = this.files.find(exportId);
    const size = statSync(path).size;
    const length = Math.max(0, Math.min(UPLOAD_CHUNK_BYTES, size - offset));
    const buffer = Buffer.alloc(length);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, buffer, 0, length, offset);
    } finally {
      closeSync(fd);
    }
    const done = offset + length >= size;
    if (done) this.files.remove(exportId);
    return { chunk: buffer.toString('base64'), nextOffset: offset + length, done };
  }

  private columnsOf(request: ExportRequest): ExportColumn[] {
    if (request.list === 'customers') return request.includeSensitive ? [...CUSTOMER_COLUMNS, ...SENSITIVE_COLUMNS] : CUSTOMER_COLUMNS;
    return request.list === 'interactions' ? INTERACTION_COLUMNS : ISSUE_COLUMNS;
  }

  /** Walks the list in pages by seq, letting other calls in between; returns the row count. */
  private async eachPage(request: ExportRequest, onPage: (rows: Record<string, unknown>[]) => void): Promise<number> {
    const statement = this.db.sqlite.prepare(this.sqlOf(request));
    let after = 0;
    let total = 0;
    for (;;) {
      const page = statement.all({ after, limit: PAGE, batch: request.batchId ?? null }) as Record<string, unknown>[];
      if (page.length === 0) return total;
      onPage(page);
      total += page.length;
      after = page[page.length - 1].seq as number;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private sqlOf(request: ExportRequest): string {
    switch (request.list) {
      case 'customers': {
        const archived = request.includeArchived ? '' : 'AND c.archived_at IS NULL';
        // Sensitive values only where the customer consented to them leaving the system.
        const sensitive = request.includeSensitive
          ? `, 1 AS show_nik, CASE WHEN s.export_consent = 1 THEN s.health_conditions END AS health_conditions,
               CASE WHEN s.export_consent = 1 THEN s.financial_notes END AS financial_notes, CASE WHEN s.export_consent = 1 THEN s.children END AS children`
          : '';
        return `SELECT c.*,
                  (SELECT p.value FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'phone' AND p.is_primary = 1 AND p.deleted = 0) AS phone,
                  (SELECT p.value FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'email' AND p.is_primary = 1 AND p.deleted = 0) AS email
                  ${sensitive}
                FROM customers c ${request.includeSensitive ? 'LEFT JOIN customer_sensitive s ON s.id = c.id' : ''}
                WHERE c.seq > @after AND c.deleted = 0 ${archived} ORDER BY c.seq LIMIT @limit`;
      }
      case 'interactions':
        return `SELECT i.*, c.customer_number, c.full_name FROM interactions i JOIN customers c ON c.id = i.customer_id
                WHERE i.seq > @after ORDER BY i.seq LIMIT @limit`;
      case 'importIssues':
        return 'SELECT * FROM import_issues WHERE batch_id = @batch AND seq > @after ORDER BY seq LIMIT @limit';
    }
  }
}
