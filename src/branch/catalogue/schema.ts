import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { CATALOGUE_KINDS } from '../../shared/domain/catalogue.js';

/**
 * The product and service catalogue (S5): reference data, written by the
 * head office and brought by sync's pull; the guard triggers
 * (0010_catalogue_guards) refuse every other writer, the branch's own code
 * included. Column names are the synced ones (src/shared/sync/tables.ts) and
 * stay stable: orders and appointments refer to items by id.
 */
export const catalogueItems = sqliteTable(
  'catalogue_items',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    /** SKU or service code, upper case, unique at the head office. */
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: CATALOGUE_KINDS }).notNull(),
    category: text('category').notNull(),
    /** Integer Rupiah. */
    unitPrice: integer('unit_price').notNull(),
    unitCost: integer('unit_cost').notNull().default(0),
    /** Services: typical duration in minutes. */
    durationMinutes: integer('duration_minutes'),
    description: text('description'),
    /** Set when the head office stops offering the item; the row stays for old orders. */
    retiredAt: text('retired_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('catalogue_items_sku').on(t.sku), index('catalogue_items_name').on(t.name)],
);
