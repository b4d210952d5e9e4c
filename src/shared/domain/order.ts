import { z } from 'zod';
import type { Role } from '../api/procedure.js';
import type { FieldMessageKey } from '../api/errors.js';
import type { Rupiah } from './money.js';
import { CATALOGUE_KINDS } from './catalogue.js';
import { shipmentSchema } from './shipment.js';

/**
 * Orders (REQUIREMENTS S2): lines picked from the catalogue, quantity, unit
 * price, unit cost, a discount per line and one on the whole order, totals in
 * whole Rupiah. A completed order is a purchase: its transaction and line
 * items are written then, so every report counts it.
 *
 * Status: draft -> confirmed -> (paid ->) completed; draft, confirmed and
 * paid can be cancelled. Completed and cancelled are final (a return is a
 * refund, not an edit of the order).
 */
export const ORDER_STATUSES = ['draft', 'confirmed', 'paid', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  draft: ['confirmed', 'cancelled'],
  confirmed: ['paid', 'completed', 'cancelled'],
  paid: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** Why a status change is refused (a field message key), or null when it is allowed. */
export function orderTransitionIssue(from: OrderStatus, to: OrderStatus): FieldMessageKey | null {
  if (ORDER_TRANSITIONS[from].includes(to)) return null;
  if (from === to) return 'order_same_status';
  if (from === 'completed') return 'order_completed';
  if (from === 'cancelled') return 'order_cancelled';
  if (from === 'draft') return 'order_not_confirmed';
  return 'order_bad_step';
}

/** Who may sell at another price than the catalogue's. */
export const PRICE_OVERRIDE_ROLES: readonly Role[] = ['branch_manager', 'ho_admin'];

/** Orders above this gross are refused: a typing slip, not a sale (and integer Rupiah stays exact). */
export const MAX_ORDER_GROSS: Rupiah = 1_000_000_000_000;
export const MAX_QUANTITY = 100_000;
export const MAX_LINES = 200;

export const DISCOUNT_KINDS = ['amount', 'percent'] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];
/**
 * A discount as the clerk gives it: an amount in Rupiah, or a percentage with
 * at most two decimals (12.5 means 12,5 %). Stored as Rupiah or basis points.
 */
export interface Discount {
  kind: DiscountKind;
  /** Rupiah for 'amount'; basis points (1/100 of a percent) for 'percent'. */
  value: number;
}

const rupiah = z
  .number({ message: 'invalid_type' })
  .int({ message: 'invalid_amount' })
  .min(0, { message: 'invalid_amount' })
  .max(MAX_ORDER_GROSS, { message: 'invalid_amount' });

export const discountInputSchema = z
  .strictObject(
    {
      kind: z.enum(DISCOUNT_KINDS, { message: 'invalid_value' }),
      value: z.number({ message: 'invalid_type' }).min(0, { message: 'invalid_discount' }),
    },
    { message: 'invalid_type' },
  )
  .superRefine((d, ctx) => {
    if (d.kind === 'amount' && (!Number.isInteger(d.value) || d.value > MAX_ORDER_GROSS)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'invalid_amount' });
    if (d.kind === 'percent' && (d.value > 100 || Math.abs(Math.round(d.value * 100) - d.value * 100) > 1e-6)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'invalid_percent' });
  })
  .transform((d): Discount => ({ kind: d.kind, value: d.kind === 'percent' ? Math.round(d.value * 100) : d.value }));
export type DiscountInput = z.input<typeof discountInputSchema>;

const id = z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(64, { message: 'too_long' });
const notes = z
  .string({ message: 'invalid_type' })
  .trim()
  .max(2000, { message: 'too_long' })
  .transform((s) => (s === '' ? null : s));

/** One line as the clerk enters it: a catalogue item (by id or SKU), how many, and optionally a price and a discount. */
export const orderLineInputSchema = z
  .strictObject(
    {
      /** An existing line of the draft keeps its id (and what it was sold as). */
      id: id.optional(),
      catalogueItemId: id.optional(),
      sku: z.string({ message: 'invalid_type' }).trim().toUpperCase().min(1, { message: 'required' }).max(32, { message: 'too_long' }).optional(),
      quantity: z
        .number({ message: 'invalid_type' })
        .int({ message: 'invalid_number' })
        .min(1, { message: 'invalid_quantity' })
        .max(MAX_QUANTITY, { message: 'invalid_quantity' }),
      /** Another price than the catalogue's: only PRICE_OVERRIDE_ROLES. */
      unitPrice: rupiah.optional(),
      discount: discountInputSchema.nullable().optional(),
    },
    { message: 'invalid_type' },
  )
  .superRefine((l, ctx) => {
    if (!l.id && !l.catalogueItemId && !l.sku) ctx.addIssue({ code: 'custom', path: ['catalogueItemId'], message: 'required' });
  });
export type OrderLineInput = z.output<typeof orderLineInputSchema>;

const lines = z.array(orderLineInputSchema, { message: 'invalid_type' }).max(MAX_LINES, { message: 'too_many' });

export const orderCreateSchema = z.strictObject(
  {
    customerId: id,
    lines: lines.default([]),
    discount: discountInputSchema.nullable().optional(),
    notes: notes.nullable().optional(),
  },
  { message: 'invalid_type' },
);
export type OrderCreate = z.output<typeof orderCreateSchema>;

/** A draft's lines (the whole list: lines left out are removed), discount and notes. */
export const orderUpdateSchema = z.strictObject(
  {
    id,
    lines: lines.optional(),
    discount: discountInputSchema.nullable().optional(),
    notes: notes.nullable().optional(),
  },
  { message: 'invalid_type' },
);
export type OrderUpdate = z.output<typeof orderUpdateSchema>;

export const orderStatusInputSchema = z.strictObject(
  {
    id,
    status: z.enum(ORDER_STATUSES, { message: 'invalid_value' }),
    /** Why it was cancelled; required for a cancellation. */
    reason: notes.nullable().optional(),
  },
  { message: 'invalid_type' },
);
export type OrderStatusInput = z.output<typeof orderStatusInputSchema>;

export const orderQuerySchema = z.strictObject({
  customerId: id.optional(),
  status: z.enum(ORDER_STATUSES, { message: 'invalid_value' }).optional(),
  /** Order number prefix or customer name words. */
  query: z.string({ message: 'invalid_type' }).trim().max(100, { message: 'too_long' }).default(''),
  offset: z.number({ message: 'invalid_type' }).int({ message: 'invalid_number' }).min(0, { message: 'invalid_number' }).default(0),
  limit: z.number({ message: 'invalid_type' }).int({ message: 'invalid_number' }).min(1, { message: 'invalid_number' }).max(500, { message: 'invalid_number' }).default(50),
});
export type OrderQuery = z.output<typeof orderQuerySchema>;

const discountOut = z.object({ kind: z.enum(DISCOUNT_KINDS), value: z.number() }).nullable();

export const orderLineSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  catalogueItemId: z.string(),
  sku: z.string(),
  name: z.string(),
  kind: z.enum(CATALOGUE_KINDS),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  /** The catalogue's price when the line was added (unitPrice differs when it was overridden). */
  listPrice: z.number().int(),
  unitCost: z.number().int(),
  /** As given: Rupiah, or percent (12.5). */
  discountGiven: discountOut,
  gross: z.number().int(),
  discount: z.number().int(),
  total: z.number().int(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const orderSummarySchema = z.object({
  id: z.string(),
  orderNumber: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  branchId: z.string(),
  status: z.enum(ORDER_STATUSES),
  itemCount: z.number().int(),
  total: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Latest shipment status, if shipped. */
  shipmentStatus: z.string().nullable(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

export const orderSchema = orderSummarySchema.extend({
  lines: z.array(orderLineSchema),
  discountGiven: discountOut,
  gross: z.number().int(),
  subtotal: z.number().int(),
  lineDiscounts: z.number().int(),
  orderDiscount: z.number().int(),
  discount: z.number().int(),
  cost: z.number().int(),
  notes: z.string().nullable(),
  staffName: z.string(),
  confirmedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** The purchase written when the order was completed. */
  transactionId: z.string().nullable(),
  /** Whether this branch may change it (only the branch that took the order does). */
  editable: z.boolean(),
  shipments: z.array(shipmentSchema),
});
export type Order = z.infer<typeof orderSchema>;

export const orderListSchema = z.object({ total: z.number().int(), orders: z.array(orderSummarySchema) });
export type OrderList = z.infer<typeof orderListSchema>;

// ---- Totals ----------------------------------------------------------------

export interface PricedLine {
  quantity: number;
  unitPrice: Rupiah;
  unitCost: Rupiah;
  discount: Discount | null;
}

export interface LineTotals {
  gross: Rupiah;
  discount: Rupiah;
  total: Rupiah;
  cost: Rupiah;
}

export interface OrderTotals {
  lines: LineTotals[];
  /** Sum of quantity x unit price. */
  gross: Rupiah;
  /** Sum of the lines after their own discounts. */
  subtotal: Rupiah;
  lineDiscounts: Rupiah;
  orderDiscount: Rupiah;
  /** Line discounts plus the order discount: what the transaction records as discount. */
  discount: Rupiah;
  /** What the customer pays. */
  total: Rupiah;
  cost: Rupiah;
  itemCount: number;
}

export interface TotalsIssue {
  path: (string | number)[];
  code: FieldMessageKey;
}

/**
 * A percentage of an amount in whole Rupiah, half a Rupiah rounded up
 * (Rp1.005 at 10 % is Rp101, not Rp100,5). Exact: BigInt, no floating point.
 */
export function percentOf(amount: Rupiah, basisPoints: number): Rupiah {
  return Number((BigInt(amount) * BigInt(basisPoints) + 5_000n) / 10_000n);
}

function discountAmount(base: Rupiah, d: Discount | null): Rupiah {
  if (!d) return 0;
  return d.kind === 'percent' ? percentOf(base, d.value) : d.value;
}

/**
 * Totals of an order. Each line: gross = quantity x unit price, minus its
 * discount; the order discount applies to the sum of the lines (a
 * percentage of that subtotal). A discount larger than what it applies to is
 * refused, as is an order above MAX_ORDER_GROSS.
 */
export function orderTotals(lines: PricedLine[], orderDiscount: Discount | null): { totals: OrderTotals; issues: TotalsIssue[] } {
  const issues: TotalsIssue[] = [];
  const out: LineTotals[] = [];
  let gross = 0n;
  let subtotal = 0;
  let lineDiscounts = 0;
  let cost = 0n;
  let itemCount = 0;
  lines.forEach((l, i) => {
    const g = BigInt(l.quantity) * BigInt(l.unitPrice);
    gross += g;
    cost += BigInt(l.quantity) * BigInt(l.unitCost);
    itemCount += l.quantity;
    if (g > BigInt(MAX_ORDER_GROSS)) {
      issues.push({ path: ['lines', i, 'quantity'], code: 'order_too_large' });
      out.push({ gross: 0, discount: 0, total: 0, cost: 0 });
      return;
    }
    const lineGross = Number(g);
    const d = discountAmount(lineGross, l.discount);
    if (d > lineGross) issues.push({ path: ['lines', i, 'discount'], code: 'discount_too_large' });
    const total = Math.max(0, lineGross - d);
    out.push({ gross: lineGross, discount: Math.min(d, lineGross), total, cost: l.quantity * l.unitCost });
    subtotal += total;
    lineDiscounts += Math.min(d, lineGross);
  });
  if (gross > BigInt(MAX_ORDER_GROSS)) {
    if (!issues.some((x) => x.code === 'order_too_large')) issues.push({ path: ['lines'], code: 'order_too_large' });
    gross = BigInt(MAX_ORDER_GROSS);
  }
  if (cost > BigInt(MAX_ORDER_GROSS)) cost = BigInt(MAX_ORDER_GROSS);
  const od = discountAmount(subtotal, orderDiscount);
  if (od > subtotal) issues.push({ path: ['discount'], code: 'discount_too_large' });
  const orderDiscountApplied = Math.min(od, subtotal);
  return {
    totals: {
      lines: out,
      gross: Number(gross),
      subtotal,
      lineDiscounts,
      orderDiscount: orderDiscountApplied,
      discount: lineDiscounts + orderDiscountApplied,
      total: subtotal - orderDiscountApplied,
      cost: Number(cost),
      itemCount,
    },
    issues,
  };
}

/** A stored discount as the API shows it: Rupiah, or percent with decimals. */
export function discountForDisplay(kind: string | null, value: number | null): { kind: DiscountKind; value: number } | null {
  if (!kind || value === null) return null;
  return kind === 'percent' ? { kind: 'percent', value: value / 100 } : { kind: 'amount', value };
}

/** JKT01-P000042: the branch code makes numbers unique across branches. */
export function formatOrderNumber(branchCode: string, n: number): string {
  return `${branchCode}-P${String(n).padStart(6, '0')}`;
}

/**
 * Spreads the order discount over the lines in proportion to their totals,
 * in whole Rupiah, so the line items of a purchase add up to what was paid:
 * each line gets the floor of its share, and the Rupiah left over go to the
 * lines with the largest remainders (the earlier line on a tie).
 */
export function allocateDiscount(lineTotals: Rupiah[], discount: Rupiah): Rupiah[] {
  const sum = lineTotals.reduce((a, b) => a + b, 0);
  if (discount <= 0 || sum <= 0) return lineTotals.map(() => 0);
  const d = BigInt(Math.min(discount, sum));
  const s = BigInt(sum);
  const shares = lineTotals.map((t) => (BigInt(t) * d) / s);
  const rest = lineTotals.map((t, i) => ({ i, r: (BigInt(t) * d) % s }));
  let left = Number(d - shares.reduce((a, b) => a + b, 0n));
  rest.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rest) {
    if (left === 0) break;
    shares[i] += 1n;
    left -= 1;
  }
  return shares.map(Number);
}
