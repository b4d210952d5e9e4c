import { isIsoDate } from '../../shared/domain/dates.js';

/**
 * What a clerk types in a date or time field, and how the field shows a
 * value. The UI writes calendar dates day first (22/11/2026) in both
 * languages, as Indonesian forms do, and times as 09.30 (Indonesian) or
 * 09:30 (English); values stay YYYY-MM-DD and HH:MM underneath.
 */

/** A typed date as YYYY-MM-DD; '' for an empty field; null when it is not a real date. */
export function parseTypedDate(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  let y: string;
  let m: string;
  let d: string;
  const dayFirst = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/.exec(trimmed);
  const yearFirst = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(trimmed);
  const digits = /^(\d{2})(\d{2})(\d{4})$/.exec(trimmed);
  if (dayFirst) [, d, m, y] = dayFirst;
  else if (yearFirst) [, y, m, d] = yearFirst;
  else if (digits) [, d, m, y] = digits;
  else return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** YYYY-MM-DD as 22/11/2026; anything else (a half-typed value) as it is. */
export function showDate(value: string): string {
  if (!isIsoDate(value)) return value;
  const [y, m, d] = value.split('-');
  return `${d}/${m}/${y}`;
}

/** A calendar date moved by whole days (YYYY-MM-DD in, YYYY-MM-DD out). */
export function shiftDate(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * While typing digits only, the slashes come by themselves: 2 → 22/ → 22/11/
 * (only when the text grew, so backspace still works).
 */
export function withAutoSlashes(previous: string, next: string): string {
  if (next.length <= previous.length) return next;
  const typed = next.replace(/\/{2,}/g, '/');
  return /^\d{2}$/.test(typed) || /^\d{1,2}\/\d{2}$/.test(typed) ? `${typed}/` : typed;
}

/** A typed time of day as HH:MM ('' for empty, null when not a time): 9, 930, 0930, 9.30, 09:30. */
export function parseTypedTime(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const parts = /^(\d{1,2})(?:\s*[.:]\s*(\d{2}))?$/.exec(trimmed) ?? /^(\d{1,2})(\d{2})$/.exec(trimmed);
  if (!parts) return null;
  const h = Number(parts[1]);
  const min = Number(parts[2] ?? '0');
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** HH:MM as 09.30 (Indonesian) or 09:30 (English); anything else as it is. */
export function showTime(value: string, locale: 'id' | 'en'): string {
  if (!/^\d{2}:\d{2}$/.test(value)) return value;
  return locale === 'id' ? value.replace(':', '.') : value;
}

/** HH:MM moved by minutes, kept within the day. */
export function shiftTime(value: string, minutes: number): string {
  const [h, m] = value.split(':').map(Number);
  const total = Math.min(23 * 60 + 59, Math.max(0, h * 60 + m + minutes));
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
