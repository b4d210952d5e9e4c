CREATE TABLE "sync_conflicts" (
	"id" text PRIMARY KEY NOT NULL,
	"table_name" text NOT NULL,
	"row_id" text NOT NULL,
	"field" text NOT NULL,
	"customer_id" text,
	"winner_value" jsonb,
	"winner_hlc" text NOT NULL,
	"loser_value" jsonb,
	"loser_hlc" text NOT NULL,
	"detected_seq" bigint NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_by" text,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync_counter" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_customer_scope" (
	"customer_id" text NOT NULL,
	"branch_id" text NOT NULL,
	"reason" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	CONSTRAINT "sync_customer_scope_customer_id_branch_id_pk" PRIMARY KEY("customer_id","branch_id")
);
--> statement-breakpoint
CREATE TABLE "sync_feed" (
	"branch_id" text NOT NULL,
	"table_name" text NOT NULL,
	"row_id" text NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "sync_feed_branch_id_table_name_row_id_pk" PRIMARY KEY("branch_id","table_name","row_id")
);
--> statement-breakpoint
CREATE TABLE "sync_nodes" (
	"node_id" text PRIMARY KEY NOT NULL,
	"branch_id" text NOT NULL,
	"last_seq" bigint NOT NULL,
	"schema_version" integer NOT NULL,
	"pending" integer DEFAULT 0 NOT NULL,
	"clock_skew_ms" bigint DEFAULT 0 NOT NULL,
	"last_pull_cursor" bigint DEFAULT 0 NOT NULL,
	"last_seen_at" timestamp with time zone,
	"last_push_at" timestamp with time zone,
	"last_pull_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync_objects" (
	"table_name" text NOT NULL,
	"row_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"clocks" jsonb NOT NULL,
	"version" bigint NOT NULL,
	"hlc" text NOT NULL,
	"customer_id" text,
	"created_by_branch" text NOT NULL,
	CONSTRAINT "sync_objects_table_name_row_id_pk" PRIMARY KEY("table_name","row_id")
);
--> statement-breakpoint
CREATE TABLE "sync_quarantine" (
	"id" text PRIMARY KEY NOT NULL,
	"branch_id" text NOT NULL,
	"node_id" text NOT NULL,
	"change_seq" bigint NOT NULL,
	"table_name" text NOT NULL,
	"row_id" text NOT NULL,
	"change" jsonb NOT NULL,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sync_conflicts_customer_idx" ON "sync_conflicts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "sync_conflicts_row_idx" ON "sync_conflicts" USING btree ("table_name","row_id");--> statement-breakpoint
CREATE INDEX "sync_customer_scope_branch_idx" ON "sync_customer_scope" USING btree ("branch_id");--> statement-breakpoint
CREATE INDEX "sync_feed_branch_seq_idx" ON "sync_feed" USING btree ("branch_id","seq");--> statement-breakpoint
CREATE INDEX "sync_objects_customer_idx" ON "sync_objects" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "sync_quarantine_branch_idx" ON "sync_quarantine" USING btree ("branch_id");--> statement-breakpoint
INSERT INTO "sync_counter" ("id", "seq") VALUES (1, 0) ON CONFLICT DO NOTHING;
