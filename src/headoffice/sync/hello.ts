import { sql } from 'drizzle-orm';
import { AppError } from '../../shared/api/errors.js';
import { referenceTablesAt } from '../../shared/sync/tables.js';
import type { HeadOfficeDb } from '../db/open.js';
import type { AuthedBranch } from './auth.js';
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
 * and on a busy server a wait for a core): the node is registered if new and
 * must belong to the branch that speaks for it (as `ensureNode`); its
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
export async function recordHello(db: HeadOfficeDb, branch: AuthedBranch, input: HelloInput, skewMs: number, now: Date): Promise<{ upToDate?: boolean }> {
  const at = now.toISOString();
  const probe = input.cursor !== undefined;
  const after = input.cursor == null ? 0 : Number(input.cursor);
  const reference = referenceTablesAt(input.schemaVersion).map((t) => t.name);
  const open = JSON.stringify(input.openConflicts ?? []);
  // The test is only read when probing; an older branch's hello is the plain registration.
  const news = probe
    ? sql`EXISTS (SELECT 1 FROM sync_feed f WHERE f.branch_id = ${branch.id} AND f.seq > ${after})
        ${reference.length > 0 ? sql`OR EXISTS (SELECT 1 FROM sync_objects o WHERE o.customer_id IS NULL AND o.version > ${after}
          AND o.table_name IN (SELECT jsonb_array_elements_text(${JSON.stringify(reference)}::jsonb)))` : sql``}
        OR coalesce((SELECT caught_up_schema FROM sync_nodes WHERE node_id = ${input.nodeId}), 0) < ${input.schemaVersion}
        OR EXISTS (SELECT 1 FROM sync_conflicts c
          WHERE (c.detected_seq > ${input.conflictCursor ?? 0} OR (c.status <> 'open' AND c.id IN (SELECT jsonb_array_elements_text(${open}::jsonb))))
            AND EXISTS (SELECT 1 FROM sync_customer_scope s WHERE s.customer_id = c.customer_id AND s.branch_id = ${branch.id}))`
    : sql`true`;
  // upd and seen run to completion though nothing reads them (PostgreSQL's rule for data-modifying WITH).
  const [row] = await query<{ node_branch: string; inserted: boolean; news: boolean }>(
    db,
    sql`WITH ins AS (
        INSERT INTO sync_nodes (node_id, branch_id, last_seq, schema_version, pending, clock_skew_ms, last_seen_at)
        VALUES (${input.nodeId}, ${branch.id}, 0, ${input.schemaVersion}, ${input.pending}, ${skewMs}, ${at}::timestamptz)
        ON CONFLICT (node_id) DO NOTHING RETURNING branch_id),
      node AS (SELECT branch_id FROM ins UNION ALL SELECT branch_id FROM sync_nodes WHERE node_id = ${input.nodeId}),
      state AS (SELECT EXISTS (SELECT 1 FROM ins) AS inserted, (${news}) AS news),
      upd AS (
        UPDATE sync_nodes SET pending = ${input.pending}, clock_skew_ms = ${skewMs}, schema_version = ${input.schemaVersion}, last_seen_at = ${at}::timestamptz
          ${probe ? sql`, last_pull_at = CASE WHEN (SELECT news FROM state) THEN last_pull_at ELSE ${at}::timestamptz END,
            last_pull_cursor = CASE WHEN (SELECT news FROM state) THEN last_pull_cursor ELSE ${after} END` : sql``}
        WHERE node_id = ${input.nodeId} AND branch_id = ${branch.id} RETURNING 1),
      seen AS (UPDATE branches SET last_seen_at = ${at}::timestamptz WHERE id = ${branch.id} AND EXISTS (SELECT 1 FROM node WHERE branch_id = ${branch.id}) RETURNING 1)
      SELECT (SELECT branch_id FROM node LIMIT 1) AS node_branch, s.inserted, s.news FROM state s`,
  );
  if (row.node_branch !== branch.id) throw new AppError('FORBIDDEN', undefined, `node ${input.nodeId} belongs to another branch`);
  return probe ? { upToDate: !row.inserted && !row.news } : {};
}
