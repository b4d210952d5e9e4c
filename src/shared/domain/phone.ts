import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Indonesian phone numbers arrive in every form a person can type:
 * 0812-3456-7890, 812 3456 7890, 62812..., +62 812..., (021) 555-1234.
 * libphonenumber-js (Google's metadata, "max" set so mobile and landline are
 * told apart) does the real validation; this module only brings the
 * Indonesian shorthand forms into a shape it understands.
 */

export type PhoneKind = 'mobile' | 'landline';

export interface NormalisedPhone {
  /** E.164, e.g. +6281234567890 */
  e164: string;
  kind: PhoneKind;
  /** National format for display, e.g. 0812-3456-7890 or (021) 5551234 */
  display: string;
}

const SEPARATORS = /[\s\-().\/]/g;

/** Strips what people type between digits. Returns null if anything else remains. */
function compact(raw: string): string | null {
  const s = raw.trim().replace(SEPARATORS, '');
  if (!/^\+?\d{5,16}$/.test(s)) return null;
  return s;
}

function candidates(s: string): string[] {
  if (s.startsWith('+')) return [s];
  if (s.startsWith('0')) return [s];
  if (s.startsWith('62')) return ['+' + s, '0' + s];
  // 8xx... (mobile without trunk 0) or a landline typed without its 0
  return ['0' + s];
}

/**
 * libphonenumber's full metadata costs ~40 us a number, and one number is
 * read several times on its way in (validation, duplicate check, write):
 * remember the last few thousand answers.
 */
// Two generations instead of evicting the oldest entry of one Map: deleting a Map's first key
// and asking keys().next() for the next one scans every deleted slot V8 has not compacted yet,
// which made a cache hit cost more than 50 us in a 100,000-row import (CPU profile, Dec 2026).
let cache = new Map<string, NormalisedPhone | null>();
let older = new Map<string, NormalisedPhone | null>();
// An import chunk (2,000 rows, up to three phones each, cached as typed and as stored) fits in one generation.
const CACHE_SIZE = 16_384;

function remember(key: string, value: NormalisedPhone | null): void {
  if (cache.size >= CACHE_SIZE) {
    older = cache;
    cache = new Map();
  }
  cache.set(key, value);
}

export function normalisePhone(raw: string): NormalisedPhone | null {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const old = older.get(raw);
  if (old !== undefined) {
    remember(raw, old);
    return old;
  }
  const result = parsePhone(raw);
  remember(raw, result);
  // The stored form reads back the same: "0812-..." typed in, "+62812..." written and shown later.
  if (result && result.e164 !== raw && !cache.has(result.e164)) remember(result.e164, result);
  return result;
}

/**
 * What another thread (the import reader, imports/row-source.ts) already
 * made of a number, so this one does not parse it again; its display form
 * is worked out on first use.
 */
export function rememberPhone(raw: string, e164: string, kind: PhoneKind): void {
  if (cache.has(raw)) return;
  let display: string | undefined;
  const known: NormalisedPhone = {
    e164,
    kind,
    get display() {
      return (display ??= parsePhone(e164)?.display ?? e164);
    },
  };
  remember(raw, known);
  if (e164 !== raw && !cache.has(e164)) remember(e164, known);
}

function parsePhone(raw: string): NormalisedPhone | null {
  const s = compact(raw);
  if (!s) return null;
  for (const c of candidates(s)) {
    // compact() left only digits (and a leading +): nothing to extract from surrounding text, which saves a search.
    const parsed = parsePhoneNumberFromString(c, { defaultCountry: 'ID', extract: false });
    if (!parsed) continue;
    // With type patterns in the metadata (the "max" set has them), a number is valid exactly when it
    // has a type: one check instead of isValid() and getType() each working it out.
    const type = parsed.getType();
    if (type === undefined && !parsed.isValid()) continue;
    const kind: PhoneKind = type === 'MOBILE' ? 'mobile' : 'landline';
    // Formatting costs as much as parsing, and an import never shows it: worked out when first read.
    let display: string | undefined;
    return {
      e164: parsed.number,
      kind,
      get display() {
        return (display ??= parsed.country === 'ID' ? parsed.formatNational() : parsed.formatInternational());
      },
    };
  }
  return null;
}

export function isValidPhone(raw: string): boolean {
  return normalisePhone(raw) !== null;
}

/** Display form of a stored E.164 number. */
export function formatPhone(e164: string): string {
  return normalisePhone(e164)?.display ?? e164;
}

/** wa.me link for a stored E.164 number (digits only, no +). */
export function whatsappLink(e164: string): string {
  return `https://wa.me/${e164.replace(/\D/g, '')}`;
}

/**
 * Search keys for a stored number: the national significant number (812...)
 * and the full international digits (62812...). A typed fragment is turned
 * into a prefix of one of these by phoneQueryPrefix.
 */
export function phoneSearchKeys(e164: string): string[] {
  const digits = e164.replace(/\D/g, '');
  if (digits.startsWith('62')) return [digits.slice(2), digits];
  return [digits];
}

/**
 * If a query looks like (part of) a phone number, the digit prefix to look
 * for among phoneSearchKeys; otherwise null. "0812-34" -> "81234",
 * "+62 812" -> "812", "62812" -> "62812" (matches the international key).
 */
export function phoneQueryPrefix(query: string): string | null {
  const q = query.trim();
  if (!/^\+?[\d\s\-().]+$/.test(q)) return null;
  const digits = q.replace(/\D/g, '');
  if (digits.length < 3) return null;
  if (q.startsWith('+')) return digits.startsWith('62') ? digits.slice(2) || null : digits;
  if (digits.startsWith('0')) return digits.slice(1) || null;
  return digits;
}
