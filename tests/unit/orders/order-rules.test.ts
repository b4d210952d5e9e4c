import { describe, expect, it } from 'vitest';
import {
  allocateDiscount,
  discountInputSchema,
  formatOrderNumber,
  MAX_ORDER_GROSS,
  ORDER_STATUSES,
  orderLineInputSchema,
  orderTotals,
  orderTransitionIssue,
  percentOf,
} from '../../../src/shared/domain/order.js';
import { SHIPMENT_STATUSES, shipmentTransitionIssue } from '../../../src/shared/domain/shipment.js';

const line = (quantity: number, unitPrice: number, discount: { kind: 'amount' | 'percent'; value: number } | null = null, unitCost = 0) => ({ quantity, unitPrice, unitCost, discount });
const pct = (percent: number) => ({ kind: 'percent' as const, value: Math.round(percent * 100) });

describe('order totals in whole Rupiah', () => {
  it('line gross, line discounts, order discount on the subtotal, cost and item count', () => {
    const { totals, issues } = orderTotals([line(2, 85_000, { kind: 'amount', value: 10_000 }, 61_000), line(1, 350_000, pct(10), 200_000)], { kind: 'amount', value: 5_000 });
    expect(issues).toEqual([]);
    expect(totals.lines).toEqual([
      { gross: 170_000, discount: 10_000, total: 160_000, cost: 122_000 },
      { gross: 350_000, discount: 35_000, total: 315_000, cost: 200_000 },
    ]);
    expect(totals).toMatchObject({ gross: 520_000, subtotal: 475_000, lineDiscounts: 45_000, orderDiscount: 5_000, discount: 50_000, total: 470_000, cost: 322_000, itemCount: 3 });
    // What the transaction records: amount + discount is the list price.
    expect(totals.total + totals.discount).toBe(totals.gross);
  });

  it('rounds a percentage to the nearest Rupiah, half a Rupiah up, exactly', () => {
    expect(percentOf(1_005, 1_000)).toBe(101); // 10 % of Rp1.005 = 100,5
    expect(percentOf(1_004, 1_000)).toBe(100); // 100,4
    expect(percentOf(999, 1_250)).toBe(125); // 12,5 % of 999 = 124,875
    expect(percentOf(MAX_ORDER_GROSS, 3_333)).toBe(333_300_000_000);
    const { totals } = orderTotals([line(3, 33_333, pct(12.5))], pct(7.5));
    // 99.999 - 12.500 (12.499,875) = 87.499; 7,5 % of it = 6.562,425 -> 6.562
    expect(totals).toMatchObject({ gross: 99_999, lineDiscounts: 12_500, subtotal: 87_499, orderDiscount: 6_562, total: 80_937 });
  });

  it('refuses a discount larger than what it applies to, naming the line', () => {
    const { issues } = orderTotals([line(1, 10_000), line(1, 5_000, { kind: 'amount', value: 5_001 })], { kind: 'amount', value: 100_000 });
    expect(issues).toEqual([
      { path: ['lines', 1, 'discount'], code: 'discount_too_large' },
      { path: ['discount'], code: 'discount_too_large' },
    ]);
    // A 100 % discount is allowed (a free item), 100,01 % is not even accepted as input.
    expect(orderTotals([line(1, 5_000, pct(100))], null).totals.total).toBe(0);
    expect(discountInputSchema.safeParse({ kind: 'percent', value: 100.01 }).success).toBe(false);
  });

  it('refuses an order above Rp1 trillion instead of losing precision', () => {
    const { issues } = orderTotals([line(100_000, 20_000_000)], null);
    expect(issues).toEqual([{ path: ['lines', 0, 'quantity'], code: 'order_too_large' }]);
    const two = orderTotals([line(1, 600_000_000_000), line(1, 600_000_000_000)], null);
    expect(two.issues).toEqual([{ path: ['lines'], code: 'order_too_large' }]);
  });

  it('an empty order totals zero', () => {
    expect(orderTotals([], null).totals).toMatchObject({ gross: 0, subtotal: 0, discount: 0, total: 0, itemCount: 0 });
  });
});

describe('discount and line input', () => {
  it('takes percent with at most two decimals (stored as basis points) and whole Rupiah amounts', () => {
    expect(discountInputSchema.parse({ kind: 'percent', value: 12.5 })).toEqual({ kind: 'percent', value: 1_250 });
    expect(discountInputSchema.parse({ kind: 'amount', value: 5_000 })).toEqual({ kind: 'amount', value: 5_000 });
    const codes = (v: unknown) => {
      const r = discountInputSchema.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(codes({ kind: 'percent', value: 12.345 })).toEqual(['invalid_percent']);
    expect(codes({ kind: 'amount', value: 10.5 })).toEqual(['invalid_amount']);
    expect(codes({ kind: 'amount', value: -1 })).toEqual(['invalid_discount']);
    expect(codes({ kind: 'gratis', value: 1 })).toEqual(['invalid_value']);
  });

  it('a line needs an item and a whole quantity from 1 to 100.000', () => {
    const issues = (v: unknown) => {
      const r = orderLineInputSchema.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    };
    expect(issues({ sku: 'oli-1', quantity: 2 })).toEqual([]);
    expect(orderLineInputSchema.parse({ sku: ' oli-1 ', quantity: 2 }).sku).toBe('OLI-1');
    expect(issues({ quantity: 2 })).toEqual(['catalogueItemId:required']);
    expect(issues({ sku: 'A', quantity: 0 })).toEqual(['quantity:invalid_quantity']);
    expect(issues({ sku: 'A', quantity: 1.5 })).toEqual(['quantity:invalid_number']);
    expect(issues({ sku: 'A', quantity: 100_001 })).toEqual(['quantity:invalid_quantity']);
    expect(issues({ sku: 'A', quantity: 1, unitPrice: -5 })).toEqual(['unitPrice:invalid_amount']);
  });
});

describe('spreading the order discount over the line items', () => {
  it('adds up exactly to the discount, in proportion, leftover Rupiah to the largest remainders', () => {
    expect(allocateDiscount([100, 100, 100], 100)).toEqual([34, 33, 33]);
    expect(allocateDiscount([160_000, 315_000], 5_000)).toEqual([1_684, 3_316]);
    expect(allocateDiscount([1, 999_999], 1)).toEqual([0, 1]);
    expect(allocateDiscount([500, 0], 500)).toEqual([500, 0]);
    expect(allocateDiscount([10, 20], 0)).toEqual([0, 0]);
    for (const [totals, d] of [[[7, 13, 29, 31], 17], [[999_999_999, 1, 2], 500_000_001]] as [number[], number][]) {
      const shares = allocateDiscount(totals, d);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(d);
      shares.forEach((s, i) => expect(s).toBeLessThanOrEqual(totals[i]));
    }
  });
});

describe('order status moves', () => {
  it('allows exactly draft -> confirmed -> (paid ->) completed and cancelling before completion', () => {
    const allowed = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.filter((to) => orderTransitionIssue(from, to) === null).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(
      ['draft->confirmed', 'draft->cancelled', 'confirmed->paid', 'confirmed->completed', 'confirmed->cancelled', 'paid->completed', 'paid->cancelled'].sort(),
    );
  });

  it('says why a move is refused', () => {
    expect(orderTransitionIssue('draft', 'completed')).toBe('order_not_confirmed');
    expect(orderTransitionIssue('draft', 'paid')).toBe('order_not_confirmed');
    expect(orderTransitionIssue('completed', 'cancelled')).toBe('order_completed');
    expect(orderTransitionIssue('cancelled', 'confirmed')).toBe('order_cancelled');
    expect(orderTransitionIssue('confirmed', 'confirmed')).toBe('order_same_status');
    expect(orderTransitionIssue('paid', 'draft')).toBe('order_bad_step');
  });

  it('numbers orders with the branch code', () => {
    expect(formatOrderNumber('JKT01', 42)).toBe('JKT01-P000042');
  });
});

describe('shipment status moves', () => {
  it('packed -> shipped -> in transit (repeatable) -> delivered; failed can be retried; returned is final', () => {
    expect(shipmentTransitionIssue('packed', 'shipped')).toBeNull();
    expect(shipmentTransitionIssue('shipped', 'in_transit')).toBeNull();
    expect(shipmentTransitionIssue('in_transit', 'in_transit')).toBeNull();
    expect(shipmentTransitionIssue('in_transit', 'delivered')).toBeNull();
    expect(shipmentTransitionIssue('failed', 'shipped')).toBeNull();
    expect(shipmentTransitionIssue('delivered', 'returned')).toBeNull();
    expect(shipmentTransitionIssue('packed', 'delivered')).toBe('shipment_bad_step');
    expect(shipmentTransitionIssue('delivered', 'in_transit')).toBe('shipment_bad_step');
    expect(shipmentTransitionIssue('delivered', 'delivered')).toBe('shipment_same_status');
    for (const to of SHIPMENT_STATUSES) expect(shipmentTransitionIssue('returned', to)).toBe('shipment_returned');
  });
});
