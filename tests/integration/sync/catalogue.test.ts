import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ensureAdminToken } from '../../../src/headoffice/admin/adminTokens.js';
import { addBranch } from '../../../src/headoffice/branches/registry.js';
import { issueEnrolmentToken } from '../../../src/headoffice/enrolment/tokens.js';
import { addCatalogueItem } from '../../../src/headoffice/catalogue/service.js';
import { HttpSyncTarget } from '../../../src/branch/sync/target.js';
import { HybridClock } from '../../../src/shared/sync/hlc.js';
import { SYNC_SCHEMA_VERSION } from '../../../src/shared/sync/tables.js';
import { DRIVERS } from '../headoffice/support.js';
import { checksumsMatch, enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';

/**
 * The catalogue (S5) is reference data: written by the head office only,
 * received by every branch (one enrolled later and a replaced laptop get
 * the whole of it on their first pull), read-only at the branch at both
 * ends, and on the one pull sequence: never skipped, never left behind by an
 * upgrade from an older sync schema (B8).
 */
describe.each(DRIVERS)('the catalogue: reference data from the head office to every branch (%s)', (driver) => {
  let ho: TestHeadOffice;
  let jkt: TestSyncBranch;
  let later: TestSyncBranch | undefined;
  let laptop: TestSyncBranch | undefined;
  let adminKey: string;
  const admin = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${ho.url}/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as any };
  };
  const catalogueRows = async () =>
    ((await ho.database.db.execute(sql`SELECT count(*)::int AS n FROM sync_objects WHERE table_name = 'catalogue_items'`)) as unknown as { rows: { n: number }[] }).rows[0].n;

  beforeAll(async () => {
    ho = await startHeadOffice(driver);
    const setup = await ensureAdminToken(ho.database.db, { tokenFile: `${ho.store.dataDir}/admin-token` });
    if (setup.kind !== 'generated') throw new Error('expected a fresh admin key');
    adminKey = setup.token;
    jkt = await enrolledBranch(ho, 'JKT01');
  }, 60_000);
  afterAll(async () => {
    jkt?.close();
    later?.close();
    laptop?.close();
    await ho?.close();
  });

  it('the admin API adds, lists, changes and retires items, and refuses bad input without writing', async () => {
    const oil = await admin('POST', '/catalogue', { sku: 'oli-10w40', name: 'Oli mesin 10W-40 1 L', kind: 'product', category: 'Oli', unitPrice: 85_000, unitCost: 61_000 });
    expect(oil.status).toBe(201);
    expect(oil.body.value).toMatchObject({ sku: 'OLI-10W40', kind: 'product', unitPrice: 85_000, unitCost: 61_000, durationMinutes: null, retiredAt: null });
    const service = await admin('POST', '/catalogue', { sku: 'SRV-BERKALA', name: 'Servis berkala 10.000 km', kind: 'service', category: 'Servis', unitPrice: 350_000, durationMinutes: 120 });
    expect(service.status).toBe(201);

    const before = await catalogueRows();
    const taken = await admin('POST', '/catalogue', { sku: 'OLI-10W40', name: 'Lagi', kind: 'product', category: 'Oli', unitPrice: 1 });
    expect([taken.status, taken.body.error.code, taken.body.error.fields?.[0]?.path]).toEqual([409, 'DUPLICATE', ['sku']]);
    const bad = await admin('POST', '/catalogue', { sku: 'x y', name: '', kind: 'barang', category: 'Oli', unitPrice: 12.5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string[] }) => f.path[0]).sort()).toEqual(['kind', 'name', 'sku', 'unitPrice']);
    const productWithDuration = await admin('POST', '/catalogue', { sku: 'BAN-1', name: 'Ban', kind: 'product', category: 'Ban', unitPrice: 1, durationMinutes: 30 });
    expect(productWithDuration.body.error.fields[0]).toMatchObject({ path: ['durationMinutes'], code: 'product_duration' });
    expect(await catalogueRows()).toBe(before);

    const changed = await admin('PATCH', '/catalogue/oli-10w40', { unitPrice: 87_500 });
    expect(changed.body.value).toMatchObject({ id: oil.body.value.id, unitPrice: 87_500 });
    const listed = await admin('GET', '/catalogue?query=servis&kind=service');
    expect(listed.body.value.items.map((i: { sku: string }) => i.sku)).toEqual(['SRV-BERKALA']);
    expect((await admin('GET', '/catalogue?limit=lots')).status).toBe(400);
    expect((await admin('GET', '/catalogue/NOPE')).status).toBe(404);
    const unauthorised = await fetch(`${ho.url}/admin/catalogue`);
    expect(unauthorised.status).toBe(401);
  });

  it('reaches an enrolled branch at its next sync, read like any pulled row', async () => {
    await jkt.sync();
    const list = await jkt.ok('catalogue.list', {});
    expect(list.items.map((i: { sku: string; unitPrice: number }) => [i.sku, i.unitPrice])).toEqual([
      ['OLI-10W40', 87_500],
      ['SRV-BERKALA', 350_000],
    ]);
    expect((await jkt.ok('catalogue.list', { query: 'srv' })).items[0]).toMatchObject({ kind: 'service', durationMinutes: 120 });
    expect((await jkt.ok('catalogue.list', { query: 'mesin 10w' })).items[0].sku).toBe('OLI-10W40');
    expect((await checksumsMatch(jkt)).equal).toBe(true);
  });

  it('a change and a retirement at the head office arrive; retired items stay for old orders but leave the active list', async () => {
    await admin('PATCH', '/catalogue/SRV-BERKALA', { unitPrice: 375_000, durationMinutes: 150 });
    await admin('POST', '/catalogue/OLI-10W40/retire');
    const report = await jkt.sync();
    expect(report.pulled).toBeGreaterThanOrEqual(2);
    expect((await jkt.ok('catalogue.list', {})).items.map((i: { sku: string }) => i.sku)).toEqual(['SRV-BERKALA']);
    const all = await jkt.ok('catalogue.list', { status: 'all' });
    expect(all.items.find((i: { sku: string }) => i.sku === 'OLI-10W40').retiredAt).not.toBeNull();
    expect(all.items.find((i: { sku: string }) => i.sku === 'SRV-BERKALA')).toMatchObject({ unitPrice: 375_000, durationMinutes: 150 });
    // Nothing new: the next sync pulls nothing.
    expect((await jkt.sync()).pulled).toBe(0);
  });

  it('a branch enrolled later and a replaced laptop receive the whole catalogue on their first pull', async () => {
    later = await enrolledBranch(ho, 'SBY01');
    await later.sync();
    expect((await later.ok('catalogue.list', { status: 'all' })).total).toBe(2);
    expect((await checksumsMatch(later)).equal).toBe(true);
    laptop = await enrolledBranch(ho, 'JKT01');
    await laptop.sync();
    expect((await laptop.ok('catalogue.list', { status: 'all' })).items.map((i: { sku: string }) => i.sku)).toEqual(['OLI-10W40', 'SRV-BERKALA']);
    expect((await checksumsMatch(laptop)).equal).toBe(true);
  });

  it("the branch's own code cannot write the catalogue: the guard triggers refuse, and capture refuses to record it", async () => {
    const { db, capture } = jkt.core.services;
    const [item] = (await jkt.ok('catalogue.list', {})).items;
    expect(() =>
      capture.transaction(() => db.sqlite.prepare('UPDATE catalogue_items SET unit_price = 1 WHERE id = ?').run(item.id)),
    ).toThrow(/kept by the head office/);
    expect(() => db.sqlite.prepare('DELETE FROM catalogue_items').run()).toThrow(/never deleted/);
    expect(() => capture.transaction(() => capture.record('catalogue_items', item.id, null, new Date().toISOString()))).toThrow(/reference data/);
    expect((await jkt.ok('catalogue.get', { id: item.id })).unitPrice).toBe(375_000);
    expect(jkt.core.services.sync.status().pending).toBe(0);
  });

  it('the head office quarantines a branch push to the catalogue with the reason, and keeps its row', async () => {
    const [item] = (await jkt.ok('catalogue.list', {})).items;
    const target = new HttpSyncTarget({ baseUrl: ho.url, credential: jkt.core.services.db.sqlite.prepare("SELECT value FROM branch_settings WHERE key = 'sync_credential'").pluck().get() as string });
    // A node of its own: a push with a made-up outbox seq must not move the real node's dedupe mark.
    const nodeId = '0badc0de0badc0de';
    const push = await target.push({
      nodeId,
      schemaVersion: SYNC_SCHEMA_VERSION,
      changes: [{ seq: 1_000_000, table: 'catalogue_items', rowId: item.id, hlc: new HybridClock(nodeId, () => Date.now() + 86_400_000).now(), baseSeq: 0, fields: { unit_price: 1 } }],
    });
    expect(push.applied).toBe(0);
    expect(push.quarantined).toEqual([expect.objectContaining({ table: 'catalogue_items', code: 'OUT_OF_SCOPE', reason: expect.stringMatching(/head office/) })]);
    const [stored] = ((await ho.database.db.execute(sql`SELECT data FROM sync_objects WHERE row_id = ${item.id}`)) as unknown as { rows: { data: { unit_price: number } }[] }).rows;
    expect(stored.data.unit_price).toBe(375_000);
    const [q] = ((await ho.database.db.execute(sql`SELECT reason FROM sync_quarantine WHERE row_id = ${item.id}`)) as unknown as { rows: { reason: string }[] }).rows;
    expect(q.reason).toMatch(/reference data kept by the head office/);
  });

  it('pages mixing customer rows and catalogue rows, one cursor: every row exactly once, in sequence order', async () => {
    // Interleave: customers pushed by the branch and catalogue writes at the head office.
    for (let i = 0; i < 4; i++) {
      await jkt.ok('customers.create', { fullName: `Pelanggan Halaman ${i}` });
      await jkt.sync();
      await addCatalogueItem(ho.database.db, { sku: `AKS-${i}`, name: `Aksesoris ${i}`, kind: 'product', category: 'Aksesoris', unitPrice: 10_000 * (i + 1) });
    }
    // A fresh node of JKT01 (its feed holds the customers) pulling from zero in pages of two.
    const credential = jkt.core.services.db.sqlite.prepare("SELECT value FROM branch_settings WHERE key = 'sync_credential'").pluck().get() as string;
    const target = new HttpSyncTarget({ baseUrl: ho.url, credential });
    const nodeId = 'feedbeef00000001';
    const seen: { key: string; version: number }[] = [];
    let cursor: string | null = null;
    const cursors: number[] = [];
    for (;;) {
      const page = await target.pull({ nodeId, schemaVersion: SYNC_SCHEMA_VERSION, cursor, limit: 2 });
      for (const r of page.rows) seen.push({ key: `${r.table}:${r.rowId}`, version: r.version });
      cursor = page.cursor;
      cursors.push(Number(cursor));
      if (!page.hasMore) break;
    }
    const keys = seen.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k.startsWith('catalogue_items:'))).toHaveLength(6);
    expect(keys.filter((k) => k.startsWith('customers:'))).toHaveLength((await jkt.ok('customers.list', {})).total);
    // Catalogue rows and customer rows come interleaved, as they were written.
    const kinds = keys.map((k) => k.split(':')[0]).filter((t) => t === 'customers' || t === 'catalogue_items');
    expect(kinds.slice(-8)).toEqual(['customers', 'catalogue_items', 'customers', 'catalogue_items', 'customers', 'catalogue_items', 'customers', 'catalogue_items']);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    const again = await target.pull({ nodeId, schemaVersion: SYNC_SCHEMA_VERSION, cursor, limit: 100 });
    expect(again.rows).toEqual([]);
  });

  it('B8: a branch one schema behind never receives the catalogue; after its upgrade its next pull brings all of it, once', async () => {
    const branch = await addBranch(ho.database.db, { code: 'PLG01', name: 'Cabang Palembang', timeZone: 'WIB' });
    const { token } = await issueEnrolmentToken(ho.database.db, branch.id, {});
    const nodeId = 'a1b2c3d4e5f60799';
    const OLD = 2; // the last schema before the catalogue
    const enrolled = await new HttpSyncTarget({ baseUrl: ho.url }).enrol({ token, nodeId, branchCode: 'PLG01', schemaVersion: OLD });
    const target = new HttpSyncTarget({ baseUrl: ho.url, credential: enrolled.credential });
    const drain = async (schemaVersion: number, from: string | null) => {
      const rows: string[] = [];
      let cursor = from;
      for (;;) {
        const page = await target.pull({ nodeId, schemaVersion, cursor, limit: 3 });
        rows.push(...page.rows.map((r) => r.table));
        cursor = page.cursor;
        if (!page.hasMore) return { rows, cursor };
      }
    };
    // The old branch registers customers, so its cursor moves on (past the catalogue's versions).
    const clock = new HybridClock(nodeId);
    let outboxSeq = 0;
    const registerCustomer = async (name: string) => {
      const id = crypto.randomUUID();
      const fields = { customer_number: `PLG01-${++outboxSeq}`, full_name: name, tags: '[]', lifecycle_stage: 'new', home_branch_id: branch.id, created_at: 't', created_by: 'u', updated_at: 't', updated_by: 'u', deleted: 0 };
      const push = await target.push({ nodeId, schemaVersion: OLD, changes: [{ seq: outboxSeq, table: 'customers', rowId: id, hlc: clock.now(), baseSeq: 0, fields }] });
      expect(push.applied).toBe(1);
    };
    await registerCustomer('Siti Palembang');
    const old = await drain(OLD, null);
    expect(old.rows).toEqual(['customers']);
    const checksum = await target.checksum({ schemaVersion: OLD });
    expect(Object.keys(checksum.tables)).not.toContain('catalogue_items');
    // A head-office change while the branch is still old, then more of the branch's own rows: its cursor moves past it.
    await addCatalogueItem(ho.database.db, { sku: 'AKS-LAMA', name: 'Aksesoris lama', kind: 'product', category: 'Aksesoris', unitPrice: 5_000 });
    await registerCustomer('Rudi Palembang');
    const stillOld = await drain(OLD, old.cursor);
    expect(stillOld.rows).toEqual(['customers']);
    // Upgraded: the same node, the same cursor, the newer schema.
    const upgraded = await drain(SYNC_SCHEMA_VERSION, stillOld.cursor);
    expect(upgraded.rows.filter((t) => t === 'catalogue_items')).toHaveLength(await catalogueRows());
    expect((await drain(SYNC_SCHEMA_VERSION, upgraded.cursor)).rows).toEqual([]);
  });
});
