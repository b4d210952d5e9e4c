import { isIsoDate } from './dates.js';
import type { Rupiah } from './money.js';

/**
 * Reading the cells of an outside file (REQUIREMENTS C8). Spreadsheets from
 * Indonesian offices write 1.250.000,50 and 14/03/1988; exports from foreign
 * systems write 1,250,000.50, 03/14/1988 or 19970101. The mapping says which;
 * nothing here guesses silently per cell, so one file is read one way.
 */

export const DATE_FORMATS = ['auto', 'YYYY-MM-DD', 'YYYYMMDD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
/** id: 1.250.000,50 (dot groups, comma decimals); en: 1,250,000.50. */
export const NUMBER_FORMATS = ['id', 'en'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/**
 * A calendar date as YYYY-MM-DD, or null. 'auto' takes YYYY-MM-DD,
 * YYYYMMDD and day-first DD/MM/YYYY (the Indonesian order); a month-first
 * file must say MM/DD/YYYY. A time after the date (an Excel cell, an ISO
 * timestamp) is ignored.
 */
export function parseCalendarDate(raw: string, format: DateFormat = 'auto'): string | null {
  const s = raw.trim().replace(/[T ]\d{1,2}:\d{2}.*$/, '');
  let m: RegExpExecArray | null;
  const valid = (y: number, mo: number, d: number) => (isIsoDate(ymd(y, mo, d)) ? ymd(y, mo, d) : null);
  if ((format === 'auto' || format === 'YYYY-MM-DD') && (m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s))) {
    return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if ((format === 'auto' || format === 'YYYYMMDD') && (m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) {
    return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if ((format === 'auto' || format === 'DD/MM/YYYY') && (m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) {
    return valid(Number(m[3]), Number(m[2]), Number(m[1]));
  }
  if (format === 'MM/DD/YYYY' && (m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) {
    return valid(Number(m[3]), Number(m[1]), Number(m[2]));
  }
  return null;
}

/** An exact decimal: digits / 10^scale. Money never passes through floating point. */
export interface Decimal {
  units: bigint;
  scale: number;
}

/** "1.250.000,50" (id) or "1,250,000.50" (en), optional Rp/$ and spaces; null if not a number. */
export function parseDecimal(raw: string, format: NumberFormat): Decimal | null {
  let s = raw.trim().replace(/^(rp\.?|idr|usd|us\$|\$)\s*/i, '').replace(/[\s\u00a0]/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true; // accountants' (1.000) is a negative amount
    s = s.slice(1, -1);
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  }
  const group = format === 'id' ? '.' : ',';
  const point = format === 'id' ? ',' : '.';
  const shape = new RegExp(`^(\\d{1,3}(\\${group}\\d{3})+|\\d+)(\\${point}\\d+)?$`);
  if (!shape.test(s)) return null;
  const [whole, fraction = ''] = s.split(point);
  const digits = whole.split(group).join('') + fraction;
  if (digits.length > 30) return null;
  const units = BigInt(digits);
  return { units: negative ? -units : units, scale: fraction.length };
}

/**
 * amount x rate, rounded half away from zero to whole Rupiah. `rate` is the
 * Rupiah value of one unit of the file's currency (1 for a Rupiah file,
 * for example 15000 for US dollars at Rp15.000).
 */
export function toRupiah(amount: Decimal, rate: Decimal): Rupiah | null {
  const product = amount.units * rate.units;
  const divisor = 10n ** BigInt(amount.scale + rate.scale);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  let rupiah = abs / divisor;
  if ((abs % divisor) * 2n >= divisor) rupiah += 1n;
  const value = Number(negative ? -rupiah : rupiah);
  return Number.isSafeInteger(value) ? value : null;
}

/** A rate typed into the mapping ("15000", "15.250,5" or "15,250.5"): positive, at most 6 decimals. */
export function parseRate(raw: string, format: NumberFormat): Decimal | null {
  const d = parseDecimal(raw, format);
  if (!d || d.units <= 0n || d.scale > 6) return null;
  return d;
}

/** A whole count ("2", "2,0" is refused: item counts are whole). */
export function parseCount(raw: string): number | null {
  const s = raw.trim();
  if (!/^\d{1,9}$/.test(s)) return null;
  return Number(s);
}

const fold = (s: string) => s.trim().toLowerCase().replace(/[\s._-]+/g, ' ');

/** L/P, Laki-laki/Perempuan, Pria/Wanita, M/F, male/female. */
export function parseGender(raw: string): 'female' | 'male' | null {
  const s = fold(raw);
  if (['l', 'lk', 'laki laki', 'laki', 'pria', 'm', 'male', 'man', 'cowok'].includes(s)) return 'male';
  if (['p', 'pr', 'perempuan', 'wanita', 'f', 'female', 'woman', 'cewek'].includes(s)) return 'female';
  return null;
}

/** Lifecycle stage in the code's words or the UI's Indonesian words. */
export function parseStage(raw: string): 'prospect' | 'new' | 'active' | 'at_risk' | 'lapsed' | null {
  const s = fold(raw);
  const table: Record<string, 'prospect' | 'new' | 'active' | 'at_risk' | 'lapsed'> = {
    prospect: 'prospect', prospek: 'prospect', new: 'new', baru: 'new', active: 'active', aktif: 'active',
    'at risk': 'at_risk', berisiko: 'at_risk', lapsed: 'lapsed', 'tidak aktif': 'lapsed', nonaktif: 'lapsed',
  };
  return table[s] ?? null;
}

/** Ya/tidak, yes/no, 1/0, true/false, x (a ticked box). Empty is null. */
export function parseFlag(raw: string): boolean | null {
  const s = fold(raw);
  if (['y', 'ya', 'yes', '1', 'true', 'x', 'v', 'benar'].includes(s)) return true;
  if (['n', 't', 'tidak', 'no', '0', 'false', 'bukan', 'salah'].includes(s)) return false;
  return null;
}

/** "VIP, arisan; pelanggan lama" -> ["VIP", "arisan", "pelanggan lama"] */
export function splitList(raw: string): string[] {
  return raw
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const CHANNEL_WORDS: Record<string, string> = {
  visit: 'visit', kunjungan: 'visit', konter: 'visit', counter: 'visit', kantor: 'visit', datang: 'visit',
  phone: 'phone', telepon: 'phone', telp: 'phone', tlp: 'phone', call: 'phone', hp: 'phone',
  whatsapp: 'whatsapp', wa: 'whatsapp', sms: 'sms', email: 'email', 'e mail': 'email', surel: 'email', chat: 'chat',
  social: 'social', 'media sosial': 'social', 'sosial media': 'social', sosmed: 'social', instagram: 'social', facebook: 'social',
  'home visit': 'home_visit', 'kunjungan rumah': 'home_visit', seminar: 'gathering', gathering: 'gathering', kelas: 'gathering', arisan: 'gathering',
  outlet: 'outlet', toko: 'outlet',
};

/** A preferred channel in the code's words or a clerk's ("WA", "telepon", "kunjungan rumah"). */
export function parseChannel(raw: string): string | null {
  const s = fold(raw);
  return CHANNEL_WORDS[s] ?? CHANNEL_WORDS[s.replace(/ /g, '_')] ?? (Object.values(CHANNEL_WORDS).includes(s.replace(/ /g, '_')) ? s.replace(/ /g, '_') : null);
}

/** sale / refund in either language. */
export function parseTransactionType(raw: string): 'sale' | 'refund' | null {
  const s = fold(raw);
  if (['sale', 'jual', 'penjualan', 'beli', 'pembelian', 'purchase', 'order'].includes(s)) return 'sale';
  if (['refund', 'retur', 'return', 'pengembalian', 'kembali'].includes(s)) return 'refund';
  return null;
}
