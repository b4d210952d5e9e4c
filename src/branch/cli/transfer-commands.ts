import { Option, type Command } from 'commander';
import { existsSync, openSync, writeSync, closeSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Actor } from '../../shared/api/procedure.js';
import { ERRORS, type Result } from '../../shared/api/errors.js';
import { DELIMITERS, importFields, type FileInspection, type ImportBatch, type ImportIssue, type ImportKind } from '../../shared/domain/importing.js';
import { DATE_FORMATS } from '../../shared/domain/import-values.js';
import type { BranchCore } from '../core.js';
import { collect } from './customer-input.js';
import { CliFailure, emit, table, type Output } from './output.js';

type WithCore = <T>(fn: (core: BranchCore, actor: Actor) => Promise<T>) => Promise<T>;

interface ImportFlags {
  kind: ImportKind;
  map?: string[];
  onError: 'skip' | 'refuse';
  delimiter: string;
  header: 'auto' | 'yes' | 'no';
  dateFormat?: string;
  numberFormat?: 'id' | 'en';
  rate?: string;
  createMissingCustomers?: boolean;
  preview?: boolean;
}

/** Unwraps a Result for the CLI: the value, or the error printed the one way errors are printed. */
function must<T>(out: Output, result: Result<unknown>): T {
  if (!result.ok) emit(out, result, () => '');
  return (result as { value: T }).value;
}

/**
 * "customer_id=customerRef", "2=occurredAt", "#2=occurredAt": a file column
 * (header text, or its number counted from 1) and the field it feeds.
 */
export function parseMap(pairs: string[], inspection: FileInspection): { column: number; field: string }[] {
  return pairs.map((pair) => {
    const at = pair.lastIndexOf('=');
    if (at <= 0) throw new CliFailure(`--map ${pair}: write it as column=field, e.g. --map "No HP=phone"`, 2);
    const name = pair.slice(0, at).trim();
    const field = pair.slice(at + 1).trim();
    const byNumber = /^#?\d+$/.test(name) ? Number(name.replace('#', '')) - 1 : -1;
    const column = byNumber >= 0 ? byNumber : inspection.columns.findIndex((c) => c.header?.trim().toLowerCase() === name.toLowerCase());
    if (column < 0 || column >= inspection.columns.length) {
      const known = inspection.columns.map((c) => c.header ?? `#${c.index + 1}`).join(', ');
      throw new CliFailure(`--map ${pair}: the file has no column "${name}" (columns: ${known})`, 2);
    }
    return { column, field };
  });
}

const issueRows = (issues: ImportIssue[]) => issues.map((i) => [String(i.row), i.column ?? '', i.message, i.value ?? '']);

function batchText(b: ImportBatch): string {
  const lines = [
    `Impor ${b.id} (${b.kind}, ${b.fileName}): ${b.status}`,
    `Baris: ${b.totalRows} · sah ${b.validRows} · salah ${b.invalidRows}`,
    `Dibuat ${b.created} · diperbarui ${b.updated} · tidak berubah ${b.unchanged}`,
  ];
  if (b.undo) lines.push(`Dibatalkan oleh ${b.undoneByName}: dihapus ${b.undo.removed}, diarsipkan ${b.undo.archived}, dipulihkan ${b.undo.restored}, dipertahankan ${b.undo.kept}`);
  return lines.join('\n');
}

/** `simpul import ...` and `simpul export ...` (REQUIREMENTS C8): scripted migrations from spreadsheets. */
export function registerTransferCommands(program: Command, withCore: WithCore, out: () => Output): void {
  const imp = program.command('import').description('import customers or transactions from CSV or Excel; list, report and undo imports');

  imp
    .command('run <file>', { isDefault: true })
    .description('import a file (the default: simpul import <file> ...)')
    .addOption(new Option('--kind <kind>', 'what the rows are').choices(['customers', 'transactions']).makeOptionMandatory())
    .option('--map <column=field>', 'file column (header or number) = field, repeatable; without it the guessed mapping is used', collect)
    .addOption(new Option('--on-error <mode>', 'invalid rows: skip them, or refuse the whole file').choices(['skip', 'refuse']).default('skip'))
    .addOption(new Option('--delimiter <d>', 'column separator').choices(DELIMITERS.map((d) => (d === '|' ? 'pipe' : d))).default('auto'))
    .addOption(new Option('--header <h>', 'whether the first row is a header').choices(['auto', 'yes', 'no']).default('auto'))
    .addOption(new Option('--date-format <f>', 'how dates are written').choices(DATE_FORMATS))
    .addOption(new Option('--number-format <f>', 'id: 1.250.000,50; en: 1,250,000.50').choices(['id', 'en']))
    .option('--rate <rupiah>', 'Rupiah per unit of the file currency (amounts are multiplied by it), e.g. 15000 for US dollars')
    .option('--create-missing-customers', 'transactions: register a customer for an unknown outside number')
    .option('--preview', 'check every row and report, without importing')
    .action((file: string, o: ImportFlags) =>
      withCore(async (core, actor) => {
        const path = resolve(file);
        if (!existsSync(path)) throw new CliFailure(`${file}: no such file`, 2);
        const uploadId = core.services.imports.stageLocalFile(path);
        const parse = { delimiter: o.delimiter === 'pipe' ? '|' : o.delimiter, hasHeader: o.header };
        const inspection = must<FileInspection>(out(), await core.dispatch(actor, 'imports.inspect', { uploadId, kind: o.kind, parse }));
        const columns = o.map ? parseMap(o.map, inspection) : inspection.guess.columns;
        const unknown = columns.find((c) => !(importFields(o.kind) as readonly string[]).includes(c.field));
        if (unknown) throw new CliFailure(`unknown field "${unknown.field}" for ${o.kind}; fields: ${importFields(o.kind).join(', ')}`, 2);
        const mapping = {
          columns,
          dateFormat: o.dateFormat ?? inspection.guess.dateFormat,
          numberFormat: o.numberFormat ?? inspection.guess.numberFormat,
          currencyRate: o.rate ?? '1',
          missingCustomer: o.createMissingCustomers ? 'create' : 'report',
        };
        if (!out().json) process.stderr.write(`Pemetaan: ${columns.map((c) => `${inspection.columns[c.column].header ?? `#${c.column + 1}`}=${c.field}`).join(', ')}\n`);
        if (o.preview) {
          const preview = await core.dispatch(actor, 'imports.preview', { uploadId, kind: o.kind, parse, mapping });
          core.services.imports.uploads.remove(uploadId);
          return emit(out(), preview, (p: { totalRows: number; validRows: number; invalidRows: number; create: number; update: number; issues: ImportIssue[] }) =>
            [`Baris ${p.totalRows}: sah ${p.validRows}, salah ${p.invalidRows}; akan dibuat ${p.create}, diperbarui ${p.update}`, p.issues.length ? table(['Baris', 'Kolom', 'Masalah', 'Nilai'], issueRows(p.issues)) : ''].join('\n'),
          );
        }
        const off = core.onEvent((e) => {
          if (e.type === 'import.progress' && !out().json) process.stderr.write(`${e.phase}: ${Math.round(e.fraction * 100)}% (${e.rows.toLocaleString('id-ID')} baris)\n`);
        });
        try {
          const batch = must<ImportBatch>(out(), await core.dispatch(actor, 'imports.run', { uploadId, kind: o.kind, parse, mapping, onError: o.onError }));
          const report = must<{ issueCount: number; issues: ImportIssue[] }>(out(), await core.dispatch(actor, 'imports.report', { id: batch.id, limit: 100 }));
          const result = { batch, issueCount: report.issueCount, issues: report.issues };
          if (batch.status === 'refused') {
            throw new CliFailure(`IMPORT_REFUSED: ${ERRORS.IMPORT_REFUSED[actor.locale]}\n${table(['Baris', 'Kolom', 'Masalah', 'Nilai'], issueRows(report.issues))}`, 1, { ok: false, ...result });
          }
          process.stdout.write(out().json ? `${JSON.stringify(result, null, 2)}\n` : `${batchText(batch)}\n${report.issues.length ? table(['Baris', 'Kolom', 'Masalah', 'Nilai'], issueRows(report.issues)) : ''}\n`);
        } finally {
          off();
          core.services.imports.uploads.remove(uploadId);
        }
      }),
    );

  imp
    .command('report <id>')
    .description('an import and every issue, row by row')
    .action((id: string) =>
      withCore(async (core, actor) => {
        const first = must<{ batch: ImportBatch; issueCount: number; issues: ImportIssue[] }>(out(), await core.dispatch(actor, 'imports.report', { id, limit: 5000 }));
        const issues = [...first.issues];
        while (issues.length < first.issueCount) {
          const page = must<{ issues: ImportIssue[] }>(out(), await core.dispatch(actor, 'imports.report', { id, offset: issues.length, limit: 5000 }));
          if (page.issues.length === 0) break;
          issues.push(...page.issues);
        }
        const result = { batch: first.batch, issueCount: first.issueCount, issues };
        process.stdout.write(out().json ? `${JSON.stringify(result, null, 2)}\n` : `${batchText(first.batch)}\n${issues.length ? table(['Baris', 'Kolom', 'Masalah', 'Nilai'], issueRows(issues)) : '(tidak ada masalah / no issues)'}\n`);
      }),
    );

  imp
    .command('undo <id>')
    .description('undo a whole import (created rows removed, changed values restored; later edits kept)')
    .action((id: string) => withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'imports.undo', { id }), batchText)));

  imp
    .command('list')
    .description('imports of this branch, newest first')
    .action(() =>
      withCore(async (core, actor) =>
        emit(out(), await core.dispatch(actor, 'imports.list', {}), (rows: ImportBatch[]) =>
          table(['ID', 'Jenis', 'Berkas', 'Status', 'Baris', 'Dibuat', 'Diperbarui', 'Salah'], rows.map((b) => [b.id, b.kind, b.fileName, b.status, String(b.totalRows), String(b.created), String(b.updated), String(b.invalidRows)])),
        ),
      ),
    );

  program
    .command('export <list>')
    .description('export a list (customers, interactions) to CSV or Excel; recorded in the audit log')
    .requiredOption('--out <file>', 'file to write')
    .addOption(new Option('--format <f>', 'file format (default: from the file name)').choices(['csv', 'xlsx']))
    .option('--include-archived', 'customers: also archived ones')
    .option('--include-sensitive', 'customers: sensitive data, for customers who consented (permitted roles only)')
    .action((list: string, o: { out: string; format?: 'csv' | 'xlsx'; includeArchived?: boolean; includeSensitive?: boolean }) =>
      withCore(async (core, actor) => {
        if (!['customers', 'interactions'].includes(list)) throw new CliFailure(`export ${list}: choose customers or interactions`, 2);
        const file = resolve(o.out);
        if (existsSync(file)) throw new CliFailure(`${o.out} already exists; choose a new file name`, 2);
        const format = o.format ?? (file.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
        const made = must<{ exportId: string; rows: number; bytes: number }>(out(), await core.dispatch(actor, 'exports.create', {
          list, format, includeArchived: Boolean(o.includeArchived), includeSensitive: Boolean(o.includeSensitive),
        }));
        const fd = openSync(file, 'wx');
        try {
          for (let offset = 0; ; ) {
            const piece = must<{ chunk: string; nextOffset: number; done: boolean }>(out(), await core.dispatch(actor, 'exports.read', { exportId: made.exportId, offset }));
            writeSync(fd, Buffer.from(piece.chunk, 'base64'));
            offset = piece.nextOffset;
            if (piece.done) break;
          }
        } catch (error) {
          closeSync(fd);
          rmSync(file, { force: true });
          throw error;
        }
        closeSync(fd);
        const result = { file, rows: made.rows, bytes: made.bytes, format };
        process.stdout.write(out().json ? `${JSON.stringify(result)}\n` : `${made.rows} baris diekspor ke ${file}\n`);
      }),
    );
}
