import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * Branch-side sync state. The outbox holds every captured change until the
 * head office acknowledges it; sync_rows remembers, per row, the head-office
 * version this replica last took (the base of a local edit).
 */

export const syncOutbox = sqliteTable(
  'sync_outbox',
  {
    // AUTOINCREMENT: a sequence number is never reused after the outbox empties,
    // because the head office deduplicates pushes by it.
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    hlc: text('hlc').notNull(),
    baseSeq: integer('base_seq').notNull(),
    /** JSON object: column -> new value. */
    fields: text('fields').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('sync_outbox_row').on(t.tableName, t.rowId)],
);

export const syncRows = sqliteTable(
  'sync_rows',
  {
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    baseSeq: integer('base_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.rowId] })],
);

/**
 * A field's own base, where it differs from the row's: a pull kept the
 * field's local value (an edit still in the outbox) while it raised the
 * row's base_seq past a head-office value of that field this replica never
 * took. A later local edit of the field is based on this version, not the
 * row's, so the head office judges it concurrent with what it did not see.
 * Removed when a pull or correction brings the field's value.
 */
export const syncFieldBases = sqliteTable(
  'sync_field_bases',
  {
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    baseSeq: integer('base_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.rowId, t.field] })],
);

/** Copies of head-office conflicts about customers in this branch's scope, for review offline. */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    id: text('id').primaryKey(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    customerId: text('customer_id'),
    winnerValue: text('winner_value'),
    loserValue: text('loser_value'),
    winnerHlc: text('winner_hlc').notNull(),
    loserHlc: text('loser_hlc').notNull(),
    detectedSeq: integer('detected_seq').notNull(),
    detectedAt: text('detected_at').notNull(),
    status: text('status', { enum: ['open', 'kept', 'reversed'] }).notNull(),
    resolvedBy: text('resolved_by'),
    resolvedAt: text('resolved_at'),
    /** Resolved here, not yet reported to the head office. */
    resolutionPending: integer('resolution_pending', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('sync_conflicts_status').on(t.status, t.detectedSeq)],
);

/** Local changes the head office refused: shown to people, never retried. */
export const syncRejections = sqliteTable('sync_rejections', {
  outboxSeq: integer('outbox_seq').primaryKey(),
  tableName: text('table_name').notNull(),
  rowId: text('row_id').notNull(),
  fields: text('fields').notNull(),
  code: text('code').notNull(),
  reason: text('reason').notNull(),
  rejectedAt: text('rejected_at').notNull(),
});
