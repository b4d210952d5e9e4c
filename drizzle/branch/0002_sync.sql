CREATE TABLE `sync_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`customer_id` text,
	`winner_value` text,
	`loser_value` text,
	`winner_hlc` text NOT NULL,
	`loser_hlc` text NOT NULL,
	`detected_seq` integer NOT NULL,
	`detected_at` text NOT NULL,
	`status` text NOT NULL,
	`resolved_by` text,
	`resolved_at` text,
	`resolution_pending` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_conflicts_status` ON `sync_conflicts` (`status`,`detected_seq`);--> statement-breakpoint
CREATE TABLE `sync_outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`hlc` text NOT NULL,
	`base_seq` integer NOT NULL,
	`fields` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_outbox_row` ON `sync_outbox` (`table_name`,`row_id`);--> statement-breakpoint
CREATE TABLE `sync_rejections` (
	`outbox_seq` integer PRIMARY KEY NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`fields` text NOT NULL,
	`code` text NOT NULL,
	`reason` text NOT NULL,
	`rejected_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_rows` (
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`base_seq` integer NOT NULL,
	PRIMARY KEY(`table_name`, `row_id`)
);
