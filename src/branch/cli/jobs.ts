import { existsSync } from 'node:fs';
import type { BranchCore } from '../core.js';
import { CliFailure, type Output } from './output.js';

/** Online backup through SQLite's backup API: consistent while the app keeps writing. */
export async function runBackup(core: BranchCore, file: string, out: Output): Promise<void> {
  if (existsSync(file)) throw new CliFailure(`${file} already exists; choose a new file name`, 2);
  const started = Date.now();
  await core.services.db.sqlite.backup(file);
  const result = { file, ms: Date.now() - started };
  process.stdout.write(out.json ? `${JSON.stringify(result)}\n` : `Cadangan ditulis ke ${file} (${result.ms} ms)\n`);
}

export async function runSeed(
  core: BranchCore,
  o: { customers: number; transactions: number; seed: number },
  out: Output,
): Promise<void> {
  if (!core.services.setup.status().initialised) {
    throw new CliFailure('this branch is not set up yet: run "simpul init" first', 1);
  }
  const { seedDemo } = await import('../demo/seed.js');
  const started = Date.now();
  let lastReport = 0;
  const result = await seedDemo(core, {
    customers: o.customers,
    transactions: o.transactions,
    seed: o.seed,
    onProgress: (p) => {
      if (out.json || Date.now() - lastReport < 1000) return;
      lastReport = Date.now();
      process.stderr.write(`pelanggan ${p.customers.toLocaleString('id-ID')} / ${p.totalCustomers.toLocaleString('id-ID')}, transaksi ${p.transactions.toLocaleString('id-ID')}\n`);
    },
  });
  const summary = { ...result, ms: Date.now() - started };
  process.stdout.write(out.json ? `${JSON.stringify(summary)}\n` : `Data demo dibuat: ${JSON.stringify(summary)}\n`);
}
