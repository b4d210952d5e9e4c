import { sql } from 'drizzle-orm';
import type { HeadOfficeDb } from '../db/open.js';
import { query } from '../sync/sql.js';

/**
 * Brings the head office's report rollups (migration 0005_reports_off_push_path)
 * up to date with the transactions committed since the last refresh, in a
 * few set-based statements, off the push path: pushes only write
 * sync_objects; every report calls this first, so it pays for what arrived
 * since the previous report and nothing more.
 *
 * sync_objects.version is the commit sequence (taken under the counter's row
 * lock, so versions become visible in order): rows above done_version are
 * the new ones. They are copied as typed rows into report_transactions, and
 * the customers they belong to now and belonged to before (a merge re-points
 * transactions) and the hours they fall in are counted again. Past
 * FULL_REBUILD changed rows, everything is counted again in one pass, which
 * is cheaper than per-customer deletes.
 */

const FULL_REBUILD = 200_000;
/** WIB, the head office's zone: purchase days and months. */
const ZONE_SECONDS = 7 * 3600;

export interface RefreshResult {
  changed: number;
  full: boolean;
  doneVersion: number;
  ms: number;
}

const AGG = sql.raw(`min(occurred_at) FILTER (WHERE kind = 'sale'), max(occurred_at) FILTER (WHERE kind = 'sale'),
  count(*) FILTER (WHERE kind = 'sale'), count(DISTINCT local_day) FILTER (WHERE kind = 'sale'),
  coalesce(sum(amount) FILTER (WHERE kind = 'sale'), 0), coalesce(sum(cost) FILTER (WHERE kind = 'sale'), 0),
  count(*) FILTER (WHERE kind = 'refund'), coalesce(sum(amount) FILTER (WHERE kind = 'refund'), 0), coalesce(sum(cost) FILTER (WHERE kind = 'refund'), 0)`);
const COLS = sql.raw('first_sale_at, last_sale_at, sales, sale_days, sales_amount, sales_cost, refunds, refund_amount, refund_cost');
const HOUR_AGG = sql.raw(`count(*) FILTER (WHERE kind = 'sale'), coalesce(sum(amount) FILTER (WHERE kind = 'sale'), 0),
  count(*) FILTER (WHERE kind = 'refund'), coalesce(sum(amount) FILTER (WHERE kind = 'refund'), 0)`);
/** The WIB month, weekday and hour of an hours-rollup key (UTC 'YYYY-MM-DDTHH'), for the patterns report (migration 0008). */
const HOUR_LOCAL = (hour: string) =>
  sql.raw(`to_char((${hour} || ':00:00+00')::timestamptz AT TIME ZONE 'UTC' + interval '7 hours', 'YYYY-MM'),
    extract(dow FROM (${hour} || ':00:00+00')::timestamptz AT TIME ZONE 'UTC' + interval '7 hours'),
    extract(hour FROM (${hour} || ':00:00+00')::timestamptz AT TIME ZONE 'UTC' + interval '7 hours')`);
const HOUR_COLS = sql.raw('hour, branch_id, local_month, local_weekday, local_hour, sales, sales_amount, refunds, refund_amount');
/** Customers over every branch: purchase days add up per selling branch, as at a branch. */
const CUSTOMER_AGG = sql.raw(`min(first_sale_at), max(last_sale_at), sum(sales), sum(sale_days), sum(sales_amount), sum(sales_cost), sum(refunds), sum(refund_amount), sum(refund_cost)`);

export async function refreshReports(db: HeadOfficeDb): Promise<RefreshResult> {
  const started = performance.now();
  return db.transaction(async (tx) => {
    const t = tx as unknown as HeadOfficeDb;
    // One refresh at a time; a report arriving meanwhile waits and then finds nothing left to do.
    const [state] = await query<{ done_version: string }>(t, sql`SELECT done_version FROM report_refresh_state WHERE id = 1 FOR UPDATE`);
    const done = Number(state.done_version);
    const [top] = await query<{ top: string | null; n: string }>(
      t,
      sql`SELECT max(version) AS top, count(*) AS n FROM sync_objects WHERE table_name = 'transactions' AND version > ${done}`,
    );
    const changed = Number(top.n);
    if (changed === 0) return { changed: 0, full: false, doneVersion: done, ms: Math.round(performance.now() - started) };
    const upTo = Number(top.top);
    await t.execute(sql`SET LOCAL work_mem = '256MB'`);
    const full = changed >= FULL_REBUILD || done === 0;
    const typed = sql`SELECT row_id, coalesce(data->>'customer_id', customer_id) AS customer_id, data->>'branch_id' AS branch_id, data->>'occurred_at' AS occurred_at,
        floor((extract(epoch FROM (data->>'occurred_at')::timestamptz) + ${ZONE_SECONDS}) / 86400)::int AS local_day,
        to_char(((data->>'occurred_at')::timestamptz AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM') AS month,
        data->>'kind' AS kind, round((data->>'amount')::numeric)::bigint AS amount, round(coalesce((data->>'cost')::numeric, 0))::bigint AS cost,
        round(coalesce((data->>'discount')::numeric, 0))::bigint AS discount,
        (data->>'voided_at' IS NULL AND coalesce(data->>'deleted', '0') NOT IN ('1', 'true')) AS live
      FROM sync_objects
      WHERE table_name = 'transactions' AND version > ${done} AND version <= ${upTo}
        AND coalesce(data->>'customer_id', customer_id) IS NOT NULL AND data->>'branch_id' IS NOT NULL AND data->>'occurred_at' IS NOT NULL
        AND data->>'kind' IN ('sale', 'refund')`;
    const upsert = sql`INSERT INTO report_transactions (row_id, customer_id, branch_id, occurred_at, local_day, month, kind, amount, cost, discount, live)
      ${typed}
      ON CONFLICT (row_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, branch_id = EXCLUDED.branch_id, occurred_at = EXCLUDED.occurred_at,
        local_day = EXCLUDED.local_day, month = EXCLUDED.month, kind = EXCLUDED.kind, amount = EXCLUDED.amount, cost = EXCLUDED.cost,
        discount = EXCLUDED.discount, live = EXCLUDED.live`;
    if (full) {
      await t.execute(upsert);
      await t.execute(sql`TRUNCATE report_customer_facts, report_customer_months, report_customers, report_sales_hours`);
      await t.execute(sql`INSERT INTO report_customer_facts (customer_id, branch_id, ${COLS}) SELECT customer_id, branch_id, ${AGG} FROM report_transactions WHERE live GROUP BY customer_id, branch_id`);
      await t.execute(sql`INSERT INTO report_customer_months (month, customer_id, branch_id, ${COLS}) SELECT month, customer_id, branch_id, ${AGG} FROM report_transactions WHERE live GROUP BY month, customer_id, branch_id`);
      await t.execute(sql`INSERT INTO report_customers (customer_id, ${COLS}) SELECT customer_id, ${CUSTOMER_AGG} FROM report_customer_facts GROUP BY customer_id`);
      await t.execute(sql`INSERT INTO report_sales_hours (${HOUR_COLS}) SELECT hour, branch_id, ${HOUR_LOCAL('hour')}, sales, sales_amount, refunds, refund_amount
        FROM (SELECT left(occurred_at, 13) AS hour, branch_id, count(*) FILTER (WHERE kind = 'sale') AS sales, coalesce(sum(amount) FILTER (WHERE kind = 'sale'), 0) AS sales_amount,
          count(*) FILTER (WHERE kind = 'refund') AS refunds, coalesce(sum(amount) FILTER (WHERE kind = 'refund'), 0) AS refund_amount
          FROM report_transactions WHERE live GROUP BY 1, 2) h`);
    } else {
      // What the changed rows were counted under before, and are counted under now.
      await t.execute(sql`CREATE TEMP TABLE report_dirty (customer_id text, branch_id text, hour text) ON COMMIT DROP`);
      await t.execute(sql`WITH changed AS (${typed}),
          before AS (SELECT r.customer_id, r.branch_id, left(r.occurred_at, 13) AS hour FROM report_transactions r JOIN changed c USING (row_id))
        INSERT INTO report_dirty SELECT * FROM before UNION SELECT customer_id, branch_id, left(occurred_at, 13) FROM changed`);
      await t.execute(upsert);
      const customers = sql`(SELECT DISTINCT customer_id FROM report_dirty)`;
      await t.execute(sql`DELETE FROM report_customer_facts WHERE customer_id IN ${customers}`);
      await t.execute(sql`INSERT INTO report_customer_facts (customer_id, branch_id, ${COLS}) SELECT customer_id, branch_id, ${AGG} FROM report_transactions WHERE live AND customer_id IN ${customers} GROUP BY customer_id, branch_id`);
      await t.execute(sql`DELETE FROM report_customer_months WHERE customer_id IN ${customers}`);
      await t.execute(sql`INSERT INTO report_customer_months (month, customer_id, branch_id, ${COLS}) SELECT month, customer_id, branch_id, ${AGG} FROM report_transactions WHERE live AND customer_id IN ${customers} GROUP BY month, customer_id, branch_id`);
      await t.execute(sql`DELETE FROM report_customers WHERE customer_id IN ${customers}`);
      await t.execute(sql`INSERT INTO report_customers (customer_id, ${COLS}) SELECT customer_id, ${CUSTOMER_AGG} FROM report_customer_facts WHERE customer_id IN ${customers} GROUP BY customer_id`);
      await t.execute(sql`DELETE FROM report_sales_hours WHERE (hour, branch_id) IN (SELECT hour, branch_id FROM report_dirty)`);
      await t.execute(sql`INSERT INTO report_sales_hours (${HOUR_COLS})
        SELECT d.hour, d.branch_id, ${HOUR_LOCAL('d.hour')}, ${HOUR_AGG} FROM (SELECT DISTINCT hour, branch_id FROM report_dirty) d
        JOIN report_transactions r ON r.live AND r.occurred_at >= d.hour AND r.occurred_at < d.hour || ';' AND r.branch_id = d.branch_id
        GROUP BY d.hour, d.branch_id`);
    }
    await t.execute(sql`UPDATE report_refresh_state SET done_version = ${upTo}, refreshed_at = now() WHERE id = 1`);
    return { changed, full, doneVersion: upTo, ms: Math.round(performance.now() - started) };
  });
}
