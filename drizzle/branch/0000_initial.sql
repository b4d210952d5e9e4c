CREATE TABLE `branch_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contact_points` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`phone_kind` text,
	`label` text,
	`whatsapp` integer DEFAULT false NOT NULL,
	`verified` integer DEFAULT false NOT NULL,
	`invalid` integer DEFAULT false NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_points_id_unique` ON `contact_points` (`id`);--> statement-breakpoint
CREATE INDEX `contact_points_customer` ON `contact_points` (`customer_id`,`kind`,`is_primary`);--> statement-breakpoint
CREATE INDEX `contact_points_value` ON `contact_points` (`kind`,`value`);--> statement-breakpoint
CREATE TABLE `customers` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_number` text NOT NULL,
	`full_name` text NOT NULL,
	`sort_name` text NOT NULL,
	`nickname` text,
	`nik` text,
	`birth_date` text,
	`gender` text,
	`occupation` text,
	`address_line` text,
	`city` text,
	`province` text,
	`postal_code` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`lifecycle_stage` text DEFAULT 'new' NOT NULL,
	`notes` text,
	`home_branch_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_by` text NOT NULL,
	`archived_at` text,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_id_unique` ON `customers` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_customer_number_unique` ON `customers` (`customer_number`);--> statement-breakpoint
CREATE INDEX `customers_active_name` ON `customers` (`sort_name`,`seq`) WHERE archived_at IS NULL AND deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_active_created` ON `customers` (`created_at`,`seq`) WHERE archived_at IS NULL AND deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_active_city` ON `customers` (`city`,`sort_name`,`seq`) WHERE archived_at IS NULL AND deleted = 0;--> statement-breakpoint
CREATE INDEX `customers_all_name` ON `customers` (`sort_name`,`seq`);--> statement-breakpoint
CREATE INDEX `customers_nik` ON `customers` (`nik`);--> statement-breakpoint
CREATE INDEX `customers_birth_date` ON `customers` (`birth_date`);--> statement-breakpoint
CREATE TABLE `transactions` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`occurred_at` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`cost` integer DEFAULT 0 NOT NULL,
	`discount` integer DEFAULT 0 NOT NULL,
	`item_count` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transactions_id_unique` ON `transactions` (`id`);--> statement-breakpoint
CREATE INDEX `transactions_customer` ON `transactions` (`customer_id`,`occurred_at`,`amount`);--> statement-breakpoint
CREATE INDEX `transactions_occurred` ON `transactions` (`occurred_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_id_unique` ON `users` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);