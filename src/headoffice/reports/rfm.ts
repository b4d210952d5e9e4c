import { sql } from 'drizzle-orm';
import type { HeadOfficeDb } from '../db/open.js';
import { query } from '../sync/sql.js';
import { periodSchema } from '../../shared/reports/filters.js';
import { resolvePeriod } from '../../shared/reports/period.js';
import { DEFAULT_REPORT_SETTINGS } from '../../shared/reports/settings.js';
import {
  FREQUENCY_BUCKETS, FREQUENCY_LIMITS, NEW_CUSTOMER_DAYS, RECENCY_BUCKETS, RFM_SEGMENTS, TIERS, frequencyOfScore, recencyOfScore, segmentOf, tierOfScore,
  type TierThresholds,
} from '../../shared/reports/rfm.js';

/**
 * RFM at the head office (A1, A8): the same classes as a branch's report
 * (src/shared/reports/rfm.ts), over every branch's customers, with one
 * column per selling branch for comparison. Reads report_customer_facts
 * (migration 0003_reports), one typed row per customer and selling branch
 * kept from the synced transactions; PostgreSQL groups the classes (hash
 * aggregate), so only the bucket counts leave the database. All history up
 * to now; recency is measured in WIB, the head office's zone.
 */

export interface BucketCount<T extends string> {
  bucket: T;
  customers: number;
  revenue: number;
}

export interface RfmScope {
  /** null: all branches together. */
  branchId: string | null;
  code: string | null;
  name: string | null;
  buyers: number;
  revenue: number;
  recency: BucketCount<(typeof RECENCY_BUCKETS)[number]>[];
  frequency: BucketCount<(typeof FREQUENCY_BUCKETS)[number]>[];
  tiers: BucketCount<(typeof TIERS)[number]>[];
  segments: BucketCount<(typeof RFM_SEGMENTS)[number]>[];
}

export interface HeadOfficeRfm {
  asOf: string;
  ms: number;
  all: RfmScope;
  branches: RfmScope[];
}

export async function headOfficeRfm(db: HeadOfficeDb, now: Date, tiers: TierThresholds = DEFAULT_REPORT_SETTINGS.tiers): Promise<HeadOfficeRfm> {
  const started = performance.now();
  const p = resolvePeriod(periodSchema.parse({}), 'WIB', now);
  const [f1, f2, f3] = FREQUENCY_LIMITS;
  const day = (column: string) => sql.raw(`(left(${column}, 10)::date - date '1970-01-01')`);
  // Day numbers as integers and the rates as float8: numeric arithmetic on every row made the grouping the slow part.
  const statement = sql`WITH live AS (
        SELECT f.customer_id, f.branch_id, f.last_sale_at, f.sale_days, (f.sales_amount - f.refund_amount)::float8 AS revenue,
          ${day('f.first_sale_at')} AS first_day
        FROM report_customer_facts f
        WHERE f.sales > 0 AND NOT EXISTS (SELECT 1 FROM sync_objects g WHERE g.table_name = 'customers' AND g.row_id = f.customer_id
          AND (g.data->>'archived_at' IS NOT NULL OR g.data->>'deleted' IN ('1', 'true')))
      ),
      customer AS (
        SELECT customer_id, min(first_day) AS ever_first, max(last_sale_at) AS last_sale_at, sum(sale_days) AS sale_days, sum(revenue) AS revenue
        FROM live GROUP BY customer_id
      ),
      scoped AS (
        SELECT l.branch_id AS scope, l.last_sale_at, l.sale_days, l.revenue, l.first_day, c.ever_first FROM live l JOIN customer c USING (customer_id)
        UNION ALL
        SELECT '*', last_sale_at, sale_days, revenue, ever_first, ever_first FROM customer
      ),
      measured AS (
        SELECT scope, revenue, last_sale_at, ever_first, sale_days * 365.0::float8 / greatest(365, ${p.asOfDay}::int - first_day) AS per_year,
          revenue * 365.0::float8 / greatest(365, ${p.asOfDay}::int - first_day) AS yearly
        FROM scoped
      )
      SELECT scope,
        CASE WHEN last_sale_at >= ${p.cutoffs.c3} THEN 5 WHEN last_sale_at >= ${p.cutoffs.c6} THEN 4 WHEN last_sale_at >= ${p.cutoffs.c12} THEN 3
          WHEN last_sale_at >= ${p.cutoffs.c24} THEN 2 ELSE 1 END AS r,
        CASE WHEN per_year < ${f1}::float8 THEN 1 WHEN per_year < ${f2}::float8 THEN 2 WHEN per_year < ${f3}::float8 THEN 3 ELSE 4 END AS f,
        CASE WHEN yearly >= ${tiers.platinum}::float8 THEN 4 WHEN yearly >= ${tiers.gold}::float8 THEN 3 WHEN yearly >= ${tiers.silver}::float8 THEN 2 ELSE 1 END AS m,
        ever_first > ${p.asOfDay - NEW_CUSTOMER_DAYS}::int AS is_new,
        count(*) AS customers, sum(revenue) AS revenue
      FROM measured GROUP BY 1, 2, 3, 4, 5`;
  // The per-customer grouping holds a row per customer: give it memory rather than spill to disk.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
    return query<{ scope: string; r: number; f: number; m: number; is_new: boolean; customers: string; revenue: string }>(tx as unknown as HeadOfficeDb, statement);
  });
  const branches = await query<{ id: string; code: string; name: string }>(db, sql`SELECT id, code, name FROM branches ORDER BY code`);
  const scopes = new Map<string, RfmScope>();
  const scopeOf = (key: string): RfmScope => {
    let s = scopes.get(key);
    if (!s) {
      const b = branches.find((x) => x.id === key);
      s = {
        branchId: key === '*' ? null : key,
        code: b?.code ?? null,
        name: b?.name ?? null,
        buyers: 0,
        revenue: 0,
        recency: RECENCY_BUCKETS.map((bucket) => ({ bucket, customers: 0, revenue: 0 })),
        frequency: FREQUENCY_BUCKETS.map((bucket) => ({ bucket, customers: 0, revenue: 0 })),
        tiers: TIERS.map((bucket) => ({ bucket, customers: 0, revenue: 0 })),
        segments: RFM_SEGMENTS.map((bucket) => ({ bucket, customers: 0, revenue: 0 })),
      };
      scopes.set(key, s);
    }
    return s;
  };
  for (const row of rows) {
    const s = scopeOf(row.scope);
    const n = Number(row.customers);
    const revenue = Number(row.revenue);
    const [r, f, m] = [Number(row.r), Number(row.f), Number(row.m)];
    s.buyers += n;
    s.revenue += revenue;
    for (const bucket of [
      s.recency.find((b) => b.bucket === recencyOfScore(r))!,
      s.frequency.find((b) => b.bucket === frequencyOfScore(f))!,
      s.tiers.find((b) => b.bucket === tierOfScore(m))!,
      s.segments.find((b) => b.bucket === segmentOf(r, f, Boolean(row.is_new)))!,
    ]) {
      bucket.customers += n;
      bucket.revenue += revenue;
    }
  }
  const all = scopeOf('*');
  return {
    asOf: p.toIso,
    ms: Math.round(performance.now() - started),
    all,
    branches: [...scopes.values()].filter((s) => s.branchId !== null).sort((a, b) => (a.code ?? a.branchId ?? '').localeCompare(b.code ?? b.branchId ?? '')),
  };
}

/** Branch comparison for people: buyers, revenue and the share of each segment per branch. */
export function rfmComparisonTable(report: HeadOfficeRfm): string {
  const scopes = [report.all, ...report.branches];
  const head = ['', ...scopes.map((s) => s.code ?? (s.branchId ? s.branchId.slice(0, 8) : 'Semua'))];
  const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '-');
  const rows: string[][] = [
    ['Pelanggan membeli', ...scopes.map((s) => String(s.buyers))],
    ['Pendapatan bersih', ...scopes.map((s) => String(s.revenue))],
    ...RFM_SEGMENTS.map((seg) => [seg, ...scopes.map((s) => pct(s.segments.find((b) => b.bucket === seg)!.customers, s.buyers))]),
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
