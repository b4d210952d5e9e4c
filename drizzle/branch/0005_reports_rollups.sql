-- Report rollups (REQUIREMENTS A1-A8): reports over a million customers and
-- millions of transactions must answer in well under a second, so they read
-- summaries that triggers keep in the same transaction as each write to
-- transactions (a sale synced in from another branch included), instead of
-- scanning every transaction. Derived data only: nothing here is synced, and
-- all of it can be rebuilt from transactions (the views below are the
-- definition). Rows written before this migration are summarised by the
-- rebuild in 0008_reports_voided, which runs in the same upgrade (one pass
-- over the transactions instead of two).
--
-- report_customer_facts: one row per customer and selling branch.
-- report_sales_hours: one row per UTC hour and branch (seasonality, trends,
--   the branch's normal basket, out-of-hours candidates).
-- report_amount_outliers: sales whose amount is at least 2 standard
--   deviations (on the log scale) from the customer's earlier sales (3 or
--   more of them); the report applies the configured, stricter threshold.
CREATE TABLE `report_customer_facts` (
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`first_sale_at` text,
	`last_sale_at` text,
	`first_sale_day` integer,
	`last_sale_day` integer,
	`first_sale_amount` integer NOT NULL DEFAULT 0,
	`sales` integer NOT NULL DEFAULT 0,
	`sale_days` integer NOT NULL DEFAULT 0,
	`sales_amount` integer NOT NULL DEFAULT 0,
	`sales_cost` integer NOT NULL DEFAULT 0,
	`discount` integer NOT NULL DEFAULT 0,
	`items` integer NOT NULL DEFAULT 0,
	`refunds` integer NOT NULL DEFAULT 0,
	`refund_amount` integer NOT NULL DEFAULT 0,
	`refund_cost` integer NOT NULL DEFAULT 0,
	`sum_ln` real NOT NULL DEFAULT 0,
	`sum_ln2` real NOT NULL DEFAULT 0,
	PRIMARY KEY (`customer_id`, `branch_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `report_sales_hours` (
	`hour` text NOT NULL,
	`branch_id` text NOT NULL,
	`sales` integer NOT NULL DEFAULT 0,
	`sales_amount` integer NOT NULL DEFAULT 0,
	`sales_cost` integer NOT NULL DEFAULT 0,
	`discount` integer NOT NULL DEFAULT 0,
	`items` integer NOT NULL DEFAULT 0,
	`refunds` integer NOT NULL DEFAULT 0,
	`refund_amount` integer NOT NULL DEFAULT 0,
	`refund_cost` integer NOT NULL DEFAULT 0,
	`sum_ln` real NOT NULL DEFAULT 0,
	`sum_ln2` real NOT NULL DEFAULT 0,
	PRIMARY KEY (`hour`, `branch_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `report_amount_outliers` (
	`transaction_id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`occurred_at` text NOT NULL,
	`amount` integer NOT NULL,
	`prior_sales` integer NOT NULL,
	`usual_amount` integer NOT NULL,
	`z` real NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `report_amount_outliers_time` ON `report_amount_outliers` (`occurred_at`);
--> statement-breakpoint
CREATE VIEW `report_customer_facts_source` AS
SELECT
	t.customer_id,
	t.branch_id,
	min(CASE WHEN t.kind = 'sale' THEN t.occurred_at END) AS first_sale_at,
	max(CASE WHEN t.kind = 'sale' THEN t.occurred_at END) AS last_sale_at,
	min(CASE WHEN t.kind = 'sale' THEN unixepoch(t.occurred_at) / 86400 END) AS first_sale_day,
	max(CASE WHEN t.kind = 'sale' THEN unixepoch(t.occurred_at) / 86400 END) AS last_sale_day,
	coalesce((SELECT f.amount FROM transactions f WHERE f.customer_id = t.customer_id AND f.branch_id = t.branch_id AND f.kind = 'sale' ORDER BY f.occurred_at, f.seq LIMIT 1), 0) AS first_sale_amount,
	sum(t.kind = 'sale') AS sales,
	count(DISTINCT CASE WHEN t.kind = 'sale' THEN substr(t.occurred_at, 1, 10) END) AS sale_days,
	sum(CASE WHEN t.kind = 'sale' THEN t.amount ELSE 0 END) AS sales_amount,
	sum(CASE WHEN t.kind = 'sale' THEN t.cost ELSE 0 END) AS sales_cost,
	sum(CASE WHEN t.kind = 'sale' THEN t.discount ELSE 0 END) AS discount,
	sum(CASE WHEN t.kind = 'sale' THEN t.item_count ELSE 0 END) AS items,
	sum(t.kind = 'refund') AS refunds,
	sum(CASE WHEN t.kind = 'refund' THEN t.amount ELSE 0 END) AS refund_amount,
	sum(CASE WHEN t.kind = 'refund' THEN t.cost ELSE 0 END) AS refund_cost,
	coalesce(sum(CASE WHEN t.kind = 'sale' THEN ln(max(t.amount, 1)) END), 0) AS sum_ln,
	coalesce(sum(CASE WHEN t.kind = 'sale' THEN ln(max(t.amount, 1)) * ln(max(t.amount, 1)) END), 0) AS sum_ln2
FROM transactions t
GROUP BY t.customer_id, t.branch_id;
--> statement-breakpoint
CREATE VIEW `report_sales_hours_source` AS
SELECT
	substr(occurred_at, 1, 13) AS hour,
	branch_id,
	sum(kind = 'sale') AS sales,
	sum(CASE WHEN kind = 'sale' THEN amount ELSE 0 END) AS sales_amount,
	sum(CASE WHEN kind = 'sale' THEN cost ELSE 0 END) AS sales_cost,
	sum(CASE WHEN kind = 'sale' THEN discount ELSE 0 END) AS discount,
	sum(CASE WHEN kind = 'sale' THEN item_count ELSE 0 END) AS items,
	sum(kind = 'refund') AS refunds,
	sum(CASE WHEN kind = 'refund' THEN amount ELSE 0 END) AS refund_amount,
	sum(CASE WHEN kind = 'refund' THEN cost ELSE 0 END) AS refund_cost,
	coalesce(sum(CASE WHEN kind = 'sale' THEN ln(max(amount, 1)) END), 0) AS sum_ln,
	coalesce(sum(CASE WHEN kind = 'sale' THEN ln(max(amount, 1)) * ln(max(amount, 1)) END), 0) AS sum_ln2
FROM transactions
GROUP BY substr(occurred_at, 1, 13), branch_id;
--> statement-breakpoint
CREATE TRIGGER `report_rollups_insert` AFTER INSERT ON `transactions` BEGIN
	-- Screen the sale against the customer's earlier sales before they include it.
	INSERT INTO report_amount_outliers (transaction_id, customer_id, branch_id, occurred_at, amount, prior_sales, usual_amount, z)
	SELECT NEW.id, NEW.customer_id, NEW.branch_id, NEW.occurred_at, NEW.amount, n, CAST(round(exp(s / n)) AS INTEGER),
		(ln(max(NEW.amount, 1)) - s / n) / max(sqrt(max((s2 - s * s / n) / (n - 1), 0)), 0.25)
	FROM (SELECT sum(sales) AS n, sum(sum_ln) AS s, sum(sum_ln2) AS s2 FROM report_customer_facts WHERE customer_id = NEW.customer_id)
	WHERE NEW.kind = 'sale' AND n >= 3
		AND abs((ln(max(NEW.amount, 1)) - s / n) / max(sqrt(max((s2 - s * s / n) / (n - 1), 0)), 0.25)) >= 2;
	INSERT INTO report_customer_facts (customer_id, branch_id, first_sale_at, last_sale_at, first_sale_day, last_sale_day, first_sale_amount,
		sales, sale_days, sales_amount, sales_cost, discount, items, refunds, refund_amount, refund_cost, sum_ln, sum_ln2)
	SELECT NEW.customer_id, NEW.branch_id,
		iif(sale, NEW.occurred_at, NULL), iif(sale, NEW.occurred_at, NULL), iif(sale, d, NULL), iif(sale, d, NULL), iif(sale, NEW.amount, 0),
		sale,
		iif(sale AND NOT EXISTS (SELECT 1 FROM transactions o WHERE o.customer_id = NEW.customer_id
			AND o.occurred_at >= substr(NEW.occurred_at, 1, 10) AND o.occurred_at < substr(NEW.occurred_at, 1, 10) || 'U'
			AND o.kind = 'sale' AND o.branch_id = NEW.branch_id AND o.seq <> NEW.seq), 1, 0),
		iif(sale, NEW.amount, 0), iif(sale, NEW.cost, 0), iif(sale, NEW.discount, 0), iif(sale, NEW.item_count, 0),
		1 - sale, iif(sale, 0, NEW.amount), iif(sale, 0, NEW.cost),
		iif(sale, l, 0), iif(sale, l * l, 0)
	FROM (SELECT NEW.kind = 'sale' AS sale, unixepoch(NEW.occurred_at) / 86400 AS d, ln(max(NEW.amount, 1)) AS l)
	WHERE true
	ON CONFLICT (customer_id, branch_id) DO UPDATE SET
		first_sale_amount = iif(excluded.first_sale_at IS NOT NULL AND (first_sale_at IS NULL OR excluded.first_sale_at < first_sale_at), excluded.first_sale_amount, first_sale_amount),
		first_sale_at = coalesce(min(first_sale_at, excluded.first_sale_at), first_sale_at, excluded.first_sale_at),
		last_sale_at = coalesce(max(last_sale_at, excluded.last_sale_at), last_sale_at, excluded.last_sale_at),
		first_sale_day = coalesce(min(first_sale_day, excluded.first_sale_day), first_sale_day, excluded.first_sale_day),
		last_sale_day = coalesce(max(last_sale_day, excluded.last_sale_day), last_sale_day, excluded.last_sale_day),
		sales = sales + excluded.sales,
		sale_days = sale_days + excluded.sale_days,
		sales_amount = sales_amount + excluded.sales_amount,
		sales_cost = sales_cost + excluded.sales_cost,
		discount = discount + excluded.discount,
		items = items + excluded.items,
		refunds = refunds + excluded.refunds,
		refund_amount = refund_amount + excluded.refund_amount,
		refund_cost = refund_cost + excluded.refund_cost,
		sum_ln = sum_ln + excluded.sum_ln,
		sum_ln2 = sum_ln2 + excluded.sum_ln2;
	INSERT INTO report_sales_hours (hour, branch_id, sales, sales_amount, sales_cost, discount, items, refunds, refund_amount, refund_cost, sum_ln, sum_ln2)
	SELECT substr(NEW.occurred_at, 1, 13), NEW.branch_id, sale, iif(sale, NEW.amount, 0), iif(sale, NEW.cost, 0), iif(sale, NEW.discount, 0), iif(sale, NEW.item_count, 0),
		1 - sale, iif(sale, 0, NEW.amount), iif(sale, 0, NEW.cost), iif(sale, l, 0), iif(sale, l * l, 0)
	FROM (SELECT NEW.kind = 'sale' AS sale, ln(max(NEW.amount, 1)) AS l)
	WHERE true
	ON CONFLICT (hour, branch_id) DO UPDATE SET
		sales = sales + excluded.sales,
		sales_amount = sales_amount + excluded.sales_amount,
		sales_cost = sales_cost + excluded.sales_cost,
		discount = discount + excluded.discount,
		items = items + excluded.items,
		refunds = refunds + excluded.refunds,
		refund_amount = refund_amount + excluded.refund_amount,
		refund_cost = refund_cost + excluded.refund_cost,
		sum_ln = sum_ln + excluded.sum_ln,
		sum_ln2 = sum_ln2 + excluded.sum_ln2;
END;
--> statement-breakpoint
-- Transactions are append-only, but a merge of duplicate customers (B6) may
-- re-point them: recount the customers and hours involved.
CREATE TRIGGER `report_rollups_update` AFTER UPDATE OF customer_id, branch_id, occurred_at, kind, amount, cost, discount, item_count ON `transactions` BEGIN
	DELETE FROM report_customer_facts WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
	INSERT INTO report_customer_facts SELECT * FROM report_customer_facts_source WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
	DELETE FROM report_sales_hours WHERE (hour, branch_id) IN (VALUES (substr(OLD.occurred_at, 1, 13), OLD.branch_id), (substr(NEW.occurred_at, 1, 13), NEW.branch_id));
	INSERT OR REPLACE INTO report_sales_hours SELECT * FROM report_sales_hours_source
		WHERE (hour, branch_id) IN (VALUES (substr(OLD.occurred_at, 1, 13), OLD.branch_id), (substr(NEW.occurred_at, 1, 13), NEW.branch_id));
	DELETE FROM report_amount_outliers WHERE transaction_id = OLD.id;
END;
--> statement-breakpoint
-- Indexes the reports read: refunds by customer and time (refund bursts),
-- heavy discounts by their share of the list price, large sales by branch
-- (far from the branch's normal), archived or deleted customers (left out
-- of every customer report) and live customers by lifecycle stage.
CREATE INDEX `report_refunds` ON `transactions` (`occurred_at`, `customer_id`) WHERE kind = 'refund';
--> statement-breakpoint
CREATE INDEX `report_discount_share` ON `transactions` ((discount * 1000 / (amount + discount)), `occurred_at`) WHERE kind = 'sale' AND discount > 0;
--> statement-breakpoint
CREATE INDEX `report_sale_amount` ON `transactions` (`branch_id`, `amount`) WHERE kind = 'sale';
--> statement-breakpoint
CREATE INDEX `report_customers_gone` ON `customers` (`id`) WHERE archived_at IS NOT NULL OR deleted = 1;
--> statement-breakpoint
CREATE INDEX `report_customers_stage` ON `customers` (`lifecycle_stage`) WHERE archived_at IS NULL AND deleted = 0;
--> statement-breakpoint
-- Coverage (C6) counts customers per kind of contact point from this index alone.
CREATE INDEX `report_contact_coverage` ON `contact_points` (`customer_id`, `kind`, `phone_kind`, `whatsapp`, `invalid`, `deleted`);
