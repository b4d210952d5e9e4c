CREATE TABLE "customer_merge_log" (
	"id" text PRIMARY KEY NOT NULL,
	"candidate_id" text,
	"winner_id" text NOT NULL,
	"loser_id" text NOT NULL,
	"redirected" jsonb NOT NULL,
	"loser_archived_at_before" text,
	"merged_at" timestamp with time zone NOT NULL,
	"merged_by" text NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" text
);
--> statement-breakpoint
CREATE TABLE "duplicate_candidates" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_a" text NOT NULL,
	"customer_b" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"score" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "duplicate_candidates_pair" ON "duplicate_candidates" USING btree ("customer_a","customer_b");--> statement-breakpoint
CREATE INDEX "duplicate_candidates_status" ON "duplicate_candidates" USING btree ("status");--> statement-breakpoint
-- Lookups by the keys customers are matched on (fetch on demand, duplicate detection).
CREATE INDEX "sync_objects_contact_value_idx" ON "sync_objects" ((data->>'value')) WHERE table_name = 'contact_points';--> statement-breakpoint
CREATE INDEX "sync_objects_customer_number_idx" ON "sync_objects" ((data->>'customer_number')) WHERE table_name = 'customers';--> statement-breakpoint
CREATE INDEX "sync_objects_nik_idx" ON "sync_objects" ((data->>'nik')) WHERE table_name = 'customers';--> statement-breakpoint
CREATE INDEX "sync_objects_birth_date_idx" ON "sync_objects" ((data->>'birth_date')) WHERE table_name = 'customers';
