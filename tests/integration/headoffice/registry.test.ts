import { eq } from 'drizzle-orm';
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addBranch, findBranchByCode, listBranches, revokeBranch } from '../../../src/headoffice/branches/registry.js';
import type { HeadOfficeDatabase } from '../../../src/headoffice/db/open.js';
import { branchCredentials, enrolmentTokens } from '../../../src/headoffice/db/schema.js';
import { consumeEnrolmentToken, issueEnrolmentToken } from '../../../src/headoffice/enrolment/tokens.js';
import { hashSecret } from '../../../src/headoffice/secrets.js';
import { clearTables, createStore, DRIVERS, openStore, tableCounts, type TestStore } from './support.js';

const HOUR = 3_600_000;
const T0 = new Date('2026-11-22T01:00:00.000Z');

describe.each(DRIVERS)('branch registry and enrolment tokens on %s', (driver) => {
  let store: TestStore;
  let database: HeadOfficeDatabase;
  const db = () => database.db;

  beforeAll(async () => {
    store = await createStore(driver);
    database = await openStore(store);
  });
  afterAll(async () => {
    await database?.close();
    await store?.dispose();
  });
  beforeEach(() => clearTables(db()));

  describe('branches', () => {
    it('adds a branch with a UUIDv7 id, the code in capitals and WIB by default', async () => {
      const branch = await addBranch(db(), { code: ' jkt01 ', name: ' Jakarta Pusat ' }, T0);
      expect(isUuid(branch.id) && uuidVersion(branch.id)).toBe(7);
      expect(branch).toMatchObject({ code: 'JKT01', name: 'Jakarta Pusat', timeZone: 'WIB', status: 'active', revokedAt: null, lastSeenAt: null });
      expect(branch.createdAt).toBe(T0.toISOString());
    });

    it('lists branches by code', async () => {
      await addBranch(db(), { code: 'SBY01', name: 'Surabaya', timeZone: 'WIB' });
      await addBranch(db(), { code: 'MKS01', name: 'Makassar', timeZone: 'WITA' });
      await addBranch(db(), { code: 'JPR01', name: 'Jayapura', timeZone: 'WIT' });
      const listed = await listBranches(db());
      expect(listed.map((b) => [b.code, b.timeZone])).toEqual([['JPR01', 'WIT'], ['MKS01', 'WITA'], ['SBY01', 'WIB']]);
    });

    it('refuses a second branch with the same code, however it is typed', async () => {
      await addBranch(db(), { code: 'JKT01', name: 'Jakarta Pusat' });
      await expect(addBranch(db(), { code: 'jkt01', name: 'Jakarta Lain' })).rejects.toMatchObject({ code: 'DUPLICATE' });
      expect((await tableCounts(db())).branches).toBe(1);
    });

    it('refuses bad input field by field and writes nothing', async () => {
      const error = await addBranch(db(), { code: 'JKT-01', name: '', timeZone: 'UTC', extra: 1 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      const fields = (error as { fields: { path: unknown[]; code: string }[] }).fields;
      expect(fields).toEqual(
        expect.arrayContaining([
          { path: ['code'], code: 'invalid_branch_code' },
          { path: ['name'], code: 'required' },
          { path: ['timeZone'], code: 'invalid_time_zone' },
          { path: ['extra'], code: 'invalid' },
        ]),
      );
      expect((await tableCounts(db())).branches).toBe(0);
    });

    it('revokes a branch with its unused tokens and credentials, and revoking again changes nothing', async () => {
      const branch = await addBranch(db(), { code: 'BDG01', name: 'Bandung' });
      const issued = await issueEnrolmentToken(db(), branch.id, {}, T0);
      await db().insert(branchCredentials).values({ id: 'cred-1', branchId: branch.id, secretHash: hashSecret('s'), createdAt: T0 });

      const revokedAt = new Date(T0.getTime() + HOUR);
      const revoked = await revokeBranch(db(), branch.id, revokedAt);
      expect(revoked).toMatchObject({ status: 'revoked', revokedAt: revokedAt.toISOString() });
      const [credential] = await db().select().from(branchCredentials);
      expect(credential.revokedAt?.toISOString()).toBe(revokedAt.toISOString());
      await expect(consumeEnrolmentToken(db(), issued.token, revokedAt)).rejects.toMatchObject({ code: 'BRANCH_REVOKED' });

      const again = await revokeBranch(db(), branch.id, new Date(T0.getTime() + 2 * HOUR));
      expect(again.revokedAt).toBe(revokedAt.toISOString());
    });

    it('answers NOT_FOUND for an unknown branch', async () => {
      await expect(revokeBranch(db(), '01900000-0000-7000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(findBranchByCode(db(), 'NOPE1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('enrolment tokens', () => {
    it('issues a 32-byte base64url token valid for 72 hours, stored only as its sha256', async () => {
      const branch = await addBranch(db(), { code: 'JKT01', name: 'Jakarta Pusat' });
      const issued = await issueEnrolmentToken(db(), branch.id, undefined, T0);
      expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(issued.token, 'base64url')).toHaveLength(32);
      expect(issued.expiresAt).toBe(new Date(T0.getTime() + 72 * HOUR).toISOString());

      const rows = await db().select().from(enrolmentTokens);
      expect(rows).toHaveLength(1);
      expect(rows[0].tokenHash).toBe(hashSecret(issued.token));
      expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(rows)).not.toContain(issued.token);
    });

    it('trades a token for its branch exactly once', async () => {
      const branch = await addBranch(db(), { code: 'JKT01', name: 'Jakarta Pusat' });
      const issued = await issueEnrolmentToken(db(), branch.id, {}, T0);
      const enrolled = await consumeEnrolmentToken(db(), issued.token, T0);
      expect(enrolled).toMatchObject({ id: branch.id, code: 'JKT01' });
      await expect(consumeEnrolmentToken(db(), issued.token, T0)).rejects.toMatchObject({ code: 'ENROLMENT_TOKEN_INVALID', message: 'enrolment token used' });
    });

    it('refuses a token after it expires, and accepts it just before', async () => {
      const branch = await addBranch(db(), { code: 'JKT01', name: 'Jakarta Pusat' });
      const late = await issueEnrolmentToken(db(), branch.id, { expiresInHours: 2 }, T0);
      await expect(consumeEnrolmentToken(db(), late.token, new Date(T0.getTime() + 2 * HOUR))).rejects.toMatchObject({
        code: 'ENROLMENT_TOKEN_INVALID',
        message: 'enrolment token expired',
      });
      const inTime = await issueEnrolmentToken(db(), branch.id, {}, T0);
      await expect(consumeEnrolmentToken(db(), inTime.token, new Date(T0.getTime() + 72 * HOUR - 1))).resolves.toMatchObject({ code: 'JKT01' });
    });

    it('a new token makes the earlier unused one stop working', async () => {
      const branch = await addBranch(db(), { code: 'JKT01', name: 'Jakarta Pusat' });
      const first = await issueEnrolmentToken(db(), branch.id, {}, T0);
      const second = await issueEnrolmentToken(db(), branch.id, {}, T0);
      await expect(consumeEnrolmentToken(db(), first.token, T0)).rejects.toMatchObject({ code: 'ENROLMENT_TOKEN_INVALID', message: 'enrolment token superseded' });
      await expect(consumeEnrolmentToken(db(), second.token, T0)).resolves.toMatchObject({ id: branch.id });
    });

    it('refuses unknown tokens and tokens for revoked branches', async () => {
      await expect(consumeEnrolmentToken(db(), 'not-a-token')).rejects.toMatchObject({ code: 'ENROLMENT_TOKEN_INVALID', message: 'enrolment token unknown' });
      await expect(consumeEnrolmentToken(db(), '')).rejects.toMatchObject({ code: 'ENROLMENT_TOKEN_INVALID' });
      const branch = await addBranch(db(), { code: 'JKT01', name: 'Jakarta Pusat' });
      await revokeBranch(db(), branch.id);
      await expect(issueEnrolmentToken(db(), branch.id)).rejects.toMatchObject({ code: 'BRANCH_REVOKED' });
      await expect(issueEnrolmentToken(db(), '01900000-0000-7000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await tableCounts(db())).enrolmentTokens).toBe(0);
    });

    it('refuses a lifetime outside 1-720 hours and writes nothing', async () => {
      const branch = await addBranch(db(), { code: 'JKT01', name: 'Jakarta Pusat' });
      for (const expiresInHours of [0, 721, 1.5, '72']) {
        await expect(issueEnrolmentToken(db(), branch.id, { expiresInHours })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      }
      expect((await tableCounts(db())).enrolmentTokens).toBe(0);
    });

    it('of consumers racing with the same token, exactly one wins', async () => {
      const branch = await addBranch(db(), { code: 'JKT01', name: 'Jakarta Pusat' });
      for (let round = 0; round < 5; round++) {
        const { token } = await issueEnrolmentToken(db(), branch.id);
        const results = await Promise.allSettled(Array.from({ length: 6 }, () => consumeEnrolmentToken(db(), token)));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'ENROLMENT_TOKEN_INVALID' });
      }
      const used = await db().select().from(enrolmentTokens).where(eq(enrolmentTokens.branchId, branch.id));
      expect(used.filter((t) => t.usedAt !== null)).toHaveLength(5);
    });

    it('consumed inside a transaction that fails, the token stays usable', async () => {
      const branch = await addBranch(db(), { code: 'JKT01', name: 'Jakarta Pusat' });
      const { token } = await issueEnrolmentToken(db(), branch.id);
      await expect(
        db().transaction(async (tx) => {
          await consumeEnrolmentToken(tx, token);
          throw new Error('credential write failed');
        }),
      ).rejects.toThrow('credential write failed');
      await expect(consumeEnrolmentToken(db(), token)).resolves.toMatchObject({ id: branch.id });
    });
  });
});
