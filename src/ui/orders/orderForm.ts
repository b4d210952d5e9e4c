import { makeError, type ApiError, type FieldIssue, type FieldMessageKey, type Locale } from '../../shared/api/errors.js';
import type { CatalogueItem } from '../../shared/domain/catalogue.js';
import { parseRupiah } from '../../shared/domain/money.js';
import { orderTotals, type Discount, type DiscountInput, type OrderLineInput, type OrderTotals } from '../../shared/domain/order.js';
import { fieldText } from '../lib/errorText.js';

/** A line as the editor holds it: the item and what the clerk typed. */
export interface DraftLine {
  key: string;
  /** The saved line this row edits (a draft being changed); absent for a line added now. */
  lineId?: string;
  item: Pick<CatalogueItem, 'id' | 'sku' | 'name' | 'kind' | 'unitPrice' | 'unitCost'>;
  quantity: string;
  price: string;
  discountKind: 'amount' | 'percent';
  discount: string;
}

export interface DraftDiscount {
  kind: 'amount' | 'percent';
  text: string;
}

/** "12,5" or "12.5" percent; "5.000" Rupiah. Empty is no discount; null is unreadable. */
export function readDiscount(kind: 'amount' | 'percent', text: string): DiscountInput | null | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (kind === 'percent') {
    if (!/^\d{1,3}([.,]\d{1,2})?$/.test(s)) return null;
    return { kind, value: Number(s.replace(',', '.')) };
  }
  const amount = parseRupiah(s);
  return amount === null || amount < 0 ? null : { kind, value: amount };
}

export function readQuantity(text: string): number | null {
  return /^\d{1,6}$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : null;
}

/** The order as the contract takes it. The price is sent only when it differs from the catalogue's. */
export function linesForCall(lines: DraftLine[]): OrderLineInput[] {
  return lines.map((l) => {
    const price = parseRupiah(l.price);
    const discount = readDiscount(l.discountKind, l.discount);
    return {
      ...(l.lineId ? { id: l.lineId } : { catalogueItemId: l.item.id }),
      quantity: readQuantity(l.quantity) ?? Number(l.quantity),
      ...(price !== null && price !== l.item.unitPrice ? { unitPrice: price } : {}),
      discount: (discount ?? null) as never,
    } as OrderLineInput;
  });
}

const toStored = (d: DiscountInput | null | undefined): Discount | null =>
  d ? { kind: d.kind, value: d.kind === 'percent' ? Math.round(d.value * 100) : d.value } : null;

/** Totals as the branch will compute them (the same shared rule), for the screen while typing. */
export function draftTotals(lines: DraftLine[], discount: DraftDiscount): OrderTotals {
  return orderTotals(
    lines.map((l) => ({
      quantity: readQuantity(l.quantity) ?? 0,
      unitPrice: parseRupiah(l.price) ?? l.item.unitPrice,
      unitCost: l.item.unitCost,
      discount: toStored(readDiscount(l.discountKind, l.discount)),
    })),
    toStored(readDiscount(discount.kind, discount.text)),
  ).totals;
}

/** The field message of an API error at a path (lines.0.quantity), in the UI's language. */
export function issueAt(error: ApiError | null, path: (string | number)[], locale: Locale): string | null {
  const issue = error?.fields?.find((f) => f.path.join('.') === path.join('.'));
  return issue ? fieldText(issue, locale) : null;
}

/** Field messages of an error that no field on screen shows (a status step refused, an empty order). */
export function otherIssues(error: ApiError | null, shown: (path: string) => boolean, locale: Locale): string[] {
  return (error?.fields ?? []).filter((f) => !shown(f.path.join('.'))).map((f) => fieldText(f, locale));
}

/** What the screen can tell before asking the branch: an unreadable quantity or discount. Null when all is readable. */
export function draftProblems(lines: DraftLine[], discount: DraftDiscount, locale: Locale): ApiError | null {
  const fields: FieldIssue[] = [];
  const add = (path: (string | number)[], code: FieldMessageKey) => fields.push({ path, code, message: '' });
  lines.forEach((l, i) => {
    if (readQuantity(l.quantity) === null) add(['lines', i, 'quantity'], 'invalid_quantity');
    if (readDiscount(l.discountKind, l.discount) === null) add(['lines', i, 'discount'], l.discountKind === 'percent' ? 'invalid_percent' : 'invalid_amount');
  });
  if (readDiscount(discount.kind, discount.text) === null) add(['discount'], discount.kind === 'percent' ? 'invalid_percent' : 'invalid_amount');
  return fields.length ? makeError('VALIDATION_FAILED', locale, fields) : null;
}
