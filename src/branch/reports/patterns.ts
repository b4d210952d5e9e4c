import type { OutputOf } from '../../shared/api/contract.js';
import type { Period } from '../../shared/reports/filters.js';
import type { ReportContext } from './context.js';
import type { ResolvedPeriod } from '../../shared/reports/period.js';
import { meta } from './meta.js';

type PatternsReport = OutputOf<'reports.patterns'>;

/**
 * Purchase patterns (A4). Seasonality reads the hourly rollup (one row per
 * UTC hour and branch), shifted into the branch's zone; every offset is a
 * whole number of hours, so local days start on a rollup boundary.
 * Products bought together need line items (S2): read from line_items
 * (transaction_id, product_id), written when an order is completed, and
 * named from the catalogue.
 */

const HOUR_MS = 3_600_000;

function hourRange(p: ResolvedPeriod): { fromHour: string; toHour: string } {
  const end = new Date(p.toIso).getTime();
  const endHour = Math.ceil(end / HOUR_MS) * HOUR_MS;
  return { fromHour: p.fromIso ? p.fromIso.slice(0, 13) : '', toHour: new Date(endHour).toISOString().slice(0, 13) };
}

export function patternsReport(ctx: ReportContext, period: Period): PatternsReport {
  const started = performance.now();
  const p = ctx.period(period);
  const params: Record<string, string | number> = { ...hourRange(p) };
  if (p.branchId) params.branchId = p.branchId;
  const local = `${`hour || ':00:00'`}, '+${p.zoneOffsetHours} hours'`;
  const where = `hour >= @fromHour AND hour < @toHour${p.branchId ? ' AND branch_id = @branchId' : ''}`;
  const by = <K extends string>(key: K, expr: string) =>
    ctx.sqlite
      .prepare(
        `SELECT ${expr} AS "${key}", sum(sales) AS sales, total(sales_amount) - total(refund_amount) AS revenue, sum(refunds) AS refunds
         FROM report_sales_hours WHERE ${where} GROUP BY 1 ORDER BY 1`,
      )
      .all(params) as ({ sales: number; revenue: number; refunds: number } & Record<K, number | string>)[];
  const fill = <K extends 'month' | 'weekday' | 'hour'>(key: K, values: number[], rows: ({ sales: number; revenue: number; refunds: number } & Record<K, number | string>)[]) =>
    values.map((v) => {
      const row = rows.find((r) => Number(r[key]) === v);
      return { [key]: v, sales: row?.sales ?? 0, revenue: row?.revenue ?? 0, refunds: row?.refunds ?? 0 } as { sales: number; revenue: number; refunds: number } & Record<K, number>;
    });
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return {
    meta: meta(ctx, period, started),
    byMonth: fill('month', range(1, 12), by('month', `CAST(strftime('%m', ${local}) AS INTEGER)`)),
    byWeekday: fill('weekday', range(0, 6), by('weekday', `CAST(strftime('%w', ${local}) AS INTEGER)`)),
    byHour: fill('hour', range(0, 23), by('hour', `CAST(strftime('%H', ${local}) AS INTEGER)`)),
    trend: by('period', `strftime('%Y-%m', ${local})`).map((r) => ({ period: String(r.period), sales: r.sales, revenue: r.revenue, refunds: r.refunds })),
    bundles: bundles(ctx, p),
  };
}

/** Pairs of products in the same sale: support, confidence (a -> b) and lift, strongest first. */
function bundles(ctx: ReportContext, p: ResolvedPeriod): PatternsReport['bundles'] {
  if (!ctx.optionalTable('line_items', ['transaction_id', 'product_id'])) return { recorded: false, table: 'line_items' };
  // Products are named from the catalogue (S5: line items of orders carry catalogue item ids), else from a products table, else by id.
  const named = ctx.optionalTable('catalogue_items', ['id', 'name']) ? 'catalogue_items' : ctx.optionalTable('products', ['id', 'name']) ? 'products' : null;
  const params: Record<string, string | number> = { fromIso: p.fromIso ?? '', toIso: p.toIso, minTogether: 2 };
  if (p.branchId) params.branchId = p.branchId;
  // CROSS JOIN: line items drive the join (SQLite keeps the order); the other way round reads every transaction of the period.
  const items = `SELECT DISTINCT li.transaction_id AS t, li.product_id AS p FROM line_items li CROSS JOIN transactions tr ON tr.id = li.transaction_id
    WHERE tr.kind = 'sale' AND tr.voided_at IS NULL AND tr.occurred_at >= @fromIso AND tr.occurred_at < @toIso${p.branchId ? ' AND tr.branch_id = @branchId' : ''}`;
  const baskets = ctx.sqlite.prepare(`SELECT count(DISTINCT t) FROM (${items})`).pluck().get(params) as number;
  if (baskets === 0) return { recorded: true, table: 'line_items', baskets: 0, pairs: [] };
  const name = (col: string) => (named ? `coalesce((SELECT name FROM ${named} WHERE id = ${col}), ${col})` : col);
  const rows = ctx.sqlite
    .prepare(
      `WITH items AS (${items}),
        single AS (SELECT p, count(*) AS n FROM items GROUP BY p),
        pairs AS (SELECT a.p AS pa, b.p AS pb, count(*) AS n FROM items a JOIN items b ON a.t = b.t AND a.p <> b.p GROUP BY a.p, b.p HAVING count(*) >= @minTogether)
      SELECT ${name('pairs.pa')} AS a, ${name('pairs.pb')} AS b, pairs.n AS together,
        pairs.n * 1.0 / @baskets AS support, pairs.n * 1.0 / sa.n AS confidence, pairs.n * 1.0 * @baskets / (sa.n * sb.n) AS lift
      FROM pairs JOIN single sa ON sa.p = pairs.pa JOIN single sb ON sb.p = pairs.pb
      ORDER BY lift DESC, together DESC, a, b LIMIT 30`,
    )
    .all({ ...params, baskets }) as { a: string; b: string; together: number; support: number; confidence: number; lift: number }[];
  return { recorded: true, table: 'line_items', baskets, pairs: rows };
}
