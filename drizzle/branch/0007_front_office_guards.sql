-- Front office (Customer 360, interaction log, imports, audit log).
-- The new synced tables get the same guards as 0003_sync_guards: writes only
-- through the change-capturing writer or sync's apply; rows never deleted.
-- The audit log is append-only for everyone: no UPDATE, no DELETE.
--> statement-breakpoint
CREATE TRIGGER `customer_relations_guard_insert` BEFORE INSERT ON `customer_relations` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to customer_relations outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `customer_relations_guard_update` BEFORE UPDATE ON `customer_relations` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to customer_relations outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `customer_relations_guard_delete` BEFORE DELETE ON `customer_relations` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of customer_relations are never deleted (use the tombstone)');
END;
--> statement-breakpoint
CREATE TRIGGER `customer_assets_guard_insert` BEFORE INSERT ON `customer_assets` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to customer_assets outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `customer_assets_guard_update` BEFORE UPDATE ON `customer_assets` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to customer_assets outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `customer_assets_guard_delete` BEFORE DELETE ON `customer_assets` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of customer_assets are never deleted (use the tombstone)');
END;
--> statement-breakpoint
CREATE TRIGGER `customer_needs_guard_insert` BEFORE INSERT ON `customer_needs` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to customer_needs outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `customer_needs_guard_update` BEFORE UPDATE ON `customer_needs` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to customer_needs outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `customer_needs_guard_delete` BEFORE DELETE ON `customer_needs` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of customer_needs are never deleted (use the tombstone)');
END;
--> statement-breakpoint
CREATE TRIGGER `customer_sensitive_guard_insert` BEFORE INSERT ON `customer_sensitive` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to customer_sensitive outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `customer_sensitive_guard_update` BEFORE UPDATE ON `customer_sensitive` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to customer_sensitive outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `customer_sensitive_guard_delete` BEFORE DELETE ON `customer_sensitive` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of customer_sensitive are never deleted (use the tombstone)');
END;
--> statement-breakpoint
CREATE TRIGGER `profile_changes_guard_insert` BEFORE INSERT ON `profile_changes` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to profile_changes outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `profile_changes_guard_update` BEFORE UPDATE ON `profile_changes` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to profile_changes outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `profile_changes_guard_delete` BEFORE DELETE ON `profile_changes` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of profile_changes are never deleted (use the tombstone)');
END;
--> statement-breakpoint
CREATE TRIGGER `interactions_guard_insert` BEFORE INSERT ON `interactions` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to interactions outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `interactions_guard_update` BEFORE UPDATE ON `interactions` WHEN simpul_write_ok() = 0 BEGIN
	SELECT RAISE(ABORT, 'simpul: write to interactions outside the sync writer');
END;
--> statement-breakpoint
CREATE TRIGGER `interactions_guard_delete` BEFORE DELETE ON `interactions` BEGIN
	SELECT RAISE(ABORT, 'simpul: rows of interactions are never deleted (use the tombstone)');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN
	SELECT RAISE(ABORT, 'simpul: the audit log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN
	SELECT RAISE(ABORT, 'simpul: the audit log is append-only');
END;
