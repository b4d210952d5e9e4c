import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBranchCore } from '../../../src/branch/core.js';
import { receiveCatalogue, WORKSHOP } from '../../support/catalogue.js';
import { parseDiscount, parseLine } from '../../../src/branch/cli/order-commands.js';

const dir = mkdtempSync(join(tmpdir(), 'simpul-cli-orders-'));
const simpul = (...args: string[]) => spawnSync(process.execPath, ['bin/simpul.mjs', '--data-dir', dir, ...args], { encoding: 'utf8' });
const json = (...args: string[]) => {
  const r = simpul('--json', ...args);
  if (r.status !== 0) throw new Error(`simpul ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

beforeAll(() => {
  json('init', '--branch-name', 'Cabang Medan', '--branch-code', 'MDN01', '--time-zone', 'WIB', '--manager', 'andi', '--manager-name', 'Andi', '--manager-password', 'rahasia123');
  const core = openBranchCore({ dataDir: dir, log: () => {} });
  receiveCatalogue(core, WORKSHOP);
  core.close();
  json('customer', 'add', '--name', 'Rudi Hartono', '--address', 'Jl. Gatot Subroto 12', '--city', 'Medan');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simpul order and simpul shipment', () => {
  it('reads lines and discounts as a clerk types them', () => {
    expect(parseLine('OLI-10W40:2')).toEqual({ sku: 'OLI-10W40', quantity: 2 });
    expect(parseLine('BAN-80-90:1:240.000:5%')).toEqual({ sku: 'BAN-80-90', quantity: 1, unitPrice: 240_000, discount: { kind: 'percent', value: 5 } });
    expect(parseLine('BAN-80-90:1::12,5%')).toMatchObject({ discount: { kind: 'percent', value: 12.5 } });
    expect(parseDiscount('Rp5.000')).toEqual({ kind: 'amount', value: 5_000 });
    expect(() => parseLine('OLI-10W40')).toThrow(/SKU:QUANTITY/);
    expect(() => parseDiscount('banyak')).toThrow(/percentage/);
  });

  it('creates, lists, shows, completes an order and ships it, with JSON output', () => {
    const o = json('order', 'create', '--customer', 'MDN01-000001', '--line', 'OLI-10W40:2', '--line', 'SRV-BERKALA:1::10%', '--discount', '5000', '--confirm');
    expect(o).toMatchObject({ orderNumber: 'MDN01-P000001', status: 'confirmed', total: 170_000 + 315_000 - 5_000, itemCount: 3 });
    expect(json('order', 'list', '--status', 'confirmed').orders.map((x: any) => x.orderNumber)).toEqual(['MDN01-P000001']);
    expect(json('order', 'show', 'MDN01-P000001').lines).toHaveLength(2);
    const done = json('order', 'complete', 'MDN01-P000001');
    expect(done.status).toBe('completed');
    expect(done.transactionId).toEqual(expect.any(String));

    const s = json('shipment', 'create', 'MDN01-P000001', '--courier', 'JNE', '--tracking', 'JNE777');
    expect(s).toMatchObject({ status: 'packed', address: 'Jl. Gatot Subroto 12, Medan', trackingNumber: 'JNE777' });
    json('shipment', 'update', 'MDN01-P000001', '--status', 'shipped');
    const last = json('shipment', 'update', s.id, '--status', 'in_transit', '--note', 'Tiba di Pekanbaru');
    expect(last.history.map((h: any) => h.status)).toEqual(['in_transit', 'shipped', 'packed']);
    const text = simpul('shipment', 'show', 'MDN01-P000001');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('dalam perjalanan: Tiba di Pekanbaru');
  });

  it('explains a refused step (exit 1) and bad arguments (exit 2), changing nothing', () => {
    const draft = json('order', 'create', '--customer', 'MDN01-000001', '--line', 'BAN-80-90:1');
    const r = simpul('--json', 'order', 'complete', draft.orderNumber);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'ORDER_STATUS', fields: [{ code: 'order_not_confirmed' }] });
    expect(r.stderr).toContain('Konfirmasi pesanan dulu');
    expect(json('order', 'show', draft.orderNumber).status).toBe('draft');
    const retired = simpul('--json', 'order', 'create', '--customer', 'MDN01-000001', '--line', 'AKI-LAMA:1');
    expect(retired.status).toBe(1);
    expect(retired.stderr).toContain('sudah tidak dijual');
    expect(simpul('order', 'create', '--customer', 'MDN01-000001', '--line', 'OLI').status).toBe(2);
    expect(simpul('order', 'cancel', draft.orderNumber).status).toBe(2);
    expect(simpul('shipment', 'update', 'MDN01-P000001', '--status', 'hilang').status).toBe(2);
    expect(json('order', 'list').total).toBe(2);
  });
});
