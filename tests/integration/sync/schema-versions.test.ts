import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentToken } from '../../../src/headoffice/enrolment/tokens.js';
import { addBranch } from '../../../src/headoffice/branches/registry.js';
import { HttpSyncTarget } from '../../../src/branch/sync/target.js';
import { HybridClock } from '../../../src/shared/sync/hlc.js';
import { PROTOCOL_VERSION } from '../../../src/shared/sync/protocol.js';
import { MIN_SYNC_SCHEMA_VERSION, SYNC_SCHEMA_VERSION, syncedTable } from '../../../src/shared/sync/tables.js';
import { enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';

/**
 * B8: schema upgrades roll out branch by branch. A branch one sync schema
 * version behind speaks the protocol with its own version number: it never
 * receives columns it does not know, its pushes leave newer columns alone,
 * and the upgraded branches see its edits.
 */
const customers = syncedTable('customers')!;
// The newest column of customers, and a branch at the schema just before it (still served): it does not know that column.
const newestSince = Math.max(...Object.values(customers.columns).map((c) => c.since ?? 1));
const newer = Object.entries(customers.columns).find(([, c]) => (c.since ?? 1) === newestSince)?.[0];
const OLD = newestSince - 1;

describe('a branch one sync schema version behind keeps syncing (B8)', () => {
  let ho: TestHeadOffice;
  let upgraded: TestSyncBranch;
  let old: HttpSyncTarget;
  const oldNode = 'a1b2c3d4e5f60718';
  const oldClock = new HybridClock(oldNode);

  beforeAll(async () => {
    ho = await startHeadOffice('postgresql');
    upgraded = await enrolledBranch(ho, 'MKS01');
    // The old branch: only the wire protocol at version N-1, as an un-upgraded build speaks it.
    const branch = await addBranch(ho.database.db, { code: 'PLG01', name: 'Cabang Palembang', timeZone: 'WIB' });
    const { token } = await issueEnrolmentToken(ho.database.db, branch.id, {});
    const enrolled = await new HttpSyncTarget({ baseUrl: ho.url }).enrol({ token, nodeId: oldNode, branchCode: 'PLG01', schemaVersion: OLD });
    old = new HttpSyncTarget({ baseUrl: ho.url, credential: enrolled.credential });
  }, 60_000);
  afterAll(async () => {
    upgraded?.close();
    await ho?.close();
  });

  it('this build has a column newer than the oldest served schema, so the test means something', () => {
    expect(SYNC_SCHEMA_VERSION).toBeGreaterThan(MIN_SYNC_SCHEMA_VERSION);
    expect(newer).toBeDefined();
    expect(OLD).toBeGreaterThanOrEqual(MIN_SYNC_SCHEMA_VERSION);
  });

  it('is served: hello at the old version succeeds; below the minimum is refused', async () => {
    const hello = await old.hello({ protocol: PROTOCOL_VERSION, schemaVersion: OLD, nodeId: oldNode, clientTime: new Date().toISOString(), pending: 0 });
    expect(hello.maxSchemaVersion).toBe(SYNC_SCHEMA_VERSION);
    await expect(
      old.hello({ protocol: PROTOCOL_VERSION, schemaVersion: MIN_SYNC_SCHEMA_VERSION - 1 || 0, nodeId: oldNode, clientTime: new Date().toISOString(), pending: 0 }),
    ).rejects.toBeTruthy();
  });

  it('never receives a column it does not know, and its edits keep the newer columns intact', async () => {
    const created = await upgraded.ok('customers.create', { fullName: 'Andi Wijaya', phones: [{ number: '0811-2222-3333' }] });
    // Set the newer column through the upgraded branch's own writer (whatever the column is).
    const { capture, db } = upgraded.core.services;
    capture.transaction(() => {
      const before = capture.snapshot('customers', created.id);
      db.sqlite.prepare(`UPDATE customers SET "${newer}" = ? WHERE id = ?`).run(customers.columns[newer!].type === 'json' ? '["memancing"]' : 'nilai baru', created.id);
      capture.record('customers', created.id, before, new Date().toISOString());
    });
    await upgraded.sync();

    const fetched = await old.fetchCustomer({ nodeId: oldNode, schemaVersion: OLD, key: created.id });
    const row = fetched.rows.find((r) => r.table === 'customers')!;
    expect(row.fields).not.toHaveProperty(newer!);
    expect(row.fields.full_name).toBe('Andi Wijaya');

    const push = await old.push({
      nodeId: oldNode,
      schemaVersion: OLD,
      changes: [{ seq: 1, table: 'customers', rowId: created.id, hlc: oldClock.receive(row.hlc), baseSeq: row.version, fields: { occupation: 'Nelayan' } }],
    });
    expect([push.applied, push.quarantined]).toEqual([1, []]);

    await upgraded.sync();
    const seen = db.sqlite.prepare(`SELECT occupation, "${newer}" AS newer FROM customers WHERE id = ?`).get(created.id) as { occupation: string; newer: string };
    expect(seen.occupation).toBe('Nelayan');
    expect(seen.newer).not.toBeNull();
    const pulled = await old.pull({ nodeId: oldNode, schemaVersion: OLD, cursor: null, limit: 100 });
    for (const r of pulled.rows) expect(r.fields).not.toHaveProperty(newer!);
  });
});
