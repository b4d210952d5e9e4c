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
