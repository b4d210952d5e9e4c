-- Reference data (catalogue, sync schema 3): rows written by the head office
-- only, with no customer, pulled by every branch by version after its cursor.
-- caught_up_schema: the sync schema a node's cursor covers. Nodes that exist
-- now have received everything their schema knows.
ALTER TABLE "sync_nodes" ADD COLUMN "caught_up_schema" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "sync_nodes" SET "caught_up_schema" = "schema_version";--> statement-breakpoint
CREATE INDEX "sync_objects_reference_version_idx" ON "sync_objects" USING btree ("version") WHERE customer_id IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "catalogue_items_sku_idx" ON "sync_objects" USING btree ((data->>'sku')) WHERE table_name = 'catalogue_items';
