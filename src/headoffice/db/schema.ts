import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Head-office tables. Every instant is timestamptz (stored UTC); ids are
 * UUIDv7 text made by the application, like every id in Simpul.
 * Secrets (enrolment tokens, branch secrets, admin tokens) are stored only as
 * sha256 hex: a copy of the database does not let anyone act as a branch.
 */

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// Kept equal to TIME_ZONES in src/shared/domain/dates.ts; drizzle-kit loads
// this file on its own, so it cannot follow the project's .js import paths.
export const BRANCH_TIME_ZONES = ['WIB', 'WITA', 'WIT'] as const;
export const BRANCH_STATUSES = ['active', 'revoked'] as const;

export const branches = pgTable(
  'branches',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    timeZone: text('time_zone', { enum: BRANCH_TIME_ZONES }).notNull(),
    status: text('status', { enum: BRANCH_STATUSES }).notNull().default('active'),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
    /** Last time the branch synced; written by the sync work. */
    lastSeenAt: instant('last_seen_at'),
  },
  (t) => [
    uniqueIndex('branches_code_unique').on(t.code),
    check('branches_code_format', sql`${t.code} ~ '^[A-Z0-9]{2,8}$'`),
    check('branches_time_zone_known', sql`${t.timeZone} in ('WIB', 'WITA', 'WIT')`),
    check('branches_status_known', sql`${t.status} in ('active', 'revoked')`),
    check('branches_revoked_has_time', sql`(${t.status} = 'revoked') = (${t.revokedAt} is not null)`),
  ],
);

export const enrolmentTokens = pgTable(
  'enrolment_tokens',
  {
    id: text('id').primaryKey(),
    branchId: text('branch_id')
      .notNull()
      .references(() => branches.id),
    tokenHash: text('token_hash').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    /** Set when a newer token was issued or the branch was revoked; kept, not deleted, for the audit trail. */
    invalidatedAt: instant('invalidated_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('enrolment_tokens_hash_unique').on(t.tokenHash),
    index('enrolment_tokens_branch_idx').on(t.branchId),
  ],
);

/** The long-lived secret a branch proves itself with after enrolment (filled by the sync work). */
export const branchCredentials = pgTable(
  'branch_credentials',
  {
    id: text('id').primaryKey(),
    branchId: text('branch_id')
      .notNull()
      .references(() => branches.id),
    secretHash: text('secret_hash').notNull(),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    uniqueIndex('branch_credentials_secret_unique').on(t.secretHash),
    index('branch_credentials_branch_idx').on(t.branchId),
  ],
);

/** Keys for the HTTP admin API. Several may be active (rotation without downtime). */
export const adminTokens = pgTable(
  'admin_tokens',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    /** Where the token came from: 'generated' at first start, or 'configured' from SIMPUL_ADMIN_TOKEN. */
    origin: text('origin', { enum: ['generated', 'configured'] }).notNull(),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [uniqueIndex('admin_tokens_hash_unique').on(t.tokenHash)],
);

export type BranchRow = typeof branches.$inferSelect;
export type EnrolmentTokenRow = typeof enrolmentTokens.$inferSelect;
