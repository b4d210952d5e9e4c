import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBranchCore } from '../../src/branch/core.js';
import type { Actor } from '../../src/shared/api/procedure.js';
import { receiveCatalogue } from '../support/catalogue.js';
import { log, percentiles, renderTable, type Row } from './stats.js';

/**
 * Orders benchmarks: `npx tsx tests/bench/orders.ts [--orders N]`.
 *  - an order taken and completed through the dispatcher (create with three
 *    catalogue lines, confirm, complete: transaction + line items + change
 *    capture), against the bare purchase write (TransactionService.insertMany
 *    of the same count) in the same run;
 *  - the orders list (first page, and a search by customer name) over N orders;
 *  - Customer 360 of a customer with 300 orders and 300 shipments of 3 steps
 *    (timeline of orders, purchases and shipment steps).
 * Goals: one order taken and completed p99 < 50 ms; list p99 < 50 ms; Customer 360 p99 < 50 ms.
 */
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const ORDERS = arg('--orders', 3_000);
const dir = mkdtempSync(join(tmpdir(), 'simpul-bench-orders-'));
const rows: Row[] = [];

async function main() {
  const core = openBranchCore({ dataDir: dir, log: () => {} });
  const ok = async (actor: Actor | null, method: string, input: unknown) => {
    const r = actor ? await core.dispatch(actor, method, input) : await core.call(null, method, input);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value as any;
  };
  await ok(null, 'setup.initialise', { branchName: 'Bench', branchCode: 'BEN01', timeZone: 'WIB', manager: { username: 'manajer', displayName: 'Manajer', password: 'rahasia-bench' } });
  const signIn = await ok(null, 'auth.signIn', { username: 'manajer', password: 'rahasia-bench' });
  const actor: Actor = { kind: 'user', ...signIn.actor };
  const skus = Array.from({ length: 200 }, (_, i) => `BRG-${String(i).padStart(4, '0')}`);
  receiveCatalogue(
    core,
    skus.map((sku, i) => ({ sku, name: `Barang uji ${i} ${['oli', 'ban', 'aki', 'lampu', 'filter'][i % 5]}`, unitPrice: 10_000 + i * 1_000, unitCost: 7_000 + i * 700 })),
  );
  log(`customers and ${ORDERS.toLocaleString('en-US')} orders…`);
  const customerIds = core.services.customers.createMany(
    actor as never,
    Array.from({ length: 2_000 }, (_, i) => ({ fullName: `Pelanggan Uji ${i}`, address: { line: `Jl. Uji ${i}`, city: 'Bandung' } }) as never),
  );
  const lines = (i: number) => [0, 1, 2].map((k) => ({ sku: skus[(i * 7 + k * 13) % skus.length], quantity: 1 + ((i + k) % 3) }));

  // Orders taken and completed one by one, as at the counter.
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < ORDERS; i++) {
    const t0 = performance.now();
    const o = await ok(actor, 'orders.create', { customerId: customerIds[i % customerIds.length], lines: lines(i), discount: { kind: 'percent', value: 5 } });
    await ok(actor, 'orders.setStatus', { id: o.id, status: 'confirmed' });
    await ok(actor, 'orders.setStatus', { id: o.id, status: 'completed' });
    samples.push(performance.now() - t0);
  }
  const ordersPerSecond = ORDERS / ((performance.now() - started) / 1000);
  // Floor: one committed write through the dispatcher (synchronous = FULL: each commit waits for the disk); an order is three.
  const oneWrite: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await ok(actor, 'interactions.log', { customerId: customerIds[i], channel: 'visit', purpose: 'service' });
    oneWrite.push(performance.now() - t0);
  }
  const floor = percentiles(oneWrite);
  const bareStarted = performance.now();
  core.services.transactions.insertMany(
    Array.from({ length: ORDERS }, (_, i) => ({ customerId: customerIds[i % customerIds.length], occurredAt: new Date().toISOString(), kind: 'sale' as const, amount: 100_000, cost: 70_000, discount: 0, itemCount: 3 })),
  );
  const bareRate = ORDERS / ((performance.now() - bareStarted) / 1000);
  const complete = percentiles(samples);
  rows.push({ benchmark: 'order taken and completed (create 3 lines + confirm + complete), p50', measured: complete.p50, unit: 'ms', baseline: { name: '3 x one committed write (interactions.log) p50', value: 3 * floor.p50 }, ratio: complete.p50 / (3 * floor.p50) });
  rows.push({ benchmark: 'order taken and completed, p99', measured: complete.p99, unit: 'ms', goal: { max: 50 }, baseline: { name: '3 x one committed write p99', value: 3 * floor.p99 } });
  rows.push({ benchmark: 'orders taken and completed, one by one', measured: ordersPerSecond, unit: 'rows/s', baseline: { name: 'bare purchase rows in one transaction', value: bareRate } });

  // The orders list over every order.
  const listed = (input: object) => {
    const s: number[] = [];
    return (async () => {
      for (let i = 0; i < 60; i++) {
        const t0 = performance.now();
        await ok(actor, 'orders.list', input);
        if (i >= 10) s.push(performance.now() - t0);
      }
      return percentiles(s);
    })();
  };
  const customersPage: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    await ok(actor, 'customers.list', { limit: 50 });
    if (i >= 10) customersPage.push(performance.now() - t0);
  }
  const customersP99 = percentiles(customersPage).p99;
  const first = await listed({ limit: 50 });
  rows.push({ benchmark: `orders list, first page of ${ORDERS.toLocaleString('en-US')}, p99`, measured: first.p99, unit: 'ms', goal: { max: 50 }, baseline: { name: 'customers list first page p99', value: customersP99 } });
  const byName = await listed({ query: 'uji 1234', limit: 50 });
  rows.push({ benchmark: 'orders list, search by customer name, p99', measured: byName.p99, unit: 'ms', goal: { max: 50 } });
  const completed = await listed({ status: 'completed', limit: 50 });
  rows.push({ benchmark: 'orders list, completed only, p99', measured: completed.p99, unit: 'ms', goal: { max: 50 } });

  // One customer with 300 orders, each shipped in three steps.
  log('a customer with 300 orders and shipments…');
  const [regular] = core.services.customers.createMany(actor as never, [{ fullName: 'Pelanggan Setia', address: { line: 'Jl. Setia 1', city: 'Bandung' } } as never]);
  for (let i = 0; i < 300; i++) {
    const o = await ok(actor, 'orders.create', { customerId: regular, lines: lines(i) });
    await ok(actor, 'orders.setStatus', { id: o.id, status: 'confirmed' });
    await ok(actor, 'orders.setStatus', { id: o.id, status: 'completed' });
    const s = await ok(actor, 'shipments.create', { orderId: o.id, courier: 'JNE' });
    await ok(actor, 'shipments.update', { id: s.id, status: 'shipped' });
    await ok(actor, 'shipments.update', { id: s.id, status: 'delivered' });
  }
  const c360: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    await ok(actor, 'customers.profile360', { id: regular, timelineLimit: 50 });
    if (i >= 10) c360.push(performance.now() - t0);
  }
  rows.push({ benchmark: 'Customer 360 with 300 orders, 300 purchases, 900 shipment steps, p99', measured: percentiles(c360).p99, unit: 'ms', goal: { max: 50 } });
  core.close();
  process.stdout.write(`\nSimpul orders benchmarks (${ORDERS.toLocaleString('en-US')} orders), node ${process.version}\n\n${renderTable(rows)}\n`);
}

main()
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
