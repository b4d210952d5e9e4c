import type { Period, CustomerFilter } from '../../shared/reports/filters.js';
import type { ReportContext } from './context.js';
import { filterSql } from './customer-filter.js';
import { rfmClasses, rfmSql, type SqlParams } from './metrics.js';
import { lineOf, linesOfIds, pageOfLines, type CustomerLine, type RfmRow } from './lines.js';
import { RFM_FIELDS, buyerDigest, digest, rfmCellOf } from './sql-functions.js';
import { FREQUENCY_SCORE, RECENCY_SCORE, TIER_SCORE, rfmOfKey, segmentOf } from '../../shared/reports/rfm.js';

/** Pages up to this far down are cut in the one-pass digest; deeper ones by SQL's ORDER BY ... OFFSET. */
const DIGEST_PAGES = 1000;

/**
 * The customers behind a bucket, bar or cell, or a saved segment's members:
 * a count and one page. Three ways in, picked by what the filter asks:
 * buyers by purchase figures (filtered in the RFM rows, the biggest spenders
 * first), customers who bought nothing in the period, or customers by
 * their attributes alone (by name, with the page's purchase figures added).
 */
export function customersOf(ctx: ReportContext, period: Period, filter: CustomerFilter, offset: number, limit: number): { total: number; rows: CustomerLine[] } {
  const params: SqlParams = {};
  const f = filterSql(ctx, filter, params);
  const p = ctx.period(period);
  const tiers = ctx.settings().tiers;
  const attributes = f.customer.join(' AND ');

  if (f.purchases.length && !f.nonBuyers && offset + limit <= DIGEST_PAGES && f.customer.length === 2 && filter.pAliveMin === undefined && filter.pAliveMax === undefined) {
    // Buyers by their RFM classes alone (a bar or a cell of the reports): the report's own pass, the classes matched in it.
    const classes = rfmClasses(p, tiers);
    const matches = rfmMatcher(filter);
    const d = buyerDigest(ctx, p, {
      fields: RFM_FIELDS,
      values: 0,
      scores: 1,
      n: offset + limit,
      classify: (b, _values, scores) => {
        const hit = matches(rfmCellOf(classes, b));
        scores[0] = hit ? b.revenue : null;
        return hit ? 0 : 1;
      },
    });
    const pageParams: SqlParams = {};
    const rows = linesOfIds(ctx, d.tops[0].slice(offset), rfmSql(p, tiers, pageParams, { onlyIds: true }), pageParams);
    return { total: d.tally.get(0)?.rows ?? 0, rows };
  }
  if (f.purchases.length && !f.nonBuyers) {
    const rfm = rfmSql(p, tiers, params);
    const onlyAttributes = f.customer.length > 2 ? ` AND x.customer_id IN (SELECT c.id FROM customers c WHERE ${attributes})` : '';
    const source = `SELECT x.* FROM (${rfm}) x WHERE ${f.purchases.join(' AND ')}${onlyAttributes}`;
    if (offset + limit <= DIGEST_PAGES) {
      // One pass: the count and the page (biggest spenders first; ties in customer order).
      const d = digest(ctx, source, params, { key: '0', values: [], n: offset + limit, scores: ['revenue'] });
      const pageParams: SqlParams = {};
      const rows = linesOfIds(ctx, d.tops[0].slice(offset), rfmSql(p, tiers, pageParams, { onlyIds: true }), pageParams);
      return { total: d.tally.get(0)?.rows ?? 0, rows };
    }
    const total = ctx.sqlite.prepare(`SELECT count(*) FROM (${source})`).pluck().get(params) as number;
    return { total, rows: pageOfLines(ctx, source, params, 'revenue DESC, customer_id', limit, offset) };
  }

  const buyers = `SELECT customer_id FROM (${rfmSql(p, tiers, params)})`;
  const where = f.nonBuyers ? `${attributes} AND c.id NOT IN (${buyers})` : attributes;
  const total = ctx.sqlite.prepare(`SELECT count(*) FROM customers c WHERE ${where}`).pluck().get(params) as number;
  const page = ctx.sqlite
    .prepare(`SELECT c.id AS customer_id, c.customer_number, c.full_name, c.city FROM customers c WHERE ${where} ORDER BY c.sort_name, c.seq LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit, offset }) as Pick<RfmRow, 'customer_id' | 'customer_number' | 'full_name' | 'city'>[];
  if (page.length === 0) return { total, rows: [] };
  const figures = new Map<string, RfmRow>();
  if (!f.nonBuyers) {
    const pageParams: SqlParams = { onlyIds: JSON.stringify(page.map((r) => r.customer_id)) };
    const rows = ctx.sqlite.prepare(rfmSql(p, tiers, pageParams, { onlyIds: true })).all(pageParams) as RfmRow[];
    for (const r of rows) figures.set(r.customer_id, r);
  }
  const empty = { last_at: null, sales: 0, sale_days: 0, revenue: 0, cogs: 0, r: null, f: null, m: null, segment: null };
  return { total, rows: page.map((c) => lineOf({ ...empty, ...figures.get(c.customer_id), ...c })) };
}

/**
 * The RFM conditions of a filter (segments, recency, frequency, tiers) as a
 * test of an RFM cell key (rfmCellKey), as filterSql's SQL tests rfmSql's
 * columns: a buyer without a first purchase ever (null key) has no segment,
 * so only a filter without class conditions takes them.
 */
export function rfmMatcher(filter: CustomerFilter): (key: number | null) => boolean {
  const segments = filter.segments?.length ? new Set<string>(filter.segments) : null;
  const recency = filter.recency?.length ? new Set(filter.recency.map((b) => RECENCY_SCORE[b])) : null;
  const frequency = filter.frequency?.length ? new Set(filter.frequency.map((b) => FREQUENCY_SCORE[b])) : null;
  const tiers = filter.tiers?.length ? new Set(filter.tiers.map((t) => TIER_SCORE[t])) : null;
  if (!segments && !recency && !frequency && !tiers) return () => true;
  // A key is at most 5441 (r * 1000 + f * 100 + m * 10 + new): each one's answer is worked out once.
  const known = new Uint8Array(5442);
  return (key) => {
    if (key === null) return false;
    if (known[key] === 0) {
      const { r, f, m, isNew } = rfmOfKey(key);
      const hit = (!segments || segments.has(segmentOf(r, f, isNew))) && (!recency || recency.has(r)) && (!frequency || frequency.has(f)) && (!tiers || tiers.has(m));
      known[key] = hit ? 2 : 1;
    }
    return known[key] === 2;
  };
}
