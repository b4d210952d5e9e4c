import type { FieldMessageKey } from '../../shared/api/errors.js';
import type { BranchTimeZone } from '../../shared/domain/dates.js';
import { normalisePhone } from '../../shared/domain/phone.js';
import { parseCalendarDate, parseCount, parseDecimal, parseTransactionType, toRupiah } from '../../shared/domain/import-values.js';
import type { TransactionImportField } from '../../shared/domain/importing.js';
import { cell, columnLabel, type ResolvedMapping } from './mapping.js';
import type { RowIssue } from './customer-rows.js';

export interface TransactionKey {
  field: 'customerRef' | 'customerNumber' | 'customerNik' | 'customerPhone' | 'customerEmail';
  value: string;
}

export interface TransactionRowResult {
  row: number;
  transaction: { occurredAt: string; kind: 'sale' | 'refund'; amount: number; cost: number; discount: number; itemCount: number } | null;
  /** The customer keys the row carries, strongest first. */
  keys: TransactionKey[];
  customerName: string | null;
  issues: RowIssue[];
  values: Record<string, string>;
}

/** Hours a branch zone is ahead of UTC (Indonesia keeps no daylight saving). */
const ZONE_OFFSET: Record<BranchTimeZone, number> = { WIB: 7, WITA: 8, WIT: 9 };

/**
 * A date without a time is taken as noon in the branch's zone: it stays on
 * the same calendar day in every report, and never looks like an
 * out-of-hours sale to the anomaly checks (A5).
 */
export function instantOf(cellText: string, date: string, zone: BranchTimeZone): string {
  if (/[T ]\d{1,2}:\d{2}/.test(cellText)) {
    const parsed = new Date(cellText.includes('T') ? cellText : cellText.replace(' ', 'T'));
    if (!Number.isNaN(parsed.getTime())) return parsed.toISOString();
  }
  return new Date(`${date}T${String(12 - ZONE_OFFSET[zone]).padStart(2, '0')}:00:00.000Z`).toISOString();
}

/**
 * One file row to a transaction: when, how much (in the file's currency and
 * number format, converted at the mapping's rate to whole Rupiah), how many
 * items, and which customer. A negative amount without a type is a refund.
 */
export function readTransactionRow(m: ResolvedMapping, row: number, cells: string[], zone: BranchTimeZone, now: Date): TransactionRowResult {
  const issues: RowIssue[] = [];
  const values: Record<string, string> = {};
  const get = (f: TransactionImportField) => {
    const v = cell(m, cells, f);
    if (v) values[f] = v;
    return v;
  };
  const issue = (field: TransactionImportField, code: FieldMessageKey, value: string | null) =>
    issues.push({ row, column: columnLabel(m, field), field, code, value: value === null ? null : value.slice(0, 200) });

  const keys: TransactionKey[] = [];
  for (const field of ['customerRef', 'customerNumber', 'customerNik', 'customerPhone', 'customerEmail'] as const) {
    const v = get(field);
    if (!v) continue;
    if (field === 'customerPhone') {
      const n = normalisePhone(v);
      if (n) keys.push({ field, value: n.e164 });
      else issue(field, 'invalid_phone', v);
    } else if (field === 'customerEmail') keys.push({ field, value: v.toLowerCase() });
    else if (field === 'customerNumber') keys.push({ field, value: v.toUpperCase() });
    else keys.push({ field, value: v });
  }
  if (keys.length === 0 && !issues.some((i) => i.field === 'customerPhone')) issue(firstMappedKey(m), 'required', null);

  const dateText = get('occurredAt');
  let occurredAt: string | null = null;
  if (!dateText) issue('occurredAt', 'required', null);
  else {
    const date = parseCalendarDate(dateText, m.mapping.dateFormat);
    if (!date) issue('occurredAt', 'invalid_date', dateText);
    else {
      occurredAt = instantOf(dateText, date, zone);
      if (Date.parse(occurredAt) > now.getTime() + 24 * 3600_000) issue('occurredAt', 'future_time', dateText);
    }
  }

  const money = (field: 'amount' | 'cost' | 'discount', required: boolean): number | null => {
    const v = get(field);
    if (!v) {
      if (required) issue(field, 'required', null);
      return required ? null : 0;
    }
    const d = parseDecimal(v, m.mapping.numberFormat);
    const rupiah = d ? toRupiah(d, m.rate) : null;
    if (rupiah === null) issue(field, 'invalid_amount', v);
    return rupiah;
  };
  const amount = money('amount', true);
  const cost = money('cost', false);
  const discount = money('discount', false);

  const countText = get('itemCount');
  const itemCount = countText ? parseCount(countText) : 1;
  if (itemCount === null) issue('itemCount', 'invalid_number', countText);

  const typeText = get('type');
  let kind: 'sale' | 'refund' = amount !== null && amount < 0 ? 'refund' : 'sale';
  if (typeText) {
    const t = parseTransactionType(typeText);
    if (t) kind = t;
    else issue('type', 'invalid_value', typeText);
  }

  const ok = issues.length === 0 && occurredAt !== null && amount !== null && cost !== null && discount !== null && itemCount !== null;
  return {
    row,
    transaction: ok ? { occurredAt: occurredAt!, kind, amount: Math.abs(amount!), cost: Math.abs(cost!), discount: Math.abs(discount!), itemCount: itemCount! } : null,
    keys,
    customerName: get('customerName') || null,
    issues,
    values,
  };
}

function firstMappedKey(m: ResolvedMapping): TransactionImportField {
  return (['customerRef', 'customerNumber', 'customerNik', 'customerPhone', 'customerEmail'] as const).find((f) => m.columnOf[f] !== undefined) ?? 'customerRef';
}
