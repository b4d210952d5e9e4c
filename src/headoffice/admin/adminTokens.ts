import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/api/errors.js';
import type { HeadOfficeDb } from '../db/open.js';
import { adminTokens } from '../db/schema.js';
import { hashSecret, newSecret } from '../secrets.js';

/**
 * Keys for the HTTP admin API. They live (hashed) in the database, so every
 * head-office process behind a load balancer accepts the same keys.
 * At first start a key is generated, written to <data dir>/admin-token
 * (mode 0600) and printed once; or the operator configures one.
 */

export const ADMIN_TOKEN_FILE = 'admin-token';
// Same key in every process: two servers starting together generate one key, not two.
const BOOTSTRAP_LOCK_KEY = 7_340_002;

export type AdminTokenSetup =
  | { kind: 'generated'; token: string; file: string }
  | { kind: 'configured' }
  | { kind: 'existing' };

/**
 * Makes sure the admin API can be used. A configured token is registered
 * (idempotently); otherwise, if no key is active, one is generated and
 * written to `tokenFile`.
 */
export async function ensureAdminToken(
  db: HeadOfficeDb,
  options: { tokenFile: string; configuredToken?: string },
  now: Date = new Date(),
): Promise<AdminTokenSetup> {
  const configured = options.configuredToken?.trim();
  if (configured) {
    // A short configured key would be guessable; generated ones are 43 characters.
    if (configured.length < 24) throw new AppError('VALIDATION_FAILED', [{ path: ['adminToken'], code: 'invalid' }], 'admin token under 24 characters');
    await db
      .insert(adminTokens)
      .values({ id: uuidv7(), tokenHash: hashSecret(configured), origin: 'configured', createdAt: now })
      .onConflictDoNothing({ target: adminTokens.tokenHash });
    return { kind: 'configured' };
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`);
    const [active] = await tx.select({ id: adminTokens.id }).from(adminTokens).where(isNull(adminTokens.revokedAt)).limit(1);
    if (active) return { kind: 'existing' } as const;
    const token = newSecret();
    await tx.insert(adminTokens).values({ id: uuidv7(), tokenHash: hashSecret(token), origin: 'generated', createdAt: now });
    // Written before commit: if the file cannot be written, no unknowable key is left active.
    writeTokenFile(options.tokenFile, token);
    return { kind: 'generated', token, file: options.tokenFile } as const;
  });
}

/** Revokes every active key and generates a new one (for a leaked or lost key). */
export async function rotateAdminToken(db: HeadOfficeDb, tokenFile: string, now: Date = new Date()): Promise<{ token: string; file: string; revoked: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`);
    const revoked = await tx
      .update(adminTokens)
      .set({ revokedAt: now })
      .where(isNull(adminTokens.revokedAt))
      .returning({ id: adminTokens.id });
    const token = newSecret();
    await tx.insert(adminTokens).values({ id: uuidv7(), tokenHash: hashSecret(token), origin: 'generated', createdAt: now });
    writeTokenFile(tokenFile, token);
    return { token, file: tokenFile, revoked: revoked.length };
  });
}

/** True when `token` is an active admin key. */
export async function isAdminToken(db: HeadOfficeDb, token: string): Promise<boolean> {
  if (token.length === 0 || token.length > 200) return false;
  const [row] = await db
    .select({ id: adminTokens.id })
    .from(adminTokens)
    .where(and(eq(adminTokens.tokenHash, hashSecret(token)), isNull(adminTokens.revokedAt)))
    .limit(1);
  return row !== undefined;
}

function writeTokenFile(file: string, token: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  // mode only applies when the file is created; an older file keeps its bits otherwise.
  chmodSync(file, 0o600);
}
