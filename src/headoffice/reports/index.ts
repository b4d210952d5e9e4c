import type { HeadOfficeDb } from '../db/open.js';
import { AppError } from '../../shared/api/errors.js';
import { headOfficeRfm, rfmComparisonTable } from './rfm.js';
import { headOfficeCoverage, headOfficePatterns, headOfficeProfitability, headOfficeTop } from './consolidated.js';
import { headOfficeService } from './service.js';
import { headOfficeAnomalies } from './anomalies.js';
import { headOfficePrediction } from './prediction.js';
import { ANOMALY_RULES } from '../../shared/api/procedures/reports.js';
import { parseInput } from '../errors.js';
import { z } from 'zod';

/**
 * The consolidated reports by name, for the admin API
 * (GET /admin/reports/:name?from=&to=) and `simpul-headoffice report <name>`.
 * Every report has `all` (every branch together) and `branches` (one entry
 * per branch: the comparison).
 */
export const HEAD_OFFICE_REPORTS = ['rfm', 'top', 'profitability', 'coverage', 'patterns', 'service', 'anomalies', 'prediction'] as const;
export type HeadOfficeReportName = (typeof HEAD_OFFICE_REPORTS)[number];

/** What a report takes besides the period (query parameters of the API, options of the CLI). */
export const reportOptionsSchema = z.strictObject({
  from: z.string({ message: 'invalid_type' }).optional(),
  to: z.string({ message: 'invalid_type' }).optional(),
  /** anomalies: list open flags (default) or all of them. */
  status: z.enum(['open', 'all'], { message: 'invalid_value' }).optional(),
  /** anomalies: list one rule's flags only (the counts still cover every rule). */
  rule: z.enum(ANOMALY_RULES, { message: 'invalid_value' }).optional(),
  /** prediction: weeks ahead to predict purchases and spend for (1-520, default 52). */
  horizon: z.coerce.number({ message: 'invalid_number' }).int({ message: 'invalid_number' }).min(1, { message: 'invalid' }).max(520, { message: 'invalid' }).optional(),
});
export type HeadOfficeReportOptions = z.input<typeof reportOptionsSchema>;
const OPTIONS_OF: Partial<Record<HeadOfficeReportName, (keyof HeadOfficeReportOptions)[]>> = { anomalies: ['status', 'rule'], prediction: ['horizon'] };

export async function runHeadOfficeReport(db: HeadOfficeDb, name: string, options: HeadOfficeReportOptions, now: Date) {
  if (!(HEAD_OFFICE_REPORTS as readonly string[]).includes(name)) throw new AppError('NOT_FOUND', undefined, `unknown report "${name}": one of ${HEAD_OFFICE_REPORTS.join(', ')}`);
  const report = name as HeadOfficeReportName;
  const o = parseInput(reportOptionsSchema, Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== null)));
  // An option another report takes is refused, not ignored: the caller meant something.
  const refused = (Object.keys(o) as (keyof HeadOfficeReportOptions)[]).filter((k) => k !== 'from' && k !== 'to' && !(OPTIONS_OF[report] ?? []).includes(k));
  if (refused.length) throw new AppError('VALIDATION_FAILED', refused.map((k) => ({ path: [k], code: 'invalid' as const })), `${refused.join(', ')}: not an option of the ${name} report`);
  const p = { from: o.from ?? null, to: o.to ?? null };
  switch (report) {
    case 'rfm':
      return headOfficeRfm(db, now, undefined, p);
    case 'top':
      return headOfficeTop(db, now, p);
    case 'profitability':
      return headOfficeProfitability(db, now, p);
    case 'coverage':
      return headOfficeCoverage(db, now);
    case 'patterns':
      return headOfficePatterns(db, now, p);
    case 'service':
      return headOfficeService(db, now, p);
    case 'anomalies':
      return headOfficeAnomalies(db, now, p, { status: o.status, rule: o.rule });
    case 'prediction':
      return headOfficePrediction(db, now, p, o.horizon ?? 52);
  }
}

const ANOMALY_LABELS: Record<(typeof ANOMALY_RULES)[number], string> = {
  customer_amount: 'Jauh dari biasanya (pelanggan)',
  branch_amount: 'Jauh dari biasanya (cabang)',
  refund_burst: 'Retur beruntun',
  out_of_hours: 'Di luar jam buka',
  heavy_discount: 'Diskon besar',
};

type Scope = { code: string | null; branchId: string | null };

/** A branch comparison for people: one column per branch, the first for all branches together. */
export function comparisonTable(name: HeadOfficeReportName, report: Awaited<ReturnType<typeof runHeadOfficeReport>>): string {
  if (name === 'rfm') return rfmComparisonTable(report as Awaited<ReturnType<typeof headOfficeRfm>>);
  const r = report as unknown as { all: Scope & Record<string, unknown>; branches: (Scope & Record<string, unknown>)[] };
  const scopes = [r.all, ...r.branches];
  const head = ['', ...scopes.map((s) => s.code ?? (s.branchId ? s.branchId.slice(0, 8) : 'Semua'))];
  const cell = (s: Record<string, unknown>, path: string) => {
    const v = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], s);
    return typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : String(v ?? '-');
  };
  const lines: Record<Exclude<HeadOfficeReportName, 'rfm'>, [string, string][]> = {
    top: [['Pelanggan membeli', 'buyers'], ['Terbesar (pendapatan)', 'bySpend.0.revenue'], ['Tersering (hari beli)', 'byFrequency.0.saleDays'], ['Sekali setahun', 'distribution.0.customers']],
    profitability: [['Pelanggan', 'totals.customers'], ['Pendapatan bersih', 'totals.revenue'], ['HPP', 'totals.cogs'], ['Biaya layanan', 'totals.costToServe'], ['Laba', 'totals.profit']],
    coverage: [['Pelanggan', 'customers'], ['Telepon', 'phone'], ['Ponsel', 'mobile'], ['Email', 'email'], ['WhatsApp', 'whatsapp'], ['Kontak sah', 'validContact'], ['Aktif', 'active']],
    patterns: [['Penjualan', 'sales'], ['Pendapatan bersih', 'revenue'], ['Keranjang dengan item', 'bundles.baskets'], ['Pasangan produk', 'bundles.pairs.length']],
    service: [
      ['Kasus', 'cases.total'], ['Selesai', 'cases.resolved'], ['Lewat SLA', 'cases.slaBreaches'], ['Median jam selesai', 'cases.medianHoursToResolve'],
      ['Interaksi', 'interactions.total'], ['Staf aktif', 'staffCount'],
    ],
    anomalies: [
      ...ANOMALY_RULES.map((rule, i): [string, string] => [`${ANOMALY_LABELS[rule]} (terbuka)`, `counts.${i}.open`]),
      ['Ditampilkan', 'flags.length'],
    ],
    prediction: [
      ['Pelanggan membeli', 'run.customers'], ['Dipakai untuk estimasi', 'run.fittedOn'], ['BG/NBD r', 'run.params.r'], ['BG/NBD alpha', 'run.params.alpha'],
      ['BG/NBD a', 'run.params.a'], ['BG/NBD b', 'run.params.b'], ['Pembelian diharapkan', 'expected.purchases'], ['Belanja diharapkan', 'expected.value'],
      ['Perlu dipertahankan', 'retain.length'],
    ],
  };
  const rows = lines[name].map(([label, path]) => [label, ...scopes.map((s) => cell(s, path))]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
