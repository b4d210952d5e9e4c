CREATE TABLE `anomaly_reviews` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`transaction_id` text NOT NULL,
	`rule` text NOT NULL,
	`note` text,
	`reviewed_at` text NOT NULL,
	`reviewed_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `anomaly_reviews_id_unique` ON `anomaly_reviews` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `anomaly_reviews_flag` ON `anomaly_reviews` (`transaction_id`,`rule`);--> statement-breakpoint
CREATE TABLE `prediction_runs` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`as_of` text NOT NULL,
	`bg_nbd` text NOT NULL,
	`bg_nbd_ll` real NOT NULL,
	`gamma_gamma` text,
	`customers` integer NOT NULL,
	`fitted_on` integer NOT NULL,
	`repeat_customers` integer NOT NULL,
	`ms` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prediction_runs_id_unique` ON `prediction_runs` (`id`);--> statement-breakpoint
CREATE INDEX `prediction_runs_created` ON `prediction_runs` (`created_at`);--> statement-breakpoint
CREATE TABLE `report_settings` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_settings_id_unique` ON `report_settings` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `report_settings_key_unique` ON `report_settings` (`key`);--> statement-breakpoint
CREATE TABLE `segments` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`filter` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `segments_id_unique` ON `segments` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `segments_live_name` ON `segments` (`name`) WHERE deleted = 0;