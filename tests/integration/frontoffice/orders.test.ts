import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBranch, type TestBranch } from '../../support/branch.js';
import { receiveCatalogue, WORKSHOP } from '../../support/catalogue.js';
import { staffSession } from './support.js';

type Call = (method: string, input: unknown) => Promise<{ ok: boolean; value?: any; error?: any }>;

/** Rows of every table an order touches, straight from SQLite. */
function orderCounts(b: TestBranch): Record<string, number> {
  const q = (sql: string) => b.core.services.db.sqlite.prepare(sql).pluck().get() as number;
  return {
    orders: q('SELECT count(*) FROM orders'),
    lines: q('SELECT count(*) FROM order_lines'),
    transactions: q('SELECT count(*) FROM transactions'),
    lineItems: q('SELECT count(*) FROM line_items'),
    shipments: q('SELECT count(*) FROM shipments'),
    events: q('SELECT count(*) FROM shipment_events'),
    outbox: q('SELECT count(*) FROM sync_outbox'),
    nextNumber: Number(q("SELECT coalesce((SELECT value FROM branch_settings WHERE key = 'next_order_number'), '1')")),
  };
}

describe('orders (S2): lines from the catalogue, totals, status, the purchase', () => {
  let b: TestBranch;
  let items: Record<string, string>;
  let budi: { id: string };
  let clerk: Call;
  beforeAll(async () => {
    b = await makeBranch({ code: 'JKT01' });
    items = receiveCatalogue(b.core, WORKSHOP);
    budi = await b.ok('customers.create', { fullName: 'Budi Santoso', address: { line: 'Jl. Melati 5', city: 'Jakarta Selatan' }, phones: [{ number: '0812-1111-2222' }] });
    clerk = await staffSession(b, 'front_office', 'kasir');
  });
  afterAll(() => b?.cleanup());

  it('creates a draft with catalogue prices, costs and names, line and order discounts, totals in Rupiah', async () => {
    const before = orderCounts(b);
    const o = await b.ok('orders.create', {
      customerId: budi.id,
      lines: [
        { catalogueItemId: items['OLI-10W40'], quantity: 2, discount: { kind: 'amount', value: 10_000 } },
        { sku: 'srv-berkala', quantity: 1, discount: { kind: 'percent', value: 10 } },
      ],
      discount: { kind: 'amount', value: 5_000 },
      notes: 'Ambil sore',
    });
    expect(o).toMatchObject({
      orderNumber: 'JKT01-P000001',
      status: 'draft',
      customerName: 'Budi Santoso',
      gross: 520_000,
      lineDiscounts: 45_000,
      subtotal: 475_000,
      orderDiscount: 5_000,
      discount: 50_000,
      total: 470_000,
      cost: 322_000,
      itemCount: 3,
      notes: 'Ambil sore',
      staffName: 'Manajer Uji',
      transactionId: null,
      editable: true,
      shipments: [],
    });
    expect(o.lines.map((l: any) => [l.sku, l.name, l.quantity, l.unitPrice, l.unitCost, l.discount, l.total])).toEqual([
      ['OLI-10W40', 'Oli mesin 10W-40 1 L', 2, 85_000, 61_000, 10_000, 160_000],
      ['SRV-BERKALA', 'Servis berkala 10.000 km', 1, 350_000, 200_000, 35_000, 315_000],
    ]);
    expect(o.lines[1].discountGiven).toEqual({ kind: 'percent', value: 10 });
    // Nothing is a purchase yet: no transaction until the order is completed. The order is in the outbox.
    const after = orderCounts(b);
    expect(after).toMatchObject({ orders: before.orders + 1, lines: before.lines + 2, transactions: before.transactions, lineItems: 0 });
    expect(after.outbox).toBe(before.outbox + 3);
  });

  it('refuses a retired item, an unknown code and a discount above the price, writing nothing', async () => {
    const before = orderCounts(b);
    const r = await b.core.call(b.session, 'orders.create', {
      customerId: budi.id,
      lines: [{ sku: 'AKI-LAMA', quantity: 1 }, { sku: 'TIDAK-ADA', quantity: 1 }, { sku: 'BAN-80-90', quantity: 1, discount: { kind: 'amount', value: 250_001 } }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.fields?.map((f) => [f.path.join('.'), f.code])).toEqual([
      ['lines.0.catalogueItemId', 'retired_item'],
      ['lines.1.sku', 'unknown_item'],
    ]);
    expect(r.error.fields?.[0].message).toMatch(/sudah tidak dijual/);
    const tooMuch = await b.core.call(b.session, 'orders.create', { customerId: budi.id, lines: [{ sku: 'BAN-80-90', quantity: 1, discount: { kind: 'amount', value: 250_001 } }] });
    expect(!tooMuch.ok && tooMuch.error.fields?.map((f) => [f.path.join('.'), f.code])).toEqual([['lines.0.discount', 'discount_too_large']]);
    const nobody = await b.core.call(b.session, 'orders.create', { customerId: 'tidak-ada', lines: [] });
    expect(!nobody.ok && nobody.error.fields?.[0].code).toBe('unknown_customer');
    // Numbers are not used up by refused orders either.
    expect(orderCounts(b)).toEqual(before);
  });

  it('lets only a permitted role sell at another price than the catalogue', async () => {
    const before = orderCounts(b);
    const refused = await clerk('orders.create', { customerId: budi.id, lines: [{ sku: 'BAN-80-90', quantity: 1, unitPrice: 200_000 }] });
    expect(refused.ok).toBe(false);
    expect(refused.error.fields.map((f: any) => [f.path.join('.'), f.code])).toEqual([['lines.0.unitPrice', 'price_override_forbidden']]);
    expect(orderCounts(b)).toEqual(before);
    // The clerk may still take the order at the catalogue price (stating it is fine).
    const atList = await clerk('orders.create', { customerId: budi.id, lines: [{ sku: 'BAN-80-90', quantity: 1, unitPrice: 250_000 }] });
    expect(atList.ok).toBe(true);
    const manager = await b.ok('orders.create', { customerId: budi.id, lines: [{ sku: 'BAN-80-90', quantity: 1, unitPrice: 200_000 }] });
    expect(manager.lines[0]).toMatchObject({ unitPrice: 200_000, listPrice: 250_000, total: 200_000 });
  });

  it('changes a draft (quantity, removed and added lines, discount) and nothing once it is confirmed', async () => {
    const o = await b.ok('orders.create', { customerId: budi.id, lines: [{ sku: 'OLI-10W40', quantity: 1 }, { sku: 'BAN-80-90', quantity: 2 }] });
    const [oil] = o.lines;
    const changed = await b.ok('orders.update', { id: o.id, lines: [{ id: oil.id, quantity: 4 }, { sku: 'SRV-BERKALA', quantity: 1 }], discount: { kind: 'percent', value: 5 } });
    expect(changed.lines.map((l: any) => [l.sku, l.quantity])).toEqual([['OLI-10W40', 4], ['SRV-BERKALA', 1]]);
    expect(changed.lines[0].id).toBe(oil.id);
    // 4 x 85.000 + 350.000 = 690.000; 5 % = 34.500.
    expect(changed).toMatchObject({ subtotal: 690_000, orderDiscount: 34_500, total: 655_500, itemCount: 5 });
    const removed = b.core.services.db.sqlite.prepare('SELECT count(*) FROM order_lines WHERE order_id = ? AND deleted = 1').pluck().get(o.id);
    expect(removed).toBe(1);
    const alien = await b.core.call(b.session, 'orders.update', { id: o.id, lines: [{ id: 'bukan-baris-ini', quantity: 1 }] });
    expect(!alien.ok && alien.error.fields?.[0]).toMatchObject({ path: ['lines', 0, 'id'], code: 'unknown_line' });

    await b.ok('orders.setStatus', { id: o.id, status: 'confirmed' });
    const late = await b.core.call(b.session, 'orders.update', { id: o.id, notes: 'terlambat' });
    expect(!late.ok && [late.error.code, late.error.fields?.[0].code]).toEqual(['ORDER_STATUS', 'order_not_draft']);
  });

  it('moves draft -> confirmed -> paid -> completed and refuses illegal moves with a clear reason', async () => {
    const empty = await b.ok('orders.create', { customerId: budi.id });
    const noItems = await b.core.call(b.session, 'orders.setStatus', { id: empty.id, status: 'confirmed' });
    expect(!noItems.ok && [noItems.error.code, noItems.error.fields?.[0].code]).toEqual(['ORDER_STATUS', 'order_empty']);

    const o = await b.ok('orders.create', { customerId: budi.id, lines: [{ sku: 'OLI-10W40', quantity: 1 }] });
    const skip = await b.core.call(b.session, 'orders.setStatus', { id: o.id, status: 'completed' });
    expect(skip.ok).toBe(false);
    if (!skip.ok) {
      expect([skip.error.code, skip.error.fields?.[0].code]).toEqual(['ORDER_STATUS', 'order_not_confirmed']);
      expect(skip.error.message).toMatch(/status sekarang/);
      expect(skip.error.fields?.[0].message).toBe('Konfirmasi pesanan dulu sebelum langkah ini.');
    }
    expect((await b.ok('orders.setStatus', { id: o.id, status: 'confirmed' })).confirmedAt).not.toBeNull();
    expect((await b.ok('orders.setStatus', { id: o.id, status: 'paid' })).paidAt).not.toBeNull();
    const done = await b.ok('orders.setStatus', { id: o.orderNumber, status: 'completed' });
    expect(done.status).toBe('completed');
    const again = await b.core.call(b.session, 'orders.setStatus', { id: o.id, status: 'cancelled', reason: 'batal' });
    expect(!again.ok && again.error.fields?.[0].code).toBe('order_completed');
  });

  it('a cancellation needs a reason, keeps the order and writes no purchase', async () => {
    const o = await b.ok('orders.create', { customerId: budi.id, lines: [{ sku: 'OLI-10W40', quantity: 1 }] });
    await b.ok('orders.setStatus', { id: o.id, status: 'confirmed' });
    const before = orderCounts(b);
    const noReason = await b.core.call(b.session, 'orders.setStatus', { id: o.id, status: 'cancelled' });
    expect(!noReason.ok && noReason.error.fields?.[0]).toMatchObject({ path: ['reason'], code: 'reason_required' });
    const c = await b.ok('orders.setStatus', { id: o.id, status: 'cancelled', reason: 'Pelanggan berubah pikiran' });
    expect(c).toMatchObject({ status: 'cancelled', cancelReason: 'Pelanggan berubah pikiran', transactionId: null });
    expect(orderCounts(b).transactions).toBe(before.transactions);
    const revive = await b.core.call(b.session, 'orders.setStatus', { id: o.id, status: 'confirmed' });
    expect(!revive.ok && revive.error.fields?.[0].code).toBe('order_cancelled');
  });
});

describe('a completed order is a purchase for every report', () => {
  let b: TestBranch;
  let items: Record<string, string>;
  beforeAll(async () => {
    b = await makeBranch({ code: 'BDG01' });
    items = receiveCatalogue(b.core, WORKSHOP);
  });
  afterAll(() => b?.cleanup());

  const sell = async (customerId: string, lines: object[], discount?: object) => {
    const o = await b.ok('orders.create', { customerId, lines, ...(discount ? { discount } : {}) });
    await b.ok('orders.setStatus', { id: o.id, status: 'confirmed' });
    return b.ok('orders.setStatus', { id: o.id, status: 'completed' });
  };

  it('writes one transaction (amount, cost, discount, item count) and line items that add up to it', async () => {
    const ani = await b.ok('customers.create', { fullName: 'Ani Wijaya' });
    const o = await sell(ani.id, [{ sku: 'OLI-10W40', quantity: 2, discount: { kind: 'amount', value: 10_000 } }, { sku: 'BAN-80-90', quantity: 1 }], { kind: 'amount', value: 4_000 });
    expect(o).toMatchObject({ status: 'completed', total: 406_000 });
    const db = b.core.services.db.sqlite;
    const t = db.prepare('SELECT * FROM transactions WHERE id = ?').get(o.transactionId) as any;
    expect(t).toMatchObject({ customer_id: ani.id, kind: 'sale', amount: 406_000, cost: 302_000, discount: 14_000, item_count: 3, voided_at: null });
    expect(t.occurred_at).toBe(o.completedAt);
    const li = db.prepare('SELECT product_id, quantity, unit_price, discount, amount, order_id FROM line_items WHERE transaction_id = ? ORDER BY seq').all(o.transactionId) as any[];
    expect(li.map((r) => [r.product_id, r.quantity, r.unit_price, r.order_id])).toEqual([
      [items['OLI-10W40'], 2, 85_000, o.id],
      [items['BAN-80-90'], 1, 250_000, o.id],
    ]);
    // The order discount (4.000) spread over the lines by their totals (160.000 and 250.000).
    expect(li.map((r) => r.discount)).toEqual([10_000 + 1_561, 2_439]);
    expect(li.reduce((s, r) => s + r.amount, 0)).toBe(t.amount);
    expect(li.reduce((s, r) => s + r.discount, 0)).toBe(t.discount);

    const p = await b.ok('customers.profile360', { id: ani.id });
    expect(p.stats).toMatchObject({ purchases: 1, totalSpent: 406_000 });
    expect(p.timeline.entries.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['purchase', 'order']));
    expect(p.timeline.entries.find((e: any) => e.kind === 'order')).toMatchObject({ orderNumber: o.orderNumber, status: 'completed', total: 406_000, itemCount: 3 });
  });

  it('the products-bought-together report names catalogue items bought in real orders; profitability and top customers count them', async () => {
    const buyers = await Promise.all(['Citra', 'Dedi', 'Eka'].map((n) => b.ok('customers.create', { fullName: `${n} Pratama` })));
    await sell(buyers[0].id, [{ sku: 'OLI-10W40', quantity: 1 }, { sku: 'SRV-BERKALA', quantity: 1 }]);
    await sell(buyers[1].id, [{ sku: 'OLI-10W40', quantity: 2 }, { sku: 'SRV-BERKALA', quantity: 1 }, { sku: 'BAN-80-90', quantity: 1 }]);
    await sell(buyers[2].id, [{ sku: 'BAN-80-90', quantity: 1 }]);
    // A cancelled order with the same pair is not a basket.
    const cancelled = await b.ok('orders.create', { customerId: buyers[2].id, lines: [{ sku: 'OLI-10W40', quantity: 1 }, { sku: 'SRV-BERKALA', quantity: 1 }] });
    await b.ok('orders.setStatus', { id: cancelled.id, status: 'cancelled', reason: 'uji' });

    const p = await b.ok('reports.patterns', {});
    // Baskets: Ani (oil, tyre), Citra (oil, service), Dedi (oil, service, tyre), Eka (tyre).
    expect(p.bundles).toMatchObject({ recorded: true, table: 'line_items', baskets: 4 });
    const pair = p.bundles.pairs.find((x: any) => x.a === 'Oli mesin 10W-40 1 L' && x.b === 'Servis berkala 10.000 km');
    expect(pair).toMatchObject({ together: 2, support: 0.5, confidence: 2 / 3 });
    expect(pair.lift).toBeCloseTo((2 * 4) / (3 * 2), 10);
    const oilTyre = p.bundles.pairs.find((x: any) => x.a === 'Oli mesin 10W-40 1 L' && x.b === 'Ban tubeless 80/90-14');
    expect(oilTyre).toMatchObject({ together: 2 });

    const prof = await b.ok('reports.profitability', {});
    // Ani 406.000 + Citra 435.000 + Dedi 170.000 + 350.000 + 250.000 + Eka 250.000.
    expect(prof.totals.revenue).toBe(406_000 + 435_000 + 770_000 + 250_000);
    expect(prof.totals.cogs).toBe(302_000 + 261_000 + 502_000 + 180_000);
    const top = await b.ok('reports.top', {});
    expect(top.buyers).toBe(4);
  });
});

describe('shipments (S3): status and a history staff can read out', () => {
  let b: TestBranch;
  let budi: { id: string };
  beforeAll(async () => {
    b = await makeBranch({ code: 'SBY01' });
    receiveCatalogue(b.core, WORKSHOP);
    budi = await b.ok('customers.create', { fullName: 'Budi Santoso', address: { line: 'Jl. Melati 5', city: 'Surabaya', province: 'Jawa Timur' } });
  });
  afterAll(() => b?.cleanup());

  it('ships a confirmed order to the address on file, then records each step with its time', async () => {
    const o = await b.ok('orders.create', { customerId: budi.id, lines: [{ sku: 'BAN-80-90', quantity: 2 }] });
    const draft = await b.core.call(b.session, 'shipments.create', { orderId: o.id, courier: 'JNE' });
    expect(!draft.ok && [draft.error.code, draft.error.fields?.[0].code]).toEqual(['ORDER_STATUS', 'order_not_shippable']);
    await b.ok('orders.setStatus', { id: o.id, status: 'confirmed' });
    const s = await b.ok('shipments.create', { orderId: o.id, courier: 'JNE', note: 'Dikemas rapi' });
    expect(s).toMatchObject({ status: 'packed', courier: 'JNE', trackingNumber: null, address: 'Jl. Melati 5, Surabaya, Jawa Timur', orderNumber: o.orderNumber });
    expect(s.history).toEqual([expect.objectContaining({ status: 'packed', note: 'Dikemas rapi', staffName: 'Manajer Uji' })]);

    const second = await b.core.call(b.session, 'shipments.create', { orderId: o.id, courier: 'TIKI' });
    expect(!second.ok && second.error.fields?.[0].code).toBe('shipment_open');

    await b.ok('shipments.update', { id: s.id, status: 'shipped', trackingNumber: 'JNE0012345' });
    await b.ok('shipments.update', { id: s.id, status: 'in_transit', note: 'Tiba di gudang Sidoarjo' });
    const skipBack = await b.core.call(b.session, 'shipments.update', { id: s.id, status: 'packed' });
    expect(!skipBack.ok && [skipBack.error.code, skipBack.error.fields?.[0].code]).toEqual(['SHIPMENT_STATUS', 'shipment_bad_step']);
    const eventsBefore = b.core.services.db.sqlite.prepare('SELECT count(*) FROM shipment_events').pluck().get();
    const delivered = await b.ok('shipments.update', { id: s.id, status: 'delivered', note: 'Diterima Ibu Sri' });
    expect(delivered).toMatchObject({ status: 'delivered', trackingNumber: 'JNE0012345' });
    expect(delivered.history.map((h: any) => [h.status, h.note])).toEqual([
      ['delivered', 'Diterima Ibu Sri'],
      ['in_transit', 'Tiba di gudang Sidoarjo'],
      ['shipped', null],
      ['packed', 'Dikemas rapi'],
    ]);
    expect(b.core.services.db.sqlite.prepare('SELECT count(*) FROM shipment_events').pluck().get()).toBe((eventsBefore as number) + 1);

    const order = await b.ok('orders.get', { id: o.id });
    expect(order.shipmentStatus).toBe('delivered');
    expect(order.shipments[0].history).toHaveLength(4);
    const list = await b.ok('orders.list', { customerId: budi.id });
    expect(list.orders.find((x: any) => x.id === o.id).shipmentStatus).toBe('delivered');

    const timeline = await b.ok('customers.timeline', { customerId: budi.id, kinds: ['shipment'] });
    expect(timeline.entries.map((e: any) => [e.status, e.orderNumber, e.courier])).toEqual([
      ['delivered', o.orderNumber, 'JNE'],
      ['in_transit', o.orderNumber, 'JNE'],
      ['shipped', o.orderNumber, 'JNE'],
      ['packed', o.orderNumber, 'JNE'],
    ]);
    expect(timeline.entries[0]).toMatchObject({ trackingNumber: 'JNE0012345', note: 'Diterima Ibu Sri' });
  });

  it('an order on its way cannot be cancelled until its shipment is recorded as returned', async () => {
    const o = await b.ok('orders.create', { customerId: budi.id, lines: [{ sku: 'OLI-10W40', quantity: 3 }] });
    await b.ok('orders.setStatus', { id: o.id, status: 'confirmed' });
    await b.ok('orders.setStatus', { id: o.id, status: 'paid' });
    const s = await b.ok('shipments.create', { orderId: o.id, courier: 'J&T' });
    const refused = await b.core.call(b.session, 'orders.setStatus', { id: o.id, status: 'cancelled', reason: 'Pelanggan menolak' });
    expect(!refused.ok && [refused.error.code, refused.error.fields?.[0].code]).toEqual(['ORDER_STATUS', 'order_shipped']);
    expect((await b.ok('orders.get', { id: o.id })).status).toBe('paid');
    await b.ok('shipments.update', { id: s.id, status: 'returned', note: 'Dikembalikan kurir' });
    const cancelled = await b.ok('orders.setStatus', { id: o.id, status: 'cancelled', reason: 'Pelanggan menolak' });
    expect(cancelled).toMatchObject({ status: 'cancelled', transactionId: null, shipmentStatus: 'returned' });
  });

  it('asks for an address when the customer has none on file, and refuses a time in the future', async () => {
    const nomad = await b.ok('customers.create', { fullName: 'Tanpa Alamat' });
    const o = await b.ok('orders.create', { customerId: nomad.id, lines: [{ sku: 'OLI-10W40', quantity: 1 }] });
    await b.ok('orders.setStatus', { id: o.id, status: 'confirmed' });
    const none = await b.core.call(b.session, 'shipments.create', { orderId: o.id, courier: 'SiCepat' });
    expect(!none.ok && none.error.fields?.[0]).toMatchObject({ path: ['address'], code: 'address_required' });
    expect(b.core.services.db.sqlite.prepare('SELECT count(*) FROM shipments WHERE order_id = ?').pluck().get(o.id)).toBe(0);
    const s = await b.ok('shipments.create', { orderId: o.id, courier: 'SiCepat', address: 'Jl. Kenanga 9, Gresik' });
    const future = await b.core.call(b.session, 'shipments.update', { id: s.id, status: 'shipped', occurredAt: '2099-01-01T00:00:00Z' });
    expect(!future.ok && future.error.fields?.[0].code).toBe('future_time');
    const noCourier = await b.core.call(b.session, 'shipments.create', { orderId: o.id, courier: '  ' });
    expect(!noCourier.ok && noCourier.error.fields?.[0]).toMatchObject({ path: ['courier'], code: 'required' });
  });
});
