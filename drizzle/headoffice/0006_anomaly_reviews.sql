-- Reviewed marks of the head office's anomaly flags (A5). Head-office only:
-- a flag here is judged against every branch's data (a customer's normal
-- over all branches), so the head office's review is its own decision; the
-- branches keep theirs in their local anomaly_reviews, which does not sync.
-- One mark per transaction and rule; marking again changes nothing.
CREATE TABLE "report_anomaly_reviews" (
	"transaction_id" text NOT NULL,
	"rule" text NOT NULL,
	"note" text,
	"reviewed_at" text NOT NULL,
	"reviewed_by" text NOT NULL,
	PRIMARY KEY ("transaction_id", "rule")
);
