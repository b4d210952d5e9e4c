import type { OutputOf } from '../../shared/api/contract.js';
import type { Period } from '../../shared/reports/filters.js';
import { RFM_SEGMENTS, TIERS, rfmOfKey, segmentOf, tierOfScore } from '../../shared/reports/rfm.js';
import { RFM_FIELDS, buyerDigest, rfmCellOf } from './sql-functions.js';
import type { ReportContext } from './context.js';
import type { ResolvedPeriod } from '../../shared/reports/period.js';
import { rfmClasses, rfmSql, type SqlParams } from './metrics.js';
import { linesOfIds } from './lines.js';
import { meta } from './meta.js';

type ProfitabilityReport = OutputOf<'reports.profitability'>;
type CostTerm = ProfitabilityReport['costToServe']['interactions'];

/**
 * Profitability per customer (A3): revenue (sales minus refunds) minus cost
 * of goods minus cost to serve. Cost to serve counts the customer's
 * interactions, cases and campaign messages, each at its configured unit
 * cost; each count is read from its feature's table when the branch has it,
 * and reported as not recorded (never guessed) when it does not.
 */

/** Tables other features keep, with the time column the period cuts on. */
export const COST_SOURCES = {
  interactions: { table: 'interactions', time: ['occurred_at', 'created_at'] },
  cases: { table: 'cases', time: ['opened_at', 'created_at'] },
  messages: { table: 'campaign_messages', time: ['sent_at', 'created_at'] },
} as const;
type CostKey = keyof typeof COST_SOURCES;

interface CostSource {
  key: CostKey;
  table: string;
  where: string;
}

function costSources(ctx: ReportContext, p: ResolvedPeriod, params: SqlParams): { found: CostSource[]; missing: CostKey[] } {
  const found: CostSource[] = [];
  const missing: CostKey[] = [];
  for (const key of Object.keys(COST_SOURCES) as CostKey[]) {
    const source = COST_SOURCES[key];
    const columns = ctx.optionalTable(source.table, ['customer_id']);
    if (!columns) {
      missing.push(key);
      continue;
    }
    const where: string[] = [];
    const time = source.time.find((c) => columns.has(c));
    if (time) {
      params.costFrom = p.fromIso ?? '';
      params.costTo = p.toIso;
      where.push(`${time} >= @costFrom AND ${time} < @costTo`);
    }
    if (columns.has('deleted')) where.push('deleted = 0');
    found.push({ key, table: source.table, where: where.length ? `WHERE ${where.join(' AND ')}` : '' });
  }
  return { found, missing };
}

/** Adds cost_to_serve per customer to a source of customers' figures (`x.*`). */
function withCostToServe(ctx: ReportContext, p: ResolvedPeriod, source: string, params: SqlParams, column = 'cost_to_serve'): { sql: string; found: CostSource[]; missing: CostKey[] } {
  const settings = ctx.settings();
  const { found, missing } = costSources(ctx, p, params);
  const joins = found.map((s) => `LEFT JOIN (SELECT customer_id, count(*) AS n FROM ${s.table} ${s.where} GROUP BY customer_id) ${s.key} ON ${s.key}.customer_id = x.customer_id`);
  const unit = { interactions: settings.costToServe.interaction, cases: settings.costToServe.case, messages: settings.costToServe.message };
  for (const s of found) params[`unit_${s.key}`] = unit[s.key];
  const cost = found.length ? found.map((s) => `coalesce(${s.key}.n, 0) * @unit_${s.key}`).join(' + ') : '0';
  return { sql: `SELECT x.*, ${cost} AS ${column} FROM (${source}) x ${joins.join(' ')}`, found, missing };
}

/** rfmSql plus cost_to_serve per buyer: the lists' SQL. */
export function profitSql(ctx: ReportContext, period: Period, params: SqlParams, options: { onlyIds?: boolean } = {}): { sql: string; found: CostSource[]; missing: CostKey[] } {
  const p = ctx.period(period);
  return withCostToServe(ctx, p, rfmSql(p, ctx.settings().tiers, params, options), params);
}

export function profitabilityReport(ctx: ReportContext, period: Period, limit = 10): ProfitabilityReport {
  const started = performance.now();
  const p = ctx.period(period);
  const classes = rfmClasses(p, ctx.settings().tiers);
  const costParams: SqlParams = {};
  const { found, missing } = costSources(ctx, p, costParams);
  // One pass: sums per RFM cell (the classes worked out in the pass), and the most and least profitable customers.
  const d = buyerDigest(
    ctx,
    p,
    {
      fields: [...RFM_FIELDS, 'cogs', 'extra'],
      values: 3,
      scores: 2,
      n: limit,
      classify: (b, values, scores) => {
        values[0] = b.revenue;
        values[1] = b.cogs;
        values[2] = b.extra;
        const profit = b.revenue - b.cogs - b.extra;
        scores[0] = profit;
        scores[1] = -profit;
        return rfmCellOf(classes, b);
      },
    },
    { wrap: (source, params) => withCostToServe(ctx, p, source, params, 'extra').sql },
  );
  const groups = [...d.tally].map(([code, t]) => {
    const { r, f, m, isNew } = rfmOfKey(code);
    return { segment: segmentOf(r, f, isNew), m, customers: t.rows, revenue: t.sums[0], cogs: t.sums[1], cost: t.sums[2] };
  });
  const empty = () => ({ customers: 0, revenue: 0, cogs: 0, costToServe: 0, profit: 0 });
  const bySegment = new Map(RFM_SEGMENTS.map((s) => [s, { bucket: s, ...empty() }]));
  const byTier = new Map(TIERS.map((t) => [t, { bucket: t, ...empty() }]));
  const totals = empty();
  for (const g of groups) {
    for (const target of [bySegment.get(g.segment)!, byTier.get(tierOfScore(g.m))!, totals]) {
      target.customers += g.customers;
      target.revenue += g.revenue;
      target.cogs += g.cogs;
      target.costToServe += g.cost;
      target.profit += g.revenue - g.cogs - g.cost;
    }
  }
  const counts = new Map<CostKey, number>();
  for (const s of found) {
    counts.set(s.key, ctx.sqlite.prepare(`SELECT count(*) FROM ${s.table} ${s.where}`).pluck().get(costParams) as number);
  }
  const unit = ctx.settings().costToServe;
  const term = (key: CostKey, unitCost: number): CostTerm =>
    missing.includes(key)
      ? { recorded: false, table: COST_SOURCES[key].table }
      : { recorded: true, table: COST_SOURCES[key].table, count: counts.get(key) ?? 0, unitCost, total: (counts.get(key) ?? 0) * unitCost };
  const pageParams: SqlParams = {};
  const page = profitSql(ctx, period, pageParams, { onlyIds: true }).sql;
  return {
    meta: meta(ctx, period, started),
    totals,
    costToServe: { interactions: term('interactions', unit.interaction), cases: term('cases', unit.case), messages: term('messages', unit.message) },
    most: linesOfIds(ctx, d.tops[0], page, pageParams),
    least: linesOfIds(ctx, d.tops[1], page, pageParams),
    bySegment: [...bySegment.values()],
    byTier: [...byTier.values()],
  };
}
