CREATE TABLE `line_items` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`transaction_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`order_id` text,
	`product_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`unit_cost` integer NOT NULL,
	`discount` integer NOT NULL,
	`amount` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `line_items_id_unique` ON `line_items` (`id`);--> statement-breakpoint
CREATE INDEX `line_items_transaction` ON `line_items` (`transaction_id`,`product_id`);--> statement-breakpoint
CREATE INDEX `line_items_product` ON `line_items` (`product_id`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`order_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`position` integer NOT NULL,
	`catalogue_item_id` text NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`list_price` integer NOT NULL,
	`unit_cost` integer NOT NULL,
	`discount_kind` text,
	`discount_value` integer,
	`gross` integer NOT NULL,
	`discount` integer NOT NULL,
	`total` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_lines_id_unique` ON `order_lines` (`id`);--> statement-breakpoint
CREATE INDEX `order_lines_order` ON `order_lines` (`order_id`,`position`);--> statement-breakpoint
CREATE TABLE `orders` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`order_number` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`status` text NOT NULL,
	`discount_kind` text,
	`discount_value` integer,
	`gross` integer NOT NULL,
	`subtotal` integer NOT NULL,
	`line_discounts` integer NOT NULL,
	`order_discount` integer NOT NULL,
	`total` integer NOT NULL,
	`cost` integer NOT NULL,
	`item_count` integer NOT NULL,
	`notes` text,
	`staff_id` text NOT NULL,
	`staff_name` text NOT NULL,
	`transaction_id` text,
	`created_at` text NOT NULL,
	`confirmed_at` text,
	`paid_at` text,
	`completed_at` text,
	`cancelled_at` text,
	`cancel_reason` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_id_unique` ON `orders` (`id`);--> statement-breakpoint
CREATE INDEX `orders_customer` ON `orders` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_created` ON `orders` (`created_at`);--> statement-breakpoint
CREATE INDEX `orders_status` ON `orders` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_number` ON `orders` (`order_number`);--> statement-breakpoint
CREATE TABLE `shipment_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`shipment_id` text NOT NULL,
	`order_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`occurred_at` text NOT NULL,
	`staff_id` text NOT NULL,
	`staff_name` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shipment_events_id_unique` ON `shipment_events` (`id`);--> statement-breakpoint
CREATE INDEX `shipment_events_shipment` ON `shipment_events` (`shipment_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `shipment_events_customer` ON `shipment_events` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `shipments` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`order_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`courier` text NOT NULL,
	`tracking_number` text,
	`address` text,
	`recipient_name` text,
	`recipient_phone` text,
	`status` text NOT NULL,
	`status_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shipments_id_unique` ON `shipments` (`id`);--> statement-breakpoint
CREATE INDEX `shipments_order` ON `shipments` (`order_id`,`created_at`);--> statement-breakpoint
-- Orders and shipments (S2, S3): the same guards as 0003/0007. Writes only
-- through the change-capturing writer or sync's apply; rows never deleted
-- (a removed draft line is a tombstone, a cancelled order keeps its row).
--> statement-breakpoint
CREATE TRIGGER `orders_guard_insert` BEFORE INSERT ON `orders` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to orders outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `orders_guard_update` BEFORE UPDATE ON `orders` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to orders outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `orders_guard_delete` BEFORE DELETE ON `orders` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of orders are never deleted (use the tombstone)');
END;
--> statement-breakpoint
CREATE TRIGGER `order_lines_guard_insert` BEFORE INSERT ON `order_lines` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to order_lines outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `order_lines_guard_update` BEFORE UPDATE ON `order_lines` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to order_lines outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `order_lines_guard_delete` BEFORE DELETE ON `order_lines` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of order_lines are never deleted (use the tombstone)');
END;
--> statement-breakpoint
CREATE TRIGGER `line_items_guard_insert` BEFORE INSERT ON `line_items` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to line_items outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `line_items_guard_update` BEFORE UPDATE ON `line_items` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to line_items outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `line_items_guard_delete` BEFORE DELETE ON `line_items` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of line_items are never deleted (use the tombstone)');
END;
--> statement-breakpoint
CREATE TRIGGER `shipments_guard_insert` BEFORE INSERT ON `shipments` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to shipments outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `shipments_guard_update` BEFORE UPDATE ON `shipments` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to shipments outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `shipments_guard_delete` BEFORE DELETE ON `shipments` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of shipments are never deleted (use the tombstone)');
END;
--> statement-breakpoint
CREATE TRIGGER `shipment_events_guard_insert` BEFORE INSERT ON `shipment_events` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to shipment_events outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `shipment_events_guard_update` BEFORE UPDATE ON `shipment_events` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to shipment_events outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `shipment_events_guard_delete` BEFORE DELETE ON `shipment_events` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of shipment_events are never deleted (use the tombstone)');
END;
