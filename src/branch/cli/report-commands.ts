import { InvalidArgumentError, Option, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Actor } from '../../shared/api/procedure.js';
import { isIsoDate } from '../../shared/domain/dates.js';
import { REPORT_NAMES, type ReportName } from '../../shared/reports/names.js';
import type { BranchCore } from '../core.js';
import { reportDocument } from '../reports/export/export.js';
import { cellText } from '../../shared/reports/render/csv.js';
import { CliFailure, emit, table, type Output } from './output.js';

type WithCore = <T>(fn: (core: BranchCore, actor: Actor) => Promise<T>) => Promise<T>;

const METHOD: Record<Exclude<ReportName, 'customers'>, string> = {
  rfm: 'reports.rfm',
  top: 'reports.top',
  profitability: 'reports.profitability',
  coverage: 'reports.coverage',
  patterns: 'reports.patterns',
  anomalies: 'reports.anomalies',
  service: 'reports.service',
  prediction: 'reports.prediction',
};

const date = (value: string) => {
  if (!isIsoDate(value)) throw new InvalidArgumentError('a date as YYYY-MM-DD');
  return value;
};

interface ReportFlags {
  filter?: string;
  offset: string;
  limit: string;
  from?: string;
  to?: string;
  branch?: string;
  horizon?: string;
  status?: 'open' | 'all';
  format?: 'csv' | 'xlsx' | 'pdf';
  out?: string;
  locale: 'id' | 'en';
}

/**
 * `simpul report <name>`: every report of the reporting window from the
 * command line, for scheduled exports. --json prints exactly what the
 * window receives; --format/--out writes the same CSV, Excel or PDF file
 * the window's export buttons make. `simpul report fit` fits the prediction
 * model; `simpul segment list|members` reads saved segments.
 */
export function registerReportCommands(program: Command, withCore: WithCore, out: () => Output): void {
  const reportNames = REPORT_NAMES.filter((n) => n !== 'customers');
  program
    .command('report <name>')
    .description(`run a report: ${REPORT_NAMES.join(', ')} (the drill-down list of --filter); or "fit" to fit the prediction model`)
    .option('--filter <json>', 'customers: a customer filter as JSON, e.g. {"segments":["champions"]}')
    .option('--offset <n>', 'customers: rows to skip', '0')
    .option('--limit <n>', 'customers: rows to list (1-500)', '50')
    .option('--from <yyyy-mm-dd>', 'first day of the period (branch time zone)', date)
    .option('--to <yyyy-mm-dd>', 'last day of the period', date)
    .option('--branch <id>', 'sales of one branch only')
    .option('--horizon <weeks>', 'prediction horizon in weeks (prediction)', '52')
    .addOption(new Option('--status <status>', 'anomalies: open flags only, or all').choices(['open', 'all']).default('open'))
    .addOption(new Option('--format <format>', 'write a file instead of printing').choices(['csv', 'xlsx', 'pdf']))
    .option('--out <file>', 'file to write with --format (default: the suggested name in this folder)')
    .addOption(new Option('--locale <locale>', 'language of exported files and text output').choices(['id', 'en']).default('id'))
    .action((name: string, o: ReportFlags) =>
      withCore(async (core, actor) => {
        if (name === 'fit') {
          return emit(out(), await core.dispatch(actor, 'reports.fitPrediction', {}), (run: { params: Record<string, number>; customers: number; ms: number }) =>
            `Model dihitung dari ${run.customers} pelanggan dalam ${run.ms} ms: ${Object.entries(run.params).map(([k, v]) => `${k}=${v.toFixed(4)}`).join(' ')}`,
          );
        }
        if (name === 'customers') {
          let filter: unknown = {};
          try {
            filter = JSON.parse(o.filter ?? '{}');
          } catch {
            throw new CliFailure('--filter bukan JSON yang sah / --filter is not valid JSON', 2);
          }
          const period = { from: o.from ?? null, to: o.to ?? null, branchId: o.branch ?? null };
          if (o.format) {
            const result = await core.dispatch(actor, 'reports.export', { report: 'customers', period, filter, format: o.format });
            if (!result.ok) return emit(out(), result, () => '');
            const file = result.value as { fileName: string; base64: string; bytes: number };
            const path = resolve(o.out ?? file.fileName);
            writeFileSync(path, Buffer.from(file.base64, 'base64'));
            process.stdout.write(out().json ? `${JSON.stringify({ file: path, bytes: file.bytes })}\n` : `Ditulis ${path} (${file.bytes} byte)\n`);
            return;
          }
          const result = await core.dispatch({ ...actor, locale: o.locale }, 'reports.customers', { period, filter, offset: Number(o.offset), limit: Number(o.limit) });
          return emit(out(), result, (v: { total: number; rows: { customerNumber: string; fullName: string; segment: string | null; revenue: number }[] }) =>
            `${table(['Nomor', 'Nama', 'Segmen', 'Pendapatan bersih'], v.rows.map((r) => [r.customerNumber, r.fullName, r.segment ?? '-', String(r.revenue)]))}\n(${v.rows.length} dari ${v.total})`,
          );
        }
        if (!(reportNames as string[]).includes(name)) throw new CliFailure(`unknown report "${name}": one of ${REPORT_NAMES.join(', ')}, fit`, 2);
        const report = name as Exclude<ReportName, 'customers'>;
        const period = { from: o.from ?? null, to: o.to ?? null, branchId: o.branch ?? null };
        const horizonWeeks = Number(o.horizon);
        if (o.format) {
          const result = await core.dispatch(actor, 'reports.export', { report, period, format: o.format, ...(report === 'prediction' ? { horizonWeeks } : {}) });
          if (!result.ok) return emit(out(), result, () => '');
          const file = result.value as { fileName: string; base64: string; bytes: number };
          const path = resolve(o.out ?? file.fileName);
          writeFileSync(path, Buffer.from(file.base64, 'base64'));
          const written = { file: path, bytes: file.bytes };
          process.stdout.write(out().json ? `${JSON.stringify(written)}\n` : `Ditulis ${path} (${file.bytes} byte)\n`);
          return;
        }
        const input: Record<string, unknown> = { period };
        if (report === 'prediction') input.horizonWeeks = horizonWeeks;
        if (report === 'anomalies') input.status = o.status;
        const result = await core.dispatch({ ...actor, locale: o.locale }, METHOD[report], input);
        if (!result.ok || out().json) return emit(out(), result, () => '');
        const doc = reportDocument(core.services.reports, report, result.value, period, o.locale);
        process.stdout.write(`${doc.title}\n${doc.subtitle}\n\n`);
        for (const section of doc.sections) {
          process.stdout.write(`${section.title}\n`);
          if (section.columns.length) process.stdout.write(`${table(section.columns.map((c) => (c.kind === 'percent' ? `${c.label} (%)` : c.label)), section.rows.map((r) => r.map((v, i) => cellText(v, section.columns[i], doc))))}\n`);
          process.stdout.write('\n');
        }
      }),
    );

  const segment = program.command('segment').description('saved customer segments');
  segment
    .command('list')
    .description('saved segments')
    .action(() =>
      withCore(async (core, actor) =>
        emit(out(), await core.dispatch(actor, 'segments.list', {}), (rows: { id: string; name: string; filter: unknown }[]) =>
          rows.length ? table(['ID', 'Nama', 'Saringan'], rows.map((s) => [s.id, s.name, JSON.stringify(s.filter)])) : '(belum ada segmen / no segments)',
        ),
      ),
    );
  segment
    .command('members <id>')
    .description("a segment's member count and first members")
    .option('--limit <n>', 'members to list', '50')
    .action((id: string, o: { limit: string }) =>
      withCore(async (core, actor) =>
        emit(out(), await core.dispatch(actor, 'segments.members', { id, limit: Number(o.limit) }), (v: { total: number; rows: { customerNumber: string; fullName: string; revenue: number }[] }) =>
          `${table(['Nomor', 'Nama', 'Pendapatan bersih'], v.rows.map((r) => [r.customerNumber, r.fullName, String(r.revenue)]))}\n(${v.rows.length} dari ${v.total})`,
        ),
      ),
    );
}
