-- Closed periods from the tails (REQUIREMENTS A8: every report under a
-- second at 1M customers, for any period). A period that ends before the
-- last transaction (a calendar year, a quarter) still added up its month
-- rows: a scan of every month row (3.7 million at 1M) and a GROUP BY per
-- customer, 1.4 s for the RFM of 2025 and 2.9 s with partial months at both
-- ends. Its sums are now the difference of two tails rows (the customer's
-- figures from its first whole month on less those from the month after its
-- last), its first sale the first row's; what was missing is the last
-- purchase before a month: prev_last_sale_at (and its UTC day) on each
-- tails row, the customer's last sale in any earlier month (a running
-- maximum in month order), kept by the same triggers: a month row added or
-- grown raises it on the customer's later rows; the recounts (a void, a
-- merge, a change of zone) read it from the view. The tails are counted
-- again once (about 40 s at 1M customers, as 0019's backfill).
ALTER TABLE `report_customer_tails` ADD `prev_last_sale_at` text;

--> statement-breakpoint
ALTER TABLE `report_customer_tails` ADD `prev_last_sale_day` integer;

--> statement-breakpoint
DROP VIEW `report_customer_tails_source`;

--> statement-breakpoint
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
	unixepoch(min(first_sale_at) OVER (PARTITION BY customer_id ORDER BY month DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) / 86400 AS ever_first_day,
	max(last_sale_at) OVER earlier AS prev_last_sale_at,
	unixepoch(max(last_sale_at) OVER earlier) / 86400 AS prev_last_sale_day
FROM (
	SELECT customer_id, month, min(first_sale_at) AS first_sale_at, max(last_sale_at) AS last_sale_at,
		min(first_sale_at || '|' || first_sale_amount) AS first_key,
		sum(sales) AS sales, sum(sale_days) AS sale_days, sum(sales_amount) AS sales_amount, sum(refund_amount) AS refund_amount,
		sum(sales_cost) - sum(refund_cost) AS cogs, sum(discount) AS discount
	FROM report_customer_months
	GROUP BY customer_id, month
)
WINDOW later AS (PARTITION BY customer_id ORDER BY month DESC ROWS UNBOUNDED PRECEDING),
	earlier AS (PARTITION BY customer_id ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING);

--> statement-breakpoint
DROP TRIGGER `report_tails_months_insert`;

--> statement-breakpoint
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
		coalesce((SELECT x.ever_first_day FROM report_customer_tails x WHERE x.customer_id = NEW.customer_id ORDER BY x.month LIMIT 1), unixepoch(NEW.first_sale_at) / 86400),
		(SELECT max(m.last_sale_at) FROM report_customer_months m WHERE m.customer_id = NEW.customer_id AND m.month < NEW.month),
		unixepoch((SELECT max(m.last_sale_at) FROM report_customer_months m WHERE m.customer_id = NEW.customer_id AND m.month < NEW.month)) / 86400
	FROM (SELECT 1) LEFT JOIN (SELECT * FROM report_customer_tails x WHERE x.customer_id = NEW.customer_id AND x.month > NEW.month ORDER BY x.month LIMIT 1) n
	WHERE NOT EXISTS (SELECT 1 FROM report_customer_tails x WHERE x.month = NEW.month AND x.customer_id = NEW.customer_id);
	UPDATE report_customer_tails SET prev_month = NEW.month
	WHERE customer_id = NEW.customer_id AND month = (SELECT min(x.month) FROM report_customer_tails x WHERE x.customer_id = NEW.customer_id AND x.month > NEW.month);
	UPDATE report_customer_tails SET ever_first_day = unixepoch(NEW.first_sale_at) / 86400
		WHERE customer_id = NEW.customer_id AND NEW.first_sale_at IS NOT NULL AND (ever_first_day IS NULL OR ever_first_day > unixepoch(NEW.first_sale_at) / 86400);
	UPDATE report_customer_tails SET
		prev_last_sale_at = coalesce(max(prev_last_sale_at, NEW.last_sale_at), prev_last_sale_at, NEW.last_sale_at),
		prev_last_sale_day = unixepoch(coalesce(max(prev_last_sale_at, NEW.last_sale_at), prev_last_sale_at, NEW.last_sale_at)) / 86400
	WHERE customer_id = NEW.customer_id AND month > NEW.month AND NEW.last_sale_at IS NOT NULL;
END;

--> statement-breakpoint
DROP TRIGGER `report_tails_months_update`;

--> statement-breakpoint
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
	UPDATE report_customer_tails SET
		prev_last_sale_at = coalesce(max(prev_last_sale_at, NEW.last_sale_at), prev_last_sale_at, NEW.last_sale_at),
		prev_last_sale_day = unixepoch(coalesce(max(prev_last_sale_at, NEW.last_sale_at), prev_last_sale_at, NEW.last_sale_at)) / 86400
	WHERE customer_id = NEW.customer_id AND month > NEW.month AND NEW.last_sale_at IS NOT NULL;
END;

--> statement-breakpoint
DELETE FROM `report_customer_tails`;

--> statement-breakpoint
INSERT INTO `report_customer_tails` SELECT * FROM `report_customer_tails_source`;
