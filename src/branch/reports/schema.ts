import { sqliteTable, text, integer, real, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/**
 * Branch-local report tables (not synced): report settings, saved segments
 * (M1), anomaly reviews (A5) and prediction model runs (A7). The derived
 * per-customer and per-hour summaries that make reports fast are created by
 * hand in the reports_rollups migration (WITHOUT ROWID tables kept by
 * triggers on transactions), since drizzle cannot declare either.
 */

/** One JSON document per key ('reports': tiers, unit costs, anomaly thresholds). */
export const reportSettings = sqliteTable('report_settings', {
  seq: integer('seq').primaryKey(),
  id: text('id').notNull().unique(),
  key: text('key').notNull().unique(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** A saved customer filter with a name, used by campaigns (M1, M2). */
export const segments = sqliteTable(
  'segments',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    name: text('name').notNull(),
    description: text('description'),
    /** JSON of the shared segmentFilterSchema. */
    filter: text('filter').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('segments_live_name').on(t.name).where(sql`deleted = 0`)],
);

/** A person looked at an anomaly flag and marked it reviewed (A5). */
export const anomalyReviews = sqliteTable(
  'anomaly_reviews',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    transactionId: text('transaction_id').notNull(),
    rule: text('rule', { enum: ['customer_amount', 'branch_amount', 'refund_burst', 'out_of_hours', 'heavy_discount'] }).notNull(),
    note: text('note'),
    reviewedAt: text('reviewed_at').notNull(),
    reviewedBy: text('reviewed_by').notNull(),
  },
  (t) => [uniqueIndex('anomaly_reviews_flag').on(t.transactionId, t.rule)],
);

/** One fit of BG/NBD and Gamma-Gamma on this branch's customers (A7). */
export const predictionRuns = sqliteTable(
  'prediction_runs',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    /** End of the data the model saw (UTC ISO); customers' T is counted to here. */
    asOf: text('as_of').notNull(),
    /** JSON: {r, alpha, a, b}. */
    bgNbd: text('bg_nbd').notNull(),
    bgNbdLogLikelihood: real('bg_nbd_ll').notNull(),
    /** JSON: {p, q, v}, or null when fewer than two customers bought twice. */
    gammaGamma: text('gamma_gamma'),
    customers: integer('customers').notNull(),
    /** Customers in the fit (a seeded sample above the cap). */
    fittedOn: integer('fitted_on').notNull(),
    repeatCustomers: integer('repeat_customers').notNull(),
    ms: integer('ms').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('prediction_runs_created').on(t.createdAt)],
);
