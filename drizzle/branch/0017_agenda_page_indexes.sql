-- The agenda's plan page (issue 4: an agenda over 100,000 customers in under
-- 100 ms): the open-plan indexes also carry the branch and the customer, so
-- counting a page's later days and reading its last day whole walk the index
-- instead of looking up every plan row (about 3x faster on the benchmark's
-- branch of 20,000 plans). Same names, same leading columns: nothing else
-- that reads them changes.
DROP INDEX `contact_plans_open_staff`;--> statement-breakpoint
DROP INDEX `contact_plans_open_due`;--> statement-breakpoint
CREATE INDEX `contact_plans_open_staff` ON `contact_plans` (`staff_id`,`due_date`,`due_time`,`branch_id`,`customer_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `contact_plans_open_due` ON `contact_plans` (`due_date`,`due_time`,`branch_id`,`customer_id`) WHERE status = 'open';