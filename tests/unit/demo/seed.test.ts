import { afterEach, describe, expect, it } from 'vitest';
import { openBranchCore, type BranchCore } from '../../../src/branch/core.js';
import { DemoGenerator, ensureDemoBranch, seedDemo } from '../../../src/branch/demo/index.js';

const NOW = '2026-11-22T03:00:00Z';
let core: BranchCore | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

describe('seedDemo', () => {
  it('writes the generated customers and their purchases through the services, batch by batch', () => {
    core = openBranchCore({ dataDir: ':memory:', checkOutput: true, log: () => {} });
    ensureDemoBranch(core, { timeZone: 'WITA' });
    const progress: number[] = [];
    const result = seedDemo(core, { customers: 450, transactions: 2_000, seed: 9, now: NOW, batchSize: 200, onProgress: (p) => progress.push(p.customers) });

    expect(progress).toEqual([200, 400, 450]);
    expect(result.customers).toBe(450);
    expect(core.services.customers.count()).toBe(450);
    expect(core.services.transactions.count()).toBe(result.transactions);
    // About the requested number: a few frequent buyers make small samples vary.
    expect(result.transactions).toBeGreaterThan(1_500);
    expect(result.transactions).toBeLessThanOrEqual(2_000);
  });

  it('stores what the generator made, so a customer is found by the phone as it was typed', async () => {
    core = openBranchCore({ dataDir: ':memory:', checkOutput: true, log: () => {} });
    ensureDemoBranch(core);
    seedDemo(core, { customers: 100, transactions: 0, seed: 3, now: NOW });
    const expected = [...new DemoGenerator({ customers: 100, transactions: 0, seed: 3, now: NOW }).batches(100)][0];
    const withPhone = expected.find((c) => c.input.phones?.length && c.input.phones[0].label === 'mobile')!;
    const result = await core.dispatch(core.systemActor, 'customers.search', { query: withPhone.input.phones![0].number });
    expect(result.ok).toBe(true);
    const rows = (result as { ok: true; value: { rows: { fullName: string }[]; matchedAs: string } }).value;
    expect(rows.matchedAs).toBe('phone');
    expect(rows.rows.map((r) => r.fullName)).toContain(withPhone.input.fullName);
    expect(core.services.transactions.count()).toBe(0);
  });

  it('leaves an already set-up branch as it is', () => {
    core = openBranchCore({ dataDir: ':memory:', log: () => {} });
    ensureDemoBranch(core, { name: 'Cabang Medan', code: 'MDN01' });
    ensureDemoBranch(core, { name: 'Lain', code: 'XXX01' });
    expect(core.services.setup.status().branchCode).toBe('MDN01');
  });
});
