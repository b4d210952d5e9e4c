import { sql } from 'drizzle-orm';
import { maskNik } from '../../shared/domain/customer.js';
import { CONSOLE_LIST_LIMIT, type ConsoleDuplicate, type ConsoleDuplicatePerson, type DuplicateReason } from '../../shared/console/api.js';
import type { HeadOfficeDb } from '../db/open.js';
import { query } from '../sync/sql.js';

/**
 * Probable duplicates across branches (B6) as a person reviews them: both
 * customers with their branch, contacts and how much history each carries,
 * what exactly they share, and for a merged pair the merge that can be
 * undone. Merge and undo themselves are /admin/duplicates/merge and /undo.
 */


export async function listConsoleDuplicates(db: HeadOfficeDb, status: 'open' | 'merged' | 'all'): Promise<ConsoleDuplicate[]> {
  const where = status === 'all' ? sql`true` : sql`d.status = ${status}`;
  const rows = await query<Record<string, any>>(
    db,
    sql`SELECT d.* FROM duplicate_candidates d WHERE ${where}
        ORDER BY (d.status = 'open') DESC, d.score DESC, d.detected_at DESC, d.id LIMIT ${CONSOLE_LIST_LIMIT}`,
  );
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.flatMap((r) => [r.customer_a as string, r.customer_b as string]))];
  const idList = sql`(SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
  const [customers, contacts, history, merges] = await Promise.all([
    query<{ row_id: string; data: Record<string, any>; home_code: string | null }>(
      db,
      sql`SELECT o.row_id, o.data, b.code AS home_code FROM sync_objects o LEFT JOIN branches b ON b.id = o.data->>'home_branch_id'
          WHERE o.table_name = 'customers' AND o.row_id IN ${idList}`,
    ),
    query<{ customer_id: string; kind: string; value: string }>(
      db,
      sql`SELECT data->>'customer_id' AS customer_id, data->>'kind' AS kind, data->>'value' AS value FROM sync_objects
          WHERE table_name = 'contact_points' AND customer_id IN ${idList} AND coalesce((data->>'deleted')::int, 0) = 0
          ORDER BY data->>'customer_id', coalesce((data->>'position')::int, 0), row_id`,
    ),
    query<{ customer_id: string; n: string | number }>(
      db,
      sql`SELECT customer_id, count(*) AS n FROM sync_objects WHERE customer_id IN ${idList} AND table_name <> 'customers' GROUP BY customer_id`,
    ),
    query<Record<string, any>>(
      db,
      sql`SELECT * FROM customer_merge_log WHERE undone_at IS NULL AND (winner_id IN ${idList} OR loser_id IN ${idList}) ORDER BY merged_at DESC`,
    ),
  ]);
  const byId = new Map(customers.map((c) => [c.row_id, c]));
  const historyOf = new Map(history.map((h) => [h.customer_id, Number(h.n)]));
  const contactsOf = (id: string, kind: 'phone' | 'email') => contacts.filter((c) => c.customer_id === id && (kind === 'email' ? c.kind === 'email' : c.kind !== 'email')).map((c) => c.value);

  const person = (id: string): ConsoleDuplicatePerson => {
    const c = byId.get(id);
    const d = c?.data ?? {};
    return {
      id,
      customerNumber: d.customer_number ?? null,
      fullName: d.full_name ?? null,
      birthDate: d.birth_date ?? null,
      nikMasked: typeof d.nik === 'string' && d.nik ? maskNik(d.nik) : null,
      homeBranchCode: c?.home_code ?? null,
      phones: [...new Set(contactsOf(id, 'phone'))],
      emails: [...new Set(contactsOf(id, 'email'))],
      archived: Boolean(d.archived_at),
      historyRows: historyOf.get(id) ?? 0,
    };
  };

  return rows.map((r) => {
    const a = person(r.customer_a);
    const b = person(r.customer_b);
    const reasons = ((r.reasons as DuplicateReason[]) ?? []).slice().sort();
    const matches = reasons.map((reason) => ({ reason, values: shared(reason, a, b) }));
    const merge = r.status === 'merged'
      ? merges.find((m) => (m.winner_id === r.customer_a && m.loser_id === r.customer_b) || (m.winner_id === r.customer_b && m.loser_id === r.customer_a))
      : undefined;
    return {
      id: r.id,
      status: r.status,
      reasons,
      score: Number(r.score),
      detectedAt: new Date(r.detected_at).toISOString(),
      resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
      resolvedBy: r.resolved_by ?? null,
      matches,
      customers: [a, b],
      merge: merge
        ? {
            id: merge.id,
            winnerId: merge.winner_id,
            loserId: merge.loser_id,
            redirected: Array.isArray(merge.redirected) ? merge.redirected.length : 0,
            mergedAt: new Date(merge.merged_at).toISOString(),
            mergedBy: merge.merged_by,
          }
        : null,
    };
  });
}

/**
 * The values behind a reason. After a merge the loser's contacts belong to
 * the winner, so a phone or email may no longer be shared: the reason is
 * then listed without a value.
 */
function shared(reason: DuplicateReason, a: ConsoleDuplicatePerson, b: ConsoleDuplicatePerson): string[] {
  switch (reason) {
    case 'phone':
      return a.phones.filter((v) => b.phones.includes(v));
    case 'email':
      return a.emails.filter((v) => b.emails.includes(v));
    case 'nik':
      return a.nikMasked && a.nikMasked === b.nikMasked ? [a.nikMasked] : [];
    case 'name_birth_date':
      return a.birthDate && a.birthDate === b.birthDate ? [a.birthDate] : [];
  }
}
