import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../shared/api/errors.js';
import type { PullResponse, RowState } from '../../shared/sync/protocol.js';
import { SYNCED_TABLES, canonicalRow, columnsFor, referenceTablesAt, syncedTable, tableKnownAt } from '../../shared/sync/tables.js';
import type { HeadOfficeDb } from '../db/open.js';
import type { AuthedBranch } from './auth.js';
import { fromRow, toRowState } from './push.js';
import { lockCustomers, query, takeSequence } from './sql.js';
import { catchUpSchema } from './schema-catch-up.js';

/**
 * A page of the branch's feed: rows changed after the cursor, in sequence
 * order, each as its current merged state. Sequence order is commit order
 * (sync_counter), so a cursor never passes a change that commits later.
 * Reference rows (the catalogue) are in no feed: every branch reads them by
 * version on the same sequence, so one cursor covers both.
 *
 * PostgreSQL writes the page's JSON itself (string_agg), and the server sends
 * that text as it is: no row is parsed or serialised in JavaScript, which
 * is what an initial sync of a million rows spends its time on otherwise.
 * Returns the whole PullResponse as JSON text, with its cursor and hasMore.
 */
export async function pullChanges(
  db: HeadOfficeDb,
  branch: AuthedBranch,
  request: { nodeId: string; cursor: string | null; limit: number; schemaVersion: number },
  now: Date,
  /** The node's caught_up_schema as the caller just read it (see catchUpSchema). */
  caughtUpSchema?: number,
): Promise<{ json: string; cursor: string; hasMore: boolean }> {
  const after = request.cursor === null ? 0 : Number(request.cursor);
  await catchUpSchema(db, branch, request.nodeId, request.schemaVersion, after, caughtUpSchema);
  const reference = referenceTablesAt(request.schemaVersion).map((t) => t.name);
  const take = request.limit + 1;
  // The page is chosen on keys alone (seq, table, row id: narrow rows), each arm limited on its own index
  // walk (a limit only outside the union would sort everything after the cursor on every page, quadratic
  // over an initial sync); only the page's rows are then read from sync_objects.
  const feed = sql`SELECT f.seq, f.table_name, f.row_id FROM sync_feed f
        WHERE f.branch_id = ${branch.id} AND f.seq > ${after} ORDER BY f.seq LIMIT ${take}`;
  const candidates =
    reference.length === 0
      ? feed
      : sql`SELECT * FROM ((${feed})
          UNION ALL
          (SELECT o.version AS seq, o.table_name, o.row_id FROM sync_objects o
          WHERE o.customer_id IS NULL AND o.version > ${after} AND o.table_name IN (SELECT jsonb_array_elements_text(${JSON.stringify(reference)}::jsonb))
          ORDER BY o.version LIMIT ${take})) AS u ORDER BY seq LIMIT ${take}`;
  // Each row is read by its key (LATERAL ... OFFSET 0 keeps it a probe of the primary key per row: with
  // a join the planner took a hash join over a scan of every object once the feed's tail looked small,
  // 67 ms a page at 100,000 objects and growing with them). Each row's JSON is concatenated from its
  // parts, its fields as jsonb's own text output: building a json object per row (json_build_object,
  // json_agg) cost about twice as much per page.
  // The node's pull cursor is recorded by the same statement (a CTE that updates sync_nodes), so a page
  // costs the transaction, one statement for its settings and this one.
  const page = sql`WITH candidates AS (${candidates}),
      page AS (SELECT * FROM candidates ORDER BY seq LIMIT ${request.limit}),
      recorded AS (UPDATE sync_nodes SET last_pull_at = ${now.toISOString()}::timestamptz, last_seen_at = ${now.toISOString()}::timestamptz,
        last_pull_cursor = coalesce((SELECT max(seq) FROM page), ${after}) WHERE node_id = ${request.nodeId} AND branch_id = ${branch.id})
      SELECT (SELECT count(*) FROM candidates) AS fetched, (SELECT max(seq) FROM page)::text AS last,
        (SELECT coalesce(string_agg('{"table":' || to_json(p.table_name)::text || ',"rowId":' || to_json(p.row_id)::text
            || ',"version":' || p.version::text || ',"hlc":' || to_json(p.hlc)::text || ',"fields":' || (${fieldsFor(request.schemaVersion)})::text || '}', ','
          ORDER BY p.seq) FILTER (WHERE ${knownTables(request.schemaVersion)}), '')
          FROM (SELECT k.seq, k.table_name, k.row_id, o.version, o.hlc, o.data FROM page k
            CROSS JOIN LATERAL (SELECT o.version, o.hlc, o.data FROM sync_objects o WHERE o.table_name = k.table_name AND o.row_id = k.row_id OFFSET 0) o) p) AS rows`;
  // A page is a few thousand index probes: a parallel plan only adds worker start-up (measured 66 ms
  // against 12 ms for 5,000 rows), so this read runs without one (a plan with a data-modifying CTE is never
  // parallel anyway). The page's rows (megabytes of text) are sorted for string_agg in memory rather than in
  // temporary files (4 MB work_mem spilled them). Both settings in one statement.
  const [result] = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('work_mem', '64MB', true)`);
    return query<{ fetched: string | number; last: string | null; rows: string }>(tx, page);
  });
  const cursor = result.last ?? String(after);
  const hasMore = Number(result.fetched) > request.limit;
  return { json: `{"rows":[${result.rows}],"cursor":${JSON.stringify(cursor)},"hasMore":${hasMore}}`, cursor, hasMore };
}

/**
 * The fields a branch at `schemaVersion` receives of a row `p`: its stored
 * data less the columns newer than that schema (B8), as toRowState does.
 * Stored data only ever holds declared columns (pushes and head-office
 * writes are checked against the declarations).
 */
function fieldsFor(schemaVersion: number): SQL {
  const cases = SYNCED_TABLES.flatMap((t) => {
    const newer = Object.entries(t.columns).filter(([, c]) => (c.since ?? 1) > schemaVersion).map(([name]) => name);
    return newer.length === 0 || !tableKnownAt(t, schemaVersion) ? [] : [sql`WHEN ${t.name} THEN p.data - ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(newer)}::jsonb))`];
  });
  return cases.length === 0 ? sql`p.data` : sql`CASE p.table_name ${sql.join(cases, sql` `)} ELSE p.data END`;
}

/** Rows of tables a branch at `schemaVersion` knows (older branches skip newer tables, their cursor moves past them). */
function knownTables(schemaVersion: number): SQL {
  const known = SYNCED_TABLES.filter((t) => tableKnownAt(t, schemaVersion)).map((t) => t.name);
  return sql`p.table_name IN (SELECT jsonb_array_elements_text(${JSON.stringify(known)}::jsonb))`;
}

/**
 * Fetch on demand (B5): a customer of another branch, found by id, customer
 * number, phone (E.164) or NIK. The branch joins the customer's scope, so
 * later changes reach it by the ordinary pull.
 */
export async function fetchCustomer(
  db: HeadOfficeDb,
  branch: AuthedBranch,
  request: { key: string; schemaVersion: number },
  now: Date,
): Promise<{ rows: RowState[] }> {
  return db.transaction(async (tx) => {
    const [hit] = await query<{ customer_id: string }>(
      tx,
      sql`SELECT customer_id FROM sync_objects
          WHERE (table_name = 'customers' AND (row_id = ${request.key} OR data->>'customer_number' = ${request.key.toUpperCase()} OR data->>'nik' = ${request.key}))
             OR (table_name = 'contact_points' AND data->>'value' = ${request.key} AND (data->>'deleted')::int = 0)
          LIMIT 1`,
    );
    if (!hit) throw new AppError('NOT_FOUND', undefined, `no customer for ${request.key}`);
    // No push of this customer is between reading the scope and committing while we read its rows.
    await lockCustomers(tx, [hit.customer_id], 'exclusive', sql);
    const objects = await query<Parameters<typeof fromRow>[0]>(
      tx,
      sql`SELECT * FROM sync_objects WHERE customer_id = ${hit.customer_id} ORDER BY (table_name = 'customers') DESC, table_name, row_id`,
    );
    const inserted = await query<{ customer_id: string }>(
      tx,
      sql`INSERT INTO sync_customer_scope (customer_id, branch_id, reason, since) VALUES (${hit.customer_id}, ${branch.id}, 'fetched', ${now.toISOString()}::timestamptz)
          ON CONFLICT DO NOTHING RETURNING customer_id`,
    );
    if (inserted.length > 0 && objects.length > 0) {
      // Route the rows to the feed too, numbered after everything the branch may have pulled.
      const first = await takeSequence(tx, objects.length, sql);
      const entries = objects.map((o, i) => ({ b: branch.id, t: o.table_name, r: o.row_id, s: first + i }));
      await tx.execute(sql`INSERT INTO sync_feed (branch_id, table_name, row_id, seq)
        SELECT x.b, x.t, x.r, x.s FROM jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) AS x(b text, t text, r text, s bigint)
        ON CONFLICT (branch_id, table_name, row_id) DO UPDATE SET seq = EXCLUDED.seq`);
    }
    return { rows: objects.map((o) => toRowState(fromRow(o), request.schemaVersion)).filter((r): r is RowState => r !== null) };
  });
}

/**
 * Per-table row count and checksum of everything in a branch's scope, over
 * the columns its schema version knows. The branch computes the same over
 * its replica (invariant 4: after quiescence the two are equal).
 */
export async function scopeChecksum(db: HeadOfficeDb, branch: AuthedBranch, schemaVersion: number) {
  const tables: Record<string, { rows: number; checksum: string }> = {};
  for (const table of SYNCED_TABLES) {
    if (!tableKnownAt(table, schemaVersion)) continue;
    const rows = await query<Parameters<typeof fromRow>[0]>(
      db,
      table.scope.kind === 'reference'
        ? sql`SELECT o.* FROM sync_objects o WHERE o.table_name = ${table.name} AND o.customer_id IS NULL ORDER BY o.row_id`
        : sql`SELECT o.* FROM sync_objects o
          WHERE o.table_name = ${table.name}
            AND o.customer_id IN (SELECT customer_id FROM sync_customer_scope WHERE branch_id = ${branch.id})
          ORDER BY o.row_id`,
    );
    const columns = columnsFor(syncedTable(table.name)!, schemaVersion);
    tables[table.name] = { rows: rows.length, checksum: checksumRows(rows.map((r) => ({ rowId: r.row_id, fields: fromRow(r).data })), columns) };
  }
  const [{ seq }] = await query<{ seq: string }>(db, sql`SELECT seq FROM sync_counter WHERE id = 1`);
  return { tables, atCursor: String(seq) };
}

/** sha256 over the canonical rows sorted by id (the branch hashes its replica the same way). */
export function checksumRows(rows: { rowId: string; fields: Record<string, unknown> }[], columns: string[]): string {
  const hash = createHash('sha256');
  for (const r of [...rows].sort((a, b) => (a.rowId < b.rowId ? -1 : a.rowId > b.rowId ? 1 : 0))) hash.update(canonicalRow(r.rowId, r.fields, columns));
  return hash.digest('hex');
}
