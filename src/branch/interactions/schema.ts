import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { customers } from '../db/schema.js';
import { CHANNELS, DIRECTIONS, EXCHANGES, OUTCOMES, PURPOSES } from '../../shared/domain/interaction.js';

/** The interaction log (REQUIREMENTS T1): append-only, synced in the customer's scope. */
export const interactions = sqliteTable(
  'interactions',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    branchId: text('branch_id').notNull(),
    occurredAt: text('occurred_at').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    direction: text('direction', { enum: DIRECTIONS }).notNull(),
    exchange: text('exchange', { enum: EXCHANGES }).notNull(),
    purpose: text('purpose', { enum: PURPOSES }).notNull(),
    outcome: text('outcome', { enum: OUTCOMES }).notNull(),
    durationMinutes: integer('duration_minutes'),
    notes: text('notes'),
    staffId: text('staff_id').notNull(),
    /** Kept with the row: staff accounts do not sync, and another branch must still say who it was. */
    staffName: text('staff_name').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('interactions_customer').on(t.customerId, t.occurredAt),
    // Staff activity and cost-to-serve reports (A3, A6) go by period.
    index('interactions_occurred').on(t.occurredAt),
  ],
);

export type InteractionRecord = typeof interactions.$inferSelect;
