CREATE TABLE `appointment_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`appointment_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`starts_at` text,
	`technician_name` text,
	`note` text,
	`asset_due_date` text,
	`staff_id` text NOT NULL,
	`staff_name` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointment_events_id_unique` ON `appointment_events` (`id`);--> statement-breakpoint
CREATE INDEX `appointment_events_appointment` ON `appointment_events` (`appointment_id`,`at`);--> statement-breakpoint
CREATE INDEX `appointment_events_customer` ON `appointment_events` (`customer_id`,`at`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`asset_id` text,
	`service_item_id` text NOT NULL,
	`service_sku` text NOT NULL,
	`service_name` text NOT NULL,
	`service_price` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`technician_id` text NOT NULL,
	`technician_name` text NOT NULL,
	`status` text NOT NULL,
	`status_changed_at` text NOT NULL,
	`qc_result` text,
	`notes` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`created_by_name` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_id_unique` ON `appointments` (`id`);--> statement-breakpoint
CREATE INDEX `appointments_customer` ON `appointments` (`customer_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_technician` ON `appointments` (`technician_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_branch_day` ON `appointments` (`branch_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `qc_reports` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`appointment_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`inspected_at` text NOT NULL,
	`inspector_id` text NOT NULL,
	`inspector_name` text NOT NULL,
	`result` text NOT NULL,
	`items` text NOT NULL,
	`notes` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qc_reports_id_unique` ON `qc_reports` (`id`);--> statement-breakpoint
CREATE INDEX `qc_reports_appointment` ON `qc_reports` (`appointment_id`,`inspected_at`);--> statement-breakpoint
CREATE INDEX `qc_reports_customer` ON `qc_reports` (`customer_id`,`inspected_at`);--> statement-breakpoint
-- Appointments, their history and their quality-control reports sync in the
-- customer's scope: the same guards as 0007, writes only through the
-- change-capturing writer or sync's apply, rows never deleted.
CREATE TRIGGER `appointments_guard_insert` BEFORE INSERT ON `appointments` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to appointments outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `appointments_guard_update` BEFORE UPDATE ON `appointments` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to appointments outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `appointments_guard_delete` BEFORE DELETE ON `appointments` BEGIN
	SELECT RAISE(ABORT, 'simpul: appointments are never deleted (cancel them instead)');
END;
--> statement-breakpoint
CREATE TRIGGER `appointment_events_guard_insert` BEFORE INSERT ON `appointment_events` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to appointment_events outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `appointment_events_guard_update` BEFORE UPDATE ON `appointment_events` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to appointment_events outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `appointment_events_guard_delete` BEFORE DELETE ON `appointment_events` BEGIN
	SELECT RAISE(ABORT, 'simpul: the history of an appointment is never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `qc_reports_guard_insert` BEFORE INSERT ON `qc_reports` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to qc_reports outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `qc_reports_guard_update` BEFORE UPDATE ON `qc_reports` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to qc_reports outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `qc_reports_guard_delete` BEFORE DELETE ON `qc_reports` BEGIN
	SELECT RAISE(ABORT, 'simpul: quality-control reports are never deleted');
END;
