import { describe, expect, it } from 'vitest';
import { FREQUENCY_BUCKETS, RECENCY_BUCKETS, RFM_SEGMENTS, frequencyBucketOf, segmentOf, tierOf } from '../../../src/shared/reports/rfm.js';
import { monthsBefore, resolvePeriod } from '../../../src/shared/reports/period.js';
import { reportSettingsSchema, DEFAULT_REPORT_SETTINGS } from '../../../src/shared/reports/settings.js';
import { customerFilterSchema, periodSchema } from '../../../src/shared/reports/filters.js';

describe('RFM classes', () => {
  it('names every (R, F) cell, new customers first, and uses every segment', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 4; f++) for (const isNew of [false, true]) seen.add(segmentOf(r, f, isNew));
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
    expect(segmentOf(5, 4, true)).toBe('new');
    expect(segmentOf(5, 4, false)).toBe('champions');
    expect(segmentOf(2, 4, false)).toBe('cantLose');
    expect(segmentOf(1, 4, false)).toBe('lost');
    expect(RECENCY_BUCKETS).toHaveLength(5);
    expect(FREQUENCY_BUCKETS).toHaveLength(4);
  });

  it('rounds purchases per year into the requirement buckets and tiers at the thresholds', () => {
    expect([1, 1.49, 1.5, 2.49, 2.5, 5.49, 5.5, 40].map(frequencyBucketOf)).toEqual(['once', 'once', 'twice', 'twice', 'threeToFive', 'threeToFive', 'overFive', 'overFive']);
    const t = DEFAULT_REPORT_SETTINGS.tiers;
    expect([19_999_999, 20_000_000, 50_000_000, 99_999_999, 100_000_000].map((v) => tierOf(v, t))).toEqual(['bronze', 'silver', 'gold', 'gold', 'platinum']);
  });
});

describe('report period', () => {
  it('counts calendar months back in the branch zone, clamped to the month end', () => {
    // 31 May 2026 10:00 WIB minus 3 months: 28 Feb 2026 10:00 WIB.
    const may31 = Date.parse('2026-05-31T03:00:00Z');
    expect(new Date(monthsBefore(may31, 3, 7)).toISOString()).toBe('2026-02-28T03:00:00.000Z');
    expect(new Date(monthsBefore(may31, 24, 7)).toISOString()).toBe('2024-05-31T03:00:00.000Z');
  });

  it('turns local dates into UTC instants of local midnight, never past now (now included)', () => {
    const now = new Date('2026-11-22T03:00:00Z');
    const p = resolvePeriod(periodSchema.parse({ from: '2026-01-01', to: '2026-06-30' }), 'WITA', now);
    expect(p.fromIso).toBe('2025-12-31T16:00:00.000Z');
    expect(p.toIso).toBe('2026-06-30T16:00:00.000Z');
    expect(p.allTime).toBe(false);
    const future = resolvePeriod(periodSchema.parse({ to: '2027-01-01' }), 'WIB', now);
    // The end is exclusive and stops at now, taking in what happened at this very instant (a case opened as the report runs).
    expect(future.toIso).toBe('2026-11-22T03:00:00.001Z');
    expect(future.allTime).toBe(true);
  });
});

describe('report inputs', () => {
  it('refuses tiers out of order, inverted periods and unknown filter keys', () => {
    const tiers = reportSettingsSchema.safeParse({ ...DEFAULT_REPORT_SETTINGS, tiers: { platinum: 10, gold: 50, silver: 20 } });
    expect(tiers.success ? null : tiers.error.issues[0].message).toBe('tier_order');
    const period = periodSchema.safeParse({ from: '2026-02-01', to: '2026-01-01' });
    expect(period.success ? null : period.error.issues[0].message).toBe('period_order');
    expect(customerFilterSchema.safeParse({ segments: ['vip'] }).success).toBe(false);
    expect(customerFilterSchema.safeParse({ sql: '1=1' }).success).toBe(false);
  });
});
