import { sql } from 'drizzle-orm';
import type { HeadOfficeDb } from '../db/open.js';
import type { PeriodInput } from '../../shared/reports/filters.js';
import { DEFAULT_REPORT_SETTINGS } from '../../shared/reports/settings.js';
import {
  FREQUENCY_BUCKETS, RECENCY_BUCKETS, RFM_SEGMENTS, TIERS, frequencyOfScore, recencyOfScore, segmentOf, tierOfScore,
  type TierThresholds,
} from '../../shared/reports/rfm.js';
import type { RefreshResult } from './refresh.js';
import { byCode, headOfficeContext, measuredCte, reportMeta, reportQuery, scopeName } from './scoped.js';

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
  from: string | null;
  to: string | null;
  asOf: string;
  ms: number;
  refreshed: RefreshResult;
  all: RfmScope;
  branches: RfmScope[];
}

export async function headOfficeRfm(db: HeadOfficeDb, now: Date, tiers: TierThresholds = DEFAULT_REPORT_SETTINGS.tiers, period: PeriodInput = {}): Promise<HeadOfficeRfm> {
  const started = performance.now();
  const ctx = await headOfficeContext(db, now, period);
  const rows = await reportQuery<{ scope: string; r: number; f: number; m: number; is_new: boolean; customers: string; revenue: string }>(
    db,
    sql`WITH ${measuredCte(ctx.period, tiers)}
      SELECT scope, r, f, m, is_new, count(*) AS customers, sum(revenue) AS revenue FROM measured GROUP BY 1, 2, 3, 4, 5`,
  );
  const scopes = new Map<string, RfmScope>();
  const scopeOf = (key: string): RfmScope => {
    let s = scopes.get(key);
    if (!s) {
      s = {
        ...scopeName(ctx, key),
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
    ...reportMeta(ctx, started),
    all,
    branches: [...scopes.values()].filter((s) => s.branchId !== null).sort(byCode),
  };
}
