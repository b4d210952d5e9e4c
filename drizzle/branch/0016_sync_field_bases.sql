CREATE TABLE `sync_field_bases` (
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`base_seq` integer NOT NULL,
	PRIMARY KEY(`table_name`, `row_id`, `field`)
);
