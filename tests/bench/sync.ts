import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openBranchDatabase, type BranchDatabase } from '../../src/branch/db/open.js';
import { ChangeCapture } from '../../src/branch/sync/capture.js';
import { demoCustomers } from '../../src/branch/demo/index.js';
import { normalisePhone } from '../../src/shared/domain/phone.js';
import { foldName } from '../../src/shared/domain/text.js';
import { newId } from '../../src/shared/domain/ids.js';
import { formatHlc } from '../../src/shared/sync/hlc.js';
import { enrolledBranch, startHeadOffice, type TestHeadOffice } from '../support/sync.js';
import { log, type Row } from './stats.js';

/**
 * Sync benchmarks (the sync issue), each against a baseline of the same run:
 *  - change capture: inserts with capture vs the same inserts without it;
 *  - push of many changes through HTTP into the head office on PostgreSQL;
 *  - initial sync of N rows from the head office into an empty installation;
 *  - a no-op sync; the round trip of one change from branch A to branch B.
 * PouchDB, the peer baseline the issue names, is not measured here yet.
 */
export async function syncBenchmark(rowsForInitialSync: number, quick: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  rows.push(...captureOverhead(quick ? 5_000 : 20_000));
  const ho = await startHeadOffice('postgresql');
  try {
    rows.push(...(await pushAndPull(ho, quick ? 20_000 : 40_000)));
    rows.push(...(await initialSync(ho, rowsForInitialSync)));
  } finally {
    await ho.close();
  }
  return rows;
}

/** The same customer rows inserted twice into identical databases: once plain, once with capture. */
function captureOverhead(n: number): Row[] {
  log(`capture overhead: ${n} customers`);
  const inputs = [...demoCustomers({ customers: n, transactions: 0, seed: 7, now: '2026-11-22T03:00:00Z' })].map((c) => c.input);
  const run = (withCapture: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'simpul-bench-capture-'));
    const db = openBranchDatabase({ file: join(dir, 'b.db') });
    try {
      const capture = new ChangeCapture(db);
      const insertCustomer = db.sqlite.prepare(
        'INSERT INTO customers (id, customer_number, full_name, sort_name, birth_date, gender, occupation, city, tags, home_branch_id, created_at, updated_at, created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const insertContact = db.sqlite.prepare(
        "INSERT INTO contact_points (id, customer_id, kind, value, phone_kind, is_primary, position, created_at, updated_at) VALUES (?, ?, 'phone', ?, ?, ?, ?, ?, ?)",
      );
      const phones = inputs.map((c) => (c.phones ?? []).map((p) => normalisePhone(p.number)!));
      const now = '2026-11-22T03:00:00.000Z';
      const started = performance.now();
      for (let start = 0; start < inputs.length; start += 1000) {
        db.sqlite.transaction(() =>
          db.asSyncWriter(() => {
            for (let i = start; i < Math.min(inputs.length, start + 1000); i++) {
              const c = inputs[i];
              const id = newId();
              insertCustomer.run(id, `BEN01-${String(i).padStart(6, '0')}`, c.fullName, foldName(c.fullName), c.birthDate ?? null, c.gender ?? null, c.occupation ?? null, c.address?.city ?? null, '[]', 'b', now, now, 'u', 'u');
              if (withCapture) capture.record('customers', id, null, now);
              phones[i].forEach((p, j) => {
                const cid = newId();
                insertContact.run(cid, id, p.e164, p.kind, j === 0 ? 1 : 0, j, now, now);
                if (withCapture) capture.record('contact_points', cid, null, now);
              });
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
async function pushAndPull(ho: TestHeadOffice, customers: number): Promise<Row[]> {
  log(`push: ${customers} customers`);
  const a = await enrolledBranch(ho, 'BENA1');
  const b = await enrolledBranch(ho, 'BENB1');
  try {
    const inputs = [...demoCustomers({ customers, transactions: 0, seed: 11, now: '2026-11-22T03:00:00Z' })].map((c) => c.input);
    for (let i = 0; i < inputs.length; i += 1000) a.core.services.customers.createMany(a.core.systemActor, inputs.slice(i, i + 1000));
    const changes = a.core.services.sync.status().pending;
    let t = performance.now();
    const report = await a.sync();
    const pushSeconds = (performance.now() - t) / 1000;
    // The same bytes posted to the same server and parsed, without the merge: what HTTP and JSON cost.
    t = performance.now();
    const noop = await a.sync();
    const noopMs = performance.now() - t;
    const [c] = (await a.ok('customers.list', { limit: 1 })).rows;
    await b.core.services.sync.fetchCustomer(c.id);
    t = performance.now();
    await a.ok('customers.update', { id: c.id, patch: { occupation: 'Nelayan' } });
    await a.sync();
    await b.sync();
    const roundTripMs = performance.now() - t;
    const arrived = (await b.ok('customers.get', { id: c.id })).occupation === 'Nelayan';
    return [
      {
        benchmark: `push ${changes.toLocaleString('en-US')} changes (HTTP, gzip, merge on PostgreSQL)`,
        measured: changes / pushSeconds,
        unit: 'rows/s',
        note: `${pushSeconds.toFixed(1)} s for the whole sync (push, then pulling the ${report.pulled} echoed rows back)`,
      },
      { benchmark: `no-op sync (${(customers + changes).toLocaleString('en-US')} rows at the branch)`, measured: noopMs, unit: 'ms', goal: { max: 100 }, note: `pushed ${noop.pushed}, pulled ${noop.pulled}` },
      { benchmark: 'round trip of one change, branch A -> head office -> branch B', measured: roundTripMs, unit: 'ms', pass: arrived ? undefined : false, note: arrived ? 'edit, A syncs, B syncs' : 'the change did not arrive' },
    ];
  } finally {
    a.close();
    b.close();
  }
}

/** N rows already at the head office, pulled into an empty installation of their branch. */
async function initialSync(ho: TestHeadOffice, n: number): Promise<Row[]> {
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
  log('initial sync: pulling into an empty installation');
  const fresh = await enrolledBranch(ho, 'BENC1');
  try {
    const t = performance.now();
    const report = await fresh.sync();
    const seconds = (performance.now() - t) / 1000;
    const local = fresh.core.services.customers.count();
    const t2 = performance.now();
    await fresh.sync();
    const noopMs = performance.now() - t2;
    return [
      {
        benchmark: `initial sync of ${n.toLocaleString('en-US')} customers into an empty branch`,
        measured: report.pulled / seconds,
        unit: 'rows/s',
        goal: { min: 50_000 },
        note: `${seconds.toFixed(1)} s end to end (HTTP pages of 2,000, gzip, apply with search index); ${local.toLocaleString('en-US')} customers at the branch after`,
      },
      { benchmark: `no-op sync with ${local.toLocaleString('en-US')} rows`, measured: noopMs, unit: 'ms', goal: { max: 100 } },
    ];
  } finally {
    fresh.close();
  }
}

export type { BranchDatabase };
