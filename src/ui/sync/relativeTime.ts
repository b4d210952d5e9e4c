import type { Locale } from '../../shared/api/errors.js';

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 60 * 60],
  ['day', 24 * 60 * 60],
  ['week', 7 * 24 * 60 * 60],
  ['month', 30 * 24 * 60 * 60],
  ['year', 365 * 24 * 60 * 60],
];

/**
 * "5 menit yang lalu" / "5 minutes ago"; null under a minute (the caller
 * says "baru saja"). A time slightly ahead of this computer's clock (clock
 * skew) reads as just now, never as "in 2 minutes".
 */
export function relativeTime(iso: string, now: number, locale: Locale): string | null {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return null;
  let unit: Intl.RelativeTimeFormatUnit = 'minute';
  let size = 60;
  for (const [name, length] of STEPS) {
    if (seconds >= length) [unit, size] = [name, length];
  }
  const format = new Intl.RelativeTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { numeric: 'auto' });
  return format.format(-Math.floor(seconds / size), unit);
}
