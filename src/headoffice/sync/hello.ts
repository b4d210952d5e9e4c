import { sql } from 'drizzle-orm';
import { AppError } from '../../shared/api/errors.js';
import { referenceTablesAt } from '../../shared/sync/tables.js';
import type { HeadOfficeDb } from '../db/open.js';
import { admitBranch, type AuthedBranch } from './auth.js';
import { query } from './sql.js';

export interface HelloInput {
  nodeId: string;
  schemaVersion: number;
  pending: number;
  /** Protocol 2: the branch's cursors and open conflicts (absent: an older branch, nothing is probed). */
  cursor?: string | null;
  conflictCursor?: number;
  openConflicts?: string[];
}

/**
 * A hello, in one statement (each statement is a round trip to PostgreSQL,
 * and on a busy server a wait for a core): the credential is checked as
 * `authenticateBranch` checks it (the same row, the same verdict: nothing
 * is written for an unknown credential or a revoked branch); the node is
 * registered if new and must belong to the branch that speaks for it (as
 * `ensureNode`); its
 * pending count, clock skew, schema and last-seen time are recorded, and the
 * branch's last-seen time.
 *
 * With the branch's cursors (protocol 2) the same statement asks whether
 * anything is new for it, with index probes only, never a count over its
 * scope: a feed entry after its cursor (the (branch, seq) index), a
 * reference row after it (the partial version index), a schema catch-up
 * still due (catchUpSchema's own test), a conflict the exchange would send
 * (listConflictsForBranch's own condition). Nothing new: the pull it would
 * have made is recorded instead (last pull at, its cursor), which is what
 * sync health shows as the branch's last sync and data age. Only a node that
 * already existed can be up to date (a row inserted by this statement is not
 * visible to its own UPDATE).
 */
export async function recordHello(
  db: HeadOfficeDb,
  credential: { id: string; secretHash: string },
  input: HelloInput,
  skewMs: number,
  now: Date,
): Promise<{ branch: AuthedBranch; upToDate?: boolean }> {
  const at = now.toISOString();
  // The branch the credential admits (none: NULL, so every write below matches nothing).
  const branchId = sql`(SELECT branch_id FROM admitted)`;
  const probe = input.cursor !== undefined;
  const after = input.cursor == null ? 0 : Number(input.cursor);
  const reference = referenceTablesAt(input.schemaVersion).map((t) => t.name);
  const open = JSON.stringify(input.openConflicts ?? []);
  // The test is only read when probing; an older branch's hello is the plain registration.
  const news = probe
    ? sql`EXISTS (SELECT 1 FROM sync_feed f WHERE f.branch_id = ${branchId} AND f.seq > ${after})
        ${reference.length > 0 ? sql`OR EXISTS (SELECT 1 FROM sync_objects o WHERE o.customer_id IS NULL AND o.version > ${after}
          AND o.table_name IN (SELECT jsonb_array_elements_text(${JSON.stringify(reference)}::jsonb)))` : sql``}
        OR coalesce((SELECT caught_up_schema FROM sync_nodes WHERE node_id = ${input.nodeId}), 0) < ${input.schemaVersion}
        OR EXISTS (SELECT 1 FROM sync_conflicts c
          WHERE (c.detected_seq > ${input.conflictCursor ?? 0} OR (c.status <> 'open' AND c.id IN (SELECT jsonb_array_elements_text(${open}::jsonb))))
            AND EXISTS (SELECT 1 FROM sync_customer_scope s WHERE s.customer_id = c.customer_id AND s.branch_id = ${branchId}))`
    : sql`true`;
  // upd and seen run to completion though nothing reads them (PostgreSQL's rule for data-modifying WITH).
  const [row] = await query<{ branch_id: string | null; code: string; status: string; revoked_at: unknown; node_branch: string | null; inserted: boolean; news: boolean }>(
    db,
    sql`WITH credential AS (
        SELECT b.id AS branch_id, b.code, b.status, c.revoked_at FROM branch_credentials c JOIN branches b ON b.id = c.branch_id
        WHERE c.id = ${credential.id} AND c.secret_hash = ${credential.secretHash}),
      admitted AS (SELECT branch_id FROM credential WHERE status = 'active' AND revoked_at IS NULL),
      ins AS (
        INSERT INTO sync_nodes (node_id, branch_id, last_seq, schema_version, pending, clock_skew_ms, last_seen_at)
        SELECT ${input.nodeId}, branch_id, 0, ${input.schemaVersion}, ${input.pending}, ${skewMs}, ${at}::timestamptz FROM admitted
        ON CONFLICT (node_id) DO NOTHING RETURNING branch_id),
      node AS (SELECT branch_id FROM ins UNION ALL SELECT branch_id FROM sync_nodes WHERE node_id = ${input.nodeId}),
      state AS (SELECT EXISTS (SELECT 1 FROM ins) AS inserted, (${news}) AS news),
      upd AS (
        UPDATE sync_nodes SET pending = ${input.pending}, clock_skew_ms = ${skewMs}, schema_version = ${input.schemaVersion}, last_seen_at = ${at}::timestamptz
          ${probe ? sql`, last_pull_at = CASE WHEN (SELECT news FROM state) THEN last_pull_at ELSE ${at}::timestamptz END,
            last_pull_cursor = CASE WHEN (SELECT news FROM state) THEN last_pull_cursor ELSE ${after} END` : sql``}
        WHERE node_id = ${input.nodeId} AND branch_id = ${branchId} RETURNING 1),
      seen AS (UPDATE branches SET last_seen_at = ${at}::timestamptz WHERE id = ${branchId} AND EXISTS (SELECT 1 FROM node WHERE branch_id = ${branchId}) RETURNING 1)
      SELECT c.branch_id, c.code, c.status, c.revoked_at, (SELECT branch_id FROM node LIMIT 1) AS node_branch, s.inserted, s.news
      FROM state s LEFT JOIN credential c ON true`,
  );
  const branch = admitBranch(row.branch_id === null ? undefined : { branchId: row.branch_id, code: row.code, status: row.status, revokedAt: row.revoked_at });
  if (row.node_branch !== branch.id) throw new AppError('FORBIDDEN', undefined, `node ${input.nodeId} belongs to another branch`);
  return probe ? { branch, upToDate: !row.inserted && !row.news } : { branch };
}
