import type { HeadOfficeDb } from '../db/open.js';
import { AppError } from '../../shared/api/errors.js';
import { headOfficeRfm } from './rfm.js';
import { buildComparison } from './comparison.js';
import type { Locale } from '../../shared/reports/labels.js';
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
  /** prediction: fit the models again instead of scoring with the runs stored today for this period (`refit=1`). */
  refit: z.union([z.literal(true), z.enum(['1', 'true'], { message: 'invalid_value' })], { message: 'invalid_value' }).optional(),
});
export type HeadOfficeReportOptions = z.input<typeof reportOptionsSchema>;
const OPTIONS_OF: Partial<Record<HeadOfficeReportName, (keyof HeadOfficeReportOptions)[]>> = { anomalies: ['status', 'rule'], prediction: ['horizon', 'refit'] };

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
      return headOfficePrediction(db, now, p, o.horizon ?? 52, { refit: o.refit !== undefined });
  }
}

/**
 * A branch comparison for people (the CLI without --json): the comparison the
 * console shows (./comparison.ts), as text: a column for all branches, then
 * one per branch; a line per measure under its group. Plain numbers (Rupiah
 * without separators, shares in %), so a script can still cut the columns.
 */
export function comparisonTable(name: HeadOfficeReportName, report: Awaited<ReturnType<typeof runHeadOfficeReport>>, locale: Locale = 'id'): string {
  const comparison = buildComparison(name, report, locale);
  const head = ['', ...comparison.scopes.map((s) => (s.branchId === null ? (locale === 'id' ? 'Semua' : 'All') : s.code ?? s.branchId.slice(0, 8)))];
  const text = (v: number | null, kind: string) =>
    v === null ? '-' : kind === 'percent' ? `${(100 * v).toFixed(1)}%` : kind === 'decimal' ? String(Math.round(v * 10_000) / 10_000) : String(Math.round(v));
  const rows: string[][] = [];
  let group: string | null = null;
  for (const m of comparison.measures) {
    if (m.group !== group) {
      group = m.group;
      rows.push([`[${m.group}]`, ...comparison.scopes.map(() => '')]);
    }
    rows.push([`  ${m.label}`, ...m.values.map((v) => text(v, m.kind))]);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
