import type { Period } from '../../shared/reports/filters.js';
import type { ReportContext } from './context.js';

/** The period, branch and timing every report carries (titles of exports, "as of" lines). */
export function meta(ctx: ReportContext, period: Period, started: number) {
  const resolved = ctx.period(period);
  return {
    from: period.from,
    to: period.to,
    branchId: period.branchId,
    asOf: resolved.toIso,
    generatedAt: ctx.now().toISOString(),
    ms: Math.round((performance.now() - started) * 10) / 10,
  };
}
