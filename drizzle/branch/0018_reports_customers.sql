-- One row per customer over every selling branch (REQUIREMENTS A8: every
-- report over a million customers in under a second). All-history reports
-- without a branch filter used to add up report_customer_facts per customer
-- (GROUP BY customer_id, a correlated lookup for the first sale's amount and
-- a NOT IN over archived and deleted customers for every row); they now read
-- this narrow table, kept by triggers on report_customer_facts (so by every
-- path that keeps the facts: sales, voids, merges, a change of zone) and on
-- customers (archiving and deleting; a transaction's customer exists first,
-- by its foreign key). `live` = neither archived nor deleted.
CREATE TABLE `report_customers` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`live` integer NOT NULL,
	`first_sale_at` text,
	`last_sale_at` text,
	`first_sale_day` integer,
	`last_sale_day` integer,
	`first_sale_amount` integer NOT NULL,
	`sales` integer NOT NULL,
	`sale_days` integer NOT NULL,
	`sales_amount` integer NOT NULL,
	`refund_amount` integer NOT NULL,
	`revenue` integer NOT NULL,
	`cogs` integer NOT NULL,
	`discount` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE VIEW `report_customers_source` AS
SELECT
	f.customer_id,
	NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = f.customer_id AND (c.archived_at IS NOT NULL OR c.deleted = 1)) AS live,
	min(f.first_sale_at) AS first_sale_at,
	max(f.last_sale_at) AS last_sale_at,
	min(f.first_sale_day) AS first_sale_day,
	max(f.last_sale_day) AS last_sale_day,
	-- The amount of the earliest sale: the one row's, or the earliest branch's.
	coalesce(CASE WHEN count(*) = 1 THEN max(f.first_sale_amount)
		ELSE (SELECT f2.first_sale_amount FROM report_customer_facts f2 WHERE f2.customer_id = f.customer_id AND f2.sales > 0 ORDER BY f2.first_sale_at, f2.branch_id LIMIT 1) END, 0) AS first_sale_amount,
	sum(f.sales) AS sales,
	sum(f.sale_days) AS sale_days,
	sum(f.sales_amount) AS sales_amount,
	sum(f.refund_amount) AS refund_amount,
	sum(f.sales_amount) - sum(f.refund_amount) AS revenue,
	sum(f.sales_cost) - sum(f.refund_cost) AS cogs,
	sum(f.discount) AS discount
FROM report_customer_facts f
GROUP BY f.customer_id;
--> statement-breakpoint
CREATE TRIGGER `report_customers_facts_insert` AFTER INSERT ON `report_customer_facts` BEGIN
	INSERT OR REPLACE INTO report_customers SELECT * FROM report_customers_source WHERE customer_id = NEW.customer_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_customers_facts_update` AFTER UPDATE ON `report_customer_facts` BEGIN
	DELETE FROM report_customers WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
	INSERT INTO report_customers SELECT * FROM report_customers_source WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_customers_facts_delete` AFTER DELETE ON `report_customer_facts` BEGIN
	DELETE FROM report_customers WHERE customer_id = OLD.customer_id;
	INSERT INTO report_customers SELECT * FROM report_customers_source WHERE customer_id = OLD.customer_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_customers_live_update` AFTER UPDATE OF archived_at, deleted ON `customers` BEGIN
	UPDATE report_customers SET live = (NEW.archived_at IS NULL AND NEW.deleted = 0) WHERE customer_id = NEW.id;
END;
--> statement-breakpoint
INSERT INTO report_customers SELECT * FROM report_customers_source;
