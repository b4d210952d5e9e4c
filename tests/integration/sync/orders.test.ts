import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addCatalogueItem } from '../../../src/headoffice/catalogue/service.js';
import { checksumsMatch, enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';

/**
 * Orders, their lines, the purchase of a completed order (transaction and
 * line items), shipments and their history sync in the customer's scope: the
 * head office holds them, and a branch that serves the customer can tell
 * them where the order is. Only the branch that took the order changes it.
 */
describe('orders and shipments between branches (PostgreSQL head office)', () => {
  let ho: TestHeadOffice;
  let jkt: TestSyncBranch;
  let bdg: TestSyncBranch;

  beforeAll(async () => {
    ho = await startHeadOffice('postgresql');
    await addCatalogueItem(ho.database.db, { sku: 'OLI-10W40', name: 'Oli mesin 10W-40 1 L', kind: 'product', category: 'Oli', unitPrice: 85_000, unitCost: 61_000 });
    await addCatalogueItem(ho.database.db, { sku: 'BAN-80-90', name: 'Ban tubeless 80/90-14', kind: 'product', category: 'Ban', unitPrice: 250_000, unitCost: 180_000 });
    jkt = await enrolledBranch(ho, 'JKT01');
    bdg = await enrolledBranch(ho, 'BDG01');
  }, 60_000);
  afterAll(async () => {
    jkt?.close();
    bdg?.close();
    await ho?.close();
  });

  it('an order completed and shipped at one branch reaches the head office and the branch that fetches the customer', async () => {
    await jkt.sync();
    const budi = await jkt.ok('customers.create', { fullName: 'Budi Hartono', phones: [{ number: '0812-9000-3333' }], address: { line: 'Jl. Braga 1', city: 'Bandung' } });
    const o = await jkt.ok('orders.create', { customerId: budi.id, lines: [{ sku: 'OLI-10W40', quantity: 2 }, { sku: 'BAN-80-90', quantity: 1 }], discount: { kind: 'percent', value: 10 } });
    await jkt.ok('orders.setStatus', { id: o.id, status: 'confirmed' });
    const done = await jkt.ok('orders.setStatus', { id: o.id, status: 'completed' });
    const s = await jkt.ok('shipments.create', { orderId: o.id, courier: 'JNE', trackingNumber: 'JNE0099' });
    await jkt.ok('shipments.update', { id: s.id, status: 'shipped' });
    await jkt.ok('shipments.update', { id: s.id, status: 'in_transit', note: 'Tiba di hub Cikampek' });
    await jkt.sync();
    expect(jkt.core.services.sync.status()).toMatchObject({ pending: 0, rejected: 0 });

    const atHo = async (table: string) =>
      ((await ho.database.db.execute(sql`SELECT count(*)::int AS n FROM sync_objects WHERE table_name = ${table}`)) as unknown as { rows: { n: number }[] }).rows[0].n;
    expect([await atHo('orders'), await atHo('order_lines'), await atHo('line_items'), await atHo('shipments'), await atHo('shipment_events')]).toEqual([1, 2, 2, 1, 3]);

    await bdg.sync();
    await bdg.core.services.sync.fetchCustomer('+6281290003333');
    const there = await bdg.ok('orders.get', { id: o.orderNumber });
    expect(there).toMatchObject({ id: o.id, status: 'completed', total: done.total, transactionId: done.transactionId, editable: false, shipmentStatus: 'in_transit' });
    expect(there.lines.map((l: any) => [l.sku, l.quantity])).toEqual([['OLI-10W40', 2], ['BAN-80-90', 1]]);
    expect(there.shipments[0].history.map((h: any) => [h.status, h.note])).toEqual([
      ['in_transit', 'Tiba di hub Cikampek'],
      ['shipped', null],
      ['packed', null],
    ]);
    const p = await bdg.ok('customers.profile360', { id: budi.id });
    expect(p.stats).toMatchObject({ purchases: 1, totalSpent: done.total });
    expect(p.timeline.entries.filter((e: any) => e.kind === 'shipment').map((e: any) => e.status)).toEqual(['in_transit', 'shipped', 'packed']);
    const items = bdg.core.services.db.sqlite.prepare('SELECT sum(amount) FROM line_items WHERE transaction_id = ?').pluck().get(done.transactionId);
    expect(items).toBe(done.total);

    // Bandung reads the order but cannot change it: only Jakarta, which took it, does.
    const refused = await bdg.core.call(bdg.session, 'shipments.update', { id: s.id, status: 'delivered' });
    expect(!refused.ok && refused.error.code).toBe('ORDER_OTHER_BRANCH');
    const cancel = await bdg.core.call(bdg.session, 'orders.setStatus', { id: o.id, status: 'cancelled', reason: 'x' });
    expect(!cancel.ok && cancel.error.code).toBe('ORDER_OTHER_BRANCH');
    // Bandung takes its own order for the same customer.
    const own = await bdg.ok('orders.create', { customerId: budi.id, lines: [{ sku: 'OLI-10W40', quantity: 1 }] });
    expect(own.orderNumber).toBe('BDG01-P000001');

    // Jakarta delivers; Bandung sees it at its next sync, and Jakarta sees Bandung's order.
    await jkt.ok('shipments.update', { id: s.id, status: 'delivered', note: 'Diterima Budi' });
    await jkt.sync();
    await bdg.sync();
    await jkt.sync();
    expect((await bdg.ok('orders.get', { id: o.id })).shipmentStatus).toBe('delivered');
    expect((await jkt.ok('orders.list', { customerId: budi.id })).orders.map((x: any) => x.orderNumber)).toEqual(['BDG01-P000001', 'JKT01-P000001']);
    for (const b of [jkt, bdg]) expect((await checksumsMatch(b)).equal).toBe(true);
  }, 60_000);
});
