CREATE TABLE `agenda_outcomes` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`source` text NOT NULL,
	`plan_id` text,
	`occasion` text NOT NULL,
	`action` text NOT NULL,
	`due_date` text NOT NULL,
	`new_date` text,
	`reason` text,
	`interaction_id` text,
	`staff_id` text NOT NULL,
	`staff_name` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agenda_outcomes_id_unique` ON `agenda_outcomes` (`id`);--> statement-breakpoint
CREATE INDEX `agenda_outcomes_occasion` ON `agenda_outcomes` (`customer_id`,`source`,`occasion`);--> statement-breakpoint
CREATE INDEX `agenda_outcomes_plan` ON `agenda_outcomes` (`plan_id`);--> statement-breakpoint
CREATE TABLE `contact_plans` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`staff_name` text NOT NULL,
	`channel` text NOT NULL,
	`purpose` text NOT NULL,
	`reason` text,
	`first_date` text NOT NULL,
	`due_date` text NOT NULL,
	`due_time` text,
	`recurrence_unit` text,
	`recurrence_every` integer,
	`until_date` text,
	`occurrence` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_plans_id_unique` ON `contact_plans` (`id`);--> statement-breakpoint
CREATE INDEX `contact_plans_open_staff` ON `contact_plans` (`staff_id`,`due_date`,`due_time`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `contact_plans_open_due` ON `contact_plans` (`due_date`,`due_time`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `contact_plans_customer` ON `contact_plans` (`customer_id`,`due_date`);