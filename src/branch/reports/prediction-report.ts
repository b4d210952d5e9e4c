import type { OutputOf } from '../../shared/api/contract.js';
import type { Period } from '../../shared/reports/filters.js';
import type { ReportContext } from './context.js';
import { rfmSql, type SqlParams } from './metrics.js';
import { linesOfIds } from './lines.js';
import { meta } from './meta.js';
import { expectedSql, latestRun, pAliveSql, valueSql } from './prediction-model.js';
import { buyerDigest, predictionPass } from './sql-functions.js';

type PredictionReport = OutputOf<'reports.prediction'>;

/**
 * Prediction (A7) from the latest model run: the distribution of the
 * probability still active over the buyers, expected purchases and spend
 * over the chosen horizon, and the customers to call first (repeat buyers
 * who are probably slipping away, the most valuable first). Buyers'
 * histories run to the end of the period.
 */
export function predictionReport(ctx: ReportContext, period: Period, horizonWeeks: number): PredictionReport {
  const started = performance.now();
  const run = latestRun(ctx);
  if (!run) return { meta: meta(ctx, period, started), run: null, horizonWeeks, distribution: [], expected: null, retain: [] };
  const resolved = ctx.period(period);
  const tiers = ctx.settings().tiers;
  // One pass over the buyers' figures (not their RFM classes: nothing here reads them): customers and
  // revenue per P(alive) tenth, expected purchases and spend, and who to retain, worked out per row in
  // JavaScript (predictBuyer, as the SQL of the lists below computes them).
  const model = { bgNbd: run.params, gammaGamma: run.gammaGamma, asOfDay: resolved.asOfDay, horizonWeeks };
  const d = buyerDigest(ctx, resolved, predictionPass(model, 20), { firstAmount: true });
  const distribution = Array.from({ length: 10 }, (_, bin) => ({ bin, customers: d.tally.get(bin)?.rows ?? 0, revenue: d.tally.get(bin)?.sums[0] ?? 0 }));
  const all = [...d.tally.values()];
  const expected = { customers: all.reduce((s, t) => s + t.rows, 0), purchases: all.reduce((s, t) => s + t.sums[1], 0), value: all.reduce((s, t) => s + t.sums[2], 0) };
  const pageParams: SqlParams = { horizonWeeks };
  const page = `SELECT x.*, ${pAliveSql('x', run.params, pageParams)} AS p_alive FROM (${rfmSql(resolved, tiers, pageParams, { firstAmount: true, onlyIds: true })}) x`;
  const retain = linesOfIds(ctx, d.tops[0], page, pageParams, `${expectedSql('x')} AS expected_purchases, ${valueSql('x', run.gammaGamma, pageParams)} AS expected_value`);
  return {
    meta: meta(ctx, period, started),
    run,
    horizonWeeks,
    distribution,
    expected,
    retain,
  };
}
