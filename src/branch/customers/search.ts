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
  /** A customer number: looked up on its unique index, not in FTS (every number shares the branch code). */
  customerNumber?: { exact: string | null; prefix: string };
}

/** "JKT01-42", "jkt01-000042": a customer number, typed whole or in part. */
const CUSTOMER_NUMBER = /^\s*([a-z0-9]{2,8})\s*-\s*(\d{0,9})\s*$/i;
/** Anything with an @ is read as (part of) an email address. */
const EMAIL_LIKE = /@/;

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

export function planSearch(query: string): SearchPlan {
  const phone = phoneQueryPrefix(query);
  if (phone) return { match: `{contact ident} : ${quote(phone)}*`, matchedAs: 'phone' };
  const number = CUSTOMER_NUMBER.exec(query);
  if (number) {
    const code = number[1].toUpperCase();
    // "JKT01-42" means JKT01-000042 (numbers are stored padded); "JKT01-0004" is the start of one.
    const exact = number[2].length > 0 && !number[2].startsWith('0') ? `${code}-${number[2].padStart(6, '0')}` : null;
    return { match: null, matchedAs: 'text', customerNumber: { exact, prefix: `${code}-${number[2]}` } };
  }
  if (EMAIL_LIKE.test(query)) {
    const compact = query.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    if (compact) return { match: `contact : ${quote(compact)}*`, matchedAs: 'text' };
  }
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
