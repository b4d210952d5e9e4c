import type { Locale } from '../../shared/api/errors.js';
import { TIME_ZONES, type BranchTimeZone } from '../../shared/domain/dates.js';
import { formatRupiah } from '../../shared/domain/money.js';

type Translate = (key: string, options?: { defaultValue?: string }) => string;

export interface AuditDetailContext {
  t: Translate;
  locale: Locale;
  zone: BranchTimeZone;
  /** Customers the entry names, by id (audit.list sends them). */
  customers?: Record<string, { fullName: string; customerNumber: string }>;
}

export interface AuditDetailLine {
  key: string;
  label: string;
  value: string;
}

/** How a known key's value reads; keys not listed are guessed from the value (and their name for money). */
type Kind = 'count' | 'money' | 'customer' | 'importKind' | 'importStatus' | 'exportFormat' | 'profileFields' | 'text';

const KNOWN: Record<string, Kind> = {
  fileName: 'text',
  kind: 'importKind',
  status: 'importStatus',
  created: 'count',
  updated: 'count',
  invalidRows: 'count',
  removed: 'count',
  archived: 'count',
  restored: 'count',
  kept: 'count',
  rows: 'count',
  format: 'exportFormat',
  fields: 'profileFields',
  customerId: 'customer',
  customerIds: 'customer',
  relatedCustomerId: 'customer',
  amount: 'money',
  total: 'money',
  unitPrice: 'money',
};

const MONEY_NAME = /(amount|price|total|revenue|cost|rupiah)$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 22/11/2026 14:05 WIB: an instant in the branch's zone. */
export function auditInstant(iso: string, zone: BranchTimeZone): string {
  const dt = new Date(iso);
  if (Number.isNaN(dt.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONES[zone], day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(dt)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute} ${zone}`;
}

/** "includeArchived" -> "Include archived", "row_count" -> "Row count": a readable stand-in for a key no text names yet. */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The detail of an audit entry as labelled lines in the reader's language:
 * known keys with their label and formatted value (counts, Rupiah, dates,
 * yes/no, customers by name and number, codes in words); any other key
 * still shows, with a readable label and value, never as JSON.
 */
export function auditDetailLines(detail: Record<string, unknown>, ctx: AuditDetailContext): AuditDetailLine[] {
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([key, v]) => ({ key, label: ctx.t(`audit.detail.${key}`, { defaultValue: humanizeKey(key) }), value: formatValue(key, v, ctx) }));
}

function formatValue(key: string, v: unknown, ctx: AuditDetailContext): string {
  const { t, locale, zone } = ctx;
  const number = (n: number) => new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 }).format(n);
  const kind: Kind | undefined = KNOWN[key];
  const one = (x: unknown): string => {
    if (typeof x === 'boolean') return t(x ? 'audit.yes' : 'audit.no');
    if (typeof x === 'number') return kind === 'money' || (!kind && MONEY_NAME.test(key)) ? formatRupiah(Math.round(x)) : number(x);
    if (typeof x === 'string') {
      switch (kind) {
        case 'customer': {
          const c = ctx.customers?.[x];
          return c ? `${c.fullName} (${c.customerNumber})` : t('audit.unknownCustomer');
        }
        case 'importKind':
          return t(`imports.kind.${x}`, { defaultValue: x });
        case 'importStatus':
          return t(`imports.statusName.${x}`, { defaultValue: x });
        case 'exportFormat':
          return t(`audit.format.${x}`, { defaultValue: x.toUpperCase() });
        case 'profileFields':
          return t(`profileField.${x}`, { defaultValue: humanizeKey(x) });
        default:
          if (INSTANT.test(x)) return auditInstant(x, zone);
          if (CALENDAR_DATE.test(x)) return `${x.slice(8, 10)}/${x.slice(5, 7)}/${x.slice(0, 4)}`;
          return x;
      }
    }
    if (Array.isArray(x)) return x.map(one).join(', ');
    if (x && typeof x === 'object') {
      return Object.entries(x as Record<string, unknown>)
        .filter(([, y]) => y !== null && y !== undefined)
        .map(([k, y]) => `${t(`audit.detail.${k}`, { defaultValue: humanizeKey(k) })} ${formatValue(k, y, ctx)}`)
        .join('; ');
    }
    return x === null || x === undefined ? '' : String(x as string | number);
  };
  return one(v);
}
