import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/api/errors.js';
import { foldName } from '../../shared/domain/text.js';
import type { HeadOfficeDb } from '../db/open.js';
import type { StoredObject } from './merge-batch.js';
import { writeAsHeadOffice } from './ho-writes.js';
import { query, takeSequence } from './sql.js';

/**
 * Duplicates across branches (B6): the same person registered at two
 * branches while offline. Flagged when changes arrive, on the keys people
 * share: the same phone or email (normalised), the same NIK, or a similar
 * name with the same birth date. People decide: merge (undoable) or dismiss.
 */

export type DuplicateReason = 'phone' | 'email' | 'nik' | 'name_birth_date';
const SCORES: Record<DuplicateReason, number> = { nik: 60, phone: 40, email: 30, name_birth_date: 30 };

/** Name similarity in [0, 1]: Dice coefficient over character bigrams of the folded names. */
export function nameSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const t = ` ${foldName(s)} `;
    const out = new Map<string, number>();
    for (let i = 0; i < t.length - 1; i++) out.set(t.slice(i, i + 2), (out.get(t.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  let total = 0;
  for (const [g, n] of ga) {
    common += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}

export const NAME_THRESHOLD = 0.8;

/** Flags pairs touched by these changed rows. Call inside the push transaction. */
export async function detectDuplicates(tx: HeadOfficeDb, changed: StoredObject[], now: Date): Promise<number> {
  const pairs = new Map<string, { a: string; b: string; reasons: Set<DuplicateReason> }>();
  const add = (x: string, y: string, reason: DuplicateReason) => {
    if (x === y) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}|${b}`;
    if (!pairs.has(key)) pairs.set(key, { a, b, reasons: new Set() });
    pairs.get(key)!.reasons.add(reason);
  };

  const contacts = changed.filter((o) => o.tableName === 'contact_points' && !o.data.deleted && typeof o.data.value === 'string');
  if (contacts.length > 0) {
    const keys = JSON.stringify(contacts.map((o) => ({ c: o.data.customer_id, k: o.data.kind, v: o.data.value })));
    const hits = await query<{ mine: string; other: string; kind: string }>(
      tx,
      sql`SELECT x.c AS mine, o.data->>'customer_id' AS other, x.k AS kind
          FROM jsonb_to_recordset(${keys}::jsonb) AS x(c text, k text, v text)
          JOIN sync_objects o ON o.table_name = 'contact_points' AND (o.data->>'value') = x.v AND o.data->>'kind' = x.k
          WHERE (o.data->>'deleted')::int = 0 AND o.data->>'customer_id' <> x.c`,
    );
    for (const h of hits) add(h.mine, h.other, h.kind === 'email' ? 'email' : 'phone');
  }

  const people = changed.filter((o) => o.tableName === 'customers' && !o.data.deleted);
  const withNik = people.filter((o) => typeof o.data.nik === 'string' && o.data.nik !== '');
  if (withNik.length > 0) {
    const keys = JSON.stringify(withNik.map((o) => ({ c: o.rowId, n: o.data.nik })));
    const hits = await query<{ mine: string; other: string }>(
      tx,
      sql`SELECT x.c AS mine, o.row_id AS other FROM jsonb_to_recordset(${keys}::jsonb) AS x(c text, n text)
          JOIN sync_objects o ON o.table_name = 'customers' AND (o.data->>'nik') = x.n WHERE o.row_id <> x.c`,
    );
    for (const h of hits) add(h.mine, h.other, 'nik');
  }
  const withBirth = people.filter((o) => typeof o.data.birth_date === 'string');
  if (withBirth.length > 0) {
    const keys = JSON.stringify(withBirth.map((o) => ({ c: o.rowId, d: o.data.birth_date, n: o.data.full_name })));
    const hits = await query<{ mine: string; mine_name: string; other: string; other_name: string }>(
      tx,
      sql`SELECT x.c AS mine, x.n AS mine_name, o.row_id AS other, o.data->>'full_name' AS other_name
          FROM jsonb_to_recordset(${keys}::jsonb) AS x(c text, d text, n text)
          JOIN sync_objects o ON o.table_name = 'customers' AND (o.data->>'birth_date') = x.d WHERE o.row_id <> x.c`,
    );
    for (const h of hits) if (nameSimilarity(h.mine_name, h.other_name) >= NAME_THRESHOLD) add(h.mine, h.other, 'name_birth_date');
  }
  if (pairs.size === 0) return 0;

  // Customers already merged away (archived by a merge) are not flagged again.
  const rows = [...pairs.values()].map((p) => ({
    id: uuidv7(),
    a: p.a,
    b: p.b,
    r: [...p.reasons].sort(),
    s: Math.min(100, [...p.reasons].reduce((n, r) => n + SCORES[r], 0)),
  }));
  const inserted = await query<{ id: string }>(
    tx,
    sql`INSERT INTO duplicate_candidates (id, customer_a, customer_b, reasons, score, status, detected_at)
        SELECT x.id, x.a, x.b, x.r, x.s, 'open', ${now.toISOString()}::timestamptz FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id text, a text, b text, r jsonb, s int)
        WHERE NOT EXISTS (SELECT 1 FROM customer_merge_log m WHERE m.undone_at IS NULL AND m.loser_id IN (x.a, x.b))
        ON CONFLICT (customer_a, customer_b) DO UPDATE SET
          reasons = (SELECT jsonb_agg(DISTINCT e ORDER BY e) FROM jsonb_array_elements(duplicate_candidates.reasons || EXCLUDED.reasons) e),
          score = greatest(duplicate_candidates.score, EXCLUDED.score)
        RETURNING id`,
  );
  return inserted.length;
}

export interface DuplicateView {
  id: string;
  status: string;
  reasons: DuplicateReason[];
  score: number;
  detectedAt: string;
  customers: { id: string; customerNumber: string; fullName: string; birthDate: string | null; homeBranchId: string }[];
}

export async function listDuplicates(db: HeadOfficeDb, status: 'open' | 'all' = 'open'): Promise<DuplicateView[]> {
  const rows = await query<Record<string, any>>(
    db,
    sql`SELECT d.*, a.data AS a_data, b.data AS b_data FROM duplicate_candidates d
        JOIN sync_objects a ON a.table_name = 'customers' AND a.row_id = d.customer_a
        JOIN sync_objects b ON b.table_name = 'customers' AND b.row_id = d.customer_b
        WHERE ${status === 'open' ? sql`d.status = 'open'` : sql`true`}
        ORDER BY d.score DESC, d.detected_at`,
  );
  const person = (id: string, d: Record<string, any>) => ({
    id,
    customerNumber: d.customer_number,
    fullName: d.full_name,
    birthDate: d.birth_date ?? null,
    homeBranchId: d.home_branch_id,
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    reasons: r.reasons,
    score: Number(r.score),
    detectedAt: new Date(r.detected_at).toISOString(),
    customers: [person(r.customer_a, r.a_data), person(r.customer_b, r.b_data)],
  }));
}

/**
 * Merges `loserId` into `winnerId`: every row of the loser (contacts,
 * purchases, ...) is redirected to the winner, the loser is archived, and
 * every branch that saw either customer now sees the winner with all the
 * history. Nothing is deleted; the log entry makes it undoable.
 */
export async function mergeCustomers(
  db: HeadOfficeDb,
  input: { winnerId: string; loserId: string; candidateId?: string; by: string },
  now: Date,
): Promise<{ mergeId: string; redirected: number }> {
  if (input.winnerId === input.loserId) throw new AppError('VALIDATION_FAILED', [{ path: ['loserId'], code: 'invalid' }]);
  return db.transaction(async (tx) => {
    const both = await query<{ row_id: string; data: Record<string, any> }>(
      tx,
      sql`SELECT row_id, data FROM sync_objects WHERE table_name = 'customers' AND row_id IN (${input.winnerId}, ${input.loserId}) FOR UPDATE`,
    );
    const loser = both.find((r) => r.row_id === input.loserId);
    if (both.length !== 2 || !loser) throw new AppError('NOT_FOUND', undefined, 'both customers must be known to the head office');
    const active = await query(tx, sql`SELECT 1 FROM customer_merge_log WHERE undone_at IS NULL AND (loser_id = ${input.loserId} OR loser_id = ${input.winnerId})`);
    if (active.length > 0) throw new AppError('CONFLICT', undefined, 'one of these customers is already merged away');
    // Everyone who saw either customer sees both from now on: the winner with all the history,
    // the loser archived (so a branch that looks it up by its old number finds where it went).
    const gained = await query<{ customer_id: string; branch_id: string }>(
      tx,
      sql`INSERT INTO sync_customer_scope (customer_id, branch_id, reason, since)
          SELECT c.id, s.branch_id, 'served', ${now.toISOString()}::timestamptz
          FROM (VALUES (${input.winnerId}), (${input.loserId})) AS c(id)
          CROSS JOIN (SELECT DISTINCT branch_id FROM sync_customer_scope WHERE customer_id IN (${input.winnerId}, ${input.loserId})) s
          ON CONFLICT DO NOTHING RETURNING customer_id, branch_id`,
    );
    for (const g of gained) await routeCustomerTo(tx, g.customer_id, g.branch_id);
    const children = await query<{ table_name: string; row_id: string }>(
      tx,
      sql`SELECT table_name, row_id FROM sync_objects WHERE customer_id = ${input.loserId} AND table_name <> 'customers' ORDER BY table_name, row_id`,
    );
    await writeAsHeadOffice(
      tx,
      [
        ...children.map((c) => ({ table: c.table_name, rowId: c.row_id, fields: { customer_id: input.winnerId } })),
        { table: 'customers', rowId: input.loserId, fields: { archived_at: now.toISOString(), updated_at: now.toISOString() } },
      ],
      now,
    );
    const mergeId = uuidv7();
    await tx.execute(sql`INSERT INTO customer_merge_log (id, candidate_id, winner_id, loser_id, redirected, loser_archived_at_before, merged_at, merged_by)
      VALUES (${mergeId}, ${input.candidateId ?? null}, ${input.winnerId}, ${input.loserId},
        ${JSON.stringify(children.map((c) => ({ table: c.table_name, rowId: c.row_id })))}::jsonb, ${(loser.data.archived_at as string | null) ?? null},
        ${now.toISOString()}::timestamptz, ${input.by})`);
    const a = input.winnerId < input.loserId ? input.winnerId : input.loserId;
    const b = input.winnerId < input.loserId ? input.loserId : input.winnerId;
    await tx.execute(sql`UPDATE duplicate_candidates SET status = 'merged', resolved_at = ${now.toISOString()}::timestamptz, resolved_by = ${input.by}
      WHERE customer_a = ${a} AND customer_b = ${b}`);
    return { mergeId, redirected: children.length };
  });
}

/** Sends every row of a customer to a branch that has just gained it (numbered after all it has pulled). */
async function routeCustomerTo(tx: HeadOfficeDb, customerId: string, branchId: string): Promise<void> {
  const rows = await query<{ table_name: string; row_id: string }>(
    tx,
    sql`SELECT table_name, row_id FROM sync_objects WHERE customer_id = ${customerId} ORDER BY (table_name = 'customers') DESC, table_name, row_id`,
  );
  if (rows.length === 0) return;
  const first = await takeSequence(tx, rows.length, sql);
  const entries = rows.map((r, i) => ({ b: branchId, t: r.table_name, r: r.row_id, s: first + i }));
  await tx.execute(sql`INSERT INTO sync_feed (branch_id, table_name, row_id, seq)
    SELECT x.b, x.t, x.r, x.s FROM jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) AS x(b text, t text, r text, s bigint)
    ON CONFLICT (branch_id, table_name, row_id) DO UPDATE SET seq = EXCLUDED.seq`);
}

/** Undoes a merge: the redirected rows go back to the loser, who is restored as before. */
export async function undoMerge(db: HeadOfficeDb, mergeId: string, by: string, now: Date): Promise<{ restored: number }> {
  return db.transaction(async (tx) => {
    const [merge] = await query<Record<string, any>>(tx, sql`SELECT * FROM customer_merge_log WHERE id = ${mergeId} FOR UPDATE`);
    if (!merge) throw new AppError('NOT_FOUND');
    if (merge.undone_at) throw new AppError('CONFLICT', undefined, 'merge already undone');
    const redirected = (merge.redirected as { table: string; rowId: string }[]) ?? [];
    // Only rows still pointing at the winner go back; a row someone moved since stays where it is.
    const still = await query<{ table_name: string; row_id: string }>(
      tx,
      sql`SELECT o.table_name, o.row_id FROM sync_objects o JOIN jsonb_to_recordset(${JSON.stringify(redirected)}::jsonb) AS x("table" text, "rowId" text)
          ON o.table_name = x."table" AND o.row_id = x."rowId" WHERE o.data->>'customer_id' = ${merge.winner_id}`,
    );
    await writeAsHeadOffice(
      tx,
      [
        ...still.map((r) => ({ table: r.table_name, rowId: r.row_id, fields: { customer_id: merge.loser_id as string } })),
        { table: 'customers', rowId: merge.loser_id as string, fields: { archived_at: (merge.loser_archived_at_before as string | null) ?? null, updated_at: now.toISOString() } },
      ],
      now,
    );
    await tx.execute(sql`UPDATE customer_merge_log SET undone_at = ${now.toISOString()}::timestamptz, undone_by = ${by} WHERE id = ${mergeId}`);
    if (merge.candidate_id) {
      await tx.execute(sql`UPDATE duplicate_candidates SET status = 'open', resolved_at = NULL, resolved_by = NULL WHERE id = ${merge.candidate_id}`);
    }
    return { restored: still.length };
  });
}

export async function dismissDuplicate(db: HeadOfficeDb, id: string, by: string, now: Date): Promise<void> {
  const done = await query(db, sql`UPDATE duplicate_candidates SET status = 'dismissed', resolved_at = ${now.toISOString()}::timestamptz, resolved_by = ${by}
    WHERE id = ${id} AND status = 'open' RETURNING id`);
  if (done.length === 0) throw new AppError('NOT_FOUND', undefined, 'no open duplicate with that id');
}
