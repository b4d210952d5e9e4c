import type { BranchDatabase } from '../db/open.js';
import type { Period } from '../../shared/reports/filters.js';
import type { ReportSettings } from '../../shared/reports/settings.js';
import { ReportContext } from './context.js';
import { rfmReport, topReport } from './rfm-report.js';
import { profitabilityReport } from './profitability.js';
import { coverageReport } from './coverage.js';
import { patternsReport } from './patterns.js';
import { anomaliesReport, reviewAnomaly } from './anomalies.js';
import { serviceReport } from './service-report.js';
import { predictionReport } from './prediction-report.js';
import { fitPrediction } from './prediction-model.js';
import { registerReportFunctions } from './sql-functions.js';
import { customersOf } from './customer-list.js';
import { SegmentStore } from './segments.js';
import type { CustomerFilter } from '../../shared/reports/filters.js';

/**
 * The reports of the back-office window (A1-A8, C6, M1) over this branch's
 * database. Every report is SQL aggregates over the rollups and indexes of
 * the reports migrations; only bounded results (buckets, pages, top lists)
 * reach JavaScript. The model fit is the exception the brief allows: it
 * reads one compressed summary row per customer.
 */
export class ReportService {
  readonly ctx: ReportContext;
  readonly segments: SegmentStore;

  constructor(db: BranchDatabase, now: () => Date = () => new Date()) {
    this.ctx = new ReportContext(db, now);
    registerReportFunctions(this.ctx);
    this.segments = new SegmentStore(this.ctx);
  }

  rfm = (period: Period) => rfmReport(this.ctx, period);
  top = (period: Period) => topReport(this.ctx, period);
  profitability = (period: Period) => profitabilityReport(this.ctx, period);
  coverage = (period: Period) => coverageReport(this.ctx, period);
  patterns = (period: Period) => patternsReport(this.ctx, period);
  anomalies = (period: Period, status: 'open' | 'all', rule?: Parameters<typeof anomaliesReport>[3]) => anomaliesReport(this.ctx, period, status, rule);
  reviewAnomaly = (userName: string, input: Parameters<typeof reviewAnomaly>[2]) => reviewAnomaly(this.ctx, userName, input);
  service = (period: Period) => serviceReport(this.ctx, period);
  prediction = (period: Period, horizonWeeks: number) => predictionReport(this.ctx, period, horizonWeeks);
  fitPrediction = (userName: string) => fitPrediction(this.ctx, userName);
  customers = (period: Period, filter: CustomerFilter, offset: number, limit: number) => customersOf(this.ctx, period, filter, offset, limit);
  settings = () => this.ctx.settings();
  saveSettings = (settings: ReportSettings, userId: string) => this.ctx.saveSettings(settings, userId);

  /** Branches whose sales this database holds; this branch first, by name. */
  branches(): { id: string; label: string; own: boolean }[] {
    const own = this.ctx.identity();
    const ids = this.ctx.sqlite.prepare('SELECT DISTINCT branch_id FROM report_sales_hours').pluck().all() as string[];
    if (own && !ids.includes(own.branchId)) ids.unshift(own.branchId);
    return ids
      .map((id) => (own && id === own.branchId ? { id, label: `${own.branchName} (${own.branchCode})`, own: true } : { id, label: id, own: false }))
      .sort((a, b) => Number(b.own) - Number(a.own) || a.label.localeCompare(b.label));
  }
}
