CREATE TABLE "admin_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "branch_credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"branch_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "branches" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	CONSTRAINT "branches_code_format" CHECK ("branches"."code" ~ '^[A-Z0-9]{2,8}$'),
	CONSTRAINT "branches_time_zone_known" CHECK ("branches"."time_zone" in ('WIB', 'WITA', 'WIT')),
	CONSTRAINT "branches_status_known" CHECK ("branches"."status" in ('active', 'revoked')),
	CONSTRAINT "branches_revoked_has_time" CHECK (("branches"."status" = 'revoked') = ("branches"."revoked_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "enrolment_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"branch_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"invalidated_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "branch_credentials" ADD CONSTRAINT "branch_credentials_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_tokens" ADD CONSTRAINT "enrolment_tokens_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "admin_tokens_hash_unique" ON "admin_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "branch_credentials_secret_unique" ON "branch_credentials" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "branch_credentials_branch_idx" ON "branch_credentials" USING btree ("branch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "branches_code_unique" ON "branches" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_tokens_hash_unique" ON "enrolment_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "enrolment_tokens_branch_idx" ON "enrolment_tokens" USING btree ("branch_id");