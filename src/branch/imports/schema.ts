import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * Import bookkeeping (REQUIREMENTS C8), branch-local: the batch, its
 * row-by-row issues and a journal of every row it wrote, so the whole import
 * can be undone. The rows an import writes (customers, contact points,
 * transactions) sync like any others; so do the edits an undo makes. The
 * journal itself stays here: it holds previous values, and undo is this
 * branch's act.
 */
export const importBatches = sqliteTable(
  'import_batches',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    kind: text('kind', { enum: ['customers', 'transactions'] }).notNull(),
    fileName: text('file_name').notNull(),
    status: text('status', { enum: ['running', 'done', 'refused', 'interrupted', 'undone'] }).notNull(),
    onError: text('on_error', { enum: ['skip', 'refuse'] }).notNull(),
    /** JSON: the mapping and parse options used. */
    mapping: text('mapping').notNull(),
    totalRows: integer('total_rows').notNull().default(0),
    validRows: integer('valid_rows').notNull().default(0),
    invalidRows: integer('invalid_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    unchangedCount: integer('unchanged_count').notNull().default(0),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    createdBy: text('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    undoneAt: text('undone_at'),
    undoneByName: text('undone_by_name'),
    /** JSON: { removed, archived, restored, kept } */
    undoSummary: text('undo_summary'),
  },
  (t) => [index('import_batches_started').on(t.startedAt)],
);

export const importIssues = sqliteTable(
  'import_issues',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    batchId: text('batch_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    columnName: text('column_name'),
    field: text('field'),
    /** A FIELD_MESSAGES key. */
    code: text('code').notNull(),
    value: text('value'),
  },
  (t) => [index('import_issues_batch').on(t.batchId, t.rowNumber)],
);

/** Every row an import wrote, in order; undo walks it backwards. */
export const importJournal = sqliteTable(
  'import_journal',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    batchId: text('batch_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    action: text('action', { enum: ['created', 'updated'] }).notNull(),
    /** JSON: for an update, the changed columns' values before the import... */
    before: text('before'),
    /** ...and the values the import wrote, to tell whether someone changed them since. */
    after: text('after'),
  },
  (t) => [index('import_journal_batch').on(t.batchId, t.seq)],
);
