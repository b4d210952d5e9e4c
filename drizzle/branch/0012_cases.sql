CREATE TABLE `case_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`case_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`from_value` text,
	`to_value` text,
	`note` text,
	`staff_id` text NOT NULL,
	`staff_name` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_events_id_unique` ON `case_events` (`id`);--> statement-breakpoint
CREATE INDEX `case_events_case` ON `case_events` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `cases` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`case_number` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`category` text NOT NULL,
	`priority` text NOT NULL,
	`subject` text NOT NULL,
	`description` text,
	`department` text NOT NULL,
	`routed_by` text NOT NULL,
	`assignee_id` text,
	`assignee_name` text,
	`status` text NOT NULL,
	`opened_at` text NOT NULL,
	`opened_by` text NOT NULL,
	`opened_by_name` text NOT NULL,
	`first_response_due_at` text NOT NULL,
	`first_responded_at` text,
	`sla_due_at` text NOT NULL,
	`head_office_due_at` text NOT NULL,
	`resolved_at` text,
	`closed_at` text,
	`resolution` text,
	`satisfaction` integer,
	`satisfaction_note` text,
	`escalation_level` integer DEFAULT 0 NOT NULL,
	`escalated_at` text,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_id_unique` ON `cases` (`id`);--> statement-breakpoint
CREATE INDEX `cases_customer` ON `cases` (`customer_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `cases_status` ON `cases` (`status`,`sla_due_at`);--> statement-breakpoint
CREATE INDEX `cases_opened` ON `cases` (`opened_at`);--> statement-breakpoint
CREATE INDEX `cases_number` ON `cases` (`case_number`);--> statement-breakpoint
CREATE INDEX `cases_assignee` ON `cases` (`assignee_id`,`status`);--> statement-breakpoint
-- Cases and their history are synced: written only through the change-capturing
-- writer or sync's apply, never deleted (0003/0007 guards). History rows are
-- append-only for everyone: an UPDATE is refused outside sync's apply.
CREATE TRIGGER `cases_guard_insert` BEFORE INSERT ON `cases` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to cases outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `cases_guard_update` BEFORE UPDATE ON `cases` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to cases outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `cases_guard_delete` BEFORE DELETE ON `cases` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of cases are never deleted (use the tombstone)');
END;
--> statement-breakpoint
CREATE TRIGGER `case_events_guard_insert` BEFORE INSERT ON `case_events` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to case_events outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `case_events_guard_update` BEFORE UPDATE ON `case_events` WHEN simpul_apply_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: case history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `case_events_guard_delete` BEFORE DELETE ON `case_events` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of case_events are never deleted');
END;
