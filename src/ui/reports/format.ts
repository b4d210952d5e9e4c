import { formatRupiah, formatRupiahCompact } from '../../shared/domain/money.js';
import { formatCalendarDate, formatInstant, TIME_ZONES, type BranchTimeZone } from '../../shared/domain/dates.js';
import { currentLocale } from '../i18n/index.js';

const tag = () => (currentLocale() === 'id' ? 'id-ID' : 'en-GB');

export const rupiah = (v: number) => formatRupiah(Math.round(v));
export const rupiahShort = (v: number) => formatRupiahCompact(Math.round(v));
export const count = (v: number) => new Intl.NumberFormat(tag()).format(v);
export const percent = (v: number, digits = 1) => new Intl.NumberFormat(tag(), { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
export const decimal = (v: number, digits = 2) => new Intl.NumberFormat(tag(), { maximumFractionDigits: digits }).format(v);
export const instant = (iso: string | null, zone: BranchTimeZone) => (iso ? formatInstant(iso, zone, currentLocale()) : '-');

/** The calendar day of an instant in the branch's zone: 22 Nov 2026. */
export const day = (iso: string | null, zone: BranchTimeZone) =>
  iso ? formatCalendarDate(new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONES[zone], year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso)), currentLocale()) : '-';
