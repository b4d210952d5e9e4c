CREATE TABLE `catalogue_items` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`category` text NOT NULL,
	`unit_price` integer NOT NULL,
	`unit_cost` integer DEFAULT 0 NOT NULL,
	`duration_minutes` integer,
	`description` text,
	`retired_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalogue_items_id_unique` ON `catalogue_items` (`id`);--> statement-breakpoint
CREATE INDEX `catalogue_items_sku` ON `catalogue_items` (`sku`);--> statement-breakpoint
CREATE INDEX `catalogue_items_name` ON `catalogue_items` (`name`);--> statement-breakpoint
-- The catalogue is reference data: the head office writes it, a pull brings
-- it, and nothing else at the branch may change it. simpul_apply_ok() is
-- raised only inside sync's apply (RowApplier), not by the change-capturing
-- writer, so the branch's own services cannot write it either.
CREATE TRIGGER `catalogue_items_guard_insert` BEFORE INSERT ON `catalogue_items` WHEN simpul_apply_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: catalogue_items is kept by the head office; a branch cannot change it');
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_items_guard_update` BEFORE UPDATE ON `catalogue_items` WHEN simpul_apply_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: catalogue_items is kept by the head office; a branch cannot change it');
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_items_guard_delete` BEFORE DELETE ON `catalogue_items` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of catalogue_items are never deleted (the head office retires them)');
END;
