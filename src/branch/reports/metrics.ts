import { segmentOf, NEW_CUSTOMER_DAYS, FREQUENCY_LIMITS, type RfmClassInputs, type TierThresholds } from '../../shared/reports/rfm.js';
import type { ResolvedPeriod } from '../../shared/reports/period.js';

/**
 * The per-customer purchase figures every customer report starts from, as
 * SQL. All-time questions read report_customers (one row per customer,
 * every branch) or, for one branch, report_customer_facts (one row per
 * customer and branch), both kept by triggers; a cut period adds up its
 * whole months and the transactions of its partial months. Both give the same columns:
 *   customer_id, first_at, last_at, first_day, last_day, ever_first_day
 *   (the first purchase ever, for "new"), sales, sale_days,
 *   sales_amount, refund_amount, revenue (sales - refunds), cogs, discount.
 * Archived and deleted customers, and voided transactions, are left out.
 */

export type SqlParams = Record<string, string | number | null>;

const GONE = 'customer_id NOT IN (SELECT id FROM customers WHERE archived_at IS NOT NULL OR deleted = 1)';

export interface MetricsOptions {
  /** Add first_amount, the amount of the customer's first sale in the period. */
  firstAmount?: boolean;
  /** Only these customers (a JSON array bound as @onlyIds): a page of a list. */
  onlyIds?: boolean;
}

export function metricsSql(p: ResolvedPeriod, params: SqlParams, options: MetricsOptions = {}): string {
  if (p.branchId) params.branchId = p.branchId;
  const only = options.onlyIds ? ' AND customer_id IN (SELECT value FROM json_each(@onlyIds))' : '';
  if (p.allTime && !p.branchId) {
    // Every branch: one row per customer, kept by triggers (0018_reports_customers).
    return `SELECT customer_id, ${options.firstAmount ? 'first_sale_amount AS first_amount, ' : ''}first_sale_at AS first_at, last_sale_at AS last_at,
        first_sale_day AS first_day, last_sale_day AS last_day, first_sale_day AS ever_first_day,
        sales, sale_days, sales_amount, refund_amount, revenue, cogs, discount
      FROM report_customers
      WHERE live = 1${only}`;
  }
  if (p.allTime) {
    // One branch: its rows of the facts (customer x selling branch). The amount of the first sale (Gamma-Gamma's repeat mean leaves it out): the earliest row's, looked up only for customers of several branches.
    const firstAmount = options.firstAmount
      ? `CASE WHEN count(*) = 1 THEN max(first_sale_amount) ELSE (SELECT f2.first_sale_amount FROM report_customer_facts f2
          WHERE f2.customer_id = report_customer_facts.customer_id AND f2.sales > 0${p.branchId ? ' AND f2.branch_id = @branchId' : ''} ORDER BY f2.first_sale_at LIMIT 1) END AS first_amount,`
      : '';
    return `SELECT customer_id, ${firstAmount} min(first_sale_at) AS first_at, max(last_sale_at) AS last_at,
        min(first_sale_day) AS first_day, max(last_sale_day) AS last_day, min(first_sale_day) AS ever_first_day,
        sum(sales) AS sales, sum(sale_days) AS sale_days, sum(sales_amount) AS sales_amount,
        sum(refund_amount) AS refund_amount, sum(sales_amount) - sum(refund_amount) AS revenue,
        sum(sales_cost) - sum(refund_cost) AS cogs, sum(discount) AS discount
      FROM report_customer_facts
      WHERE ${p.branchId ? 'branch_id = @branchId AND ' : ''}${GONE}${only}
      GROUP BY customer_id`;
  }
  return periodMetricsSql(p, params, options, only);
}

/**
 * A cut period: whole months (branch zone) from report_customer_months, the
 * partial months at either end from the transactions, added up per customer.
 * Purchase days are local days, and a local day lies in one month, so the
 * parts' days add up. The first sale's amount travels as 'ISO|amount' so
 * min() keeps the earliest one's.
 *
 * The months are added up in their primary key's order (customer first), so
 * without sorting them; the few customers of the partial months are added up
 * on their own and joined in (a UNION ALL of both under one GROUP BY sorted
 * every month row: about a third of a 12-month report's time). A period of
 * every branch with nothing sold after it reads the tails instead (below).
 */
function periodMetricsSql(p: ResolvedPeriod, params: SqlParams, options: MetricsOptions, only: string): string {
  if (p.months && p.nothingAfter && !p.branchId && !only) return tailsMetricsSql(p, p.months, params, options);
  const branch = p.branchId ? ' AND branch_id = @branchId' : '';
  const raw: string[] = [];
  // Inlined, not bound: a bound number arrives as a REAL and the day division would not truncate.
  const zoneSeconds = Math.trunc(p.zoneOffsetHours * 3600);
  const firstAmount = options.firstAmount;
  let months: string | null = null;
  if (p.months) {
    params.monthFrom = p.months.from;
    params.monthTo = p.months.to;
    months = `SELECT customer_id, min(first_sale_at) AS first_at, max(last_sale_at) AS last_at, sum(sales) AS sales, sum(sale_days) AS sale_days,
        sum(sales_amount) AS sales_amount, sum(refund_amount) AS refund_amount, sum(sales_amount) - sum(refund_amount) AS revenue,
        sum(sales_cost) - sum(refund_cost) AS cogs, sum(discount) AS discount${firstAmount ? ", min(first_sale_at || '|' || first_sale_amount) AS first_key" : ''}
      FROM report_customer_months WHERE month >= @monthFrom AND month < @monthTo${branch} AND ${GONE}${only}
      GROUP BY customer_id`;
    if (p.fromIso !== null && p.fromIso < p.months.startIso) {
      params.edgeFrom1 = p.fromIso;
      params.edgeTo1 = p.months.startIso;
      raw.push('(occurred_at >= @edgeFrom1 AND occurred_at < @edgeTo1)');
    }
    if (p.months.endIso < p.toIso) {
      params.edgeFrom2 = p.months.endIso;
      params.edgeTo2 = p.toIso;
      raw.push('(occurred_at >= @edgeFrom2 AND occurred_at < @edgeTo2)');
    }
  } else {
    params.edgeFrom1 = p.fromIso ?? '';
    params.edgeTo1 = p.toIso;
    raw.push('(occurred_at >= @edgeFrom1 AND occurred_at < @edgeTo1)');
  }
  let edges: string | null = null;
  if (raw.length) {
    const firstSale = firstAmount
      ? `, (SELECT f.occurred_at || '|' || f.amount FROM transactions f WHERE f.customer_id = transactions.customer_id AND f.kind = 'sale' AND f.voided_at IS NULL
          AND (${raw.map((r) => r.replace(/occurred_at/g, 'f.occurred_at')).join(' OR ')})${p.branchId ? ' AND f.branch_id = @branchId' : ''} ORDER BY f.occurred_at, f.seq LIMIT 1) AS first_key`
      : '';
    edges = `SELECT customer_id, ${transactionSums(zoneSeconds)}${firstSale}
      FROM transactions
      WHERE voided_at IS NULL AND (${raw.join(' OR ')})${branch} AND ${GONE}${only}
      GROUP BY customer_id`;
  }
  const sums = ['sales', 'sale_days', 'sales_amount', 'refund_amount', 'revenue', 'cogs', 'discount'];
  const key = firstAmount ? ', first_key' : '';
  let combined: string;
  if (months && edges) {
    // Both: a customer's months and partial months side by side, then the customers of the partial months alone.
    const earliest = (c: string) => `coalesce(min(m.${c}, e.${c}), m.${c}, e.${c})`;
    const latest = (c: string) => `coalesce(max(m.${c}, e.${c}), m.${c}, e.${c})`;
    combined = `WITH e AS MATERIALIZED (${edges})
      SELECT m.customer_id, ${earliest('first_at')} AS first_at, ${latest('last_at')} AS last_at,
        ${sums.map((c) => `m.${c} + coalesce(e.${c}, 0) AS ${c}`).join(', ')}${firstAmount ? `, ${earliest('first_key')} AS first_key` : ''}
      FROM (${months}) m LEFT JOIN e ON e.customer_id = m.customer_id
      UNION ALL
      SELECT customer_id, first_at, last_at, ${sums.join(', ')}${key} FROM e
      WHERE NOT EXISTS (SELECT 1 FROM report_customer_months x WHERE x.customer_id = e.customer_id AND x.month >= @monthFrom AND x.month < @monthTo${p.branchId ? ' AND x.branch_id = @branchId' : ''})`;
  } else {
    combined = (months ?? edges)!;
  }
  const first = firstAmount ? `CAST(substr(first_key, instr(first_key, '|') + 1) AS INTEGER) AS first_amount, ` : '';
  // Day numbers and the first purchase ever are worked out once per customer, after adding up.
  return `SELECT customer_id, ${first}first_at, last_at, ${sums.join(', ')},
        unixepoch(first_at) / 86400 AS first_day, unixepoch(last_at) / 86400 AS last_day,
        (SELECT r.first_sale_day FROM report_customers r WHERE r.customer_id = g.customer_id) AS ever_first_day
      FROM (${combined}) g LIMIT -1`;
}

/** A customer's sums over transactions, for a GROUP BY customer_id: sales, refunds, revenue, cost, discount, and sale days in the branch's zone. */
function transactionSums(zoneSeconds: number): string {
  return `min(CASE WHEN kind = 'sale' THEN occurred_at END) AS first_at,
      max(CASE WHEN kind = 'sale' THEN occurred_at END) AS last_at,
      sum(kind = 'sale') AS sales,
      count(DISTINCT CASE WHEN kind = 'sale' THEN (unixepoch(occurred_at) + ${zoneSeconds}) / 86400 END) AS sale_days,
      sum(CASE WHEN kind = 'sale' THEN amount ELSE 0 END) AS sales_amount,
      sum(CASE WHEN kind = 'refund' THEN amount ELSE 0 END) AS refund_amount,
      sum(CASE WHEN kind = 'sale' THEN amount ELSE -amount END) AS revenue,
      sum(CASE WHEN kind = 'sale' THEN cost ELSE -cost END) AS cogs,
      sum(CASE WHEN kind = 'sale' THEN discount ELSE 0 END) AS discount`;
}

/** 'YYYY-MM' of the month before. */
function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${String(y - 1).padStart(4, '0')}-12` : `${String(y).padStart(4, '0')}-${String(m - 1).padStart(2, '0')}`;
}

/** The sums of the transactions in [@edgeFrom1, @edgeTo1) per customer (every branch), with 'ISO|amount' of the first sale when asked. */
function edgeSql(zoneSeconds: number, firstAmount: boolean | undefined): string {
  const firstSale = firstAmount
    ? `, (SELECT f.occurred_at || '|' || f.amount FROM transactions f WHERE f.customer_id = transactions.customer_id AND f.kind = 'sale' AND f.voided_at IS NULL
        AND f.occurred_at >= @edgeFrom1 AND f.occurred_at < @edgeTo1 ORDER BY f.occurred_at, f.seq LIMIT 1) AS first_key`
    : '';
  return `SELECT customer_id, ${transactionSums(zoneSeconds)}${firstSale}
    FROM transactions
    WHERE voided_at IS NULL AND occurred_at >= @edgeFrom1 AND occurred_at < @edgeTo1
    GROUP BY customer_id`;
}

/**
 * A period of every branch with nothing sold after its end (a period to the
 * present, the usual case): its whole months and the rest of its last month
 * are everything from its first whole month on, which report_customer_tails
 * holds added up (0019_reports_customer_tails): one row per customer, the one
 * of the first month from M on (prev_month before M), read as a key range of
 * the months from M; no month row is added up at report time. The part of
 * the month the period starts in comes from the transactions and is added
 * to it (or stands alone for a customer who bought nothing later).
 */
function tailsMetricsSql(p: ResolvedPeriod, months: NonNullable<ResolvedPeriod['months']>, params: SqlParams, options: MetricsOptions): string {
  params.monthFrom = months.from;
  const zoneSeconds = Math.trunc(p.zoneOffsetHours * 3600);
  const firstAmount = options.firstAmount;
  const tails = "report_customer_tails t WHERE t.month >= @monthFrom AND coalesce(t.prev_month, '') < @monthFrom AND t." + GONE;
  // In the column order of the other paths; revenue is sales less refunds.
  const sums = ['sales', 'sale_days', 'sales_amount', 'refund_amount', 'revenue', 'cogs', 'discount'];
  const tail = (c: string) => (c === 'revenue' ? 't.sales_amount - t.refund_amount' : `t.${c}`);
  const plain = `t.customer_id, ${firstAmount ? 't.first_sale_amount AS first_amount, ' : ''}t.first_sale_at AS first_at, t.last_sale_at AS last_at,
        ${sums.map((c) => `${tail(c)} AS ${c}`).join(', ')}, t.first_sale_day AS first_day, t.last_sale_day AS last_day, t.ever_first_day`;
  if (p.fromIso === null || p.fromIso >= months.startIso) return `SELECT ${plain} FROM ${tails}`;
  // The period starts inside a month (M0, the one before @monthFrom): its part comes from the transactions (e).
  // Only a customer who was active in M0 can have bought in that part, and their first tails row from @monthFrom
  // on then says prev_month = M0: only those rows look e up; every other row is the customer's figures as it is.
  params.edgeFrom1 = p.fromIso;
  params.edgeTo1 = months.startIso;
  params.monthBefore = monthBefore(months.from);
  const amountOf = (key: string) => `CAST(substr(${key}, instr(${key}, '|') + 1) AS INTEGER)`;
  const firstAt = 'coalesce(e.first_at, t.first_sale_at)';
  const lastAt = 'coalesce(t.last_sale_at, e.last_at)';
  return `WITH e AS MATERIALIZED (${edgeSql(zoneSeconds, firstAmount)})
    SELECT ${plain} FROM ${tails.replace("coalesce(t.prev_month, '') < @monthFrom", "coalesce(t.prev_month, '') < @monthBefore")}
    UNION ALL
    SELECT t.customer_id, ${firstAmount ? `CASE WHEN e.first_at IS NOT NULL THEN ${amountOf('e.first_key')} ELSE t.first_sale_amount END AS first_amount, ` : ''}
      ${firstAt} AS first_at, ${lastAt} AS last_at,
      ${sums.map((c) => `${tail(c)} + coalesce(e.${c}, 0) AS ${c}`).join(', ')},
      unixepoch(${firstAt}) / 86400 AS first_day, unixepoch(${lastAt}) / 86400 AS last_day, t.ever_first_day
    FROM ${tails.replace("coalesce(t.prev_month, '') < @monthFrom", 't.prev_month = @monthBefore').replace('WHERE', 'LEFT JOIN e ON e.customer_id = t.customer_id WHERE')}
    UNION ALL
    SELECT customer_id, ${firstAmount ? `${amountOf('first_key')} AS first_amount, ` : ''}first_at, last_at, ${sums.join(', ')},
      unixepoch(first_at) / 86400 AS first_day, unixepoch(last_at) / 86400 AS last_day,
      (SELECT r.first_sale_day FROM report_customers r WHERE r.customer_id = e.customer_id) AS ever_first_day
    FROM e WHERE NOT EXISTS (SELECT 1 FROM report_customer_tails x WHERE x.customer_id = e.customer_id AND x.month >= @monthFrom) AND ${GONE}`;
}

/**
 * The RFM segment as a simple CASE on one number, r * 10 + f (+ 100 when
 * new), generated from the shared rules: SQLite evaluates a simple CASE's
 * operand once per row, where a searched CASE over r and f would repeat
 * their whole expressions in every branch (measured: 3x slower on 1M
 * customers).
 */
export function segmentCaseSql(): string {
  const whens: string[] = [];
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 4; f++) {
      for (const isNew of [false, true]) whens.push(`WHEN ${r * 10 + f + (isNew ? 100 : 0)} THEN '${segmentOf(r, f, isNew)}'`);
    }
  }
  return `CASE r * 10 + f + 100 * is_new ${whens.join(' ')} END`;
}

/** The metrics of the period's buyers (customers with a sale in it). */
export function buyersSql(p: ResolvedPeriod, params: SqlParams, options: MetricsOptions = {}): string {
  return `SELECT * FROM (${metricsSql(p, params, options)}) WHERE sales > 0`;
}

/** A buyer's figures in a period, as buyersSql gives them (days are UTC day numbers). */
export interface BuyerFigures {
  lastAt: string | null;
  firstDay: number | null;
  lastDay: number | null;
  everFirstDay: number | null;
  sales: number;
  saleDays: number;
  salesAmount: number;
  revenue: number;
  cogs: number;
  firstAmount: number | null;
}

/** What a customer bought in a part of a period outside its whole months, summed from the transactions (addPartRow). */
export interface PartFigures {
  sales: number;
  saleDays: number;
  salesAmount: number;
  revenue: number;
  cogs: number;
  /** The first and last sale (null: refunds only), days UTC. */
  firstAt: string | null;
  firstSeq: number;
  firstDay: number | null;
  firstAmount: number | null;
  lastAt: string | null;
  lastDay: number | null;
  /** The local days of its sales, to count each once. */
  days: number[];
}

/**
 * What a pass adds to a customer's tails row (or to nothing) to make their
 * figures in the period: the parts of the months the period starts and ends
 * in, and (a closed period) their tails row from the month after its whole
 * months, to take away, with their last sale before that month. One object
 * a customer: a closed period of a year has some 400,000 of them at 1M.
 */
export interface Adjustment {
  before: PartFigures | null;
  after: PartFigures | null;
  later: boolean;
  laterSales: number;
  laterSaleDays: number;
  laterSalesAmount: number;
  laterRevenue: number;
  laterCogs: number;
  laterPrevLastAt: string | null;
  laterPrevLastDay: number | null;
  /** Set by the pass when it met the customer's row. */
  used: boolean;
}

/**
 * Makes a tails row's figures (from the period's first whole month on) the
 * customer's figures in the period: less what came after its whole months
 * (`later`, a closed period), plus the parts at either end. The first sale is
 * the first part's, else the whole months', else the last part's; the last
 * sale the other way round; the last sale in the whole months is the later
 * row's last sale before it. `alone`: the row is zeros (a customer of the
 * parts with no row in the months), so nothing is taken away.
 */
export function adjustFigures(b: BuyerFigures, a: Adjustment, alone: boolean): void {
  const later = a.later && !alone;
  if (later) {
    b.sales -= a.laterSales;
    b.saleDays -= a.laterSaleDays;
    b.salesAmount -= a.laterSalesAmount;
    b.revenue -= a.laterRevenue;
    b.cogs -= a.laterCogs;
  }
  if (b.sales > 0) {
    if (later) {
      b.lastAt = a.laterPrevLastAt;
      b.lastDay = a.laterPrevLastDay;
    }
  } else {
    // No sale in the whole months: the row's first and last sales lie after them.
    b.firstDay = null;
    b.firstAmount = null;
    b.lastAt = null;
    b.lastDay = null;
  }
  const before = a.before;
  if (before) {
    if (before.firstDay !== null) {
      b.firstDay = before.firstDay;
      b.firstAmount = before.firstAmount;
      if (b.lastAt === null) {
        b.lastAt = before.lastAt;
        b.lastDay = before.lastDay;
      }
    }
    addPart(b, before);
  }
  const after = a.after;
  if (after) {
    if (after.firstDay !== null) {
      if (b.firstDay === null) {
        b.firstDay = after.firstDay;
        b.firstAmount = after.firstAmount;
      }
      b.lastAt = after.lastAt;
      b.lastDay = after.lastDay;
    }
    addPart(b, after);
  }
}

function addPart(b: BuyerFigures, part: PartFigures): void {
  b.sales += part.sales;
  b.saleDays += part.saleDays;
  b.salesAmount += part.salesAmount;
  b.revenue += part.revenue;
  b.cogs += part.cogs;
}

export function adjustmentOf(adjust: Map<string, Adjustment>, id: string): Adjustment {
  let a = adjust.get(id);
  if (!a) {
    a = { before: null, after: null, later: false, laterSales: 0, laterSaleDays: 0, laterSalesAmount: 0, laterRevenue: 0, laterCogs: 0, laterPrevLastAt: null, laterPrevLastDay: null, used: false };
    adjust.set(id, a);
  }
  return a;
}

/**
 * Adds one transaction of a part to its customer's figures, in any order:
 * the first sale is the earliest (ties at one instant by seq, as the SQL
 * forms order them), the last the latest, and each local day counts once.
 */
export function addPartRow(a: Adjustment, which: 'before' | 'after', at: string, sale: number, amount: number, cost: number, epoch: number, seq: number, zoneSeconds: number): void {
  let e = a[which];
  if (!e) {
    e = { sales: 0, saleDays: 0, salesAmount: 0, revenue: 0, cogs: 0, firstAt: null, firstSeq: 0, firstDay: null, firstAmount: null, lastAt: null, lastDay: null, days: [] };
    a[which] = e;
  }
  if (!sale) {
    e.revenue -= amount;
    e.cogs -= cost;
    return;
  }
  e.sales += 1;
  e.salesAmount += amount;
  e.revenue += amount;
  e.cogs += cost;
  const day = Math.floor((epoch + zoneSeconds) / 86_400);
  if (!e.days.includes(day)) {
    e.days.push(day);
    e.saleDays += 1;
  }
  if (e.firstAt === null || at < e.firstAt || (at === e.firstAt && seq < e.firstSeq)) {
    e.firstAt = at;
    e.firstSeq = seq;
    e.firstDay = Math.floor(epoch / 86_400);
    e.firstAmount = amount;
  }
  if (e.lastAt === null || at > e.lastAt) {
    e.lastAt = at;
    e.lastDay = Math.floor(epoch / 86_400);
  }
}

/**
 * A source of the period's buyers' figures for one pass (buyersSource). With
 * `adjusted` set, `sql`'s rows are tails rows (figures from the period's
 * first whole month on), `edge_id` names the rows that may have an
 * adjustment, and rows may have sales = 0 until it is made; the adjustments
 * are read first, by `parts` (transactions: customer_id, occurred_at, is a
 * sale, amount, cost, epoch, seq; the zone's offset in seconds) and `later`
 * (tails rows: customer_id, sales, sale_days, sales_amount, revenue, cogs,
 * prev_last_sale_at, prev_last_sale_day), and `alone` reads after the pass
 * the customers of the parts who had no row in it (@edgeAlone, a JSON
 * array of ids).
 */
export interface BuyerSource {
  sql: string;
  adjusted: {
    parts: { which: 'before' | 'after'; sql: string; params: SqlParams }[];
    zoneSeconds: number;
    later: { sql: string; params: SqlParams } | null;
    alone: string | null;
  } | null;
}

const METRIC_COLUMNS = 'customer_id, edge_id, first_amount, first_at, last_at, sales, sale_days, sales_amount, refund_amount, revenue, cogs, discount, first_day, last_day, ever_first_day';

/**
 * The buyers of a period for a report's one pass (rfm cells, top,
 * profitability, prediction: buyerDigest). Like buyersSql, except for a
 * period of every branch with a whole month in it, read from the tails:
 * - to the present (the usual "last 12 months"): each customer's tails row
 *   from the first whole month on is their figures to the end, one pass
 *   over the rows' key range as for a period from a month's first day;
 * - closed (a calendar year, a quarter): the rows whose first month lies in
 *   the whole months, less each customer's row from the month after them,
 *   whose last sale before that month is on it (0023); the month path added
 *   up every month row instead (3.7 million at 1M customers: 1.4 s for the
 *   RFM of 2025, 2.9 s with partial months at both ends);
 * and the parts of the months the period starts and ends in are summed from
 * the transactions through the covering time index (0022: their rows lie
 * all over the table when history was loaded customer by customer). All is
 * added up in JavaScript by buyerDigest, in one read transaction: the SQL
 * forms of the same merge (tailsMetricsSql: three arms under a UNION ALL, or
 * a LEFT JOIN) paid a second pass over the range or a look-up per row (at
 * 1M customers the 12-month RFM took 1.2 s against 0.5 s from a month's
 * first day), and a look-up costs 2-3 us there, so none is made per
 * customer: archived and deleted customers are left out by the tails'
 * filter and by the read of those alone.
 */
export function buyersSource(p: ResolvedPeriod, params: SqlParams, options: MetricsOptions = {}): BuyerSource {
  const months = p.months;
  const before = months !== null && p.fromIso !== null && p.fromIso < months.startIso;
  const after = months !== null && !p.nothingAfter && months.endIso < p.toIso;
  if (p.allTime || !months || p.branchId || options.onlyIds || (p.nothingAfter && !before)) {
    return { sql: buyersSql(p, params, options), adjusted: null };
  }
  const part = (fromIso: string, toIso: string) => ({
    sql: `SELECT customer_id, occurred_at, kind = 'sale' AS is_sale, amount, cost, unixepoch(occurred_at) AS epoch, seq FROM transactions INDEXED BY transactions_occurred
      WHERE occurred_at >= @partFrom AND occurred_at < @partTo AND voided_at IS NULL`,
    params: { partFrom: fromIso, partTo: toIso },
  });
  const parts: NonNullable<BuyerSource['adjusted']>['parts'] = [];
  if (before) parts.push({ which: 'before', ...part(p.fromIso!, months.startIso) });
  if (after) parts.push({ which: 'after', ...part(months.endIso, p.toIso) });
  params.monthFrom = months.from;
  let range = 't.month >= @monthFrom';
  let edgeId = 't.customer_id';
  let later: NonNullable<BuyerSource['adjusted']>['later'] = null;
  if (p.nothingAfter) {
    // Only a customer active in the month before the first whole one can have bought in the part before it.
    params.monthBefore = monthBefore(months.from);
    edgeId = 'CASE WHEN t.prev_month = @monthBefore THEN t.customer_id END';
  } else {
    params.monthTo = months.to;
    range += ' AND t.month < @monthTo';
    // The first row from the month after of each customer active in the whole months (its previous month lies in them).
    later = {
      sql: `SELECT customer_id, sales, sale_days, sales_amount, sales_amount - refund_amount AS revenue, cogs, prev_last_sale_at, prev_last_sale_day FROM report_customer_tails
        WHERE month >= @monthTo AND prev_month >= @monthFrom AND prev_month < @monthTo`,
      params: { monthFrom: months.from, monthTo: months.to },
    };
  }
  const tails = `SELECT t.customer_id, ${edgeId} AS edge_id,
      ${options.firstAmount ? 't.first_sale_amount' : 'NULL'} AS first_amount, t.first_sale_at AS first_at, t.last_sale_at AS last_at,
      t.sales, t.sale_days, t.sales_amount, t.refund_amount, t.sales_amount - t.refund_amount AS revenue, t.cogs, t.discount,
      t.first_sale_day AS first_day, t.last_sale_day AS last_day, t.ever_first_day
    FROM report_customer_tails t WHERE ${range} AND coalesce(t.prev_month, '') < @monthFrom AND t.${GONE}`;
  // The parts' customers with no row in the pass: all their figures are the parts'; live and the first purchase ever from report_customers.
  const alone = `SELECT j.value AS customer_id, j.value AS edge_id, NULL AS first_amount, NULL AS first_at, NULL AS last_at, 0 AS sales, 0 AS sale_days, 0 AS sales_amount,
      0 AS refund_amount, 0 AS revenue, 0 AS cogs, 0 AS discount, NULL AS first_day, NULL AS last_day, r.first_sale_day AS ever_first_day
    FROM json_each(@edgeAlone) j CROSS JOIN report_customers r ON r.customer_id = j.value WHERE r.live = 1`;
  return {
    sql: `SELECT ${METRIC_COLUMNS} FROM (${tails})`,
    adjusted: { parts, zoneSeconds: Math.trunc(p.zoneOffsetHours * 3600), later, alone: parts.length ? `SELECT ${METRIC_COLUMNS} FROM (${alone})` : null },
  };
}

/** What rfmCellKey needs to class buyers as rfmSql does. */
export function rfmClasses(p: ResolvedPeriod, tiers: TierThresholds): RfmClassInputs {
  return { asOfDay: p.asOfDay, cutoffs: p.cutoffs, tiers, newDays: NEW_CUSTOMER_DAYS };
}

/**
 * Buyers in the period with their RFM classes: the metrics plus
 * per_year (purchase days per year), yearly (net spend per year), r, f, m
 * (scores), is_new and segment.
 */
export function rfmSql(p: ResolvedPeriod, tiers: TierThresholds, params: SqlParams, options: MetricsOptions = {}): string {
  Object.assign(params, {
    asOfDay: p.asOfDay,
    c3: p.cutoffs.c3,
    c6: p.cutoffs.c6,
    c12: p.cutoffs.c12,
    c24: p.cutoffs.c24,
    platinum: tiers.platinum,
    gold: tiers.gold,
    silver: tiers.silver,
    newDays: NEW_CUSTOMER_DAYS,
  });
  const [f1, f2, f3] = FREQUENCY_LIMITS;
  return `SELECT *, ${segmentCaseSql()} AS segment FROM (
    SELECT *,
      CASE WHEN last_at >= @c3 THEN 5 WHEN last_at >= @c6 THEN 4 WHEN last_at >= @c12 THEN 3 WHEN last_at >= @c24 THEN 2 ELSE 1 END AS r,
      CASE WHEN per_year < ${f1} THEN 1 WHEN per_year < ${f2} THEN 2 WHEN per_year < ${f3} THEN 3 ELSE 4 END AS f,
      CASE WHEN yearly >= @platinum THEN 4 WHEN yearly >= @gold THEN 3 WHEN yearly >= @silver THEN 2 ELSE 1 END AS m,
      ever_first_day > @asOfDay - @newDays AS is_new
    FROM (
      SELECT *, sale_days * 365.0 / max(365, @asOfDay - first_day) AS per_year,
        revenue * 365.0 / max(365, @asOfDay - first_day) AS yearly
      FROM (${buyersSql(p, params, options)})
    )
    LIMIT -1
  )`;
}
