import type { HeadOfficeDb } from '../db/open.js';
import { AppError } from '../../shared/api/errors.js';
import { headOfficeRfm, rfmComparisonTable } from './rfm.js';
import { headOfficeCoverage, headOfficePatterns, headOfficeProfitability, headOfficeTop } from './consolidated.js';
import { headOfficeService } from './service.js';

/**
 * The consolidated reports by name, for the admin API
 * (GET /admin/reports/:name?from=&to=) and `simpul-headoffice report <name>`.
 * Every report has `all` (every branch together) and `branches` (one entry
 * per branch: the comparison).
 */
export const HEAD_OFFICE_REPORTS = ['rfm', 'top', 'profitability', 'coverage', 'patterns', 'service'] as const;
export type HeadOfficeReportName = (typeof HEAD_OFFICE_REPORTS)[number];

export interface HeadOfficePeriod {
  from?: string | null;
  to?: string | null;
}

export async function runHeadOfficeReport(db: HeadOfficeDb, name: string, period: HeadOfficePeriod, now: Date) {
  const p = { from: period.from ?? null, to: period.to ?? null };
  switch (name as HeadOfficeReportName) {
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
    default:
      throw new AppError('NOT_FOUND');
  }
}

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
  };
  const rows = lines[name].map(([label, path]) => [label, ...scopes.map((s) => cell(s, path))]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
