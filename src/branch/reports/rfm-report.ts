import type { OutputOf } from '../../shared/api/contract.js';
import type { Period } from '../../shared/reports/filters.js';
import { FREQUENCY_BUCKETS, RECENCY_BUCKETS, RFM_SEGMENTS, TIERS, frequencyOfScore, recencyOfScore, rfmOfKey, segmentOf, tierOfScore } from '../../shared/reports/rfm.js';
import { RFM_FIELDS, buyerDigest, rfmCellOf } from './sql-functions.js';
import type { ReportContext } from './context.js';
import { rfmClasses, rfmSql, type SqlParams } from './metrics.js';
import { linesOfIds } from './lines.js';
import { meta } from './meta.js';

type RfmReport = OutputOf<'reports.rfm'>;
type TopReport = OutputOf<'reports.top'>;

interface Cell {
  r: number;
  f: number;
  m: number;
  segment: (typeof RFM_SEGMENTS)[number];
  customers: number;
  revenue: number;
}

/** One pass over the buyers: customers and revenue per (R, F, M, new), the classes worked out in the pass (rfmCellOf). */
function cells(ctx: ReportContext, period: Period): Cell[] {
  const p = ctx.period(period);
  const classes = rfmClasses(p, ctx.settings().tiers);
  const d = buyerDigest(ctx, p, {
    fields: RFM_FIELDS,
    values: 1,
    scores: 0,
    n: 0,
    classify: (b, values) => {
      values[0] = b.revenue;
      return rfmCellOf(classes, b);
    },
  });
  const out: Cell[] = [];
  for (const [code, { rows, sums }] of d.tally) {
    const { r, f, m, isNew } = rfmOfKey(code);
    out.push({ r, f, m, segment: segmentOf(r, f, isNew), customers: rows, revenue: sums[0] });
  }
  return out;
}

function byBucket<T extends string>(buckets: readonly T[], cellsOf: Cell[], key: (c: Cell) => T) {
  const out = new Map(buckets.map((b) => [b, { bucket: b, customers: 0, revenue: 0 }]));
  for (const c of cellsOf) {
    const entry = out.get(key(c))!;
    entry.customers += c.customers;
    entry.revenue += c.revenue;
  }
  return [...out.values()];
}

export function liveCustomers(ctx: ReportContext): number {
  return ctx.sqlite.prepare('SELECT count(*) FROM customers WHERE archived_at IS NULL AND deleted = 0').pluck().get() as number;
}

export function rfmReport(ctx: ReportContext, period: Period): RfmReport {
  const started = performance.now();
  const found = cells(ctx, period);
  return {
    liveCustomers: liveCustomers(ctx),
    buyers: found.reduce((s, c) => s + c.customers, 0),
    recency: byBucket(RECENCY_BUCKETS, found, (c) => recencyOfScore(c.r)),
    frequency: byBucket(FREQUENCY_BUCKETS, found, (c) => frequencyOfScore(c.f)),
    tiers: byBucket(TIERS, found, (c) => tierOfScore(c.m)),
    segments: byBucket(RFM_SEGMENTS, found, (c) => c.segment),
    cells: aggregateCells(found),
    meta: meta(ctx, period, started),
  };
}

function aggregateCells(found: Cell[]) {
  const byKey = new Map<string, { r: number; f: number; m: number; customers: number; revenue: number }>();
  for (const c of found) {
    const key = `${c.r}${c.f}${c.m}`;
    const entry = byKey.get(key) ?? { r: c.r, f: c.f, m: c.m, customers: 0, revenue: 0 };
    entry.customers += c.customers;
    entry.revenue += c.revenue;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => b.r - a.r || b.f - a.f || b.m - a.m);
}

export function topReport(ctx: ReportContext, period: Period, limit = 10): TopReport {
  const started = performance.now();
  const resolved = ctx.period(period);
  const tiers = ctx.settings().tiers;
  const classes = rfmClasses(resolved, tiers);
  // One pass: buyers per frequency bucket, the biggest spenders, the most frequent (ties by spend).
  const d = buyerDigest(ctx, resolved, {
    fields: RFM_FIELDS,
    values: 0,
    scores: 2,
    n: limit,
    classify: (b, _values, scores) => {
      scores[0] = b.revenue;
      scores[1] = b.saleDays + b.revenue / 1e15;
      return rfmCellOf(classes, b);
    },
  });
  const buyers = [...d.tally.values()].reduce((s, b) => s + b.rows, 0);
  const byF = new Map<number, number>();
  for (const [code, { rows }] of d.tally) byF.set(rfmOfKey(code).f, (byF.get(rfmOfKey(code).f) ?? 0) + rows);
  const pageParams: SqlParams = {};
  const page = rfmSql(resolved, tiers, pageParams, { onlyIds: true });
  return {
    meta: meta(ctx, period, started),
    buyers,
    bySpend: linesOfIds(ctx, d.tops[0], page, pageParams),
    byFrequency: linesOfIds(ctx, d.tops[1], page, pageParams),
    distribution: FREQUENCY_BUCKETS.map((bucket, i) => {
      const n = byF.get(i + 1) ?? 0;
      return { bucket, customers: n, share: buyers ? n / buyers : 0 };
    }),
  };
}
