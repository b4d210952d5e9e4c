import type { InputOf } from '../../../shared/api/contract.js';
import type { Locale } from '../../../shared/api/errors.js';
import { formatCalendarDate } from '../../../shared/domain/dates.js';
import { periodSchema, type PeriodInput } from '../../../shared/reports/filters.js';
import type { ReportName } from '../../../shared/reports/names.js';
import type { ReportService } from '../service.js';
import { buildDocument, type ReportDocument } from './document.js';
import { readCaseSettings } from '../../cases/service.js';
import { BranchSettings } from '../../setup/settings.js';
import { renderCsv } from '../../../shared/reports/render/csv.js';
import { renderXlsx } from '../../../shared/reports/render/xlsx.js';
import { renderPdf } from '../../../shared/reports/render/pdf.js';
import { REPORT_MIME_TYPES } from '../../../shared/reports/render/document.js';

/** Drill-down exports hold at most this many customers (a bounded result, like every report). */
export const EXPORT_CUSTOMER_LIMIT = 10_000;


/** Runs a report with the window's inputs. */
export function runReport(reports: ReportService, input: Omit<InputOf<'reports.export'>, 'format'>) {
  const period = periodSchema.parse(input.period ?? {});
  switch (input.report) {
    case 'rfm': return reports.rfm(period);
    case 'top': return reports.top(period);
    case 'profitability': return reports.profitability(period);
    case 'coverage': return reports.coverage(period);
    case 'patterns': return reports.patterns(period);
    case 'anomalies': return reports.anomalies(period, 'all');
    case 'service': return reports.service(period);
    case 'prediction': return reports.prediction(period, input.horizonWeeks ?? 52);
    case 'customers': return reports.customers(period, input.filter ?? {}, 0, EXPORT_CUSTOMER_LIMIT);
  }
}

/** A report's value as a titled document: the same numbers as the window, the same words. */
export function reportDocument(reports: ReportService, report: ReportName, value: unknown, periodInput: PeriodInput | undefined, locale: Locale): ReportDocument {
  const period = periodSchema.parse(periodInput ?? {});
  const identity = reports.ctx.identity();
  const branch = period.branchId ? reports.branches().find((b) => b.id === period.branchId)?.label ?? period.branchId : locale === 'id' ? 'Semua cabang' : 'All branches';
  const date = (d: string | null, fallback: string) => (d ? formatCalendarDate(d, locale) : fallback);
  const periodText = `${date(period.from, locale === 'id' ? 'awal' : 'start')} - ${date(period.to, locale === 'id' ? 'hari ini' : 'today')}`;
  return buildDocument(report, value as never, {
    locale,
    zone: identity?.timeZone ?? 'WIB',
    branchLabel: `${identity ? `${identity.branchName} · ` : ''}${branch}`,
    period: periodText,
    // The branch's categories by the names its manager gave them, as on its screens.
    caseCategories: readCaseSettings(new BranchSettings(reports.ctx.db)).categories,
  });
}

export async function exportReport(reports: ReportService, input: InputOf<'reports.export'>, locale: Locale) {
  const doc = reportDocument(reports, input.report, runReport(reports, input), input.period, locale);
  const body = input.format === 'csv' ? renderCsv(doc) : input.format === 'xlsx' ? await renderXlsx(doc) : await renderPdf(doc);
  const stamp = reports.ctx.now().toISOString().slice(0, 10);
  return { fileName: `simpul-${input.report}-${stamp}.${input.format}`, mimeType: REPORT_MIME_TYPES[input.format], base64: body.toString('base64'), bytes: body.length };
}
