import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { HeadOfficeDb } from '../db/open.js';
import { query } from '../sync/sql.js';
import { parseInput } from '../errors.js';
import { AppError } from '../../shared/api/errors.js';
import { ANOMALY_RULES } from '../../shared/api/procedures/reports.js';
import type { PeriodInput } from '../../shared/reports/filters.js';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../../shared/reports/settings.js';
import { ZONE_OFFSET_HOURS } from '../../shared/reports/period.js';
import { headOfficeContext, reportMeta, reportQuery, scopesOf, type ScopeName } from './scoped.js';

/**
 * Unusual transactions (A5) over every branch's synced sales and refunds
 * (report_transactions, the typed copy the rollup refresh keeps), with the
 * numbers that explain each flag, the rules of a branch
 * (src/branch/reports/anomalies.ts) with the head office's view of "normal":
 * - customer_amount: a sale far above the customer's earlier sales at every
 *   branch (at least MIN_EARLIER_SALES of them, earlier by time; standard
 *   deviations of the log amount, at least 0.25);
 * - branch_amount: a sale at or above the selling branch's threshold,
 *   exp(mean + k x max(sd, 0.25)) of the log amounts of all its sales (a
 *   branch with at least 30 sales);
 * - refund_burst: the Nth refund of one customer (at any branch) within N days;
 * - out_of_hours: a sale outside shop hours in the selling branch's zone;
 * - heavy_discount: a discount of at least the configured share of the list
 *   price (amount + discount).
 * A flag belongs to the branch that recorded the transaction. Reviewed marks
 * are the head office's own (report_anomaly_reviews, migration 0006): they do
 * not travel to the branches, and a branch's marks do not travel here.
 */

export const MIN_EARLIER_SALES = 5;
/** Flags listed for all branches together, and for each branch. */
const ALL_LIMIT = 500;
const BRANCH_LIMIT = 100;

type Rule = (typeof ANOMALY_RULES)[number];

export interface HeadOfficeFlag {
  transactionId: string;
  rule: Rule;
  customerId: string;
  customerNumber: string | null;
  fullName: string | null;
  branchId: string;
  occurredAt: string;
  kind: 'sale' | 'refund';
  amount: number;
  /** Numbers the explanation is worded from (rule-specific, as at a branch). */
  detail: Record<string, number>;
  reviewed: { at: string; by: string; note: string | null } | null;
}

export interface AnomalyScope extends ScopeName {
  counts: { rule: Rule; flags: number; open: number }[];
  flags: HeadOfficeFlag[];
  /** More flags matched the status and rule than the list holds. */
  truncated: boolean;
}

export interface AnomalyOptions {
  status?: 'open' | 'all';
  rule?: Rule;
}

const DETAIL: Record<Rule, (d1: number, d2: number, d3: number) => Record<string, number>> = {
  customer_amount: (d1, d2, d3) => ({ deviations: Math.round(d1 * 10) / 10, usualAmount: d2, earlierSales: d3 }),
  branch_amount: (d1, d2) => ({ usualAmount: d1, threshold: d2 }),
  refund_burst: (d1, d2) => ({ refunds: d1, days: d2 }),
  out_of_hours: (d1, d2, d3) => ({ localHour: d1, openHour: d2, closeHour: d3 }),
  heavy_discount: (d1, d2) => ({ discount: d1, discountPercent: d2 / 10 }),
};

/** Every rule's flags as rows (rule, row_id, customer_id, branch_id, occurred_at, kind, amount, d1, d2, d3). */
function flagsSql(from: string, to: string, a: ReportSettings['anomalies']): SQL {
  const inPeriod = (t: string) => sql`${sql.raw(t)}.occurred_at >= ${from} AND ${sql.raw(t)}.occurred_at < ${to}`;
  const cols = (t: string) => sql.raw(`${t}.row_id, ${t}.customer_id, ${t}.branch_id, ${t}.occurred_at, ${t}.kind, ${t}.amount::float8 AS amount`);
  const ln = sql.raw('ln(greatest(amount, 1)::float8)');
  const burstFrom = from ? new Date(Date.parse(from) - a.refundBurstDays * 86_400_000).toISOString() : '';
  const zones = sql.join(
    Object.entries(ZONE_OFFSET_HOURS).map(([zone, hours]) => sql`WHEN ${zone} THEN ${sql.raw(String(hours))}`),
    sql` `,
  );
  return sql`
    SELECT 'customer_amount' AS rule, ${cols('x')}, x.z AS d1, round(exp(x.s / nullif(x.n, 0)))::float8 AS d2, x.n::float8 AS d3 FROM (
      SELECT w.*, (${ln} - w.s / nullif(w.n, 0)) / greatest(sqrt(greatest((w.s2 - w.s * w.s / nullif(w.n, 0)) / nullif(w.n - 1, 0), 0)), 0.25) AS z
      FROM (
        SELECT t.*, count(*) OVER prior AS n, sum(ln(greatest(t.amount, 1)::float8)) OVER prior AS s, sum(ln(greatest(t.amount, 1)::float8) ^ 2) OVER prior AS s2
        FROM report_transactions t
        -- Every customer's sales: restricting them to the customers of the period (a flagged sale is one of the period's)
        -- cost more than it saved, a hash and a sort of the period's sales against a window read in index order.
        WHERE t.live AND t.kind = 'sale'
        WINDOW prior AS (PARTITION BY t.customer_id ORDER BY t.occurred_at, t.row_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
      ) w WHERE w.n >= ${MIN_EARLIER_SALES} AND ${inPeriod('w')}
    ) x WHERE x.z >= ${a.customerDeviations}
    UNION ALL
    SELECT 'branch_amount', ${cols('t')}, l.usual, l.threshold, NULL FROM (
      SELECT branch_id, round(exp(avg(${ln})))::float8 AS usual,
        ceil(exp(avg(${ln}) + ${a.branchDeviations}::float8 * greatest(coalesce(stddev_samp(${ln}), 0), 0.25)))::float8 AS threshold
      FROM report_transactions WHERE live AND kind = 'sale' GROUP BY branch_id HAVING count(*) >= 30
    ) l JOIN report_transactions t ON t.branch_id = l.branch_id AND t.live AND t.kind = 'sale' AND t.amount >= l.threshold AND ${inPeriod('t')}
    UNION ALL
    SELECT 'refund_burst', ${cols('x')}, x.n, ${a.refundBurstDays}::float8, NULL FROM (
      SELECT t.*, count(*) OVER (PARTITION BY t.customer_id ORDER BY t.occurred_at::timestamptz
          RANGE BETWEEN ${sql.raw(`interval '${a.refundBurstDays} days'`)} PRECEDING AND CURRENT ROW)::float8 AS n
      FROM report_transactions t WHERE t.live AND t.kind = 'refund' AND t.occurred_at >= ${burstFrom} AND t.occurred_at < ${to}
    ) x WHERE x.n >= ${a.refundBurstCount} AND x.occurred_at >= ${from}
    UNION ALL
    SELECT 'out_of_hours', ${cols('t')}, t.local_hour, ${a.openHour}::float8, ${a.closeHour}::float8 FROM (
      -- The hour in the selling branch's zone, from the ISO text (every zone is a whole number of hours from UTC).
      SELECT t.*, ((substr(t.occurred_at, 12, 2)::int + coalesce(CASE b.time_zone ${zones} END, 7)) % 24)::float8 AS local_hour
      FROM report_transactions t LEFT JOIN branches b ON b.id = t.branch_id
      WHERE t.live AND t.kind = 'sale' AND ${inPeriod('t')}
    ) t WHERE NOT (t.local_hour >= ${a.openHour} AND t.local_hour < ${a.closeHour})
    UNION ALL
    SELECT 'heavy_discount', ${cols('t')}, t.discount::float8, (t.discount * 1000 / (t.amount + t.discount))::float8, NULL
    FROM report_transactions t
    WHERE t.live AND t.kind = 'sale' AND t.discount > 0 AND t.discount * 1000 / (t.amount + t.discount) >= ${a.heavyDiscountPercent * 10} AND ${inPeriod('t')}`;
}

export async function headOfficeAnomalies(db: HeadOfficeDb, now: Date, period: PeriodInput = {}, options: AnomalyOptions = {}, settings: ReportSettings = DEFAULT_REPORT_SETTINGS) {
  const started = performance.now();
  const ctx = await headOfficeContext(db, now, period);
  const status = options.status ?? 'open';
  const from = ctx.period.fromIso ?? '';
  const to = ctx.period.toIso;
  type Row = {
    part: 'count' | 'flag';
    scope: string;
    rule: Rule;
    flags: string | null;
    reviewed: string | null;
    row_id: string | null;
    customer_id: string | null;
    branch_id: string | null;
    occurred_at: string | null;
    kind: 'sale' | 'refund' | null;
    amount: number | null;
    d1: number | null;
    d2: number | null;
    d3: number | null;
    reviewed_at: string | null;
    reviewed_by: string | null;
    note: string | null;
    customer_number: string | null;
    full_name: string | null;
  };
  const listedFilter = sql.join(
    [sql`true`, ...(status === 'open' ? [sql`reviewed_at IS NULL`] : []), ...(options.rule ? [sql`rule = ${options.rule}`] : [])],
    sql` AND `,
  );
  const rows = await reportQuery<Row>(
    db,
    sql`WITH f AS MATERIALIZED (
        SELECT f.*, r.reviewed_at, r.reviewed_by, r.note FROM (${flagsSql(from, to, settings.anomalies)}) f
        LEFT JOIN report_anomaly_reviews r ON r.transaction_id = f.row_id AND r.rule = f.rule
      ),
      counts AS (
        SELECT CASE WHEN grouping(branch_id) = 1 THEN '*' ELSE branch_id END AS scope, rule, count(*) AS flags, count(reviewed_at) AS reviewed
        FROM f GROUP BY GROUPING SETS ((branch_id, rule), (rule))
      ),
      -- The newest flags of every branch together and of each branch: a top-N heap per scope over the flags, not one sort of
      -- all of them twice; how many matched comes from the counts (flags - reviewed), in JavaScript.
      listed AS (
        (SELECT '*' AS scope, * FROM f WHERE ${listedFilter} ORDER BY occurred_at DESC, row_id, rule LIMIT ${sql.raw(String(ALL_LIMIT))})
        UNION ALL
        SELECT b.branch_id, l.* FROM (SELECT DISTINCT branch_id FROM f) b
          CROSS JOIN LATERAL (SELECT * FROM f WHERE f.branch_id = b.branch_id AND ${listedFilter} ORDER BY occurred_at DESC, row_id, rule LIMIT ${sql.raw(String(BRANCH_LIMIT))}) l
      )
      SELECT 'count' AS part, scope, rule, flags, reviewed, NULL AS listed, NULL AS row_id, NULL AS customer_id, NULL AS branch_id, NULL AS occurred_at, NULL AS kind,
        NULL::float8 AS amount, NULL::float8 AS d1, NULL::float8 AS d2, NULL::float8 AS d3, NULL AS reviewed_at, NULL AS reviewed_by, NULL AS note,
        NULL AS customer_number, NULL AS full_name
      FROM counts
      UNION ALL
      SELECT 'flag', l.scope, l.rule, NULL, NULL, NULL, l.row_id, l.customer_id, l.branch_id, l.occurred_at, l.kind, l.amount, l.d1, l.d2, l.d3,
        l.reviewed_at, l.reviewed_by, l.note, c.data->>'customer_number', c.data->>'full_name'
      FROM listed l LEFT JOIN sync_objects c ON c.table_name = 'customers' AND c.row_id = l.customer_id`,
  );
  const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
  const scopes = scopesOf(ctx, rows.map((r) => r.scope), (key): Omit<AnomalyScope, keyof ScopeName> => {
    const mine = rows.filter((r) => r.scope === key);
    const counts = ANOMALY_RULES.map((rule) => {
      const c = mine.find((r) => r.part === 'count' && r.rule === rule);
      return { rule, flags: num(c?.flags), open: num(c?.flags) - num(c?.reviewed) };
    });
    const listed = mine.filter((r) => r.part === 'flag');
    const flags = listed
      .map((r): HeadOfficeFlag => ({
        transactionId: r.row_id!,
        rule: r.rule,
        customerId: r.customer_id!,
        customerNumber: r.customer_number,
        fullName: r.full_name,
        branchId: r.branch_id!,
        occurredAt: r.occurred_at!,
        kind: r.kind!,
        amount: Number(r.amount),
        detail: DETAIL[r.rule](Number(r.d1), Number(r.d2), Number(r.d3)),
        reviewed: r.reviewed_at ? { at: r.reviewed_at, by: r.reviewed_by!, note: r.note } : null,
      }))
      .sort((x, y) => (x.occurredAt < y.occurredAt ? 1 : x.occurredAt > y.occurredAt ? -1 : x.transactionId < y.transactionId ? -1 : x.transactionId > y.transactionId ? 1 : x.rule.localeCompare(y.rule)));
    // Flags that matched the status and rule: those of the listed rules, less the reviewed ones when only open flags are listed.
    const matched = mine
      .filter((r) => r.part === 'count' && (!options.rule || r.rule === options.rule))
      .reduce((n, r) => n + num(r.flags) - (status === 'open' ? num(r.reviewed) : 0), 0);
    return { counts, flags, truncated: listed.length > 0 && matched > listed.length };
  });
  return { ...reportMeta(ctx, started), status, rule: options.rule ?? null, ...scopes };
}

export const anomalyReviewSchema = z.strictObject({
  transactionId: z.string({ message: 'invalid_type' }).min(1, { message: 'required' }).max(64, { message: 'too_long' }),
  rule: z.enum(ANOMALY_RULES, { message: 'invalid_value' }),
  note: z.string({ message: 'invalid_type' }).trim().max(500, { message: 'too_long' }).optional(),
  by: z.string({ message: 'invalid_type' }).trim().min(1, { message: 'required' }).max(100, { message: 'too_long' }),
});

/**
 * Marks a flag reviewed at the head office. The transaction must be one the
 * head office holds; marking a flag again keeps the first mark (and says so).
 */
export async function reviewHeadOfficeAnomaly(db: HeadOfficeDb, input: unknown, now: Date) {
  const q = parseInput(anomalyReviewSchema, input);
  const [known] = await query<{ n: string }>(db, sql`SELECT count(*) AS n FROM sync_objects WHERE table_name = 'transactions' AND row_id = ${q.transactionId}`);
  if (Number(known.n) === 0) throw new AppError('NOT_FOUND', undefined, `no transaction ${q.transactionId} at the head office`);
  const at = now.toISOString();
  const inserted = await query<{ transaction_id: string }>(
    db,
    sql`INSERT INTO report_anomaly_reviews (transaction_id, rule, note, reviewed_at, reviewed_by) VALUES (${q.transactionId}, ${q.rule}, ${q.note || null}, ${at}, ${q.by})
      ON CONFLICT (transaction_id, rule) DO NOTHING RETURNING transaction_id`,
  );
  const [mark] = await query<{ reviewed_at: string; reviewed_by: string; note: string | null }>(
    db,
    sql`SELECT reviewed_at, reviewed_by, note FROM report_anomaly_reviews WHERE transaction_id = ${q.transactionId} AND rule = ${q.rule}`,
  );
  return { transactionId: q.transactionId, rule: q.rule, at: mark.reviewed_at, by: mark.reviewed_by, note: mark.note, alreadyReviewed: inserted.length === 0 };
}
