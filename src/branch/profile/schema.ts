import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { customers } from '../db/schema.js';
import { ASSET_KINDS, DUE_KINDS, NEED_KINDS, PROFILE_CHANGE_SOURCES, RELATIONS } from '../../shared/domain/profile.js';

/**
 * Customer 360 tables (REQUIREMENTS C1, C3-C5). All belong to one customer
 * and sync in that customer's scope (src/shared/sync/tables.ts); deletes are
 * tombstones. Written only through ChangeCapture.
 */

/** Family members: a link between two customers, stored once and read from both sides. */
export const customerRelations = sqliteTable(
  'customer_relations',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    // No foreign key: the relative may be a customer of another branch this replica does not hold.
    relatedCustomerId: text('related_customer_id').notNull(),
    /** How the related customer is related to customer_id (parent: the relative is the parent). */
    relation: text('relation', { enum: RELATIONS }).notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('customer_relations_customer').on(t.customerId), index('customer_relations_related').on(t.relatedCustomerId)],
);

/** What the customer owns from us, with the date something falls due (C4). */
export const customerAssets = sqliteTable(
  'customer_assets',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: ASSET_KINDS }).notNull(),
    label: text('label').notNull(),
    identifier: text('identifier'),
    year: integer('year'),
    dueKind: text('due_kind', { enum: DUE_KINDS }),
    /** YYYY-MM-DD, a calendar date in the branch's zone. */
    dueDate: text('due_date'),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('customer_assets_customer').on(t.customerId),
    // Reminders of asset due dates (T3) walk this.
    index('customer_assets_due').on(t.dueDate).where(sql`deleted = 0 AND due_date IS NOT NULL`),
  ],
);

/** Needs and wants, noted one question at a time. */
export const customerNeeds = sqliteTable(
  'customer_needs',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: NEED_KINDS }).notNull(),
    text: text('text').notNull(),
    staffId: text('staff_id').notNull(),
    staffName: text('staff_name').notNull(),
    createdAt: text('created_at').notNull(),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('customer_needs_customer').on(t.customerId, t.createdAt)],
);

/**
 * Sensitive data (C3) apart from the profile, so every read goes through a
 * role check and exports leave it out unless asked. One row per customer
 * whose id is the customer's id: two branches filling it in offline edit the
 * same row, which merges field by field, instead of creating two.
 */
export const customerSensitive = sqliteTable('customer_sensitive', {
  seq: integer('seq').primaryKey(),
  id: text('id').notNull().unique(),
  customerId: text('customer_id')
    .notNull()
    .references(() => customers.id),
  healthConditions: text('health_conditions'),
  financialNotes: text('financial_notes'),
  children: text('children'),
  exportConsent: integer('export_consent', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** Who changed which profile fields when (the timeline's "profile changes"); values are not kept here, and sensitive data never appears. */
export const profileChanges = sqliteTable(
  'profile_changes',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    branchId: text('branch_id').notNull(),
    changedAt: text('changed_at').notNull(),
    source: text('source', { enum: PROFILE_CHANGE_SOURCES }).notNull(),
    /** JSON array of field names (contract names, e.g. "phones", "address.city"). */
    fields: text('fields').notNull(),
    staffId: text('staff_id').notNull(),
    staffName: text('staff_name').notNull(),
  },
  (t) => [index('profile_changes_customer').on(t.customerId, t.changedAt)],
);

export type RelationRecord = typeof customerRelations.$inferSelect;
export type AssetRecord = typeof customerAssets.$inferSelect;
export type NeedRecord = typeof customerNeeds.$inferSelect;
export type SensitiveRecord = typeof customerSensitive.$inferSelect;
