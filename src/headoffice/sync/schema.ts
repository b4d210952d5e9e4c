import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Head-office sync state. Every synced row of every branch lives once in
 * sync_objects as its merged current state plus a clock per field; the feed
 * says which rows each branch has yet to pull. Nothing here is kept in server
 * memory, so any number of server processes can serve the same PostgreSQL.
 */

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One row: the global change sequence. Taking the next numbers locks this row
 * until commit, so sequence order is commit order and a pull cursor can never
 * skip a change that commits late.
 */
export const syncCounter = pgTable('sync_counter', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
});

export const syncObjects = pgTable(
  'sync_objects',
  {
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    /** Current merged values, keyed by column name. */
    data: jsonb('data').notNull(),
    /** Per field: [hlc, seq] of the change that set it. */
    clocks: jsonb('clocks').notNull(),
    /** Sequence number of the last change to the row. */
    version: bigint('version', { mode: 'number' }).notNull(),
    /** Greatest HLC among the fields. */
    hlc: text('hlc').notNull(),
    /** The customer whose scope routes this row (customer rows and their children). */
    customerId: text('customer_id'),
    createdBy: text('created_by_branch').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tableName, t.rowId] }),
    index('sync_objects_customer_idx').on(t.customerId),
    // Reference rows (no customer) go to every branch: a pull reads them by version after its cursor.
    index('sync_objects_reference_version_idx').on(t.version).where(sql`customer_id IS NULL`),
    // One catalogue item per SKU, whichever head-office process writes it.
    uniqueIndex('catalogue_items_sku_idx').using('btree', sql`(data->>'sku')`).where(sql`table_name = 'catalogue_items'`),
  ],
);

/** Which branches see which customers (B5): the home branch and branches that served them. */
export const syncCustomerScope = pgTable(
  'sync_customer_scope',
  {
    customerId: text('customer_id').notNull(),
    branchId: text('branch_id').notNull(),
    reason: text('reason', { enum: ['home', 'served', 'fetched'] }).notNull(),
    since: instant('since').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.branchId] }), index('sync_customer_scope_branch_idx').on(t.branchId)],
);

/** Rows a branch must (re)pull, at most one entry per row: the latest sequence number. */
export const syncFeed = pgTable(
  'sync_feed',
  {
    branchId: text('branch_id').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.branchId, t.tableName, t.rowId] }), index('sync_feed_branch_seq_idx').on(t.branchId, t.seq)],
);

/** One branch installation (a database); pushes are deduplicated by its outbox sequence. */
export const syncNodes = pgTable('sync_nodes', {
  nodeId: text('node_id').primaryKey(),
  branchId: text('branch_id').notNull(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  schemaVersion: integer('schema_version').notNull(),
  /** As the branch reported at its last hello. */
  pending: integer('pending').notNull().default(0),
  clockSkewMs: bigint('clock_skew_ms', { mode: 'number' }).notNull().default(0),
  lastPullCursor: bigint('last_pull_cursor', { mode: 'number' }).notNull().default(0),
  /**
   * The sync schema version the node's pull cursor covers: rows of tables and
   * columns newer than this were never sent to it. When the node pulls at a
   * higher version, they are routed to it once more (B8).
   */
  caughtUpSchema: integer('caught_up_schema').notNull().default(0),
  lastSeenAt: instant('last_seen_at'),
  lastPushAt: instant('last_push_at'),
  lastPullAt: instant('last_pull_at'),
});

/** Losing values of concurrent edits of the same field (B4), for people to review. */
export const syncConflicts = pgTable(
  'sync_conflicts',
  {
    id: text('id').primaryKey(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    customerId: text('customer_id'),
    winnerValue: jsonb('winner_value'),
    winnerHlc: text('winner_hlc').notNull(),
    loserValue: jsonb('loser_value'),
    loserHlc: text('loser_hlc').notNull(),
    detectedSeq: bigint('detected_seq', { mode: 'number' }).notNull(),
    detectedAt: instant('detected_at').notNull(),
    status: text('status', { enum: ['open', 'kept', 'reversed'] }).notNull().default('open'),
    resolvedBy: text('resolved_by'),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [index('sync_conflicts_customer_idx').on(t.customerId), index('sync_conflicts_row_idx').on(t.tableName, t.rowId)],
);

/** Changes refused (invalid, out of scope): recorded and acknowledged, never blocking the rest. */
export const syncQuarantine = pgTable(
  'sync_quarantine',
  {
    id: text('id').primaryKey(),
    branchId: text('branch_id').notNull(),
    nodeId: text('node_id').notNull(),
    changeSeq: bigint('change_seq', { mode: 'number' }).notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    change: jsonb('change').notNull(),
    code: text('code').notNull(),
    reason: text('reason').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [index('sync_quarantine_branch_idx').on(t.branchId)],
);

/** Probable duplicates across branches (B6), flagged as changes arrive, for people to merge or dismiss. */
export const duplicateCandidates = pgTable(
  'duplicate_candidates',
  {
    id: text('id').primaryKey(),
    /** The pair in id order, so a pair is flagged once. */
    customerA: text('customer_a').notNull(),
    customerB: text('customer_b').notNull(),
    /** Why: ['phone', 'email', 'nik', 'name_birth_date']. */
    reasons: jsonb('reasons').notNull(),
    score: integer('score').notNull(),
    status: text('status', { enum: ['open', 'merged', 'dismissed'] }).notNull().default('open'),
    detectedAt: instant('detected_at').notNull(),
    resolvedAt: instant('resolved_at'),
    resolvedBy: text('resolved_by'),
  },
  (t) => [uniqueIndex('duplicate_candidates_pair').on(t.customerA, t.customerB), index('duplicate_candidates_status').on(t.status)],
);

/** A merge of two customers: what was redirected, so it can be undone. */
export const customerMergeLog = pgTable('customer_merge_log', {
  id: text('id').primaryKey(),
  candidateId: text('candidate_id'),
  winnerId: text('winner_id').notNull(),
  loserId: text('loser_id').notNull(),
  /** [{table, rowId}] of rows moved from the loser to the winner. */
  redirected: jsonb('redirected').notNull(),
  loserArchivedAtBefore: text('loser_archived_at_before'),
  mergedAt: instant('merged_at').notNull(),
  mergedBy: text('merged_by').notNull(),
  undoneAt: instant('undone_at'),
  undoneBy: text('undone_by'),
});
