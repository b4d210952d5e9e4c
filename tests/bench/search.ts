import type { BranchCore } from '../../src/branch/core.js';
import { planSearch, rankRows } from '../../src/branch/customers/search.js';
import { ROW_COLUMNS } from '../../src/branch/customers/records.js';
import type { CustomerRow } from '../../src/shared/domain/customer.js';
import { DemoRandom, Weighted } from '../../src/branch/demo/random.js';
import { percentiles, timeRounds, timeRoundsAsync, type Row } from './stats.js';

/**
 * Search as a clerk types it (REQUIREMENTS C7): name prefixes, phones typed
 * as 0812-3456-7890 or a fragment, e-mails, customer numbers and NIKs, taken
 * from customers really in the database. Baseline: the index lookup the
 * service plans (FTS5 MATCH, or the customer-number index), run raw with
 * LIMIT 20, so the gap is what the service adds (candidate rows, primary
 * contacts, ranking, mapping).
 */

type QueryKind = 'name' | 'two words' | 'phone' | 'partial phone' | 'email' | 'customer no.' | 'NIK';
interface BenchQuery {
  kind: QueryKind;
  text: string;
}

interface Sampled {
  full_name: string;
  customer_number: string;
  nik: string | null;
  phone: string | null;
  email: string | null;
}

const TITLE = /^(h|hj|dr|drg|ir|i|ni|andi|ida|st)\.?$/i;

function words(name: string): string[] {
  return name.split(/[\s,]+/).filter((w) => w.length >= 2 && !TITLE.test(w) && /^[A-Za-z]/.test(w) && !w.includes('.'));
}

function national(e164: string): string {
  return `0${e164.slice(3)}`;
}

// How often each kind of query is typed at the counter (a judgment, not a measurement).
const KINDS = new Weighted<QueryKind>([
  ['name', 35], ['two words', 10], ['phone', 15], ['partial phone', 15], ['email', 10], ['customer no.', 10], ['NIK', 5],
]);

function queryFor(kind: QueryKind, c: Sampled, rng: DemoRandom): string | null {
  const w = words(c.full_name);
  switch (kind) {
    case 'name': {
      if (w.length === 0) return null;
      const word = rng.pick(w);
      return word.slice(0, rng.int(2, Math.min(6, word.length))).toLowerCase();
    }
    case 'two words':
      return w.length > 1 ? `${w[0].toLowerCase()} ${w[1].slice(0, rng.int(2, Math.min(4, w[1].length))).toLowerCase()}` : null;
    case 'phone': {
      if (!c.phone) return null;
      const n = national(c.phone);
      return `${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8)}`;
    }
    case 'partial phone': {
      if (!c.phone) return null;
      const n = national(c.phone).slice(0, rng.int(4, 8));
      return rng.chance(0.5) && n.length > 5 ? `${n.slice(0, 4)}-${n.slice(4)}` : n;
    }
    case 'email':
      return c.email ? (rng.chance(0.5) ? c.email : c.email.slice(0, rng.int(3, c.email.indexOf('@') + 1))) : null;
    case 'customer no.':
      return rng.chance(0.6) ? c.customer_number : c.customer_number.slice(0, c.customer_number.length - rng.int(1, 3));
    case 'NIK':
      return c.nik;
  }
}

function buildQueries(core: BranchCore, count: number, total: number): BenchQuery[] {
  const rng = new DemoRandom(4242);
  const byNumber = core.services.db.sqlite.prepare(`SELECT c.full_name, c.customer_number, c.nik,
      (SELECT value FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'phone' AND p.is_primary = 1) AS phone,
      (SELECT value FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'email' AND p.is_primary = 1) AS email
    FROM customers c WHERE c.seq = ?`);
  const queries: BenchQuery[] = [];
  while (queries.length < count) {
    const kind = KINDS.pick(rng);
    // Draw customers until one has what this kind of query needs (not everyone gave an e-mail or a NIK).
    for (let attempt = 0; attempt < 50; attempt++) {
      const c = byNumber.get(rng.int(1, total)) as Sampled | undefined;
      const text = c ? queryFor(kind, c, rng) : null;
      if (text) {
        queries.push({ kind, text });
        break;
      }
    }
  }
  return queries;
}

/**
 * The raw index lookup the service's plan asks for: FTS5 MATCH, or a range on
 * the customer-number index when the plan reads the query as a number.
 * Returns at most `limit` seqs.
 */
function rawLookup(core: BranchCore, limit: number) {
  const sqlite = core.services.db.sqlite;
  const fts = sqlite.prepare(`SELECT rowid FROM customer_search WHERE customer_search MATCH ? LIMIT ${limit}`).pluck();
  const numbers = sqlite.prepare(`SELECT seq FROM customers WHERE customer_number >= ? AND customer_number < ? LIMIT ${limit}`).pluck();
  return (query: string): number[] => {
    const plan = planSearch(query);
    if (plan.customerNumber) return numbers.all(plan.customerNumber.prefix, `${plan.customerNumber.prefix}\uffff`) as number[];
    return plan.match ? (fts.all(plan.match) as number[]) : [];
  };
}

/**
 * A sketch of a cheaper service path, for diagnosis only: rank the candidates
 * on their names alone, then read the full row shape (with the primary-contact
 * subqueries) for the page that is shown, not for all 200 candidates.
 */
function rankThenFetch(core: BranchCore) {
  const sqlite = core.services.db.sqlite;
  const candidatesOf = rawLookup(core, 200);
  const names = sqlite.prepare(
    'SELECT seq, full_name AS fullName, customer_number AS customerNumber FROM customers WHERE seq IN (SELECT value FROM json_each(?)) AND deleted = 0 AND archived_at IS NULL',
  );
  const rows = sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM customers c WHERE c.seq IN (SELECT value FROM json_each(?))`);
  return (query: string) => {
    const seqs = candidatesOf(query);
    if (seqs.length === 0) return [];
    const candidates = names.all(JSON.stringify(seqs)) as (CustomerRow & { seq: number })[];
    const top = rankRows(query, candidates).slice(0, 20) as (CustomerRow & { seq: number })[];
    return rows.all(JSON.stringify(top.map((c) => c.seq)));
  };
}

export async function searchBenchmark(core: BranchCore, customers: number, quick: boolean): Promise<Row[]> {
  const queries = buildQueries(core, quick ? 1000 : 2000, customers);
  const lookup = rawLookup(core, 20);
  const service = (q: BenchQuery) => core.services.customers.search({ query: q.text, limit: 20, includeArchived: false });
  const sketch = rankThenFetch(core);

  // Warm the page cache and V8 on a slice first, so the timed rounds compare steady states.
  timeRounds(queries.slice(0, 300), service, 1);
  timeRounds(queries.slice(0, 300), (q) => lookup(q.text), 1);

  // Two rounds each keep a full run within minutes; the minimum of two already drops most preemption.
  const raw = timeRounds(queries, (q) => lookup(q.text), 2);
  const svcTimes = timeRounds(queries, service, 2);
  const sketchTimes = timeRounds(queries, (q) => sketch(q.text), 2);
  const dispatched = await timeRoundsAsync(queries, (q) => core.dispatch(core.systemActor, 'customers.search', { query: q.text }), 2);
  const svc = percentiles(svcTimes.best);
  const base = percentiles(raw.best);
  const wall = percentiles(svcTimes.first);
  const viaDispatch = percentiles(dispatched.best);
  const alt = percentiles(sketchTimes.best);

  const rows: Row[] = [
    { benchmark: `search p50 (service, ${queries.length} queries)`, measured: svc.p50, unit: 'ms', baseline: { name: 'raw index lookup p50', value: base.p50 }, ratio: svc.p50 / base.p50 },
    { benchmark: 'search p99 (service)', measured: svc.p99, unit: 'ms', goal: { max: 5 }, baseline: { name: 'raw index lookup p99', value: base.p99 }, ratio: svc.p99 / base.p99 },
    { benchmark: 'search p99 (dispatcher: zod in, no output check)', measured: viaDispatch.p99, unit: 'ms', goal: { max: 5 }, baseline: { name: 'service p99', value: svc.p99 }, ratio: viaDispatch.p99 / svc.p99 },
    { benchmark: '  search p99, single wall-clock pass (service)', measured: wall.p99, unit: 'ms', note: 'includes preemption by other processes; the rows above keep each query\'s best of 2 rounds' },
    { benchmark: '  search p99: rank names, then fetch 20 rows (sketch)', measured: alt.p99, unit: 'ms', baseline: { name: 'service p99', value: svc.p99 }, ratio: alt.p99 / svc.p99, note: `p50 ${alt.p50.toFixed(2)} ms; same FTS candidates and ranking, primary contacts read for the shown rows only` },
  ];
  // Per kind of query: where the time goes when a goal is missed.
  for (const kind of [...new Set(queries.map((q) => q.kind))]) {
    const of = (times: Float64Array) => percentiles(queries.flatMap((q, i) => (q.kind === kind ? [times[i]] : [])));
    const p = of(svcTimes.best);
    const ftsOnly = of(raw.best);
    rows.push({
      benchmark: `  search p99: ${kind} (${p.count})`,
      measured: p.p99,
      unit: 'ms',
      baseline: { name: 'raw lookup p99', value: ftsOnly.p99 },
      ratio: p.p99 / ftsOnly.p99,
      note: `p50 ${p.p50.toFixed(2)} ms, max ${p.max.toFixed(1)} ms; sketch p99 ${of(sketchTimes.best).p99.toFixed(2)} ms`,
    });
  }
  const slowest = queries
    .map((q, i) => ({ q, ms: svcTimes.best[i] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 6)
    .map((x) => `${JSON.stringify(x.q.text)} ${x.ms.toFixed(1)} ms`);
  rows[1].note = `slowest: ${slowest.join(', ')}`;
  return rows;
}
