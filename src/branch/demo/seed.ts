import type { BranchCore } from '../core.js';
import type { TransactionInput } from '../transactions/service.js';
import { DemoGenerator, type DemoOptions } from './customers.js';

/**
 * Fills a branch with demo data through the service layer, in batches (one
 * transaction for a batch's customers, one for their purchases), so every
 * write goes through the same code, indexes and change capture as a clerk's.
 * Memory stays flat: one batch is held at a time.
 */

export interface SeedProgress {
  customers: number;
  transactions: number;
  totalCustomers: number;
  elapsedMs: number;
}

export interface SeedOptions extends Omit<DemoOptions, 'timeZone'> {
  /** Customers per transaction (default 1000). */
  batchSize?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedResult {
  customers: number;
  transactions: number;
  elapsedMs: number;
}

/** The manager account of a demo branch set up by ensureDemoBranch. */
export const DEMO_MANAGER = { username: 'demo', displayName: 'Manajer Demo', password: 'demo-simpul' } as const;

/** Sets the branch up (name, code, zone, manager) if nobody has yet. */
export function ensureDemoBranch(core: BranchCore, branch: { name?: string; code?: string; timeZone?: 'WIB' | 'WITA' | 'WIT' } = {}): void {
  if (core.services.setup.status().initialised) return;
  core.services.setup.initialise({
    branchName: branch.name ?? 'Cabang Demo Jakarta',
    branchCode: branch.code ?? 'JKT01',
    timeZone: branch.timeZone ?? 'WIB',
    manager: { ...DEMO_MANAGER },
  });
}

export function seedDemo(core: BranchCore, options: SeedOptions): SeedResult {
  const started = performance.now();
  const status = core.services.setup.status();
  const generator = new DemoGenerator({ ...options, timeZone: status.timeZone ?? 'WIB' });
  const actor = core.systemActor;
  const { customers, transactions } = core.services;
  const batchSize = options.batchSize ?? 1000;
  let transactionCount = 0;
  const rows: TransactionInput[] = [];

  for (const batch of generator.batches(batchSize)) {
    // Two commits per batch, not one: wrapping both in an outer transaction
    // turns the services' transactions into savepoints, and writes inside a
    // savepoint slow down as the database grows (measured: 5x slower by
    // 30,000 customers; see tests/bench/README.md). A crash between the two
    // only loses demo purchases.
    const ids = customers.createMany(actor, batch.map((c) => c.input));
    rows.length = 0;
    batch.forEach((c, i) => {
      for (const p of c.purchases) rows.push({ customerId: ids[i], ...p });
    });
    if (rows.length > 0) transactionCount += transactions.insertMany(rows);
    options.onProgress?.({
      customers: generator.generated,
      transactions: transactionCount,
      totalCustomers: options.customers,
      elapsedMs: performance.now() - started,
    });
  }
  return { customers: generator.generated, transactions: transactionCount, elapsedMs: performance.now() - started };
}
