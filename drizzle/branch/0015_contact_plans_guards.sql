-- Contact plans and agenda outcomes (T2, T3): the same guards as the other
-- synced tables (0003, 0007): writes only through the change-capturing
-- writer or sync's apply; rows never deleted (a plan is cancelled, an
-- outcome stays). Plus the indexes the reminder rules read by.
CREATE TRIGGER `contact_plans_guard_insert` BEFORE INSERT ON `contact_plans` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to contact_plans outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `contact_plans_guard_update` BEFORE UPDATE ON `contact_plans` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to contact_plans outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `contact_plans_guard_delete` BEFORE DELETE ON `contact_plans` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of contact_plans are never deleted (cancel the plan)');
END;
--> statement-breakpoint
CREATE TRIGGER `agenda_outcomes_guard_insert` BEFORE INSERT ON `agenda_outcomes` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to agenda_outcomes outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `agenda_outcomes_guard_update` BEFORE UPDATE ON `agenda_outcomes` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to agenda_outcomes outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `agenda_outcomes_guard_delete` BEFORE DELETE ON `agenda_outcomes` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of agenda_outcomes are never deleted');
END;
--> statement-breakpoint
-- Birthdays by month and day (MM-DD), whatever the year: the birthday rule reads a few days of it.
CREATE INDEX `customers_birthday` ON `customers` (substr(`birth_date`, 6)) WHERE birth_date IS NOT NULL AND archived_at IS NULL AND deleted = 0;
--> statement-breakpoint
-- Lapsed customers: the most recently lapsed first, without reading every customer.
CREATE INDEX `report_customer_facts_last_sale` ON `report_customer_facts` (`last_sale_at`);
