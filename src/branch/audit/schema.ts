import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * The audit log (REQUIREMENTS P2, P5): who exported, imported, undid an
 * import or saw sensitive data, and when. Branch-local and append-only: a
 * trigger refuses every UPDATE and DELETE (drizzle/branch custom guards).
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    at: text('at').notNull(),
    userId: text('user_id').notNull(),
    username: text('username').notNull(),
    role: text('role').notNull(),
    action: text('action', { enum: ['export', 'import', 'import_undo', 'sensitive_view', 'sensitive_edit'] }).notNull(),
    /** What it was about: 'customer', 'import', or the exported list's name. */
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    /** JSON object: counts, file names, options. Never the sensitive values themselves. */
    detail: text('detail').notNull().default('{}'),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_subject').on(t.subjectType, t.subjectId)],
);
