import { desc } from 'drizzle-orm';
import { predictionRuns } from './schema.js';
import { newId } from '../../shared/domain/ids.js';
import { expectedPurchases, fitBgNbd, type BgNbdParams } from '../../shared/analytics/bgnbd.js';
import { fitGammaGamma, gammaGammaScoring, type GammaGammaParams } from '../../shared/analytics/gammaGamma.js';
import { AppError } from '../../shared/api/errors.js';
import type { ReportContext } from './context.js';
import type { SqlParams } from './metrics.js';

/**
 * BG/NBD with Gamma-Gamma (A7) on this branch's customers. The fit reads one
 * summary row per customer (x = purchase days - 1, t_x and T in weeks, the
 * mean of the repeat sales), compressed to distinct (x, t_x, T) with counts,
 * on a seeded random sample above FIT_CAP customers (UUIDv7 ids end in
 * random bits, so their last hex digits draw the sample). Scoring runs in
 * SQL at report time: P(alive) is closed-form; expected purchases need the
 * hypergeometric function, registered as simpul_bgnbd_expected() (sql-functions.ts).
 */

export const FIT_CAP = 50_000;

export interface PredictionRun {
  id: string;
  asOf: string;
  params: BgNbdParams;
  logLikelihood: number;
  gammaGamma: GammaGammaParams | null;
  customers: number;
  fittedOn: number;
  repeatCustomers: number;
  ms: number;
  createdAt: string;
  createdBy: string;
}

export function latestRun(ctx: ReportContext): PredictionRun | null {
  const row = ctx.db.orm.select().from(predictionRuns).orderBy(desc(predictionRuns.seq)).limit(1).get();
  if (!row) return null;
  const gammaGamma = row.gammaGamma ? (JSON.parse(row.gammaGamma) as GammaGammaParams) : null;
  return {
    id: row.id,
    asOf: row.asOf,
    params: JSON.parse(row.bgNbd) as BgNbdParams,
    logLikelihood: row.bgNbdLogLikelihood,
    // A run stored before fits were checked may hold parameters that cannot score (a runaway fit): scored as without Gamma-Gamma.
    gammaGamma: gammaGammaScoring(gammaGamma) ? gammaGamma : null,
    customers: row.customers,
    fittedOn: row.fittedOn,
    repeatCustomers: row.repeatCustomers,
    ms: row.ms,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}

/** P(alive) of the rfm row aliased `alias` (sale_days, first_day, last_day; T counted to @asOfDay). */
export function pAliveSql(alias: string, p: BgNbdParams, params: SqlParams): string {
  Object.assign(params, { pr: p.r, palpha: p.alpha, pa: p.a, pb: p.b });
  const x = `(${alias}.sale_days - 1)`;
  const tx = `((${alias}.last_day - ${alias}.first_day) / 7.0)`;
  const T = `((@asOfDay - ${alias}.first_day) / 7.0)`;
  return `(CASE WHEN ${alias}.sale_days <= 1 THEN 1.0 ELSE 1.0 / (1.0 + (@pa / (@pb + ${x} - 1)) * coalesce(pow((@palpha + ${T}) / (@palpha + ${tx}), @pr + ${x}), 1e300)) END)`;
}

/** Expected purchases of the row `alias` in the next `@horizonWeeks` weeks. */
export function expectedSql(alias: string): string {
  return `simpul_bgnbd_expected(@pr, @palpha, @pa, @pb, ${alias}.sale_days - 1, (${alias}.last_day - ${alias}.first_day) / 7.0, (@asOfDay - ${alias}.first_day) / 7.0, @horizonWeeks)`;
}

/**
 * Gamma-Gamma expected value per future purchase of the row `alias`, or its
 * own mean without a model: the weighted mean of gammaGammaScoring (the
 * population mean and the customer's, weights k and x), which no finite
 * parameters can overflow, where (v + xm)p / (px + q - 1) could.
 */
export function valueSql(alias: string, gg: GammaGammaParams | null, params: SqlParams): string {
  const mean = `(${alias}.sales_amount * 1.0 / max(${alias}.sales, 1))`;
  const s = gammaGammaScoring(gg);
  if (!s) return mean;
  Object.assign(params, { gmean: s.mean, gk: s.k });
  const x = `(${alias}.sales - 1)`;
  const m = `((${alias}.sales_amount - ${alias}.first_amount) * 1.0 / max(${x}, 1))`;
  return `(CASE WHEN ${x} > 0 THEN @gmean + ((${m} - @gmean) * ${x}) / (${x} + @gk) ELSE @gmean END)`;
}

/** A fitted run's models and what a pass predicts for: the period's last day (UTC day number) and the horizon in weeks. */
export interface PredictionModel {
  bgNbd: BgNbdParams;
  gammaGamma: GammaGammaParams | null;
  asOfDay: number;
  horizonWeeks: number;
}

/**
 * P(alive), expected purchases over the horizon and expected value per
 * purchase of one buyer, step for step as pAliveSql, expectedSql and
 * valueSql compute them in SQL (SQL's NULL where those give NULL), for the
 * report's one pass (predictionPass in simpul_buyer_digest): the SQL forms stay for the
 * lists, which read a page of customers.
 */
export function predictBuyer(
  m: PredictionModel,
  saleDays: number,
  firstDay: number,
  lastDay: number,
  sales: number,
  salesAmount: number,
  firstAmount: number | null,
): { pAlive: number; expected: number | null; value: number | null } {
  const { r, alpha, a, b } = m.bgNbd;
  const x = saleDays - 1;
  const tx = (lastDay - firstDay) / 7.0;
  const T = (m.asOfDay - firstDay) / 7.0;
  let pAlive = 1.0;
  if (saleDays > 1) {
    const power = Math.pow((alpha + T) / (alpha + tx), r + x);
    pAlive = 1.0 / (1.0 + (a / (b + x - 1)) * (Number.isNaN(power) ? 1e300 : power));
  }
  const e = expectedPurchases(m.bgNbd, x, tx, T, m.horizonWeeks);
  return { pAlive, expected: Number.isFinite(e) ? e : null, value: expectedValue(m.gammaGamma, sales, salesAmount, firstAmount) };
}

function expectedValue(gg: GammaGammaParams | null, sales: number, salesAmount: number, firstAmount: number | null): number | null {
  const s = gammaGammaScoring(gg);
  if (!s) return (salesAmount * 1.0) / Math.max(sales, 1);
  const x = sales - 1;
  if (x <= 0) return s.mean;
  if (firstAmount === null) return null;
  const mean = ((salesAmount - firstAmount) * 1.0) / Math.max(x, 1);
  return s.mean + ((mean - s.mean) * x) / (x + s.k);
}

export function fitPrediction(ctx: ReportContext, userId: string): PredictionRun {
  const started = performance.now();
  const now = ctx.now();
  const asOfDay = Math.floor(now.getTime() / 86_400_000);
  const buyers = ctx.sqlite.prepare('SELECT count(DISTINCT customer_id) FROM report_customer_facts WHERE sales > 0').pluck().get() as number;
  if (buyers < 2) throw new AppError('VALIDATION_FAILED', [{ path: ['customers'], code: 'too_few_buyers' }]);
  // Sample: keep ids whose last two hex digits fall under the share (of 256) that gives about FIT_CAP.
  const share = Math.min(256, Math.ceil((FIT_CAP / buyers) * 256));
  const sample = share >= 256 ? '' : `AND substr(customer_id, 35, 2) < '${share.toString(16).padStart(2, '0')}'`;
  const perCustomer = `SELECT customer_id, min(first_sale_day) AS first_day, max(last_sale_day) AS last_day,
      sum(sale_days) AS sale_days, sum(sales) AS sales, sum(sales_amount) AS sales_amount,
      CASE WHEN count(*) = 1 THEN max(first_sale_amount)
        ELSE (SELECT f2.first_sale_amount FROM report_customer_facts f2 WHERE f2.customer_id = f.customer_id AND f2.sales > 0 ORDER BY f2.first_sale_at LIMIT 1) END AS first_amount
    FROM report_customer_facts f
    WHERE sales > 0 ${sample} AND customer_id NOT IN (SELECT id FROM customers WHERE archived_at IS NOT NULL OR deleted = 1)
    GROUP BY customer_id`;
  const grouped = ctx.sqlite
    .prepare(`SELECT sale_days - 1 AS x, last_day - first_day AS tx, @asOfDay - first_day AS T, count(*) AS n FROM (${perCustomer}) GROUP BY 1, 2, 3`)
    .raw()
    .all({ asOfDay }) as [number, number, number, number][];
  const x = Float64Array.from(grouped, (g) => g[0]);
  const tx = Float64Array.from(grouped, (g) => g[1] / 7);
  const T = Float64Array.from(grouped, (g) => g[2] / 7);
  const weight = Float64Array.from(grouped, (g) => g[3]);
  const fit = fitBgNbd({ x, tx, T, weight });

  const spend = ctx.sqlite
    .prepare(`SELECT sales - 1, (sales_amount - first_amount) * 1.0 / (sales - 1) FROM (${perCustomer}) WHERE sales > 1 AND sales_amount > first_amount`)
    .raw()
    .all() as [number, number][];
  let gammaGamma: GammaGammaParams | null = null;
  if (spend.length >= 2) {
    const gg = fitGammaGamma({ x: spend.map((s) => s[0]), m: spend.map((s) => s[1]) });
    // Not converged, unidentified (no spread of spend, or a fit run out to the edge of the parameter space) or q <= 1: each buyer's own mean.
    if (gg.converged && gg.params.q > 1) gammaGamma = gg.params;
  }
  const run: PredictionRun = {
    id: newId(),
    asOf: now.toISOString(),
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    gammaGamma,
    customers: buyers,
    fittedOn: fit.customers,
    repeatCustomers: spend.length,
    ms: Math.round(performance.now() - started),
    createdAt: now.toISOString(),
    createdBy: userId,
  };
  ctx.db.orm
    .insert(predictionRuns)
    .values({
      id: run.id,
      asOf: run.asOf,
      bgNbd: JSON.stringify(run.params),
      bgNbdLogLikelihood: run.logLikelihood,
      gammaGamma: gammaGamma ? JSON.stringify(gammaGamma) : null,
      customers: run.customers,
      fittedOn: run.fittedOn,
      repeatCustomers: run.repeatCustomers,
      ms: run.ms,
      createdAt: run.createdAt,
      createdBy: userId,
    })
    .run();
  return run;
}
