import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openBranchDatabase, type BranchDatabase } from '../../src/branch/db/open.js';
import { ChangeCapture } from '../../src/branch/sync/capture.js';
import { demoCustomers } from '../../src/branch/demo/index.js';
import { capturedInsert, contactRows, rawInsert } from '../../src/branch/customers/columns.js';
import { newCustomerRow } from '../../src/branch/customers/writes.js';
import { contactPoints, customers } from '../../src/branch/db/schema.js';
import { newId } from '../../src/shared/domain/ids.js';
import { formatHlc } from '../../src/shared/sync/hlc.js';
import { enrolledBranch, type TestHeadOffice } from '../support/sync.js';
import { createStore, openStore } from '../integration/headoffice/support.js';
import { benchCustomerDoc } from './sync-docs.js';
import { log, type Row } from './stats.js';

/**
 * Sync benchmarks (the sync issue), each against a baseline of the same run:
 *  - change capture: inserts with capture vs the same inserts without it;
 *  - push of many changes through HTTP into the head office on PostgreSQL;
 *  - initial sync of N customers from the head office into an empty installation,
 *    and the PouchDB peer baseline: the same documents replicated from
 *    pouchdb-server's HTTP layer (express-pouchdb, LevelDB) into a PouchDB on LevelDB;
 *  - a no-op sync; the round trip of one change from branch A to branch B.
 * The head office and pouchdb-server each run in their own process, as servers do.
 */
export interface SyncBenchSizes {
  /** Customers of the initial sync (and of the no-op sync after it). */
  initial: number;
  /** Changes pushed by one branch. */
  push: number;
  /** Documents of the PouchDB baseline. */
  pouch: number;
  /** Customers inserted for the capture overhead. */
  capture: number;
}

export async function syncBenchmark(sizes: SyncBenchSizes): Promise<Row[]> {
  const rows: Row[] = [];
  rows.push(...captureOverhead(sizes.capture));
  const ho = await startHeadOfficeProcess();
  try {
    rows.push(...(await pushAndPull(ho, sizes.push)));
    rows.push(...(await initialSync(ho, sizes.initial)));
  } finally {
    await ho.close();
  }
  const simpul = rows.find((r) => r.benchmark.startsWith('initial sync'))!;
  rows.push(await pouchBaseline(sizes.pouch, simpul.measured));
  return rows;
}

/** Forks tests/bench/server-process.ts and waits for its port. */
async function startServerProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = fork(fileURLToPath(new URL('./server-process.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${env.BENCH_SERVER} server exited (${code}) before it was ready`)));
    child.on('message', (m: { type?: string; port?: number }) => {
      if (m.type === 'ready') resolve(m.port!);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The head office on a fresh PostgreSQL database, served by its own process; this process reads and loads the same database. */
export async function startHeadOfficeProcess(): Promise<TestHeadOffice & { cpu(): Promise<{ cpu: NodeJS.CpuUsage }> }> {
  const store = await createStore('postgresql');
  const database = await openStore(store);
  const server = await startServerProcess({ BENCH_SERVER: 'headoffice', BENCH_DATABASE_URL: store.databaseUrl! });
  return {
    store,
    database,
    app: null as never,
    url: server.url,
    cpu: () =>
      new Promise((resolve) => {
        const id = Math.random();
        const on = (m: { id?: number; cpu?: NodeJS.CpuUsage }) => {
          if (m.id !== id) return;
          server.child.off('message', on);
          resolve({ cpu: m.cpu! });
        };
        server.child.on('message', on);
        server.child.send({ op: 'cpu', id });
      }),
    async close() {
      await server.stop();
      await database.close();
      await store.dispose();
    },
  };
}

/**
 * The same customer rows inserted twice into identical databases: once plain, once with capture,
 * each as CustomerWriter.insert writes them (rows built by newCustomerRow and contactRows before
 * timing): rawInsert, against capturedInsert (the insert and its outbox entry from the same
 * values). The search index, which both would write alike, is left out.
 */
export function captureOverhead(n: number): Row[] {
  log(`capture overhead: ${n} customers`);
  const now = '2026-11-22T03:00:00.000Z';
  const inputs = [...demoCustomers({ customers: n, transactions: 0, seed: 7, now: '2026-11-22T03:00:00Z' })].map((c) => c.input);
  const rows = inputs.map((c, i) => {
    const id = newId();
    return {
      customer: newCustomerRow(id, { ...c, emails: [] }, { customerNumber: `BEN01-${String(i).padStart(6, '0')}`, homeBranchId: 'b', userId: 'u', now }),
      contacts: contactRows(id, { phones: c.phones }, now),
    };
  });
  const run = (withCapture: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'simpul-bench-capture-'));
    const db = openBranchDatabase({ file: join(dir, 'b.db') });
    try {
      const capture = new ChangeCapture(db);
      const insertCustomer = withCapture ? capturedInsert(db, capture, customers, 'customers') : rawInsert(db, customers, 'customers');
      const insertContact = withCapture ? capturedInsert(db, capture, contactPoints, 'contact_points') : rawInsert(db, contactPoints, 'contact_points');
      const started = performance.now();
      for (let start = 0; start < rows.length; start += 1000) {
        db.sqlite.transaction(() =>
          db.asSyncWriter(() => {
            for (let i = start; i < Math.min(rows.length, start + 1000); i++) {
              insertCustomer(rows[i].customer, now);
              for (const c of rows[i].contacts) insertContact(c, now);
            }
          }),
        )();
      }
      return (inputs.length / (performance.now() - started)) * 1000;
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  run(false); // warm up the statement cache and the allocator
  const plain = run(false);
  const captured = run(true);
  const ratio = plain / captured;
  return [
    {
      benchmark: 'change capture: inserts with capture',
      measured: captured,
      unit: 'rows/s',
      goal: { text: '<= 1.5x the plain time' },
      baseline: { name: 'same inserts, no capture', value: plain },
      ratio,
      pass: ratio <= 1.5,
      note: `${n} customers with their phones; time ratio ${ratio.toFixed(2)}`,
    },
  ];
}

/** A branch pushes its changes over HTTP; another branch round-trips one change. */
async function pushAndPull(ho: TestHeadOffice, wanted: number): Promise<Row[]> {
  log(`push: creating ${wanted.toLocaleString('en-US')} changes at a branch`);
  const a = await enrolledBranch(ho, 'BENA1');
  const b = await enrolledBranch(ho, 'BENB1');
  try {
    // Demo customers with their phones (and e-mails): each makes two or three changes.
    let seed = 11;
    while (a.core.services.sync.status().pending < wanted) {
      const inputs = [...demoCustomers({ customers: 1000, transactions: 0, seed: seed++, now: '2026-11-22T03:00:00Z' })].map((c) => c.input);
      a.core.services.customers.createMany(a.core.systemActor, inputs);
    }
    const changes = a.core.services.sync.status().pending;
    let t = performance.now();
    let pushedAt = 0;
    const report = await a.core.services.sync.syncNow((p) => {
      if (p.phase === 'pull' && pushedAt === 0) pushedAt = performance.now();
    });
    const total = performance.now() - t;
    const pushMs = pushedAt - t;
    const noop = await noopSyncs(a);
    const [c] = (await a.ok('customers.list', { limit: 1 })).rows;
    await b.core.services.sync.fetchCustomer(c.id);
    t = performance.now();
    await a.ok('customers.update', { id: c.id, patch: { occupation: 'Nelayan' } });
    await a.sync();
    await b.sync();
    const roundTripMs = performance.now() - t;
    const arrived = (await b.ok('customers.get', { id: c.id })).occupation === 'Nelayan';
    const atBranch = a.core.services.customers.count();
    return [
      {
        benchmark: `push ${changes.toLocaleString('en-US')} changes (HTTP, gzip, merge on PostgreSQL)`,
        measured: changes / (pushMs / 1000),
        unit: 'rows/s',
        note: `${(pushMs / 1000).toFixed(1)} s pushing in batches of 1,000; the whole sync ${(total / 1000).toFixed(1)} s with pulling the ${report.pulled.toLocaleString('en-US')} echoed rows back`,
      },
      {
        benchmark: `  push + echo pulled back`,
        measured: changes / (total / 1000),
        unit: 'rows/s',
      },
      { benchmark: `no-op sync (${atBranch.toLocaleString('en-US')} customers, ${changes.toLocaleString('en-US')} synced rows at the branch)`, measured: noop.median, unit: 'ms', goal: { max: 100 }, note: noop.note },
      { benchmark: 'round trip of one change, branch A -> head office -> branch B', measured: roundTripMs, unit: 'ms', pass: arrived ? undefined : false, note: arrived ? 'edit, A syncs, B syncs' : 'the change did not arrive' },
    ];
  } finally {
    a.close();
    b.close();
  }
}

/** N customers of branch BENC1 bulk-loaded straight into the head office's PostgreSQL (the benchmark is the pull, not this load). */
export async function loadInitialRows(ho: TestHeadOffice, n: number): Promise<void> {
  log(`initial sync: loading ${n.toLocaleString('en-US')} customers into the head office`);
  const seedBranch = await enrolledBranch(ho, 'BENC1');
  const branchId = seedBranch.core.services.setup.status().branchId!;
  seedBranch.close();
  const hlc = formatHlc({ wallMs: Date.parse('2026-11-22T03:00:00Z'), counter: 0, node: 'benchloader' });
  // Bulk-load straight into PostgreSQL: the benchmark is the pull, not this load.
  const db = ho.database.db;
  const [{ base }] = ((await db.execute(sql`SELECT seq AS base FROM sync_counter WHERE id = 1`)) as unknown as { rows: { base: string }[] }).rows;
  await db.execute(sql`UPDATE sync_counter SET seq = seq + ${n} WHERE id = 1`);
  await db.execute(sql`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
    SELECT 'customers', 'bench-' || g, jsonb_build_object(
      'customer_number', 'BENC1-' || lpad(g::text, 7, '0'), 'full_name', 'Pelanggan ' || g, 'nickname', null, 'nik', null,
      'birth_date', '1980-01-01', 'gender', CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END, 'occupation', 'Wiraswasta',
      'address_line', 'Jl. Merdeka ' || g, 'city', 'Bandung', 'province', 'Jawa Barat', 'postal_code', '40115', 'tags', '[]',
      'lifecycle_stage', 'active', 'notes', null, 'home_branch_id', ${branchId}::text, 'created_at', '2026-11-01T00:00:00Z', 'created_by', 'bench',
      'updated_at', '2026-11-01T00:00:00Z', 'updated_by', 'bench', 'archived_at', null, 'deleted', 0),
      '{}'::jsonb, ${Number(base)}::bigint + g, ${hlc}::text, 'bench-' || g, ${branchId}::text
    FROM generate_series(1, ${n}) AS g`);
  await db.execute(sql`INSERT INTO sync_customer_scope (customer_id, branch_id, reason, since)
    SELECT 'bench-' || g, ${branchId}::text, 'home', now() FROM generate_series(1, ${n}) AS g`);
  await db.execute(sql`INSERT INTO sync_feed (branch_id, table_name, row_id, seq)
    SELECT ${branchId}::text, 'customers', 'bench-' || g, ${Number(base)}::bigint + g FROM generate_series(1, ${n}) AS g`);
  await db.execute(sql`ANALYZE`);
}

/** N rows already at the head office, pulled into an empty installation of their branch. */
async function initialSync(ho: TestHeadOffice, n: number): Promise<Row[]> {
  await loadInitialRows(ho, n);
  log('initial sync: pulling into an empty installation');
  const fresh = await enrolledBranch(ho, 'BENC1');
  try {
    const t = performance.now();
    const report = await fresh.sync();
    const seconds = (performance.now() - t) / 1000;
    const local = fresh.core.services.customers.count();
    const noop = await noopSyncs(fresh);
    return [
      {
        benchmark: `initial sync of ${n.toLocaleString('en-US')} customers into an empty branch`,
        measured: report.pulled / seconds,
        unit: 'rows/s',
        goal: { min: 50_000 },
        note: `${seconds.toFixed(1)} s end to end (head office in its own process, HTTP pages of 5,000, gzip, staged, then loaded with indexes and search built at once); ${local.toLocaleString('en-US')} customers at the branch after`,
      },
      { benchmark: `no-op sync with ${local.toLocaleString('en-US')} rows`, measured: noop.median, unit: 'ms', goal: { max: 100 }, note: noop.note },
    ];
  } finally {
    fresh.close();
  }
}

/**
 * Five syncs with nothing to do, one after the other: the median (one sample
 * swings several times over at the load of a shared machine), the range,
 * and the branch process's CPU time of the median run.
 */
async function noopSyncs(branch: Awaited<ReturnType<typeof enrolledBranch>>): Promise<{ median: number; note: string }> {
  const runs: { ms: number; cpuMs: number; moved: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const report = await branch.sync();
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    runs.push({ ms, cpuMs: (used.user + used.system) / 1000, moved: report.pushed + report.pulled });
  }
  const sorted = [...runs].sort((x, y) => x.ms - y.ms);
  const median = sorted[2];
  const moved = runs.reduce((n, r) => n + r.moved, 0);
  return {
    median: median.ms,
    note: `median of 5 (${sorted[0].ms.toFixed(0)}-${sorted[4].ms.toFixed(0)} ms), branch CPU ${median.cpuMs.toFixed(0)} ms; ${moved} rows pushed or pulled`,
  };
}

/**
 * The peer baseline: the same customer documents in pouchdb-server's HTTP
 * layer (express-pouchdb over PouchDB on LevelDB, its own process),
 * replicated into an empty PouchDB on LevelDB, batches of 1,000 (PouchDB's
 * default is 100, slower).
 */
async function pouchBaseline(n: number, simpulRate: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'simpul-bench-pouch-'));
  const server = await startServerProcess({ BENCH_SERVER: 'pouchdb', BENCH_POUCH_DIR: join(dir, 'server') });
  try {
    log(`pouchdb baseline: loading ${n.toLocaleString('en-US')} documents into pouchdb-server`);
    await new Promise<void>((resolve, reject) => {
      server.child.on('message', (m: { id?: number; ok?: boolean; error?: string }) => {
        if (m.id === 1) (m.ok ? resolve() : reject(new Error(m.error)));
      });
      server.child.send({ op: 'load', id: 1, from: 1, count: n });
    });
    const { default: PouchDB } = await import('pouchdb-node');
    const local = new PouchDB(join(dir, 'branch'));
    log('pouchdb baseline: replicating into an empty PouchDB');
    const t = performance.now();
    const result = await local.replicate.from(`${server.url}/customers`, { batch_size: 1000 });
    const seconds = (performance.now() - t) / 1000;
    const count = (await local.info()).doc_count;
    await local.close();
    if (count !== n) throw new Error(`pouchdb baseline: ${count} of ${n} documents arrived`);
    const rate = result.docs_written / seconds;
    return {
      benchmark: `  PouchDB replication of ${n.toLocaleString('en-US')} of the same documents (peer baseline)`,
      measured: rate,
      unit: 'rows/s',
      goal: { text: 'Simpul >= 10x' },
      baseline: { name: 'Simpul initial sync', value: simpulRate },
      ratio: simpulRate / rate,
      pass: simpulRate / rate >= 10,
      note: `${seconds.toFixed(1)} s; Simpul's initial sync is ${(simpulRate / rate).toFixed(1)}x PouchDB's rate`,
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export type { BranchDatabase };
