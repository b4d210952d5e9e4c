import { sql } from 'drizzle-orm';
import { tablesGainedBetween } from '../../shared/sync/tables.js';
import type { HeadOfficeDb } from '../db/open.js';
import type { AuthedBranch } from './auth.js';
import { query, takeSequence } from './sql.js';

/**
 * B8, after an upgrade. While a node ran an older sync schema its cursor
 * moved past rows of tables (and columns) it did not know: they were left
 * out of its pages. The first pull at a newer schema routes them to it once
 * more, numbered after everything it may have pulled, before the page is
 * read: the node's customer-scope feed entries of the tables that gained
 * columns, and every reference row of them (a catalogue created while the
 * branch was one version behind). Recorded per node in caught_up_schema, in
 * one transaction with the routing, so it happens exactly once.
 *
 * A node pulling from cursor 0 (new, or a replaced laptop) needs none of
 * this: everything after 0 reaches it anyway.
 */
export async function catchUpSchema(
  db: HeadOfficeDb,
  branch: AuthedBranch,
  nodeId: string,
  schemaVersion: number,
  after: number,
  /** The node's caught_up_schema if the caller has just read it (the pull route): no second read. */
  known?: number,
): Promise<void> {
  if (known === undefined) {
    const [node] = await query<{ caught_up_schema: number }>(db, sql`SELECT caught_up_schema FROM sync_nodes WHERE node_id = ${nodeId} AND branch_id = ${branch.id}`);
    if (!node) return;
    known = node.caught_up_schema;
  }
  if (known >= schemaVersion) return;
  await db.transaction(async (tx) => {
    const [locked] = await query<{ caught_up_schema: number }>(tx, sql`SELECT caught_up_schema FROM sync_nodes WHERE node_id = ${nodeId} FOR UPDATE`);
    if (locked.caught_up_schema >= schemaVersion) return;
    const gained = tablesGainedBetween(locked.caught_up_schema, schemaVersion);
    const customerTables = JSON.stringify(gained.filter((t) => t.scope.kind === 'customer').map((t) => t.name));
    const referenceTables = JSON.stringify(gained.filter((t) => t.scope.kind === 'reference').map((t) => t.name));
    if (after > 0 && gained.length > 0) {
      const targets = sql`
        SELECT f.table_name, f.row_id FROM sync_feed f
        WHERE f.branch_id = ${branch.id} AND f.seq <= ${after} AND f.table_name IN (SELECT jsonb_array_elements_text(${customerTables}::jsonb))
        UNION ALL
        SELECT o.table_name, o.row_id FROM sync_objects o
        WHERE o.customer_id IS NULL AND o.version <= ${after} AND o.table_name IN (SELECT jsonb_array_elements_text(${referenceTables}::jsonb))`;
      const [{ n }] = await query<{ n: string }>(tx, sql`SELECT count(*) AS n FROM (${targets}) AS t`);
      if (Number(n) > 0) {
        const first = await takeSequence(tx, Number(n), sql);
        // Every number is above the cursor (the counter is locked until commit), so the node pulls each row once more.
        await tx.execute(sql`INSERT INTO sync_feed (branch_id, table_name, row_id, seq)
          SELECT ${branch.id}, t.table_name, t.row_id, ${first - 1} + row_number() OVER (ORDER BY t.table_name, t.row_id) FROM (${targets}) AS t
          ON CONFLICT (branch_id, table_name, row_id) DO UPDATE SET seq = EXCLUDED.seq`);
      }
    }
    await tx.execute(sql`UPDATE sync_nodes SET caught_up_schema = ${schemaVersion} WHERE node_id = ${nodeId}`);
  });
}
