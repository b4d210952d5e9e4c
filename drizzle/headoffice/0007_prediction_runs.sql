-- Fitted prediction models of the head office (A7): BG/NBD with Gamma-Gamma,
-- one run per scope ('*' for every branch together, else the selling
-- branch's id), period (from, to: '' when open) and day the histories are
-- counted to (as_of_day, days since 1970-01-01). The report fits a scope
-- the first time that key is asked for and scores from the stored run
-- after that, so opening, filtering, exporting or comparing the report
-- again costs the scoring only; a refit (`refit`) replaces the runs. The
-- key holds the day, so a model is at most a day old. Derived data: deleting
-- rows here only makes the next report fit again.
CREATE TABLE "report_prediction_runs" (
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"as_of_day" integer NOT NULL,
	"scope" text NOT NULL,
	"bg_nbd" jsonb NOT NULL,
	"log_likelihood" double precision NOT NULL,
	"converged" boolean NOT NULL,
	"gamma_gamma" jsonb,
	"customers" integer NOT NULL,
	"fitted_on" integer NOT NULL,
	"repeat_customers" integer NOT NULL,
	"ms" integer NOT NULL,
	"fitted_at" text NOT NULL,
	PRIMARY KEY ("period_from", "period_to", "as_of_day", "scope")
);
