import type { SQL } from 'drizzle-orm';
import type { HeadOfficeDb } from '../db/open.js';

/** Rows of a raw query, the same on PGlite and node-postgres. */
export async function query<T>(db: HeadOfficeDb, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

/** Takes `count` numbers from the global sequence; returns the first. Locks the counter until commit. */
export async function takeSequence(db: HeadOfficeDb, count: number, sqlTag: typeof import('drizzle-orm').sql): Promise<number> {
  const [row] = await query<{ seq: string | number }>(db, sqlTag`UPDATE sync_counter SET seq = seq + ${count} WHERE id = 1 RETURNING seq`);
  return Number(row.seq) - count + 1;
}

/** Key space of the per-customer advisory locks (any constant; the migration lock uses the one-key space). */
const CUSTOMER_LOCK_SPACE = 7_340_002;

/**
 * Serialises a branch joining a customer's scope (fetch on demand) with
 * pushes that route that customer's rows: a push takes the lock shared
 * before it reads the scope, a fetch takes it exclusive before it reads the
 * rows. Without it a fetch could miss a row committed by a push that read
 * the scope just before the fetch joined it. Held until commit.
 */
export async function lockCustomers(db: HeadOfficeDb, customerIds: string[], mode: 'shared' | 'exclusive', sqlTag: typeof import('drizzle-orm').sql): Promise<void> {
  if (customerIds.length === 0) return;
  const ids = JSON.stringify([...new Set(customerIds)].sort());
  const lock = mode === 'shared' ? sqlTag.raw('pg_advisory_xact_lock_shared') : sqlTag.raw('pg_advisory_xact_lock');
  // In one order everywhere, so two pushes never wait on each other in a circle.
  await db.execute(sqlTag`SELECT ${lock}(${CUSTOMER_LOCK_SPACE}, hashtext(c)) FROM (SELECT jsonb_array_elements_text(${ids}::jsonb) AS c) AS x ORDER BY c`);
}
