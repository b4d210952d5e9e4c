import { and, asc, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { AppError } from '../../shared/api/errors.js';
import { TIME_ZONES, type BranchTimeZone } from '../../shared/domain/dates.js';
import type { HeadOfficeDb } from '../db/open.js';
import { branchCredentials, branches, enrolmentTokens, type BranchRow } from '../db/schema.js';
import { isUniqueViolation, parseInput } from '../errors.js';

/** The branch registry: which branches exist, and which may still talk to the head office. */

export interface Branch {
  id: string;
  code: string;
  name: string;
  timeZone: BranchTimeZone;
  status: 'active' | 'revoked';
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

const timeZoneCodes = Object.keys(TIME_ZONES) as [BranchTimeZone, ...BranchTimeZone[]];

/** Branch codes are typed by people (jkt01), stored and shown upper case (JKT01). */
export const branchCodeSchema = z
  .string({ message: 'required' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,8}$/, { message: 'invalid_branch_code' });

export const branchCreateSchema = z.strictObject(
  {
    code: branchCodeSchema,
    name: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(100, { message: 'too_long' }),
    timeZone: z.enum(timeZoneCodes, { message: 'invalid_time_zone' }).default('WIB'),
  },
  { message: 'invalid_type' },
);
export type BranchCreateInput = z.input<typeof branchCreateSchema>;

export function toBranch(row: BranchRow): Branch {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    timeZone: row.timeZone,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
  };
}

export async function addBranch(db: HeadOfficeDb, input: unknown, now: Date = new Date()): Promise<Branch> {
  const { code, name, timeZone } = parseInput(branchCreateSchema, input);
  try {
    const [row] = await db
      .insert(branches)
      .values({ id: uuidv7(), code, name, timeZone, status: 'active', createdAt: now })
      .returning();
    return toBranch(row);
  } catch (error) {
    // The unique index decides, so two head-office processes cannot both add JKT01.
    if (isUniqueViolation(error)) throw new AppError('DUPLICATE', undefined, `branch ${code} exists`);
    throw error;
  }
}

export async function listBranches(db: HeadOfficeDb): Promise<Branch[]> {
  const rows = await db.select().from(branches).orderBy(asc(branches.code));
  return rows.map(toBranch);
}

export async function findBranchById(db: HeadOfficeDb, id: string): Promise<Branch> {
  const [row] = await db.select().from(branches).where(eq(branches.id, id));
  if (!row) throw new AppError('NOT_FOUND', undefined, `no branch with id ${id}`);
  return toBranch(row);
}

export async function findBranchByCode(db: HeadOfficeDb, code: string): Promise<Branch> {
  const normalised = parseInput(branchCodeSchema, code);
  const [row] = await db.select().from(branches).where(eq(branches.code, normalised));
  if (!row) throw new AppError('NOT_FOUND', undefined, `no branch with code ${normalised}`);
  return toBranch(row);
}

/**
 * Revokes a branch: it can no longer enrol or sync. Its unused enrolment
 * tokens and its credentials die with it, in the same transaction. Revoking
 * a revoked branch changes nothing and returns it as it is.
 */
export async function revokeBranch(db: HeadOfficeDb, branchId: string, now: Date = new Date()): Promise<Branch> {
  return db.transaction(async (tx) => {
    // The row lock orders this against a token being issued at the same moment.
    const [row] = await tx.select().from(branches).where(eq(branches.id, branchId)).for('update');
    if (!row) throw new AppError('NOT_FOUND', undefined, `no branch with id ${branchId}`);
    if (row.status === 'revoked') return toBranch(row);
    const [revoked] = await tx
      .update(branches)
      .set({ status: 'revoked', revokedAt: now })
      .where(eq(branches.id, branchId))
      .returning();
    await tx
      .update(enrolmentTokens)
      .set({ invalidatedAt: now })
      .where(and(eq(enrolmentTokens.branchId, branchId), isNull(enrolmentTokens.usedAt), isNull(enrolmentTokens.invalidatedAt)));
    await tx
      .update(branchCredentials)
      .set({ revokedAt: now })
      .where(and(eq(branchCredentials.branchId, branchId), isNull(branchCredentials.revokedAt)));
    return toBranch(revoked);
  });
}
