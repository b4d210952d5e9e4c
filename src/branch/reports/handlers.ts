import type { HandlerGroup } from '../rpc/handlers.js';
import { userOf } from '../rpc/handlers.js';
import { exportReport } from './export/export.js';

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

export const reportHandlers: HandlerGroup<ReportMethods> = {
  'reports.rfm': (ctx, { period }) => ctx.services.reports.rfm(period),
  'reports.top': (ctx, { period }) => ctx.services.reports.top(period),
  'reports.profitability': (ctx, { period }) => ctx.services.reports.profitability(period),
  'reports.coverage': (ctx, { period }) => ctx.services.reports.coverage(period),
  'reports.patterns': (ctx, { period }) => ctx.services.reports.patterns(period),
  'reports.anomalies': (ctx, { period, status, rule }) => ctx.services.reports.anomalies(period, status, rule),
  'reports.reviewAnomaly': (ctx, input) => ctx.services.reports.reviewAnomaly(userOf(ctx).displayName, input),
  'reports.service': (ctx, { period }) => ctx.services.reports.service(period),
  'reports.prediction': (ctx, { period, horizonWeeks }) => ctx.services.reports.prediction(period, horizonWeeks),
  'reports.fitPrediction': (ctx) => ctx.services.reports.fitPrediction(userOf(ctx).displayName),
  'reports.customers': (ctx, { period, filter, offset, limit }) => ctx.services.reports.customers(period, filter, offset, limit),
  'reports.settings': (ctx) => ctx.services.reports.settings(),
  'reports.saveSettings': (ctx, { settings }) => ctx.services.reports.saveSettings(settings, userOf(ctx).userId),
  'reports.branches': (ctx) => ctx.services.reports.branches(),
  'reports.export': (ctx, input) => exportReport(ctx.services.reports, input, ctx.locale),
  'segments.list': (ctx) => ctx.services.reports.segments.list(),
  'segments.save': (ctx, input) => ctx.services.reports.segments.save(userOf(ctx).userId, input),
  'segments.delete': (ctx, { id }) => ctx.services.reports.segments.delete(userOf(ctx).userId, id),
  'segments.members': (ctx, { id, offset, limit }) => ctx.services.reports.segments.members(id, offset, limit),
};
