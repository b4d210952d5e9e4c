import { and, eq } from 'drizzle-orm';
import type { OutputOf } from '../../shared/api/contract.js';
import { ANOMALY_RULES } from '../../shared/api/procedures/reports.js';
import type { Period } from '../../shared/reports/filters.js';
import { newId } from '../../shared/domain/ids.js';
import { AppError } from '../../shared/api/errors.js';
import type { ReportContext } from './context.js';
import { anomalyReviews } from './schema.js';
import { meta } from './meta.js';

type AnomaliesReport = OutputOf<'reports.anomalies'>;
type Rule = (typeof ANOMALY_RULES)[number];
type Flag = AnomaliesReport['flags'][number];

/**
 * Unusual transactions (A5), each flag with the numbers that explain it:
 * - customer_amount: a sale far above the customer's earlier sales (5 or more;
 *   an unusually small sale is no sign of fraud; the
 *   rollup screens every sale when it is written; the report applies the
 *   configured number of standard deviations, on the log scale);
 * - branch_amount: a sale far above the branch's typical sale (mean and
 *   deviation of log amounts over all its sales);
 * - refund_burst: the Nth refund of one customer within N days;
 * - out_of_hours: a sale outside shop hours in the branch's zone;
 * - heavy_discount: a discount of at least the configured share of the list price.
 * Each rule reads an index or a rollup, never every transaction.
 */

const LIST_LIMIT = 500;
/** Fewer earlier sales than this say too little about a customer's normal. */
export const MIN_EARLIER_SALES = 5;

interface FlagRow {
  transaction_id: string;
  customer_id: string;
  branch_id: string;
  occurred_at: string;
  kind: 'sale' | 'refund';
  amount: number;
  d1: number | null;
  d2: number | null;
  d3: number | null;
}

export function anomaliesReport(ctx: ReportContext, period: Period, status: 'open' | 'all', only?: Rule): AnomaliesReport {
  const started = performance.now();
  const p = ctx.period(period);
  const a = ctx.settings().anomalies;
  const base = { fromIso: p.fromIso ?? '', toIso: p.toIso, ...(p.branchId ? { branchId: p.branchId } : {}) };
  const inPeriod = (t: string) => `${t}.occurred_at >= @fromIso AND ${t}.occurred_at < @toIso${p.branchId ? ` AND ${t}.branch_id = @branchId` : ''}`;
  const cols = (t: string) => `${t}.id AS transaction_id, ${t}.customer_id, ${t}.branch_id, ${t}.occurred_at, ${t}.kind, ${t}.amount`;

  const queries: Record<Rule, () => { sql: string; params: Record<string, string | number>; detail: (r: FlagRow) => Record<string, number> }> = {
    customer_amount: () => ({
      sql: `SELECT o.transaction_id, o.customer_id, o.branch_id, o.occurred_at, 'sale' AS kind, o.amount, o.z AS d1, o.usual_amount AS d2, o.prior_sales AS d3
        FROM report_amount_outliers o WHERE ${inPeriod('o')} AND o.z >= @k AND o.prior_sales >= @minEarlier`,
      params: { ...base, k: a.customerDeviations, minEarlier: MIN_EARLIER_SALES },
      detail: (r) => ({ deviations: round(r.d1!), usualAmount: r.d2!, earlierSales: r.d3! }),
    }),
    branch_amount: () => {
      // The branch's normal: mean and deviation of log amounts over all its sales, from the hourly rollup.
      const branches = ctx.sqlite
        .prepare(
          `SELECT branch_id, sum(sales) AS n, total(sum_ln) AS s, total(sum_ln2) AS s2 FROM report_sales_hours
           ${p.branchId ? 'WHERE branch_id = @branchId' : ''} GROUP BY branch_id HAVING sum(sales) >= 30`,
        )
        .all(base) as { branch_id: string; n: number; s: number; s2: number }[];
      const params: Record<string, string | number> = { ...base };
      const parts = branches.map((b, i) => {
        const mean = b.s / b.n;
        const sd = Math.sqrt(Math.max((b.s2 - (b.s * b.s) / b.n) / (b.n - 1), 0));
        params[`b${i}`] = b.branch_id;
        params[`min${i}`] = Math.ceil(Math.exp(mean + a.branchDeviations * Math.max(sd, 0.25)));
        params[`usual${i}`] = Math.round(Math.exp(mean));
        return `SELECT ${cols('t')}, @usual${i} AS d1, @min${i} AS d2, NULL AS d3 FROM transactions t
          WHERE t.kind = 'sale' AND t.voided_at IS NULL AND t.branch_id = @b${i} AND t.amount >= @min${i} AND t.occurred_at >= @fromIso AND t.occurred_at < @toIso`;
      });
      return {
        sql: parts.length ? parts.join(' UNION ALL ') : 'SELECT NULL AS transaction_id WHERE 0',
        params,
        detail: (r) => ({ usualAmount: r.d1!, threshold: r.d2! }),
      };
    },
    refund_burst: () => ({
      // Refunds from N days before the period count towards a burst inside it. The refunds are read from
      // the partial index report_refunds alone, which holds every column used here (migration 0020).
      sql: `SELECT * FROM (
          SELECT ${cols('t')}, count(*) OVER w AS d1, @days AS d2, NULL AS d3 FROM transactions t
          WHERE t.kind = 'refund' AND t.voided_at IS NULL AND t.occurred_at >= @burstFrom AND t.occurred_at < @toIso${p.branchId ? ' AND t.branch_id = @branchId' : ''}
          WINDOW w AS (PARTITION BY t.customer_id ORDER BY unixepoch(t.occurred_at) RANGE BETWEEN @seconds PRECEDING AND CURRENT ROW)
        ) WHERE d1 >= @burst AND occurred_at >= @fromIso`,
      params: {
        ...base,
        burstFrom: p.fromIso ? new Date(new Date(p.fromIso).getTime() - a.refundBurstDays * 86_400_000).toISOString() : '',
        seconds: a.refundBurstDays * 86_400,
        days: a.refundBurstDays,
        burst: a.refundBurstCount,
      },
      detail: (r) => ({ refunds: r.d1!, days: r.d2! }),
    }),
    out_of_hours: () => ({
      // Hours with sales outside shop hours come from the rollup; only their transactions are read (by time).
      // CROSS JOIN keeps the hours outside: the other way round reads every transaction of the period.
      sql: `SELECT ${cols('t')}, (CAST(substr(h.hour, 12, 2) AS INTEGER) + @offset) % 24 AS d1, @open AS d2, @close AS d3
        FROM report_sales_hours h CROSS JOIN transactions t INDEXED BY transactions_occurred ON t.occurred_at >= h.hour || ':' AND t.occurred_at < h.hour || ';' AND t.branch_id = h.branch_id
        WHERE h.sales > 0 AND h.hour >= substr(@fromIso, 1, 13) AND h.hour <= substr(@toIso, 1, 13)${p.branchId ? ' AND h.branch_id = @branchId' : ''}
          AND NOT ((CAST(substr(h.hour, 12, 2) AS INTEGER) + @offset) % 24 BETWEEN @open AND @close - 1)
          AND t.kind = 'sale' AND t.voided_at IS NULL AND t.occurred_at >= @fromIso AND t.occurred_at < @toIso`,
      params: { ...base, offset: p.zoneOffsetHours, open: a.openHour, close: a.closeHour },
      detail: (r) => ({ localHour: r.d1!, openHour: r.d2!, closeHour: r.d3! }),
    }),
    heavy_discount: () => ({
      // INDEXED BY: without statistics the planner prefers the time index and reads every sale of the period.
      sql: `SELECT ${cols('t')}, t.discount AS d1, t.discount * 1000 / (t.amount + t.discount) AS d2, NULL AS d3 FROM transactions t INDEXED BY report_discount_share
        WHERE t.kind = 'sale' AND t.voided_at IS NULL AND t.discount > 0 AND t.discount * 1000 / (t.amount + t.discount) >= @permille AND ${inPeriod('t')}`,
      params: { ...base, permille: a.heavyDiscountPercent * 10 },
      detail: (r) => ({ discount: r.d1!, discountPercent: r.d2! / 10 }),
    }),
  };

  const reviewed = ctx.sqlite.prepare('SELECT reviewed_at AS at, reviewed_by AS by, note FROM anomaly_reviews WHERE transaction_id = ? AND rule = ?');
  const reviewedCount = (sql: string) => `SELECT count(*) AS flags, count(r.seq) AS reviewed FROM (${sql}) f LEFT JOIN anomaly_reviews r ON r.transaction_id = f.transaction_id AND r.rule = @rule`;
  const counts: AnomaliesReport['counts'] = [];
  const flags: Flag[] = [];
  let truncated = false;
  for (const rule of ANOMALY_RULES) {
    const q = queries[rule]();
    const c = ctx.sqlite.prepare(reviewedCount(q.sql)).get({ ...q.params, rule }) as { flags: number; reviewed: number };
    counts.push({ rule, flags: c.flags, open: c.flags - c.reviewed });
    if (only && only !== rule) continue;
    const open = status === 'open' ? 'WHERE r.seq IS NULL' : '';
    const rows = ctx.sqlite
      .prepare(`SELECT f.* FROM (${q.sql}) f LEFT JOIN anomaly_reviews r ON r.transaction_id = f.transaction_id AND r.rule = @rule ${open} ORDER BY f.occurred_at DESC LIMIT @limit`)
      .all({ ...q.params, rule, limit: LIST_LIMIT + 1 }) as FlagRow[];
    if (rows.length > LIST_LIMIT) truncated = true;
    for (const row of rows.slice(0, LIST_LIMIT)) {
      const review = reviewed.get(row.transaction_id, rule) as { at: string; by: string; note: string | null } | undefined;
      flags.push({
        transactionId: row.transaction_id,
        rule,
        customerId: row.customer_id,
        customerNumber: null,
        fullName: null,
        branchId: row.branch_id,
        occurredAt: row.occurred_at,
        kind: row.kind,
        amount: row.amount,
        detail: q.detail(row),
        reviewed: review ?? null,
      });
    }
  }
  flags.sort((x, y) => (x.occurredAt < y.occurredAt ? 1 : x.occurredAt > y.occurredAt ? -1 : 0));
  const shown = flags.slice(0, LIST_LIMIT);
  if (flags.length > LIST_LIMIT) truncated = true;
  const who = ctx.sqlite.prepare('SELECT customer_number, full_name FROM customers WHERE id = ?');
  for (const f of shown) {
    const c = who.get(f.customerId) as { customer_number: string; full_name: string } | undefined;
    f.customerNumber = c?.customer_number ?? null;
    f.fullName = c?.full_name ?? null;
  }
  return { meta: meta(ctx, period, started), counts, flags: shown, truncated };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

export function reviewAnomaly(ctx: ReportContext, userName: string, input: { transactionId: string; rule: Rule; note?: string }) {
  const exists = ctx.sqlite.prepare('SELECT 1 FROM transactions WHERE id = ?').get(input.transactionId);
  if (!exists) throw new AppError('NOT_FOUND');
  const at = ctx.now().toISOString();
  const current = ctx.db.orm
    .select()
    .from(anomalyReviews)
    .where(and(eq(anomalyReviews.transactionId, input.transactionId), eq(anomalyReviews.rule, input.rule)))
    .get();
  if (current) return { transactionId: input.transactionId, rule: input.rule, at: current.reviewedAt, by: current.reviewedBy };
  ctx.db.orm
    .insert(anomalyReviews)
    .values({ id: newId(), transactionId: input.transactionId, rule: input.rule, note: input.note || null, reviewedAt: at, reviewedBy: userName })
    .run();
  return { transactionId: input.transactionId, rule: input.rule, at, by: userName };
}
