import type { HandlerGroup } from '../rpc/handlers.js';
import { userOf } from '../rpc/handlers.js';
import { exportReport } from './export/export.js';
import { runReportJob, type WorkerReport } from './jobs.js';

type ReportMethods =
  | 'reports.rfm'
  | 'reports.top'
  | 'reports.profitability'
  | 'reports.coverage'
  | 'reports.patterns'
  | 'reports.anomalies'
  | 'reports.reviewAnomaly'
  | 'reports.service'
  | 'reports.prediction'
  | 'reports.fitPrediction'
  | 'reports.customers'
  | 'reports.settings'
  | 'reports.saveSettings'
  | 'reports.branches'
  | 'reports.export'
  | 'segments.list'
  | 'segments.save'
  | 'segments.delete'
  | 'segments.members';

type HandlerContext = Parameters<HandlerGroup<'reports.rfm'>['reports.rfm']>[0];

/** A read-only report: in the report worker when the host started one (runner.ts), else here. */
function report(ctx: HandlerContext, method: ReportMethods, name: WorkerReport, args: unknown[]): unknown {
  const runner = ctx.services.reportRunner;
  if (!runner) return runReportJob(ctx.services.reports, { report: name, args });
  const who = ctx.session ?? (ctx.actor.kind === 'user' ? ctx.actor.userId : 'anonymous');
  return runner.run(`${who} ${method}`, name, args, ctx.services.reports.ctx.now());
}

export const reportHandlers: HandlerGroup<ReportMethods> = {
  'reports.rfm': (ctx, { period }) => report(ctx, 'reports.rfm', 'rfm', [period]) as never,
  'reports.top': (ctx, { period }) => report(ctx, 'reports.top', 'top', [period]) as never,
  'reports.profitability': (ctx, { period }) => report(ctx, 'reports.profitability', 'profitability', [period]) as never,
  'reports.coverage': (ctx, { period }) => report(ctx, 'reports.coverage', 'coverage', [period]) as never,
  'reports.patterns': (ctx, { period }) => report(ctx, 'reports.patterns', 'patterns', [period]) as never,
  'reports.anomalies': (ctx, { period, status, rule }) => report(ctx, 'reports.anomalies', 'anomalies', [period, status, rule]) as never,
  'reports.reviewAnomaly': (ctx, input) => ctx.services.reports.reviewAnomaly(userOf(ctx).displayName, input),
  'reports.service': (ctx, { period }) => report(ctx, 'reports.service', 'service', [period]) as never,
  'reports.prediction': (ctx, { period, horizonWeeks }) => report(ctx, 'reports.prediction', 'prediction', [period, horizonWeeks]) as never,
  'reports.fitPrediction': (ctx) => ctx.services.reports.fitPrediction(userOf(ctx).displayName),
  'reports.customers': (ctx, { period, filter, offset, limit }) => report(ctx, 'reports.customers', 'customers', [period, filter, offset, limit]) as never,
  'reports.settings': (ctx) => ctx.services.reports.settings(),
  'reports.saveSettings': (ctx, { settings }) => ctx.services.reports.saveSettings(settings, userOf(ctx).userId),
  'reports.branches': (ctx) => ctx.services.reports.branches(),
  'reports.export': (ctx, input) => exportReport(ctx.services.reports, input, ctx.locale),
  'segments.list': (ctx) => ctx.services.reports.segments.list(),
  'segments.save': (ctx, input) => ctx.services.reports.segments.save(userOf(ctx).userId, input),
  'segments.delete': (ctx, { id }) => ctx.services.reports.segments.delete(userOf(ctx).userId, id),
  'segments.members': (ctx, { id, offset, limit }) => report(ctx, 'segments.members', 'members', [id, offset, limit]) as never,
};
