-- Period cuts that run to the present without adding up month rows
-- (REQUIREMENTS A8: every report over a million customers in under a
-- second). A cut such as the last 12 months read every month row of every
-- customer (about 4.5 a customer, scanned in customer order to test the
-- month) and added up the third inside the period: 5.3 s at 1M customers.
--
-- report_customer_tails holds, for each customer and each calendar month
-- (branch zone) in which they have a rollup row, the sums of that month and
-- every later one over every selling branch (a suffix of their months), the
-- month before it (prev_month) and their first purchase ever. Its key is
-- month first, so the customers active from month M on are one key range,
-- and each has exactly one row there with prev_month before M: that row
-- alone is their figures from M to the end of the data, already added up.
-- A period from a date to the present is that row plus the part of the
-- month it starts in (read from the transactions), nothing to add per
-- customer; a period that ends before the last transaction, or one branch's
-- period, still adds up report_customer_months.
--
-- Kept by triggers on report_customer_months (so by every path that keeps
-- the months: sales, voids, merges, imports, sync, a change of zone): a sale
-- adds its figures to the customer's tails of its month and before (a month
-- new to them gets its row); a month row removed (a void, a merge) counts the
-- customer's tails again from their own month rows. A change of zone recounts every month row; the
-- tails are paused meanwhile and rebuilt once at the end.
CREATE TABLE `report_customer_tails` (
	`month` text NOT NULL,
	`customer_id` text NOT NULL,
	`prev_month` text,
	`first_sale_at` text,
	`last_sale_at` text,
	`first_sale_day` integer,
	`last_sale_day` integer,
	`first_sale_amount` integer NOT NULL,
	`sales` integer NOT NULL,
	`sale_days` integer NOT NULL,
	`sales_amount` integer NOT NULL,
	`refund_amount` integer NOT NULL,
	`cogs` integer NOT NULL,
	`discount` integer NOT NULL,
	`ever_first_day` integer,
	PRIMARY KEY (`month`, `customer_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `report_customer_tails_customer` ON `report_customer_tails` (`customer_id`, `month`);
--> statement-breakpoint
-- One row while the zone triggers recount the months (the tails are rebuilt once after).
CREATE TABLE `report_tails_paused` (`paused` integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
-- One window in descending month order: running sums from the latest month
-- back, lead() is the month before, the whole partition's minimum the first
-- purchase ever; days are UTC day numbers, as in report_customers. The first
-- sale's amount travels as 'ISO|amount' so min() keeps the earliest one's.
CREATE VIEW `report_customer_tails_source` AS
SELECT
	month,
	customer_id,
	lead(month) OVER later AS prev_month,
	min(first_sale_at) OVER later AS first_sale_at,
	max(last_sale_at) OVER later AS last_sale_at,
	unixepoch(min(first_sale_at) OVER later) / 86400 AS first_sale_day,
	unixepoch(max(last_sale_at) OVER later) / 86400 AS last_sale_day,
	coalesce(CAST(substr(min(first_key) OVER later, instr(min(first_key) OVER later, '|') + 1) AS INTEGER), 0) AS first_sale_amount,
	sum(sales) OVER later AS sales,
	sum(sale_days) OVER later AS sale_days,
	sum(sales_amount) OVER later AS sales_amount,
	sum(refund_amount) OVER later AS refund_amount,
	sum(cogs) OVER later AS cogs,
	sum(discount) OVER later AS discount,
	unixepoch(min(first_sale_at) OVER (PARTITION BY customer_id ORDER BY month DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) / 86400 AS ever_first_day
FROM (
	SELECT customer_id, month, min(first_sale_at) AS first_sale_at, max(last_sale_at) AS last_sale_at,
		min(first_sale_at || '|' || first_sale_amount) AS first_key,
		sum(sales) AS sales, sum(sale_days) AS sale_days, sum(sales_amount) AS sales_amount, sum(refund_amount) AS refund_amount,
		sum(sales_cost) - sum(refund_cost) AS cogs, sum(discount) AS discount
	FROM report_customer_months
	GROUP BY customer_id, month
)
WINDOW later AS (PARTITION BY customer_id ORDER BY month DESC ROWS UNBOUNDED PRECEDING);
--> statement-breakpoint
-- A month row added (a sale in a month new to the customer at that branch):
-- its figures are added to the customer's tails of that month and before;
-- a month new to the customer gets its own row, its figures plus those of
-- the customer's next month (if any), and becomes that month's prev_month.
CREATE TRIGGER `report_tails_months_insert` AFTER INSERT ON `report_customer_months` WHEN NOT EXISTS (SELECT 1 FROM report_tails_paused) BEGIN
	UPDATE report_customer_tails SET
		sales = sales + NEW.sales,
		sale_days = sale_days + NEW.sale_days,
		sales_amount = sales_amount + NEW.sales_amount,
		refund_amount = refund_amount + NEW.refund_amount,
		cogs = cogs + (NEW.sales_cost - NEW.refund_cost),
		discount = discount + NEW.discount,
		first_sale_amount = iif(NEW.first_sale_at IS NOT NULL AND (first_sale_at IS NULL OR NEW.first_sale_at || '|' || NEW.first_sale_amount < first_sale_at || '|' || first_sale_amount), NEW.first_sale_amount, first_sale_amount),
		first_sale_at = iif(NEW.first_sale_at IS NOT NULL AND (first_sale_at IS NULL OR NEW.first_sale_at || '|' || NEW.first_sale_amount < first_sale_at || '|' || first_sale_amount), NEW.first_sale_at, first_sale_at),
		first_sale_day = iif(NEW.first_sale_at IS NOT NULL AND (first_sale_at IS NULL OR NEW.first_sale_at || '|' || NEW.first_sale_amount < first_sale_at || '|' || first_sale_amount), unixepoch(NEW.first_sale_at) / 86400, first_sale_day),
		last_sale_at = coalesce(max(last_sale_at, NEW.last_sale_at), last_sale_at, NEW.last_sale_at),
		last_sale_day = unixepoch(coalesce(max(last_sale_at, NEW.last_sale_at), last_sale_at, NEW.last_sale_at)) / 86400
	WHERE customer_id = NEW.customer_id AND month <= NEW.month;
	INSERT INTO report_customer_tails
	SELECT NEW.month, NEW.customer_id,
		(SELECT max(x.month) FROM report_customer_tails x WHERE x.customer_id = NEW.customer_id AND x.month < NEW.month),
		iif((n.first_sale_at IS NULL OR (NEW.first_sale_at IS NOT NULL AND NEW.first_sale_at || '|' || NEW.first_sale_amount < n.first_sale_at || '|' || n.first_sale_amount)), NEW.first_sale_at, n.first_sale_at),
		coalesce(max(NEW.last_sale_at, n.last_sale_at), NEW.last_sale_at, n.last_sale_at),
		unixepoch(iif((n.first_sale_at IS NULL OR (NEW.first_sale_at IS NOT NULL AND NEW.first_sale_at || '|' || NEW.first_sale_amount < n.first_sale_at || '|' || n.first_sale_amount)), NEW.first_sale_at, n.first_sale_at)) / 86400,
		unixepoch(coalesce(max(NEW.last_sale_at, n.last_sale_at), NEW.last_sale_at, n.last_sale_at)) / 86400,
		iif((n.first_sale_at IS NULL OR (NEW.first_sale_at IS NOT NULL AND NEW.first_sale_at || '|' || NEW.first_sale_amount < n.first_sale_at || '|' || n.first_sale_amount)), NEW.first_sale_amount, n.first_sale_amount),
		NEW.sales + coalesce(n.sales, 0), NEW.sale_days + coalesce(n.sale_days, 0), NEW.sales_amount + coalesce(n.sales_amount, 0),
		NEW.refund_amount + coalesce(n.refund_amount, 0), NEW.sales_cost - NEW.refund_cost + coalesce(n.cogs, 0), NEW.discount + coalesce(n.discount, 0),
		coalesce((SELECT x.ever_first_day FROM report_customer_tails x WHERE x.customer_id = NEW.customer_id ORDER BY x.month LIMIT 1), unixepoch(NEW.first_sale_at) / 86400)
	FROM (SELECT 1) LEFT JOIN (SELECT * FROM report_customer_tails x WHERE x.customer_id = NEW.customer_id AND x.month > NEW.month ORDER BY x.month LIMIT 1) n
	WHERE NOT EXISTS (SELECT 1 FROM report_customer_tails x WHERE x.month = NEW.month AND x.customer_id = NEW.customer_id);
	UPDATE report_customer_tails SET prev_month = NEW.month
	WHERE customer_id = NEW.customer_id AND month = (SELECT min(x.month) FROM report_customer_tails x WHERE x.customer_id = NEW.customer_id AND x.month > NEW.month);
	UPDATE report_customer_tails SET ever_first_day = unixepoch(NEW.first_sale_at) / 86400
		WHERE customer_id = NEW.customer_id AND NEW.first_sale_at IS NOT NULL AND (ever_first_day IS NULL OR ever_first_day > unixepoch(NEW.first_sale_at) / 86400);
END;
--> statement-breakpoint
-- A month row's figures grown by a sale (the upsert of the transactions
-- trigger): the difference is added to the customer's tails of that month and
-- before.
CREATE TRIGGER `report_tails_months_update` AFTER UPDATE ON `report_customer_months` WHEN NOT EXISTS (SELECT 1 FROM report_tails_paused) AND coalesce(OLD.customer_id = NEW.customer_id AND OLD.month = NEW.month
		AND (OLD.first_sale_at IS NULL OR NEW.first_sale_at || '|' || NEW.first_sale_amount <= OLD.first_sale_at || '|' || OLD.first_sale_amount)
		AND (OLD.last_sale_at IS NULL OR NEW.last_sale_at >= OLD.last_sale_at), 0) BEGIN
	UPDATE report_customer_tails SET
		sales = sales + (NEW.sales - OLD.sales),
		sale_days = sale_days + (NEW.sale_days - OLD.sale_days),
		sales_amount = sales_amount + (NEW.sales_amount - OLD.sales_amount),
		refund_amount = refund_amount + (NEW.refund_amount - OLD.refund_amount),
		cogs = cogs + ((NEW.sales_cost - NEW.refund_cost) - (OLD.sales_cost - OLD.refund_cost)),
		discount = discount + (NEW.discount - OLD.discount),
		first_sale_amount = iif(NEW.first_sale_at IS NOT NULL AND (first_sale_at IS NULL OR NEW.first_sale_at || '|' || NEW.first_sale_amount < first_sale_at || '|' || first_sale_amount), NEW.first_sale_amount, first_sale_amount),
		first_sale_at = iif(NEW.first_sale_at IS NOT NULL AND (first_sale_at IS NULL OR NEW.first_sale_at || '|' || NEW.first_sale_amount < first_sale_at || '|' || first_sale_amount), NEW.first_sale_at, first_sale_at),
		first_sale_day = iif(NEW.first_sale_at IS NOT NULL AND (first_sale_at IS NULL OR NEW.first_sale_at || '|' || NEW.first_sale_amount < first_sale_at || '|' || first_sale_amount), unixepoch(NEW.first_sale_at) / 86400, first_sale_day),
		last_sale_at = coalesce(max(last_sale_at, NEW.last_sale_at), last_sale_at, NEW.last_sale_at),
		last_sale_day = unixepoch(coalesce(max(last_sale_at, NEW.last_sale_at), last_sale_at, NEW.last_sale_at)) / 86400
	WHERE customer_id = NEW.customer_id AND month <= NEW.month;
	UPDATE report_customer_tails SET ever_first_day = unixepoch(NEW.first_sale_at) / 86400
		WHERE customer_id = NEW.customer_id AND NEW.first_sale_at IS NOT NULL AND (ever_first_day IS NULL OR ever_first_day > unixepoch(NEW.first_sale_at) / 86400);
END;
--> statement-breakpoint
-- Any other change of a month row (not made by the triggers of 0010): the customers' tails are counted again.
CREATE TRIGGER `report_tails_months_update_other` AFTER UPDATE ON `report_customer_months` WHEN NOT EXISTS (SELECT 1 FROM report_tails_paused) AND NOT coalesce(OLD.customer_id = NEW.customer_id AND OLD.month = NEW.month
		AND (OLD.first_sale_at IS NULL OR NEW.first_sale_at || '|' || NEW.first_sale_amount <= OLD.first_sale_at || '|' || OLD.first_sale_amount)
		AND (OLD.last_sale_at IS NULL OR NEW.last_sale_at >= OLD.last_sale_at), 0) BEGIN
	DELETE FROM report_customer_tails WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
	INSERT INTO report_customer_tails SELECT * FROM report_customer_tails_source WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
--> statement-breakpoint
-- A month row gone (a void, a merge, a change of zone): the customer's tails are counted again.
CREATE TRIGGER `report_tails_months_delete` AFTER DELETE ON `report_customer_months` WHEN NOT EXISTS (SELECT 1 FROM report_tails_paused) BEGIN
	DELETE FROM report_customer_tails WHERE customer_id = OLD.customer_id;
	INSERT INTO report_customer_tails SELECT * FROM report_customer_tails_source WHERE customer_id = OLD.customer_id;
END;
--> statement-breakpoint
DROP TRIGGER `report_zone_insert`;
--> statement-breakpoint
DROP TRIGGER `report_zone_update`;
--> statement-breakpoint
CREATE TRIGGER `report_zone_insert` AFTER INSERT ON `branch_settings` WHEN NEW.key = 'time_zone' BEGIN
	INSERT OR IGNORE INTO report_tails_paused VALUES (1);
	DELETE FROM report_customer_facts;
	INSERT INTO report_customer_facts SELECT * FROM report_customer_facts_source;
	DELETE FROM report_customer_months;
	INSERT INTO report_customer_months SELECT * FROM report_customer_months_source;
	DELETE FROM report_customer_tails;
	INSERT INTO report_customer_tails SELECT * FROM report_customer_tails_source;
	DELETE FROM report_tails_paused;
END;
--> statement-breakpoint
CREATE TRIGGER `report_zone_update` AFTER UPDATE OF value ON `branch_settings` WHEN NEW.key = 'time_zone' AND OLD.value IS NOT NEW.value BEGIN
	INSERT OR IGNORE INTO report_tails_paused VALUES (1);
	DELETE FROM report_customer_facts;
	INSERT INTO report_customer_facts SELECT * FROM report_customer_facts_source;
	DELETE FROM report_customer_months;
	INSERT INTO report_customer_months SELECT * FROM report_customer_months_source;
	DELETE FROM report_customer_tails;
	INSERT INTO report_customer_tails SELECT * FROM report_customer_tails_source;
	DELETE FROM report_tails_paused;
END;
--> statement-breakpoint
INSERT INTO report_customer_tails SELECT * FROM report_customer_tails_source;
