import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminToken } from '../../../src/headoffice/admin/adminTokens.js';
import { buildServer } from '../../../src/headoffice/http/server.js';
import { query } from '../../../src/headoffice/sync/sql.js';
import { CONSOLE_LIST_LIMIT, type ConsoleConflict, type ConsoleDuplicate, type ConsoleOverview } from '../../../src/shared/console/api.js';
import { SYNC_SCHEMA_VERSION } from '../../../src/shared/sync/tables.js';
import { enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';
import { DRIVERS } from './support.js';

/**
 * The head-office console's routes (/admin/console/*) and pages (/console/),
 * against a real head office with two enrolled branches that really sync.
 */
const ADMIN_KEY = 'console-test-admin-key-0123456789';

describe.each(DRIVERS)('head-office console API (%s)', (driver) => {
  let ho: TestHeadOffice;
  let jkt: TestSyncBranch;
  let bdg: TestSyncBranch;

  const call = (options: InjectOptions, key: string | null = ADMIN_KEY) =>
    ho.app.inject({ ...options, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...options.headers } });
  const get = async <T>(url: string): Promise<T> => {
    const response = await call({ method: 'GET', url });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().value as T;
  };
  const conflictsAtHeadOffice = () => query<{ id: string; status: string; resolved_by: string | null }>(ho.database.db, sql`SELECT id, status, resolved_by FROM sync_conflicts ORDER BY id`);

  beforeAll(async () => {
    ho = await startHeadOffice(driver);
    await ensureAdminToken(ho.database.db, { tokenFile: join(ho.store.dataDir, 'admin-token'), configuredToken: ADMIN_KEY });
    jkt = await enrolledBranch(ho, 'JKT01');
    bdg = await enrolledBranch(ho, 'BDG01');
    await jkt.sync();
    await bdg.sync();
  }, 90_000);
  afterAll(async () => {
    jkt?.close();
    bdg?.close();
    await ho?.close();
  });

  it('every console route needs a valid admin key', async () => {
    const routes: InjectOptions[] = [
      { method: 'GET', url: '/admin/console/overview' },
      { method: 'GET', url: '/admin/console/conflicts' },
      { method: 'GET', url: '/admin/console/duplicates' },
      { method: 'POST', url: '/admin/console/conflicts/x/resolve', payload: { keep: 'winner', by: 'x' } },
    ];
    for (const route of routes) {
      const anonymous = await call(route, null);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe('NOT_SIGNED_IN');
      const wrong = await call(route, 'not-the-admin-key-at-all-000000');
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('overview: every branch with its sync health, schema version and enrolment state', async () => {
    const added = await call({ method: 'POST', url: '/admin/branches', payload: { code: 'SBY01', name: 'Surabaya', timeZone: 'WIB' } });
    const surabaya = added.json().value;
    const before = await get<ConsoleOverview>('/admin/console/overview');
    expect(before.branches.find((b) => b.code === 'SBY01')).toMatchObject({ enrolled: false, tokenWaiting: false, nodes: 0, schemaVersion: null, lastPullAt: null });
    await call({ method: 'POST', url: `/admin/branches/${surabaya.id}/enrolment-tokens`, payload: {} });

    const overview = await get<ConsoleOverview>('/admin/console/overview');
    expect(overview.schemaVersion).toBe(SYNC_SCHEMA_VERSION);
    expect(overview.staleAfterSeconds).toBe(86_400);
    expect(overview.branches.map((b) => b.code)).toEqual(['BDG01', 'JKT01', 'SBY01']);
    for (const code of ['JKT01', 'BDG01']) {
      const branch = overview.branches.find((b) => b.code === code)!;
      expect(branch).toMatchObject({ status: 'active', enrolled: true, nodes: 1, pending: 0, schemaVersion: SYNC_SCHEMA_VERSION, tokenWaiting: false });
      expect(Date.now() - Date.parse(branch.lastPullAt!)).toBeLessThan(120_000);
      expect(branch.dataAgeSeconds).toBeGreaterThanOrEqual(0);
    }
    expect(overview.branches.find((b) => b.code === 'SBY01')).toMatchObject({ enrolled: false, tokenWaiting: true });
  });

  it('overview: a replaced laptop silent for 60 days no longer counts; a current one on an older schema does', async () => {
    const jakartaId = (await get<ConsoleOverview>('/admin/console/overview')).branches.find((b) => b.code === 'JKT01')!.branchId;
    const addNode = (node: string, schema: number, pending: number, skewMs: number, daysAgo: number) =>
      ho.database.db.execute(sql`INSERT INTO sync_nodes (node_id, branch_id, last_seq, schema_version, pending, clock_skew_ms, last_seen_at)
        VALUES (${node}, ${jakartaId}, 0, ${schema}, ${pending}, ${skewMs}, now() - make_interval(days => ${daysAgo}))`);
    await addNode('oldlaptop01', 2, 7, 7_200_000, 60);
    let jakarta = (await get<ConsoleOverview>('/admin/console/overview')).branches.find((b) => b.code === 'JKT01')!;
    expect(jakarta).toMatchObject({ nodes: 1, pending: 0, schemaVersion: SYNC_SCHEMA_VERSION });
    expect(Math.abs(jakarta.clockSkewMs!)).toBeLessThan(60_000);

    await addNode('backoffice01', 3, 4, -600_000, 1);
    jakarta = (await get<ConsoleOverview>('/admin/console/overview')).branches.find((b) => b.code === 'JKT01')!;
    expect(jakarta).toMatchObject({ nodes: 2, pending: 4, schemaVersion: 3, clockSkewMs: -600_000 });
    await ho.database.db.execute(sql`DELETE FROM sync_nodes WHERE node_id IN ('oldlaptop01', 'backoffice01')`);

  });

  let conflictId = '';
  let customerId = '';
  it('lists a conflict with both values, the branch of each edit and the customer', async () => {
    const c = await jkt.ok('customers.create', { fullName: 'Wayan Sudarta', phones: [{ number: '0813-1111-2222' }] });
    customerId = c.id;
    await jkt.sync();
    await bdg.core.services.sync.fetchCustomer(c.id);
    await jkt.ok('customers.update', { id: c.id, patch: { nickname: 'Pak Wayan' } });
    await bdg.ok('customers.update', { id: c.id, patch: { nickname: 'Bli Wayan' } });
    await jkt.sync();
    await bdg.sync();
    await jkt.sync();

    const conflicts = await get<ConsoleConflict[]>('/admin/console/conflicts');
    const about = conflicts.filter((x) => x.customer?.id === c.id);
    expect(about).toHaveLength(1);
    const [conflict] = about;
    conflictId = conflict.id;
    expect(conflict).toMatchObject({ tableName: 'customers', field: 'nickname', status: 'open' });
    expect(conflict.customer).toMatchObject({ fullName: 'Wayan Sudarta', homeBranchCode: 'JKT01' });
    expect(conflict.customer!.customerNumber).toMatch(/JKT01/);
    const sides = [conflict.winner, conflict.loser].map((s) => `${s.branchCode}:${s.value}`).sort();
    expect(sides).toEqual(['BDG01:Bli Wayan', 'JKT01:Pak Wayan']);
    expect(conflict.currentValue).toBe(conflict.winner.value);
    expect(Date.parse(conflict.winner.editedAt!)).toBeGreaterThan(Date.now() - 600_000);
    const overview = await get<ConsoleOverview>('/admin/console/overview');
    expect(overview.openConflicts).toBeGreaterThanOrEqual(1);
    expect(overview.branches.find((b) => b.code === 'BDG01')!.openConflicts).toBe(1);
  });

  it('bad input to the conflict routes gets a clear 4xx and changes nothing', async () => {
    const before = await conflictsAtHeadOffice();
    const bad: [InjectOptions, number, string][] = [
      [{ method: 'GET', url: '/admin/console/conflicts?status=bogus' }, 400, 'VALIDATION_FAILED'],
      [{ method: 'GET', url: '/admin/console/duplicates?status=open&x=1' }, 400, 'VALIDATION_FAILED'],
      [{ method: 'POST', url: `/admin/console/conflicts/${conflictId}/resolve`, payload: { keep: 'maybe', by: 'Sari' } }, 400, 'VALIDATION_FAILED'],
      [{ method: 'POST', url: `/admin/console/conflicts/${conflictId}/resolve`, payload: { keep: 'loser', by: '   ' } }, 400, 'VALIDATION_FAILED'],
      [{ method: 'POST', url: `/admin/console/conflicts/${conflictId}/resolve`, payload: { keep: 'loser', by: 'Sari', extra: 1 } }, 400, 'VALIDATION_FAILED'],
      [{ method: 'POST', url: `/admin/console/conflicts/${conflictId}/resolve`, payload: 'keep=loser', headers: { 'content-type': 'application/json' } }, 400, 'BAD_REQUEST'],
      [{ method: 'POST', url: '/admin/console/conflicts/no-such-conflict/resolve', payload: { keep: 'loser', by: 'Sari' } }, 404, 'NOT_FOUND'],
    ];
    for (const [options, status, code] of bad) {
      const response = await call({ ...options, headers: { 'accept-language': 'id', ...options.headers } });
      expect(response.statusCode, `${options.url} ${JSON.stringify(options.payload)}`).toBe(status);
      expect(response.json().error.code).toBe(code);
      expect(response.json().error.message).not.toMatch(/^[A-Z_]+$/);
    }
    const invalid = await call({ method: 'POST', url: `/admin/console/conflicts/${conflictId}/resolve`, payload: { keep: 'maybe', by: '' }, headers: { 'accept-language': 'id' } });
    expect(invalid.json().error.fields.map((f: { path: string[] }) => f.path.join('.')).sort()).toEqual(['by', 'keep']);
    expect(invalid.json().error.message).toBe('Ada isian yang belum benar. Periksa kolom yang ditandai.');
    expect(await conflictsAtHeadOffice()).toEqual(before);
  });

  it('keep the other value: the head office writes it, every branch gets it and closes the conflict', async () => {
    const [conflict] = (await get<ConsoleConflict[]>('/admin/console/conflicts')).filter((x) => x.id === conflictId);
    const other = conflict.loser.value;
    const response = await call({ method: 'POST', url: `/admin/console/conflicts/${conflictId}/resolve`, payload: { keep: 'loser', by: 'Sari (kantor pusat)' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().value).toMatchObject({ id: conflictId, status: 'reversed', resolvedBy: 'Sari (kantor pusat)', currentValue: other });

    expect((await get<ConsoleConflict[]>('/admin/console/conflicts')).some((x) => x.id === conflictId)).toBe(false);
    expect((await get<ConsoleConflict[]>('/admin/console/conflicts?status=all')).find((x) => x.id === conflictId)!.status).toBe('reversed');

    await jkt.sync();
    await bdg.sync();
    for (const branch of [jkt, bdg]) {
      expect((await branch.ok('customers.get', { id: customerId })).nickname).toBe(other);
      const local = (await branch.ok('sync.conflicts', { status: 'all' })).find((x: { id: string }) => x.id === conflictId);
      expect(local).toMatchObject({ status: 'reversed', resolvedBy: 'Sari (kantor pusat)' });
    }

    const again = await call({ method: 'POST', url: `/admin/console/conflicts/${conflictId}/resolve`, payload: { keep: 'winner', by: 'Sari' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
  });

  it('keep the other value is refused when the field was edited after the conflict; keeping the winner still works', async () => {
    const c = await jkt.ok('customers.create', { fullName: 'Ketut Arsana', phones: [{ number: '0813-5555-6666' }] });
    await jkt.sync();
    await bdg.core.services.sync.fetchCustomer(c.id);
    await jkt.ok('customers.update', { id: c.id, patch: { occupation: 'Petani' } });
    await bdg.ok('customers.update', { id: c.id, patch: { occupation: 'Nelayan' } });
    await jkt.sync();
    await bdg.sync();
    const [conflict] = (await get<ConsoleConflict[]>('/admin/console/conflicts')).filter((x) => x.customer?.id === c.id);
    // Someone edits the field again before the review.
    await jkt.sync();
    await jkt.ok('customers.update', { id: c.id, patch: { occupation: 'Pedagang' } });
    await jkt.sync();
    const seen = (await get<ConsoleConflict[]>('/admin/console/conflicts')).find((x) => x.id === conflict.id)!;
    expect(seen.currentValue).toBe('Pedagang');

    const refused = await call({ method: 'POST', url: `/admin/console/conflicts/${conflict.id}/resolve`, payload: { keep: 'loser', by: 'Sari' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONFLICT');
    const [object] = await query<{ data: Record<string, unknown> }>(ho.database.db, sql`SELECT data FROM sync_objects WHERE table_name = 'customers' AND row_id = ${c.id}`);
    expect(object.data.occupation).toBe('Pedagang');
    expect((await conflictsAtHeadOffice()).find((x) => x.id === conflict.id)!.status).toBe('open');

    const kept = await call({ method: 'POST', url: `/admin/console/conflicts/${conflict.id}/resolve`, payload: { keep: 'winner', by: 'Sari' } });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().value).toMatchObject({ status: 'kept', currentValue: 'Pedagang' });
  });

  it('duplicates: the pair with what they share; merge and undo through the admin API show on the list', async () => {
    const a = await jkt.ok('customers.create', { fullName: 'Muhammad Rizki', birthDate: '1990-05-17', nik: '3174011705900001', phones: [{ number: '0812-1111-2222' }] });
    const b = await bdg.ok('customers.create', { fullName: 'Muhamad Rizky', birthDate: '1990-05-17', phones: [{ number: '+62 812 1111 2222' }], emails: [{ address: 'rizky@contoh.co.id' }] });
    await jkt.sync();
    await bdg.sync();

    const open = await get<ConsoleDuplicate[]>('/admin/console/duplicates');
    const pair = open.find((d) => d.customers.some((p) => p.id === a.id))!;
    expect(pair.status).toBe('open');
    expect(pair.reasons).toEqual(['name_birth_date', 'phone']);
    expect(pair.matches).toEqual([
      { reason: 'name_birth_date', values: ['1990-05-17'] },
      { reason: 'phone', values: ['+6281211112222'] },
    ]);
    const jakarta = pair.customers.find((p) => p.id === a.id)!;
    const bandung = pair.customers.find((p) => p.id === b.id)!;
    expect(jakarta).toMatchObject({ fullName: 'Muhammad Rizki', homeBranchCode: 'JKT01', nikMasked: '3174********0001', phones: ['+6281211112222'], archived: false, historyRows: 1 });
    expect(bandung).toMatchObject({ fullName: 'Muhamad Rizky', homeBranchCode: 'BDG01', nikMasked: null, emails: ['rizky@contoh.co.id'], historyRows: 2 });
    expect(pair.merge).toBeNull();
    expect((await get<ConsoleOverview>('/admin/console/overview')).openDuplicates).toBe(1);

    const merged = await call({ method: 'POST', url: '/admin/duplicates/merge', payload: { winnerId: a.id, loserId: b.id, candidateId: pair.id, by: 'Sari' } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await get<ConsoleDuplicate[]>('/admin/console/duplicates')).some((d) => d.id === pair.id)).toBe(false);
    const [done] = (await get<ConsoleDuplicate[]>('/admin/console/duplicates?status=merged')).filter((d) => d.id === pair.id);
    expect(done.merge).toMatchObject({ id: merged.json().value.mergeId, winnerId: a.id, loserId: b.id, redirected: 2, mergedBy: 'Sari' });
    expect(done.customers.find((p) => p.id === b.id)).toMatchObject({ archived: true, historyRows: 0 });
    expect(done.customers.find((p) => p.id === a.id)!.historyRows).toBe(3);

    const undone = await call({ method: 'POST', url: '/admin/duplicates/undo', payload: { mergeId: done.merge!.id, by: 'Sari' } });
    expect(undone.statusCode).toBe(200);
    const [back] = (await get<ConsoleDuplicate[]>('/admin/console/duplicates')).filter((d) => d.id === pair.id);
    expect(back).toMatchObject({ status: 'open', merge: null });
    expect(back.customers.find((p) => p.id === b.id)).toMatchObject({ archived: false, historyRows: 2 });
    expect((await get<ConsoleDuplicate[]>('/admin/console/duplicates?status=merged')).some((d) => d.id === pair.id)).toBe(false);
  });
});

describe('head-office console list limit', () => {
  it('lists at most CONSOLE_LIST_LIMIT conflicts, open ones first and newest first', async () => {
    const ho = await startHeadOffice('postgresql');
    try {
      await ensureAdminToken(ho.database.db, { tokenFile: join(ho.store.dataDir, 'admin-token'), configuredToken: ADMIN_KEY });
      await ho.database.db.execute(sql`INSERT INTO sync_conflicts (id, table_name, row_id, field, customer_id, winner_value, winner_hlc, loser_value, loser_hlc, detected_seq, detected_at, status)
        SELECT 'k' || lpad(i::text, 4, '0'), 'customers', 'c' || i, 'nickname', 'c' || i, '"A"', '00000000abcd-0000-nodea', '"B"', '00000000abce-0000-nodeb', i, now(),
          CASE WHEN i % 3 = 0 THEN 'kept' ELSE 'open' END FROM generate_series(1, ${CONSOLE_LIST_LIMIT + 30}) i`);
      const response = await ho.app.inject({ method: 'GET', url: '/admin/console/conflicts?status=all', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      const listed = response.json().value as ConsoleConflict[];
      expect(listed).toHaveLength(CONSOLE_LIST_LIMIT);
      const open = listed.filter((c) => c.status === 'open');
      expect(listed.slice(0, open.length).every((c) => c.status === 'open')).toBe(true);
      expect(open[0].id).toBe(`k${String(CONSOLE_LIST_LIMIT + 30).padStart(4, '0')}`);
      expect(open[0].winner.branchCode).toBeNull(); // nodes unknown to the head office
    } finally {
      await ho.close();
    }
  });
});

describe('head-office console pages', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  // Pages need no database: a server whose database is never asked.
  const database = { db: {} as never, driver: 'pglite' as const };

  it('serves the built console at /console/ with a strict content security policy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simpul-console-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Konsol</title><script type="module" src="/console/assets/app.js"></script>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("console")');
    const app = buildServer({ database, consoleDir: dir });
    try {
      const redirect = await app.inject({ method: 'GET', url: '/console' });
      expect(redirect.statusCode).toBe(302);
      expect(redirect.headers.location).toBe('/console/');
      const page = await app.inject({ method: 'GET', url: '/console/' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.body).toContain('<title>Konsol</title>');
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      const script = await app.inject({ method: 'GET', url: '/console/assets/app.js' });
      expect(script.statusCode).toBe(200);
      const outside = await app.inject({ method: 'GET', url: '/console/../package.json' });
      expect(outside.statusCode).toBe(404);
      const missing = await app.inject({ method: 'GET', url: '/console/assets/none.js' });
      expect(missing.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('says how to build the console when it is not built', async () => {
    const app = buildServer({ database, consoleDir: join(tmpdir(), 'simpul-console-not-there') });
    try {
      const page = await app.inject({ method: 'GET', url: '/console/' });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('npm run build:console');
    } finally {
      await app.close();
    }
  });
});
