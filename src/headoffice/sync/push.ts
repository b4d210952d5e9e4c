import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { PushRequest, PushResponse, RowState } from '../../shared/sync/protocol.js';
import { columnsFor, syncedTable, tableKnownAt } from '../../shared/sync/tables.js';
import type { HeadOfficeDb } from '../db/open.js';
import type { AuthedBranch } from './auth.js';
import { ensureNode } from './auth.js';
import { mergeBatch, objectKey, type StoredObject } from './merge-batch.js';
import { lockCustomers, query, takeSequence } from './sql.js';
import { detectDuplicates } from './duplicates.js';

/**
 * A push, in one PostgreSQL transaction:
 *  1. lock the node's row; changes at or below its last processed outbox seq
 *     are replays and change nothing (invariant 2);
 *  2. lock the rows they touch and merge field by field (merge-batch.ts);
 *  3. number every changed row from the global sequence (taken last, so the
 *     counter's lock is held briefly) and route it to the feed of every
 *     branch in the customer's scope; a row where the pushing branch's value
 *     lost goes to its own feed too, so the correction survives a lost answer;
 *  4. record conflicts and refusals; advance the node's last seq.
 * A refused change is recorded and acknowledged, so it never blocks the rest.
 */
export async function pushChanges(db: HeadOfficeDb, branch: AuthedBranch, request: PushRequest, now: Date): Promise<PushResponse> {
  return db.transaction(async (tx) => {
    const node = await ensureNode(tx, branch, request.nodeId, request.schemaVersion, now);
    await query(tx, sql`SELECT 1 FROM sync_nodes WHERE node_id = ${request.nodeId} FOR UPDATE`);
    const [{ last_seq: lastSeqRaw }] = await query<{ last_seq: string }>(tx, sql`SELECT last_seq FROM sync_nodes WHERE node_id = ${node.nodeId}`);
    const lastSeq = Number(lastSeqRaw);
    const fresh = request.changes.filter((c) => c.seq > lastSeq);
    const response: PushResponse = { lastSeq, applied: 0, conflicts: 0, quarantined: [], corrections: [] };
    if (fresh.length === 0) return response;

    const objects = await loadObjects(tx, fresh.map((c) => [c.table, c.rowId] as const));
    const customerIds = new Set<string>();
    for (const c of fresh) {
      const t = syncedTable(c.table);
      if (t?.scope.kind !== 'customer') continue;
      const col = t.scope.customerColumn;
      const id = col === 'id' ? c.rowId : (c.fields[col] as string | undefined) ?? (objects.get(objectKey(c.table, c.rowId))?.customerId ?? undefined);
      if (typeof id === 'string') customerIds.add(id);
    }
    await lockCustomers(tx, [...customerIds], 'shared', sql);
    const scope = await loadScope(tx, [...customerIds]);
    const outcome = mergeBatch(branch.id, fresh, objects, { branchesOf: (id) => scope.get(id) ?? new Set() });

    // New customers join their home branch's scope before routing.
    for (const customerId of outcome.newCustomers) scope.set(customerId, new Set([branch.id]));
    // Refused changes also leave the branch holding a value the head office does not have; only
    // rows in its scope, though: the current row is a read the branch may not make otherwise.
    for (const r of outcome.refused) {
      const key = objectKey(r.change.table, r.change.rowId);
      const o = objects.get(key);
      if (o?.customerId && scope.get(o.customerId)?.has(branch.id)) outcome.corrected.add(key);
    }
    const changed = [...outcome.changed.values()];
    // Rows where the branch's value lost but nothing changed: the correction must not live only in
    // this answer, which may never arrive (the replayed push is deduplicated and answers nothing).
    const correctedOnly = [...outcome.corrected].filter((k) => !outcome.changed.has(k)).map((k) => objects.get(k)!);
    let lastNumber = 0;
    if (changed.length + correctedOnly.length > 0) {
      const first = await takeSequence(tx, changed.length + correctedOnly.length, sql);
      lastNumber = first + changed.length + correctedOnly.length - 1;
      changed.forEach((o, i) => {
        o.version = first + i;
        for (const f of Object.keys(o.clocks)) if (o.clocks[f][1] === -1) o.clocks[f] = [o.clocks[f][0], o.version];
      });
      if (changed.length > 0) {
        await saveObjects(tx, changed);
        await saveScope(tx, [...outcome.newCustomers], branch.id, now);
        await routeToFeeds(tx, changed, scope);
        await detectDuplicates(tx, changed, now);
      }
      if (correctedOnly.length > 0) {
        const entries = correctedOnly.map((o, i) => ({ b: branch.id, t: o.tableName, r: o.rowId, s: first + changed.length + i }));
        await tx.execute(sql`INSERT INTO sync_feed (branch_id, table_name, row_id, seq)
          SELECT x.b, x.t, x.r, x.s FROM jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) AS x(b text, t text, r text, s bigint)
          ON CONFLICT (branch_id, table_name, row_id) DO UPDATE SET seq = EXCLUDED.seq`);
      }
    }
    if (outcome.conflicts.length > 0) {
      // A number of the global sequence (commit order) like every detected_seq, never the node's
      // outbox seq: branches ask for conflicts after the greatest one they hold. A push that logs a
      // conflict always took numbers (the winner changed the row, or the loser's row is corrected).
      const detectedSeq = lastNumber;
      const rows = outcome.conflicts.map((c) => ({ ...c, id: uuidv7(), detectedSeq, detectedAt: now.toISOString() }));
      await tx.execute(sql`INSERT INTO sync_conflicts (id, table_name, row_id, field, customer_id, winner_value, winner_hlc, loser_value, loser_hlc, detected_seq, detected_at, status)
        SELECT x.id, x."tableName", x."rowId", x.field, x."customerId", x."winnerValue", x."winnerHlc", x."loserValue", x."loserHlc", x."detectedSeq", x."detectedAt", 'open'
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id text, "tableName" text, "rowId" text, field text, "customerId" text, "winnerValue" jsonb, "winnerHlc" text, "loserValue" jsonb, "loserHlc" text, "detectedSeq" bigint, "detectedAt" timestamptz)`);
    }
    if (outcome.refused.length > 0) {
      await tx.execute(sql`INSERT INTO sync_quarantine (id, branch_id, node_id, change_seq, table_name, row_id, change, code, reason, received_at)
        SELECT x.id, ${branch.id}, ${request.nodeId}, x.seq, x.tbl, x.row_id, x.change, x.code, x.reason, ${now.toISOString()}::timestamptz
        FROM jsonb_to_recordset(${JSON.stringify(
          outcome.refused.map((r) => ({ id: uuidv7(), seq: r.change.seq, tbl: r.change.table, row_id: r.change.rowId, change: r.change, code: r.code, reason: r.reason })),
        )}::jsonb) AS x(id text, seq bigint, tbl text, row_id text, change jsonb, code text, reason text)`);
    }
    const newLast = request.changes[request.changes.length - 1].seq;
    await tx.execute(sql`UPDATE sync_nodes SET last_seq = ${newLast}, last_push_at = ${now.toISOString()}::timestamptz, last_seen_at = ${now.toISOString()}::timestamptz, schema_version = ${request.schemaVersion} WHERE node_id = ${request.nodeId}`);

    response.lastSeq = newLast;
    response.applied = outcome.applied;
    response.conflicts = outcome.conflicts.length;
    response.quarantined = outcome.refused.map((r) => ({ seq: r.change.seq, table: r.change.table, rowId: r.change.rowId, code: r.code, reason: r.reason }));
    response.corrections = [...outcome.corrected].map((k) => toRowState(objects.get(k)!, request.schemaVersion)).filter((r): r is RowState => r !== null);
    return response;
  });
}

export function toRowState(o: StoredObject, schemaVersion: number): RowState | null {
  const table = syncedTable(o.tableName);
  // A table newer than the branch's schema (B8): the branch would not know what to do with its rows.
  if (!table || !tableKnownAt(table, schemaVersion)) return null;
  const fields: RowState['fields'] = {};
  for (const c of columnsFor(table, schemaVersion)) if (c in o.data) fields[c] = o.data[c];
  return { table: o.tableName, rowId: o.rowId, version: o.version, hlc: o.hlc, fields };
}

interface ObjectRow {
  table_name: string;
  row_id: string;
  data: StoredObject['data'];
  clocks: StoredObject['clocks'];
  version: string | number;
  hlc: string;
  customer_id: string | null;
  created_by_branch: string;
}

export function fromRow(r: ObjectRow): StoredObject {
  return {
    tableName: r.table_name,
    rowId: r.row_id,
    data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data,
    clocks: typeof r.clocks === 'string' ? JSON.parse(r.clocks) : r.clocks,
    version: Number(r.version),
    hlc: r.hlc,
    customerId: r.customer_id,
    createdBy: r.created_by_branch,
  };
}

async function loadObjects(db: HeadOfficeDb, keys: (readonly [string, string])[]): Promise<Map<string, StoredObject>> {
  const wanted = JSON.stringify(keys.map(([t, r]) => ({ t, r })));
  const found = await query<ObjectRow>(
    db,
    sql`SELECT o.* FROM sync_objects o
        JOIN (SELECT DISTINCT t, r FROM jsonb_to_recordset(${wanted}::jsonb) AS x(t text, r text)) k ON o.table_name = k.t AND o.row_id = k.r
        ORDER BY o.table_name, o.row_id
        FOR UPDATE OF o`,
  );
  return new Map(found.map((r) => [objectKey(r.table_name, r.row_id), fromRow(r)]));
}

async function loadScope(db: HeadOfficeDb, customerIds: string[]): Promise<Map<string, Set<string>>> {
  const scope = new Map<string, Set<string>>();
  if (customerIds.length === 0) return scope;
  const rows = await query<{ customer_id: string; branch_id: string }>(
    db,
    sql`SELECT customer_id, branch_id FROM sync_customer_scope WHERE customer_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(customerIds)}::jsonb))`,
  );
  for (const r of rows) {
    if (!scope.has(r.customer_id)) scope.set(r.customer_id, new Set());
    scope.get(r.customer_id)!.add(r.branch_id);
  }
  return scope;
}

async function saveObjects(db: HeadOfficeDb, objects: StoredObject[]): Promise<void> {
  const payload = JSON.stringify(
    objects.map((o) => ({ t: o.tableName, r: o.rowId, d: o.data, c: o.clocks, v: o.version, h: o.hlc, cu: o.customerId, b: o.createdBy })),
  );
  await db.execute(sql`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
    SELECT x.t, x.r, x.d, x.c, x.v, x.h, x.cu, x.b FROM jsonb_to_recordset(${payload}::jsonb) AS x(t text, r text, d jsonb, c jsonb, v bigint, h text, cu text, b text)
    ON CONFLICT (table_name, row_id) DO UPDATE SET data = EXCLUDED.data, clocks = EXCLUDED.clocks, version = EXCLUDED.version, hlc = EXCLUDED.hlc, customer_id = EXCLUDED.customer_id`);
}

async function saveScope(db: HeadOfficeDb, customerIds: string[], branchId: string, now: Date): Promise<void> {
  if (customerIds.length === 0) return;
  await db.execute(sql`INSERT INTO sync_customer_scope (customer_id, branch_id, reason, since)
    SELECT c, ${branchId}, 'home', ${now.toISOString()}::timestamptz FROM jsonb_array_elements_text(${JSON.stringify(customerIds)}::jsonb) AS c
    ON CONFLICT DO NOTHING`);
}

/**
 * Every branch in a changed row's scope must pull it, the pushing branch
 * included: a branch may run on more than one installation over time (a
 * replaced laptop enrols as a new node of the same branch and must receive
 * everything in its scope from cursor zero), and the feed keeps one entry per
 * row, so skipping the pusher's own rows would also hide other nodes'
 * earlier changes to them. The echo costs one re-read of the branch's own
 * rows; applying them changes nothing.
 */
async function routeToFeeds(
  db: HeadOfficeDb,
  changed: StoredObject[],
  scope: Map<string, Set<string>>,
): Promise<void> {
  const entries: { b: string; t: string; r: string; s: number }[] = [];
  for (const o of changed) {
    const branches = o.customerId ? (scope.get(o.customerId) ?? new Set<string>()) : new Set<string>();
    for (const b of branches) entries.push({ b, t: o.tableName, r: o.rowId, s: o.version });
  }
  if (entries.length === 0) return;
  await db.execute(sql`INSERT INTO sync_feed (branch_id, table_name, row_id, seq)
    SELECT x.b, x.t, x.r, x.s FROM jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) AS x(b text, t text, r text, s bigint)
    ON CONFLICT (branch_id, table_name, row_id) DO UPDATE SET seq = EXCLUDED.seq`);
}
