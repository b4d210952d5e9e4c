import type { ReportContext } from './context.js';
import { expectedPurchases } from '../../shared/analytics/bgnbd.js';
import { rfmCellKey, type RfmClassInputs } from '../../shared/reports/rfm.js';
import { predictBuyer, type PredictionModel } from './prediction-model.js';
import { addPartRow, adjustFigures, adjustmentOf, buyersSource, type Adjustment, type BuyerFigures, type SqlParams } from './metrics.js';
import type { ResolvedPeriod } from '../../shared/reports/period.js';

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
 * - simpul_buyer_digest(spec, customer_id, edge_id, last_at, first_day,
 *   ever_first_day, sale_days, revenue, sales, last_day, sales_amount,
 *   first_amount, cogs, extra): the same pass over buyers' figures
 *   (buyerDigest; NULL for each figure the pass does not read, trailing
 *   ones left out),
 *   each row classed in JavaScript by the report's BuyerPass: its RFM cell
 *   (rfmCellKey) rather than rfmSql's CASE expressions, which SQLite
 *   evaluates at about 0.5 us a row, more than the pass and the call
 *   together (100,000 customers: the RFM report 69-105 -> 50-60 ms CPU,
 *   profitability 132-146 -> 89-96 ms), or its prediction (predictBuyer;
 *   155-204 -> 60-100 ms); a period's partial first month is added to the
 *   rows here too (buyersSource), and rows that are no buyers left out.
 * - simpul_bgnbd_expected(r, alpha, a, b, x, t_x, T, t): BG/NBD expected
 *   purchases in the next t weeks (needs the hypergeometric series), for
 *   the lists' SQL.
 * The per-pass constants (the pass, the partial month) are registered under a number for
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
  // A report's pass over buyers' figures (buyerDigest): the partial month added in, the buyers kept, each one classed by the pass.
  // The digest is the spec's, so that the pass over the customers of the partial month alone adds to it.
  ctx.sqlite.aggregate('simpul_buyer_digest', {
    varargs: true,
    start: 0,
    // In BUYER_ARGS' order; the SQL leaves out trailing figures the pass does not read (undefined here).
    step: ((
      _: number,
      spec: number,
      id: string | null,
      edgeId: string | null,
      lastAt: string | null,
      firstDay: number | null,
      everFirstDay: number | null,
      saleDays: number | null,
      revenue: number | null,
      sales: number | null | undefined,
      lastDay: number | null | undefined,
      salesAmount: number | null | undefined,
      firstAmount: number | null | undefined,
      cogs: number | null | undefined,
      extra: number | null | undefined,
    ) => {
      const s = specOf(spec);
      const b = s.buyer;
      b.lastAt = lastAt;
      b.firstDay = firstDay;
      b.everFirstDay = everFirstDay;
      b.saleDays = saleDays ?? 0;
      b.revenue = revenue ?? 0;
      b.sales = sales ?? 0;
      b.lastDay = lastDay ?? null;
      b.salesAmount = salesAmount ?? 0;
      b.firstAmount = firstAmount ?? null;
      b.cogs = cogs ?? 0;
      b.extra = extra ?? 0;
      if (s.adjust) {
        // The source's rows are not yet the period's figures, nor only buyers: they are adjusted first.
        const a = edgeId === null ? undefined : s.adjust.get(edgeId);
        if (a) {
          adjustFigures(b, a, s.alone);
          a.used = true;
        }
        if (!(b.sales > 0)) return 0;
      }
      const key = s.pass.classify(b, s.values, s.scores);
      tallyRow(s.digest, key as number, s.values, s.values.length);
      for (let j = 0; j < s.scores.length; j++) offer(s.digest, j, s.scores[j], id as string);
      return 0;
    }) as never,
    result: () => 0,
  });
  // What buyerDigest reads before its pass: the transactions of a period's parts, and (closed periods) the later tails rows, into the spec's adjustments.
  ctx.sqlite.aggregate('simpul_buyer_part', {
    varargs: true,
    start: 0,
    step: ((_: number, spec: number, which: number, id: string, at: string, sale: number, amount: number, cost: number, epoch: number, seq: number) => {
      const s = specOf(spec);
      addPartRow(adjustmentOf(s.adjust!, id), which === 0 ? 'before' : 'after', at, sale, amount, cost, epoch, seq, s.zoneSeconds);
      return 0;
    }) as never,
    result: () => 0,
  });
  ctx.sqlite.aggregate('simpul_buyer_later', {
    varargs: true,
    start: 0,
    step: ((_: number, spec: number, id: string, sales: number, saleDays: number, salesAmount: number, revenue: number, cogs: number, prevLastAt: string | null, prevLastDay: number | null) => {
      const a = adjustmentOf(specOf(spec).adjust!, id);
      a.later = true;
      a.laterSales = sales;
      a.laterSaleDays = saleDays;
      a.laterSalesAmount = salesAmount;
      a.laterRevenue = revenue;
      a.laterCogs = cogs;
      a.laterPrevLastAt = prevLastAt;
      a.laterPrevLastDay = prevLastDay;
      return 0;
    }) as never,
    result: () => 0,
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
export function digest(ctx: ReportContext, source: string, params: Record<string, unknown>, spec: { key: string; values: string[]; n: number; scores: string[]; id?: string }): DigestResult {
  const args = [spec.key, spec.id ?? 'customer_id', String(spec.n), String(spec.values.length), ...spec.values, ...spec.scores];
  const json = ctx.sqlite.prepare(`SELECT simpul_digest(${args.join(', ')}) FROM (${source})`).pluck().get(params) as string;
  return parseDigest(json, spec.scores.length);
}

/** A buyer's figures in a period, as buyersSql gives them, the partial month added in; only the pass's `fields` are read, the rest stay 0 or null. */
export interface Buyer extends BuyerFigures {
  /** The source's extra column (profitability: cost_to_serve), 0 when none. */
  extra: number;
}

type BuyerField = keyof Buyer;

/** The column of buyersSql each field is read from. */
const BUYER_COLUMNS: Record<BuyerField, string> = {
  lastAt: 'last_at',
  firstDay: 'first_day',
  lastDay: 'last_day',
  everFirstDay: 'ever_first_day',
  sales: 'sales',
  saleDays: 'sale_days',
  salesAmount: 'sales_amount',
  revenue: 'revenue',
  cogs: 'cogs',
  firstAmount: 'first_amount',
  extra: 'extra',
};
/**
 * The order simpul_buyer_digest takes them in, after spec, id and edge_id:
 * what the RFM cell reads first, so that its passes send no NULLs (each
 * value of each row is a conversion: five NULLs more cost 28 ms at 1M).
 */
const BUYER_ARGS: BuyerField[] = ['lastAt', 'firstDay', 'everFirstDay', 'saleDays', 'revenue', 'sales', 'lastDay', 'salesAmount', 'firstAmount', 'cogs', 'extra'];

/**
 * How a pass classes each buyer: the key it is tallied under (null is a key
 * too), its `values` (summed per key) and its `scores` (null: not a
 * candidate for that top list), written into the arrays given. `fields`
 * are the figures it reads: only those leave SQLite (each column of each
 * row is a conversion).
 */
export interface BuyerPass {
  fields: readonly BuyerField[];
  classify(b: Buyer, values: number[], scores: (number | null)[]): number | null;
  values: number;
  scores: number;
  /** The length of each top list. */
  n: number;
}

interface BuyerSpec {
  pass: BuyerPass;
  zoneSeconds: number;
  adjust: Map<string, Adjustment> | null;
  /** The pass over the parts' customers with no row (nothing to take away). */
  alone: boolean;
  buyer: Buyer;
  values: number[];
  scores: (number | null)[];
  digest: Digest;
}

/** What simpul_buyer_digest needs for every row of one pass, by the number buyerDigest() passes it. */
const BUYER_SPECS = new Map<number, BuyerSpec>();
let nextSpec = 1;

function specOf(spec: number): BuyerSpec {
  const s = BUYER_SPECS.get(spec);
  if (!s) throw new Error(`simpul_buyer_*: no spec ${spec}`);
  return s;
}

/**
 * One pass over the period's buyers (buyersSource), each classed by `pass`
 * in JavaScript: the RFM cells, top lists, profitability and prediction all
 * read the same figures. With a partial first month, its read, the pass and
 * the read of its customers who had nothing later run in one read
 * transaction. `wrap` may add a column `extra` to a source (profitability's
 * cost to serve).
 */
export function buyerDigest(
  ctx: ReportContext,
  p: ResolvedPeriod,
  pass: BuyerPass,
  options: { firstAmount?: boolean; wrap?: (source: string, params: SqlParams) => string } = {},
): DigestResult {
  return ctx.sqlite.transaction(() => {
    const params: SqlParams = {};
    const source = buyersSource(p, params, { firstAmount: options.firstAmount });
    const adjusted = source.adjusted;
    const wrap = (sql: string) => (options.wrap ? options.wrap(sql, params) : sql);
    const number = nextSpec++;
    const buyer: Buyer = { lastAt: null, firstDay: null, lastDay: null, everFirstDay: null, sales: 0, saleDays: 0, salesAmount: 0, revenue: 0, cogs: 0, firstAmount: null, extra: 0 };
    const spec: BuyerSpec = {
      pass,
      zoneSeconds: adjusted?.zoneSeconds ?? 0,
      adjust: adjusted ? new Map() : null,
      alone: false,
      buyer,
      values: new Array<number>(pass.values).fill(0),
      scores: new Array<number | null>(pass.scores).fill(null),
      digest: { tally: new Map(), tops: Array.from({ length: pass.scores }, () => []), n: pass.n },
    };
    BUYER_SPECS.set(number, spec);
    try {
      if (adjusted) {
        // Each row's values pass as a function's arguments: about 0.2 us a row, where .iterate() took about 1 us.
        for (const part of adjusted.parts) {
          ctx.sqlite.prepare(`SELECT simpul_buyer_part(${number}, ${part.which === 'before' ? 0 : 1}, customer_id, occurred_at, is_sale, amount, cost, epoch, seq) FROM (${part.sql})`).pluck().get(part.params);
        }
        if (adjusted.later) ctx.sqlite.prepare(`SELECT simpul_buyer_later(${number}, customer_id, sales, sale_days, sales_amount, revenue, cogs, prev_last_sale_at, prev_last_sale_day) FROM (${adjusted.later.sql})`).pluck().get(adjusted.later.params);
      }
      // The merge also reads sales (who is a buyer after it) and last_at (whose last purchase it is).
      const fields = new Set<BuyerField>(adjusted ? [...pass.fields, 'sales', 'lastAt'] : pass.fields);
      const figures = BUYER_ARGS.map((f) => (fields.has(f) ? BUYER_COLUMNS[f] : 'NULL'));
      while (figures.length > 5 && figures[figures.length - 1] === 'NULL') figures.pop();
      const columns = [pass.scores ? 'customer_id' : 'NULL', adjusted ? 'edge_id' : 'NULL', ...figures];
      const run = (sql: string) => ctx.sqlite.prepare(`SELECT simpul_buyer_digest(${number}, ${columns.join(', ')}) FROM (${wrap(sql)})`).pluck().get(params);
      run(source.sql);
      if (adjusted?.alone) {
        params.edgeAlone = JSON.stringify([...spec.adjust!].filter(([, a]) => !a.used && (a.before || a.after)).map(([id]) => id));
        spec.alone = true;
        run(adjusted.alone);
      }
      const d = spec.digest;
      const tally = new Map<number, { rows: number; sums: number[] }>();
      for (const [key, [rows, ...sums]] of d.tally) tally.set(key, { rows, sums });
      return { tally, tops: d.tops.map((t) => t.map(([, id]) => id)) };
    } finally {
      BUYER_SPECS.delete(number);
    }
  })();
}

/** What rfmCellOf reads. */
export const RFM_FIELDS = ['lastAt', 'firstDay', 'everFirstDay', 'saleDays', 'revenue'] as const;

/** A buyer's RFM cell (rfmCellKey), the key of the passes that tally by it. */
export function rfmCellOf(classes: RfmClassInputs, b: Buyer): number | null {
  return rfmCellKey(classes, b.lastAt, b.firstDay, b.everFirstDay, b.saleDays, b.revenue);
}

/** Prediction's pass: P(alive), expected purchases and value per buyer (predictBuyer), tallied by tenth of P(alive), with revenue, expected purchases and spend; the top n to retain. */
export function predictionPass(model: PredictionModel, n: number): BuyerPass {
  return {
    fields: ['saleDays', 'firstDay', 'lastDay', 'sales', 'salesAmount', 'firstAmount', 'revenue'],
    values: 3,
    scores: 1,
    n,
    classify(b, values, scores) {
      const p = predictBuyer(model, b.saleDays, b.firstDay as number, b.lastDay as number, b.sales, b.salesAmount, b.firstAmount);
      values[0] = b.revenue;
      values[1] = p.expected ?? 0;
      values[2] = p.expected === null || p.value === null ? 0 : p.expected * p.value;
      // Who to retain: repeat buyers probably slipping away, by what they spent.
      scores[0] = b.saleDays > 1 && p.pAlive < 0.5 ? b.revenue : null;
      return Number.isNaN(p.pAlive) ? null : Math.min(9, Math.trunc(p.pAlive * 10));
    },
  };
}

function parseDigest(json: string, scores: number): DigestResult {
  const parsed = JSON.parse(json) as { tally: number[][]; tops: string[][] };
  const tally = new Map<number, { rows: number; sums: number[] }>();
  for (const [key, rows, ...sums] of parsed.tally) tally.set(key, { rows, sums });
  return { tally, tops: Array.from({ length: scores }, (_, i) => parsed.tops[i] ?? []) };
}
