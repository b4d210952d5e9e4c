import { and, eq, exists, gt, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { AppError } from '../../shared/api/errors.js';
import { toBranch, type Branch } from '../branches/registry.js';
import type { HeadOfficeDb } from '../db/open.js';
import { branches, enrolmentTokens } from '../db/schema.js';
import { parseInput } from '../errors.js';
import { hashSecret, newSecret } from '../secrets.js';

/**
 * One-time enrolment tokens: the head office issues one for a branch, an
 * admin carries it to the branch laptop, and the branch trades it for its
 * credentials (the sync work). Only the sha256 of a token is stored.
 */

export const DEFAULT_TOKEN_HOURS = 72;
const MAX_TOKEN_HOURS = 24 * 30;

export const tokenRequestSchema = z.strictObject(
  {
    expiresInHours: z
      .number({ message: 'invalid_type' })
      .int({ message: 'invalid' })
      .min(1, { message: 'invalid' })
      .max(MAX_TOKEN_HOURS, { message: 'invalid' })
      .default(DEFAULT_TOKEN_HOURS),
  },
  { message: 'invalid_type' },
);

export interface IssuedEnrolmentToken {
  /** The token itself: shown once, never stored. */
  token: string;
  branchId: string;
  branchCode: string;
  expiresAt: string;
}

/**
 * Issues a fresh token for an active branch. Any earlier unused token of the
 * branch stops working, so only the token last handed out can enrol.
 */
export async function issueEnrolmentToken(
  db: HeadOfficeDb,
  branchId: string,
  request: unknown = {},
  now: Date = new Date(),
): Promise<IssuedEnrolmentToken> {
  const { expiresInHours } = parseInput(tokenRequestSchema, request ?? {});
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + expiresInHours * 3_600_000);
  return db.transaction(async (tx) => {
    // Locking the branch serialises this with revokeBranch and with a second issue.
    const [branch] = await tx.select().from(branches).where(eq(branches.id, branchId)).for('update');
    if (!branch) throw new AppError('NOT_FOUND', undefined, `no branch with id ${branchId}`);
    if (branch.status !== 'active') throw new AppError('BRANCH_REVOKED', undefined, `branch ${branch.code} is revoked`);
    await tx
      .update(enrolmentTokens)
      .set({ invalidatedAt: now })
      .where(and(eq(enrolmentTokens.branchId, branchId), isNull(enrolmentTokens.usedAt), isNull(enrolmentTokens.invalidatedAt)));
    await tx.insert(enrolmentTokens).values({
      id: uuidv7(),
      branchId,
      tokenHash: hashSecret(token),
      expiresAt,
      createdAt: now,
    });
    return { token, branchId, branchCode: branch.code, expiresAt: expiresAt.toISOString() };
  });
}

/** Why a token was refused; in the error's detail for logs, never sent to the branch. */
export type TokenRefusal = 'unknown' | 'used' | 'expired' | 'superseded' | 'revoked';

/**
 * Trades a token for its branch, once. A single conditional UPDATE marks it
 * used, so of two branches racing with the same token exactly one wins.
 * Pass a transaction as `db` to create the branch's credentials atomically
 * with the consumption.
 *
 * Refusals: unknown, used, expired or superseded -> ENROLMENT_TOKEN_INVALID (the
 * caller learns nothing about which); the branch revoked -> BRANCH_REVOKED.
 */
export async function consumeEnrolmentToken(db: HeadOfficeDb, token: string, now: Date = new Date()): Promise<Branch> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 200) {
    throw new AppError('ENROLMENT_TOKEN_INVALID', undefined, 'enrolment token unknown');
  }
  const tokenHash = hashSecret(token);
  const branchIsActive = db
    .select({ one: sql`1` })
    .from(branches)
    .where(and(eq(branches.id, enrolmentTokens.branchId), eq(branches.status, 'active')));
  const [consumed] = await db
    .update(enrolmentTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(enrolmentTokens.tokenHash, tokenHash),
        isNull(enrolmentTokens.usedAt),
        isNull(enrolmentTokens.invalidatedAt),
        gt(enrolmentTokens.expiresAt, now),
        exists(branchIsActive),
      ),
    )
    .returning({ branchId: enrolmentTokens.branchId });
  if (consumed) {
    const [branch] = await db.select().from(branches).where(eq(branches.id, consumed.branchId));
    return toBranch(branch);
  }
  const reason = await refusalReason(db, tokenHash, now);
  throw new AppError(reason === 'revoked' ? 'BRANCH_REVOKED' : 'ENROLMENT_TOKEN_INVALID', undefined, `enrolment token ${reason}`);
}

async function refusalReason(db: HeadOfficeDb, tokenHash: string, now: Date): Promise<TokenRefusal> {
  const [row] = await db
    .select({ token: enrolmentTokens, branchStatus: branches.status })
    .from(enrolmentTokens)
    .innerJoin(branches, eq(branches.id, enrolmentTokens.branchId))
    .where(eq(enrolmentTokens.tokenHash, tokenHash));
  if (!row) return 'unknown';
  if (row.branchStatus !== 'active') return 'revoked';
  if (row.token.usedAt) return 'used';
  if (row.token.invalidatedAt) return 'superseded';
  if (row.token.expiresAt.getTime() <= now.getTime()) return 'expired';
  // Valid now but the UPDATE missed it: someone consumed it between the two queries.
  return 'used';
}
