/**
 * Money is an integer number of Rupiah. IDR has no minor unit in practice
 * (no coin below Rp1 circulates), so integer Rupiah is the exact minor unit;
 * floating point never touches an amount.
 */
export type Rupiah = number;

const full = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0, minimumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1, minimumFractionDigits: 0 });

/** Rp1.234.567 (id-ID grouping, no decimals, no space after Rp). */
export function formatRupiah(amount: Rupiah): string {
  // Intl puts a no-break space between "Rp" and the digits; Indonesian usage writes them together.
  return full.format(amount).replace(/\u00a0|\s/g, '');
}

/** Rp1,2 jt (juta, 10^6), Rp3,4 M (miliar, 10^9), Rp1,5 T (triliun); smaller amounts in full. */
export function formatRupiahCompact(amount: Rupiah): string {
  const sign = amount < 0 ? '-' : '';
  const a = Math.abs(amount);
  if (a >= 1e12) return `${sign}Rp${oneDecimal.format(a / 1e12)} T`;
  if (a >= 1e9) return `${sign}Rp${oneDecimal.format(a / 1e9)} M`;
  if (a >= 1e6) return `${sign}Rp${oneDecimal.format(a / 1e6)} jt`;
  return formatRupiah(amount);
}

/** Parses what a clerk types: "Rp1.250.000", "1250000", "1.250.000". */
export function parseRupiah(text: string): Rupiah | null {
  const s = text.trim().replace(/^rp\.?\s*/i, '').replace(/\./g, '');
  if (!/^-?\d{1,15}$/.test(s)) return null;
  return Number(s);
}
