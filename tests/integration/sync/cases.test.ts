import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminToken } from '../../../src/headoffice/admin/adminTokens.js';
import { listEscalatedCases } from '../../../src/headoffice/cases/service.js';
import { buildServer } from '../../../src/headoffice/http/server.js';
import { checksumsMatch, enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';
import { headOfficeCli as cli } from '../../support/headoffice-cli.js';

/**
 * Cases through sync (S1): opened and escalated at a branch, visible at the
 * head office with every other branch's, through the service, the admin API
 * and `simpul-headoffice cases escalated`; the head office also sees a case
 * whose deadlines passed while its branch was offline.
 */
const HOUR = 3_600_000;
// The branches' clocks start 50 hours ago, so deadlines pass in real time at the head office.
let clock = new Date(Date.now() - 50 * HOUR);
const now = () => clock;
const advance = (hours: number) => (clock = new Date(clock.getTime() + hours * HOUR));


describe('cases between branches and the head office (PostgreSQL)', () => {
  let ho: TestHeadOffice;
  let jkt: TestSyncBranch;
  let sby: TestSyncBranch;
  const ids: Record<string, string> = {};
  // As the manager without a session: the clock moves hours at a time.
  const ok = async (b: TestSyncBranch, method: string, input: unknown): Promise<any> => {
    const actor = { kind: 'user' as const, userId: 'u-test', username: 'manajer', displayName: `Manajer ${b.code}`, role: 'branch_manager' as const, locale: 'id' as const };
    const r = await b.core.dispatch(actor, method, input);
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  };

  beforeAll(async () => {
    ho = await startHeadOffice('postgresql');
    jkt = await enrolledBranch(ho, 'JKT01', { now });
    sby = await enrolledBranch(ho, 'SBY01', { now });
  }, 60_000);
  afterAll(async () => {
    jkt?.close();
    sby?.close();
    await ho?.close();
  });

  it('a case opened and escalated at a branch arrives at the head office with its history', async () => {
    const budi = await ok(jkt, 'customers.create', { fullName: 'Budi Hartono', phones: [{ number: '0812-9000-1111' }] });
    const ani = await ok(sby, 'customers.create', { fullName: 'Ani Wijaya' });
    ids.urgent = (await ok(jkt, 'cases.open', { customerId: budi.id, channel: 'phone', category: 'product_defect', priority: 'urgent', subject: 'Oli bocor' })).id;
    ids.normal = (await ok(sby, 'cases.open', { customerId: ani.id, channel: 'whatsapp', category: 'delivery', subject: 'Kiriman telat' })).id;
    const quick = await ok(jkt, 'cases.open', { customerId: budi.id, channel: 'visit', category: 'billing', priority: 'high', subject: 'Struk salah' });
    await ok(jkt, 'cases.transition', { id: quick.id, to: 'resolved', resolution: 'Struk dicetak ulang' });
    await jkt.sync();
    await sby.sync();

    advance(2); // past the urgent case's 1-hour first response
    expect((await ok(jkt, 'cases.escalate', {})).escalated).toBe(1);
    const report = await jkt.sync();
    expect(report).toBeTruthy();
    expect(jkt.core.services.sync.status()).toMatchObject({ pending: 0, rejected: 0 });

    // At the branch's "now" (48 hours ago), only the urgent case is escalated, to the branch manager.
    const then = await listEscalatedCases(ho.database.db, {}, clock);
    expect(then.items.map((c) => [c.caseNumber, c.branchCode, c.recordedLevel, c.escalationLevel, c.customerName])).toEqual([['JKT01-K000001', 'JKT01', 1, 1, 'Budi Hartono']]);
    expect((await listEscalatedCases(ho.database.db, { level: 2 }, clock)).total).toBe(0);
    const events = await ho.database.db.execute(`SELECT data->>'kind' AS kind FROM sync_objects WHERE table_name = 'case_events' AND data->>'case_id' = '${ids.urgent}' ORDER BY data->>'at'`);
    expect((events as unknown as { rows: { kind: string }[] }).rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['opened', 'routed', 'escalated']));
    for (const b of [jkt, sby]) expect((await checksumsMatch(b)).equal).toBe(true);
  });

  it('the head office sees every branch\'s overdue cases at its own time, even those the branch has not recorded', async () => {
    // Real time: 48 hours after the branches last synced. The urgent case passed its head-office deadline
    // (opened + 8 h + 24 h); the normal one missed its 8-hour first response.
    const all = await listEscalatedCases(ho.database.db, {});
    expect(all.items.map((c) => [c.caseNumber, c.recordedLevel, c.escalationLevel])).toEqual([
      ['JKT01-K000001', 1, 2],
      ['SBY01-K000001', 0, 1],
    ]);
    expect(all.byBranch.map((b) => [b.branchCode, b.cases, b.headOffice]).sort()).toEqual([['JKT01', 1, 1], ['SBY01', 1, 0]]);
    expect((await listEscalatedCases(ho.database.db, { level: 2 })).items.map((c) => c.caseNumber)).toEqual(['JKT01-K000001']);
    expect((await listEscalatedCases(ho.database.db, { branch: 'sby01' })).items.map((c) => c.caseNumber)).toEqual(['SBY01-K000001']);
    expect((await listEscalatedCases(ho.database.db, { department: 'shipment' })).items.map((c) => c.department)).toEqual(['shipment']);
  });

  it('the branch records the head-office escalation when its clock gets there, and the head office gets it at the next sync', async () => {
    clock = new Date();
    expect((await ok(jkt, 'cases.escalate', {})).escalated).toBe(1);
    const detail = await ok(jkt, 'cases.get', { id: ids.urgent });
    expect(detail.events.filter((e: { kind: string }) => e.kind === 'escalated').map((e: { toValue: string }) => e.toValue)).toEqual(['1', '2']);
    await jkt.sync();
    const [c] = (await listEscalatedCases(ho.database.db, { level: 2 })).items;
    expect(c).toMatchObject({ caseNumber: 'JKT01-K000001', recordedLevel: 2, escalationLevel: 2 });
    // Resolved at the branch: it leaves the head office's list after the next sync.
    await ok(jkt, 'cases.transition', { id: ids.urgent, to: 'in_progress' });
    await ok(jkt, 'cases.transition', { id: ids.urgent, to: 'resolved', resolution: 'Seal diganti' });
    await jkt.sync();
    expect((await listEscalatedCases(ho.database.db, { level: 2 })).total).toBe(0);
  });

  it('lists them over the admin API and the command line, and refuses a bad level', async () => {
    const setup = await ensureAdminToken(ho.database.db, { tokenFile: `${ho.store.dataDir}/admin-token` });
    const token = 'token' in setup ? setup.token : '';
    const app = buildServer({ database: ho.database });
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const listed = await get('/admin/cases/escalated?level=1');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().value.items.map((c: { caseNumber: string }) => c.caseNumber)).toEqual(['SBY01-K000001']);
    const bad = await get('/admin/cases/escalated?level=3');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ path: ['level'] });
    expect((await app.inject({ method: 'GET', url: '/admin/cases/escalated' })).statusCode).toBe(401);
    await app.close();

    const storage = ['--data-dir', ho.store.dataDir, '--database-url', ho.store.databaseUrl!];
    const json = await cli(['cases', 'escalated', '--json', ...storage]);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout).value.items).toEqual([expect.objectContaining({ caseNumber: 'SBY01-K000001', branchCode: 'SBY01', department: 'shipment', escalationLevel: 1 })]);
    const text = await cli(['cases', 'escalated', ...storage]);
    expect(text.stdout).toMatch(/SBY01\s+SBY01-K000001\s+Ani Wijaya/);
    const refused = await cli(['cases', 'escalated', '--level', '5', ...storage]);
    expect(refused.code).toBe(2);
  });
});
