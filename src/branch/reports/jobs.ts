import type { ErrorCode, FieldMessageKey } from '../../shared/api/errors.js';
import type { ReportService } from './service.js';

/**
 * The reports that run in the report worker (runner.ts, worker.ts): the ones
 * that only read. Writes (settings, reviews, the model fit, segments) and
 * exports (they write a file and the audit trail) stay on the core's thread.
 */
export const WORKER_REPORTS = ['rfm', 'top', 'profitability', 'coverage', 'patterns', 'anomalies', 'service', 'prediction', 'customers', 'members'] as const;
export type WorkerReport = (typeof WORKER_REPORTS)[number];

export interface ReportJob {
  id: number;
  report: WorkerReport;
  args: unknown[];
  /** The core's clock when the request came. */
  nowIso: string;
}

export type ReportReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; appError: { code: ErrorCode; fields?: { path: (string | number)[]; code: FieldMessageKey }[] } }
  | { id: number; ok: false; message: string };

export interface ReportWorkerData {
  file: string;
  encryptionKey?: string;
}

export function isReportJob(message: unknown): message is ReportJob {
  const m = message as ReportJob | null;
  return typeof m === 'object' && m !== null && typeof m.id === 'number' && (WORKER_REPORTS as readonly string[]).includes(m.report) && Array.isArray(m.args) && typeof m.nowIso === 'string';
}

/** The same call on a ReportService, in the worker or (without one) on the core's thread. */
export function runReportJob(reports: ReportService, job: Pick<ReportJob, 'report' | 'args'>): unknown {
  const a = job.args as never[];
  switch (job.report) {
    case 'rfm':
      return reports.rfm(a[0]);
    case 'top':
      return reports.top(a[0]);
    case 'profitability':
      return reports.profitability(a[0]);
    case 'coverage':
      return reports.coverage(a[0]);
    case 'patterns':
      return reports.patterns(a[0]);
    case 'anomalies':
      return reports.anomalies(a[0], a[1], a[2]);
    case 'service':
      return reports.service(a[0]);
    case 'prediction':
      return reports.prediction(a[0], a[1]);
    case 'customers':
      return reports.customers(a[0], a[1], a[2], a[3]);
    case 'members':
      return reports.segments.members(a[0], a[1], a[2]);
  }
}
