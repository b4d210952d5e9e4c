import { sql } from 'drizzle-orm';
import type { HeadOfficeDb } from '../db/open.js';
import type { PeriodInput } from '../../shared/reports/filters.js';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../../shared/reports/settings.js';
import { FREQUENCY_BUCKETS, frequencyOfScore } from '../../shared/reports/rfm.js';
import { SYNCED_TABLES } from '../../shared/sync/tables.js';
import { headOfficeContext, measuredCte, reportMeta, reportQuery, scopedCte, scopesOf, type HeadOfficeContext } from './scoped.js';

/**
 * The reporting window's reports at the head office over every branch's
 * synced data, each for all branches together and per selling branch (or
 * home branch, for coverage): top customers and the purchase distribution
 * (A2), profitability (A3), coverage (C6) and purchase patterns (A4). The
 * definitions are the branch's (docs/reports.md); only sums, counts and the
 * short lists leave PostgreSQL.
 */

interface TopLine {
  customerId: string;
  customerNumber: string | null;
  fullName: string | null;
  revenue: number;
  saleDays: number;
  lastSaleAt: string | null;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));


const customerName = (column: string) =>
  sql.raw(`(SELECT o.data->>'customer_number' FROM sync_objects o WHERE o.table_name = 'customers' AND o.row_id = ${column}) AS customer_number,
    (SELECT o.data->>'full_name' FROM sync_objects o WHERE o.table_name = 'customers' AND o.row_id = ${column}) AS full_name`);

/** Top 10 by spend and by purchase days, and buyers per frequency bucket, per scope. */
export async function headOfficeTop(db: HeadOfficeDb, now: Date, period: PeriodInput = {}, settings: ReportSettings = DEFAULT_REPORT_SETTINGS, limit = 10) {
  const started = performance.now();
  const ctx = await headOfficeContext(db, now, period);
  type Row = { scope: string; customer_id: string; customer_number: string | null; full_name: string | null; revenue: number; sale_days: number; last_sale_at: string; list: 'spend' | 'frequency' };
  type DistRow = { scope: string; f: number; customers: string };
  // One statement (the per-buyer rows are built once for the lists and the distribution); one after the other would be needed anyway: PGlite has a single connection.
  const rows = await reportQuery<(Row & { f: null; customers: null }) | (DistRow & { list: 'distribution' })>(
      db,
      sql`WITH ${measuredCte(ctx.period, settings.tiers)},
        -- The first few of each scope by a top-N heap per scope (LATERAL ... LIMIT), not two window sorts of every buyer row.
        scopes AS (SELECT DISTINCT scope FROM scoped),
        ranked AS (
          SELECT k.scope, l.*, 'spend' AS list FROM scopes k CROSS JOIN LATERAL (
            SELECT customer_id, revenue, sale_days, last_sale_at FROM scoped s WHERE s.scope = k.scope ORDER BY revenue DESC, customer_id LIMIT ${limit}) l
          UNION ALL
          SELECT k.scope, l.*, 'frequency' FROM scopes k CROSS JOIN LATERAL (
            SELECT customer_id, revenue, sale_days, last_sale_at FROM scoped s WHERE s.scope = k.scope ORDER BY sale_days DESC, revenue DESC, customer_id LIMIT ${limit}) l
        )
        SELECT scope, customer_id, revenue, sale_days, last_sale_at, list, ${customerName('ranked.customer_id')}, NULL::int AS f, NULL::bigint AS customers FROM ranked
        UNION ALL
        SELECT scope, NULL, NULL, NULL, NULL, 'distribution', NULL, NULL, f, count(*) FROM measured GROUP BY scope, f`,
  );
  const lists = rows.filter((r): r is Row & { f: null; customers: null } => r.list !== 'distribution');
  const dist = rows.filter((r): r is DistRow & { list: 'distribution' } => r.list === 'distribution');
  const line = (r: Row): TopLine => ({ customerId: r.customer_id, customerNumber: r.customer_number, fullName: r.full_name, revenue: num(r.revenue), saleDays: num(r.sale_days), lastSaleAt: r.last_sale_at });
  const sortSpend = (a: TopLine, b: TopLine) => b.revenue - a.revenue || (a.customerId < b.customerId ? -1 : 1);
  const sortDays = (a: TopLine, b: TopLine) => b.saleDays - a.saleDays || sortSpend(a, b);
  const scopes = scopesOf(ctx, [...lists.map((r) => r.scope), ...dist.map((d) => d.scope)], (key) => {
    const counts = FREQUENCY_BUCKETS.map((bucket) => ({ bucket, customers: 0, share: 0 }));
    for (const d of dist.filter((x) => x.scope === key)) counts.find((c) => c.bucket === frequencyOfScore(Number(d.f)))!.customers += num(d.customers);
    const buyers = counts.reduce((s, c) => s + c.customers, 0);
    for (const c of counts) c.share = buyers ? c.customers / buyers : 0;
    const mine = lists.filter((r) => r.scope === key);
    return {
      buyers,
      bySpend: mine.filter((r) => r.list === 'spend').map(line).sort(sortSpend),
      byFrequency: mine.filter((r) => r.list === 'frequency').map(line).sort(sortDays),
      distribution: counts,
    };
  });
  return { ...reportMeta(ctx, started), ...scopes };
}

/** Tables of cost to serve (A3) the head office receives, with the time column a period cuts on. */
const COST_TABLES = [
  { key: 'interactions', table: 'interactions', time: 'occurred_at' },
  { key: 'cases', table: 'cases', time: 'opened_at' },
  { key: 'messages', table: 'campaign_messages', time: 'sent_at' },
] as const;

/**
 * Profitability per scope: revenue - cost of goods - cost to serve. Cost to
 * serve counts the interactions, cases and campaign messages synced for the
 * scope's buyers (per branch: those recorded by that branch), each at its
 * unit cost; a table the branches do not sync yet is reported as not recorded.
 */
export async function headOfficeProfitability(db: HeadOfficeDb, now: Date, period: PeriodInput = {}, settings: ReportSettings = DEFAULT_REPORT_SETTINGS, limit = 10) {
  const started = performance.now();
  const ctx = await headOfficeContext(db, now, period);
  const recorded = COST_TABLES.filter((c) => SYNCED_TABLES.some((t) => t.name === c.table));
  const unit: Record<string, number> = { interactions: settings.costToServe.interaction, cases: settings.costToServe.case, messages: settings.costToServe.message };
  const from = ctx.period.fromIso ?? '';
  const to = ctx.period.toIso;
  const serve = recorded.length
    ? sql`served AS (
        SELECT customer_id, created_by_branch AS branch_id, sum(CASE ${sql.join(recorded.map((c) => sql`WHEN table_name = ${c.table} THEN ${unit[c.key]}::float8`), sql` `)} ELSE 0 END) AS cost
        FROM sync_objects
        WHERE table_name IN (${sql.join(recorded.map((c) => sql`${c.table}`), sql`, `)}) AND customer_id IS NOT NULL
          AND coalesce(data->>'deleted', '0') NOT IN ('1', 'true')
          AND coalesce(${sql.join(recorded.map((c) => sql`CASE WHEN table_name = ${c.table} THEN data->>${c.time} END`), sql`, `)}, '') >= ${from}
          AND coalesce(${sql.join(recorded.map((c) => sql`CASE WHEN table_name = ${c.table} THEN data->>${c.time} END`), sql`, `)}, '') < ${to}
        GROUP BY 1, 2),
      served_all AS (SELECT customer_id, '*'::text AS branch_id, sum(cost) AS cost FROM served GROUP BY 1),`
    : sql`served AS (SELECT NULL::text AS customer_id, NULL::text AS branch_id, 0::float8 AS cost WHERE false), served_all AS (SELECT * FROM served),`;
  type Row = { scope: string; kind: 'total' | 'listed'; customer_id: string | null; customers: string; revenue: number; cogs: number; cost: number; customer_number: string | null; full_name: string | null };
  const rows = await reportQuery<Row>(
    db,
    sql`WITH ${scopedCte(ctx.period)}, ${serve}
      profit AS (
        SELECT s.scope, s.customer_id, s.revenue, s.cogs, coalesce(v.cost, 0) AS cost, s.revenue - s.cogs - coalesce(v.cost, 0) AS profit
        FROM scoped s LEFT JOIN (SELECT * FROM served UNION ALL SELECT * FROM served_all) v ON v.customer_id = s.customer_id AND v.branch_id = s.scope
      ),
      -- Each scope's most and least profitable buyers by a top-N heap per scope and list, not two window sorts of every buyer
      -- row; a buyer on both lists (a scope of few buyers) once.
      scopes AS (SELECT DISTINCT scope FROM profit),
      ranked AS (
        SELECT k.scope, l.* FROM scopes k CROSS JOIN LATERAL (
          SELECT customer_id, revenue, cogs, cost FROM profit p WHERE p.scope = k.scope ORDER BY profit DESC, customer_id LIMIT ${limit}) l
        UNION
        SELECT k.scope, l.* FROM scopes k CROSS JOIN LATERAL (
          SELECT customer_id, revenue, cogs, cost FROM profit p WHERE p.scope = k.scope ORDER BY profit, customer_id LIMIT ${limit}) l
      )
      SELECT scope, 'total' AS kind, NULL AS customer_id, count(*) AS customers, sum(revenue) AS revenue, sum(cogs) AS cogs, sum(cost) AS cost, NULL AS customer_number, NULL AS full_name
        FROM profit GROUP BY scope
      UNION ALL
      SELECT scope, 'listed', customer_id, 1, revenue, cogs, cost, ${customerName('ranked.customer_id')} FROM ranked`,
  );
  const line = (r: Row) => ({
    customerId: r.customer_id!,
    customerNumber: r.customer_number,
    fullName: r.full_name,
    revenue: num(r.revenue),
    cogs: num(r.cogs),
    costToServe: num(r.cost),
    profit: num(r.revenue) - num(r.cogs) - num(r.cost),
  });
  const scopes = scopesOf(ctx, rows.map((r) => r.scope), (key) => {
    const mine = rows.filter((r) => r.scope === key);
    const total = mine.find((r) => r.kind === 'total');
    const lines = mine.filter((r) => r.kind !== 'total').map(line);
    const revenue = num(total?.revenue);
    const cogs = num(total?.cogs);
    const cost = num(total?.cost);
    return {
      totals: { customers: num(total?.customers), revenue, cogs, costToServe: cost, profit: revenue - cogs - cost },
      most: [...lines].sort((a, b) => b.profit - a.profit || (a.customerId < b.customerId ? -1 : 1)).slice(0, limit),
      least: [...lines].sort((a, b) => a.profit - b.profit || (a.customerId < b.customerId ? -1 : 1)).slice(0, limit),
    };
  });
  const costToServe = Object.fromEntries(
    COST_TABLES.map((c) => [c.key, recorded.includes(c) ? { recorded: true as const, table: c.table, unitCost: unit[c.key] } : { recorded: false as const, table: c.table }]),
  );
  return { ...reportMeta(ctx, started), costToServe, ...scopes };
}

/**
 * Coverage over every live customer (C6), per home branch: a phone, a mobile,
 * an email, WhatsApp, any valid contact point (invalid ones do not count),
 * and active (bought within the active days, at any branch).
 */
export async function headOfficeCoverage(db: HeadOfficeDb, now: Date, settings: ReportSettings = DEFAULT_REPORT_SETTINGS) {
  const started = performance.now();
  const ctx = await headOfficeContext(db, now, {});
  const activeFrom = new Date(now.getTime() - settings.activeDays * 86_400_000).toISOString();
  type Row = { scope: string; customers: string; phone: string; mobile: string; email: string; whatsapp: string; valid: string; active: string };
  const rows = await reportQuery<Row>(
    db,
    sql`WITH live AS (
        SELECT row_id AS customer_id, coalesce(data->>'home_branch_id', created_by_branch) AS home FROM sync_objects
        WHERE table_name = 'customers' AND data->>'archived_at' IS NULL AND coalesce(data->>'deleted', '0') NOT IN ('1', 'true')
      ),
      contacts AS (
        SELECT customer_id,
          bool_or(data->>'kind' = 'phone') AS phone, bool_or(data->>'kind' = 'phone' AND data->>'phone_kind' = 'mobile') AS mobile,
          bool_or(data->>'kind' = 'email') AS email, bool_or(data->>'kind' = 'phone' AND data->>'whatsapp' IN ('1', 'true')) AS whatsapp
        FROM sync_objects WHERE table_name = 'contact_points' AND coalesce(data->>'deleted', '0') NOT IN ('1', 'true')
          AND coalesce(data->>'invalid', '0') NOT IN ('1', 'true')
        GROUP BY customer_id
      ),
      joined AS (
        SELECT l.home, coalesce(c.phone, false) AS phone, coalesce(c.mobile, false) AS mobile, coalesce(c.email, false) AS email,
          coalesce(c.whatsapp, false) AS whatsapp, coalesce(r.last_sale_at >= ${activeFrom}, false) AS active
        FROM live l LEFT JOIN contacts c USING (customer_id) LEFT JOIN report_customers r USING (customer_id)
      )
      SELECT coalesce(home, '*') AS scope, count(*) AS customers, count(*) FILTER (WHERE phone) AS phone, count(*) FILTER (WHERE mobile) AS mobile,
        count(*) FILTER (WHERE email) AS email, count(*) FILTER (WHERE whatsapp) AS whatsapp, count(*) FILTER (WHERE phone OR email) AS valid,
        count(*) FILTER (WHERE active) AS active
      FROM joined GROUP BY GROUPING SETS ((home), ())`,
  );
  const scopes = scopesOf(ctx, rows.map((r) => r.scope), (key) => {
    const r = rows.find((x) => x.scope === key);
    return {
      customers: num(r?.customers),
      phone: num(r?.phone),
      mobile: num(r?.mobile),
      email: num(r?.email),
      whatsapp: num(r?.whatsapp),
      validContact: num(r?.valid),
      active: num(r?.active),
    };
  });
  return { ...reportMeta(ctx, started), activeDays: settings.activeDays, ...scopes };
}

/** Purchase patterns (A4) per selling branch: bundles (products bought together, below) and seasonality: sales and net revenue by WIB month of the year, weekday and hour, and the monthly trend. */
export async function headOfficePatterns(db: HeadOfficeDb, now: Date, period: PeriodInput = {}) {
  const started = performance.now();
  const ctx = await headOfficeContext(db, now, period);
  const fromHour = ctx.period.fromIso ? ctx.period.fromIso.slice(0, 13) : '';
  const toHour = new Date(Math.ceil(Date.parse(ctx.period.toIso) / 3_600_000) * 3_600_000).toISOString().slice(0, 13);
  type Row = { scope: string; axis: 'month' | 'weekday' | 'hour' | 'trend'; key: string; sales: string; revenue: string; refunds: string };
  const rows = await reportQuery<Row>(
    db,
    // The WIB parts are stored with each hour (migration 0008): one pass groups each branch's months, weekdays and hours, the axes and every branch together come from those few rows.
    sql`WITH g AS (
        SELECT branch_id, local_month, local_weekday, local_hour, sum(sales) AS sales, sum(sales_amount - refund_amount) AS revenue, sum(refunds) AS refunds
        FROM report_sales_hours WHERE hour >= ${fromHour} AND hour < ${toHour}
        GROUP BY GROUPING SETS ((branch_id, local_month), (branch_id, local_weekday), (branch_id, local_hour))
      ),
      axes AS (
        SELECT branch_id, 'trend' AS axis, local_month AS key, sales, revenue, refunds FROM g WHERE local_month IS NOT NULL
        UNION ALL SELECT branch_id, 'month', substr(local_month, 6, 2)::int::text, sales, revenue, refunds FROM g WHERE local_month IS NOT NULL
        UNION ALL SELECT branch_id, 'weekday', local_weekday::text, sales, revenue, refunds FROM g WHERE local_weekday IS NOT NULL
        UNION ALL SELECT branch_id, 'hour', local_hour::text, sales, revenue, refunds FROM g WHERE local_hour IS NOT NULL
      )
      SELECT coalesce(branch_id, '*') AS scope, axis, key, sum(sales) AS sales, sum(revenue) AS revenue, sum(refunds) AS refunds
      FROM axes GROUP BY GROUPING SETS ((branch_id, axis, key), (axis, key))`,
  );
  const bundles = await headOfficeBundles(db, ctx);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const scopes = scopesOf(ctx, [...rows.map((r) => r.scope), ...bundles.keys()], (key) => {
    const mine = rows.filter((r) => r.scope === key);
    const axis = <K extends string>(name: Row['axis'], field: K, values: number[]) =>
      values.map((v) => {
        const r = mine.find((x) => x.axis === name && Number(x.key) === v);
        return { [field]: v, sales: num(r?.sales), revenue: num(r?.revenue), refunds: num(r?.refunds) } as Record<K, number> & { sales: number; revenue: number; refunds: number };
      });
    return {
      sales: mine.filter((r) => r.axis === 'month').reduce((s, r) => s + num(r.sales), 0),
      revenue: mine.filter((r) => r.axis === 'month').reduce((s, r) => s + num(r.revenue), 0),
      byMonth: axis('month', 'month', range(1, 12)),
      byWeekday: axis('weekday', 'weekday', range(0, 6)),
      byHour: axis('hour', 'hour', range(0, 23)),
      trend: mine
        .filter((r) => r.axis === 'trend')
        .map((r) => ({ period: r.key, sales: num(r.sales), revenue: num(r.revenue), refunds: num(r.refunds) }))
        .sort((a, b) => a.period.localeCompare(b.period)),
      bundles: bundles.get(key) ?? { baskets: 0, pairs: [] },
    };
  });
  return { ...reportMeta(ctx, started), ...scopes };
}

export interface BundlePair {
  a: string;
  b: string;
  together: number;
  support: number;
  confidence: number;
  lift: number;
}

/** Pairs shown per scope, and the fewest baskets a pair must share. */
const BUNDLE_LIMIT = 30;
const MIN_TOGETHER = 2;

/**
 * Products bought together (A4) per selling branch and over all branches, as
 * at a branch (src/branch/reports/patterns.ts): the baskets are the period's
 * live sales with line items (synced line_items, each product counted once a
 * basket); for a pair in at least MIN_TOGETHER baskets, support = together /
 * baskets, confidence (a -> b) = together / baskets with a, lift =
 * together x baskets / (baskets with a x baskets with b); strongest lift
 * first, then the most baskets, then the names (the catalogue's, else the
 * product id).
 */
async function headOfficeBundles(db: HeadOfficeDb, ctx: HeadOfficeContext): Promise<Map<string, { baskets: number; pairs: BundlePair[] }>> {
  type Row = { scope: string; baskets: string; a: string | null; b: string | null; together: string | null; support: number | null; confidence: number | null; lift: number | null };
  const rows = await reportQuery<Row>(
    db,
    sql`WITH items AS MATERIALIZED (
        SELECT DISTINCT r.branch_id, r.row_id AS t, li.data->>'product_id' AS p
        FROM sync_objects li JOIN report_transactions r ON r.row_id = li.data->>'transaction_id'
        WHERE li.table_name = 'line_items' AND li.data->>'product_id' IS NOT NULL AND coalesce(li.data->>'deleted', '0') NOT IN ('1', 'true')
          AND r.live AND r.kind = 'sale' AND r.occurred_at >= ${ctx.period.fromIso ?? ''} AND r.occurred_at < ${ctx.period.toIso}
      ),
      -- A basket is one transaction, so of one branch: its products as an array; each branch's pairs are counted from the
      -- baskets' own products (a hash aggregate, not a sorted self-join of the items), every branch together adds those up.
      basket AS MATERIALIZED (SELECT branch_id, t, array_agg(p) AS ps FROM items GROUP BY branch_id, t),
      baskets AS (SELECT CASE WHEN grouping(branch_id) = 1 THEN '*' ELSE branch_id END AS scope, count(*) AS n FROM basket GROUP BY GROUPING SETS ((branch_id), ())),
      single AS (SELECT CASE WHEN grouping(branch_id) = 1 THEN '*' ELSE branch_id END AS scope, p, count(*) AS n FROM items GROUP BY GROUPING SETS ((branch_id, p), (p))),
      branch_pairs AS (
        SELECT k.branch_id, x AS pa, y AS pb, count(*) AS n FROM basket k, unnest(k.ps) x, unnest(k.ps) y
        WHERE cardinality(k.ps) > 1 AND x <> y GROUP BY 1, 2, 3
      ),
      pairs AS (
        SELECT CASE WHEN grouping(branch_id) = 1 THEN '*' ELSE branch_id END AS scope, pa, pb, sum(n) AS n
        FROM branch_pairs GROUP BY GROUPING SETS ((branch_id, pa, pb), (pa, pb)) HAVING sum(n) >= ${MIN_TOGETHER}
      ),
      named AS (
        SELECT pairs.scope, coalesce(na.data->>'name', pairs.pa) AS a, coalesce(nb.data->>'name', pairs.pb) AS b, pairs.n AS together,
          pairs.n::float8 / k.n AS support, pairs.n::float8 / sa.n AS confidence, pairs.n::float8 * k.n / (sa.n * sb.n) AS lift
        FROM pairs JOIN baskets k ON k.scope = pairs.scope
          JOIN single sa ON sa.scope = pairs.scope AND sa.p = pairs.pa JOIN single sb ON sb.scope = pairs.scope AND sb.p = pairs.pb
          LEFT JOIN sync_objects na ON na.table_name = 'catalogue_items' AND na.row_id = pairs.pa
          LEFT JOIN sync_objects nb ON nb.table_name = 'catalogue_items' AND nb.row_id = pairs.pb
      ),
      ranked AS (SELECT *, row_number() OVER (PARTITION BY scope ORDER BY lift DESC, together DESC, a, b) AS rank FROM named)
      SELECT k.scope, k.n AS baskets, r.a, r.b, r.together, r.support, r.confidence, r.lift
      FROM baskets k LEFT JOIN ranked r ON r.scope = k.scope AND r.rank <= ${BUNDLE_LIMIT}
      ORDER BY k.scope, r.rank`,
  );
  const out = new Map<string, { baskets: number; pairs: BundlePair[] }>();
  for (const r of rows) {
    let s = out.get(r.scope);
    if (!s) out.set(r.scope, (s = { baskets: num(r.baskets), pairs: [] }));
    if (r.a !== null) s.pairs.push({ a: r.a, b: r.b!, together: num(r.together), support: Number(r.support), confidence: Number(r.confidence), lift: Number(r.lift) });
  }
  return out;
}
