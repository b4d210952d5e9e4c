import { sql } from 'drizzle-orm';
import type { HeadOfficeDb } from '../db/open.js';
import type { AuthedBranch } from './auth.js';
import { query } from './sql.js';

export interface ConflictView {
  id: string;
  tableName: string;
  rowId: string;
  field: string;
  customerId: string | null;
  winnerValue: unknown;
  winnerHlc: string;
  loserValue: unknown;
  loserHlc: string;
  detectedSeq: number;
  detectedAt: string;
  status: 'open' | 'kept' | 'reversed';
  resolvedBy: string | null;
  resolvedAt: string | null;
}

/**
 * Conflicts about customers in the branch's scope detected after `afterSeq`,
 * and those of `stillOpen` (ids the branch holds as open) that were resolved
 * meanwhile, at another branch or here: a resolution keeps its detected seq.
 */
export async function listConflictsForBranch(
  db: HeadOfficeDb,
  branch: AuthedBranch | null,
  afterSeq: number,
  stillOpen: string[] = [],
): Promise<ConflictView[]> {
  const reviewed = stillOpen.length > 0 ? sql`OR (c.status <> 'open' AND c.id IN (${sql.join(stillOpen.map((id) => sql`${id}`), sql`, `)}))` : sql``;
  const rows = await query<Record<string, unknown>>(
    db,
    branch
      ? sql`SELECT c.* FROM sync_conflicts c
          WHERE (c.detected_seq > ${afterSeq} ${reviewed})
            AND c.customer_id IN (SELECT customer_id FROM sync_customer_scope WHERE branch_id = ${branch.id})
          ORDER BY c.detected_seq, c.id`
      : sql`SELECT c.* FROM sync_conflicts c WHERE c.detected_seq > ${afterSeq} ORDER BY c.detected_seq, c.id`,
  );
  return rows.map((r) => ({
    id: r.id as string,
    tableName: r.table_name as string,
    rowId: r.row_id as string,
    field: r.field as string,
    customerId: r.customer_id as string | null,
    winnerValue: r.winner_value,
    winnerHlc: r.winner_hlc as string,
    loserValue: r.loser_value,
    loserHlc: r.loser_hlc as string,
    detectedSeq: Number(r.detected_seq),
    detectedAt: new Date(r.detected_at as string).toISOString(),
    status: r.status as ConflictView['status'],
    resolvedBy: (r.resolved_by as string | null) ?? null,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at as string).toISOString() : null,
  }));
}

/**
 * Marks conflicts as reviewed. Keeping the other value is an ordinary edit
 * the branch pushes; this records the decision, once (a repeated resolution
 * of an already resolved conflict changes nothing).
 */
export async function resolveConflicts(
  db: HeadOfficeDb,
  branch: AuthedBranch | null,
  resolutions: { id: string; status: 'kept' | 'reversed'; by: string }[],
  now: Date,
): Promise<{ resolved: number }> {
  let resolved = 0;
  for (const r of resolutions) {
    const updated = await query<{ id: string }>(
      db,
      branch
        ? sql`UPDATE sync_conflicts SET status = ${r.status}, resolved_by = ${r.by}, resolved_at = ${now.toISOString()}::timestamptz
            WHERE id = ${r.id} AND status = 'open'
              AND customer_id IN (SELECT customer_id FROM sync_customer_scope WHERE branch_id = ${branch.id}) RETURNING id`
        : sql`UPDATE sync_conflicts SET status = ${r.status}, resolved_by = ${r.by}, resolved_at = ${now.toISOString()}::timestamptz
            WHERE id = ${r.id} AND status = 'open' RETURNING id`,
    );
    resolved += updated.length;
  }
  return { resolved };
}
