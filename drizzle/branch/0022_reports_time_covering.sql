-- The time index covers what a report sums of a period's partial month
-- (src/branch/reports/metrics.ts, buyersSource): customer, kind, amount, cost
-- and the void mark, the row id being in every index. History loaded customer
-- by customer (an import, an initial sync, the bench's generator) puts the
-- rows of one time range all over the table, and looking each row up cost
-- about 5 us at 1M customers: the 12-month RFM's partial month (8 days,
-- 42,000 transactions) took 230 ms, a 29-day part 780 ms. About 245 MB more
-- at 5M transactions (427 MB against 184 MB).
DROP INDEX `transactions_occurred`;--> statement-breakpoint
CREATE INDEX `transactions_occurred` ON `transactions` (`occurred_at`,`customer_id`,`kind`,`amount`,`cost`,`voided_at`);