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
