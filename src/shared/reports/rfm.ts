/**
 * RFM classes (REQUIREMENTS A1, M3), defined once for the branch's SQL,
 * the head office, exports and the UI.
 *
 * - Recency: time from the last purchase to the end of the period.
 * - Frequency: purchase days per year of the customer's time in the period
 *   (at least one year counted, so a new customer's single purchase is
 *   "once a year"), rounded: < 1.5 once, < 2.5 twice, < 5.5 three to five.
 * - Monetary: net spend (sales minus refunds) per year counted the same way,
 *   in tiers with configurable thresholds (reached = in the tier).
 */

export const RECENCY_BUCKETS = ['under3m', 'over3m', 'over6m', 'over1y', 'over2y'] as const;
export type RecencyBucket = (typeof RECENCY_BUCKETS)[number];
/** R score per bucket: 5 for the most recent. */
export const RECENCY_SCORE: Record<RecencyBucket, number> = { under3m: 5, over3m: 4, over6m: 3, over1y: 2, over2y: 1 };
/** Months back from the end of the period where each bucket starts (under3m: bought within the last 3 months). */
export const RECENCY_MONTHS = { under3m: 3, over3m: 6, over6m: 12, over1y: 24 } as const;

export const FREQUENCY_BUCKETS = ['once', 'twice', 'threeToFive', 'overFive'] as const;
export type FrequencyBucket = (typeof FREQUENCY_BUCKETS)[number];
export const FREQUENCY_SCORE: Record<FrequencyBucket, number> = { once: 1, twice: 2, threeToFive: 3, overFive: 4 };
/** Upper limits of purchases per year (exclusive) of the first three buckets. */
export const FREQUENCY_LIMITS = [1.5, 2.5, 5.5] as const;

export const TIERS = ['bronze', 'silver', 'gold', 'platinum'] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_SCORE: Record<Tier, number> = { bronze: 1, silver: 2, gold: 3, platinum: 4 };

/** A customer whose first purchase is this recent is "new". */
export const NEW_CUSTOMER_DAYS = 90;

export const RFM_SEGMENTS = [
  'new',
  'champions',
  'loyal',
  'potential',
  'cantLose',
  'needsAttention',
  'aboutToSleep',
  'atRisk',
  'hibernating',
  'lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

interface SegmentRule {
  segment: RfmSegment;
  /** Inclusive score ranges; the first rule that matches names the customer. */
  r: [number, number];
  f: [number, number];
  isNew?: true;
}

export const SEGMENT_RULES: readonly SegmentRule[] = [
  { segment: 'new', r: [5, 5], f: [1, 4], isNew: true },
  { segment: 'champions', r: [5, 5], f: [3, 4] },
  { segment: 'loyal', r: [4, 5], f: [2, 4] },
  { segment: 'potential', r: [4, 5], f: [1, 1] },
  { segment: 'cantLose', r: [2, 3], f: [4, 4] },
  { segment: 'needsAttention', r: [3, 3], f: [2, 3] },
  { segment: 'aboutToSleep', r: [3, 3], f: [1, 1] },
  { segment: 'atRisk', r: [2, 2], f: [2, 3] },
  { segment: 'hibernating', r: [2, 2], f: [1, 1] },
  { segment: 'lost', r: [1, 1], f: [1, 4] },
];

export function segmentOf(r: number, f: number, isNew: boolean): RfmSegment {
  for (const rule of SEGMENT_RULES) {
    if (rule.isNew && !isNew) continue;
    if (r >= rule.r[0] && r <= rule.r[1] && f >= rule.f[0] && f <= rule.f[1]) return rule.segment;
  }
  throw new Error(`no RFM segment for r=${r} f=${f}`);
}

export function recencyOfScore(score: number): RecencyBucket {
  return RECENCY_BUCKETS[5 - score];
}
export function frequencyOfScore(score: number): FrequencyBucket {
  return FREQUENCY_BUCKETS[score - 1];
}
export function tierOfScore(score: number): Tier {
  return TIERS[score - 1];
}

/** Purchases per year -> frequency bucket, as the SQL does. */
export function frequencyBucketOf(perYear: number): FrequencyBucket {
  if (perYear < FREQUENCY_LIMITS[0]) return 'once';
  if (perYear < FREQUENCY_LIMITS[1]) return 'twice';
  if (perYear < FREQUENCY_LIMITS[2]) return 'threeToFive';
  return 'overFive';
}

export interface TierThresholds {
  platinum: number;
  gold: number;
  silver: number;
}

export function tierOf(netPerYear: number, t: TierThresholds): Tier {
  if (netPerYear >= t.platinum) return 'platinum';
  if (netPerYear >= t.gold) return 'gold';
  if (netPerYear >= t.silver) return 'silver';
  return 'bronze';
}

/** What the RFM classes of a period need besides a buyer's own figures (rfmSql binds the same). */
export interface RfmClassInputs {
  /** The period's last day, as a UTC day number. */
  asOfDay: number;
  cutoffs: { c3: string; c6: string; c12: string; c24: string };
  tiers: TierThresholds;
  newDays: number;
}

/**
 * The RFM cell of one buyer, r * 1000 + f * 100 + m * 10 + is_new, computed
 * as the branch's rfmSql computes it in SQL, step for step (the same IEEE
 * arithmetic, the same text comparisons of ISO times, SQL's NULL rules:
 * a missing last purchase scores R 1, a missing first day F 4 and M 1, a
 * missing first purchase ever makes no cell). Reports that only count and
 * add up per cell call this from their one pass instead of evaluating the
 * classes in SQL (tests/unit/reports/rfm-classes.test.ts holds both to the
 * same answers).
 */
export function rfmCellKey(
  c: RfmClassInputs,
  lastAt: string | null,
  firstDay: number | null,
  everFirstDay: number | null,
  saleDays: number | null,
  revenue: number | null,
): number | null {
  if (everFirstDay === null) return null;
  const { cutoffs: k, tiers: t } = c;
  const r = lastAt === null ? 1 : lastAt >= k.c3 ? 5 : lastAt >= k.c6 ? 4 : lastAt >= k.c12 ? 3 : lastAt >= k.c24 ? 2 : 1;
  let f = 4;
  let m = 1;
  if (firstDay !== null) {
    const years = Math.max(365, c.asOfDay - firstDay);
    if (saleDays !== null) {
      const perYear = (saleDays * 365.0) / years;
      f = perYear < FREQUENCY_LIMITS[0] ? 1 : perYear < FREQUENCY_LIMITS[1] ? 2 : perYear < FREQUENCY_LIMITS[2] ? 3 : 4;
    }
    if (revenue !== null) {
      const yearly = (revenue * 365.0) / years;
      m = yearly >= t.platinum ? 4 : yearly >= t.gold ? 3 : yearly >= t.silver ? 2 : 1;
    }
  }
  return r * 1000 + f * 100 + m * 10 + (everFirstDay > c.asOfDay - c.newDays ? 1 : 0);
}

/** The scores of an RFM cell key made by rfmCellKey (r * 1000 + f * 100 + m * 10 + is_new). */
export function rfmOfKey(code: number): { r: number; f: number; m: number; isNew: boolean } {
  return { r: Math.floor(code / 1000), f: Math.floor(code / 100) % 10, m: Math.floor(code / 10) % 10, isNew: code % 10 === 1 };
}
