CREATE TABLE `customer_assets` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`identifier` text,
	`year` integer,
	`due_kind` text,
	`due_date` text,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_assets_id_unique` ON `customer_assets` (`id`);--> statement-breakpoint
CREATE INDEX `customer_assets_customer` ON `customer_assets` (`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_assets_due` ON `customer_assets` (`due_date`) WHERE deleted = 0 AND due_date IS NOT NULL;--> statement-breakpoint
CREATE TABLE `customer_needs` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`staff_id` text NOT NULL,
	`staff_name` text NOT NULL,
	`created_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_needs_id_unique` ON `customer_needs` (`id`);--> statement-breakpoint
CREATE INDEX `customer_needs_customer` ON `customer_needs` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `customer_relations` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_id` text NOT NULL,
	`related_customer_id` text NOT NULL,
	`relation` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_relations_id_unique` ON `customer_relations` (`id`);--> statement-breakpoint
CREATE INDEX `customer_relations_customer` ON `customer_relations` (`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_relations_related` ON `customer_relations` (`related_customer_id`);--> statement-breakpoint
CREATE TABLE `customer_sensitive` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_id` text NOT NULL,
	`health_conditions` text,
	`financial_notes` text,
	`children` text,
	`export_consent` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_sensitive_id_unique` ON `customer_sensitive` (`id`);--> statement-breakpoint
CREATE TABLE `profile_changes` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`changed_at` text NOT NULL,
	`source` text NOT NULL,
	`fields` text NOT NULL,
	`staff_id` text NOT NULL,
	`staff_name` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `profile_changes_id_unique` ON `profile_changes` (`id`);--> statement-breakpoint
CREATE INDEX `profile_changes_customer` ON `profile_changes` (`customer_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `interactions` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`occurred_at` text NOT NULL,
	`channel` text NOT NULL,
	`direction` text NOT NULL,
	`exchange` text NOT NULL,
	`purpose` text NOT NULL,
	`outcome` text NOT NULL,
	`duration_minutes` integer,
	`notes` text,
	`staff_id` text NOT NULL,
	`staff_name` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interactions_id_unique` ON `interactions` (`id`);--> statement-breakpoint
CREATE INDEX `interactions_customer` ON `interactions` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `interactions_occurred` ON `interactions` (`occurred_at`);--> statement-breakpoint
CREATE TABLE `import_batches` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`status` text NOT NULL,
	`on_error` text NOT NULL,
	`mapping` text NOT NULL,
	`total_rows` integer DEFAULT 0 NOT NULL,
	`valid_rows` integer DEFAULT 0 NOT NULL,
	`invalid_rows` integer DEFAULT 0 NOT NULL,
	`created_count` integer DEFAULT 0 NOT NULL,
	`updated_count` integer DEFAULT 0 NOT NULL,
	`unchanged_count` integer DEFAULT 0 NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`created_by` text NOT NULL,
	`created_by_name` text NOT NULL,
	`undone_at` text,
	`undone_by_name` text,
	`undo_summary` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_batches_id_unique` ON `import_batches` (`id`);--> statement-breakpoint
CREATE INDEX `import_batches_started` ON `import_batches` (`started_at`);--> statement-breakpoint
CREATE TABLE `import_issues` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`batch_id` text NOT NULL,
	`row_number` integer NOT NULL,
	`column_name` text,
	`field` text,
	`code` text NOT NULL,
	`value` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_issues_id_unique` ON `import_issues` (`id`);--> statement-breakpoint
CREATE INDEX `import_issues_batch` ON `import_issues` (`batch_id`,`row_number`);--> statement-breakpoint
CREATE TABLE `import_journal` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`batch_id` text NOT NULL,
	`row_number` integer NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_journal_id_unique` ON `import_journal` (`id`);--> statement-breakpoint
CREATE INDEX `import_journal_batch` ON `import_journal` (`batch_id`,`seq`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`at` text NOT NULL,
	`user_id` text NOT NULL,
	`username` text NOT NULL,
	`role` text NOT NULL,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text,
	`detail` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_id_unique` ON `audit_log` (`id`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_subject` ON `audit_log` (`subject_type`,`subject_id`);--> statement-breakpoint
ALTER TABLE `customers` ADD `hobbies` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `likes` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `dislikes` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `ambitions` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `shopping_habits` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `preferred_channel` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `preferred_contact_time` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `preferred_language` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `external_ref` text;--> statement-breakpoint
CREATE INDEX `customers_external_ref` ON `customers` (`external_ref`);--> statement-breakpoint
ALTER TABLE `transactions` ADD `voided_at` text;