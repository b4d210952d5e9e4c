-- Consolidated reports (REQUIREMENTS A1, A8 at the head office): every
-- branch's transactions arrive in sync_objects as JSON; reports over all
-- branches read report_customer_facts, one typed row per customer and
-- selling branch, kept by a trigger in the same transaction as each synced
-- change (the branch's report_customer_facts, for the head office).
-- Derived data: report_refresh_customer() rebuilds any customer's rows.
CREATE TABLE "report_customer_facts" (
	"customer_id" text NOT NULL,
	"branch_id" text NOT NULL,
	"first_sale_at" text,
	"last_sale_at" text,
	"sales" integer NOT NULL DEFAULT 0,
	"sale_days" integer NOT NULL DEFAULT 0,
	"sales_amount" bigint NOT NULL DEFAULT 0,
	"sales_cost" bigint NOT NULL DEFAULT 0,
	"refunds" integer NOT NULL DEFAULT 0,
	"refund_amount" bigint NOT NULL DEFAULT 0,
	"refund_cost" bigint NOT NULL DEFAULT 0,
	PRIMARY KEY ("customer_id", "branch_id")
);
--> statement-breakpoint
CREATE INDEX "report_customer_facts_branch" ON "report_customer_facts" ("branch_id");
--> statement-breakpoint
-- Archived or deleted customers are left out of every report; this finds them without reading every customer.
CREATE INDEX "report_customers_gone" ON "sync_objects" ("row_id") WHERE table_name = 'customers' AND (data->>'archived_at' IS NOT NULL OR data->>'deleted' IN ('1', 'true'));
--> statement-breakpoint
CREATE FUNCTION report_refresh_customer(cid text) RETURNS void LANGUAGE sql AS $$
	DELETE FROM report_customer_facts WHERE customer_id = cid;
	INSERT INTO report_customer_facts (customer_id, branch_id, first_sale_at, last_sale_at, sales, sale_days, sales_amount, sales_cost, refunds, refund_amount, refund_cost)
	SELECT cid, t.data->>'branch_id',
		min(t.data->>'occurred_at') FILTER (WHERE t.data->>'kind' = 'sale'),
		max(t.data->>'occurred_at') FILTER (WHERE t.data->>'kind' = 'sale'),
		count(*) FILTER (WHERE t.data->>'kind' = 'sale'),
		count(DISTINCT left(t.data->>'occurred_at', 10)) FILTER (WHERE t.data->>'kind' = 'sale'),
		coalesce(sum((t.data->>'amount')::bigint) FILTER (WHERE t.data->>'kind' = 'sale'), 0),
		coalesce(sum((t.data->>'cost')::bigint) FILTER (WHERE t.data->>'kind' = 'sale'), 0),
		count(*) FILTER (WHERE t.data->>'kind' = 'refund'),
		coalesce(sum((t.data->>'amount')::bigint) FILTER (WHERE t.data->>'kind' = 'refund'), 0),
		coalesce(sum((t.data->>'cost')::bigint) FILTER (WHERE t.data->>'kind' = 'refund'), 0)
	FROM sync_objects t
	WHERE t.table_name = 'transactions' AND t.customer_id = cid AND t.data->>'voided_at' IS NULL
	GROUP BY t.data->>'branch_id';
$$;
--> statement-breakpoint
CREATE FUNCTION report_on_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM report_refresh_customer(NEW.customer_id);
	IF TG_OP = 'UPDATE' AND OLD.customer_id IS DISTINCT FROM NEW.customer_id THEN
		PERFORM report_refresh_customer(OLD.customer_id);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER report_on_transaction AFTER INSERT OR UPDATE ON sync_objects
	FOR EACH ROW WHEN (NEW.table_name = 'transactions') EXECUTE FUNCTION report_on_transaction();
--> statement-breakpoint
-- Backfill: the same rows the function makes, for every customer at once.
INSERT INTO report_customer_facts (customer_id, branch_id, first_sale_at, last_sale_at, sales, sale_days, sales_amount, sales_cost, refunds, refund_amount, refund_cost)
SELECT t.customer_id, t.data->>'branch_id',
	min(t.data->>'occurred_at') FILTER (WHERE t.data->>'kind' = 'sale'),
	max(t.data->>'occurred_at') FILTER (WHERE t.data->>'kind' = 'sale'),
	count(*) FILTER (WHERE t.data->>'kind' = 'sale'),
	count(DISTINCT left(t.data->>'occurred_at', 10)) FILTER (WHERE t.data->>'kind' = 'sale'),
	coalesce(sum((t.data->>'amount')::bigint) FILTER (WHERE t.data->>'kind' = 'sale'), 0),
	coalesce(sum((t.data->>'cost')::bigint) FILTER (WHERE t.data->>'kind' = 'sale'), 0),
	count(*) FILTER (WHERE t.data->>'kind' = 'refund'),
	coalesce(sum((t.data->>'amount')::bigint) FILTER (WHERE t.data->>'kind' = 'refund'), 0),
	coalesce(sum((t.data->>'cost')::bigint) FILTER (WHERE t.data->>'kind' = 'refund'), 0)
FROM sync_objects t
WHERE t.table_name = 'transactions' AND t.customer_id IS NOT NULL AND t.data->>'voided_at' IS NULL
GROUP BY t.customer_id, t.data->>'branch_id';
