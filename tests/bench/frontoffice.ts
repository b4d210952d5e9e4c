import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBranchCore, type BranchCore } from '../../src/branch/core.js';
import { openBranchDatabase } from '../../src/branch/db/open.js';
import { DemoGenerator, ensureDemoBranch } from '../../src/branch/demo/index.js';
import { normalisePhone } from '../../src/shared/domain/phone.js';
import { newId } from '../../src/shared/domain/ids.js';
import { foldName } from '../../src/shared/domain/text.js';
import type { CustomerCreate } from '../../src/shared/domain/customer.js';
import { csvCell } from '../../src/branch/exports/columns.js';
import { CDNOW_MASTER } from '../support/datasets.js';
import { log, percentiles, renderTable, timeRounds, type Row } from './stats.js';

/**
 * Front-office benchmarks: `npx tsx tests/bench/frontoffice.ts [--rows N] [--only customers]`
 * (`--only customers`: the customer import, its baseline and its undo; for profiling).
 *  - import of a 100,000-row customer CSV and a 100,000-row transaction CSV
 *    through imports.run (parse, validate, match, write with change capture,
 *    journal), against raw prepared INSERTs of the same rows into the same
 *    tables, one transaction per 2,000 rows, in the same run;
 *  - the real CDNOW export (69,659 purchases) and the undo of the customer import;
 *  - Customer 360 of a customer with 1,000 timeline entries, against a bare
 *    SELECT of the customer row.
 * Goals: import >= 20,000 rows/s; Customer 360 p99 < 50 ms at the core.
 * The customer import's note adds rows per CPU-second of both, which a
 * loaded machine disturbs less than wall-clock rates, and per CPU-second of
 * the import's writing thread alone (the rows are read in another thread).
 */

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const ROWS = arg('--rows', 100_000);
/** `--only customers`: the customer import, its baseline and its undo, nothing else (profiling). */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const CHUNK = 2000;
const dir = mkdtempSync(join(tmpdir(), 'simpul-bench-front-'));
const rows: Row[] = [];
const rate = (n: number, ms: number) => n / (ms / 1000);
/** CPU time of this process in ms since `from` (process.cpuUsage()): on a shared machine, rows per CPU-second move less than wall rates. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

/**
 * CPU time of this process's main thread alone, in ms (Linux: /proc/self/task/<pid>/stat), or null
 * elsewhere. The import reads and checks rows in another thread, so process CPU counts both threads;
 * with a core free for the reader, the writing thread's CPU time is what bounds the wall rate.
 */
const mainThreadCpuMs = (): number | null => {
  const stat = `/proc/self/task/${process.pid}/stat`;
  if (!existsSync(stat)) return null;
  const f = readFileSync(stat, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, clock ticks of 1/100 s
};

function demoCustomers(n: number): CustomerCreate[] {
  const out: CustomerCreate[] = [];
  for (const batch of new DemoGenerator({ customers: n, transactions: 0, seed: 4242, now: '2026-11-22T03:00:00Z' }).batches(5000)) for (const c of batch) out.push(c.input);
  return out;
}

function customerCsv(customers: CustomerCreate[]): string {
  const head = 'Nama,Panggilan,Tanggal Lahir,Jenis Kelamin,Pekerjaan,HP,Email,Alamat,Kota,Kode Pos,ID Pelanggan';
  const lines = customers.map((c, i) =>
    [c.fullName, c.nickname, c.birthDate, c.gender === 'female' ? 'P' : c.gender === 'male' ? 'L' : '', c.occupation, c.phones?.[0]?.number, c.emails?.[0]?.address, c.address?.line, c.address?.city, c.address?.postalCode, `OLD-${i}`]
      .map((v) => csvCell(v ?? null))
      .join(','),
  );
  return `${head}\n${lines.join('\n')}\n`;
}

function transactionCsv(n: number, customerRefs: number): string {
  const lines = ['ID Pelanggan;Tanggal;Qty;Nilai'];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`OLD-${i % customerRefs};${day};${1 + (i % 4)};${(25_000 + ((i * 7919) % 2_000_000)).toLocaleString('id-ID')}`);
  }
  return `${lines.join('\n')}\n`;
}

async function runImport(core: BranchCore, path: string, kind: 'customers' | 'transactions', mapping: object): Promise<{ ms: number; cpu: number; mainCpu: number | null; batch: { id: string; created: number; totalRows: number; invalidRows: number }; events: number; lastFraction: number }> {
  const uploadId = core.services.imports.stageLocalFile(path);
  let events = 0;
  let lastFraction = 0;
  const off = core.onEvent((e) => {
    if (e.type !== 'import.progress') return;
    events += 1;
    lastFraction = e.fraction;
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const main0 = mainThreadCpuMs();
  const result = await core.dispatch(core.systemActor, 'imports.run', { uploadId, kind, mapping });
  const ms = performance.now() - started;
  const cpuSpent = cpuMs(cpu);
  const main1 = mainThreadCpuMs();
  off();
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return { ms, cpu: cpuSpent, mainCpu: main0 === null || main1 === null ? null : main1 - main0, batch: result.value as never, events, lastFraction };
}

/** The same rows written with bare prepared INSERTs into the same tables (indexes and triggers included). */
function rawCustomerInserts(customers: CustomerCreate[]): { wall: number; cpu: number } {
  const db = openBranchDatabase({ file: join(dir, 'raw-customers.db') });
  const now = new Date().toISOString();
  const customer = db.sqlite.prepare(
    `INSERT INTO customers (id, customer_number, full_name, sort_name, nickname, birth_date, gender, occupation, address_line, city, postal_code, tags, lifecycle_stage, home_branch_id, created_at, updated_at, created_by, updated_by, external_ref)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', 'new', 'b', ?, ?, 'u', 'u', ?)`,
  );
  const contact = db.sqlite.prepare('INSERT INTO contact_points (id, customer_id, kind, value, is_primary, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)');
  // Storage only: phones are normalised before the clock starts.
  const phones = customers.map((c) => (c.phones?.[0] ? normalisePhone(c.phones[0].number)?.e164 ?? null : null));
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < customers.length; i += CHUNK) {
    db.sqlite.transaction(() =>
      db.asSyncWriter(() => {
        customers.slice(i, i + CHUNK).forEach((c, j) => {
          const id = newId();
          customer.run(id, `RAW-${i + j}`, c.fullName, foldName(c.fullName), c.nickname ?? null, c.birthDate ?? null, c.gender ?? null, c.occupation ?? null, c.address?.line ?? null, c.address?.city ?? null, c.address?.postalCode ?? null, now, now, `OLD-${i + j}`);
          const phone = phones[i + j];
          if (phone) contact.run(newId(), id, 'phone', phone, now, now);
          if (c.emails?.[0]) contact.run(newId(), id, 'email', c.emails[0].address.toLowerCase(), now, now);
        });
      }),
    )();
  }
  const ms = performance.now() - started;
  const cpuSpent = cpuMs(cpu);
  db.close();
  return { wall: rate(customers.length, ms), cpu: rate(customers.length, cpuSpent) };
}

function rawTransactionInserts(core: BranchCore, n: number): number {
  const db = core.services.db;
  const ids = db.sqlite.prepare('SELECT id FROM customers WHERE deleted = 0 LIMIT 5000').pluck().all() as string[];
  const insert = db.sqlite.prepare("INSERT INTO transactions (id, customer_id, branch_id, occurred_at, kind, amount, cost, discount, item_count, created_at) VALUES (?, ?, 'raw', ?, 'sale', ?, 0, 0, 1, ?)");
  const now = new Date().toISOString();
  const started = performance.now();
  for (let i = 0; i < n; i += CHUNK) {
    db.sqlite.transaction(() => db.asSyncWriter(() => {
      for (let j = i; j < Math.min(n, i + CHUNK); j++) insert.run(newId(), ids[j % ids.length], new Date(Date.UTC(2023, 0, 1) + (j % 700) * 86_400_000).toISOString(), 25_000 + j, now);
    }))();
  }
  return rate(n, performance.now() - started);
}

async function customer360(core: BranchCore): Promise<void> {
  const actor = core.systemActor;
  const c = (await core.dispatch(actor, 'customers.create', { fullName: 'Pelanggan Setia Sekali', phones: [{ number: '0812-9999-0000' }] })) as { ok: true; value: { id: string } };
  const id = c.value.id;
  const s = core.services;
  const start = Date.UTC(2023, 0, 1);
  s.transactions.insertMany(Array.from({ length: 400 }, (_, i) => ({ customerId: id, occurredAt: new Date(start + i * 43_200_000).toISOString(), kind: 'sale' as const, amount: 100_000 + i, cost: 0, discount: 0, itemCount: 1 })));
  for (let i = 0; i < 400; i++) await core.dispatch(actor, 'interactions.log', { customerId: id, channel: 'phone', purpose: 'service', occurredAt: new Date(start + i * 43_000_000).toISOString(), notes: `Kontak ke-${i}` });
  for (let i = 0; i < 149; i++) await core.dispatch(actor, 'customers.update', { id, patch: { notes: `Catatan ${i}` } });
  for (let i = 0; i < 50; i++) await core.dispatch(actor, 'needs.add', { customerId: id, kind: i % 2 ? 'need' : 'want', text: `Kebutuhan ${i}` });
  const full = (await core.dispatch(actor, 'customers.timeline', { customerId: id, limit: 1000 })) as { ok: true; value: { entries: unknown[]; hasMore: boolean } };
  log(`360: timeline of ${full.value.entries.length} entries (more: ${full.value.hasMore})`);

  const bare = core.services.db.sqlite.prepare('SELECT * FROM customers WHERE id = ?');
  const inputs = Array.from({ length: 200 }, () => id);
  const baseline = percentiles(timeRounds(inputs, (x) => bare.get(x)).best);
  const timeAsync = async (fn: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let round = 0; round < 200; round++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    return percentiles(samples);
  };
  const open = await timeAsync(() => core.dispatch(actor, 'customers.profile360', { id }));
  const whole = await timeAsync(() => core.dispatch(actor, 'customers.timeline', { customerId: id, limit: 1000 }));
  rows.push({ benchmark: 'Customer 360 open, 1,000 timeline entries (p50)', measured: open.p50, unit: 'ms', goal: { max: 50 }, baseline: { name: 'bare SELECT of the customer', value: baseline.p50 }, ratio: open.p50 / baseline.p50 });
  rows.push({ benchmark: 'Customer 360 open, 1,000 timeline entries (p99)', measured: open.p99, unit: 'ms', goal: { max: 50 } });
  rows.push({ benchmark: '  whole timeline, 1,000 entries in one page (p99)', measured: whole.p99, unit: 'ms', goal: { max: 50 } });
}

async function undoCustomers(core: BranchCore, batchId: string): Promise<void> {
  log('undo: customer import');
  const t = performance.now();
  const undo = await core.dispatch(core.systemActor, 'imports.undo', { id: batchId });
  if (!undo.ok) throw new Error(JSON.stringify(undo.error));
  rows.push({ benchmark: `  undo of the ${ROWS.toLocaleString('en-US')}-customer import`, measured: rate(ROWS, performance.now() - t), unit: 'rows/s' });
}

async function main(): Promise<void> {
  const core = openBranchCore({ dataDir: join(dir, 'branch'), checkOutput: false });
  ensureDemoBranch(core);
  try {
    log(`generating ${ROWS.toLocaleString('en-US')} demo customers`);
    const customers = demoCustomers(ROWS);
    const customerFile = join(dir, 'pelanggan.csv');
    writeFileSync(customerFile, customerCsv(customers));

    log('raw baseline: customers');
    const rawCustomers = rawCustomerInserts(customers);
    log('import: customers');
    const imported = await runImport(core, customerFile, 'customers', {
      columns: ['fullName', 'nickname', 'birthDate', 'gender', 'occupation', 'phone', 'email', 'addressLine', 'city', 'postalCode', 'externalRef'].map((field, column) => ({ column, field })),
    });
    const customerRate = rate(imported.batch.totalRows, imported.ms);
    const customerCpuRate = rate(imported.batch.totalRows, imported.cpu);
    rows.push({ benchmark: `import ${ROWS.toLocaleString('en-US')} customers (CSV, imports.run)`, measured: customerRate, unit: 'rows/s', goal: { min: 20_000 }, baseline: { name: 'raw INSERTs, same rows and tables', value: rawCustomers.wall }, ratio: customerRate / rawCustomers.wall, note: `${imported.batch.created} created, ${imported.batch.invalidRows} invalid, ${imported.events} progress events, last at ${Math.round(imported.lastFraction * 100)}%; per CPU-second: import ${Math.round(customerCpuRate).toLocaleString('en-US')} rows, raw INSERTs ${Math.round(rawCustomers.cpu).toLocaleString('en-US')} rows (${(customerCpuRate / rawCustomers.cpu).toFixed(2)}x)${imported.mainCpu ? `; per CPU-second of the writing (main) thread alone ${Math.round(rate(imported.batch.totalRows, imported.mainCpu)).toLocaleString('en-US')} rows (${(rate(imported.batch.totalRows, imported.mainCpu) / rawCustomers.cpu).toFixed(2)}x)` : ''}` });

    if (ONLY === 'customers') await undoCustomers(core, imported.batch.id);
    else await theRest(core, imported.batch.id);
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`\nSimpul front-office benchmarks (${ROWS.toLocaleString('en-US')} rows), node ${process.version}\n\n${renderTable(rows)}\n`);
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.benchmark.trim()}: ${r.note}`);
  if (notes.length) process.stdout.write(`\n${notes.join('\n')}\n`);
}

/** Transactions, the CDNOW export, the customer import's undo and Customer 360. */
async function theRest(core: BranchCore, customerBatchId: string): Promise<void> {
  const txFile = join(dir, 'transaksi.csv');
    writeFileSync(txFile, transactionCsv(ROWS, ROWS));
    log('raw baseline: transactions');
    const rawTx = rawTransactionInserts(core, ROWS);
    log('import: transactions');
    const tx = await runImport(core, txFile, 'transactions', { columns: ['customerRef', 'occurredAt', 'itemCount', 'amount'].map((field, column) => ({ column, field })), dateFormat: 'YYYY-MM-DD', numberFormat: 'id' });
    const txRate = rate(tx.batch.totalRows, tx.ms);
    rows.push({ benchmark: `import ${ROWS.toLocaleString('en-US')} transactions (CSV, imports.run)`, measured: txRate, unit: 'rows/s', goal: { min: 20_000 }, baseline: { name: 'raw INSERTs into transactions', value: rawTx }, ratio: txRate / rawTx, note: `${tx.batch.created} created, ${tx.batch.invalidRows} invalid, ${tx.events} progress events` });

    log('import: CDNOW master (real export)');
    const cdnow = await runImport(core, CDNOW_MASTER(), 'transactions', {
      columns: [{ column: 0, field: 'customerRef' }, { column: 1, field: 'occurredAt' }, { column: 2, field: 'itemCount' }, { column: 3, field: 'amount' }],
      dateFormat: 'YYYYMMDD', numberFormat: 'en', currencyRate: '15000', missingCustomer: 'create',
    });
    rows.push({ benchmark: '  import CDNOW_master.txt (69,659 real rows, registers 23,570 customers)', measured: rate(cdnow.batch.totalRows, cdnow.ms), unit: 'rows/s' });

    await undoCustomers(core, customerBatchId);

    log('Customer 360');
    await customer360(core);
}

await main();
