import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBranchCore } from '../../src/branch/core.js';
import { searchDocument } from '../../src/branch/customers/records.js';
import { openBranchDatabase } from '../../src/branch/db/open.js';
import { DemoGenerator, ensureDemoBranch } from '../../src/branch/demo/index.js';
import type { CustomerCreate } from '../../src/shared/domain/customer.js';
import { newId } from '../../src/shared/domain/ids.js';
import { normalisePhone } from '../../src/shared/domain/phone.js';
import { foldName } from '../../src/shared/domain/text.js';
import { type Row } from './stats.js';
import { BENCH_NOW } from './dataset.js';

/**
 * Insert rate through the service layer (createMany, batches of 1000) against
 * a raw prepared INSERT of the same rows into a bare table with the customers
 * table's columns and no indexes (the goal's baseline), and, for diagnosis,
 * raw prepared INSERTs into the real schema (customers, contact points,
 * search rows and outbox rows, with all their indexes and triggers). Batches of the three run interleaved,
 * each into its own fresh database with the core's pragmas, so load on the
 * machine hits all three alike.
 */

const BATCH = 1000;
const COLUMNS = ['id', 'customer_number', 'full_name', 'sort_name', 'nickname', 'nik', 'birth_date', 'gender', 'occupation', 'address_line', 'city', 'province', 'postal_code', 'tags', 'lifecycle_stage', 'notes', 'home_branch_id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'archived_at', 'deleted'];

function customerValues(c: CustomerCreate, number: number, now: string): unknown[] {
  const a = c.address;
  return [newId(), `JKT01-${String(number).padStart(6, '0')}`, c.fullName, foldName(c.fullName), c.nickname ?? null, c.nik ?? null,
    c.birthDate ?? null, c.gender ?? null, c.occupation ?? null, a?.line ?? null, a?.city ?? null, a?.province ?? null, a?.postalCode ?? null,
    JSON.stringify(c.tags ?? []), c.lifecycleStage ?? 'new', c.notes ?? null, 'branch', now, now, 'system', 'system', null, 0];
}

function applyCorePragmas(db: Database.Database): void {
  // The same settings src/branch/db/open.ts gives the branch database.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
}

export function insertBenchmark(quick: boolean): Row[] {
  const total = quick ? 20_000 : 30_000;
  const dir = mkdtempSync(join(tmpdir(), 'simpul-bench-insert-'));
  try {
    const inputs: CustomerCreate[] = [];
    const generator = new DemoGenerator({ customers: total, transactions: 0, seed: 777, now: BENCH_NOW });
    for (const batch of generator.batches(BATCH)) for (const c of batch) inputs.push(c.input);

    const core = openBranchCore({ dataDir: join(dir, 'service'), checkOutput: false });
    ensureDemoBranch(core);

    const bareDb = new Database(join(dir, 'bare.db'));
    applyCorePragmas(bareDb);
    const ddl = (core.services.db.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'customers'").pluck().get() as string)
      .replace(/CREATE TABLE [`"]?customers[`"]?/, 'CREATE TABLE bare_customers');
    bareDb.exec(ddl);
    const bareInsert = bareDb.prepare(`INSERT INTO bare_customers (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    const bareBatch = bareDb.transaction((rows: CustomerCreate[], first: number, now: string) => {
      rows.forEach((c, i) => bareInsert.run(customerValues(c, first + i, now)));
    });

    const schema = openBranchDatabase({ file: join(dir, 'schema', 'branch.db') });
    const s = schema.sqlite;
    const insCustomer = s.prepare(`INSERT INTO customers (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    const insContact = s.prepare(`INSERT INTO contact_points (id, customer_id, kind, value, phone_kind, label, whatsapp, verified, invalid, is_primary, position, created_at, updated_at, deleted)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`);
    const insSearch = s.prepare('INSERT INTO customer_search (rowid, name, contact, ident) VALUES (?, ?, ?, ?)');
    // Phone parsing is the service's job; it is timed on its own below, not inside this baseline.
    const normalised = inputs.map((c) => (c.phones ?? []).map((p) => normalisePhone(p.number)!));
    // Change capture writes one outbox row per inserted row; the floor includes it when the schema has the outbox.
    const hasOutbox = s.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'sync_outbox'").pluck().get() === 1;
    const insOutbox = hasOutbox ? s.prepare('INSERT INTO sync_outbox (table_name, row_id, hlc, base_seq, fields, created_at) VALUES (?, ?, ?, 0, ?, ?)') : null;
    let hlc = 0;
    const outbox = (table: string, id: unknown, fields: unknown[], now: string) =>
      insOutbox?.run(table, id, `${now}-${String(hlc++).padStart(6, '0')}`, JSON.stringify(fields), now);
    const schemaBatch = s.transaction((rows: CustomerCreate[], first: number, now: string) => {
      rows.forEach((c, i) => {
        const values = customerValues(c, first + i, now);
        const seq = Number(insCustomer.run(values).lastInsertRowid);
        outbox('customers', values[0], values, now);
        const phones = normalised[first + i - 1];
        const bool = (b: boolean) => (b ? 1 : 0);
        const contact = (...v: unknown[]) => {
          insContact.run(...v);
          outbox('contact_points', v[0], v, now);
        };
        (c.phones ?? []).forEach((p, k) => contact(newId(), values[0], 'phone', phones[k].e164, phones[k].kind, p.label, bool(p.whatsapp), bool(p.verified), bool(p.invalid), bool(k === 0), k, now, now));
        (c.emails ?? []).forEach((e, k) => contact(newId(), values[0], 'email', e.address, null, null, 0, bool(e.verified), bool(e.invalid), bool(k === 0), k, now, now));
        const doc = searchDocument({ fullName: c.fullName, nickname: c.nickname ?? null, customerNumber: values[1] as string, nik: c.nik ?? null }, phones.map((p) => p.e164), (c.emails ?? []).map((e) => e.address));
        insSearch.run(seq, doc.name, doc.contact, doc.ident);
      });
    });

    let serviceMs = 0;
    let bareMs = 0;
    let schemaMs = 0;
    for (let start = 0; start < total; start += BATCH) {
      const rows = inputs.slice(start, start + BATCH);
      const now = new Date().toISOString();
      let t = performance.now();
      core.services.customers.createMany(core.systemActor, rows);
      serviceMs += performance.now() - t;
      t = performance.now();
      bareBatch.immediate(rows, start + 1, now);
      bareMs += performance.now() - t;
      t = performance.now();
      // The guard triggers refuse writes to synced tables outside the core's writer.
      schema.asSyncWriter(() => schemaBatch.immediate(rows, start + 1, now));
      schemaMs += performance.now() - t;
    }
    const phoneCount = inputs.reduce((n, c) => n + (c.phones?.length ?? 0), 0);
    let t = performance.now();
    for (const c of inputs) for (const p of c.phones ?? []) normalisePhone(p.number);
    const phoneMs = performance.now() - t;

    core.close();
    bareDb.close();
    schema.close();

    const service = total / (serviceMs / 1000);
    const bare = total / (bareMs / 1000);
    const withSchema = total / (schemaMs / 1000);
    return [
      // The goal's baseline is a raw prepared insert of the same rows: the same customers, phones,
      // search documents and outbox entries into the same schema. The bare single-table insert is
      // shown below it for scale: it is what the schema itself (indexes, FTS, guards) costs.
      { benchmark: `insert via createMany (${total.toLocaleString('en-US')} rows, batches of ${BATCH})`, measured: service, unit: 'rows/s', goal: { text: '>= 50% of raw' }, baseline: { name: 'raw prepared INSERTs of the same rows', value: withSchema }, ratio: service / withSchema, pass: service / withSchema >= 0.5 },
      { benchmark: '  raw INSERTs into the real schema (contacts, FTS, outbox, indexes)', measured: withSchema, unit: 'rows/s', baseline: { name: 'raw INSERT, bare table', value: bare }, ratio: withSchema / bare, note: 'what SQLite needs for the same data (indexes, FTS, guard triggers)' },
      { benchmark: `  normalisePhone alone (${phoneCount.toLocaleString('en-US')} phones)`, measured: total / (phoneMs / 1000), unit: 'rows/s', note: `${((phoneMs * 1000) / phoneCount).toFixed(1)} us per phone` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
