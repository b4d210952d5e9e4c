import { frequencyOfScore, recencyOfScore, tierOfScore, type RfmSegment } from '../../shared/reports/rfm.js';
import type { OutputOf } from '../../shared/api/contract.js';
import type { ReportContext } from './context.js';
import type { SqlParams } from './metrics.js';

export type CustomerLine = OutputOf<'reports.customers'>['rows'][number];

/** A row of rfmSql joined with its customer, as the contract's customer line. */
export interface RfmRow {
  customer_id: string;
  customer_number: string;
  full_name: string;
  city: string | null;
  last_at: string | null;
  sales: number | null;
  sale_days: number | null;
  revenue: number | null;
  cogs: number | null;
  r: number | null;
  f: number | null;
  m: number | null;
  segment: RfmSegment | null;
  cost_to_serve?: number;
  p_alive?: number | null;
  expected_purchases?: number | null;
  expected_value?: number | null;
}

export function lineOf(row: RfmRow): CustomerLine {
  const line: CustomerLine = {
    id: row.customer_id,
    customerNumber: row.customer_number,
    fullName: row.full_name,
    city: row.city,
    lastSaleAt: row.last_at,
    sales: row.sales ?? 0,
    saleDays: row.sale_days ?? 0,
    revenue: row.revenue ?? 0,
    cogs: row.cogs ?? 0,
    segment: row.segment ?? null,
    recency: row.r ? recencyOfScore(row.r) : null,
    frequency: row.f ? frequencyOfScore(row.f) : null,
    tier: row.m ? tierOfScore(row.m) : null,
  };
  if (row.cost_to_serve !== undefined) {
    line.costToServe = row.cost_to_serve;
    line.profit = (row.revenue ?? 0) - (row.cogs ?? 0) - row.cost_to_serve;
  }
  if (row.p_alive !== undefined && row.p_alive !== null) line.pAlive = row.p_alive;
  if (row.expected_purchases !== undefined && row.expected_purchases !== null) line.expectedPurchases = row.expected_purchases;
  if (row.expected_value !== undefined && row.expected_value !== null) line.expectedValue = row.expected_value;
  return line;
}

/**
 * A bounded page of rows of `source` (a query with a customer_id column),
 * ordered and cut before the customers table is touched, so only the page's
 * customers are looked up.
 */
export function pageOfLines(
  ctx: ReportContext,
  source: string,
  params: SqlParams,
  order: string,
  limit: number,
  offset = 0,
  /** Columns computed for the page's rows only (expensive ones: model predictions). */
  pageColumns = '',
): CustomerLine[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT x.*${pageColumns ? `, ${pageColumns}` : ''}, c.customer_number, c.full_name, c.city
       FROM (SELECT * FROM (${source}) ORDER BY ${order} LIMIT @pageLimit OFFSET @pageOffset) x
       JOIN customers c ON c.id = x.customer_id
       ORDER BY ${order}`,
    )
    .all({ ...params, pageLimit: limit, pageOffset: offset }) as RfmRow[];
  return rows.map(lineOf);
}

/**
 * The customer lines of the given ids, in that order: `source` must be
 * restricted to @onlyIds (rfmSql or profitSql with onlyIds), so only these
 * customers are computed and looked up.
 */
export function linesOfIds(ctx: ReportContext, ids: string[], source: string, params: SqlParams, pageColumns = ''): CustomerLine[] {
  if (ids.length === 0) return [];
  const rows = ctx.sqlite
    .prepare(
      `SELECT x.*${pageColumns ? `, ${pageColumns}` : ''}, c.customer_number, c.full_name, c.city
       FROM (${source}) x JOIN customers c ON c.id = x.customer_id`,
    )
    .all({ ...params, onlyIds: JSON.stringify(ids) }) as RfmRow[];
  const byId = new Map(rows.map((r) => [r.customer_id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [lineOf(byId.get(id)!)] : []));
}
