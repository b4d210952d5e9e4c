-- No write path can bypass change capture (sync invariant 1): every write to
-- a synced table must come through the branch core's writer, which records
-- the change in sync_outbox in the same transaction, or through sync's own
-- apply. The core registers simpul_write_ok() on its connection and raises it
-- only inside those two paths; any other writer, including another program
-- opening the file, is refused. Rows are never deleted: deletes are tombstones.
--> statement-breakpoint
CREATE TRIGGER `customers_guard_insert` BEFORE INSERT ON `customers` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to customers outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `customers_guard_update` BEFORE UPDATE ON `customers` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to customers outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `customers_guard_delete` BEFORE DELETE ON `customers` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of customers are never deleted (use the tombstone)');
END;
--> statement-breakpoint
CREATE TRIGGER `contact_points_guard_insert` BEFORE INSERT ON `contact_points` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to contact_points outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `contact_points_guard_update` BEFORE UPDATE ON `contact_points` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to contact_points outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `contact_points_guard_delete` BEFORE DELETE ON `contact_points` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of contact_points are never deleted (use the tombstone)');
END;
--> statement-breakpoint
CREATE TRIGGER `transactions_guard_insert` BEFORE INSERT ON `transactions` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to transactions outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `transactions_guard_update` BEFORE UPDATE ON `transactions` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to transactions outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `transactions_guard_delete` BEFORE DELETE ON `transactions` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of transactions are never deleted (use the tombstone)');
END;
