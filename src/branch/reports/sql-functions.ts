import type { ReportContext } from './context.js';
import { expectedPurchases } from '../../shared/analytics/bgnbd.js';
import { rfmCellKey, type RfmClassInputs } from '../../shared/reports/rfm.js';
import { predictBuyer, type PredictionModel } from './prediction-model.js';

/**
 * SQL functions the reports call, registered on the branch connection:
 * - simpul_digest(key, id, n, k, v1..vk, s1..sm): one pass that does what
 *   a report needs of every customer row at once: the tally of key (rows and
 *   sums of the k values; a report's buckets come from at most a few hundred
 *   keys, where GROUP BY would sort every customer row first: measured 1.5 s
 *   of a 2 s RFM over 1M customers) and, for each score s, the ids of the n
 *   rows with the highest score (null: not a candidate; ties: the lower id
 *   first). One JavaScript call per row instead of one SQL pass per list
 *   (measured: a pass over 1M customers costs about as much as the whole
 *   digest). Only the small result leaves SQLite.
 * - simpul_rfm_digest(spec, last_at, first_day, ever_first_day, sale_days,
 *   revenue, id, v1..vk, s1..sm): the same with the key being the buyer's
 *   RFM cell, worked out here (rfmCellKey) from the buyer's figures rather
 *   than by rfmSql's CASE expressions: SQLite spends about 0.5 us a row
 *   evaluating those, more than the pass and the call together (100,000
 *   customers: the RFM report 69-105 -> 50-60 ms CPU, profitability
 *   132-146 -> 89-96 ms, identical outputs).
 * - simpul_prediction_digest(spec, id, buyer's figures...): the prediction
 *   report's pass, P(alive), expected purchases and value per buyer worked
 *   out here (predictBuyer; 155-204 -> 60-100 ms CPU at 100,000).
 * - simpul_bgnbd_expected(r, alpha, a, b, x, t_x, T, t): BG/NBD expected
 *   purchases in the next t weeks (needs the hypergeometric series), for
 *   the lists' SQL.
 * The per-pass constants (classes, model) are registered under a number for
 * the pass's duration and the number passed as the first argument, so they
 * are not converted again for every row.
 */
interface Digest {
  tally: Map<number, number[]>;
  tops: [number, string][][];
  n: number;
}

/** Offers a row to the j-th top list: kept sorted, highest first, ties by id (so in customer order whatever order the rows come in); n is a page, so insertion is cheap. */
function offer(digest: Digest, j: number, score: number | null | undefined, id: string): void {
  if (score === null || score === undefined) return;
  const top = digest.tops[j];
  if (top.length === digest.n && (score < top[top.length - 1][0] || (score === top[top.length - 1][0] && id > top[top.length - 1][1]))) return;
  let at = top.length;
  while (at > 0 && (top[at - 1][0] < score || (top[at - 1][0] === score && top[at - 1][1] > id))) at--;
  top.splice(at, 0, [score, id]);
  if (top.length > digest.n) top.pop();
}

/** Counts a row under `key` and adds its first `k` values to the key's sums. */
function tallyRow(digest: Digest, key: number, values: readonly (number | null)[], k: number): void {
  let entry = digest.tally.get(key);
  if (!entry) digest.tally.set(key, (entry = new Array<number>(k + 1).fill(0)));
  entry[0] += 1;
  for (let i = 0; i < k; i++) entry[i + 1] += values[i] ?? 0;
}

function digestJson(d: Digest | null): string {
  return JSON.stringify(d ? { tally: [...d.tally].map(([key, sums]) => [key, ...sums]), tops: d.tops.map((t) => t.map(([, id]) => id)) } : { tally: [], tops: [] });
}

/** What simpul_prediction_digest needs for every row of one pass, by the number predictionDigest() passes it. */
const PREDICTION_SPECS = new Map<number, { model: PredictionModel; n: number }>();

/** Runs simpul_prediction_digest over `source` (buyersSql with first_amount): the tally by tenth of P(alive) with sums of revenue, expected purchases and expected spend, and the top `n` to retain. */
export function predictionDigest(ctx: ReportContext, source: string, params: Record<string, unknown>, model: PredictionModel, n: number): DigestResult {
  const number = nextSpec++;
  PREDICTION_SPECS.set(number, { model, n });
  try {
    const json = ctx.sqlite
      .prepare(`SELECT simpul_prediction_digest(${number}, customer_id, sale_days, first_day, last_day, sales, sales_amount, first_amount, revenue) FROM (${source})`)
      .pluck()
      .get(params) as string;
    return parseDigest(json, 1);
  } finally {
    PREDICTION_SPECS.delete(number);
  }
}

/** What simpul_rfm_digest needs that is the same for every row of one pass, by the number digest() passes it. */
const RFM_SPECS = new Map<number, { classes: RfmClassInputs; n: number; values: number }>();
let nextSpec = 1;

export function registerReportFunctions(ctx: ReportContext): void {
  ctx.sqlite.aggregate('simpul_digest', {
    varargs: true,
    start: () => null as Digest | null,
    step: ((d: Digest | null, key: number, id: string, n: number, k: number, ...rest: (number | null)[]) => {
      const digest: Digest = d ?? { tally: new Map(), tops: Array.from({ length: rest.length - k }, () => []), n };
      tallyRow(digest, key, rest, k);
      for (let j = 0; j < digest.tops.length; j++) offer(digest, j, rest[k + j], id);
      return digest;
    }) as never,
    result: digestJson as never,
  });
  // The same pass with the key worked out here from a buyer's figures: the RFM cell (rfmCellKey), for the spec registered by digest().
  ctx.sqlite.aggregate('simpul_rfm_digest', {
    varargs: true,
    start: () => null as Digest | null,
    step: ((d: Digest | null, spec: number, lastAt: string | null, firstDay: number | null, everFirstDay: number | null, saleDays: number | null, revenue: number | null, id: string, ...rest: (number | null)[]) => {
      const s = RFM_SPECS.get(spec);
      if (!s) throw new Error(`simpul_rfm_digest: no spec ${spec}`);
      const digest: Digest = d ?? { tally: new Map(), tops: Array.from({ length: rest.length - s.values }, () => []), n: s.n };
      tallyRow(digest, rfmCellKey(s.classes, lastAt, firstDay, everFirstDay, saleDays, revenue) as number, rest, s.values);
      for (let j = 0; j < digest.tops.length; j++) offer(digest, j, rest[s.values + j], id);
      return digest;
    }) as never,
    result: digestJson as never,
  });
  // Prediction's pass: P(alive), expected purchases and value per buyer worked out here, tallied by tenth of P(alive).
  ctx.sqlite.aggregate('simpul_prediction_digest', {
    varargs: true,
    start: () => null as Digest | null,
    step: ((d: Digest | null, spec: number, id: string, saleDays: number, firstDay: number, lastDay: number, sales: number, salesAmount: number, firstAmount: number | null, revenue: number) => {
      const s = PREDICTION_SPECS.get(spec);
      if (!s) throw new Error(`simpul_prediction_digest: no spec ${spec}`);
      const digest: Digest = d ?? { tally: new Map(), tops: [[]], n: s.n };
      const b = predictBuyer(s.model, saleDays, firstDay, lastDay, sales, salesAmount, firstAmount);
      const key = Number.isNaN(b.pAlive) ? null : Math.min(9, Math.trunc(b.pAlive * 10));
      let entry = digest.tally.get(key as number);
      if (!entry) digest.tally.set(key as number, (entry = [0, 0, 0, 0]));
      entry[0] += 1;
      entry[1] += revenue ?? 0;
      entry[2] += b.expected ?? 0;
      entry[3] += b.expected === null || b.value === null ? 0 : b.expected * b.value;
      // Who to retain: repeat buyers probably slipping away, by what they spent.
      offer(digest, 0, saleDays > 1 && b.pAlive < 0.5 ? revenue : null, id);
      return digest;
    }) as never,
    result: digestJson as never,
  });
  // varargs: the arity cannot be read from a rest parameter; the SQL always passes eight.
  ctx.sqlite.function('simpul_bgnbd_expected', { deterministic: true, varargs: true }, (...args: unknown[]) => {
    const [r, alpha, a, b, x, tx, T, t] = args as number[];
    const value = expectedPurchases({ r, alpha, a, b }, x, tx, T, t);
    return Number.isFinite(value) ? value : null;
  });
}

export interface DigestResult {
  tally: Map<number, { rows: number; sums: number[] }>;
  /** Per score, the ids of the highest rows, highest first. */
  tops: string[][];
}

/**
 * One pass over `source`: tally of `key` with sums of `values`, and the top
 * `n` ids by each of `scores` (SQL expressions; NULL leaves a row out).
 */
export function digest(
  ctx: ReportContext,
  source: string,
  params: Record<string, unknown>,
  spec: { key: string | { rfm: RfmClassInputs }; values: string[]; n: number; scores: string[]; id?: string },
): DigestResult {
  const id = spec.id ?? 'customer_id';
  let json: string;
  if (typeof spec.key === 'string') {
    const args = [spec.key, id, String(spec.n), String(spec.values.length), ...spec.values, ...spec.scores];
    json = ctx.sqlite.prepare(`SELECT simpul_digest(${args.join(', ')}) FROM (${source})`).pluck().get(params) as string;
  } else {
    // The key is the RFM cell of each row of buyers' figures (buyersSql), worked out in JavaScript (rfmCellKey).
    const number = nextSpec++;
    RFM_SPECS.set(number, { classes: spec.key.rfm, n: spec.n, values: spec.values.length });
    try {
      const args = [String(number), 'last_at', 'first_day', 'ever_first_day', 'sale_days', 'revenue', id, ...spec.values, ...spec.scores];
      json = ctx.sqlite.prepare(`SELECT simpul_rfm_digest(${args.join(', ')}) FROM (${source})`).pluck().get(params) as string;
    } finally {
      RFM_SPECS.delete(number);
    }
  }
  return parseDigest(json, spec.scores.length);
}

function parseDigest(json: string, scores: number): DigestResult {
  const parsed = JSON.parse(json) as { tally: number[][]; tops: string[][] };
  const tally = new Map<number, { rows: number; sums: number[] }>();
  for (const [key, rows, ...sums] of parsed.tally) tally.set(key, { rows, sums });
  return { tally, tops: Array.from({ length: scores }, (_, i) => parsed.tops[i] ?? []) };
}
