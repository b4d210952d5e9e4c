import { readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ERRORS, HTTP } from '../../../src/shared/api/index.js';
import { ensureAdminToken, rotateAdminToken } from '../../../src/headoffice/admin/adminTokens.js';
import { consumeEnrolmentToken } from '../../../src/headoffice/enrolment/tokens.js';
import { openDatabase, type HeadOfficeDatabase } from '../../../src/headoffice/db/open.js';
import { enrolmentTokens } from '../../../src/headoffice/db/schema.js';
import { buildServer, SYNC_PREFIX } from '../../../src/headoffice/http/server.js';
import { hashSecret } from '../../../src/headoffice/secrets.js';
import { clearTables, createStore, DRIVERS, openStore, tableCounts, type TestStore } from './support.js';

const packageVersion = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const migrationCount = (JSON.parse(readFileSync(new URL('../../../drizzle/headoffice/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] }).entries.length;
const json = { 'content-type': 'application/json' };

describe.each(DRIVERS)('head-office HTTP server on %s', (driver) => {
  let store: TestStore;
  let database: HeadOfficeDatabase;
  let app: FastifyInstance;
  let adminToken: string;
  const db = () => database.db;

  const admin = (options: InjectOptions) =>
    app.inject({ ...options, headers: { authorization: `Bearer ${adminToken}`, ...options.headers } });
  const addJakarta = async () => (await admin({ method: 'POST', url: '/admin/branches', payload: { code: 'JKT01', name: 'Jakarta Pusat' } })).json().value;

  beforeAll(async () => {
    store = await createStore(driver);
    database = await openStore(store);
    app = buildServer({ database });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await store?.dispose();
  });
  beforeEach(async () => {
    await clearTables(db());
    const setup = await ensureAdminToken(db(), { tokenFile: `${store.dataDir}/admin-token` });
    if (setup.kind !== 'generated') throw new Error('expected a fresh admin key');
    adminToken = setup.token;
  });

  describe('GET /health', () => {
    it('reports the driver, schema version, app version and time', async () => {
      const response = await app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ status: 'ok', database: driver, schemaVersion: migrationCount, version: packageVersion });
      expect(Math.abs(Date.parse(body.time) - Date.now())).toBeLessThan(60_000);
    });
  });

  describe('admin key', () => {
    it('without a key: NOT_SIGNED_IN, and nothing is written', async () => {
      const before = await tableCounts(db());
      for (const authorization of [undefined, 'Basic YWRtaW46YWRtaW4=', 'Bearer ']) {
        const response = await app.inject({ method: 'POST', url: '/admin/branches', headers: authorization ? { authorization } : {}, payload: { code: 'JKT01', name: 'x' } });
        expect(response.statusCode).toBe(401);
        expect(response.headers['www-authenticate']).toBe('Bearer');
        expect(response.json()).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN', message: ERRORS.NOT_SIGNED_IN.en } });
      }
      expect(await tableCounts(db())).toEqual(before);
    });

    it('with a wrong or revoked key: FORBIDDEN, and nothing is written', async () => {
      const before = await tableCounts(db());
      const wrong = await admin({ method: 'POST', url: '/admin/branches', headers: { authorization: 'Bearer not-the-key' }, payload: { code: 'JKT01', name: 'x' } });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.code).toBe('FORBIDDEN');
      expect(await tableCounts(db())).toEqual(before);

      const old = adminToken;
      const rotated = await rotateAdminToken(db(), `${store.dataDir}/admin-token`);
      const revoked = await app.inject({ method: 'GET', url: '/admin/branches', headers: { authorization: `Bearer ${old}` } });
      expect(revoked.json().error.code).toBe('FORBIDDEN');
      const fresh = await app.inject({ method: 'GET', url: '/admin/branches', headers: { authorization: `Bearer ${rotated.token}` } });
      expect(fresh.statusCode).toBe(200);
    });
  });

  describe('branches', () => {
    it('adds and lists branches', async () => {
      const created = await admin({ method: 'POST', url: '/admin/branches', payload: { code: 'mks01', name: 'Makassar', timeZone: 'WITA' } });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ ok: true, value: { code: 'MKS01', name: 'Makassar', timeZone: 'WITA', status: 'active' } });
      const listed = await admin({ method: 'GET', url: '/admin/branches' });
      expect(listed.json()).toEqual({ ok: true, value: [created.json().value] });
      expect(listed.headers['cache-control']).toBe('no-store');
    });

    it('a duplicate code is DUPLICATE', async () => {
      await addJakarta();
      const response = await admin({ method: 'POST', url: '/admin/branches', payload: { code: 'JKT01', name: 'Lagi' } });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('DUPLICATE');
      expect((await tableCounts(db())).branches).toBe(1);
    });

    it('revokes a branch; an unknown id is NOT_FOUND', async () => {
      const branch = await addJakarta();
      const revoked = await admin({ method: 'POST', url: `/admin/branches/${branch.id}/revoke` });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().value).toMatchObject({ id: branch.id, status: 'revoked' });
      const unknown = await admin({ method: 'POST', url: '/admin/branches/01900000-0000-7000-8000-000000000000/revoke' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('NOT_FOUND');
    });
  });

  describe('enrolment tokens', () => {
    it('issues a token shown once and stored hashed; the branch can use it', async () => {
      const branch = await addJakarta();
      const response = await admin({ method: 'POST', url: `/admin/branches/${branch.id}/enrolment-tokens` });
      expect(response.statusCode).toBe(201);
      expect(response.headers['cache-control']).toBe('no-store');
      const { token, branchCode, expiresAt } = response.json().value;
      expect(branchCode).toBe('JKT01');
      expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(71 * 3_600_000);
      const [row] = await db().select().from(enrolmentTokens);
      expect(row.tokenHash).toBe(hashSecret(token));
      await expect(consumeEnrolmentToken(db(), token)).resolves.toMatchObject({ id: branch.id });
    });

    it('takes a lifetime in hours, and refuses a bad one', async () => {
      const branch = await addJakarta();
      const short = await admin({ method: 'POST', url: `/admin/branches/${branch.id}/enrolment-tokens`, payload: { expiresInHours: 1 } });
      expect(Date.parse(short.json().value.expiresAt) - Date.now()).toBeLessThanOrEqual(3_600_000);
      const before = await tableCounts(db());
      const bad = await admin({ method: 'POST', url: `/admin/branches/${branch.id}/enrolment-tokens`, payload: { expiresInHours: 'soon' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: ['expiresInHours'], code: 'invalid_type' }] });
      expect(await tableCounts(db())).toEqual(before);
    });

    it('refuses a token for a revoked or unknown branch', async () => {
      const branch = await addJakarta();
      await admin({ method: 'POST', url: `/admin/branches/${branch.id}/revoke` });
      const revoked = await admin({ method: 'POST', url: `/admin/branches/${branch.id}/enrolment-tokens` });
      expect(revoked.json().error.code).toBe('BRANCH_REVOKED');
      const unknown = await admin({ method: 'POST', url: '/admin/branches/nope/enrolment-tokens' });
      expect(unknown.json().error.code).toBe('NOT_FOUND');
      expect((await tableCounts(db())).enrolmentTokens).toBe(0);
    });
  });

  describe('bad input changes nothing', () => {
    const expectRefused = async (options: InjectOptions, status: number, code: keyof typeof ERRORS) => {
      const before = await tableCounts(db());
      const response = await admin(options);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ ok: false, error: { code, message: ERRORS[code].en } });
      expect(await tableCounts(db())).toEqual(before);
      return response.json().error;
    };

    it('malformed JSON is BAD_REQUEST', async () => {
      await expectRefused({ method: 'POST', url: '/admin/branches', headers: json, payload: '{"code": "JKT01", "name": ' }, 400, 'BAD_REQUEST');
      await expectRefused({ method: 'POST', url: '/admin/branches', headers: json, payload: '' }, 400, 'BAD_REQUEST');
    });

    it('a body that is not JSON is BAD_REQUEST', async () => {
      await expectRefused({ method: 'POST', url: '/admin/branches', headers: { 'content-type': 'text/plain' }, payload: 'code=JKT01' }, 400, 'BAD_REQUEST');
    });

    it('a body over 1 MiB is PAYLOAD_TOO_LARGE', async () => {
      const payload = JSON.stringify({ code: 'JKT01', name: 'x'.repeat(HTTP.maxBodyBytes) });
      await expectRefused({ method: 'POST', url: '/admin/branches', headers: json, payload }, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('wrong types are VALIDATION_FAILED with one issue per field', async () => {
      const error = await expectRefused({ method: 'POST', url: '/admin/branches', payload: { code: 123, name: ['x'], timeZone: 'UTC' } }, 400, 'VALIDATION_FAILED');
      expect(error.fields.map((f: { path: string[] }) => f.path.join('.')).sort()).toEqual(['code', 'name', 'timeZone']);
      expect(error.fields.find((f: { path: string[] }) => f.path[0] === 'timeZone').message).toBe('Time zone must be WIB, WITA or WIT.');
    });

    it('a misspelt field is VALIDATION_FAILED, not silently dropped', async () => {
      const error = await expectRefused({ method: 'POST', url: '/admin/branches', payload: { code: 'JKT01', name: 'x', time_zone: 'WIT' } }, 400, 'VALIDATION_FAILED');
      expect(error.fields).toEqual([{ path: ['time_zone'], code: 'invalid', message: 'Invalid value.' }]);
    });

    it('a body that is not an object, or none at all, is VALIDATION_FAILED', async () => {
      await expectRefused({ method: 'POST', url: '/admin/branches', headers: json, payload: '[]' }, 400, 'VALIDATION_FAILED');
      await expectRefused({ method: 'POST', url: '/admin/branches', headers: json, payload: 'null' }, 400, 'VALIDATION_FAILED');
      await expectRefused({ method: 'POST', url: '/admin/branches' }, 400, 'VALIDATION_FAILED');
    });

    it('answers in Indonesian when asked', async () => {
      const response = await admin({ method: 'POST', url: '/admin/branches', headers: { 'accept-language': 'id-ID,id;q=0.9,en;q=0.5' }, payload: { code: 'x' } });
      expect(response.json().error.message).toBe(ERRORS.VALIDATION_FAILED.id);
      expect(response.json().error.fields[0].message).toBe('Kode cabang 2-8 huruf besar atau angka, misalnya JKT01.');
    });
  });

  it('refuses sync calls without a branch credential, and an unknown sync path', async () => {
    for (const url of ['push', 'pull', 'hello'].map((path) => `${SYNC_PREFIX}${path}`)) {
      const response = await app.inject({ method: 'POST', url, payload: {} });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('NOT_SIGNED_IN');
    }
    const unknown = await app.inject({ method: 'POST', url: `${SYNC_PREFIX}teleport`, payload: {} });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'UNKNOWN_METHOD']);
  });

  it.runIf(driver === 'postgresql')('a second server on the same PostgreSQL sees everything the first wrote', async () => {
    const otherDatabase = await openStore(store);
    const other = buildServer({ database: otherDatabase });
    try {
      const branch = await addJakarta();
      const listed = await other.inject({ method: 'GET', url: '/admin/branches', headers: { authorization: `Bearer ${adminToken}` } });
      expect(listed.json().value).toEqual([branch]);
      const issued = await other.inject({ method: 'POST', url: `/admin/branches/${branch.id}/enrolment-tokens`, headers: { authorization: `Bearer ${adminToken}` } });
      await expect(consumeEnrolmentToken(db(), issued.json().value.token)).resolves.toMatchObject({ id: branch.id });
    } finally {
      await other.close();
      await otherDatabase.close();
    }
  });

  // Last in this block on purpose: on PGlite it closes the shared database.
  it('GET /health answers 503 when the database cannot be queried', async () => {
    if (driver === 'postgresql') {
      const unreachable = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/nothing_listens_here', migrate: false });
      const unreachableApp = buildServer({ database: unreachable });
      const response = await unreachableApp.inject({ method: 'GET', url: '/health' });
      await unreachableApp.close();
      await unreachable.close();
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'unavailable' });
    }
    // A second PGlite would cost seconds to start; a closed one fails just as really.
    await database.close();
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable' });
  });
});
