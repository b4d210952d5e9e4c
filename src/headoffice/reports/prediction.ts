import { sql, type SQL } from 'drizzle-orm';
import type { HeadOfficeDb } from '../db/open.js';
import { query } from '../sync/sql.js';
import type { PeriodInput } from '../../shared/reports/filters.js';
import { expectedPurchases, fitBgNbd, probabilityAlive, type BgNbdParams } from '../../shared/analytics/bgnbd.js';
import { expectedAverageValue, fitGammaGamma, gammaGammaScoring, type GammaGammaParams } from '../../shared/analytics/gammaGamma.js';
import { headOfficeContext, reportMeta, reportSettings, scopesOf, type ScopeName } from './scoped.js';

/**
 * Prediction (A7) at the head office: BG/NBD with Gamma-Gamma, the one
 * implementation in src/shared/analytics that a branch uses too, fitted by
 * maximum likelihood once over every branch's buyers and once per selling
 * branch (each branch's own view of its buyers), on the histories up to the
 * end of the period. The summaries are a branch's (src/branch/reports/prediction-model.ts):
 * x = purchase days - 1 (WIB days, added up per selling branch), t_x and T
 * in weeks from the first sale (UTC day numbers) to the last sale and to the
 * end of the period; Gamma-Gamma on the buyers with more than one sale, on
 * the mean of their sales after the first. Above FIT_CAP buyers a scope is
 * fitted on a deterministic hash sample of customer ids, as a branch samples
 * its ids. PostgreSQL computes the summaries and the per-customer spend
 * terms and groups customers with the same (x, t_x, T); the model functions
 * run here, once per group.
 *
 * A fit is kept (report_prediction_runs, migration 0007) under its scope,
 * period and as-of day: the first request of the day for a period fits, the
 * later ones (the console opening it again, a comparison, an export, the
 * other head-office instance) score today's data with the stored parameters.
 * `refit` fits again and replaces the stored runs. Fitting is the expensive
 * part (tens of thousands of likelihood evaluations per scope); scoring is
 * SQL plus one model call per (x, t_x, T) group.
 */

export const FIT_CAP = 50_000;
const RETAIN_LIMIT = 20;
const DAY_MS = 86_400_000;

export interface PredictionScope extends ScopeName {
  run: {
    params: BgNbdParams;
    logLikelihood: number;
    converged: boolean;
    gammaGamma: GammaGammaParams | null;
    customers: number;
    fittedOn: number;
    repeatCustomers: number;
    /** When these parameters were fitted (ISO), and in how many ms. */
    fittedAt: string;
    fitMs: number;
  } | null;
  /** Buyers and their net revenue per tenth of P(alive) (bin 0: below 0.1, ..., bin 9: 0.9 and above). */
  distribution: { bin: number; customers: number; revenue: number }[];
  expected: { customers: number; purchases: number; value: number } | null;
  /** Repeat buyers who are probably slipping away (P(alive) < 0.5), the highest revenue first. */
  retain: {
    customerId: string;
    customerNumber: string | null;
    fullName: string | null;
    revenue: number;
    sales: number;
    saleDays: number;
    lastSaleAt: string;
    pAlive: number;
    expectedPurchases: number;
    /** Expected value of one future purchase (Gamma-Gamma; their own mean sale without a model), as at a branch. */
    expectedValue: number;
    /** expectedPurchases x expectedValue: the spend to expect over the horizon. */
    expectedSpend: number;
  }[];
}

/** Summaries per scope ('*' or a selling branch) and buyer, as a temp table ho_prediction. */
function summariesSql(from: string, to: string, asOfDay: number): SQL {
  const day = (c: string) => sql.raw(`(left(${c}, 10)::date - date '1970-01-01')`);
  return sql`CREATE TEMP TABLE ho_prediction ON COMMIT DROP AS
    WITH per AS (
      SELECT branch_id, customer_id, count(*) FILTER (WHERE kind = 'sale') AS sales, coalesce(sum(amount) FILTER (WHERE kind = 'sale'), 0)::float8 AS sales_amount,
        sum(CASE WHEN kind = 'sale' THEN amount ELSE -amount END)::float8 AS revenue,
        min(occurred_at) FILTER (WHERE kind = 'sale') AS first_at, max(occurred_at) FILTER (WHERE kind = 'sale') AS last_at,
        count(DISTINCT local_day) FILTER (WHERE kind = 'sale') AS sale_days,
        (array_agg(amount ORDER BY occurred_at, row_id) FILTER (WHERE kind = 'sale'))[1]::float8 AS first_amount
      FROM report_transactions t
      WHERE live AND occurred_at >= ${from} AND occurred_at < ${to}
        AND NOT EXISTS (SELECT 1 FROM sync_objects g WHERE g.table_name = 'customers' AND g.row_id = t.customer_id
          AND (g.data->>'archived_at' IS NOT NULL OR g.data->>'deleted' IN ('1', 'true')))
      GROUP BY branch_id, customer_id
    ),
    scoped AS (
      SELECT branch_id AS scope, customer_id, sales, sales_amount, revenue, first_at, last_at, sale_days, first_amount FROM per WHERE sales > 0
      UNION ALL
      SELECT '*', customer_id, sum(sales), sum(sales_amount), sum(revenue), min(first_at), max(last_at), sum(sale_days),
        (array_agg(first_amount ORDER BY first_at) FILTER (WHERE sales > 0))[1]
      FROM per GROUP BY customer_id HAVING sum(sales) > 0
    )
    SELECT scope, customer_id, sales::int AS sales, sales_amount, revenue, first_at, last_at, sale_days::int AS sale_days, first_amount,
      (sale_days - 1)::int AS x, (${day('last_at')} - ${day('first_at')})::int AS tx, (${sql.raw(String(asOfDay))} - ${day('first_at')})::int AS t_days
    FROM scoped`;
}

type StoredRun = {
  scope: string;
  bg_nbd: BgNbdParams;
  log_likelihood: number;
  converged: boolean;
  gamma_gamma: GammaGammaParams | null;
  customers: number;
  fitted_on: number;
  repeat_customers: number;
  ms: number;
  fitted_at: string;
};

export async function headOfficePrediction(db: HeadOfficeDb, now: Date, period: PeriodInput = {}, horizonWeeks = 52, options: { refit?: boolean } = {}) {
  const started = performance.now();
  const ctx = await headOfficeContext(db, now, period);
  const from = ctx.period.fromIso ?? '';
  const to = ctx.period.toIso;
  const asOfDay = ctx.period.asOfDay;
  type Fitted = NonNullable<PredictionScope['run']>;
  const fits = new Map<string, Fitted>();
  type GroupRow = { scope: string; x: number; tx: number; t_days: number; n: string; revenue: number; v: number };
  type RetainRow = { scope: string; customer_id: string; customer_number: string | null; full_name: string | null; revenue: number; sales: number; sale_days: number; last_at: string; x: number; tx: number; t_days: number; first_amount: number; sales_amount: number };
  const { groups, retain } = await db.transaction(async (tx) => {
    const t = tx as unknown as HeadOfficeDb;
    await reportSettings(t);
    await t.execute(summariesSql(from, to, asOfDay));
    const buyers = await query<{ scope: string; n: string }>(t, sql`SELECT scope, count(*) AS n FROM ho_prediction GROUP BY scope`);
    const fitting = buyers.filter((b) => Number(b.n) >= 2);
    if (fitting.length === 0) return { groups: [] as GroupRow[], retain: [] as RetainRow[] };
    const key = sql`period_from = ${from} AND period_to = ${to} AND as_of_day = ${asOfDay}`;
    const stored = options.refit ? [] : await query<StoredRun>(t, sql`SELECT * FROM report_prediction_runs WHERE ${key}`);
    for (const r of stored) {
      if (!fitting.some((b) => b.scope === r.scope)) continue;
      fits.set(r.scope, {
        params: r.bg_nbd,
        logLikelihood: Number(r.log_likelihood),
        converged: r.converged,
        // A run stored before fits were checked may hold parameters that cannot score (a runaway fit): scored as without Gamma-Gamma.
        gammaGamma: gammaGammaScoring(r.gamma_gamma) ? r.gamma_gamma : null,
        customers: Number(r.customers),
        fittedOn: Number(r.fitted_on),
        repeatCustomers: Number(r.repeat_customers),
        fittedAt: r.fitted_at,
        fitMs: Number(r.ms),
      });
    }
    const toFit = fitting.filter((b) => !fits.has(b.scope));
    if (toFit.length > 0) {
      // Keep ids whose hash falls under the share (of 256) that gives about FIT_CAP buyers per scope.
      const shares = sql.join(toFit.map((b) => sql`(${b.scope}, ${Math.min(256, Math.ceil((FIT_CAP / Number(b.n)) * 256))}::int)`), sql`, `);
      const sampled = sql`ho_prediction s JOIN (VALUES ${shares}) AS k(scope, share) ON k.scope = s.scope AND (k.share >= 256 OR (hashtext(s.customer_id) & 255) < k.share)`;
      const summaries = await query<{ scope: string; x: number; tx: number; t_days: number; n: string }>(
        t,
        sql`SELECT s.scope, s.x, s.tx, s.t_days, count(*) AS n FROM ${sampled} GROUP BY 1, 2, 3, 4`,
      );
      const spend = await query<{ scope: string; xs: number; m: number }>(
        t,
        sql`SELECT s.scope, s.sales - 1 AS xs, (s.sales_amount - s.first_amount) / (s.sales - 1) AS m FROM ${sampled} WHERE s.sales > 1 AND s.sales_amount > s.first_amount`,
      );
      for (const b of toFit) {
        const fitStarted = performance.now();
        const mine = summaries.filter((g) => g.scope === b.scope);
        const fit = fitBgNbd({
          x: Float64Array.from(mine, (g) => Number(g.x)),
          tx: Float64Array.from(mine, (g) => Number(g.tx) / 7),
          T: Float64Array.from(mine, (g) => Number(g.t_days) / 7),
          weight: Float64Array.from(mine, (g) => Number(g.n)),
        });
        const repeat = spend.filter((r) => r.scope === b.scope);
        let gammaGamma: GammaGammaParams | null = null;
        if (repeat.length >= 2) {
          const gg = fitGammaGamma({ x: repeat.map((r) => Number(r.xs)), m: repeat.map((r) => Number(r.m)) });
          // Not converged, unidentified (no spread of spend, or a fit run out to the edge of the parameter space) or q <= 1: each buyer's own mean.
          if (gg.converged && gg.params.q > 1) gammaGamma = gg.params;
        }
        const run: Fitted = {
          params: fit.params,
          logLikelihood: fit.logLikelihood,
          converged: fit.converged,
          gammaGamma,
          customers: Number(b.n),
          fittedOn: fit.customers,
          repeatCustomers: repeat.length,
          fittedAt: now.toISOString(),
          fitMs: Math.round(performance.now() - fitStarted),
        };
        fits.set(b.scope, run);
        // Another instance may have fitted the same key meanwhile: the later fit replaces it (both saw the same day's data).
        await t.execute(sql`INSERT INTO report_prediction_runs (period_from, period_to, as_of_day, scope, bg_nbd, log_likelihood, converged, gamma_gamma, customers, fitted_on, repeat_customers, ms, fitted_at)
          VALUES (${from}, ${to}, ${asOfDay}, ${b.scope}, ${JSON.stringify(run.params)}::jsonb, ${run.logLikelihood}, ${run.converged}, ${gammaGamma ? JSON.stringify(gammaGamma) : null}::jsonb,
            ${run.customers}, ${run.fittedOn}, ${run.repeatCustomers}, ${run.fitMs}, ${run.fittedAt})
          ON CONFLICT (period_from, period_to, as_of_day, scope) DO UPDATE SET bg_nbd = excluded.bg_nbd, log_likelihood = excluded.log_likelihood, converged = excluded.converged,
            gamma_gamma = excluded.gamma_gamma, customers = excluded.customers, fitted_on = excluded.fitted_on, repeat_customers = excluded.repeat_customers, ms = excluded.ms, fitted_at = excluded.fitted_at`);
      }
    }
    // Per customer: the Gamma-Gamma expected value of a future purchase (or their own mean sale without a model), summed per (x, t_x, T),
    // as the weighted mean of gammaGammaScoring (population mean gm, its weight gk), which finite parameters cannot overflow.
    const model = sql.join(
      [...fits].map(([scope, f]) => {
        const s = gammaGammaScoring(f.gammaGamma);
        return sql`(${scope}, ${s?.mean ?? 0}::float8, ${s?.k ?? 0}::float8, ${s !== null}::boolean,
        ${f.params.r}::float8, ${f.params.alpha}::float8, ${f.params.a}::float8, ${f.params.b}::float8)`;
      }),
      sql`, `,
    );
    const scored = sql`ho_prediction s JOIN (VALUES ${model}) AS g(scope, gm, gk, gg, r, alpha, a, b) ON g.scope = s.scope`;
    const value = sql`CASE WHEN NOT g.gg THEN s.sales_amount / greatest(s.sales, 1)
      WHEN s.sales > 1 THEN g.gm + (((s.sales_amount - s.first_amount) / (s.sales - 1) - g.gm) * (s.sales - 1)) / ((s.sales - 1) + g.gk)
      ELSE g.gm END`;
    const groups = await query<GroupRow>(t, sql`SELECT s.scope, s.x, s.tx, s.t_days, count(*) AS n, sum(s.revenue) AS revenue, sum(${value}) AS v FROM ${scored} GROUP BY 1, 2, 3, 4`);
    // P(alive) as probabilityAlive computes it, the odds' logarithm capped so they stay finite (a/(b+x-1) times a capped exp could still overflow).
    const pAlive = sql`CASE WHEN s.x = 0 THEN 1.0 ELSE 1.0 / (1.0 + exp(least(ln(g.a / (g.b + s.x - 1)) + (g.r + s.x) * ln((g.alpha + s.t_days / 7.0) / (g.alpha + s.tx / 7.0)), 700))) END`;
    const retain = await query<RetainRow>(
      t,
      sql`SELECT r.*, c.data->>'customer_number' AS customer_number, c.data->>'full_name' AS full_name FROM (
          SELECT s.*, row_number() OVER (PARTITION BY s.scope ORDER BY s.revenue DESC, s.customer_id) AS rank
          FROM ${scored} WHERE s.sale_days > 1 AND ${pAlive} < 0.5
        ) r LEFT JOIN sync_objects c ON c.table_name = 'customers' AND c.row_id = r.customer_id
        WHERE r.rank <= ${sql.raw(String(RETAIN_LIMIT))} ORDER BY r.scope, r.rank`,
    );
    return { groups, retain };
  });

  const scopes = scopesOf(ctx, fits.keys(), (key): Omit<PredictionScope, keyof ScopeName> => {
    const run = fits.get(key) ?? null;
    const distribution = Array.from({ length: 10 }, (_, bin) => ({ bin, customers: 0, revenue: 0 }));
    if (!run) return { run: null, distribution, expected: null, retain: [] };
    const expected = { customers: 0, purchases: 0, value: 0 };
    for (const g of groups) {
      if (g.scope !== key) continue;
      const [x, tx, T] = [Number(g.x), Number(g.tx) / 7, Number(g.t_days) / 7];
      const n = Number(g.n);
      const bin = Math.min(9, Math.floor(probabilityAlive(run.params, x, tx, T) * 10));
      distribution[bin].customers += n;
      distribution[bin].revenue += Number(g.revenue);
      const e = expectedPurchases(run.params, x, tx, T, horizonWeeks);
      expected.customers += n;
      expected.purchases += n * e;
      expected.value += e * Number(g.v);
    }
    return {
      run,
      distribution,
      expected,
      retain: retain
        .filter((r) => r.scope === key)
        .map((r) => {
          const [x, tx, T] = [Number(r.x), Number(r.tx) / 7, Number(r.t_days) / 7];
          const sales = Number(r.sales);
          const e = expectedPurchases(run.params, x, tx, T, horizonWeeks);
          const v = run.gammaGamma
            ? expectedAverageValue(run.gammaGamma, sales - 1, sales > 1 ? (Number(r.sales_amount) - Number(r.first_amount)) / (sales - 1) : 0)
            : Number(r.sales_amount) / Math.max(sales, 1);
          return {
            customerId: r.customer_id,
            customerNumber: r.customer_number,
            fullName: r.full_name,
            revenue: Number(r.revenue),
            sales,
            saleDays: Number(r.sale_days),
            lastSaleAt: r.last_at,
            pAlive: probabilityAlive(run.params, x, tx, T),
            expectedPurchases: e,
            expectedValue: v,
            expectedSpend: e * v,
          };
        }),
    };
  });
  return { ...reportMeta(ctx, started), horizonWeeks, fitCap: FIT_CAP, asOfDay: new Date(asOfDay * DAY_MS).toISOString().slice(0, 10), ...scopes };
}
