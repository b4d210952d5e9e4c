import { phoneQueryPrefix } from '../../shared/domain/phone.js';
import { foldName, queryTokens } from '../../shared/domain/text.js';
import type { CustomerRow } from '../../shared/domain/customer.js';

/**
 * Turns what a clerk typed into an FTS5 MATCH expression. Every token is a
 * quoted prefix term, so user input can never inject FTS syntax.
 *  - digits that look like a phone ("0812-34", "+62 812", "62812") search the
 *    phone keys and the identifiers (customer number, NIK);
 *  - anything else: every word must prefix-match some column, in any order.
 */
export interface SearchPlan {
  match: string | null;
  matchedAs: 'empty' | 'phone' | 'text';
}

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

export function planSearch(query: string): SearchPlan {
  const phone = phoneQueryPrefix(query);
  if (phone) return { match: `{contact ident} : ${quote(phone)}*`, matchedAs: 'phone' };
  const tokens = queryTokens(query);
  if (tokens.length === 0) return { match: null, matchedAs: 'empty' };
  return { match: tokens.map((t) => `${quote(t)}*`).join(' AND '), matchedAs: 'text' };
}

/**
 * Orders candidates the way a clerk expects: the exact name first, then names
 * that start with what was typed, then names with a word that does, then the
 * rest alphabetically. Done in JS on a bounded candidate set, because FTS5's
 * rank over a short prefix touches every match (150 ms over 1M names).
 */
export function rankRows(query: string, rows: CustomerRow[]): CustomerRow[] {
  const q = foldName(query);
  const first = queryTokens(query)[0] ?? '';
  const score = (r: CustomerRow) => {
    const name = foldName(r.fullName);
    if (name === q) return 0;
    if (r.customerNumber.toLowerCase() === q) return 0;
    if (name.startsWith(q)) return 1;
    if (first && name.split(' ').some((w) => w.startsWith(first))) return 2;
    return 3;
  };
  return rows
    .map((r) => ({ r, s: score(r), n: foldName(r.fullName) }))
    .sort((a, b) => a.s - b.s || (a.n < b.n ? -1 : a.n > b.n ? 1 : 0))
    .map((x) => x.r);
}
