import { sql, type SQL } from 'drizzle-orm';
import type { HeadOfficeDb } from '../db/open.js';
import { query } from '../sync/sql.js';
import { periodSchema, type PeriodInput } from '../../shared/reports/filters.js';
import { resolvePeriod, type ResolvedPeriod } from '../../shared/reports/period.js';
import { FREQUENCY_LIMITS, NEW_CUSTOMER_DAYS, type TierThresholds } from '../../shared/reports/rfm.js';
import { refreshReports, type RefreshResult } from './refresh.js';
import { parseInput } from '../errors.js';

/**
 * What every consolidated report starts from: one row per scope and buyer,
 * where a scope is a selling branch or '*' (every branch together), with
 * the same figures a branch's report computes (src/branch/reports/metrics.ts):
 * first and last sale, purchase days (WIB days, added up per selling
 * branch), revenue (sales - refunds), cost of goods, and the RFM scores.
 *
 * All history reads report_customer_facts (customer x branch) and
 * report_customers (customer, all branches); a cut period adds up the whole
 * months of report_customer_months and the partial months at either end
 * from report_transactions. Archived and deleted customers are left out.
 */

export interface HeadOfficeContext {
  db: HeadOfficeDb;
  period: ResolvedPeriod;
  refresh: RefreshResult;
  branches: { id: string; code: string; name: string }[];
}

export async function headOfficeContext(db: HeadOfficeDb, now: Date, period: PeriodInput = {}): Promise<HeadOfficeContext> {
  const parsed = parseInput(periodSchema, { ...period, branchId: null });
  const refresh = await refreshReports(db);
  const branches = await query<{ id: string; code: string; name: string }>(db, sql`SELECT id, code, name FROM branches ORDER BY code`);
  return { db, period: resolvePeriod({ ...parsed, branchId: null }, 'WIB', now), refresh, branches };
}

const day = (column: string) => sql.raw(`(left(${column}, 10)::date - date '1970-01-01')`);

/** Rows (scope, customer_id, first_sale_at, last_sale_at, sales, sale_days, revenue, cogs, ever_first_at) as CTEs ending in `scoped`. */
export function scopedCte(p: ResolvedPeriod): SQL {
  // NOT IN (neither side is ever NULL): the few gone customers are read once from their partial index and hashed;
  // NOT EXISTS was planned as one index probe per buyer row (the CTE's row estimate is far too low).
  const gone = sql`x.customer_id NOT IN (SELECT g.row_id FROM sync_objects g WHERE g.table_name = 'customers'
    AND (g.data->>'archived_at' IS NOT NULL OR g.data->>'deleted' IN ('1', 'true')))`;
  let perCustomerBranch: SQL;
  if (p.allTime) {
    perCustomerBranch = sql`SELECT customer_id, branch_id, first_sale_at, last_sale_at, sales, sale_days,
        (sales_amount - refund_amount)::float8 AS revenue, (sales_cost - refund_cost)::float8 AS cogs FROM report_customer_facts`;
  } else {
    const parts: SQL[] = [];
    const edges: SQL[] = [];
    if (p.months) {
      parts.push(sql`SELECT customer_id, branch_id, first_sale_at, last_sale_at, sales, sale_days,
          (sales_amount - refund_amount)::float8 AS revenue, (sales_cost - refund_cost)::float8 AS cogs
        FROM report_customer_months WHERE month >= ${p.months.from} AND month < ${p.months.to}`);
      if (p.fromIso !== null && p.fromIso < p.months.startIso) edges.push(sql`(occurred_at >= ${p.fromIso} AND occurred_at < ${p.months.startIso})`);
      if (p.months.endIso < p.toIso) edges.push(sql`(occurred_at >= ${p.months.endIso} AND occurred_at < ${p.toIso})`);
    } else {
      edges.push(sql`(occurred_at >= ${p.fromIso ?? ''} AND occurred_at < ${p.toIso})`);
    }
    if (edges.length) {
      parts.push(sql`SELECT customer_id, branch_id, min(occurred_at) FILTER (WHERE kind = 'sale') AS first_sale_at, max(occurred_at) FILTER (WHERE kind = 'sale') AS last_sale_at,
          count(*) FILTER (WHERE kind = 'sale') AS sales, count(DISTINCT local_day) FILTER (WHERE kind = 'sale') AS sale_days,
          sum(CASE WHEN kind = 'sale' THEN amount ELSE -amount END)::float8 AS revenue, sum(CASE WHEN kind = 'sale' THEN cost ELSE -cost END)::float8 AS cogs
        FROM report_transactions WHERE live AND (${sql.join(edges, sql` OR `)}) GROUP BY customer_id, branch_id`);
    }
    perCustomerBranch = sql`SELECT customer_id, branch_id, min(first_sale_at) AS first_sale_at, max(last_sale_at) AS last_sale_at,
        sum(sales)::int AS sales, sum(sale_days)::int AS sale_days, sum(revenue) AS revenue, sum(cogs) AS cogs
      FROM (${sql.join(parts, sql` UNION ALL `)}) u GROUP BY customer_id, branch_id`;
  }
  // Every branch together: report_customers for all history (no grouping at report time), else the sum of the branch rows.
  const allRows = p.allTime
    ? sql`SELECT '*'::text AS scope, customer_id, first_sale_at, last_sale_at, sales, sale_days,
        (sales_amount - refund_amount)::float8 AS revenue, (sales_cost - refund_cost)::float8 AS cogs, first_sale_at AS ever_first_at
        FROM report_customers WHERE sales > 0`
    : sql`SELECT '*'::text AS scope, cb.customer_id, min(cb.first_sale_at), max(cb.last_sale_at), sum(cb.sales)::int, sum(cb.sale_days)::int, sum(cb.revenue), sum(cb.cogs),
        e.first_sale_at
        FROM cb LEFT JOIN report_customers e USING (customer_id) GROUP BY cb.customer_id, e.first_sale_at HAVING sum(cb.sales) > 0`;
  return sql`cb AS MATERIALIZED (${perCustomerBranch}),
    scoped AS (
      SELECT * FROM (
        SELECT cb.branch_id AS scope, cb.customer_id, cb.first_sale_at, cb.last_sale_at, cb.sales, cb.sale_days, cb.revenue, cb.cogs, e.first_sale_at AS ever_first_at
        FROM cb JOIN report_customers e USING (customer_id) WHERE cb.sales > 0
        UNION ALL
        ${allRows}
      ) x WHERE ${gone}
    )`;
}

/** scopedCte plus `measured`: per_year, yearly and the R, F, M scores and is_new. */
export function measuredCte(p: ResolvedPeriod, tiers: TierThresholds): SQL {
  const [f1, f2, f3] = FREQUENCY_LIMITS;
  const asOf = sql.raw(String(p.asOfDay));
  return sql`${scopedCte(p)},
    rated AS (
      SELECT s.*, ${day('s.first_sale_at')} AS first_day, ${day('s.ever_first_at')} AS ever_first_day FROM scoped s
    ),
    measured AS (
      SELECT rated.*,
        CASE WHEN last_sale_at >= ${p.cutoffs.c3} THEN 5 WHEN last_sale_at >= ${p.cutoffs.c6} THEN 4 WHEN last_sale_at >= ${p.cutoffs.c12} THEN 3
          WHEN last_sale_at >= ${p.cutoffs.c24} THEN 2 ELSE 1 END AS r,
        CASE WHEN sale_days * 365.0::float8 / greatest(365, ${asOf} - first_day) < ${f1}::float8 THEN 1
          WHEN sale_days * 365.0::float8 / greatest(365, ${asOf} - first_day) < ${f2}::float8 THEN 2
          WHEN sale_days * 365.0::float8 / greatest(365, ${asOf} - first_day) < ${f3}::float8 THEN 3 ELSE 4 END AS f,
        CASE WHEN revenue * 365.0::float8 / greatest(365, ${asOf} - first_day) >= ${tiers.platinum}::float8 THEN 4
          WHEN revenue * 365.0::float8 / greatest(365, ${asOf} - first_day) >= ${tiers.gold}::float8 THEN 3
          WHEN revenue * 365.0::float8 / greatest(365, ${asOf} - first_day) >= ${tiers.silver}::float8 THEN 2 ELSE 1 END AS m,
        ever_first_day > ${sql.raw(String(p.asOfDay - NEW_CUSTOMER_DAYS))} AS is_new
      FROM rated
    )`;
}

/**
 * The settings of a report's transaction: memory for its groupings (a row
 * per customer), and no JIT compilation. A report's statement is one big
 * expression tree run once; past the planner's jit cost thresholds (100,000
 * customers already) PostgreSQL spent more compiling it than running it:
 * at 100,000 customers 0.4-1.1 s of JIT (inlining, optimisation, emission)
 * per statement, 30-40% of the report. PGlite has no JIT; the setting is
 * accepted there and changes nothing.
 */
export async function reportSettings(tx: HeadOfficeDb): Promise<void> {
  await tx.execute(sql`SELECT set_config('work_mem', '256MB', true), set_config('jit', 'off', true)`);
}

/** Runs a report statement with reportSettings, in one snapshot. */
export async function reportQuery<T>(db: HeadOfficeDb, statement: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await reportSettings(tx as unknown as HeadOfficeDb);
    return query<T>(tx as unknown as HeadOfficeDb, statement);
  });
}

/** The title fields every consolidated report carries. */
export function reportMeta(ctx: HeadOfficeContext, started: number) {
  return {
    from: ctx.period.from,
    to: ctx.period.to,
    asOf: ctx.period.toIso,
    ms: Math.round(performance.now() - started),
    refreshed: ctx.refresh,
  };
}

export interface ScopeName {
  /** null: every branch together. */
  branchId: string | null;
  code: string | null;
  name: string | null;
}

export function scopeName(ctx: HeadOfficeContext, scope: string): ScopeName {
  if (scope === '*') return { branchId: null, code: null, name: null };
  const b = ctx.branches.find((x) => x.id === scope);
  return { branchId: scope, code: b?.code ?? null, name: b?.name ?? null };
}

export function byCode<T extends ScopeName>(a: T, b: T): number {
  return (a.code ?? a.branchId ?? '').localeCompare(b.code ?? b.branchId ?? '');
}

/** `all` (key '*') and one entry per branch (every registered branch, and any other key the rows name), by code. */
export function scopesOf<T>(ctx: HeadOfficeContext, keys: Iterable<string>, make: (key: string) => T): { all: T & ScopeName; branches: (T & ScopeName)[] } {
  const out = new Map<string, T & ScopeName>();
  for (const key of ['*', ...ctx.branches.map((b) => b.id), ...keys]) if (!out.has(key)) out.set(key, { ...scopeName(ctx, key), ...make(key) });
  const all = out.get('*')!;
  out.delete('*');
  return { all, branches: [...out.values()].sort(byCode) };
}
