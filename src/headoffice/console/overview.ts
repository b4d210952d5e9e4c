import { sql } from 'drizzle-orm';
import { STALE_AFTER_SECONDS, type ConsoleBranchHealth, type ConsoleOverview } from '../../shared/console/api.js';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/tables.js';
import { listBranches } from '../branches/registry.js';
import type { HeadOfficeDb } from '../db/open.js';
import { syncHealth } from '../sync/health.js';
import { query } from '../sync/sql.js';

/** An installation (branch database) not heard from in this many days counts as replaced. */
export const RETIRED_AFTER_DAYS = 30;

/**
 * Everything the console's first screen shows (B9): the registry, each
 * branch's sync health, and what is waiting for a decision. Read from the
 * database on every call, so any head-office process answers the same.
 */
export async function consoleOverview(db: HeadOfficeDb, now: Date): Promise<ConsoleOverview> {
  // A replaced laptop stays in sync_nodes with its last report: its pending count and its old
  // schema are no longer the branch's. Installations silent this long are left out of both.
  const retired = new Date(now.getTime() - RETIRED_AFTER_DAYS * 86_400_000).toISOString();
  const [registry, health, perBranch, [waiting]] = await Promise.all([
    listBranches(db),
    syncHealth(db, now),
    query<{ id: string; nodes: string | number; schema_version: number | null; pending: string | number | null; clock_skew_ms: string | number | null; enrolled: boolean; token_waiting: boolean }>(
      db,
      sql`WITH recent AS (
            SELECT branch_id, count(*) AS nodes, min(schema_version) AS schema_version, sum(pending) AS pending,
                   (array_agg(clock_skew_ms ORDER BY abs(clock_skew_ms) DESC, clock_skew_ms DESC))[1] AS clock_skew_ms
            FROM sync_nodes WHERE last_seen_at > ${retired}::timestamptz GROUP BY branch_id),
          enrolled AS (SELECT DISTINCT branch_id FROM branch_credentials),
          waiting AS (SELECT DISTINCT branch_id FROM enrolment_tokens
            WHERE used_at IS NULL AND invalidated_at IS NULL AND expires_at > ${now.toISOString()}::timestamptz)
          SELECT b.id, coalesce(r.nodes, 0) AS nodes, r.schema_version, r.pending, r.clock_skew_ms,
            (e.branch_id IS NOT NULL) AS enrolled, (w.branch_id IS NOT NULL) AS token_waiting
          FROM branches b LEFT JOIN recent r ON r.branch_id = b.id LEFT JOIN enrolled e ON e.branch_id = b.id
            LEFT JOIN waiting w ON w.branch_id = b.id`,
    ),
    query<{ conflicts: string | number; duplicates: string | number }>(
      db,
      sql`SELECT (SELECT count(*) FROM sync_conflicts WHERE status = 'open') AS conflicts,
                 (SELECT count(*) FROM duplicate_candidates WHERE status = 'open') AS duplicates`,
    ),
  ]);
  const healthById = new Map(health.map((h) => [h.branchId, h]));
  const extraById = new Map(perBranch.map((r) => [r.id, r]));
  const branches: ConsoleBranchHealth[] = registry.map((b) => {
    const h = healthById.get(b.id);
    const extra = extraById.get(b.id);
    return {
      branchId: b.id,
      code: b.code,
      name: b.name,
      timeZone: b.timeZone,
      status: b.status,
      createdAt: b.createdAt,
      revokedAt: b.revokedAt,
      enrolled: Boolean(extra?.enrolled),
      nodes: Number(extra?.nodes ?? 0),
      lastSeenAt: b.lastSeenAt,
      lastPushAt: h?.lastPushAt ?? null,
      lastPullAt: h?.lastPullAt ?? null,
      pending: Number(extra?.pending ?? 0),
      behind: h?.behind ?? 0,
      openConflicts: h?.openConflicts ?? 0,
      quarantined: h?.quarantined ?? 0,
      clockSkewMs: extra?.clock_skew_ms === null || extra?.clock_skew_ms === undefined ? null : Number(extra.clock_skew_ms),
      dataAgeSeconds: h?.dataAgeSeconds ?? null,
      schemaVersion: extra?.schema_version === null || extra?.schema_version === undefined ? null : Number(extra.schema_version),
      tokenWaiting: Boolean(extra?.token_waiting),
    };
  });
  return {
    serverTime: now.toISOString(),
    schemaVersion: SYNC_SCHEMA_VERSION,
    staleAfterSeconds: STALE_AFTER_SECONDS,
    branches,
    openConflicts: Number(waiting?.conflicts ?? 0),
    openDuplicates: Number(waiting?.duplicates ?? 0),
  };
}
