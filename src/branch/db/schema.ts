import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/**
 * Branch database schema (SQLite). Every business table has:
 * - `seq`: a local INTEGER PRIMARY KEY (the rowid alias). It never leaves the
 *   branch; FTS5 and local joins use it because a plain rowid may be
 *   renumbered by VACUUM.
 * - `id`: a client-made UUIDv7, the identity that syncs.
 * Times are UTC ISO-8601 strings; money is integer Rupiah.
 */

/** Key/value facts about this branch (id, code, name, zone, counters). */
export const branchSettings = sqliteTable('branch_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const users = sqliteTable('users', {
  seq: integer('seq').primaryKey(),
  id: text('id').notNull().unique(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['front_office', 'back_office', 'branch_manager', 'ho_admin'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const customers = sqliteTable(
  'customers',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    customerNumber: text('customer_number').notNull().unique(),
    fullName: text('full_name').notNull(),
    /** Lower-cased, accent-free name: the list's sort key. */
    sortName: text('sort_name').notNull(),
    nickname: text('nickname'),
    nik: text('nik'),
    birthDate: text('birth_date'),
    gender: text('gender', { enum: ['female', 'male'] }),
    occupation: text('occupation'),
    addressLine: text('address_line'),
    city: text('city'),
    province: text('province'),
    postalCode: text('postal_code'),
    /** JSON array of strings. */
    tags: text('tags').notNull().default('[]'),
    lifecycleStage: text('lifecycle_stage', { enum: ['prospect', 'new', 'active', 'at_risk', 'lapsed'] })
      .notNull()
      .default('new'),
    notes: text('notes'),
    homeBranchId: text('home_branch_id').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    archivedAt: text('archived_at'),
    /** Tombstone: deletes never remove the row, so they can propagate. */
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
    // C1 profiling (sync schema 2). Free notes, except hobbies: a JSON array like tags.
    hobbies: text('hobbies'),
    likes: text('likes'),
    dislikes: text('dislikes'),
    ambitions: text('ambitions'),
    shoppingHabits: text('shopping_habits'),
    preferredChannel: text('preferred_channel'),
    preferredContactTime: text('preferred_contact_time'),
    preferredLanguage: text('preferred_language'),
    /** The customer's key in the system an import came from (C8 matches transactions on it). */
    externalRef: text('external_ref'),
  },
  (t) => [
    // The list's pages: active customers by name, then by number, created, city.
    index('customers_active_name').on(t.sortName, t.seq).where(sql`archived_at IS NULL AND deleted = 0`),
    index('customers_active_created').on(t.createdAt, t.seq).where(sql`archived_at IS NULL AND deleted = 0`),
    index('customers_active_city').on(t.city, t.sortName, t.seq).where(sql`archived_at IS NULL AND deleted = 0`),
    index('customers_all_name').on(t.sortName, t.seq),
    index('customers_nik').on(t.nik),
    index('customers_birth_date').on(t.birthDate),
    index('customers_external_ref').on(t.externalRef),
  ],
);

export const contactPoints = sqliteTable(
  'contact_points',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: ['phone', 'email'] }).notNull(),
    /** E.164 for phones, lower-cased address for emails. */
    value: text('value').notNull(),
    phoneKind: text('phone_kind', { enum: ['mobile', 'landline'] }),
    label: text('label', { enum: ['mobile', 'home', 'work', 'other'] }),
    whatsapp: integer('whatsapp', { mode: 'boolean' }).notNull().default(false),
    verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
    invalid: integer('invalid', { mode: 'boolean' }).notNull().default(false),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
    position: integer('position').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('contact_points_customer').on(t.customerId, t.kind, t.isPrimary),
    // Duplicate warnings (C7) and cross-branch duplicate detection (B6) look up by value.
    index('contact_points_value').on(t.kind, t.value),
  ],
);

/** Purchases and refunds (S2 grows this into orders with line items). */
export const transactions = sqliteTable(
  'transactions',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    branchId: text('branch_id').notNull(),
    occurredAt: text('occurred_at').notNull(),
    kind: text('kind', { enum: ['sale', 'refund'] }).notNull(),
    /** Integer Rupiah, after discount; refunds are positive amounts of kind 'refund'. */
    amount: integer('amount').notNull(),
    cost: integer('cost').notNull().default(0),
    discount: integer('discount').notNull().default(0),
    itemCount: integer('item_count').notNull().default(1),
    createdAt: text('created_at').notNull(),
    /** Set once when the transaction is cancelled (an undone import); the row stays, reports skip it. */
    voidedAt: text('voided_at'),
  },
  (t) => [
    // Covering index for per-customer aggregates (RFM, profitability) without touching rows.
    index('transactions_customer').on(t.customerId, t.occurredAt, t.amount),
    // By time, covering what a period's partial month is summed from (metrics.ts buyersSource): the rows of a
    // time range lie all over the table when history was loaded customer by customer (an import, an initial
    // sync), and a row look-up each cost about 5 us at 1M customers.
    index('transactions_occurred').on(t.occurredAt, t.customerId, t.kind, t.amount, t.cost, t.voidedAt),
  ],
);

export type CustomerRecord = typeof customers.$inferSelect;
export type ContactPointRecord = typeof contactPoints.$inferSelect;
export type UserRecord = typeof users.$inferSelect;
