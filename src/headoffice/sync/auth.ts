import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/api/errors.js';
import type { HeadOfficeDb } from '../db/open.js';
import { branchCredentials, branches } from '../db/schema.js';
import { consumeEnrolmentToken } from '../enrolment/tokens.js';
import { hashSecret, newSecret } from '../secrets.js';
import { syncNodes } from './schema.js';
import { query } from './sql.js';

export interface AuthedBranch {
  id: string;
  code: string;
}

/**
 * Enrolment: a one-time token becomes the branch's own credential, in one
 * transaction, so a token can never yield two credentials. The branch code
 * the laptop was set up with must match the registry: customer numbers carry
 * it, and two branches with one code could mint the same number.
 */
export async function enrolBranch(
  db: HeadOfficeDb,
  input: { token: string; nodeId: string; branchCode: string; schemaVersion: number },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const branch = await consumeEnrolmentToken(tx, input.token, now);
    if (branch.code !== input.branchCode.toUpperCase()) {
      throw new AppError('VALIDATION_FAILED', [{ path: ['branchCode'], code: 'invalid_branch_code' }], `token is for ${branch.code}`);
    }
    const secret = newSecret();
    const credentialId = uuidv7();
    await tx.insert(branchCredentials).values({ id: credentialId, branchId: branch.id, secretHash: hashSecret(secret), createdAt: now });
    await tx
      .insert(syncNodes)
      .values({ nodeId: input.nodeId, branchId: branch.id, lastSeq: 0, schemaVersion: input.schemaVersion, lastSeenAt: now })
      .onConflictDoNothing();
    return {
      branchId: branch.id,
      branchCode: branch.code,
      branchName: branch.name,
      timeZone: branch.timeZone,
      credential: `${credentialId}.${secret}`,
    };
  });
}

/** Bearer "<credentialId>.<secret>" -> the credential's id and the hash it is stored under, or NOT_SIGNED_IN. */
export function parseCredential(authorization: string | undefined): { id: string; secretHash: string } {
  const match = typeof authorization === 'string' ? /^Bearer +([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100}) *$/.exec(authorization) : null;
  if (!match) throw new AppError('NOT_SIGNED_IN', undefined, 'no branch credential');
  return { id: match[1], secretHash: hashSecret(match[2]) };
}

/** The branch a credential row names (undefined: no such credential), or NOT_SIGNED_IN / BRANCH_REVOKED. */
export function admitBranch(row: { branchId: string; code: string; status: string; revokedAt: unknown } | undefined): AuthedBranch {
  if (!row?.branchId) throw new AppError('NOT_SIGNED_IN', undefined, 'unknown branch credential');
  if (row.status !== 'active' || row.revokedAt) throw new AppError('BRANCH_REVOKED', undefined, `branch ${row.code} revoked`);
  return { id: row.branchId, code: row.code };
}

/** Bearer "<credentialId>.<secret>" -> the branch, or NOT_SIGNED_IN / BRANCH_REVOKED. */
export async function authenticateBranch(db: HeadOfficeDb, authorization: string | undefined): Promise<AuthedBranch> {
  const credential = parseCredential(authorization);
  const [row] = await db
    .select({ branchId: branches.id, code: branches.code, status: branches.status, revokedAt: branchCredentials.revokedAt })
    .from(branchCredentials)
    .innerJoin(branches, eq(branches.id, branchCredentials.branchId))
    .where(and(eq(branchCredentials.id, credential.id), eq(branchCredentials.secretHash, credential.secretHash)));
  return admitBranch(row);
}

/** A node (one branch database) must belong to the branch that speaks for it. */
export async function ensureNode(db: HeadOfficeDb, branch: AuthedBranch, nodeId: string, schemaVersion: number, now: Date) {
  await db
    .insert(syncNodes)
    .values({ nodeId, branchId: branch.id, lastSeq: 0, schemaVersion, lastSeenAt: now })
    .onConflictDoNothing();
  const [node] = await db.select().from(syncNodes).where(eq(syncNodes.nodeId, nodeId));
  if (node.branchId !== branch.id) throw new AppError('FORBIDDEN', undefined, `node ${nodeId} belongs to another branch`);
  return node;
}

/**
 * `ensureNode` in one statement, for the pull (a round trip per page less):
 * the node is inserted if new, and its branch and schema catch-up are read
 * back (from the insert, or the row that was there).
 */
export async function ensurePullNode(db: HeadOfficeDb, branch: AuthedBranch, nodeId: string, schemaVersion: number, now: Date): Promise<{ caughtUpSchema: number }> {
  const [node] = await query<{ branch_id: string; caught_up_schema: number }>(
    db,
    sql`WITH inserted AS (
        INSERT INTO sync_nodes (node_id, branch_id, last_seq, schema_version, last_seen_at)
        VALUES (${nodeId}, ${branch.id}, 0, ${schemaVersion}, ${now.toISOString()}::timestamptz)
        ON CONFLICT DO NOTHING RETURNING branch_id, caught_up_schema)
      SELECT branch_id, caught_up_schema FROM inserted
      UNION ALL SELECT branch_id, caught_up_schema FROM sync_nodes WHERE node_id = ${nodeId}
      LIMIT 1`,
  );
  // No row: another request inserted the node after this statement's snapshot was taken; read it as ensureNode does.
  if (!node) return ensureNode(db, branch, nodeId, schemaVersion, now);
  if (node.branch_id !== branch.id) throw new AppError('FORBIDDEN', undefined, `node ${nodeId} belongs to another branch`);
  return { caughtUpSchema: Number(node.caught_up_schema) };
}

